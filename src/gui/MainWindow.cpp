#include "MainWindow.h"

#include "models/CaseloadModel.h"
#include "pathway/storage/CaseloadRepository.h"
#include "pathway/storage/Database.h"

#include <QAction>
#include <QApplication>
#include <QCloseEvent>
#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QMenuBar>
#include <QMessageBox>
#include <QSettings>
#include <QStatusBar>
#include <QTableView>
#include <QTimer>
#include <QToolBar>
#include <QVBoxLayout>

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

MainWindow::MainWindow(Database &db, QWidget *parent)
    : QMainWindow(parent), m_db(db), m_repository(std::make_unique<CaseloadRepository>(db))
{
    setWindowTitle(tr("Pathway — Caseload"));
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
    m_table->setAlternatingRowColors(true);
    m_table->verticalHeader()->hide();
    m_table->verticalHeader()->setDefaultSectionSize(m_table->fontMetrics().height() + 10);
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->setColumnWidth(CaseloadModel::NameColumn, 240);
    m_table->setColumnWidth(CaseloadModel::BracketColumn, 130);
    m_table->setColumnWidth(CaseloadModel::BarriersColumn, 330);
    m_table->setColumnWidth(CaseloadModel::CounselorColumn, 110);
    m_table->setAccessibleName(tr("Caseload"));
    layout->addWidget(m_table, 1);
    setCentralWidget(central);

    m_count = new QLabel(this);
    statusBar()->addPermanentWidget(m_count);
    statusBar()->showMessage(tr("Database: %1").arg(db.path()));

    // Typing fires one query per pause, not per key.
    m_searchDelay = new QTimer(this);
    m_searchDelay->setSingleShot(true);
    m_searchDelay->setInterval(120);
    connect(m_searchDelay, &QTimer::timeout, this, &MainWindow::applyFilter);
    connect(m_search, &QLineEdit::textChanged, m_searchDelay, qOverload<>(&QTimer::start));
    for (QComboBox *box : {m_status, m_bracket, m_barrier})
        connect(box, &QComboBox::currentIndexChanged, this, &MainWindow::applyFilter);
    connect(m_model, &CaseloadModel::errorOccurred, this,
            [this](const QString &message) { statusBar()->showMessage(message); });

    buildActions();

    QSettings settings;
    if (!restoreGeometry(settings.value(QStringLiteral("mainWindow/geometry")).toByteArray()))
        resize(1200, 720);
    m_table->horizontalHeader()->restoreState(
        settings.value(QStringLiteral("mainWindow/caseloadColumns")).toByteArray());

    applyFilter();
}

MainWindow::~MainWindow() = default;

void MainWindow::buildActions()
{
    QMenu *file = menuBar()->addMenu(tr("&File"));
    QAction *quit = file->addAction(tr("&Quit"), this, &QWidget::close);
    quit->setShortcut(QKeySequence::Quit);

    QMenu *edit = menuBar()->addMenu(tr("&Edit"));
    QAction *find = edit->addAction(tr("&Find Client…"), this, [this] {
        m_search->setFocus(Qt::ShortcutFocusReason);
        m_search->selectAll();
    });
    find->setShortcut(QKeySequence::Find);

    QMenu *view = menuBar()->addMenu(tr("&View"));
    QAction *refresh = view->addAction(tr("&Refresh"), this, [this] {
        m_model->reload();
        updateStatus();
    });
    refresh->setShortcut(QKeySequence::Refresh);

    QMenu *help = menuBar()->addMenu(tr("&Help"));
    help->addAction(tr("&About Pathway"), this, [this] {
        QMessageBox::about(
            this, tr("About Pathway"),
            tr("<b>Pathway</b> %1<br>Career plans for counselors and their clients.<br>"
               "Database: %2")
                .arg(QApplication::applicationVersion(), m_db.path().toHtmlEscaped()));
    });

    QToolBar *bar = addToolBar(tr("Main"));
    bar->setObjectName(QStringLiteral("mainToolBar"));
    bar->addAction(find);
    bar->addAction(refresh);
}

void MainWindow::applyFilter()
{
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
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    QSettings settings;
    settings.setValue(QStringLiteral("mainWindow/geometry"), saveGeometry());
    settings.setValue(QStringLiteral("mainWindow/caseloadColumns"),
                      m_table->horizontalHeader()->saveState());
    event->accept();
}

} // namespace pathway
