#include "supervisor/ClientListModel.h"

#include "pathway/storage/Supervision.h"

#include <QBrush>
#include <QColor>

namespace pathway {

namespace {
constexpr int kPageSize = 200;
constexpr int kMaxCachedPages = 64;
} // namespace

ClientListModel::ClientListModel(CaseloadRepository &repository, QObject *parent)
    : QAbstractTableModel(parent), m_repository(repository)
{}

void ClientListModel::setClients(const QVector<qint64> &ids, const QDate &today)
{
    beginResetModel();
    m_ids = ids;
    m_today = today;
    m_pages.clear();
    endResetModel();
}

void ClientListModel::refreshRows()
{
    m_pages.clear();
    if (!m_ids.isEmpty())
        Q_EMIT dataChanged(index(0, 0), index(int(m_ids.size()) - 1, ColumnCount - 1));
}

int ClientListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_ids.size());
}

int ClientListModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

const CaseloadRow *ClientListModel::rowAt(int row) const
{
    if (row < 0 || row >= m_ids.size())
        return nullptr;
    const int page = row / kPageSize;
    auto it = m_pages.find(page);
    if (it == m_pages.end()) {
        if (m_pages.size() >= kMaxCachedPages)
            m_pages.clear();
        auto rows = m_repository.rows(m_ids.mid(page * kPageSize, kPageSize), m_today);
        if (!rows) {
            Q_EMIT errorOccurred(rows.error().message);
            return nullptr;
        }
        it = m_pages.insert(page, rows.value());
    }
    // rows() leaves out clients deleted or reassigned since: look by id.
    const int offset = row % kPageSize;
    if (offset < it->size() && it->at(offset).id == m_ids[row])
        return &it->at(offset);
    for (const CaseloadRow &r : *it) {
        if (r.id == m_ids[row])
            return &r;
    }
    return nullptr;
}

QVariant ClientListModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid())
        return {};
    if (role == ClientIdRole)
        return m_ids.value(index.row());
    if (role != Qt::DisplayRole && role != Qt::ToolTipRole && role != Qt::ForegroundRole &&
        role != Qt::TextAlignmentRole)
        return {};
    if (role == Qt::TextAlignmentRole)
        return index.column() == OverdueColumn || index.column() == ProgressColumn
                   ? QVariant(Qt::AlignRight | Qt::AlignVCenter)
                   : QVariant();
    const CaseloadRow *r = rowAt(index.row());
    if (!r)
        return role == Qt::DisplayRole && index.column() == NameColumn
                   ? tr("(client %1 not available)").arg(m_ids.value(index.row()))
                   : QVariant();
    if (role == Qt::ForegroundRole) {
        if (index.column() == OverdueColumn && r->overdueSteps > 0)
            return QBrush(QColor(0xb0, 0x00, 0x20));
        if (index.column() == ReviewColumn && r->review == ReviewStatus::Returned)
            return QBrush(QColor(0xb0, 0x00, 0x20));
        return {};
    }
    switch (index.column()) {
    case NameColumn:
        return QStringLiteral("%1, %2").arg(r->lastName, r->firstName);
    case CounselorColumn:
        if (role == Qt::ToolTipRole)
            return r->counselor;
        return r->counselorName.isEmpty() ? r->counselor : r->counselorName;
    case BracketColumn:
        return toLabel(r->bracket);
    case ProgressColumn:
        if (r->stepsTotal == 0)
            return role == Qt::ToolTipRole ? tr("No plan steps") : QString();
        return role == Qt::ToolTipRole ? tr("%1 of %2 steps done (dropped steps not counted)")
                                             .arg(r->stepsDone)
                                             .arg(r->stepsTotal)
                                       : tr("%1/%2").arg(r->stepsDone).arg(r->stepsTotal);
    case OverdueColumn:
        if (role == Qt::ToolTipRole)
            return r->nextDueDate.isValid()
                       ? tr("Next due: %1 · %2")
                             .arg(r->nextDueDate.toString(Qt::ISODate), r->nextDueTitle)
                       : QString();
        return r->overdueSteps > 0 ? QString::number(r->overdueSteps) : QString();
    case LastContactColumn:
        return r->lastContact.isValid()
                   ? r->lastContact.toLocalTime().date().toString(Qt::ISODate)
                   : (role == Qt::ToolTipRole ? tr("No case note yet") : tr("never"));
    case ReviewColumn:
        // A plan that is still a proposal says so; no plan, nothing.
        return r->review == ReviewStatus::None && r->stepsTotal == 0 ? QString()
                                                                     : reviewStatusLabel(r->review);
    default:
        return {};
    }
}

QVariant ClientListModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case NameColumn:
        return tr("Name");
    case CounselorColumn:
        return tr("Counselor");
    case BracketColumn:
        return tr("Bracket");
    case ProgressColumn:
        return tr("Progress");
    case OverdueColumn:
        return tr("Overdue");
    case LastContactColumn:
        return tr("Last contact");
    case ReviewColumn:
        return tr("Plan review");
    default:
        return {};
    }
}

} // namespace pathway
