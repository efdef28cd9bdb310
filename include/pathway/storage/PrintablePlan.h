#pragma once

#include "pathway/core/Client.h"
#include "pathway/core/Plan.h"
#include "pathway/core/Result.h"

#include <QDate>
#include <QString>

#include <functional>

namespace pathway {

class Database;
class StrategyEngine;

// What a printed plan needs from storage: the client, the plan to print and
// the counselor's display name. Shared by `pathway-cli print` and the app.
struct PrintablePlan
{
    Client client;
    Plan plan;             // the current stored plan, or the proposal of today
    QString counselorName; // the user's display name, else the username
    bool isDraft = false;  // no stored plan: `plan` was proposed now and not stored
};

// What a printable plan is for, as the audit trail records it: a print
// preview (AuditAction::PrintPreview), paper (Print) or a PDF file (Export,
// detail "PDF, ...": a file that holds personal data, like other exports).
enum class PrintUse
{
    Preview,
    Paper,
    Pdf
};

// Gives the engine for a client without a stored plan; called only then, so a
// caller may load the rules lazily.
using EngineSource = std::function<Result<const StrategyEngine *>()>;

// The printable plan of `client` (already read): its current stored plan, or
// the plan `engine` proposes from `today` (a Draft, never stored). Only for
// printing: checks that the database's actor may see the client (Forbidden,
// NotFound) and records in the audit trail what it is for (`use`).
Result<PrintablePlan> printablePlan(Database &db, const Client &client, const QDate &today,
                                    const EngineSource &engine, PrintUse use);

// The same for client `clientId`, read from `db` (a NotFound error when there
// is no such client).
Result<PrintablePlan> printablePlan(Database &db, const StrategyEngine &engine, qint64 clientId,
                                    const QDate &today, PrintUse use);

} // namespace pathway
