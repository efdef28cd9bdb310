// Benchmark of the storage paths behind `pathway-cli demo`, `export` and
// `replan`, phase by phase, on a fresh database file. Run on demand:
//   build/tests/bench/bench_storage [clients=100000] [dir=/tmp] [store]
// With `store` it stops after storing the clients (for 1,000,000 clients,
// where the plans would take half an hour).
#include "BenchSupport.h"
#include "StorageSupport.h"
#include "pathway/core/DemoGenerator.h"
#include "pathway/core/IncomeThresholds.h"
#include "pathway/core/RuleBase.h"
#include "pathway/core/StrategyEngine.h"
#include "pathway/storage/ClientExchange.h"
#include "pathway/storage/ClientRepository.h"
#include "pathway/storage/Database.h"
#include "pathway/storage/PlanRepository.h"
#include "pathway/storage/PlanService.h"

#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>

#include <cstdio>

using namespace pathway;

namespace {
double seconds(QElapsedTimer &t)
{
    const double s = double(t.nsecsElapsed()) / 1e9;
    t.restart();
    return s;
}

int fail(const Error &e)
{
    std::fprintf(stderr, "%s\n", qPrintable(e.message));
    return 1;
}
} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    const int count = argc > 1 ? std::atoi(argv[1]) : 100000;
    const QString dir = argc > 2 ? QString::fromLocal8Bit(argv[2]) : QDir::tempPath();
    const QString path = dir + QStringLiteral("/pathway-bench.sqlite");
    for (const char *suffix : {"", "-wal", "-shm"})
        QFile::remove(path + QLatin1String(suffix));

    auto db = test::openAsSystem(path);
    if (!db)
        return fail(db.error());
    const StrategyEngine engine(RuleBase::builtIn(), IncomeThresholds::builtIn());
    ClientRepository clients(*db.value(), IncomeThresholds::builtIn());
    PlanRepository plans(*db.value());
    const QDate today(2026, 11, 23);

    QElapsedTimer t;
    t.start();
    QVector<Client> caseload = demoCaseload(count, 1);
    std::printf("generate %d demo profiles: %.2f s\n", count, seconds(t));
    if (Status s = clients.addMany(caseload); !s)
        return fail(s.error());
    std::printf("store %d clients (one transaction): %.2f s\n", count, seconds(t));
    if (argc > 3 && qstrcmp(argv[3], "store") == 0) {
        std::printf("peak RSS: %ld MB; database file: %lld MB\n", bench::peakRssKb() / 1024,
                    QFile(path).size() / (1024 * 1024));
        return 0;
    }

    const Status planned = db.value()->transaction([&]() -> Status {
        for (int i = 0; i < caseload.size(); ++i) {
            const DemoMoment intake = demoIntake(1, i, caseload[i], today);
            Plan plan = engine.propose(caseload[i], demoPlanStart(1, i, intake.day, today));
            simulateProgress(plan, caseload[i], 1, i, today,
                             demoClosing(1, i, caseload[i], plan, today));
            if (Status s = plans.save(plan, caseload[i]); !s)
                return s;
        }
        return {};
    });
    if (!planned)
        return fail(planned.error());
    std::printf("propose and store %d plans (one transaction): %.2f s\n", count, seconds(t));

    auto exported =
        clientExchange::exportFile(clients, dir + QStringLiteral("/pathway-bench.json"));
    if (!exported)
        return fail(exported.error());
    std::printf("export %lld clients: %.2f s\n", exported.value(), seconds(t));

    auto replanned = planning::replan(*db.value(), engine, today);
    if (!replanned)
        return fail(replanned.error());
    std::printf("replan --all of %lld clients: %.2f s\n", replanned.value(), seconds(t));
    std::printf("peak RSS: %ld MB; database file: %lld MB\n", bench::peakRssKb() / 1024,
                QFile(path).size() / (1024 * 1024));
    return 0;
}
