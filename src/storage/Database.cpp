#include "pathway/storage/Database.h"
#include "pathway/core/PrivateFiles.h"

#include "pathway/storage/AuditLog.h"
#include "pathway/storage/NameIndex.h"

#include "Migrations.h"
#include "SqliteStatement.h"

#include <sqlite3.h>

#include <QAtomicInt>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QObject>
#include <QSqlDriver>
#include <QSqlError>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QVariant>

#include <optional>

namespace pathway {

namespace {

QAtomicInt g_connectionCounter;

// What to do about a damaged file, said the same way everywhere.
QString restoreAdvice()
{
    return QObject::tr("restore it from a backup");
}

// Turns SQLite's result codes into words a person can act on. Damage found
// while a command runs (the file opened, so pathway-cli check can read it)
// points to check as well as to a backup.
QString explainCode(int code, const QString &text)
{
    switch (code & 0xff) { // the primary result code
    case 5:                // SQLITE_BUSY
    case 6:                // SQLITE_LOCKED
        return QObject::tr("the file is locked by another program or another Pathway window; "
                           "close it and try again");
    case 8: // SQLITE_READONLY
        return QObject::tr("the file or its folder is read-only");
    case 10: // SQLITE_IOERR
        return QObject::tr("the file could not be read or written (an input/output error): it "
                           "may be damaged or cut short, or the disk may be failing; run "
                           "pathway-cli check to see the damage, or %1")
            .arg(restoreAdvice());
    case 11: // SQLITE_CORRUPT
        return QObject::tr("the file is damaged (corrupt); run pathway-cli check to see the "
                           "damage, and %1")
            .arg(restoreAdvice());
    case 13: // SQLITE_FULL
        return QObject::tr("the disk is full");
    case 14: // SQLITE_CANTOPEN
        return QObject::tr("the file cannot be opened");
    case 26: // SQLITE_NOTADB
        return QObject::tr("the file is damaged or is not a Pathway database (SQLite cannot read "
                           "it); %1")
            .arg(restoreAdvice());
    default:
        break;
    }
    return text;
}

QString explainSqlite(const QSqlError &error)
{
    return explainCode(error.nativeErrorCode().toInt(),
                       error.databaseText().isEmpty() ? error.text() : error.databaseText());
}

Error::Code codeFor(int code)
{
    return ((code & 0xff) == 5 || (code & 0xff) == 6) ? Error::Code::Conflict
                                                      : Error::Code::Database;
}

Error::Code codeFor(const QSqlError &error)
{
    return codeFor(error.nativeErrorCode().toInt());
}

// SQLite's words about a damaged file can quote bytes of it: control
// characters are dropped and the text is kept short.
QString printable(const QString &text)
{
    constexpr int kMax = 160;
    QString out;
    for (const QChar c : text) {
        if (out.size() >= kMax) {
            out += QChar(0x2026);
            break;
        }
        out += c.isPrint() ? c : QChar(0xFFFD);
    }
    return out;
}

// The first reads of a file at open, before anything is written: a failure
// that is not a lock means the file is damaged or not an SQLite database at
// all, and nothing else in Pathway can read it either, so the advice is a
// backup. SQLite's own words follow in brackets, for whoever restores it.
QString explainAtOpen(int code, const QString &text)
{
    switch (code & 0xff) {
    case 5:  // SQLITE_BUSY
    case 6:  // SQLITE_LOCKED
    case 13: // SQLITE_FULL
    case 14: // SQLITE_CANTOPEN
        return explainCode(code, text);
    default:
        break;
    }
    return QObject::tr("it is damaged or is not a Pathway database (SQLite: %1); %2. It was left "
                       "unchanged.")
        .arg(printable(text), restoreAdvice());
}

QString damagedAtOpen(const QString &what)
{
    return QObject::tr("it is damaged (%1); %2. It was left unchanged.").arg(what, restoreAdvice());
}

// A file that is not Pathway's: `what` it is instead, and what to do.
QString notPathways(const QString &what)
{
    return QObject::tr("%1; it was left unchanged. If it should be your Pathway database, %2.")
        .arg(what, restoreAdvice());
}

// How a new database is made, for a path that holds none.
QString makeOneAdvice()
{
    return QObject::tr("to start a new database there, run pathway-cli init (the app makes one on "
                       "its first run)");
}

// What is missing from `found` that a file at this schema version has.
QStringList missingTables(const migrations::Tables &expected, const migrations::Tables &found)
{
    QStringList missing;
    for (auto table = expected.cbegin(); table != expected.cend(); ++table) {
        const auto present = found.constFind(table.key());
        if (present == found.cend()) {
            missing << QObject::tr("the table %1 is missing").arg(table.key());
            continue;
        }
        for (const QString &column : table.value()) {
            if (!present.value().contains(column))
                missing << QObject::tr("the column %1.%2 is missing").arg(table.key(), column);
        }
    }
    return missing;
}

} // namespace

QString Database::defaultPath()
{
    const QString env = qEnvironmentVariable("PATHWAY_DB");
    if (!env.isEmpty())
        return env;
    QString dir = QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);
    if (dir.isEmpty())
        dir = QDir::homePath() + QStringLiteral("/.local/share/pathway");
    return dir + QStringLiteral("/pathway.sqlite");
}

int Database::latestSchemaVersion()
{
    return migrations::all().constLast().version;
}

Result<std::unique_ptr<Database>> Database::open(const QString &path, const Options &options)
{
    auto fail = [&path](Error::Code code, const QString &why) {
        return Error{code, QObject::tr("Cannot open the database %1: %2").arg(path, why)};
    };
    if (path.isEmpty())
        return fail(Error::Code::Invalid, QObject::tr("no file name was given"));

    const QFileInfo info(path);
    if (info.isSymLink() && !info.exists())
        return fail(
            Error::Code::NotFound,
            QObject::tr("it is a link to %1, which does not exist").arg(info.symLinkTarget()));
    if (info.exists()) {
        if (info.isDir())
            return fail(Error::Code::Invalid, QObject::tr("it is a folder, not a file"));
        // A named pipe would block the first read until some other program
        // writes to it; a device or socket is no database either.
        if (!info.isFile())
            return fail(Error::Code::Invalid,
                        notPathways(QObject::tr("it is not a regular file (a named pipe, device "
                                                "or socket), so it is not a Pathway database")));
        QFile probe(path);
        if (!probe.open(QIODevice::ReadOnly))
            return fail(Error::Code::Io, probe.errorString());
        const QByteArray header = probe.read(20);
        const bool empty = header.isEmpty();
        if (empty && !options.createIfMissing)
            return fail(
                Error::Code::Invalid,
                QObject::tr("%1 Or, %2.")
                    .arg(notPathways(QObject::tr("it is empty (0 bytes), not a Pathway database")),
                         makeOneAdvice()));
        if (!empty && !header.startsWith(QByteArray("SQLite format 3\0", 16)))
            return fail(
                Error::Code::Invalid,
                notPathways(QObject::tr("it is not a Pathway database (not an SQLite file)")));
        // The file format's write and read versions (1 rollback journal, 2
        // write-ahead log): SQLite opens a file with a higher write version
        // read-only, and the first write would then fail with "read-only".
        for (const int at : {18, 19})
            if (header.size() > at && header[at] != 1 && header[at] != 2)
                return fail(Error::Code::Database,
                            damagedAtOpen(QObject::tr("its header gives file format version %1, "
                                                      "which no SQLite writes")
                                              .arg(int(uchar(header[at])))));
        // Checked on the mode bits as well as access(): root may write anything,
        // but a file someone marked read-only is meant to stay as it is.
        if (!(info.permissions() & QFileDevice::WriteOwner) || !info.isWritable())
            return fail(Error::Code::Io, QObject::tr("the file is read-only"));
        if (!QFileInfo(info.absolutePath()).isWritable())
            return fail(Error::Code::Io,
                        QObject::tr("its folder %1 is read-only (SQLite needs to write a journal "
                                    "beside the file)")
                            .arg(info.absolutePath()));
    } else {
        if (!options.createIfMissing)
            return fail(Error::Code::NotFound,
                        QObject::tr("the file does not exist; %1").arg(makeOneAdvice()));
        if (const Status folder = privatefiles::makeDirectory(info.absolutePath()); !folder)
            return fail(Error::Code::Io, folder.error().message);
        // The caseload is personal data: the file is made readable by its
        // owner only before SQLite writes to it (its -wal and -shm files
        // take the same mode).
        QFile created(path);
        if (!created.open(QIODevice::WriteOnly | QIODevice::NewOnly) ||
            !created.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner))
            return fail(Error::Code::Io, created.errorString());
        created.close();
    }

    const QString name =
        QStringLiteral("pathway-%1").arg(g_connectionCounter.fetchAndAddOrdered(1));
    std::unique_ptr<Database> database;
    {
        // Only the Database may hold the connection: a second handle alive
        // when it is closed would make Qt warn that it is "still in use".
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
        db.setDatabaseName(path);
        db.setConnectOptions(QStringLiteral("QSQLITE_BUSY_TIMEOUT=%1").arg(options.busyTimeoutMs));
        if (!db.open()) {
            const QString why = explainAtOpen(db.lastError().nativeErrorCode().toInt(),
                                              db.lastError().databaseText());
            db = QSqlDatabase();
            QSqlDatabase::removeDatabase(name);
            return fail(Error::Code::Database, why);
        }
        database.reset(new Database(db, path));
    }
    database->m_busyTimeoutMs = options.busyTimeoutMs;
    const QVariant handle = database->m_db.driver()->handle();
    if (handle.isValid() && qstrcmp(handle.typeName(), "sqlite3*") == 0)
        database->m_handle = *static_cast<sqlite3 *const *>(handle.constData());

    auto readFailed = [&](const QSqlQuery &q) {
        return fail(codeFor(q.lastError()), explainAtOpen(q.lastError().nativeErrorCode().toInt(),
                                                          q.lastError().databaseText()));
    };
    auto pragma = [&](const QString &sql) -> Result<QVariant> {
        QSqlQuery q(database->m_db);
        if (!q.exec(sql))
            return readFailed(q);
        return q.next() ? q.value(0) : QVariant();
    };

    // Reading the schema is what first touches the file's pages: a damaged or
    // foreign file fails here, before anything is written.
    auto tables = pragma(QStringLiteral("SELECT count(*) FROM sqlite_master"));
    if (!tables)
        return tables.error();
    auto appId = pragma(QStringLiteral("PRAGMA application_id"));
    if (!appId)
        return appId.error();
    auto storedVersion = pragma(QStringLiteral("PRAGMA user_version"));
    if (!storedVersion)
        return storedVersion.error();
    const int version = storedVersion->toInt();
    if (appId->toInt() != 0 && appId->toInt() != migrations::kApplicationId)
        return fail(Error::Code::Invalid,
                    notPathways(QObject::tr(
                        "it is an SQLite database of another program, not a Pathway database")));
    // A new database: nothing in it yet, so there is nothing to lose.
    const bool fresh = appId->toInt() == 0 && tables->toInt() == 0 && version == 0;
    if (appId->toInt() == 0 && !fresh)
        return fail(Error::Code::Invalid,
                    notPathways(QObject::tr("it is an SQLite database, but not one of Pathway's")));
    if (fresh && !options.createIfMissing)
        return fail(Error::Code::Invalid,
                    QObject::tr("%1 Or, %2.")
                        .arg(notPathways(QObject::tr(
                                 "it is an empty SQLite database, not a Pathway database")),
                             makeOneAdvice()));
    if (!fresh) {
        // Every schema step sets application_id and user_version together,
        // so a Pathway file is at version 1 or later.
        if (version < 1)
            return fail(Error::Code::Database,
                        damagedAtOpen(QObject::tr("its schema version is %1, which Pathway never "
                                                  "writes")
                                          .arg(version)));
        if (version > latestSchemaVersion())
            return fail(Error::Code::Conflict,
                        QObject::tr("it was written by a newer version of Pathway (schema %1; "
                                    "this program knows up to %2); it was left unchanged. "
                                    "Update Pathway. If no newer Pathway has used the file, it "
                                    "is damaged: %3.")
                            .arg(version)
                            .arg(latestSchemaVersion())
                            .arg(restoreAdvice()));
        // Every table and column the code will use must be there: a table
        // dropped or changed by another program would otherwise fail in the
        // middle of some later command ("no such table").
        migrations::Tables found;
        int code = 0;
        QString text;
        if (!migrations::readTables(database->m_handle, found, code, text))
            return fail(codeFor(code), explainAtOpen(code, text));
        const QStringList missing = missingTables(migrations::tablesAt(version), found);
        if (!missing.isEmpty())
            return fail(Error::Code::Database,
                        damagedAtOpen(QObject::tr("%1; the file was changed by another program, "
                                                  "or is not Pathway's")
                                          .arg(missing.mid(0, 3).join(QStringLiteral("; ")))));
        // Sign-in trusts the users table and its index on user names: a
        // damaged index would turn the right password into a wrong one. It
        // is small, so it is checked in full at every open.
        QSqlQuery users(database->m_db);
        users.exec(QStringLiteral("PRAGMA integrity_check(users)"));
        QStringList problems;
        while (users.next()) {
            if (users.value(0).toString() != QLatin1String("ok"))
                problems << printable(users.value(0).toString());
        }
        if (users.lastError().isValid())
            return readFailed(users);
        if (!problems.isEmpty())
            return fail(Error::Code::Database,
                        damagedAtOpen(QObject::tr("the table of users: %1")
                                          .arg(problems.mid(0, 3).join(QStringLiteral("; ")))));
    }

    auto journal = pragma(QStringLiteral("PRAGMA journal_mode=WAL"));
    if (!journal)
        return journal.error();
    if (journal->toString().compare(QStringLiteral("wal"), Qt::CaseInsensitive) != 0)
        return fail(Error::Code::Database,
                    QObject::tr("cannot switch it to write-ahead logging (journal mode is %1)")
                        .arg(journal->toString()));
    for (const char *sql : {"PRAGMA foreign_keys=ON", "PRAGMA synchronous=NORMAL"}) {
        auto done = pragma(QLatin1String(sql));
        if (!done)
            return done.error();
    }

    const int target = options.targetVersion < 0 ? latestSchemaVersion() : options.targetVersion;
    if (version < target) {
        const Status migrated = database->migrate(target);
        if (!migrated)
            return fail(migrated.error().code, migrated.error().message);
    }
    // Name keys made by another folding or collation version (an upgrade of
    // Pathway or of ICU) are rebuilt before anything reads them.
    if (database->schemaVersion() >= 5) {
        const Status current = nameIndex::ensureCurrent(*database);
        if (!current)
            return fail(current.error().code, current.error().message);
    }
    return database;
}

Database::Database(QSqlDatabase db, QString path) : m_db(std::move(db)), m_path(std::move(path)) {}

Database::~Database()
{
    if (!m_deferredAudit.isEmpty() && m_transactionDepth == 0) {
        // The last chance for entries of reads that found the file locked:
        // never dropped without a word.
        const qsizetype kept = m_deferredAudit.size();
        const Status written = transaction([] { return Status(); });
        if (!written)
            qCritical("%s",
                      qUtf8Printable(QObject::tr("Pathway: %1 entries of the audit trail of %2 "
                                                 "could not be recorded: %3")
                                         .arg(kept)
                                         .arg(m_path, written.error().message)));
    }
    m_cache.clear(); // statements must go before their connection
    m_fast.clear();
    const QString name = m_db.connectionName();
    m_db.close();
    m_db = QSqlDatabase();
    QSqlDatabase::removeDatabase(name);
}

int Database::schemaVersion()
{
    QSqlQuery q(m_db);
    if (q.exec(QStringLiteral("PRAGMA user_version")) && q.next())
        return q.value(0).toInt();
    return -1;
}

Status Database::exec(const QString &sql)
{
    QSqlQuery q(m_db);
    if (!q.exec(sql))
        return queryError(q, sql.left(60));
    return {};
}

Status Database::migrate(int target)
{
    const int from = schemaVersion();
    for (const migrations::Migration &m : migrations::all()) {
        if (m.version <= from || m.version > target)
            continue;
        // Each step commits on its own, so a failure leaves the file at the
        // last complete version, never between two.
        const Status step = transaction([&]() -> Status {
            const auto failed = [&m](const Error &e) {
                return Error{e.code, QObject::tr("upgrade to schema %1 (%2) failed: %3")
                                         .arg(m.version)
                                         .arg(QLatin1String(m.description), e.message)};
            };
            for (const QString &sql : m.statements) {
                if (Status s = exec(sql); !s)
                    return failed(s.error());
            }
            if (m.fill) {
                if (Status s = m.fill(*this); !s)
                    return failed(s.error());
            }
            for (const QString &sql : m.after) {
                if (Status s = exec(sql); !s)
                    return failed(s.error());
            }
            if (Status s = exec(
                    QStringLiteral("PRAGMA application_id=%1").arg(migrations::kApplicationId));
                !s)
                return s;
            return exec(QStringLiteral("PRAGMA user_version=%1").arg(m.version));
        });
        if (!step)
            return step;
    }
    return {};
}

Status Database::transaction(const std::function<Status()> &work)
{
    return runTransaction(QStringLiteral("BEGIN IMMEDIATE"), work);
}

Status Database::readTransaction(const std::function<Status()> &work)
{
    return runTransaction(QStringLiteral("BEGIN"), work);
}

Status Database::tryTransaction(const std::function<Status()> &work)
{
    return runTransaction(QStringLiteral("BEGIN IMMEDIATE"), work, false);
}

Status Database::runTransaction(const QString &beginSql, const std::function<Status()> &work,
                                bool wait)
{
    if (m_transactionDepth > 0) {
        ++m_transactionDepth;
        const Status result = work();
        --m_transactionDepth;
        return result;
    }
    QSqlQuery begin(m_db);
    if (!wait && m_handle)
        sqlite3_busy_timeout(m_handle, 0);
    const bool begun = begin.exec(beginSql);
    if (!wait && m_handle)
        sqlite3_busy_timeout(m_handle, m_busyTimeoutMs);
    if (!begun)
        return queryError(begin, QObject::tr("starting a transaction"));
    m_writing = beginSql != QLatin1String("BEGIN");
    ++m_transactionDepth;
    // Audit entries kept from reads go first, in this transaction.
    const qsizetype deferred = m_writing ? m_deferredAudit.size() : 0;
    Status result;
    for (qsizetype i = 0; i < deferred && result; ++i) {
        const AuditEntry e = m_deferredAudit.at(i);
        result = audit::recordFor(*this, e.userId, e.username, e.action, e.entity, e.recordId,
                                  e.detail, e.at);
    }
    if (result)
        result = work();
    --m_transactionDepth;
    if (result) {
        QSqlQuery commit(m_db);
        if (commit.exec(QStringLiteral("COMMIT"))) {
            m_deferredAudit.remove(0, deferred);
            return result;
        }
        result = queryError(commit, QObject::tr("saving"));
    }
    QSqlQuery rollback(m_db);
    rollback.exec(QStringLiteral("ROLLBACK"));
    ++m_rollbacks;
    return result;
}

QSqlQuery Database::prepare(const QString &sql)
{
    QSqlQuery q(m_db);
    q.setForwardOnly(true);
    q.prepare(sql);
    return q;
}

QSqlQuery &Database::cached(const QString &sql)
{
    auto &slot = m_cache[sql];
    if (!slot) {
        slot = std::make_unique<QSqlQuery>(m_db);
        slot->setForwardOnly(true);
        slot->prepare(sql);
    }
    return *slot;
}

SqliteStatement &Database::fast(const char *sql)
{
    auto &slot = m_fast[sql];
    if (!slot)
        slot = std::make_unique<SqliteStatement>(m_handle, sql);
    return *slot;
}

int Database::changes() const
{
    return m_handle ? sqlite3_changes(m_handle) : 0;
}

Error Database::statementError(const SqliteStatement &statement, const QString &what) const
{
    return Error{codeFor(statement.errorCode()),
                 QObject::tr("Database %1: %2 failed: %3")
                     .arg(m_path, what, explainCode(statement.errorCode(), statement.errorText()))};
}

Error Database::queryError(const QSqlQuery &query, const QString &what) const
{
    return Error{codeFor(query.lastError()),
                 QObject::tr("Database %1: %2 failed: %3")
                     .arg(m_path, what, explainSqlite(query.lastError()))};
}

Result<QStringList> Database::check()
{
    QStringList problems;
    // A check that SQLite cannot finish because a page cannot be read is a
    // finding of the check, not a failure of it; only a lock is an error.
    auto unfinished = [&](const QSqlQuery &query, const QString &what) -> std::optional<Error> {
        if (!query.lastError().isValid())
            return std::nullopt;
        if (codeFor(query.lastError()) == Error::Code::Conflict)
            return queryError(query, what);
        problems << QObject::tr("the %1 could not finish: %2")
                        .arg(what, printable(query.lastError().databaseText()));
        return std::nullopt;
    };
    QSqlQuery q(m_db);
    q.exec(QStringLiteral("PRAGMA integrity_check"));
    while (q.next()) {
        const QString line = q.value(0).toString();
        if (line != QLatin1String("ok"))
            problems << line;
    }
    if (auto error = unfinished(q, QObject::tr("integrity check")))
        return *error;
    QSqlQuery fk(m_db);
    fk.exec(QStringLiteral("PRAGMA foreign_key_check"));
    while (fk.next()) {
        problems << QObject::tr("row %1 of table %2 points at a missing row in %3")
                        .arg(fk.value(1).toString(), fk.value(0).toString(),
                             fk.value(2).toString());
    }
    if (auto error = unfinished(fk, QObject::tr("foreign key check")))
        return *error;
    // The audit trail: its triggers in place, no entry missing or changed.
    if (schemaVersion() >= 8) {
        auto trail = audit::verify(*this);
        if (!trail) {
            if (trail.error().code == Error::Code::Conflict)
                return trail.error();
            problems << trail.error().message;
        } else {
            problems << trail.value();
        }
    }
    return problems;
}

} // namespace pathway
