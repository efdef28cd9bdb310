#include "UserGuideWindow.h"

#include "WindowGeometry.h"

#include <QAbstractTextDocumentLayout>
#include <QAction>
#include <QCoreApplication>
#include <QDir>
#include <QEvent>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QImage>
#include <QKeySequence>
#include <QPushButton>
#include <QScrollBar>
#include <QStyle>
#include <QTextBlock>
#include <QTextBrowser>
#include <QTextCursor>
#include <QTextFragment>
#include <QTextImageFormat>
#include <QTextList>
#include <QTextTable>
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
    // The pictures are screenshots wider than a page of text: each is shown
    // at most as wide as the window, and grows back with it.
    connect(m_browser, &QTextBrowser::sourceChanged, this, &UserGuideWindow::fitImages);
    m_browser->viewport()->installEventFilter(this);

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

bool UserGuideWindow::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_browser->viewport() && event->type() == QEvent::Resize)
        fitImages();
    return QWidget::eventFilter(watched, event);
}

void UserGuideWindow::fitImages()
{
    QTextDocument *doc = m_browser->document();
    // As if the vertical scroll bar were shown (the guide is long), so
    // that its coming does not make the pictures too wide again.
    int width = m_browser->viewport()->width();
    if (!m_browser->verticalScrollBar()->isVisible())
        width -= m_browser->style()->pixelMetric(QStyle::PM_ScrollBarExtent, nullptr, m_browser);
    const qreal room = width - 2 * doc->documentMargin() - 4;
    if (room <= 0)
        return;
    QTextCursor cursor(doc);
    cursor.beginEditBlock();
    for (QTextBlock block = doc->begin(); block.isValid(); block = block.next()) {
        // Pictures in a list item start further right.
        const QTextBlockFormat format = block.blockFormat();
        qreal indent =
            format.leftMargin() + format.rightMargin() + format.indent() * doc->indentWidth();
        if (const QTextList *list = block.textList())
            indent += list->format().indent() * doc->indentWidth();
        for (auto it = block.begin(); !it.atEnd(); ++it) {
            const QTextFragment fragment = it.fragment();
            QTextImageFormat image = fragment.charFormat().toImageFormat();
            if (!image.isValid())
                continue;
            const QImage picture =
                doc->resource(QTextDocument::ImageResource, QUrl(image.name())).value<QImage>();
            if (picture.isNull())
                continue;
            const qreal width = qMax<qreal>(1, qMin<qreal>(picture.width(), room - indent));
            if (qFuzzyCompare(image.width(), width))
                continue;
            image.setWidth(width);
            image.setHeight(picture.height() * width / picture.width());
            cursor.setPosition(fragment.position());
            cursor.setPosition(fragment.position() + fragment.length(), QTextCursor::KeepAnchor);
            cursor.setCharFormat(image);
        }
    }
    // A table wider than the window wraps its cells instead.
    for (QTextFrame *frame : doc->rootFrame()->childFrames()) {
        auto *table = qobject_cast<QTextTable *>(frame);
        if (!table)
            continue;
        QTextTableFormat format = table->format();
        const bool wide = doc->documentLayout()->frameBoundingRect(table).width() > room;
        if (wide && format.width().type() != QTextLength::PercentageLength) {
            format.setWidth(QTextLength(QTextLength::PercentageLength, 100));
            table->setFormat(format);
        }
    }
    cursor.endEditBlock();
}

} // namespace pathway
