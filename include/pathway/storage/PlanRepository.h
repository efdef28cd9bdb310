#pragma once

#include "pathway/core/Client.h"
#include "pathway/core/Plan.h"
#include "pathway/core/Result.h"
#include "pathway/storage/Supervision.h"

#include <QDateTime>
#include <QHash>
#include <QVector>

#include <functional>
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
    ReviewStatus review = ReviewStatus::None;
    // The latest review decision, if any (a returned plan's comment stays
    // here after the counselor accepts it again, until the next decision).
    QString reviewComment;
    QString reviewer;     // user name; empty when there is no review yet
    QDateTime reviewedAt; // UTC; invalid when there is no review yet
};

// SQL for plans and plan steps lives here and nowhere else. Plans are
// versioned: saving a client's plan adds a version; older ones stay readable.
//
// Every call checks that the database's actor may see the plan's client
// (storage/Access.h): NotFound for a missing client or plan, Forbidden for
// another counselor's. New versions and edits are recorded in the audit trail.
class PlanRepository
{
public:
    explicit PlanRepository(Database &db) : m_db(db) {}

    // Stores `plan` as the next version of `client`'s plan, with the profile it
    // was made from. Sets plan.id, plan.clientId and plan.version on success.
    // A new version starts unaccepted (review None). Audit: Create, "version N".
    Status save(Plan &plan, const Client &client);

    // Bulk paths (replanning everyone, demo data) record one audit entry for
    // the whole run instead of one per plan: with `false`, save() still checks
    // access to each client but leaves the audit entry to the caller.
    void setAuditEachSave(bool record) { m_auditEachSave = record; }

    // The newest version, or nullopt when the client has no plan yet.
    Result<std::optional<Plan>> current(qint64 clientId);
    // The newest version of the plan of every client with an id in
    // [from, to] that the actor may see, by client id, for replanning many
    // clients at once (rationales are the stored templates, not filled in).
    Result<QHash<qint64, Plan>> currentPlans(qint64 from, qint64 to);
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
    // Marks the plan accepted by the counselor now, which puts it up for
    // review (Pending, also after it was returned), or clears the mark
    // (review None).
    Status setAccepted(qint64 planId, bool accepted);
    // Puts back the acceptance time and review status a plan had before
    // setAccepted (its undo): a returned plan accepted again is "returned"
    // once more. An approval is a supervisor's to give, so for anyone else
    // an approved plan comes back "pending" (up for review again).
    Status restoreAcceptance(qint64 planId, const QDateTime &acceptedAt, ReviewStatus review);
    Result<PlanVersionInfo> info(qint64 planId);

private:
    Result<Plan> load(const QString &where, const QVariantList &values);
    // Sets accepted_at (NULL when invalid) and review_status; `detail` goes
    // to the audit trail.
    Status writeAcceptance(qint64 planId, const QDateTime &acceptedAt, ReviewStatus review,
                           const QString &detail);
    // The id of `body` in plan_texts, adding it when new.
    Result<qint64> textId(const QString &body);
    Result<int> stepCount(qint64 planId);
    // Access to the client of a plan being saved, on the bulk-write path.
    Status checkClient(qint64 clientId);
    // Access check, `work` and an Update audit entry, in one transaction.
    Status editPlan(qint64 planId, const std::function<Result<QString>()> &work);
    Status bindStep(qint64 planId, int position, const PlanStep &step);
    // Moves steps with from <= position < to by `delta` (+1 or -1), without
    // breaking UNIQUE (plan_id, position) halfway.
    Status shift(qint64 planId, int from, int to, int delta);

    Database &m_db;
    QHash<QString, qint64> m_textIds;
    int m_rollbacksSeen = 0;
    bool m_auditEachSave = true;
};

} // namespace pathway
