#include "TestSupport.h"

#include "pathway/storage/Database.h"
#include "pathway/storage/DraftRepository.h"

#include <QTemporaryDir>

#include <catch2/catch.hpp>

using namespace pathway;

TEST_CASE("An intake draft is saved, listed, loaded, replaced and deleted")
{
    QTemporaryDir dir;
    auto db = Database::open(dir.filePath(QStringLiteral("d.sqlite")));
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

    draft.page = 5;
    draft.profile.email = QStringLiteral("zoe@example.org");
    REQUIRE(drafts.save(draft).ok());
    CHECK(drafts.load(draft.id)->page == 5);
    CHECK(drafts.load(draft.id)->profile.email == QStringLiteral("zoe@example.org"));
    CHECK(drafts.list()->size() == 2);

    REQUIRE(drafts.remove(draft.id).ok());
    CHECK(drafts.load(draft.id).error().code == Error::Code::NotFound);
    CHECK(drafts.list()->size() == 1);
    CHECK(drafts.remove(draft.id).ok());

    IntakeDraft gone = draft; // deleted meanwhile, e.g. in another window
    CHECK(drafts.save(gone).error().code == Error::Code::NotFound);
}
