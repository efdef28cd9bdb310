#include "StorageSupport.h"
#include "TestSupport.h"

#include "pathway/core/IncomeThresholds.h"
#include "pathway/core/RuleBase.h"
#include "pathway/core/StrategyEngine.h"
#include "pathway/storage/CaseloadRepository.h"
#include "pathway/storage/ClientRepository.h"
#include "pathway/storage/Database.h"
#include "pathway/storage/DemoData.h"
#include "pathway/storage/NameIndex.h"
#include "pathway/storage/NoteRepository.h"
#include "pathway/storage/PlanRepository.h"
#include "pathway/storage/UserRepository.h"

#include <QSqlQuery>

#include <QTemporaryDir>

#include <catch2/catch.hpp>

#include <algorithm>
#include <string>
#include <vector>

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

    // In the order asked for, an id given twice read once per mention (its
    // barriers not doubled), an unknown id left out; pages reuse statements.
    auto again = caseload.rows({idc, ida, 999999, ida});
    REQUIRE(again.ok());
    REQUIRE(again->size() == 3);
    CHECK(again->at(0).id == idc);
    CHECK(again->at(1).id == ida);
    CHECK(again->at(2).id == ida);
    CHECK(again->at(2).barriers ==
          QVector<BarrierCode>({BarrierCode::Stigma, BarrierCode::Finances}));
    CHECK(again->at(0).lastName == QStringLiteral("100%_Real"));
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
        "WHERE p.client_id IN (SELECT value FROM json_each('[1,2]')) AND p.version = "
        "(SELECT MAX(v.version) FROM plans v WHERE v.client_id = p.client_id)")));
    QStringList steps;
    while (q.next())
        steps << q.value(3).toString();
    INFO(steps.join(QStringLiteral(" | ")).toStdString());
    for (const QString &step : steps)
        CHECK_FALSE(
            (step.startsWith(QStringLiteral("SCAN")) && !step.contains(QStringLiteral("INDEX"))));
    REQUIRE(q.exec(
        QStringLiteral("EXPLAIN QUERY PLAN SELECT client_id, MAX(created_at) FROM "
                       "case_notes WHERE client_id IN (SELECT value FROM json_each('[1,2]')) "
                       "GROUP BY client_id")));
    QStringList noteSteps;
    while (q.next())
        noteSteps << q.value(3).toString();
    INFO(noteSteps.join(QStringLiteral(" | ")).toStdString());
    CHECK(noteSteps.filter(QStringLiteral("case_notes_client")).size() == 1);
    CHECK(noteSteps.filter(QStringLiteral("SCAN case_notes")).isEmpty());
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

namespace {
// Every field of a caseload row, to compare two readings of it.
std::string describe(const CaseloadRow &r)
{
    QStringList barriers;
    for (BarrierCode b : r.barriers)
        barriers << toCode(b);
    QStringList top;
    for (BarrierCode b : r.topBarriers)
        top << toCode(b);
    return QStringList{QString::number(r.id),
                       r.firstName,
                       r.lastName,
                       toCode(r.bracket),
                       barriers.join(QLatin1Char(';')),
                       top.join(QLatin1Char(';')),
                       r.counselor,
                       r.counselorName,
                       toCode(r.status),
                       QString::number(r.stepsDone),
                       QString::number(r.stepsTotal),
                       r.nextDueDate.toString(Qt::ISODate),
                       r.nextDueTitle,
                       QString::number(r.overdueSteps),
                       reviewStatusCode(r.review),
                       r.lastContact.toString(Qt::ISODateWithMs)}
        .join(QLatin1Char('|'))
        .toStdString();
}
} // namespace

TEST_CASE("The whole-caseload export gives the rows the pages give, in order, in the actor's "
          "scope")
{
    QTemporaryDir dir;
    auto db = test::openAsSystem(dir.filePath(QStringLiteral("c.sqlite")));
    REQUIRE(db.ok());
    Database &d = *db.value();
    const StrategyEngine engine(RuleBase::builtIn(), IncomeThresholds::builtIn());
    REQUIRE(addDemoCaseload(d, engine, 300, 11, test::today()).ok());
    // Notes for every third client, two for some; and steps edited so that
    // the next due step is not the first one.
    NoteRepository notes(d);
    for (qint64 id = 1; id <= 300; id += 3) {
        const QDateTime at(QDate(2026, 9, 1).addDays(id % 60), QTime(9, int(id % 60)), Qt::UTC);
        CaseNote seen{0, id, QStringLiteral("agarcia"), QStringLiteral("seen"), at};
        REQUIRE(notes.add(seen).ok());
        CaseNote again{0, id, QStringLiteral("agarcia"), QStringLiteral("again"), at.addDays(3)};
        if (id % 2 == 0)
            REQUIRE(notes.add(again).ok());
    }
    PlanRepository plans(d);
    for (qint64 client : {5, 6, 7}) {
        auto plan = plans.current(client);
        REQUIRE(plan.ok());
        REQUIRE(plan->has_value());
        PlanStep last = (*plan)->steps.last();
        last.dueDate = QDate(2026, 1, 2);
        last.status = StepStatus::InProgress;
        REQUIRE(plans.updateStep((*plan)->id, int((*plan)->steps.size()) - 1, last).ok());
    }

    CaseloadRepository caseload(d);
    const auto compare = [&](const CaseloadFilter &filter, const QDate &today) {
        auto ids = caseload.matchingIds(filter);
        REQUIRE(ids.ok());
        auto paged = caseload.rows(ids.value(), today);
        REQUIRE(paged.ok());
        std::vector<std::string> exported;
        REQUIRE(caseload
                    .forEachRow(ids.value(), today,
                                [&](const CaseloadRow &row) -> Status {
                                    exported.push_back(describe(row));
                                    return {};
                                })
                    .ok());
        std::vector<std::string> expected;
        for (const CaseloadRow &row : paged.value())
            expected.push_back(describe(row));
        CHECK(exported == expected);
        return exported.size();
    };
    CHECK(compare({}, test::today()) == 300);
    CHECK(compare({}, QDate(2027, 6, 1)) == 300); // other steps are late then
    CaseloadFilter overdue;
    overdue.overdueOnly = true;
    overdue.today = test::today();
    CHECK(compare(overdue, test::today()) > 0);

    // A few clients (less than a seventh) are read page by page: same rows,
    // in the order asked for, an unknown id left out.
    std::vector<qint64> few;
    REQUIRE(caseload
                .forEachRow({40, 3, 999999, 17}, QDate(2027, 6, 1),
                            [&](const CaseloadRow &row) -> Status {
                                few.push_back(row.id);
                                auto paged = caseload.rows({row.id}, QDate(2027, 6, 1));
                                REQUIRE(paged.ok());
                                CHECK(describe(row) == describe(paged->at(0)));
                                return {};
                            })
                .ok());
    CHECK(few == std::vector<qint64>{40, 3, 17});

    // A counselor gets only their own clients, even when asked for others.
    QVector<qint64> everyone;
    for (qint64 id = 1; id <= 300; ++id)
        everyone << id;
    const User counselor = UserRepository(d).find(QStringLiteral("bnguyen")).value().value();
    d.setActor(Actor::person(counselor));
    std::vector<qint64> seen;
    REQUIRE(caseload
                .forEachRow(everyone, test::today(),
                            [&](const CaseloadRow &row) -> Status {
                                seen.push_back(row.id);
                                CHECK(row.counselor == QStringLiteral("bnguyen"));
                                return {};
                            })
                .ok());
    QSqlQuery own(d.connection());
    REQUIRE(own.exec(
        QStringLiteral("SELECT count(*) FROM clients WHERE counselor_id = %1").arg(counselor.id)));
    REQUIRE(own.next());
    CHECK(qint64(seen.size()) == own.value(0).toLongLong());
    CHECK(std::is_sorted(seen.begin(), seen.end()));
    CHECK(compare({}, test::today()) == seen.size());

    // An error from the receiver stops the export and comes back.
    int received = 0;
    const Status stopped = caseload.forEachRow(everyone, test::today(), [&](const CaseloadRow &) {
        ++received;
        return Status(Error{Error::Code::Io, QStringLiteral("disk full")});
    });
    REQUIRE_FALSE(stopped.ok());
    CHECK(stopped.error().message == QStringLiteral("disk full"));
    CHECK(received == 1);

    // Nobody signed in: refused, nothing emitted.
    d.setActor(Actor::nobody());
    received = 0;
    const Status refused = caseload.forEachRow(everyone, test::today(), [&](const CaseloadRow &) {
        ++received;
        return Status();
    });
    CHECK(refused.error().code == Error::Code::Forbidden);
    CHECK(received == 0);
}

namespace {
Client named(const char *first, const char *last)
{
    Client c = test::sampleClient();
    c.firstName = QString::fromUtf8(first);
    c.lastName = QString::fromUtf8(last);
    return c;
}
} // namespace

TEST_CASE("The caseload search folds case and accents and matches the start of every name part")
{
    QTemporaryDir dir;
    auto db = test::openAsSystem(dir.filePath(QStringLiteral("c.sqlite")));
    REQUIRE(db.ok());
    REQUIRE(nameIndex::setCollationLocale(*db.value(), QStringLiteral("en")).ok());
    ClientRepository clients(*db.value(), IncomeThresholds::builtIn());
    const auto add = [&](Client c) {
        auto id = clients.add(c);
        REQUIRE(id.ok());
        return id.value();
    };
    const qint64 wright = add(named("Sam", "Wright"));
    const qint64 zoe = add(test::sampleClient()); // Zoë Ñúñez-Łukasiewicz
    const qint64 okafor = add(named("Chidi", "Okafor"));
    const qint64 garcia = add(named("Ana", "García"));
    const qint64 berg = add(named("Pieter", "Van der Berg"));
    const qint64 obrien = add(named("Seán", "O'Brien"));
    const qint64 nguyen = add(named("Thanh", "Nguyen"));
    const qint64 smith = add(named("Ana", "Smith"));
    Client closed = named("Élodie", "Núñez");
    closed.status = ClientStatus::Closed;
    const qint64 elodie = add(closed);

    CaseloadRepository caseload(*db.value());
    const auto ids = [&](const char *text, std::optional<ClientStatus> status = {}) {
        CaseloadFilter f;
        f.text = QString::fromUtf8(text);
        f.status = status;
        // The hits are sorted by a repository that has not listed yet, and
        // picked out of the whole list in name order by one that has: the
        // two must agree.
        auto sorted = CaseloadRepository(*db.value()).matchingIds(f);
        REQUIRE(caseload.matchingIds(CaseloadFilter{}).ok());
        auto walked = caseload.matchingIds(f);
        REQUIRE(sorted.ok());
        REQUIRE(walked.ok());
        CHECK(sorted.value() == walked.value());
        return walked.value();
    };
    using Ids = QVector<qint64>;

    // Sorted by the locale's collation: Ñúñez with the N's, between Nguyen
    // and O'Brien/Okafor, not after Wright as raw code points put it.
    CHECK(ids("", ClientStatus::Active) ==
          Ids({garcia, nguyen, zoe, obrien, okafor, smith, berg, wright}));
    CHECK(ids("   ", ClientStatus::Active) == ids("", ClientStatus::Active));
    // Núñez sorts before Ñúñez-Łukasiewicz: it is the shorter last name.
    CHECK(ids("") == Ids({garcia, nguyen, elodie, zoe, obrien, okafor, smith, berg, wright}));

    CHECK(ids("zoe") == Ids{zoe});
    CHECK(ids("ZOË") == Ids{zoe});
    CHECK(ids("nunez") == Ids({elodie, zoe}));
    CHECK(ids("ñúñ") == Ids({elodie, zoe}));
    CHECK(ids("NÚÑEZ", ClientStatus::Active) == Ids{zoe});
    CHECK(ids("Łuk") == Ids{zoe});
    CHECK(ids("luk") == Ids{zoe});
    CHECK(ids("élo") == Ids{elodie});
    CHECK(ids("van") == Ids{berg});
    CHECK(ids("der") == Ids{berg});
    CHECK(ids("berg") == Ids{berg});
    CHECK(ids("pieter van der berg") == Ids{berg});
    CHECK(ids("ana") == Ids({garcia, smith}));
    CHECK(ids("ana gar") == Ids{garcia});
    CHECK(ids("gar ana") == Ids{garcia});
    CHECK(ids("ana gar x").isEmpty());
    CHECK(ids("obrien") == Ids{obrien});
    CHECK(ids("o'brien") == Ids{obrien});
    CHECK(ids("o’b") == Ids{obrien});
    CHECK(ids("brien") == Ids{obrien});
    CHECK(ids("sean o") == Ids({obrien}));
    // Only the start of a part, and no wildcards.
    CHECK(ids("arcia").isEmpty());
    CHECK(ids("%").isEmpty());
    CHECK(ids("_").isEmpty());
    CHECK(ids("a_a").isEmpty());
    CHECK(ids("n%").isEmpty());
}

TEST_CASE("A name search keeps the other filters and a counselor's scope")
{
    QTemporaryDir dir;
    auto db = test::openAsSystem(dir.filePath(QStringLiteral("c.sqlite")));
    REQUIRE(db.ok());
    REQUIRE(nameIndex::setCollationLocale(*db.value(), QStringLiteral("en")).ok());
    ClientRepository clients(*db.value(), IncomeThresholds::builtIn());
    Client a = named("Ana", "Núñez"); // agarcia's, lower middle, stigma + finances
    Client b = named("Ana", "Nuñez");
    b.counselor = QStringLiteral("bnguyen");
    b.annualIncome = 300000;
    b.barriers = {{BarrierCode::Health, 1, {}}};
    Client c = named("Anabel", "Nunes");
    c.status = ClientStatus::Closed;
    const qint64 ida = clients.add(a).value();
    const qint64 idb = clients.add(b).value();
    const qint64 idc = clients.add(c).value();

    CaseloadRepository caseload(*db.value());
    const auto ids = [&](CaseloadFilter f) {
        auto sorted = CaseloadRepository(*db.value()).matchingIds(f); // see the test above
        REQUIRE(caseload.matchingIds(CaseloadFilter{}).ok());
        auto walked = caseload.matchingIds(f);
        REQUIRE(sorted.ok());
        REQUIRE(walked.ok());
        CHECK(sorted.value() == walked.value());
        return walked.value();
    };
    CaseloadFilter f;
    f.text = QStringLiteral("ana nu");
    // Nunes < Nuñez < Núñez: letters first, accents break the tie (the
    // first accent decides: u before ú).
    CHECK(ids(f) == QVector<qint64>({idc, idb, ida}));
    f.status = ClientStatus::Active;
    CHECK(ids(f) == QVector<qint64>({idb, ida}));
    f.bracket = IncomeBracket::High;
    CHECK(ids(f) == QVector<qint64>{idb});
    f.bracket.reset();
    f.barrier = BarrierCode::Stigma;
    CHECK(ids(f) == QVector<qint64>{ida});
    f.barrier.reset();
    f.counselor = QStringLiteral("bnguyen");
    CHECK(ids(f) == QVector<qint64>{idb});
    f.counselor = QStringLiteral("nobody");
    CHECK(ids(f).isEmpty());
    f.counselor.clear();

    // A counselor finds only their own clients, with and without a search.
    auto agarcia = UserRepository(*db.value()).find(QStringLiteral("agarcia"));
    REQUIRE(agarcia.ok());
    REQUIRE(agarcia->has_value());
    db.value()->setActor(Actor::person(**agarcia));
    CHECK(ids(f) == QVector<qint64>{ida});
    CHECK(ids(CaseloadFilter{}) == QVector<qint64>({idc, ida}));
    f.counselor = QStringLiteral("bnguyen"); // not theirs: nothing
    CHECK(ids(f).isEmpty());
}

TEST_CASE("The list kept between filter changes follows every change, also another program's")
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("c.sqlite"));
    auto db = test::openAsSystem(path);
    REQUIRE(db.ok());
    ClientRepository clients(*db.value(), IncomeThresholds::builtIn());
    const qint64 zoe = clients.add(test::sampleClient()).value();
    CaseloadRepository caseload(*db.value());
    const auto ids = [&](std::optional<ClientStatus> status = std::nullopt) {
        CaseloadFilter f;
        f.status = status;
        auto r = caseload.matchingIds(f);
        REQUIRE(r.ok());
        return r.value();
    };
    CHECK(ids() == QVector<qint64>{zoe});

    Client ana = named("Ana", "Abbott");
    ana.status = ClientStatus::Closed;
    const qint64 abbott = clients.add(ana).value();
    CHECK(ids() == QVector<qint64>({abbott, zoe}));
    CHECK(ids(ClientStatus::Active) == QVector<qint64>{zoe});

    ana.id = abbott;
    ana.status = ClientStatus::Active;
    ana.lastName = QStringLiteral("Zwick");
    REQUIRE(clients.update(ana).ok());
    CHECK(ids(ClientStatus::Active) == QVector<qint64>({zoe, abbott}));

    // Another connection to the same file (another Pathway window or PC).
    auto other = test::openAsSystem(path);
    REQUIRE(other.ok());
    const qint64 baker = ClientRepository(*other.value(), IncomeThresholds::builtIn())
                             .add(named("Bo", "Baker"))
                             .value();
    CHECK(ids(ClientStatus::Active) == QVector<qint64>({baker, zoe, abbott}));
}
