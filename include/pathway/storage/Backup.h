#pragma once

#include "pathway/core/Result.h"

#include <QDateTime>
#include <QString>
#include <QStringList>

#include <functional>

namespace pathway {

class Database;

// Backups of the local SQLite file, through SQLite's online backup API: a
// backup is one consistent state of the file (what was committed when it
// started), safe to take while the app or another command reads and
// writes, and a restore replaces the open database's contents in one
// transaction, so other connections see the old contents or the new and a
// crash leaves one or the other. On the agency's PostgreSQL server backups
// are pg_dump's and pg_restore's, not these.
namespace backup {

// Called after each chunk of pages with the pages copied and the total;
// returning false cancels (a backup leaves nothing behind; a restore
// changes nothing).
using Progress = std::function<bool(int done, int total)>;

// What a file that may be restored holds.
struct FileInfo
{
    int schemaVersion = 0;
    qint64 clients = 0;
    qint64 bytes = 0;
};

// Writes a consistent copy of `db` to `out` (mode 0600), whole or not at
// all: the copy is made under a temporary name in the same folder, synced,
// then renamed over `out`. `out`'s folder must exist; `out` must not be the
// database itself. The copy is a self-contained file (no -wal beside it).
// Supervisors and administrators only (it holds every client). The copy
// never waits for a writer; then it is recorded in the audit trail (which
// waits for the write lock, as every entry does), and deleted again when
// it cannot be. On failure nothing is left under `out` or the temporary
// name, and the error says why (missing folder, not writable, disk full).
Status write(Database &db, const QString &out, const Progress &progress = {});

// Checks that `path` can be restored into this program's database, reading
// it only: it exists, is an SQLite file, is Pathway's (application_id), is
// undamaged (integrity_check, foreign_key_check), has a schema version this
// program knows (an older one is upgraded when the database is next opened)
// and the tables that version has. The error says which check failed.
Result<FileInfo> inspect(const QString &path);

// The name the previous contents are kept under by restore():
// "<database>.before-restore-YYYYMMDD-HHMMSS" (local time).
QString previousFileName(const QString &databasePath, const QDateTime &now);

struct Restored
{
    FileInfo info;
    QString previousFile;
};

// Replaces the contents of `db` by those of the backup `in`, after
// inspect() accepts it and after the current contents are written to
// previousFileName() (mode 0600). The replacement is one write
// transaction on the open database. Supervisors and administrators only;
// recorded in the audit trail of the restored contents. Refused (with the
// database left exactly as it was) for every file inspect() refuses.
// The caller then closes `db` and opens the file again: Database::open
// upgrades an older schema and the users of the backup are the ones who
// can sign in.
Result<Restored> restore(Database &db, const QString &in, const QDateTime &now,
                         const Progress &progress = {});

// --- Automatic backups ---------------------------------------------------

// The default folder of backups: "backups" beside the database file.
QString defaultFolder(const QString &databasePath);

// The file name of an automatic backup of `databasePath` made at `now`:
// "<base>-auto-YYYYMMDD-HHMMSS.sqlite" (local time). Only files named so
// are ever deleted by prune(); a backup made by hand never is.
QString automaticFileName(const QString &databasePath, const QDateTime &now);

// Writes an automatic backup of `db` into `folder` (made 0700 when
// missing), then prune()s. Runs for whoever is signed in, or nobody (the
// app at exit): it is the program's own copy in the agency's backup
// folder. Returns the file written.
Result<QString> writeAutomatic(Database &db, const QString &folder, int keepDays,
                               const QDateTime &now, const Progress &progress = {});

// Deletes the automatic backups of `databasePath` in `folder` made more
// than `keepDays` days before `now` (by the time in their names). Files of
// any other name, and automatic backups of other databases, are left
// alone. Returns the files deleted.
Result<QStringList> prune(const QString &folder, const QString &databasePath, int keepDays,
                          const QDateTime &now);

} // namespace backup
} // namespace pathway
