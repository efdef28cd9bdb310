#include "AccountTestSupport.h"
#include "GuiSupport.h"
#include "StorageSupport.h"
#include "TestSupport.h"
#include "WindowChecks.h"

#include "MainWindow.h"
#include "account/FirstRunDialog.h"
#include "account/IdleWatcher.h"
#include "account/LockDialog.h"
#include "account/Session.h"
#include "account/SignInDialog.h"
#include "intake/IntakeWizard.h"
#include "models/CaseloadModel.h"
#include "pathway/core/IncomeThresholds.h"
#include "pathway/core/RuleBase.h"
#include "pathway/core/StrategyEngine.h"
#include "pathway/storage/Accounts.h"
#include "pathway/storage/AuditLog.h"
#include "pathway/storage/Database.h"
#include "pathway/storage/DemoData.h"
#include "workspace/ClientWindow.h"

#include <QAction>
#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QMessageBox>
#include <QPointer>
#include <QPushButton>
#include <QSignalSpy>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

#include <catch2/catch.hpp>

using namespace pathway;

namespace {

const QString kPassword = QStringLiteral("river lamp orange 42");

struct Fixture : test::AccountFixture
{
    // The demo caseload and users, an administrator, each with a cheap
    // password; then nobody is signed in, as at start-up.
    void demo(int clients)
    {
        REQUIRE(addDemoCaseload(*db, engine, clients, 4, test::today()).ok());
        test::user(*db, QStringLiteral("admin"), Role::Admin, QStringLiteral("Dana Whitfield"));
        for (const char *name : {"admin", "agarcia", "sreyes"})
            test::setCheapPassword(*db, QString::fromLatin1(name), kPassword);
        db->setActor(Actor::nobody());
    }

    qint64 count(const QString &action)
    {
        return test::scalar(*db, QStringLiteral("SELECT count(*) FROM audit_log WHERE action = ?"),
                            {action});
    }
};

using test::child;

// Types the user name and password into the sign-in dialog and presses Enter.
void typeSignIn(SignInDialog *dialog, const QString &name, const QString &password)
{
    test::retype(child<QLineEdit>(dialog, "userNameLineEdit"), name);
    auto *pass = child<QLineEdit>(dialog, "passwordLineEdit");
    test::retype(pass, password);
    QTest::keyClick(pass, Qt::Key_Return);
}

// The caseload window, once the session has opened it after a sign-in
// (which it does from the event loop, after the dialog has closed).
MainWindow *waitForMainWindow(Session &session)
{
    (void)test::eventually([&] { return session.mainWindow() != nullptr; }, 10000);
    return session.mainWindow();
}

MainWindow *signIn(Session &session, const QString &name)
{
    SignInDialog *dialog = session.signInDialog();
    REQUIRE(dialog);
    REQUIRE(QTest::qWaitForWindowExposed(dialog));
    typeSignIn(dialog, name, kPassword);
    MainWindow *window = waitForMainWindow(session);
    REQUIRE(window);
    REQUIRE(QTest::qWaitForWindowExposed(window));
    return window;
}

// The caseload of every status (the list starts with active clients only).
CaseloadModel *anyStatus(MainWindow *window)
{
    child<QComboBox>(window, "statusComboBox")->setCurrentIndex(0);
    return window->caseloadModel();
}

} // namespace

TEST_CASE("The first run creates the administrator and stores only a hash of the password")
{
    Fixture f;
    f.db->setActor(Actor::nobody());
    Session session(*f.db, f.engine);
    session.start();
    FirstRunDialog *dialog = session.firstRunDialog();
    REQUIRE(dialog);
    REQUIRE(session.signInDialog() == nullptr);
    REQUIRE(QTest::qWaitForWindowExposed(dialog));
    CHECK(child<QLineEdit>(dialog, "userNameLineEdit")->text() == QStringLiteral("admin"));
    CHECK(child<QLabel>(dialog, "newRuleLabel")->text().contains(QStringLiteral("8")));

    auto *display = child<QLineEdit>(dialog, "displayNameLineEdit");
    CHECK(display->hasFocus());
    test::typeText(display, QStringLiteral("Dana Whitfield"));
    auto *first = child<QLineEdit>(dialog, "newPasswordLineEdit");
    auto *second = child<QLineEdit>(dialog, "newConfirmLineEdit");
    const QPointer<QLineEdit> firstField = first;

    // Too short: said as it is typed, and Enter does not accept it.
    QTest::keyClicks(first, QStringLiteral("short"));
    CHECK(child<QLabel>(dialog, "newPasswordProblemLabel")->isVisible());
    QTest::keyClicks(second, QStringLiteral("short"));
    QTest::keyClick(second, Qt::Key_Return);
    CHECK(dialog->isVisible());
    CHECK(dialog->errorText().contains(QStringLiteral("too short")));
    CHECK(test::countRows(*f.db, QStringLiteral("users")) == 0);

    // Two different passwords: refused too.
    test::retype(first, kPassword);
    test::retype(second, kPassword + QStringLiteral("!"));
    QTest::keyClick(second, Qt::Key_Return);
    CHECK(dialog->errorText() == QStringLiteral("The two passwords differ."));

    test::retype(second, kPassword);
    QTest::keyClick(second, Qt::Key_Return); // Enter accepts
    MainWindow *window = waitForMainWindow(session);
    REQUIRE(window);
    CHECK(window->windowTitle().contains(QStringLiteral("Dana Whitfield (Administrator)")));
    CHECK(f.db->actor().kind == Actor::Kind::Person);
    CHECK(f.db->actor().username == QStringLiteral("admin"));
    CHECK(window->findChild<QMenu *>(QStringLiteral("adminMenu")));

    const QString hash = test::text(
        *f.db, QStringLiteral("SELECT password_hash FROM users WHERE username = 'admin'"));
    CHECK(hash.startsWith(QStringLiteral("pbkdf2-sha256$")));
    CHECK_FALSE(hash.contains(kPassword));
    CHECK(test::text(*f.db, QStringLiteral("SELECT role FROM users WHERE username = 'admin'")) ==
          QStringLiteral("admin"));
    CHECK(f.count(auditActionCode(AuditAction::SignIn)) == 1);
    // The password typed is not kept in the dialog's fields (which are gone
    // with the dialog once it has closed).
    CHECK((firstField.isNull() || firstField->text().isEmpty()));
}

TEST_CASE("A wrong password is said and the dialog stays, and after three a countdown runs")
{
    Fixture f;
    f.demo(5);
    Session session(*f.db, f.engine);
    session.start();
    SignInDialog *dialog = session.signInDialog();
    REQUIRE(dialog);
    REQUIRE(QTest::qWaitForWindowExposed(dialog));
    auto *button = child<QPushButton>(dialog, "signInPushButton");
    const QString label = button->text();

    for (int attempt = 1; attempt <= 2; ++attempt) {
        typeSignIn(dialog, QStringLiteral("agarcia"), QStringLiteral("not my password"));
        INFO("attempt " << attempt);
        CHECK(dialog->isVisible());
        CHECK(dialog->errorText() == QStringLiteral("The user name or the password is wrong."));
        CHECK(child<QLineEdit>(dialog, "passwordLineEdit")->text().isEmpty());
        CHECK(session.mainWindow() == nullptr);
        CHECK_FALSE(f.db->actor().signedIn());
        CHECK(button->isEnabled());
    }

    // The third wrong password starts a wait: said at once, with Sign in
    // greyed out and counting down, as the user guide says.
    typeSignIn(dialog, QStringLiteral("agarcia"), QStringLiteral("not my password"));
    CHECK(f.count(auditActionCode(AuditAction::SignInFailed)) == 3);
    CHECK(
        dialog->errorText().startsWith(QStringLiteral("The user name or the password is wrong.")));
    CHECK(dialog->errorText().contains(QStringLiteral("try again in 2 seconds")));
    CHECK_FALSE(button->isEnabled());
    CHECK(button->text() != label);
    // Enter does nothing while it lasts: not even the right password is tried.
    typeSignIn(dialog, QStringLiteral("agarcia"), kPassword);
    CHECK(session.mainWindow() == nullptr);
    CHECK(f.count(auditActionCode(AuditAction::SignInFailed)) == 3);
    REQUIRE(test::eventually([&] { return button->isEnabled(); }, 5000));
    CHECK(button->text() == label);

    typeSignIn(dialog, QStringLiteral("agarcia"), kPassword);
    REQUIRE(waitForMainWindow(session));
    CHECK(f.db->actor().username == QStringLiteral("agarcia"));
}

TEST_CASE("An unknown user name is answered exactly like a wrong password, waits included")
{
    Fixture f;
    f.demo(1);
    SignInDialog known(*f.db);
    SignInDialog unknown(*f.db);
    for (SignInDialog *dialog : {&known, &unknown}) {
        dialog->show();
        REQUIRE(QTest::qWaitForWindowExposed(dialog));
    }
    auto *knownButton = child<QPushButton>(&known, "signInPushButton");
    auto *unknownButton = child<QPushButton>(&unknown, "signInPushButton");
    for (int attempt = 1; attempt <= 3; ++attempt) {
        INFO("attempt " << attempt);
        typeSignIn(&known, QStringLiteral("agarcia"), QStringLiteral("not my password"));
        typeSignIn(&unknown, QStringLiteral("agarcie"), QStringLiteral("not my password"));
        // The same words, the same state of the button.
        CHECK(unknown.errorText() == known.errorText());
        CHECK(unknownButton->isEnabled() == knownButton->isEnabled());
        CHECK(unknownButton->text() == knownButton->text());
    }
    CHECK_FALSE(unknownButton->isEnabled());
    CHECK(unknown.errorText() == QStringLiteral("The user name or the password is wrong. Too many "
                                                "wrong passwords: try again in 2 seconds."));
    REQUIRE(test::eventually([&] { return unknownButton->isEnabled(); }, 5000));
    REQUIRE(test::eventually([&] { return knownButton->isEnabled(); }, 5000));
    CHECK(unknown.errorText() == known.errorText());
    // The fourth try fails again and doubles the wait, for both.
    typeSignIn(&known, QStringLiteral("agarcia"), QStringLiteral("not my password"));
    typeSignIn(&unknown, QStringLiteral("agarcie"), QStringLiteral("not my password"));
    CHECK(known.errorText().contains(QStringLiteral("try again in 4 seconds")));
    CHECK(unknown.errorText() == known.errorText());
    CHECK_FALSE(unknownButton->isEnabled());
    CHECK_FALSE(knownButton->isEnabled());
    // The trail names the known user, never the unknown name typed.
    CHECK(f.count(auditActionCode(AuditAction::SignInFailed)) == 8);
    CHECK(test::scalar(*f.db, QStringLiteral("SELECT count(*) FROM audit_log WHERE username = ?"),
                       {accounts::unknownUserName()}) == 4);
    CHECK(test::scalar(*f.db, QStringLiteral("SELECT count(*) FROM audit_log WHERE username LIKE "
                                             "'%agarcie%' OR detail LIKE '%agarcie%'")) == 0);
}

TEST_CASE("pathway --demo on an agency's database changes no account and says why")
{
    Fixture f;
    // An agency's database: its administrator and a counselor with a demo
    // user's name and her own password; no clients yet.
    test::user(*f.db, QStringLiteral("admin"), Role::Admin, QStringLiteral("Dana Whitfield"));
    test::user(*f.db, QStringLiteral("agarcia"), Role::Counselor, QStringLiteral("Ana García"));
    test::setCheapPassword(*f.db, QStringLiteral("admin"), kPassword);
    test::setCheapPassword(*f.db, QStringLiteral("agarcia"), QStringLiteral("her own password"));
    f.db->setActor(Actor::nobody());
    const auto accounts = [&] {
        return test::text(*f.db, QStringLiteral("SELECT group_concat(username || ' ' || role || "
                                                "' ' || password_hash, ';') FROM users"));
    };
    const QString before = accounts();

    Session session(*f.db, f.engine);
    session.setDemo(true);
    session.start();
    QString refusal;
    bool shown = false;
    test::onModalNamed(
        QStringLiteral("errorMessageBox"),
        [&](QWidget *box) {
            refusal = static_cast<QMessageBox *>(box)->informativeText();
            static_cast<QMessageBox *>(box)->accept();
        },
        &shown);
    MainWindow *window = signIn(session, QStringLiteral("admin"));
    CHECK(shown);
    CHECK(refusal.contains(f.db->path()));
    CHECK(refusal.contains(QStringLiteral("0 clients and 2 user accounts")));
    CHECK(refusal.contains(QStringLiteral("Nothing was added")));
    // Nothing was added and no account changed: agarcia keeps her password,
    // no supervisor appeared.
    CHECK(accounts() == before);
    CHECK(test::countRows(*f.db, QStringLiteral("clients")) == 0);
    CHECK(window->caseloadModel()->rowCount() == 0);

    // The same refusal through the call the first run uses, with a password.
    f.db->setActor(Actor::nobody());
    const Status again = Session::addDemo(*f.db, f.engine, QStringLiteral("demo password 1"),
                                          test::today(), nullptr);
    REQUIRE_FALSE(again.ok());
    CHECK(again.error().message == refusal);
    CHECK(accounts() == before);
}

TEST_CASE("Quit at sign-in ends the program")
{
    Fixture f;
    f.demo(1);
    Session session(*f.db, f.engine);
    QSignalSpy quit(&session, &Session::quitRequested);
    session.start();
    SignInDialog *dialog = session.signInDialog();
    REQUIRE(dialog);
    QTest::mouseClick(child<QPushButton>(dialog, "quitPushButton"), Qt::LeftButton);
    CHECK(quit.count() == 1);
    CHECK(session.mainWindow() == nullptr);
}

TEST_CASE("A counselor's caseload holds exactly their clients and a supervisor's all of them")
{
    Fixture f;
    f.demo(60);
    Session session(*f.db, f.engine);
    session.setToday(test::today());
    session.start();

    MainWindow *window = signIn(session, QStringLiteral("agarcia"));
    CHECK(window->windowTitle().contains(QStringLiteral("(Counselor)")));
    CHECK(window->findChild<QMenu *>(QStringLiteral("supervisorMenu")) == nullptr);
    CHECK(window->findChild<QMenu *>(QStringLiteral("adminMenu")) == nullptr);
    CHECK(window->findChild<QAction *>(QStringLiteral("reassignAction")) == nullptr);
    CaseloadModel *model = anyStatus(window);
    const qint64 own =
        test::scalar(*f.db, QStringLiteral("SELECT count(*) FROM clients c JOIN users u ON u.id = "
                                           "c.counselor_id WHERE u.username = 'agarcia'"));
    REQUIRE(own > 0);
    CHECK(model->rowCount() == own);
    for (int row = 0; row < model->rowCount(); ++row)
        CHECK(test::text(*f.db,
                         QStringLiteral("SELECT u.username FROM clients c JOIN users u ON u.id = "
                                        "c.counselor_id WHERE c.id = ?"),
                         {model->clientId(row)}) == QStringLiteral("agarcia"));

    // File > Sign Out: back to the sign-in dialog, nobody signed in.
    QPointer<MainWindow> first = window;
    child<QAction>(window, "signOutAction")->trigger();
    REQUIRE(test::eventually([&] { return first.isNull(); }));
    CHECK_FALSE(f.db->actor().signedIn());
    CHECK(f.count(auditActionCode(AuditAction::SignOut)) == 1);

    window = signIn(session, QStringLiteral("sreyes"));
    CHECK(window->windowTitle().contains(QStringLiteral("(Supervisor)")));
    CHECK(window->findChild<QMenu *>(QStringLiteral("supervisorMenu")));
    CHECK(window->findChild<QMenu *>(QStringLiteral("adminMenu")) == nullptr);
    CHECK(anyStatus(window)->rowCount() == 60);
}

TEST_CASE("The idle lock hides every client's details until the password is typed again")
{
    Fixture f;
    f.demo(20);
    Session session(*f.db, f.engine);
    session.setToday(test::today());
    session.start();
    MainWindow *window = signIn(session, QStringLiteral("agarcia"));
    CaseloadModel *model = window->caseloadModel();
    REQUIRE(model->rowCount() > 0);
    const int rows = model->rowCount();

    // A client window and an interview with a name typed are open; the
    // search box holds part of a name.
    ClientWindow *client = window->openClient(model->clientId(0));
    REQUIRE(QTest::qWaitForWindowExposed(client));
    IntakeWizard *wizard = window->startIntake();
    REQUIRE(QTest::qWaitForWindowExposed(wizard));
    test::typeText(child<QLineEdit>(wizard, "firstNameLineEdit"), QStringLiteral("Zoë"));
    test::typeText(child<QLineEdit>(wizard, "lastNameLineEdit"), QStringLiteral("Quintana"));
    auto *search = child<QLineEdit>(window, "searchLineEdit");
    QTest::keyClicks(search, QStringLiteral("a"));
    REQUIRE(test::eventually([&] { return model->rowCount() > 0; }));

    struct Name
    {
        QString first, last;
    };
    QVector<Name> names{{QStringLiteral("Zoë"), QStringLiteral("Quintana")}};
    QSqlQuery q(f.db->connection());
    REQUIRE(q.exec(QStringLiteral("SELECT first_name, last_name FROM clients")));
    while (q.next())
        names.append({q.value(0).toString(), q.value(1).toString()});
    auto leaks = [&names] {
        QStringList found;
        for (const QString &t : test::visibleTexts()) {
            for (const Name &n : names) {
                if (t == n.first || t == n.last ||
                    t.contains(n.first + QLatin1Char(' ') + n.last) ||
                    t.contains(n.last + QStringLiteral(", ") + n.first))
                    found << t;
            }
        }
        return found;
    };
    REQUIRE_FALSE(leaks().isEmpty()); // the check sees names when they are there

    // A second without input locks (the agency's minutes, shortened).
    session.idleWatcher()->setTimeout(std::chrono::milliseconds(1000));
    REQUIRE(test::eventually([&] { return session.isLocked(); }, 5000));
    LockDialog *lock = session.lockDialog();
    REQUIRE(lock);
    REQUIRE(QTest::qWaitForWindowExposed(lock));
    INFO(leaks().join(QStringLiteral(" | ")).toStdString());
    CHECK(leaks().isEmpty());
    CHECK_FALSE(client->isVisible());
    CHECK_FALSE(wizard->isVisible());
    CHECK(model->rowCount() == 0);
    CHECK(search->text().isEmpty());
    CHECK(f.count(auditActionCode(AuditAction::Lock)) == 1);

    // Escape does not get past it; a wrong password is said.
    QTest::keyClick(lock, Qt::Key_Escape);
    CHECK(lock->isVisible());
    auto *password = child<QLineEdit>(lock, "passwordLineEdit");
    test::retype(password, QStringLiteral("not my password"));
    QTest::keyClick(password, Qt::Key_Return);
    CHECK(session.isLocked());
    CHECK(lock->errorText() == QStringLiteral("The password is wrong."));

    test::retype(password, kPassword);
    QTest::keyClick(password, Qt::Key_Return);
    CHECK_FALSE(session.isLocked());
    CHECK(client->isVisible());
    CHECK(wizard->isVisible());
    CHECK(child<QLineEdit>(wizard, "firstNameLineEdit")->text() == QStringLiteral("Zoë"));
    CHECK(search->text() == QStringLiteral("a"));
    CHECK(model->rowCount() > 0);
    CHECK(model->rowCount() <= rows);
    CHECK(f.count(auditActionCode(AuditAction::Unlock)) == 1);
    CHECK(f.db->actor().username == QStringLiteral("agarcia"));
    wizard->closeKeepingDraft();
}

TEST_CASE("Signing out from the lock keeps interviews as drafts and asks for the next user")
{
    Fixture f;
    f.demo(5);
    Session session(*f.db, f.engine);
    session.setToday(test::today());
    session.start();
    MainWindow *window = signIn(session, QStringLiteral("agarcia"));
    IntakeWizard *wizard = window->startIntake();
    test::typeText(child<QLineEdit>(wizard, "firstNameLineEdit"), QStringLiteral("Zoë"));
    QPointer<MainWindow> watched = window;

    session.lock(LockDialog::ByUser);
    REQUIRE(session.lockDialog());
    QTest::mouseClick(child<QPushButton>(session.lockDialog(), "signOutPushButton"),
                      Qt::LeftButton);
    REQUIRE(test::eventually([&] { return watched.isNull(); }));
    REQUIRE(session.signInDialog());
    CHECK(session.signInDialog()->isVisible());
    CHECK_FALSE(f.db->actor().signedIn());
    CHECK_FALSE(session.isLocked());
    CHECK(test::countRows(*f.db, QStringLiteral("intake_drafts")) == 1);
    CHECK(test::text(*f.db, QStringLiteral("SELECT counselor FROM intake_drafts")) ==
          QStringLiteral("agarcia"));
    CHECK(f.count(auditActionCode(AuditAction::SignOut)) == 1);
}

TEST_CASE("The sign-in, first-run and lock windows fit a small screen, with no clashing keys")
{
    Fixture f;
    f.db->setActor(Actor::nobody());
    {
        FirstRunDialog first(*f.db);
        first.setDemoNote(true);
        first.show();
        REQUIRE(QTest::qWaitForWindowExposed(&first));
        CHECK_WINDOW_FITS(&first);
    }
    f.db->setActor(Actor::system());
    f.demo(2);
    SignInDialog signIn(*f.db);
    signIn.show();
    REQUIRE(QTest::qWaitForWindowExposed(&signIn));
    CHECK_WINDOW_FITS(&signIn);
    CHECK(signIn.windowTitle() == QStringLiteral("Sign in"));
    for (const LockDialog::Reason reason : {LockDialog::Idle, LockDialog::ByUser}) {
        LockDialog lock(*f.db, QStringLiteral("Ana García (agarcia)"), reason);
        lock.show();
        REQUIRE(QTest::qWaitForWindowExposed(&lock));
        CHECK_WINDOW_FITS(&lock);
    }
}

TEST_CASE("Ctrl+L locks at once and says it was the user, not a time without use")
{
    Fixture f;
    f.demo(3);
    Session session(*f.db, f.engine);
    session.setToday(test::today());
    session.start();
    MainWindow *window = signIn(session, QStringLiteral("agarcia"));
    REQUIRE(test::activate(window));
    QTest::keyClick(window, Qt::Key_L, Qt::ControlModifier);
    REQUIRE(session.isLocked());
    LockDialog *lock = session.lockDialog();
    REQUIRE(lock);
    const QString intro = child<QLabel>(lock, "lockIntroLabel")->text();
    CHECK_FALSE(intro.contains(QStringLiteral("without use")));
    CHECK(intro.startsWith(QStringLiteral("Ana García (agarcia) locked Pathway")));
    CHECK(test::text(*f.db, QStringLiteral("SELECT detail FROM audit_log WHERE action = ?"),
                     {auditActionCode(AuditAction::Lock)}) == QStringLiteral("by agarcia"));

    // Three wrong passwords: the wait is said at once and Unlock waits.
    auto *password = child<QLineEdit>(lock, "passwordLineEdit");
    auto *unlock = child<QPushButton>(lock, "unlockPushButton");
    for (int attempt = 1; attempt <= 3; ++attempt) {
        test::retype(password, QStringLiteral("not my password"));
        QTest::keyClick(password, Qt::Key_Return);
    }
    CHECK(lock->errorText().startsWith(QStringLiteral("The password is wrong.")));
    CHECK(lock->errorText().contains(QStringLiteral("try again in 2 seconds")));
    CHECK_FALSE(unlock->isEnabled());
    REQUIRE(test::eventually([&] { return unlock->isEnabled(); }, 5000));
    test::retype(password, kPassword);
    QTest::keyClick(password, Qt::Key_Return);
    CHECK_FALSE(session.isLocked());

    // The idle lock says it was the time.
    session.idleWatcher()->setTimeout(std::chrono::milliseconds(300));
    REQUIRE(test::eventually([&] { return session.isLocked(); }, 5000));
    CHECK(child<QLabel>(session.lockDialog(), "lockIntroLabel")
              ->text()
              .contains(QStringLiteral("after a time without use")));
}
