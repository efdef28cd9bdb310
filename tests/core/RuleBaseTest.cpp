#include "TestSupport.h"

#include "pathway/core/RuleBase.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>

#include <catch2/catch.hpp>

using namespace pathway;

namespace {
QString fixture(const char *name)
{
    return QStringLiteral(PATHWAY_TEST_DATA "/rules/") + QLatin1String(name);
}
} // namespace

TEST_CASE("The built-in rule base loads")
{
    auto rules = RuleBase::fromFile(QStringLiteral(":/pathway/strategies.json"));
    INFO((rules.ok() ? std::string() : rules.error().message.toStdString()));
    REQUIRE(rules.ok());
    CHECK_FALSE(rules->version().isEmpty());
    CHECK(rules->strategies().size() >= 40);
    CHECK(RuleBase::builtIn().strategies().size() == rules->strategies().size());
    // Every house rule says why it exists.
    for (const Strategy &s : rules->strategies()) {
        INFO(s.id.toStdString());
        CHECK((!s.sources.isEmpty() || !s.basis.isEmpty()));
    }
}

TEST_CASE("The repository copy and the compiled-in copy are the same file")
{
    CHECK(test::readFile(QStringLiteral(PATHWAY_SOURCE_DIR "/resources/strategies.json")) ==
          test::readFile(QStringLiteral(":/pathway/strategies.json")));
}

TEST_CASE("A minimal rule file loads")
{
    auto rules = RuleBase::fromFile(fixture("Minimal.json"));
    REQUIRE(rules.ok());
    CHECK(rules->strategies().size() == 2);
    REQUIRE(rules->find(QStringLiteral("benefits-check")));
    CHECK(rules->find(QStringLiteral("benefits-check"))->adjust.size() == 1);
}

TEST_CASE("Every broken rule file is refused, naming the strategy and the field")
{
    struct Case
    {
        const char *file;
        const char *strategy;
        const char *field;
    };
    const Case cases[] = {
        {"BrokenBadCategory.json", "career-plan-review", "category"},
        {"BrokenBadCondition.json", "benefits-check", "when"},
        {"BrokenBadPhase.json", "benefits-check", "phase"},
        {"BrokenBadRepeat.json", "career-plan-review", "repeat.every_weeks"},
        {"BrokenBadSource.json", "career-plan-review", "sources[1]"},
        {"BrokenBadTimeframe.json", "career-plan-review", "timeframe.end_week"},
        {"BrokenDuplicateStrategyId.json", "career-plan-review", "id"},
        {"BrokenEmptyDescription.json", "career-plan-review", "description"},
        {"BrokenMissingTitle.json", "benefits-check", "title"},
        {"BrokenNoSourceNoBasis.json", "benefits-check", "basis"},
        {"BrokenSeverityOutOfRange.json", "benefits-check", "when.any[1].barrier.min_severity"},
        {"BrokenSourceItemOutOfRange.json", "career-plan-review", "sources[1]"},
        {"BrokenUnknownBarrierCode.json", "benefits-check", "when.any[1].barrier.code"},
        {"BrokenUnknownConditionKey.json", "career-plan-review", "when.all[1]"},
        {"BrokenUnknownField.json", "benefits-check", "audience"},
        {"BrokenUnknownGoalCode.json", "career-plan-review", "when.goal[1]"},
    };
    for (const Case &c : cases) {
        INFO(c.file);
        auto rules = RuleBase::fromFile(fixture(c.file));
        REQUIRE_FALSE(rules.ok());
        const QString m = rules.error().message;
        INFO(m.toStdString());
        CHECK(m.contains(QLatin1String(c.file)));
        CHECK(m.contains(QStringLiteral("(1 problem)")));
        CHECK(m.contains(QStringLiteral("strategy '%1', field %2")
                             .arg(QLatin1String(c.strategy), QLatin1String(c.field))));
    }
    // Every Broken fixture in the folder is in the table above.
    const QStringList files = QDir(QStringLiteral(PATHWAY_TEST_DATA "/rules"))
                                  .entryList({QStringLiteral("Broken*.json")});
    CHECK(files.size() == int(std::size(cases)) + 1); // + BrokenNotJson
}

TEST_CASE("A rule file that is not JSON is refused with line and column")
{
    auto rules = RuleBase::fromFile(fixture("BrokenNotJson.json"));
    REQUIRE_FALSE(rules.ok());
    CHECK(rules.error().message.contains(QStringLiteral("line 4")));
}

TEST_CASE("Condition and text checks")
{
    const QByteArray base = test::readFile(fixture("Minimal.json"));
    auto withReplaced = [&](const char *from, const char *to) {
        QByteArray copy = base;
        REQUIRE(copy.contains(from));
        copy.replace(from, to);
        return RuleBase::fromJson(copy, QStringLiteral("edited.json"));
    };
    SECTION("always must be true")
    {
        auto r = withReplaced("\"always\": true", "\"always\": false");
        REQUIRE_FALSE(r.ok());
        CHECK(r.error().message.contains(QStringLiteral("when.always")));
    }
    SECTION("unknown rationale placeholder")
    {
        auto r = withReplaced("{first_name}", "{surname}");
        REQUIRE_FALSE(r.ok());
        CHECK(r.error().message.contains(QStringLiteral("{surname} is not a placeholder")));
    }
    SECTION("unknown top-level key")
    {
        auto r = withReplaced("\"strategies\"", "\"comment\": 1, \"strategies\"");
        REQUIRE_FALSE(r.ok());
        CHECK(r.error().message.contains(QStringLiteral("comment")));
    }
    SECTION("wrong format marker")
    {
        auto r = withReplaced("\"pathway-rules\"", "\"other\"");
        REQUIRE_FALSE(r.ok());
        CHECK(r.error().message.contains(QStringLiteral("format")));
    }
}

TEST_CASE("Several problems are all listed")
{
    QByteArray text = test::readFile(fixture("Minimal.json"));
    text.replace("\"category\": \"counseling\"", "\"category\": \"coaching\"");
    text.replace("\"phase\": \"stabilise\"", "\"phase\": \"prepare\"");
    auto r = RuleBase::fromJson(text, QStringLiteral("two.json"));
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().message.contains(QStringLiteral("coaching")));
    CHECK(r.error().message.contains(QStringLiteral("prepare")));
}

TEST_CASE("A recurrence is read, and a bad one is refused naming the strategy and field")
{
    const QByteArray base = test::readFile(fixture("Minimal.json"));
    // Into the first strategy, career-plan-review, after its title.
    const QByteArray title = "\"title\": \"Put together your personal career plan\",";
    REQUIRE(base.count(title) == 1);
    auto withRepeat = [&](const char *repeat) {
        QByteArray copy = base;
        copy.replace(title, title + QByteArray(" \"repeat\": ") + repeat + ",");
        return RuleBase::fromJson(copy, QStringLiteral("repeat.json"));
    };
    auto good = withRepeat("{\"every_weeks\": 2}");
    INFO((good.ok() ? std::string() : good.error().message.toStdString()));
    REQUIRE(good.ok());
    CHECK(good->find(QStringLiteral("career-plan-review"))->repeatEveryWeeks == 2);
    CHECK(good->find(QStringLiteral("benefits-check"))->repeatEveryWeeks == 0);

    struct Case
    {
        const char *repeat;
        const char *field;
        const char *says;
    };
    const Case cases[] = {
        {"2", "repeat", "must be an object"},
        {"{}", "repeat", "must be an object"},
        {"{\"every_weeks\": 0}", "repeat.every_weeks", "from 1 to 52"},
        {"{\"every_weeks\": \"2\"}", "repeat.every_weeks", "from 1 to 52"},
        {"{\"every_weeks\": 2, \"until\": 8}", "repeat.until", "only every_weeks"},
        // The timeframe runs from week 0 to week 4.
        {"{\"every_weeks\": 5}", "repeat.every_weeks", "longer than the timeframe"},
    };
    for (const Case &c : cases) {
        INFO(c.repeat);
        auto r = withRepeat(c.repeat);
        REQUIRE_FALSE(r.ok());
        const QString m = r.error().message;
        INFO(m.toStdString());
        CHECK(m.contains(QStringLiteral("(1 problem)")));
        CHECK(m.contains(QStringLiteral("strategy 'career-plan-review', field %1: ")
                             .arg(QLatin1String(c.field))));
        CHECK(m.contains(QLatin1String(c.says)));
    }
}

TEST_CASE("The app's rules fall back to the built-in ones when the agency's file cannot be used")
{
    QTemporaryDir dir;
    const QString bad = dir.filePath(QStringLiteral("rules.json"));
    {
        QFile file(bad);
        REQUIRE(file.open(QIODevice::WriteOnly));
        file.write(R"({"version": 1e400, "strategies": []})");
    }
    const RuleBase fallback = RuleBase::forAgencyOrBuiltIn(bad);
    CHECK(fallback.version() == RuleBase::builtIn().version());
    CHECK(fallback.strategies().size() == RuleBase::builtIn().strategies().size());
    // Which file, what is wrong with it, and what stands in.
    CHECK(fallback.fallbackReason().contains(bad));
    CHECK(fallback.fallbackReason().contains(QStringLiteral("version")));
    CHECK(fallback.fallbackReason().contains(QStringLiteral("built into Pathway")));

    const RuleBase missing =
        RuleBase::forAgencyOrBuiltIn(dir.filePath(QStringLiteral("none.json")));
    CHECK_FALSE(missing.fallbackReason().isEmpty());

    // Rules loaded as asked carry no reason.
    CHECK(RuleBase::forAgencyOrBuiltIn().fallbackReason().isEmpty());
    CHECK(RuleBase::builtIn().fallbackReason().isEmpty());
}
