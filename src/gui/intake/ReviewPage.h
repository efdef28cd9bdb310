#pragma once

#include <QWizardPage>

#include <functional>

class QLabel;
class QTextBrowser;

namespace pathway {

// The last page: the whole profile to read back to the client, and every
// problem at once. Finish stays disabled while there is a problem.
class ReviewPage : public QWizardPage
{
    Q_OBJECT
public:
    struct Content
    {
        QString summaryHtml;
        QStringList problems; // "Email is not an email address ..."
    };
    ReviewPage(std::function<Content()> content, QWidget *parent = nullptr);

    void initializePage() override;
    bool isComplete() const override;
    // Re-reads the profile (the wizard calls it after each edit).
    void refresh();

private:
    std::function<Content()> m_content;
    QTextBrowser *m_summary;
    QLabel *m_problems;
    bool m_complete = false;
};

} // namespace pathway
