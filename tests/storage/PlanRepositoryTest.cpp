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

TEST_CASE("Steps of a stored plan are edited, added, moved, removed and the plan accepted")
{
    Fixture f;
    PlanRepository plans(*f.db);
    Plan plan = f.engine.propose(f.client, QDate(2026, 12, 1));
    REQUIRE(plan.steps.size() >= 4);
    REQUIRE(plans.save(plan, f.client).ok());
    auto reread = [&] { return plans.current(f.client.id).value().value(); };

    PlanStep edited = plan.steps[1];
    edited.title = QStringLiteral("Meet Zoë's mentor at the library");
    edited.description = QStringLiteral("Bring the CV.");
    edited.dueDate = QDate(2027, 1, 15);
    edited.status = StepStatus::Dropped;
    edited.statusNote = QStringLiteral("Found a mentor herself");
    REQUIRE(plans.updateStep(plan.id, 1, edited).ok());
    plan.steps[1] = edited;
    CHECK(reread().steps == plan.steps);

    PlanStep done = plan.steps[0];
    done.status = StepStatus::Done;
    done.completedOn = QDate(2026, 12, 3);
    REQUIRE(plans.updateStep(plan.id, 0, done).ok());
    plan.steps[0] = done;
    CHECK(reread().steps == plan.steps);

    PlanStep own;
    own.title = QStringLiteral("Visit the job fair");
    own.category = Category::JobPlacement;
    own.phase = Phase::Connect;
    own.dueDate = QDate(2027, 2, 1);
    REQUIRE(plans.insertStep(plan.id, 2, own).ok());
    plan.steps.insert(2, own);
    CHECK(reread().steps == plan.steps);

    const int last = int(plan.steps.size()) - 1;
    REQUIRE(plans.moveStep(plan.id, 0, last).ok());
    plan.steps.move(0, last);
    CHECK(reread().steps == plan.steps);
    REQUIRE(plans.moveStep(plan.id, last, 1).ok());
    plan.steps.move(last, 1);
    CHECK(reread().steps == plan.steps);

    REQUIRE(plans.removeStep(plan.id, 3).ok());
    plan.steps.remove(3);
    CHECK(reread().steps == plan.steps);

    CHECK(plans.updateStep(plan.id, 99, own).error().code == Error::Code::NotFound);
    CHECK(plans.moveStep(plan.id, 0, 99).error().code == Error::Code::NotFound);
    CHECK_FALSE(plans.insertStep(plan.id, 99, own).ok());
    CHECK(plans.removeStep(plan.id + 7, 0).error().code == Error::Code::NotFound);
    CHECK(reread().steps == plan.steps);

    CHECK_FALSE(plans.info(plan.id)->acceptedAt.isValid());
    REQUIRE(plans.setAccepted(plan.id, true).ok());
    CHECK(plans.info(plan.id)->acceptedAt.isValid());
    CHECK(plans.versions(f.client.id)->at(0).acceptedAt.isValid());
    REQUIRE(plans.setAccepted(plan.id, false).ok());
    CHECK_FALSE(plans.info(plan.id)->acceptedAt.isValid());
    auto problems = f.db->check();
    REQUIRE(problems.ok());
    CHECK(problems->isEmpty());
}
