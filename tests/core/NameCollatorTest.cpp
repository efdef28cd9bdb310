#include "TestSupport.h"

#include "pathway/core/NameCollator.h"

#include <catch2/catch.hpp>

#include <algorithm>
#include <utility>
#include <vector>

using namespace pathway;

namespace {
using Name = std::pair<const char *, const char *>; // first, last

// `names` sorted by their keys under `locale`, as "Last, First".
QStringList sorted(const char *locale, std::vector<Name> names)
{
    const NameCollator collator(QString::fromLatin1(locale));
    REQUIRE(collator.isValid());
    std::vector<std::pair<QByteArray, QString>> keyed;
    for (const Name &n : names)
        keyed.emplace_back(
            collator.sortKey(QString::fromUtf8(n.first), QString::fromUtf8(n.second)),
            QString::fromUtf8(n.second) + QStringLiteral(", ") + QString::fromUtf8(n.first));
    // std::sort on QByteArray compares bytes as memcmp does.
    std::sort(keyed.begin(), keyed.end());
    QStringList out;
    for (const auto &k : keyed)
        out << k.second;
    return out;
}
} // namespace

TEST_CASE("Names sort by the locale's collation: Ñúñez among the N's, not after Wright")
{
    CHECK(sorted("en", {{"Sam", "Wright"},
                        {"Zoë", "Ñúñez"},
                        {"Chidi", "Okafor"},
                        {"Thanh", "Nguyen"},
                        {"Ana", "Łukasiewicz"},
                        {"Ann", "Lopez"}}) ==
          QStringList({QStringLiteral("Lopez, Ann"), QStringLiteral("Łukasiewicz, Ana"),
                       QStringLiteral("Nguyen, Thanh"), QStringLiteral("Ñúñez, Zoë"),
                       QStringLiteral("Okafor, Chidi"), QStringLiteral("Wright, Sam")}));
}

TEST_CASE("The last name decides first, then the first name; accents and case break ties")
{
    CHECK(sorted("en", {{"Zoe", "Nunez"}, {"Zoë", "Núñez"}, {"Ana", "Núñez"}, {"zoe", "nunez"}}) ==
          QStringList({QStringLiteral("Núñez, Ana"), QStringLiteral("nunez, zoe"),
                       QStringLiteral("Nunez, Zoe"), QStringLiteral("Núñez, Zoë")}));
    // A shorter last name that starts a longer one comes first.
    CHECK(sorted("en", {{"Ana", "Vanderberg"}, {"Zoë", "Van"}}) ==
          QStringList({QStringLiteral("Van, Zoë"), QStringLiteral("Vanderberg, Ana")}));
}

TEST_CASE("Another locale orders differently: Swedish puts Å after Z")
{
    const std::vector<Name> names = {{"Eva", "Åberg"}, {"Olle", "Zander"}, {"Per", "Andersson"}};
    CHECK(sorted("en", names) ==
          QStringList({QStringLiteral("Åberg, Eva"), QStringLiteral("Andersson, Per"),
                       QStringLiteral("Zander, Olle")}));
    CHECK(sorted("sv", names) ==
          QStringList({QStringLiteral("Andersson, Per"), QStringLiteral("Zander, Olle"),
                       QStringLiteral("Åberg, Eva")}));
}

TEST_CASE("Locale names are checked, and the machine's default is one ICU knows")
{
    CHECK(NameCollator::isKnownLocale(QStringLiteral("en")));
    CHECK(NameCollator::isKnownLocale(QStringLiteral("sv_SE")));
    CHECK(NameCollator::isKnownLocale(QStringLiteral("es@collation=traditional")));
    CHECK_FALSE(NameCollator::isKnownLocale(QStringLiteral("C")));
    CHECK_FALSE(NameCollator::isKnownLocale(QString()));
    CHECK_FALSE(NameCollator::isKnownLocale(QStringLiteral("xx")));
    CHECK_FALSE(NameCollator::isKnownLocale(QStringLiteral("en; DROP TABLE clients")));
    CHECK(NameCollator::isKnownLocale(NameCollator::defaultLocale()));
    CHECK_FALSE(NameCollator(QStringLiteral("en")).version().isEmpty());
}
