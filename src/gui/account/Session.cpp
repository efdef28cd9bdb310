#include "account/Session.h"

#include "ErrorDialog.h"
#include "MainWindow.h"
#include "Settings.h"
#include "account/FirstRunDialog.h"
#include "account/IdleWatcher.h"
#include "account/LockDialog.h"
#include "account/SignInDialog.h"
#include "pathway/core/StrategyEngine.h"
#include "pathway/storage/Accounts.h"
#include "pathway/storage/AuditLog.h"
#include "pathway/storage/Database.h"
#include "pathway/storage/DemoData.h"
#include "pathway/storage/UserNames.h"

#include <QApplication>
#include <QDialog>
#include <QMenu>
#include <QProgressDialog>
#include <QScopeGuard>

namespace pathway {

namespace {
constexpr int kDemoClients = 500;
constexpr std::uint64_t kDemoSeed = 1;
} // namespace

Session::Session(Database &db, const StrategyEngine &engine, QObject *parent)
    : QObject(parent), m_db(db), m_engine(engine), m_idle(new IdleWatcher(this))
{
    connect(m_idle, &IdleWatcher::idle, this, [this] { lock(LockDialog::Idle); });
    applyIdleSetting();
}

Session::~Session()
{
    m_idle->stop();
    delete m_lock;
    if (m_window) {
        disconnect(m_window, nullptr, this, nullptr);
        delete m_window;
    }
    delete m_signIn;
    delete m_firstRun;
    if (m_db.actor().kind == Actor::Kind::Person)
        accounts::signOut(m_db);
}

MainWindow *Session::mainWindow() const
{
    return m_window;
}
SignInDialog *Session::signInDialog() const
{
    return m_signIn;
}
FirstRunDialog *Session::firstRunDialog() const
{
    return m_firstRun;
}
LockDialog *Session::lockDialog() const
{
    return m_lock;
}

void Session::applyIdleSetting()
{
    m_idle->setTimeout(std::chrono::minutes(Settings().idleLockMinutes()));
}

void Session::start()
{
    auto first = accounts::needsFirstAdmin(m_db);
    if (!first) {
        ErrorDialog::show(nullptr, tr("open the database"), first.error());
        Q_EMIT quitRequested();
        return;
    }
    if (first.value())
        showFirstRun();
    else
        showSignIn();
}

void Session::showFirstRun()
{
    m_firstRun = new FirstRunDialog(m_db);
    m_firstRun->setAttribute(Qt::WA_DeleteOnClose);
    m_firstRun->setDemoNote(m_demo);
    connect(m_firstRun, &QDialog::accepted, this, [this] {
        const QString password = m_demo ? m_firstRun->password() : QString();
        m_firstRun->forget();
        continueAfterSignIn(password);
    });
    connect(m_firstRun, &QDialog::rejected, this, &Session::quitRequested);
    m_firstRun->show();
}

void Session::showSignIn()
{
    m_signIn = new SignInDialog(m_db);
    m_signIn->setAttribute(Qt::WA_DeleteOnClose);
    connect(m_signIn, &QDialog::accepted, this, [this] { continueAfterSignIn(QString()); });
    connect(m_signIn, &QDialog::rejected, this, &Session::quitRequested);
    m_signIn->show();
    m_signIn->raise();
    m_signIn->activateWindow();
}

void Session::continueAfterSignIn(const QString &demoPassword)
{
    // Not inside the dialog's accepted(): QDialog::done() still emits
    // finished() after it, and the demo fill below runs the event loop (its
    // progress window), in which the closed dialog (WA_DeleteOnClose) is
    // deleted. Running afterwards, from the event loop, nothing is left on
    // the dialog's stack.
    QMetaObject::invokeMethod(
        this, [this, demoPassword] { afterSignIn(demoPassword); }, Qt::QueuedConnection);
}

void Session::afterSignIn(const QString &demoPassword)
{
    if (m_demo) {
        m_demo = false;
        if (const Status added = addDemo(m_db, m_engine, demoPassword, m_today, nullptr); !added)
            ErrorDialog::show(nullptr, tr("create the demo caseload"), added.error());
    }
    openMainWindow();
}

Status Session::addDemo(Database &db, const StrategyEngine &engine, const QString &password,
                        const QDate &today, QWidget *parent)
{
    // Demo data is set up by the system, whoever is signed in.
    const Actor signedIn = db.actor();
    db.setActor(Actor::system());
    const auto restore = qScopeGuard([&] { db.setActor(signedIn); });

    // The same rule as pathway-cli demo: only a new database (no clients, no
    // user but the administrator) gets demo data; anything else is refused,
    // saying what the file holds, and nothing changes.
    QProgressDialog progress(QObject::tr("Creating the demo caseload…"), QObject::tr("Cancel"), 0,
                             kDemoClients, parent);
    progress.setWindowTitle(QObject::tr("Pathway"));
    progress.setWindowModality(Qt::ApplicationModal);
    progress.setMinimumDuration(300);
    return addDemoCaseload(
        db, engine, kDemoClients, kDemoSeed, today,
        [&](int n) {
            progress.setValue(n);
            return !progress.wasCanceled();
        },
        password);
}

void Session::openMainWindow()
{
    m_window = new MainWindow(m_db, m_engine);
    m_window->setAttribute(Qt::WA_DeleteOnClose);
    m_window->setToday(m_today);
    connect(m_window, &MainWindow::signOutRequested, this, [this] { signOut(true); });
    connect(m_window, &MainWindow::lockRequested, this, [this] { lock(LockDialog::ByUser); });
    connect(m_window, &MainWindow::agencySettingsChanged, this, &Session::applyIdleSetting);
    watchMainWindow();
    m_window->show();
    applyIdleSetting();
    m_idle->start();
    Q_EMIT signedIn();
}

void Session::watchMainWindow()
{
    // Closing the caseload window (File > Quit) ends the program.
    connect(m_window, &QObject::destroyed, this, &Session::quitRequested);
}

void Session::lock(LockDialog::Reason reason)
{
    if (m_locked || !m_window)
        return;
    m_locked = true;
    m_idle->stop();
    while (QWidget *popup = QApplication::activePopupWidget())
        popup->close();
    // Every window but the caseload is hidden. A dialog waiting for an
    // answer (exec) ends as if cancelled and is not shown again; the others
    // come back on unlock.
    const QWidgetList windows = QApplication::topLevelWidgets();
    for (QWidget *w : windows) {
        if (!w->isVisible() || w == m_window)
            continue;
        const auto *dialog = qobject_cast<QDialog *>(w);
        const bool transient = (dialog && dialog->isModal()) || w->windowType() == Qt::ToolTip ||
                               w->windowType() == Qt::Popup;
        if (!transient)
            m_hidden.append(w);
        w->hide();
    }
    m_window->setLocked(true);
    // The audit trail's words stay in English, like its other details.
    QString why = QStringLiteral("by %1").arg(m_db.actor().username);
    if (reason == LockDialog::Idle) {
        const auto minutes = m_idle->timeout().count() / 60000;
        why = minutes == 1 ? QStringLiteral("after 1 minute without input")
                           : QStringLiteral("after %1 minutes without input").arg(minutes);
    }
    audit::record(m_db, AuditAction::Lock, QStringLiteral("session"), 0, why);

    const auto names = UserNames::load(m_db);
    const QString who =
        names ? names->label(m_db.actor().username, NameForm::WithUserName) : m_db.actor().username;
    m_lock = new LockDialog(m_db, who, reason, m_window);
    m_lock->setWindowModality(Qt::ApplicationModal);
    connect(m_lock, &LockDialog::unlocked, this, &Session::unlock);
    connect(
        m_lock, &LockDialog::signOutRequested, this, [this] { signOut(false); },
        Qt::QueuedConnection);
    m_lock->show();
    m_lock->raise();
    m_lock->activateWindow();
    Q_EMIT locked();
}

void Session::unlock()
{
    if (!m_locked)
        return;
    if (m_lock) {
        m_lock->hide();
        m_lock->deleteLater();
    }
    m_locked = false;
    audit::record(m_db, AuditAction::Unlock, QStringLiteral("session"));
    if (m_window)
        m_window->setLocked(false);
    for (const QPointer<QWidget> &w : std::as_const(m_hidden)) {
        if (w)
            w->show();
    }
    m_hidden.clear();
    if (m_window) {
        m_window->raise();
        m_window->activateWindow();
    }
    m_idle->start();
    Q_EMIT unlocked();
}

bool Session::signOut(bool ask)
{
    if (!m_window)
        return true;
    m_idle->stop();
    if (!m_window->closeWorkWindows(ask)) {
        m_idle->start();
        return false;
    }
    disconnect(m_window, &QObject::destroyed, this, &Session::quitRequested);
    if (m_lock) {
        m_lock->hide();
        m_lock->deleteLater();
    }
    if (!m_window->close()) {
        watchMainWindow();
        m_idle->start();
        return false;
    }
    m_window = nullptr;
    m_hidden.clear();
    m_locked = false;
    accounts::signOut(m_db);
    Q_EMIT signedOut();
    showSignIn();
    return true;
}

} // namespace pathway
