// A corpus of more than 300 damaged database files, made by this test from
// a real Pathway database (the demo caseload): byte flips in the header, in
// the schema page, in table and in index pages (their page numbers read from
// the file through SQLite's dbstat table), truncations at many lengths, zero
// length, files of other formats, schema versions Pathway does not have, and
// a named pipe. Each goes through pathway-cli check, caseload and export.
//
// What each run must do, exactly:
// - end by itself within kHangGuardMs (a hang guard, not a speed test) with
//   an ordinary exit status (0 or 1), never a signal;
// - when it fails: a clear message on standard error (see checkClearRefusal
//   in CliSupport.h: it names the file, says it is damaged or not Pathway's,
//   points to pathway-cli check or a backup, and has no driver text), and
//   nothing on standard output; the only other failure allowed is the
//   wrong-user-or-password answer, and only when SQLite finds the file
//   sound (the flip changed a stored user name or hash: a file without
//   checksums cannot tell that from an edit);
// - when it succeeds (the flip landed on bytes nothing reads, or inside a
//   stored value): a correct result. check: says "<file>: ok" and the file
//   passes PRAGMA integrity_check and foreign_key_check. caseload and
//   export: print or write exactly what they give on the undamaged file, or
//   else the file passes those checks (a changed value); export writes
//   every client in the file. (Still open, see wrongResult: a different
//   result on damage that only integrity_check sees; check must report it.)
// - a refused file is left byte for byte as it was, with no -wal, -shm or
//   -journal file beside it (a later open would replay or trust those). A
//   file a command worked on may change only by what Pathway writes on any
//   day (the audit trail's sign-in and export entries), and is left closed:
//   no -wal or -shm beside it either.

#include "CliSupport.h"
#include "TestSupport.h"

#include "pathway/core/PasswordHash.h"
#include "pathway/storage/Database.h"

#include <nlohmann/json.hpp>

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>

#include <catch2/catch.hpp>

#include <iostream>
#include <random>

#include <sys/stat.h>

using namespace pathway;
using namespace pathway::clitest;

namespace {

const QString kSupervisor = QStringLiteral("sreyes");
constexpr int kHangGuardMs = 120000;

struct Raw
{
    explicit Raw(const QString &path) : name(QStringLiteral("corpus-%1").arg(++count))
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
        db.setDatabaseName(path);
        opened = db.open();
    }
    ~Raw()
    {
        QSqlDatabase::database(name, false).close();
        QSqlDatabase::removeDatabase(name);
    }
    // The first column of each row; nullopt when the query fails.
    std::optional<QStringList> column(const QString &sql) const
    {
        QSqlQuery q(QSqlDatabase::database(name, false));
        if (!q.exec(sql))
            return std::nullopt;
        QStringList values;
        while (q.next())
            values << q.value(0).toString();
        if (q.lastError().isValid())
            return std::nullopt;
        return values;
    }
    void exec(const QString &sql) const
    {
        QSqlQuery q(QSqlDatabase::database(name, false));
        INFO(sql.toStdString() << ": " << q.lastError().text().toStdString());
        REQUIRE(q.exec(sql));
    }

    static inline int count = 0;
    QString name;
    bool opened = false;
};

// SQLite's own verdict on a file: its integrity and foreign-key checks pass.
bool sqliteFindsSound(const QString &path)
{
    Raw raw(path);
    if (!raw.opened)
        return false;
    const auto integrity = raw.column(QStringLiteral("PRAGMA integrity_check"));
    const auto keys = raw.column(QStringLiteral("PRAGMA foreign_key_check"));
    return integrity && *integrity == QStringList{QStringLiteral("ok")} && keys && keys->isEmpty();
}

struct Case
{
    QString name;
    QByteArray bytes;
    bool fifo = false;
};

struct Page
{
    QString object; // table or index name
    int number = 0; // from 1
};

int pageSize(const QByteArray &bytes)
{
    const int size = (uchar(bytes[16]) << 8) | uchar(bytes[17]);
    return size == 1 ? 65536 : size;
}

QByteArray flipped(QByteArray bytes, qsizetype at, uchar mask)
{
    bytes[at] = char(uchar(bytes[at]) ^ mask);
    return bytes;
}

// The base file: a copy of the demo caseload whose users' passwords are
// hashed with few iterations, so that the runs that get as far as signing in
// (hundreds of them) do not spend a second each on PBKDF2. Everything else is
// what `pathway-cli demo` wrote.
QString baseDatabase(const QTemporaryDir &dir)
{
    const QString path = demoDatabase(dir, 60);
    const QString base = dir.filePath(QStringLiteral("base.sqlite"));
    REQUIRE(QFile::rename(path, base));
    {
        Raw raw(base);
        REQUIRE(raw.opened);
        raw.exec(QStringLiteral("UPDATE users SET password_hash = '%1' WHERE password_hash <> ''")
                     .arg(passwordHash::create(kPassword, 1000)));
    }
    // Closed, so no -wal is left: the file alone is the database.
    REQUIRE_FALSE(QFile::exists(base + QStringLiteral("-wal")));
    return base;
}

// Pages of each table and index of `path`, from dbstat.
void pagesOf(const QString &path, QVector<Page> &tables, QVector<Page> &indexes)
{
    Raw raw(path);
    REQUIRE(raw.opened);
    const auto kinds = raw.column(QStringLiteral("SELECT type || ' ' || name FROM sqlite_master "
                                                 "WHERE rootpage > 0"));
    REQUIRE(kinds);
    QHash<QString, QString> typeOf;
    for (const QString &k : *kinds)
        typeOf.insert(k.section(QLatin1Char(' '), 1), k.section(QLatin1Char(' '), 0, 0));
    const auto pages = raw.column(QStringLiteral("SELECT name || ' ' || pageno FROM dbstat "
                                                 "WHERE pagetype IN ('internal', 'leaf') "
                                                 "ORDER BY pageno"));
    INFO("this test needs SQLite's dbstat table (SQLITE_ENABLE_DBSTAT_VTAB)");
    REQUIRE(pages);
    for (const QString &p : *pages) {
        const Page page{p.section(QLatin1Char(' '), 0, 0), p.section(QLatin1Char(' '), 1).toInt()};
        if (page.number == 1)
            continue; // the schema page, damaged on its own
        if (typeOf.value(page.object) == QLatin1String("table"))
            tables << page;
        else if (typeOf.value(page.object) == QLatin1String("index"))
            indexes << page;
    }
    REQUIRE(tables.size() >= 10);
    REQUIRE(indexes.size() >= 10);
}

// A flip inside `page`: its b-tree header, its cell pointers, or anywhere.
QByteArray flipInPage(const QByteArray &base, int page, std::mt19937 &random, QString *where)
{
    const int size = pageSize(base);
    const qsizetype start = qsizetype(page - 1) * size;
    const int cells = (uchar(base[start + 3]) << 8) | uchar(base[start + 4]);
    const bool interior = base[start] == 0x02 || base[start] == 0x05;
    const int header = interior ? 12 : 8;
    int offset = 0;
    switch (random() % 3) {
    case 0:
        offset = int(random() % header);
        *where = QStringLiteral("b-tree header");
        break;
    case 1:
        offset = header + int(random() % uint(qMax(2, 2 * cells)));
        *where = QStringLiteral("cell pointers");
        break;
    default:
        offset = int(random() % uint(size));
        *where = QStringLiteral("anywhere");
    }
    const uchar mask = uchar(1 + random() % 255);
    *where += QStringLiteral(" +%1 ^0x%2").arg(offset).arg(mask, 2, 16, QLatin1Char('0'));
    return flipped(base, start + offset, mask);
}

// A file holding `base` with `statements` run on it by a plain SQLite
// connection (another program's doing).
QByteArray edited(const QTemporaryDir &dir, const QByteArray &base, const QStringList &statements)
{
    const QString path = dir.filePath(QStringLiteral("edit.sqlite"));
    REQUIRE(test::writeFile(path, base));
    {
        Raw raw(path);
        REQUIRE(raw.opened);
        for (const QString &sql : statements)
            raw.exec(sql);
    }
    const QByteArray bytes = test::readFile(path);
    REQUIRE(QFile::remove(path));
    return bytes;
}

// The write-ahead log of a change to `base`, taken while its writer still
// had it open: a -wal file on its own, without the database it belongs to.
QByteArray walAlone(const QTemporaryDir &dir, const QByteArray &base)
{
    const QString path = dir.filePath(QStringLiteral("wal.sqlite"));
    REQUIRE(test::writeFile(path, base));
    QByteArray wal;
    {
        Raw raw(path);
        REQUIRE(raw.opened);
        raw.exec(QStringLiteral("PRAGMA journal_mode=WAL"));
        raw.exec(QStringLiteral("PRAGMA wal_autocheckpoint=0"));
        raw.exec(QStringLiteral("UPDATE clients SET phone = '555 0199'"));
        wal = test::readFile(path + QStringLiteral("-wal"));
    }
    REQUIRE(wal.size() > 32);
    QFile::remove(path);
    return wal;
}

QVector<Case> corpus(const QTemporaryDir &dir, const QString &basePath)
{
    const QByteArray base = test::readFile(basePath);
    const int size = pageSize(base);
    const int pages = int(base.size() / size);
    REQUIRE(pages >= 20);
    QVector<Page> tables, indexes;
    pagesOf(basePath, tables, indexes);
    std::mt19937 random(24); // fixed: the corpus is the same on every run
    QVector<Case> list;

    // The 100-byte header, every byte.
    for (int at = 0; at < 100; ++at)
        list.push_back({QStringLiteral("header byte %1 flipped").arg(at), flipped(base, at, 0xff)});
    // The schema page (page 1 after the header): its b-tree header, its
    // cell pointers and its cells.
    for (int i = 0; i < 40; ++i) {
        const int at = i < 12 ? 100 + i : 100 + int(random() % uint(size - 100));
        const uchar mask = uchar(1 + random() % 255);
        list.push_back(
            {QStringLiteral("schema page byte %1 ^0x%2").arg(at).arg(mask, 2, 16, QLatin1Char('0')),
             flipped(base, at, mask)});
    }
    // Table and index pages, spread over all of them.
    for (int i = 0; i < 80; ++i) {
        const Page &page = tables[int(random() % uint(tables.size()))];
        QString where;
        QByteArray bytes = flipInPage(base, page.number, random, &where);
        list.push_back(
            {QStringLiteral("table %1 page %2: %3").arg(page.object).arg(page.number).arg(where),
             bytes});
    }
    for (int i = 0; i < 60; ++i) {
        const Page &page = indexes[int(random() % uint(indexes.size()))];
        QString where;
        QByteArray bytes = flipInPage(base, page.number, random, &where);
        list.push_back(
            {QStringLiteral("index %1 page %2: %3").arg(page.object).arg(page.number).arg(where),
             bytes});
    }
    // Cut short.
    QVector<qsizetype> lengths = {0,   1,   15,   16,       50,   99,      100,
                                  101, 512, 1024, size - 1, size, size + 1};
    for (int i = 2; i < 30; ++i)
        lengths << qsizetype(base.size()) * i / 30 + (i % 3 == 0 ? 0 : 7 * i);
    lengths << base.size() - size << base.size() - 1;
    for (qsizetype length : lengths)
        list.push_back({QStringLiteral("cut to %1 bytes").arg(length), base.left(length)});
    // Other formats.
    list.push_back(
        {QStringLiteral("a PNG image"),
         QByteArray::fromBase64("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR4"
                                "2mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg==")});
    list.push_back({QStringLiteral("a text file"), "Dear diary, today I met my counselor.\n"});
    list.push_back({QStringLiteral("an empty zip archive"),
                    QByteArray("PK\x05\x06", 4) + QByteArray(18, '\0')});
    list.push_back({QStringLiteral("a zip archive's local header"),
                    QByteArray("PK\x03\x04\x14\x00\x00\x00\x00\x00", 10) + base.left(4096)});
    list.push_back({QStringLiteral("a write-ahead log alone"), walAlone(dir, base)});
    list.push_back({QStringLiteral("an exchange file"), "{\"format\": \"pathway-exchange\", "
                                                        "\"version\": 1, \"clients\": []}\n"});
    list.push_back(
        {QStringLiteral("a PDF"), "%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n"});
    list.push_back({QStringLiteral("4096 zero bytes"), QByteArray(4096, '\0')});
    list.push_back({QStringLiteral("the SQLite header, then zeros"),
                    base.left(100) + QByteArray(base.size() - 100, '\0')});
    {
        QByteArray noise(3 * size, '\0');
        for (char &c : noise)
            c = char(random());
        list.push_back({QStringLiteral("random bytes"), noise});
    }
    // Schema versions and owners Pathway does not have.
    const int latest = Database::latestSchemaVersion();
    for (const QString &version :
         {QString::number(latest + 1), QStringLiteral("99"), QStringLiteral("2147483647"),
          QStringLiteral("-1"), QStringLiteral("-2147483648")})
        list.push_back(
            {QStringLiteral("schema version %1").arg(version),
             edited(dir, base, {QStringLiteral("PRAGMA user_version = %1").arg(version)})});
    list.push_back({QStringLiteral("application id 0"),
                    edited(dir, base, {QStringLiteral("PRAGMA application_id = 0")})});
    list.push_back({QStringLiteral("another application's id"),
                    edited(dir, base, {QStringLiteral("PRAGMA application_id = 1179992901")})});
    list.push_back({QStringLiteral("a named pipe"), {}, true});
    return list;
}

// pathway-cli with the hang guard: a run that does not end by itself in
// kHangGuardMs is killed and fails the test.
Run guarded(const QStringList &args)
{
    QProcess p;
    p.setProcessEnvironment(environment(Env{}));
    p.start(QStringLiteral(PATHWAY_CLI), args);
    p.closeWriteChannel();
    const bool ended = p.waitForFinished(kHangGuardMs);
    if (!ended) {
        p.kill();
        p.waitForFinished();
    }
    const Run r{p.exitCode(), QString::fromUtf8(p.readAllStandardOutput()),
                QString::fromUtf8(p.readAllStandardError())};
    INFO("pathway-cli " << args.join(QLatin1Char(' ')).toStdString());
    REQUIRE(ended); // did not hang
    INFO("stderr: " << r.err.toStdString());
    REQUIRE(p.exitStatus() == QProcess::NormalExit); // no crash
    return r;
}

// Still open (issue 12): caseload or export can end with success but show
// something other than what the file held, on damage to an index or to a
// page of plan steps that SQLite's integrity_check finds but reading does
// not trip over (six runs of this corpus on 2026-11-24). What this test
// holds on to meanwhile: `check` reports that damage, so the advice the
// other messages give finds it. Each such run is printed.
int wrongResult(const QString &name, const QString &command, bool checkRefused)
{
    INFO(command.toStdString() << ": " << name.toStdString());
    CHECK(checkRefused);
    WARN("still open: " << command.toStdString() << " gave a result other than the undamaged "
                        << "file's: " << name.toStdString());
    return 1;
}

struct Expected
{
    QString caseload;
    nlohmann::json clients;
};

// The "clients" of an exchange file (an empty array when it cannot be read).
nlohmann::json exportedClients(const QString &path)
{
    const auto parsed = nlohmann::json::parse(test::readFile(path).toStdString(), nullptr, false);
    if (parsed.is_discarded() || !parsed.contains("clients"))
        return nlohmann::json::array();
    return parsed.at("clients");
}

QByteArray sha256(const QString &path)
{
    return QCryptographicHash::hash(test::readFile(path), QCryptographicHash::Sha256).toHex();
}

QStringList sidecars(const QString &path)
{
    QStringList found;
    for (const char *suffix : {"-wal", "-shm", "-journal"})
        if (QFileInfo::exists(path + QLatin1String(suffix)))
            found << path + QLatin1String(suffix);
    return found;
}

} // namespace

TEST_CASE("Over 300 damaged files each give a clear message or a correct result, never a crash")
{
    QTemporaryDir dir;
    const QString basePath = baseDatabase(dir);
    const QVector<Case> cases = corpus(dir, basePath);
    // What the undamaged file gives.
    Expected expected;
    {
        const QString copy = dir.filePath(QStringLiteral("copy.sqlite"));
        const QString out = dir.filePath(QStringLiteral("copy.json"));
        REQUIRE(QFile::copy(basePath, copy));
        const Run listed =
            guarded({QStringLiteral("caseload"), QStringLiteral("--db"), copy,
                     QStringLiteral("--user"), kSupervisor, QStringLiteral("--today"), kToday});
        REQUIRE(listed.status == 0);
        expected.caseload = listed.out;
        const Run exported =
            guarded({QStringLiteral("export"), QStringLiteral("--out"), out, QStringLiteral("--db"),
                     copy, QStringLiteral("--user"), kSupervisor});
        REQUIRE(exported.status == 0);
        expected.clients = exportedClients(out);
        REQUIRE(expected.clients.size() == 60);
    }
    CHECK(cases.size() >= 300);
    int refused = 0, refusedAfterSignIn = 0, worked = 0, wrongUser = 0, knownOpen = 0;

    for (int i = 0; i < cases.size(); ++i) {
        const Case &c = cases[i];
        INFO("case " << i << ": " << c.name.toStdString());
        const QString path = dir.filePath(QStringLiteral("case-%1.sqlite").arg(i));
        if (c.fifo)
            REQUIRE(::mkfifo(QFile::encodeName(path).constData(), 0600) == 0);
        else
            REQUIRE(test::writeFile(path, c.bytes));
        const QString out = dir.filePath(QStringLiteral("out-%1.json").arg(i));
        bool checkRefused = false;

        for (const QStringList &command :
             {QStringList{QStringLiteral("check")},
              QStringList{QStringLiteral("caseload"), QStringLiteral("--today"), kToday},
              QStringList{QStringLiteral("export"), QStringLiteral("--out"), out}}) {
            INFO("pathway-cli " << command.join(QLatin1Char(' ')).toStdString());
            const QByteArray before = c.fifo ? QByteArray() : sha256(path);
            const Run r = guarded(command + QStringList{QStringLiteral("--db"), path,
                                                        QStringLiteral("--user"), kSupervisor});
            INFO("status " << r.status << ", stderr: " << r.err.toStdString());
            if (command[0] == QLatin1String("check"))
                checkRefused = r.status == 1;
            CHECK((r.status == 0 || r.status == 1));
            CHECK(sidecars(path).isEmpty());
            if (c.fifo) {
                checkClearRefusal(r, path);
                CHECK_FALSE(QFileInfo(path).isFile());
                ++refused;
                continue;
            }
            if (r.status == 0) {
                ++worked;
                // check must never pass a file SQLite finds damaged; caseload
                // and export must show what the undamaged file holds, or
                // (a flipped byte inside a stored value, which SQLite cannot
                // see) work on a file SQLite finds sound.
                if (command[0] == QLatin1String("check")) {
                    CHECK(r.out == path + QStringLiteral(": ok\n"));
                    CHECK(sqliteFindsSound(path));
                } else if (command[0] == QLatin1String("caseload")) {
                    if (r.out != expected.caseload && !sqliteFindsSound(path))
                        knownOpen += wrongResult(c.name, command[0], checkRefused);
                    CHECK(r.out.startsWith(QStringLiteral("ID  Last name")));
                } else {
                    const auto exported = exportedClients(out);
                    if (exported != expected.clients && !sqliteFindsSound(path))
                        knownOpen += wrongResult(c.name, command[0], checkRefused);
                    Raw raw(path);
                    const auto clients = raw.column(QStringLiteral("SELECT count(*) FROM clients"));
                    REQUIRE(clients);
                    CHECK(exported.size() == clients->value(0).toULongLong());
                    QFile::remove(out);
                }
            } else if (r.err.contains(QStringLiteral("password is wrong"))) {
                // A changed user name or hash that SQLite cannot see: the
                // answer for anyone who is not a user of this file.
                ++wrongUser;
                CHECK(sqliteFindsSound(path));
            } else {
                checkClearRefusal(r, path);
                CHECK_FALSE(QFile::exists(out));
                if (r.err.contains(QStringLiteral("Cannot open the database"))) {
                    // Refused when opening: nothing was written.
                    ++refused;
                    CHECK(sha256(path) == before);
                } else {
                    // Refused after signing in (damage a full check or the
                    // read itself found): the sign-in is in the audit trail.
                    ++refusedAfterSignIn;
                }
            }
        }
        QFile::remove(path);
    }
    std::cerr << "DamagedFileCorpusTest: " << cases.size() << " files, " << refused
              << " runs refused at open with a clear message and the file unchanged, "
              << refusedAfterSignIn << " refused with a clear message after signing in, " << worked
              << " runs worked on a file "
              << "SQLite finds sound, " << wrongUser << " sign-ins refused on a changed user, "
              << knownOpen << " runs still open (a wrong result that check reports)\n";
}
