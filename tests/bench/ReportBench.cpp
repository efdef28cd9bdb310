// Benchmark of printed plans: one plan to PDF (median of several runs), then
// one PDF for each of a caseload of demo clients, as `pathway-cli print --all`
// does without the database. Run on demand (not part of the test suite):
//   build/tests/bench/bench_report [clients=1000] [runs=20] [dir=/tmp]
#include "BenchSupport.h"
#include "pathway/core/DemoGenerator.h"
#include "pathway/core/IncomeThresholds.h"
#include "pathway/core/RuleBase.h"
#include "pathway/core/StrategyEngine.h"
#include "pathway/report/PlanDocument.h"
#include "pathway/report/PlanFileName.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QGuiApplication>
#include <QTemporaryDir>

#include <algorithm>
#include <cstdio>
#include <vector>

using namespace pathway;

namespace {
int failed(const Error &e)
{
    std::fprintf(stderr, "%s\n", qPrintable(e.message));
    return 1;
}
} // namespace

int main(int argc, char *argv[])
{
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QGuiApplication app(argc, argv);
    const int clients = argc > 1 ? std::atoi(argv[1]) : 1000;
    const int runs = argc > 2 ? std::atoi(argv[2]) : 20;
    QTemporaryDir dir(QDir(argc > 3 ? QString::fromLocal8Bit(argv[3]) : QDir::tempPath())
                          .filePath(QStringLiteral("bench_report-XXXXXX")));
    if (!dir.isValid() || clients < 1 || runs < 1) {
        std::fprintf(stderr, "usage: bench_report [clients=1000] [runs=20] [dir=/tmp]\n");
        return 2;
    }

    const StrategyEngine engine(RuleBase::builtIn(), IncomeThresholds::builtIn());
    const QDate today(2026, 11, 23);
    const QVector<Client> caseload = demoCaseload(clients, 1);
    ReportSettings settings;
    settings.agencyName = QStringLiteral("Riverside Career Center");

    // One plan: the demo client with the most steps among the first 100.
    int longest = 0;
    for (int i = 1; i < std::min(clients, 100); ++i) {
        if (engine.propose(caseload[i], today).steps.size() >
            engine.propose(caseload[longest], today).steps.size())
            longest = i;
    }
    Client one = caseload[longest];
    one.id = longest + 1;
    const Plan plan = engine.propose(one, today);
    const QString onePath = dir.filePath(QStringLiteral("one.pdf"));
    std::vector<double> ms;
    int pages = 0;
    for (int r = 0; r < runs; ++r) {
        QElapsedTimer t;
        t.start();
        const auto written = PlanDocument(one, plan, QStringLiteral("Ana García"), settings, today)
                                 .writePdf(onePath);
        ms.push_back(double(t.nsecsElapsed()) / 1e6);
        if (!written)
            return failed(written.error());
        pages = written.value();
    }
    std::sort(ms.begin(), ms.end());
    std::printf("one plan to PDF (%d steps, %d pages, %lld bytes): median %.1f ms, min %.1f ms, "
                "max %.1f ms over %d runs\n",
                int(plan.steps.size()), pages, QFileInfo(onePath).size(), ms[ms.size() / 2],
                ms.front(), ms.back(), runs);

    // The caseload: propose each plan and print it, one file per client.
    QElapsedTimer t;
    t.start();
    qint64 bytes = 0;
    long long totalPages = 0;
    for (int i = 0; i < clients; ++i) {
        Client c = caseload[i];
        c.id = i + 1;
        const QString path = dir.filePath(planPdfFileName(c));
        const auto written =
            PlanDocument(c, engine.propose(c, today), QStringLiteral("Ana García"), settings, today)
                .writePdf(path);
        if (!written)
            return failed(written.error());
        totalPages += written.value();
        bytes += QFileInfo(path).size();
    }
    const double seconds = double(t.nsecsElapsed()) / 1e9;
    std::printf("%d plans to PDF: %.2f s (%.1f ms per plan, %.1f pages and %.0f KiB per plan on "
                "average, %.1f MiB in all)\n",
                clients, seconds, seconds * 1000 / clients, double(totalPages) / clients,
                double(bytes) / clients / 1024, double(bytes) / 1024 / 1024);
    std::printf("peak memory: %ld MiB\n", bench::peakRssKb() / 1024);
    return 0;
}
