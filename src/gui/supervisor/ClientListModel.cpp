#include "supervisor/ClientListModel.h"

#include "pathway/core/User.h"
#include "pathway/storage/Supervision.h"

#include <QBrush>
#include <QColor>

namespace pathway {

ClientListModel::ClientListModel(CaseloadRepository &repository, QObject *parent)
    : QAbstractTableModel(parent), m_rows(repository)
{}

void ClientListModel::setClients(const QVector<qint64> &ids, const QDate &today)
{
    beginResetModel();
    m_rows.reset(ids, today);
    endResetModel();
}

void ClientListModel::refreshRows()
{
    m_rows.clearCache();
    if (m_rows.size() > 0)
        Q_EMIT dataChanged(index(0, 0), index(m_rows.size() - 1, ColumnCount - 1));
}

QString ClientListModel::counselorOf(qint64 clientId) const
{
    const int row = int(m_rows.ids().indexOf(clientId));
    const CaseloadRow *r = row < 0 ? nullptr : rowAt(row);
    return r ? r->counselor : QString();
}

int ClientListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : m_rows.size();
}

int ClientListModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

const CaseloadRow *ClientListModel::rowAt(int row) const
{
    QString error;
    const CaseloadRow *r = m_rows.rowAt(row, error);
    if (!error.isEmpty())
        Q_EMIT errorOccurred(error);
    return r;
}

QVariant ClientListModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid())
        return {};
    if (role == ClientIdRole)
        return m_rows.ids().value(index.row());
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
                   ? tr("(client %1 not available)").arg(m_rows.ids().value(index.row()))
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
        if (r->counselor.isEmpty())
            return role == Qt::ToolTipRole ? tr("No counselor") : QString();
        return displayLabel(r->counselorName, r->counselor,
                            role == Qt::ToolTipRole ? NameForm::WithUserName : NameForm::Name);
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
