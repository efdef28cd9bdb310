#include "supervisor/ReviewDialog.h"

#include "ErrorLabel.h"

#include <QDialogButtonBox>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace pathway {

namespace {
constexpr int kMaxComment = 2000; // as supervision::returnPlan allows
} // namespace

ReviewDialog::ReviewDialog(Decision decision, const QString &plan, QWidget *parent)
    : QDialog(parent), m_decision(decision)
{
    setObjectName(QStringLiteral("reviewDialog"));
    setWindowTitle(decision == Approve ? tr("Approve plan") : tr("Return plan to the counselor"));
    auto *layout = new QVBoxLayout(this);
    auto *intro = new QLabel(
        decision == Approve
            ? tr("Approve <b>%1</b>. A comment is optional; the counselor sees it with the plan.")
                  .arg(plan.toHtmlEscaped())
            : tr("Return <b>%1</b> to the counselor. Say what should change: the counselor sees "
                 "your comment at the top of the plan.")
                  .arg(plan.toHtmlEscaped()),
        this);
    intro->setWordWrap(true);
    auto *label = new QLabel(
        decision == Approve ? tr("&Comment (optional):") : tr("&What should change:"), this);
    m_comment = new QPlainTextEdit(this);
    m_comment->setObjectName(QStringLiteral("reviewCommentPlainTextEdit"));
    m_comment->setAccessibleName(tr("Review comment"));
    m_comment->setTabChangesFocus(true);
    label->setBuddy(m_comment);
    m_problem = new ErrorLabel(QStringLiteral("reviewProblemLabel"), this);
    m_buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    QPushButton *ok = m_buttons->button(QDialogButtonBox::Ok);
    ok->setObjectName(QStringLiteral("okPushButton"));
    ok->setText(decision == Approve ? tr("Approve") : tr("Return plan"));
    m_buttons->button(QDialogButtonBox::Cancel)->setObjectName(QStringLiteral("cancelPushButton"));
    layout->addWidget(intro);
    layout->addWidget(label);
    layout->addWidget(m_comment, 1);
    layout->addWidget(m_problem);
    layout->addWidget(m_buttons);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_comment, &QPlainTextEdit::textChanged, this, &ReviewDialog::updateState);
    updateState();
    resize(520, 300);
}

QString ReviewDialog::comment() const
{
    return m_comment->toPlainText().trimmed();
}

void ReviewDialog::updateState()
{
    QString problem;
    const QString text = comment();
    if (m_decision == Return && text.isEmpty())
        problem = tr("A returned plan needs a comment.");
    else if (text.size() > kMaxComment)
        problem = tr("The comment is %1 characters long; at most %2 fit.")
                      .arg(text.size())
                      .arg(kMaxComment);
    m_problem->showMessage(problem);
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(problem.isEmpty());
}

} // namespace pathway
