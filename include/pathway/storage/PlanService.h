#pragma once

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
// (Create, "plan") for the run. A new version
// keeps the start date of the version before it (or starts `today`) and the
// progress already made on steps that come from the same strategy.
// `progress(done, total)` may return false to cancel (nothing is saved).
// Returns the number of plans made.
Result<qint64> replan(Database &db, const StrategyEngine &engine, const QDate &today,
                      std::optional<qint64> clientId = std::nullopt,
                      const std::function<bool(qint64, qint64)> &progress = {});

} // namespace planning
} // namespace pathway
