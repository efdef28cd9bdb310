#include "TestSupport.h"

#include "pathway/core/Csv.h"

#include <catch2/catch.hpp>

using namespace pathway;

TEST_CASE("Fields that need it are quoted, as RFC 4180 says")
{
    CHECK(csv::record({QStringLiteral("a"), QStringLiteral("b c")}) == "a,b c\r\n");
    CHECK(csv::record({QStringLiteral("O'Brien, Ann"), QStringLiteral("say \"hi\"")}) ==
          "\"O'Brien, Ann\",\"say \"\"hi\"\"\"\r\n");
    CHECK(csv::record({QStringLiteral("two\nlines"), QString()}) == "\"two\nlines\",\r\n");
    CHECK(csv::record({QStringLiteral("Zoë Ñúñez")}) == QByteArray("Zoë Ñúñez\r\n"));
}

TEST_CASE("What is written reads back the same")
{
    const QVector<QStringList> rows = {
        {QStringLiteral("name"), QStringLiteral("note")},
        {QStringLiteral("Núñez, Zoë"), QStringLiteral("said \"maybe\"\r\nthen left")},
        {QString(), QStringLiteral(",")},
    };
    QByteArray text;
    for (const QStringList &r : rows)
        text += csv::record(r);
    auto back = csv::parse(text, QStringLiteral("t.csv"));
    REQUIRE(back.ok());
    CHECK(back.value() == rows);
}

TEST_CASE("A last record without a line break still counts")
{
    auto r = csv::parse("a,b\r\nc,\"d\"", QStringLiteral("t.csv"));
    REQUIRE(r.ok());
    CHECK(r.value() == QVector<QStringList>({{QStringLiteral("a"), QStringLiteral("b")},
                                             {QStringLiteral("c"), QStringLiteral("d")}}));
}

TEST_CASE("Malformed CSV names the place")
{
    auto unclosed = csv::parse("a,b\r\nc,\"d,e\r\n", QStringLiteral("t.csv"));
    REQUIRE_FALSE(unclosed.ok());
    CHECK(unclosed.error().message ==
          QStringLiteral("t.csv: line 2, column 3: this quote is never closed"));
    auto stray = csv::parse("ab\"c\r\n", QStringLiteral("t.csv"));
    REQUIRE_FALSE(stray.ok());
    CHECK(stray.error().message.contains(QStringLiteral("line 1, column 3")));
    auto after = csv::parse("\"ab\"c\r\n", QStringLiteral("t.csv"));
    REQUIRE_FALSE(after.ok());
    CHECK(after.error().message.contains(QStringLiteral("after the closing quote")));
}

TEST_CASE("Fields a spreadsheet would run as formulas are written as text")
{
    CHECK(csv::record({QStringLiteral("=HYPERLINK(\"http://x\",\"y\")"), QStringLiteral("+1"),
                       QStringLiteral("-2"), QStringLiteral("@SUM(A1)"), QStringLiteral("\tx"),
                       QStringLiteral("O'Brien"), QStringLiteral("a=b"), QString()}) ==
          "\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\",'+1,'-2,'@SUM(A1),'\tx,O'Brien,a=b,\r\n");
    auto back = csv::parse(csv::record({QStringLiteral("=1+1")}), QStringLiteral("t.csv"));
    REQUIRE(back);
    CHECK(back->at(0).at(0) == QStringLiteral("'=1+1"));
}
