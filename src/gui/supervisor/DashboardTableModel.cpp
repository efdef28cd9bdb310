#include "supervisor/DashboardTableModel.h"

#include <QBrush>
#include <QColor>
#include <QFont>
#include <QLocale>

namespace pathway {

using dashboard::Figure;

DashboardTableModel::DashboardTableModel(QObject *parent) : QAbstractTableModel(parent) {}

void DashboardTableModel::setFigures(const DashboardFigures &figures)
{
    bool sameRows = figures.counselors.size() == m_figures.counselors.size();
    for (int i = 0; sameRows && i < figures.counselors.size(); ++i)
        sameRows = figures.counselors[i].username == m_figures.counselors[i].username;
    if (sameRows) {
        // The same counselors: new numbers only, so that the view keeps its
        // current cell and the arrow keys carry on where they were.
        m_figures = figures;
        Q_EMIT dataChanged(index(0, 0), index(rowCount() - 1, ColumnCount - 1));
    } else {
        beginResetModel();
        m_figures = figures;
        endResetModel();
    }
    Q_EMIT headerDataChanged(Qt::Horizontal, 0, ColumnCount - 1); // "No contact N+ days"
}

const DashboardCounts *DashboardTableModel::countsAt(int row) const
{
    if (row >= 0 && row < m_figures.counselors.size())
        return &m_figures.counselors[row];
    return isTotalRow(row) ? &m_figures.agency : nullptr;
}

QString DashboardTableModel::keyAt(int row) const
{
    if (row >= 0 && row < m_figures.counselors.size())
        return m_figures.counselors[row].username;
    return {};
}

int DashboardTableModel::rowOfKey(const QString &key) const
{
    for (int i = 0; i < m_figures.counselors.size(); ++i) {
        if (m_figures.counselors[i].username == key)
            return i;
    }
    return key.isEmpty() ? int(m_figures.counselors.size()) : -1;
}

std::optional<Figure> DashboardTableModel::figureAt(const QModelIndex &index) const
{
    if (!index.isValid() || !countsAt(index.row()))
        return std::nullopt;
    switch (index.column()) {
    case CounselorColumn:
        return Figure::Clients;
    case ActiveColumn:
        return Figure::ActiveClients;
    case ReviewColumn:
        return Figure::AwaitingReview;
    case OverdueStepsColumn:
    case OverdueClientsColumn:
        return Figure::Overdue;
    case NoContactColumn:
        return Figure::NoContact;
    case CompletionColumn:
        return Figure::Completion;
    default:
        return std::nullopt;
    }
}

QString DashboardTableModel::figureName(Figure figure, int noContactDays)
{
    switch (figure) {
    case Figure::Clients:
        return tr("All clients");
    case Figure::ActiveClients:
        return tr("Active clients");
    case Figure::AwaitingReview:
        return tr("Plans awaiting review");
    case Figure::Overdue:
        return tr("Clients with overdue steps");
    case Figure::NoContact:
        return noContactDays == 1 ? tr("No contact today")
                                  : tr("No contact in %1 days").arg(noContactDays);
    case Figure::Completion:
        return tr("Clients with plan steps");
    case Figure::Bracket:
        return tr("Income bracket");
    case Figure::Barrier:
        return tr("Barrier");
    case Figure::IntakeMonth:
        return tr("New intakes");
    }
    return {};
}

int DashboardTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_figures.counselors.size()) + 1;
}

int DashboardTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant DashboardTableModel::data(const QModelIndex &index, int role) const
{
    const DashboardCounts *c = index.isValid() ? countsAt(index.row()) : nullptr;
    if (!c)
        return {};
    const QLocale locale;
    const bool total = isTotalRow(index.row());
    const double completion = c->completionPercent();
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case CounselorColumn:
            return total ? tr("All counselors") : c->displayName;
        case ActiveColumn:
            return locale.toString(c->activeClients);
        case ReviewColumn:
            return locale.toString(c->awaitingReview);
        case OverdueStepsColumn:
            return locale.toString(c->overdueSteps);
        case OverdueClientsColumn:
            return locale.toString(c->overdueClients);
        case NoContactColumn:
            return locale.toString(c->noContact);
        case CompletionColumn:
            return completion < 0 ? tr("–") : tr("%1 %").arg(locale.toString(completion, 'f', 1));
        }
        return {};
    case Qt::ToolTipRole:
        switch (index.column()) {
        case CounselorColumn:
            return total ? tr("Every client matching the filters: %1").arg(c->clients)
                         : tr("%1 (%2): %3 clients match the filters")
                               .arg(c->displayName, c->username)
                               .arg(c->clients);
        case OverdueStepsColumn:
        case OverdueClientsColumn:
            return tr("%1 overdue steps in the current plans of %2 clients")
                .arg(c->overdueSteps)
                .arg(c->overdueClients);
        case CompletionColumn:
            return completion < 0
                       ? tr("No plan steps")
                       : tr("%1 of %2 steps done in the current plans of %3 clients (dropped "
                            "steps not counted)")
                             .arg(c->stepsDone)
                             .arg(c->stepsCounted)
                             .arg(c->clientsWithSteps);
        default:
            return tr("Click, or press Enter, to list these clients");
        }
    case Qt::TextAlignmentRole:
        return index.column() == CounselorColumn ? QVariant(Qt::AlignLeft | Qt::AlignVCenter)
                                                 : QVariant(Qt::AlignRight | Qt::AlignVCenter);
    case Qt::FontRole:
        if (total) {
            QFont bold;
            bold.setBold(true);
            return bold;
        }
        return {};
    case Qt::BackgroundRole:
        return total ? QVariant(QBrush(QColor(0xee, 0xf1, 0xf6))) : QVariant();
    case Qt::ForegroundRole:
        if ((index.column() == OverdueStepsColumn || index.column() == OverdueClientsColumn) &&
            c->overdueSteps > 0)
            return QBrush(QColor(0xb0, 0x00, 0x20));
        return {};
    default:
        return {};
    }
}

QVariant DashboardTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal)
        return QAbstractTableModel::headerData(section, orientation, role);
    if (role == Qt::DisplayRole) {
        switch (section) {
        case CounselorColumn:
            return tr("Counselor");
        case ActiveColumn:
            return tr("Active\nclients");
        case ReviewColumn:
            return tr("Awaiting\nreview");
        case OverdueStepsColumn:
            return tr("Overdue\nsteps");
        case OverdueClientsColumn:
            return tr("Clients\noverdue");
        case NoContactColumn:
            return m_figures.noContactDays == 1
                       ? tr("No contact\ntoday")
                       : tr("No contact\n%1+ days").arg(m_figures.noContactDays);
        case CompletionColumn:
            return tr("Plan\ncompletion");
        }
    }
    if (role == Qt::ToolTipRole) {
        switch (section) {
        case ActiveColumn:
            return tr("Clients whose case is active");
        case ReviewColumn:
            return tr("Current plans the counselor accepted that no supervisor has reviewed yet");
        case OverdueStepsColumn:
            return tr("Planned or in-progress steps of current plans due before today");
        case OverdueClientsColumn:
            return tr("Clients with at least one overdue step");
        case NoContactColumn:
            return tr("Clients without a case note in the last %1 days (today included), or "
                      "with none at all")
                .arg(m_figures.noContactDays);
        case CompletionColumn:
            return tr("Done steps of the current plans, of all steps not dropped");
        default:
            return {};
        }
    }
    return QAbstractTableModel::headerData(section, orientation, role);
}

} // namespace pathway
