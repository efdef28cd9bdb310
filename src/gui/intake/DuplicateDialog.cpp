#include "intake/DuplicateDialog.h"

#include <QDialogButtonBox>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QTableWidget>
#include <QVBoxLayout>

namespace pathway {

DuplicateDialog::DuplicateDialog(const QVector<PossibleDuplicate> &matches, QWidget *parent)
    : QDialog(parent), m_matches(matches)
{
    setObjectName(QStringLiteral("duplicateDialog"));
    setWindowTitle(tr("Possible duplicate"));
    auto *intro = new QLabel(tr("%n clients already in Pathway may be the same person. Check "
                                "with the client before you go on.",
                                nullptr, int(matches.size())),
                             this);
    intro->setWordWrap(true);

    m_table = new QTableWidget(int(matches.size()), 6, this);
    m_table->setObjectName(QStringLiteral("duplicatesTableWidget"));
    m_table->setAccessibleName(tr("Possible duplicates"));
    m_table->setHorizontalHeaderLabels(
        {tr("Name"), tr("Date of birth"), tr("Email"), tr("Phone"), tr("Counselor"), tr("Why")});
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setStretchLastSection(true);
    for (int r = 0; r < matches.size(); ++r) {
        const PossibleDuplicate &d = matches[r];
        // Another counselor's client: who holds the record, not who it is.
        const QStringList cells = {
            d.hidden ? tr("Held by another counselor (%1)")
                           .arg(d.counselorName.isEmpty() ? d.counselor : d.counselorName)
                     : d.lastName + QStringLiteral(", ") + d.firstName,
            d.dateOfBirth.toString(Qt::ISODate),
            d.email,
            d.phone,
            d.counselor,
            d.reasons.join(QStringLiteral(", "))};
        for (int c = 0; c < cells.size(); ++c)
            m_table->setItem(r, c, new QTableWidgetItem(cells[c]));
    }
    m_table->resizeColumnsToContents();
    m_table->selectRow(0);

    auto *buttons = new QDialogButtonBox(this);
    auto *open = buttons->addButton(tr("&Open existing client"), QDialogButtonBox::AcceptRole);
    open->setObjectName(QStringLiteral("openExistingPushButton"));
    auto *create = buttons->addButton(tr("&Continue as a new client"), QDialogButtonBox::ApplyRole);
    create->setObjectName(QStringLiteral("createNewPushButton"));
    auto *back = buttons->addButton(tr("Go &back"), QDialogButtonBox::RejectRole);
    back->setObjectName(QStringLiteral("goBackPushButton"));
    back->setDefault(true);
    connect(open, &QPushButton::clicked, this, [this] {
        m_choice = OpenExisting;
        accept();
    });
    connect(create, &QPushButton::clicked, this, [this] {
        m_choice = CreateNew;
        accept();
    });
    connect(back, &QPushButton::clicked, this, &QDialog::reject);
    connect(m_table, &QTableWidget::cellDoubleClicked, open, &QPushButton::click);
    // A record held by another counselor cannot be opened (ask a supervisor).
    const auto allowOpen = [this, open](int row) {
        open->setEnabled(row >= 0 && row < m_matches.size() && !m_matches[row].hidden);
    };
    connect(m_table, &QTableWidget::currentCellChanged, this,
            [allowOpen](int row, int, int, int) { allowOpen(row); });
    allowOpen(m_table->currentRow());

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addWidget(m_table, 1);
    layout->addWidget(buttons);
    resize(900, 320);
}

qint64 DuplicateDialog::selectedId() const
{
    const int row = m_table->currentRow();
    return row >= 0 && row < m_matches.size() ? m_matches[row].id : 0;
}

} // namespace pathway
