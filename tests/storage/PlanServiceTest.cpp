#include "StorageSupport.h"
#include "TestSupport.h"

#include "pathway/core/DemoGenerator.h"
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
    auto db = test::openAsSystem(dir.filePath(QStringLiteral("d.sqlite")));
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
    // An audit entry per demo user's new account, and three with the counts:
    // not one per client, plan or note.
    CHECK(scalar(d, QStringLiteral("SELECT count(*) FROM audit_log")) == demoUsers().size() + 3);
    CHECK(scalar(d, QStringLiteral("SELECT count(*) FROM audit_log WHERE entity = 'user'")) ==
          demoUsers().size());
    CHECK(scalar(d, QStringLiteral("SELECT count(*) FROM audit_log WHERE action = 'create' AND "
                                   "((entity = 'client' AND detail = '400 clients') OR (entity "
                                   "= 'plan' AND detail = 'demo: 400 plans') OR (entity = 'note' "
                                   "AND detail = 'demo: ' || (SELECT count(*) FROM case_notes) "
                                   "|| ' notes'))")) == 3);
}

TEST_CASE("Demo plans are accepted, awaiting review, approved or returned with a comment")
{
    QTemporaryDir dir;
    const StrategyEngine engine(RuleBase::builtIn(), IncomeThresholds::builtIn());
    QStringList reviews[2];
    for (int run = 0; run < 2; ++run) {
        auto db = test::openAsSystem(dir.filePath(QStringLiteral("d%1.sqlite").arg(run)));
        REQUIRE(db.ok());
        Database &d = *db.value();
        REQUIRE(addDemoCaseload(d, engine, 600, 9, test::today()).ok());
        const auto count = [&](const char *status) {
            return scalar(d, QStringLiteral("SELECT count(*) FROM plans WHERE review_status = '%1'")
                                 .arg(QLatin1String(status)));
        };
        const int none = count("none");
        const int pending = count("pending");
        const int approved = count("approved");
        const int returned = count("returned");
        INFO(none << " none, " << pending << " pending, " << approved << " approved, " << returned
                  << " returned");
        CHECK(none + pending + approved + returned == 600);
        CHECK(none > 10);
        CHECK(none < 200);
        CHECK(pending > 30);
        CHECK(approved > 250);
        CHECK(returned > 5);
        CHECK(returned < 60);
        // Accepted exactly when under review or reviewed, never before the plan started.
        CHECK(scalar(d, QStringLiteral("SELECT count(*) FROM plans WHERE (accepted_at IS NULL) "
                                       "<> (review_status = 'none')")) == 0);
        CHECK(scalar(d, QStringLiteral("SELECT count(*) FROM plans WHERE substr(accepted_at, 1, "
                                       "10) < start_date OR substr(accepted_at, 1, 10) > "
                                       "'2026-11-23'")) == 0);
        // The latest decision matches the status, by the supervisor; returned
        // plans say why; some pending plans were returned before.
        CHECK(scalar(d, QStringLiteral(
                            "SELECT count(*) FROM plans p JOIN plan_reviews r ON r.id = (SELECT "
                            "MAX(x.id) FROM plan_reviews x WHERE x.plan_id = p.id) JOIN users u "
                            "ON u.id = r.reviewer_id WHERE u.username = 'sreyes' AND "
                            "r.decision = p.review_status")) == approved + returned);
        CHECK(scalar(d, QStringLiteral("SELECT count(*) FROM plan_reviews WHERE decision = "
                                       "'returned' AND comment = ''")) == 0);
        CHECK(scalar(d, QStringLiteral("SELECT count(*) FROM plans p WHERE review_status = "
                                       "'pending' AND EXISTS (SELECT 1 FROM plan_reviews r WHERE "
                                       "r.plan_id = p.id)")) > 0);
        CHECK(scalar(d, QStringLiteral("SELECT count(*) FROM plan_reviews WHERE substr(created_at, "
                                       "1, 10) > '2026-11-23'")) == 0);
        QSqlQuery q(d.connection());
        REQUIRE(q.exec(QStringLiteral(
            "SELECT p.client_id, p.review_status, p.accepted_at, r.decision, r.comment, "
            "r.created_at FROM plans p LEFT JOIN plan_reviews r ON r.plan_id = p.id ORDER BY "
            "p.client_id, r.id")));
        while (q.next()) {
            QStringList row;
            for (int i = 0; i < 6; ++i)
                row << q.value(i).toString();
            reviews[run] << row.join(QLatin1Char('|'));
        }
    }
    CHECK(reviews[0] == reviews[1]); // the same seed gives the same reviews
}

TEST_CASE("Replanning makes a new version for everyone, keeping start dates and progress")
{
    QTemporaryDir dir;
    auto db = test::openAsSystem(dir.filePath(QStringLiteral("r.sqlite")));
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
    // One audit entry per batch, none per plan: together they count 150.
    const qint64 batches = scalar(d, QStringLiteral("SELECT count(*) FROM audit_log WHERE "
                                                    "detail LIKE 'replan: %'"));
    CHECK(batches >= 1);
    CHECK(scalar(d, QStringLiteral("SELECT sum(CAST(substr(detail, 9) AS INTEGER)) FROM "
                                   "audit_log WHERE detail LIKE 'replan: %'")) == 150);
    // The demo's entries (a user each, three more) and the batches'.
    CHECK(scalar(d, QStringLiteral("SELECT count(*) FROM audit_log")) ==
          demoUsers().size() + 3 + batches);
    CHECK(after.startDate == before.startDate);
    REQUIRE(after.steps.size() == before.steps.size()); // same rules, same profile
    for (int i = 0; i < after.steps.size(); ++i) {
        CHECK(after.steps[i].status == before.steps[i].status);
        CHECK(after.steps[i].completedOn == before.steps[i].completedOn);
    }
}

TEST_CASE("Replanning one client touches only that client")
{
    QTemporaryDir dir;
    auto db = test::openAsSystem(dir.filePath(QStringLiteral("r.sqlite")));
    REQUIRE(db.ok());
    Database &d = *db.value();
    const StrategyEngine engine(RuleBase::builtIn(), IncomeThresholds::builtIn());
    REQUIRE(addDemoCaseload(d, engine, 50, 5, test::today()).ok());
    REQUIRE(planning::replan(d, engine, test::today(), qint64(3)).value() == 1);
    CHECK(scalar(d, QStringLiteral("SELECT count(*) FROM plans WHERE version = 2")) == 1);
    CHECK(scalar(d, QStringLiteral("SELECT client_id FROM plans WHERE version = 2")) == 3);

    auto missing = planning::replan(d, engine, test::today(), qint64(999));
    REQUIRE_FALSE(missing.ok());
    CHECK(missing.error().code == Error::Code::NotFound);
}

namespace {

// A counselor's own step and an edit of an engine step, made on client
// `clientId`'s current plan as the app makes them.
struct CounselorWork
{
    PlanStep own;
    PlanStep edited; // the engine step as the counselor changed it
};

CounselorWork addCounselorWork(Database &d, qint64 clientId)
{
    PlanRepository plans(d);
    const Plan plan = plans.current(clientId).value().value();
    REQUIRE(plan.steps.size() >= 2);
    CounselorWork work;
    work.own.title = QStringLiteral("Visit the library's job club on Tuesdays");
    work.own.description = QStringLiteral("Bring the CV printed twice.");
    work.own.category = Category::Networking;
    work.own.phase = Phase::Connect;
    work.own.dueDate = test::today().addDays(20);
    REQUIRE(plans.insertStep(plan.id, int(plan.steps.size()), work.own).ok());
    work.edited = plan.steps[1];
    work.edited.title = QStringLiteral("Our own wording of this step");
    work.edited.description = QStringLiteral("As agreed at the meeting.");
    work.edited.dueDate = test::today().addDays(45);
    work.edited.status = StepStatus::InProgress;
    REQUIRE(plans.updateStep(plan.id, 1, work.edited).ok());
    return work;
}

// Both are in `plan`: the own step as it was, the edited step with its edits.
void checkKept(const Plan &plan, const CounselorWork &work)
{
    int own = 0;
    int edited = 0;
    for (const PlanStep &s : plan.steps) {
        if (s.strategyId.isEmpty() && s.title == work.own.title) {
            ++own;
            CHECK(s.description == work.own.description);
            CHECK(s.dueDate == work.own.dueDate);
        }
        if (s.strategyId == work.edited.strategyId) {
            ++edited;
            CHECK(s.title == work.edited.title);
            CHECK(s.description == work.edited.description);
            CHECK(s.dueDate == work.edited.dueDate);
            CHECK(s.status == StepStatus::InProgress);
        }
    }
    CHECK(own == 1);
    CHECK(edited == 1);
}

} // namespace

TEST_CASE("Replanning and the app's Regenerate keep the counselor's own steps and edits alike")
{
    QTemporaryDir dir;
    auto db = test::openAsSystem(dir.filePath(QStringLiteral("r.sqlite")));
    REQUIRE(db.ok());
    Database &d = *db.value();
    const StrategyEngine engine(RuleBase::builtIn(), IncomeThresholds::builtIn());
    REQUIRE(addDemoCaseload(d, engine, 20, 3, test::today()).ok());
    PlanRepository plans(d);
    const CounselorWork work = addCounselorWork(d, 5);

    SECTION("the app's Regenerate (preview, then save)")
    {
        auto preview = planning::previewRegeneration(d, engine, 5, test::today());
        REQUIRE(preview.ok());
        ClientRepository clients(d, engine.thresholds());
        REQUIRE(plans.save(preview.value().next, clients.get(5).value()).ok());
    }
    SECTION("replan of one client")
    {
        REQUIRE(planning::replan(d, engine, test::today(), qint64(5)).ok());
    }
    SECTION("replan of everyone")
    {
        REQUIRE(planning::replan(d, engine, test::today()).ok());
    }
    const Plan after = plans.current(5).value().value();
    CHECK(after.version == 2);
    checkKept(after, work);
}

TEST_CASE("An interrupted replan keeps the batches it finished, and the next run does the rest")
{
    QTemporaryDir dir;
    auto db = test::openAsSystem(dir.filePath(QStringLiteral("r.sqlite")));
    REQUIRE(db.ok());
    Database &d = *db.value();
    const StrategyEngine engine(RuleBase::builtIn(), IncomeThresholds::builtIn());
    REQUIRE(addDemoCaseload(d, engine, 300, 5, test::today()).ok());
    const QDate day = test::today().addDays(7);

    // Stopped after the first batch (as a kill between two batches would).
    // Batches of one chunk (64 clients) whatever the machine's speed: with
    // time-bound batches a fast machine did all 300 in the first.
    qint64 doneAtStop = 0;
    auto stopped = planning::replan(
        d, engine, day, std::nullopt,
        [&](qint64 done, qint64) {
            doneAtStop = done;
            return false;
        },
        0);
    REQUIRE(doneAtStop == 64);
    REQUIRE_FALSE(stopped.ok());
    CHECK(stopped.error().message.contains(QStringLiteral("run the replan again")));
    // The batch done is kept whole: the first clients by id, nobody else.
    CHECK(scalar(d, QStringLiteral("SELECT count(*) FROM plans WHERE version = 2")) == doneAtStop);
    CHECK(scalar(d, QStringLiteral("SELECT max(client_id) FROM plans WHERE version = 2")) ==
          scalar(d, QStringLiteral("SELECT max(id) FROM (SELECT id FROM clients ORDER BY id "
                                   "LIMIT %1)")
                        .arg(doneAtStop)));

    // The next run does the rest: every client has exactly one new version.
    qint64 lastDone = 0;
    auto rest = planning::replan(d, engine, day, std::nullopt, [&](qint64 done, qint64 total) {
        CHECK(total == 300);
        lastDone = done;
        return true;
    });
    REQUIRE(rest.ok());
    CHECK(rest.value() == 300 - doneAtStop);
    CHECK(lastDone == 300);
    CHECK(scalar(d, QStringLiteral("SELECT count(*) FROM plans WHERE version = 2")) == 300);
    CHECK(scalar(d, QStringLiteral("SELECT count(*) FROM plans WHERE version = 3")) == 0);
    CHECK(scalar(d, QStringLiteral("SELECT count(*) FROM database_settings WHERE name = "
                                   "'replan_resume'")) == 0);
    // A later run (finished, so not resumed) regenerates everyone again.
    CHECK(planning::replan(d, engine, day).value() == 300);
    CHECK(scalar(d, QStringLiteral("SELECT count(*) FROM plans WHERE version = 3")) == 300);
}
