#include "pathway/storage/Access.h"

#include "pathway/storage/Database.h"

#include <QObject>
#include <QSqlQuery>
#include <QVariant>

namespace pathway::access {

namespace {
Error forbidden(const QString &message)
{
    return Error{Error::Code::Forbidden, message};
}

Error notSignedIn()
{
    return forbidden(QObject::tr("Nobody is signed in: sign in to read or change client records."));
}
} // namespace

QString clientScope(const Database &db, const QString &counselorColumn)
{
    const Actor &actor = db.actor();
    if (!actor.signedIn())
        return QStringLiteral("0");
    if (actor.seesAllClients())
        return QStringLiteral("1");
    return QStringLiteral("%1 = %2").arg(counselorColumn).arg(actor.userId);
}

ClientScopeValues clientScopeValues(const Database &db)
{
    const Actor &actor = db.actor();
    if (!actor.signedIn())
        return {};
    if (actor.seesAllClients())
        return {1, 0};
    return {0, actor.userId};
}

Status requireSignedIn(const Database &db)
{
    if (!db.actor().signedIn())
        return notSignedIn();
    return {};
}

Status requireSupervisor(const Database &db, const QString &what)
{
    if (!db.actor().signedIn())
        return notSignedIn();
    if (!db.actor().supervises())
        return forbidden(QObject::tr("Only a supervisor or an administrator may %1; %2 is a %3.")
                             .arg(what, db.actor().username, roleLabel(db.actor().role).toLower()));
    return {};
}

Status requireAdmin(const Database &db, const QString &what)
{
    if (!db.actor().signedIn())
        return notSignedIn();
    if (!db.actor().administers())
        return forbidden(QObject::tr("Only an administrator may %1; %2 is a %3.")
                             .arg(what, db.actor().username, roleLabel(db.actor().role).toLower()));
    return {};
}

Error forbiddenClient(qint64 clientId)
{
    // The same words whether the client exists or not: a counselor does not
    // learn which client ids exist.
    return forbidden(QObject::tr("Client %1 is not one of your clients (there is no such client, "
                                 "or a supervisor has assigned it to another counselor and can "
                                 "reassign it).")
                         .arg(clientId));
}

Status checkClient(Database &db, qint64 clientId)
{
    if (const Status signedIn = requireSignedIn(db); !signedIn)
        return signedIn;
    QSqlQuery &q = db.cached(QStringLiteral("SELECT counselor_id FROM clients WHERE id = ?"));
    q.addBindValue(clientId);
    if (!q.exec())
        return db.queryError(q, QObject::tr("checking access to client %1").arg(clientId));
    const bool found = q.next();
    const qint64 counselor = found ? q.value(0).toLongLong() : 0;
    q.finish();
    if (!db.actor().seesAllClients() && (!found || counselor != db.actor().userId))
        return forbiddenClient(clientId);
    if (!found)
        return Error{Error::Code::NotFound, QObject::tr("There is no client %1.").arg(clientId)};
    return {};
}

Result<qint64> checkPlan(Database &db, qint64 planId)
{
    if (const Status signedIn = requireSignedIn(db); !signedIn)
        return signedIn.error();
    QSqlQuery &q = db.cached(QStringLiteral(
        "SELECT p.client_id, c.counselor_id FROM plans p JOIN clients c ON c.id = p.client_id "
        "WHERE p.id = ?"));
    q.addBindValue(planId);
    if (!q.exec())
        return db.queryError(q, QObject::tr("checking access to plan %1").arg(planId));
    const bool found = q.next();
    const qint64 clientId = found ? q.value(0).toLongLong() : 0;
    const qint64 counselor = found ? q.value(1).toLongLong() : 0;
    q.finish();
    if (!db.actor().seesAllClients() && (!found || counselor != db.actor().userId))
        return forbidden(QObject::tr("Plan %1 is not a plan of one of your clients (there is no "
                                     "such plan, or its client is another counselor's).")
                             .arg(planId));
    if (!found)
        return Error{Error::Code::NotFound, QObject::tr("There is no plan %1.").arg(planId)};
    return clientId;
}

Status checkAssignment(const Database &db, const QString &counselorUsername)
{
    if (const Status signedIn = requireSignedIn(db); !signedIn)
        return signedIn;
    const Actor &actor = db.actor();
    if (actor.seesAllClients() || counselorUsername == actor.username)
        return {};
    return forbidden(QObject::tr("A counselor keeps their own clients: %1 may not give a client "
                                 "to %2 (a supervisor reassigns clients).")
                         .arg(actor.username, counselorUsername.isEmpty() ? QObject::tr("nobody")
                                                                          : counselorUsername));
}

} // namespace pathway::access
