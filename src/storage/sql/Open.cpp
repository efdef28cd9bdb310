#include "sql/Open.h"

#include "postgres/PgConnection.h"
#include "sqlite/SqliteConnection.h"

#include <QObject>
#include <QUrl>

#include <libpq-fe.h>
#include <sqlite3.h>

#include <vector>

namespace pathway::sql {

Result<std::unique_ptr<Connection>> openSqlite(const QString &path, bool create, int busyTimeoutMs)
{
    sqlite3 *db = nullptr;
    const QByteArray name = path.toUtf8();
    const int flags = SQLITE_OPEN_READWRITE | (create ? SQLITE_OPEN_CREATE : 0) |
                      SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_EXRESCODE;
    const int code = sqlite3_open_v2(name.constData(), &db, flags, nullptr);
    if (code != SQLITE_OK) {
        const QString why =
            SqliteConnection::explain(code, db ? QString::fromUtf8(sqlite3_errmsg(db))
                                               : QString::fromUtf8(sqlite3_errstr(code)));
        sqlite3_close(db);
        return Error{code == SQLITE_CANTOPEN ? Error::Code::Io : Error::Code::Database, why};
    }
    sqlite3_busy_timeout(db, busyTimeoutMs);
    return std::unique_ptr<Connection>(new SqliteConnection(db));
}

bool isServerLocation(const QString &location)
{
    return location.startsWith(QLatin1String("postgresql://")) ||
           location.startsWith(QLatin1String("postgres://"));
}

namespace {

struct ServerParts
{
    QString host;
    QString port;
    QString dbname;
};

ServerParts serverParts(const QString &uri)
{
    ServerParts parts;
    char *error = nullptr;
    PQconninfoOption *options = PQconninfoParse(uri.toUtf8().constData(), &error);
    PQfreemem(error);
    if (!options)
        return parts;
    for (PQconninfoOption *o = options; o->keyword; ++o) {
        if (!o->val)
            continue;
        const QString value = QString::fromUtf8(o->val);
        if (qstrcmp(o->keyword, "host") == 0)
            parts.host = value;
        else if (qstrcmp(o->keyword, "port") == 0)
            parts.port = value;
        else if (qstrcmp(o->keyword, "dbname") == 0)
            parts.dbname = value;
    }
    PQconninfoFree(options);
    return parts;
}

} // namespace

QString describeServer(const QString &uri)
{
    const ServerParts parts = serverParts(uri);
    QString host = parts.host.isEmpty() ? QStringLiteral("localhost") : parts.host;
    const QString port = parts.port.isEmpty() ? QStringLiteral("5432") : parts.port;
    return QStringLiteral("%1:%2/%3").arg(host, port, parts.dbname);
}

Result<std::unique_ptr<Connection>> openPostgres(const QString &uri, const QString &user,
                                                 const QString &password)
{
    const QString where = describeServer(uri);
    const QByteArray uriBytes = uri.toUtf8();
    const QByteArray userBytes = user.toUtf8();
    const QByteArray passwordBytes = password.toUtf8();
    // The URI first, expanded; what follows overrides it. A connect timeout
    // unless the URI sets one: a server that does not answer is said within
    // seconds instead of the system's TCP timeout.
    std::vector<const char *> keys = {"dbname", "application_name", "client_encoding"};
    std::vector<const char *> values = {uriBytes.constData(), "Pathway", "UTF8"};
    if (!uri.contains(QLatin1String("connect_timeout="))) {
        keys.push_back("connect_timeout");
        values.push_back("10");
    }
    if (!user.isEmpty()) {
        keys.push_back("user");
        values.push_back(userBytes.constData());
    }
    if (!password.isEmpty()) {
        keys.push_back("password");
        values.push_back(passwordBytes.constData());
    }
    keys.push_back(nullptr);
    values.push_back(nullptr);
    PGconn *conn = PQconnectdbParams(keys.data(), values.data(), 1);
    if (!conn)
        return Error{
            Error::Code::Unavailable,
            QObject::tr("Cannot connect to the agency server %1: out of memory").arg(where)};
    if (PQstatus(conn) != CONNECTION_OK) {
        const QString message = QString::fromUtf8(PQerrorMessage(conn)).trimmed();
        const bool askedPassword = PQconnectionNeedsPassword(conn) != 0;
        PQfinish(conn);
        if (message.contains(QLatin1String("password authentication failed")) ||
            message.contains(QLatin1String("no password supplied")) || askedPassword ||
            (message.contains(QLatin1String("role \"")) &&
             message.contains(QLatin1String("does not exist"))))
            return Error{Error::Code::Forbidden,
                         QObject::tr("The user name or the password is wrong.")};
        if (message.contains(QLatin1String("database \"")) &&
            message.contains(QLatin1String("does not exist")))
            return Error{
                Error::Code::NotFound,
                QObject::tr("The agency server %1 has no such database: %2").arg(where, message)};
        if (message.contains(QLatin1String("not permitted to log in")))
            return Error{Error::Code::Forbidden,
                         QObject::tr("This user may no longer sign in (deactivated).")};
        return Error{Error::Code::Unavailable,
                     QObject::tr("Cannot reach the agency server %1; nothing was read or saved. "
                                 "Check the network and that the server is running (%2).")
                         .arg(where, message)};
    }
    auto connection = std::make_unique<PgConnection>(conn, where);
    // Times travel as UTC; dates as ISO text.
    if (!connection->execute("SET TimeZone = 'UTC'; SET DateStyle = 'ISO, YMD'; "
                             "SET client_min_messages = warning"))
        return Error{Error::Code::Database,
                     QObject::tr("The agency server %1 refused the session settings: %2")
                         .arg(where, connection->lastError())};
    return std::unique_ptr<Connection>(std::move(connection));
}

} // namespace pathway::sql
