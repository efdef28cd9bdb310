#include "pathway/storage/DemoData.h"

#include "pathway/core/DemoGenerator.h"
#include "pathway/storage/ClientRepository.h"
#include "pathway/storage/Database.h"
#include "pathway/storage/UserRepository.h"

namespace pathway {

Status addDemoCaseload(Database &db, const IncomeThresholds &thresholds, int count,
                       std::uint64_t seed, const std::function<bool(int)> &progress)
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
        ClientRepository repo(db, thresholds);
        return repo.addMany(clients, progress);
    });
}

} // namespace pathway
