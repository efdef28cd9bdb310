#pragma once

#include "pathway/core/Result.h"

#include <QDate>

#include <cstdint>
#include <functional>

namespace pathway {

class Database;
class StrategyEngine;

// Adds the demo users and `count` demo clients (DemoGenerator), each with a
// stored plan whose steps show the progress of a real caseload on `today`,
// all in one transaction. `progress(done)` may return false to cancel.
Status addDemoCaseload(Database &db, const StrategyEngine &engine, int count, std::uint64_t seed,
                       const QDate &today, const std::function<bool(int)> &progress = {});

} // namespace pathway
