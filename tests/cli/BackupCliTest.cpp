#include "CliSupport.h"
#include "TestSupport.h"

#include "pathway/core/ProfileJson.h"
#include "pathway/storage/Database.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>

#include <nlohmann/json.hpp>

#include <catch2/catch.hpp>

#include <sys/stat.h>

using namespace pathway;
using namespace pathway::clitest;

namespace {

int modeOf(const QString &path)
{
    struct stat st = {};
    REQUIRE(::stat(QFile::encodeName(path).constData(), &st) == 0);
    return int(st.st_mode & 0777);
}

// Runs `sql` on `path` outside Pathway; returns the first column of the
// first row.
QVariant rawSql(const QString &path, const QString &sql)
{
    QVariant value;
    {
        QSqlDatabase raw =
            QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("raw"));
        raw.setDatabaseName(path);
        REQUIRE(raw.open());
        QSqlQuery q(raw);
        REQUIRE(q.exec(sql));
        if (q.next())
            value = q.value(0);
        q.finish();
        raw.close();
    }
    QSqlDatabase::removeDatabase(QStringLiteral("raw"));
    return value;
}

int clientsListed(const QString &db)
{
    const Run listed =
        as(QStringLiteral("sreyes"), {QStringLiteral("caseload"), QStringLiteral("--db"), db,
                                      QStringLiteral("--csv"), QStringLiteral("-")});
    REQUIRE(listed.status == 0);
    return int(listed.out.count(QStringLiteral("\r\n"))) - 1; // less the header
}

QString profileFor(const QTemporaryDir &dir, const QString &firstName)
{
    Client c = test::sampleClient();
    c.counselor = QStringLiteral("agarcia");
    c.firstName = firstName;
    const QString path = dir.filePath(QStringLiteral("%1.json").arg(firstName));
    REQUIRE(test::writeFile(path, QByteArray::fromStdString(clientToJson(c).dump())));
    return path;
}

QStringList previousFiles(const QString &db)
{
    const QFileInfo info(db);
    QStringList found;
    for (const QString &name :
         QDir(info.absolutePath())
             .entryList({info.fileName() + QStringLiteral(".before-restore-*")}, QDir::Files))
        found << QDir(info.absolutePath()).filePath(name);
    return found;
}

} // namespace

TEST_CASE("backup and restore bring back the caseload and keep the previous file")
{
    QTemporaryDir dir;
    const QString db = demoDatabase(dir, 12);
    const QString copy = dir.filePath(QStringLiteral("saved/p-backup.sqlite"));
    REQUIRE(QDir().mkpath(dir.filePath(QStringLiteral("saved"))));

    const Run backedUp =
        as(QStringLiteral("sreyes"),
           {QStringLiteral("backup"), QStringLiteral("--db"), db, QStringLiteral("--out"), copy});
    INFO(backedUp.err.toStdString());
    REQUIRE(backedUp.status == 0);
    CHECK(backedUp.out.contains(copy));
    CHECK(modeOf(copy) == 0600);
    const QByteArray copyBytes = test::readFile(copy);
    CHECK(rawSql(db, QStringLiteral("SELECT count(*) FROM audit_log WHERE action = 'backup' AND "
                                    "username = 'sreyes'"))
              .toInt() == 1);

    const Run added = as(QStringLiteral("agarcia"),
                         {QStringLiteral("add-client"), QStringLiteral("--db"), db,
                          QStringLiteral("--profile"), profileFor(dir, QStringLiteral("Later"))});
    REQUIRE(added.status == 0);
    REQUIRE(clientsListed(db) == 13);

    const Run restored =
        as(QStringLiteral("admin"),
           {QStringLiteral("restore"), QStringLiteral("--db"), db, QStringLiteral("--in"), copy});
    INFO(restored.err.toStdString());
    REQUIRE(restored.status == 0);
    CHECK(restored.out.contains(QStringLiteral("12 clients")));
    const QStringList previous = previousFiles(db);
    REQUIRE(previous.size() == 1);
    CHECK(restored.out.contains(previous.first()));
    CHECK(modeOf(previous.first()) == 0600);
    CHECK(rawSql(previous.first(), QStringLiteral("SELECT count(*) FROM clients")).toInt() == 13);

    CHECK(clientsListed(db) == 12);
    CHECK(test::readFile(copy) == copyBytes);
    // The restore is in the trail of the restored contents and of the kept ones.
    CHECK(rawSql(previous.first(),
                 QStringLiteral("SELECT count(*) FROM audit_log WHERE action = 'restore'"))
              .toInt() == 1);
    CHECK(rawSql(db, QStringLiteral("SELECT count(*) FROM audit_log WHERE action = 'restore' AND "
                                    "username = 'admin'"))
              .toInt() == 1);
    const Run checked =
        as(QStringLiteral("admin"), {QStringLiteral("check"), QStringLiteral("--db"), db});
    CHECK(checked.status == 0);
}

TEST_CASE("Only supervisors and administrators back up or restore")
{
    QTemporaryDir dir;
    const QString db = demoDatabase(dir, 12);
    const QString copy = dir.filePath(QStringLiteral("copy.sqlite"));
    const Run backedUp =
        as(QStringLiteral("agarcia"),
           {QStringLiteral("backup"), QStringLiteral("--db"), db, QStringLiteral("--out"), copy});
    CHECK(backedUp.status == 1);
    CHECK(backedUp.err.contains(QStringLiteral("supervisor")));
    CHECK_FALSE(QFile::exists(copy));

    REQUIRE(as(QStringLiteral("sreyes"), {QStringLiteral("backup"), QStringLiteral("--db"), db,
                                          QStringLiteral("--out"), copy})
                .status == 0);
    const Run restored =
        as(QStringLiteral("agarcia"),
           {QStringLiteral("restore"), QStringLiteral("--db"), db, QStringLiteral("--in"), copy});
    CHECK(restored.status == 1);
    CHECK(restored.err.contains(QStringLiteral("supervisor")));
    CHECK(previousFiles(db).isEmpty());
}

TEST_CASE("restore refuses a bad file with a clear message and leaves the database as it was")
{
    QTemporaryDir dir;
    const QString db = demoDatabase(dir, 12);
    const QString bad = dir.filePath(QStringLiteral("bad.sqlite"));
    QString expected;
    SECTION("a missing file")
    {
        expected = QStringLiteral("does not exist");
    }
    SECTION("a file that is not SQLite")
    {
        REQUIRE(test::writeFile(bad, "id,last_name\n1,Reyes\n"));
        expected = QStringLiteral("not an SQLite file");
    }
    SECTION("another program's SQLite file")
    {
        rawSql(bad, QStringLiteral("CREATE TABLE recipes (name TEXT)"));
        expected = QStringLiteral("not a Pathway database");
    }
    SECTION("a damaged backup")
    {
        QByteArray bytes = test::readFile(db);
        for (int i = 2 * 4096 + 8; i < 3 * 4096; ++i)
            bytes[i] = char((i * 37) & 0xff);
        REQUIRE(test::writeFile(bad, bytes));
        expected = QStringLiteral("damaged");
    }
    SECTION("a backup from a newer Pathway")
    {
        REQUIRE(QFile::copy(db, bad));
        QFile::setPermissions(bad, QFile::ReadOwner | QFile::WriteOwner);
        rawSql(bad,
               QStringLiteral("PRAGMA user_version = %1").arg(Database::latestSchemaVersion() + 1));
        expected = QStringLiteral("newer version of Pathway");
    }
    const QByteArray before = test::readFile(db);
    const Run restored =
        as(QStringLiteral("admin"),
           {QStringLiteral("restore"), QStringLiteral("--db"), db, QStringLiteral("--in"), bad});
    INFO(restored.err.toStdString());
    CHECK(restored.status == 1);
    CHECK(restored.err.contains(expected));
    CHECK(restored.err.contains(bad));
    CHECK(test::readFile(db) == before);
    CHECK_FALSE(QFile::exists(db + QStringLiteral("-wal")));
    CHECK(previousFiles(db).isEmpty());
}

TEST_CASE("backup says where it cannot write and leaves nothing behind")
{
    QTemporaryDir dir;
    const QString db = demoDatabase(dir, 12);
    const Run missing =
        as(QStringLiteral("sreyes"),
           {QStringLiteral("backup"), QStringLiteral("--db"), db, QStringLiteral("--out"),
            dir.filePath(QStringLiteral("no/such.sqlite"))});
    CHECK(missing.status == 1);
    CHECK(missing.err.contains(QStringLiteral("does not exist")));
    const Run itself =
        as(QStringLiteral("sreyes"),
           {QStringLiteral("backup"), QStringLiteral("--db"), db, QStringLiteral("--out"), db});
    CHECK(itself.status == 1);
    CHECK(itself.err.contains(QStringLiteral("the database itself")));
    const Run noOut =
        as(QStringLiteral("sreyes"), {QStringLiteral("backup"), QStringLiteral("--db"), db});
    CHECK(noOut.status == 2);
    const Run noIn =
        as(QStringLiteral("sreyes"), {QStringLiteral("restore"), QStringLiteral("--db"), db});
    CHECK(noIn.status == 2);
    for (const QString &name : QDir(dir.path()).entryList(QDir::Files | QDir::Hidden))
        CHECK_FALSE(name.contains(QStringLiteral("partial")));
}
