#pragma once

#include "pathway/core/Result.h"
#include "pathway/core/User.h"
#include "pathway/storage/AuditLog.h"

#include <QHash>
#include <QSqlDatabase>
#include <QString>

#include <functional>
#include <memory>
#include <unordered_map>

#include <QSqlQuery>

struct sqlite3;

namespace pathway {

class SqliteStatement;

// One SQLite database file, configured and migrated. Owned by main (or a test)
// and passed by reference; its connection belongs to the creating thread.
class Database
{
public:
    struct Options
    {
        // Make a new database when the path does not exist, or holds an
        // empty file or an SQLite file with nothing in it: only for init,
        // demo and the app (its first run is its init). Otherwise such a
        // path is refused ("does not exist", "not a Pathway database") and
        // no folder or file is made.
        bool createIfMissing = false;
        int busyTimeoutMs = 5000;
        // Stop migrating at this schema version (tests of the migrations); -1 = latest.
        int targetVersion = -1;
    };

    // Opens `path`, refusing (with a message naming the file, never touching it)
    // a file that is not a regular file, not a database, damaged (its header,
    // schema, or its users table), missing a table or column its schema
    // version has, read-only, locked, or from a newer Pathway. On success the
    // schema is at the latest version.
    static Result<std::unique_ptr<Database>> open(const QString &path, const Options &options);
    static Result<std::unique_ptr<Database>> open(const QString &path)
    {
        return open(path, Options{});
    }

    // The default file: $PATHWAY_DB, else pathway.sqlite in the app data folder.
    static QString defaultPath();

    ~Database();
    Database(const Database &) = delete;
    Database &operator=(const Database &) = delete;

    QSqlDatabase &connection() { return m_db; }
    const QString &path() const { return m_path; }
    int schemaVersion();
    static int latestSchemaVersion();

    // Runs `work` inside BEGIN IMMEDIATE ... COMMIT; rolls back when `work`
    // fails or COMMIT fails. Nested calls join the outer transaction.
    Status transaction(const std::function<Status()> &work);
    // The same with a plain BEGIN, for reads that must all see one state of
    // the file without holding the write lock (exports); a nested
    // transaction() joins it and takes the write lock on its first write.
    Status readTransaction(const std::function<Status()> &work);
    // transaction() only when the write lock is free at once: a Conflict
    // error, without waiting, when another connection holds it.
    Status tryTransaction(const std::function<Status()> &work);
    bool inTransaction() const { return m_transactionDepth > 0; }
    bool inWriteTransaction() const { return m_transactionDepth > 0 && m_writing; }

    // Audit entries of reads that found the write lock taken
    // (audit::recordSoon), oldest first. The next write transaction on this
    // connection writes them first, in its own transaction; they are
    // dropped from here only once that commits. audit::flushDeferred writes
    // them on their own; the destructor tries a last time and says so on
    // stderr when it cannot.
    QVector<AuditEntry> &deferredAudit() { return m_deferredAudit; }

    // A prepared query on this connection; failure is reported by exec().
    QSqlQuery prepare(const QString &sql);

    // A statement prepared once and kept for the life of the connection, for
    // hot paths (bulk inserts). Bind every value before each exec(); call
    // finish() after reading a SELECT so it holds no read lock.
    QSqlQuery &cached(const QString &sql);

    // An Error naming the file and the query's error, for repositories.
    Error queryError(const QSqlQuery &query, const QString &what) const;

    // A statement prepared once on the raw SQLite handle, for bulk writes
    // (see SqliteStatement); `sql` is a string literal.
    SqliteStatement &fast(const char *sql);
    Error statementError(const SqliteStatement &statement, const QString &what) const;
    // Rows changed by the last INSERT, UPDATE or DELETE on this connection.
    int changes() const;

    // Counts rolled-back transactions, so caches of row ids can tell when
    // rows they remember may have gone.
    int rollbacks() const { return m_rollbacks; }

    // Who is acting: every repository asks this before reading or writing
    // client data (see storage/Access.h). A newly opened database acts for
    // nobody, so nothing is read until someone signs in (accounts::signIn)
    // or a set-up path says it acts as the system.
    const Actor &actor() const { return m_actor; }
    void setActor(Actor actor) { m_actor = std::move(actor); }

    // PRAGMA integrity_check and foreign_key_check; the problems, if any.
    Result<QStringList> check();

private:
    Database(QSqlDatabase db, QString path);
    Status exec(const QString &sql);
    Status runTransaction(const QString &begin, const std::function<Status()> &work,
                          bool wait = true);
    Status migrate(int target);

    QSqlDatabase m_db;
    std::unordered_map<QString, std::unique_ptr<QSqlQuery>> m_cache;
    std::unordered_map<const char *, std::unique_ptr<SqliteStatement>> m_fast;
    sqlite3 *m_handle = nullptr;
    QString m_path;
    int m_transactionDepth = 0;
    int m_rollbacks = 0;
    bool m_writing = false;
    int m_busyTimeoutMs = 5000;
    QVector<AuditEntry> m_deferredAudit;
    Actor m_actor;
};

} // namespace pathway
