#include "workspace/PlanTab.h"

#include "ErrorDialog.h"
#include "models/PlanModel.h"
#include "pathway/core/StrategyEngine.h"
#include "pathway/storage/ClientRepository.h"
#include "pathway/storage/Database.h"
#include "pathway/storage/PlanService.h"
#include "supervisor/ReviewDialog.h"
#include "workspace/PlanCommand.h"
#include "workspace/PlanTabState.h"
#include "workspace/RegenerateDialog.h"
#include "workspace/StepDialog.h"

#include <QAction>
#include <QEvent>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QMessageBox>
#include <QPushButton>
#include <QSplitter>
#include <QTableView>
#include <QTextBrowser>
#include <QUndoStack>
#include <QVBoxLayout>

#include <algorithm>

namespace pathway {

PlanTab::PlanTab(Database &db, const StrategyEngine &engine, qint64 clientId, QUndoStack *undo,
                 QWidget *parent)
    : QWidget(parent), m_db(db), m_engine(engine), m_clientId(clientId), m_undo(undo), m_plans(db),
      m_names(UserNames::loadOrEmpty(db))
{
    m_model = new PlanModel(this);
    m_header = new QLabel(this);
    m_header->setObjectName(QStringLiteral("planHeaderLabel"));
    m_header->setWordWrap(true);

    auto button = [this](const QString &text, const char *name, const QString &tip) {
        auto *b = new QPushButton(text, this);
        b->setObjectName(QLatin1String(name));
        b->setToolTip(tip);
        return b;
    };
    m_accept = button(tr("&Accept plan"), "acceptPlanPushButton",
                      tr("Record that the client and you agree on this plan"));
    m_edit = button(tr("&Edit step…"), "editStepPushButton",
                    tr("Change the step's text, due date or status (Enter)"));
    m_add = button(tr("Add s&tep…"), "addStepPushButton",
                   tr("Add a step of your own after the selected one (Insert)"));
    m_up = button(tr("Move &up"), "moveUpPushButton", tr("Ctrl+Up"));
    m_down = button(tr("Move do&wn"), "moveDownPushButton", tr("Ctrl+Down"));
    m_regenerate = button(tr("Re&generate…"), "regeneratePushButton",
                          tr("Propose the plan again from the current profile and see what "
                             "changes first"));

    // Where the plan stands with its supervisor; a returned plan's comment
    // is the first thing the counselor reads.
    m_review = new QLabel(this);
    m_review->setObjectName(QStringLiteral("planReviewLabel"));
    m_review->setWordWrap(true);
    m_review->setTextFormat(Qt::RichText);
    m_review->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_review->setAccessibleName(tr("Plan review"));
    m_approve = button(tr("Appro&ve…"), "approvePlanPushButton",
                       tr("Approve this plan version, with an optional comment"));
    m_return = button(tr("Retur&n…"), "returnPlanPushButton",
                      tr("Send the plan back to the counselor with a comment on what to change"));
    const bool supervises = m_db.actor().supervises();
    m_approve->setVisible(supervises);
    m_return->setVisible(supervises);

    m_table = new QTableView(this);
    m_table->setObjectName(QStringLiteral("planTableView"));
    m_table->setAccessibleName(tr("Plan steps"));
    m_table->setModel(m_model);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setDragDropMode(QAbstractItemView::InternalMove);
    m_table->setDragEnabled(true);
    m_table->setAcceptDrops(true);
    m_table->setDropIndicatorShown(true);
    m_table->setDefaultDropAction(Qt::MoveAction);
    // Every step's reason is read in full, without pointing at it: long
    // texts wrap and each row is as tall as its longest cell.
    m_table->setWordWrap(true);
    m_table->setTextElideMode(Qt::ElideNone);
    m_table->verticalHeader()->hide();
    m_table->verticalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    QHeaderView *columns = m_table->horizontalHeader();
    columns->setStretchLastSection(false);
    columns->setSectionResizeMode(QHeaderView::Interactive);
    for (int column :
         {int(PlanModel::PhaseColumn), int(PlanModel::StatusColumn), int(PlanModel::DueColumn)})
        columns->setSectionResizeMode(column, QHeaderView::ResizeToContents);
    // Step, Why and Source share the rest of the width (see splitColumns).
    m_table->viewport()->installEventFilter(this);

    m_details = new QTextBrowser(this);
    m_details->setObjectName(QStringLiteral("stepDetailsTextBrowser"));
    m_details->setAccessibleName(tr("Step details"));

    auto *buttons = new QHBoxLayout;
    for (QPushButton *b : {m_accept, m_edit, m_add, m_up, m_down})
        buttons->addWidget(b);
    buttons->addStretch(1);
    buttons->addWidget(m_regenerate);
    auto *split = new QSplitter(Qt::Vertical, this);
    split->addWidget(m_table);
    split->addWidget(m_details);
    split->setStretchFactor(0, 3);
    split->setStretchFactor(1, 1);
    auto *review = new QHBoxLayout;
    review->addWidget(m_review, 1);
    review->addWidget(m_approve, 0, Qt::AlignTop);
    review->addWidget(m_return, 0, Qt::AlignTop);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_header);
    layout->addLayout(review);
    layout->addLayout(buttons);
    layout->addWidget(split, 1);

    auto shortcut = [this](const QKeySequence &keys, const std::function<void()> &f) {
        auto *a = new QAction(this);
        a->setShortcut(keys);
        a->setShortcutContext(Qt::WidgetWithChildrenShortcut);
        connect(a, &QAction::triggered, this, f);
        addAction(a);
    };
    shortcut(QKeySequence(Qt::CTRL | Qt::Key_Up), [this] { moveSelected(-1); });
    shortcut(QKeySequence(Qt::CTRL | Qt::Key_Down), [this] { moveSelected(+1); });
    shortcut(QKeySequence(Qt::Key_Insert), [this] { addCustomStep(); });
    shortcut(QKeySequence(Qt::Key_Return), [this] { editSelected(); });
    shortcut(QKeySequence(Qt::Key_F2), [this] { editSelected(); });

    // A returned plan is accepted again to send it back for review.
    connect(m_accept, &QPushButton::clicked, this, [this] {
        if (m_state.accept != PlanTabState::AcceptButton::Hidden)
            setAccepted(m_state.accept != PlanTabState::AcceptButton::Withdraw);
    });
    connect(m_approve, &QPushButton::clicked, this, &PlanTab::approve);
    connect(m_return, &QPushButton::clicked, this, &PlanTab::returnToCounselor);
    connect(m_edit, &QPushButton::clicked, this, &PlanTab::editSelected);
    connect(m_add, &QPushButton::clicked, this, &PlanTab::addCustomStep);
    connect(m_up, &QPushButton::clicked, this, [this] { moveSelected(-1); });
    connect(m_down, &QPushButton::clicked, this, [this] { moveSelected(+1); });
    connect(m_regenerate, &QPushButton::clicked, this, &PlanTab::regenerate);
    connect(m_table, &QTableView::doubleClicked, this, &PlanTab::editSelected);
    connect(m_model, &PlanModel::moveRequested, this, &PlanTab::moveStep);
    connect(m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            &PlanTab::showDetails);
    reload();
}

bool PlanTab::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_table->viewport() && event->type() == QEvent::Resize)
        splitColumns();
    return QWidget::eventFilter(watched, event);
}

void PlanTab::splitColumns()
{
    // What the fixed columns leave goes to the texts: the reason, the
    // longest, gets the most; the step's title and its source share the rest.
    QHeaderView *columns = m_table->horizontalHeader();
    int fixed = 0;
    for (int column :
         {int(PlanModel::PhaseColumn), int(PlanModel::StatusColumn), int(PlanModel::DueColumn)})
        fixed += columns->sectionSize(column);
    const int room = qMax(300, m_table->viewport()->width() - fixed);
    const int step = room * 30 / 100;
    const int source = room * 24 / 100;
    m_table->setColumnWidth(PlanModel::StepColumn, step);
    m_table->setColumnWidth(PlanModel::SourceColumn, source);
    m_table->setColumnWidth(PlanModel::ReasonColumn, room - step - source);
}

bool PlanTab::reload()
{
    const int row = selectedRow();
    auto plan = m_plans.current(m_clientId);
    if (!plan) {
        fail(tr("read the plan"), plan.error());
        return false;
    }
    m_model->setPlan(plan->value_or(Plan{}));
    m_info = {};
    m_reviews.clear();
    if (plan->has_value()) {
        auto info = m_plans.info(plan.value()->id);
        if (info)
            m_info = info.value();
        auto reviews = supervision::reviews(m_db, plan.value()->id);
        if (reviews)
            m_reviews = reviews.value();
    }
    updateHeader();
    updateReview();
    splitColumns();
    selectRow(row < 0 ? 0 : qMin(row, m_model->rowCount() - 1));
    return true;
}

void PlanTab::updateHeader()
{
    const Plan &plan = m_model->plan();
    m_state =
        planTabState(plan.id != 0, m_info.review, m_db.actor().supervises(), !m_reviews.isEmpty());
    int done = 0;
    int total = 0;
    for (const PlanStep &s : plan.steps) {
        done += s.status == StepStatus::Done ? 1 : 0;
        total += s.status == StepStatus::Dropped ? 0 : 1;
    }
    QString acceptance;
    switch (m_state.acceptance) {
    case PlanTabState::Acceptance::NoPlan:
        break;
    case PlanTabState::Acceptance::Proposed:
        acceptance = m_state.accept == PlanTabState::AcceptButton::Hidden
                         ? tr("<span style='color:#8a5a00'>proposed, not accepted by the "
                              "counselor yet</span>")
                         : tr("<span style='color:#8a5a00'>proposed, not accepted yet</span>");
        break;
    case PlanTabState::Acceptance::Accepted:
        acceptance = m_info.acceptedAt.isValid()
                         ? tr("<span style='color:#1b5e20'>accepted on %1</span>")
                               .arg(m_info.acceptedAt.toLocalTime().date().toString(Qt::ISODate))
                         : tr("<span style='color:#1b5e20'>accepted</span>");
        break;
    case PlanTabState::Acceptance::Returned:
        acceptance = tr("<span style='color:#b00020'>returned for changes</span>");
        break;
    }
    if (plan.id == 0) {
        m_header->setText(
            tr("This client has no plan yet. Press <b>Regenerate…</b> to propose one."));
    } else {
        m_header->setText(
            tr("<b>Plan version %1</b>, from %2 · %3 of %n steps done · %4", nullptr, total)
                .arg(plan.version)
                .arg(plan.startDate.toString(Qt::ISODate))
                .arg(done)
                .arg(acceptance));
    }
    switch (m_state.accept) {
    case PlanTabState::AcceptButton::Hidden:
    case PlanTabState::AcceptButton::Accept:
        m_accept->setText(tr("&Accept plan"));
        m_accept->setToolTip(tr("Record that the client and you agree on this plan; an "
                                "accepted plan goes to a supervisor for review"));
        break;
    case PlanTabState::AcceptButton::Withdraw:
        m_accept->setText(tr("Withdraw &acceptance"));
        m_accept->setToolTip(tr("Take the plan off the review list, to change it with the "
                                "client first"));
        break;
    case PlanTabState::AcceptButton::Resubmit:
        m_accept->setText(tr("&Accept and resubmit"));
        m_accept->setToolTip(tr("Accept the changed plan again and send it back for review"));
        break;
    }
    m_accept->setVisible(m_state.accept != PlanTabState::AcceptButton::Hidden);
    m_accept->setEnabled(m_state.acceptEnabled);
    for (QPushButton *b : {m_edit, m_add, m_up, m_down})
        b->setEnabled(m_state.editable);
}

int PlanTab::selectedRow() const
{
    const QModelIndex current = m_table->currentIndex();
    return current.isValid() ? current.row() : -1;
}

void PlanTab::selectRow(int row)
{
    if (row < 0 || row >= m_model->rowCount())
        return;
    m_table->setCurrentIndex(m_model->index(row, PlanModel::StepColumn));
    m_table->selectRow(row);
    showDetails();
}

void PlanTab::showDetails()
{
    const PlanStep *s = m_model->step(selectedRow());
    if (!s) {
        m_details->clear();
        return;
    }
    QString html = QStringLiteral("<h3>%1</h3>").arg(s->title.toHtmlEscaped());
    if (!s->description.isEmpty())
        html += QStringLiteral("<p>%1</p>").arg(s->description.toHtmlEscaped());
    auto line = [&](const QString &k, const QString &v) {
        if (!v.isEmpty())
            html += QStringLiteral("<p><b>%1</b> %2</p>").arg(k, v.toHtmlEscaped());
    };
    line(tr("When:"), PlanModel::dueText(*s, m_model->plan().startDate));
    line(tr("Who helps:"), s->whoHelps);
    line(tr("Why:"), s->reason);
    line(tr("For the counselor:"), s->rationale);
    line(tr("Based on:"), describeSources(*s));
    line(tr("Status note:"), s->statusNote);
    m_details->setHtml(html);
}

void PlanTab::fail(const QString &what, const Error &error)
{
    ErrorDialog::show(this, what, error);
}

void PlanTab::push(const QString &text, std::function<Status()> redo, std::function<Status()> undo,
                   int selectAfter)
{
    const Status done = redo();
    if (!done) {
        fail(text.toLower(), done.error());
        reload();
        return;
    }
    m_undo->push(new PlanCommand(
        text, redo, undo, [this, text](const Error &e) { fail(text.toLower(), e); },
        [this] {
            reload();
            Q_EMIT planChanged();
        }));
    reload();
    selectRow(selectAfter);
    Q_EMIT planChanged();
}

void PlanTab::changeStep(int row, const PlanStep &step, const QString &what)
{
    const PlanStep *old = m_model->step(row);
    if (!old)
        return;
    const qint64 planId = m_model->plan().id;
    const PlanStep before = *old;
    push(
        what, [this, planId, row, step] { return m_plans.updateStep(planId, row, step); },
        [this, planId, row, before] { return m_plans.updateStep(planId, row, before); }, row);
}

void PlanTab::moveStep(int from, int to)
{
    if (from == to || !m_model->step(from) || !m_model->step(to))
        return;
    const qint64 planId = m_model->plan().id;
    push(
        tr("Move step"), [this, planId, from, to] { return m_plans.moveStep(planId, from, to); },
        [this, planId, from, to] { return m_plans.moveStep(planId, to, from); }, to);
}

void PlanTab::addStep(const PlanStep &step)
{
    const qint64 planId = m_model->plan().id;
    if (planId == 0)
        return;
    const int at = selectedRow() < 0 ? m_model->rowCount() : selectedRow() + 1;
    push(
        tr("Add step"), [this, planId, at, step] { return m_plans.insertStep(planId, at, step); },
        [this, planId, at] { return m_plans.removeStep(planId, at); }, at);
}

void PlanTab::setAccepted(bool accepted)
{
    const qint64 planId = m_model->plan().id;
    if (planId == 0)
        return;
    // Undo puts back what the plan had: a resubmitted plan is "returned"
    // again, not merely "not accepted".
    const QDateTime acceptedAt = m_info.acceptedAt;
    const ReviewStatus review = m_info.review;
    push(
        accepted ? tr("Accept plan") : tr("Withdraw acceptance"),
        [this, planId, accepted] { return m_plans.setAccepted(planId, accepted); },
        [this, planId, acceptedAt, review] {
            return m_plans.restoreAcceptance(planId, acceptedAt, review);
        },
        selectedRow());
}

void PlanTab::editSelected()
{
    const int row = selectedRow();
    const PlanStep *s = m_model->step(row);
    if (!s)
        return;
    StepDialog dialog(*s, StepDialog::EditStep, this);
    if (dialog.exec() != QDialog::Accepted)
        return;
    const PlanStep edited = dialog.step(m_today);
    if (edited == *s)
        return;
    const QString what =
        edited.status != s->status
            ? tr("Mark step %1").arg(PlanModel::statusLabel(edited.status).toLower())
            : tr("Edit step");
    changeStep(row, edited, what);
}

void PlanTab::addCustomStep()
{
    if (m_model->plan().id == 0)
        return;
    PlanStep blank;
    const PlanStep *near = m_model->step(selectedRow());
    if (near) {
        blank.phase = near->phase;
        blank.category = near->category;
    }
    blank.dueDate = m_today.addDays(14);
    StepDialog dialog(blank, StepDialog::NewStep, this);
    if (dialog.exec() != QDialog::Accepted)
        return;
    addStep(dialog.step(m_today));
}

void PlanTab::moveSelected(int delta)
{
    const int row = selectedRow();
    moveStep(row, row + delta);
}

QString PlanTab::personName(const QString &username)
{
    return username.isEmpty() ? tr("a supervisor") : m_names.label(username);
}

bool PlanTab::canApprove() const
{
    return m_state.approveEnabled;
}

bool PlanTab::canReturn() const
{
    return m_state.returnEnabled;
}

void PlanTab::updateReview()
{
    m_approve->setVisible(m_state.reviewButtonsVisible);
    m_return->setVisible(m_state.reviewButtonsVisible);
    m_approve->setEnabled(m_state.approveEnabled);
    m_return->setEnabled(m_state.returnEnabled);

    const PlanReview *last = m_reviews.isEmpty() ? nullptr : &m_reviews.first();
    auto when = [](const QDateTime &at) { return at.toLocalTime().date().toString(Qt::ISODate); };
    auto quoted = [](const QString &comment) {
        return QStringLiteral("“%1”").arg(
            comment.toHtmlEscaped().replace(QLatin1Char('\n'), QStringLiteral("<br>")));
    };
    // Who decided and when: "by Sofía Reyes on 2026-11-20".
    auto byWhom = [&](const PlanReview &r) {
        return tr("by %1 on %2").arg(personName(r.reviewer).toHtmlEscaped(), when(r.at));
    };
    // The decision in words: "returned by Sofía Reyes on 2026-11-20".
    auto decision = [&](const PlanReview &r) {
        return (r.decision == ReviewStatus::Returned ? tr("returned %1") : tr("approved %1"))
            .arg(byWhom(r));
    };
    const bool supervises = m_state.reviewButtonsVisible;

    QString text;
    QString style;
    const QString box = QStringLiteral("QLabel#planReviewLabel { background: %1; border: 1px "
                                       "solid %2; border-radius: 3px; padding: 6px; }");
    switch (m_state.banner) {
    case PlanTabState::Banner::Returned:
        text = last ? tr("<b>Returned for changes</b> %1:").arg(byWhom(*last))
                    : tr("<b>Returned for changes</b>");
        if (last && !last->comment.isEmpty())
            text += QStringLiteral("<p style='font-size:large; margin:4px 0'>%1</p>")
                        .arg(quoted(last->comment));
        text += supervises ? tr("The counselor changes the plan and accepts it again; then it "
                                "comes back for review.")
                           : tr("Change the plan as asked, then press <b>Accept and "
                                "resubmit</b> to send it back for review.");
        style = box.arg(QStringLiteral("#fdecea"), QStringLiteral("#b00020"));
        break;
    case PlanTabState::Banner::Pending:
        text = m_info.acceptedAt.isValid() ? tr("<b>Awaiting review</b> by a supervisor since %1.")
                                                 .arg(when(m_info.acceptedAt))
                                           : tr("<b>Awaiting review</b> by a supervisor.");
        if (last && last->decision == ReviewStatus::Returned)
            text += QStringLiteral(" ") + tr("Earlier %1: %2")
                                              .arg(decision(*last), last->comment.isEmpty()
                                                                        ? QString()
                                                                        : quoted(last->comment));
        style = box.arg(QStringLiteral("#fff4e0"), QStringLiteral("#c77700"));
        break;
    case PlanTabState::Banner::Approved:
        text = last ? tr("<b>Approved</b> %1.").arg(byWhom(*last)) : tr("<b>Approved</b>.");
        if (last && !last->comment.isEmpty())
            text += QStringLiteral(" ") + quoted(last->comment);
        style = box.arg(QStringLiteral("#e8f5e9"), QStringLiteral("#1b5e20"));
        break;
    case PlanTabState::Banner::LastReview:
        // Acceptance withdrawn after a decision keeps the decision in view.
        text = tr("Not accepted yet. Last review: %1").arg(decision(*last));
        if (!last->comment.isEmpty())
            text += QStringLiteral(": ") + quoted(last->comment);
        style = box.arg(QStringLiteral("#f4f4f4"), QStringLiteral("#9e9e9e"));
        break;
    case PlanTabState::Banner::NothingYet:
        text = tr("<i>Not accepted by the counselor yet: there is nothing to review.</i>");
        break;
    case PlanTabState::Banner::None:
        break;
    }
    m_review->setText(text);
    m_review->setStyleSheet(style);
    m_review->setVisible(!text.isEmpty());
    m_review->setAccessibleDescription(m_review->text());
}

void PlanTab::approve()
{
    decide(ReviewStatus::Approved);
}

void PlanTab::returnToCounselor()
{
    decide(ReviewStatus::Returned);
}

void PlanTab::decide(ReviewStatus decision)
{
    const Plan &plan = m_model->plan();
    if (decision == ReviewStatus::Approved ? !canApprove() : !canReturn())
        return;
    const qint64 planId = plan.id;
    ReviewDialog dialog(decision == ReviewStatus::Approved ? ReviewDialog::Approve
                                                           : ReviewDialog::Return,
                        tr("plan version %1").arg(plan.version), this);
    if (dialog.exec() != QDialog::Accepted)
        return;
    const Status done = decision == ReviewStatus::Approved
                            ? supervision::approvePlan(m_db, planId, dialog.comment())
                            : supervision::returnPlan(m_db, planId, dialog.comment());
    if (!done) {
        fail(decision == ReviewStatus::Approved ? tr("approve the plan") : tr("return the plan"),
             done.error());
        reload();
        return;
    }
    // Edits before the decision are what was reviewed: they are not undone past it.
    m_undo->clear();
    reload();
    Q_EMIT planChanged();
    Q_EMIT reviewed(decision);
}

void PlanTab::regenerate()
{
    auto preview = planning::previewRegeneration(m_db, m_engine, m_clientId, m_today);
    if (!preview) {
        fail(tr("prepare the new plan"), preview.error());
        return;
    }
    planning::Regeneration &changes = preview.value();
    auto client = ClientRepository(m_db, m_engine.thresholds()).get(m_clientId);
    if (!client) {
        fail(tr("read the profile"), client.error());
        return;
    }
    RegenerateDialog dialog(changes, this);
    if (dialog.exec() != QDialog::Accepted)
        return;
    if (const Status saved = m_plans.save(changes.next, client.value()); !saved) {
        fail(tr("save the new plan"), saved.error());
        return;
    }
    // Earlier edits belong to the previous version, which stays as it was.
    m_undo->clear();
    reload();
    Q_EMIT planChanged();
}

} // namespace pathway
