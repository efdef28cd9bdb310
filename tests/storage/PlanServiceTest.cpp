#include "TestSupport.h"

#include "pathway/core/IncomeThresholds.h"
#include "pathway/core/RuleBase.h"
#include "pathway/core/StrategyEngine.h"
#include "pathway/storage/ClientRepository.h"
#include "pathway/storage/Database.h"
#include "pathway/storage/DemoData.h"
#include "pathway/storage/PlanRepository.h"
#include "pathway/storage/PlanService.h"

#include <QSqlQuery>
#include <QTemporaryDir>

#include <catch2/catch.hpp>

using namespace pathway;

namespace {
int scalar(Database &db, const QString &sql)
{
    QSqlQuery q(db.connection());
    REQUIRE(q.exec(sql));
    REQUIRE(q.next());
    return q.value(0).toInt();
}
} // namespace

TEST_CASE("The demo caseload has a plan per client with realistic progress")
{
    QTemporaryDir dir;
    auto db = Database::open(dir.filePath(QStringLiteral("d.sqlite")));
    REQUIRE(db.ok());
    Database &d = *db.value();
    const StrategyEngine engine(RuleBase::builtIn(), IncomeThresholds::builtIn());
    REQUIRE(addDemoCaseload(d, engine, 400, 3, test::today()).ok());
    CHECK(scalar(d, QStringLiteral("SELECT count(*) FROM clients")) == 400);
    CHECK(scalar(d, QStringLiteral("SELECT count(DISTINCT client_id) FROM plans")) == 400);
    const int steps = scalar(d, QStringLiteral("SELECT count(*) FROM plan_steps"));
    const int done =
        scalar(d, QStringLiteral("SELECT count(*) FROM plan_steps WHERE status = 'done'"));
    const int inProgress =
        scalar(d, QStringLiteral("SELECT count(*) FROM plan_steps WHERE status = 'in_progress'"));
    const int dropped =
        scalar(d, QStringLiteral("SELECT count(*) FROM plan_steps WHERE status = 'dropped'"));
    const int overdue =
        scalar(d, QStringLiteral("SELECT count(*) FROM plan_steps WHERE status IN ('planned', "
                                 "'in_progress') AND due_date < '2026-11-23'"));
    CHECK(done > steps / 5);
    CHECK(inProgress > steps / 20);
    CHECK(dropped > 0);
    CHECK(overdue > steps / 50);
    CHECK(overdue < steps / 3);
    // Done steps carry a completion date, never before the plan started.
    CHECK(scalar(d, QStringLiteral("SELECT count(*) FROM plan_steps WHERE status = 'done' AND "
                                   "completed_on IS NULL")) == 0);
    CHECK(scalar(d, QStringLiteral(
                        "SELECT count(*) FROM plan_steps s JOIN plans p ON p.id = s.plan_id "
                        "WHERE s.completed_on < p.start_date")) == 0);
}

TEST_CASE("Replanning makes a new version for everyone, keeping start dates and progress")
{
    QTemporaryDir dir;
    auto db = Database::open(dir.filePath(QStringLiteral("r.sqlite")));
    REQUIRE(db.ok());
    Database &d = *db.value();
    const StrategyEngine engine(RuleBase::builtIn(), IncomeThresholds::builtIn());
    REQUIRE(addDemoCaseload(d, engine, 150, 4, test::today()).ok());
    PlanRepository plans(d);
    const Plan before = plans.current(7).value().value();

    qint64 lastDone = 0;
    auto made = planning::replan(d, engine, test::today().addDays(30), std::nullopt,
                                 [&](qint64 done, qint64 total) {
                                     CHECK(total == 150);
                                     lastDone = done;
                                     return true;
                                 });
    REQUIRE(made.ok());
    CHECK(made.value() == 150);
    CHECK(lastDone == 150);
    CHECK(scalar(d, QStringLiteral("SELECT count(*) FROM plans WHERE version = 2")) == 150);
    const Plan after = plans.current(7).value().value();
    CHECK(after.version == 2);
    CHECK(after.startDate == before.startDate);
    REQUIRE(after.steps.size() == before.steps.size()); // same rules, same profile
    for (int i = 0; i < after.steps.size(); ++i) {
        CHECK(after.steps[i].status == before.steps[i].status);
        CHECK(after.steps[i].completedOn == before.steps[i].completedOn);
    }
}

TEST_CASE("Replanning one client touches only that client; a cancelled replan changes nothing")
{
    QTemporaryDir dir;
    auto db = Database::open(dir.filePath(QStringLiteral("r.sqlite")));
    REQUIRE(db.ok());
    Database &d = *db.value();
    const StrategyEngine engine(RuleBase::builtIn(), IncomeThresholds::builtIn());
    REQUIRE(addDemoCaseload(d, engine, 50, 5, test::today()).ok());
    REQUIRE(planning::replan(d, engine, test::today(), qint64(3)).value() == 1);
    CHECK(scalar(d, QStringLiteral("SELECT count(*) FROM plans WHERE version = 2")) == 1);
    CHECK(scalar(d, QStringLiteral("SELECT client_id FROM plans WHERE version = 2")) == 3);

    auto cancelled = planning::replan(d, engine, test::today(), std::nullopt,
                                      [](qint64, qint64) { return false; });
    CHECK_FALSE(cancelled.ok());
    CHECK(scalar(d, QStringLiteral("SELECT count(*) FROM plans")) == 51);

    auto missing = planning::replan(d, engine, test::today(), qint64(999));
    REQUIRE_FALSE(missing.ok());
    CHECK(missing.error().code == Error::Code::NotFound);
}
