#pragma once

#include "pathway/storage/UserNames.h"
#include "pathway/core/Plan.h"
#include "pathway/storage/PlanRepository.h"
#include "pathway/storage/Supervision.h"
#include "workspace/PlanTabState.h"

#include <QDate>
#include <QHash>
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
// Above the steps, where the plan stands with its supervisor (awaiting review,
// approved, or returned with the supervisor's comment); supervisors and
// administrators also get Approve… and Return… here.
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

    // The review of the current version, as last read.
    ReviewStatus reviewStatus() const { return m_info.review; }
    // The decisions on the current version, newest first.
    const QVector<PlanReview> &reviews() const { return m_reviews; }
    // What the tab shows for the plan's review status and the actor's role.
    const PlanTabState &state() const { return m_state; }
    // Whether the actor may approve, or return, the plan now (a supervisor
    // or admin, and supervision::mayDecide).
    bool canApprove() const;
    bool canReturn() const;
    // Ask for a comment and approve the plan, or return it to the counselor
    // (the comment is required). Decisions are not undoable: they clear the
    // undo history, like a new version.
    void approve();
    void returnToCounselor();

Q_SIGNALS:
    void planChanged();
    // A supervisor approved or returned the plan.
    void reviewed(ReviewStatus decision);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void splitColumns();
    void editSelected();
    void addCustomStep();
    void moveSelected(int delta);
    void showDetails();
    void updateHeader();
    void updateReview();
    void decide(ReviewStatus decision);
    QString personName(const QString &username);
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
    PlanTabState m_state;
    QVector<PlanReview> m_reviews;
    UserNames m_names;
    QDate m_today = QDate::currentDate();
    QLabel *m_header;
    QLabel *m_review;
    QPushButton *m_approve;
    QPushButton *m_return;
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
