#include "StorageSupport.h"
#include "TestSupport.h"

#include "pathway/core/IncomeThresholds.h"
#include "pathway/core/RuleBase.h"
#include "pathway/core/StrategyEngine.h"
#include "pathway/storage/ClientRepository.h"
#include "pathway/storage/Database.h"
#include "pathway/storage/PlanRepository.h"
#include "pathway/storage/UserRepository.h"

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
        auto opened = test::openAsSystem(dir.filePath(QStringLiteral("p.sqlite")));
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

TEST_CASE("A client without a plan has none, a plan needs a stored client")
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

TEST_CASE("Accepting a plan puts it up for review, the latest review comes with its versions")
{
    Fixture f;
    PlanRepository plans(*f.db);
    Plan plan = f.engine.propose(f.client, QDate(2026, 12, 1));
    REQUIRE(plans.save(plan, f.client).ok());
    const auto status = [&](qint64 id) {
        QSqlQuery q(f.db->connection());
        REQUIRE(q.exec(QStringLiteral("SELECT review_status FROM plans WHERE id = %1").arg(id)));
        REQUIRE(q.next());
        return q.value(0).toString();
    };
    CHECK(status(plan.id) == QStringLiteral("none"));
    CHECK(plans.info(plan.id)->review == ReviewStatus::None);
    CHECK(plans.info(plan.id)->reviewer.isEmpty());

    REQUIRE(plans.setAccepted(plan.id, true).ok());
    CHECK(status(plan.id) == QStringLiteral("pending"));
    REQUIRE(plans.setAccepted(plan.id, false).ok());
    CHECK(status(plan.id) == QStringLiteral("none"));
    CHECK_FALSE(plans.info(plan.id)->acceptedAt.isValid());

    // A supervisor returned it with a comment (rows as supervision writes them).
    const qint64 reviewer =
        UserRepository(*f.db).ensure(QStringLiteral("sreyes"), {}, Role::Supervisor).value();
    QSqlQuery q(f.db->connection());
    REQUIRE(q.exec(QStringLiteral("UPDATE plans SET review_status = 'returned', accepted_at = "
                                  "'2026-12-02T10:00:00Z' WHERE id = %1")
                       .arg(plan.id)));
    for (const char *row : {"'approved', 'Fine.', %2, '2026-12-03T09:00:00.000Z'",
                            "'returned', 'Add a transport step.', %2, '2026-12-04T09:30:00.000Z'"})
        REQUIRE(q.exec(QStringLiteral("INSERT INTO plan_reviews (plan_id, decision, comment, "
                                      "reviewer_id, created_at) VALUES (%1, %3)")
                           .arg(plan.id)
                           .arg(QLatin1String(row))
                           .arg(reviewer)));
    auto info = plans.info(plan.id);
    REQUIRE(info.ok());
    CHECK(info->review == ReviewStatus::Returned);
    CHECK(info->reviewComment == QStringLiteral("Add a transport step."));
    CHECK(info->reviewer == QStringLiteral("sreyes"));
    CHECK(info->reviewedAt == QDateTime(QDate(2026, 12, 4), QTime(9, 30), Qt::UTC));

    // Accepted again after the changes: back to pending, the comment stays readable.
    REQUIRE(plans.setAccepted(plan.id, true).ok());
    CHECK(status(plan.id) == QStringLiteral("pending"));
    auto versions = plans.versions(f.client.id);
    REQUIRE(versions.ok());
    REQUIRE(versions->size() == 1);
    CHECK(versions->at(0).review == ReviewStatus::Pending);
    CHECK(versions->at(0).reviewComment == QStringLiteral("Add a transport step."));

    // Undoing that acceptance puts the plan back as returned, at its old time.
    const QDateTime returnedAt(QDate(2026, 12, 2), QTime(10, 0), Qt::UTC);
    REQUIRE(plans.restoreAcceptance(plan.id, returnedAt, ReviewStatus::Returned).ok());
    CHECK(status(plan.id) == QStringLiteral("returned"));
    CHECK(plans.info(plan.id)->acceptedAt == returnedAt);
    REQUIRE(plans.setAccepted(plan.id, true).ok());

    // A new version starts over, without review.
    Plan next = f.engine.propose(f.client, QDate(2026, 12, 1));
    REQUIRE(plans.save(next, f.client).ok());
    CHECK(status(next.id) == QStringLiteral("none"));
    versions = plans.versions(f.client.id);
    REQUIRE(versions->size() == 2);
    CHECK(versions->at(1).review == ReviewStatus::None);
    CHECK(versions->at(1).reviewComment.isEmpty());
    CHECK_FALSE(versions->at(1).reviewedAt.isValid());
}

TEST_CASE("Undoing an acceptance restores the review status, an approval only for a supervisor")
{
    Fixture f;
    PlanRepository plans(*f.db);
    Plan plan = f.engine.propose(f.client, QDate(2026, 12, 1));
    REQUIRE(plans.save(plan, f.client).ok());
    const QDateTime acceptedAt(QDate(2026, 12, 2), QTime(10, 0), Qt::UTC);
    const auto restored = [&](ReviewStatus review) {
        REQUIRE(plans.restoreAcceptance(plan.id, acceptedAt, review).ok());
        auto info = plans.info(plan.id);
        REQUIRE(info.ok());
        CHECK(info->acceptedAt == acceptedAt);
        return info->review;
    };
    CHECK(restored(ReviewStatus::Approved) == ReviewStatus::Approved); // the system may
    UserRepository users(*f.db);
    REQUIRE(users.ensure(QStringLiteral("bnguyen"), {}, Role::Counselor).ok());
    const User counselor = users.find(f.client.counselor).value().value();
    const User other = users.find(QStringLiteral("bnguyen")).value().value();
    f.db->setActor(Actor::person(counselor));
    CHECK(restored(ReviewStatus::Returned) == ReviewStatus::Returned);
    CHECK(restored(ReviewStatus::Pending) == ReviewStatus::Pending);
    CHECK(restored(ReviewStatus::Approved) == ReviewStatus::Pending); // not the counselor's
    CHECK(restored(ReviewStatus::None) == ReviewStatus::Pending);     // accepted means reviewed

    // Not accepted: nothing to review, whatever status came with it.
    REQUIRE(plans.restoreAcceptance(plan.id, QDateTime(), ReviewStatus::Returned).ok());
    CHECK(plans.info(plan.id)->review == ReviewStatus::None);
    CHECK_FALSE(plans.info(plan.id)->acceptedAt.isValid());

    // Another counselor's plan is refused.
    f.db->setActor(Actor::person(other));
    CHECK(plans.restoreAcceptance(plan.id, acceptedAt, ReviewStatus::Pending).error().code ==
          Error::Code::Forbidden);
}

TEST_CASE("New plan versions and plan edits are recorded in the audit trail")
{
    Fixture f;
    PlanRepository plans(*f.db);
    Plan plan = f.engine.propose(f.client, QDate(2026, 12, 1));
    REQUIRE(plans.save(plan, f.client).ok());
    PlanStep own;
    own.title = QStringLiteral("Call Zoë's mentor");
    own.dueDate = QDate(2027, 1, 10);
    REQUIRE(plans.insertStep(plan.id, 1, own).ok());
    REQUIRE(plans.moveStep(plan.id, 1, 3).ok());
    REQUIRE(plans.removeStep(plan.id, 3).ok());
    PlanStep step = plan.steps[0];
    step.dueDate = QDate(2027, 2, 1);
    step.statusNote = QStringLiteral("Zoë asked for more time");
    REQUIRE(plans.updateStep(plan.id, 0, step).ok());
    REQUIRE(plans.setAccepted(plan.id, true).ok());
    CHECK(plans.updateStep(plan.id, 99, step).error().code == Error::Code::NotFound);

    QSqlQuery q(f.db->connection());
    REQUIRE(q.exec(QStringLiteral("SELECT action, entity, record_id, detail FROM audit_log "
                                  "WHERE entity = 'plan' ORDER BY id")));
    QStringList entries;
    while (q.next())
        entries << QStringLiteral("%1 %2 %3: %4")
                       .arg(q.value(0).toString(), q.value(1).toString(), q.value(2).toString(),
                            q.value(3).toString());
    const QString id = QString::number(plan.id);
    CHECK(entries == QStringList({
                         QStringLiteral("create plan %1: version 1").arg(id),
                         QStringLiteral("update plan %1: step 2 added").arg(id),
                         QStringLiteral("update plan %1: step 2 moved to 4").arg(id),
                         QStringLiteral("update plan %1: step 4 removed").arg(id),
                         QStringLiteral("update plan %1: step 1: due date, status note").arg(id),
                         QStringLiteral("update plan %1: accepted, review pending").arg(id),
                     }));
}
