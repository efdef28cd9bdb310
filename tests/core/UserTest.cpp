#include "pathway/core/User.h"

#include <catch2/catch.hpp>

using namespace pathway;

TEST_CASE("A user is named by their display name, else their user name")
{
    CHECK(userLabel(QStringLiteral("Ana García"), QStringLiteral("agarcia")) ==
          QStringLiteral("Ana García"));
    CHECK(userLabel(QString(), QStringLiteral("bnguyen")) == QStringLiteral("bnguyen"));
    CHECK(userLabel(QStringLiteral("  "), QStringLiteral("bnguyen")) == QStringLiteral("bnguyen"));
}
