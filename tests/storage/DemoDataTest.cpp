#include "StorageSupport.h"
#include "TestSupport.h"

#include "pathway/core/DemoGenerator.h"
#include "pathway/core/IncomeThresholds.h"
#include "pathway/core/RuleBase.h"
#include "pathway/core/StrategyEngine.h"
#include "pathway/storage/Accounts.h"
#include "pathway/storage/ClientRepository.h"
#include "pathway/storage/Dashboard.h"
#include "pathway/storage/Database.h"
#include "pathway/storage/DemoData.h"

#include <QSet>
#include <QSqlQuery>
#include <QSqlRecord>
#include <QTemporaryDir>

#include <algorithm>

#include <catch2/catch.hpp>

using namespace pathway;

namespace {

// A demo caseload as `pathway --demo` makes it (500 clients, seed 1).
struct Fixture
{
    QTemporaryDir dir;
    std::unique_ptr<Database> db;
    StrategyEngine engine{RuleBase::builtIn(), IncomeThresholds::builtIn()};

    Fixture()
    {
        auto opened = test::openAsSystem(dir.filePath(QStringLiteral("demo.sqlite")));
        REQUIRE(opened.ok());
        db = std::move(opened.value());
        REQUIRE(addDemoCaseload(*db, engine, 500, 1, test::today()).ok());
    }

    QVector<QVariantList> rows(const QString &sql)
    {
        QSqlQuery q(db->connection());
        REQUIRE(q.exec(sql));
        QVector<QVariantList> out;
        while (q.next()) {
            QVariantList row;
            for (int i = 0; i < q.record().count(); ++i)
                row << q.value(i);
            out << row;
        }
        return out;
    }
};

} // namespace

TEST_CASE("Every figure of the dashboard tells something on the demo caseload")
{
    Fixture f;
    auto snapshot = loadDashboard(*f.db, test::today());
    REQUIRE(snapshot.ok());
    DashboardFilter all;
    const DashboardFigures figures = snapshot->figures(all);

    // New intakes per month: every one of the 12 months has some, none has most.
    REQUIRE(figures.intakesByMonth.size() == 12);
    int intakes = 0;
    for (const DashboardBar &bar : figures.intakesByMonth) {
        INFO(bar.key.toStdString());
        CHECK(bar.clients >= 8);
        intakes += bar.clients;
    }
    for (const DashboardBar &bar : figures.intakesByMonth)
        CHECK(bar.clients * 4 < intakes);
    CHECK(intakes < figures.agency.clients); // some came in more than a year ago

    // Active clients: most seen within 30 days, a realistic minority not.
    DashboardFilter active;
    active.status = ClientStatus::Active;
    const DashboardCounts a = snapshot->figures(active).agency;
    INFO("active " << a.activeClients << ", no contact " << a.noContact << ", overdue "
                   << a.overdueClients << ", awaiting review " << a.awaitingReview);
    CHECK(a.activeClients > 400);
    CHECK(a.activeClients < 480);
    CHECK(a.noContact * 100 >= a.activeClients * 10);
    CHECK(a.noContact * 100 <= a.activeClients * 35);
    CHECK(a.overdueClients * 100 >= a.activeClients * 15);
    CHECK(a.overdueClients * 100 <= a.activeClients * 60);
    CHECK(a.awaitingReview > 10);
    CHECK(a.completionPercent() > 30);
    CHECK(a.completionPercent() < 85);

    // Every counselor has a caseload with figures of their own.
    REQUIRE(figures.counselors.size() == 5);
    for (const DashboardCounts &c : figures.counselors) {
        INFO(c.username.toStdString());
        CHECK(c.clients > 50);
        CHECK(c.noContact > 0);
        CHECK(c.overdueClients > 0);
        CHECK(c.completionPercent() > 20);
    }
    // ... and they differ, as counselors do: the chart of completion by
    // counselor has something to compare.
    double lowest = 100;
    double highest = 0;
    for (const DashboardCounts &c : figures.counselors) {
        lowest = std::min(lowest, c.completionPercent());
        highest = std::max(highest, c.completionPercent());
    }
    CHECK(highest - lowest >= 8);
    for (const DashboardBar &bar : figures.byBracket)
        CHECK(bar.clients > 10);
    for (const DashboardBar &bar : figures.byBarrier)
        CHECK(bar.clients > 0);

    // Closed cases are nearly all quiet (their last contact is the closing)
    // and leave nothing open.
    DashboardFilter closed;
    closed.status = ClientStatus::Closed;
    const DashboardCounts c = snapshot->figures(closed).agency;
    CHECK(c.clients > 30);
    CHECK(c.overdueClients == 0);
    CHECK(c.awaitingReview == 0);
    CHECK(c.completionPercent() > 70);
}

TEST_CASE("Demo intakes, plans and notes are stored as the generator made them")
{
    Fixture f;
    const QDate today = test::today();
    const auto clients = f.rows(QStringLiteral(
        "SELECT c.id, c.created_at, c.updated_at, c.status, p.start_date, p.created_at, "
        "u.username FROM clients c JOIN plans p ON p.client_id = c.id "
        "JOIN users u ON u.id = c.counselor_id ORDER BY c.id"));
    REQUIRE(clients.size() == 500);
    for (int i = 0; i < clients.size(); ++i) {
        const QVariantList &row = clients[i];
        INFO("client " << row[0].toLongLong());
        const Client client = demoClient(1, i);
        const DemoMoment intake = demoIntake(1, i, client, today);
        // Stored in UTC; the intake's day and time where the agency is.
        const QDateTime created = QDateTime::fromString(row[1].toString(), Qt::ISODate);
        REQUIRE(created.isValid());
        CHECK(created.timeSpec() == Qt::UTC);
        CHECK(created.toLocalTime().date() == intake.day);
        CHECK(created.toLocalTime().time() == intake.time);
        // The plan starts on or after the intake and was made that day.
        const QDate start = QDate::fromString(row[4].toString(), Qt::ISODate);
        CHECK(start >= intake.day);
        CHECK(QDateTime::fromString(row[5].toString(), Qt::ISODate).toLocalTime().date() == start);
        // A closed client was last changed when the case closed, after the intake.
        const QDateTime updated = QDateTime::fromString(row[2].toString(), Qt::ISODate);
        if (row[3].toString() == QStringLiteral("closed"))
            CHECK(updated > created.addDays(56));
        else
            CHECK(updated == created);
    }
    // Plans older than six weeks were nearly all accepted by now.
    const auto proposals = f.rows(
        QStringLiteral(
            "SELECT sum(review_status = 'none'), count(*) FROM plans WHERE start_date < '%1'")
            .arg(today.addDays(-45).toString(Qt::ISODate)));
    CHECK(proposals[0][0].toInt() * 20 < proposals[0][1].toInt());
    // Every note is by the client's counselor, none after today; the first is the intake.
    const auto wrongAuthor = f.rows(
        QStringLiteral("SELECT count(*) FROM case_notes n JOIN clients c ON c.id = n.client_id "
                       "JOIN users u ON u.id = c.counselor_id WHERE n.author <> u.username"));
    CHECK(wrongAuthor[0][0].toInt() == 0);
    const auto first = f.rows(QStringLiteral(
        "SELECT count(*) FROM clients c WHERE c.created_at <> (SELECT min(n.created_at) FROM "
        "case_notes n WHERE n.client_id = c.id)"));
    CHECK(first[0][0].toInt() == 0);
    const auto latest = f.rows(QStringLiteral("SELECT max(created_at), count(*) FROM case_notes"));
    CHECK(QDateTime::fromString(latest[0][0].toString(), Qt::ISODate).toLocalTime().date() <=
          today);
    CHECK(latest[0][1].toInt() > 500 * 4);
    // An audit entry for each demo user's account, then three: clients,
    // plans, notes, with their counts.
    const auto audit = f.rows(
        QStringLiteral("SELECT entity, detail FROM audit_log WHERE action = 'create' ORDER BY id"));
    const int users = int(demoUsers().size());
    REQUIRE(audit.size() == users + 3);
    for (int i = 0; i < users; ++i) {
        CHECK(audit[i][0].toString() == QStringLiteral("user"));
        CHECK(audit[i][1].toString() ==
              QStringLiteral("%1: demo user").arg(QString::fromLatin1(demoUsers()[i].role)));
    }
    CHECK(audit[users + 2][0].toString() == QStringLiteral("note"));
    CHECK(audit[users + 2][1].toString() ==
          QStringLiteral("demo: %1 notes").arg(latest[0][1].toInt()));
}

namespace {

// Every user's name, role, password hash and active flag, and the number of
// clients: what demo data must never change.
QStringList accountsAndClients(Database &db)
{
    QSqlQuery q(db.connection());
    REQUIRE(q.exec(QStringLiteral("SELECT username, role, password_hash, active, failed_sign_ins "
                                  "FROM users ORDER BY id")));
    QStringList out;
    while (q.next())
        out << QStringLiteral("%1|%2|%3|%4|%5")
                   .arg(q.value(0).toString(), q.value(1).toString(), q.value(2).toString(),
                        q.value(3).toString(), q.value(4).toString());
    REQUIRE(q.exec(QStringLiteral("SELECT count(*) FROM clients")));
    REQUIRE(q.next());
    out << QStringLiteral("clients %1").arg(q.value(0).toLongLong());
    return out;
}

} // namespace

TEST_CASE("Demo data goes only into a new database and never changes an account")
{
    QTemporaryDir dir;
    auto opened = test::openAsSystem(dir.filePath(QStringLiteral("agency.sqlite")));
    REQUIRE(opened.ok());
    Database &db = *opened.value();
    const StrategyEngine engine{RuleBase::builtIn(), IncomeThresholds::builtIn()};
    const QString password = QStringLiteral("demo password 1");

    // An agency's database: its administrator, who can sign in.
    REQUIRE(accounts::createFirstAdmin(db, QStringLiteral("admin"), QString(),
                                       QStringLiteral("admin password 1"))
                .ok());
    CHECK(checkDemoTarget(db).ok());

    SECTION("a counselor of the agency with a demo user's name")
    {
        REQUIRE(accounts::createUser(db, QStringLiteral("agarcia"), QStringLiteral("Ana"),
                                     Role::Counselor, QStringLiteral("her own password"))
                    .ok());
        const QStringList before = accountsAndClients(db);
        for (const Status &refused :
             {checkDemoTarget(db),
              addDemoCaseload(db, engine, 5, 1, test::today(), {}, password)}) {
            REQUIRE_FALSE(refused.ok());
            CHECK(refused.error().code == Error::Code::Conflict);
            CHECK(refused.error().message.contains(db.path()));
            CHECK(
                refused.error().message.contains(QStringLiteral("0 clients and 2 user accounts")));
            CHECK(refused.error().message.contains(QStringLiteral("Nothing was added")));
        }
        // Her password is hers still, and no supervisor appeared.
        CHECK(accountsAndClients(db) == before);
    }
    SECTION("a supervisor of the agency")
    {
        REQUIRE(accounts::createUser(db, QStringLiteral("mlopez"), QString(), Role::Supervisor,
                                     QStringLiteral("his own password"))
                    .ok());
        const QStringList before = accountsAndClients(db);
        CHECK(addDemoCaseload(db, engine, 5, 1, test::today(), {}, password).error().code ==
              Error::Code::Conflict);
        CHECK(accountsAndClients(db) == before);
    }
    SECTION("the agency's clients")
    {
        ClientRepository clients(db, engine.thresholds());
        Client client = test::sampleClient();
        client.counselor.clear();
        REQUIRE(clients.add(client).ok());
        const QStringList before = accountsAndClients(db);
        const Status refused = addDemoCaseload(db, engine, 5, 1, test::today(), {}, password);
        REQUIRE_FALSE(refused.ok());
        CHECK(refused.error().message.contains(QStringLiteral("1 client and 1 user account")));
        CHECK(accountsAndClients(db) == before);
    }
    SECTION("an administrator with a demo user's name")
    {
        QTemporaryDir other;
        auto second = test::openAsSystem(other.filePath(QStringLiteral("b.sqlite")));
        REQUIRE(second.ok());
        REQUIRE(accounts::createFirstAdmin(*second.value(), QStringLiteral("sreyes"), QString(),
                                           QStringLiteral("admin password 1"))
                    .ok());
        const QStringList before = accountsAndClients(*second.value());
        const Status refused =
            addDemoCaseload(*second.value(), engine, 5, 1, test::today(), {}, password);
        REQUIRE_FALSE(refused.ok());
        CHECK(refused.error().message.contains(QStringLiteral("sreyes")));
        CHECK(accountsAndClients(*second.value()) == before);
    }
    SECTION("demo data already there")
    {
        REQUIRE(addDemoCaseload(db, engine, 5, 1, test::today(), {}, password).ok());
        const QStringList before = accountsAndClients(db);
        const Status again =
            addDemoCaseload(db, engine, 5, 1, test::today(), {}, QStringLiteral("new password 2"));
        REQUIRE_FALSE(again.ok());
        CHECK(again.error().message.contains(QStringLiteral("5 clients and 7 user accounts")));
        CHECK(accountsAndClients(db) == before);
    }
    SECTION("only the administrator: the demo users are added, with the password given")
    {
        REQUIRE(addDemoCaseload(db, engine, 5, 1, test::today(), {}, password).ok());
        const QStringList after = accountsAndClients(db);
        CHECK(after.size() == 1 + int(demoUsers().size()) + 1);
        CHECK(after.last() == QStringLiteral("clients 5"));
        for (const DemoUser &u : demoUsers()) {
            INFO(u.username);
            auto user = accounts::signIn(db, QString::fromLatin1(u.username), password);
            REQUIRE(user.ok());
            CHECK(roleCode(user->role) == QLatin1String(u.role));
            accounts::signOut(db);
        }
        // The administrator's password did not change.
        CHECK(
            accounts::signIn(db, QStringLiteral("admin"), QStringLiteral("admin password 1")).ok());
    }
}

TEST_CASE("The same seed and day give the same demo database")
{
    auto dump = [](Fixture &f) {
        QStringList out;
        for (const char *sql :
             {"SELECT id, first_name, created_at, updated_at, status FROM clients ORDER BY id",
              "SELECT client_id, start_date, created_at, accepted_at, review_status FROM plans "
              "ORDER BY id",
              "SELECT plan_id, position, due_date, status, completed_on, repeat_every_weeks FROM "
              "plan_steps ORDER BY plan_id, position",
              "SELECT client_id, author, body, created_at FROM case_notes ORDER BY id"}) {
            for (const QVariantList &row : f.rows(QString::fromLatin1(sql))) {
                QStringList fields;
                for (const QVariant &v : row)
                    fields << v.toString();
                out << fields.join(QLatin1Char('|'));
            }
        }
        return out;
    };
    Fixture a;
    Fixture b;
    CHECK(dump(a) == dump(b));
}

// Made and written 1,000 clients at a time (issue 12, item 21): the same
// clients, in the same order, each with its plan; cancelled in the second
// batch, nothing is kept.
TEST_CASE("A demo caseload larger than one batch is the generator's, in order, all or nothing")
{
    QTemporaryDir dir;
    StrategyEngine engine{RuleBase::builtIn(), IncomeThresholds::builtIn()};
    auto opened = test::openAsSystem(dir.filePath(QStringLiteral("big.sqlite")));
    REQUIRE(opened.ok());
    Database &db = *opened.value();
    QVector<int> progress;
    const Status cancelled = addDemoCaseload(db, engine, 2100, 6, test::today(), [&](int n) {
        progress << n;
        return n < 2000;
    });
    REQUIRE_FALSE(cancelled.ok());
    CHECK(progress == QVector<int>({1000, 2000}));
    QSqlQuery q(db.connection());
    REQUIRE(q.exec(QStringLiteral("SELECT (SELECT count(*) FROM clients), (SELECT count(*) FROM "
                                  "plans), (SELECT count(*) FROM users)")));
    REQUIRE(q.next());
    CHECK(q.value(0).toInt() == 0);
    CHECK(q.value(1).toInt() == 0);
    CHECK(q.value(2).toInt() == 0);

    REQUIRE(addDemoCaseload(db, engine, 2100, 6, test::today()).ok());
    REQUIRE(q.exec(QStringLiteral("SELECT c.id, c.first_name, c.last_name, c.date_of_birth, "
                                  "(SELECT count(*) FROM plans p WHERE p.client_id = c.id) FROM "
                                  "clients c ORDER BY c.id")));
    int i = 0;
    while (q.next()) {
        const Client expected = demoClient(6, i);
        INFO(i);
        CHECK(q.value(0).toInt() == i + 1);
        CHECK(q.value(1).toString() == expected.firstName);
        CHECK(q.value(2).toString() == expected.lastName);
        CHECK(q.value(3).toString() == expected.dateOfBirth.toString(Qt::ISODate));
        CHECK(q.value(4).toInt() == 1);
        ++i;
    }
    CHECK(i == 2100);
}
