#include "workspace/ClientWindow.h"
#include "WindowGeometry.h"

#include "PlanPrinting.h"
#include "Settings.h"
#include "UndoActions.h"
#include "pathway/storage/Database.h"
#include "workspace/NotesTab.h"
#include "workspace/PlanTab.h"
#include "workspace/ProfileTab.h"

#include <QAction>
#include <QCloseEvent>
#include <QLabel>
#include <QMenuBar>
#include <QMessageBox>
#include <QStatusBar>
#include <QTabWidget>
#include <QUndoStack>

namespace pathway {

ClientWindow::ClientWindow(Database &db, const StrategyEngine &engine, qint64 clientId,
                           QWidget *parent)
    : QMainWindow(parent), m_db(db), m_engine(engine), m_clientId(clientId)
{
    setObjectName(QStringLiteral("clientWindow"));
    setAttribute(Qt::WA_DeleteOnClose);
    m_undo = new QUndoStack(this);
    m_profile = new ProfileTab(db, engine, clientId, this);
    m_profile->setObjectName(QStringLiteral("profileTab"));
    m_plan = new PlanTab(db, engine, clientId, m_undo, this);
    m_plan->setObjectName(QStringLiteral("planTab"));
    // Storage records the signed-in user as a note's author whatever is passed.
    const QString author = db.actor().kind == Actor::Kind::Person ? db.actor().username
                                                                  : m_profile->client().counselor;
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
    QAction *preview =
        file->addAction(tr("Print Pre&view…"), this, [this] { printing().preview(m_clientId); });
    preview->setObjectName(QStringLiteral("printPreviewAction"));
    preview->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_P));
    preview->setStatusTip(tr("See the printed plan page by page"));
    QAction *print =
        file->addAction(tr("&Print…"), this, [this] { printing().print({m_clientId}); });
    print->setObjectName(QStringLiteral("printAction"));
    print->setShortcut(QKeySequence::Print);
    print->setStatusTip(tr("Print the plan to go through it with the client and sign it"));
    QAction *exportPdf = file->addAction(tr("&Export PDF…"), this, [this] {
        const QString done = printing().exportPdf(m_clientId);
        if (!done.isEmpty())
            statusBar()->showMessage(done, 8000);
    });
    exportPdf->setObjectName(QStringLiteral("exportPdfAction"));
    exportPdf->setStatusTip(tr("Save the printed plan as a PDF file"));
    file->addSeparator();
    QAction *close = file->addAction(tr("&Close"), this, &QWidget::close);
    close->setShortcut(QKeySequence::Close);

    QMenu *edit = menuBar()->addMenu(tr("&Edit"));
    addUndoRedoActions(edit, this, m_undo);

    // Supervisors and administrators review the plan from here or from the
    // Plan tab's buttons.
    if (db.actor().supervises()) {
        QMenu *review = menuBar()->addMenu(tr("Rev&iew"));
        review->setObjectName(QStringLiteral("reviewMenu"));
        QAction *approve = review->addAction(tr("Appro&ve Plan…"), this, [this] {
            m_tabs->setCurrentIndex(PlanTabIndex);
            m_plan->approve();
        });
        approve->setObjectName(QStringLiteral("approvePlanAction"));
        approve->setStatusTip(tr("Approve the current plan version, with an optional comment"));
        QAction *giveBack = review->addAction(tr("Retur&n Plan to Counselor…"), this, [this] {
            m_tabs->setCurrentIndex(PlanTabIndex);
            m_plan->returnToCounselor();
        });
        giveBack->setObjectName(QStringLiteral("returnPlanAction"));
        giveBack->setStatusTip(tr("Send the plan back with a comment on what to change"));
        connect(review, &QMenu::aboutToShow, this, [this, approve, giveBack] {
            approve->setEnabled(m_plan->canApprove());
            giveBack->setEnabled(m_plan->canReturn());
        });
    }
    connect(m_plan, &PlanTab::reviewed, this, [this](ReviewStatus decision) {
        statusBar()->showMessage(decision == ReviewStatus::Approved
                                     ? tr("Plan approved; the counselor sees it in the Plan tab.")
                                     : tr("Plan returned; the counselor sees your comment at the "
                                          "top of the Plan tab."),
                                 8000);
    });

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
    auto *number = new QLabel(tr("Client no. %1").arg(m_clientId), this);
    number->setObjectName(QStringLiteral("clientIdLabel"));
    number->setToolTip(tr("The client's record id, as the audit trail's Record id filter "
                          "takes it"));
    number->setTextInteractionFlags(Qt::TextSelectableByMouse);
    statusBar()->addPermanentWidget(number);
    updateTitle();
    // A returned plan is the counselor's to-do: say so on opening.
    if (m_plan->reviewStatus() == ReviewStatus::Returned && !db.actor().supervises())
        statusBar()->showMessage(
            tr("The plan was returned by a supervisor: see the comment in the Plan tab."));
    // Most of the screen: at 1920 x 1080 the profile shows in two columns and
    // the plan's reasons in full.
    windowGeometry::place(this, Settings().clientWindowGeometry(), QSizeF(0.85, 0.92),
                          QSize(1000, 600));
}

PlanPrinting ClientWindow::printing()
{
    return PlanPrinting(m_db, m_engine, m_plan->today(), m_printPrompts, this);
}

void ClientWindow::updateTitle()
{
    // The application's name is added by the window system
    // (setApplicationDisplayName); the client's number is what the audit
    // trail's record filter takes.
    const auto c = m_profile->client();
    setWindowTitle(tr("%1 (client no. %2)").arg(c.fullName()).arg(m_clientId));
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
