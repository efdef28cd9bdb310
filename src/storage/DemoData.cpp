#include "pathway/storage/DemoData.h"

#include "pathway/core/DemoGenerator.h"
#include "pathway/core/StrategyEngine.h"
#include "pathway/storage/Access.h"
#include "pathway/storage/AuditLog.h"
#include "pathway/storage/ClientRepository.h"
#include "pathway/storage/Database.h"
#include "pathway/storage/PlanRepository.h"
#include "pathway/storage/Supervision.h"
#include "pathway/storage/UserRepository.h"

#include "SqliteStatement.h"

#include <QDateTime>
#include <QObject>

#include <algorithm>
#include <iterator>

namespace pathway {

namespace {

// What a supervisor said when returning a demo plan: about the plan, never
// about the person.
const char *const kReturnComments[] = {
    "Add a concrete step for the transport barrier before the job search starts.",
    "The training step needs more time: give it at least eight weeks.",
    "Check the benefits step with the client before committing to it.",
    "Too many steps in the first month; spread them out.",
    "Add a follow-up contact after the interview coaching.",
};
const char *const kApproveComments[] = {
    "", "", "", "Good plan.", "Well paced.",
};

// One review decision on a demo plan.
struct DemoDecision
{
    ReviewStatus decision = ReviewStatus::Approved;
    QDateTime at;
    const char *comment = "";
};

// Where demo plan `index` stands with its supervisor on `today`: most plans
// older than a couple of weeks were accepted and reviewed, recent ones are
// proposals or await review, a few were returned with a comment (some of
// them since accepted again and pending).
struct DemoReviewState
{
    ReviewStatus status = ReviewStatus::None;
    QDateTime acceptedAt;
    QVector<DemoDecision> decisions; // oldest first
};

QDateTime demoTime(DemoRandom &rng, const QDate &day)
{
    return QDateTime(day, QTime(8 + rng.below(9), rng.below(60)), Qt::UTC);
}

DemoReviewState demoReview(std::uint64_t seed, int index, const QDate &start, const QDate &today)
{
    DemoRandom rng(seed * 0xd1342543de82ef95ULL + std::uint64_t(index) * 131 + 17);
    DemoReviewState out;
    const qint64 age = start.daysTo(today);
    if (age < 3 || !rng.chance(age < 14 ? 0.5 : 0.9))
        return out; // still a proposal
    QDate accepted = std::min(today, start.addDays(rng.between(0, 6)));
    out.status = ReviewStatus::Pending;
    out.acceptedAt = demoTime(rng, accepted);
    const double roll = rng.unit();
    // About one in six reviews sends the plan back first.
    if (roll < 0.16) {
        const QDate returned = accepted.addDays(rng.between(1, 7));
        if (returned > today)
            return out;
        out.decisions.append({ReviewStatus::Returned, demoTime(rng, returned),
                              kReturnComments[rng.below(int(std::size(kReturnComments)))]});
        out.status = ReviewStatus::Returned;
        if (roll < 0.06)
            return out; // the counselor has not answered yet
        accepted = returned.addDays(rng.between(1, 5));
        if (accepted > today)
            return out;
        out.status = ReviewStatus::Pending;
        out.acceptedAt = demoTime(rng, accepted);
    }
    const QDate reviewed = accepted.addDays(rng.between(1, 12));
    if (reviewed > today || rng.chance(0.08))
        return out; // awaiting review
    out.decisions.append({ReviewStatus::Approved, demoTime(rng, reviewed),
                          kApproveComments[rng.below(int(std::size(kApproveComments)))]});
    out.status = ReviewStatus::Approved;
    return out;
}

} // namespace

Status addDemoCaseload(Database &db, const StrategyEngine &engine, int count, std::uint64_t seed,
                       const QDate &today, const std::function<bool(int)> &progress)
{
    if (const Status allowed = access::requireAdmin(db, QObject::tr("add demo data")); !allowed)
        return allowed;
    QVector<Client> clients = demoCaseload(count, seed);
    return db.transaction([&]() -> Status {
        UserRepository users(db);
        qint64 reviewerId = 0;
        for (const DemoUser &u : demoUsers()) {
            Role role = Role::Counselor;
            roleFromCode(QString::fromLatin1(u.role), role);
            auto id = users.ensure(QString::fromLatin1(u.username),
                                   QString::fromUtf8(u.displayName), role);
            if (!id)
                return id.error();
            if (role == Role::Supervisor && reviewerId == 0)
                reviewerId = id.value();
        }
        // Clients count for half the work, their plans for the other half.
        ClientRepository repo(db, engine.thresholds());
        const auto half = [&](int n) { return !progress || progress(n / 2); };
        if (Status added = repo.addMany(clients, half); !added)
            return added;
        PlanRepository plans(db);
        plans.setAuditEachSave(false); // one entry for all of them, below
        SqliteStatement &accept =
            db.fast("UPDATE plans SET accepted_at = ?, review_status = ? WHERE id = ?");
        SqliteStatement &review = db.fast("INSERT INTO plan_reviews (plan_id, decision, comment, "
                                          "reviewer_id, created_at) VALUES (?, ?, ?, ?, ?)");
        for (int i = 0; i < clients.size(); ++i) {
            Plan plan = engine.propose(clients[i], demoPlanStart(seed, i, today));
            simulateProgress(plan, seed, i, today);
            if (Status saved = plans.save(plan, clients[i]); !saved)
                return saved;
            const DemoReviewState state = demoReview(seed, i, plan.startDate, today);
            if (state.status != ReviewStatus::None) {
                accept.bind(1, state.acceptedAt.toString(Qt::ISODate));
                accept.bind(2, reviewStatusCode(state.status));
                accept.bind(3, plan.id);
                if (!accept.run())
                    return db.statementError(accept,
                                             QObject::tr("accepting demo plan %1").arg(plan.id));
            }
            for (const DemoDecision &d : state.decisions) {
                review.bind(1, plan.id);
                review.bind(2, reviewStatusCode(d.decision));
                review.bind(3, QString::fromLatin1(d.comment));
                review.bind(4, reviewerId);
                review.bind(5, d.at.toString(Qt::ISODateWithMs));
                if (!review.run())
                    return db.statementError(review,
                                             QObject::tr("reviewing demo plan %1").arg(plan.id));
            }
            if (progress && (i + 1) % 1000 == 0 && !progress((count + i + 1) / 2))
                return Error{Error::Code::Invalid, QObject::tr("Cancelled; nothing was saved.")};
        }
        if (Status logged = audit::record(db, AuditAction::Create, QStringLiteral("plan"), 0,
                                          QStringLiteral("demo: %1 plans").arg(clients.size()));
            !logged)
            return logged;
        if (progress)
            progress(count);
        return {};
    });
}

} // namespace pathway
