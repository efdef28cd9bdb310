#pragma once

#include "pathway/core/Result.h"

#include <cstdint>
#include <functional>

namespace pathway {

class Database;
class IncomeThresholds;

// Adds the demo users and `count` demo clients (DemoGenerator) in one
// transaction; `progress` as in ClientRepository::addMany.
Status addDemoCaseload(Database &db, const IncomeThresholds &thresholds, int count,
                       std::uint64_t seed, const std::function<bool(int)> &progress = {});

} // namespace pathway
