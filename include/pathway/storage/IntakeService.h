#pragma once

#include "pathway/core/Client.h"
#include "pathway/core/Result.h"

#include <QDate>

namespace pathway {

class Database;
class StrategyEngine;

namespace intake {

// Finishes an intake interview: validates `client`, stores it, stores the
// plan `engine` proposes for it (starting `today`) as plan version 1 and
// deletes draft `draftId` (0: none), all in one transaction: either every
// row is written or none. Returns the new client's id. The repositories
// check access: a counselor takes clients in for themselves only (an empty
// counselor becomes theirs), and only their own draft is removed; nobody
// gets Forbidden. Audit: the client's and the plan's Create entries.
Result<qint64> complete(Database &db, const StrategyEngine &engine, const Client &client,
                        const QDate &today, qint64 draftId = 0);

} // namespace intake
} // namespace pathway
