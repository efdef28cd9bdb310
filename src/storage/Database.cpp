#include "pathway/storage/Database.h"
#include "pathway/core/PrivateFiles.h"

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

namespace pathway {

namespace {

QAtomicInt g_connectionCounter;

// Turns SQLite's result codes into words a person can act on.
QString explainCode(int code, const QString &text)
{
    switch (code & 0xff) { // the primary result code
    case 5:                // SQLITE_BUSY
    case 6:                // SQLITE_LOCKED
        return QObject::tr("the file is locked by another program or another Pathway window; "
                           "close it and try again");
    case 8: // SQLITE_READONLY
        return QObject::tr("the file or its folder is read-only");
    case 11: // SQLITE_CORRUPT
        return QObject::tr("the file is damaged (corrupt); restore it from a backup");
    case 13: // SQLITE_FULL
        return QObject::tr("the disk is full");
    case 14: // SQLITE_CANTOPEN
        return QObject::tr("the file cannot be opened");
    case 26: // SQLITE_NOTADB
        return QObject::tr("the file is not a database");
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
    if (info.exists()) {
        if (info.isDir())
            return fail(Error::Code::Invalid, QObject::tr("it is a folder, not a file"));
        QFile probe(path);
        if (!probe.open(QIODevice::ReadOnly))
            return fail(Error::Code::Io, probe.errorString());
        const QByteArray header = probe.read(16);
        if (!header.isEmpty() && header != QByteArray("SQLite format 3\0", 16))
            return fail(Error::Code::Invalid,
                        QObject::tr("it is not a Pathway database (not an SQLite file); "
                                    "it was left unchanged"));
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
            return fail(Error::Code::NotFound, QObject::tr("the file does not exist"));
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
    QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
    db.setDatabaseName(path);
    db.setConnectOptions(QStringLiteral("QSQLITE_BUSY_TIMEOUT=%1").arg(options.busyTimeoutMs));
    if (!db.open()) {
        const QString why = explainSqlite(db.lastError());
        db = QSqlDatabase();
        QSqlDatabase::removeDatabase(name);
        return fail(Error::Code::Database, why);
    }
    std::unique_ptr<Database> database(new Database(std::move(db), path));
    const QVariant handle = database->m_db.driver()->handle();
    if (handle.isValid() && qstrcmp(handle.typeName(), "sqlite3*") == 0)
        database->m_handle = *static_cast<sqlite3 *const *>(handle.constData());

    auto pragma = [&](const QString &sql) -> Result<QVariant> {
        QSqlQuery q(database->m_db);
        if (!q.exec(sql))
            return fail(codeFor(q.lastError()), explainSqlite(q.lastError()));
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
    const int version = database->schemaVersion();
    if (appId->toInt() != 0 && appId->toInt() != migrations::kApplicationId)
        return fail(
            Error::Code::Invalid,
            QObject::tr("it is an SQLite database of another program; it was left unchanged"));
    if (appId->toInt() == 0 && tables->toInt() > 0)
        return fail(Error::Code::Invalid,
                    QObject::tr("it is an SQLite database, but not one of Pathway's; it was left "
                                "unchanged"));
    if (version > latestSchemaVersion())
        return fail(Error::Code::Conflict,
                    QObject::tr("it was written by a newer version of Pathway (schema %1; this "
                                "program knows up to %2); it was left unchanged. Update Pathway.")
                        .arg(version)
                        .arg(latestSchemaVersion()));

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

Status Database::runTransaction(const QString &beginSql, const std::function<Status()> &work)
{
    if (m_transactionDepth > 0) {
        ++m_transactionDepth;
        const Status result = work();
        --m_transactionDepth;
        return result;
    }
    QSqlQuery begin(m_db);
    if (!begin.exec(beginSql))
        return queryError(begin, QObject::tr("starting a transaction"));
    ++m_transactionDepth;
    Status result = work();
    --m_transactionDepth;
    if (result) {
        QSqlQuery commit(m_db);
        if (commit.exec(QStringLiteral("COMMIT")))
            return result;
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
    QSqlQuery q(m_db);
    if (!q.exec(QStringLiteral("PRAGMA integrity_check")))
        return queryError(q, QObject::tr("integrity check"));
    while (q.next()) {
        const QString line = q.value(0).toString();
        if (line != QLatin1String("ok"))
            problems << line;
    }
    QSqlQuery fk(m_db);
    if (!fk.exec(QStringLiteral("PRAGMA foreign_key_check")))
        return queryError(fk, QObject::tr("foreign key check"));
    while (fk.next()) {
        problems << QObject::tr("row %1 of table %2 points at a missing row in %3")
                        .arg(fk.value(1).toString(), fk.value(0).toString(),
                             fk.value(2).toString());
    }
    return problems;
}

} // namespace pathway
