#include "pathway/core/DemoGenerator.h"

#include <QDate>

#include <algorithm>
#include <cmath>

namespace pathway {

std::uint64_t DemoRandom::next()
{
    std::uint64_t z = (m_state += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}

const QVector<DemoUser> &demoUsers()
{
    static const QVector<DemoUser> users = {
        {"sreyes", "Sofía Reyes", "supervisor"}, {"agarcia", "Ana García", "counselor"},
        {"bnguyen", "Bảo Nguyễn", "counselor"},  {"cokafor", "Chidi Okafor", "counselor"},
        {"dmuller", "Dana Müller", "counselor"}, {"ejohnson", "Eli Johnson", "counselor"},
    };
    return users;
}

namespace {

const char *const kFirstNames[] = {
    "James",  "Maria",  "Zoë",    "José",   "Aisha",   "Łukasz",     "Mei",      "David",
    "Fatima", "Noah",   "Sophie", "Mateo",  "Olivia",  "Chloé",      "Kwame",    "Priya",
    "Liam",   "Ingrid", "Björn",  "Ana",    "Thanh",   "Emily",      "Omar",     "Grace",
    "Raúl",   "Yuki",   "Hannah", "Dmitri", "Nadia",   "Samuel",     "Renée",    "Carlos",
    "Amara",  "Ethan",  "Søren",  "Lucía",  "Michael", "Leila",      "François", "Joy",
    "Tomás",  "Sarah",  "Ahmed",  "Élodie", "Kevin",   "Małgorzata", "Ben",      "Ife",
};
const char *const kLastNames[] = {
    "Smith",     "García",    "Nguyễn",      "Johnson",  "Müller",     "Kowalski",     "Okafor",
    "Brown",     "Martínez",  "Chen",        "Williams", "Núñez",      "O'Brien",      "Davis",
    "Patel",     "Jones",     "Lefèvre",     "Kim",      "Wilson",     "Haddad",       "Andersson",
    "Taylor",    "Rodríguez", "Lee",         "Dubois",   "Moore",      "Yılmaz",       "Clark",
    "Hernández", "Wright",    "Ivanova",     "Lopez",    "Żółkiewski", "Scott",        "Mensah",
    "Hall",      "Schäfer",   "Young",       "Sánchez",  "Allen",      "Van der Berg", "King",
    "Ferreira",  "Baker",     "Łukasiewicz", "Hill",     "Santos",     "Green",
};
const char *const kStreets[] = {
    "Elm Street",    "Maple Avenue",      "Oak Lane",    "Cedar Road",
    "Pine Court",    "Main Street",       "River Road",  "Lakeview Drive",
    "Hillcrest Way", "Washington Avenue", "Birch Close",
};
const char *const kCities[] = {
    "Springfield", "Riverton",   "Fairview", "Greenville",
    "Madison",     "Georgetown", "Salem",    "Franklin",
};
const char *const kSkills[] = {
    "customer service",
    "bookkeeping",
    "forklift operation",
    "Excel",
    "project management",
    "welding",
    "carpentry",
    "cooking",
    "nursing assistance",
    "sales",
    "data entry",
    "graphic design",
    "teaching",
    "driving (CDL)",
    "software testing",
    "logistics",
    "Spanish",
    "event planning",
    "social media",
    "machine maintenance",
};
const char *const kInterests[] = {
    "healthcare",     "renewable energy", "working outdoors",
    "helping people", "technology",       "food and hospitality",
    "the arts",       "construction",     "finance",
    "education",      "animals",          "small business",
    "community work", "manufacturing",
};
const char *const kNotes[] = {
    "",
    "",
    "",
    "Mentioned during intake.",
    "Would like help with this early on.",
    "Has tried to handle this alone so far.",
    "Raised it only when asked directly.",
};

template <size_t N> const char *pick(DemoRandom &rng, const char *const (&pool)[N])
{
    return pool[rng.below(int(N))];
}

// Adjusted-income targets per bracket, matching the built-in thresholds loosely
// so that every bracket is well represented.
qint64 incomeFor(DemoRandom &rng, int bracket, int householdSize)
{
    static const int lo[] = {6000, 40000, 60000, 120000, 160000};
    static const int hi[] = {39000, 59000, 119000, 159000, 400000};
    const double adjusted = rng.between(lo[bracket], hi[bracket]);
    // Undo the square-root scale against a three-person reference household.
    const double raw = adjusted * std::sqrt(double(householdSize) / 3.0);
    return qint64(raw / 100) * 100;
}

} // namespace

Client demoClient(std::uint64_t seed, int index)
{
    DemoRandom rng(seed * 0x100000001b3ULL + std::uint64_t(index) * 0x9e3779b97f4a7c15ULL + 1);
    Client c;
    c.firstName = QString::fromUtf8(pick(rng, kFirstNames));
    c.lastName = QString::fromUtf8(pick(rng, kLastNames));
    const int age = rng.between(18, 66);
    c.dateOfBirth = QDate(2026 - age, rng.between(1, 12), rng.between(1, 28));
    QString local = (c.firstName.left(1) + c.lastName).toLower();
    local = local.normalized(QString::NormalizationForm_KD);
    QString ascii;
    for (const QChar ch : local) {
        if (ch.unicode() < 128 && ch.isLetterOrNumber())
            ascii += ch;
    }
    c.email = QStringLiteral("%1%2@example.org").arg(ascii).arg(index);
    c.phone =
        QStringLiteral("+1 555 %1 %2").arg(rng.between(100, 999)).arg(rng.between(1000, 9999));
    c.address =
        QStringLiteral("%1 %2, %3")
            .arg(rng.between(1, 2400))
            .arg(QString::fromUtf8(pick(rng, kStreets)), QString::fromUtf8(pick(rng, kCities)));

    c.householdSize = 1 + (rng.chance(0.7) ? rng.below(4) : rng.below(7));
    // Career services see more low and lower-middle incomes than the population.
    static const double bracketShare[] = {0.28, 0.27, 0.25, 0.12, 0.08};
    double roll = rng.unit();
    int bracket = 0;
    while (bracket < 4 && roll >= bracketShare[bracket]) {
        roll -= bracketShare[bracket];
        ++bracket;
    }
    c.annualIncome = incomeFor(rng, bracket, c.householdSize);

    const double e = rng.unit();
    c.employmentStatus = e < 0.55   ? EmploymentStatus::Unemployed
                         : e < 0.70 ? EmploymentStatus::EmployedPartTime
                         : e < 0.80 ? EmploymentStatus::EmployedFullTime
                         : e < 0.85 ? EmploymentStatus::SelfEmployed
                         : e < 0.92 ? EmploymentStatus::Student
                                    : EmploymentStatus::NotInLaborForce;
    if (c.employmentStatus == EmploymentStatus::Unemployed)
        c.weeksUnemployed = rng.chance(0.45) ? rng.between(1, 26) : rng.between(27, 156);

    const double ind = rng.unit();
    c.independence = ind < 0.3    ? Independence::Guided
                     : ind < 0.72 ? Independence::Independent
                                  : Independence::UltraIndependent;

    struct Odds
    {
        BarrierCode code;
        double p;
    };
    const bool longTerm = c.isLongTermUnemployed();
    const Odds odds[] = {
        {BarrierCode::Stigma, longTerm ? 0.55 : 0.15},
        {BarrierCode::Finances, bracket <= 1 ? 0.75 : 0.25},
        {BarrierCode::Caregiving, 0.25},
        {BarrierCode::Health, 0.18},
        {BarrierCode::SocialSupport, c.independence == Independence::UltraIndependent ? 0.4 : 0.2},
        {BarrierCode::LimitedAccess, 0.3},
        {BarrierCode::Transport, bracket <= 1 ? 0.3 : 0.08},
        {BarrierCode::DigitalSkills, age > 50 ? 0.35 : 0.12},
        {BarrierCode::Language, 0.08},
        {BarrierCode::Housing, bracket == 0 ? 0.2 : 0.04},
        {BarrierCode::CriminalRecord, 0.05},
    };
    for (const Odds &o : odds) {
        if (rng.chance(o.p)) {
            c.barriers.append({o.code, rng.between(1, 3), QString::fromUtf8(pick(rng, kNotes))});
        }
    }

    struct GoalOdds
    {
        GoalCode code;
        double p;
    };
    const bool working = c.employmentStatus == EmploymentStatus::EmployedFullTime ||
                         c.employmentStatus == EmploymentStatus::EmployedPartTime;
    const GoalOdds goalOdds[] = {
        {GoalCode::Employment, working ? 0.2 : 0.85},
        {GoalCode::Advancement, working ? 0.6 : 0.1},
        {GoalCode::Entrepreneurship, bracket >= 3 ? 0.3 : 0.1},
        {GoalCode::MeaningfulWork, bracket >= 3 ? 0.4 : 0.15},
        {GoalCode::WorkLifeBalance, c.barrier(BarrierCode::Caregiving) ? 0.5 : 0.15},
        {GoalCode::Education, c.employmentStatus == EmploymentStatus::Student ? 0.8 : 0.2},
        {GoalCode::CareerChange, 0.2},
    };
    for (const GoalOdds &g : goalOdds) {
        if (rng.chance(g.p))
            c.goals.append(g.code);
    }
    if (c.goals.isEmpty())
        c.goals.append(GoalCode::Employment);

    static const EducationLevel levels[] = {
        EducationLevel::Primary,    EducationLevel::Secondary,   EducationLevel::Secondary,
        EducationLevel::Vocational, EducationLevel::SomeCollege, EducationLevel::Associate,
        EducationLevel::Bachelor,   EducationLevel::Bachelor,    EducationLevel::Master,
        EducationLevel::Doctorate,
    };
    const int levelBase = std::min(bracket * 2, 6);
    c.educationLevel = levels[std::min(9, levelBase + rng.below(4))];

    const int skillCount = rng.between(1, 4);
    for (int i = 0; i < skillCount; ++i) {
        const QString s = QString::fromUtf8(pick(rng, kSkills));
        if (!c.skills.contains(s))
            c.skills << s;
    }
    const int interestCount = rng.between(1, 3);
    for (int i = 0; i < interestCount; ++i) {
        const QString s = QString::fromUtf8(pick(rng, kInterests));
        if (!c.interests.contains(s))
            c.interests << s;
    }

    // Counselors only (the first demo user is the supervisor).
    const auto &users = demoUsers();
    c.counselor = QString::fromLatin1(users[1 + rng.below(int(users.size()) - 1)].username);
    c.status = rng.chance(0.12) ? ClientStatus::Closed : ClientStatus::Active;
    if (rng.chance(0.03)) {
        c.incomeBracketOverride = IncomeBracket(std::max(0, bracket - 1));
        c.incomeBracketReason = QStringLiteral("Large medical debts reduce disposable income.");
    }
    return c;
}

QVector<Client> demoCaseload(int count, std::uint64_t seed)
{
    QVector<Client> out;
    out.reserve(count);
    for (int i = 0; i < count; ++i)
        out.append(demoClient(seed, i));
    return out;
}

QDate demoPlanStart(std::uint64_t seed, int index, const QDate &today)
{
    DemoRandom rng(seed * 0x2545f4914f6cdd1dULL + std::uint64_t(index) + 7);
    return today.addDays(-rng.between(0, 364));
}

void simulateProgress(Plan &plan, std::uint64_t seed, int index, const QDate &today)
{
    DemoRandom rng(seed * 0x9e3779b97f4a7c15ULL + std::uint64_t(index) * 31 + 3);
    const double diligence = 0.55 + 0.4 * rng.unit(); // some clients keep up better than others
    for (PlanStep &step : plan.steps) {
        const QDate start = plan.startDate.addDays(7 * qint64(step.startWeek));
        if (step.dueDate < today) {
            const double roll = rng.unit();
            if (roll < diligence) {
                step.status = StepStatus::Done;
                step.completedOn = step.dueDate.addDays(-rng.between(0, 14));
                if (step.completedOn < start)
                    step.completedOn = start;
            } else if (roll < diligence + 0.05) {
                step.status = StepStatus::Dropped;
                step.statusNote = QStringLiteral("No longer needed after the last review.");
            } else {
                // Overdue: still open after its due date.
                step.status = rng.chance(0.5) ? StepStatus::InProgress : StepStatus::Planned;
            }
        } else if (start <= today) {
            step.status = rng.chance(0.55) ? StepStatus::InProgress : StepStatus::Planned;
            if (rng.chance(0.1)) {
                step.status = StepStatus::Done;
                step.completedOn = std::max(start, today.addDays(-rng.between(0, 6)));
            }
        }
    }
}

} // namespace pathway
