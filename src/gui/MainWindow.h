#pragma once

#include <QDate>
#include <QHash>
#include <QMainWindow>
#include <QPointer>
#include <QVector>

#include <memory>

class QAction;
class QComboBox;
class QLabel;
class QLineEdit;
class QTableView;
class QTimer;
class QUndoGroup;

namespace pathway {

class AuditViewer;
class BackupPrompts;
class CaseloadModel;
class DashboardWindow;
class CaseloadRepository;
class ClientWindow;
class Database;
class DatabaseBackups;
class IntakeWizard;
class PlanPrinting;
class PrintPrompts;
class StrategyEngine;
struct IntakeDraft;

// The caseload window: search and filters over the list of clients the
// signed-in user may see (Database::actor()), with the menus of their role:
// Supervisor (dashboard, reassign, audit trail) for supervisors and
// administrators, Admin (users, agency settings) for administrators.
class MainWindow : public QMainWindow
{
    Q_OBJECT
public:
    MainWindow(Database &db, const StrategyEngine &engine, QWidget *parent = nullptr);
    ~MainWindow() override;

    CaseloadModel *caseloadModel() const { return m_model; }

    // Opens (or raises) the workspace of client `id`.
    ClientWindow *openClient(qint64 id);
    // Starts a new intake interview, or resumes `draft`; returns the wizard
    // (shown, deleted when closed).
    IntakeWizard *startIntake(const IntakeDraft *draft = nullptr);
    // Lets the counselor pick a saved draft and resumes it.
    void resumeDraft();
    // Anchors age checks and plan dates (tests and screenshots fix it).
    void setToday(const QDate &today) { m_today = today; }
    // Replaces the file and choice questions of printing (tests).
    void setPrintPrompts(std::shared_ptr<PrintPrompts> prompts)
    {
        m_printPrompts = std::move(prompts);
    }
    // Replaces the file questions of backing up and restoring (tests).
    void setBackupPrompts(std::shared_ptr<BackupPrompts> prompts)
    {
        m_backupPrompts = std::move(prompts);
    }
    // File > Back Up Database… and File > Restore From Backup… (supervisors
    // and administrators); after a restore the window closes, and with it
    // the app.
    void backUpDatabase();
    void restoreFromBackup();
    bool restored() const { return m_restored; }
    // The ids of the clients selected in the caseload, top to bottom.
    QVector<qint64> selectedIds() const;

    // Locked (idle lock): the list and the search text are emptied, as if no
    // client matched; unlocked, both come back.
    void setLocked(bool locked);
    bool isLocked() const { return m_locked; }
    // Closes the intake interviews and client windows. `ask`: each may ask
    // about unsaved input, and false means one refused. Otherwise nothing
    // asks: interviews keep their answers as drafts and unsaved profile
    // changes are dropped (signing out from the idle lock).
    bool closeWorkWindows(bool ask);

    // Supervisor > Caseload Dashboard (a window of its own, one at a time;
    // a client chosen there opens here).
    DashboardWindow *showDashboard();
    // Supervisor > Reassign Clients: the selected clients to another counselor.
    void reassignSelected();
    // Supervisor > Audit Trail (a window of its own, one at a time).
    AuditViewer *showAuditTrail();
    // Admin > Users and Admin > Agency Settings.
    void showUsers();
    void showAgencySettings();
    // Supervisor > Audit Trail of Client: the trail filtered to everything
    // about the selected client.
    AuditViewer *showClientAuditTrail();
    // Help > User Guide (F1): the guide in a window of its own, or a message
    // saying where it was looked for.
    QWidget *showUserGuide();

    // What the list says when it is empty (how to start, or that nothing
    // matches); empty while clients are listed.
    QString emptyText() const;

Q_SIGNALS:
    // File > Sign Out (the session closes this window and asks who is next).
    void signOutRequested();
    // File > Lock Screen.
    void lockRequested();
    // Admin > Agency Settings saved new values (the idle lock time among them).
    void agencySettingsChanged();

protected:
    void closeEvent(QCloseEvent *event) override;
    void showEvent(QShowEvent *event) override;
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void buildActions();
    void applyFilter();
    void updateStatus();
    void openSelected();
    void updateSelectionActions();
    void updateEmptyText();
    void focusList();
    // Reads the dashboard's figures again when it is open (after a review
    // or reassignment made here).
    void refreshDashboard();
    PlanPrinting printing();
    DatabaseBackups backups();
    void changePassword();
    QString signedInTitle() const;
    QString signedInName() const; // "Ana García (Counselor)"

    Database &m_db;
    const StrategyEngine &m_engine;
    std::shared_ptr<BackupPrompts> m_backupPrompts;
    bool m_restored = false;
    QUndoGroup *m_undoGroup = nullptr;
    QHash<qint64, ClientWindow *> m_clientWindows;
    QDate m_today = QDate::currentDate();
    std::unique_ptr<CaseloadRepository> m_repository;
    CaseloadModel *m_model = nullptr;
    QLineEdit *m_search = nullptr;
    QComboBox *m_status = nullptr;
    QComboBox *m_bracket = nullptr;
    QComboBox *m_barrier = nullptr;
    QTableView *m_table = nullptr;
    QLabel *m_count = nullptr;
    QLabel *m_who = nullptr;   // the signed-in user, in the status bar
    QLabel *m_empty = nullptr; // over the list while it is empty
    QTimer *m_searchDelay = nullptr;
    QAction *m_printAction = nullptr;
    QAction *m_exportAction = nullptr;
    QAction *m_reassignAction = nullptr;
    QAction *m_clientAuditAction = nullptr;
    std::shared_ptr<PrintPrompts> m_printPrompts;
    QPointer<AuditViewer> m_auditViewer;
    QPointer<DashboardWindow> m_dashboard;
    QPointer<QWidget> m_userGuide;
    bool m_locked = false;
    bool m_fallbackTold = false;   // the built-in rules' warning was shown
    bool m_selectionShown = false; // the status bar names the selection
    QString m_lockedSearch;        // the search text while locked
};

} // namespace pathway
