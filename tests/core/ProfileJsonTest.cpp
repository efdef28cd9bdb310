#include "TestSupport.h"

#include "pathway/core/ProfileJson.h"

#include <nlohmann/json.hpp>

#include <catch2/catch.hpp>

using namespace pathway;
using nlohmann::json;

namespace {
QStringList fields(const ParsedClient &p)
{
    QStringList out;
    for (const FieldError &e : p.errors)
        out << e.field;
    return out;
}
json sampleJson()
{
    return clientToJson(test::sampleClient());
}
} // namespace

TEST_CASE("A profile survives JSON and back, non-ASCII included")
{
    Client c = test::sampleClient();
    c.incomeBracketOverride = IncomeBracket::Low;
    c.incomeBracketReason = QStringLiteral("Medical debts");
    const json j = clientToJson(c);
    CHECK(j["first_name"] == "Zoë");
    CHECK(j["barriers"][0] ==
          json({{"code", "stigma"}, {"severity", 3}, {"note", "Avoids telling friends"}}));
    CHECK(j["income_bracket"] == "low");
    const ParsedClient back = clientFromJson(json::parse(j.dump()));
    REQUIRE(back.ok());
    CHECK(back.client == c);
}

TEST_CASE("Optional keys may be left out")
{
    json j = {{"first_name", "Ana"},     {"last_name", "Ruiz"},    {"date_of_birth", "1990-02-03"},
              {"household_size", 1},     {"annual_income", 30000}, {"employment_status", "student"},
              {"independence", "guided"}};
    const ParsedClient p = clientFromJson(j);
    REQUIRE(p.ok());
    CHECK(p.client.status == ClientStatus::Active);
    CHECK(p.client.barriers.isEmpty());
    CHECK_FALSE(p.client.incomeBracketOverride.has_value());
}

TEST_CASE("Wrong types, unknown keys and unknown codes are all named")
{
    json j = sampleJson();
    j["household_size"] = "three";
    j["annual_income"] = 52000.5;
    j["employment_status"] = "retired";
    j["favourite_colour"] = "green";
    j["barriers"][1]["code"] = "boredom";
    j["goals"].push_back(7);
    j["date_of_birth"] = "17/05/1980";
    j["income_bracket"] = "rich";
    const ParsedClient p = clientFromJson(j);
    REQUIRE_FALSE(p.ok());
    const QStringList f = fields(p);
    for (const char *expected :
         {"household_size", "annual_income", "employment_status", "favourite_colour",
          "barriers[1].code", "goals[2]", "date_of_birth", "income_bracket"}) {
        INFO(expected);
        CHECK(f.contains(QLatin1String(expected)));
    }
    // The message lists the codes that would have been right.
    bool listsCodes = false;
    for (const FieldError &e : p.errors)
        listsCodes = listsCodes || (e.field == QLatin1String("employment_status") &&
                                    e.message.contains(QStringLiteral("unemployed")));
    CHECK(listsCodes);
}

TEST_CASE("Missing required keys are each reported")
{
    const ParsedClient p = clientFromJson(json::object());
    const QStringList f = fields(p);
    for (const char *key : {"first_name", "last_name", "date_of_birth", "household_size",
                            "annual_income", "employment_status", "independence"}) {
        INFO(key);
        CHECK(f.count(QLatin1String(key)) == 1);
    }
}

TEST_CASE("Rule violations in well-typed input keep the input's barrier index")
{
    json j = sampleJson();
    j["barriers"] =
        json::array({{{"code", "nope"}, {"severity", 1}}, {{"code", "health"}, {"severity", 5}}});
    const ParsedClient p = clientFromJson(j);
    CHECK(fields(p) == QStringList({QStringLiteral("barriers[0].code"),
                                    QStringLiteral("barriers[1].severity")}));
}

TEST_CASE("A profile must be an object")
{
    const ParsedClient p = clientFromJson(json::array());
    REQUIRE(p.errors.size() == 1);
    CHECK(p.errors.first().message.contains(QStringLiteral("object")));
}

TEST_CASE("Huge numbers are refused, not wrapped")
{
    json j = clientToJson(test::sampleClient());
    j["household_size"] = 4294967297LL; // would wrap to 1 as a 32-bit int
    j["weeks_unemployed"] = 18446744073709551615ULL;
    const ParsedClient p = clientFromJson(j);
    const QStringList f = fields(p);
    CHECK(f.contains(QStringLiteral("household_size")));
    CHECK(f.contains(QStringLiteral("weeks_unemployed")));
}
