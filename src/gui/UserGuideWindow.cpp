#include "UserGuideWindow.h"

#include "WindowGeometry.h"

#include <QAction>
#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QKeySequence>
#include <QPushButton>
#include <QTextBrowser>
#include <QUrl>
#include <QVBoxLayout>

namespace pathway {

namespace {
const QString kGuide = QStringLiteral("user-guide.md");
} // namespace

QStringList UserGuideWindow::searchFolders()
{
    QStringList folders;
    const QDir program(QCoreApplication::applicationDirPath());
    folders << QDir::cleanPath(program.filePath(QStringLiteral("../share/doc/pathway")));
#ifdef PATHWAY_SOURCE_DOCDIR
    folders << QDir::cleanPath(QStringLiteral(PATHWAY_SOURCE_DOCDIR));
#endif
#ifdef PATHWAY_INSTALL_DOCDIR
    folders << QDir::cleanPath(QStringLiteral(PATHWAY_INSTALL_DOCDIR));
#endif
    folders.removeDuplicates();
    return folders;
}

Result<QString> UserGuideWindow::find(const QStringList &folders)
{
    for (const QString &folder : folders) {
        const QFileInfo file(QDir(folder).filePath(kGuide));
        if (file.isFile() && file.isReadable())
            return file.absoluteFilePath();
    }
    QStringList looked;
    for (const QString &folder : folders)
        looked << QDir::toNativeSeparators(QDir(folder).filePath(kGuide));
    return Error{Error::Code::NotFound,
                 tr("The user guide was not found. Pathway looked for it in:\n%1\n"
                    "Install Pathway with its documentation (cmake --install), or read "
                    "docs/user-guide.md in Pathway's source.")
                     .arg(looked.join(QLatin1Char('\n')))};
}

UserGuideWindow::UserGuideWindow(const QString &path, QWidget *parent) : QWidget(parent)
{
    setObjectName(QStringLiteral("userGuideWindow"));
    setWindowTitle(tr("User guide"));
    setWindowFlag(Qt::Window);
    setAttribute(Qt::WA_DeleteOnClose);

    m_browser = new QTextBrowser(this);
    m_browser->setObjectName(QStringLiteral("userGuideTextBrowser"));
    m_browser->setAccessibleName(tr("User guide"));
    m_browser->setOpenExternalLinks(true);
    // Images and the other documents are found beside the guide.
    m_browser->setSearchPaths({QFileInfo(path).absolutePath()});
    m_browser->setSource(QUrl::fromLocalFile(path), QTextDocument::MarkdownResource);

    auto *back = new QPushButton(tr("&Back"), this);
    back->setObjectName(QStringLiteral("backPushButton"));
    back->setEnabled(false);
    back->setShortcut(QKeySequence::Back);
    auto *home = new QPushButton(tr("&Contents"), this);
    home->setObjectName(QStringLiteral("homePushButton"));
    auto *close = new QPushButton(tr("Close"), this);
    close->setObjectName(QStringLiteral("closePushButton"));
    connect(back, &QPushButton::clicked, m_browser, &QTextBrowser::backward);
    connect(home, &QPushButton::clicked, m_browser, &QTextBrowser::home);
    connect(close, &QPushButton::clicked, this, &QWidget::close);
    connect(m_browser, &QTextBrowser::backwardAvailable, back, &QPushButton::setEnabled);

    auto *buttons = new QHBoxLayout;
    buttons->addWidget(back);
    buttons->addWidget(home);
    buttons->addStretch(1);
    buttons->addWidget(close);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_browser, 1);
    layout->addLayout(buttons);

    auto *closeAction = new QAction(this);
    closeAction->setShortcut(QKeySequence::Close);
    connect(closeAction, &QAction::triggered, this, &QWidget::close);
    addAction(closeAction);

    // A page of text: not the whole width of a wide screen.
    windowGeometry::place(this, QByteArray(), QSizeF(0.6, 0.9), QSize(760, 560));
}

} // namespace pathway
