#pragma once

#include <QDate>
#include <QHash>
#include <QMainWindow>
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

class CaseloadModel;
class CaseloadRepository;
class ClientWindow;
class Database;
class IntakeWizard;
class PlanPrinting;
class PrintPrompts;
class StrategyEngine;
struct IntakeDraft;

// The caseload window: search and filters over the list of clients.
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
    // The ids of the clients selected in the caseload, top to bottom.
    QVector<qint64> selectedIds() const;

protected:
    void closeEvent(QCloseEvent *event) override;

private:
    void buildActions();
    void applyFilter();
    void updateStatus();
    void openSelected();
    void updatePrintActions();
    PlanPrinting printing();

    Database &m_db;
    const StrategyEngine &m_engine;
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
    QTimer *m_searchDelay = nullptr;
    QAction *m_printAction = nullptr;
    QAction *m_exportAction = nullptr;
    std::shared_ptr<PrintPrompts> m_printPrompts;
};

} // namespace pathway
