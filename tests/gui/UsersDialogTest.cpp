#include "AccountTestSupport.h"
#include "GuiSupport.h"
#include "StorageSupport.h"
#include "TestSupport.h"
#include "WindowChecks.h"

#include "MainWindow.h"
#include "Settings.h"
#include "account/AgencySettingsDialog.h"
#include "account/PasswordDialogs.h"
#include "account/UsersDialog.h"
#include "pathway/core/IncomeThresholds.h"
#include "pathway/core/RuleBase.h"
#include "pathway/core/StrategyEngine.h"
#include "pathway/report/ReportSettings.h"
#include "pathway/storage/AuditLog.h"
#include "pathway/storage/Database.h"

#include <QAction>
#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QPushButton>
#include <QSettings>
#include <QSpinBox>
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
        test::user(*db, QStringLiteral("agarcia"), Role::Counselor, QStringLiteral("Ana García"));
        test::user(*db, QStringLiteral("sreyes"), Role::Supervisor, QStringLiteral("Sam Reyes"));
        test::actAs(*db, QStringLiteral("admin"), Role::Admin);
    }

    qint64 audits(AuditAction action, const QString &entity)
    {
        return test::scalar(
            *db, QStringLiteral("SELECT count(*) FROM audit_log WHERE action = ? AND entity = ?"),
            {auditActionCode(action), entity});
    }
};

using test::child;

} // namespace

TEST_CASE("The users dialog creates a user and deactivates one, never yourself")
{
    Fixture f;
    MainWindow window(*f.db, f.engine);
    window.show();
    REQUIRE(QTest::qWaitForWindowExposed(&window));
    QAction *usersAction = child<QAction>(&window, "usersAction");

    bool created = false;
    test::onModalNamed(QStringLiteral("usersDialog"), [&](QWidget *w) {
        auto *dialog = static_cast<UsersDialog *>(w);
        auto *table = child<QTableWidget>(dialog, "usersTableWidget");
        CHECK(table->rowCount() == 3);

        // Create: a mismatch is said and the dialog stays; then it is made.
        test::onModalNamed(QStringLiteral("createUserDialog"), [&](QWidget *c) {
            auto *create = static_cast<CreateUserDialog *>(c);
            QTest::keyClicks(child<QLineEdit>(create, "userNameLineEdit"),
                             QStringLiteral("fokafor"));
            test::typeText(child<QLineEdit>(create, "displayNameLineEdit"),
                           QStringLiteral("Folá Okafor"));
            auto *role = child<QComboBox>(create, "roleComboBox");
            role->setFocus();
            QTest::keyClick(role, Qt::Key_Down); // Supervisor
            QTest::keyClicks(child<QLineEdit>(create, "newPasswordLineEdit"),
                             QStringLiteral("long enough words"));
            auto *again = child<QLineEdit>(create, "newConfirmLineEdit");
            QTest::keyClicks(again, QStringLiteral("long enough wordz"));
            QTest::keyClick(again, Qt::Key_Return);
            CHECK(create->isVisible());
            CHECK(create->errorText() == QStringLiteral("The two passwords differ."));
            test::retype(again, QStringLiteral("long enough words"));
            QTest::keyClick(again, Qt::Key_Return);
            created = !create->isVisible();
        });
        QTest::mouseClick(child<QPushButton>(dialog, "createUserPushButton"), Qt::LeftButton);
        CHECK(table->rowCount() == 4);
        REQUIRE(dialog->selected());
        CHECK(dialog->selected()->username == QStringLiteral("fokafor"));

        // Deactivate, after a confirmation.
        auto *toggle = child<QPushButton>(dialog, "toggleActivePushButton");
        CHECK(toggle->isEnabled());
        CHECK(toggle->text() == QStringLiteral("&Deactivate"));
        test::onModalNamed(QStringLiteral("confirmDeactivateMessageBox"), [](QWidget *box) {
            child<QPushButton>(box, "deactivatePushButton")->click();
        });
        QTest::mouseClick(toggle, Qt::LeftButton);
        CHECK(dialog->message() == QStringLiteral("fokafor was deactivated."));
        CHECK(toggle->text() == QStringLiteral("Re&activate"));
        CHECK(table->item(table->currentRow(), UsersDialog::StatusColumn)->text() ==
              QStringLiteral("Inactive"));

        // Your own account cannot be deactivated.
        REQUIRE(dialog->select(QStringLiteral("admin")));
        CHECK_FALSE(toggle->isEnabled());
        child<QPushButton>(dialog, "closePushButton")->click();
    });
    usersAction->trigger();
    CHECK(created);

    CHECK(test::scalar(*f.db, QStringLiteral("SELECT count(*) FROM users WHERE username = "
                                             "'fokafor' AND display_name = 'Folá Okafor' AND "
                                             "role = 'supervisor' AND active = 0")) == 1);
    const QString hash = test::text(
        *f.db, QStringLiteral("SELECT password_hash FROM users WHERE username = 'fokafor'"));
    CHECK(hash.startsWith(QStringLiteral("pbkdf2-sha256$")));
    CHECK_FALSE(hash.contains(QStringLiteral("long enough words")));
    // Its creation is recorded once, by the admin.
    CHECK(test::scalar(*f.db, QStringLiteral("SELECT count(*) FROM audit_log a JOIN users u ON "
                                             "u.id = a.record_id WHERE a.action = 'create' AND "
                                             "a.entity = 'user' AND u.username = 'fokafor' AND "
                                             "a.username = 'admin'")) == 1);
    CHECK(f.audits(AuditAction::Update, QStringLiteral("user")) >= 1);
}

TEST_CASE("Only administrators see the Admin menu, and a refusal is shown, not swallowed")
{
    Fixture f;
    test::actAs(*f.db, QStringLiteral("sreyes"), Role::Supervisor);
    {
        MainWindow window(*f.db, f.engine);
        CHECK(window.findChild<QMenu *>(QStringLiteral("adminMenu")) == nullptr);
        CHECK(window.findChild<QAction *>(QStringLiteral("usersAction")) == nullptr);
    }
    // Reached anyway: the storage refuses and the dialog says why.
    UsersDialog users(*f.db);
    QString refusal;
    test::onModalNamed(QStringLiteral("createUserDialog"), [&](QWidget *c) {
        auto *create = static_cast<CreateUserDialog *>(c);
        QTest::keyClicks(child<QLineEdit>(create, "userNameLineEdit"), QStringLiteral("jsmith"));
        QTest::keyClicks(child<QLineEdit>(create, "displayNameLineEdit"),
                         QStringLiteral("Jordan Smith"));
        QTest::keyClicks(child<QLineEdit>(create, "newPasswordLineEdit"),
                         QStringLiteral("long enough words"));
        auto *again = child<QLineEdit>(create, "newConfirmLineEdit");
        QTest::keyClicks(again, QStringLiteral("long enough words"));
        QTest::keyClick(again, Qt::Key_Return);
        refusal = create->errorText();
        CHECK(create->isVisible());
        create->reject();
    });
    users.createUser();
    CHECK_FALSE(refusal.isEmpty());
    CHECK(test::scalar(*f.db, QStringLiteral("SELECT count(*) FROM users WHERE username = "
                                             "'jsmith'")) == 0);
}

TEST_CASE("Agency settings are saved, checked and recorded")
{
    Fixture f;
    AgencySettingsDialog dialog(*f.db);
    dialog.show();
    REQUIRE(QTest::qWaitForWindowExposed(&dialog));
    CHECK(child<QSpinBox>(&dialog, "idleLockSpinBox")->value() ==
          Settings::kDefaultIdleLockMinutes);

    test::typeText(child<QLineEdit>(&dialog, "agencyNameLineEdit"),
                   QStringLiteral("Harbour Employment Services"));
    test::retype(child<QSpinBox>(&dialog, "idleLockSpinBox"), QStringLiteral("5"));
    test::retype(child<QSpinBox>(&dialog, "noContactSpinBox"), QStringLiteral("45"));
    auto *pageSize = child<QComboBox>(&dialog, "pageSizeComboBox");
    pageSize->setCurrentIndex(pageSize->findData(QStringLiteral("Letter")));

    // A logo that is not there is refused with the reason; nothing is saved.
    auto *logo = child<QLineEdit>(&dialog, "logoLineEdit");
    QTest::keyClicks(logo, f.dir.filePath(QStringLiteral("missing.png")));
    QTest::keyClick(&dialog, Qt::Key_Return);
    CHECK(dialog.isVisible());
    CHECK(dialog.errorText().contains(QStringLiteral("there is no such file")));
    CHECK(Settings().idleLockMinutes() == Settings::kDefaultIdleLockMinutes);

    // So is a rule file that is not valid.
    logo->clear();
    const QString rules = f.dir.filePath(QStringLiteral("rules.json"));
    test::writeFile(rules, QByteArrayLiteral("{ not json"));
    QTest::keyClicks(child<QLineEdit>(&dialog, "rulesFileLineEdit"), rules);
    QTest::keyClick(&dialog, Qt::Key_Return);
    CHECK(dialog.isVisible());
    CHECK(dialog.errorText().startsWith(QStringLiteral("The rule file cannot be used")));

    child<QLineEdit>(&dialog, "rulesFileLineEdit")->clear();
    QTest::keyClick(&dialog, Qt::Key_Return);
    CHECK_FALSE(dialog.isVisible());
    CHECK(Settings().idleLockMinutes() == 5);
    CHECK(Settings().noContactDays() == 45);
    auto report = ReportSettings::load();
    REQUIRE(report.ok());
    CHECK(report->agencyName == QStringLiteral("Harbour Employment Services"));
    CHECK(report->paperSize == PaperSize::Letter);
    CHECK(f.audits(AuditAction::Update, QStringLiteral("settings")) == 1);
}

TEST_CASE(
    "The users, password and agency settings dialogs fit a small screen, with no clashing keys")
{
    Fixture f;
    MainWindow window(*f.db, f.engine);
    window.show();
    REQUIRE(QTest::qWaitForWindowExposed(&window));
    {
        UsersDialog users(*f.db, &window);
        users.show();
        REQUIRE(QTest::qWaitForWindowExposed(&users));
        CHECK_WINDOW_FITS(&users);
    }
    {
        CreateUserDialog create(*f.db, &window);
        create.show();
        REQUIRE(QTest::qWaitForWindowExposed(&create));
        CHECK_WINDOW_FITS(&create);
    }
    {
        User ana;
        ana.username = QStringLiteral("agarcia");
        ana.displayName = QStringLiteral("Ana García");
        ResetPasswordDialog reset(*f.db, ana, &window);
        reset.show();
        REQUIRE(QTest::qWaitForWindowExposed(&reset));
        CHECK_WINDOW_FITS(&reset);
    }
    {
        ChangePasswordDialog change(*f.db, &window);
        change.show();
        REQUIRE(QTest::qWaitForWindowExposed(&change));
        CHECK_WINDOW_FITS(&change);
    }
    {
        AgencySettingsDialog agency(*f.db, &window);
        agency.show();
        REQUIRE(QTest::qWaitForWindowExposed(&agency));
        CHECK_WINDOW_FITS(&agency);
    }
}
