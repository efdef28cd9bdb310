#pragma once

#include <QWizardPage>

#include <functional>

class QLabel;
class QListWidget;
class QTextBrowser;

namespace pathway {

// The last page: the whole profile to read back to the client, and every
// problem at once. Finish stays disabled while there is a problem; choosing
// a problem (click, or Enter) asks to go to its field.
class ReviewPage : public QWizardPage
{
    Q_OBJECT
public:
    struct Problem
    {
        QString text;  // "Email is not an email address ..."
        QString field; // the profile JSON key, "email"
    };
    struct Content
    {
        QString summaryHtml;
        QVector<Problem> problems;
    };
    ReviewPage(std::function<Content()> content, QWidget *parent = nullptr);

    void initializePage() override;
    bool isComplete() const override;
    // Re-reads the profile (the wizard calls it after each edit).
    void refresh();

Q_SIGNALS:
    // The counselor chose the problem with `field` to mend it.
    void problemChosen(const QString &field);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    std::function<Content()> m_content;
    QTextBrowser *m_summary;
    QLabel *m_problems;
    QListWidget *m_problemList;
    bool m_complete = false;
};

} // namespace pathway
