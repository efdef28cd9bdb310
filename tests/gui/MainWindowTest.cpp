#include "AccountTestSupport.h"
#include "GuiSupport.h"
#include "StorageSupport.h"
#include "TestSupport.h"
#include "WindowChecks.h"

#include "MainWindow.h"
#include "Settings.h"
#include "UserGuideWindow.h"
#include "models/CaseloadModel.h"
#include "pathway/core/DemoGenerator.h"
#include "pathway/core/IncomeThresholds.h"
#include "pathway/core/StrategyEngine.h"
#include "pathway/storage/ClientRepository.h"
#include "pathway/storage/Database.h"
#include "pathway/storage/DemoData.h"

#include "intake/IntakeWizard.h"
#include "pathway/storage/DraftRepository.h"
#include "pathway/storage/NoteRepository.h"
#include "pathway/storage/UserRepository.h"
#include "supervisor/DashboardWindow.h"
#include "workspace/ClientWindow.h"
#include "workspace/PlanTab.h"

#include <QAbstractItemModelTester>
#include <QAction>
#include <QComboBox>
#include <QElapsedTimer>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMessageBox>
#include <QPushButton>
#include <QScrollBar>
#include <QSignalSpy>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QStatusBar>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QTextBrowser>

#include <catch2/catch.hpp>

using namespace pathway;

using test::typeText;

TEST_CASE("The caseload window lists, searches and filters clients")
{
    QTemporaryDir dir;
    auto db = test::openAsSystem(dir.filePath(QStringLiteral("g.sqlite")));
    REQUIRE(db.ok());
    const StrategyEngine engine(RuleBase::builtIn(), IncomeThresholds::builtIn());
    REQUIRE(addDemoCaseload(*db.value(), engine, 300, 2, test::today()).ok());
    ClientRepository clients(*db.value(), IncomeThresholds::builtIn());
    REQUIRE(clients.add(test::sampleClient()).ok());

    MainWindow window(*db.value(), engine);
    window.show();
    REQUIRE(QTest::qWaitForWindowExposed(&window));
    CaseloadModel *model = window.caseloadModel();
    QAbstractItemModelTester tester(model, QAbstractItemModelTester::FailureReportingMode::Fatal);

    auto *status = window.findChild<QComboBox *>(QStringLiteral("statusComboBox"));
    REQUIRE(status);
    const int activeRows = model->rowCount();
    CHECK(activeRows > 200);
    CHECK(activeRows < 301);
    status->setCurrentIndex(0); // any status
    CHECK(model->rowCount() == 301);

    auto *search = window.findChild<QLineEdit *>(QStringLiteral("searchLineEdit"));
    REQUIRE(search);
    QTest::keyClick(&window, Qt::Key_F, Qt::ControlModifier);
    CHECK(search->hasFocus());
    QTest::keyClicks(search, QStringLiteral("Zo"));
    typeText(search, QStringLiteral("ë Ñúñez"));
    REQUIRE(test::eventually([&] { return model->rowCount() == 1; }, 2000));
    CHECK(model->data(model->index(0, CaseloadModel::NameColumn)).toString() ==
          QStringLiteral("Ñúñez-Łukasiewicz, Zoë"));
    CHECK(model->data(model->index(0, CaseloadModel::BarriersColumn)).toString() ==
          QStringLiteral("Stigma or shame, Financial constraints"));

    // Typed as heard: no accents, the second part of the hyphenated name.
    // (Waited for with Catch's checks: a failing QTRY_ macro returns from
    // the test case without telling Catch.)
    const auto rowsBecome = [model](int rows) {
        QElapsedTimer waited;
        waited.start();
        while (model->rowCount() != rows && waited.elapsed() < 2000)
            QTest::qWait(10);
        return model->rowCount();
    };
    search->clear();
    REQUIRE(rowsBecome(301) == 301);
    QTest::keyClicks(search, QStringLiteral("ZOE nunez luk"));
    REQUIRE(rowsBecome(1) == 1);
    CHECK(model->data(model->index(0, CaseloadModel::NameColumn)).toString() ==
          QStringLiteral("Ñúñez-Łukasiewicz, Zoë"));

    search->clear();
    auto *barrier = window.findChild<QComboBox *>(QStringLiteral("barrierComboBox"));
    REQUIRE(barrier);
    barrier->setCurrentIndex(barrier->findData(QStringLiteral("criminal_record")));
    REQUIRE(
        test::eventually([&] { return model->rowCount() > 0 && model->rowCount() < 60; }, 2000));
    for (int row = 0; row < model->rowCount(); ++row)
        CHECK(model->data(model->index(row, CaseloadModel::BarriersColumn), Qt::ToolTipRole)
                  .toString()
                  .contains(QStringLiteral("Criminal record")));

    // Every visible cell renders: scroll through the whole list.
    auto *table = window.findChild<QTableView *>(QStringLiteral("caseloadTableView"));
    REQUIRE(table);
    barrier->setCurrentIndex(0);
    table->scrollToBottom();
    CHECK_FALSE(model->data(model->index(model->rowCount() - 1, 0)).toString().isEmpty());
}

TEST_CASE("The caseload shows plan progress, next due step and last contact, and opens clients")
{
    QTemporaryDir dir;
    auto db = test::openAsSystem(dir.filePath(QStringLiteral("g.sqlite")));
    REQUIRE(db.ok());
    const StrategyEngine engine(RuleBase::builtIn(), IncomeThresholds::builtIn());
    REQUIRE(addDemoCaseload(*db.value(), engine, 50, 3, test::today()).ok());

    MainWindow window(*db.value(), engine);
    window.setToday(test::today());
    window.show();
    window.activateWindow();
    REQUIRE(QTest::qWaitForWindowActive(&window));
    CaseloadModel *model = window.caseloadModel();
    QAbstractItemModelTester tester(model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    REQUIRE(model->rowCount() > 0);
    const qint64 id = model->clientId(0);
    const QString progress = model->data(model->index(0, CaseloadModel::ProgressColumn)).toString();
    CHECK(progress.contains(QLatin1Char('/')));
    // The demo's own contacts: the newest note, at most today.
    auto notes = NoteRepository(*db.value()).list(id);
    REQUIRE(notes.ok());
    REQUIRE_FALSE(notes->isEmpty());
    const QString demoContact =
        model->data(model->index(0, CaseloadModel::LastContactColumn)).toString();
    CHECK(demoContact == notes->first().createdAt.toLocalTime().date().toString(Qt::ISODate));
    CHECK(demoContact <= test::today().toString(Qt::ISODate));

    auto *print = window.findChild<QAction *>(QStringLiteral("printAction"));
    REQUIRE(print);
    CHECK_FALSE(print->isEnabled()); // nothing selected yet
    CHECK(print->shortcut() == QKeySequence(QKeySequence::Print));

    // Enter on a row opens the client's workspace; a note there shows as last contact.
    auto *table = window.findChild<QTableView *>(QStringLiteral("caseloadTableView"));
    table->setFocus();
    table->setCurrentIndex(model->index(0, 0));
    CHECK(print->isEnabled());
    QTest::keyClick(table, Qt::Key_Return);
    auto *client = window.findChild<ClientWindow *>();
    REQUIRE(client);
    CHECK(client->clientId() == id);
    CaseNote note{0, id, QStringLiteral("agarcia"), QStringLiteral("Phoned"), {}};
    REQUIRE(NoteRepository(*db.value()).add(note).ok());
    Q_EMIT client->clientChanged(id);
    CHECK(model->data(model->index(0, CaseloadModel::LastContactColumn)).toString() ==
          note.createdAt.toLocalTime().date().toString(Qt::ISODate));
    client->close();

    // Ctrl+N starts an intake.
    REQUIRE(test::activate(&window, table));
    QTest::keyClick(&window, Qt::Key_N, Qt::ControlModifier);
    auto *wizard = window.findChild<IntakeWizard *>();
    REQUIRE(wizard);
    CHECK(wizard->isVisible());
    CHECK(wizard->currentId() == IntakeWizard::IdentityPageId);
    wizard->close();
}

TEST_CASE("An intake draft survives closing and reopening the window")
{
    QTemporaryDir dir;
    auto db = test::openAsSystem(dir.filePath(QStringLiteral("g.sqlite")));
    REQUIRE(db.ok());
    const StrategyEngine engine(RuleBase::builtIn(), IncomeThresholds::builtIn());
    {
        MainWindow window(*db.value(), engine);
        window.show();
        IntakeWizard *wizard = window.startIntake();
        auto *first = wizard->findChild<QLineEdit *>(QStringLiteral("firstNameLineEdit"));
        first->setFocus();
        typeText(first, QStringLiteral("Zoë"));
        QTest::keyClicks(wizard->findChild<QLineEdit *>(QStringLiteral("lastNameLineEdit")),
                         QStringLiteral("Okafor"));
        // Closing the main window with the interview open asks; keep interviewing
        // leaves both open, save draft closes them.
        bool asked = false;
        test::clickInNextModal(QStringLiteral("keepPushButton"), &asked);
        CHECK_FALSE(window.close());
        CHECK(asked);
        CHECK(wizard->isVisible());
        asked = false;
        test::clickInNextModal(QStringLiteral("saveDraftPushButton"), &asked);
        CHECK(window.close());
        CHECK(asked);
    }
    CHECK(DraftRepository(*db.value()).list()->size() == 1);

    MainWindow reopened(*db.value(), engine);
    reopened.show();
    bool picked = false;
    test::onNextModal(
        [](QWidget *dialog) {
            auto *list = dialog->findChild<QListWidget *>(QStringLiteral("draftsListWidget"));
            if (list && list->count() == 1 &&
                list->item(0)->text().startsWith(QStringLiteral("Zoë Okafor")))
                dialog->findChild<QPushButton *>(QStringLiteral("resumePushButton"))->click();
        },
        &picked);
    reopened.findChild<QAction *>(QStringLiteral("resumeDraftAction"))->trigger();
    CHECK(picked);
    auto *wizard = reopened.findChild<IntakeWizard *>();
    REQUIRE(wizard);
    CHECK(wizard->findChild<QLineEdit *>(QStringLiteral("firstNameLineEdit"))->text() ==
          QStringLiteral("Zoë"));
    CHECK(wizard->findChild<QLineEdit *>(QStringLiteral("lastNameLineEdit"))->text() ==
          QStringLiteral("Okafor"));
    CHECK(wizard->draftId() == DraftRepository(*db.value()).list()->at(0).id);
}

TEST_CASE("Locked, the caseload shows no client and no search text until unlocked")
{
    QTemporaryDir dir;
    auto db = test::openAsSystem(dir.filePath(QStringLiteral("g.sqlite")));
    REQUIRE(db.ok());
    const StrategyEngine engine(RuleBase::builtIn(), IncomeThresholds::builtIn());
    REQUIRE(addDemoCaseload(*db.value(), engine, 30, 2, test::today()).ok());

    MainWindow window(*db.value(), engine);
    window.show();
    REQUIRE(QTest::qWaitForWindowExposed(&window));
    CHECK(window.windowTitle() == QStringLiteral("Caseload"));
    CaseloadModel *model = window.caseloadModel();
    auto *search = window.findChild<QLineEdit *>(QStringLiteral("searchLineEdit"));
    const int all = model->rowCount();
    QTest::keyClicks(search, QStringLiteral("a"));
    REQUIRE(test::eventually([&] { return model->rowCount() < all; }, 2000)); // the search ran
    const int rows = model->rowCount();
    REQUIRE(rows > 0);

    window.setLocked(true);
    CHECK(window.isLocked());
    CHECK(model->rowCount() == 0);
    CHECK(search->text().isEmpty());
    // A refresh while locked does not bring the list back.
    model->reload();
    CHECK(model->rowCount() == 0);

    window.setLocked(false);
    CHECK(search->text() == QStringLiteral("a"));
    CHECK(model->rowCount() == rows);
}

TEST_CASE("Supervisor > Caseload Dashboard opens the dashboard and a client chosen there opens")
{
    QTemporaryDir dir;
    auto db = test::openAsSystem(dir.filePath(QStringLiteral("g.sqlite")));
    REQUIRE(db.ok());
    const StrategyEngine engine(RuleBase::builtIn(), IncomeThresholds::builtIn());
    REQUIRE(addDemoCaseload(*db.value(), engine, 20, 2, test::today()).ok());
    UserRepository users(*db.value());
    auto sreyes = users.find(QStringLiteral("sreyes"));
    REQUIRE(sreyes.ok());
    REQUIRE(sreyes->has_value());
    db.value()->setActor(Actor::person(**sreyes));

    MainWindow window(*db.value(), engine);
    window.setToday(test::today());
    window.show();
    REQUIRE(test::activate(&window));
    auto *action = window.findChild<QAction *>(QStringLiteral("dashboardAction"));
    REQUIRE(action);
    CHECK(action->shortcut() == QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_D));
    QTest::keyClick(&window, Qt::Key_D, Qt::ControlModifier | Qt::ShiftModifier);
    auto *dashboard = window.findChild<DashboardWindow *>();
    REQUIRE(dashboard);
    CHECK(dashboard->isVisible());
    CHECK(dashboard->today() == test::today());
    CHECK(dashboard->filter().noContactDays == Settings().noContactDays());

    const qint64 id = window.caseloadModel()->clientId(0);
    Q_EMIT dashboard->clientActivated(id);
    auto *client = window.findChild<ClientWindow *>();
    REQUIRE(client);
    CHECK(client->clientId() == id);
    client->close();

    // A counselor has no such menu item.
    auto ana = users.find(QStringLiteral("agarcia"));
    REQUIRE(ana.ok());
    db.value()->setActor(Actor::person(**ana));
    MainWindow counselor(*db.value(), engine);
    CHECK(counselor.findChild<QAction *>(QStringLiteral("dashboardAction")) == nullptr);
}

namespace {

// A demo caseload and the MainWindow of `username`, shown and active.
struct Signed
{
    QTemporaryDir dir;
    std::unique_ptr<Database> db;
    StrategyEngine engine{RuleBase::builtIn(), IncomeThresholds::builtIn()};

    explicit Signed(int clients = 40)
    {
        auto opened = test::openAsSystem(dir.filePath(QStringLiteral("g.sqlite")));
        REQUIRE(opened.ok());
        db = std::move(opened).value();
        if (clients > 0)
            REQUIRE(addDemoCaseload(*db, engine, clients, 2, test::today()).ok());
    }
    void actAs(const QString &username, Role role = Role::Counselor)
    {
        UserRepository users(*db);
        REQUIRE(users.ensure(username, username, role).ok());
        db->setActor(Actor::person(**users.find(username)));
    }
};

} // namespace

TEST_CASE("Down from the search box reaches the list, and Enter there opens the client")
{
    Signed f;
    f.actAs(QStringLiteral("agarcia"));
    MainWindow window(*f.db, f.engine);
    window.show();
    REQUIRE(test::activate(&window));
    CaseloadModel *model = window.caseloadModel();
    auto *search = window.findChild<QLineEdit *>(QStringLiteral("searchLineEdit"));
    auto *table = window.findChild<QTableView *>(QStringLiteral("caseloadTableView"));
    QTest::keyClick(&window, Qt::Key_F, Qt::ControlModifier);
    REQUIRE(search->hasFocus());
    const QString last = model->data(model->index(0, CaseloadModel::NameColumn))
                             .toString()
                             .section(QLatin1Char(','), 0, 0);
    typeText(search, last);
    // Straight on, before the list has caught up with the typing.
    QTest::keyClick(search, Qt::Key_Down);
    CHECK(table->hasFocus());
    REQUIRE(model->rowCount() > 0);
    CHECK(model->data(model->index(0, CaseloadModel::NameColumn)).toString().startsWith(last));
    REQUIRE(window.selectedIds().size() == 1);
    CHECK(window.selectedIds().first() == model->clientId(0));
    CHECK(table->currentIndex().row() == 0);
    // The selected client's id is in the status bar.
    CHECK(window.statusBar()->currentMessage().contains(
        QStringLiteral("client %1").arg(model->clientId(0))));

    QTest::keyClick(table, Qt::Key_Return);
    auto *client = window.findChild<ClientWindow *>();
    REQUIRE(client);
    CHECK(client->clientId() == model->clientId(0));
    client->close();

    // Enter in the search box goes to the list too; a second Enter opens.
    REQUIRE(test::activate(&window, search));
    QTest::keyClick(search, Qt::Key_Return);
    CHECK(table->hasFocus());
}

TEST_CASE("A counselor's caseload has no Counselor column, and every caseload shows client ids")
{
    Signed f;
    f.actAs(QStringLiteral("agarcia"));
    {
        MainWindow window(*f.db, f.engine);
        window.show();
        REQUIRE(QTest::qWaitForWindowExposed(&window));
        auto *table = window.findChild<QTableView *>(QStringLiteral("caseloadTableView"));
        CHECK(table->isColumnHidden(CaseloadModel::CounselorColumn));
        CHECK_FALSE(table->isColumnHidden(CaseloadModel::IdColumn));
        CaseloadModel *model = window.caseloadModel();
        REQUIRE(model->rowCount() > 0);
        CHECK(model->headerData(CaseloadModel::IdColumn, Qt::Horizontal).toString() ==
              QStringLiteral("ID"));
        CHECK(model->data(model->index(0, CaseloadModel::IdColumn)).toLongLong() ==
              model->clientId(0));
        // The ID column is on screen, not scrolled off to the right.
        CHECK(table->columnViewportPosition(CaseloadModel::IdColumn) +
                  table->columnWidth(CaseloadModel::IdColumn) <=
              table->viewport()->width());
        CHECK_WINDOW_FITS(&window);
        CHECK(window.windowTitle() == QStringLiteral("Caseload — Ana García (Counselor)"));
    }
    // A supervisor sees whose each client is, by the names people know.
    f.actAs(QStringLiteral("sreyes"), Role::Supervisor);
    MainWindow window(*f.db, f.engine);
    window.show();
    REQUIRE(QTest::qWaitForWindowExposed(&window));
    auto *table = window.findChild<QTableView *>(QStringLiteral("caseloadTableView"));
    CHECK_FALSE(table->isColumnHidden(CaseloadModel::CounselorColumn));
    CaseloadModel *model = window.caseloadModel();
    QSet<QString> shown;
    for (int row = 0; row < model->rowCount(); ++row)
        shown.insert(model->data(model->index(row, CaseloadModel::CounselorColumn)).toString());
    CHECK(shown.contains(QStringLiteral("Ana García")));
    CHECK_FALSE(shown.contains(QStringLiteral("agarcia")));
    CHECK_WINDOW_FITS(&window);
}

TEST_CASE("An empty caseload says how to start, a search that finds nothing says so")
{
    Signed f(0);
    f.actAs(QStringLiteral("agarcia"));
    {
        MainWindow window(*f.db, f.engine);
        window.show();
        REQUIRE(QTest::qWaitForWindowExposed(&window));
        auto *empty = window.findChild<QLabel *>(QStringLiteral("emptyCaseloadLabel"));
        REQUIRE(empty);
        CHECK(empty->isVisible());
        CHECK(empty->text().contains(QStringLiteral("Ctrl+N")));
        CHECK(empty->text().contains(QStringLiteral("intake")));
    }
    // Then clients come (demo clients, without their history: demo data
    // goes only into a new database, and this one has agarcia already).
    f.db->setActor(Actor::system());
    QVector<Client> clients = demoCaseload(60, 2);
    REQUIRE(ClientRepository(*f.db, f.engine.thresholds()).addMany(clients).ok());
    f.actAs(QStringLiteral("agarcia"));
    MainWindow window(*f.db, f.engine);
    window.show();
    REQUIRE(QTest::qWaitForWindowExposed(&window));
    auto *empty = window.findChild<QLabel *>(QStringLiteral("emptyCaseloadLabel"));
    INFO(window.caseloadModel()->rowCount() << " " << empty->text().toStdString());
    CHECK_FALSE(empty->isVisible());
    auto *search = window.findChild<QLineEdit *>(QStringLiteral("searchLineEdit"));
    QTest::keyClicks(search, QStringLiteral("Zzyzx"));
    REQUIRE(test::eventually([&] { return empty->isVisible(); }, 2000));
    CHECK(empty->text().contains(QStringLiteral("No client matches “Zzyzx”")));
    // Only closed clients match: the status box hides them, and it says so.
    search->clear();
    REQUIRE(test::eventually([&] { return !empty->isVisible(); }, 2000));
    const QString closed = test::text(
        *f.db, QStringLiteral("SELECT c.first_name || ' ' || c.last_name FROM clients c JOIN users "
                              "u ON u.id = c.counselor_id WHERE u.username = 'agarcia' AND "
                              "c.status = 'closed' AND NOT EXISTS (SELECT 1 FROM clients o WHERE "
                              "o.status = 'active' AND o.first_name = c.first_name AND "
                              "o.last_name = c.last_name) ORDER BY c.id LIMIT 1"));
    REQUIRE_FALSE(closed.isEmpty());
    typeText(search, closed);
    REQUIRE(test::eventually([&] { return empty->isVisible(); }, 2000));
    CHECK(empty->text().contains(QStringLiteral("closed client")));
}

TEST_CASE("Help > User Guide (F1) shows the guide with its pictures")
{
    Signed f(5);
    f.actAs(QStringLiteral("agarcia"));
    MainWindow window(*f.db, f.engine);
    window.show();
    REQUIRE(test::activate(&window));
    auto *action = window.findChild<QAction *>(QStringLiteral("userGuideAction"));
    REQUIRE(action);
    CHECK(action->shortcut() == QKeySequence(Qt::Key_F1));
    QTest::keyClick(&window, Qt::Key_F1);
    auto *guide = window.findChild<UserGuideWindow *>();
    REQUIRE(guide);
    REQUIRE(QTest::qWaitForWindowExposed(guide));
    QTextDocument *doc = guide->browser()->document();
    CHECK(doc->toPlainText().contains(QStringLiteral("Pathway user guide")));
    CHECK(doc->toPlainText().contains(QStringLiteral("Keyboard shortcuts")));
    // The pictures load from beside the guide.
    const QVariant picture = doc->resource(QTextDocument::ImageResource,
                                           QUrl(QStringLiteral("images/main-window-1366x768.png")));
    CHECK(picture.isValid());
    CHECK_FALSE(picture.value<QImage>().isNull());
    // Shown no wider than the window (tables too): no scrolling sideways.
    QApplication::processEvents();
    CHECK(guide->browser()->horizontalScrollBar()->maximum() == 0);
    CHECK_WINDOW_FITS(guide);

    // Found neither installed nor in the source tree: it says where it looked.
    auto missing = UserGuideWindow::find(
        {QStringLiteral("/nonexistent/share/doc/pathway"), QStringLiteral("/nonexistent/docs")});
    REQUIRE_FALSE(missing.ok());
    CHECK(missing.error().message.contains(
        QStringLiteral("/nonexistent/share/doc/pathway/user-guide.md")));
    CHECK(missing.error().message.contains(QStringLiteral("/nonexistent/docs/user-guide.md")));
    // The installed place beside the program comes first.
    CHECK(UserGuideWindow::searchFolders().first().endsWith(QStringLiteral("share/doc/pathway")));
}

TEST_CASE("A client opens at once while another program holds the write lock, and the view is "
          "recorded after")
{
    Signed f;
    f.actAs(QStringLiteral("agarcia"));
    MainWindow window(*f.db, f.engine);
    window.show();
    REQUIRE(test::activate(&window));
    CaseloadModel *model = window.caseloadModel();
    REQUIRE(model->rowCount() > 0);
    const qint64 id = model->clientId(0);
    const QString last = model->data(model->index(0, CaseloadModel::NameColumn))
                             .toString()
                             .section(QLatin1Char(','), 0, 0);
    auto views = [&] {
        QSqlQuery q(f.db->connection());
        REQUIRE(q.exec(QStringLiteral("SELECT count(*) FROM audit_log WHERE action = 'view' AND "
                                      "record_id = %1")
                           .arg(id)));
        REQUIRE(q.next());
        return q.value(0).toInt();
    };
    const int before = views();

    // Another program's long write (a replan of every client): the write
    // lock held, not released while the client is opened.
    const QString locker = QStringLiteral("mainwindowtest-locker");
    {
        QSqlDatabase other = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), locker);
        other.setDatabaseName(f.db->path());
        REQUIRE(other.open());
        QSqlQuery lock(other);
        REQUIRE(lock.exec(QStringLiteral("BEGIN IMMEDIATE")));
    }
    bool errorShown = false;
    test::onNextModal([](QWidget *dialog) { dialog->close(); }, &errorShown);
    auto *table = window.findChild<QTableView *>(QStringLiteral("caseloadTableView"));
    REQUIRE(test::activate(&window, table));
    table->setCurrentIndex(model->index(0, CaseloadModel::NameColumn));
    QTest::keyClick(table, Qt::Key_Return);
    auto *client = window.findChild<ClientWindow *>();
    REQUIRE(client);
    CHECK(client->clientId() == id);
    auto *lastName = client->findChild<QLineEdit *>(QStringLiteral("lastNameLineEdit"));
    REQUIRE(lastName);
    CHECK(lastName->text() == last); // the profile was read
    CHECK_FALSE(errorShown);         // and no "Could not read the profile"
    CHECK(views() == before);        // the view waits for the lock, not the counselor

    {
        QSqlQuery release(QSqlDatabase::database(locker));
        REQUIRE(release.exec(QStringLiteral("ROLLBACK")));
    }
    QSqlDatabase::database(locker).close();
    QSqlDatabase::removeDatabase(locker);
    REQUIRE(test::eventually([&] { return views() > before; }, 60000));
    CHECK(f.db->deferredAudit().isEmpty());
    client->close();
}
