#include "pathway/storage/UserRepository.h"

#include "pathway/storage/AuditLog.h"
#include "pathway/storage/Database.h"

#include <QDateTime>
#include <QObject>
#include <QSqlQuery>
#include <QVariant>

namespace pathway {

namespace {
User readUser(const QSqlQuery &q)
{
    User u;
    u.id = q.value(0).toLongLong();
    u.username = q.value(1).toString();
    u.displayName = q.value(2).toString();
    roleFromCode(q.value(3).toString(), u.role);
    u.active = q.value(4).toBool();
    return u;
}
} // namespace

Result<std::optional<User>> UserRepository::find(const QString &username)
{
    QSqlQuery q = m_db.prepare(QStringLiteral(
        "SELECT id, username, display_name, role, active FROM users WHERE username = ?"));
    q.addBindValue(username);
    if (!q.exec())
        return m_db.queryError(q, QObject::tr("looking up user %1").arg(username));
    if (!q.next())
        return std::optional<User>();
    return std::optional<User>(readUser(q));
}

Result<qint64> UserRepository::add(const QString &username, const QString &displayName, Role role,
                                   const QString &why)
{
    qint64 id = 0;
    const Status done = m_db.transaction([&]() -> Status {
        QSqlQuery q =
            m_db.prepare(QStringLiteral("INSERT INTO users (username, display_name, role, active, "
                                        "created_at) VALUES (?, ?, ?, 1, ?)"));
        q.addBindValue(username);
        q.addBindValue(displayName.isEmpty() ? username : displayName);
        q.addBindValue(roleCode(role));
        q.addBindValue(QDateTime::currentDateTimeUtc().toString(Qt::ISODate));
        if (!q.exec())
            return m_db.queryError(q, QObject::tr("adding user %1").arg(username));
        id = q.lastInsertId().toLongLong();
        // The audit trail's words stay in English, like its other details.
        return audit::record(m_db, AuditAction::Create, QStringLiteral("user"), id,
                             why.isEmpty() ? roleCode(role)
                                           : QStringLiteral("%1: %2").arg(roleCode(role), why));
    });
    if (!done)
        return done.error();
    return id;
}

Result<qint64> UserRepository::ensure(const QString &username, const QString &displayName,
                                      Role role, const QString &why)
{
    auto existing = find(username);
    if (!existing)
        return existing.error();
    if (existing.value())
        return existing.value()->id;
    return add(username, displayName, role, why);
}

Result<QVector<User>> UserRepository::list()
{
    QSqlQuery q = m_db.prepare(QStringLiteral(
        "SELECT id, username, display_name, role, active FROM users ORDER BY username"));
    if (!q.exec())
        return m_db.queryError(q, QObject::tr("listing users"));
    QVector<User> users;
    while (q.next())
        users.append(readUser(q));
    return users;
}

} // namespace pathway
