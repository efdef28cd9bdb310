#include "AccountTestSupport.h"
#include "GuiChecks.h"
#include "GuiSupport.h"
#include "TestSupport.h"
#include "WindowChecks.h"

#include "MainWindow.h"
#include "models/CaseloadModel.h"
#include "pathway/core/IncomeThresholds.h"
#include "pathway/core/RuleBase.h"
#include "pathway/core/StrategyEngine.h"
#include "pathway/storage/Dashboard.h"
#include "pathway/storage/Database.h"
#include "pathway/storage/DemoData.h"
#include "pathway/storage/Supervision.h"
#include "pathway/storage/UserRepository.h"
#include "supervisor/ClientListModel.h"
#include "supervisor/DashboardChart.h"
#include "supervisor/DashboardTableModel.h"
#include "supervisor/DashboardWindow.h"
#include "workspace/ClientWindow.h"

#include <QAbstractItemModelTester>
#include <QCheckBox>
#include <QComboBox>
#include <QDir>
#include <QHeaderView>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QSqlQuery>
#include <QTableView>
#include <QTemporaryDir>

#include <catch2/catch.hpp>

using namespace pathway;

namespace {

struct Fixture
{
    QTemporaryDir dir;
    std::unique_ptr<Database> db;
    StrategyEngine engine{RuleBase::builtIn(), IncomeThresholds::builtIn()};

    explicit Fixture(int clients = 300)
    {
        auto opened = test::openAsSystem(dir.filePath(QStringLiteral("dash.sqlite")));
        REQUIRE(opened.ok());
        db = std::move(opened.value());
        REQUIRE(addDemoCaseload(*db, engine, clients, 3, test::today()).ok());
    }
    void actAs(const char *username)
    {
        auto user = UserRepository(*db).find(QString::fromLatin1(username));
        REQUIRE(user.ok());
        REQUIRE(user->has_value());
        db->setActor(Actor::person(**user));
    }
    QVector<qint64> ids(const QString &sql)
    {
        QSqlQuery q(db->connection());
        INFO(sql.toStdString());
        REQUIRE(q.exec(sql));
        QVector<qint64> out;
        while (q.next())
            out.append(q.value(0).toLongLong());
        return out;
    }
    void exec(const QString &sql)
    {
        QSqlQuery q(db->connection());
        INFO(sql.toStdString());
        REQUIRE(q.exec(sql));
    }
};

const QString kActive = QStringLiteral("SELECT c.id FROM clients c LEFT JOIN users u ON u.id = "
                                       "c.counselor_id WHERE c.status = 'active'");
const QString kOrder = QStringLiteral(" ORDER BY c.name_sort_key, c.id");
const QString kOverdue = QStringLiteral(
    " AND EXISTS (SELECT 1 FROM plans p JOIN plan_steps s ON s.plan_id = p.id WHERE p.client_id "
    "= c.id AND p.version = (SELECT max(v.version) FROM plans v WHERE v.client_id = c.id) AND "
    "s.status IN ('planned', 'in_progress') AND s.due_date < '2026-11-23')");

void click(QTableView *view, const QModelIndex &index)
{
    view->scrollTo(index);
    QTest::mouseClick(view->viewport(), Qt::LeftButton, {}, view->visualRect(index).center());
}

int barOf(DashboardChart *chart, const QString &key)
{
    for (int i = 0; i < chart->bars().size(); ++i) {
        if (chart->bars()[i].key == key)
            return i;
    }
    return -1;
}

} // namespace

TEST_CASE("The dashboard lists the clients behind a clicked cell or bar, as SQL finds them")
{
    Fixture f;
    f.actAs("sreyes");
    DashboardWindow window(*f.db);
    window.setToday(test::today());
    window.show();
    REQUIRE(test::activate(&window));
    QAbstractItemModelTester tableTester(window.tableModel(),
                                         QAbstractItemModelTester::FailureReportingMode::Fatal);
    QAbstractItemModelTester listTester(window.clientListModel(),
                                        QAbstractItemModelTester::FailureReportingMode::Fatal);

    // Five counselors and the total; the filter starts at active clients.
    DashboardTableModel *model = window.tableModel();
    REQUIRE(model->rowCount() == 6);
    CHECK(model->data(model->index(0, DashboardTableModel::CounselorColumn)).toString() ==
          QStringLiteral("Ana García"));
    CHECK(model->data(model->index(5, DashboardTableModel::CounselorColumn)).toString() ==
          QStringLiteral("All counselors"));
    CHECK(model->data(model->index(5, DashboardTableModel::ActiveColumn)).toInt() ==
          f.ids(kActive).size());

    // A cell: Bảo Nguyễn's clients with overdue steps.
    auto *table = window.findChild<QTableView *>(QStringLiteral("dashboardTableView"));
    REQUIRE(table);
    const int row = model->rowOfKey(QStringLiteral("bnguyen"));
    REQUIRE(row >= 0);
    click(table, model->index(row, DashboardTableModel::OverdueClientsColumn));
    const QVector<qint64> overdue =
        f.ids(kActive + QStringLiteral(" AND u.username = 'bnguyen'") + kOverdue + kOrder);
    REQUIRE_FALSE(overdue.isEmpty());
    CHECK(window.listedClients() == overdue);
    CHECK(window.clientListModel()->rowCount() == overdue.size());
    CHECK(model->data(model->index(row, DashboardTableModel::OverdueClientsColumn)).toInt() ==
          overdue.size());
    auto *caption = window.findChild<QLabel *>(QStringLiteral("dashboardListCaption"));
    CHECK(caption->text().contains(QStringLiteral("Bảo Nguyễn")));

    // The keyboard moves through the cells: one to the left is the same
    // counselor's overdue steps (the same clients), one up another counselor.
    table->setFocus();
    QTest::keyClick(table, Qt::Key_Up);
    const QString above = model->keyAt(row - 1);
    CHECK(window.listedClients() ==
          f.ids(kActive + QStringLiteral(" AND u.username = '%1'").arg(above) + kOverdue + kOrder));

    // A bar: the clients with a transport barrier.
    DashboardChart *barriers = window.chart(DashboardWindow::BarrierChart);
    const int transport = barOf(barriers, QStringLiteral("transport"));
    REQUIRE(transport >= 0);
    const QString withTransport = QStringLiteral(
        " AND c.id IN (SELECT client_id FROM client_barriers WHERE code = 'transport')");
    QTest::mouseClick(barriers->viewport(), Qt::LeftButton, {}, barriers->barCenter(transport));
    CHECK(window.listedFigure() == dashboard::Figure::Barrier);
    CHECK(window.listedClients() == f.ids(kActive + withTransport + kOrder));
    CHECK(barriers->bars()[transport].value == f.ids(kActive + withTransport).size());

    // A filter narrows the figures and the listed clients at once: low incomes.
    auto *bracket = window.findChild<QComboBox *>(QStringLiteral("bracketComboBox"));
    bracket->setFocus();
    QTest::keyClicks(bracket, QStringLiteral("Low"));
    CHECK(bracket->currentData().toString() == QStringLiteral("low"));
    CHECK(
        window.listedClients() ==
        f.ids(kActive + withTransport + QStringLiteral(" AND c.income_bracket = 'low'") + kOrder));
    // Overdue only, by the keyboard (Alt+O; the check box clicks itself a moment later).
    auto *overdueOnly = window.findChild<QCheckBox *>(QStringLiteral("overdueOnlyCheckBox"));
    QTest::keyClick(&window, Qt::Key_O, Qt::AltModifier);
    CHECK(QTest::qWaitFor([&] { return overdueOnly->isChecked(); }));
    CHECK(window.listedClients() ==
          f.ids(kActive + withTransport + QStringLiteral(" AND c.income_bracket = 'low'") +
                kOverdue + kOrder));

    // A chart by the keyboard: the completion chart's first bar (a counselor), Enter.
    DashboardChart *completion = window.chart(DashboardWindow::CompletionChart);
    completion->setFocus();
    QTest::keyClick(completion, Qt::Key_Home);
    QTest::keyClick(completion, Qt::Key_Return);
    CHECK(window.listedFigure() == dashboard::Figure::Completion);
    // (The filter, not the barrier bar listed before, applies.)
    CHECK(window.listedClients() ==
          f.ids(kActive +
                QStringLiteral(" AND c.income_bracket = 'low' AND u.username = '%1'")
                    .arg(completion->bars().first().key) +
                kOverdue + kOrder));

    // Enter and double-click on a listed client ask the main window to open it.
    QSignalSpy opened(&window, &DashboardWindow::clientActivated);
    auto *list = window.findChild<QTableView *>(QStringLiteral("dashboardClientsTableView"));
    REQUIRE(window.clientListModel()->rowCount() > 0);
    list->setFocus();
    list->setCurrentIndex(window.clientListModel()->index(0, 0));
    QTest::keyClick(list, Qt::Key_Return);
    REQUIRE(opened.size() == 1);
    CHECK(opened.takeFirst().at(0).toLongLong() == window.listedClients().first());
    REQUIRE(window.clientListModel()->rowCount() > 1);
    const QModelIndex second = window.clientListModel()->index(1, ClientListModel::NameColumn);
    // (QTest's double-click is the second click only: the first comes before.)
    QTest::mouseClick(list->viewport(), Qt::LeftButton, {}, list->visualRect(second).center());
    CHECK(opened.isEmpty()); // a single click only selects
    QTest::mouseDClick(list->viewport(), Qt::LeftButton, {}, list->visualRect(second).center());
    REQUIRE(opened.size() == 1);
    CHECK(opened.takeFirst().at(0).toLongLong() == window.listedClients().at(1));
}

TEST_CASE("The dashboard's intake chart and no-contact spin box drill down like SQL")
{
    Fixture f(120);
    // Intakes over the last 14 months; notes for some clients.
    f.exec(QStringLiteral("UPDATE clients SET created_at = strftime('%Y-%m-%dT%H:%M:%SZ', "
                          "'2026-11-23', '-' || ((id * 31) % 420) || ' days')"));
    f.exec(QStringLiteral("INSERT INTO case_notes (client_id, author, body, created_at) SELECT "
                          "id, 'agarcia', 'Call', strftime('%Y-%m-%dT%H:%M:%SZ', '2026-11-23', "
                          "'-' || ((id * 7) % 50) || ' days') FROM clients WHERE id % 2 = 0"));
    f.actAs("sreyes");
    DashboardWindow window(*f.db);
    window.setToday(test::today());
    window.show();
    REQUIRE(QTest::qWaitForWindowExposed(&window));

    // The last bar is November 2026, chosen with End and Space.
    DashboardChart *intakes = window.chart(DashboardWindow::IntakeChart);
    REQUIRE(intakes->bars().size() == 12);
    CHECK(intakes->bars().last().key == QStringLiteral("2026-11"));
    intakes->setFocus();
    QTest::keyClick(intakes, Qt::Key_End);
    QTest::keyClick(intakes, Qt::Key_Space);
    const QString from = QDate(2026, 11, 1).startOfDay().toUTC().toString(Qt::ISODate);
    const QString to = QDate(2026, 12, 1).startOfDay().toUTC().toString(Qt::ISODate);
    CHECK(window.listedClients() ==
          f.ids(kActive +
                QStringLiteral(" AND c.created_at >= '%1' AND c.created_at < '%2'").arg(from, to) +
                kOrder));

    // No contact in 10 days: the agency total's cell, then the spin box changes it.
    DashboardTableModel *model = window.tableModel();
    auto *table = window.findChild<QTableView *>(QStringLiteral("dashboardTableView"));
    auto *days = window.findChild<QSpinBox *>(QStringLiteral("noContactSpinBox"));
    test::retype(days, QStringLiteral("10"));
    QTest::keyClick(days, Qt::Key_Tab);
    click(table, model->index(model->rowCount() - 1, DashboardTableModel::NoContactColumn));
    const QString cutoff = QDate(2026, 11, 14).startOfDay().toUTC().toString(Qt::ISODate);
    const QString noContact = QStringLiteral(" AND NOT EXISTS (SELECT 1 FROM case_notes n WHERE "
                                             "n.client_id = c.id AND n.created_at >= '%1')");
    CHECK(window.listedClients() == f.ids(kActive + noContact.arg(cutoff) + kOrder));
    CHECK(table->model()
              ->headerData(DashboardTableModel::NoContactColumn, Qt::Horizontal)
              .toString()
              .contains(QStringLiteral("10+")));
    test::retype(days, QStringLiteral("40"));
    QTest::keyClick(days, Qt::Key_Tab);
    const QString cutoff40 = QDate(2026, 10, 15).startOfDay().toUTC().toString(Qt::ISODate);
    CHECK(window.listedClients() == f.ids(kActive + noContact.arg(cutoff40) + kOrder));
}

TEST_CASE("A counselor's dashboard shows their own figures only")
{
    Fixture f(150);
    f.actAs("cokafor");
    DashboardWindow window(*f.db);
    window.setToday(test::today());
    window.show();
    REQUIRE(test::activate(&window));
    DashboardTableModel *model = window.tableModel();
    REQUIRE(model->rowCount() == 2); // cokafor and the total
    CHECK(model->keyAt(0) == QStringLiteral("cokafor"));
    const QVector<qint64> mine =
        f.ids(kActive + QStringLiteral(" AND u.username = 'cokafor'") + kOrder);
    CHECK(model->data(model->index(1, DashboardTableModel::ActiveColumn)).toInt() == mine.size());
    CHECK_FALSE(window.findChild<QComboBox *>(QStringLiteral("counselorComboBox"))->isEnabled());
    auto *table = window.findChild<QTableView *>(QStringLiteral("dashboardTableView"));
    click(table, model->index(1, DashboardTableModel::ActiveColumn));
    CHECK(window.listedClients() == mine);

    // Someone else signs in at the same desk: the next filter change reloads for them.
    f.actAs("sreyes");
    auto *overdueOnly = window.findChild<QCheckBox *>(QStringLiteral("overdueOnlyCheckBox"));
    QTest::keyClick(&window, Qt::Key_O, Qt::AltModifier);
    CHECK(QTest::qWaitFor([&] { return overdueOnly->isChecked(); }));
    CHECK(model->rowCount() == 6);
    CHECK(window.findChild<QComboBox *>(QStringLiteral("counselorComboBox"))->isEnabled());

    // Nobody signed in: nothing is shown, and the status bar says why.
    f.db->setActor(Actor::nobody());
    CHECK_FALSE(window.refresh());
    CHECK(model->rowCount() == 1);
    CHECK(window.clientListModel()->rowCount() == 0);
}

TEST_CASE("The dashboard fits a small screen with a panel, and its client list clips no column")
{
    Fixture f(300);
    f.actAs("sreyes");
    DashboardWindow window(*f.db);
    window.setToday(test::today());
    window.show();
    REQUIRE(QTest::qWaitForWindowExposed(&window));
    CHECK_WINDOW_FITS(&window);
    CHECK(window.windowTitle() == QStringLiteral("Caseload dashboard"));

    // Every active client of the agency, whose plans are in every review state.
    DashboardTableModel *model = window.tableModel();
    auto *table = window.findChild<QTableView *>(QStringLiteral("dashboardTableView"));
    click(table, model->index(model->rowCount() - 1, DashboardTableModel::ActiveColumn));
    auto *list = window.findChild<QTableView *>(QStringLiteral("dashboardClientsTableView"));
    ClientListModel *clients = window.clientListModel();
    REQUIRE(clients->rowCount() > 20);
    QApplication::processEvents();
    // Each text shown fits its column, headers included, and no column is
    // scrolled off to the right.
    const QFontMetrics cell(list->font());
    const QFontMetrics head(list->horizontalHeader()->font());
    QSet<QString> reviews;
    for (int column = 0; column < ClientListModel::ColumnCount; ++column) {
        if (list->isColumnHidden(column))
            continue;
        const int width = list->columnWidth(column);
        const QString header = clients->headerData(column, Qt::Horizontal).toString();
        INFO("column " << header.toStdString() << " is " << width << " wide");
        CHECK(head.horizontalAdvance(header) + 8 <= width);
        CHECK(list->columnViewportPosition(column) + width <= list->viewport()->width());
        if (column == ClientListModel::NameColumn) {
            CHECK(width >= cell.averageCharWidth() * 16); // a name has room
            continue;
        }
        for (int row = 0; row < clients->rowCount(); ++row) {
            const QString text = clients->data(clients->index(row, column)).toString();
            if (column == ClientListModel::ReviewColumn)
                reviews.insert(text);
            INFO(text.toStdString());
            CHECK(cell.horizontalAdvance(text) + 6 <= width);
        }
    }
    CHECK(reviews.contains(reviewStatusLabel(ReviewStatus::Returned)));
    CHECK(reviews.contains(reviewStatusLabel(ReviewStatus::Pending)));
}

TEST_CASE("Only the figure or bar clicked last shows as chosen")
{
    Fixture f(120);
    f.actAs("sreyes");
    DashboardWindow window(*f.db);
    window.setToday(test::today());
    window.show();
    REQUIRE(test::activate(&window));
    DashboardTableModel *model = window.tableModel();
    auto *table = window.findChild<QTableView *>(QStringLiteral("dashboardTableView"));
    DashboardChart *barriers = window.chart(DashboardWindow::BarrierChart);
    DashboardChart *brackets = window.chart(DashboardWindow::BracketChart);

    click(table, model->index(0, DashboardTableModel::OverdueClientsColumn));
    CHECK(table->selectionModel()->isSelected(
        model->index(0, DashboardTableModel::OverdueClientsColumn)));

    // A bar: the table's cell is no longer shown as chosen.
    QTest::mouseClick(barriers->viewport(), Qt::LeftButton, {}, barriers->barCenter(1));
    CHECK(window.listedFigure() == dashboard::Figure::Barrier);
    CHECK(barriers->currentBar() == 1);
    CHECK_FALSE(table->selectionModel()->hasSelection());

    // A bar of another chart: the first chart's bar is not either.
    QTest::mouseClick(brackets->viewport(), Qt::LeftButton, {}, brackets->barCenter(0));
    CHECK(window.listedFigure() == dashboard::Figure::Bracket);
    CHECK(brackets->currentBar() == 0);
    CHECK(barriers->currentBar() == -1);

    // A filter change keeps the one chosen, alone.
    auto *overdueOnly = window.findChild<QCheckBox *>(QStringLiteral("overdueOnlyCheckBox"));
    overdueOnly->click();
    CHECK(brackets->currentBar() == 0);
    CHECK(barriers->currentBar() == -1);
    CHECK_FALSE(table->selectionModel()->hasSelection());

    // Back to a cell: no bar is chosen any more.
    click(table, model->index(1, DashboardTableModel::ActiveColumn));
    CHECK(window.listedFigure() == dashboard::Figure::ActiveClients);
    for (int c = 0; c < DashboardWindow::ChartCount; ++c)
        CHECK(window.chart(DashboardWindow::Chart(c))->currentBar() == -1);
    CHECK(table->selectionModel()->selectedIndexes() ==
          QModelIndexList{model->index(1, DashboardTableModel::ActiveColumn)});
}

TEST_CASE("The dashboard counts again after a review or a reassignment made from it")
{
    Fixture f(150);
    f.actAs("sreyes");
    MainWindow main(*f.db, f.engine);
    main.setToday(test::today());
    main.show();
    DashboardWindow *window = main.showDashboard();
    REQUIRE(test::activate(window));
    DashboardTableModel *model = window->tableModel();
    const int total = model->rowCount() - 1;
    auto awaiting = [&] {
        return model->data(model->index(total, DashboardTableModel::ReviewColumn)).toInt();
    };
    const int before = awaiting();
    REQUIRE(before > 0);

    // The plans awaiting review; the first opens, and is returned.
    auto *table = window->findChild<QTableView *>(QStringLiteral("dashboardTableView"));
    click(table, model->index(total, DashboardTableModel::ReviewColumn));
    const QVector<qint64> pending = window->listedClients();
    REQUIRE(pending.size() == before);
    auto *list = window->findChild<QTableView *>(QStringLiteral("dashboardClientsTableView"));
    list->setFocus();
    QTest::keyClick(list, Qt::Key_Return);
    auto *client = main.findChild<ClientWindow *>();
    REQUIRE(client);
    REQUIRE(client->clientId() == pending.first());
    REQUIRE(test::activate(client));
    bool seen = false;
    test::onNextModal(
        [](QWidget *dialog) {
            QTest::keyClicks(
                dialog->findChild<QPlainTextEdit *>(QStringLiteral("reviewCommentPlainTextEdit")),
                QStringLiteral("Add a step for the driving licence."));
            dialog->findChild<QPushButton *>(QStringLiteral("okPushButton"))->click();
        },
        &seen);
    QTest::mouseClick(client->findChild<QPushButton *>(QStringLiteral("returnPlanPushButton")),
                      Qt::LeftButton);
    REQUIRE(seen);
    // Without F5: the figure and the listed clients follow.
    CHECK(awaiting() == before - 1);
    CHECK_FALSE(window->listedClients().contains(pending.first()));
    client->close();

    // Reassigned from the dashboard: Bảo Nguyễn's first two active clients.
    REQUIRE(test::activate(window));
    const int row = model->rowOfKey(QStringLiteral("bnguyen"));
    const int bnguyenBefore =
        model->data(model->index(row, DashboardTableModel::ActiveColumn)).toInt();
    click(table, model->index(row, DashboardTableModel::ActiveColumn));
    auto *reassign =
        window->findChild<QPushButton *>(QStringLiteral("dashboardReassignPushButton"));
    REQUIRE(reassign);
    CHECK_FALSE(reassign->isEnabled()); // nothing chosen yet
    ClientListModel *clients = window->clientListModel();
    for (int r : {0, 1}) {
        const QRect cell = list->visualRect(clients->index(r, ClientListModel::NameColumn));
        QTest::mouseClick(list->viewport(), Qt::LeftButton, Qt::ControlModifier, cell.center());
    }
    const QVector<qint64> moved = window->selectedClients();
    REQUIRE(moved.size() == 2);
    CHECK(reassign->isEnabled());
    test::onModalNamed(QStringLiteral("reassignDialog"), [](QWidget *dialog) {
        auto *target = dialog->findChild<QComboBox *>(QStringLiteral("targetCounselorComboBox"));
        target->setCurrentIndex(target->findData(QStringLiteral("cokafor")));
        test::onModalNamed(QStringLiteral("confirmReassignMessageBox"), [](QWidget *box) {
            box->findChild<QPushButton *>(QStringLiteral("confirmReassignPushButton"))->click();
        });
        dialog->findChild<QPushButton *>(QStringLiteral("reassignPushButton"))->click();
    });
    QTest::keyClick(window, Qt::Key_R, Qt::ControlModifier | Qt::ShiftModifier);
    CHECK(model
              ->data(model->index(model->rowOfKey(QStringLiteral("bnguyen")),
                                  DashboardTableModel::ActiveColumn))
              .toInt() == bnguyenBefore - 2);
    for (const qint64 id : moved) {
        CHECK(f.ids(QStringLiteral("SELECT c.id FROM clients c JOIN users u ON u.id = "
                                   "c.counselor_id WHERE u.username = 'cokafor' AND c.id = %1")
                        .arg(id))
                  .size() == 1);
        CHECK_FALSE(window->listedClients().contains(id));
        // The caseload window shows the new counselor too.
        const int at = main.caseloadModel()->rowOf(id);
        REQUIRE(at >= 0);
        CHECK(main.caseloadModel()
                  ->data(main.caseloadModel()->index(at, CaseloadModel::CounselorColumn))
                  .toString() == QStringLiteral("Chidi Okafor"));
    }
}
