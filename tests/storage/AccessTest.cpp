// The access rule on every storage path: a counselor reads and writes only
// their own clients, a supervisor all, nobody nothing; and the audit trail
// records views, changes, exports, imports and prints without personal values.
#include "StorageSupport.h"
#include "TestSupport.h"

#include "pathway/core/ExchangeFile.h"
#include "pathway/core/IncomeThresholds.h"
#include "pathway/core/RuleBase.h"
#include "pathway/core/StrategyEngine.h"
#include "pathway/storage/CaseloadRepository.h"
#include "pathway/storage/ClientExchange.h"
#include "pathway/storage/ClientRepository.h"
#include "pathway/storage/Database.h"
#include "pathway/storage/DemoData.h"
#include "pathway/storage/DraftRepository.h"
#include "pathway/storage/IntakeService.h"
#include "pathway/storage/NoteRepository.h"
#include "pathway/storage/PlanRepository.h"
#include "pathway/storage/PlanService.h"
#include "pathway/storage/PrintablePlan.h"
#include "pathway/storage/UserRepository.h"

#include <QFile>
#include <QSqlQuery>
#include <QSqlRecord>
#include <QTemporaryDir>

#include <catch2/catch.hpp>

#include <limits>

using namespace pathway;

namespace {

// Three clients: Zoë (1) and Omar (3) belong to agarcia, Ana (2) to bnguyen;
// each has plan version 1 and a note. agarcia and bnguyen have a draft each.
struct Fixture
{
    QTemporaryDir dir;
    std::unique_ptr<Database> db;
    StrategyEngine engine{RuleBase::builtIn(), IncomeThresholds::builtIn()};
    User supervisor;
    User agarcia;
    User bnguyen;
    Client zoe = test::sampleClient();
    Client ana = test::sampleClient();
    Client omar = test::sampleClient();
    qint64 anaPlan = 0;
    qint64 zoePlan = 0;
    qint64 anaDraft = 0;
    qint64 zoeDraft = 0;

    Fixture()
    {
        auto opened = test::openAsSystem(dir.filePath(QStringLiteral("a.sqlite")));
        REQUIRE(opened.ok());
        db = std::move(opened.value());
        supervisor = user(QStringLiteral("sreyes"), Role::Supervisor);
        agarcia = user(QStringLiteral("agarcia"), Role::Counselor);
        bnguyen = user(QStringLiteral("bnguyen"), Role::Counselor);

        ana.firstName = QStringLiteral("Ana");
        ana.lastName = QStringLiteral("García López");
        ana.dateOfBirth = QDate(1975, 3, 2);
        ana.email = QStringLiteral("ana.lopez@example.org");
        ana.phone = QStringLiteral("+1 555 0199 11");
        ana.counselor = QStringLiteral("bnguyen");
        omar.firstName = QStringLiteral("Omar");
        omar.lastName = QStringLiteral("Haddad");
        omar.email = QStringLiteral("omar@example.org");
        omar.phone = QStringLiteral("555 777 1234");
        for (Client *c : {&zoe, &ana, &omar}) {
            auto id = intake::complete(*db, engine, *c, test::today());
            REQUIRE(id.ok());
            c->id = id.value();
            CaseNote note{0, c->id, c->counselor, QStringLiteral("Talked about the CV."), {}};
            REQUIRE(NoteRepository(*db).add(note).ok());
        }
        REQUIRE(ana.id == 2);
        PlanRepository plans(*db);
        anaPlan = plans.current(ana.id).value()->id;
        zoePlan = plans.current(zoe.id).value()->id;
        DraftRepository drafts(*db);
        IntakeDraft a;
        a.counselor = QStringLiteral("agarcia");
        a.label = QStringLiteral("Draft of agarcia");
        REQUIRE(drafts.save(a).ok());
        zoeDraft = a.id;
        IntakeDraft b;
        b.counselor = QStringLiteral("bnguyen");
        b.label = QStringLiteral("Draft of bnguyen");
        REQUIRE(drafts.save(b).ok());
        anaDraft = b.id;
    }

    User user(const QString &name, Role role)
    {
        auto id = UserRepository(*db).ensure(name, name.toUpper(), role);
        REQUIRE(id.ok());
        return User{id.value(), name, name.toUpper(), role, true};
    }
    void as(const User &u) { db->setActor(Actor::person(u)); }
    void asNobody() { db->setActor(Actor::nobody()); }
    void asSystem() { db->setActor(Actor::system()); }

    int scalar(const QString &sql)
    {
        QSqlQuery q(db->connection());
        REQUIRE(q.exec(sql));
        REQUIRE(q.next());
        return q.value(0).toInt();
    }
    QString text(const QString &sql)
    {
        QSqlQuery q(db->connection());
        REQUIRE(q.exec(sql));
        REQUIRE(q.next());
        return q.value(0).toString();
    }
    int audits(const QString &action, const QString &user)
    {
        return scalar(QStringLiteral("SELECT count(*) FROM audit_log WHERE action = '%1' AND "
                                     "username = '%2'")
                          .arg(action, user));
    }
};

bool forbidden(const Error &e)
{
    return e.code == Error::Code::Forbidden;
}
template <typename T> bool forbidden(const Result<T> &r)
{
    return !r.ok() && forbidden(r.error());
}

// The refusal names the record, never the person.
void checkMessage(const Error &e, const Client &c)
{
    INFO(e.message.toStdString());
    CHECK(e.message.contains(QString::number(c.id)));
    CHECK_FALSE(e.message.contains(c.firstName));
    CHECK_FALSE(e.message.contains(c.lastName));
    CHECK_FALSE(e.message.contains(c.email));
}

QVector<qint64> visited(ClientRepository &repo, qint64 from = 0,
                        qint64 to = std::numeric_limits<qint64>::max())
{
    QVector<qint64> ids;
    REQUIRE(repo.forEach(
                    [&](const Client &c) {
                        ids.append(c.id);
                        return true;
                    },
                    from, to)
                .ok());
    return ids;
}

} // namespace

TEST_CASE("Access: reading one client")
{
    Fixture f;
    ClientRepository repo(*f.db, IncomeThresholds::builtIn());
    f.as(f.agarcia);
    auto own = repo.get(f.zoe.id);
    REQUIRE(own.ok());
    CHECK(own->firstName == f.zoe.firstName);
    auto other = repo.get(f.ana.id);
    REQUIRE(forbidden(other));
    checkMessage(other.error(), f.ana);
    // A missing id reads exactly as another counselor's client: a counselor
    // does not learn which ids exist.
    auto missing = repo.get(999);
    REQUIRE(forbidden(missing));
    CHECK(QString(missing.error().message)
              .replace(QStringLiteral("999"), QString::number(f.ana.id)) == other.error().message);

    f.as(f.supervisor);
    CHECK(repo.get(999).error().code == Error::Code::NotFound);
    CHECK(repo.get(f.ana.id)->lastName == f.ana.lastName);
    CHECK(repo.get(f.zoe.id).ok());

    f.asNobody();
    CHECK(forbidden(repo.get(f.zoe.id)));
    CHECK(forbidden(repo.get(999))); // nobody learns which ids exist
}

TEST_CASE("Access: changing a client")
{
    Fixture f;
    ClientRepository repo(*f.db, IncomeThresholds::builtIn());
    f.as(f.agarcia);
    Client ana = f.ana;
    ana.lastName = QStringLiteral("Changed");
    const Status refused = repo.update(ana);
    REQUIRE(forbidden(refused.error()));
    checkMessage(refused.error(), f.ana);
    CHECK(f.text(QStringLiteral("SELECT last_name FROM clients WHERE id = 2")) == f.ana.lastName);

    Client zoe = f.zoe;
    zoe.phone = QStringLiteral("+1 555 0100 99");
    REQUIRE(repo.update(zoe).ok());
    CHECK(f.text(QStringLiteral("SELECT phone FROM clients WHERE id = 1")) == zoe.phone);
    // Giving the client away is a supervisor's reassignment, not an edit.
    zoe.counselor = QStringLiteral("bnguyen");
    CHECK(forbidden(repo.update(zoe).error()));
    CHECK(f.text(QStringLiteral("SELECT u.username FROM clients c JOIN users u ON u.id = "
                                "c.counselor_id WHERE c.id = 1")) == QStringLiteral("agarcia"));

    f.as(f.supervisor);
    REQUIRE(repo.update(ana).ok());
    CHECK(f.text(QStringLiteral("SELECT last_name FROM clients WHERE id = 2")) ==
          QStringLiteral("Changed"));

    f.asNobody();
    ana.lastName = QStringLiteral("Nobody");
    CHECK(forbidden(repo.update(ana).error()));
    CHECK(f.text(QStringLiteral("SELECT last_name FROM clients WHERE id = 2")) ==
          QStringLiteral("Changed"));
}

TEST_CASE("Access: adding clients")
{
    Fixture f;
    ClientRepository repo(*f.db, IncomeThresholds::builtIn());
    const int before = f.scalar(QStringLiteral("SELECT count(*) FROM clients"));
    Client c = test::sampleClient();
    c.firstName = QStringLiteral("Lena");

    f.as(f.agarcia);
    c.counselor.clear(); // becomes agarcia's
    auto mine = repo.add(c);
    REQUIRE(mine.ok());
    CHECK(f.scalar(
              QStringLiteral("SELECT counselor_id FROM clients WHERE id = %1").arg(mine.value())) ==
          f.agarcia.id);
    c.counselor = QStringLiteral("bnguyen");
    CHECK(forbidden(repo.add(c)));
    CHECK(f.scalar(QStringLiteral("SELECT count(*) FROM clients")) == before + 1);

    QVector<Client> batch = {c, c};
    batch[0].counselor.clear();
    batch[1].counselor = QStringLiteral("bnguyen"); // one refused: none stored
    CHECK(forbidden(repo.addMany(batch).error()));
    CHECK(f.scalar(QStringLiteral("SELECT count(*) FROM clients")) == before + 1);
    batch[1].counselor = QStringLiteral("agarcia");
    REQUIRE(repo.addMany(batch).ok());
    CHECK(batch[0].counselor == QStringLiteral("agarcia"));
    CHECK(f.scalar(QStringLiteral("SELECT count(*) FROM clients WHERE counselor_id = %1")
                       .arg(f.agarcia.id)) == 5);

    f.as(f.supervisor);
    c.counselor = QStringLiteral("bnguyen");
    auto given = repo.add(c);
    REQUIRE(given.ok());
    CHECK(f.scalar(QStringLiteral("SELECT counselor_id FROM clients WHERE id = %1")
                       .arg(given.value())) == f.bnguyen.id);

    f.asNobody();
    CHECK(forbidden(repo.add(c)));
    QVector<Client> one = {c};
    CHECK(forbidden(repo.addMany(one).error()));
    CHECK(f.scalar(QStringLiteral("SELECT count(*) FROM clients")) == before + 4);
}

TEST_CASE("Access: counting, listing and the largest id")
{
    Fixture f;
    ClientRepository repo(*f.db, IncomeThresholds::builtIn());
    f.as(f.agarcia);
    CHECK(repo.count().value() == 2);
    CHECK(visited(repo) == QVector<qint64>({f.zoe.id, f.omar.id}));
    CHECK(visited(repo, 2, 2).isEmpty());
    CHECK(visited(repo, 2, 3) == QVector<qint64>{f.omar.id});
    CHECK(repo.maxId().value() == f.omar.id);
    f.as(f.bnguyen);
    CHECK(repo.count().value() == 1);
    CHECK(visited(repo) == QVector<qint64>{f.ana.id});
    CHECK(repo.maxId().value() == f.ana.id);
    // A client's barriers and goals come with it, and only its own.
    int barriers = 0;
    REQUIRE(repo.forEach([&](const Client &c) {
                    barriers += int(c.barriers.size());
                    return true;
                })
                .ok());
    CHECK(barriers == int(f.ana.barriers.size()));

    f.as(f.supervisor);
    CHECK(repo.count().value() == 3);
    CHECK(visited(repo) == QVector<qint64>({f.zoe.id, f.ana.id, f.omar.id}));
    CHECK(repo.maxId().value() == 3);

    f.asNobody();
    CHECK(forbidden(repo.count()));
    CHECK(forbidden(repo.maxId()));
    CHECK(forbidden(repo.forEach([](const Client &) { return true; }).error()));
}

TEST_CASE("Access: another counselor's duplicate is named but not shown")
{
    Fixture f;
    ClientRepository repo(*f.db, IncomeThresholds::builtIn());
    Client probe;
    probe.firstName = f.ana.firstName;
    probe.lastName = f.ana.lastName;
    probe.dateOfBirth = f.ana.dateOfBirth;
    probe.email = f.zoe.email;

    f.as(f.agarcia);
    auto found = repo.possibleDuplicates(probe);
    REQUIRE(found.ok());
    REQUIRE(found->size() == 2);
    const PossibleDuplicate &zoe = found->at(0);
    CHECK(zoe.id == f.zoe.id);
    CHECK_FALSE(zoe.hidden);
    CHECK(zoe.firstName == f.zoe.firstName);
    CHECK(zoe.email == f.zoe.email);
    const PossibleDuplicate &ana = found->at(1);
    CHECK(ana.id == f.ana.id);
    CHECK(ana.hidden);
    CHECK(ana.counselor == QStringLiteral("bnguyen"));
    CHECK(ana.counselorName == QStringLiteral("BNGUYEN"));
    CHECK(ana.reasons == QStringList{QStringLiteral("same name and date of birth")});
    CHECK(ana.firstName.isEmpty());
    CHECK(ana.lastName.isEmpty());
    CHECK_FALSE(ana.dateOfBirth.isValid());
    CHECK(ana.email.isEmpty());
    CHECK(ana.phone.isEmpty());

    f.as(f.supervisor);
    found = repo.possibleDuplicates(probe);
    REQUIRE(found->size() == 2);
    CHECK_FALSE(found->at(1).hidden);
    CHECK(found->at(1).lastName == f.ana.lastName);

    f.asNobody();
    CHECK(forbidden(repo.possibleDuplicates(probe)));
}

TEST_CASE("Access: the caseload list")
{
    Fixture f;
    CaseloadRepository caseload(*f.db);
    const auto ids = [&](const CaseloadFilter &filter) {
        auto r = caseload.matchingIds(filter);
        REQUIRE(r.ok());
        return r.value();
    };
    CaseloadFilter all;
    CaseloadFilter byName;
    byName.text = QStringLiteral("ana");
    CaseloadFilter byOtherCounselor;
    byOtherCounselor.counselor = QStringLiteral("bnguyen");
    CaseloadFilter overdue;
    overdue.overdueOnly = true;
    overdue.today = test::today().addYears(5); // every open step is overdue by then

    f.as(f.agarcia);
    CHECK(ids(all) == QVector<qint64>({f.omar.id, f.zoe.id})); // Haddad, Ñúñez
    CHECK(ids(byName).isEmpty());
    CHECK(ids(byOtherCounselor).isEmpty());
    CHECK(ids(overdue) == QVector<qint64>({f.omar.id, f.zoe.id}));
    auto rows = caseload.rows({f.zoe.id, f.ana.id, f.omar.id});
    REQUIRE(rows.ok());
    REQUIRE(rows->size() == 2);
    CHECK(rows->at(0).id == f.zoe.id);
    CHECK(rows->at(1).id == f.omar.id);

    f.as(f.supervisor);
    CHECK(ids(all) == QVector<qint64>({f.ana.id, f.omar.id, f.zoe.id}));
    CHECK(ids(byName) == QVector<qint64>{f.ana.id});
    CHECK(ids(byOtherCounselor) == QVector<qint64>{f.ana.id});
    CHECK(ids(overdue).size() == 3);
    CHECK(caseload.rows({f.zoe.id, f.ana.id, f.omar.id})->size() == 3);

    f.asNobody();
    CHECK(forbidden(caseload.matchingIds(all)));
    CHECK(forbidden(caseload.matchingIds(byName)));
    CHECK(forbidden(caseload.rows({f.zoe.id})));
}

TEST_CASE("Access: plans")
{
    Fixture f;
    PlanRepository plans(*f.db);
    const auto steps = [&] {
        return f.scalar(
            QStringLiteral("SELECT count(*) FROM plan_steps WHERE plan_id = %1").arg(f.anaPlan));
    };
    const int anaSteps = steps();
    const auto refusedEverywhere = [&] {
        PlanStep step;
        step.title = QStringLiteral("x");
        step.dueDate = test::today();
        CHECK(forbidden(plans.current(f.ana.id)));
        CHECK(forbidden(plans.version(f.ana.id, 1)));
        CHECK(forbidden(plans.versions(f.ana.id)));
        CHECK(forbidden(plans.info(f.anaPlan)));
        CHECK(forbidden(plans.profileSnapshot(f.anaPlan)));
        CHECK(forbidden(plans.updateStep(f.anaPlan, 0, step).error()));
        CHECK(forbidden(plans.insertStep(f.anaPlan, 0, step).error()));
        CHECK(forbidden(plans.removeStep(f.anaPlan, 0).error()));
        CHECK(forbidden(plans.moveStep(f.anaPlan, 0, 1).error()));
        CHECK(forbidden(plans.setAccepted(f.anaPlan, true).error()));
        Plan plan = f.engine.propose(f.ana, test::today());
        CHECK(forbidden(plans.save(plan, f.ana).error()));
    };

    f.as(f.agarcia);
    refusedEverywhere();
    const Status refused = plans.setAccepted(f.anaPlan, true);
    checkMessage(refused.error(), f.ana);
    CHECK(steps() == anaSteps);
    CHECK(f.scalar(QStringLiteral("SELECT count(*) FROM plans WHERE client_id = 2")) == 1);
    CHECK(f.text(QStringLiteral("SELECT review_status FROM plans WHERE id = %1").arg(f.anaPlan)) ==
          QStringLiteral("none"));
    // Their own client's plan: every call works.
    auto own = plans.current(f.zoe.id);
    REQUIRE(own.ok());
    REQUIRE(own->has_value());
    PlanStep edited = own.value()->steps[0];
    edited.status = StepStatus::Done;
    edited.completedOn = test::today();
    REQUIRE(plans.updateStep(f.zoePlan, 0, edited).ok());
    REQUIRE(plans.moveStep(f.zoePlan, 0, 1).ok());
    REQUIRE(plans.setAccepted(f.zoePlan, true).ok());
    CHECK(plans.info(f.zoePlan)->review == ReviewStatus::Pending);
    CHECK(plans.versions(f.zoe.id)->size() == 1);

    f.as(f.supervisor);
    REQUIRE(plans.current(f.ana.id).ok());
    REQUIRE(plans.versions(f.ana.id).ok());
    PlanStep step = plans.current(f.ana.id).value()->steps[0];
    step.status = StepStatus::InProgress;
    REQUIRE(plans.updateStep(f.anaPlan, 0, step).ok());
    CHECK(f.text(QStringLiteral("SELECT status FROM plan_steps WHERE plan_id = %1 AND position = 0")
                     .arg(f.anaPlan)) == QStringLiteral("in_progress"));

    f.asNobody();
    refusedEverywhere();
    CHECK(forbidden(plans.current(f.zoe.id)));
}

TEST_CASE("Access: case notes")
{
    Fixture f;
    NoteRepository notes(*f.db);
    CaseNote onAna{0, f.ana.id, {}, QStringLiteral("Looked at someone else's client."), {}};

    f.as(f.agarcia);
    CHECK(forbidden(notes.list(f.ana.id)));
    const Status refused = notes.add(onAna);
    REQUIRE(forbidden(refused.error()));
    checkMessage(refused.error(), f.ana);
    CHECK(f.scalar(QStringLiteral("SELECT count(*) FROM case_notes WHERE client_id = 2")) == 1);
    CaseNote onZoe{0, f.zoe.id, QStringLiteral("bnguyen"), QStringLiteral("Called."), {}};
    REQUIRE(notes.add(onZoe).ok());
    CHECK(onZoe.author == QStringLiteral("agarcia")); // a person writes as themselves
    CHECK(notes.list(f.zoe.id)->size() == 2);

    f.as(f.supervisor);
    REQUIRE(notes.add(onAna).ok());
    CHECK(notes.list(f.ana.id)->size() == 2);

    f.asNobody();
    CHECK(forbidden(notes.list(f.zoe.id)));
    CHECK(forbidden(notes.add(onZoe).error()));
    CHECK(f.scalar(QStringLiteral("SELECT count(*) FROM case_notes")) == 5);
}

TEST_CASE("Access: intake drafts")
{
    Fixture f;
    DraftRepository drafts(*f.db);

    f.as(f.agarcia);
    auto listed = drafts.list();
    REQUIRE(listed.ok());
    REQUIRE(listed->size() == 1);
    CHECK(listed->at(0).id == f.zoeDraft);
    CHECK(forbidden(drafts.load(f.anaDraft)));
    IntakeDraft theirs = drafts.load(f.zoeDraft).value();
    theirs.id = f.anaDraft; // overwrite bnguyen's draft with one's own
    CHECK(forbidden(drafts.save(theirs).error()));
    CHECK(forbidden(drafts.remove(f.anaDraft).error()));
    IntakeDraft forOther;
    forOther.counselor = QStringLiteral("bnguyen");
    CHECK(forbidden(drafts.save(forOther).error()));
    IntakeDraft unnamed; // becomes agarcia's
    REQUIRE(drafts.save(unnamed).ok());
    CHECK(unnamed.counselor == QStringLiteral("agarcia"));
    CHECK(f.scalar(QStringLiteral("SELECT count(*) FROM intake_drafts WHERE counselor = "
                                  "'bnguyen'")) == 1);
    CHECK(f.text(QStringLiteral("SELECT label FROM intake_drafts WHERE id = %1").arg(f.anaDraft)) ==
          QStringLiteral("Draft of bnguyen"));

    f.as(f.supervisor);
    CHECK(drafts.list()->size() == 3);
    CHECK(drafts.load(f.anaDraft).ok());

    f.asNobody();
    CHECK(forbidden(drafts.list()));
    CHECK(forbidden(drafts.load(f.zoeDraft)));
    CHECK(forbidden(drafts.remove(f.zoeDraft).error()));
    CHECK(forbidden(drafts.save(unnamed).error()));
    CHECK(f.scalar(QStringLiteral("SELECT count(*) FROM intake_drafts")) == 3);
}

TEST_CASE("Access: export and import")
{
    Fixture f;
    ClientRepository repo(*f.db, IncomeThresholds::builtIn());
    const QString mine = f.dir.filePath(QStringLiteral("mine.json"));
    const QString everyone = f.dir.filePath(QStringLiteral("everyone.json"));

    f.as(f.agarcia);
    auto written = clientExchange::exportFile(repo, mine);
    REQUIRE(written.ok());
    CHECK(written.value() == 2);
    auto read = exchange::read(test::readFile(mine), mine);
    REQUIRE(read.ok());
    REQUIRE(read->size() == 2);
    for (const Client &c : read.value())
        CHECK(c.counselor == QStringLiteral("agarcia"));
    CHECK_FALSE(test::readFile(mine).contains(f.ana.email.toUtf8()));

    f.as(f.supervisor);
    written = clientExchange::exportFile(repo, everyone);
    REQUIRE(written.ok());
    CHECK(written.value() == 3);

    // A counselor imports their own clients only: all or nothing.
    f.as(f.agarcia);
    auto refused = clientExchange::importFile(repo, everyone);
    REQUIRE(forbidden(refused));
    CHECK(f.scalar(QStringLiteral("SELECT count(*) FROM clients")) == 3);
    auto imported = clientExchange::importFile(repo, mine);
    REQUIRE(imported.ok());
    CHECK(imported.value() == 2);
    CHECK(f.scalar(QStringLiteral("SELECT count(*) FROM clients WHERE counselor_id = %1")
                       .arg(f.agarcia.id)) == 4);

    f.as(f.supervisor);
    REQUIRE(clientExchange::importFile(repo, everyone).ok());
    CHECK(f.scalar(QStringLiteral("SELECT count(*) FROM clients")) == 8);

    f.asNobody();
    const QString nobody = f.dir.filePath(QStringLiteral("nobody.json"));
    CHECK(forbidden(clientExchange::exportFile(repo, nobody)));
    CHECK_FALSE(QFile::exists(nobody));
    CHECK(forbidden(clientExchange::importFile(repo, mine)));
    CHECK(f.scalar(QStringLiteral("SELECT count(*) FROM clients")) == 8);
}

TEST_CASE("Access: replanning")
{
    Fixture f;
    const auto newVersions = [&] {
        return f.scalar(QStringLiteral("SELECT count(*) FROM plans WHERE version = 2"));
    };
    f.as(f.agarcia);
    auto made = planning::replan(*f.db, f.engine, test::today());
    REQUIRE(made.ok());
    CHECK(made.value() == 2);
    CHECK(f.scalar(QStringLiteral("SELECT count(*) FROM plans WHERE version = 2 AND client_id "
                                  "IN (1, 3)")) == 2);
    CHECK(newVersions() == 2);
    CHECK(forbidden(planning::replan(*f.db, f.engine, test::today(), f.ana.id)));
    CHECK(newVersions() == 2);

    f.as(f.supervisor);
    REQUIRE(planning::replan(*f.db, f.engine, test::today(), f.ana.id).value() == 1);
    CHECK(newVersions() == 3);
    REQUIRE(planning::replan(*f.db, f.engine, test::today()).value() == 3);

    f.asNobody();
    CHECK(forbidden(planning::replan(*f.db, f.engine, test::today())));
    CHECK(forbidden(planning::replan(*f.db, f.engine, test::today(), f.zoe.id)));
    CHECK(f.scalar(QStringLiteral("SELECT count(*) FROM plans")) == 9);
}

TEST_CASE("Access: printing")
{
    Fixture f;
    f.as(f.agarcia);
    auto own = printablePlan(*f.db, f.engine, f.zoe.id, test::today(), PrintUse::Paper);
    REQUIRE(own.ok());
    CHECK(own->client.id == f.zoe.id);
    auto other = printablePlan(*f.db, f.engine, f.ana.id, test::today(), PrintUse::Paper);
    REQUIRE(forbidden(other));
    checkMessage(other.error(), f.ana);
    // Handing in a client read elsewhere does not get round the rule.
    const EngineSource source = [&]() -> Result<const StrategyEngine *> { return &f.engine; };
    CHECK(forbidden(printablePlan(*f.db, f.ana, test::today(), source, PrintUse::Paper)));

    f.as(f.supervisor);
    CHECK(printablePlan(*f.db, f.engine, f.ana.id, test::today(), PrintUse::Paper).ok());

    f.asNobody();
    CHECK(forbidden(printablePlan(*f.db, f.engine, f.zoe.id, test::today(), PrintUse::Paper)));
    CHECK(forbidden(printablePlan(*f.db, f.zoe, test::today(), source, PrintUse::Paper)));
    CHECK(f.scalar(QStringLiteral("SELECT count(*) FROM audit_log WHERE action = 'print'")) == 2);
}

TEST_CASE("Access: finishing an intake")
{
    Fixture f;
    Client c = test::sampleClient();
    c.firstName = QStringLiteral("Lena");

    f.as(f.agarcia);
    c.counselor.clear();
    auto mine = intake::complete(*f.db, f.engine, c, test::today(), f.zoeDraft);
    REQUIRE(mine.ok());
    CHECK(f.scalar(
              QStringLiteral("SELECT counselor_id FROM clients WHERE id = %1").arg(mine.value())) ==
          f.agarcia.id);
    CHECK(f.scalar(QStringLiteral("SELECT count(*) FROM plans WHERE client_id = %1")
                       .arg(mine.value())) == 1);
    CHECK(f.scalar(
              QStringLiteral("SELECT count(*) FROM intake_drafts WHERE id = %1").arg(f.zoeDraft)) ==
          0);
    c.counselor = QStringLiteral("bnguyen");
    CHECK(forbidden(intake::complete(*f.db, f.engine, c, test::today())));
    // Someone else's draft: the whole intake is refused, nothing is kept.
    c.counselor.clear();
    CHECK(forbidden(intake::complete(*f.db, f.engine, c, test::today(), f.anaDraft)));
    CHECK(f.scalar(QStringLiteral("SELECT count(*) FROM clients")) == 4);
    CHECK(f.scalar(
              QStringLiteral("SELECT count(*) FROM intake_drafts WHERE id = %1").arg(f.anaDraft)) ==
          1);

    f.as(f.supervisor);
    c.counselor = QStringLiteral("bnguyen");
    REQUIRE(intake::complete(*f.db, f.engine, c, test::today(), f.anaDraft).ok());
    CHECK(f.scalar(QStringLiteral("SELECT count(*) FROM clients")) == 5);

    f.asNobody();
    CHECK(forbidden(intake::complete(*f.db, f.engine, c, test::today())));
    CHECK(f.scalar(QStringLiteral("SELECT count(*) FROM clients")) == 5);
}

TEST_CASE("Access: demo data is for the system and administrators only")
{
    Fixture f;
    for (const User &u : {f.agarcia, f.supervisor}) {
        f.as(u);
        CHECK(forbidden(addDemoCaseload(*f.db, f.engine, 5, 1, test::today()).error()));
    }
    f.asNobody();
    CHECK(forbidden(addDemoCaseload(*f.db, f.engine, 5, 1, test::today()).error()));
    CHECK(f.scalar(QStringLiteral("SELECT count(*) FROM clients")) == 3);
    // An administrator passes the access check; this database, which holds
    // an agency's clients, is then refused by the demo rule (DemoDataTest).
    User admin = f.user(QStringLiteral("admin"), Role::Admin);
    f.as(admin);
    const Status refused = addDemoCaseload(*f.db, f.engine, 5, 1, test::today());
    REQUIRE_FALSE(refused.ok());
    CHECK(refused.error().code == Error::Code::Conflict);
    CHECK(f.scalar(QStringLiteral("SELECT count(*) FROM clients")) == 3);
}

TEST_CASE("The audit trail records views, changes, exports, imports and prints, without "
          "personal values")
{
    Fixture f;
    ClientRepository repo(*f.db, IncomeThresholds::builtIn());
    PlanRepository plans(*f.db);
    f.as(f.agarcia);

    REQUIRE(repo.get(f.zoe.id).ok());
    CHECK(f.scalar(QStringLiteral("SELECT count(*) FROM audit_log WHERE action = 'view' AND "
                                  "entity = 'client' AND record_id = 1 AND username = "
                                  "'agarcia' AND user_id = %1")
                       .arg(f.agarcia.id)) == 1);

    Client c = test::sampleClient();
    c.counselor.clear();
    const qint64 added = repo.add(c).value();
    CHECK(f.scalar(QStringLiteral("SELECT count(*) FROM audit_log WHERE action = 'create' AND "
                                  "entity = 'client' AND record_id = %1")
                       .arg(added)) == 1);

    Client changed = f.zoe;
    changed.email = QStringLiteral("zoe.new@example.org");
    changed.barriers.removeLast();
    REQUIRE(repo.update(changed).ok());
    CHECK(f.text(QStringLiteral("SELECT detail FROM audit_log WHERE action = 'update' AND "
                                "entity = 'client' AND record_id = 1")) ==
          QStringLiteral("contact, barriers"));

    PlanStep step = plans.current(f.zoe.id).value()->steps[2];
    step.status = StepStatus::Done;
    step.completedOn = test::today();
    REQUIRE(plans.updateStep(f.zoePlan, 2, step).ok());
    CHECK(f.text(QStringLiteral("SELECT detail FROM audit_log WHERE action = 'update' AND "
                                "entity = 'plan' AND record_id = %1")
                     .arg(f.zoePlan)) == QStringLiteral("step 3: status done, completion date"));

    const QString file = f.dir.filePath(QStringLiteral("out.json"));
    REQUIRE(clientExchange::exportFile(repo, file).ok());
    CHECK(f.text(QStringLiteral("SELECT detail FROM audit_log WHERE action = 'export'")) ==
          QStringLiteral("3 clients"));
    REQUIRE(clientExchange::importFile(repo, file).ok());
    CHECK(f.audits(QStringLiteral("import"), QStringLiteral("agarcia")) == 1);
    CHECK(f.text(QStringLiteral("SELECT detail FROM audit_log WHERE action = 'import'")) ==
          QStringLiteral("3 clients"));
    // One entry for the batch, none per client.
    CHECK(f.audits(QStringLiteral("create"), QStringLiteral("agarcia")) == 1);

    REQUIRE(printablePlan(*f.db, f.engine, f.zoe.id, test::today(), PrintUse::Paper).ok());
    CHECK(f.scalar(QStringLiteral("SELECT count(*) FROM audit_log WHERE action = 'print' AND "
                                  "entity = 'client' AND record_id = 1")) == 1);

    CaseNote note{0, f.zoe.id, {}, QStringLiteral("Zoë called about the course."), {}};
    REQUIRE(NoteRepository(*f.db).add(note).ok());
    CHECK(f.scalar(QStringLiteral("SELECT count(*) FROM audit_log WHERE action = 'create' AND "
                                  "entity = 'note' AND record_id = %1")
                       .arg(note.id)) == 1);

    // Nothing personal anywhere in the trail: not the names, the contact
    // details, a note or a step's text.
    QSqlQuery q(f.db->connection());
    REQUIRE(q.exec(QStringLiteral("SELECT * FROM audit_log")));
    int rows = 0;
    while (q.next()) {
        ++rows;
        for (int i = 0; i < q.record().count(); ++i) {
            const QString value = q.value(i).toString();
            INFO(value.toStdString());
            for (const QString &personal :
                 {f.zoe.firstName, f.zoe.lastName, f.zoe.email, f.zoe.phone, changed.email,
                  f.ana.firstName, f.ana.lastName, f.ana.email, note.body, step.title})
                CHECK_FALSE(value.contains(personal));
        }
    }
    CHECK(rows > 10);
}
