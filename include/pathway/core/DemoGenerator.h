#pragma once

#include "pathway/core/Client.h"
#include "pathway/core/Plan.h"

#include <QStringList>
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

// A plan start date for demo client `index`: up to a year before `today`.
QDate demoPlanStart(std::uint64_t seed, int index, const QDate &today);

// Gives the steps of a demo plan the statuses of a real caseload on `today`:
// most steps due in the past are done, some still in progress or overdue, a
// few dropped; steps under way are planned or in progress; later ones planned.
void simulateProgress(Plan &plan, std::uint64_t seed, int index, const QDate &today);

} // namespace pathway
