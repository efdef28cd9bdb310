#pragma once

#include "pathway/core/Result.h"

#include <QDate>

#include <cstdint>
#include <functional>

namespace pathway {

class Database;
class StrategyEngine;

// Adds the demo users and `count` demo clients (DemoGenerator), each with a
// history up to `today`: an intake date (created_at) within the last 18
// months, a stored plan started on or after it whose steps show the progress
// of a real caseload, the case notes of its contacts (by its counselor), and
// for closed clients the closing (updated_at); all in one transaction. Plans
// are accepted, awaiting review, approved or returned with a comment
// (reviewer: the demo supervisor, sreyes) as in a real caseload; a closed
// client's plan was approved. The same seed and `today` give the same data.
// Runs as the database's actor, which must administer (the system or an
// admin; else Forbidden); records an audit entry for each demo user it
// creates and three more (clients, plans and notes, with their counts).
// `progress(done)` may return false to cancel.
Status addDemoCaseload(Database &db, const StrategyEngine &engine, int count, std::uint64_t seed,
                       const QDate &today, const std::function<bool(int)> &progress = {});

} // namespace pathway
