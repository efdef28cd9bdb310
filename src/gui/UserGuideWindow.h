#pragma once

#include "pathway/core/Result.h"

#include <QStringList>
#include <QWidget>

class QTextBrowser;

namespace pathway {

// Help > User Guide (F1): docs/user-guide.md, with its images, shown in the
// app (Qt renders the Markdown). Links to the other documents open in the
// same window; web links open in the browser.
class UserGuideWindow : public QWidget
{
    Q_OBJECT
public:
    // The folders the guide is looked for in, in order: the installed copy
    // beside the program (<prefix>/share/doc/pathway, from `cmake --install`),
    // the source tree's docs/ folder (a program run from its build folder,
    // as scripts/run.sh does), then the prefix it was built for.
    static QStringList searchFolders();
    // The first user-guide.md found in `folders`; else an error that names
    // every place looked in.
    static Result<QString> find(const QStringList &folders = searchFolders());

    // Shows the guide at `path` (a user-guide.md).
    explicit UserGuideWindow(const QString &path, QWidget *parent = nullptr);

    QTextBrowser *browser() const { return m_browser; }

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void fitImages();

    QTextBrowser *m_browser;
};

} // namespace pathway
