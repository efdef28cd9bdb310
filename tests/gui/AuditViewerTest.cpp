#include "AccountTestSupport.h"
#include "GuiSupport.h"
#include "StorageSupport.h"
#include "TestSupport.h"

#include "MainWindow.h"
#include "audit/AuditViewer.h"
#include "pathway/core/IncomeThresholds.h"
#include "pathway/core/RuleBase.h"
#include "pathway/core/StrategyEngine.h"
#include "pathway/storage/AuditLog.h"
#include "pathway/storage/Database.h"

#include <QAction>
#include <QComboBox>
#include <QDateEdit>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QMessageBox>
#include <QPushButton>
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
        REQUIRE(audit::recordFor(*db, 0, QStringLiteral("mallory"), AuditAction::SignInFailed,
                                 QStringLiteral("user"))
                    .ok());
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

    // Failed sign-ins of names that are no account are there too.
    QTest::mouseClick(child<QPushButton>(viewer, "clearFilterPushButton"), Qt::LeftButton);
    action->setCurrentIndex(action->findData(auditActionCode(AuditAction::SignInFailed)));
    REQUIRE(table->rowCount() == 1);
    CHECK(table->item(0, AuditViewer::UserColumn)->text() == QStringLiteral("mallory"));
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
