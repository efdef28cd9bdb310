#include "TestSupport.h"

#include "pathway/core/IncomeThresholds.h"
#include "pathway/core/RuleBase.h"
#include "pathway/core/StrategyEngine.h"
#include "pathway/storage/CaseloadRepository.h"
#include "pathway/storage/ClientRepository.h"
#include "pathway/storage/Database.h"
#include "pathway/storage/NoteRepository.h"
#include "pathway/storage/PlanRepository.h"

#include <QSqlQuery>

#include <QTemporaryDir>

#include <catch2/catch.hpp>

using namespace pathway;

TEST_CASE("The caseload filters by name, status, bracket, barrier and counselor")
{
    QTemporaryDir dir;
    auto db = Database::open(dir.filePath(QStringLiteral("c.sqlite")));
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
    auto db = Database::open(dir.filePath(QStringLiteral("c.sqlite")));
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
