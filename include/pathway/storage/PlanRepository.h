#pragma once

#include "pathway/core/Client.h"
#include "pathway/core/Plan.h"
#include "pathway/core/Result.h"

#include <QHash>
#include <QVector>

#include <optional>

namespace pathway {

class Database;

// A stored plan version, as listed for a client.
struct PlanVersionInfo
{
    qint64 id = 0;
    int version = 0;
    QString rulesVersion;
    QDate startDate;
    QString createdAt;
};

// SQL for plans and plan steps lives here and nowhere else. Plans are
// versioned: saving a client's plan adds a version; older ones stay readable.
class PlanRepository
{
public:
    explicit PlanRepository(Database &db) : m_db(db) {}

    // Stores `plan` as the next version of `client`'s plan, with the profile it
    // was made from. Sets plan.id, plan.clientId and plan.version on success.
    Status save(Plan &plan, const Client &client);

    // The newest version, or nullopt when the client has no plan yet.
    Result<std::optional<Plan>> current(qint64 clientId);
    // One version (1, 2, ...) of a client's plan.
    Result<Plan> version(qint64 clientId, int version);
    Result<QVector<PlanVersionInfo>> versions(qint64 clientId);
    // The profile JSON the plan was made from.
    Result<QByteArray> profileSnapshot(qint64 planId);

private:
    Result<Plan> load(const QString &where, const QVariantList &values);
    // The id of `body` in plan_texts, adding it when new.
    Result<qint64> textId(const QString &body);

    Database &m_db;
    QHash<QString, qint64> m_textIds;
    int m_rollbacksSeen = 0;
};

} // namespace pathway
