#include "pathway/core/DemoGenerator.h"

#include <QDate>
#include <QSet>

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

namespace {

// A generator of its own for each part of a client's history (`part`), so
// that one part can change without changing the others.
DemoRandom historyRandom(std::uint64_t seed, int index, std::uint64_t part)
{
    return DemoRandom(seed * 0xd6e8feb86659fd93ULL + std::uint64_t(index) * 0x9e3779b97f4a7c15ULL +
                      part * 0x2545f4914f6cdd1dULL + 11);
}

// The nearest weekday: a Saturday becomes the Friday before, a Sunday the
// Monday after (or the Friday before, when the Monday is after `latest`).
QDate weekday(const QDate &day, const QDate &latest)
{
    const int dow = day.dayOfWeek();
    if (dow == 6)
        return day.addDays(-1);
    if (dow == 7)
        return day.addDays(1) <= latest ? day.addDays(1) : day.addDays(-2);
    return day;
}

QTime officeHours(DemoRandom &rng)
{
    return QTime(8 + rng.below(9), rng.below(60));
}

template <size_t N> QString pickText(DemoRandom &rng, const char *const (&pool)[N])
{
    return QString::fromUtf8(pool[rng.below(int(N))]);
}

QString quoted(const QString &title)
{
    return QStringLiteral("\u201c%1\u201d").arg(title);
}

// Case note wording. No personal data: the notes speak of the plan's steps
// and of how the contact went.
const char *const kChannels[] = {
    "Phone call", "Phone call",     "Meeting at the office", "Meeting at the office",
    "Video call", "Email exchange", "Text messages",         "Drop-in visit",
};
const char *const kFollowUps[] = {
    "Next contact in two weeks.",     "The client will call if anything changes.",
    "Will check in again next week.", "Agreed one small task before we talk again.",
    "Booked the next meeting.",       "",
};
const char *const kUnderWay[] = {
    "%1: talked through %2. %3",
    "%1 about %2: the client has made a start and knows the next task. %3",
    "%1: went over progress on %2; one thing is holding it up, and we agreed how to handle it. %3",
    "%1: %2 is going well. %3",
    "%1: prepared the next part of %2 together. %3",
};
const char *const kOverdue[] = {
    "%1: %2 has taken longer than planned; agreed a new date and a smaller first task.",
    "%1: %2 stalled; talked about what got in the way and how to restart. %3",
};
const char *const kFinished[] = {
    "%1: %2 is done. Agreed what comes next in the plan.",
    "%1: the client finished %2 and was pleased with how it went. %3",
};
const char *const kGeneral[] = {
    "%1: a short check-in; nothing new, the plan stands. %3",
    "%1: looked at two job postings together; the client will apply for one. %3",
    "%1: updated the résumé with the client's most recent work. %3",
    "%1: the client asked about a course they had seen; sent the details. %3",
    "%1: practiced answers to common interview questions. %3",
};
const char *const kAdmin[] = {
    "The client missed the appointment; left a voicemail to rebook.",
    "Rescheduled this week's meeting at the client's request.",
    "Sent a reminder of the next appointment by text message.",
    "The client called to say they are unwell; the meeting moves to next week.",
};
const char *const kIntake[] = {
    "Intake interview: went through the client's situation, goals and what stands in the way. "
    "A plan will follow.",
    "Intake interview at the office. First priority for the client: %1.",
    "First meeting: completed the intake together and explained how the plan works. "
    "First priority: %1.",
};
const char *const kClosing[] = {
    "Case closed: the client has started a new job. They know they can come back.",
    "Case closed: the plan is complete and the client feels ready to go on alone.",
    "Case closed at the client's request; the door stays open.",
    "Case closed: the client has moved out of the area and was referred to the office there.",
};

// A case note about the plan on `day`: a step under way, one finished in the
// last ten days, one overdue, or a general or practical note.
QString contactNote(DemoRandom &rng, const Plan &plan, const QDate &day,
                    QSet<const PlanStep *> &toldDone)
{
    const QString channel = pickText(rng, kChannels);
    const QString followUp = pickText(rng, kFollowUps);
    if (rng.chance(0.1))
        return pickText(rng, kAdmin);
    QVector<const PlanStep *> underWay, overdue, finished;
    for (const PlanStep &s : plan.steps) {
        if (s.status == StepStatus::Dropped || stepStart(s, plan.startDate) > day)
            continue;
        const bool doneBefore =
            s.status == StepStatus::Done && s.completedOn.isValid() && s.completedOn <= day;
        if (doneBefore) {
            // Finished in the last ten days and not talked about yet.
            if (s.completedOn.daysTo(day) <= 10 && !toldDone.contains(&s))
                finished.append(&s);
        } else if (s.dueDate < day) {
            overdue.append(&s);
        } else {
            underWay.append(&s);
        }
    }
    const double roll = rng.unit();
    QString tmpl;
    const PlanStep *step = nullptr;
    if (!finished.isEmpty() && roll < 0.45) {
        tmpl = pickText(rng, kFinished);
        step = finished[rng.below(int(finished.size()))];
        toldDone.insert(step);
    } else if (!overdue.isEmpty() && roll < 0.6) {
        tmpl = pickText(rng, kOverdue);
        step = overdue[rng.below(int(overdue.size()))];
    } else if (!underWay.isEmpty() && roll < 0.9) {
        tmpl = pickText(rng, kUnderWay);
        step = underWay[rng.below(int(underWay.size()))];
    } else {
        tmpl = pickText(rng, kGeneral);
    }
    QString out = tmpl;
    out.replace(QStringLiteral("%1"), channel);
    out.replace(QStringLiteral("%2"), step ? quoted(step->title) : QString());
    out.replace(QStringLiteral("%3"), followUp);
    return out.trimmed();
}

} // namespace

DemoMoment demoIntake(std::uint64_t seed, int index, const Client &client, const QDate &today)
{
    DemoRandom rng = historyRandom(seed, index, 1);
    constexpr int kSpanDays = 548; // 18 months
    // u^1.35 puts about twice as many intakes in the latest month as in one
    // a year ago. A closed case came in long enough ago to have run its course.
    const int daysAgo = client.status == ClientStatus::Closed
                            ? rng.between(240, kSpanDays)
                            : int(std::pow(rng.unit(), 1.35) * kSpanDays);
    const QDate day = weekday(today.addDays(-daysAgo), today);
    return {day, officeHours(rng)};
}

QDate demoPlanStart(std::uint64_t seed, int index, const QDate &intake, const QDate &today)
{
    DemoRandom rng = historyRandom(seed, index, 2);
    // A third agree the plan at the intake, the others at the next meeting.
    const int after = rng.chance(0.35) ? 0 : rng.between(3, 14);
    const QDate day = weekday(intake.addDays(after), today);
    return std::max(intake, std::min(day, today));
}

QDate demoClosing(std::uint64_t seed, int index, const Client &client, const Plan &plan,
                  const QDate &today)
{
    if (client.status != ClientStatus::Closed)
        return {};
    DemoRandom rng = historyRandom(seed, index, 3);
    QDate lastDue = plan.startDate;
    for (const PlanStep &s : plan.steps)
        lastDue = std::max(lastDue, s.dueDate);
    const qint64 span = plan.startDate.daysTo(lastDue);
    QDate day = plan.startDate.addDays(qint64(double(span) * (0.7 + 0.4 * rng.unit())));
    day = std::max(day, plan.startDate.addDays(56));
    day = std::min(day, today.addDays(-1 - rng.below(20)));
    day = std::max(day, plan.startDate);
    return std::max(plan.startDate, weekday(day, today.addDays(-1)));
}

DemoCounselorStyle demoCounselorStyle(const QString &username)
{
    // agarcia keeps close contact and her clients keep up; cokafor has the
    // heaviest-going caseload and sees his clients less often.
    if (username == QLatin1String("agarcia"))
        return {0.08, 0.8};
    if (username == QLatin1String("bnguyen"))
        return {0.0, 1.0};
    if (username == QLatin1String("cokafor"))
        return {-0.14, 1.3};
    if (username == QLatin1String("dmuller"))
        return {0.04, 0.9};
    if (username == QLatin1String("ejohnson"))
        return {-0.06, 1.15};
    return {};
}

void simulateProgress(Plan &plan, const Client &client, std::uint64_t seed, int index,
                      const QDate &today, const QDate &closedOn)
{
    const DemoCounselorStyle style = demoCounselorStyle(client.counselor);
    if (closedOn.isValid()) {
        // A closed case leaves nothing open: what was due is mostly done,
        // the rest was set aside when the case closed.
        DemoRandom rng = historyRandom(seed, index, 5);
        const double diligence = 0.85 + 0.15 * rng.unit();
        for (PlanStep &step : plan.steps) {
            const QDate start = stepStart(step, plan.startDate);
            if (step.dueDate <= closedOn && rng.unit() < diligence) {
                step.status = StepStatus::Done;
                step.completedOn = std::max(start, step.dueDate.addDays(-rng.between(0, 14)));
            } else if (step.dueDate > closedOn && start <= closedOn && rng.chance(0.5)) {
                step.status = StepStatus::Done; // finished early, before the case closed
                step.completedOn =
                    start.addDays(rng.below(int(std::max<qint64>(1, start.daysTo(closedOn)))));
            } else {
                step.status = StepStatus::Dropped;
                step.statusNote = step.dueDate <= closedOn
                                      ? QStringLiteral("Set aside before the case was closed.")
                                      : QStringLiteral("Not needed: the case was closed.");
            }
        }
        return;
    }
    DemoRandom rng(seed * 0x9e3779b97f4a7c15ULL + std::uint64_t(index) * 31 + 3);
    // Some clients keep up better than others, and with some counselors.
    const double diligence = 0.55 + 0.4 * rng.unit() + style.diligence;
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
                // Overdue: still open after its due date. Long overdue
                // steps were mostly given a new date by the counselor; a
                // recurring step long past its last time was mostly marked
                // done (a new date would stretch the series to today).
                step.status = rng.chance(0.5) ? StepStatus::InProgress : StepStatus::Planned;
                if (step.dueDate.daysTo(today) > 56 && rng.chance(0.7)) {
                    if (step.repeatEveryWeeks > 0) {
                        step.status = StepStatus::Done;
                        step.completedOn = step.dueDate;
                    } else {
                        step.status = StepStatus::InProgress;
                        step.dueDate = today.addDays(rng.between(3, 28));
                    }
                }
            }
        } else if (start <= today) {
            // A recurring step that has begun is under way: the meetings go on.
            step.status = step.repeatEveryWeeks > 0 || rng.chance(0.55) ? StepStatus::InProgress
                                                                        : StepStatus::Planned;
            if (step.repeatEveryWeeks == 0 && rng.chance(0.1)) {
                step.status = StepStatus::Done;
                step.completedOn = std::max(start, today.addDays(-rng.between(0, 6)));
            }
        }
    }
}

} // namespace pathway

namespace pathway {

QVector<DemoContact> demoContacts(std::uint64_t seed, int index, const Client &client,
                                  const Plan &plan, const DemoMoment &intake, const QDate &closedOn,
                                  const QDate &today)
{
    DemoRandom rng = historyRandom(seed, index, 4);
    QVector<DemoContact> out;
    // How often this client and their counselor are in touch, in days.
    const int days = client.independence == Independence::Guided        ? rng.between(10, 18)
                     : client.independence == Independence::Independent ? rng.between(16, 30)
                                                                        : rng.between(24, 40);
    const int cadence =
        std::max(7, int(days * demoCounselorStyle(client.counselor).contactInterval));
    // The last day a contact can fall on: the closing, today, or for one
    // active client in eight, who has drifted away, 5 to 20 weeks ago.
    QDate last = closedOn.isValid() ? closedOn.addDays(-1) : today;
    if (!closedOn.isValid() && rng.chance(0.125))
        last = today.addDays(-rng.between(35, 140));

    QString priority = client.goals.isEmpty() ? QStringLiteral("finding work")
                                              : toLabel(client.goals.first()).toLower();
    out.append({intake, pickText(rng, kIntake).replace(QStringLiteral("%1"), priority)});
    QDate day = intake.day;
    if (plan.startDate > day && plan.startDate <= last) {
        day = plan.startDate;
        const QString first = plan.steps.isEmpty() ? QString() : plan.steps.first().title;
        out.append({{day, officeHours(rng)},
                    plan.steps.isEmpty()
                        ? QStringLiteral("Went through the proposed plan together.")
                        : QStringLiteral("Went through the proposed plan together: %1 steps, "
                                         "starting with %2.")
                              .arg(plan.steps.size())
                              .arg(quoted(first))});
    }
    QSet<const PlanStep *> toldDone;
    for (;;) {
        // Less often once the first four months are behind.
        const double slower = intake.day.daysTo(day) > 112 ? 1.6 : 1.0;
        const int gap = std::max(3, int(cadence * slower * (0.7 + 0.6 * rng.unit())));
        const QDate next = weekday(day.addDays(gap), last);
        if (next > last || next <= day)
            break;
        day = next;
        out.append({{day, officeHours(rng)}, contactNote(rng, plan, day, toldDone)});
    }
    if (closedOn.isValid())
        out.append({{closedOn, officeHours(rng)}, pickText(rng, kClosing)});
    return out;
}

} // namespace pathway
