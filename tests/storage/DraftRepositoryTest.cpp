#include "StorageSupport.h"
#include "TestSupport.h"

#include "pathway/storage/Database.h"
#include "pathway/storage/DraftRepository.h"

#include <QSqlQuery>
#include <QTemporaryDir>

#include <catch2/catch.hpp>

using namespace pathway;

TEST_CASE("An intake draft is saved, listed, loaded, replaced and deleted")
{
    QTemporaryDir dir;
    auto db = test::openAsSystem(dir.filePath(QStringLiteral("d.sqlite")));
    REQUIRE(db.ok());
    DraftRepository drafts(*db.value());
    CHECK(drafts.list().value().isEmpty());

    IntakeDraft draft;
    draft.counselor = QStringLiteral("agarcia");
    draft.label = QStringLiteral("Zoë Ñúñez-Łukasiewicz");
    draft.page = 2;
    draft.profile = test::sampleClient();
    draft.profile.email.clear(); // half done: not asked yet
    REQUIRE(drafts.save(draft).ok());
    CHECK(draft.id > 0);
    CHECK(draft.createdAt.isValid());

    // A half-typed profile that is not valid is still a draft.
    IntakeDraft partial;
    partial.label = QStringLiteral("(no name yet)");
    partial.profile.firstName = QStringLiteral("Ana");
    partial.profile.phone = QStringLiteral("12");
    const Status savedPartial = drafts.save(partial);
    INFO(savedPartial.error().message.toStdString());
    REQUIRE(savedPartial.ok());

    auto listed = drafts.list();
    REQUIRE(listed.ok());
    REQUIRE(listed->size() == 2);

    auto loaded = drafts.load(draft.id);
    REQUIRE(loaded.ok());
    CHECK(loaded->page == 2);
    CHECK(loaded->counselor == QStringLiteral("agarcia"));
    CHECK(loaded->label == draft.label);
    CHECK(loaded->profile == draft.profile);
    auto loadedPartial = drafts.load(partial.id);
    REQUIRE(loadedPartial.ok());
    CHECK(loadedPartial->profile.firstName == QStringLiteral("Ana"));
    CHECK(loadedPartial->profile.phone == QStringLiteral("12"));

    CHECK(loaded->notDuplicates.isEmpty());

    draft.page = 5;
    draft.profile.email = QStringLiteral("zoe@example.org");
    // The counselor said clients 12 and 40 are someone else: remembered.
    draft.notDuplicates = {12, 40};
    REQUIRE(drafts.save(draft).ok());
    CHECK(drafts.load(draft.id)->page == 5);
    CHECK(drafts.load(draft.id)->notDuplicates == QVector<qint64>{12, 40});
    CHECK(drafts.load(draft.id)->profile.email == QStringLiteral("zoe@example.org"));
    CHECK(drafts.list()->size() == 2);

    REQUIRE(drafts.remove(draft.id).ok());
    CHECK(drafts.load(draft.id).error().code == Error::Code::NotFound);
    CHECK(drafts.list()->size() == 1);
    CHECK(drafts.remove(draft.id).ok());

    IntakeDraft gone = draft; // deleted meanwhile, e.g. in another window
    CHECK(drafts.save(gone).error().code == Error::Code::NotFound);

    // Adding and deleting are recorded (not every save: the wizard saves often).
    QSqlQuery q(db.value()->connection());
    REQUIRE(q.exec(QStringLiteral("SELECT action || ' ' || record_id FROM audit_log WHERE "
                                  "entity = 'draft' ORDER BY id")));
    QStringList trail;
    while (q.next())
        trail << q.value(0).toString();
    CHECK(trail == QStringList({QStringLiteral("create %1").arg(draft.id),
                                QStringLiteral("create %1").arg(partial.id),
                                QStringLiteral("delete %1").arg(draft.id)}));
}

TEST_CASE("A counselor's drafts are their own")
{
    QTemporaryDir dir;
    auto db = test::openAsSystem(dir.filePath(QStringLiteral("d.sqlite")));
    REQUIRE(db.ok());
    DraftRepository drafts(*db.value());
    db.value()->setActor(Actor::person(User{7, QStringLiteral("agarcia"), {}, Role::Counselor}));
    IntakeDraft mine;
    mine.label = QStringLiteral("x");
    REQUIRE(drafts.save(mine).ok());
    CHECK(mine.counselor == QStringLiteral("agarcia"));
    db.value()->setActor(Actor::person(User{8, QStringLiteral("bnguyen"), {}, Role::Counselor}));
    CHECK(drafts.list()->isEmpty());
    CHECK(drafts.load(mine.id).error().code == Error::Code::Forbidden);
    CHECK(drafts.remove(mine.id).error().code == Error::Code::Forbidden);
    db.value()->setActor(Actor::person(User{9, QStringLiteral("sreyes"), {}, Role::Supervisor}));
    REQUIRE(drafts.list()->size() == 1);
    CHECK(drafts.load(mine.id)->counselor == QStringLiteral("agarcia"));
    db.value()->setActor(Actor::nobody());
    CHECK(drafts.list().error().code == Error::Code::Forbidden);
}
