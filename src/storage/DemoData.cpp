#include "pathway/storage/DemoData.h"

#include "pathway/core/DemoGenerator.h"
#include "pathway/core/StrategyEngine.h"
#include "pathway/storage/ClientRepository.h"
#include "pathway/storage/Database.h"
#include "pathway/storage/PlanRepository.h"
#include "pathway/storage/UserRepository.h"

namespace pathway {

Status addDemoCaseload(Database &db, const StrategyEngine &engine, int count, std::uint64_t seed,
                       const QDate &today, const std::function<bool(int)> &progress)
{
    QVector<Client> clients = demoCaseload(count, seed);
    return db.transaction([&]() -> Status {
        UserRepository users(db);
        for (const DemoUser &u : demoUsers()) {
            Role role = Role::Counselor;
            roleFromCode(QString::fromLatin1(u.role), role);
            auto id = users.ensure(QString::fromLatin1(u.username),
                                   QString::fromUtf8(u.displayName), role);
            if (!id)
                return id.error();
        }
        // Clients count for half the work, their plans for the other half.
        ClientRepository repo(db, engine.thresholds());
        const auto half = [&](int n) { return !progress || progress(n / 2); };
        if (Status added = repo.addMany(clients, half); !added)
            return added;
        PlanRepository plans(db);
        for (int i = 0; i < clients.size(); ++i) {
            Plan plan = engine.propose(clients[i], demoPlanStart(seed, i, today));
            simulateProgress(plan, seed, i, today);
            if (Status saved = plans.save(plan, clients[i]); !saved)
                return saved;
            if (progress && (i + 1) % 1000 == 0 && !progress((count + i + 1) / 2))
                return Error{Error::Code::Invalid, QObject::tr("Cancelled; nothing was saved.")};
        }
        if (progress)
            progress(count);
        return {};
    });
}

} // namespace pathway
