#include "models/PlanModel.h"

#include <QBrush>
#include <QColor>
#include <QDataStream>
#include <QFont>
#include <QMimeData>

namespace pathway {

namespace {
const QString kMime = QStringLiteral("application/x-pathway-plan-step");
}

PlanModel::PlanModel(QObject *parent) : QAbstractTableModel(parent) {}

void PlanModel::setPlan(const Plan &plan)
{
    beginResetModel();
    m_plan = plan;
    endResetModel();
}

const PlanStep *PlanModel::step(int row) const
{
    return row >= 0 && row < m_plan.steps.size() ? &m_plan.steps[row] : nullptr;
}

int PlanModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_plan.steps.size());
}

int PlanModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QString PlanModel::statusLabel(StepStatus status)
{
    switch (status) {
    case StepStatus::Planned:
        return tr("Planned");
    case StepStatus::InProgress:
        return tr("In progress");
    case StepStatus::Done:
        return tr("Done");
    case StepStatus::Dropped:
        return tr("Dropped");
    }
    return {};
}

QString PlanModel::dueText(const PlanStep &step, const QDate &planStart)
{
    const auto iso = [](const QDate &d) { return d.toString(Qt::ISODate); };
    const QString recurring = recurrenceText(step, planStart, iso);
    return recurring.isEmpty() ? iso(step.dueDate) : recurring;
}

QVariant PlanModel::data(const QModelIndex &index, int role) const
{
    const PlanStep *s = index.isValid() ? step(index.row()) : nullptr;
    if (!s)
        return {};
    if (role == Qt::DisplayRole || role == Qt::ToolTipRole) {
        switch (index.column()) {
        case PhaseColumn:
            // The phase is written on the first step of each run: the list
            // reads as groups.
            if (role == Qt::DisplayRole && index.row() > 0 &&
                m_plan.steps[index.row() - 1].phase == s->phase)
                return QString();
            return toLabel(s->phase);
        case StepColumn:
            return role == Qt::ToolTipRole && !s->description.isEmpty()
                       ? s->title + QStringLiteral("\n\n") + s->description
                       : s->title;
        case StatusColumn:
            return s->statusNote.isEmpty() || role == Qt::DisplayRole
                       ? statusLabel(s->status)
                       : tr("%1: %2").arg(statusLabel(s->status), s->statusNote);
        case DueColumn:
            return role == Qt::DisplayRole && s->repeatEveryWeeks > 0
                       ? repeatText(s->repeatEveryWeeks)
                       : dueText(*s, m_plan.startDate);
        case ReasonColumn:
            return s->reason.isEmpty() && s->strategyId.isEmpty() ? tr("Added by the counselor")
                                                                  : s->reason;
        case SourceColumn:
            return role == Qt::ToolTipRole && !s->sources.isEmpty()
                       ? describeSources(*s) + QLatin1Char('\n') +
                             s->sources.join(QStringLiteral(", "))
                       : describeSources(*s);
        default:
            return {};
        }
    }
    if (role == Qt::FontRole && index.column() == PhaseColumn) {
        QFont bold;
        bold.setBold(true);
        return bold;
    }
    if (role == Qt::ForegroundRole && s->status == StepStatus::Dropped)
        return QBrush(QColor(0x75, 0x75, 0x75));
    return {};
}

QVariant PlanModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case PhaseColumn:
        return tr("Phase");
    case StepColumn:
        return tr("Step");
    case StatusColumn:
        return tr("Status");
    case DueColumn:
        return tr("Due");
    case ReasonColumn:
        return tr("Why");
    case SourceColumn:
        return tr("Source");
    default:
        return {};
    }
}

Qt::ItemFlags PlanModel::flags(const QModelIndex &index) const
{
    if (!index.isValid())
        return Qt::ItemIsDropEnabled;
    return Qt::ItemIsEnabled | Qt::ItemIsSelectable | Qt::ItemIsDragEnabled;
}

Qt::DropActions PlanModel::supportedDropActions() const
{
    return Qt::MoveAction;
}

QStringList PlanModel::mimeTypes() const
{
    return {kMime};
}

QMimeData *PlanModel::mimeData(const QModelIndexList &indexes) const
{
    if (indexes.isEmpty())
        return nullptr;
    auto *data = new QMimeData;
    data->setData(kMime, QByteArray::number(indexes.first().row()));
    return data;
}

bool PlanModel::canDropMimeData(const QMimeData *data, Qt::DropAction action, int, int,
                                const QModelIndex &) const
{
    return data && data->hasFormat(kMime) && action == Qt::MoveAction;
}

bool PlanModel::dropMimeData(const QMimeData *data, Qt::DropAction action, int row, int,
                             const QModelIndex &parent)
{
    if (!canDropMimeData(data, action, row, 0, parent))
        return false;
    bool ok = false;
    const int from = data->data(kMime).toInt(&ok);
    if (!ok || from < 0 || from >= m_plan.steps.size())
        return false;
    // Dropped on a row: take its place; between rows: go there; below all: last.
    int to = row >= 0 ? row : parent.isValid() ? parent.row() : int(m_plan.steps.size());
    if (to > from)
        --to; // the gap the step leaves
    to = qBound(0, to, int(m_plan.steps.size()) - 1);
    if (to != from)
        Q_EMIT moveRequested(from, to);
    // The tab moves the row through the database and reloads; returning
    // false keeps the view from removing the source row itself.
    return false;
}

} // namespace pathway
