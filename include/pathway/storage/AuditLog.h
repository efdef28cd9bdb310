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

// Entries matching `filter`, newest first. Supervisors and admins only.
Result<QVector<AuditEntry>> list(Database &db, const AuditFilter &filter);

} // namespace audit
} // namespace pathway
