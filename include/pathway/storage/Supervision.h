#pragma once

#include "pathway/core/Result.h"

#include <QDateTime>
#include <QString>
#include <QVector>

namespace pathway {

class Database;

// Where a plan stands with its supervisor.
enum class ReviewStatus
{
    None,    // a proposal the counselor has not accepted yet
    Pending, // accepted by the counselor, awaiting review
    Approved,
    Returned, // sent back with a comment for the counselor
};

QString reviewStatusCode(ReviewStatus status);
QString reviewStatusLabel(ReviewStatus status);
ReviewStatus reviewStatusFromCode(const QString &code); // None when unknown

// One decision on a plan version.
struct PlanReview
{
    qint64 id = 0;
    qint64 planId = 0;
    ReviewStatus decision = ReviewStatus::Approved; // Approved or Returned
    QString comment;
    QString reviewer; // user name
    QDateTime at;     // UTC
};

// Plan review and reassignment, by supervisors and admins; each is one
// transaction and recorded in the audit trail.
namespace supervision {

// Whether a supervisor may take `decision` (Approved or Returned) on a plan
// whose review is `current`: approve a plan awaiting review; return one
// awaiting review or approved. A proposal waits for its counselor's
// acceptance, a returned plan for the counselor to accept it again.
bool mayDecide(ReviewStatus current, ReviewStatus decision);

// Approves plan `planId` (which must be awaiting review); Invalid otherwise.
Status approvePlan(Database &db, qint64 planId, const QString &comment = {});
// Returns it to the counselor with `comment` (required, at most 2,000
// characters); the plan must be awaiting review or approved.
Status returnPlan(Database &db, qint64 planId, const QString &comment);
// The decisions on a plan, newest first; whoever may see the client.
Result<QVector<PlanReview>> reviews(Database &db, qint64 planId);
Result<ReviewStatus> reviewStatus(Database &db, qint64 planId);

// Gives every client in `clientIds` to the active counselor `toUsername`, all
// or none; one audit entry per client ("from a to b"). Returns how many
// changed counselor.
Result<int> reassign(Database &db, const QVector<qint64> &clientIds, const QString &toUsername);

} // namespace supervision
} // namespace pathway
