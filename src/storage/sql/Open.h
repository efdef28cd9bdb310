#pragma once

#include "pathway/core/Result.h"
#include "sql/Connection.h"

#include <QString>

#include <memory>

namespace pathway::sql {

// Connections as the two engines open them; the checks around them (a file
// that is not Pathway's, a newer schema) are Database::open's.

// Opens (creating when `create`) the SQLite file `path` with a busy timeout.
Result<std::unique_ptr<Connection>> openSqlite(const QString &path, bool create, int busyTimeoutMs);

// A PostgreSQL connection string as Pathway takes it: a libpq URI
// (postgresql://HOST:PORT/DBNAME?sslmode=...), with the user and password
// given separately (the password is never part of the location).
bool isServerLocation(const QString &location);
// "HOST:PORT/DBNAME" of a URI, for messages; never the password.
QString describeServer(const QString &uri);

// Connects to the server at `uri` as `user` with `password` (each empty:
// libpq's usual sources, PGUSER, PGPASSWORD, ~/.pgpass). The session's
// time zone is UTC. Refusals say what a person can act on: the server
// cannot be reached (Error::Code::Unavailable, naming host and port), the
// user name or password is wrong (Forbidden), the database does not exist.
Result<std::unique_ptr<Connection>> openPostgres(const QString &uri, const QString &user,
                                                 const QString &password);

} // namespace pathway::sql
