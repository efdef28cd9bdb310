#include "MainWindow.h"

#include "DatabaseBackups.h"
#include "WindowGeometry.h"

#include "UndoActions.h"

#include "ErrorDialog.h"
#include "PlanPrinting.h"
#include "Settings.h"
#include "UserGuideWindow.h"
#include "account/AgencySettingsDialog.h"
#include "account/PasswordDialogs.h"
#include "account/UsersDialog.h"
#include "audit/AuditViewer.h"
#include "intake/DraftListDialog.h"
#include "intake/IntakeWizard.h"
#include "models/CaseloadModel.h"
#include "pathway/core/StrategyEngine.h"
#include "pathway/storage/Accounts.h"
#include "pathway/storage/AuditLog.h"
#include "pathway/storage/CaseloadRepository.h"
#include "pathway/storage/Database.h"
#include "pathway/storage/DraftRepository.h"
#include "pathway/storage/UserNames.h"
#include "supervisor/DashboardWindow.h"
#include "supervisor/ReassignDialog.h"
#include "workspace/ClientWindow.h"
#include "workspace/PlanTab.h"
#include "workspace/ProfileTab.h"

#include <QAction>
#include <QApplication>
#include <QCloseEvent>
#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QMenuBar>
#include <QMessageBox>
#include <QPushButton>
#include <QShowEvent>
#include <QStatusBar>
#include <QTableView>
#include <QTimer>
#include <QToolBar>
#include <QUndoGroup>
#include <QUndoStack>
#include <QVBoxLayout>

#include <algorithm>

namespace pathway {

namespace {

template <typename E> void fillCodes(QComboBox *box, const QString &anyLabel)
{
    box->addItem(anyLabel, QString());
    for (auto *e = CodeTable<E>::begin(); e != CodeTable<E>::end(); ++e)
        box->addItem(QString::fromUtf8(e->label), QString::fromLatin1(e->code));
}

template <typename E> std::optional<E> selectedCode(const QComboBox *box)
{
    const QString code = box->currentData().toString();
    return code.isEmpty() ? std::nullopt : fromCode<E>(code);
}

} // namespace

MainWindow::MainWindow(Database &db, const StrategyEngine &engine, QWidget *parent)
    : QMainWindow(parent), m_db(db), m_engine(engine),
      m_repository(std::make_unique<CaseloadRepository>(db))
{
    setObjectName(QStringLiteral("mainWindow"));
    // Audit entries of reads made while another program was writing (a
    // client opened during a long replan) are written as soon as the lock
    // is free, without ever waiting for it here; any later save writes
    // them first too (Database::deferredAudit).
    auto *auditRetry = new QTimer(this);
    auditRetry->setObjectName(QStringLiteral("auditRetryTimer"));
    auditRetry->setInterval(1000);
    connect(auditRetry, &QTimer::timeout, this, [this] {
        if (m_db.deferredAudit().isEmpty())
            return;
        const Status written = audit::flushDeferred(m_db, false);
        if (!written && written.error().code != Error::Code::Conflict)
            statusBar()->showMessage(tr("%n audit entries could not be recorded yet: %1", nullptr,
                                        int(m_db.deferredAudit().size()))
                                         .arg(written.error().message));
    });
    auditRetry->start();
    m_undoGroup = new QUndoGroup(this);
    setWindowTitle(signedInTitle());
    m_model = new CaseloadModel(*m_repository, this);

    auto *central = new QWidget(this);
    auto *layout = new QVBoxLayout(central);
    auto *filters = new QHBoxLayout;

    auto *searchLabel = new QLabel(tr("&Search:"), central);
    m_search = new QLineEdit(central);
    m_search->setObjectName(QStringLiteral("searchLineEdit"));
    m_search->setPlaceholderText(tr("Type a first or last name"));
    m_search->setClearButtonEnabled(true);
    m_search->setAccessibleName(tr("Search clients by name"));
    searchLabel->setBuddy(m_search);

    m_status = new QComboBox(central);
    m_status->setObjectName(QStringLiteral("statusComboBox"));
    fillCodes<ClientStatus>(m_status, tr("Any status"));
    m_status->setCurrentIndex(1); // active clients by default
    m_bracket = new QComboBox(central);
    m_bracket->setObjectName(QStringLiteral("bracketComboBox"));
    fillCodes<IncomeBracket>(m_bracket, tr("Any income bracket"));
    m_barrier = new QComboBox(central);
    m_barrier->setObjectName(QStringLiteral("barrierComboBox"));
    fillCodes<BarrierCode>(m_barrier, tr("Any barrier"));

    filters->addWidget(searchLabel);
    filters->addWidget(m_search, 1);
    filters->addWidget(m_status);
    filters->addWidget(m_bracket);
    filters->addWidget(m_barrier);
    layout->addLayout(filters);

    m_table = new QTableView(central);
    m_table->setObjectName(QStringLiteral("caseloadTableView"));
    m_table->setModel(m_model);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_table->setAlternatingRowColors(true);
    m_table->verticalHeader()->hide();
    m_table->verticalHeader()->setDefaultSectionSize(m_table->fontMetrics().height() + 10);
    m_table->horizontalHeader()->setStretchLastSection(false);
    m_table->horizontalHeader()->setSectionResizeMode(CaseloadModel::NextDueColumn,
                                                      QHeaderView::Stretch);
    m_table->setColumnWidth(CaseloadModel::NameColumn, 210);
    m_table->setColumnWidth(CaseloadModel::BracketColumn, 110);
    m_table->setColumnWidth(CaseloadModel::BarriersColumn, 280);
    m_table->setColumnWidth(CaseloadModel::ProgressColumn, 75);
    m_table->setColumnWidth(CaseloadModel::StatusColumn, 70);
    m_table->setColumnWidth(CaseloadModel::LastContactColumn, 100);
    m_table->setColumnWidth(CaseloadModel::CounselorColumn, 120);
    m_table->setColumnWidth(CaseloadModel::IdColumn, 60);
    m_table->setToolTip(tr("Double-click or press Enter to open a client"));
    connect(m_table, &QTableView::activated, this, &MainWindow::openSelected);
    m_table->setAccessibleName(tr("Caseload"));
    layout->addWidget(m_table, 1);
    setCentralWidget(central);

    // Over the empty list: how to start, or that nothing matches.
    m_empty = new QLabel(m_table->viewport());
    m_empty->setObjectName(QStringLiteral("emptyCaseloadLabel"));
    m_empty->setAlignment(Qt::AlignCenter);
    m_empty->setWordWrap(true);
    m_empty->setAttribute(Qt::WA_TransparentForMouseEvents);
    m_empty->setForegroundRole(QPalette::PlaceholderText);
    QFont emptyFont = m_empty->font();
    emptyFont.setPointSizeF(emptyFont.pointSizeF() * 1.15);
    m_empty->setFont(emptyFont);
    m_empty->hide();
    m_table->viewport()->installEventFilter(this);
    // Down (or Enter) in the search box goes on to the list.
    m_search->installEventFilter(this);

    m_count = new QLabel(this);
    m_count->setObjectName(QStringLiteral("countLabel"));
    statusBar()->addPermanentWidget(m_count);
    if (db.actor().kind == Actor::Kind::Person) {
        m_who = new QLabel(signedInName(), this);
        m_who->setObjectName(QStringLiteral("signedInLabel"));
        m_who->setContentsMargins(16, 0, 4, 0);
        m_who->setToolTip(tr("Signed in; File > Sign Out lets someone else sign in"));
        statusBar()->addPermanentWidget(m_who);
    }
    statusBar()->showMessage(tr("Database: %1").arg(db.path()));
    if (const QString reason = engine.fallbackReason(); !reason.isEmpty()) {
        auto *fallback = new QLabel(engine.fallbackTitle(), this);
        fallback->setObjectName(QStringLiteral("fallbackRulesLabel"));
        fallback->setToolTip(reason);
        fallback->setStyleSheet(QStringLiteral("color: #a40000; font-weight: bold;"));
        fallback->setContentsMargins(4, 0, 16, 0);
        statusBar()->insertPermanentWidget(0, fallback);
    }

    // Typing fires one query per pause, not per key.
    m_searchDelay = new QTimer(this);
    m_searchDelay->setSingleShot(true);
    // Short enough that the list follows the typing (the query itself takes
    // up to ~80 ms on 100,000 clients), long enough to skip keys typed in a burst.
    m_searchDelay->setInterval(20);
    connect(m_searchDelay, &QTimer::timeout, this, &MainWindow::applyFilter);
    connect(m_search, &QLineEdit::textChanged, m_searchDelay, qOverload<>(&QTimer::start));
    for (QComboBox *box : {m_status, m_bracket, m_barrier})
        connect(box, &QComboBox::currentIndexChanged, this, &MainWindow::applyFilter);
    connect(m_model, &CaseloadModel::errorOccurred, this,
            [this](const QString &message) { statusBar()->showMessage(message); });

    buildActions();
    connect(m_table->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &MainWindow::updateSelectionActions);
    connect(m_model, &QAbstractItemModel::modelReset, this, &MainWindow::updateSelectionActions);
    connect(m_model, &QAbstractItemModel::modelReset, this, &MainWindow::updateEmptyText);
    updateSelectionActions();
    if (auto names = UserNames::load(db))
        m_model->setUserNames(names.value());

    const Settings settings;
    windowGeometry::place(this, settings.mainWindowGeometry(), QSizeF(0.9, 0.92), QSize(1000, 560));
    m_table->horizontalHeader()->restoreState(settings.caseloadColumns());
    // A counselor's clients are all their own: no column to say so.
    m_table->setColumnHidden(CaseloadModel::CounselorColumn, !db.actor().seesAllClients());
    m_table->setColumnHidden(CaseloadModel::IdColumn, false);

    applyFilter();
}

MainWindow::~MainWindow()
{
    // Client windows are children; they go first, while the map they are
    // removed from on destruction still exists.
    const auto windows = m_clientWindows;
    m_clientWindows.clear();
    for (ClientWindow *window : windows) {
        disconnect(window, nullptr, this, nullptr);
        delete window;
    }
}

void MainWindow::buildActions()
{
    QMenu *file = menuBar()->addMenu(tr("&File"));
    QAction *intake = file->addAction(tr("&New Intake…"), this, [this] { startIntake(); });
    intake->setObjectName(QStringLiteral("newIntakeAction"));
    intake->setShortcut(QKeySequence::New);
    intake->setStatusTip(tr("Interview a new client and propose a plan"));
    QAction *resume = file->addAction(tr("&Resume Draft…"), this, &MainWindow::resumeDraft);
    resume->setObjectName(QStringLiteral("resumeDraftAction"));
    resume->setStatusTip(tr("Continue an intake interview saved as a draft"));
    QAction *open = file->addAction(tr("&Open Client"), this, &MainWindow::openSelected);
    open->setObjectName(QStringLiteral("openClientAction"));
    open->setShortcut(QKeySequence::Open);
    file->addSeparator();
    m_printAction =
        file->addAction(tr("&Print…"), this, [this] { printing().print(selectedIds()); });
    m_printAction->setObjectName(QStringLiteral("printAction"));
    m_printAction->setShortcut(QKeySequence::Print);
    m_printAction->setStatusTip(tr("Print the plans of the selected clients"));
    m_exportAction = file->addAction(tr("&Export PDFs…"), this, [this] {
        const QString done = printing().exportPdfs(selectedIds());
        if (!done.isEmpty())
            statusBar()->showMessage(done, 10000);
    });
    m_exportAction->setObjectName(QStringLiteral("exportPdfsAction"));
    m_exportAction->setStatusTip(
        tr("Save the plans of the selected clients as PDF files, or as one PDF"));
    QAction *print = m_printAction;
    const Actor &actor = m_db.actor();
    if (actor.supervises()) {
        // A backup holds every client and a restore replaces them all: for
        // supervisors and administrators, as in pathway-cli.
        file->addSeparator();
        QAction *backUp =
            file->addAction(tr("Back &Up Database…"), this, &MainWindow::backUpDatabase);
        backUp->setObjectName(QStringLiteral("backUpDatabaseAction"));
        backUp->setStatusTip(tr("Save a copy of the whole database to a file"));
        QAction *restore =
            file->addAction(tr("Res&tore From Backup…"), this, &MainWindow::restoreFromBackup);
        restore->setObjectName(QStringLiteral("restoreFromBackupAction"));
        restore->setStatusTip(
            tr("Replace the whole database by a backup (the current contents are kept)"));
    }
    if (actor.kind == Actor::Kind::Person) {
        file->addSeparator();
        QAction *password =
            file->addAction(tr("&Change Password…"), this, &MainWindow::changePassword);
        password->setObjectName(QStringLiteral("changePasswordAction"));
        password->setStatusTip(tr("Choose a new password for your account"));
        QAction *lock =
            file->addAction(tr("&Lock Screen"), this, [this] { Q_EMIT lockRequested(); });
        lock->setObjectName(QStringLiteral("lockAction"));
        lock->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_L));
        lock->setStatusTip(tr("Hide clients' details until you type your password again"));
        QAction *signOut =
            file->addAction(tr("Sign &Out"), this, [this] { Q_EMIT signOutRequested(); });
        signOut->setObjectName(QStringLiteral("signOutAction"));
        signOut->setStatusTip(tr("Close the client windows and let someone else sign in"));
    }
    file->addSeparator();
    QAction *quit = file->addAction(tr("&Quit"), this, &QWidget::close);
    quit->setShortcut(QKeySequence::Quit);

    QMenu *edit = menuBar()->addMenu(tr("&Edit"));
    // Undo and redo act on the plan of the client window used last.
    const auto [undo, redo] = addUndoRedoActions(edit, this, m_undoGroup);
    edit->addSeparator();
    QAction *find = edit->addAction(tr("&Find Client…"), this, [this] {
        m_search->setFocus(Qt::ShortcutFocusReason);
        m_search->selectAll();
    });
    find->setShortcut(QKeySequence::Find);

    QMenu *view = menuBar()->addMenu(tr("&View"));
    QAction *refresh = view->addAction(tr("&Refresh"), this, [this] {
        if (auto names = UserNames::load(m_db))
            m_model->setUserNames(names.value());
        m_model->reload();
        updateStatus();
    });
    refresh->setShortcut(QKeySequence::Refresh);

    // Menus a role may not use are not shown at all (storage refuses anyway).
    if (actor.supervises()) {
        QMenu *supervisor = menuBar()->addMenu(tr("&Supervisor"));
        supervisor->setObjectName(QStringLiteral("supervisorMenu"));
        QAction *dashboard =
            supervisor->addAction(tr("Caseload &Dashboard"), this, [this] { showDashboard(); });
        dashboard->setObjectName(QStringLiteral("dashboardAction"));
        dashboard->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_D));
        dashboard->setStatusTip(
            tr("Figures per counselor: active clients, reviews, overdue steps, no contact"));
        m_reassignAction =
            supervisor->addAction(tr("&Reassign Clients…"), this, &MainWindow::reassignSelected);
        m_reassignAction->setObjectName(QStringLiteral("reassignAction"));
        m_reassignAction->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_R));
        m_reassignAction->setStatusTip(tr("Give the selected clients to another counselor"));
        QAction *audit =
            supervisor->addAction(tr("&Audit Trail…"), this, [this] { showAuditTrail(); });
        audit->setObjectName(QStringLiteral("auditTrailAction"));
        audit->setStatusTip(tr("Who did what to which record, and when"));
        m_clientAuditAction = supervisor->addAction(tr("Audit Trail of the &Client…"), this,
                                                    [this] { showClientAuditTrail(); });
        m_clientAuditAction->setObjectName(QStringLiteral("clientAuditTrailAction"));
        m_clientAuditAction->setStatusTip(
            tr("Everything recorded about the selected client: views, changes, notes, plans"));
    }
    if (actor.administers()) {
        QMenu *admin = menuBar()->addMenu(tr("&Admin"));
        admin->setObjectName(QStringLiteral("adminMenu"));
        QAction *users = admin->addAction(tr("&Users…"), this, &MainWindow::showUsers);
        users->setObjectName(QStringLiteral("usersAction"));
        users->setStatusTip(tr("Create users, deactivate them, reset passwords"));
        QAction *agency =
            admin->addAction(tr("&Agency Settings…"), this, &MainWindow::showAgencySettings);
        agency->setObjectName(QStringLiteral("agencySettingsAction"));
        agency->setStatusTip(
            tr("Agency name and logo, paper size, idle lock, dashboard, rule file"));
    }

    QMenu *help = menuBar()->addMenu(tr("&Help"));
    QAction *guide = help->addAction(tr("&User Guide"), this, [this] { showUserGuide(); });
    guide->setObjectName(QStringLiteral("userGuideAction"));
    guide->setShortcut(QKeySequence::HelpContents);
    // F1 from any of Pathway's windows (a client's, the dashboard).
    guide->setShortcutContext(Qt::ApplicationShortcut);
    guide->setStatusTip(tr("How to use Pathway, with pictures of every screen"));
    help->addSeparator();
    help->addAction(tr("&About Pathway"), this, [this] {
        QMessageBox::about(
            this, tr("About Pathway"),
            tr("<b>Pathway</b> %1<br>Career plans for counselors and their clients.<br>"
               "Database: %2")
                .arg(QApplication::applicationVersion(), m_db.path().toHtmlEscaped()));
    });

    QToolBar *bar = addToolBar(tr("Main"));
    bar->setObjectName(QStringLiteral("mainToolBar"));
    bar->addAction(intake);
    bar->addAction(resume);
    bar->addAction(open);
    bar->addSeparator();
    bar->addAction(find);
    bar->addAction(refresh);
    bar->addSeparator();
    bar->addAction(undo);
    bar->addAction(redo);
    bar->addAction(print);
    bar->setToolButtonStyle(Qt::ToolButtonTextOnly);
}

QVector<qint64> MainWindow::selectedIds() const
{
    QVector<qint64> ids;
    QModelIndexList rows = m_table->selectionModel()->selectedRows();
    std::sort(rows.begin(), rows.end(),
              [](const QModelIndex &a, const QModelIndex &b) { return a.row() < b.row(); });
    for (const QModelIndex &row : std::as_const(rows))
        if (const qint64 id = m_model->clientId(row.row()); id > 0)
            ids.append(id);
    return ids;
}

void MainWindow::updateSelectionActions()
{
    const bool any = m_table->selectionModel()->hasSelection();
    m_printAction->setEnabled(any);
    m_exportAction->setEnabled(any);
    if (m_reassignAction)
        m_reassignAction->setEnabled(any);
    const QVector<qint64> ids = selectedIds();
    if (m_clientAuditAction)
        m_clientAuditAction->setEnabled(ids.size() == 1);
    // The selected client's record id, which the audit trail and pathway-cli use.
    if (m_locked)
        return;
    if (ids.size() == 1) {
        const int row = m_model->rowOf(ids.first());
        statusBar()->showMessage(
            tr("%1 · client %2")
                .arg(m_model->data(m_model->index(row, CaseloadModel::NameColumn)).toString())
                .arg(ids.first()));
        m_selectionShown = true;
    } else if (ids.size() > 1) {
        statusBar()->showMessage(tr("%1 clients selected").arg(ids.size()));
        m_selectionShown = true;
    } else if (m_selectionShown) {
        statusBar()->clearMessage();
        m_selectionShown = false;
    }
}

QString MainWindow::signedInName() const
{
    const Actor &actor = m_db.actor();
    const auto names = UserNames::load(m_db);
    const QString name = names ? names->label(actor.username) : actor.username;
    return tr("%1 (%2)").arg(name, roleLabel(actor.role));
}

QString MainWindow::signedInTitle() const
{
    // The application's display name ("Pathway") is added by Qt.
    if (m_db.actor().kind != Actor::Kind::Person)
        return tr("Caseload");
    return tr("Caseload — %1").arg(signedInName());
}

void MainWindow::changePassword()
{
    ChangePasswordDialog dialog(m_db, this);
    if (dialog.exec() == QDialog::Accepted)
        statusBar()->showMessage(tr("Your password was changed."), 8000);
}

void MainWindow::reassignSelected()
{
    const QVector<qint64> ids = selectedIds();
    if (ids.isEmpty())
        return;
    QStringList from;
    for (const qint64 id : ids) {
        const int row = m_model->rowOf(id);
        from << (row < 0 ? QString()
                         : m_model->data(m_model->index(row, 0), CaseloadModel::CounselorUserRole)
                               .toString());
    }
    ReassignDialog dialog(m_db, ids, from, this);
    if (dialog.exec() != QDialog::Accepted)
        return;
    m_model->reload();
    updateStatus();
    refreshDashboard();
    statusBar()->showMessage(
        dialog.changed() == 1
            ? tr("Reassigned 1 client to %1.").arg(dialog.targetName())
            : tr("Reassigned %1 clients to %2.").arg(dialog.changed()).arg(dialog.targetName()),
        10000);
}

void MainWindow::refreshDashboard()
{
    if (m_dashboard)
        m_dashboard->refresh();
}

DashboardWindow *MainWindow::showDashboard()
{
    if (!m_dashboard) {
        m_dashboard = new DashboardWindow(m_db, this);
        m_dashboard->setAttribute(Qt::WA_DeleteOnClose);
        m_dashboard->setToday(m_today);
        // The agency's "no contact" days (Admin > Agency Settings) to start with.
        DashboardFilter filter = m_dashboard->filter();
        filter.noContactDays = Settings().noContactDays();
        m_dashboard->setFilter(filter);
        connect(m_dashboard, &DashboardWindow::clientActivated, this, &MainWindow::openClient);
        // Reassigned from the dashboard: the caseload shows the new counselors.
        connect(m_dashboard, &DashboardWindow::clientsReassigned, this, [this] {
            m_model->reload();
            updateStatus();
        });
    }
    m_dashboard->show();
    m_dashboard->raise();
    m_dashboard->activateWindow();
    return m_dashboard;
}

AuditViewer *MainWindow::showAuditTrail()
{
    if (!m_auditViewer)
        m_auditViewer = new AuditViewer(m_db, this);
    m_auditViewer->show();
    m_auditViewer->raise();
    m_auditViewer->activateWindow();
    return m_auditViewer;
}

AuditViewer *MainWindow::showClientAuditTrail()
{
    const QVector<qint64> ids = selectedIds();
    if (ids.size() != 1)
        return nullptr;
    AuditViewer *viewer = showAuditTrail();
    viewer->showClient(ids.first());
    return viewer;
}

QWidget *MainWindow::showUserGuide()
{
    if (!m_userGuide) {
        const auto path = UserGuideWindow::find();
        if (!path) {
            QMessageBox box(QMessageBox::Information, tr("User guide"), path.error().message,
                            QMessageBox::Ok, this);
            box.setObjectName(QStringLiteral("userGuideMissingMessageBox"));
            box.exec();
            return nullptr;
        }
        m_userGuide = new UserGuideWindow(path.value(), this);
    }
    m_userGuide->show();
    m_userGuide->raise();
    m_userGuide->activateWindow();
    return m_userGuide;
}

DatabaseBackups MainWindow::backups()
{
    return DatabaseBackups(m_db, m_backupPrompts, this);
}

void MainWindow::backUpDatabase()
{
    const QString done = backups().backUp();
    if (!done.isEmpty())
        statusBar()->showMessage(done, 10000);
}

void MainWindow::restoreFromBackup()
{
    // Open interviews and client windows first: their unsaved input would
    // otherwise be written into the restored contents.
    if (!closeWorkWindows(true))
        return;
    if (!backups().restore())
        return;
    // Everything in memory (who is signed in and their role, the list,
    // undo stacks, drafts) belongs to the contents that were replaced, and
    // the accounts may differ: the app closes rather than go on with them,
    // and the next start signs in against the restored accounts.
    m_restored = true;
    close();
}

void MainWindow::showUsers()
{
    UsersDialog dialog(m_db, this);
    dialog.exec();
}

void MainWindow::showAgencySettings()
{
    AgencySettingsDialog dialog(m_db, this);
    connect(&dialog, &AgencySettingsDialog::saved, this, [this] {
        statusBar()->showMessage(tr("Agency settings saved."), 8000);
        Q_EMIT agencySettingsChanged();
    });
    dialog.exec();
}

void MainWindow::setLocked(bool locked)
{
    if (locked == m_locked)
        return;
    m_locked = locked;
    {
        const QSignalBlocker block(m_search);
        if (locked) {
            m_lockedSearch = m_search->text();
            m_search->clear();
        } else {
            m_search->setText(m_lockedSearch);
            m_lockedSearch.clear();
        }
    }
    m_searchDelay->stop();
    if (locked) {
        // No user name is a newline, so this matches no client: the list is
        // empty with its columns kept.
        CaseloadFilter none;
        none.counselor = QStringLiteral("\n");
        m_model->setFilter(none);
        m_count->setText(tr("Locked"));
        statusBar()->clearMessage();
        updateEmptyText();
    } else {
        applyFilter();
    }
}

bool MainWindow::closeWorkWindows(bool ask)
{
    for (IntakeWizard *wizard : findChildren<IntakeWizard *>()) {
        if (ask) {
            if (wizard->isVisible() && !wizard->close())
                return false;
        } else {
            wizard->closeKeepingDraft();
        }
    }
    const auto windows = m_clientWindows;
    for (ClientWindow *window : windows) {
        if (ask) {
            if (!window->close())
                return false;
        } else {
            m_clientWindows.remove(window->clientId());
            disconnect(window, nullptr, this, nullptr);
            window->hide();
            window->deleteLater();
        }
    }
    return true;
}

PlanPrinting MainWindow::printing()
{
    return PlanPrinting(m_db, m_engine, m_today, m_printPrompts, this);
}

void MainWindow::openSelected()
{
    const QModelIndex current = m_table->currentIndex();
    if (!current.isValid())
        return;
    if (const qint64 id = m_model->clientId(current.row()); id > 0)
        openClient(id);
}

ClientWindow *MainWindow::openClient(qint64 id)
{
    if (ClientWindow *existing = m_clientWindows.value(id)) {
        existing->show();
        existing->raise();
        existing->activateWindow();
        return existing;
    }
    auto *window = new ClientWindow(m_db, m_engine, id, this);
    window->setWindowFlag(Qt::Window);
    window->planTab()->setToday(m_today);
    window->profileTab()->setToday(m_today);
    m_clientWindows.insert(id, window);
    m_undoGroup->addStack(window->undoStack());
    m_undoGroup->setActiveStack(window->undoStack());
    connect(window, &ClientWindow::clientChanged, this, [this] {
        m_model->refreshRows();
        if (m_dashboard)
            m_dashboard->setStale();
    });
    // A review changes the dashboard's figures at once (awaiting review).
    connect(window->planTab(), &PlanTab::reviewed, this, &MainWindow::refreshDashboard);
    connect(window, &QObject::destroyed, this, [this, id] { m_clientWindows.remove(id); });
    window->show();
    return window;
}

IntakeWizard *MainWindow::startIntake(const IntakeDraft *draft)
{
    auto *wizard = new IntakeWizard(m_db, m_engine, this);
    wizard->setAttribute(Qt::WA_DeleteOnClose);
    wizard->setToday(m_today);
    if (draft)
        wizard->resume(*draft);
    connect(wizard, &IntakeWizard::clientCreated, this, [this](qint64 id) {
        m_model->reload();
        updateStatus();
        statusBar()->showMessage(tr("Client and proposed plan saved."), 5000);
        openClient(id);
    });
    connect(wizard, &IntakeWizard::openClientRequested, this, &MainWindow::openClient);
    connect(wizard, &IntakeWizard::draftSaved, this,
            [this] { statusBar()->showMessage(tr("Intake saved as a draft."), 5000); });
    wizard->show();
    return wizard;
}

void MainWindow::resumeDraft()
{
    DraftListDialog dialog(m_db, this);
    if (dialog.count() == 0) {
        QMessageBox::information(this, tr("Resume an intake"),
                                 tr("There are no intake drafts. Use Save draft in an intake "
                                    "interview to keep one."));
        return;
    }
    if (dialog.exec() != QDialog::Accepted)
        return;
    if (const auto draft = dialog.chosen())
        startIntake(&*draft);
}

void MainWindow::applyFilter()
{
    if (m_locked)
        return;
    CaseloadFilter filter;
    filter.text = m_search->text();
    filter.status = selectedCode<ClientStatus>(m_status);
    filter.bracket = selectedCode<IncomeBracket>(m_bracket);
    filter.barrier = selectedCode<BarrierCode>(m_barrier);
    if (!m_model->setFilter(filter))
        QMessageBox::warning(this, tr("Pathway"), m_model->lastError());
    updateStatus();
}

void MainWindow::updateStatus()
{
    m_count->setText(m_model->rowCount() == 1 ? tr("1 client")
                                              : tr("%1 clients").arg(m_model->rowCount()));
    updateEmptyText();
}

QString MainWindow::emptyText() const
{
    if (m_locked || m_model->rowCount() > 0)
        return {};
    const CaseloadFilter &filter = m_model->filter();
    // With no client at all, say how to start; else what hides them.
    auto all = m_repository->matchingIds(CaseloadFilter());
    if (all && all->isEmpty())
        return m_db.actor().seesAllClients()
                   ? tr("No clients yet: press Ctrl+N to start an intake interview.")
                   : tr("You have no clients yet: press Ctrl+N to start an intake interview.");
    // Would the search alone find someone the boxes hide?
    CaseloadFilter searchOnly;
    searchOnly.text = filter.text;
    auto hidden = m_repository->matchingIds(searchOnly);
    const bool boxesHide = hidden && !hidden->isEmpty();
    const QString typed = filter.text.trimmed();
    if (typed.isEmpty())
        return tr("No client matches the filters chosen: set the boxes beside the search to "
                  "Any to see every client.");
    if (boxesHide)
        return tr("No client matches “%1” with the filters chosen: set the boxes beside the "
                  "search to Any (a closed client, for example, is not listed as active).")
            .arg(typed);
    return tr("No client matches “%1”. Each word must start a first or last name: check the "
              "spelling, or press Ctrl+N to take in a new client.")
        .arg(typed);
}

void MainWindow::updateEmptyText()
{
    const QString text = emptyText();
    m_empty->setText(text);
    m_empty->setVisible(!text.isEmpty());
    m_empty->setGeometry(m_table->viewport()->rect().adjusted(24, 24, -24, -24));
}

void MainWindow::focusList()
{
    if (m_model->rowCount() == 0)
        return;
    m_table->setFocus(Qt::OtherFocusReason);
    // The first row unless one is selected already.
    if (!m_table->selectionModel()->hasSelection())
        m_table->selectionModel()->setCurrentIndex(m_model->index(0, CaseloadModel::NameColumn),
                                                   QItemSelectionModel::ClearAndSelect |
                                                       QItemSelectionModel::Rows);
}

bool MainWindow::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_search && event->type() == QEvent::KeyPress) {
        const auto *key = static_cast<QKeyEvent *>(event);
        if (key->modifiers() == Qt::NoModifier &&
            (key->key() == Qt::Key_Down || key->key() == Qt::Key_PageDown ||
             key->key() == Qt::Key_Return || key->key() == Qt::Key_Enter)) {
            // The list may still wait for the last keys typed.
            if (m_searchDelay->isActive())
                applyFilter();
            focusList();
            return true;
        }
    }
    if (watched == m_table->viewport() && event->type() == QEvent::Resize)
        m_empty->setGeometry(m_table->viewport()->rect().adjusted(24, 24, -24, -24));
    return QMainWindow::eventFilter(watched, event);
}

void MainWindow::showEvent(QShowEvent *event)
{
    QMainWindow::showEvent(event);
    const QString reason = m_engine.fallbackReason();
    if (reason.isEmpty() || m_fallbackTold)
        return;
    m_fallbackTold = true;
    // Window-modal and not waited for: the caseload is usable behind it.
    auto *box = new QMessageBox(QMessageBox::Warning, m_engine.fallbackTitle(), reason,
                                QMessageBox::Ok, this);
    box->setObjectName(QStringLiteral("fallbackRulesMessage"));
    box->button(QMessageBox::Ok)->setObjectName(QStringLiteral("fallbackRulesOkButton"));
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->open();
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    // Open interviews and client windows close first: each may hold input
    // the counselor wants to keep, and asks.
    if (!closeWorkWindows(true)) {
        event->ignore();
        return;
    }
    Settings settings;
    settings.setMainWindowGeometry(saveGeometry());
    settings.setCaseloadColumns(m_table->horizontalHeader()->saveState());
    event->accept();
}

} // namespace pathway
