#include "AccountTestSupport.h"
#include "GuiSupport.h"
#include "StorageSupport.h"
#include "TestSupport.h"
#include "WindowChecks.h"

#include "MainWindow.h"
#include "audit/AuditViewer.h"
#include "models/CaseloadModel.h"
#include "pathway/core/IncomeThresholds.h"
#include "pathway/core/RuleBase.h"
#include "pathway/core/StrategyEngine.h"
#include "pathway/storage/Accounts.h"
#include "pathway/storage/AuditLog.h"
#include "pathway/storage/ClientRepository.h"
#include "pathway/storage/Database.h"
#include "pathway/storage/DemoData.h"
#include "pathway/storage/NoteRepository.h"
#include "pathway/storage/PlanRepository.h"

#include <QAction>
#include <QComboBox>
#include <QDateEdit>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QMessageBox>
#include <QPushButton>
#include <QTableView>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>

#include <catch2/catch.hpp>

using namespace pathway;

namespace {

struct Fixture : test::AccountFixture
{
    Fixture()
    {
        // A little history: two counselors' and a supervisor's work, and a
        // stranger's failed sign-in.
        test::actAs(*db, QStringLiteral("agarcia"));
        REQUIRE(audit::record(*db, AuditAction::View, QStringLiteral("client"), 1).ok());
        REQUIRE(audit::record(*db, AuditAction::View, QStringLiteral("client"), 2).ok());
        REQUIRE(audit::record(*db, AuditAction::Update, QStringLiteral("client"), 1,
                              QStringLiteral("email"))
                    .ok());
        test::actAs(*db, QStringLiteral("bnguyen"));
        REQUIRE(audit::record(*db, AuditAction::View, QStringLiteral("client"), 3).ok());
        REQUIRE(audit::record(*db, AuditAction::Print, QStringLiteral("plan"), 7).ok());
        REQUIRE(accounts::signIn(*db, QStringLiteral("mallory"), QStringLiteral("guess"))
                    .error()
                    .code == Error::Code::Forbidden);
        test::actAs(*db, QStringLiteral("sreyes"), Role::Supervisor);
        REQUIRE(audit::record(*db, AuditAction::Reassign, QStringLiteral("client"), 1,
                              QStringLiteral("agarcia -> bnguyen"))
                    .ok());
    }

    qint64 count(const QString &where = QStringLiteral("1"), const QVariantList &values = {})
    {
        return test::scalar(*db, QStringLiteral("SELECT count(*) FROM audit_log WHERE ") + where,
                            values);
    }
};

using test::child;

} // namespace

TEST_CASE("The audit trail lists every entry newest first and filters by action, user and record")
{
    Fixture f;
    MainWindow window(*f.db, f.engine);
    window.show();
    REQUIRE(QTest::qWaitForWindowExposed(&window));
    REQUIRE(window.findChild<QMenu *>(QStringLiteral("supervisorMenu")));
    child<QAction>(&window, "auditTrailAction")->trigger();
    auto *viewer = window.findChild<AuditViewer *>();
    REQUIRE(viewer);
    REQUIRE(QTest::qWaitForWindowExposed(viewer));
    auto *table = child<QTableWidget>(viewer, "auditTableWidget");

    const qint64 all = f.count();
    CHECK(all >= 7);
    CHECK(table->rowCount() == all);
    for (int row = 1; row < table->rowCount(); ++row)
        CHECK(table->item(row - 1, AuditViewer::WhenColumn)->text() >=
              table->item(row, AuditViewer::WhenColumn)->text());
    CHECK(table->item(0, AuditViewer::ActionColumn)->text() ==
          auditActionLabel(AuditAction::Reassign));
    CHECK(child<QLabel>(viewer, "countLabel")->text().contains(QString::number(all)));

    // By action, from the keyboard.
    auto *action = child<QComboBox>(viewer, "actionComboBox");
    action->setFocus();
    while (action->currentData().toString() != auditActionCode(AuditAction::View) &&
           action->currentIndex() < action->count() - 1)
        QTest::keyClick(action, Qt::Key_Down);
    const qint64 views = f.count(QStringLiteral("action = 'view'"));
    CHECK(views == 3);
    CHECK(table->rowCount() == views);
    for (int row = 0; row < table->rowCount(); ++row)
        CHECK(table->item(row, AuditViewer::ActionColumn)->text() ==
              auditActionLabel(AuditAction::View));

    // And by user: typed.
    auto *user = child<QComboBox>(viewer, "userComboBox");
    user->setFocus();
    QTest::keyClicks(user, QStringLiteral("agarcia"));
    REQUIRE(test::eventually([&] { return table->rowCount() == 2; }));
    for (int row = 0; row < table->rowCount(); ++row)
        CHECK(table->item(row, AuditViewer::UserColumn)->text() == QStringLiteral("agarcia"));

    // And by record id.
    QTest::keyClicks(child<QLineEdit>(viewer, "recordIdLineEdit"), QStringLiteral("2"));
    REQUIRE(test::eventually([&] { return table->rowCount() == 1; }));
    CHECK(table->item(0, AuditViewer::RecordColumn)->text() == QStringLiteral("2"));

    // A range of dates that holds nothing; then everything again.
    QTest::mouseClick(child<QPushButton>(viewer, "clearFilterPushButton"), Qt::LeftButton);
    CHECK(table->rowCount() == all);
    child<QDateEdit>(viewer, "fromDateEdit")->setDate(QDate::currentDate().addDays(2));
    REQUIRE(test::eventually([&] { return table->rowCount() == 0; }));
    child<QDateEdit>(viewer, "toDateEdit")->setDate(QDate::currentDate().addDays(1));
    REQUIRE(test::eventually([&] {
        return child<QLabel>(viewer, "countLabel")->text().contains(QStringLiteral("after"));
    }));

    // Failed sign-ins of names that are no account are there too, without
    // the name typed (it might have been a password).
    QTest::mouseClick(child<QPushButton>(viewer, "clearFilterPushButton"), Qt::LeftButton);
    action->setCurrentIndex(action->findData(auditActionCode(AuditAction::SignInFailed)));
    REQUIRE(table->rowCount() == 1);
    CHECK(table->item(0, AuditViewer::UserColumn)->text() == accounts::unknownUserName());
    CHECK_FALSE(test::visibleTexts().join(QLatin1Char('\n')).contains(QStringLiteral("mallory")));
}

TEST_CASE("A counselor has no audit trail, and reached anyway the refusal is shown")
{
    Fixture f;
    test::actAs(*f.db, QStringLiteral("agarcia"));
    {
        MainWindow window(*f.db, f.engine);
        CHECK(window.findChild<QMenu *>(QStringLiteral("supervisorMenu")) == nullptr);
        CHECK(window.findChild<QAction *>(QStringLiteral("auditTrailAction")) == nullptr);
    }
    bool shown = false;
    QString message;
    test::onModalNamed(
        QStringLiteral("errorMessageBox"),
        [&](QWidget *box) {
            message = static_cast<QMessageBox *>(box)->informativeText();
            static_cast<QMessageBox *>(box)->accept();
        },
        &shown);
    auto *viewer = new AuditViewer(*f.db);
    CHECK(shown);
    CHECK_FALSE(message.isEmpty());
    CHECK(viewer->entries().isEmpty());
    CHECK(child<QTableWidget>(viewer, "auditTableWidget")->rowCount() == 0);
    delete viewer;
}

TEST_CASE("The audit trail of a client lists its notes and plans too, and shows whose they are")
{
    test::AccountFixture f;
    REQUIRE(addDemoCaseload(*f.db, f.engine, 40, 3, test::today()).ok());
    test::actAs(*f.db, QStringLiteral("agarcia"));
    const qint64 client =
        test::scalar(*f.db, QStringLiteral("SELECT min(c.id) FROM clients c JOIN users u ON u.id = "
                                           "c.counselor_id WHERE u.username = 'agarcia'"));
    // The counselor opens the client, accepts the plan and writes a note.
    REQUIRE(ClientRepository(*f.db, IncomeThresholds::builtIn()).get(client).ok());
    auto plan = PlanRepository(*f.db).current(client);
    REQUIRE(plan.ok());
    REQUIRE(plan->has_value());
    REQUIRE(PlanRepository(*f.db).setAccepted((*plan)->id, true).ok());
    CaseNote note{0, client, QStringLiteral("agarcia"), QStringLiteral("Phoned."), {}};
    REQUIRE(NoteRepository(*f.db).add(note).ok());
    test::actAs(*f.db, QStringLiteral("sreyes"), Role::Supervisor);

    // From the caseload: the client selected, Supervisor > Audit Trail of the Client.
    MainWindow window(*f.db, f.engine);
    window.show();
    REQUIRE(test::activate(&window));
    auto *caseload = child<QTableView>(&window, "caseloadTableView");
    CaseloadModel *model = window.caseloadModel();
    const int row = model->rowOf(client);
    REQUIRE(row >= 0);
    caseload->scrollTo(model->index(row, 0));
    QTest::mouseClick(caseload->viewport(), Qt::LeftButton, {},
                      caseload->visualRect(model->index(row, 0)).center());
    QAction *ofClient = child<QAction>(&window, "clientAuditTrailAction");
    REQUIRE(ofClient->isEnabled());
    ofClient->trigger();
    auto *viewer = window.findChild<AuditViewer *>();
    REQUIRE(viewer);
    REQUIRE(QTest::qWaitForWindowExposed(viewer));
    CHECK(child<QLineEdit>(viewer, "clientIdLineEdit")->text() == QString::number(client));
    auto *table = child<QTableWidget>(viewer, "auditTableWidget");
    QSet<QString> kinds;
    for (int r = 0; r < table->rowCount(); ++r) {
        CHECK(table->item(r, AuditViewer::ClientColumn)->text() == QString::number(client));
        kinds.insert(table->item(r, AuditViewer::EntityColumn)->text());
    }
    CHECK(kinds.contains(QStringLiteral("Case note")));
    CHECK(kinds.contains(QStringLiteral("Plan")));
    CHECK(kinds.contains(QStringLiteral("Client")));
    // People by the names others know them by, with the user name.
    QSet<QString> users;
    for (int r = 0; r < table->rowCount(); ++r)
        users.insert(table->item(r, AuditViewer::UserColumn)->text());
    CHECK(users.contains(QStringLiteral("Ana García (agarcia)")));
    CHECK_WINDOW_FITS(viewer);

    // The Client field typed by hand finds the same.
    QTest::mouseClick(child<QPushButton>(viewer, "clearFilterPushButton"), Qt::LeftButton);
    CHECK(child<QLineEdit>(viewer, "clientIdLineEdit")->text().isEmpty());
    const int all = table->rowCount();
    QTest::keyClicks(child<QLineEdit>(viewer, "clientIdLineEdit"), QString::number(client));
    REQUIRE(test::eventually([&] { return table->rowCount() < all; }));
    CHECK(table->rowCount() == int(viewer->entries().size()));
    for (const AuditEntry &e : viewer->entries())
        CHECK(e.clientId == client);
}
