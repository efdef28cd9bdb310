#include "pathway/storage/Supervision.h"

#include "pathway/storage/Access.h"
#include "pathway/storage/AuditLog.h"
#include "pathway/storage/Database.h"

#include "NameKeyWriter.h"

#include <QObject>
#include <QSqlQuery>
#include <QVariant>

namespace pathway {

namespace {
struct ReviewEntry
{
    ReviewStatus status;
    const char *code;
    const char *label;
};

const ReviewEntry kReviews[] = {
    {ReviewStatus::None, "none", QT_TRANSLATE_NOOP("Review", "Not yet accepted")},
    {ReviewStatus::Pending, "pending", QT_TRANSLATE_NOOP("Review", "Awaiting review")},
    {ReviewStatus::Approved, "approved", QT_TRANSLATE_NOOP("Review", "Approved")},
    {ReviewStatus::Returned, "returned", QT_TRANSLATE_NOOP("Review", "Returned for changes")},
};

constexpr int kMaxComment = 2000;
} // namespace

QString reviewStatusCode(ReviewStatus status)
{
    for (const ReviewEntry &e : kReviews) {
        if (e.status == status)
            return QString::fromLatin1(e.code);
    }
    return {};
}

QString reviewStatusLabel(ReviewStatus status)
{
    for (const ReviewEntry &e : kReviews) {
        if (e.status == status)
            return QObject::tr(e.label);
    }
    return {};
}

ReviewStatus reviewStatusFromCode(const QString &code)
{
    for (const ReviewEntry &e : kReviews) {
        if (code == QLatin1String(e.code))
            return e.status;
    }
    return ReviewStatus::None;
}

namespace supervision {

namespace {

Result<ReviewStatus> readStatus(Database &db, qint64 planId)
{
    QSqlQuery q = db.prepare(QStringLiteral("SELECT review_status FROM plans WHERE id = ?"));
    q.addBindValue(planId);
    if (!q.exec())
        return db.queryError(q, QObject::tr("reading the review of plan %1").arg(planId));
    if (!q.next())
        return Error{Error::Code::NotFound, QObject::tr("There is no plan %1.").arg(planId)};
    return reviewStatusFromCode(q.value(0).toString());
}

Status decide(Database &db, qint64 planId, ReviewStatus decision, const QString &comment)
{
    if (const Status allowed = access::requireSupervisor(db, QObject::tr("review plans")); !allowed)
        return allowed;
    if (comment.size() > kMaxComment)
        return Error{Error::Code::Invalid,
                     QObject::tr("The review comment is %1 characters long; at most %2 fit.")
                         .arg(comment.size())
                         .arg(kMaxComment)};
    if (decision == ReviewStatus::Returned && comment.trimmed().isEmpty())
        return Error{Error::Code::Invalid,
                     QObject::tr("Say what the counselor should change: a returned plan needs "
                                 "a comment.")};
    return db.transaction([&]() -> Status {
        auto clientId = access::checkPlan(db, planId);
        if (!clientId)
            return clientId.error();
        auto current = readStatus(db, planId);
        if (!current)
            return current.error();
        if (current.value() == ReviewStatus::None)
            return Error{Error::Code::Invalid,
                         QObject::tr("Plan %1 has not been accepted by its counselor yet: "
                                     "there is nothing to review.")
                             .arg(planId)};
        if (!mayDecide(current.value(), decision))
            return Error{Error::Code::Invalid,
                         current.value() == ReviewStatus::Returned
                             ? QObject::tr("Plan %1 was returned to its counselor: it is "
                                           "reviewed again once the counselor accepts it again.")
                                   .arg(planId)
                             : QObject::tr("Plan %1 is already approved.").arg(planId)};
        QSqlQuery u = db.prepare(QStringLiteral("UPDATE plans SET review_status = ? WHERE id = ?"));
        u.addBindValue(reviewStatusCode(decision));
        u.addBindValue(planId);
        if (!u.exec())
            return db.queryError(u, QObject::tr("reviewing plan %1").arg(planId));
        QSqlQuery r = db.prepare(
            QStringLiteral("INSERT INTO plan_reviews (plan_id, decision, comment, reviewer_id, "
                           "created_at) VALUES (?, ?, coalesce(?, ''), ?, ?)"));
        r.addBindValue(planId);
        r.addBindValue(reviewStatusCode(decision));
        r.addBindValue(comment.trimmed());
        // The system actor (set-up) has no user row: it reviews as no one.
        r.addBindValue(db.actor().userId > 0 ? QVariant(db.actor().userId)
                                             : QVariant(QMetaType(QMetaType::LongLong)));
        r.addBindValue(QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs));
        if (!r.exec())
            return db.queryError(r, QObject::tr("recording the review of plan %1").arg(planId));
        return audit::record(db, AuditAction::Review, QStringLiteral("plan"), planId,
                             reviewStatusCode(decision));
    });
}

} // namespace

bool mayDecide(ReviewStatus current, ReviewStatus decision)
{
    switch (decision) {
    case ReviewStatus::Approved:
        return current == ReviewStatus::Pending;
    case ReviewStatus::Returned:
        return current == ReviewStatus::Pending || current == ReviewStatus::Approved;
    case ReviewStatus::None:
    case ReviewStatus::Pending:
        break;
    }
    return false;
}

Status approvePlan(Database &db, qint64 planId, const QString &comment)
{
    return decide(db, planId, ReviewStatus::Approved, comment);
}

Status returnPlan(Database &db, qint64 planId, const QString &comment)
{
    return decide(db, planId, ReviewStatus::Returned, comment);
}

Result<ReviewStatus> reviewStatus(Database &db, qint64 planId)
{
    if (auto clientId = access::checkPlan(db, planId); !clientId)
        return clientId.error();
    return readStatus(db, planId);
}

Result<QVector<PlanReview>> reviews(Database &db, qint64 planId)
{
    if (auto clientId = access::checkPlan(db, planId); !clientId)
        return clientId.error();
    QSqlQuery q = db.prepare(QStringLiteral(
        "SELECT r.id, r.plan_id, r.decision, r.comment, coalesce(u.username, ''), r.created_at "
        "FROM plan_reviews r LEFT JOIN users u ON u.id = r.reviewer_id WHERE r.plan_id = ? "
        "ORDER BY r.id DESC"));
    q.addBindValue(planId);
    if (!q.exec())
        return db.queryError(q, QObject::tr("reading the reviews of plan %1").arg(planId));
    QVector<PlanReview> out;
    while (q.next()) {
        PlanReview r;
        r.id = q.value(0).toLongLong();
        r.planId = q.value(1).toLongLong();
        r.decision = reviewStatusFromCode(q.value(2).toString());
        r.comment = q.value(3).toString();
        r.reviewer = q.value(4).toString();
        r.at = QDateTime::fromString(q.value(5).toString(), Qt::ISODateWithMs);
        out.append(r);
    }
    return out;
}

Result<int> reassign(Database &db, const QVector<qint64> &clientIds, const QString &toUsername)
{
    if (const Status allowed = access::requireSupervisor(db, QObject::tr("reassign clients"));
        !allowed)
        return allowed.error();
    int changed = 0;
    const Status done = db.transaction([&]() -> Status {
        QSqlQuery t =
            db.prepare(QStringLiteral("SELECT id, role, active FROM users WHERE username = ?"));
        t.addBindValue(toUsername);
        if (!t.exec())
            return db.queryError(t, QObject::tr("looking up user %1").arg(toUsername));
        if (!t.next())
            return Error{Error::Code::NotFound,
                         QObject::tr("There is no user %1.").arg(toUsername)};
        const qint64 toId = t.value(0).toLongLong();
        if (t.value(1).toString() != QLatin1String("counselor"))
            return Error{Error::Code::Invalid,
                         QObject::tr("%1 is not a counselor: clients are assigned to counselors.")
                             .arg(toUsername)};
        if (!t.value(2).toBool())
            return Error{
                Error::Code::Invalid,
                QObject::tr("%1 is deactivated: choose an active counselor.").arg(toUsername)};
        QSqlQuery from = db.prepare(QStringLiteral(
            "SELECT coalesce(u.username, '') FROM clients c LEFT JOIN users u ON u.id = "
            "c.counselor_id WHERE c.id = ?"));
        QSqlQuery set = db.prepare(
            QStringLiteral("UPDATE clients SET counselor_id = ?, updated_at = ? WHERE id = ?"));
        const QString at = QDateTime::currentDateTimeUtc().toString(Qt::ISODate);
        // The search key rows carry the counselor (storage/NameIndex.h).
        NameKeyWriter names(db);
        for (qint64 id : clientIds) {
            from.addBindValue(id);
            if (!from.exec())
                return db.queryError(from, QObject::tr("reading client %1").arg(id));
            if (!from.next())
                return Error{Error::Code::NotFound, QObject::tr("There is no client %1.").arg(id)};
            const QString previous = from.value(0).toString();
            from.finish();
            if (previous == toUsername)
                continue;
            set.addBindValue(toId);
            set.addBindValue(at);
            set.addBindValue(id);
            if (!set.exec())
                return db.queryError(set, QObject::tr("reassigning client %1").arg(id));
            if (Status keys = names.refresh(id); !keys)
                return keys;
            const QString detail =
                QStringLiteral("from %1 to %2")
                    .arg(previous.isEmpty() ? QStringLiteral("(none)") : previous, toUsername);
            if (const Status logged =
                    audit::record(db, AuditAction::Reassign, QStringLiteral("client"), id, detail);
                !logged)
                return logged;
            ++changed;
        }
        return {};
    });
    if (!done)
        return done.error();
    return changed;
}

} // namespace supervision
} // namespace pathway
