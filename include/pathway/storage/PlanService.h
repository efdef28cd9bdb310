#pragma once

#include "pathway/core/PlanRegeneration.h"
#include "pathway/core/Result.h"

#include <QDate>

#include <functional>
#include <optional>

namespace pathway {

class Database;
class StrategyEngine;

namespace planning {

// Makes a new plan version for every client the database's actor may see (or
// only `clientId`: Forbidden when it is another counselor's) with `engine`,
// in one transaction: all are regenerated or none. Records one audit entry
// (Create, "plan") for the run. A new version keeps the start date of the
// version before it (or starts `today`) and everything that
// planning::carryOver keeps: progress and the counselor's edits on steps
// from the same strategy, and the counselor's own steps.
// `progress(done, total)` may return false to cancel (nothing is saved).
// Returns the number of plans made.
Result<qint64> replan(Database &db, const StrategyEngine &engine, const QDate &today,
                      std::optional<qint64> clientId = std::nullopt,
                      const std::function<bool(qint64, qint64)> &progress = {});

// What regenerating client `clientId`'s plan would do, for the counselor to
// confirm (the app's Regenerate): the stored profile proposed afresh, with
// the stored current plan carried over (planning::regenerate, the same rule
// as replan). NotFound or Forbidden as for reading the client; saving
// `next` with PlanRepository::save makes it the new version.
Result<Regeneration> previewRegeneration(Database &db, const StrategyEngine &engine,
                                         qint64 clientId, const QDate &today);

} // namespace planning
} // namespace pathway
