#include "TestSupport.h"

#include "pathway/core/IncomeThresholds.h"
#include "pathway/storage/ClientRepository.h"
#include "pathway/storage/Database.h"
#include "pathway/storage/NoteRepository.h"

#include <QTemporaryDir>

#include <catch2/catch.hpp>

using namespace pathway;

TEST_CASE("Case notes are added and listed newest first")
{
    QTemporaryDir dir;
    auto db = Database::open(dir.filePath(QStringLiteral("n.sqlite")));
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
    CHECK_FALSE(notes.add(orphan).ok()); // foreign key
    CHECK(notes.list(id)->size() == 2);
}
