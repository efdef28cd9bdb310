#pragma once

#include "pathway/core/Plan.h"
#include "pathway/storage/PlanRepository.h"

#include <QDate>
#include <QWidget>

class QLabel;
class QPushButton;
class QTableView;
class QTextBrowser;
class QUndoStack;

namespace pathway {

class Database;
class PlanModel;
class StrategyEngine;

// The client's current plan: steps in order, grouped by phase, each with its
// reason and source. Every change is saved at once and pushed on the undo stack.
class PlanTab : public QWidget
{
    Q_OBJECT
public:
    PlanTab(Database &db, const StrategyEngine &engine, qint64 clientId, QUndoStack *undo,
            QWidget *parent = nullptr);

    void setToday(const QDate &today) { m_today = today; }
    QDate today() const { return m_today; }
    // Re-reads the current plan version; false (after a message) on failure.
    bool reload();
    PlanModel *model() const { return m_model; }
    int selectedRow() const;
    void selectRow(int row);

    // The edits, each one undoable command (used by the buttons and tests).
    void changeStep(int row, const PlanStep &step, const QString &what);
    void moveStep(int from, int to);
    void addStep(const PlanStep &step);
    void setAccepted(bool accepted);
    // Proposes a new version from the stored profile, shows what changes and
    // saves it when the counselor agrees. Clears the undo history.
    void regenerate();

Q_SIGNALS:
    void planChanged();

private:
    void editSelected();
    void addCustomStep();
    void moveSelected(int delta);
    void showDetails();
    void updateHeader();
    void push(const QString &text, std::function<Status()> redo, std::function<Status()> undo,
              int selectAfter);
    void fail(const QString &what, const Error &error);

    Database &m_db;
    const StrategyEngine &m_engine;
    qint64 m_clientId;
    QUndoStack *m_undo;
    PlanRepository m_plans;
    PlanModel *m_model;
    PlanVersionInfo m_info;
    QDate m_today = QDate::currentDate();
    QLabel *m_header;
    QTableView *m_table;
    QTextBrowser *m_details;
    QPushButton *m_accept;
    QPushButton *m_edit;
    QPushButton *m_add;
    QPushButton *m_up;
    QPushButton *m_down;
    QPushButton *m_regenerate;
};

} // namespace pathway
