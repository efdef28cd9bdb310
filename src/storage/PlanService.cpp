#include "pathway/storage/PlanService.h"

#include "pathway/core/StrategyEngine.h"
#include "pathway/storage/Access.h"
#include "pathway/storage/AuditLog.h"
#include "pathway/storage/ClientRepository.h"
#include "pathway/storage/Database.h"
#include "pathway/storage/PlanRepository.h"

#include <QHash>
#include <QObject>
#include <QSqlQuery>
#include <QVariant>

namespace pathway::planning {

namespace {

constexpr qint64 kChunk = 2000;

struct StepProgress
{
    StepStatus status = StepStatus::Planned;
    QString note;
    QDate completedOn;
};

struct PreviousPlan
{
    QDate startDate;
    QHash<QString, StepProgress> steps; // by strategy id; only steps with progress
};

// The newest plan of each client in [from, to]: its start date and the steps
// already under way, so a new version does not lose them.
Result<QHash<qint64, PreviousPlan>> previousPlans(Database &db, qint64 from, qint64 to)
{
    QSqlQuery q = db.prepare(QStringLiteral(
        "SELECT p.client_id, p.start_date, s.strategy_id, s.status, s.status_note, s.completed_on "
        "FROM plans p LEFT JOIN plan_steps s ON s.plan_id = p.id AND s.status <> 'planned' "
        "WHERE p.client_id BETWEEN ? AND ? "
        "AND p.version = (SELECT MAX(x.version) FROM plans x WHERE x.client_id = p.client_id)"));
    q.addBindValue(from);
    q.addBindValue(to);
    if (!q.exec())
        return db.queryError(q, QObject::tr("reading the current plans"));
    QHash<qint64, PreviousPlan> out;
    while (q.next()) {
        PreviousPlan &prev = out[q.value(0).toLongLong()];
        prev.startDate = QDate::fromString(q.value(1).toString(), Qt::ISODate);
        const QString strategy = q.value(2).toString();
        if (strategy.isEmpty())
            continue;
        StepProgress &step = prev.steps[strategy];
        step.status = fromCode<StepStatus>(q.value(3).toString()).value_or(StepStatus::Planned);
        step.note = q.value(4).toString();
        step.completedOn = QDate::fromString(q.value(5).toString(), Qt::ISODate);
    }
    return out;
}

} // namespace

Result<qint64> replan(Database &db, const StrategyEngine &engine, const QDate &today,
                      std::optional<qint64> clientId,
                      const std::function<bool(qint64, qint64)> &progress)
{
    ClientRepository clients(db, engine.thresholds());
    PlanRepository plans(db);
    qint64 from = 1;
    qint64 last = 0;
    qint64 total = 1;
    if (clientId) {
        from = last = *clientId;
        if (Status allowed = access::checkClient(db, *clientId); !allowed)
            return allowed.error();
    } else {
        // Everyone the actor may see (count, maxId and forEach are limited to
        // them); one audit entry for the whole run, not one per plan.
        plans.setAuditEachSave(false);
        auto max = clients.maxId();
        auto count = clients.count();
        if (!max)
            return max.error();
        if (!count)
            return count.error();
        last = max.value();
        total = count.value();
    }

    qint64 done = 0;
    const Status result = db.transaction([&]() -> Status {
        for (qint64 start = from; start <= last; start += kChunk) {
            const qint64 end = std::min(last, start + kChunk - 1);
            auto previous = previousPlans(db, start, end);
            if (!previous)
                return previous.error();
            QVector<Client> chunk;
            if (Status read = clients.forEach(
                    [&](const Client &c) {
                        chunk.append(c);
                        return true;
                    },
                    start, end);
                !read)
                return read;
            for (const Client &c : std::as_const(chunk)) {
                const auto prev = previous->constFind(c.id);
                const bool hadPlan = prev != previous->constEnd();
                Plan plan = engine.propose(c, hadPlan && prev->startDate.isValid() ? prev->startDate
                                                                                   : today);
                if (hadPlan) {
                    for (PlanStep &step : plan.steps) {
                        const auto kept = prev->steps.constFind(step.strategyId);
                        if (kept == prev->steps.constEnd())
                            continue;
                        step.status = kept->status;
                        step.statusNote = kept->note;
                        step.completedOn = kept->completedOn;
                    }
                }
                if (Status saved = plans.save(plan, c); !saved)
                    return saved;
                ++done;
            }
            if (progress && !progress(done, total))
                return Error{Error::Code::Invalid, QObject::tr("Cancelled; no plan was changed.")};
        }
        if (clientId)
            return {}; // PlanRepository::save recorded the one new version
        return audit::record(db, AuditAction::Create, QStringLiteral("plan"), 0,
                             QStringLiteral("replan: %1 new versions").arg(done));
    });
    if (!result)
        return result.error();
    return done;
}

} // namespace pathway::planning
