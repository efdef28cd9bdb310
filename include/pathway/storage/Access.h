#pragma once

#include "pathway/core/Result.h"

#include <QString>

namespace pathway {

class Database;

// The one access rule, applied by every repository and service below the
// GUI: a counselor reads and writes only the clients assigned to them;
// supervisors and admins read and write all; nobody (not signed in) reads
// nothing. Every check names what was refused, never a personal value.
namespace access {

// A SQL condition limiting `counselorColumn` (e.g. "c.counselor_id") to what
// the database's actor may see: "1" for supervisors, "0" for nobody, else
// "c.counselor_id = <id>". Only an integer is ever spliced in.
QString clientScope(const Database &db, const QString &counselorColumn);

// The same rule for a statement prepared once and reused by every actor:
// write the condition as "(?all OR c.counselor_id = ?counselor)" and bind
// these two values. Nobody gets all = 0 and counselor 0 (no user has id 0).
struct ClientScopeValues
{
    qint64 all = 0;
    qint64 counselorId = 0;
};
ClientScopeValues clientScopeValues(const Database &db);

// Refuses (Forbidden) when nobody is signed in.
Status requireSignedIn(const Database &db);
// Refuses unless the actor is a supervisor or admin; `what` says what was tried.
Status requireSupervisor(const Database &db, const QString &what);
// Refuses unless the actor is an admin.
Status requireAdmin(const Database &db, const QString &what);

// NotFound when client `clientId` does not exist; Forbidden when the actor
// may not see it.
Status checkClient(Database &db, qint64 clientId);
// The same for the client whose plan is `planId`; returns that client's id.
Result<qint64> checkPlan(Database &db, qint64 planId);
// Forbidden when the actor may not give a client to `counselorUsername`: a
// counselor may only keep clients for themselves.
Status checkAssignment(const Database &db, const QString &counselorUsername);

// The error for a refused client, also used by the checks above.
Error forbiddenClient(qint64 clientId);

} // namespace access
} // namespace pathway
