// pathway-cli given a file that is not a healthy Pathway database: damaged,
// cut short, empty, someone else's, missing, or not a file at all. Each must
// be refused at once with a message that names the file, says it is damaged
// or not Pathway's and what to do, and must leave the file as it was.

#include "CliSupport.h"
#include "TestSupport.h"

#include "pathway/core/ProfileJson.h"

#include <nlohmann/json.hpp>

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>

#include <catch2/catch.hpp>

#include <functional>

#include <sys/stat.h>
#include <unistd.h>

using namespace pathway;
using namespace pathway::clitest;

namespace {

const QString kSupervisor = QStringLiteral("sreyes");

// Runs `statements` on `path` through a plain SQLite connection (not
// Pathway's), so the damage is made the way another program would make it.
void rawSql(const QString &path, const QStringList &statements)
{
    static int connections = 0;
    const QString name = QStringLiteral("damage-%1").arg(++connections);
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
        db.setDatabaseName(path);
        REQUIRE(db.open());
        for (const QString &sql : statements) {
            QSqlQuery q(db);
            INFO(sql.toStdString() << ": " << q.lastError().text().toStdString());
            REQUIRE(q.exec(sql));
        }
        db.close();
    }
    QSqlDatabase::removeDatabase(name);
}

// One value read through a plain SQLite connection.
QVariant rawValue(const QString &path, const QString &sql)
{
    const QString name = QStringLiteral("damage-read");
    QVariant value;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
        db.setDatabaseName(path);
        REQUIRE(db.open());
        QSqlQuery q(db);
        REQUIRE(q.exec(sql));
        REQUIRE(q.next());
        value = q.value(0);
        db.close();
    }
    QSqlDatabase::removeDatabase(name);
    return value;
}

int pageSize(const QByteArray &bytes)
{
    const int size = (uchar(bytes[16]) << 8) | uchar(bytes[17]);
    return size == 1 ? 65536 : size;
}

// The byte offset of page `page` (numbered from 1).
qsizetype pageOffset(const QByteArray &bytes, int page)
{
    return qsizetype(page - 1) * pageSize(bytes);
}

// The root page of table or index `name`.
int rootPage(const QString &path, const QString &name)
{
    return rawValue(
               path,
               QStringLiteral("SELECT rootpage FROM sqlite_master WHERE name = '%1'").arg(name))
        .toInt();
}

// A leaf page of table `name`: its root, or the right-most child of the
// root when the root is an interior page (b-tree page type 5).
int leafPage(const QString &path, const QString &name)
{
    const QByteArray bytes = test::readFile(path);
    const int root = rootPage(path, name);
    const qsizetype at = pageOffset(bytes, root);
    if (bytes[at] == 0x0d)
        return root;
    REQUIRE(int(bytes[at]) == 0x05);
    return (uchar(bytes[at + 8]) << 24) | (uchar(bytes[at + 9]) << 16) |
           (uchar(bytes[at + 10]) << 8) | uchar(bytes[at + 11]);
}

void patch(const QString &path, qsizetype offset, const QByteArray &with)
{
    QByteArray bytes = test::readFile(path);
    REQUIRE(offset + with.size() <= bytes.size());
    bytes.replace(offset, with.size(), with);
    REQUIRE(test::writeFile(path, bytes));
}

void truncateTo(const QString &path, qsizetype size)
{
    QByteArray bytes = test::readFile(path);
    REQUIRE(size < bytes.size());
    bytes.truncate(size);
    REQUIRE(test::writeFile(path, bytes));
}

struct Damage
{
    const char *name;
    std::function<void(const QString &path)> make;
};

// The corpus: each entry damages a copy of a small demo database.
const std::vector<Damage> &corpus()
{
    static const std::vector<Damage> list = {
        {"header: the magic string", [](const QString &p) { patch(p, 0, "SQLite format 4"); }},
        {"header: an impossible page size",
         [](const QString &p) { patch(p, 16, QByteArray("\x03\x00", 2)); }},
        {"header: a file format from the future",
         [](const QString &p) { patch(p, 18, QByteArray("\x03\x03", 2)); }},
        {"header: wrong payload fractions",
         [](const QString &p) { patch(p, 21, QByteArray("\x10", 1)); }},
        {"header: an unknown schema format",
         [](const QString &p) { patch(p, 44, QByteArray("\x00\x00\x00\x09", 4)); }},
        {"header: an unknown text encoding",
         [](const QString &p) { patch(p, 56, QByteArray("\x00\x00\x00\x07", 4)); }},
        {"header: more pages than the file has",
         [](const QString &p) { patch(p, 28, QByteArray("\x00\x01\x86\x9f", 4)); }},
        {"the schema page overwritten",
         [](const QString &p) { patch(p, 100, QByteArray(3000, char(0xA5))); }},
        {"truncated to half", [](const QString &p) { truncateTo(p, QFileInfo(p).size() / 2); }},
        {"truncated to its first page", [](const QString &p) { truncateTo(p, 4096); }},
        {"truncated inside the header", [](const QString &p) { truncateTo(p, 50); }},
        {"zero length", [](const QString &p) { REQUIRE(test::writeFile(p, QByteArray())); }},
        {"a text file",
         [](const QString &p) {
             REQUIRE(test::writeFile(p, "Dear diary, today I met my counselor.\n"));
         }},
        {"an empty SQLite database",
         [](const QString &p) {
             REQUIRE(QFile::remove(p));
             rawSql(p, {QStringLiteral("CREATE TABLE t (x)"), QStringLiteral("DROP TABLE t")});
         }},
        {"another program's SQLite database",
         [](const QString &p) {
             REQUIRE(QFile::remove(p));
             rawSql(p, {QStringLiteral("CREATE TABLE recipes (name TEXT)")});
         }},
        {"a negative schema version",
         [](const QString &p) { rawSql(p, {QStringLiteral("PRAGMA user_version = -1")}); }},
        {"schema version 0 with Pathway's tables",
         [](const QString &p) { rawSql(p, {QStringLiteral("PRAGMA user_version = 0")}); }},
        {"a schema version from the future",
         [](const QString &p) { rawSql(p, {QStringLiteral("PRAGMA user_version = 99")}); }},
        {"a dropped table",
         [](const QString &p) {
             rawSql(p, {QStringLiteral("DROP TABLE plan_steps"),
                        QStringLiteral("DROP TABLE plan_reviews"),
                        QStringLiteral("DROP TABLE plans")});
         }},
        {"a dropped column",
         [](const QString &p) {
             rawSql(p, {QStringLiteral("ALTER TABLE intake_drafts DROP COLUMN not_duplicates")});
         }},
        {"a damaged index of user names",
         [](const QString &p) {
             // A user name in the index changed: looking it up finds nothing,
             // without any error from SQLite.
             const int page = rootPage(p, QStringLiteral("sqlite_autoindex_users_1"));
             const QByteArray bytes = test::readFile(p);
             const qsizetype start = pageOffset(bytes, page);
             const qsizetype at = bytes.indexOf("sreyes", start);
             REQUIRE(at > start);
             REQUIRE(at < start + pageSize(bytes));
             patch(p, at, "sreyez");
         }},
        {"a stored password hash of 2,147,483,647 iterations",
         [](const QString &p) {
             rawSql(p, {QStringLiteral(
                           "UPDATE users SET password_hash = "
                           "'pbkdf2-sha256$2147483647$AAECAwQFBgcICQoLDA0ODw==$"
                           "kJUnsBmKMasWs2BTJlw6BusLTfb+GDzqlXa6uJpJwRc=' WHERE username = "
                           "'sreyes'")});
         }},
    };
    return list;
}

} // namespace

TEST_CASE("Damaged files and files that are not Pathway's are refused, named and left unchanged")
{
    for (const Damage &damage : corpus()) {
        QTemporaryDir dir;
        const QString path = demoDatabase(dir, 20);
        damage.make(path);
        const QByteArray before = test::readFile(path);
        const QString out = dir.filePath(QStringLiteral("out.json"));
        for (const QStringList &command :
             {QStringList{QStringLiteral("check")}, QStringList{QStringLiteral("caseload")},
              QStringList{QStringLiteral("export"), QStringLiteral("--out"), out}}) {
            INFO(damage.name << ": pathway-cli " << command.join(QLatin1Char(' ')).toStdString());
            const Run r = as(kSupervisor, command + QStringList{QStringLiteral("--db"), path});
            checkClearRefusal(r, path);
            CHECK(test::readFile(path) == before);
            CHECK_FALSE(QFile::exists(out));
        }
    }
}

TEST_CASE("A named pipe as the database is refused at once, even by init")
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("pipe.sqlite"));
    REQUIRE(::mkfifo(QFile::encodeName(path).constData(), 0600) == 0);
    // Opening a pipe for reading waits for a writer: without the check each
    // of these would hang until the test's time-out.
    for (const QStringList &command :
         {QStringList{QStringLiteral("check"), QStringLiteral("--user"), kSupervisor},
          QStringList{QStringLiteral("caseload"), QStringLiteral("--user"), kSupervisor},
          QStringList{QStringLiteral("init")}}) {
        INFO(command.join(QLatin1Char(' ')).toStdString());
        const Run r = cli(command + QStringList{QStringLiteral("--db"), path});
        checkClearRefusal(r, path);
        CHECK(r.err.contains(QStringLiteral("not a regular file")));
        CHECK(QFileInfo(path).exists());
        CHECK_FALSE(QFileInfo(path).isFile());
    }
}

TEST_CASE("Only init and demo make a database: other commands refuse a missing or empty one")
{
    QTemporaryDir dir;
    const QString profile = dir.filePath(QStringLiteral("zoe.json"));
    REQUIRE(test::writeFile(profile,
                            QByteArray::fromStdString(clientToJson(test::sampleClient()).dump())));
    const QString exchange = dir.filePath(QStringLiteral("in.json"));
    REQUIRE(test::writeFile(exchange, "{}"));
    const QList<QStringList> commands = {
        {QStringLiteral("check")},
        {QStringLiteral("caseload")},
        {QStringLiteral("caseload"), QStringLiteral("--csv"),
         dir.filePath(QStringLiteral("c.csv"))},
        {QStringLiteral("export"), QStringLiteral("--out"), dir.filePath(QStringLiteral("o.json"))},
        {QStringLiteral("import"), QStringLiteral("--in"), exchange},
        {QStringLiteral("add-client"), QStringLiteral("--profile"), profile},
        {QStringLiteral("replan"), QStringLiteral("--all")},
        {QStringLiteral("plan"), QStringLiteral("--client"), QStringLiteral("1")},
        {QStringLiteral("print"), QStringLiteral("--client"), QStringLiteral("1"),
         QStringLiteral("--pdf"), dir.filePath(QStringLiteral("p.pdf"))},
        {QStringLiteral("collation")},
    };
    const QString missingFolder = dir.filePath(QStringLiteral("typo"));
    const QString missing = missingFolder + QStringLiteral("/deeper/pathway.sqlite");
    const QString zero = dir.filePath(QStringLiteral("zero.sqlite"));
    REQUIRE(test::writeFile(zero, QByteArray()));
    const QString emptySqlite = dir.filePath(QStringLiteral("empty.sqlite"));
    rawSql(emptySqlite, {QStringLiteral("CREATE TABLE t (x)"), QStringLiteral("DROP TABLE t")});
    const QByteArray emptyBytes = test::readFile(emptySqlite);
    const QStringList before = QDir(dir.path()).entryList(QDir::AllEntries | QDir::NoDotAndDotDot);

    for (const QStringList &command : commands) {
        INFO("pathway-cli " << command.join(QLatin1Char(' ')).toStdString());
        {
            const Run r = as(kSupervisor, command + QStringList{QStringLiteral("--db"), missing});
            INFO(r.err.toStdString());
            CHECK(r.status == 1);
            CHECK(r.err.contains(missing));
            CHECK(r.err.contains(QStringLiteral("does not exist")));
            CHECK(r.err.contains(QStringLiteral("pathway-cli init")));
            CHECK_FALSE(QFileInfo::exists(missingFolder));
        }
        {
            // PATHWAY_DB the same way.
            const Run r = as(kSupervisor, command, Env{kPassword, missing, {}});
            CHECK(r.status == 1);
            CHECK(r.err.contains(QStringLiteral("does not exist")));
            CHECK_FALSE(QFileInfo::exists(missingFolder));
        }
        for (const QString &path : {zero, emptySqlite}) {
            INFO(path.toStdString());
            const QByteArray bytes = test::readFile(path);
            const Run r = as(kSupervisor, command + QStringList{QStringLiteral("--db"), path});
            checkClearRefusal(r, path);
            CHECK(r.err.contains(QStringLiteral("not a Pathway database")));
            CHECK(test::readFile(path) == bytes);
        }
        CHECK(test::readFile(zero).isEmpty());
        CHECK(test::readFile(emptySqlite) == emptyBytes);
        // Nothing new beside them: no journal, no output file.
        CHECK(QDir(dir.path()).entryList(QDir::AllEntries | QDir::NoDotAndDotDot) == before);
    }

    SECTION("the default file, when there is none yet")
    {
        const QString data = dir.filePath(QStringLiteral("xdg-data"));
        Env env;
        env.extra.insert(QStringLiteral("XDG_DATA_HOME"), data);
        const Run r = as(kSupervisor, {QStringLiteral("caseload")}, env);
        INFO(r.err.toStdString());
        CHECK(r.status == 1);
        CHECK(r.err.contains(QStringLiteral("does not exist")));
        CHECK_FALSE(QFileInfo::exists(data));
    }
    SECTION("init makes the database where it is missing, and in an empty file")
    {
        for (const QString &path : {missing, zero}) {
            const Run made = cli({QStringLiteral("init"), QStringLiteral("--db"), path});
            INFO(made.err.toStdString());
            CHECK(made.status == 0);
            const Run checked = as(QStringLiteral("admin"),
                                   {QStringLiteral("check"), QStringLiteral("--db"), path});
            INFO(checked.err.toStdString());
            CHECK(checked.status == 0);
        }
    }
}

TEST_CASE("export of a damaged file fails, says so and writes nothing")
{
    QTemporaryDir dir;
    const QString out = dir.filePath(QStringLiteral("caseload.json"));
    // A file from an earlier export stays as it was.
    REQUIRE(test::writeFile(out, "earlier export\n"));
    QString path;

    SECTION("a page of clients SQLite finds damaged")
    {
        path = demoDatabase(dir, 300);
        const int leaf = leafPage(path, QStringLiteral("clients"));
        const QByteArray bytes = test::readFile(path);
        patch(path, pageOffset(bytes, leaf), QByteArray(pageSize(bytes), char(0xA5)));
    }
    SECTION("a page of clients that lost rows without an error from SQLite")
    {
        path = demoDatabase(dir, 300);
        const int leaf = leafPage(path, QStringLiteral("clients"));
        const QByteArray bytes = test::readFile(path);
        const qsizetype header = pageOffset(bytes, leaf);
        const int cells = (uchar(bytes[header + 3]) << 8) | uchar(bytes[header + 4]);
        REQUIRE(cells > 1);
        const int kept = cells / 2;
        QByteArray count(2, '\0');
        count[0] = char(kept >> 8);
        count[1] = char(kept & 0xff);
        patch(path, header + 3, count);
    }

    const Run r = as(kSupervisor, {QStringLiteral("export"), QStringLiteral("--db"), path,
                                   QStringLiteral("--out"), out});
    INFO(r.err.toStdString());
    CHECK(r.status == 1);
    CHECK(r.err.contains(path));
    CHECK(r.err.contains(QStringLiteral("damaged")));
    CHECK(r.err.contains(QStringLiteral("backup")));
    CHECK(r.err.contains(QStringLiteral("pathway-cli check")));
    CHECK(r.err.contains(QStringLiteral("Nothing was exported")));
    CHECK_FALSE(r.err.contains(QStringLiteral("Exported")));
    CHECK(test::readFile(out) == "earlier export\n");
    // Nothing else was left in the folder (QSaveFile's temporary file).
    CHECK(QDir(dir.path()).entryList(QDir::Files).filter(QStringLiteral("caseload")) ==
          QStringList{QStringLiteral("caseload.json")});

    // check, which the message points to, lists the damage and says what to do.
    const Run checked = as(kSupervisor, {QStringLiteral("check"), QStringLiteral("--db"), path});
    INFO(checked.err.toStdString());
    CHECK(checked.status == 1);
    CHECK(checked.err.contains(path));
    CHECK(checked.err.contains(QStringLiteral("the file is damaged; restore it from a backup")));
    CHECK_FALSE(checked.err.contains(QStringLiteral("run pathway-cli check")));
}
