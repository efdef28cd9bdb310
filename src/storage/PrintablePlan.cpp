#include "pathway/storage/PrintablePlan.h"

#include "pathway/core/StrategyEngine.h"
#include "pathway/storage/AuditLog.h"
#include "pathway/storage/ClientRepository.h"
#include "pathway/storage/Database.h"
#include "pathway/storage/PlanRepository.h"
#include "pathway/storage/UserRepository.h"

namespace pathway {

Result<PrintablePlan> printablePlan(Database &db, const Client &client, const QDate &today,
                                    const EngineSource &engine, PrintUse use)
{
    PrintablePlan printable;
    printable.client = client;
    // current() checks that the actor may see the client.
    auto stored = PlanRepository(db).current(client.id);
    if (!stored)
        return stored.error();
    printable.isDraft = !stored->has_value();
    if (printable.isDraft) {
        auto source = engine();
        if (!source)
            return source.error();
        printable.plan = source.value()->propose(client, today);
    } else {
        printable.plan = **stored;
    }
    auto user = UserRepository(db).find(client.counselor);
    if (!user)
        return user.error();
    printable.counselorName = user->has_value() ? (*user)->displayName : client.counselor;
    QString detail = printable.isDraft
                         ? QStringLiteral("proposed plan")
                         : QStringLiteral("plan version %1").arg(printable.plan.version);
    AuditAction action = AuditAction::Print;
    if (use == PrintUse::Preview) {
        action = AuditAction::PrintPreview;
    } else if (use == PrintUse::Pdf) {
        action = AuditAction::Export;
        detail = QStringLiteral("PDF, ") + detail;
    }
    // A read: recorded without waiting for another program's write (kept
    // and written after when the file is locked, audit::recordSoon).
    if (const Status logged =
            audit::recordSoon(db, action, QStringLiteral("client"), client.id, detail);
        !logged)
        return logged.error();
    return printable;
}

Result<PrintablePlan> printablePlan(Database &db, const StrategyEngine &engine, qint64 clientId,
                                    const QDate &today, PrintUse use)
{
    // get() checks access (NotFound, Forbidden) and records the view.
    auto client = ClientRepository(db, engine.thresholds()).get(clientId);
    if (!client)
        return client.error();
    return printablePlan(
        db, client.value(), today,
        [&engine]() -> Result<const StrategyEngine *> { return &engine; }, use);
}

} // namespace pathway
