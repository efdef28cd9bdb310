#include "TestSupport.h"

#include "pathway/core/IncomeThresholds.h"

#include <QFile>
#include <QTemporaryDir>

#include <catch2/catch.hpp>

using namespace pathway;

TEST_CASE("The built-in thresholds load from the resource")
{
    const IncomeThresholds &t = IncomeThresholds::builtIn();
    CHECK(t.referenceHouseholdSize() == 3);
    CHECK(t.upperBounds()[0] == 40000);
    CHECK(t.upperBounds()[3] == 160000);
    CHECK(t.currency() == QStringLiteral("USD"));
}

TEST_CASE("Brackets change exactly at each threshold for the reference household")
{
    const IncomeThresholds &t = IncomeThresholds::builtIn();
    CHECK(t.bracketFor(0, 3) == IncomeBracket::Low);
    CHECK(t.bracketFor(39999, 3) == IncomeBracket::Low);
    CHECK(t.bracketFor(40000, 3) == IncomeBracket::LowerMiddle);
    CHECK(t.bracketFor(59999, 3) == IncomeBracket::LowerMiddle);
    CHECK(t.bracketFor(60000, 3) == IncomeBracket::Middle);
    CHECK(t.bracketFor(119999, 3) == IncomeBracket::Middle);
    CHECK(t.bracketFor(120000, 3) == IncomeBracket::UpperMiddle);
    CHECK(t.bracketFor(159999, 3) == IncomeBracket::UpperMiddle);
    CHECK(t.bracketFor(160000, 3) == IncomeBracket::High);
}

TEST_CASE("Household size adjusts income with the square-root scale")
{
    const IncomeThresholds &t = IncomeThresholds::builtIn();
    // One person on 40,000 lives like a family of three on 40,000 * sqrt(3) = 69,282.
    CHECK(t.adjustedIncome(40000, 1) == Approx(69282.03).epsilon(1e-6));
    CHECK(t.bracketFor(40000, 1) == IncomeBracket::Middle);
    // A family of twelve on 80,000 lives like three on 40,000: the boundary itself.
    CHECK(t.adjustedIncome(80000, 12) == Approx(40000.0));
    CHECK(t.bracketFor(80000, 12) == IncomeBracket::LowerMiddle);
    CHECK(t.bracketFor(79999, 12) == IncomeBracket::Low);
}

TEST_CASE("A counselor's override wins over the derived bracket")
{
    Client c = test::sampleClient();
    c.annualIncome = 200000;
    CHECK(IncomeThresholds::builtIn().bracketFor(c) == IncomeBracket::High);
    c.incomeBracketOverride = IncomeBracket::Low;
    CHECK(IncomeThresholds::builtIn().bracketFor(c) == IncomeBracket::Low);
}

TEST_CASE("An agency thresholds file replaces the numbers, a bad one is refused by name")
{
    const QByteArray good = R"({"reference_household_size": 1, "currency": "EUR",
        "upper_bounds": {"low": 10, "lower_middle": 20, "middle": 30, "upper_middle": 40}})";
    auto t = IncomeThresholds::fromJson(good, QStringLiteral("agency.json"));
    REQUIRE(t.ok());
    CHECK(t->bracketFor(25, 1) == IncomeBracket::Middle);
    CHECK(t->currency() == QStringLiteral("EUR"));

    auto notJson = IncomeThresholds::fromJson("{oops", QStringLiteral("agency.json"));
    REQUIRE_FALSE(notJson.ok());
    CHECK(notJson.error().message.contains(QStringLiteral("agency.json")));

    auto unordered = IncomeThresholds::fromJson(
        R"({"reference_household_size": 3, "upper_bounds": {"low": 50, "lower_middle": 20, "middle": 30, "upper_middle": 40}})",
        QStringLiteral("agency.json"));
    REQUIRE_FALSE(unordered.ok());
    CHECK(unordered.error().message.contains(QStringLiteral("upper_bounds.lower_middle")));

    auto badSize = IncomeThresholds::fromJson(
        R"({"reference_household_size": 0, "upper_bounds": {}})", QStringLiteral("agency.json"));
    REQUIRE_FALSE(badSize.ok());
    CHECK(badSize.error().message.contains(QStringLiteral("reference_household_size")));

    auto missing = IncomeThresholds::fromFile(QStringLiteral("/nonexistent/thresholds.json"));
    REQUIRE_FALSE(missing.ok());
    CHECK(missing.error().message.contains(QStringLiteral("/nonexistent/thresholds.json")));
}

TEST_CASE(
    "The app's income bands fall back to the built-in ones when the agency's file cannot be used")
{
    QTemporaryDir dir;
    const QString bad = dir.filePath(QStringLiteral("thresholds.json"));
    {
        QFile file(bad);
        REQUIRE(file.open(QIODevice::WriteOnly));
        file.write(R"({"reference_household_size": 1e400})");
    }
    qputenv("PATHWAY_THRESHOLDS", bad.toUtf8());
    CHECK_FALSE(IncomeThresholds::forAgency().ok());
    const IncomeThresholds fallback = IncomeThresholds::forAgencyOrBuiltIn();
    qunsetenv("PATHWAY_THRESHOLDS");
    CHECK(fallback.upperBounds() == IncomeThresholds::builtIn().upperBounds());
    CHECK(fallback.referenceHouseholdSize() ==
          IncomeThresholds::builtIn().referenceHouseholdSize());
    // Which file, what is wrong with it, and what stands in.
    CHECK(fallback.fallbackReason().contains(bad));
    CHECK(fallback.fallbackReason().contains(QStringLiteral("reference_household_size")));
    CHECK(fallback.fallbackReason().contains(QStringLiteral("built into Pathway")));

    // Bands loaded as asked carry no reason.
    CHECK(IncomeThresholds::forAgencyOrBuiltIn().fallbackReason().isEmpty());
    CHECK(IncomeThresholds::builtIn().fallbackReason().isEmpty());
}
