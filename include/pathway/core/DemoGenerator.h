#pragma once

#include "pathway/core/Client.h"
#include "pathway/core/Plan.h"

#include <QDate>
#include <QStringList>
#include <QTime>
#include <QVector>

#include <cstdint>

namespace pathway {

// A small, portable pseudo-random generator (SplitMix64), so the same seed
// gives the same caseload on every platform and standard library.
class DemoRandom
{
public:
    explicit DemoRandom(std::uint64_t seed) : m_state(seed) {}
    std::uint64_t next();
    // Uniform in [0, n).
    int below(int n) { return int(next() % std::uint64_t(n)); }
    // Uniform in [lo, hi].
    int between(int lo, int hi) { return lo + below(hi - lo + 1); }
    double unit() { return double(next() >> 11) * (1.0 / 9007199254740992.0); }
    bool chance(double p) { return unit() < p; }

private:
    std::uint64_t m_state;
};

// The demo counselors: user names, display names and roles.
struct DemoUser
{
    const char *username;
    const char *displayName;
    const char *role;
};
const QVector<DemoUser> &demoUsers();

// A deterministic, realistic synthetic caseload: brackets, barriers and goals
// in plausible proportions, names with non-ASCII letters among them.
// Client `i` depends only on (seed, i), so a caseload can be made in chunks.
Client demoClient(std::uint64_t seed, int index);
QVector<Client> demoCaseload(int count, std::uint64_t seed);

// How a demo counselor's caseload differs from the others', so that the
// dashboard has something to compare: how much better (or worse) their
// clients keep up with their plans, and how much more often (< 1) or less
// often (> 1) they are in touch. Neutral for anyone else.
struct DemoCounselorStyle
{
    double diligence = 0;
    double contactInterval = 1;
};
DemoCounselorStyle demoCounselorStyle(const QString &username);

// A moment in a demo client's history, on the agency's clock (local time).
struct DemoMoment
{
    QDate day;
    QTime time;

    bool operator==(const DemoMoment &o) const { return day == o.day && time == o.time; }
    bool operator<(const DemoMoment &o) const { return day != o.day ? day < o.day : time < o.time; }
};

// One contact with a demo client: a case note written by their counselor.
struct DemoContact
{
    DemoMoment at;
    QString body;

    bool operator==(const DemoContact &o) const { return at == o.at && body == o.body; }
};

// When demo client `index` came in (the intake interview): a weekday in
// office hours within the 18 months up to `today`, recent months busier than
// older ones. A closed client came in at least eight months before `today`,
// so that its plan could run its course. Depends on (seed, index, today and
// the client's status) only.
DemoMoment demoIntake(std::uint64_t seed, int index, const Client &client, const QDate &today);

// A plan start date for demo client `index`: the day of the intake or up to
// two weeks after it, never after `today`.
QDate demoPlanStart(std::uint64_t seed, int index, const QDate &intake, const QDate &today);

// The day a closed demo client's case was closed: when most of the plan was
// due (between 70% and 110% of the way to its last due date), at least eight
// weeks after the plan's start, before `today`. Invalid for an active client.
QDate demoClosing(std::uint64_t seed, int index, const Client &client, const Plan &plan,
                  const QDate &today);

// Gives the steps of a demo plan the statuses of a real caseload on `today`:
// most steps due in the past are done, some still in progress or overdue, a
// few dropped; steps under way are planned or in progress; later ones
// planned. For a closed case (`closedOn` valid) nothing stays open: steps
// due by the closing are mostly done, the rest set aside with a note. How
// well clients keep up differs a little from one counselor to another
// (demoCounselorStyle).
void simulateProgress(Plan &plan, const Client &client, std::uint64_t seed, int index,
                      const QDate &today, const QDate &closedOn = QDate());

// The contacts with demo client `index` from its intake up to `today` (or
// the closing of its case), oldest first, each a plausible case note: the
// intake interview, agreeing the plan, then calls, meetings and messages
// about the steps under way, more often for clients who want guidance and
// less often after the first months; about one active client in eight has
// drifted away and not been in touch for over a month; a closed case ends
// with a closing note.
QVector<DemoContact> demoContacts(std::uint64_t seed, int index, const Client &client,
                                  const Plan &plan, const DemoMoment &intake, const QDate &closedOn,
                                  const QDate &today);

} // namespace pathway
