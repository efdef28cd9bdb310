// Benchmark of the strategy engine: plans per second on one core for the
// demo caseload's profiles. Run on demand (not part of the test suite):
//   build/tests/bench/bench_engine [clients=100000] [rounds=5]
#include "pathway/core/DemoGenerator.h"
#include "pathway/core/IncomeThresholds.h"
#include "pathway/core/RuleBase.h"
#include "pathway/core/StrategyEngine.h"

#include <QCoreApplication>
#include <QElapsedTimer>

#include <algorithm>
#include <cstdio>
#include <vector>

using namespace pathway;

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    const int clients = argc > 1 ? std::atoi(argv[1]) : 100000;
    const int rounds = argc > 2 ? std::atoi(argv[2]) : 5;
    const QVector<Client> caseload = demoCaseload(clients, 1);
    const StrategyEngine engine(RuleBase::builtIn(), IncomeThresholds::builtIn());
    const QDate start(2026, 12, 1);

    std::vector<double> rates;
    long long steps = 0;
    for (int r = 0; r < rounds; ++r) {
        steps = 0;
        QElapsedTimer timer;
        timer.start();
        for (const Client &c : caseload)
            steps += engine.propose(c, start).steps.size();
        const double seconds = double(timer.nsecsElapsed()) / 1e9;
        rates.push_back(clients / seconds);
        std::printf("round %d: %d plans in %.3f s = %.0f plans/s\n", r + 1, clients, seconds,
                    rates.back());
    }
    std::sort(rates.begin(), rates.end());
    std::printf("median: %.0f plans/s (%.1f steps per plan)\n", rates[rates.size() / 2],
                double(steps) / clients);
    return 0;
}
