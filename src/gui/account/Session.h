#pragma once

#include "account/LockDialog.h"
#include "pathway/core/Result.h"

#include <QDate>
#include <QObject>
#include <QPointer>
#include <QVector>

class QWidget;

namespace pathway {

class Database;
class FirstRunDialog;
class IdleWatcher;
class MainWindow;
class SignInDialog;
class StrategyEngine;

// Who is using Pathway, from start to quit: the first-run dialog (no admin
// yet) or the sign-in dialog, then the caseload window of the signed-in
// user; File > Sign Out closes it and asks again. After the agency's idle
// time without input the session locks: every window but the caseload is
// hidden, the caseload list is emptied, and the lock dialog asks the same
// user's password (or signs out).
class Session : public QObject
{
    Q_OBJECT
public:
    Session(Database &db, const StrategyEngine &engine, QObject *parent = nullptr);
    ~Session() override;

    // pathway --demo: a new database (no clients, no user but the
    // administrator) gets the demo caseload after the sign-in; on the first
    // run the demo users get the administrator's password. Any other
    // database is left as it is, and a message says why.
    void setDemo(bool demo) { m_demo = demo; }
    // Anchors plan dates and the demo caseload (tests).
    void setToday(const QDate &today) { m_today = today; }

    // Shows the first-run dialog when the database has no administrator,
    // else the sign-in dialog.
    void start();

    // The windows of the moment; null when not shown.
    MainWindow *mainWindow() const;
    SignInDialog *signInDialog() const;
    FirstRunDialog *firstRunDialog() const;
    LockDialog *lockDialog() const;
    IdleWatcher *idleWatcher() const { return m_idle; }
    bool isLocked() const { return m_locked; }

    // Locks now: File > Lock Screen (LockDialog::ByUser) or the idle time
    // passed (LockDialog::Idle); the dialog and the audit trail say which.
    void lock(LockDialog::Reason reason);
    // Closes the caseload window and what it opened, signs out and shows the
    // sign-in dialog. `ask`: windows with unsaved input may ask, and a "no"
    // keeps the session (returns false).
    bool signOut(bool ask);

    // The demo caseload (500 clients, as the system) and the demo users,
    // with `password` when it is not empty (addDemoCaseload()); refused
    // (Conflict, naming the file and what it holds) unless the database is
    // new (checkDemoTarget()). Shows its progress over `parent`.
    static Status addDemo(Database &db, const StrategyEngine &engine, const QString &password,
                          const QDate &today, QWidget *parent);

Q_SIGNALS:
    // The person chose Quit at sign-in, or closed the caseload window.
    void quitRequested();
    void signedIn();
    void signedOut();
    void locked();
    void unlocked();

private:
    void showSignIn();
    void showFirstRun();
    // After the first-run or sign-in dialog accepted: afterSignIn() once
    // the dialog has finished closing.
    void continueAfterSignIn(const QString &demoPassword);
    void afterSignIn(const QString &demoPassword);
    void openMainWindow();
    void unlock();
    void applyIdleSetting();
    void watchMainWindow();

    Database &m_db;
    const StrategyEngine &m_engine;
    QDate m_today = QDate::currentDate();
    bool m_demo = false;
    QPointer<MainWindow> m_window;
    QPointer<SignInDialog> m_signIn;
    QPointer<FirstRunDialog> m_firstRun;
    QPointer<LockDialog> m_lock;
    IdleWatcher *m_idle;
    bool m_locked = false;
    QVector<QPointer<QWidget>> m_hidden; // windows hidden by the lock
};

} // namespace pathway
