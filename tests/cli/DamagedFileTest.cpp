// pathway-cli given a file that is not a healthy Pathway database: damaged,
// cut short, empty, someone else's, missing, or not a file at all. Each must
// be refused at once with a message that names the file, says it is damaged
// or not Pathway's and what to do, and must leave the file as it was.

#include "CliSupport.h"
#include "TestSupport.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>

#include <catch2/catch.hpp>

#include <unistd.h>

using namespace pathway;
using namespace pathway::clitest;

namespace {

const QString kSupervisor = QStringLiteral("sreyes");

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

} // namespace

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
    CHECK(r.err.contains(QStringLiteral("Nothing was exported")));
    CHECK_FALSE(r.err.contains(QStringLiteral("Exported")));
    CHECK(test::readFile(out) == "earlier export\n");
    // Nothing else was left in the folder (QSaveFile's temporary file).
    CHECK(QDir(dir.path()).entryList(QDir::Files).filter(QStringLiteral("caseload")) ==
          QStringList{QStringLiteral("caseload.json")});
}
