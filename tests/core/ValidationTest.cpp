#include "TestSupport.h"

#include "pathway/core/Validation.h"

#include <catch2/catch.hpp>

using namespace pathway;

namespace {
QStringList fields(const QVector<FieldError> &errors)
{
    QStringList out;
    for (const FieldError &e : errors)
        out << e.field;
    return out;
}
} // namespace

TEST_CASE("A complete profile is valid")
{
    CHECK(validateClient(test::sampleClient(), test::today()).isEmpty());
}

TEST_CASE("Optional fields may be empty")
{
    Client c = test::sampleClient();
    c.email.clear();
    c.phone.clear();
    c.address.clear();
    c.barriers.clear();
    c.goals.clear();
    c.skills.clear();
    c.interests.clear();
    c.counselor.clear();
    CHECK(validateClient(c, test::today()).isEmpty());
}

TEST_CASE("Each rule names its field")
{
    Client c = test::sampleClient();
    QString field;
    SECTION("first name required")
    {
        c.firstName = QStringLiteral("  ");
        field = QStringLiteral("first_name");
    }
    SECTION("last name too long")
    {
        c.lastName = QString(101, QLatin1Char('x'));
        field = QStringLiteral("last_name");
    }
    SECTION("name with control character")
    {
        c.firstName = QStringLiteral("A\tB");
        field = QStringLiteral("first_name");
    }
    SECTION("name with trailing space")
    {
        c.firstName = QStringLiteral("Ana ");
        field = QStringLiteral("first_name");
    }
    SECTION("missing date of birth")
    {
        c.dateOfBirth = QDate();
        field = QStringLiteral("date_of_birth");
    }
    SECTION("birth in the future")
    {
        c.dateOfBirth = QDate(2030, 1, 1);
        field = QStringLiteral("date_of_birth");
    }
    SECTION("too young")
    {
        c.dateOfBirth = QDate(2015, 1, 1);
        field = QStringLiteral("date_of_birth");
    }
    SECTION("too old")
    {
        c.dateOfBirth = QDate(1900, 1, 1);
        field = QStringLiteral("date_of_birth");
    }
    SECTION("email without domain")
    {
        c.email = QStringLiteral("zoe@");
        field = QStringLiteral("email");
    }
    SECTION("email without dot")
    {
        c.email = QStringLiteral("zoe@localhost");
        field = QStringLiteral("email");
    }
    SECTION("phone with letters")
    {
        c.phone = QStringLiteral("555-CALL-NOW");
        field = QStringLiteral("phone");
    }
    SECTION("phone too short")
    {
        c.phone = QStringLiteral("12 34");
        field = QStringLiteral("phone");
    }
    SECTION("household of zero")
    {
        c.householdSize = 0;
        field = QStringLiteral("household_size");
    }
    SECTION("household too big")
    {
        c.householdSize = 21;
        field = QStringLiteral("household_size");
    }
    SECTION("negative income")
    {
        c.annualIncome = -1;
        field = QStringLiteral("annual_income");
    }
    SECTION("negative weeks")
    {
        c.weeksUnemployed = -3;
        field = QStringLiteral("weeks_unemployed");
    }
    SECTION("weeks while employed")
    {
        c.employmentStatus = EmploymentStatus::EmployedFullTime;
        c.weeksUnemployed = 5;
        field = QStringLiteral("weeks_unemployed");
    }
    SECTION("severity out of range")
    {
        c.barriers[1].severity = 4;
        field = QStringLiteral("barriers[1].severity");
    }
    SECTION("severity zero")
    {
        c.barriers[0].severity = 0;
        field = QStringLiteral("barriers[0].severity");
    }
    SECTION("repeated barrier")
    {
        c.barriers.append({BarrierCode::Stigma, 1, {}});
        field = QStringLiteral("barriers[2].code");
    }
    SECTION("note too long")
    {
        c.barriers[0].note = QString(2001, QLatin1Char('n'));
        field = QStringLiteral("barriers[0].note");
    }
    SECTION("repeated goal")
    {
        c.goals.append(GoalCode::Employment);
        field = QStringLiteral("goals[2]");
    }
    SECTION("empty skill")
    {
        c.skills.append(QString());
        field = QStringLiteral("skills[2]");
    }
    SECTION("repeated interest")
    {
        c.interests.append(QStringLiteral("Gardening"));
        field = QStringLiteral("interests[1]");
    }
    SECTION("bad counselor name")
    {
        c.counselor = QStringLiteral("Ana García");
        field = QStringLiteral("counselor");
    }
    SECTION("reason without override")
    {
        c.incomeBracketReason = QStringLiteral("why");
        field = QStringLiteral("income_bracket_reason");
    }

    const auto errors = validateClient(c, test::today());
    REQUIRE(errors.size() == 1);
    CHECK(errors.first().field == field);
    CHECK_FALSE(errors.first().message.isEmpty());
}

TEST_CASE("Every problem is reported at once")
{
    Client c = test::sampleClient();
    c.firstName.clear();
    c.email = QStringLiteral("nope");
    c.householdSize = 0;
    c.barriers[0].severity = 9;
    const auto errors = validateClient(c, test::today());
    CHECK(fields(errors) ==
          QStringList({QStringLiteral("first_name"), QStringLiteral("email"),
                       QStringLiteral("household_size"), QStringLiteral("barriers[0].severity")}));
    CHECK(describe(errors).contains(QStringLiteral("email: is not an email address")));
}

TEST_CASE("Age limits are inclusive on the birthday")
{
    Client c = test::sampleClient();
    c.dateOfBirth = test::today().addYears(-14);
    CHECK(validateClient(c, test::today()).isEmpty());
    c.dateOfBirth = test::today().addYears(-14).addDays(1);
    CHECK(fields(validateClient(c, test::today())) == QStringList{QStringLiteral("date_of_birth")});
}

TEST_CASE("Long-term unemployment starts at 27 weeks")
{
    Client c = test::sampleClient();
    c.weeksUnemployed = 26;
    CHECK_FALSE(c.isLongTermUnemployed());
    c.weeksUnemployed = 27;
    CHECK(c.isLongTermUnemployed());
    c.employmentStatus = EmploymentStatus::EmployedPartTime;
    CHECK_FALSE(c.isLongTermUnemployed());
}

TEST_CASE("A hand-entered override needs a reason, a file may omit it")
{
    Client c = test::sampleClient();
    c.incomeBracketOverride = IncomeBracket::Low;
    CHECK(validateClient(c, test::today()).isEmpty());
    const auto errors = validateIntake(c, test::today());
    REQUIRE(errors.size() == 1);
    CHECK(errors.first().field == QStringLiteral("income_bracket_reason"));
    c.incomeBracketReason = QStringLiteral("Medical debts");
    CHECK(validateIntake(c, test::today()).isEmpty());
}

TEST_CASE("A badly written date says what is wrong with it")
{
    auto message = [](const char *text) {
        const auto parsed = parseDate(QString::fromUtf8(text));
        REQUIRE_FALSE(parsed.ok());
        CHECK(parsed.error().code == Error::Code::Invalid);
        return parsed.error().message;
    };
    CHECK(parseDate(QStringLiteral("1988-04-17")).value() == QDate(1988, 4, 17));
    CHECK(parseDate(QStringLiteral(" 1988-04-17 ")).value() == QDate(1988, 4, 17));
    CHECK(message("") == QStringLiteral("is required"));
    CHECK(message("1990-13-45") ==
          QStringLiteral("has no month 13 (months go from 01 to 12; write the date as "
                         "YYYY-MM-DD)"));
    CHECK(message("1990-04-31") ==
          QStringLiteral("has no day 31: April 1990 has 30 days (write the date as YYYY-MM-DD)"));
    CHECK(message("1991-02-29").startsWith(QStringLiteral("has no day 29: February 1991 has 28")));
    CHECK(parseDate(QStringLiteral("1992-02-29")).value() == QDate(1992, 2, 29));
    CHECK(message("17/04/1988") ==
          QStringLiteral("is written day first: write it as YYYY-MM-DD, 1988-04-17"));
    CHECK(message("04/17/1988") ==
          QStringLiteral("is written month first: write it as YYYY-MM-DD, 1988-04-17"));
    CHECK(message("04.05.1988") ==
          QStringLiteral(
              "is not written as YYYY-MM-DD: write 1988-05-04 or 1988-04-05, as the client "
              "means it"));
    CHECK(message("1988-4-7") ==
          QStringLiteral("needs two digits for the month and the day: write it as 1988-04-07"));
    CHECK(message("yesterday") ==
          QStringLiteral("is not a date written as YYYY-MM-DD (e.g. 1984-03-27)"));
    CHECK(message("31/02/1988").startsWith(QStringLiteral("is not a date written")));
}
