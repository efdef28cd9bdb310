#include "pathway/storage/NoteRepository.h"

#include "pathway/storage/Access.h"
#include "pathway/storage/AuditLog.h"
#include "pathway/storage/Database.h"

#include <QObject>
#include <QSqlQuery>
#include <QVariant>

namespace pathway {

namespace {
constexpr int kNoteBodyMax = 10000;
}

Status NoteRepository::add(CaseNote &note)
{
    const QString body = note.body.trimmed();
    if (body.isEmpty())
        return Error{Error::Code::Invalid, QObject::tr("A case note needs some text.")};
    if (body.size() > kNoteBodyMax)
        return Error{Error::Code::Invalid,
                     QObject::tr("A case note may hold at most %1 characters.").arg(kNoteBodyMax)};
    const QDateTime at =
        note.createdAt.isValid() ? note.createdAt.toUTC() : QDateTime::currentDateTimeUtc();
    // A signed-in person writes under their own name; set-up paths (the
    // system) keep the author they were given.
    const Actor &actor = m_db.actor();
    const QString author = actor.kind == Actor::Kind::Person ? actor.username
                           : note.author.isNull()            ? QStringLiteral("")
                                                             : note.author;
    qint64 id = 0;
    const Status done = m_db.transaction([&]() -> Status {
        if (Status allowed = access::checkClient(m_db, note.clientId); !allowed)
            return allowed;
        QSqlQuery q = m_db.prepare(QStringLiteral(
            "INSERT INTO case_notes (client_id, author, body, created_at) VALUES (?, ?, ?, ?)"));
        q.addBindValue(note.clientId);
        q.addBindValue(author);
        q.addBindValue(body);
        q.addBindValue(at.toString(Qt::ISODate));
        if (!q.exec())
            return m_db.queryError(q, QObject::tr("saving a note on client %1").arg(note.clientId));
        id = q.lastInsertId().toLongLong();
        return audit::record(m_db, AuditAction::Create, QStringLiteral("note"), id,
                             QStringLiteral("client %1").arg(note.clientId));
    });
    if (!done)
        return done;
    note.id = id;
    note.author = author;
    note.body = body;
    note.createdAt = at;
    return {};
}

Result<QVector<CaseNote>> NoteRepository::list(qint64 clientId)
{
    if (const Status allowed = access::checkClient(m_db, clientId); !allowed)
        return allowed.error();
    QSqlQuery q = m_db.prepare(QStringLiteral("SELECT id, client_id, author, body, created_at FROM "
                                              "case_notes WHERE client_id = ? "
                                              "ORDER BY created_at DESC, id DESC"));
    q.addBindValue(clientId);
    if (!q.exec())
        return m_db.queryError(q, QObject::tr("reading the notes on client %1").arg(clientId));
    QVector<CaseNote> out;
    while (q.next()) {
        out.append({q.value(0).toLongLong(), q.value(1).toLongLong(), q.value(2).toString(),
                    q.value(3).toString(),
                    QDateTime::fromString(q.value(4).toString(), Qt::ISODate)});
    }
    return out;
}

} // namespace pathway
