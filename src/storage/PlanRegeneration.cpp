#include "pathway/storage/PlanRegeneration.h"

#include "pathway/core/StrategyEngine.h"

#include <QHash>

namespace pathway::planning {

Regeneration regenerate(const Plan &current, const Client &client, const StrategyEngine &engine,
                        const QDate &today)
{
    Regeneration out;
    out.next = engine.propose(client, current.startDate.isValid() ? current.startDate : today);
    QHash<QString, const PlanStep *> before;
    for (const PlanStep &s : current.steps) {
        if (!s.strategyId.isEmpty())
            before.insert(s.strategyId, &s);
    }
    QSet<QString> proposed;
    for (PlanStep &step : out.next.steps) {
        proposed.insert(step.strategyId);
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
    for (const PlanStep &s : current.steps) {
        if (s.strategyId.isEmpty()) {
            out.next.steps.append(s); // the counselor's own step stays
            out.kept.append(s);
        } else if (!proposed.contains(s.strategyId)) {
            out.removed.append(s);
        }
    }
    return out;
}

} // namespace pathway::planning
