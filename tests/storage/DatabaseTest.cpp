#include "StorageSupport.h"
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

#include <sys/stat.h>

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
    auto db = Database::open(path, test::creating());
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
            auto db = Database::open(path, test::creating());
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
            auto db = Database::open(path, test::creating());
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
            auto db = Database::open(path, test::creating());
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
    SECTION("a named pipe")
    {
        // Reading it would wait for a writer forever.
        REQUIRE(::mkfifo(QFile::encodeName(path).constData(), 0600) == 0);
        expected = QStringLiteral("not a regular file");
    }
    SECTION("a link to nothing")
    {
        REQUIRE(QFile::link(dir.filePath(QStringLiteral("gone/p.sqlite")), path));
        expected = QStringLiteral("gone/p.sqlite, which does not exist");
    }
    SECTION("an empty file")
    {
        REQUIRE(test::writeFile(path, QByteArray()));
        expected = QStringLiteral("empty (0 bytes), not a Pathway database");
    }
    SECTION("an empty SQLite database")
    {
        makeForeignDatabase(path, QStringLiteral("CREATE TABLE t (x)"));
        makeForeignDatabase(path, QStringLiteral("DROP TABLE t"));
        before = test::readFile(path);
        REQUIRE_FALSE(before.isEmpty());
        expected = QStringLiteral("an empty SQLite database, not a Pathway database");
    }

    auto db = Database::open(path);
    REQUIRE_FALSE(db.ok());
    INFO(db.error().message.toStdString());
    CHECK(db.error().message.contains(path));
    CHECK(db.error().message.contains(expected));
    if (!before.isEmpty())
        CHECK(test::readFile(path) == before);
    // Nothing was made beside it (a folder, a journal).
    CHECK(QDir(dir.path()).entryList(QDir::AllEntries | QDir::System | QDir::NoDotAndDotDot) ==
          QStringList{QStringLiteral("bad.sqlite")});
}

TEST_CASE("A Pathway file missing a table or column of its schema version is refused")
{
    for (int version = 1; version <= Database::latestSchemaVersion(); ++version) {
        for (const QString &damage :
             {QStringLiteral("DROP TABLE client_goals"),
              QStringLiteral("ALTER TABLE clients DROP COLUMN interests")}) {
            INFO("schema " << version << ": " << damage.toStdString());
            QTemporaryDir dir;
            const QString path = dir.filePath(QStringLiteral("v.sqlite"));
            Database::Options atVersion;
            atVersion.targetVersion = version;
            {
                Database::Options options = test::creating();
                options.targetVersion = version;
                REQUIRE(Database::open(path, options).ok());
            }
            // A file at this version opens as it is.
            {
                auto db = Database::open(path, atVersion);
                INFO((db ? QString() : db.error().message).toStdString());
                REQUIRE(db.ok());
            }
            makeForeignDatabase(path, damage);
            const QByteArray before = test::readFile(path);
            auto db = Database::open(path);
            REQUIRE_FALSE(db.ok());
            const QString message = db.error().message;
            INFO(message.toStdString());
            CHECK(message.contains(path));
            CHECK(message.contains(QStringLiteral("damaged")));
            CHECK(
                message.contains(damage.startsWith(QLatin1String("DROP"))
                                     ? QStringLiteral("the table client_goals is missing")
                                     : QStringLiteral("the column clients.interests is missing")));
            CHECK(message.contains(QStringLiteral("backup")));
            CHECK(test::readFile(path) == before);
        }
    }
}

TEST_CASE("Opening a refused file prints no warning from Qt")
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("future.sqlite"));
    REQUIRE(Database::open(path, test::creating()).ok());
    makeForeignDatabase(path, QStringLiteral("PRAGMA user_version = 99"));
    static QStringList warnings;
    warnings.clear();
    const QtMessageHandler previous = qInstallMessageHandler(
        [](QtMsgType, const QMessageLogContext &, const QString &message) { warnings << message; });
    auto db = Database::open(path);
    qInstallMessageHandler(previous);
    REQUIRE_FALSE(db.ok());
    CHECK(db.error().message.contains(QStringLiteral("newer version of Pathway")));
    // Qt warned "QSqlDatabasePrivate::removeDatabase: connection ... is still
    // in use" when the refusal closed the connection.
    CHECK(warnings.isEmpty());
}

TEST_CASE("A database locked by another writer gives a clear error and loses nothing")
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("locked.sqlite"));
    auto holder = Database::open(path, test::creating());
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
    auto db = Database::open(dir.filePath(QStringLiteral("t.sqlite")), test::creating());
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
