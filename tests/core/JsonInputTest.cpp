// Every JSON file reader refuses hostile input with a message instead of
// crashing, hanging or reading a wrong value (issue 12, items 1-4, 6, 11).

#include "TestSupport.h"

#include "pathway/core/ExchangeFile.h"
#include "pathway/core/IncomeThresholds.h"
#include "pathway/core/JsonInput.h"
#include "pathway/core/ProfileJson.h"
#include "pathway/core/RuleBase.h"

#include <QTemporaryFile>

#include <catch2/catch.hpp>

#include <cstdio>

using namespace pathway;
using nlohmann::json;

namespace {

// A valid profile object as text, with `extra` spliced in before the end.
QByteArray profileText(const QByteArray &extra = {}, const QByteArray &dob = "1980-05-17")
{
    return QByteArray(R"({"first_name": "Ana", "last_name": "García", "date_of_birth": ")") + dob +
           R"(", "household_size": 2, "annual_income": 30000, "employment_status": "unemployed", "weeks_unemployed": 10, "independence": "independent")" +
           extra + "}";
}

QByteArray exchangeText(const QByteArray &clients, const QByteArray &version = "1")
{
    return "{\"format\": \"pathway\", \"version\": " + version + ", \"clients\": [" + clients +
           "]}";
}

QByteArray nested(const QByteArray &open, const QByteArray &inner, const QByteArray &close,
                  int depth)
{
    QByteArray out;
    out.reserve((open.size() + close.size()) * depth + inner.size());
    for (int i = 0; i < depth; ++i)
        out += open;
    out += inner;
    for (int i = 0; i < depth; ++i)
        out += close;
    return out;
}

QString readerError(const QByteArray &text)
{
    auto parsed = exchange::readProfiles(text, QStringLiteral("p.json"));
    return parsed ? QString() : parsed.error().message;
}

} // namespace

TEST_CASE("Numbers too large for a double are refused with their place, in every reader")
{
    for (const QByteArray &big : {QByteArray("1e400"), QByteArray(400, '9')}) {
        INFO(big.left(10).toStdString());
        const QString profile = readerError(profileText(", \"weeks_unemployed2\": " + big));
        // Named by field and by place.
        CHECK(
            profile.contains(QStringLiteral("p.json: a number too large at $.weeks_unemployed2")));
        CHECK(profile.contains(QStringLiteral("line 1")));

        auto exchanged = exchange::read(exchangeText("{}", big), QStringLiteral("x.json"));
        REQUIRE_FALSE(exchanged);
        CHECK(exchanged.error().message.contains(QStringLiteral("a number too large")));

        auto rules = RuleBase::fromJson("{\"version\": " + big + "}", QStringLiteral("r.json"));
        REQUIRE_FALSE(rules);
        CHECK(rules.error().message.contains(QStringLiteral("Rule file r.json")));
        CHECK(rules.error().message.contains(QStringLiteral("a number too large at $.version")));

        auto thresholds = IncomeThresholds::fromJson("{\"reference_household_size\": " + big + "}",
                                                     QStringLiteral("t.json"));
        REQUIRE_FALSE(thresholds);
        CHECK(thresholds.error().message.contains(
            QStringLiteral("a number too large at $.reference_household_size")));
    }
}

TEST_CASE("Whole numbers out of range are refused before they are narrowed")
{
    const QString severity = readerError(
        profileText(", \"barriers\": [{\"code\": \"stigma\", \"severity\": 4294967299}]"));
    CHECK(severity.contains(QStringLiteral("barriers[0].severity: must be 1, 2 or 3")));
    const QString household = readerError(
        profileText().replace("\"household_size\": 2", "\"household_size\": 4294967298"));
    CHECK(household.contains(QStringLiteral("household_size: is out of range")));

    auto version = exchange::read(exchangeText("", "4294967297"), QStringLiteral("x.json"));
    REQUIRE_FALSE(version);
    CHECK(version.error().message.contains(QStringLiteral("version 4294967297 is not supported")));

    CHECK(jsoninput::integer(json(3), 1, 3) == 3);
    CHECK_FALSE(jsoninput::integer(json(4294967299ULL), 1, 3));
    CHECK_FALSE(jsoninput::integer(json(18446744073709551615ULL), 0, 1LL << 62));
    CHECK_FALSE(jsoninput::integer(json(1e3), 0, 5000));
    CHECK(jsoninput::integer(json(-5), -10, 10) == -5);
}

TEST_CASE("A key given twice is refused, naming it and where")
{
    const QString twice =
        readerError(profileText(", \"first_name\": \"Zoë\"").replace("\"Ana\"", "\"Ana\""));
    CHECK(twice.contains(QStringLiteral("the key \"first_name\" appears twice at $.first_name")));

    auto exchanged = exchange::read(
        exchangeText(profileText() + ",\n" +
                     profileText(", \"status\": \"active\", \"status\": \"closed\"")),
        QStringLiteral("x.json"));
    REQUIRE_FALSE(exchanged);
    CHECK(exchanged.error().message.contains(
        QStringLiteral("the key \"status\" appears twice at $.clients[1].status")));

    auto top = exchange::read("{\"format\": \"pathway\", \"format\": \"pathway\"}",
                              QStringLiteral("x.json"));
    REQUIRE_FALSE(top);
    CHECK(top.error().message.contains(QStringLiteral("\"format\" appears twice")));
}

TEST_CASE("Deep nesting is refused quickly, without recursion")
{
    // A rule condition 15,000 levels deep, a profile value 1,000,000 deep.
    const QByteArray rule = "{\"version\": \"x\", \"strategies\": [{\"id\": \"a\", \"when\": " +
                            nested("{\"not\": ", "{\"always\": true}", "}", 15000) + "}]}";
    auto rules = RuleBase::fromJson(rule, QStringLiteral("deep.json"));
    REQUIRE_FALSE(rules);
    CHECK(rules.error().message.contains(QStringLiteral("nested deeper than 32 levels")));
    CHECK(rules.error().message.contains(QStringLiteral("$.strategies[0].when.not.not")));

    const QByteArray deepAll = "{\"version\": \"x\", \"strategies\": [{\"id\": \"a\", \"when\": " +
                               nested("{\"all\": [", "{\"always\": true}", "]}", 10000) + "}]}";
    CHECK_FALSE(RuleBase::fromJson(deepAll, QStringLiteral("deep.json")));

    const QString profile =
        readerError(profileText(", \"skills\": " + nested("[", "1", "]", 1000000)));
    CHECK(profile.contains(QStringLiteral("nested deeper than 32 levels at $.skills")));
}

TEST_CASE("A date of birth is exactly YYYY-MM-DD")
{
    for (const QByteArray &bad :
         {QByteArray("1980-05-17T23:59:59"), QByteArray("1980-05-17\\u0000anything"),
          QByteArray("1980-5-17"), QByteArray(" 1980-05-17"), QByteArray("1980-13-45")}) {
        INFO(bad.toStdString());
        const QString message = readerError(profileText({}, bad));
        CHECK(message.contains(QStringLiteral("date_of_birth")));
        CHECK(message.contains(QStringLiteral("is not a date in the form YYYY-MM-DD")));
        CHECK_FALSE(message.contains(QChar(0))); // the NUL is shown escaped
    }
    CHECK(readerError(profileText()).isEmpty());
}

TEST_CASE("What a message repeats of the input is short, quoted and free of control characters")
{
    CHECK(jsoninput::quoted(QStringLiteral("Zoë")) == QStringLiteral("\"Zoë\""));
    CHECK(jsoninput::quoted(QStringLiteral("a\x1b[31mred\x07")) ==
          QStringLiteral("\"a\\u001b[31mred\\u0007\""));
    CHECK(jsoninput::quoted(QString(100, QLatin1Char('x')), 10) ==
          QStringLiteral("\"xxxxxxxxxx\u2026\""));

    // A 50 MB unknown field name and a 50 MB code give short messages.
    const std::string huge(50 * 1024 * 1024, 'k');
    const QString field =
        readerError(profileText(", \"" + QByteArray::fromStdString(huge) + "\": 1"));
    CHECK(field.size() < 600);
    const QString code = readerError(
        profileText().replace("\"unemployed\"", "\"" + QByteArray::fromStdString(huge) + "\""));
    CHECK(code.size() < 800);
    CHECK(code.contains(QStringLiteral("employment_status")));
}

TEST_CASE("An exchange file is streamed one client at a time")
{
    QTemporaryFile file;
    REQUIRE(file.open());
    file.write(exchangeText(profileText() + ",\n" + profileText() + ",\n42"));
    file.flush();
    std::FILE *f = std::fopen(QFile::encodeName(file.fileName()).constData(), "rb");
    REQUIRE(f);
    QStringList top;
    QVector<qint64> indices;
    int objects = 0;
    const Status read = jsoninput::streamExchange(
        f, QStringLiteral("x.json"), {},
        [&](const std::string &key, const json &value) {
            top << QString::fromStdString(key + "=" + value.dump());
            return Status();
        },
        [&](qint64 index, json &&client) {
            indices << index;
            objects += client.is_object() ? 1 : 0;
            return Status();
        });
    std::fclose(f);
    REQUIRE(read);
    CHECK(top == QStringList{QStringLiteral("format=\"pathway\""), QStringLiteral("version=1")});
    CHECK(indices == QVector<qint64>{0, 1, 2});
    CHECK(objects == 2);
}

TEST_CASE("A streamed file's syntax error and a callback's refusal stop it, with the place")
{
    QTemporaryFile file;
    REQUIRE(file.open());
    file.write(exchangeText(profileText() + ",\n{\"first_name\": }"));
    file.flush();
    std::FILE *f = std::fopen(QFile::encodeName(file.fileName()).constData(), "rb");
    REQUIRE(f);
    int seen = 0;
    const Status read = jsoninput::streamExchange(
        f, QStringLiteral("x.json"), {}, [](const std::string &, const json &) { return Status(); },
        [&](qint64, json &&) {
            ++seen;
            return Status();
        });
    std::fclose(f);
    REQUIRE_FALSE(read);
    CHECK(seen == 1);
    CHECK(
        read.error().message.contains(QStringLiteral("x.json: malformed JSON at line 2, column")));

    QTemporaryFile second;
    REQUIRE(second.open());
    second.write(exchangeText(profileText() + ",\n" + profileText()));
    second.flush();
    std::FILE *g = std::fopen(QFile::encodeName(second.fileName()).constData(), "rb");
    const Status stopped = jsoninput::streamExchange(
        g, QStringLiteral("x.json"), {}, [](const std::string &, const json &) { return Status(); },
        [](qint64 index, json &&) {
            return index == 1 ? Status(Error{Error::Code::Invalid, QStringLiteral("no second")})
                              : Status();
        });
    std::fclose(g);
    REQUIRE_FALSE(stopped);
    CHECK(stopped.error().message == QStringLiteral("no second"));
}
