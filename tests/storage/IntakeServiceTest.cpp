#include "StorageSupport.h"
#include "TestSupport.h"

#include "pathway/core/IncomeThresholds.h"
#include "pathway/core/RuleBase.h"
#include "pathway/core/StrategyEngine.h"
#include "pathway/storage/ClientRepository.h"
#include "pathway/storage/Database.h"
#include "pathway/storage/DraftRepository.h"
#include "pathway/storage/IntakeService.h"
#include "pathway/storage/PlanRepository.h"
#include "pathway/storage/UserRepository.h"

#include <QSqlQuery>
#include <QTemporaryDir>

#include <catch2/catch.hpp>

using namespace pathway;

namespace {
int count(Database &db, const char *table)
{
    QSqlQuery q(db.connection());
    REQUIRE(q.exec(QStringLiteral("SELECT count(*) FROM %1").arg(QLatin1String(table))));
    REQUIRE(q.next());
    return q.value(0).toInt();
}
} // namespace

TEST_CASE("Finishing an intake stores the client and plan version 1 and drops the draft")
{
    QTemporaryDir dir;
    auto db = test::openAsSystem(dir.filePath(QStringLiteral("i.sqlite")));
    REQUIRE(db.ok());
    const StrategyEngine engine(RuleBase::builtIn(), IncomeThresholds::builtIn());
    DraftRepository drafts(*db.value());
    IntakeDraft draft;
    draft.label = QStringLiteral("Zoë");
    REQUIRE(drafts.save(draft).ok());

    const Client client = test::sampleClient();
    auto id = intake::complete(*db.value(), engine, client, test::today(), draft.id);
    REQUIRE(id.ok());
    ClientRepository clients(*db.value(), IncomeThresholds::builtIn());
    Client stored = clients.get(id.value()).value();
    Client expected = client;
    expected.id = id.value();
    CHECK(stored == expected);
    PlanRepository plans(*db.value());
    auto plan = plans.current(id.value());
    REQUIRE(plan.ok());
    REQUIRE(plan->has_value());
    CHECK(plan.value()->version == 1);
    CHECK(plan.value()->steps == engine.propose(expected, test::today()).steps);
    CHECK(drafts.list()->isEmpty());

    // The new client (and the account of its counselor, whom the database
    // did not know), its plan and the draft's removal are in the trail (and
    // the reads above: the client's view).
    QSqlQuery q(db.value()->connection());
    REQUIRE(q.exec(QStringLiteral("SELECT action || ' ' || entity || ' ' || record_id FROM "
                                  "audit_log WHERE action <> 'view' ORDER BY id")));
    QStringList trail;
    while (q.next())
        trail << q.value(0).toString();
    const qint64 counselorId =
        UserRepository(*db.value()).find(client.counselor).value().value().id;
    CHECK(trail == QStringList({QStringLiteral("create draft %1").arg(draft.id),
                                QStringLiteral("create user %1").arg(counselorId),
                                QStringLiteral("create client %1").arg(id.value()),
                                QStringLiteral("create plan %1").arg(plan.value()->id),
                                QStringLiteral("delete draft %1").arg(draft.id)}));
}

TEST_CASE("A refused intake writes nothing")
{
    QTemporaryDir dir;
    auto db = test::openAsSystem(dir.filePath(QStringLiteral("i.sqlite")));
    REQUIRE(db.ok());
    const StrategyEngine engine(RuleBase::builtIn(), IncomeThresholds::builtIn());
    Client bad = test::sampleClient();
    bad.email = QStringLiteral("not-an-email");
    auto id = intake::complete(*db.value(), engine, bad, test::today());
    REQUIRE_FALSE(id.ok());
    CHECK(id.error().message.contains(QStringLiteral("email")));

    // A failure after the client rows are written (here: the plan insert)
    // rolls everything back, and the draft stays.
    DraftRepository drafts(*db.value());
    IntakeDraft draft;
    draft.label = QStringLiteral("x");
    REQUIRE(drafts.save(draft).ok());
    QSqlQuery q(db.value()->connection());
    REQUIRE(q.exec(QStringLiteral("CREATE TRIGGER no_plans BEFORE INSERT ON plans BEGIN "
                                  "SELECT RAISE(ABORT, 'plans are closed'); END")));
    auto failed =
        intake::complete(*db.value(), engine, test::sampleClient(), test::today(), draft.id);
    REQUIRE_FALSE(failed.ok());
    CHECK(count(*db.value(), "clients") == 0);
    CHECK(count(*db.value(), "client_barriers") == 0);
    CHECK(count(*db.value(), "plans") == 0);
    CHECK(count(*db.value(), "intake_drafts") == 1);
    CHECK(count(*db.value(), "audit_log") == 1); // the draft's creation only
}
