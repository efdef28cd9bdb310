#include "workspace/ClientWindow.h"

#include "Settings.h"
#include "UndoActions.h"
#include "workspace/NotesTab.h"
#include "workspace/PlanTab.h"
#include "workspace/ProfileTab.h"

#include <QAction>
#include <QCloseEvent>
#include <QMenuBar>
#include <QMessageBox>
#include <QTabWidget>
#include <QUndoStack>

namespace pathway {

ClientWindow::ClientWindow(Database &db, const StrategyEngine &engine, qint64 clientId,
                           QWidget *parent)
    : QMainWindow(parent), m_db(db), m_clientId(clientId)
{
    setObjectName(QStringLiteral("clientWindow"));
    setAttribute(Qt::WA_DeleteOnClose);
    m_undo = new QUndoStack(this);
    m_profile = new ProfileTab(db, engine, clientId, this);
    m_profile->setObjectName(QStringLiteral("profileTab"));
    m_plan = new PlanTab(db, engine, clientId, m_undo, this);
    m_plan->setObjectName(QStringLiteral("planTab"));
    const QString author = Settings().currentCounselor().isEmpty() ? m_profile->client().counselor
                                                                   : Settings().currentCounselor();
    m_notes = new NotesTab(db, clientId, author, this);
    m_notes->setObjectName(QStringLiteral("notesTab"));
    m_tabs = new QTabWidget(this);
    m_tabs->setObjectName(QStringLiteral("clientTabWidget"));
    m_tabs->addTab(m_profile, tr("P&rofile"));
    m_tabs->addTab(m_plan, tr("P&lan"));
    m_tabs->addTab(m_notes, tr("N&otes"));
    m_tabs->setCurrentIndex(PlanTabIndex);
    setCentralWidget(m_tabs);

    QMenu *file = menuBar()->addMenu(tr("&File"));
    QAction *print = file->addAction(tr("&Print Plan…"));
    print->setObjectName(QStringLiteral("printAction"));
    print->setShortcut(QKeySequence::Print);
    print->setEnabled(false);
    print->setToolTip(tr("Printing arrives with the printed-plan feature"));
    print->setStatusTip(print->toolTip());
    file->addSeparator();
    QAction *close = file->addAction(tr("&Close"), this, &QWidget::close);
    close->setShortcut(QKeySequence::Close);

    QMenu *edit = menuBar()->addMenu(tr("&Edit"));
    addUndoRedoActions(edit, this, m_undo);

    connect(m_plan, &PlanTab::planChanged, this, [this] { Q_EMIT clientChanged(m_clientId); });
    connect(m_notes, &NotesTab::noteAdded, this, [this] { Q_EMIT clientChanged(m_clientId); });
    connect(m_profile, &ProfileTab::saved, this, [this] {
        updateTitle();
        Q_EMIT clientChanged(m_clientId);
    });
    connect(m_profile, &ProfileTab::regenerateRequested, this, [this] {
        m_tabs->setCurrentIndex(PlanTabIndex);
        m_plan->regenerate();
    });
    updateTitle();
    if (!restoreGeometry(Settings().clientWindowGeometry()))
        resize(1100, 680);
}

void ClientWindow::updateTitle()
{
    const auto c = m_profile->client();
    setWindowTitle(tr("%1 — Pathway").arg(c.fullName()));
}

void ClientWindow::closeEvent(QCloseEvent *event)
{
    if (m_profile->hasUnsavedChanges()) {
        const auto answer = QMessageBox::question(
            this, tr("Unsaved profile changes"),
            tr("The profile has changes that are not saved. Close and lose them?"),
            QMessageBox::Discard | QMessageBox::Cancel, QMessageBox::Cancel);
        if (answer != QMessageBox::Discard) {
            event->ignore();
            return;
        }
    }
    Settings().setClientWindowGeometry(saveGeometry());
    event->accept();
}

} // namespace pathway
