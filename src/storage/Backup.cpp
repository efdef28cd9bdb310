#include "pathway/storage/Backup.h"

#include "pathway/core/PrivateFiles.h"
#include "pathway/storage/Access.h"
#include "pathway/storage/AuditLog.h"
#include "pathway/storage/Database.h"

#include "Migrations.h"
#include "sqlite/SqliteConnection.h"

#include <sqlite3.h>

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QObject>
#include <QRegularExpression>
#include <QSqlDriver>
#include <QTemporaryFile>
#include <QVariant>

#include <cerrno>
#include <cstdio>
#include <cstring>

#include <fcntl.h>
#include <unistd.h>

namespace pathway::backup {

namespace {

// Pages copied per step: 1 MB at SQLite's 4 KB pages, so progress moves
// and a cancel is noticed within a moment.
constexpr int kPagesPerStep = 256;
// How often a step that found the file busy is tried again (50 ms apart).
constexpr int kBusyRetries = 100;

const QString kEntity = QStringLiteral("database");

sqlite3 *handleOf(Database &db)
{
    const QVariant handle = db.connection().driver()->handle();
    if (handle.isValid() && qstrcmp(handle.typeName(), "sqlite3*") == 0)
        return *static_cast<sqlite3 *const *>(handle.constData());
    return nullptr;
}

// A connection of our own, closed when it goes out of scope.
struct Handle
{
    sqlite3 *db = nullptr;
    Handle() = default;
    Handle(const Handle &) = delete;
    Handle &operator=(const Handle &) = delete;
    ~Handle() { sqlite3_close_v2(db); }
};

QString sqliteWords(sqlite3 *db, int code)
{
    const QString text =
        db ? QString::fromUtf8(sqlite3_errmsg(db)) : QString::fromUtf8(sqlite3_errstr(code));
    return sql::SqliteConnection::explain(code, text);
}

bool samePath(const QString &a, const QString &b)
{
    const QString ca = QFileInfo(a).canonicalFilePath();
    return !ca.isEmpty() && ca == QFileInfo(b).canonicalFilePath();
}

// Copies the main database of `from` into that of `to` with SQLite's online
// backup API. The copy is one write transaction on `to`: a failure or a
// cancel rolls it back. `cancelled` tells the two apart. Returns SQLite's
// result code (SQLITE_OK when the copy is complete).
int copyPages(sqlite3 *to, sqlite3 *from, const Progress &progress, bool &cancelled)
{
    cancelled = false;
    sqlite3_backup *copy = sqlite3_backup_init(to, "main", from, "main");
    if (!copy)
        return sqlite3_errcode(to);
    int rc = SQLITE_OK;
    int busy = 0;
    for (;;) {
        rc = sqlite3_backup_step(copy, kPagesPerStep);
        if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED) {
            // The destination's own busy timeout has already run out, or
            // the source was busy for a moment (a checkpoint): try again.
            if (++busy > kBusyRetries)
                break;
            sqlite3_sleep(50);
            continue;
        }
        if (rc != SQLITE_OK && rc != SQLITE_DONE)
            break;
        busy = 0;
        const int total = sqlite3_backup_pagecount(copy);
        if (progress && !progress(total - sqlite3_backup_remaining(copy), total) &&
            rc != SQLITE_DONE) {
            cancelled = true;
            break;
        }
        if (rc == SQLITE_DONE)
            break;
    }
    const int finished = sqlite3_backup_finish(copy);
    if (cancelled)
        return SQLITE_ABORT;
    return rc == SQLITE_DONE ? finished : rc;
}

int exec(sqlite3 *db, const char *sql)
{
    return sqlite3_exec(db, sql, nullptr, nullptr, nullptr);
}

// Flushes `path` (a file or a folder) to the disk.
bool syncPath(const QString &path, bool folder)
{
    const int fd = ::open(QFile::encodeName(path).constData(), folder ? O_RDONLY : O_RDWR);
    if (fd < 0)
        return false;
    const bool ok = ::fsync(fd) == 0;
    ::close(fd);
    return ok;
}

// Writes the copy of `db` to `out` (see write()); no access check, no audit.
Status copyToFile(Database &db, const QString &out, const Progress &progress)
{
    auto fail = [&out](Error::Code code, const QString &why) {
        return Error{code, QObject::tr("Cannot write the backup %1: %2").arg(out, why)};
    };
    if (out.isEmpty())
        return Error{Error::Code::Invalid, QObject::tr("No file name was given for the backup.")};
    const QFileInfo target(out);
    if (target.isDir())
        return fail(Error::Code::Invalid, QObject::tr("it is a folder; give a file name"));
    const QString folder = target.absolutePath();
    if (!QFileInfo(folder).isDir())
        return fail(Error::Code::NotFound, QObject::tr("its folder %1 does not exist").arg(folder));
    if (samePath(out, db.path()))
        return fail(Error::Code::Invalid,
                    QObject::tr("it is the database itself; choose another file name"));
    sqlite3 *source = handleOf(db);
    if (!source)
        return fail(Error::Code::Database, QObject::tr("the database has no SQLite connection"));

    // The copy is made under a temporary name (mode 0600, made by
    // QTemporaryFile) and renamed only once it is whole and on the disk.
    QTemporaryFile temp(
        QDir(folder).filePath(QStringLiteral(".%1.partial-XXXXXX").arg(target.fileName())));
    temp.setAutoRemove(false);
    if (!temp.open())
        return fail(Error::Code::Io,
                    QObject::tr("cannot create a file in %1 (%2)").arg(folder, temp.errorString()));
    temp.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner);
    const QString tempPath = temp.fileName();
    temp.close();
    auto removeTemp = [&tempPath] {
        for (const char *suffix : {"", "-journal", "-wal", "-shm"})
            QFile::remove(tempPath + QLatin1String(suffix));
    };

    Handle dest;
    int rc = sqlite3_open_v2(QFile::encodeName(tempPath).constData(), &dest.db,
                             SQLITE_OPEN_READWRITE, nullptr);
    bool cancelled = false;
    if (rc == SQLITE_OK) {
        // One read transaction on the source for the whole copy: every chunk
        // comes from the same committed state, whatever others write
        // meanwhile (WAL lets them), and nobody waits for the copy.
        const Status copied = db.readTransaction([&]() -> Status {
            rc = exec(source, "SELECT count(*) FROM sqlite_master");
            if (rc == SQLITE_OK)
                rc = copyPages(dest.db, source, progress, cancelled);
            return {};
        });
        if (!copied && rc == SQLITE_OK)
            rc = SQLITE_ERROR;
    }
    // The copy carries the live file's write-ahead-log mark (so this
    // connection now reads it in WAL mode): switching to DELETE makes it a
    // file of its own (no -wal or -shm needed to read it), checkpointed and
    // committed with a full sync.
    if (rc == SQLITE_OK)
        rc = exec(dest.db, "PRAGMA journal_mode=DELETE");
    const QString why = cancelled ? QString() : sqliteWords(dest.db, rc);
    sqlite3_close_v2(dest.db);
    dest.db = nullptr;
    if (cancelled) {
        removeTemp();
        return fail(Error::Code::Invalid, QObject::tr("cancelled; nothing was written"));
    }
    if (rc != SQLITE_OK) {
        removeTemp();
        return fail((rc & 0xff) == SQLITE_BUSY ? Error::Code::Conflict : Error::Code::Io, why);
    }
    if (!syncPath(tempPath, false)) {
        const QString error = QString::fromLocal8Bit(std::strerror(errno));
        removeTemp();
        return fail(Error::Code::Io, error);
    }
    if (std::rename(QFile::encodeName(tempPath).constData(),
                    QFile::encodeName(target.absoluteFilePath()).constData()) != 0) {
        const QString error = QString::fromLocal8Bit(std::strerror(errno));
        removeTemp();
        return fail(Error::Code::Io, error);
    }
    syncPath(folder, true);
    return {};
}

// Runs `sql` on `db` and returns its rows' first column; false on error.
bool column(sqlite3 *db, const char *sql, QStringList &rows, int &rc)
{
    sqlite3_stmt *statement = nullptr;
    rc = sqlite3_prepare_v2(db, sql, -1, &statement, nullptr);
    if (rc != SQLITE_OK)
        return false;
    while ((rc = sqlite3_step(statement)) == SQLITE_ROW) {
        const auto *text = reinterpret_cast<const char *>(sqlite3_column_text(statement, 0));
        rows << (text ? QString::fromUtf8(text) : QString());
    }
    sqlite3_finalize(statement);
    if (rc != SQLITE_DONE)
        return false;
    rc = SQLITE_OK;
    return true;
}

// Opens the backup `path` read-only into `handle`, starts a read
// transaction (so that what is checked is what is then copied) and checks
// it (see inspect()).
Result<FileInfo> openChecked(const QString &path, Handle &handle)
{
    auto refuse = [&path](Error::Code code, const QString &why) {
        return Error{code, QObject::tr("Cannot restore from %1: %2").arg(path, why)};
    };
    auto damaged = [&](const QString &what) {
        return refuse(Error::Code::Invalid,
                      QObject::tr("the file is damaged (%1); choose another backup").arg(what));
    };
    if (path.isEmpty())
        return Error{Error::Code::Invalid, QObject::tr("No backup file was given.")};
    const QFileInfo info(path);
    if (!info.exists())
        return refuse(Error::Code::NotFound, QObject::tr("the file does not exist"));
    if (info.isDir())
        return refuse(Error::Code::Invalid, QObject::tr("it is a folder, not a backup file"));
    if (!info.isFile())
        return refuse(Error::Code::Invalid,
                      QObject::tr("it is not a regular file (a named pipe, device or socket)"));
    QFile probe(path);
    if (!probe.open(QIODevice::ReadOnly))
        return refuse(Error::Code::Io, probe.errorString());
    const QByteArray header = probe.read(16);
    probe.close();
    if (header != QByteArray("SQLite format 3\0", 16))
        return refuse(Error::Code::Invalid,
                      header.isEmpty()
                          ? QObject::tr("it is empty (0 bytes), not a Pathway backup")
                          : QObject::tr("it is not a Pathway backup (not an SQLite file)"));

    int rc = sqlite3_open_v2(QFile::encodeName(path).constData(), &handle.db, SQLITE_OPEN_READONLY,
                             nullptr);
    if (rc == SQLITE_OK)
        rc = exec(handle.db, "BEGIN");
    QStringList rows;
    if (rc == SQLITE_OK)
        column(handle.db, "SELECT count(*) FROM sqlite_master", rows, rc);
    if (rc != SQLITE_OK)
        return (rc & 0xff) == SQLITE_BUSY || (rc & 0xff) == SQLITE_LOCKED
                   ? refuse(Error::Code::Conflict, sqliteWords(handle.db, rc))
                   : damaged(QObject::tr("SQLite: %1")
                                 .arg(QString::fromUtf8(sqlite3_errmsg(handle.db)).left(200)));
    rows.clear();
    if (!column(handle.db, "PRAGMA application_id", rows, rc) || rows.isEmpty())
        return damaged(sqliteWords(handle.db, rc));
    if (rows.first().toLongLong() != migrations::kApplicationId)
        return refuse(Error::Code::Invalid,
                      QObject::tr("it is an SQLite database, but not a Pathway database or "
                                  "backup"));
    rows.clear();
    if (!column(handle.db, "PRAGMA user_version", rows, rc) || rows.isEmpty())
        return damaged(sqliteWords(handle.db, rc));
    FileInfo result;
    result.schemaVersion = rows.first().toInt();
    result.bytes = info.size();
    if (result.schemaVersion > Database::latestSchemaVersion())
        return refuse(Error::Code::Conflict,
                      QObject::tr("it was written by a newer version of Pathway (schema %1; "
                                  "this program knows up to %2). Update Pathway first, then "
                                  "restore it.")
                          .arg(result.schemaVersion)
                          .arg(Database::latestSchemaVersion()));
    if (result.schemaVersion < 1)
        return damaged(QObject::tr("its schema version is %1, which Pathway never writes")
                           .arg(result.schemaVersion));
    rows.clear();
    if (!column(handle.db, "PRAGMA integrity_check(20)", rows, rc))
        return damaged(sqliteWords(handle.db, rc));
    if (rows != QStringList{QStringLiteral("ok")})
        return damaged(rows.mid(0, 3).join(QStringLiteral("; ")).left(300));
    rows.clear();
    if (!column(handle.db, "PRAGMA foreign_key_check", rows, rc))
        return damaged(sqliteWords(handle.db, rc));
    if (!rows.isEmpty())
        return damaged(QObject::tr("rows of table %1 point at missing rows (foreign key check)")
                           .arg(rows.first()));
    migrations::Tables found;
    QString text;
    if (!migrations::readTables(handle.db, found, rc, text))
        return damaged(sqliteWords(handle.db, rc));
    const migrations::Tables &expected = migrations::tablesAt(result.schemaVersion);
    for (auto table = expected.cbegin(); table != expected.cend(); ++table) {
        const auto present = found.constFind(table.key());
        if (present == found.cend())
            return damaged(QObject::tr("the table %1 is missing").arg(table.key()));
        for (const QString &name : table.value()) {
            if (!present.value().contains(name))
                return damaged(QObject::tr("the column %1.%2 is missing").arg(table.key(), name));
        }
    }
    rows.clear();
    if (!column(handle.db, "SELECT count(*) FROM clients", rows, rc) || rows.isEmpty())
        return damaged(sqliteWords(handle.db, rc));
    result.clients = rows.first().toLongLong();
    return result;
}

QString stamp(const QDateTime &now)
{
    return now.toLocalTime().toString(QStringLiteral("yyyyMMdd-HHmmss"));
}

} // namespace

Status write(Database &db, const QString &out, const Progress &progress)
{
    if (const Status allowed =
            access::requireSupervisor(db, QObject::tr("back up the database (every client)"));
        !allowed)
        return allowed;
    // The copy first: it never waits for a writer. The entry in the trail
    // waits for the write lock like any other; a backup that cannot be
    // recorded is not kept.
    if (const Status copied = copyToFile(db, out, progress); !copied)
        return copied;
    if (const Status recorded = audit::record(db, AuditAction::Backup, kEntity, 0,
                                              QObject::tr("backup to %1").arg(out));
        !recorded) {
        QFile::remove(out);
        return Error{recorded.error().code,
                     QObject::tr("The backup %1 was made but could not be recorded in the audit "
                                 "trail, so it was deleted: %2")
                         .arg(out, recorded.error().message)};
    }
    return {};
}

Result<FileInfo> inspect(const QString &path)
{
    Handle handle;
    return openChecked(path, handle);
}

QString previousFileName(const QString &databasePath, const QDateTime &now)
{
    return QStringLiteral("%1.before-restore-%2").arg(databasePath, stamp(now));
}

Result<Restored> restore(Database &db, const QString &in, const QDateTime &now,
                         const Progress &progress)
{
    if (const Status allowed =
            access::requireSupervisor(db, QObject::tr("restore the database from a backup"));
        !allowed)
        return allowed.error();
    Handle source;
    auto info = openChecked(in, source);
    if (!info)
        return info.error();
    if (samePath(in, db.path()))
        return Error{Error::Code::Invalid,
                     QObject::tr("Cannot restore from %1: it is the database itself.").arg(in)};
    Restored restored{info.value(), previousFileName(db.path(), now)};

    // The current contents are kept first, with a last entry that says why.
    if (const Status recorded =
            audit::record(db, AuditAction::Restore, kEntity, 0,
                          QObject::tr("restore from %1 begun; these contents kept as %2")
                              .arg(in, restored.previousFile));
        !recorded)
        return recorded.error();
    if (const Status kept = copyToFile(db, restored.previousFile, {}); !kept)
        return Error{kept.error().code,
                     QObject::tr("Cannot restore from %1: the current contents could not be "
                                 "kept first, so nothing was changed. %2")
                         .arg(in, kept.error().message)};

    sqlite3 *dest = handleOf(db);
    bool cancelled = false;
    const int rc = dest ? copyPages(dest, source.db, progress, cancelled) : SQLITE_MISUSE;
    if (cancelled) {
        QFile::remove(restored.previousFile);
        return Error{
            Error::Code::Invalid,
            QObject::tr("The restore from %1 was cancelled; nothing was changed.").arg(in)};
    }
    if (rc != SQLITE_OK)
        return Error{(rc & 0xff) == SQLITE_BUSY ? Error::Code::Conflict : Error::Code::Database,
                     QObject::tr("Cannot restore from %1: %2. The database %3 was left as it "
                                 "was (a copy is also in %4).")
                         .arg(in, sqliteWords(dest, rc), db.path(), restored.previousFile)};

    // The restored contents are brought to this program's schema by a
    // normal open of the file (its migrations), then the restore is written
    // to their trail. `db` sees the upgraded file too: it is the same file.
    auto upgraded = Database::open(db.path());
    if (!upgraded)
        return Error{upgraded.error().code,
                     QObject::tr("The contents of %1 were restored into %2, but it could not be "
                                 "opened afterwards: %3. The previous contents are in %4.")
                         .arg(in, db.path(), upgraded.error().message, restored.previousFile)};
    upgraded.value()->setActor(db.actor());
    if (const Status recorded = audit::record(
            *upgraded.value(), AuditAction::Restore, kEntity, 0,
            QObject::tr("restored from %1 (schema %2, %3 clients); the previous contents are "
                        "kept as %4")
                .arg(in)
                .arg(restored.info.schemaVersion)
                .arg(restored.info.clients)
                .arg(restored.previousFile));
        !recorded)
        return recorded.error();
    return restored;
}

QString defaultFolder(const QString &databasePath)
{
    return QDir(QFileInfo(databasePath).absolutePath()).filePath(QStringLiteral("backups"));
}

QString automaticFileName(const QString &databasePath, const QDateTime &now)
{
    return QStringLiteral("%1-auto-%2.sqlite")
        .arg(QFileInfo(databasePath).completeBaseName(), stamp(now));
}

Result<QString> writeAutomatic(Database &db, const QString &folder, int keepDays,
                               const QDateTime &now, const Progress &progress)
{
    if (const Status made = privatefiles::makeDirectory(folder); !made)
        return made.error();
    const QString out = QDir(folder).filePath(automaticFileName(db.path(), now));
    if (const Status written = copyToFile(db, out, progress); !written)
        return written.error();
    // Nobody asks for it (the app makes it at exit), so it is recorded for
    // whoever is signed in, else for the system. Unlike a backup made by
    // hand it is kept when the trail cannot be written (the file locked by
    // a long write elsewhere): it is the agency's safety net.
    const Actor &actor = db.actor();
    audit::recordFor(db, actor.userId, actor.signedIn() ? actor.username : QStringLiteral("system"),
                     AuditAction::Backup, kEntity, 0,
                     QObject::tr("automatic backup to %1").arg(out));
    auto pruned = prune(folder, db.path(), keepDays, now);
    if (!pruned)
        return pruned.error();
    return out;
}

Result<QStringList> prune(const QString &folder, const QString &databasePath, int keepDays,
                          const QDateTime &now)
{
    QStringList deleted;
    if (keepDays < 1)
        return deleted;
    const QRegularExpression automatic(
        QStringLiteral("^%1-auto-(\\d{8}-\\d{6})\\.sqlite$")
            .arg(QRegularExpression::escape(QFileInfo(databasePath).completeBaseName())));
    const QDateTime oldest = now.addDays(-keepDays);
    const QDir dir(folder);
    for (const QString &name : dir.entryList(QDir::Files | QDir::Hidden)) {
        const QRegularExpressionMatch match = automatic.match(name);
        if (!match.hasMatch())
            continue;
        const QDateTime made =
            QDateTime::fromString(match.captured(1), QStringLiteral("yyyyMMdd-HHmmss"));
        if (!made.isValid() || made >= oldest)
            continue;
        if (!QFile::remove(dir.filePath(name)))
            return Error{
                Error::Code::Io,
                QObject::tr("Cannot delete the old automatic backup %1.").arg(dir.filePath(name))};
        deleted << dir.filePath(name);
    }
    return deleted;
}

} // namespace pathway::backup
