#pragma once

#include "pathway/core/Client.h"
#include "pathway/core/Plan.h"
#include "pathway/core/Result.h"

#include <QDateTime>
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
    QDateTime acceptedAt; // invalid while the plan is a proposal
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

    // Edits of one stored plan version (the counselor's changes to the
    // current plan). Steps are addressed by position (0-based); each call is
    // one transaction and returns NotFound for a missing plan or step.

    // Replaces the step's title, description, due date, status, status note
    // and completion date; the rest of the step is the engine's and stays.
    Status updateStep(qint64 planId, int position, const PlanStep &step);
    // Inserts `step` at `position` (0..count), moving later steps down.
    Status insertStep(qint64 planId, int position, const PlanStep &step);
    // Deletes the step at `position`, moving later steps up.
    Status removeStep(qint64 planId, int position);
    // Moves the step at `from` to `to`, shifting the steps in between.
    Status moveStep(qint64 planId, int from, int to);
    // Marks the plan accepted by the counselor now (or clears the mark).
    Status setAccepted(qint64 planId, bool accepted);
    Result<PlanVersionInfo> info(qint64 planId);

private:
    Result<Plan> load(const QString &where, const QVariantList &values);
    // The id of `body` in plan_texts, adding it when new.
    Result<qint64> textId(const QString &body);
    Result<int> stepCount(qint64 planId);
    Status bindStep(qint64 planId, int position, const PlanStep &step);
    // Moves steps with from <= position < to by `delta` (+1 or -1), without
    // breaking UNIQUE (plan_id, position) halfway.
    Status shift(qint64 planId, int from, int to, int delta);

    Database &m_db;
    QHash<QString, qint64> m_textIds;
    int m_rollbacksSeen = 0;
};

} // namespace pathway
