#include "models/CaseloadModel.h"

#include <QBrush>
#include <QColor>

namespace pathway {

namespace {
constexpr int kPageSize = 200;
constexpr int kMaxCachedPages = 64;
} // namespace

CaseloadModel::CaseloadModel(CaseloadRepository &repository, QObject *parent)
    : QAbstractTableModel(parent), m_repository(repository)
{}

bool CaseloadModel::setFilter(const CaseloadFilter &filter)
{
    auto ids = m_repository.matchingIds(filter);
    if (!ids) {
        m_lastError = ids.error().message;
        Q_EMIT errorOccurred(m_lastError);
        return false;
    }
    beginResetModel();
    m_filter = filter;
    m_ids = std::move(ids.value());
    m_pages.clear();
    endResetModel();
    return true;
}

void CaseloadModel::refreshRows()
{
    m_pages.clear();
    if (!m_ids.isEmpty())
        Q_EMIT dataChanged(index(0, 0), index(int(m_ids.size()) - 1, ColumnCount - 1));
}

int CaseloadModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_ids.size());
}

int CaseloadModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

const CaseloadRow *CaseloadModel::rowAt(int row) const
{
    if (row < 0 || row >= m_ids.size())
        return nullptr;
    const int page = row / kPageSize;
    auto it = m_pages.find(page);
    if (it == m_pages.end()) {
        if (m_pages.size() >= kMaxCachedPages)
            m_pages.clear();
        const QVector<qint64> ids = m_ids.mid(page * kPageSize, kPageSize);
        auto rows = m_repository.rows(ids);
        if (!rows) {
            Q_EMIT errorOccurred(rows.error().message);
            return nullptr;
        }
        it = m_pages.insert(page, rows.value());
    }
    const int offset = row % kPageSize;
    // A client deleted since the ids were read leaves its page short.
    if (offset >= it->size() || it->at(offset).id != m_ids[row])
        return nullptr;
    return &it->at(offset);
}

QVariant CaseloadModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid())
        return {};
    if (role == ClientIdRole)
        return m_ids.value(index.row());
    if (role != Qt::DisplayRole && role != Qt::ToolTipRole && role != Qt::ForegroundRole)
        return {};
    const CaseloadRow *r = rowAt(index.row());
    if (!r)
        return {};
    const bool overdue = r->nextDueDate.isValid() && r->nextDueDate < QDate::currentDate();
    if (role == Qt::ForegroundRole) {
        if (index.column() == NextDueColumn && overdue)
            return QBrush(QColor(0xb0, 0x00, 0x20));
        return {};
    }
    switch (index.column()) {
    case NameColumn:
        return QStringLiteral("%1, %2").arg(r->lastName, r->firstName);
    case BracketColumn:
        return toLabel(r->bracket);
    case BarriersColumn: {
        QStringList labels;
        for (int i = 0; i < r->topBarriers.size() && (role == Qt::ToolTipRole || i < 3); ++i)
            labels << toLabel(r->topBarriers[i]);
        return labels.join(QStringLiteral(", "));
    }
    case ProgressColumn:
        if (r->stepsTotal == 0)
            return role == Qt::ToolTipRole ? tr("No plan yet") : QString();
        return role == Qt::ToolTipRole ? tr("%1 of %2 steps done (dropped steps not counted)")
                                             .arg(r->stepsDone)
                                             .arg(r->stepsTotal)
                                       : tr("%1/%2").arg(r->stepsDone).arg(r->stepsTotal);
    case NextDueColumn:
        if (!r->nextDueDate.isValid())
            return QString();
        return role == Qt::ToolTipRole
                   ? (overdue ? tr("Overdue: %1") : QStringLiteral("%1")).arg(r->nextDueTitle)
                   : tr("%1 · %2").arg(r->nextDueDate.toString(Qt::ISODate), r->nextDueTitle);
    case LastContactColumn:
        return r->lastContact.isValid() ? r->lastContact.toLocalTime().date().toString(Qt::ISODate)
                                        : QString();
    case CounselorColumn:
        return r->counselor;
    case StatusColumn:
        return toLabel(r->status);
    default:
        return {};
    }
}

QVariant CaseloadModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case NameColumn:
        return tr("Name");
    case BracketColumn:
        return tr("Income bracket");
    case BarriersColumn:
        return tr("Top barriers");
    case ProgressColumn:
        return tr("Progress");
    case NextDueColumn:
        return tr("Next due step");
    case LastContactColumn:
        return tr("Last contact");
    case CounselorColumn:
        return tr("Counselor");
    case StatusColumn:
        return tr("Status");
    default:
        return {};
    }
}

} // namespace pathway
