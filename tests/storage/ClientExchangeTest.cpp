#include "StorageSupport.h"
#include "TestSupport.h"

#include "pathway/core/DemoGenerator.h"
#include "pathway/core/ExchangeFile.h"
#include "pathway/core/IncomeThresholds.h"
#include "pathway/storage/ClientExchange.h"
#include "pathway/storage/ClientRepository.h"
#include "pathway/storage/Database.h"
#include "pathway/storage/UserRepository.h"

#include <QFile>
#include <QFileInfo>
#include <QMap>
#include <QSqlQuery>
#include <QTemporaryDir>

#include <catch2/catch.hpp>

using namespace pathway;

namespace {
// "action entity detail" of every audit entry, oldest first.
QStringList trail(Database &db)
{
    QSqlQuery q(db.connection());
    REQUIRE(q.exec(QStringLiteral("SELECT action, entity, detail FROM audit_log ORDER BY id")));
    QStringList out;
    while (q.next())
        out << QStringLiteral("%1 %2 %3")
                   .arg(q.value(0).toString(), q.value(1).toString(), q.value(2).toString());
    return out;
}

// "actor created user: detail" for every account creation in the trail,
// by user name of the account.
QMap<QString, QString> createdAccounts(Database &db)
{
    QSqlQuery q(db.connection());
    REQUIRE(q.exec(QStringLiteral("SELECT u.username, a.username, a.detail FROM audit_log a JOIN "
                                  "users u ON u.id = a.record_id WHERE a.action = 'create' AND "
                                  "a.entity = 'user'")));
    QMap<QString, QString> out;
    while (q.next()) {
        REQUIRE_FALSE(out.contains(q.value(0).toString()));
        out.insert(q.value(0).toString(),
                   QStringLiteral("%1: %2").arg(q.value(1).toString(), q.value(2).toString()));
    }
    return out;
}

// The user names of every account, in order.
QStringList accountNames(Database &db)
{
    QSqlQuery q(db.connection());
    REQUIRE(q.exec(QStringLiteral("SELECT username FROM users ORDER BY username")));
    QStringList out;
    while (q.next())
        out << q.value(0).toString();
    return out;
}

struct Store
{
    std::unique_ptr<Database> db;
    std::unique_ptr<ClientRepository> repo;
    explicit Store(const QString &path)
    {
        auto opened = test::openAsSystem(path);
        REQUIRE(opened.ok());
        db = std::move(opened.value());
        repo = std::make_unique<ClientRepository>(*db, IncomeThresholds::builtIn());
    }
};
} // namespace

TEST_CASE("export, import, export gives the same file")
{
    QTemporaryDir dir;
    Store a(dir.filePath(QStringLiteral("a.sqlite")));
    QVector<Client> clients = demoCaseload(500, 11);
    REQUIRE(a.repo->addMany(clients).ok());
    const QString first = dir.filePath(QStringLiteral("first.json"));
    auto written = clientExchange::exportFile(*a.repo, first);
    REQUIRE(written.ok());
    CHECK(written.value() == 500);
    // Personal data: readable by the owner only.
    CHECK(QFileInfo(first).permissions() == (QFileDevice::ReadOwner | QFileDevice::WriteOwner |
                                             QFileDevice::ReadUser | QFileDevice::WriteUser));

    Store b(dir.filePath(QStringLiteral("b.sqlite")));
    auto imported = clientExchange::importFile(*b.repo, first);
    REQUIRE(imported.ok());
    CHECK(imported.value() == 500);
    const QString second = dir.filePath(QStringLiteral("second.json"));
    REQUIRE(clientExchange::exportFile(*b.repo, second).ok());
    CHECK(test::readFile(first) == test::readFile(second));

    // One entry per export and import, with the count and without the file name;
    // before it, one for each counselor account the clients' counselors made.
    const QStringList made = accountNames(*a.db);
    REQUIRE(made.size() == 5);
    CHECK(accountNames(*b.db) == made);
    QStringList expected(made.size(), QStringLiteral("create user counselor: named as a "
                                                     "client's counselor"));
    CHECK(trail(*a.db) == expected + QStringList({QStringLiteral("create client 500 clients"),
                                                  QStringLiteral("export client 500 clients")}));
    CHECK(trail(*b.db) == expected + QStringList({QStringLiteral("import client 500 clients"),
                                                  QStringLiteral("export client 500 clients")}));
}

TEST_CASE("Accounts an import creates are audited like any other account creation")
{
    QTemporaryDir dir;
    Store a(dir.filePath(QStringLiteral("a.sqlite")));
    QVector<Client> clients = demoCaseload(30, 4);
    REQUIRE(a.repo->addMany(clients).ok());
    const QString file = dir.filePath(QStringLiteral("office.json"));
    REQUIRE(clientExchange::exportFile(*a.repo, file).ok());

    // Another office's database, where a supervisor imports the file: its
    // counselors are unknown there.
    Store b(dir.filePath(QStringLiteral("b.sqlite")));
    auto supervisorId =
        UserRepository(*b.db).add(QStringLiteral("sreyes"), QString(), Role::Supervisor);
    REQUIRE(supervisorId.ok());
    auto supervisor = UserRepository(*b.db).find(QStringLiteral("sreyes"));
    REQUIRE(supervisor.ok());
    b.db->setActor(Actor::person(**supervisor));
    auto imported = clientExchange::importFile(*b.repo, file);
    REQUIRE(imported.ok());

    const QStringList counselors = accountNames(*a.db);
    REQUIRE(counselors.size() >= 2);
    QMap<QString, QString> expected;
    expected.insert(QStringLiteral("sreyes"), QStringLiteral("system: supervisor"));
    for (const QString &name : counselors)
        expected.insert(name, QStringLiteral("sreyes: counselor: named as a client's counselor"));
    CHECK(accountNames(*b.db) == QStringList(expected.keys()));
    // Each account has exactly one entry, naming who created it and why.
    CHECK(createdAccounts(*b.db) == expected);
}

TEST_CASE("A failed import leaves the database unchanged")
{
    QTemporaryDir dir;
    Store s(dir.filePath(QStringLiteral("s.sqlite")));
    QVector<Client> existing = demoCaseload(20, 5);
    REQUIRE(s.repo->addMany(existing).ok());
    const QString before = dir.filePath(QStringLiteral("before.json"));
    REQUIRE(clientExchange::exportFile(*s.repo, before).ok());

    QByteArray file = test::readFile(before);
    SECTION("a client breaks a rule")
    {
        file.replace("\"household_size\":", "\"household_size\":0,\"x_\":");
        const QString bad = dir.filePath(QStringLiteral("bad.json"));
        REQUIRE(test::writeFile(bad, file));
        auto r = clientExchange::importFile(*s.repo, bad);
        REQUIRE_FALSE(r.ok());
        CHECK(r.error().message.contains(QStringLiteral("client 0")));
        CHECK(r.error().message.contains(QStringLiteral("x_")));
    }
    SECTION("the file is cut off")
    {
        const QString bad = dir.filePath(QStringLiteral("cut.json"));
        REQUIRE(test::writeFile(bad, file.left(file.size() / 2)));
        auto r = clientExchange::importFile(*s.repo, bad);
        REQUIRE_FALSE(r.ok());
        CHECK(r.error().message.contains(QStringLiteral("line")));
    }
    SECTION("the file does not exist")
    {
        auto r = clientExchange::importFile(*s.repo, dir.filePath(QStringLiteral("nope.json")));
        REQUIRE_FALSE(r.ok());
        CHECK(r.error().message.contains(QStringLiteral("nope.json")));
    }
    const QString after = dir.filePath(QStringLiteral("after.json"));
    REQUIRE(clientExchange::exportFile(*s.repo, after).ok());
    CHECK(test::readFile(after) == test::readFile(before));
    // The failed import left no entry either.
    QStringList trailed = trail(*s.db);
    trailed.removeAll(QStringLiteral("create user counselor: named as a client's counselor"));
    CHECK(trailed == QStringList({QStringLiteral("create client 20 clients"),
                                  QStringLiteral("export client 20 clients"),
                                  QStringLiteral("export client 20 clients")}));
}

TEST_CASE("Export to an unwritable place fails clearly and leaves no file")
{
    QTemporaryDir dir;
    Store s(dir.filePath(QStringLiteral("s.sqlite")));
    const QString target = dir.filePath(QStringLiteral("missing-folder/out.json"));
    auto r = clientExchange::exportFile(*s.repo, target);
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().message.contains(target));
    CHECK_FALSE(QFile::exists(target));
    CHECK(trail(*s.db).isEmpty());
}

// Imports larger than one batch (1,000 clients are written at a time, all
// inside one transaction): issue 12, item 21.
TEST_CASE("Export and import of more clients than one batch give the same file")
{
    QTemporaryDir dir;
    Store a(dir.filePath(QStringLiteral("a.sqlite")));
    QVector<Client> clients = demoCaseload(2500, 12);
    REQUIRE(a.repo->addMany(clients).ok());
    const QString first = dir.filePath(QStringLiteral("first.json"));
    REQUIRE(clientExchange::exportFile(*a.repo, first).value() == 2500);

    Store b(dir.filePath(QStringLiteral("b.sqlite")));
    QVector<int> progress;
    auto imported = clientExchange::importFile(*b.repo, first, [&](int n) {
        progress << n;
        return true;
    });
    REQUIRE(imported.ok());
    CHECK(imported.value() == 2500);
    CHECK(progress == QVector<int>({1000, 2000, 2500}));
    const QString second = dir.filePath(QStringLiteral("second.json"));
    REQUIRE(clientExchange::exportFile(*b.repo, second).ok());
    CHECK(test::readFile(first) == test::readFile(second));
    CHECK(trail(*b.db).filter(QStringLiteral("import")) ==
          QStringList({QStringLiteral("import client 2500 clients")}));
}

TEST_CASE("Import writes while it reads, and a problem after the first batch changes nothing")
{
    QTemporaryDir dir;
    Store s(dir.filePath(QStringLiteral("s.sqlite")));
    QVector<Client> existing = demoCaseload(2500, 13);
    REQUIRE(s.repo->addMany(existing).ok());
    const QString before = dir.filePath(QStringLiteral("before.json"));
    REQUIRE(clientExchange::exportFile(*s.repo, before).ok());
    const QByteArray file = test::readFile(before);
    const QString in = dir.filePath(QStringLiteral("in.json"));

    const auto clientsStored = [&] {
        QSqlQuery q(s.db->connection());
        REQUIRE(q.exec(QStringLiteral("SELECT count(*) FROM clients")));
        REQUIRE(q.next());
        return q.value(0).toLongLong();
    };
    qint64 storedAtFirstBatch = 0;
    SECTION("the last client breaks a rule")
    {
        QByteArray bad = file;
        const qsizetype last = bad.lastIndexOf("\"household_size\":");
        bad.replace(last, int(qstrlen("\"household_size\":")), "\"household_size\":0,\"x_\":");
        REQUIRE(test::writeFile(in, bad));
        auto r = clientExchange::importFile(*s.repo, in, [&](int n) {
            if (n == 1000)
                storedAtFirstBatch = clientsStored();
            return true;
        });
        REQUIRE_FALSE(r.ok());
        CHECK(r.error().message.contains(QStringLiteral("1 client is not valid")));
        CHECK(r.error().message.contains(QStringLiteral("client 2499")));
        CHECK(r.error().message.contains(QStringLiteral("x_")));
        // Written in the import's transaction before the bad client was read.
        CHECK(storedAtFirstBatch == 2500 + 1000);
    }
    SECTION("the file is cut short in the middle of a client while it is read")
    {
        // The file is whole when the import starts; once the first batch
        // is written, it loses its last quarter: an import that read the
        // whole file first would not notice.
        REQUIRE(test::writeFile(in, file));
        const qsizetype cut = file.size() * 3 / 4;
        REQUIRE(file.at(cut) != '\n');
        auto r = clientExchange::importFile(*s.repo, in, [&](int n) {
            if (n == 1000) {
                storedAtFirstBatch = clientsStored();
                REQUIRE(QFile::resize(in, cut));
            }
            return true;
        });
        REQUIRE_FALSE(r.ok());
        // Where the file now ends: the message a whole read of it gives.
        auto whole = exchange::read(file.left(cut), in);
        REQUIRE_FALSE(whole.ok());
        CHECK(whole.error().message.contains(QStringLiteral("malformed JSON at line")));
        CHECK(r.error().message == whole.error().message);
        CHECK(storedAtFirstBatch == 2500 + 1000);
    }
    CHECK(clientsStored() == 2500);
    const QString after = dir.filePath(QStringLiteral("after.json"));
    REQUIRE(clientExchange::exportFile(*s.repo, after).ok());
    CHECK(test::readFile(after) == file);
    CHECK(trail(*s.db).filter(QStringLiteral("import")).isEmpty());
}
