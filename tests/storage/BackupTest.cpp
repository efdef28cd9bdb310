#include "StorageSupport.h"
#include "TestSupport.h"

#include "pathway/core/IncomeThresholds.h"
#include "pathway/core/RuleBase.h"
#include "pathway/core/StrategyEngine.h"
#include "pathway/storage/AuditLog.h"
#include "pathway/storage/Backup.h"
#include "pathway/storage/Database.h"
#include "pathway/storage/IntakeService.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QThread>
#include <QVariant>

#include <catch2/catch.hpp>

#include <future>

#include <sys/stat.h>

using namespace pathway;

namespace {

const QDateTime kNow(QDate(2026, 11, 24), QTime(16, 30, 0));

int modeOf(const QString &path)
{
    struct stat st = {};
    REQUIRE(::stat(QFile::encodeName(path).constData(), &st) == 0);
    return int(st.st_mode & 0777);
}

qint64 count(Database &db, const char *sql)
{
    QSqlQuery q(db.connection());
    REQUIRE(q.exec(QLatin1String(sql)));
    REQUIRE(q.next());
    return q.value(0).toLongLong();
}

// Runs the statements `sql` on `path` outside Pathway, on one connection.
void rawSql(const QString &path, const QStringList &sql)
{
    {
        QSqlDatabase raw =
            QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("raw"));
        raw.setDatabaseName(path);
        REQUIRE(raw.open());
        for (const QString &statement : sql) {
            QSqlQuery q(raw);
            INFO(statement.toStdString());
            REQUIRE(q.exec(statement));
        }
        raw.close();
    }
    QSqlDatabase::removeDatabase(QStringLiteral("raw"));
}
void rawSql(const QString &path, const QString &sql)
{
    rawSql(path, QStringList{sql});
}

// A database with two clients taken in, as the system.
struct Caseload
{
    QTemporaryDir dir;
    QString path = dir.filePath(QStringLiteral("pathway.sqlite"));
    std::unique_ptr<Database> db;
    StrategyEngine engine{RuleBase::builtIn(), IncomeThresholds::builtIn()};

    Caseload()
    {
        auto opened = test::openAsSystem(path);
        REQUIRE(opened.ok());
        db = std::move(opened).value();
        addClient(*db, QStringLiteral("Zoe"));
        addClient(*db, QStringLiteral("Bo"));
    }

    void addClient(Database &on, const QString &firstName)
    {
        Client c = test::sampleClient();
        c.firstName = firstName;
        c.email = firstName.toLower() + QStringLiteral("@example.org");
        REQUIRE(intake::complete(on, engine, c, test::today()).ok());
    }

    QString file(const QString &name) const { return dir.filePath(name); }

    // The bytes of the database as they are on the disk: the file and its
    // write-ahead log.
    QByteArray bytes() const
    {
        return test::readFile(path) + "|" + test::readFile(path + QStringLiteral("-wal"));
    }
};

} // namespace

TEST_CASE("A backup taken while another connection has uncommitted writes holds what was "
          "committed")
{
    Caseload c;
    const QString out = c.file(QStringLiteral("copy.sqlite"));
    // Another connection, in a thread of its own as another program would
    // be, takes the write lock, writes a third client and holds its
    // transaction open until the backup has copied every page.
    std::promise<void> held;
    std::promise<void> copied;
    std::shared_future<void> copiedFuture = copied.get_future().share();
    bool writerOk = false;
    QThread *writer = QThread::create([&] {
        auto other = test::openAsSystem(c.path);
        if (!other) {
            held.set_value();
            return;
        }
        const Status done = other.value()->transaction([&]() -> Status {
            Client extra = test::sampleClient();
            extra.firstName = QStringLiteral("Uncommitted");
            extra.email = QStringLiteral("u@example.org");
            const auto added = intake::complete(*other.value(), c.engine, extra, test::today());
            held.set_value();
            copiedFuture.wait();
            return added ? Status{} : Status{added.error()};
        });
        writerOk = done.ok();
    });
    writer->start();
    held.get_future().wait();
    bool signalled = false;
    const Status written = backup::write(*c.db, out, [&](int done, int total) {
        if (done == total && !signalled) {
            signalled = true;
            copied.set_value(); // the writer commits; the audit entry then gets the lock
        }
        return true;
    });
    if (!signalled)
        copied.set_value();
    writer->wait();
    delete writer;
    INFO((written ? QString() : written.error().message).toStdString());
    REQUIRE(written.ok());
    REQUIRE(writerOk);
    CHECK(count(*c.db, "SELECT count(*) FROM clients") == 3);

    auto info = backup::inspect(out);
    INFO((info ? QString() : info.error().message).toStdString());
    REQUIRE(info.ok());
    CHECK(info->clients == 2);
    CHECK(info->schemaVersion == Database::latestSchemaVersion());
    CHECK(modeOf(out) == 0600);
    // A file of its own: not in write-ahead-log mode, nothing beside it.
    const QByteArray header = test::readFile(out).left(20);
    CHECK(int(header.at(18)) == 1);
    CHECK(int(header.at(19)) == 1);
    const QStringList left = QDir(c.dir.path()).entryList(QDir::Files | QDir::Hidden);
    for (const QString &name : left)
        CHECK_FALSE(name.contains(QStringLiteral("partial")));
    CHECK_FALSE(QFile::exists(out + QStringLiteral("-wal")));
    CHECK_FALSE(QFile::exists(out + QStringLiteral("-journal")));

    auto copy = Database::open(out);
    REQUIRE(copy.ok());
    CHECK(count(*copy.value(), "SELECT count(*) FROM clients") == 2);
    // The entry is written after the copy: in the database, not in the copy.
    CHECK(count(*copy.value(), "SELECT count(*) FROM audit_log WHERE action = 'backup'") == 0);
    CHECK(count(*c.db,
                "SELECT count(*) FROM audit_log WHERE action = 'backup' AND entity = 'database'") ==
          1);
}

TEST_CASE("A backup replaces an existing file whole and is refused where it cannot be written")
{
    Caseload c;
    const QString out = c.file(QStringLiteral("copy.sqlite"));
    REQUIRE(test::writeFile(out, "an older file"));
    REQUIRE(backup::write(*c.db, out).ok());
    REQUIRE(backup::inspect(out).ok());
    CHECK(modeOf(out) == 0600);

    SECTION("a folder that does not exist")
    {
        const QString missing = c.file(QStringLiteral("no/such/folder/copy.sqlite"));
        const Status written = backup::write(*c.db, missing);
        REQUIRE_FALSE(written.ok());
        CHECK(written.error().message.contains(QStringLiteral("does not exist")));
        CHECK_FALSE(QFileInfo::exists(c.file(QStringLiteral("no"))));
    }
    SECTION("the database itself")
    {
        const QByteArray before = test::readFile(c.path);
        const Status written = backup::write(*c.db, c.path);
        REQUIRE_FALSE(written.ok());
        CHECK(written.error().message.contains(QStringLiteral("the database itself")));
    }
    SECTION("a folder's name")
    {
        const Status written = backup::write(*c.db, c.dir.path());
        REQUIRE_FALSE(written.ok());
        CHECK(written.error().message.contains(QStringLiteral("folder")));
    }
    for (const QString &name : QDir(c.dir.path()).entryList(QDir::Files | QDir::Hidden))
        CHECK_FALSE(name.contains(QStringLiteral("partial")));
}

TEST_CASE("Backing up and restoring are for supervisors and administrators")
{
    Caseload c;
    const QString out = c.file(QStringLiteral("copy.sqlite"));
    REQUIRE(backup::write(*c.db, out).ok());
    c.db->setActor(Actor{Actor::Kind::Person, 7, QStringLiteral("agarcia"), Role::Counselor});
    const QString refused = c.file(QStringLiteral("refused.sqlite"));
    const Status written = backup::write(*c.db, refused);
    REQUIRE_FALSE(written.ok());
    CHECK(written.error().code == Error::Code::Forbidden);
    CHECK_FALSE(QFile::exists(refused));
    const QByteArray before = c.bytes();
    auto restored = backup::restore(*c.db, out, kNow);
    REQUIRE_FALSE(restored.ok());
    CHECK(restored.error().code == Error::Code::Forbidden);
    CHECK(c.bytes() == before);

    c.db->setActor(Actor{Actor::Kind::Person, 8, QStringLiteral("sreyes"), Role::Supervisor});
    CHECK(backup::write(*c.db, refused).ok());
}

TEST_CASE("A restore refuses a file that is not a good Pathway backup and changes nothing")
{
    Caseload c;
    const QString good = c.file(QStringLiteral("good.sqlite"));
    REQUIRE(backup::write(*c.db, good).ok());
    const QString bad = c.file(QStringLiteral("bad.sqlite"));
    QString expected;
    SECTION("a file that does not exist")
    {
        expected = QStringLiteral("does not exist");
    }
    SECTION("an empty file")
    {
        REQUIRE(test::writeFile(bad, QByteArray()));
        expected = QStringLiteral("empty");
    }
    SECTION("a file that is not SQLite")
    {
        REQUIRE(test::writeFile(bad, QByteArray("name,household\nZoe,3\n")));
        expected = QStringLiteral("not an SQLite file");
    }
    SECTION("another program's SQLite database")
    {
        rawSql(bad, QStringLiteral("CREATE TABLE recipes (name TEXT)"));
        expected = QStringLiteral("not a Pathway database");
    }
    SECTION("a damaged backup (a page overwritten)")
    {
        QByteArray bytes = test::readFile(good);
        const int pageSize = (uchar(bytes.at(16)) << 8) | uchar(bytes.at(17));
        REQUIRE(bytes.size() >= 4 * pageSize);
        // The third page (a table or index of the schema) filled with noise.
        for (int i = 2 * pageSize + 8; i < 3 * pageSize; ++i)
            bytes[i] = char((i * 37) & 0xff);
        REQUIRE(test::writeFile(bad, bytes));
        expected = QStringLiteral("damaged");
    }
    SECTION("a backup whose index no longer matches its table (only integrity_check sees it)")
    {
        REQUIRE(QFile::copy(good, bad));
        // Two indexes of the audit trail swap their b-trees: every query
        // still runs, but each index holds the other's keys.
        rawSql(bad, {QStringLiteral("PRAGMA writable_schema = ON"),
                     QStringLiteral("CREATE TEMP TABLE roots AS SELECT name, rootpage FROM "
                                    "sqlite_master WHERE name IN ('audit_log_at', "
                                    "'audit_log_record')"),
                     QStringLiteral("UPDATE sqlite_master SET rootpage = (SELECT r.rootpage "
                                    "FROM roots r WHERE r.name <> sqlite_master.name) WHERE name "
                                    "IN ('audit_log_at', 'audit_log_record')")});
        expected = QStringLiteral("damaged");
    }
    SECTION("a backup cut short")
    {
        REQUIRE(test::writeFile(bad, test::readFile(good).left(3 * 4096 + 100)));
        expected = QStringLiteral("damaged");
    }
    SECTION("a backup from a newer Pathway")
    {
        REQUIRE(QFile::copy(good, bad));
        rawSql(bad,
               QStringLiteral("PRAGMA user_version = %1").arg(Database::latestSchemaVersion() + 1));
        expected = QStringLiteral("newer version of Pathway");
    }
    const QByteArray before = c.bytes();
    const QByteArray badBefore = test::readFile(bad);
    auto restored = backup::restore(*c.db, bad, kNow);
    REQUIRE_FALSE(restored.ok());
    INFO(restored.error().message.toStdString());
    CHECK(restored.error().message.contains(expected));
    CHECK(restored.error().message.contains(bad));
    CHECK(c.bytes() == before);
    CHECK(test::readFile(bad) == badBefore);
    CHECK_FALSE(QFile::exists(backup::previousFileName(c.path, kNow)));
    CHECK(count(*c.db, "SELECT count(*) FROM clients") == 2);
}

TEST_CASE("A restore keeps the previous contents and brings back what was backed up")
{
    Caseload c;
    const QString good = c.file(QStringLiteral("good.sqlite"));
    REQUIRE(backup::write(*c.db, good).ok());
    const QByteArray backupBytes = test::readFile(good);
    c.addClient(*c.db, QStringLiteral("Later"));
    REQUIRE(count(*c.db, "SELECT count(*) FROM clients") == 3);

    // Another connection, as another window would hold, sees the change.
    auto other = test::openAsSystem(c.path);
    REQUIRE(other.ok());
    REQUIRE(count(*other.value(), "SELECT count(*) FROM clients") == 3);

    int calls = 0;
    auto restored = backup::restore(*c.db, good, kNow, [&](int done, int total) {
        ++calls;
        CHECK(done <= total);
        return true;
    });
    INFO((restored ? QString() : restored.error().message).toStdString());
    REQUIRE(restored.ok());
    CHECK(calls > 0);
    CHECK(restored->info.clients == 2);
    CHECK(restored->previousFile == c.path + QStringLiteral(".before-restore-20261124-163000"));
    CHECK(count(*c.db, "SELECT count(*) FROM clients") == 2);
    CHECK(count(*other.value(), "SELECT count(*) FROM clients") == 2);
    CHECK(count(*c.db, "SELECT count(*) FROM clients WHERE first_name = 'Later'") == 0);
    CHECK(count(*c.db, "SELECT count(*) FROM audit_log WHERE action = 'restore'") == 1);
    CHECK(test::readFile(good) == backupBytes);

    REQUIRE(QFile::exists(restored->previousFile));
    CHECK(modeOf(restored->previousFile) == 0600);
    auto previous = Database::open(restored->previousFile);
    REQUIRE(previous.ok());
    CHECK(count(*previous.value(), "SELECT count(*) FROM clients") == 3);
    CHECK(count(*previous.value(), "SELECT count(*) FROM audit_log WHERE action = 'restore'") == 1);
    auto checked = c.db->check();
    REQUIRE(checked.ok());
    CHECK(checked->isEmpty());
}

TEST_CASE("A backup of an older schema is upgraded when it is restored")
{
    Caseload c;
    const QString older = c.file(QStringLiteral("older.sqlite"));
    Database::Options options = test::creating();
    options.targetVersion = Database::latestSchemaVersion() - 1;
    {
        auto made = test::openAsSystem(older, options);
        REQUIRE(made.ok());
        REQUIRE(made.value()->schemaVersion() == Database::latestSchemaVersion() - 1);
    }
    QFile::remove(older + QStringLiteral("-wal"));
    QFile::remove(older + QStringLiteral("-shm"));
    auto restored = backup::restore(*c.db, older, kNow);
    INFO((restored ? QString() : restored.error().message).toStdString());
    REQUIRE(restored.ok());
    CHECK(restored->info.schemaVersion == Database::latestSchemaVersion() - 1);
    CHECK(c.db->schemaVersion() == Database::latestSchemaVersion());
    CHECK(count(*c.db, "SELECT count(*) FROM clients") == 0);
}

TEST_CASE("Automatic backups older than the days kept are deleted, others never")
{
    Caseload c;
    const QString folder = c.file(QStringLiteral("backups"));
    REQUIRE(QDir().mkpath(folder));
    const auto autoName = [&](int daysAgo) {
        return QDir(folder).filePath(backup::automaticFileName(c.path, kNow.addDays(-daysAgo)));
    };
    const QStringList old = {autoName(8), autoName(30), autoName(400)};
    const QStringList kept = {
        autoName(1),
        autoName(6),
        QDir(folder).filePath(QStringLiteral("pathway-before-move.sqlite")),        // by hand
        QDir(folder).filePath(QStringLiteral("pathway-20200101-000000.sqlite")),    // by hand
        QDir(folder).filePath(QStringLiteral("other-auto-20200101-000000.sqlite")), // other db
        QDir(folder).filePath(QStringLiteral("pathway-auto-2020.sqlite")),
    };
    for (const QString &f : old + kept)
        REQUIRE(test::writeFile(f, "x"));

    auto pruned = backup::prune(folder, c.path, 7, kNow);
    REQUIRE(pruned.ok());
    CHECK(pruned->size() == 3);
    for (const QString &f : old)
        CHECK_FALSE(QFile::exists(f));
    for (const QString &f : kept)
        CHECK(QFile::exists(f));

    // No days kept (automatic backups off): nothing is deleted.
    auto none = backup::prune(folder, c.path, 0, kNow.addYears(10));
    REQUIRE(none.ok());
    CHECK(none->isEmpty());
    for (const QString &f : kept)
        CHECK(QFile::exists(f));
}

TEST_CASE("An automatic backup makes its private folder and prunes the old ones")
{
    Caseload c;
    // The app makes it at exit, whoever was signed in (or nobody).
    c.db->setActor(Actor::nobody());
    const QString folder = c.file(QStringLiteral("made/backups"));
    const QString earlier =
        QDir(folder).filePath(backup::automaticFileName(c.path, kNow.addDays(-3)));
    auto first = backup::writeAutomatic(*c.db, folder, 2, kNow.addDays(-3));
    REQUIRE(first.ok());
    CHECK(first.value() == earlier);
    CHECK(modeOf(folder) == 0700);
    CHECK(modeOf(earlier) == 0600);
    auto second = backup::writeAutomatic(*c.db, folder, 2, kNow);
    REQUIRE(second.ok());
    CHECK_FALSE(QFile::exists(earlier));
    REQUIRE(backup::inspect(second.value()).ok());
    CHECK(backup::inspect(second.value())->clients == 2);
    CHECK(count(*c.db, "SELECT count(*) FROM audit_log WHERE action = 'backup' AND "
                       "username = 'system'") == 2);
}
