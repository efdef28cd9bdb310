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
// only `clientId`: Forbidden when it is another counselor's) with `engine`.
// Everyone's is done in batches of about 100 ms, each its own transaction
// with one audit entry (Create, "plan", "replan: N new versions"), so that
// another program's write waits at most about that long. A new version keeps
// the start date of the version before it (or starts `today`) and everything
// that planning::carryOver keeps: progress and the counselor's edits on steps
// from the same strategy, and the counselor's own steps.
// `progress(done, total)` is called after each batch and may return false to
// stop there. A run stopped that way, or killed, leaves the clients of the
// committed batches with their new plans (a batch is all or nothing); the
// next run by the same user with the same rules on the same `today` goes on
// from the first client not done (database_settings "replan_resume"), so
// nobody gets two new versions. Returns the number of plans made by this
// call. `batchMs` is how long one batch may take (kReplanBatchMs); a batch
// always holds at least one chunk of 64 clients, so 0 gives batches of
// exactly 64 (tests that need to stop between batches use it).
inline constexpr qint64 kReplanBatchMs = 100;
Result<qint64> replan(Database &db, const StrategyEngine &engine, const QDate &today,
                      std::optional<qint64> clientId = std::nullopt,
                      const std::function<bool(qint64, qint64)> &progress = {},
                      qint64 batchMs = kReplanBatchMs);

// What regenerating client `clientId`'s plan would do, for the counselor to
// confirm (the app's Regenerate): the stored profile proposed afresh, with
// the stored current plan carried over (planning::regenerate, the same rule
// as replan). NotFound or Forbidden as for reading the client; saving
// `next` with PlanRepository::save makes it the new version.
Result<Regeneration> previewRegeneration(Database &db, const StrategyEngine &engine,
                                         qint64 clientId, const QDate &today);

} // namespace planning
} // namespace pathway
