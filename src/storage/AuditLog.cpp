#include "pathway/storage/AuditLog.h"

#include "pathway/storage/Access.h"
#include "pathway/storage/Database.h"

#include <QObject>
#include <QSqlQuery>
#include <QVariant>

#include <iterator>

namespace pathway {

namespace {
struct ActionEntry
{
    AuditAction action;
    const char *code;
    const char *label;
};

const ActionEntry kActions[] = {
    {AuditAction::SignIn, "sign_in", QT_TRANSLATE_NOOP("Audit", "Signed in")},
    {AuditAction::SignInFailed, "sign_in_failed", QT_TRANSLATE_NOOP("Audit", "Sign-in failed")},
    {AuditAction::SignOut, "sign_out", QT_TRANSLATE_NOOP("Audit", "Signed out")},
    {AuditAction::Lock, "lock", QT_TRANSLATE_NOOP("Audit", "Screen locked")},
    {AuditAction::Unlock, "unlock", QT_TRANSLATE_NOOP("Audit", "Screen unlocked")},
    {AuditAction::View, "view", QT_TRANSLATE_NOOP("Audit", "Viewed")},
    {AuditAction::Create, "create", QT_TRANSLATE_NOOP("Audit", "Created")},
    {AuditAction::Update, "update", QT_TRANSLATE_NOOP("Audit", "Changed")},
    {AuditAction::Delete, "delete", QT_TRANSLATE_NOOP("Audit", "Deleted")},
    {AuditAction::Export, "export", QT_TRANSLATE_NOOP("Audit", "Exported")},
    {AuditAction::Import, "import", QT_TRANSLATE_NOOP("Audit", "Imported")},
    {AuditAction::Print, "print", QT_TRANSLATE_NOOP("Audit", "Printed")},
    {AuditAction::PrintPreview, "print_preview", QT_TRANSLATE_NOOP("Audit", "Print preview")},
    {AuditAction::Reassign, "reassign", QT_TRANSLATE_NOOP("Audit", "Reassigned")},
    {AuditAction::Review, "review", QT_TRANSLATE_NOOP("Audit", "Reviewed")},
    {AuditAction::Backup, "backup", QT_TRANSLATE_NOOP("Audit", "Backed up")},
    {AuditAction::Restore, "restore", QT_TRANSLATE_NOOP("Audit", "Restored")},
};

QString nowUtc()
{
    return QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs);
}
} // namespace

QString auditActionCode(AuditAction action)
{
    for (const ActionEntry &e : kActions) {
        if (e.action == action)
            return QString::fromLatin1(e.code);
    }
    return {};
}

QString auditActionLabel(AuditAction action)
{
    for (const ActionEntry &e : kActions) {
        if (e.action == action)
            return QObject::tr(e.label);
    }
    return {};
}

std::optional<AuditAction> auditActionFromCode(const QString &code)
{
    for (const ActionEntry &e : kActions) {
        if (code == QLatin1String(e.code))
            return e.action;
    }
    return std::nullopt;
}

QVector<AuditAction> allAuditActions()
{
    QVector<AuditAction> out;
    for (const ActionEntry &e : kActions)
        out.append(e.action);
    return out;
}

namespace audit {

Status recordFor(Database &db, qint64 userId, const QString &username, AuditAction action,
                 const QString &entity, qint64 recordId, const QString &detail, const QDateTime &at)
{
    // coalesce: QtSql binds a null QString as NULL, and the columns are NOT NULL.
    QSqlQuery &q = db.cached(QStringLiteral(
        "INSERT INTO audit_log (at, user_id, username, action, entity, record_id, "
        "detail) VALUES (?, ?, coalesce(?, ''), ?, coalesce(?, ''), ?, coalesce(?, ''))"));
    q.addBindValue(at.isValid() ? at.toUTC().toString(Qt::ISODateWithMs) : nowUtc());
    q.addBindValue(userId > 0 ? QVariant(userId) : QVariant(QMetaType(QMetaType::LongLong)));
    q.addBindValue(username);
    q.addBindValue(auditActionCode(action));
    q.addBindValue(entity);
    q.addBindValue(recordId > 0 ? QVariant(recordId) : QVariant(QMetaType(QMetaType::LongLong)));
    q.addBindValue(detail);
    if (!q.exec())
        return db.queryError(
            q,
            QObject::tr("recording %1 in the audit trail").arg(auditActionLabel(action).toLower()));
    return {};
}

Status record(Database &db, AuditAction action, const QString &entity, qint64 recordId,
              const QString &detail)
{
    const Actor &actor = db.actor();
    return recordFor(db, actor.userId, actor.username, action, entity, recordId, detail);
}

Result<QVector<AuditEntry>> list(Database &db, const AuditFilter &filter)
{
    if (const Status allowed = access::requireSupervisor(db, QObject::tr("read the audit trail"));
        !allowed)
        return allowed.error();
    QStringList where;
    QVariantList values;
    if (!filter.username.isEmpty()) {
        where << QStringLiteral("a.username = ?");
        values << filter.username;
    }
    if (filter.action) {
        where << QStringLiteral("a.action = ?");
        values << auditActionCode(*filter.action);
    }
    if (!filter.entity.isEmpty()) {
        where << QStringLiteral("a.entity = ?");
        values << filter.entity;
    }
    if (filter.recordId) {
        where << QStringLiteral("a.record_id = ?");
        values << *filter.recordId;
    }
    if (filter.clientId) {
        // Each branch seeks audit_log_record (entity, record_id).
        where << QStringLiteral(
            "((a.entity = 'client' AND a.record_id = ?) OR (a.entity = 'note' AND a.record_id IN "
            "(SELECT n.id FROM case_notes n WHERE n.client_id = ?)) OR (a.entity = 'plan' AND "
            "a.record_id IN (SELECT p.id FROM plans p WHERE p.client_id = ?)))");
        values << *filter.clientId << *filter.clientId << *filter.clientId;
    }
    // Dates are local days; the log stores UTC instants.
    if (filter.from.isValid()) {
        where << QStringLiteral("a.at >= ?");
        values << filter.from.startOfDay().toUTC().toString(Qt::ISODateWithMs);
    }
    if (filter.to.isValid()) {
        where << QStringLiteral("a.at < ?");
        values << filter.to.addDays(1).startOfDay().toUTC().toString(Qt::ISODateWithMs);
    }
    // The client an entry is about, for notes and plans through their tables
    // (a deleted note or plan leaves it empty).
    QString sql = QStringLiteral(
        "SELECT a.id, a.at, a.user_id, a.username, a.action, a.entity, a.record_id, a.detail, "
        "CASE a.entity WHEN 'client' THEN a.record_id "
        "WHEN 'note' THEN (SELECT n.client_id FROM case_notes n WHERE n.id = a.record_id) "
        "WHEN 'plan' THEN (SELECT p.client_id FROM plans p WHERE p.id = a.record_id) END "
        "FROM audit_log a");
    if (!where.isEmpty())
        sql += QStringLiteral(" WHERE ") + where.join(QStringLiteral(" AND "));
    sql += QStringLiteral(" ORDER BY a.id DESC LIMIT ?");
    values << qMax(1, filter.limit);
    QSqlQuery q = db.prepare(sql);
    for (const QVariant &v : values)
        q.addBindValue(v);
    if (!q.exec())
        return db.queryError(q, QObject::tr("reading the audit trail"));
    QVector<AuditEntry> out;
    while (q.next()) {
        AuditEntry e;
        e.id = q.value(0).toLongLong();
        e.at = QDateTime::fromString(q.value(1).toString(), Qt::ISODateWithMs);
        e.userId = q.value(2).toLongLong();
        e.username = q.value(3).toString();
        e.action = auditActionFromCode(q.value(4).toString()).value_or(AuditAction::View);
        e.entity = q.value(5).toString();
        e.recordId = q.value(6).toLongLong();
        e.detail = q.value(7).toString();
        e.clientId = q.value(8).toLongLong();
        out.append(e);
    }
    return out;
}

} // namespace audit
} // namespace pathway
