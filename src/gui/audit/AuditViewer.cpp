#include "audit/AuditViewer.h"
#include "WindowGeometry.h"

#include "ErrorDialog.h"
#include "Settings.h"
#include "pathway/storage/Accounts.h"
#include "pathway/storage/Database.h"

#include <QAction>
#include <QCloseEvent>
#include <QComboBox>
#include <QDateEdit>
#include <QGridLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPushButton>
#include <QRegularExpressionValidator>
#include <QTableWidget>
#include <QTimer>
#include <QVBoxLayout>

namespace pathway {

namespace {
// The earliest date the date fields offer; shown as "Any".
const QDate kAnyDate(2000, 1, 1);

// The kinds of record the trail names, stored code and label.
QVector<std::pair<QString, QString>> entities()
{
    return {{QStringLiteral("client"), QObject::tr("Client")},
            {QStringLiteral("plan"), QObject::tr("Plan")},
            {QStringLiteral("note"), QObject::tr("Case note")},
            {QStringLiteral("draft"), QObject::tr("Intake draft")},
            {QStringLiteral("user"), QObject::tr("User")},
            {QStringLiteral("settings"), QObject::tr("Settings")},
            {QStringLiteral("session"), QObject::tr("Session")}};
}

QString entityLabel(const QString &code)
{
    for (const auto &[c, label] : entities()) {
        if (c == code)
            return label;
    }
    return code; // a kind this version does not know: shown as stored
}

QDateEdit *makeDateEdit(QWidget *parent, const QString &name, const QString &accessible)
{
    auto *edit = new QDateEdit(parent);
    edit->setObjectName(name);
    edit->setAccessibleName(accessible);
    edit->setCalendarPopup(true);
    edit->setDisplayFormat(QStringLiteral("yyyy-MM-dd"));
    edit->setMinimumDate(kAnyDate);
    edit->setSpecialValueText(QObject::tr("Any"));
    edit->setDate(kAnyDate);
    return edit;
}
} // namespace

AuditViewer::AuditViewer(Database &db, QWidget *parent) : QWidget(parent), m_db(db)
{
    setObjectName(QStringLiteral("auditViewer"));
    setWindowTitle(tr("Audit trail"));
    setWindowFlag(Qt::Window);
    setAttribute(Qt::WA_DeleteOnClose);

    m_user = new QComboBox(this);
    m_user->setObjectName(QStringLiteral("userComboBox"));
    m_user->setAccessibleName(tr("User"));
    m_user->setEditable(true);
    m_user->setInsertPolicy(QComboBox::NoInsert);
    m_user->lineEdit()->setPlaceholderText(tr("Any user"));
    m_user->addItem(QString());
    if (auto names = UserNames::load(db))
        m_names = names.value();
    // Shown as people know them; a name typed by hand (a failed sign-in's)
    // is looked for as typed.
    if (auto users = accounts::users(db)) {
        for (const User &u : users.value())
            m_user->addItem(displayLabel(u, NameForm::WithUserName), u.username);
    }
    m_user->setCurrentIndex(0);

    m_action = new QComboBox(this);
    m_action->setObjectName(QStringLiteral("actionComboBox"));
    m_action->setAccessibleName(tr("Action"));
    m_action->addItem(tr("Any action"), QString());
    for (AuditAction a : allAuditActions())
        m_action->addItem(auditActionLabel(a), auditActionCode(a));

    m_entity = new QComboBox(this);
    m_entity->setObjectName(QStringLiteral("entityComboBox"));
    m_entity->setAccessibleName(tr("Kind of record"));
    m_entity->addItem(tr("Any record"), QString());
    for (const auto &[code, label] : entities())
        m_entity->addItem(label, code);

    m_record = new QLineEdit(this);
    m_record->setObjectName(QStringLiteral("recordIdLineEdit"));
    m_record->setAccessibleName(tr("Record id"));
    m_record->setPlaceholderText(tr("Any"));
    m_record->setValidator(
        new QRegularExpressionValidator(QRegularExpression(QStringLiteral("\\d{0,18}")), this));
    m_record->setClearButtonEnabled(true);
    m_record->setMaximumWidth(120);
    m_record->setToolTip(tr("The number of one record of the kind chosen"));
    m_client = new QLineEdit(this);
    m_client->setObjectName(QStringLiteral("clientIdLineEdit"));
    m_client->setAccessibleName(tr("Client id"));
    m_client->setPlaceholderText(tr("Any"));
    m_client->setValidator(
        new QRegularExpressionValidator(QRegularExpression(QStringLiteral("\\d{0,18}")), this));
    m_client->setClearButtonEnabled(true);
    m_client->setMaximumWidth(120);
    m_client->setToolTip(tr("Everything about one client (the ID column of the caseload): "
                            "views, changes, prints, case notes, plans and reviews"));
    m_from = makeDateEdit(this, QStringLiteral("fromDateEdit"), tr("From date"));
    m_to = makeDateEdit(this, QStringLiteral("toDateEdit"), tr("To date"));

    auto *refresh = new QPushButton(tr("&Refresh"), this);
    refresh->setObjectName(QStringLiteral("refreshPushButton"));
    refresh->setShortcut(QKeySequence::Refresh);
    auto *clear = new QPushButton(tr("C&lear filter"), this);
    clear->setObjectName(QStringLiteral("clearFilterPushButton"));

    auto *filters = new QGridLayout;
    auto addField = [&](int column, const QString &label, QWidget *field) {
        auto *l = new QLabel(label, this);
        l->setBuddy(field);
        field->setMaximumWidth(260); // on a wide screen the table gets the room
        filters->addWidget(l, 0, column);
        filters->addWidget(field, 1, column);
    };
    addField(0, tr("&User:"), m_user);
    addField(1, tr("&Action:"), m_action);
    addField(2, tr("&Kind of record:"), m_entity);
    addField(3, tr("Record &id:"), m_record);
    addField(4, tr("&Client id:"), m_client);
    addField(5, tr("&From:"), m_from);
    addField(6, tr("&To:"), m_to);
    filters->addWidget(clear, 1, 7);
    filters->addWidget(refresh, 1, 8);
    filters->setColumnStretch(0, 2);
    filters->setColumnStretch(1, 2);
    filters->setColumnStretch(2, 2);
    filters->setColumnStretch(9, 1);

    m_table = new QTableWidget(0, ColumnCount, this);
    m_table->setObjectName(QStringLiteral("auditTableWidget"));
    m_table->setAccessibleName(tr("Audit trail"));
    m_table->setHorizontalHeaderLabels(
        {tr("When"), tr("User"), tr("Action"), tr("Record"), tr("Id"), tr("Client"), tr("Detail")});
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setAlternatingRowColors(true);
    m_table->setWordWrap(false);
    m_table->verticalHeader()->hide();
    m_table->verticalHeader()->setDefaultSectionSize(m_table->fontMetrics().height() + 8);
    m_table->horizontalHeader()->setSectionResizeMode(DetailColumn, QHeaderView::Stretch);
    m_table->setColumnWidth(WhenColumn, 150);
    m_table->setColumnWidth(UserColumn, 190);
    m_table->setColumnWidth(ActionColumn, 130);
    m_table->setColumnWidth(EntityColumn, 100);
    m_table->setColumnWidth(RecordColumn, 64);
    m_table->setColumnWidth(ClientColumn, 64);
    m_table->horizontalHeaderItem(ClientColumn)
        ->setToolTip(tr("The client the entry is about: the client itself, or the client of "
                        "the case note or plan"));

    m_count = new QLabel(this);
    m_count->setObjectName(QStringLiteral("countLabel"));

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(filters);
    layout->addWidget(m_table, 1);
    layout->addWidget(m_count);

    auto *close = new QAction(this);
    close->setShortcut(QKeySequence::Close);
    connect(close, &QAction::triggered, this, &QWidget::close);
    addAction(close);

    // Typing fires one query per pause.
    m_delay = new QTimer(this);
    m_delay->setSingleShot(true);
    m_delay->setInterval(200);
    connect(m_delay, &QTimer::timeout, this, &AuditViewer::reload);
    connect(m_user, &QComboBox::currentTextChanged, m_delay, qOverload<>(&QTimer::start));
    connect(m_record, &QLineEdit::textChanged, m_delay, qOverload<>(&QTimer::start));
    connect(m_client, &QLineEdit::textChanged, m_delay, qOverload<>(&QTimer::start));
    for (QComboBox *box : {m_action, m_entity})
        connect(box, &QComboBox::currentIndexChanged, this, &AuditViewer::reload);
    for (QDateEdit *edit : {m_from, m_to})
        connect(edit, &QDateEdit::dateChanged, m_delay, qOverload<>(&QTimer::start));
    connect(refresh, &QPushButton::clicked, this, &AuditViewer::reload);
    connect(clear, &QPushButton::clicked, this, [this] { showClient(0); });

    windowGeometry::place(this, Settings().auditViewerGeometry(), QSizeF(0.85, 0.85),
                          QSize(1000, 560));
    reload();
}

void AuditViewer::showClient(qint64 clientId)
{
    {
        const QSignalBlocker blocks[] = {QSignalBlocker(m_user),   QSignalBlocker(m_action),
                                         QSignalBlocker(m_entity), QSignalBlocker(m_record),
                                         QSignalBlocker(m_client), QSignalBlocker(m_from),
                                         QSignalBlocker(m_to)};
        m_user->setCurrentIndex(0);
        m_user->setEditText(QString());
        m_action->setCurrentIndex(0);
        m_entity->setCurrentIndex(0);
        m_record->clear();
        m_client->setText(clientId > 0 ? QString::number(clientId) : QString());
        m_from->setDate(kAnyDate);
        m_to->setDate(kAnyDate);
    }
    reload();
}

AuditFilter AuditViewer::filter() const
{
    AuditFilter f;
    // A user chosen from the list is looked for by user name; typed text as typed.
    const QString typed = m_user->currentText().trimmed();
    const int listed = m_user->findText(typed);
    f.username = listed > 0 ? m_user->itemData(listed).toString() : typed;
    if (const QString code = m_action->currentData().toString(); !code.isEmpty())
        f.action = auditActionFromCode(code);
    f.entity = m_entity->currentData().toString();
    if (!m_record->text().isEmpty())
        f.recordId = m_record->text().toLongLong();
    if (!m_client->text().isEmpty())
        f.clientId = m_client->text().toLongLong();
    if (m_from->date() != kAnyDate)
        f.from = m_from->date();
    if (m_to->date() != kAnyDate)
        f.to = m_to->date();
    return f;
}

bool AuditViewer::reload()
{
    m_delay->stop();
    const AuditFilter f = filter();
    if (f.from.isValid() && f.to.isValid() && f.from > f.to) {
        m_entries.clear();
        m_table->setRowCount(0);
        m_count->setText(tr("The From date is after the To date."));
        return true;
    }
    auto entries = audit::list(m_db, f);
    if (!entries) {
        m_entries.clear();
        m_table->setRowCount(0);
        m_count->setText(entries.error().message);
        ErrorDialog::show(this, tr("read the audit trail"), entries.error());
        return false;
    }
    m_entries = entries.value();
    m_table->setRowCount(int(m_entries.size()));
    for (int row = 0; row < m_entries.size(); ++row) {
        const AuditEntry &e = m_entries[row];
        const QString cells[] = {e.at.toLocalTime().toString(QStringLiteral("yyyy-MM-dd HH:mm:ss")),
                                 m_names.label(e.username, NameForm::WithUserName),
                                 auditActionLabel(e.action),
                                 entityLabel(e.entity),
                                 e.recordId > 0 ? QString::number(e.recordId) : QString(),
                                 e.clientId > 0 ? QString::number(e.clientId) : QString(),
                                 e.detail};
        for (int column = 0; column < ColumnCount; ++column) {
            auto *item = new QTableWidgetItem(cells[column]);
            if (column == DetailColumn)
                item->setToolTip(e.detail);
            if (column == UserColumn)
                item->setToolTip(e.username);
            if (column == RecordColumn || column == ClientColumn)
                item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
            m_table->setItem(row, column, item);
        }
    }
    const QLocale locale;
    m_count->setText(m_entries.size() >= f.limit
                         ? tr("The newest %1 entries; narrow the filter to see older ones.")
                               .arg(locale.toString(f.limit))
                     : m_entries.size() == 1
                         ? tr("1 entry")
                         : tr("%1 entries, newest first").arg(locale.toString(m_entries.size())));
    return true;
}

void AuditViewer::closeEvent(QCloseEvent *event)
{
    Settings().setAuditViewerGeometry(saveGeometry());
    event->accept();
}

} // namespace pathway
