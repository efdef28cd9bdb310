#include "models/CaseloadModel.h"

#include <QBrush>
#include <QColor>

namespace pathway {

CaseloadModel::CaseloadModel(CaseloadRepository &repository, QObject *parent)
    : QAbstractTableModel(parent), m_repository(repository), m_rows(repository)
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
    m_rows.reset(std::move(ids.value()));
    endResetModel();
    return true;
}

void CaseloadModel::setUserNames(UserNames names)
{
    m_names = std::move(names);
    if (m_rows.size() > 0)
        Q_EMIT dataChanged(index(0, CounselorColumn), index(m_rows.size() - 1, CounselorColumn));
}

void CaseloadModel::refreshRows()
{
    m_rows.clearCache();
    if (m_rows.size() > 0)
        Q_EMIT dataChanged(index(0, 0), index(m_rows.size() - 1, ColumnCount - 1));
}

int CaseloadModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : m_rows.size();
}

int CaseloadModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

const CaseloadRow *CaseloadModel::rowAt(int row) const
{
    QString error;
    const CaseloadRow *r = m_rows.rowAt(row, error);
    if (!error.isEmpty())
        Q_EMIT errorOccurred(error);
    return r;
}

QVariant CaseloadModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid())
        return {};
    if (role == ClientIdRole)
        return m_rows.ids().value(index.row());
    if (role == Qt::TextAlignmentRole)
        return index.column() == IdColumn ? QVariant(Qt::AlignRight | Qt::AlignVCenter)
                                          : QVariant();
    if (role != Qt::DisplayRole && role != Qt::ToolTipRole && role != Qt::ForegroundRole &&
        role != CounselorUserRole)
        return {};
    const CaseloadRow *r = rowAt(index.row());
    if (!r)
        return {};
    if (role == CounselorUserRole)
        return r->counselor;
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
        if (r->counselor.isEmpty())
            return role == Qt::ToolTipRole ? tr("No counselor") : QString();
        // The name people know; the user name in the tooltip (and in the
        // cell when two counselors share a name).
        return role == Qt::ToolTipRole      ? m_names.label(r->counselor, NameForm::WithUserName)
               : m_names.find(r->counselor) ? m_names.label(r->counselor)
                                            : displayLabel(r->counselorName, r->counselor);
    case StatusColumn:
        return toLabel(r->status);
    case IdColumn:
        return role == Qt::ToolTipRole
                   ? tr("Client %1: the number the audit trail and pathway-cli use").arg(r->id)
                   : QVariant(r->id);
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
    case IdColumn:
        return tr("ID");
    default:
        return {};
    }
}

} // namespace pathway
