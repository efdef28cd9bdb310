#include "pathway/core/PlanRegeneration.h"

#include "pathway/core/StrategyEngine.h"

#include <QHash>
#include <QSet>

namespace pathway::planning {

Regeneration carryOver(const Plan &previous, Plan proposed)
{
    Regeneration out;
    out.next = std::move(proposed);
    QHash<QString, const PlanStep *> before;
    for (const PlanStep &s : previous.steps) {
        if (!s.strategyId.isEmpty())
            before.insert(s.strategyId, &s);
    }
    QSet<QString> proposedIds;
    for (PlanStep &step : out.next.steps) {
        proposedIds.insert(step.strategyId);
        const PlanStep *old = before.value(step.strategyId);
        if (!old) {
            out.added.append(step);
            continue;
        }
        step.status = old->status;
        step.statusNote = old->statusNote;
        step.completedOn = old->completedOn;
        step.title = old->title;
        step.description = old->description;
        step.dueDate = old->dueDate;
        out.kept.append(step);
    }
    for (const PlanStep &s : previous.steps) {
        if (s.strategyId.isEmpty()) {
            out.next.steps.append(s); // the counselor's own step stays
            out.kept.append(s);
        } else if (!proposedIds.contains(s.strategyId)) {
            out.removed.append(s);
        }
    }
    return out;
}

Regeneration regenerate(const Plan &current, const Client &client, const StrategyEngine &engine,
                        const QDate &today)
{
    return carryOver(
        current, engine.propose(client, current.startDate.isValid() ? current.startDate : today));
}

} // namespace pathway::planning
