#include "pathway/core/StrategyEngine.h"

#include <QHash>
#include <QObject>
#include <QStringList>

#include <algorithm>
#include <array>
#include <cstdint>
#include <cstdlib>

namespace pathway {

namespace {

// Bits of the profile facts that a condition can rest on. A step's reason is
// written from the facts its conditions actually used.
constexpr std::uint64_t kBracketFact = 1u << 0;
constexpr std::uint64_t kLongTermFact = 1u << 1;
constexpr std::uint64_t kWeeksFact = 1u << 2;
constexpr std::uint64_t kEmploymentFact = 1u << 3;
constexpr std::uint64_t kIndependenceFact = 1u << 4;
constexpr int kBarrierShift = 8;
constexpr int kGoalShift = 24;

struct Facts
{
    IncomeBracket bracket;
    bool longTerm;
    int weeks;
    EmploymentStatus employment;
    Independence independence;
    std::array<int, 16> severity{}; // by BarrierCode; 0 = absent
    std::uint32_t goals = 0;
};

bool evaluate(const Condition &c, const Facts &f, std::uint64_t &held)
{
    using K = Condition::Kind;
    switch (c.kind) {
    case K::Always:
        return true;
    case K::All: {
        std::uint64_t inner = 0;
        for (const Condition &child : c.children) {
            if (!evaluate(child, f, inner))
                return false;
        }
        held |= inner;
        return true;
    }
    case K::Any: {
        bool any = false;
        for (const Condition &child : c.children)
            any = evaluate(child, f, held) || any; // every branch that holds is a reason
        return any;
    }
    case K::Not: {
        std::uint64_t ignored = 0;
        return !evaluate(c.children.front(), f, ignored);
    }
    case K::IncomeBracket:
        if (c.mask & (1u << unsigned(f.bracket))) {
            held |= kBracketFact;
            return true;
        }
        return false;
    case K::LongTermUnemployed:
        if (f.longTerm == c.flag) {
            held |= f.longTerm ? kLongTermFact : 0;
            return true;
        }
        return false;
    case K::WeeksUnemployed:
        if (f.weeks >= c.min && f.weeks <= c.max) {
            held |= f.weeks > 0 ? kWeeksFact : 0;
            return true;
        }
        return false;
    case K::EmploymentStatus:
        if (c.mask & (1u << unsigned(f.employment))) {
            held |= kEmploymentFact;
            return true;
        }
        return false;
    case K::Independence:
        if (c.mask & (1u << unsigned(f.independence))) {
            held |= kIndependenceFact;
            return true;
        }
        return false;
    case K::Barrier:
        if (f.severity[size_t(c.barrier)] >= c.minSeverity) {
            held |= std::uint64_t(1) << (kBarrierShift + int(c.barrier));
            return true;
        }
        return false;
    case K::Goal:
        if (c.mask & f.goals) {
            held |= std::uint64_t(c.mask & f.goals) << kGoalShift;
            return true;
        }
        return false;
    }
    return false;
}

QString barrierPhrase(BarrierCode code)
{
    switch (code) {
    case BarrierCode::Stigma:
        return QObject::tr("being out of work weighs on you");
    case BarrierCode::Finances:
        return QObject::tr("money is tight");
    case BarrierCode::Caregiving:
        return QObject::tr("you care for someone at home");
    case BarrierCode::Health:
        return QObject::tr("your health affects the work you can do");
    case BarrierCode::SocialSupport:
        return QObject::tr("you have few people to lean on");
    case BarrierCode::LimitedAccess:
        return QObject::tr("job openings are hard for you to reach");
    case BarrierCode::Transport:
        return QObject::tr("getting to work is difficult");
    case BarrierCode::DigitalSkills:
        return QObject::tr("you would like to be more confident with computers");
    case BarrierCode::Language:
        return QObject::tr("you want to build your English for work");
    case BarrierCode::Housing:
        return QObject::tr("your housing is not secure");
    case BarrierCode::CriminalRecord:
        return QObject::tr("a past conviction comes up when you apply for jobs");
    }
    return {};
}

QString goalPhrase(GoalCode goal)
{
    switch (goal) {
    case GoalCode::Employment:
        return QObject::tr("you want to find work");
    case GoalCode::Advancement:
        return QObject::tr("you want to move ahead in your career");
    case GoalCode::Entrepreneurship:
        return QObject::tr("you want to start your own business");
    case GoalCode::MeaningfulWork:
        return QObject::tr("you want work that makes a difference");
    case GoalCode::WorkLifeBalance:
        return QObject::tr("you want a better balance between work and home");
    case GoalCode::Education:
        return QObject::tr("you want to study further");
    case GoalCode::CareerChange:
        return QObject::tr("you want to change careers");
    }
    return {};
}

QString employmentPhrase(EmploymentStatus status)
{
    switch (status) {
    case EmploymentStatus::EmployedFullTime:
        return QObject::tr("you work full time");
    case EmploymentStatus::EmployedPartTime:
        return QObject::tr("you are working part time");
    case EmploymentStatus::SelfEmployed:
        return QObject::tr("you are self-employed");
    case EmploymentStatus::Unemployed:
        return QObject::tr("you are looking for work");
    case EmploymentStatus::Student:
        return QObject::tr("you are a student");
    case EmploymentStatus::NotInLaborForce:
        return QObject::tr("you are not working or looking for work right now");
    }
    return {};
}

QString independencePhrase(Independence independence)
{
    switch (independence) {
    case Independence::Guided:
        return QObject::tr("you would like regular guidance along the way");
    case Independence::Independent:
        return QObject::tr("you like to work things out independently");
    case Independence::UltraIndependent:
        return QObject::tr("you prefer to find your own way, on your own terms");
    }
    return {};
}

QString bracketPhrase(IncomeBracket bracket)
{
    switch (bracket) {
    case IncomeBracket::Low:
        return QObject::tr("your household income is low for its size");
    case IncomeBracket::LowerMiddle:
        return QObject::tr("your household income is in the lower-middle range");
    case IncomeBracket::Middle:
        return QObject::tr("your household income is in the middle range");
    case IncomeBracket::UpperMiddle:
        return QObject::tr("your household income is in the upper-middle range");
    case IncomeBracket::High:
        return QObject::tr("your household income is high");
    }
    return {};
}

// "You told us a, b and c." from the facts in `held`, most pressing first.
// The phrases of reasons, translated once: the engine runs for every client
// of a caseload, and looking each phrase up again cost more than the rules.
struct Phrases
{
    QString barrier[16]; // by code
    QString employment[8];
    QString bracket[8];
    QString independence[4];
    QString goal[16];
    QString oneWeek, everyPlan, andWord, comma, opening, closing;

    Phrases()
    {
        // No severity numbers: the reason is printed on the client's copy,
        // and "(severity 3)" is the counselor's scale, not the client's words.
        // The most severe barrier still comes first.
        for (int code = 0; code < codeCount<BarrierCode>(); ++code)
            barrier[code] = barrierPhrase(BarrierCode(code));
        for (int i = 0; i < codeCount<EmploymentStatus>(); ++i)
            employment[i] = employmentPhrase(EmploymentStatus(i));
        for (int i = 0; i < codeCount<IncomeBracket>(); ++i)
            bracket[i] = bracketPhrase(IncomeBracket(i));
        for (int i = 0; i < codeCount<Independence>(); ++i)
            independence[i] = independencePhrase(Independence(i));
        for (int i = 0; i < codeCount<GoalCode>(); ++i)
            goal[i] = goalPhrase(GoalCode(i));
        oneWeek = QObject::tr("you have been out of work for 1 week");
        everyPlan = QObject::tr("Every plan has this step: it is where the work together starts.");
        andWord = QObject::tr(" and ");
        comma = QStringLiteral(", ");
        opening = QObject::tr("You told us ");
        closing = QStringLiteral(".");
    }
};

const Phrases &phrases()
{
    static const Phrases instance;
    return instance;
}

// "You told us a, b and c." from the facts in `held`, most pressing first.
QString reasonFor(std::uint64_t held, const Facts &f)
{
    const Phrases &p = phrases();
    std::array<const QString *, 32> parts{};
    int count = 0;
    QString weeks; // the one phrase that varies with the client
    std::array<int, 16> order{};
    int n = 0;
    for (int code = 0; code < codeCount<BarrierCode>(); ++code) {
        if (held & (std::uint64_t(1) << (kBarrierShift + code)))
            order[size_t(n++)] = code;
    }
    std::stable_sort(order.begin(), order.begin() + n,
                     [&f](int a, int b) { return f.severity[size_t(a)] > f.severity[size_t(b)]; });
    for (int i = 0; i < n; ++i) {
        const int code = order[size_t(i)];
        parts[size_t(count++)] = &p.barrier[code];
    }
    if (held & (kLongTermFact | kWeeksFact)) {
        weeks = f.weeks == 1 ? p.oneWeek
                             : QObject::tr("you have been out of work for %1 weeks").arg(f.weeks);
        parts[size_t(count++)] = &weeks;
    } else if (held & kEmploymentFact) {
        parts[size_t(count++)] = &p.employment[int(f.employment)];
    }
    if (held & kBracketFact)
        parts[size_t(count++)] = &p.bracket[int(f.bracket)];
    if (held & kIndependenceFact)
        parts[size_t(count++)] = &p.independence[int(f.independence)];
    for (int goal = 0; goal < codeCount<GoalCode>(); ++goal) {
        if (held & (std::uint64_t(1) << (kGoalShift + goal)))
            parts[size_t(count++)] = &p.goal[goal];
    }
    if (count == 0)
        return p.everyPlan;
    QString out;
    out.reserve(160);
    out += p.opening;
    for (int i = 0; i < count; ++i) {
        if (i > 0)
            out += i + 1 == count ? p.andWord : p.comma;
        out += *parts[size_t(i)];
    }
    out += p.closing;
    return out;
}

struct Match
{
    int strategy = -1;      // the winner so far
    int priority = 0;       // its effective priority
    int severity = 0;       // highest over all members
    std::uint64_t held = 0; // facts over all members
    int group = 0;
};

} // namespace

namespace {

// The placeholder values of one client, worked out once per plan.
struct RationaleValues
{
    QString firstName, weeks, bracket, independence, employment, household;
    RationaleValues(const Client &c, IncomeBracket b)
        : firstName(c.firstName), weeks(QString::number(c.weeksUnemployed)),
          bracket(toLabel(b).toLower()), independence(toLabel(c.independence).toLower()),
          employment(toLabel(c.employmentStatus).toLower()),
          household(QString::number(c.householdSize))
    {}
};

QString fill(const QString &tmpl, const RationaleValues &v)
{
    qsizetype open = tmpl.indexOf(QLatin1Char('{'));
    if (open < 0)
        return tmpl;
    // One pass over the template; the rule loader has checked that every
    // brace belongs to a known placeholder, so anything else is copied as is.
    QString out;
    out.reserve(tmpl.size() + 32);
    qsizetype from = 0;
    while (open >= 0) {
        const qsizetype close = tmpl.indexOf(QLatin1Char('}'), open);
        if (close < 0)
            break;
        out += QStringView(tmpl).mid(from, open - from);
        const QStringView name = QStringView(tmpl).mid(open + 1, close - open - 1);
        if (name == QLatin1String("first_name"))
            out += v.firstName;
        else if (name == QLatin1String("weeks_unemployed"))
            out += v.weeks;
        else if (name == QLatin1String("income_bracket"))
            out += v.bracket;
        else if (name == QLatin1String("independence"))
            out += v.independence;
        else if (name == QLatin1String("employment_status"))
            out += v.employment;
        else if (name == QLatin1String("household_size"))
            out += v.household;
        else
            out += QStringView(tmpl).mid(open, close - open + 1);
        from = close + 1;
        open = tmpl.indexOf(QLatin1Char('{'), from);
    }
    out += QStringView(tmpl).mid(from);
    return out;
}

// The week (from the plan's start) each step is due, written into dueDate.
//
// A recurring step is due on its last occurrence within its timeframe.
// One-off steps whose timeframes end together would all be due the same far
// day, so they are spread out and the plan reads as a sequence: taking the
// steps from the last to the first, each is due in the latest week of its
// timeframe that is at least `gap` weeks from every step placed so far (2
// weeks when its timeframe ends after week 8, else 1 week; failing that, a
// week no other step is due in), but never before the middle of its
// timeframe (rounded up), so no step loses more than half its time. When
// every week is taken, it is due at the end of its timeframe. Later steps
// keep the later weeks, so due dates follow the plan's order wherever the
// timeframes allow.
void setDueDates(Plan &plan)
{
    std::vector<int> taken; // due weeks of the one-off steps placed so far
    for (qsizetype i = plan.steps.size() - 1; i >= 0; --i) {
        PlanStep &step = plan.steps[i];
        int week = step.endWeek;
        if (step.repeatEveryWeeks > 0) {
            const int span = std::max(0, step.endWeek - step.startWeek);
            week = step.startWeek + span / step.repeatEveryWeeks * step.repeatEveryWeeks;
        } else {
            const int earliest = step.startWeek + (step.endWeek - step.startWeek + 1) / 2;
            // Two weeks from the others where the timeframe is long, else a
            // week of its own, else the end of the timeframe.
            bool placed = false;
            for (int gap = step.endWeek > 8 ? 2 : 1; gap >= 1 && !placed; --gap) {
                for (int w = step.endWeek; w >= earliest && !placed; --w) {
                    placed = std::none_of(taken.cbegin(), taken.cend(),
                                          [&](int t) { return std::abs(t - w) < gap; });
                    if (placed)
                        week = w;
                }
            }
            taken.push_back(week);
        }
        step.dueDate = plan.startDate.addDays(7 * qint64(week));
    }
}

} // namespace

QString fillRationale(const QString &tmpl, const Client &client, IncomeBracket bracket)
{
    if (!tmpl.contains(QLatin1Char('{')))
        return tmpl;
    return fill(tmpl, RationaleValues(client, bracket));
}

QString StrategyEngine::fallbackTitle() const
{
    const bool rules = !m_rules.fallbackReason().isEmpty();
    const bool bands = !m_thresholds.fallbackReason().isEmpty();
    if (rules && bands)
        return QObject::tr("Built-in rules and income bands in use");
    if (rules)
        return QObject::tr("Built-in rules in use");
    if (bands)
        return QObject::tr("Built-in income bands in use");
    return QString();
}

QString StrategyEngine::fallbackReason() const
{
    QStringList reasons;
    for (const QString &reason : {m_rules.fallbackReason(), m_thresholds.fallbackReason()}) {
        if (!reason.isEmpty())
            reasons << reason;
    }
    return reasons.join(QStringLiteral("\n\n"));
}

StrategyEngine::StrategyEngine(const RuleBase &rules, const IncomeThresholds &thresholds)
    : m_rules(rules), m_thresholds(thresholds)
{
    QHash<QString, int> groups;
    for (const Strategy &s : rules.strategies()) {
        const QString key = s.merge.isEmpty() ? QStringLiteral("\x01") + s.id : s.merge;
        auto it = groups.constFind(key);
        if (it == groups.constEnd())
            it = groups.insert(key, m_groupCount++);
        m_group.push_back(*it);
    }
    m_members.resize(size_t(m_groupCount));
    for (size_t i = 0; i < m_group.size(); ++i)
        m_members[size_t(m_group[i])].push_back(int(i));
}

Plan StrategyEngine::propose(const Client &client, const QDate &startDate) const
{
    Facts f;
    f.bracket = m_thresholds.bracketFor(client);
    f.longTerm = client.isLongTermUnemployed();
    f.weeks = client.weeksUnemployed;
    f.employment = client.employmentStatus;
    f.independence = client.independence;
    for (const Barrier &b : client.barriers)
        f.severity[size_t(b.code)] = b.severity;
    for (GoalCode g : client.goals)
        f.goals |= 1u << unsigned(g);

    const std::vector<Strategy> &all = m_rules.strategies();
    std::vector<Match> matches(static_cast<size_t>(m_groupCount));
    std::vector<char> matched(m_rules.strategies().size(), 0);
    for (size_t i = 0; i < all.size(); ++i) {
        const Strategy &s = all[i];
        std::uint64_t held = 0;
        if (!evaluate(s.when, f, held))
            continue;
        int priority = s.priority;
        for (const PriorityAdjustment &a : s.adjust) {
            std::uint64_t ignored = 0;
            if (evaluate(a.when, f, ignored))
                priority += a.delta;
        }
        priority = std::clamp(priority, 1, 100);
        int severity = 0;
        for (int code = 0; code < codeCount<BarrierCode>(); ++code) {
            if (held & (std::uint64_t(1) << (kBarrierShift + code)))
                severity = std::max(severity, f.severity[size_t(code)]);
        }
        Match &m = matches[size_t(m_group[i])];
        const bool wins = m.strategy < 0 || priority > m.priority ||
                          (priority == m.priority && s.id < all[size_t(m.strategy)].id);
        if (wins) {
            m.strategy = int(i);
            m.priority = priority;
        }
        m.severity = std::max(m.severity, severity);
        m.held |= held;
        m.group = m_group[i];
        matched[i] = 1;
    }

    std::vector<const Match *> chosen;
    for (const Match &m : matches) {
        if (m.strategy >= 0)
            chosen.push_back(&m);
    }
    std::sort(chosen.begin(), chosen.end(), [&all](const Match *a, const Match *b) {
        const Strategy &sa = all[size_t(a->strategy)];
        const Strategy &sb = all[size_t(b->strategy)];
        if (sa.phase != sb.phase)
            return sa.phase < sb.phase;
        if (a->priority != b->priority)
            return a->priority > b->priority;
        if (a->severity != b->severity)
            return a->severity > b->severity;
        return sa.id < sb.id;
    });

    const RationaleValues values(client, f.bracket);
    Plan plan;
    plan.rulesVersion = m_rules.version();
    plan.incomeBracket = f.bracket;
    plan.longTermUnemployed = f.longTerm;
    plan.startDate = startDate;
    plan.steps.reserve(int(chosen.size()));
    for (const Match *m : chosen) {
        const Strategy &s = all[size_t(m->strategy)];
        PlanStep step;
        step.strategyId = s.id;
        step.category = s.category;
        step.phase = s.phase;
        step.title = s.title;
        step.description = s.description;
        step.whoHelps = s.whoHelps;
        step.reason = reasonFor(m->held, f);
        step.rationale =
            s.rationale.contains(QLatin1Char('{')) ? fill(s.rationale, values) : s.rationale;
        step.rationaleTemplate = s.rationale;
        step.sources = s.sources;
        step.mergedStrategies << s.id;
        for (int member : m_members[size_t(m->group)]) {
            const Strategy &other = all[size_t(member)];
            if (member == m->strategy || !matched[size_t(member)])
                continue;
            step.mergedStrategies << other.id;
            for (const QString &src : other.sources) {
                if (!step.sources.contains(src))
                    step.sources << src;
            }
        }
        step.startWeek = s.startWeek;
        step.endWeek = s.endWeek;
        step.priority = m->priority;
        step.repeatEveryWeeks = s.repeatEveryWeeks;
        plan.steps.append(std::move(step));
    }
    setDueDates(plan);
    return plan;
}

} // namespace pathway
