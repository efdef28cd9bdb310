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
// all in one transaction. Plans are accepted, awaiting review, approved or
// returned with a comment (reviewer: the demo supervisor, sreyes) as in a
// real caseload, the same for the same seed. Runs as the database's actor,
// which must administer (the system or an admin; else Forbidden); records
// two audit entries (clients and plans, with their counts).
// `progress(done)` may return false to cancel.
Status addDemoCaseload(Database &db, const StrategyEngine &engine, int count, std::uint64_t seed,
                       const QDate &today, const std::function<bool(int)> &progress = {});

} // namespace pathway
