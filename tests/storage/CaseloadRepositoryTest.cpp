#include "StorageSupport.h"
#include "TestSupport.h"

#include "pathway/core/IncomeThresholds.h"
#include "pathway/core/RuleBase.h"
#include "pathway/core/StrategyEngine.h"
#include "pathway/storage/CaseloadRepository.h"
#include "pathway/storage/ClientRepository.h"
#include "pathway/storage/Database.h"
#include "pathway/storage/NoteRepository.h"
#include "pathway/storage/PlanRepository.h"
#include "pathway/storage/UserRepository.h"

#include <QSqlQuery>

#include <QTemporaryDir>

#include <catch2/catch.hpp>

using namespace pathway;

TEST_CASE("The caseload filters by name, status, bracket, barrier and counselor")
{
    QTemporaryDir dir;
    auto db = test::openAsSystem(dir.filePath(QStringLiteral("c.sqlite")));
    REQUIRE(db.ok());
    ClientRepository clients(*db.value(), IncomeThresholds::builtIn());
    Client a = test::sampleClient(); // Zoë Ñúñez-Łukasiewicz, lower middle, stigma + finances
    Client b = test::sampleClient();
    b.firstName = QStringLiteral("Ana");
    b.lastName = QStringLiteral("García López");
    b.annualIncome = 300000;
    b.barriers = {{BarrierCode::Health, 1, {}}};
    b.counselor = QStringLiteral("bnguyen");
    b.status = ClientStatus::Closed;
    Client c = test::sampleClient();
    c.firstName = QStringLiteral("Omar");
    c.lastName = QStringLiteral("100%_Real");
    const qint64 ida = clients.add(a).value();
    const qint64 idb = clients.add(b).value();
    const qint64 idc = clients.add(c).value();

    CaseloadRepository caseload(*db.value());
    auto ids = [&](const CaseloadFilter &f) {
        auto r = caseload.matchingIds(f);
        REQUIRE(r.ok());
        return r.value();
    };
    CHECK(ids({}) == QVector<qint64>({idc, idb, ida})); // by last name
    CaseloadFilter f;
    f.text = QStringLiteral("ana");
    CHECK(ids(f) == QVector<qint64>{idb});
    f.text = QStringLiteral("  Ana   lóp "); // words anywhere a name part starts
    CHECK(ids(f) == QVector<qint64>{idb});
    f.text = QStringLiteral("100%_");
    CHECK(ids(f) == QVector<qint64>{idc}); // wildcards are literal
    f.text = QStringLiteral("%");
    CHECK(ids(f).isEmpty());

    CaseloadFilter status;
    status.status = ClientStatus::Closed;
    CHECK(ids(status) == QVector<qint64>{idb});
    CaseloadFilter bracket;
    bracket.bracket = IncomeBracket::High;
    CHECK(ids(bracket) == QVector<qint64>{idb});
    CaseloadFilter barrier;
    barrier.barrier = BarrierCode::Stigma;
    CHECK(ids(barrier) == QVector<qint64>({idc, ida}));
    CaseloadFilter counselor;
    counselor.counselor = QStringLiteral("bnguyen");
    CHECK(ids(counselor) == QVector<qint64>{idb});

    auto rows = caseload.rows({ida, idb});
    REQUIRE(rows.ok());
    REQUIRE(rows->size() == 2);
    CHECK(rows->at(0).id == ida);
    CHECK(rows->at(0).topBarriers ==
          QVector<BarrierCode>({BarrierCode::Stigma, BarrierCode::Finances}));
    CHECK(rows->at(1).counselor == QStringLiteral("bnguyen"));
    CHECK(rows->at(1).bracket == IncomeBracket::High);
}

TEST_CASE("Caseload rows show plan progress, the next due step and the last contact")
{
    QTemporaryDir dir;
    auto db = test::openAsSystem(dir.filePath(QStringLiteral("c.sqlite")));
    REQUIRE(db.ok());
    ClientRepository clients(*db.value(), IncomeThresholds::builtIn());
    Client zoe = test::sampleClient();
    zoe.id = clients.add(zoe).value();
    Client none = test::sampleClient();
    none.firstName = QStringLiteral("Ana");
    none.id = clients.add(none).value();

    const StrategyEngine engine(RuleBase::builtIn(), IncomeThresholds::builtIn());
    PlanRepository plans(*db.value());
    Plan old = engine.propose(zoe, QDate(2026, 1, 1));
    REQUIRE(plans.save(old, zoe).ok());
    Plan plan = engine.propose(zoe, QDate(2026, 6, 1));
    REQUIRE(plan.steps.size() >= 4);
    plan.steps[0].status = StepStatus::Done;
    plan.steps[1].status = StepStatus::Dropped;
    plan.steps[2].status = StepStatus::InProgress;
    plan.steps[2].dueDate = QDate(2026, 7, 1);
    plan.steps[3].dueDate = QDate(2026, 6, 20); // earliest open step
    plan.steps[3].title = QStringLiteral("Call Zoë's mentor");
    for (int i = 4; i < plan.steps.size(); ++i)
        plan.steps[i].dueDate = QDate(2026, 8, 1);
    REQUIRE(plans.save(plan, zoe).ok());

    NoteRepository notes(*db.value());
    CaseNote a{0, zoe.id, QStringLiteral("agarcia"), QStringLiteral("first"),
               QDateTime(QDate(2026, 10, 1), QTime(8, 0), Qt::UTC)};
    CaseNote b{0, zoe.id, QStringLiteral("agarcia"), QStringLiteral("second"),
               QDateTime(QDate(2026, 11, 20), QTime(16, 45), Qt::UTC)};
    REQUIRE(notes.add(b).ok());
    REQUIRE(notes.add(a).ok());

    CaseloadRepository caseload(*db.value());
    auto rows = caseload.rows({zoe.id, none.id});
    REQUIRE(rows.ok());
    REQUIRE(rows->size() == 2);
    const CaseloadRow &r = rows->at(0);
    CHECK(r.stepsDone == 1);
    CHECK(r.stepsTotal == plan.steps.size() - 1);
    CHECK(r.nextDueDate == QDate(2026, 6, 20));
    CHECK(r.nextDueTitle == QStringLiteral("Call Zoë's mentor"));
    CHECK(r.lastContact == b.createdAt);
    const CaseloadRow &n = rows->at(1);
    CHECK(n.stepsTotal == 0);
    CHECK_FALSE(n.nextDueDate.isValid());
    CHECK_FALSE(n.lastContact.isValid());

    // No full scan of plans, steps or notes: a page costs a few seeks per client.
    QSqlQuery q(db.value()->connection());
    REQUIRE(q.exec(QStringLiteral(
        "EXPLAIN QUERY PLAN SELECT p.client_id, "
        "(SELECT count(*) FROM plan_steps s WHERE s.plan_id = p.id AND s.status = 'done'), "
        "n.due_date FROM plans p "
        "LEFT JOIN plan_steps n ON n.id = (SELECT s.id FROM plan_steps s WHERE s.plan_id = p.id "
        "AND s.status IN ('planned', 'in_progress') ORDER BY s.due_date, s.position LIMIT 1) "
        "WHERE p.client_id IN (1, 2) AND p.version = "
        "(SELECT MAX(v.version) FROM plans v WHERE v.client_id = p.client_id)")));
    QStringList steps;
    while (q.next())
        steps << q.value(3).toString();
    INFO(steps.join(QStringLiteral(" | ")).toStdString());
    for (const QString &step : steps)
        CHECK_FALSE(
            (step.startsWith(QStringLiteral("SCAN")) && !step.contains(QStringLiteral("INDEX"))));
    REQUIRE(q.exec(QStringLiteral("EXPLAIN QUERY PLAN SELECT client_id, MAX(created_at) FROM "
                                  "case_notes WHERE client_id IN (1, 2) GROUP BY client_id")));
    REQUIRE(q.next());
    CHECK(q.value(3).toString().contains(QStringLiteral("case_notes_client")));
}

TEST_CASE("The caseload finds overdue clients and plans by review status, rows count overdue "
          "steps and list every barrier")
{
    QTemporaryDir dir;
    auto db = test::openAsSystem(dir.filePath(QStringLiteral("c.sqlite")));
    REQUIRE(db.ok());
    Database &d = *db.value();
    REQUIRE(UserRepository(d)
                .ensure(QStringLiteral("agarcia"), QStringLiteral("Ana García"), Role::Counselor)
                .ok());
    ClientRepository clients(d, IncomeThresholds::builtIn());
    Client zoe = test::sampleClient(); // agarcia
    zoe.id = clients.add(zoe).value();
    Client omar = test::sampleClient();
    omar.firstName = QStringLiteral("Omar");
    omar.lastName = QStringLiteral("Haddad");
    omar.counselor.clear();
    omar.id = clients.add(omar).value();
    Client ana = test::sampleClient(); // no plan
    ana.firstName = QStringLiteral("Ana");
    ana.id = clients.add(ana).value();

    const StrategyEngine engine(RuleBase::builtIn(), IncomeThresholds::builtIn());
    PlanRepository plans(d);
    Plan plan = engine.propose(zoe, QDate(2026, 6, 1));
    REQUIRE(plan.steps.size() >= 4);
    for (PlanStep &s : plan.steps)
        s.dueDate = QDate(2027, 3, 1);
    plan.steps[0].status = StepStatus::Done; // due in the past but done
    plan.steps[0].dueDate = QDate(2026, 7, 1);
    plan.steps[0].completedOn = QDate(2026, 7, 1);
    plan.steps[1].dueDate = QDate(2026, 11, 1); // overdue, planned
    plan.steps[2].status = StepStatus::InProgress;
    plan.steps[2].dueDate = QDate(2026, 11, 20); // overdue, in progress
    plan.steps[3].status = StepStatus::Dropped;
    plan.steps[3].dueDate = QDate(2026, 8, 1); // dropped: not overdue
    REQUIRE(plans.save(plan, zoe).ok());
    REQUIRE(plans.setAccepted(plan.id, true).ok());

    // Omar's first version had an overdue step; the current one has none.
    Plan old = engine.propose(omar, QDate(2026, 1, 1));
    old.steps[0].dueDate = QDate(2026, 2, 1);
    REQUIRE(plans.save(old, omar).ok());
    Plan current = engine.propose(omar, QDate(2026, 11, 1));
    for (PlanStep &s : current.steps)
        s.dueDate = QDate(2027, 1, 1);
    REQUIRE(plans.save(current, omar).ok());
    QSqlQuery set(d.connection());
    REQUIRE(set.exec(
        QStringLiteral("UPDATE plans SET review_status = 'approved' WHERE id = %1").arg(old.id)));
    REQUIRE(set.exec(QStringLiteral("UPDATE plans SET review_status = 'returned' WHERE id = %1")
                         .arg(current.id)));

    CaseloadRepository caseload(d);
    const auto ids = [&](const CaseloadFilter &f) {
        auto r = caseload.matchingIds(f);
        REQUIRE(r.ok());
        return r.value();
    };
    CaseloadFilter overdue;
    overdue.overdueOnly = true;
    overdue.today = test::today();
    CHECK(ids(overdue) == QVector<qint64>{zoe.id});
    overdue.today = QDate(2026, 10, 1); // nothing was due yet
    CHECK(ids(overdue).isEmpty());
    overdue.today = QDate(2027, 6, 1); // Omar's current steps are late by then too
    CHECK(ids(overdue) == QVector<qint64>({omar.id, zoe.id}));
    overdue.text = QStringLiteral("omar");
    CHECK(ids(overdue) == QVector<qint64>{omar.id});
    CHECK_FALSE(overdue == CaseloadFilter{});

    CaseloadFilter review;
    review.review = ReviewStatus::Pending;
    CHECK(ids(review) == QVector<qint64>{zoe.id});
    review.review = ReviewStatus::Returned;
    CHECK(ids(review) == QVector<qint64>{omar.id});
    review.review = ReviewStatus::Approved; // only an old version was approved
    CHECK(ids(review).isEmpty());
    review.review = ReviewStatus::None; // a client without a plan has no review either
    CHECK(ids(review).isEmpty());

    auto rows = caseload.rows({zoe.id, omar.id, ana.id}, test::today());
    REQUIRE(rows.ok());
    REQUIRE(rows->size() == 3);
    const CaseloadRow &z = rows->at(0);
    CHECK(z.overdueSteps == 2);
    CHECK(z.review == ReviewStatus::Pending);
    CHECK(z.counselor == QStringLiteral("agarcia"));
    CHECK(z.counselorName == QStringLiteral("Ana García"));
    CHECK(z.barriers == QVector<BarrierCode>({BarrierCode::Stigma, BarrierCode::Finances}));
    CHECK(z.topBarriers == z.barriers);
    CHECK(z.nextDueDate == QDate(2026, 11, 1));
    const CaseloadRow &o = rows->at(1);
    CHECK(o.overdueSteps == 0);
    CHECK(o.review == ReviewStatus::Returned);
    CHECK(o.counselor.isEmpty());
    CHECK(o.counselorName.isEmpty());
    const CaseloadRow &a = rows->at(2);
    CHECK(a.overdueSteps == 0);
    CHECK(a.review == ReviewStatus::None);
    CHECK(caseload.rows({zoe.id}, QDate(2026, 11, 10))->at(0).overdueSteps == 1);

    // The lists follow changes made since, here and through another connection.
    overdue = CaseloadFilter{};
    overdue.overdueOnly = true;
    overdue.today = test::today();
    REQUIRE(ids(overdue) == QVector<qint64>{zoe.id});
    for (int step : {1, 2}) {
        PlanStep done = plan.steps[step];
        done.status = StepStatus::Done;
        done.completedOn = QDate(2026, 11, 22);
        REQUIRE(plans.updateStep(plan.id, step, done).ok());
    }
    CHECK(ids(overdue).isEmpty());
    Plan next = engine.propose(zoe, QDate(2026, 1, 1)); // a new version, overdue from the start
    REQUIRE(plans.save(next, zoe).ok());
    CHECK(ids(overdue) == QVector<qint64>{zoe.id});
    review.review = ReviewStatus::Returned;
    REQUIRE(ids(review) == QVector<qint64>{omar.id});
    {
        auto other = test::openAsSystem(d.path());
        REQUIRE(other.ok());
        QSqlQuery change(other.value()->connection());
        REQUIRE(change.exec(QStringLiteral("UPDATE plans SET review_status = 'approved' WHERE "
                                           "id = %1")
                                .arg(current.id)));
    }
    CHECK(ids(review).isEmpty());
    review.review = ReviewStatus::Approved;
    CHECK(ids(review) == QVector<qint64>{omar.id});

    // The overdue filter starts from the open steps' partial index.
    QSqlQuery q(d.connection());
    REQUIRE(q.exec(QStringLiteral(
        "EXPLAIN QUERY PLAN SELECT s.plan_id FROM plan_steps s WHERE s.status IN ('planned', "
        "'in_progress') AND s.due_date < '2026-11-23'")));
    QString queryPlan;
    while (q.next())
        queryPlan += q.value(3).toString();
    INFO(queryPlan.toStdString());
    CHECK(queryPlan.contains(QStringLiteral("plan_steps_open_due")));
}
