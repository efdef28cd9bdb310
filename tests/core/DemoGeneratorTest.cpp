#include "TestSupport.h"

#include "pathway/core/DemoGenerator.h"
#include "pathway/core/IncomeThresholds.h"
#include "pathway/core/RuleBase.h"
#include "pathway/core/StrategyEngine.h"
#include "pathway/core/Validation.h"

#include <QHash>
#include <QSet>

#include <catch2/catch.hpp>

using namespace pathway;

TEST_CASE("The demo caseload is deterministic")
{
    CHECK(demoCaseload(50, 7) == demoCaseload(50, 7));
    CHECK(demoCaseload(50, 7) != demoCaseload(50, 8));
    CHECK(demoClient(7, 42) == demoCaseload(50, 7).at(42));
}

TEST_CASE("Every demo client is valid and the mix is plausible")
{
    const QVector<Client> clients = demoCaseload(2000, 1);
    QSet<int> brackets;
    QSet<int> barriers;
    QSet<QString> counselors;
    int nonAscii = 0;
    int longTerm = 0;
    for (const Client &c : clients) {
        INFO(c.fullName().toStdString());
        REQUIRE(validateClient(c, QDate(2026, 11, 23)).isEmpty());
        brackets.insert(int(IncomeThresholds::builtIn().bracketFor(c)));
        for (const Barrier &b : c.barriers)
            barriers.insert(int(b.code));
        counselors.insert(c.counselor);
        bool ascii = true;
        for (QChar ch : c.fullName())
            ascii = ascii && ch.unicode() < 128;
        nonAscii += ascii ? 0 : 1;
        longTerm += c.isLongTermUnemployed() ? 1 : 0;
    }
    CHECK(brackets.size() == codeCount<IncomeBracket>());
    CHECK(barriers.size() == codeCount<BarrierCode>());
    CHECK(counselors.size() >= 4);
    CHECK(nonAscii > 100);
    CHECK(longTerm > 300);
    CHECK(longTerm < 1000);
}

namespace {

const QDate kToday(2026, 11, 23);

// One demo client's history, as addDemoCaseload() makes it.
struct History
{
    Client client;
    DemoMoment intake;
    Plan plan;
    QDate closedOn;
    QVector<DemoContact> contacts;
};

History historyOf(const StrategyEngine &engine, std::uint64_t seed, int index,
                  const QDate &today = kToday)
{
    History h;
    h.client = demoClient(seed, index);
    h.intake = demoIntake(seed, index, h.client, today);
    h.plan = engine.propose(h.client, demoPlanStart(seed, index, h.intake.day, today));
    h.closedOn = demoClosing(seed, index, h.client, h.plan, today);
    simulateProgress(h.plan, h.client, seed, index, today, h.closedOn);
    h.contacts = demoContacts(seed, index, h.client, h.plan, h.intake, h.closedOn, today);
    return h;
}

QVector<History> histories(int count, std::uint64_t seed)
{
    static const StrategyEngine engine(RuleBase::builtIn(), IncomeThresholds::builtIn());
    QVector<History> out;
    for (int i = 0; i < count; ++i)
        out.append(historyOf(engine, seed, i));
    return out;
}

} // namespace

TEST_CASE("Demo intakes spread over the last 18 months, on weekdays, busier lately")
{
    const QVector<History> all = histories(2000, 1);
    QHash<QString, int> perMonth; // "yyyy-MM"
    int lastSix = 0;
    int sixBefore = 0;
    for (const History &h : all) {
        INFO(h.client.fullName().toStdString());
        REQUIRE(h.intake.day.isValid());
        CHECK(h.intake.day <= kToday);
        CHECK(h.intake.day >= kToday.addMonths(-18));
        CHECK(h.intake.day.dayOfWeek() <= 5);
        CHECK(h.intake.time >= QTime(8, 0));
        CHECK(h.intake.time < QTime(17, 0));
        ++perMonth[h.intake.day.toString(QStringLiteral("yyyy-MM"))];
        const qint64 ago = h.intake.day.daysTo(kToday);
        lastSix += ago < 182 ? 1 : 0;
        sixBefore += ago >= 182 && ago < 365 ? 1 : 0;
    }
    // Every one of the 12 months up to today's has intakes (the dashboard's chart).
    for (int m = 0; m < 12; ++m) {
        const QString month = kToday.addMonths(-m).toString(QStringLiteral("yyyy-MM"));
        INFO(month.toStdString());
        CHECK(perMonth.value(month) >= 20);
    }
    CHECK(perMonth.size() >= 18);
    CHECK(lastSix > sixBefore);
    CHECK(lastSix < 3 * sixBefore); // busier, not all recent
}

TEST_CASE("Each demo plan starts on or after its intake and its progress fits its age")
{
    for (const History &h : histories(2000, 2)) {
        INFO(h.client.fullName().toStdString());
        CHECK(h.plan.startDate >= h.intake.day);
        CHECK(h.plan.startDate <= h.intake.day.addDays(16));
        CHECK(h.plan.startDate <= kToday);
        for (const PlanStep &s : h.plan.steps) {
            // Nothing is done before it starts, nor after today.
            if (s.status == StepStatus::Done) {
                CHECK(s.completedOn >= stepStart(s, h.plan.startDate));
                CHECK(s.completedOn <= kToday);
            }
            // Nothing has started before the plan did.
            if (stepStart(s, h.plan.startDate) > kToday)
                CHECK(s.status == StepStatus::Planned);
            // A recurring step keeps its series: never moved past its timeframe,
            // and under way once it has begun.
            if (s.repeatEveryWeeks > 0) {
                CHECK(s.dueDate <= h.plan.startDate.addDays(7 * s.endWeek));
                if (stepStart(s, h.plan.startDate) <= kToday && s.dueDate >= kToday)
                    CHECK(s.status != StepStatus::Planned);
            }
        }
    }
}

TEST_CASE("Some demo cases are closed some time after intake, their plans mostly done")
{
    int closed = 0;
    int done = 0;
    int steps = 0;
    for (const History &h : histories(2000, 3)) {
        if (h.client.status != ClientStatus::Closed) {
            CHECK_FALSE(h.closedOn.isValid());
            continue;
        }
        ++closed;
        INFO(h.client.fullName().toStdString());
        REQUIRE(h.closedOn.isValid());
        CHECK(h.closedOn >= h.plan.startDate.addDays(56));
        CHECK(h.closedOn < kToday);
        for (const PlanStep &s : h.plan.steps) {
            // Nothing stays open on a closed case.
            CHECK((s.status == StepStatus::Done || s.status == StepStatus::Dropped));
            if (s.status == StepStatus::Done)
                CHECK(s.completedOn <= h.closedOn);
            done += s.status == StepStatus::Done ? 1 : 0;
            ++steps;
        }
        // The last contact is the closing note, on the day of closing.
        REQUIRE_FALSE(h.contacts.isEmpty());
        CHECK(h.contacts.last().at.day == h.closedOn);
        CHECK(h.contacts.last().body.startsWith(QStringLiteral("Case closed")));
    }
    CHECK(closed > 150);
    CHECK(closed < 400);
    CHECK(done * 10 > steps * 7); // mostly done
}

TEST_CASE("Demo contacts come at realistic intervals, most active clients within the last month")
{
    int active = 0;
    int recent = 0; // last contact within 30 days (the dashboard's default)
    int quiet = 0;  // none for 30 days or more
    int notes = 0;
    QSet<QString> bodies;
    for (const History &h : histories(2000, 4)) {
        INFO(h.client.fullName().toStdString());
        REQUIRE_FALSE(h.contacts.isEmpty());
        // The intake interview is the first contact.
        CHECK(h.contacts.first().at == h.intake);
        CHECK(h.contacts.first().body.contains(QStringLiteral("ntake")));
        for (int i = 0; i < h.contacts.size(); ++i) {
            const DemoContact &c = h.contacts[i];
            CHECK(c.at.day <= kToday);
            CHECK(c.at.day.dayOfWeek() <= 5);
            CHECK_FALSE(c.body.trimmed().isEmpty());
            if (i > 0) {
                CHECK(h.contacts[i - 1].at.day < c.at.day); // one a day at most, in order
                CHECK(h.contacts[i - 1].at.day.daysTo(c.at.day) <= 120);
            }
            bodies.insert(c.body);
        }
        notes += int(h.contacts.size());
        if (h.client.status != ClientStatus::Active)
            continue;
        ++active;
        const qint64 since = h.contacts.last().at.day.daysTo(kToday);
        recent += since < 30 ? 1 : 0;
        quiet += since >= 30 ? 1 : 0;
    }
    INFO("active " << active << ", recent " << recent << ", quiet " << quiet);
    CHECK(recent * 100 >= active * 60);
    CHECK(quiet * 100 >= active * 10);
    CHECK(quiet * 100 <= active * 35);
    // About ten notes a client, worded in many ways.
    CHECK(notes > 2000 * 4);
    CHECK(notes < 2000 * 16);
    CHECK(bodies.size() > 500);
}

TEST_CASE("A demo client's history depends on the seed, its index and today only")
{
    const StrategyEngine engine(RuleBase::builtIn(), IncomeThresholds::builtIn());
    for (int i : {0, 17, 499}) {
        const History a = historyOf(engine, 9, i);
        const History b = historyOf(engine, 9, i);
        CHECK(a.intake == b.intake);
        CHECK(a.plan == b.plan);
        CHECK(a.closedOn == b.closedOn);
        CHECK(a.contacts == b.contacts);
        // Another seed, another history.
        const History other = historyOf(engine, 10, i);
        CHECK_FALSE((other.intake == a.intake && other.contacts == a.contacts));
    }
    // Another today moves the whole history along.
    const History later = historyOf(engine, 9, 17, kToday.addDays(7));
    CHECK(later.intake.day == historyOf(engine, 9, 17).intake.day.addDays(7));
}
