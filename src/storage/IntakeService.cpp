#include "pathway/storage/IntakeService.h"

#include "pathway/core/StrategyEngine.h"
#include "pathway/core/Validation.h"
#include "pathway/storage/ClientRepository.h"
#include "pathway/storage/Database.h"
#include "pathway/storage/DraftRepository.h"
#include "pathway/storage/PlanRepository.h"

#include <QObject>

namespace pathway::intake {

Result<qint64> complete(Database &db, const StrategyEngine &engine, const Client &client,
                        const QDate &today, qint64 draftId)
{
    if (const auto errors = validateClient(client, today); !errors.isEmpty())
        return Error{Error::Code::Invalid,
                     QObject::tr("The profile is not complete: %1").arg(describe(errors))};
    ClientRepository clients(db, engine.thresholds());
    PlanRepository plans(db);
    DraftRepository drafts(db);
    qint64 id = 0;
    const Status done = db.transaction([&]() -> Status {
        auto added = clients.add(client);
        if (!added)
            return added.error();
        id = added.value();
        Client stored = client;
        stored.id = id;
        Plan plan = engine.propose(stored, today);
        if (Status s = plans.save(plan, stored); !s)
            return s;
        if (draftId != 0)
            return drafts.remove(draftId);
        return {};
    });
    if (!done)
        return done.error();
    return id;
}

} // namespace pathway::intake
