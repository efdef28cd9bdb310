#pragma once

#include "pathway/core/Client.h"
#include "pathway/core/Result.h"

#include <QHash>
#include <QVector>

#include <functional>
#include <limits>

namespace pathway {

class Database;
class IncomeThresholds;

// A stored client that may be the same person as one being taken in.
struct PossibleDuplicate
{
    qint64 id = 0;
    QString firstName;
    QString lastName;
    QDate dateOfBirth;
    QString email;
    QString phone;
    QString counselor;
    QStringList reasons; // "same name and date of birth", "same email", "same phone"
};

// SQL for clients, their barriers and goals lives here and nowhere else.
// The income bracket is stored alongside the profile (derived with
// `thresholds`, or the counselor's override) so lists can filter on it.
class ClientRepository
{
public:
    ClientRepository(Database &db, const IncomeThresholds &thresholds);

    // Validates and stores a new client; returns its id. Unknown counselor
    // user names are created as counselor accounts.
    Result<qint64> add(const Client &client);

    // Stores many clients in one transaction: all or none. `progress` is
    // called with the number stored so far; returning false cancels (and
    // rolls back). Assigns the new ids into `clients`.
    Status addMany(QVector<Client> &clients, const std::function<bool(int)> &progress = {});

    // Replaces the stored profile of `client.id`.
    Status update(const Client &client);

    Result<Client> get(qint64 id);

    // Stored clients (other than `client.id`) with the same first and last
    // name and date of birth, the same email (ignoring case) or the same phone
    // digits (ignoring spaces, + ( ) . - /), ordered by id. Empty fields never match.
    Result<QVector<PossibleDuplicate>> possibleDuplicates(const Client &client);

    Result<qint64> count();

    // Calls `visit` for every client with fromId <= id <= toId in id order,
    // reading in a single pass; `visit` returning false stops early.
    Status forEach(const std::function<bool(const Client &)> &visit, qint64 fromId = 0,
                   qint64 toId = std::numeric_limits<qint64>::max());
    // Largest client id, 0 when there are none.
    Result<qint64> maxId();

private:
    Status insert(Client &client, bool validate);
    Status writeChildren(const Client &client);
    Result<qint64> counselorId(const QString &username);

    Database &m_db;
    const IncomeThresholds &m_thresholds;
    QHash<QString, qint64> m_counselorIds;
};

} // namespace pathway
