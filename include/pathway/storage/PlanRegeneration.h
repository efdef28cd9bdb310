#pragma once

#include "pathway/core/Client.h"
#include "pathway/core/Plan.h"

#include <QDate>
#include <QVector>

namespace pathway {

class StrategyEngine;

namespace planning {

// What regenerating a client's plan after a profile change would do, for
// the counselor to see before accepting it.
struct Regeneration
{
    Plan next;                 // the new version to save (not stored yet)
    QVector<PlanStep> added;   // steps the rules now propose that were not there
    QVector<PlanStep> removed; // steps of the current plan that go
    QVector<PlanStep> kept;    // steps in both (progress carried over)
};

// Proposes a new plan for `client` from the start date of `current` (or
// `today` when it has none), keeping the status, note and completion date
// of steps from the same strategy, the counselor's own steps (appended at
// the end) and the text and due date a counselor gave a kept step.
Regeneration regenerate(const Plan &current, const Client &client, const StrategyEngine &engine,
                        const QDate &today);

} // namespace planning
} // namespace pathway
