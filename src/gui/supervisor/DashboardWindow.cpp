#include "supervisor/DashboardWindow.h"
#include "WindowGeometry.h"

#include "pathway/storage/Database.h"
#include "pathway/storage/UserNames.h"
#include "supervisor/ClientListModel.h"
#include "supervisor/DashboardChart.h"
#include "supervisor/DashboardTableModel.h"
#include "supervisor/ReassignDialog.h"

#include <QAction>
#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QElapsedTimer>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QMenuBar>
#include <QPushButton>
#include <QScreen>
#include <QSpinBox>
#include <QSplitter>
#include <QStatusBar>
#include <QStyle>
#include <QTableView>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>

namespace pathway {

using dashboard::Figure;

namespace {

// "1 client", "1,234 clients" (without a translation file %n would show "(s)").
QString clientsText(int n)
{
    return n == 1 ? DashboardWindow::tr("1 client")
                  : DashboardWindow::tr("%1 clients").arg(QLocale().toString(n));
}

QLabel *heading(const QString &text, QWidget *parent)
{
    auto *label = new QLabel(text, parent);
    QFont f = label->font();
    f.setBold(true);
    label->setFont(f);
    return label;
}

} // namespace

DashboardWindow::DashboardWindow(Database &db, QWidget *parent)
    : QMainWindow(parent), m_db(db), m_caseload(db)
{
    setObjectName(QStringLiteral("dashboardWindow"));
    setWindowTitle(tr("Caseload dashboard"));
    m_filter.status = ClientStatus::Active;
    m_filter.today = m_today;

    auto *central = new QWidget(this);
    auto *layout = new QVBoxLayout(central);
    layout->setContentsMargins(8, 6, 8, 4);
    layout->setSpacing(6);
    auto *bar = new QWidget(central);
    buildFilterBar(bar);
    layout->addWidget(bar);

    // Left: the table of figures over the clients behind the chosen one.
    auto *left = new QWidget(central);
    auto *leftLayout = new QVBoxLayout(left);
    leftLayout->setContentsMargins(0, 0, 0, 0);
    leftLayout->setSpacing(4);
    m_scopeLabel = heading(tr("By counselor"), left);
    m_scopeLabel->setObjectName(QStringLiteral("dashboardScopeLabel"));
    m_tableModel = new DashboardTableModel(this);
    m_table = new QTableView(left);
    m_table->setObjectName(QStringLiteral("dashboardTableView"));
    m_table->setAccessibleName(tr("Figures by counselor"));
    m_table->setModel(m_tableModel);
    m_table->setSelectionBehavior(QAbstractItemView::SelectItems);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setTabKeyNavigation(false);
    m_table->setWordWrap(false);
    m_table->verticalHeader()->hide();
    m_table->verticalHeader()->setDefaultSectionSize(m_table->fontMetrics().height() + 10);
    m_table->horizontalHeader()->setDefaultAlignment(Qt::AlignCenter);
    m_table->horizontalHeader()->setSectionResizeMode(DashboardTableModel::CounselorColumn,
                                                      QHeaderView::Stretch);
    for (int c = DashboardTableModel::ActiveColumn; c < DashboardTableModel::ColumnCount; ++c)
        m_table->setColumnWidth(c, c == DashboardTableModel::CompletionColumn ? 88 : 76);
    m_table->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
    m_table->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    leftLayout->addWidget(m_scopeLabel);
    leftLayout->addWidget(m_table);

    m_listCaption = new QLabel(left);
    m_listCaption->setObjectName(QStringLiteral("dashboardListCaption"));
    m_listCaption->setTextFormat(Qt::RichText);
    m_listCaption->setWordWrap(true);
    m_listModel = new ClientListModel(m_caseload, this);
    m_list = new QTableView(left);
    m_list->setObjectName(QStringLiteral("dashboardClientsTableView"));
    m_list->setAccessibleName(tr("Clients behind the figure"));
    m_list->setModel(m_listModel);
    m_list->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_list->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_list->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_list->setTabKeyNavigation(false);
    m_list->setWordWrap(false);
    m_list->verticalHeader()->hide();
    m_list->verticalHeader()->setDefaultSectionSize(m_list->fontMetrics().height() + 8);
    // The name takes the room the other columns leave (fitListColumns).
    m_list->horizontalHeader()->setStretchLastSection(false);
    m_list->horizontalHeader()->setSectionResizeMode(ClientListModel::NameColumn,
                                                     QHeaderView::Stretch);
    m_list->horizontalHeader()->setMinimumSectionSize(24);
    fitListColumns();
    leftLayout->addSpacing(4);
    auto *captionRow = new QHBoxLayout;
    captionRow->setContentsMargins(0, 0, 0, 0);
    captionRow->addWidget(m_listCaption, 1);
    if (m_db.actor().supervises()) {
        auto *reassign = new QPushButton(tr("&Reassign…"), left);
        reassign->setObjectName(QStringLiteral("dashboardReassignPushButton"));
        reassign->setToolTip(
            tr("Give the clients selected in the list to another counselor (Ctrl+Shift+R)"));
        reassign->setEnabled(false);
        captionRow->addWidget(reassign, 0, Qt::AlignBottom);
        connect(reassign, &QPushButton::clicked, this, &DashboardWindow::reassignSelected);
        m_reassignAction = new QAction(tr("&Reassign Selected Clients…"), this);
        m_reassignAction->setObjectName(QStringLiteral("dashboardReassignAction"));
        m_reassignAction->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_R));
        m_reassignAction->setEnabled(false);
        connect(m_reassignAction, &QAction::triggered, this, &DashboardWindow::reassignSelected);
        connect(m_reassignAction, &QAction::enabledChanged, reassign, &QPushButton::setEnabled);
    }
    leftLayout->addLayout(captionRow);
    leftLayout->addWidget(m_list, 1);

    // Right: the four charts.
    auto *right = new QWidget(central);
    auto *grid = new QGridLayout(right);
    grid->setContentsMargins(0, 0, 0, 0);
    grid->setSpacing(6);
    const struct
    {
        Chart which;
        const char *name;
        QString title;
        DashboardChart::Orientation orientation;
    } charts[] = {
        {BracketChart, "bracketChart", tr("Clients by income bracket"), DashboardChart::Horizontal},
        {BarrierChart, "barrierChart", tr("Barrier prevalence (clients)"),
         DashboardChart::Horizontal},
        {CompletionChart, "completionChart", tr("Plan completion by counselor"),
         DashboardChart::Horizontal},
        {IntakeChart, "intakeChart", tr("New intakes per month"), DashboardChart::Vertical},
    };
    for (const auto &c : charts) {
        auto *chart = new DashboardChart(c.title, c.orientation, right);
        chart->setObjectName(QLatin1String(c.name));
        m_charts[c.which] = chart;
        grid->addWidget(chart, c.which / 2, c.which % 2);
    }
    connect(m_charts[BracketChart], &DashboardChart::barActivated, this,
            [this](const QString &key, const QString &) {
                const auto bracket = fromCode<IncomeBracket>(key);
                showClients(Figure::Bracket, key,
                            tr("Income bracket: %1").arg(bracket ? toLabel(*bracket) : key));
                m_listedChart = BracketChart;
                showListedFigure();
            });
    connect(m_charts[BarrierChart], &DashboardChart::barActivated, this,
            [this](const QString &key, const QString &label) {
                showClients(Figure::Barrier, key, tr("Barrier: %1").arg(label));
                m_listedChart = BarrierChart;
                showListedFigure();
            });
    connect(m_charts[CompletionChart], &DashboardChart::barActivated, this,
            [this](const QString &key, const QString &label) {
                showClients(Figure::Completion, key, tr("Plan completion · %1").arg(label));
                m_listedChart = CompletionChart;
                showListedFigure();
            });
    connect(m_charts[IntakeChart], &DashboardChart::barActivated, this,
            [this](const QString &key, const QString &) {
                const QDate month = QDate::fromString(key + QStringLiteral("-01"), Qt::ISODate);
                showClients(Figure::IntakeMonth, key,
                            tr("New intakes in %1")
                                .arg(QLocale().toString(month, QStringLiteral("MMMM yyyy"))));
                m_listedChart = IntakeChart;
                showListedFigure();
            });
    // A bar chosen with the keyboard but not listed stops showing as chosen
    // when the focus moves on.
    for (DashboardChart *chart : m_charts)
        chart->installEventFilter(this);

    auto *split = new QSplitter(Qt::Horizontal, central);
    split->setObjectName(QStringLiteral("dashboardSplitter"));
    split->setChildrenCollapsible(false);
    split->addWidget(left);
    split->addWidget(right);
    // Growing, the charts take more of the room than the table and list.
    split->setStretchFactor(0, 2);
    split->setStretchFactor(1, 3);
    left->setMinimumWidth(560);
    layout->addWidget(split, 1);
    setCentralWidget(central);

    QMenu *file = menuBar()->addMenu(tr("&File"));
    QAction *close = file->addAction(tr("&Close"), this, &QWidget::close);
    close->setShortcut(QKeySequence::Close);
    QMenu *view = menuBar()->addMenu(tr("&View"));
    QAction *reload = view->addAction(tr("&Refresh"), this, [this] { refresh(); });
    reload->setObjectName(QStringLiteral("dashboardRefreshAction"));
    reload->setShortcut(QKeySequence::Refresh);
    reload->setStatusTip(tr("Read the figures again from the database"));
    QAction *toTable =
        view->addAction(tr("Go to the &Table"), this, [this] { m_table->setFocus(); });
    toTable->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_1));
    QAction *toCharts = view->addAction(tr("Go to the C&harts"), this,
                                        [this] { m_charts[BracketChart]->setFocus(); });
    toCharts->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_2));
    QAction *toList =
        view->addAction(tr("Go to the Client &List"), this, [this] { m_list->setFocus(); });
    toList->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_3));
    if (m_reassignAction) {
        QMenu *clients = menuBar()->addMenu(tr("&Clients"));
        clients->setObjectName(QStringLiteral("dashboardClientsMenu"));
        clients->addAction(m_reassignAction);
        connect(m_list->selectionModel(), &QItemSelectionModel::selectionChanged, this,
                [this] { m_reassignAction->setEnabled(m_list->selectionModel()->hasSelection()); });
        connect(m_listModel, &QAbstractItemModel::modelReset, this,
                [this] { m_reassignAction->setEnabled(m_list->selectionModel()->hasSelection()); });
    }

    // Keyboard order: the filters, the table, the charts left to right and
    // top to bottom, then the clients.
    setTabOrder(m_noContactDays, m_table);
    setTabOrder(m_table, m_charts[BracketChart]);
    setTabOrder(m_charts[BracketChart], m_charts[BarrierChart]);
    setTabOrder(m_charts[BarrierChart], m_charts[CompletionChart]);
    setTabOrder(m_charts[CompletionChart], m_charts[IntakeChart]);
    setTabOrder(m_charts[IntakeChart], m_list);

    connect(m_table->selectionModel(), &QItemSelectionModel::currentChanged, this,
            [this](const QModelIndex &current) { listCell(current); });
    connect(m_table, &QTableView::clicked, this, &DashboardWindow::listCell);
    connect(m_list, &QTableView::activated, this, [this](const QModelIndex &index) {
        const qint64 id = m_listModel->clientId(index.row());
        if (id > 0)
            Q_EMIT clientActivated(id);
    });
    connect(m_listModel, &ClientListModel::errorOccurred, this,
            [this](const QString &message) { statusBar()->showMessage(message, 10000); });

    m_listCaption->setText(tr("<b>Clients</b> · click a figure or a bar (or choose one with the "
                              "arrow keys and Enter) to list its clients here."));
    refresh();

    windowGeometry::place(this, QByteArray(), QSizeF(0.95, 0.95), QSize(1100, 600));
    // The list needs its columns and a name of about 26 letters, and gets at
    // least 45 % of a wide window; the charts take the rest.
    int listWidth = 2 * m_list->frameWidth() +
                    m_list->style()->pixelMetric(QStyle::PM_ScrollBarExtent, nullptr, m_list) +
                    m_list->fontMetrics().averageCharWidth() * 26;
    for (int c = 0; c < ClientListModel::ColumnCount; ++c) {
        if (c != ClientListModel::NameColumn)
            listWidth += m_list->columnWidth(c);
    }
    const int room = width() - layout->contentsMargins().left() -
                     layout->contentsMargins().right() - split->handleWidth();
    const int leftWidth =
        qBound(left->minimumWidth(), qMax(listWidth, int(room * 0.45)), int(room * 0.6));
    split->setSizes({leftWidth, room - leftWidth});
}

void DashboardWindow::buildFilterBar(QWidget *bar)
{
    auto *row = new QHBoxLayout(bar);
    row->setContentsMargins(0, 0, 0, 0);
    row->setSpacing(6);
    auto labelled = [&](const QString &text, QWidget *field) {
        auto *label = new QLabel(text, bar);
        label->setBuddy(field);
        row->addWidget(label);
        row->addWidget(field);
        row->addSpacing(8);
    };
    m_counselor = new QComboBox(bar);
    m_counselor->setObjectName(QStringLiteral("counselorComboBox"));
    m_counselor->setAccessibleName(tr("Counselor"));
    m_counselor->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    m_counselor->setMinimumContentsLength(14);
    m_bracket = new QComboBox(bar);
    m_bracket->setObjectName(QStringLiteral("bracketComboBox"));
    m_bracket->setAccessibleName(tr("Income bracket"));
    m_bracket->addItem(tr("All brackets"));
    for (const QString &code : allCodes<IncomeBracket>())
        m_bracket->addItem(toLabel(*fromCode<IncomeBracket>(code)), code);
    m_barrier = new QComboBox(bar);
    m_barrier->setObjectName(QStringLiteral("barrierComboBox"));
    m_barrier->setAccessibleName(tr("Barrier"));
    m_barrier->addItem(tr("All barriers"));
    for (const QString &code : allCodes<BarrierCode>())
        m_barrier->addItem(toLabel(*fromCode<BarrierCode>(code)), code);
    m_status = new QComboBox(bar);
    m_status->setObjectName(QStringLiteral("statusComboBox"));
    m_status->setAccessibleName(tr("Status"));
    m_status->addItem(tr("All statuses"));
    for (const QString &code : allCodes<ClientStatus>())
        m_status->addItem(toLabel(*fromCode<ClientStatus>(code)), code);
    m_status->setCurrentIndex(m_status->findData(toCode(ClientStatus::Active)));
    m_overdueOnly = new QCheckBox(tr("&Overdue only"), bar);
    m_overdueOnly->setObjectName(QStringLiteral("overdueOnlyCheckBox"));
    m_overdueOnly->setToolTip(tr("Count only clients with at least one overdue step"));
    m_noContactDays = new QSpinBox(bar);
    m_noContactDays->setObjectName(QStringLiteral("noContactSpinBox"));
    m_noContactDays->setAccessibleName(tr("No contact in days"));
    m_noContactDays->setRange(1, 730);
    m_noContactDays->setValue(30);
    m_noContactDays->setSuffix(tr(" days"));
    m_noContactDays->setToolTip(
        tr("A client has had no contact when no case note was written in this many days, today "
           "included (or never)"));

    labelled(tr("Co&unselor:"), m_counselor);
    labelled(tr("&Bracket:"), m_bracket);
    labelled(tr("B&arrier:"), m_barrier);
    labelled(tr("&Status:"), m_status);
    row->addWidget(m_overdueOnly);
    row->addSpacing(8);
    labelled(tr("&No contact in:"), m_noContactDays);
    row->addStretch(1);
    auto *refreshButton = new QPushButton(tr("Refresh"), bar);
    refreshButton->setObjectName(QStringLiteral("dashboardRefreshPushButton"));
    refreshButton->setToolTip(tr("Read the figures again (F5)"));
    refreshButton->setFocusPolicy(Qt::TabFocus);
    row->addWidget(refreshButton);
    connect(refreshButton, &QPushButton::clicked, this, [this] { refresh(); });

    for (QComboBox *box : {m_counselor, m_bracket, m_barrier, m_status})
        connect(box, &QComboBox::currentIndexChanged, this, [this] { readFilter(); });
    connect(m_overdueOnly, &QCheckBox::toggled, this, [this] { readFilter(); });
    connect(m_noContactDays, &QSpinBox::valueChanged, this, [this] { readFilter(); });
}

void DashboardWindow::fillCounselors()
{
    // A counselor's own view (the box disabled) does not carry over to the next user.
    const QString current =
        m_counselor->isEnabled() ? m_counselor->currentData().toString() : QString();
    m_updatingFilter = true;
    m_counselor->clear();
    const QVector<DashboardCounts> people = m_snapshot.counselors();
    const bool all = m_db.actor().seesAllClients();
    if (all)
        m_counselor->addItem(tr("All counselors"), QString());
    for (const DashboardCounts &p : people)
        m_counselor->addItem(p.displayName, p.username);
    if (all)
        m_counselor->addItem(tr("No counselor"), dashboard::unassignedKey());
    const int at = m_counselor->findData(current);
    m_counselor->setCurrentIndex(at < 0 ? 0 : at);
    // A counselor sees their own figures only: nothing to choose.
    m_counselor->setEnabled(all);
    m_updatingFilter = false;
}

void DashboardWindow::setToday(const QDate &today)
{
    m_today = today.isValid() ? today : QDate::currentDate();
    m_filter.today = m_today;
    refresh();
}

void DashboardWindow::setFilter(const DashboardFilter &filter)
{
    m_updatingFilter = true;
    const int counselor = m_counselor->findData(filter.counselor);
    m_counselor->setCurrentIndex(counselor < 0 ? 0 : counselor);
    m_bracket->setCurrentIndex(filter.bracket ? m_bracket->findData(toCode(*filter.bracket)) : 0);
    m_barrier->setCurrentIndex(filter.barrier ? m_barrier->findData(toCode(*filter.barrier)) : 0);
    m_status->setCurrentIndex(filter.status ? m_status->findData(toCode(*filter.status)) : 0);
    m_overdueOnly->setChecked(filter.overdueOnly);
    m_noContactDays->setValue(filter.noContactDays);
    m_updatingFilter = false;
    if (filter.today.isValid() && filter.today != m_today) {
        setToday(filter.today); // reads the filter bar too
        return;
    }
    readFilter();
}

void DashboardWindow::readFilter()
{
    if (m_updatingFilter)
        return;
    DashboardFilter f;
    f.today = m_today;
    f.counselor = m_counselor->currentData().toString();
    if (m_bracket->currentIndex() > 0)
        f.bracket = fromCode<IncomeBracket>(m_bracket->currentData().toString());
    if (m_barrier->currentIndex() > 0)
        f.barrier = fromCode<BarrierCode>(m_barrier->currentData().toString());
    if (m_status->currentIndex() > 0)
        f.status = fromCode<ClientStatus>(m_status->currentData().toString());
    f.overdueOnly = m_overdueOnly->isChecked();
    f.noContactDays = m_noContactDays->value();
    m_filter = f;
    apply();
}

bool DashboardWindow::refresh()
{
    QElapsedTimer timer;
    timer.start();
    QApplication::setOverrideCursor(Qt::WaitCursor);
    auto snapshot = loadDashboard(m_db, m_today);
    QApplication::restoreOverrideCursor();
    if (!snapshot) {
        m_snapshot = DashboardSnapshot();
        m_loaded = false;
        statusBar()->showMessage(snapshot.error().message);
        m_tableModel->setFigures({});
        for (DashboardChart *c : m_charts)
            c->setBars({});
        m_listModel->setClients({}, m_today);
        m_listCaption->setText(tr("<b>The figures could not be read:</b> %1")
                                   .arg(snapshot.error().message.toHtmlEscaped()));
        return false;
    }
    m_snapshot = std::move(snapshot.value());
    m_loaded = true;
    m_stale = false;
    fillCounselors();
    fitListColumns();
    const auto names = UserNames::load(m_db);
    m_scopeLabel->setText(
        m_db.actor().seesAllClients()
            ? tr("By counselor")
            : tr("Your clients (%1)")
                  .arg(names ? names->label(m_db.actor().username) : m_db.actor().username));
    readFilter();
    statusBar()->showMessage(
        tr("Figures for %1 · %2 clients you may see · read in %3 ms")
            .arg(m_today.toString(Qt::ISODate), QLocale().toString(m_snapshot.clientCount()))
            .arg(timer.elapsed()));
    return true;
}

void DashboardWindow::apply()
{
    if (!m_loaded)
        return;
    // Another user signed in meanwhile: their figures, not the last user's.
    if (!m_snapshot.isFor(m_db.actor()) || m_snapshot.today() != m_today) {
        refresh();
        return;
    }
    m_figures = m_snapshot.figures(m_filter);
    m_tableModel->setFigures(m_figures);
    fitTable();
    updateCharts();
    const int listedColumn = m_listedColumn;
    const int listedChart = m_listedChart;
    if (m_listed)
        showClients(*m_listed, m_listedKey, m_listedCaption);
    m_listedColumn = listedColumn;
    m_listedChart = listedChart;
    // After the rows changed, the table's current cell is the listed one
    // again (else the agency's active clients), so that focusing the table
    // does not pick a cell of its own.
    if (!m_table->currentIndex().isValid() && m_tableModel->rowCount() > 0) {
        int row = m_listedColumn >= 0 ? m_tableModel->rowOfKey(m_listedKey) : -1;
        const int column = row >= 0 ? m_listedColumn : int(DashboardTableModel::ActiveColumn);
        if (row < 0)
            row = m_tableModel->rowCount() - 1;
        m_settingCell = true;
        m_table->selectionModel()->setCurrentIndex(m_tableModel->index(row, column),
                                                   QItemSelectionModel::ClearAndSelect);
        m_settingCell = false;
    }
    showListedFigure();
}

void DashboardWindow::showListedFigure()
{
    const bool fromTable = m_listed && m_listedColumn >= 0;
    for (int c = 0; c < ChartCount; ++c) {
        if (c != m_listedChart || fromTable)
            m_charts[c]->setCurrentBar(-1);
    }
    if (!fromTable) {
        m_table->selectionModel()->clearSelection();
    } else {
        const int row = m_tableModel->rowOfKey(m_listedKey);
        if (row >= 0) {
            m_settingCell = true;
            m_table->selectionModel()->setCurrentIndex(m_tableModel->index(row, m_listedColumn),
                                                       QItemSelectionModel::ClearAndSelect);
            m_settingCell = false;
        }
    }
}

void DashboardWindow::fitListColumns()
{
    // Every column as wide as its widest possible text and its header, so
    // that none is clipped; the name takes the rest.
    const QFontMetrics cell(m_list->font());
    const QFontMetrics head(m_list->horizontalHeader()->font());
    const int pad =
        2 * m_list->style()->pixelMetric(QStyle::PM_FocusFrameHMargin, nullptr, m_list) + 12;
    const int headPad =
        2 * m_list->style()->pixelMetric(QStyle::PM_HeaderMargin, nullptr, m_list) + 12;
    auto widest = [&](int column, const QStringList &texts) {
        int w = head.horizontalAdvance(m_listModel->headerData(column, Qt::Horizontal).toString()) +
                headPad;
        for (const QString &t : texts)
            w = qMax(w, cell.horizontalAdvance(t) + pad);
        m_list->setColumnWidth(column, w);
    };
    QStringList counselors{tr("No counselor")};
    for (const DashboardCounts &c : m_snapshot.counselors())
        counselors << c.displayName;
    widest(ClientListModel::CounselorColumn, counselors);
    QStringList brackets;
    for (const QString &code : allCodes<IncomeBracket>())
        brackets << toLabel(*fromCode<IncomeBracket>(code));
    widest(ClientListModel::BracketColumn, brackets);
    widest(ClientListModel::ProgressColumn, {QStringLiteral("88/88")});
    widest(ClientListModel::OverdueColumn, {QStringLiteral("88")});
    widest(ClientListModel::LastContactColumn,
           {QStringLiteral("2088-08-28"), ClientListModel::tr("never")});
    QStringList reviews;
    for (ReviewStatus r : {ReviewStatus::None, ReviewStatus::Pending, ReviewStatus::Approved,
                           ReviewStatus::Returned})
        reviews << reviewStatusLabel(r);
    widest(ClientListModel::ReviewColumn, reviews);
}

void DashboardWindow::setStale()
{
    m_stale = true;
    if (isActiveWindow())
        refresh();
}

void DashboardWindow::changeEvent(QEvent *event)
{
    QMainWindow::changeEvent(event);
    if (event->type() == QEvent::ActivationChange && isActiveWindow() && m_stale)
        refresh();
}

bool DashboardWindow::eventFilter(QObject *watched, QEvent *event)
{
    if (event->type() == QEvent::FocusOut) {
        for (int c = 0; c < ChartCount; ++c) {
            if (watched == m_charts[c] && (c != m_listedChart || m_listedColumn >= 0))
                m_charts[c]->setCurrentBar(-1);
        }
    }
    return QMainWindow::eventFilter(watched, event);
}

QVector<qint64> DashboardWindow::selectedClients() const
{
    QModelIndexList rows = m_list->selectionModel()->selectedRows();
    std::sort(rows.begin(), rows.end(),
              [](const QModelIndex &a, const QModelIndex &b) { return a.row() < b.row(); });
    QVector<qint64> ids;
    for (const QModelIndex &row : std::as_const(rows))
        if (const qint64 id = m_listModel->clientId(row.row()); id > 0)
            ids.append(id);
    return ids;
}

void DashboardWindow::reassignSelected()
{
    const QVector<qint64> ids = selectedClients();
    if (ids.isEmpty() || !m_db.actor().supervises())
        return;
    QStringList from;
    for (const qint64 id : ids)
        from << m_listModel->counselorOf(id);
    ReassignDialog dialog(m_db, ids, from, this);
    if (dialog.exec() != QDialog::Accepted)
        return;
    refresh();
    statusBar()->showMessage(
        dialog.changed() == 1
            ? tr("Reassigned 1 client to %1.").arg(dialog.targetName())
            : tr("Reassigned %1 clients to %2.").arg(dialog.changed()).arg(dialog.targetName()),
        10000);
    Q_EMIT clientsReassigned();
}

void DashboardWindow::fitTable()
{
    // Every row shows without scrolling up to ~12 counselors; beyond that it scrolls.
    const int rows = qMin(m_tableModel->rowCount(), 12);
    const int height = m_table->horizontalHeader()->sizeHint().height() +
                       rows * m_table->verticalHeader()->defaultSectionSize() +
                       2 * m_table->frameWidth() + 2;
    m_table->setFixedHeight(height);
}

void DashboardWindow::updateCharts()
{
    const QLocale locale;
    const auto clients = clientsText;

    QVector<DashboardChart::Bar> brackets;
    for (const DashboardBar &b : m_figures.byBracket) {
        const QString label = toLabel(*fromCode<IncomeBracket>(b.key));
        brackets.append(
            {b.key, label, double(b.clients), tr("%1 income: %2").arg(label, clients(b.clients))});
    }
    m_charts[BracketChart]->setBars(brackets);

    QVector<DashboardChart::Bar> barriers;
    for (const DashboardBar &b : m_figures.byBarrier) {
        const QString label = toLabel(*fromCode<BarrierCode>(b.key));
        barriers.append(
            {b.key, label, double(b.clients), tr("%1: %2").arg(label, clients(b.clients))});
    }
    m_charts[BarrierChart]->setBars(barriers);

    QVector<DashboardChart::Bar> completion;
    for (const DashboardCounts &c : m_figures.counselors) {
        const double percent = qMax(0.0, c.completionPercent());
        completion.append({c.username, c.displayName, std::round(percent * 10) / 10,
                           c.stepsCounted > 0
                               ? tr("%1: %2 % (%3 of %4 steps done)")
                                     .arg(c.displayName, locale.toString(percent, 'f', 1))
                                     .arg(c.stepsDone)
                                     .arg(c.stepsCounted)
                               : tr("%1: no plan steps").arg(c.displayName)});
    }
    m_charts[CompletionChart]->setBars(completion, 100, QStringLiteral("@value %"), 3);

    QVector<DashboardChart::Bar> months;
    for (const DashboardBar &b : m_figures.intakesByMonth) {
        const QDate month = QDate::fromString(b.key + QStringLiteral("-01"), Qt::ISODate);
        months.append({b.key, locale.toString(month, QStringLiteral("MMM")), double(b.clients),
                       tr("%1: %2").arg(locale.toString(month, QStringLiteral("MMMM yyyy")),
                                        clients(b.clients))});
    }
    m_charts[IntakeChart]->setBars(months);
    if (!m_figures.intakesByMonth.isEmpty()) {
        const auto month = [&](const DashboardBar &b) {
            return locale.toString(QDate::fromString(b.key + QStringLiteral("-01"), Qt::ISODate),
                                   QStringLiteral("MMM yyyy"));
        };
        m_charts[IntakeChart]->chart()->setTitle(tr("New intakes, %1 – %2")
                                                     .arg(month(m_figures.intakesByMonth.first()),
                                                          month(m_figures.intakesByMonth.last())));
    }
}

void DashboardWindow::listCell(const QModelIndex &index)
{
    const auto figure = m_tableModel->figureAt(index);
    if (!figure || m_settingCell)
        return;
    const QString key = m_tableModel->keyAt(index.row());
    if (m_listed == figure && m_listedKey == key && m_listedColumn == index.column())
        return; // a click on the cell that is already listed
    const DashboardCounts *c = m_tableModel->countsAt(index.row());
    const QString who =
        m_tableModel->isTotalRow(index.row()) ? tr("all counselors") : c->displayName;
    showClients(
        *figure, key,
        tr("%1 · %2").arg(DashboardTableModel::figureName(*figure, m_filter.noContactDays), who));
    m_listedColumn = index.column();
    showListedFigure();
}

void DashboardWindow::showClients(Figure figure, const QString &key, const QString &caption)
{
    m_listed = figure;
    m_listedKey = key;
    m_listedCaption = caption;
    m_listedColumn = -1;
    m_listedChart = -1;
    const QVector<qint64> ids = m_snapshot.clientIds(m_filter, figure, key);
    m_listModel->setClients(ids, m_today);
    m_listCaption->setText(tr("<b>%1</b> · %2 · <span style='color:#555'>double-click or Enter "
                              "opens a client</span>")
                               .arg(caption.toHtmlEscaped(), clientsText(int(ids.size()))));
    m_list->setAccessibleDescription(caption);
    // One counselor's clients: their name in every row says nothing.
    const bool oneCounselor = (!key.isEmpty() && figure != Figure::Bracket &&
                               figure != Figure::Barrier && figure != Figure::IntakeMonth) ||
                              !m_filter.counselor.isEmpty() || !m_db.actor().seesAllClients();
    m_list->setColumnHidden(ClientListModel::CounselorColumn, oneCounselor);
    // The first client is where the keyboard starts, not yet chosen (for
    // reassigning, the counselor picks the clients).
    if (!ids.isEmpty())
        m_list->selectionModel()->setCurrentIndex(
            m_listModel->index(0, ClientListModel::NameColumn), QItemSelectionModel::NoUpdate);
}

QVector<qint64> DashboardWindow::listedClients() const
{
    return m_listModel->clientIds();
}

} // namespace pathway
