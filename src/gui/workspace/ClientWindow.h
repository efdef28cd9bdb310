#pragma once

#include <QMainWindow>

#include <memory>

class QTabWidget;
class QUndoStack;

namespace pathway {

class Database;
class NotesTab;
class PlanPrinting;
class PlanTab;
class PrintPrompts;
class ProfileTab;
class StrategyEngine;

// One client's workspace, in its own window: Profile, Plan and Notes tabs,
// with an undo history for the plan.
class ClientWindow : public QMainWindow
{
    Q_OBJECT
public:
    enum Tab
    {
        ProfileTabIndex,
        PlanTabIndex,
        NotesTabIndex
    };
    ClientWindow(Database &db, const StrategyEngine &engine, qint64 clientId,
                 QWidget *parent = nullptr);

    qint64 clientId() const { return m_clientId; }
    ProfileTab *profileTab() const { return m_profile; }
    PlanTab *planTab() const { return m_plan; }
    NotesTab *notesTab() const { return m_notes; }
    QTabWidget *tabs() const { return m_tabs; }
    QUndoStack *undoStack() const { return m_undo; }
    // Replaces the file and choice questions of printing (tests).
    void setPrintPrompts(std::shared_ptr<PrintPrompts> prompts)
    {
        m_printPrompts = std::move(prompts);
    }

Q_SIGNALS:
    // The client's row in the caseload may have changed.
    void clientChanged(qint64 clientId);

protected:
    void closeEvent(QCloseEvent *event) override;

private:
    void updateTitle();
    PlanPrinting printing();

    Database &m_db;
    const StrategyEngine &m_engine;
    std::shared_ptr<PrintPrompts> m_printPrompts;
    qint64 m_clientId;
    QUndoStack *m_undo;
    QTabWidget *m_tabs;
    ProfileTab *m_profile;
    PlanTab *m_plan;
    NotesTab *m_notes;
};

} // namespace pathway
