#pragma once

#include "pathway/core/Client.h"
#include "pathway/core/Plan.h"

#include <QDate>
#include <QVector>

namespace pathway {

class StrategyEngine;

namespace planning {

// What a new plan version does to the one before it, for the counselor to
// see before accepting it (the app's Regenerate) and for replanning
// (pathway-cli replan).
struct Regeneration
{
    Plan next;                 // the new version to save (not stored yet)
    QVector<PlanStep> added;   // steps the rules now propose that were not there
    QVector<PlanStep> removed; // steps of the current plan that go
    QVector<PlanStep> kept;    // steps in both (progress carried over)
};

// The one carry-over from a plan version to the next, used by the app and
// the command line alike: `proposed` (fresh from the engine) keeps, for each
// step that comes from the same strategy as a step of `previous`, that
// step's status, status note, completion date, title, description and due
// date as they stand (the counselor's edits and the progress made); the
// counselor's own steps of `previous` (no strategy) are appended at the end
// as they are. Steps of `previous` whose strategy no longer applies are
// listed as removed.
Regeneration carryOver(const Plan &previous, Plan proposed);

// Proposes a new plan for `client` from the start date of `current` (or
// `today` when it has none) and carries `current` over (carryOver()).
Regeneration regenerate(const Plan &current, const Client &client, const StrategyEngine &engine,
                        const QDate &today);

} // namespace planning
} // namespace pathway
