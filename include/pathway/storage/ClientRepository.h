#pragma once

#include "pathway/core/Client.h"
#include "pathway/core/Result.h"
#include "pathway/storage/AuditLog.h"

#include <QHash>
#include <QVector>

#include <functional>
#include <limits>
#include <memory>

namespace pathway {

class Database;
class IncomeThresholds;
class NameKeyWriter;

// A stored client that may be the same person as one being taken in.
struct PossibleDuplicate
{
    qint64 id = 0;
    QString firstName;
    QString lastName;
    QDate dateOfBirth;
    QString email;
    QString phone;
    QString counselor;     // user name
    QString counselorName; // display name
    QStringList reasons;   // "same name and date of birth", "same email", "same phone"
    // Held by another counselor, whom the actor may not see: the personal
    // fields above are left blank; only id, counselor and reasons are set.
    bool hidden = false;
};

// SQL for clients, their barriers and goals lives here and nowhere else.
// The income bracket is stored alongside the profile (derived with
// `thresholds`, or the counselor's override) so lists can filter on it.
//
// Every call obeys the access rule (storage/Access.h) for the database's
// actor: a counselor reads and writes only their own clients, supervisors and
// admins all, nobody nothing (Error::Code::Forbidden). Reads of one client,
// additions and changes are recorded in the audit trail.
class ClientRepository
{
public:
    ClientRepository(Database &db, const IncomeThresholds &thresholds);

    Database &database() { return m_db; }

    // Validates and stores a new client; returns its id. Unknown counselor
    // user names are created as counselor accounts. A counselor's client
    // without a counselor becomes theirs; a counselor may not give a client
    // to anyone else. Audit: Create.
    Result<qint64> add(const Client &client);

    // Stores many clients in one transaction: all or none (also when one of
    // them may not be given to its counselor). `progress` is called with the
    // number stored so far; returning false cancels (and rolls back). Assigns
    // the new ids (and, for a counselor, their own user name where the
    // counselor was empty) into `clients`. Audit: one `action` entry (Create
    // or Import) with the count.
    Status addMany(QVector<Client> &clients, const std::function<bool(int)> &progress = {},
                   AuditAction action = AuditAction::Create);

    // Adds clients one batch at a time inside the caller's transaction, for
    // writers that never hold every client at once (imports read as a
    // stream, demo caseloads): begin(), add() for each client, finish().
    // The caller's transaction makes it all or nothing: on any error it
    // must roll back. Memory does not grow with the number added.
    class Bulk
    {
    public:
        explicit Bulk(ClientRepository &clients);
        ~Bulk();
        Bulk(const Bulk &) = delete;
        Bulk &operator=(const Bulk &) = delete;

        // Checks that someone is signed in; prepares the search keys.
        Status begin();
        // Validates `client`, checks and sets its counselor as add() does
        // (Forbidden for a client the actor may not give to them), stores
        // it and sets its id.
        Status add(Client &client);
        // Stores the search keys and records one `action` entry with the count.
        Status finish(AuditAction action);
        qint64 count() const { return m_count; }

    private:
        ClientRepository &m_clients;
        std::unique_ptr<NameKeyWriter> m_names;
        qint64 m_count = 0;
    };

    // Replaces the stored profile of `client.id`. A counselor may not give the
    // client to someone else (that is supervision::reassign). Audit: Update,
    // naming the sections that changed.
    Status update(const Client &client);

    // NotFound, or Forbidden for a client of another counselor. Audit: View.
    Result<Client> get(qint64 id);

    // Stored clients (other than `client.id`) with the same first and last
    // name and date of birth, the same email (ignoring case) or the same phone
    // digits (ignoring spaces, + ( ) . - /), ordered by id. Empty fields never
    // match. Clients of other counselors are found too, so that nobody takes a
    // person in twice, but come `hidden`: id, counselor and reasons only.
    Result<QVector<PossibleDuplicate>> possibleDuplicates(const Client &client);

    // The clients the actor may see.
    Result<qint64> count();

    // Calls `visit` for every client the actor may see with fromId <= id <=
    // toId in id order, reading in a single pass; `visit` returning false
    // stops early.
    Status forEach(const std::function<bool(const Client &)> &visit, qint64 fromId = 0,
                   qint64 toId = std::numeric_limits<qint64>::max());
    // Largest id of a client the actor may see, 0 when there are none.
    Result<qint64> maxId();

private:
    Status insert(Client &client, bool validate, NameKeyWriter &names);
    Status writeChildren(const Client &client);
    Result<qint64> counselorId(const QString &username);
    // The counselor a client is stored with: the actor's own user name for a
    // counselor's client without one; Forbidden when the actor may not give
    // the client to that counselor.
    Result<QString> assignedCounselor(const QString &requested) const;
    // Reads client `id` without checking access or recording it.
    Result<Client> read(qint64 id);

    Database &m_db;
    const IncomeThresholds &m_thresholds;
    QHash<QString, qint64> m_counselorIds;
    int m_rollbacksSeen = 0; // Database::rollbacks() when m_counselorIds was last valid
};

} // namespace pathway
