#include "pathway/storage/AuditLog.h"

#include "pathway/storage/Access.h"
#include "pathway/storage/Database.h"

#include "SqliteStatement.h"

#include <QCryptographicHash>
#include <QObject>
#include <QSqlQuery>
#include <QVariant>

#include <string_view>

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

// The row of database_settings that holds "<id> <hash>" of the newest entry.
const QString kHead = QStringLiteral("audit_head");

// One field of the canonical encoding: its byte length, ':', the bytes, ','.
void addField(QCryptographicHash &sha, std::string_view bytes)
{
    const QByteArray length = QByteArray::number(qulonglong(bytes.size()));
    sha.addData(QByteArrayView(length));
    sha.addData(QByteArrayView(":", 1));
    sha.addData(QByteArrayView(bytes.data(), qsizetype(bytes.size())));
    sha.addData(QByteArrayView(",", 1));
}

// The chain hash over UTF-8 fields (ids already in decimal, NULL as empty):
// previous, id, at, user_id, username, action, entity, record_id, detail.
QByteArray hashFields(const std::string_view (&fields)[9])
{
    QCryptographicHash sha(QCryptographicHash::Sha256);
    for (const std::string_view field : fields)
        addField(sha, field);
    return sha.result().toHex();
}

std::string_view view(const QByteArray &bytes)
{
    return {bytes.constData(), size_t(bytes.size())};
}

QByteArray decimal(std::optional<qint64> value)
{
    return value ? QByteArray::number(*value) : QByteArray();
}

// A stored time as people read it: "2026-11-24 16:05:09 UTC".
QString readableTime(const QString &stored)
{
    const QDateTime at = QDateTime::fromString(stored, Qt::ISODateWithMs);
    if (!at.isValid())
        return QObject::tr("time “%1”").arg(stored.left(40));
    return at.toUTC().toString(QStringLiteral("yyyy-MM-dd HH:mm:ss 'UTC'"));
}

QString backupAdvice()
{
    return QObject::tr("restore the file from a backup made before it, and find out who had "
                       "write access to it");
}

// The head row: the newest entry's id and hash, nullopt when there is none.
struct Head
{
    qint64 id = 0;
    QString hash;
};

Result<std::optional<Head>> readHead(Database &db)
{
    QSqlQuery &q = db.cached(QStringLiteral("SELECT value FROM database_settings WHERE name = ?"));
    q.addBindValue(kHead);
    if (!q.exec())
        return db.queryError(q, QObject::tr("reading the end of the audit trail"));
    std::optional<Head> head;
    if (q.next()) {
        const QStringList parts = q.value(0).toString().split(QLatin1Char(' '));
        Head h;
        bool ok = parts.size() == 2;
        if (ok)
            h.id = parts[0].toLongLong(&ok);
        if (ok) {
            h.hash = parts[1];
            head = h;
        } else {
            head = Head{-1, QString()}; // unreadable: verify says so
        }
    }
    q.finish();
    return head;
}

Status writeHead(Database &db, qint64 id, const QString &hash)
{
    QSqlQuery &q = db.cached(QStringLiteral(
        "INSERT INTO database_settings (name, value) VALUES (?, ?) ON CONFLICT (name) DO UPDATE "
        "SET value = excluded.value"));
    q.addBindValue(kHead);
    q.addBindValue(QStringLiteral("%1 %2").arg(id).arg(hash));
    if (!q.exec())
        return db.queryError(q, QObject::tr("recording the end of the audit trail"));
    return {};
}
} // namespace

namespace audit {

QString chainHash(const QString &previous, qint64 id, const QString &at,
                  std::optional<qint64> userId, const QString &username, const QString &action,
                  const QString &entity, std::optional<qint64> recordId, const QString &detail)
{
    const QByteArray b[9] = {previous.toUtf8(), QByteArray::number(id), at.toUtf8(),
                             decimal(userId),   username.toUtf8(),      action.toUtf8(),
                             entity.toUtf8(),   decimal(recordId),      detail.toUtf8()};
    const std::string_view fields[9] = {view(b[0]), view(b[1]), view(b[2]), view(b[3]), view(b[4]),
                                        view(b[5]), view(b[6]), view(b[7]), view(b[8])};
    return QString::fromLatin1(hashFields(fields));
}

const QString &noUpdateTrigger()
{
    static const QString sql =
        QStringLiteral("CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log "
                       "BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END");
    return sql;
}

const QString &noDeleteTrigger()
{
    static const QString sql =
        QStringLiteral("CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log "
                       "BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END");
    return sql;
}

} // namespace audit

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
    const QString when = at.isValid() ? at.toUTC().toString(Qt::ISODateWithMs) : nowUtc();
    const std::optional<qint64> user = userId > 0 ? std::optional<qint64>(userId) : std::nullopt;
    const std::optional<qint64> record =
        recordId > 0 ? std::optional<qint64>(recordId) : std::nullopt;
    const QString code = auditActionCode(action);
    const QString what =
        QObject::tr("recording %1 in the audit trail").arg(auditActionLabel(action).toLower());
    // The previous entry is read and the new one written in one write
    // transaction (the caller's when there is one): appends are serialized
    // by the write lock, and the explicit id makes a fork impossible anyway.
    return db.transaction([&]() -> Status {
        auto head = readHead(db);
        if (!head)
            return head.error();
        qint64 previousId = 0;
        QString previousHash;
        if (head.value() && head.value()->id >= 0) {
            previousId = head.value()->id;
            previousHash = head.value()->hash;
        } else {
            // No head (a trail from before schema 8 being filled, or one
            // whose head was removed, which check reports): the last entry.
            QSqlQuery &last = db.cached(
                QStringLiteral("SELECT id, hash FROM audit_log ORDER BY id DESC LIMIT 1"));
            if (!last.exec())
                return db.queryError(last, what);
            if (last.next()) {
                previousId = last.value(0).toLongLong();
                previousHash = last.value(1).toString();
            }
            last.finish();
        }
        const qint64 id = previousId + 1;
        const QString hash =
            chainHash(previousHash, id, when, user, username, code, entity, record, detail);
        // coalesce: QtSql binds a null QString as NULL, and the columns are NOT NULL.
        QSqlQuery &q = db.cached(QStringLiteral(
            "INSERT INTO audit_log (id, at, user_id, username, action, entity, record_id, "
            "detail, hash) VALUES (?, ?, ?, coalesce(?, ''), ?, coalesce(?, ''), ?, "
            "coalesce(?, ''), ?)"));
        q.addBindValue(id);
        q.addBindValue(when);
        q.addBindValue(user ? QVariant(*user) : QVariant(QMetaType(QMetaType::LongLong)));
        q.addBindValue(username);
        q.addBindValue(code);
        q.addBindValue(entity);
        q.addBindValue(record ? QVariant(*record) : QVariant(QMetaType(QMetaType::LongLong)));
        q.addBindValue(detail);
        q.addBindValue(hash);
        if (!q.exec())
            return db.queryError(q, what);
        return writeHead(db, id, hash);
    });
}

Status record(Database &db, AuditAction action, const QString &entity, qint64 recordId,
              const QString &detail)
{
    const Actor &actor = db.actor();
    return recordFor(db, actor.userId, actor.username, action, entity, recordId, detail);
}

Status recordSoonFor(Database &db, qint64 userId, const QString &username, AuditAction action,
                     const QString &entity, qint64 recordId, const QString &detail)
{
    if (db.inWriteTransaction())
        return recordFor(db, userId, username, action, entity, recordId, detail);
    AuditEntry entry;
    entry.at = QDateTime::currentDateTimeUtc();
    entry.userId = userId;
    entry.username = username;
    entry.action = action;
    entry.entity = entity;
    entry.recordId = recordId;
    entry.detail = detail;
    if (!db.inTransaction()) {
        const Status now = db.tryTransaction([&] {
            return recordFor(db, userId, username, action, entity, recordId, detail, entry.at);
        });
        if (now || now.error().code != Error::Code::Conflict)
            return now;
    }
    db.deferredAudit().append(entry);
    return {};
}

Status recordSoon(Database &db, AuditAction action, const QString &entity, qint64 recordId,
                  const QString &detail)
{
    const Actor &actor = db.actor();
    return recordSoonFor(db, actor.userId, actor.username, action, entity, recordId, detail);
}

Status flushDeferred(Database &db, bool wait)
{
    if (db.deferredAudit().isEmpty())
        return {};
    // A write transaction writes the kept entries before its work.
    const auto nothing = [] { return Status(); };
    return wait ? db.transaction(nothing) : db.tryTransaction(nothing);
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

Status fillChainForMigration(Database &db)
{
    SqliteStatement &read = db.fast("SELECT id, at, user_id, username, action, entity, "
                                    "record_id, detail FROM audit_log ORDER BY id");
    SqliteStatement &write = db.fast("UPDATE audit_log SET hash = ? WHERE id = ?");
    QByteArray previous;
    qint64 lastId = 0;
    // Every row is read before the first is written (the trail is small
    // next to the clients; a few MB at a million entries).
    QVector<QPair<qint64, QByteArray>> hashes;
    while (read.next()) {
        const qint64 id = read.columnInt(0);
        const QByteArray idText = QByteArray::number(id);
        const QByteArray user =
            read.columnIsNull(2) ? QByteArray() : QByteArray::number(read.columnInt(2));
        const QByteArray record =
            read.columnIsNull(6) ? QByteArray() : QByteArray::number(read.columnInt(6));
        const std::string_view fields[9] = {
            view(previous),     view(idText),       read.columnView(1),
            view(user),         read.columnView(3), read.columnView(4),
            read.columnView(5), view(record),       read.columnView(7)};
        previous = hashFields(fields);
        hashes.append({id, previous});
        lastId = id;
    }
    const int code = read.errorCode();
    read.reset();
    if (code != 0 && code != 101) // SQLITE_OK, SQLITE_DONE
        return db.statementError(read, QObject::tr("reading the audit trail"));
    for (const auto &[id, hash] : hashes) {
        write.bind(1, QString::fromLatin1(hash));
        write.bind(2, id);
        if (!write.run())
            return db.statementError(write, QObject::tr("hashing the audit trail"));
    }
    if (lastId == 0)
        return {};
    return writeHead(db, lastId, QString::fromLatin1(previous));
}

namespace {
Result<QStringList> verifyTrail(Database &db)
{
    QStringList problems;

    // The triggers that refuse UPDATE and DELETE, exactly as created.
    QSqlQuery triggers = db.prepare(QStringLiteral(
        "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'audit_log'"));
    if (!triggers.exec())
        return db.queryError(triggers, QObject::tr("reading the audit trail's triggers"));
    QMap<QString, QString> found;
    while (triggers.next())
        found.insert(triggers.value(0).toString(), triggers.value(1).toString());
    const std::pair<const char *, const QString *> expected[] = {
        {"audit_log_no_update", &noUpdateTrigger()}, {"audit_log_no_delete", &noDeleteTrigger()}};
    for (const auto &[name, sql] : expected) {
        const QString trigger = QLatin1String(name);
        const auto it = found.constFind(trigger);
        if (it == found.cend())
            problems << QObject::tr("the audit trail's trigger %1 is missing, so its entries "
                                    "could be %2 without a trace; %3")
                            .arg(trigger,
                                 trigger.endsWith(QLatin1String("update")) ? QObject::tr("changed")
                                                                           : QObject::tr("removed"),
                                 backupAdvice());
        else if (it.value() != *sql)
            problems << QObject::tr("the audit trail's trigger %1 was changed (it no longer "
                                    "reads as Pathway made it); %2")
                            .arg(trigger, backupAdvice());
    }

    // The entries: ids 1, 2, 3... and every hash recomputes.
    auto head = readHead(db);
    if (!head)
        return head.error();
    SqliteStatement &read = db.fast("SELECT id, at, user_id, username, action, entity, "
                                    "record_id, detail, hash FROM audit_log ORDER BY id");
    QByteArray previous;
    qint64 previousId = 0;
    QString previousAt;
    QString first;   // the first broken entry, in words
    qint64 more = 0; // further broken entries after it
    auto broken = [&](const QString &what) {
        if (first.isEmpty())
            first = what;
        else
            ++more;
    };
    while (read.next()) {
        const qint64 id = read.columnInt(0);
        const QString at = read.columnText(1);
        if (id != previousId + 1) {
            const QString gone =
                id - 1 == previousId + 1
                    ? QObject::tr("entry %1 is").arg(previousId + 1)
                    : QObject::tr("entries %1 to %2 are").arg(previousId + 1).arg(id - 1);
            broken(previousId == 0
                       ? QObject::tr("audit trail %1 missing (removed after it was written; "
                                     "the trail now starts at entry %2 of %3)")
                             .arg(gone)
                             .arg(id)
                             .arg(readableTime(at))
                       : QObject::tr("audit trail %1 missing (removed after it was written; "
                                     "it followed entry %2 of %3)")
                             .arg(gone)
                             .arg(previousId)
                             .arg(readableTime(previousAt)));
        }
        const QByteArray idText = QByteArray::number(id);
        const QByteArray user =
            read.columnIsNull(2) ? QByteArray() : QByteArray::number(read.columnInt(2));
        const QByteArray record =
            read.columnIsNull(6) ? QByteArray() : QByteArray::number(read.columnInt(6));
        const std::string_view fields[9] = {
            view(previous),     view(idText),       read.columnView(1),
            view(user),         read.columnView(3), read.columnView(4),
            read.columnView(5), view(record),       read.columnView(7)};
        const QByteArray stored(read.columnView(8).data(), qsizetype(read.columnView(8).size()));
        if (hashFields(fields) != stored)
            broken(QObject::tr("audit trail entry %1 of %2 was changed after it was written "
                               "(its hash does not match its contents and the entry before "
                               "it)")
                       .arg(id)
                       .arg(readableTime(at)));
        // The next entry chains on what is stored, so one changed entry is
        // reported once and a later, separate change is still found.
        previous = stored;
        previousId = id;
        previousAt = at;
    }
    const int code = read.errorCode();
    read.reset();
    if (code != 0 && code != 101) // SQLITE_OK, SQLITE_DONE
        return db.statementError(read, QObject::tr("reading the audit trail"));

    // The end: the newest entry written must still be the last one.
    const std::optional<Head> &end = head.value();
    if (!end) {
        if (previousId > 0)
            broken(QObject::tr("the record of the audit trail's newest entry is missing, so "
                               "entries may have been removed from its end (the trail ends at "
                               "entry %1 of %2)")
                       .arg(previousId)
                       .arg(readableTime(previousAt)));
    } else if (end->id < 0) {
        broken(QObject::tr("the record of the audit trail's newest entry was changed (it no "
                           "longer reads as Pathway wrote it)"));
    } else if (end->id > previousId) {
        broken(
            QObject::tr("the newest audit trail %1 missing (removed after it was "
                        "written; the trail now ends at entry %2 of %3)")
                .arg(end->id == previousId + 1
                         ? QObject::tr("entry, %1, is").arg(end->id)
                         : QObject::tr("entries, %1 to %2, are").arg(previousId + 1).arg(end->id))
                .arg(previousId)
                .arg(previousId > 0 ? readableTime(previousAt) : QObject::tr("no time")));
    } else if (end->id < previousId) {
        broken(QObject::tr("audit trail entries %1 to %2 were added by another program (the "
                           "trail Pathway wrote ends at entry %3)")
                   .arg(end->id + 1)
                   .arg(previousId)
                   .arg(end->id));
    } else if (end->hash.toLatin1() != previous) {
        broken(QObject::tr("audit trail entry %1 of %2 was changed after it was written (it "
                           "no longer matches the trail's recorded end)")
                   .arg(previousId)
                   .arg(readableTime(previousAt)));
    }
    if (!first.isEmpty()) {
        problems << (more == 0 ? QObject::tr("%1; %2").arg(first, backupAdvice())
                               : QObject::tr("%1, and %2 more entries after it are missing or "
                                             "changed; %3")
                                     .arg(first)
                                     .arg(more)
                                     .arg(backupAdvice()));
    }
    return problems;
}
} // namespace

Result<QStringList> verify(Database &db)
{
    // One snapshot: an entry appended meanwhile must not look like one
    // added behind Pathway's back (the head read before the entries).
    Result<QStringList> result = QStringList();
    const Status read = db.readTransaction([&]() -> Status {
        result = verifyTrail(db);
        return result ? Status() : Status(result.error());
    });
    if (!read)
        return read.error();
    return result;
}

} // namespace audit
} // namespace pathway
