#include "pathway/storage/DraftRepository.h"

#include "pathway/core/ProfileJson.h"
#include "pathway/storage/Access.h"
#include "pathway/storage/AuditLog.h"
#include "pathway/storage/Database.h"

#include <QObject>
#include <QSqlQuery>
#include <QVariant>

#include <nlohmann/json.hpp>

namespace pathway {

namespace {

const char *const kSelectDrafts =
    "SELECT id, counselor, label, page, profile_json, created_at, updated_at, not_duplicates "
    "FROM intake_drafts";

// Qt binds a null QString as SQL NULL; the columns are NOT NULL DEFAULT ''.
QString text(const QString &s)
{
    return s.isNull() ? QStringLiteral("") : s;
}

IntakeDraft readDraft(const QSqlQuery &q)
{
    IntakeDraft d;
    d.id = q.value(0).toLongLong();
    d.counselor = q.value(1).toString();
    d.label = q.value(2).toString();
    d.page = q.value(3).toInt();
    const QByteArray text = q.value(4).toString().toUtf8();
    const auto json =
        nlohmann::json::parse(text.constData(), text.constData() + text.size(), nullptr, false);
    // A draft is half done by nature: keep what parses, ignore what is missing.
    if (!json.is_discarded())
        d.profile = clientFromJson(json).client;
    d.createdAt = QDateTime::fromString(q.value(5).toString(), Qt::ISODate);
    d.updatedAt = QDateTime::fromString(q.value(6).toString(), Qt::ISODate);
    for (const QString &part : q.value(7).toString().split(QLatin1Char(','), Qt::SkipEmptyParts)) {
        bool ok = false;
        const qint64 id = part.toLongLong(&ok);
        if (ok)
            d.notDuplicates.append(id);
    }
    return d;
}

QString idList(const QVector<qint64> &ids)
{
    QStringList parts;
    for (qint64 id : ids)
        parts << QString::number(id);
    return parts.join(QLatin1Char(','));
}

const QString kDraftEntity = QStringLiteral("draft");

// A counselor works on their own drafts only; supervisors and admins on all.
bool ownOnly(const Database &db)
{
    return !db.actor().seesAllClients();
}

Error forbiddenDraft(qint64 id)
{
    return Error{Error::Code::Forbidden,
                 QObject::tr("Intake draft %1 belongs to another counselor.").arg(id)};
}

} // namespace

// The counselor of stored draft `id` (nullopt when there is none), checked
// against the actor.
Result<std::optional<QString>> DraftRepository::owner(qint64 id)
{
    QSqlQuery q = m_db.prepare(QStringLiteral("SELECT counselor FROM intake_drafts WHERE id = ?"));
    q.addBindValue(id);
    if (!q.exec())
        return m_db.queryError(q, QObject::tr("reading intake draft %1").arg(id));
    if (!q.next())
        return std::optional<QString>();
    const QString counselor = q.value(0).toString();
    if (ownOnly(m_db) && counselor != m_db.actor().username)
        return forbiddenDraft(id);
    return std::optional<QString>(counselor);
}

Status DraftRepository::save(IntakeDraft &draft)
{
    if (const Status signedIn = access::requireSignedIn(m_db); !signedIn)
        return signedIn;
    QString counselor = draft.counselor;
    if (ownOnly(m_db)) {
        const QString &me = m_db.actor().username;
        if (counselor.isEmpty())
            counselor = me;
        else if (counselor != me)
            return Error{Error::Code::Forbidden,
                         QObject::tr("A counselor keeps their own intake drafts: %1 may not save "
                                     "a draft for %2.")
                             .arg(me, counselor)};
    }
    const QDateTime now = QDateTime::currentDateTimeUtc();
    const QString nowText = now.toString(Qt::ISODate);
    const QString profile = QString::fromStdString(clientToJson(draft.profile).dump());
    qint64 id = draft.id;
    const Status done = m_db.transaction([&]() -> Status {
        if (id != 0) {
            auto stored = owner(id);
            if (!stored)
                return stored.error();
            if (!stored.value())
                return Error{Error::Code::NotFound,
                             QObject::tr("The intake draft %1 no longer exists.").arg(id)};
        }
        QSqlQuery q = m_db.prepare(
            id == 0
                ? QStringLiteral("INSERT INTO intake_drafts (counselor, label, page, "
                                 "profile_json, not_duplicates, created_at, updated_at) VALUES "
                                 "(?, ?, ?, ?, ?, ?, ?)")
                : QStringLiteral("UPDATE intake_drafts SET counselor = ?, label = ?, page = ?, "
                                 "profile_json = ?, not_duplicates = ?, updated_at = ? WHERE id = "
                                 "?"));
        q.addBindValue(text(counselor));
        q.addBindValue(text(draft.label));
        q.addBindValue(draft.page);
        q.addBindValue(profile);
        q.addBindValue(text(idList(draft.notDuplicates)));
        if (id == 0)
            q.addBindValue(nowText);
        q.addBindValue(nowText); // updated_at
        if (id != 0)
            q.addBindValue(id);
        if (!q.exec())
            return m_db.queryError(q, QObject::tr("saving the intake draft"));
        if (id != 0) {
            if (q.numRowsAffected() != 1)
                return Error{Error::Code::NotFound,
                             QObject::tr("The intake draft %1 no longer exists.").arg(id)};
            return {};
        }
        id = q.lastInsertId().toLongLong();
        return audit::record(m_db, AuditAction::Create, kDraftEntity, id);
    });
    if (!done)
        return done;
    draft.counselor = counselor;
    if (draft.id == 0)
        draft.createdAt = now;
    draft.id = id;
    draft.updatedAt = now;
    return {};
}

Result<QVector<IntakeDraft>> DraftRepository::list()
{
    if (const Status signedIn = access::requireSignedIn(m_db); !signedIn)
        return signedIn.error();
    const bool own = ownOnly(m_db);
    QSqlQuery q = m_db.prepare(QLatin1String(kSelectDrafts) +
                               (own ? QStringLiteral(" WHERE counselor = ?") : QString()) +
                               QStringLiteral(" ORDER BY updated_at DESC, id DESC"));
    if (own)
        q.addBindValue(m_db.actor().username);
    if (!q.exec())
        return m_db.queryError(q, QObject::tr("listing intake drafts"));
    QVector<IntakeDraft> out;
    while (q.next())
        out.append(readDraft(q));
    return out;
}

Result<IntakeDraft> DraftRepository::load(qint64 id)
{
    if (const Status signedIn = access::requireSignedIn(m_db); !signedIn)
        return signedIn.error();
    QSqlQuery q = m_db.prepare(QLatin1String(kSelectDrafts) + QStringLiteral(" WHERE id = ?"));
    q.addBindValue(id);
    if (!q.exec())
        return m_db.queryError(q, QObject::tr("reading intake draft %1").arg(id));
    if (!q.next())
        return Error{Error::Code::NotFound, QObject::tr("There is no intake draft %1.").arg(id)};
    IntakeDraft draft = readDraft(q);
    if (ownOnly(m_db) && draft.counselor != m_db.actor().username)
        return forbiddenDraft(id);
    return draft;
}

Status DraftRepository::remove(qint64 id)
{
    if (const Status signedIn = access::requireSignedIn(m_db); !signedIn)
        return signedIn;
    return m_db.transaction([&]() -> Status {
        auto stored = owner(id);
        if (!stored)
            return stored.error();
        if (!stored.value())
            return {}; // already gone
        QSqlQuery q = m_db.prepare(QStringLiteral("DELETE FROM intake_drafts WHERE id = ?"));
        q.addBindValue(id);
        if (!q.exec())
            return m_db.queryError(q, QObject::tr("deleting intake draft %1").arg(id));
        return audit::record(m_db, AuditAction::Delete, kDraftEntity, id);
    });
}

} // namespace pathway
