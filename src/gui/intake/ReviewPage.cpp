#include "intake/ReviewPage.h"

#include <QLabel>
#include <QTextBrowser>
#include <QVBoxLayout>

namespace pathway {

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
    m_summary = new QTextBrowser(this);
    m_summary->setObjectName(QStringLiteral("reviewTextBrowser"));
    m_summary->setAccessibleName(tr("Profile summary"));
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_problems);
    layout->addWidget(m_summary, 1);
}

void ReviewPage::initializePage()
{
    refresh();
}

void ReviewPage::refresh()
{
    const Content content = m_content();
    m_summary->setHtml(content.summaryHtml);
    if (content.problems.isEmpty()) {
        m_problems->setText(tr("<span style='color:#1b5e20'>Everything needed is there. Press "
                               "<b>Finish</b> to save the client and the proposed plan.</span>"));
    } else {
        QString html = tr("<span style='color:#b00020'><b>Fix these before finishing</b> "
                          "(go <b>Back</b> to the page):</span><ul style='margin:0'>");
        for (const QString &p : content.problems)
            html += QStringLiteral("<li>%1</li>").arg(p.toHtmlEscaped());
        html += QStringLiteral("</ul>");
        m_problems->setText(html);
    }
    m_problems->setAccessibleName(content.problems.join(QLatin1Char(' ')));
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
