#include "StorageSupport.h"
#include "TestSupport.h"

#include "pathway/storage/Database.h"
#include "pathway/storage/UserNames.h"
#include "pathway/storage/UserRepository.h"

#include <QTemporaryDir>

#include <catch2/catch.hpp>

using namespace pathway;

TEST_CASE("User names are shown as display names, told apart when two people share one")
{
    QTemporaryDir dir;
    auto db = test::openAsSystem(dir.filePath(QStringLiteral("names.sqlite")));
    REQUIRE(db.ok());
    UserRepository users(*db.value());
    REQUIRE(users.ensure(QStringLiteral("agarcia"), QStringLiteral("Ana García"), Role::Counselor)
                .ok());
    REQUIRE(users.ensure(QStringLiteral("agarcia2"), QStringLiteral("Ana García"), Role::Counselor)
                .ok());
    REQUIRE(users.ensure(QStringLiteral("sreyes"), QStringLiteral("Sofía Reyes"), Role::Supervisor)
                .ok());
    // Anyone may read the names, signed in or not.
    db.value()->setActor(Actor::nobody());
    auto names = UserNames::load(*db.value());
    REQUIRE(names.ok());
    CHECK(names->label(QStringLiteral("sreyes")) == QStringLiteral("Sofía Reyes"));
    CHECK(names->label(QStringLiteral("sreyes"), NameForm::WithUserName) ==
          QStringLiteral("Sofía Reyes (sreyes)"));
    // Two Ana Garcías: each with the user name, always.
    CHECK(names->label(QStringLiteral("agarcia")) == QStringLiteral("Ana García (agarcia)"));
    CHECK(names->label(QStringLiteral("agarcia2")) == QStringLiteral("Ana García (agarcia2)"));
    // A name no user has (typed at a failed sign-in) is shown as it is.
    CHECK(names->label(QStringLiteral("mallory")) == QStringLiteral("mallory"));
    CHECK(names->find(QStringLiteral("sreyes"))->role == Role::Supervisor);
    CHECK_FALSE(names->find(QStringLiteral("mallory")).has_value());
}
