#include "StorageSupport.h"
#include "TestSupport.h"

#include "pathway/core/IncomeThresholds.h"
#include "pathway/storage/ClientRepository.h"
#include "pathway/storage/Database.h"
#include "pathway/storage/NoteRepository.h"

#include <QSqlQuery>
#include <QTemporaryDir>

#include <catch2/catch.hpp>

using namespace pathway;

TEST_CASE("Case notes are added and listed newest first")
{
    QTemporaryDir dir;
    auto db = test::openAsSystem(dir.filePath(QStringLiteral("n.sqlite")));
    REQUIRE(db.ok());
    ClientRepository clients(*db.value(), IncomeThresholds::builtIn());
    const qint64 id = clients.add(test::sampleClient()).value();
    NoteRepository notes(*db.value());
    CHECK(notes.list(id).value().isEmpty());

    CaseNote first{0, id, QStringLiteral("agarcia"), QStringLiteral("  Called about the CV.  "),
                   QDateTime(QDate(2026, 11, 2), QTime(9, 30), Qt::UTC)};
    REQUIRE(notes.add(first).ok());
    CHECK(first.id > 0);
    CHECK(first.body == QStringLiteral("Called about the CV."));
    CaseNote second{0, id, QStringLiteral("agarcia"), QStringLiteral("Zoë starts the course."), {}};
    REQUIRE(notes.add(second).ok());
    CHECK(second.createdAt.isValid());

    auto listed = notes.list(id);
    REQUIRE(listed.ok());
    REQUIRE(listed->size() == 2);
    CHECK(listed->at(0).body == QStringLiteral("Zoë starts the course."));
    CHECK(listed->at(1).createdAt == first.createdAt);
    CHECK(listed->at(1).author == QStringLiteral("agarcia"));

    CaseNote empty{0, id, QStringLiteral("agarcia"), QStringLiteral("   "), {}};
    CHECK(notes.add(empty).error().code == Error::Code::Invalid);
    CaseNote orphan{0, id + 100, QStringLiteral("agarcia"), QStringLiteral("x"), {}};
    CHECK(notes.add(orphan).error().code == Error::Code::NotFound);
    CHECK(notes.list(id)->size() == 2);
}

TEST_CASE("Adding a note is recorded without its text")
{
    QTemporaryDir dir;
    auto db = test::openAsSystem(dir.filePath(QStringLiteral("n.sqlite")));
    REQUIRE(db.ok());
    ClientRepository clients(*db.value(), IncomeThresholds::builtIn());
    const qint64 id = clients.add(test::sampleClient()).value();
    NoteRepository notes(*db.value());
    CaseNote note{0, id, QStringLiteral("agarcia"), QStringLiteral("Zoë got the job."), {}};
    REQUIRE(notes.add(note).ok());
    CHECK(note.author == QStringLiteral("agarcia")); // the system keeps the author given
    QSqlQuery q(db.value()->connection());
    REQUIRE(q.exec(
        QStringLiteral("SELECT action, record_id, detail FROM audit_log WHERE entity = 'note'")));
    REQUIRE(q.next());
    CHECK(q.value(0).toString() == QStringLiteral("create"));
    CHECK(q.value(1).toLongLong() == note.id);
    CHECK(q.value(2).toString() == QStringLiteral("client %1").arg(id));
    CHECK_FALSE(q.next());
}
