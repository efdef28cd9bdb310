#include "StorageSupport.h"
#include "TestSupport.h"

#include "pathway/core/DemoGenerator.h"
#include "pathway/core/IncomeThresholds.h"
#include "pathway/storage/ClientRepository.h"
#include "pathway/storage/Database.h"
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
    std::unique_ptr<ClientRepository> repo;
    Fixture()
    {
        auto opened = test::openAsSystem(dir.filePath(QStringLiteral("c.sqlite")));
        REQUIRE(opened.ok());
        db = std::move(opened.value());
        repo = std::make_unique<ClientRepository>(*db, IncomeThresholds::builtIn());
    }
    QString storedBracket(qint64 id)
    {
        QSqlQuery q(db->connection());
        q.prepare(QStringLiteral("SELECT income_bracket FROM clients WHERE id = ?"));
        q.addBindValue(id);
        REQUIRE(q.exec());
        REQUIRE(q.next());
        return q.value(0).toString();
    }
};
} // namespace

TEST_CASE("A client is stored and read back exactly")
{
    Fixture f;
    Client c = test::sampleClient();
    auto id = f.repo->add(c);
    REQUIRE(id.ok());
    c.id = id.value();
    auto back = f.repo->get(id.value());
    REQUIRE(back.ok());
    CHECK(back.value() == c);
    CHECK(f.storedBracket(c.id) == QStringLiteral("lower_middle"));
    auto count = f.repo->count();
    REQUIRE(count.ok());
    CHECK(count.value() == 1);
}

TEST_CASE("The bracket override is stored as such")
{
    Fixture f;
    Client c = test::sampleClient();
    c.incomeBracketOverride = IncomeBracket::Low;
    c.incomeBracketReason = QStringLiteral("Debts");
    auto id = f.repo->add(c);
    REQUIRE(id.ok());
    CHECK(f.storedBracket(id.value()) == QStringLiteral("low"));
    auto back = f.repo->get(id.value());
    REQUIRE(back.ok());
    CHECK(back->incomeBracketOverride == IncomeBracket::Low);
    CHECK(back->incomeBracketReason == QStringLiteral("Debts"));
}

TEST_CASE("Unknown counselors become counselor accounts")
{
    Fixture f;
    REQUIRE(f.repo->add(test::sampleClient()).ok());
    auto user = UserRepository(*f.db).find(QStringLiteral("agarcia"));
    REQUIRE(user.ok());
    REQUIRE(user.value().has_value());
    CHECK(user.value()->role == Role::Counselor);
}

TEST_CASE("An invalid client is refused and nothing is written")
{
    Fixture f;
    Client c = test::sampleClient();
    c.householdSize = 0;
    auto id = f.repo->add(c);
    REQUIRE_FALSE(id.ok());
    CHECK(id.error().message.contains(QStringLiteral("household_size")));
    CHECK(f.repo->count().value() == 0);
}

TEST_CASE("Updating replaces the profile, barriers and goals")
{
    Fixture f;
    Client c = test::sampleClient();
    c.id = f.repo->add(c).value();
    c.lastName = QStringLiteral("Smith");
    c.barriers = {{BarrierCode::Health, 2, QStringLiteral("Back pain")}};
    c.goals = {GoalCode::Education};
    c.annualIncome = 500000;
    REQUIRE(f.repo->update(c).ok());
    CHECK(f.repo->get(c.id).value() == c);
    CHECK(f.storedBracket(c.id) == QStringLiteral("high"));

    Client missing = c;
    missing.id = 999;
    const Status s = f.repo->update(missing);
    REQUIRE_FALSE(s.ok());
    CHECK(s.error().code == Error::Code::NotFound);
}

TEST_CASE("Many clients go in together or not at all")
{
    Fixture f;
    QVector<Client> clients = demoCaseload(300, 3);
    clients[250].email = QStringLiteral("broken");
    CHECK_FALSE(f.repo->addMany(clients).ok());
    CHECK(f.repo->count().value() == 0);

    clients[250].email.clear();
    REQUIRE(f.repo->addMany(clients).ok());
    CHECK(f.repo->count().value() == 300);
    CHECK(clients[0].id > 0);

    // forEach reads them back in id order, identical.
    int i = 0;
    bool same = true;
    REQUIRE(f.repo
                ->forEach([&](const Client &c) {
                    same = same && c == clients[i++];
                    return true;
                })
                .ok());
    CHECK(i == 300);
    CHECK(same);
}

TEST_CASE("A cancelled bulk add writes nothing")
{
    Fixture f;
    QVector<Client> clients = demoCaseload(2500, 4);
    const Status s = f.repo->addMany(clients, [](int n) { return n < 2000; });
    CHECK_FALSE(s.ok());
    CHECK(f.repo->count().value() == 0);
}

TEST_CASE("A missing client is NotFound")
{
    Fixture f;
    auto c = f.repo->get(42);
    REQUIRE_FALSE(c.ok());
    CHECK(c.error().code == Error::Code::NotFound);
}

TEST_CASE("Possible duplicates: same name and birth date, same email or same phone digits")
{
    Fixture f;
    const Client zoe = test::sampleClient(); // +1 555 0100 22, zoe.nunez@example.org
    const qint64 zoeId = f.repo->add(zoe).value();
    Client other = test::sampleClient();
    other.firstName = QStringLiteral("Omar");
    other.lastName = QStringLiteral("Haddad");
    other.email = QStringLiteral("omar@example.org");
    other.phone = QStringLiteral("(555) 777-1234");
    const qint64 omarId = f.repo->add(other).value();

    Client probe;
    probe.firstName = QStringLiteral("Zoë");
    probe.lastName = QStringLiteral("Ñúñez-Łukasiewicz");
    probe.dateOfBirth = QDate(1980, 5, 17);
    auto found = f.repo->possibleDuplicates(probe);
    REQUIRE(found.ok());
    REQUIRE(found->size() == 1);
    CHECK(found->at(0).id == zoeId);
    CHECK(found->at(0).reasons == QStringList{QStringLiteral("same name and date of birth")});
    CHECK(found->at(0).counselor == QStringLiteral("agarcia"));

    probe.dateOfBirth = QDate(1981, 5, 17); // same name, other person
    CHECK(f.repo->possibleDuplicates(probe)->isEmpty());

    Client byEmail;
    byEmail.email = QStringLiteral("ZOE.Nunez@example.org");
    REQUIRE(f.repo->possibleDuplicates(byEmail)->size() == 1);
    CHECK(f.repo->possibleDuplicates(byEmail)->at(0).reasons ==
          QStringList{QStringLiteral("same email")});

    Client byPhone;
    byPhone.phone = QStringLiteral("555.777.1234");
    REQUIRE(f.repo->possibleDuplicates(byPhone)->size() == 1);
    CHECK(f.repo->possibleDuplicates(byPhone)->at(0).id == omarId);
    byPhone.phone = QStringLiteral("+15550100 22");
    byPhone.email = QStringLiteral("zoe.nunez@example.org");
    REQUIRE(f.repo->possibleDuplicates(byPhone)->size() == 1);
    CHECK(f.repo->possibleDuplicates(byPhone)->at(0).reasons ==
          QStringList({QStringLiteral("same email"), QStringLiteral("same phone")}));

    // Empty fields match nothing, and a stored client is not its own duplicate.
    CHECK(f.repo->possibleDuplicates(Client{})->isEmpty());
    Client self = zoe;
    self.id = zoeId;
    CHECK(f.repo->possibleDuplicates(self)->isEmpty());

    // The lookups use the indexes, not a scan of every client.
    for (const char *sql :
         {"EXPLAIN QUERY PLAN SELECT id FROM clients c WHERE lower(c.email) = lower('a')",
          "EXPLAIN QUERY PLAN SELECT id FROM clients c WHERE replace(replace(replace(replace("
          "replace(replace(replace(phone, ' ', ''), '-', ''), '(', ''), ')', ''), '.', ''), "
          "'+', ''), '/', '') = '1'"}) {
        QSqlQuery q(f.db->connection());
        REQUIRE(q.exec(QLatin1String(sql)));
        QString plan;
        while (q.next())
            plan += q.value(3).toString();
        INFO(plan.toStdString());
        CHECK(plan.contains(QStringLiteral("USING INDEX")));
    }
}

TEST_CASE("Adding, changing and reading clients is recorded in the audit trail")
{
    Fixture f;
    const auto entries = [&](const QString &where) {
        QSqlQuery q(f.db->connection());
        REQUIRE(q.exec(QStringLiteral("SELECT action, entity, record_id, detail, username FROM "
                                      "audit_log WHERE %1 ORDER BY id")
                           .arg(where)));
        QStringList out;
        while (q.next())
            out << QStringLiteral("%1 %2 %3 %4 %5")
                       .arg(q.value(0).toString(), q.value(1).toString(), q.value(2).toString(),
                            q.value(3).toString(), q.value(4).toString());
        return out;
    };
    QVector<Client> clients = demoCaseload(250, 7);
    REQUIRE(f.repo->addMany(clients).ok());
    // One entry for the whole batch, with the count; before it, one for each
    // counselor account the clients' counselors made.
    QStringList expected;
    for (int id = 1; id <= 5; ++id)
        expected << QStringLiteral("create user %1 counselor: named as a client's counselor system")
                        .arg(id);
    expected << QStringLiteral("create client  250 clients system");
    CHECK(entries(QStringLiteral("1")) == expected);

    Client c = f.repo->get(clients[3].id).value();
    CHECK(entries(QStringLiteral("action = 'view'")) ==
          QStringList{QStringLiteral("view client %1  system").arg(c.id)});
    c.householdSize = c.householdSize == 2 ? 3 : 2;
    c.goals = c.goals == QVector<GoalCode>{GoalCode::Education}
                  ? QVector<GoalCode>{GoalCode::Employment}
                  : QVector<GoalCode>{GoalCode::Education};
    c.counselor = c.counselor == QStringLiteral("bnguyen") ? QStringLiteral("cokafor")
                                                           : QStringLiteral("bnguyen");
    REQUIRE(f.repo->update(c).ok());
    const QString before = clients[3].counselor;
    CHECK(entries(QStringLiteral("action = 'update'")) ==
          QStringList{QStringLiteral("update client %1 household, goals, counselor %2 to %3 system")
                          .arg(c.id)
                          .arg(before, c.counselor)});
    // A change that is refused leaves no entry.
    c.householdSize = 0;
    REQUIRE_FALSE(f.repo->update(c).ok());
    CHECK(entries(QStringLiteral("action = 'update'")).size() == 1);
    const Client single = test::sampleClient();
    const qint64 id = f.repo->add(single).value();
    CHECK(entries(QStringLiteral("record_id = %1 AND action = 'create'").arg(id)) ==
          QStringList{QStringLiteral("create client %1  system").arg(id)});
}
