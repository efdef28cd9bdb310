#include "pathway/storage/PlanService.h"

#include "pathway/core/PlanRegeneration.h"
#include "pathway/core/StrategyEngine.h"
#include "pathway/storage/Access.h"
#include "pathway/storage/AuditLog.h"
#include "pathway/storage/ClientRepository.h"
#include "pathway/storage/Database.h"
#include "pathway/storage/PlanRepository.h"

#include <QObject>

namespace pathway::planning {

namespace {

constexpr qint64 kChunk = 2000;

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
            auto previous = plans.currentPlans(start, end);
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
                // The same carry-over as the app's Regenerate: progress, the
                // counselor's edits and own steps stay. A client without a
                // plan gets a first one starting today.
                Plan plan = regenerate(previous->value(c.id), c, engine, today).next;
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

Result<Regeneration> previewRegeneration(Database &db, const StrategyEngine &engine,
                                         qint64 clientId, const QDate &today)
{
    auto client = ClientRepository(db, engine.thresholds()).get(clientId);
    if (!client)
        return client.error();
    auto current = PlanRepository(db).current(clientId);
    if (!current)
        return current.error();
    return regenerate(current->value_or(Plan()), client.value(), engine, today);
}

} // namespace pathway::planning
