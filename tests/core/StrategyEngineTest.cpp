#include "TestSupport.h"

#include "pathway/core/DemoGenerator.h"
#include "pathway/core/ExchangeFile.h"
#include "pathway/core/ProfileJson.h"
#include "pathway/core/RuleBase.h"
#include "pathway/core/StrategyEngine.h"
#include "pathway/core/Validation.h"

#include <QDir>
#include <QFile>
#include <QHash>
#include <QSet>
#include <QTemporaryDir>

#include <algorithm>

#include <nlohmann/json.hpp>

#include <catch2/catch.hpp>

using namespace pathway;

namespace {

const QDate kStart(2026, 12, 1);

QString clientToJsonForTest(const Client &c)
{
    return QString::fromStdString(clientToJson(c).dump());
}

QStringList stepIds(const Plan &plan)
{
    QStringList ids;
    for (const PlanStep &s : plan.steps)
        ids << s.strategyId;
    return ids;
}

// Profiles spread evenly over every field the rules look at, unlike the
// demo caseload, which follows a realistic (uneven) mix.
Client spreadProfile(DemoRandom &rng)
{
    Client c = test::sampleClient();
    c.incomeBracketOverride = IncomeBracket(rng.below(codeCount<IncomeBracket>()));
    c.employmentStatus = EmploymentStatus(rng.below(codeCount<EmploymentStatus>()));
    c.weeksUnemployed =
        c.employmentStatus == EmploymentStatus::Unemployed ? rng.between(1, 150) : 0;
    c.independence = Independence(rng.below(codeCount<Independence>()));
    c.barriers.clear();
    for (int b = 0; b < codeCount<BarrierCode>(); ++b) {
        if (rng.chance(0.25))
            c.barriers.append({BarrierCode(b), rng.between(1, 3), QString()});
    }
    c.goals.clear();
    for (int g = 0; g < codeCount<GoalCode>(); ++g) {
        if (rng.chance(0.3))
            c.goals.append(GoalCode(g));
    }
    return c;
}

Result<RuleBase> rulesFrom(const std::string &strategies)
{
    const std::string text =
        R"({"format": "pathway-rules", "version": "t1", "strategies": )" + strategies + "}";
    return RuleBase::fromJson(QByteArray::fromStdString(text), QStringLiteral("test.json"));
}

std::string strategy(const std::string &id, const std::string &phase, int priority,
                     const std::string &when, const std::string &extra = std::string())
{
    return R"({"id": ")" + id + R"(", "category": "counseling", "phase": ")" + phase +
           R"(", "priority": )" + std::to_string(priority) + R"(, "when": )" + when + extra +
           R"(, "timeframe": {"start_week": 0, "end_week": 2}, "title": "T )" + id +
           R"(", "description": "D", "who_helps": "W", "rationale": "R {first_name}", "sources": [], "basis": "test"})";
}

} // namespace

TEST_CASE("Golden personas get the plans written for them")
{
    const QDir root(QStringLiteral(PATHWAY_TEST_DATA "/personas"));
    const QStringList cases = root.entryList(QDir::Dirs | QDir::NoDotAndDotDot);
    REQUIRE(cases.size() >= 6);
    StrategyEngine engine(RuleBase::builtIn(), IncomeThresholds::builtIn());
    for (const QString &name : cases) {
        INFO("persona " << name.toStdString());
        const QString dir = root.filePath(name);
        auto profiles =
            exchange::readProfiles(test::readFile(dir + QStringLiteral("/profile.json")), name);
        INFO((profiles.ok() ? std::string() : profiles.error().message.toStdString()));
        REQUIRE(profiles.ok());
        const Plan plan = engine.propose(profiles->first(), kStart);
        const QStringList ids = stepIds(plan);
        INFO("plan: " << ids.join(QStringLiteral(", ")).toStdString());
        const auto expected = nlohmann::json::parse(
            test::readFile(dir + QStringLiteral("/expected.json")).toStdString());
        for (const auto &id : expected["must_include"])
            CHECK(ids.contains(QString::fromStdString(id.get<std::string>())));
        for (const auto &id : expected["must_exclude"])
            CHECK_FALSE(ids.contains(QString::fromStdString(id.get<std::string>())));
        int last = -1;
        for (const auto &id : expected["order"]) {
            const int at = int(ids.indexOf(QString::fromStdString(id.get<std::string>())));
            INFO("order: " << id.get<std::string>());
            CHECK(at > last);
            last = at;
        }
        for (const PlanStep &s : plan.steps) {
            CHECK_FALSE(s.reason.isEmpty());
            CHECK(s.dueDate >= stepStart(s, kStart));
            CHECK(s.dueDate <= kStart.addDays(7 * s.endWeek));
        }
    }
}

TEST_CASE("Every numbered item of the source texts, and every strategy, is reachable")
{
    StrategyEngine engine(RuleBase::builtIn(), IncomeThresholds::builtIn());
    QSet<QString> sources;
    QSet<QString> winners;
    DemoRandom rng(2026);
    auto take = [&](const Client &c) {
        REQUIRE(validateClient(c).isEmpty());
        for (const PlanStep &s : engine.propose(c, kStart).steps) {
            winners.insert(s.strategyId);
            for (const QString &src : s.sources)
                sources.insert(src);
        }
    };
    for (int i = 0; i < 20000; ++i)
        take(spreadProfile(rng));
    for (const Client &c : demoCaseload(5000, 1))
        take(c);

    for (const SourceText &text : sourceTexts()) {
        for (int item = 1; item <= text.items; ++item) {
            const QString id = QStringLiteral("%1#%2").arg(QLatin1String(text.file)).arg(item);
            INFO(id.toStdString());
            CHECK(sources.contains(id));
        }
    }
    for (const Strategy &s : RuleBase::builtIn().strategies()) {
        INFO(s.id.toStdString());
        CHECK(winners.contains(s.id));
    }
}

TEST_CASE("Plans follow the ordering rules and stay a sensible length")
{
    StrategyEngine engine(RuleBase::builtIn(), IncomeThresholds::builtIn());
    const QVector<Client> clients = demoCaseload(3000, 5);
    int total = 0;
    for (const Client &c : clients) {
        const Plan plan = engine.propose(c, kStart);
        REQUIRE(plan.steps.size() >= 1);
        total += int(plan.steps.size());
        QSet<QString> titles;
        for (int i = 0; i < plan.steps.size(); ++i) {
            const PlanStep &s = plan.steps[i];
            CHECK_FALSE(titles.contains(s.title)); // merged, not repeated
            titles.insert(s.title);
            if (i == 0)
                continue;
            const PlanStep &p = plan.steps[i - 1];
            REQUIRE(p.phase <= s.phase);
            if (p.phase == s.phase)
                REQUIRE(p.priority >= s.priority);
        }
    }
    const double average = double(total) / clients.size();
    CHECK(average >= 5);
    CHECK(average <= 12);
}

TEST_CASE("The same profile always gives the same plan")
{
    StrategyEngine engine(RuleBase::builtIn(), IncomeThresholds::builtIn());
    StrategyEngine other(RuleBase::builtIn(), IncomeThresholds::builtIn());
    for (const Client &c : demoCaseload(200, 9)) {
        const Plan a = engine.propose(c, kStart);
        CHECK(a == engine.propose(c, kStart));
        CHECK(a == other.propose(c, kStart));
        CHECK(a.rulesVersion == RuleBase::builtIn().version());
    }
}

TEST_CASE("Reasons name the profile facts that chose the step")
{
    auto rules = rulesFrom(
        "[" +
        strategy(
            "money", "stabilise", 50,
            R"({"all": [{"barrier": {"code": "finances"}}, {"employment_status": ["employed_part_time"]}]})") +
        "]");
    REQUIRE(rules.ok());
    StrategyEngine engine(rules.value(), IncomeThresholds::builtIn());
    Client c = test::sampleClient();
    c.employmentStatus = EmploymentStatus::EmployedPartTime;
    c.weeksUnemployed = 0;
    c.barriers = {{BarrierCode::Finances, 3, QString()}};
    const Plan plan = engine.propose(c, kStart);
    REQUIRE(plan.steps.size() == 1);
    // The reason goes on the client's copy: no "(severity 3)", the counselor's scale.
    CHECK(plan.steps[0].reason ==
          QStringLiteral("You told us money is tight and you are working part time."));
    CHECK(plan.steps[0].rationale == QStringLiteral("R Zoë"));

    c.barriers.clear();
    CHECK(engine.propose(c, kStart).steps.isEmpty());
}

TEST_CASE("Only branches that held become reasons, not adds none")
{
    auto rules = rulesFrom(
        "[" +
        strategy(
            "mixed", "build", 50,
            R"({"all": [{"any": [{"goal": ["education"]}, {"barrier": {"code": "health"}}]}, {"not": {"independence": ["guided"]}}]})") +
        "]");
    REQUIRE(rules.ok());
    StrategyEngine engine(rules.value(), IncomeThresholds::builtIn());
    Client c = test::sampleClient();
    c.goals = {GoalCode::Education};
    c.barriers.clear();
    const Plan plan = engine.propose(c, kStart);
    REQUIRE(plan.steps.size() == 1);
    CHECK(plan.steps[0].reason == QStringLiteral("You told us you want to study further."));
}

TEST_CASE("Steps that say the same thing merge, the highest priority's text winning")
{
    auto rules = rulesFrom(
        "[" + strategy("mentor-a", "connect", 40, R"({"always": true})", R"(, "merge": "mentor")") +
        "," +
        strategy("mentor-b", "connect", 60, R"({"barrier": {"code": "stigma"}})",
                 R"(, "merge": "mentor")") +
        "," + strategy("other", "connect", 50, R"({"always": true})") + "]");
    REQUIRE(rules.ok());
    StrategyEngine engine(rules.value(), IncomeThresholds::builtIn());
    const Plan plan = engine.propose(test::sampleClient(), kStart);
    REQUIRE(stepIds(plan) == QStringList({QStringLiteral("mentor-b"), QStringLiteral("other")}));
    CHECK(plan.steps[0].title == QStringLiteral("T mentor-b"));
    CHECK(plan.steps[0].mergedStrategies ==
          QStringList({QStringLiteral("mentor-b"), QStringLiteral("mentor-a")}));
}

TEST_CASE("Order: phase, then priority, then barrier severity, then id")
{
    auto rules = rulesFrom(
        "[" + strategy("z-advance", "advance", 100, R"({"always": true})") + "," +
        strategy("b-build-low", "build", 10, R"({"always": true})") + "," +
        strategy("a-build-high", "build", 90, R"({"always": true})") + "," +
        strategy("c-severe", "build", 50, R"({"barrier": {"code": "stigma"}})") + "," +
        strategy("a-mild", "build", 50, R"({"barrier": {"code": "finances"}})") + "," +
        strategy("b-tie", "build", 50, R"({"always": true})") + "," +
        strategy("a-tie", "build", 50, R"({"always": true})") + "," +
        strategy("y-first", "stabilise", 1, R"({"always": true})") + "," +
        strategy(
            "adjusted", "build", 50, R"({"always": true})",
            R"(, "adjust": [{"when": {"independence": ["ultra_independent"]}, "priority": 45}, {"when": {"always": true}, "priority": 30}])") +
        "]");
    REQUIRE(rules.ok());
    StrategyEngine engine(rules.value(), IncomeThresholds::builtIn());
    const Plan plan = engine.propose(test::sampleClient(), kStart); // stigma 3, finances 2
    CHECK(stepIds(plan) ==
          QStringList({QStringLiteral("y-first"), QStringLiteral("adjusted"),
                       QStringLiteral("a-build-high"), QStringLiteral("c-severe"),
                       QStringLiteral("a-mild"), QStringLiteral("a-tie"), QStringLiteral("b-tie"),
                       QStringLiteral("b-build-low"), QStringLiteral("z-advance")}));
    CHECK(plan.steps[1].priority == 100); // 50 + 45 + 30, clamped
}

TEST_CASE("Population differences from the source texts")
{
    StrategyEngine engine(RuleBase::builtIn(), IncomeThresholds::builtIn());
    Client c = test::sampleClient(); // long-term unemployed, ultra-independent, stigma 3
    const Plan plan = engine.propose(c, kStart);
    REQUIRE_FALSE(plan.steps.isEmpty());
    // Stigma and shame come first.
    CHECK(plan.steps[0].strategyId == QStringLiteral("address-stigma-and-confidence"));
    CHECK(plan.steps[0].reason.startsWith(
        QStringLiteral("You told us being out of work weighs on you")));
    for (const PlanStep &s : plan.steps)
        CHECK_FALSE(s.reason.contains(QStringLiteral("severity")));

    // One-to-one mentoring before the peer group for an ultra-independent client.
    const QStringList ids = stepIds(plan);
    if (ids.contains(QStringLiteral("ltu-peer-community"))) {
        CHECK(ids.indexOf(QStringLiteral("ltu-mentor")) <
              ids.indexOf(QStringLiteral("ltu-peer-community")));
    }
    // Caregiving brings flexible arrangements.
    c.barriers.append({BarrierCode::Caregiving, 3, QString()});
    bool flexible = false;
    for (const PlanStep &s : engine.propose(c, kStart).steps)
        flexible = flexible || s.category == Category::FlexibleWork;
    CHECK(flexible);
}

namespace {

// How a reason names each goal (StrategyEngine.cpp, goalPhrase).
QString goalWords(GoalCode goal)
{
    switch (goal) {
    case GoalCode::Employment:
        return QStringLiteral("you want to find work");
    case GoalCode::Advancement:
        return QStringLiteral("you want to move ahead in your career");
    case GoalCode::Entrepreneurship:
        return QStringLiteral("you want to start your own business");
    case GoalCode::MeaningfulWork:
        return QStringLiteral("you want work that makes a difference");
    case GoalCode::WorkLifeBalance:
        return QStringLiteral("you want a better balance between work and home");
    case GoalCode::Education:
        return QStringLiteral("you want to study further");
    case GoalCode::CareerChange:
        return QStringLiteral("you want to change careers");
    }
    return {};
}

bool isUpper(IncomeBracket b)
{
    return b == IncomeBracket::UpperMiddle || b == IncomeBracket::High;
}

} // namespace

TEST_CASE("Every goal a client states gets a step chosen for it")
{
    // A step was chosen for a goal when the goal is among the facts that
    // chose it (its reason names the goal): the client reads that their goal
    // was heard. Finding work needs a step in the "find work" phase.
    StrategyEngine engine(RuleBase::builtIn(), IncomeThresholds::builtIn());
    QVector<Client> clients;
    DemoRandom rng(2031);
    for (int i = 0; i < 20000; ++i)
        clients.append(spreadProfile(rng));
    clients += demoCaseload(5000, 3);
    QHash<int, int> stated;
    QHash<int, int> missed;
    for (const Client &c : std::as_const(clients)) {
        const Plan plan = engine.propose(c, kStart);
        for (GoalCode goal : c.goals) {
            ++stated[int(goal)];
            bool served = false;
            for (const PlanStep &s : plan.steps) {
                if (s.reason.contains(goalWords(goal)) &&
                    (goal != GoalCode::Employment || s.phase == Phase::Advance))
                    served = true;
            }
            if (!served) {
                if (missed[int(goal)]++ == 0)
                    UNSCOPED_INFO("first miss for "
                                  << codeOf(goal) << ": " << clientToJsonForTest(c).toStdString()
                                  << " plan " << stepIds(plan).join(',').toStdString());
            }
        }
    }
    for (int g = 0; g < codeCount<GoalCode>(); ++g) {
        INFO(codeOf(GoalCode(g)) << ": stated " << stated[g] << " times, missed " << missed[g]);
        CHECK(stated[g] > 1000);
        CHECK(missed[g] == 0);
    }
}

TEST_CASE("Need-based aid goes to the brackets it is meant for")
{
    // Student aid forms, emergency funds and other need-based help are
    // poorly aimed at an upper-middle or high bracket client without a money
    // barrier; employer-sponsored routes serve them better.
    const QStringList needBased = {
        QStringLiteral("education-aid-application"),  QStringLiteral("scholarships-and-grants"),
        QStringLiteral("emergency-assistance"),       QStringLiteral("benefits-check"),
        QStringLiteral("help-with-job-search-costs"), QStringLiteral("business-microloans"),
    };
    StrategyEngine engine(RuleBase::builtIn(), IncomeThresholds::builtIn());
    DemoRandom rng(77);
    int upperStudying = 0;
    int employerRoute = 0;
    int lowerStudying = 0;
    int needAid = 0;
    for (int i = 0; i < 20000; ++i) {
        Client c = spreadProfile(rng);
        const IncomeBracket bracket = *c.incomeBracketOverride;
        const Plan plan = engine.propose(c, kStart);
        QStringList matched;
        for (const PlanStep &s : plan.steps)
            matched += s.mergedStrategies;
        const bool moneyBarrier = c.barrier(BarrierCode::Finances) != nullptr;
        const bool employed = c.employmentStatus == EmploymentStatus::EmployedFullTime ||
                              c.employmentStatus == EmploymentStatus::EmployedPartTime;
        if (isUpper(bracket) && !moneyBarrier) {
            for (const QString &id : needBased) {
                INFO(id.toStdString() << " for " << codeOf(bracket));
                CHECK_FALSE(matched.contains(id));
            }
            if (c.hasGoal(GoalCode::Education) && employed) {
                ++upperStudying;
                if (matched.contains(QStringLiteral("employer-tuition-assistance")) &&
                    matched.contains(QStringLiteral("paid-study-leave")))
                    ++employerRoute;
            }
        }
        if (!isUpper(bracket) && c.hasGoal(GoalCode::Education)) {
            ++lowerStudying;
            if (matched.contains(QStringLiteral("education-aid-application")) ||
                matched.contains(QStringLiteral("scholarships-and-grants")))
                ++needAid;
        }
        if (!isUpper(bracket)) {
            CHECK_FALSE(matched.contains(QStringLiteral("employer-tuition-assistance")));
            CHECK_FALSE(matched.contains(QStringLiteral("paid-study-leave")));
        }
    }
    CHECK(upperStudying > 100);
    CHECK(employerRoute == upperStudying);
    CHECK(lowerStudying > 1000);
    CHECK(needAid == lowerStudying);
}

TEST_CASE("A recurring step repeats every N weeks within its timeframe")
{
    auto rules = rulesFrom("[" +
                           strategy("meet", "stabilise", 60, R"({"always": true})",
                                    R"(, "repeat": {"every_weeks": 2})") +
                           "," + strategy("once", "build", 50, R"({"always": true})") + "]");
    REQUIRE(rules.ok());
    REQUIRE(rules->find(QStringLiteral("meet"))->repeatEveryWeeks == 2);
    StrategyEngine engine(rules.value(), IncomeThresholds::builtIn());
    const Plan plan = engine.propose(test::sampleClient(), kStart);
    REQUIRE(plan.steps.size() == 2);
    const PlanStep &meet = plan.steps[0];
    CHECK(meet.repeatEveryWeeks == 2);
    // The test strategies run from week 0 to week 2: meetings in weeks 0 and 2.
    CHECK(occurrences(meet, kStart) == QVector<QDate>({kStart, kStart.addDays(14)}));
    CHECK(meet.dueDate == kStart.addDays(14));
    CHECK(plan.steps[1].repeatEveryWeeks == 0);
    CHECK(occurrences(plan.steps[1], kStart) == QVector<QDate>({plan.steps[1].dueDate}));
    const auto iso = [](const QDate &d) { return d.toString(Qt::ISODate); };
    CHECK(recurrenceText(meet, kStart, iso) ==
          QStringLiteral("every 2 weeks, from 2026-12-01 to 2026-12-15"));
    CHECK(recurrenceText(plan.steps[1], kStart, iso).isEmpty());

    // The built-in check-ins of a guided client: every two weeks for 26 weeks.
    StrategyEngine builtIn(RuleBase::builtIn(), IncomeThresholds::builtIn());
    Client guided = test::sampleClient();
    guided.independence = Independence::Guided;
    const Plan p = builtIn.propose(guided, kStart);
    const auto checkIns = std::find_if(p.steps.cbegin(), p.steps.cend(), [](const PlanStep &s) {
        return s.strategyId == QStringLiteral("guided-regular-check-ins");
    });
    REQUIRE(checkIns != p.steps.cend());
    CHECK(checkIns->repeatEveryWeeks == 2);
    const QVector<QDate> days = occurrences(*checkIns, kStart);
    REQUIRE(days.size() == 14);
    CHECK(days.first() == kStart);
    CHECK(days.last() == kStart.addDays(7 * 26));
    CHECK(checkIns->dueDate == days.last());
    for (int i = 1; i < days.size(); ++i)
        CHECK(days[i - 1].daysTo(days[i]) == 14);
    // A due date moved by hand ends the series there.
    PlanStep moved = *checkIns;
    moved.dueDate = kStart.addDays(7 * 5);
    CHECK(occurrences(moved, kStart).size() == 3);
}

TEST_CASE("Steps that end together get spread-out due dates in plan order")
{
    std::string list = "[";
    const char *ids[] = {"a-first", "b-second", "c-third", "d-fourth"};
    for (int i = 0; i < 4; ++i) {
        std::string one = strategy(ids[i], "build", 90 - i, R"({"always": true})");
        const std::string from = R"("timeframe": {"start_week": 0, "end_week": 2})";
        one.replace(one.find(from), from.size(),
                    R"("timeframe": {"start_week": 2, "end_week": 26})");
        list += (i ? "," : "") + one;
    }
    auto rules = rulesFrom(list + "]");
    REQUIRE(rules.ok());
    StrategyEngine engine(rules.value(), IncomeThresholds::builtIn());
    const Plan plan = engine.propose(test::sampleClient(), kStart);
    REQUIRE(stepIds(plan) == QStringList({QStringLiteral("a-first"), QStringLiteral("b-second"),
                                          QStringLiteral("c-third"), QStringLiteral("d-fourth")}));
    // Two weeks apart, the last on the end of the timeframe.
    CHECK(plan.steps[0].dueDate == kStart.addDays(7 * 20));
    CHECK(plan.steps[1].dueDate == kStart.addDays(7 * 22));
    CHECK(plan.steps[2].dueDate == kStart.addDays(7 * 24));
    CHECK(plan.steps[3].dueDate == kStart.addDays(7 * 26));

    // The built-in rules over a realistic caseload: every due date inside its
    // step's timeframe and not before its middle; hardly any two one-off
    // steps of a plan due on the same day; the same plan every time.
    StrategyEngine builtIn(RuleBase::builtIn(), IncomeThresholds::builtIn());
    int oneOff = 0;
    int sharing = 0;
    int inOrder = 0;
    int pairs = 0;
    for (const Client &c : demoCaseload(3000, 11)) {
        const Plan p = builtIn.propose(c, kStart);
        QHash<QDate, int> perDay;
        QDate last;
        for (const PlanStep &s : p.steps) {
            const QDate end = kStart.addDays(7 * s.endWeek);
            CHECK(s.dueDate <= end);
            CHECK(s.dueDate >= stepStart(s, kStart));
            if (s.repeatEveryWeeks > 0)
                continue;
            ++oneOff;
            ++perDay[s.dueDate];
            CHECK(s.dueDate >=
                  stepStart(s, kStart).addDays(7 * ((s.endWeek - s.startWeek + 1) / 2)));
            if (last.isValid()) {
                ++pairs;
                inOrder += last <= s.dueDate ? 1 : 0;
            }
            last = s.dueDate;
        }
        for (int n : std::as_const(perDay))
            sharing += n > 1 ? n : 0;
    }
    INFO("one-off steps " << oneOff << ", sharing a day " << sharing << ", in order " << inOrder
                          << " of " << pairs);
    CHECK(sharing * 50 < oneOff);    // under 2%
    CHECK(inOrder * 10 > pairs * 7); // most of the plan reads forward in time
}

TEST_CASE("The engine says which built-in files stand in for the agency's")
{
    QTemporaryDir dir;
    const QString badRules = dir.filePath(QStringLiteral("rules.json"));
    const QString badBands = dir.filePath(QStringLiteral("thresholds.json"));
    for (const QString &path : {badRules, badBands}) {
        QFile file(path);
        REQUIRE(file.open(QIODevice::WriteOnly));
        file.write("{");
    }
    const RuleBase rules = RuleBase::forAgencyOrBuiltIn(badRules);
    qputenv("PATHWAY_THRESHOLDS", badBands.toUtf8());
    const IncomeThresholds bands = IncomeThresholds::forAgencyOrBuiltIn();
    qunsetenv("PATHWAY_THRESHOLDS");

    const StrategyEngine asAsked(RuleBase::builtIn(), IncomeThresholds::builtIn());
    CHECK(asAsked.fallbackTitle().isEmpty());
    CHECK(asAsked.fallbackReason().isEmpty());

    const StrategyEngine rulesOnly(rules, IncomeThresholds::builtIn());
    CHECK(rulesOnly.fallbackTitle() == QStringLiteral("Built-in rules in use"));
    CHECK(rulesOnly.fallbackReason() == rules.fallbackReason());

    const StrategyEngine bandsOnly(RuleBase::builtIn(), bands);
    CHECK(bandsOnly.fallbackTitle() == QStringLiteral("Built-in income bands in use"));
    CHECK(bandsOnly.fallbackReason() == bands.fallbackReason());

    const StrategyEngine both(rules, bands);
    CHECK(both.fallbackTitle() == QStringLiteral("Built-in rules and income bands in use"));
    CHECK(both.fallbackReason().contains(badRules));
    CHECK(both.fallbackReason().contains(badBands));
}
