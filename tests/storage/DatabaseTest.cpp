#include "TestSupport.h"

#include "pathway/core/IncomeThresholds.h"
#include "pathway/storage/ClientRepository.h"
#include "pathway/storage/Database.h"

#include <QFile>
#include <QFileInfo>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>

#include <catch2/catch.hpp>

using namespace pathway;

namespace {
QVariant pragma(Database &db, const char *sql)
{
    QSqlQuery q(db.connection());
    REQUIRE(q.exec(QLatin1String(sql)));
    REQUIRE(q.next());
    return q.value(0);
}

// A raw SQLite file made outside Pathway.
void makeForeignDatabase(const QString &path, const QString &sql)
{
    {
        QSqlDatabase raw =
            QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("raw"));
        raw.setDatabaseName(path);
        REQUIRE(raw.open());
        QSqlQuery q(raw);
        REQUIRE(q.exec(sql));
        raw.close();
    }
    QSqlDatabase::removeDatabase(QStringLiteral("raw"));
}
} // namespace

TEST_CASE("A new database is configured and at the latest schema")
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("sub/folder/p.sqlite"));
    auto db = Database::open(path);
    REQUIRE(db.ok());
    CHECK(db.value()->schemaVersion() == Database::latestSchemaVersion());
    CHECK(pragma(*db.value(), "PRAGMA journal_mode").toString() == QStringLiteral("wal"));
    CHECK(pragma(*db.value(), "PRAGMA foreign_keys").toInt() == 1);
    CHECK(pragma(*db.value(), "PRAGMA application_id").toInt() == 0x50415448);
    auto problems = db.value()->check();
    REQUIRE(problems.ok());
    CHECK(problems->isEmpty());
    // Personal data: only the owner may read the file and its journal.
    const auto ownerOnly = QFileDevice::ReadOwner | QFileDevice::WriteOwner |
                           QFileDevice::ReadUser | QFileDevice::WriteUser;
    CHECK(QFileInfo(path).permissions() == ownerOnly);
    CHECK(QFileInfo(path + QStringLiteral("-wal")).permissions() == ownerOnly);
}

TEST_CASE("A missing file is refused when creation is not allowed")
{
    QTemporaryDir dir;
    Database::Options options;
    options.createIfMissing = false;
    auto db = Database::open(dir.filePath(QStringLiteral("none.sqlite")), options);
    REQUIRE_FALSE(db.ok());
    CHECK(db.error().code == Error::Code::NotFound);
}

TEST_CASE("Bad database files are refused by name and left unchanged")
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("bad.sqlite"));
    QByteArray before;
    QString expected;

    SECTION("not a database at all")
    {
        before = "Dear diary, today I met my counselor.\n";
        REQUIRE(test::writeFile(path, before));
        expected = QStringLiteral("not an SQLite file");
    }
    SECTION("a corrupt database")
    {
        {
            auto db = Database::open(path);
            REQUIRE(db.ok());
        }
        QByteArray bytes = test::readFile(path);
        REQUIRE(bytes.size() > 200);
        // Keep the 100-byte header, trash the schema page behind it.
        for (int i = 100; i < bytes.size(); ++i)
            bytes[i] = char(0xA5);
        REQUIRE(test::writeFile(path, bytes));
        QFile::remove(path + QStringLiteral("-wal"));
        QFile::remove(path + QStringLiteral("-shm"));
        before = bytes;
        expected = QStringLiteral("damaged");
    }
    SECTION("a database of another program")
    {
        makeForeignDatabase(path, QStringLiteral("CREATE TABLE recipes (name TEXT)"));
        before = test::readFile(path);
        expected = QStringLiteral("not one of Pathway's");
    }
    SECTION("a database from a newer Pathway")
    {
        {
            auto db = Database::open(path);
            REQUIRE(db.ok());
        }
        makeForeignDatabase(path, QStringLiteral("PRAGMA user_version = 999"));
        QFile::remove(path + QStringLiteral("-wal"));
        before = test::readFile(path);
        expected = QStringLiteral("newer version of Pathway (schema 999");
    }
    SECTION("a read-only file")
    {
        {
            auto db = Database::open(path);
            REQUIRE(db.ok());
        }
        before = test::readFile(path);
        REQUIRE(QFile::setPermissions(path, QFileDevice::ReadOwner | QFileDevice::ReadGroup));
        expected = QStringLiteral("read-only");
    }
    SECTION("a folder")
    {
        REQUIRE(QDir().mkpath(path));
        expected = QStringLiteral("folder");
    }

    auto db = Database::open(path);
    REQUIRE_FALSE(db.ok());
    INFO(db.error().message.toStdString());
    CHECK(db.error().message.contains(path));
    CHECK(db.error().message.contains(expected));
    if (!before.isEmpty())
        CHECK(test::readFile(path) == before);
}

TEST_CASE("A database locked by another writer gives a clear error and loses nothing")
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("locked.sqlite"));
    auto holder = Database::open(path);
    REQUIRE(holder.ok());
    QSqlQuery lock(holder.value()->connection());
    REQUIRE(lock.exec(QStringLiteral("BEGIN IMMEDIATE")));

    Database::Options options;
    options.busyTimeoutMs = 100;
    auto db = Database::open(path, options);
    REQUIRE(db.ok());
    db.value()->setActor(Actor::system());
    REQUIRE(db.ok()); // reading is still possible in WAL mode
    ClientRepository repo(*db.value(), IncomeThresholds::builtIn());
    auto added = repo.add(test::sampleClient());
    REQUIRE_FALSE(added.ok());
    CHECK(added.error().code == Error::Code::Conflict);
    CHECK(added.error().message.contains(path));
    CHECK(added.error().message.contains(QStringLiteral("locked")));

    REQUIRE(lock.exec(QStringLiteral("ROLLBACK")));
    auto retried = repo.add(test::sampleClient());
    CHECK(retried.ok());
}

TEST_CASE("Transactions roll back every write when the work fails")
{
    QTemporaryDir dir;
    auto db = Database::open(dir.filePath(QStringLiteral("t.sqlite")));
    REQUIRE(db.ok());
    Database &d = *db.value();
    const Status s = d.transaction([&]() -> Status {
        QSqlQuery q(d.connection());
        REQUIRE(
            q.exec(QStringLiteral("INSERT INTO users (username, display_name, role, created_at) "
                                  "VALUES ('x', 'X', 'counselor', 'now')")));
        return Error{Error::Code::Invalid, QStringLiteral("stop")};
    });
    CHECK_FALSE(s.ok());
    CHECK(pragma(d, "SELECT count(*) FROM users").toInt() == 0);
}
