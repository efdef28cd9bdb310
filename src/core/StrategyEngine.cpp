#include "pathway/core/StrategyEngine.h"

#include <QHash>
#include <QObject>

#include <algorithm>
#include <array>
#include <cstdint>

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
QString reasonFor(std::uint64_t held, const Facts &f)
{
    QStringList parts;
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
        parts << QObject::tr("%1 (severity %2)")
                     .arg(barrierPhrase(BarrierCode(code)))
                     .arg(f.severity[size_t(code)]);
    }
    if (held & (kLongTermFact | kWeeksFact))
        parts << (f.weeks == 1
                      ? QObject::tr("you have been out of work for 1 week")
                      : QObject::tr("you have been out of work for %1 weeks").arg(f.weeks));
    else if (held & kEmploymentFact)
        parts << employmentPhrase(f.employment);
    if (held & kBracketFact)
        parts << bracketPhrase(f.bracket);
    if (held & kIndependenceFact)
        parts << independencePhrase(f.independence);
    for (int goal = 0; goal < codeCount<GoalCode>(); ++goal) {
        if (held & (std::uint64_t(1) << (kGoalShift + goal)))
            parts << goalPhrase(GoalCode(goal));
    }
    if (parts.isEmpty())
        return QObject::tr("Every plan has this step: it is where the work together starts.");
    QString joined = parts.first();
    for (int i = 1; i < parts.size(); ++i)
        joined += (i + 1 == parts.size() ? QObject::tr(" and ") : QStringLiteral(", ")) + parts[i];
    return QObject::tr("You told us %1.").arg(joined);
}

struct Match
{
    int strategy = -1;        // the winner so far
    int priority = 0;         // its effective priority
    int severity = 0;         // highest over all members
    std::uint64_t held = 0;   // facts over all members
    std::vector<int> members; // every matching strategy of the group, in file order
};

} // namespace

QString fillRationale(const QString &tmpl, const Client &c, IncomeBracket bracket)
{
    if (!tmpl.contains(QLatin1Char('{')))
        return tmpl;
    QString out = tmpl;
    out.replace(QStringLiteral("{first_name}"), c.firstName);
    out.replace(QStringLiteral("{weeks_unemployed}"), QString::number(c.weeksUnemployed));
    out.replace(QStringLiteral("{income_bracket}"), toLabel(bracket).toLower());
    out.replace(QStringLiteral("{independence}"), toLabel(c.independence).toLower());
    out.replace(QStringLiteral("{employment_status}"), toLabel(c.employmentStatus).toLower());
    out.replace(QStringLiteral("{household_size}"), QString::number(c.householdSize));
    return out;
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
        m.members.push_back(int(i));
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
        step.rationale = fillRationale(s.rationale, client, f.bracket);
        step.rationaleTemplate = s.rationale;
        step.sources = s.sources;
        step.mergedStrategies << s.id;
        for (int member : m->members) {
            const Strategy &other = all[size_t(member)];
            if (member == m->strategy)
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
        step.dueDate = startDate.addDays(7 * qint64(s.endWeek));
        plan.steps.append(std::move(step));
    }
    return plan;
}

} // namespace pathway
