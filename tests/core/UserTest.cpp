#include "TestSupport.h"

#include "pathway/core/User.h"

#include <catch2/catch.hpp>

using namespace pathway;

TEST_CASE("A person is named by their display name, with the user name where asked")
{
    User ana;
    ana.username = QStringLiteral("agarcia");
    ana.displayName = QStringLiteral("Ana García");
    CHECK(displayLabel(ana) == QStringLiteral("Ana García"));
    CHECK(displayLabel(ana, NameForm::WithUserName) == QStringLiteral("Ana García (agarcia)"));

    // No display name, or the user name itself: the user name, once.
    User bare;
    bare.username = QStringLiteral("jsmith");
    CHECK(displayLabel(bare) == QStringLiteral("jsmith"));
    CHECK(displayLabel(bare, NameForm::WithUserName) == QStringLiteral("jsmith"));
    bare.displayName = QStringLiteral("jsmith");
    CHECK(displayLabel(bare, NameForm::WithUserName) == QStringLiteral("jsmith"));
    CHECK(displayLabel(QStringLiteral("  Ana García "), QStringLiteral("agarcia")) ==
          QStringLiteral("Ana García"));
    CHECK(displayLabel(QString(), QString()).isEmpty());
}
