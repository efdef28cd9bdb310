#pragma once

#include "pathway/core/Result.h"

#include <QDate>

#include <cstdint>
#include <functional>

namespace pathway {

class Database;
class StrategyEngine;

// Ok when demo data may go into `db`, else Error::Code::Conflict saying what
// the file (named) holds. Demo data only ever adds: it goes only into a
// database with no clients and no user account but, at most, one
// administrator who can sign in (whom `init` or the first run made, and
// whose name is not a demo user's), so that it never changes an existing
// account (a demo user's password) nor joins an agency's caseload.
Status checkDemoTarget(Database &db);

// Adds the demo users and `count` demo clients (DemoGenerator), each with a
// history up to `today`: an intake date (created_at) within the last 18
// months, a stored plan started on or after it whose steps show the progress
// of a real caseload, the case notes of its contacts (by its counselor), and
// for closed clients the closing (updated_at); all in one transaction. Plans
// are accepted, awaiting review, approved or returned with a comment
// (reviewer: the demo supervisor, sreyes) as in a real caseload; a closed
// client's plan was approved. The same seed and `today` give the same data.
// The demo users are new accounts, each recorded in the audit trail: with
// `password` (refused when too weak) when it is given, else without one
// (they cannot sign in until an administrator sets one).
// Runs as the database's actor, which must administer (the system or an
// admin; else Forbidden); refused as checkDemoTarget() says, checked in the
// same transaction; records an audit entry for each demo user and three more
// (clients, plans and notes, with their counts).
// `progress(done)` may return false to cancel.
Status addDemoCaseload(Database &db, const StrategyEngine &engine, int count, std::uint64_t seed,
                       const QDate &today, const std::function<bool(int)> &progress = {},
                       const QString &password = {});

} // namespace pathway
