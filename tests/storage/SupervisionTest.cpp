#include "StorageSupport.h"
#include "TestSupport.h"

#include "pathway/core/IncomeThresholds.h"
#include "pathway/core/RuleBase.h"
#include "pathway/core/StrategyEngine.h"
#include "pathway/storage/AuditLog.h"
#include "pathway/storage/ClientRepository.h"
#include "pathway/storage/Database.h"
#include "pathway/storage/PlanRepository.h"
#include "pathway/storage/Supervision.h"
#include "pathway/storage/UserRepository.h"

#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>

#include <catch2/catch.hpp>

using namespace pathway;

namespace {
QVariant scalar(Database &db, const QString &sql)
{
    QSqlQuery q(db.connection());
    REQUIRE(q.exec(sql));
    REQUIRE(q.next());
    return q.value(0);
}

// Two counselors with a client each (with an accepted plan) and a supervisor.
struct Caseload
{
    QTemporaryDir dir;
    std::unique_ptr<Database> db;
    User supervisor, ana, ben;
    qint64 anaClient = 0, benClient = 0;
    qint64 anaPlan = 0;

    Caseload()
    {
        auto opened = test::openAsSystem(dir.filePath(QStringLiteral("s.sqlite")));
        REQUIRE(opened.ok());
        db = std::move(opened).value();
        UserRepository users(*db);
        REQUIRE(
            users.ensure(QStringLiteral("sreyes"), QStringLiteral("Sam Reyes"), Role::Supervisor)
                .ok());
        REQUIRE(users.ensure(QStringLiteral("bnguyen"), QString(), Role::Counselor).ok());
        supervisor = *users.find(QStringLiteral("sreyes")).value();
        ClientRepository clients(*db, IncomeThresholds::builtIn());
        const StrategyEngine engine(RuleBase::builtIn(), IncomeThresholds::builtIn());
        Client a = test::sampleClient(); // agarcia's
        anaClient = clients.add(a).value();
        a.id = anaClient;
        Client b = test::sampleClient();
        b.firstName = QStringLiteral("Bo");
        b.email = QStringLiteral("bo@example.org");
        b.counselor = QStringLiteral("bnguyen");
        benClient = clients.add(b).value();
        ana = *users.find(QStringLiteral("agarcia")).value();
        ben = *users.find(QStringLiteral("bnguyen")).value();
        PlanRepository plans(*db);
        Plan plan = engine.propose(a, test::today());
        REQUIRE(plans.save(plan, a).ok());
        anaPlan = plan.id;
        REQUIRE(plans.setAccepted(anaPlan, true).ok());
    }
};
} // namespace

TEST_CASE("A supervisor returns a plan with a comment, the counselor sees it, then approves")
{
    Caseload c;
    CHECK(supervision::reviewStatus(*c.db, c.anaPlan).value() == ReviewStatus::Pending);

    c.db->setActor(Actor::person(c.supervisor));
    auto noComment = supervision::returnPlan(*c.db, c.anaPlan, QStringLiteral("   "));
    REQUIRE_FALSE(noComment.ok());
    CHECK(noComment.error().message.contains(QStringLiteral("needs a comment")));
    REQUIRE(supervision::returnPlan(*c.db, c.anaPlan,
                                    QStringLiteral("Add a step for the interview practice."))
                .ok());
    CHECK(scalar(*c.db,
                 QStringLiteral("SELECT review_status FROM plans WHERE id = %1").arg(c.anaPlan))
              .toString() == QStringLiteral("returned"));

    c.db->setActor(Actor::person(c.ana));
    auto seen = supervision::reviews(*c.db, c.anaPlan);
    REQUIRE(seen.ok());
    REQUIRE(seen->size() == 1);
    CHECK(seen->at(0).decision == ReviewStatus::Returned);
    CHECK(seen->at(0).comment == QStringLiteral("Add a step for the interview practice."));
    CHECK(seen->at(0).reviewer == QStringLiteral("sreyes"));
    // A counselor does not review.
    auto selfApprove = supervision::approvePlan(*c.db, c.anaPlan);
    REQUIRE_FALSE(selfApprove.ok());
    CHECK(selfApprove.error().code == Error::Code::Forbidden);
    // Another counselor does not even read the reviews.
    c.db->setActor(Actor::person(c.ben));
    CHECK(supervision::reviews(*c.db, c.anaPlan).error().code == Error::Code::Forbidden);

    // A returned plan waits for its counselor: it is not approved behind their back.
    c.db->setActor(Actor::person(c.supervisor));
    auto early = supervision::approvePlan(*c.db, c.anaPlan);
    REQUIRE_FALSE(early.ok());
    CHECK(early.error().message.contains(QStringLiteral("accepts it again")));

    c.db->setActor(Actor::person(c.ana));
    REQUIRE(PlanRepository(*c.db).setAccepted(c.anaPlan, true).ok());
    c.db->setActor(Actor::person(c.supervisor));
    REQUIRE(supervision::approvePlan(*c.db, c.anaPlan).ok());
    CHECK(supervision::reviewStatus(*c.db, c.anaPlan).value() == ReviewStatus::Approved);
    CHECK(scalar(*c.db, QStringLiteral("SELECT count(*) FROM plan_reviews")).toInt() == 2);
    // Approved once is enough; returning an approved plan stays possible.
    CHECK_FALSE(supervision::approvePlan(*c.db, c.anaPlan).ok());
    CHECK(scalar(*c.db, QStringLiteral("SELECT count(*) FROM plan_reviews")).toInt() == 2);
    CHECK(scalar(*c.db, QStringLiteral("SELECT count(*) FROM audit_log WHERE action = 'review' "
                                       "AND entity = 'plan' AND record_id = %1 AND username = "
                                       "'sreyes'")
                            .arg(c.anaPlan))
              .toInt() == 2);
}

TEST_CASE("Which review decisions each review status allows")
{
    using S = ReviewStatus;
    CHECK_FALSE(supervision::mayDecide(S::None, S::Approved));
    CHECK_FALSE(supervision::mayDecide(S::None, S::Returned));
    CHECK(supervision::mayDecide(S::Pending, S::Approved));
    CHECK(supervision::mayDecide(S::Pending, S::Returned));
    CHECK_FALSE(supervision::mayDecide(S::Approved, S::Approved));
    CHECK(supervision::mayDecide(S::Approved, S::Returned));
    CHECK_FALSE(supervision::mayDecide(S::Returned, S::Approved));
    CHECK_FALSE(supervision::mayDecide(S::Returned, S::Returned));
    for (S current : {S::None, S::Pending, S::Approved, S::Returned}) {
        CHECK_FALSE(supervision::mayDecide(current, S::None));
        CHECK_FALSE(supervision::mayDecide(current, S::Pending));
    }
}

TEST_CASE("A plan that was never accepted is not reviewed")
{
    Caseload c;
    PlanRepository plans(*c.db);
    REQUIRE(plans.setAccepted(c.anaPlan, false).ok());
    c.db->setActor(Actor::person(c.supervisor));
    auto early = supervision::approvePlan(*c.db, c.anaPlan);
    REQUIRE_FALSE(early.ok());
    CHECK(early.error().message.contains(QStringLiteral("nothing to review")));
    CHECK(scalar(*c.db, QStringLiteral("SELECT count(*) FROM plan_reviews")).toInt() == 0);
}

TEST_CASE("Reassignment moves clients all or none and records each one")
{
    Caseload c;
    c.db->setActor(Actor::person(c.ana));
    auto byCounselor = supervision::reassign(*c.db, {c.anaClient}, QStringLiteral("bnguyen"));
    REQUIRE_FALSE(byCounselor.ok());
    CHECK(byCounselor.error().code == Error::Code::Forbidden);

    c.db->setActor(Actor::person(c.supervisor));
    // One missing client: nothing moves.
    auto partly = supervision::reassign(*c.db, {c.anaClient, 9999}, QStringLiteral("bnguyen"));
    REQUIRE_FALSE(partly.ok());
    CHECK(partly.error().message.contains(QStringLiteral("9999")));
    CHECK(scalar(*c.db,
                 QStringLiteral("SELECT counselor_id FROM clients WHERE id = %1").arg(c.anaClient))
              .toLongLong() == c.ana.id);
    // Not to a supervisor.
    auto toSupervisor = supervision::reassign(*c.db, {c.anaClient}, QStringLiteral("sreyes"));
    REQUIRE_FALSE(toSupervisor.ok());
    CHECK(toSupervisor.error().message.contains(QStringLiteral("not a counselor")));

    auto moved =
        supervision::reassign(*c.db, {c.anaClient, c.benClient}, QStringLiteral("bnguyen"));
    REQUIRE(moved.ok());
    CHECK(moved.value() == 1); // Bo was bnguyen's already
    CHECK(scalar(*c.db,
                 QStringLiteral("SELECT counselor_id FROM clients WHERE id = %1").arg(c.anaClient))
              .toLongLong() == c.ben.id);
    CHECK(scalar(*c.db, QStringLiteral("SELECT detail FROM audit_log WHERE action = 'reassign' "
                                       "AND record_id = %1")
                            .arg(c.anaClient))
              .toString() == QStringLiteral("from agarcia to bnguyen"));

    // The client now belongs to bnguyen, and agarcia no longer reaches it.
    c.db->setActor(Actor::person(c.ana));
    ClientRepository clients(*c.db, IncomeThresholds::builtIn());
    CHECK(clients.get(c.anaClient).error().code == Error::Code::Forbidden);
    c.db->setActor(Actor::person(c.ben));
    CHECK(clients.get(c.anaClient).ok());
}

TEST_CASE("The audit trail refuses changes and is read by supervisors only")
{
    Caseload c;
    c.db->setActor(Actor::person(c.supervisor));
    REQUIRE(supervision::reassign(*c.db, {c.anaClient}, QStringLiteral("bnguyen")).ok());
    const int before = scalar(*c.db, QStringLiteral("SELECT count(*) FROM audit_log")).toInt();
    REQUIRE(before > 0);
    QSqlQuery q(c.db->connection());
    CHECK_FALSE(q.exec(QStringLiteral("UPDATE audit_log SET username = 'someone'")));
    CHECK(q.lastError().text().contains(QStringLiteral("append-only")));
    CHECK_FALSE(q.exec(QStringLiteral("DELETE FROM audit_log")));
    CHECK(q.lastError().text().contains(QStringLiteral("append-only")));
    CHECK(scalar(*c.db, QStringLiteral("SELECT count(*) FROM audit_log")).toInt() == before);
    CHECK(scalar(*c.db, QStringLiteral("SELECT count(*) FROM audit_log WHERE username = "
                                       "'someone'"))
              .toInt() == 0);

    AuditFilter filter;
    filter.action = AuditAction::Reassign;
    auto entries = audit::list(*c.db, filter);
    REQUIRE(entries.ok());
    REQUIRE(entries->size() == 1);
    CHECK(entries->at(0).username == QStringLiteral("sreyes"));
    CHECK(entries->at(0).recordId == c.anaClient);
    CHECK(entries->at(0).at.isValid());
    filter = {};
    filter.username = QStringLiteral("nobody-here");
    CHECK(audit::list(*c.db, filter)->isEmpty());
    filter = {};
    filter.from = QDate::currentDate().addDays(1);
    CHECK(audit::list(*c.db, filter)->isEmpty());
    filter.from = QDate::currentDate();
    CHECK(audit::list(*c.db, filter)->size() == before);

    c.db->setActor(Actor::person(c.ana));
    CHECK(audit::list(*c.db, {}).error().code == Error::Code::Forbidden);

    // No personal value of the client reached the trail.
    QSqlQuery all(c.db->connection());
    REQUIRE(all.exec(QStringLiteral("SELECT username || action || entity || detail FROM "
                                    "audit_log")));
    const Client sample = test::sampleClient();
    while (all.next()) {
        const QString row = all.value(0).toString();
        CHECK_FALSE(row.contains(sample.lastName));
        CHECK_FALSE(row.contains(sample.email));
    }
}
