#include "intake/ReviewPage.h"

#include <QKeyEvent>
#include <QLabel>
#include <QListWidget>
#include <QTextBrowser>
#include <QVBoxLayout>

namespace pathway {

namespace {
constexpr int kFieldRole = Qt::UserRole;
}

ReviewPage::ReviewPage(std::function<Content()> content, QWidget *parent)
    : QWizardPage(parent), m_content(std::move(content))
{
    setTitle(tr("Review"));
    setSubTitle(tr("Read the profile back to the client. Finish saves the client and the plan "
                   "Pathway proposes; nothing is saved before."));
    m_problems = new QLabel(this);
    m_problems->setObjectName(QStringLiteral("reviewProblemsLabel"));
    m_problems->setWordWrap(true);
    m_problems->setTextFormat(Qt::RichText);
    m_problemList = new QListWidget(this);
    m_problemList->setObjectName(QStringLiteral("reviewProblemsListWidget"));
    m_problemList->setAccessibleName(tr("Problems to fix"));
    m_problemList->setStyleSheet(QStringLiteral("QListWidget { color: #b00020; }"));
    m_problemList->setWordWrap(true);
    m_problems->setBuddy(m_problemList);
    m_summary = new QTextBrowser(this);
    m_summary->setObjectName(QStringLiteral("reviewTextBrowser"));
    m_summary->setAccessibleName(tr("Profile summary"));
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_problems);
    layout->addWidget(m_problemList);
    layout->addWidget(m_summary, 1);
    const auto choose = [this](QListWidgetItem *item) {
        if (item)
            Q_EMIT problemChosen(item->data(kFieldRole).toString());
    };
    // A click, a double-click or Enter (taken here: a list lets Enter on
    // to the wizard, whose default button would then go to the next page).
    connect(m_problemList, &QListWidget::itemClicked, this, choose);
    connect(m_problemList, &QListWidget::itemDoubleClicked, this, choose);
    m_problemList->installEventFilter(this);
}

bool ReviewPage::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_problemList && event->type() == QEvent::KeyPress) {
        const int key = static_cast<QKeyEvent *>(event)->key();
        if ((key == Qt::Key_Return || key == Qt::Key_Enter) && m_problemList->currentItem()) {
            Q_EMIT problemChosen(m_problemList->currentItem()->data(kFieldRole).toString());
            return true;
        }
    }
    return QWizardPage::eventFilter(watched, event);
}

void ReviewPage::initializePage()
{
    refresh();
}

void ReviewPage::refresh()
{
    const Content content = m_content();
    m_summary->setHtml(content.summaryHtml);
    m_problemList->clear();
    QStringList texts;
    for (const Problem &p : content.problems) {
        auto *item = new QListWidgetItem(p.text, m_problemList);
        item->setData(kFieldRole, p.field);
        item->setToolTip(tr("Click or press Enter to go to the field"));
        texts << p.text;
    }
    if (content.problems.isEmpty()) {
        m_problems->setText(tr("<span style='color:#1b5e20'>Everything needed is there. Press "
                               "<b>Finish</b> to save the client and the proposed plan.</span>"));
    } else {
        m_problems->setText(tr("<span style='color:#b00020'><b>Fix these before "
                               "finishing</b></span> (click a problem, or select it and press "
                               "Enter, to go to its field):"));
        m_problemList->setCurrentRow(0);
        // As tall as its lines, up to a few; the summary keeps the rest.
        const int rows = qMin(int(content.problems.size()), 6);
        m_problemList->setFixedHeight(m_problemList->sizeHintForRow(0) * rows +
                                      2 * m_problemList->frameWidth() + 4);
    }
    m_problemList->setVisible(!content.problems.isEmpty());
    m_problems->setAccessibleName(texts.join(QLatin1Char(' ')));
    const bool complete = content.problems.isEmpty();
    if (complete != m_complete) {
        m_complete = complete;
        Q_EMIT completeChanged();
    }
}

bool ReviewPage::isComplete() const
{
    return m_complete;
}

} // namespace pathway
