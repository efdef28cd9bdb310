#pragma once

#include "pathway/core/Result.h"

#include <QDate>
#include <QDateTime>
#include <QString>
#include <QVector>

#include <optional>

namespace pathway {

class Database;

// What the audit trail records. Codes are stored; never rename one.
enum class AuditAction
{
    SignIn,
    SignInFailed,
    SignOut,
    Lock,
    Unlock,
    View,
    Create,
    Update,
    Delete,
    Export,
    Import,
    Print,        // printed on paper
    PrintPreview, // shown in print preview
    Reassign,
    Review,
    Backup,  // the database copied to a backup file
    Restore, // the database's contents replaced by a backup's
};

// One entry of the trail: who, when, what and which record; `detail` holds
// counts, codes and user names, never a client's personal values.
struct AuditEntry
{
    qint64 id = 0;
    QDateTime at; // UTC
    qint64 userId = 0;
    QString username;
    AuditAction action = AuditAction::View;
    QString entity; // "client", "plan", "note", "draft", "user", "settings", "session", "database"
    qint64 recordId = 0; // 0 when the entry names no single record
    QString detail;
    // The client the entry is about: the record itself for a client entry,
    // else the client of the case note or plan it names; 0 when none.
    qint64 clientId = 0;
};

// What the audit viewer filters on; empty fields match everything.
struct AuditFilter
{
    QString username;
    std::optional<AuditAction> action;
    QString entity;
    std::optional<qint64> recordId;
    // Everything about one client: the client's own entries (viewed,
    // changed, printed, exported, reassigned) and those of its case notes
    // and plans (added, changed, reviewed).
    std::optional<qint64> clientId;
    QDate from;       // inclusive, local dates
    QDate to;         // inclusive
    int limit = 5000; // newest first
};

QString auditActionCode(AuditAction action);
QString auditActionLabel(AuditAction action);
std::optional<AuditAction> auditActionFromCode(const QString &code);
QVector<AuditAction> allAuditActions();

// The append-only trail (audit_log; triggers refuse UPDATE and DELETE).
namespace audit {

// Appends an entry for the database's actor, now, inside the caller's
// transaction when there is one (so a rolled-back change leaves no entry).
Status record(Database &db, AuditAction action, const QString &entity, qint64 recordId = 0,
              const QString &detail = {});
// The same for a named user that is not (yet) the actor: failed sign-ins.
// `at` is the time recorded (invalid: now).
Status recordFor(Database &db, qint64 userId, const QString &username, AuditAction action,
                 const QString &entity, qint64 recordId = 0, const QString &detail = {},
                 const QDateTime &at = {});

// For reads (a sign-in, viewing a client, an export): the entry is written
// now when the write lock is free at once; when another program holds it
// (a long write), the entry, with its time, is kept on the connection
// (Database::deferredAudit) instead of waiting, and the read goes on. The
// next write transaction on the connection writes kept entries first, and
// flushDeferred writes them on their own. Inside a write transaction the
// entry is written there; inside a read transaction it is kept.
Status recordSoon(Database &db, AuditAction action, const QString &entity, qint64 recordId = 0,
                  const QString &detail = {});
Status recordSoonFor(Database &db, qint64 userId, const QString &username, AuditAction action,
                     const QString &entity, qint64 recordId = 0, const QString &detail = {});
// Writes the kept entries: waiting for the write lock as any write does
// (`wait`), or only if it is free at once. An error, the entries still
// kept, when they could not be written.
Status flushDeferred(Database &db, bool wait = true);

// Entries matching `filter`, newest first. Supervisors and admins only.
Result<QVector<AuditEntry>> list(Database &db, const AuditFilter &filter);

// --- The hash chain (schema 8) ----------------------------------------------
//
// Every entry stores `hash`: SHA-256, as 64 lowercase hex digits, of the
// previous entry's hash followed by the entry's own fields, in this
// canonical encoding (UTF-8 bytes):
//
//   field(previous hash) field(id) field(at) field(user_id) field(username)
//   field(action) field(entity) field(record_id) field(detail)
//
// where field(x) is the byte length of x in decimal, ':', the bytes of x,
// then ','; ids are decimal, a NULL user_id or record_id is the empty
// string, `at` is the stored text, and the first entry's previous hash is
// empty. The entry's id is the previous entry's id + 1 (the first is 1),
// so a removed entry leaves a gap and two writers that both read the same
// last entry claim the same id, which the primary key refuses: the chain
// cannot fork. database_settings row `audit_head` holds "<id> <hash>" of
// the last entry, written with it, so removing the newest entries shows too.

// The hash of an entry whose previous entry's hash is `previous`.
QString chainHash(const QString &previous, qint64 id, const QString &at,
                  std::optional<qint64> userId, const QString &username, const QString &action,
                  const QString &entity, std::optional<qint64> recordId, const QString &detail);

// The CREATE TRIGGER statements that make the table append-only, as
// created (schema 4) and as `verify` expects to find them.
const QString &noUpdateTrigger();
const QString &noDeleteTrigger();

// Migration 8's fill: hashes every existing entry in id order and writes
// the head (the update trigger is dropped around it by the migration).
Status fillChainForMigration(Database &db);

// What is wrong with the trail, empty when nothing: a trigger missing or
// changed, entries missing (a gap in the ids, or the newest ones gone) or
// changed (a hash that does not recompute). Names the first broken entry
// (its id and time). Reads the whole trail once.
Result<QStringList> verify(Database &db);

} // namespace audit
} // namespace pathway
