#include "TestSupport.h"

#include "pathway/core/IncomeThresholds.h"
#include "pathway/core/RuleBase.h"
#include "pathway/core/StrategyEngine.h"
#include "pathway/storage/ClientRepository.h"
#include "pathway/storage/Database.h"
#include "pathway/storage/PlanRepository.h"

#include <QSqlQuery>
#include <QTemporaryDir>

#include <catch2/catch.hpp>

using namespace pathway;

namespace {
struct Fixture
{
    QTemporaryDir dir;
    std::unique_ptr<Database> db;
    StrategyEngine engine{RuleBase::builtIn(), IncomeThresholds::builtIn()};
    Client client = test::sampleClient();
    Fixture()
    {
        auto opened = Database::open(dir.filePath(QStringLiteral("p.sqlite")));
        REQUIRE(opened.ok());
        db = std::move(opened.value());
        ClientRepository clients(*db, IncomeThresholds::builtIn());
        client.id = clients.add(client).value();
    }
};
} // namespace

TEST_CASE("A plan is stored and read back exactly, with its rule version and profile")
{
    Fixture f;
    PlanRepository plans(*f.db);
    Plan plan = f.engine.propose(f.client, QDate(2026, 12, 1));
    plan.steps[0].status = StepStatus::Done;
    plan.steps[0].completedOn = QDate(2026, 12, 5);
    plan.steps[1].status = StepStatus::Dropped;
    plan.steps[1].statusNote = QStringLiteral("Already has a mentor — Zoë's aunt");
    REQUIRE(plans.save(plan, f.client).ok());
    CHECK(plan.version == 1);
    CHECK(plan.clientId == f.client.id);

    auto current = plans.current(f.client.id);
    REQUIRE(current.ok());
    REQUIRE(current.value().has_value());
    CHECK(*current.value() == plan);
    CHECK(current.value()->rulesVersion == RuleBase::builtIn().version());
    CHECK(current.value()->steps[0].rationale.contains(QStringLiteral("Zoë")) ==
          plan.steps[0].rationale.contains(QStringLiteral("Zoë")));

    auto snapshot = plans.profileSnapshot(plan.id);
    REQUIRE(snapshot.ok());
    CHECK(snapshot->contains("\"first_name\":\"Zoë\""));
}

TEST_CASE("Regenerating makes a new version and the old one stays readable")
{
    Fixture f;
    PlanRepository plans(*f.db);
    Plan first = f.engine.propose(f.client, QDate(2026, 12, 1));
    REQUIRE(plans.save(first, f.client).ok());

    Client changed = f.client;
    changed.barriers.clear();
    changed.employmentStatus = EmploymentStatus::EmployedFullTime;
    changed.weeksUnemployed = 0;
    Plan second = f.engine.propose(changed, QDate(2027, 1, 1));
    REQUIRE(plans.save(second, changed).ok());
    CHECK(second.version == 2);

    CHECK(plans.current(f.client.id).value()->version == 2);
    auto old = plans.version(f.client.id, 1);
    REQUIRE(old.ok());
    CHECK(old.value() == first);
    auto versions = plans.versions(f.client.id);
    REQUIRE(versions.ok());
    REQUIRE(versions->size() == 2);
    CHECK(versions->at(0).startDate == QDate(2026, 12, 1));
    CHECK(versions->at(1).startDate == QDate(2027, 1, 1));
    auto missing = plans.version(f.client.id, 3);
    REQUIRE_FALSE(missing.ok());
    CHECK(missing.error().code == Error::Code::NotFound);
}

TEST_CASE("A client without a plan has none; a plan needs a stored client")
{
    Fixture f;
    PlanRepository plans(*f.db);
    auto none = plans.current(f.client.id);
    REQUIRE(none.ok());
    CHECK_FALSE(none.value().has_value());
    Plan plan = f.engine.propose(f.client, QDate(2026, 12, 1));
    Client unsaved = test::sampleClient();
    CHECK_FALSE(plans.save(plan, unsaved).ok());
}

TEST_CASE("Step texts are stored once however many plans use them")
{
    Fixture f;
    PlanRepository plans(*f.db);
    for (int i = 0; i < 5; ++i) {
        Plan plan = f.engine.propose(f.client, QDate(2026, 12, 1));
        REQUIRE(plans.save(plan, f.client).ok());
    }
    QSqlQuery q(f.db->connection());
    REQUIRE(q.exec(QStringLiteral(
        "SELECT count(*) FROM plan_texts WHERE body = (SELECT body FROM plan_texts t "
        "JOIN plan_steps s ON s.title_id = t.id LIMIT 1)")));
    REQUIRE(q.next());
    CHECK(q.value(0).toInt() == 1);
}

TEST_CASE("A failed save leaves no plan and no stray texts behind")
{
    Fixture f;
    PlanRepository plans(*f.db);
    Plan plan = f.engine.propose(f.client, QDate(2026, 12, 1));
    const Status s = f.db->transaction([&]() -> Status {
        REQUIRE(plans.save(plan, f.client).ok());
        return Error{Error::Code::Invalid, QStringLiteral("abandon")};
    });
    CHECK_FALSE(s.ok());
    CHECK_FALSE(plans.current(f.client.id).value().has_value());
    // The text cache noticed the rollback: saving again works.
    Plan again = f.engine.propose(f.client, QDate(2026, 12, 1));
    REQUIRE(plans.save(again, f.client).ok());
    CHECK(plans.current(f.client.id).value()->steps.size() == again.steps.size());
}
