// Benchmark of the caseload window on a large database: time to the first
// shown main window, search and filter latency, opening a client, peak memory.
// Run on demand (not part of the test suite):
//   build/src/pathway-cli demo --clients 100000 --db /tmp/big.db
//   QT_QPA_PLATFORM=offscreen build/tests/bench/bench_gui /tmp/big.db
// It uses only what the caseload window and CaseloadRepository offered
// before the name keys (schema 5), so the same source builds against older
// code for a comparison (docs/performance.md).
#include "BenchSupport.h"
#include "MainWindow.h"
#include "StorageSupport.h"
#include "models/CaseloadModel.h"
#include "pathway/core/IncomeThresholds.h"
#include "pathway/core/RuleBase.h"
#include "pathway/core/StrategyEngine.h"
#include "pathway/storage/CaseloadRepository.h"
#include "pathway/storage/Database.h"
#include "workspace/ClientWindow.h"

#include <QApplication>
#include <QComboBox>
#include <QElapsedTimer>
#include <QFile>
#include <QLineEdit>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTableView>
#include <QTest>

#include <algorithm>
#include <cstdio>
#include <ctime>

using namespace pathway;

namespace {
double ms(const QElapsedTimer &t)
{
    return double(t.nsecsElapsed()) / 1e6;
}

// Waits for the view to paint the rows it shows (the model reads its first page).
void paint(QWidget *w)
{
    w->repaint();
    QApplication::processEvents();
}

// CPU time of this process in ms: on a shared machine the wall time also
// counts the other programs' turns; the CPU time is what this one used.
double cpuMs()
{
    timespec ts{};
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return double(ts.tv_sec) * 1e3 + double(ts.tv_nsec) / 1e6;
}

// Wall and CPU time since start.
struct Clock
{
    QElapsedTimer wall;
    double cpuStart = cpuMs();
    Clock() { wall.start(); }
    double wallMs() const { return ms(wall); }
    double cpu() const { return cpuMs() - cpuStart; }
};

struct Stats
{
    double median = 0;
    double worst = 0;
};
Stats stats(std::vector<double> v)
{
    std::sort(v.begin(), v.end());
    return {v[v.size() / 2], v.back()};
}
} // namespace

int main(int argc, char *argv[])
{
    QElapsedTimer launch;
    launch.start();
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QStandardPaths::setTestModeEnabled(true); // no saved window state
    QApplication app(argc, argv);
    const QString path = argc > 1 ? QString::fromLocal8Bit(argv[1]) : QStringLiteral("/tmp/big.db");
    auto db = test::openAsSystem(path);
    if (!db) {
        std::fprintf(stderr, "%s\n", qPrintable(db.error().message));
        return 1;
    }
    const StrategyEngine engine(RuleBase::builtIn(), IncomeThresholds::builtIn());
    MainWindow window(*db.value(), engine);
    window.resize(1366, 768);
    window.show();
    if (!QTest::qWaitForWindowExposed(&window))
        return 1;
    auto *table = window.findChild<QTableView *>(QStringLiteral("caseloadTableView"));
    paint(table);
    const double firstShown = ms(launch);
    const double firstShownCpu = cpuMs();
    CaseloadModel *model = window.caseloadModel();
    std::printf("database: %s, %d active clients listed\n", qPrintable(path), model->rowCount());
    std::printf("launch to first painted main window: %.0f ms (CPU %.0f ms)\n", firstShown,
                firstShownCpu);

    // The queries alone, without the window: ids of the active clients,
    // then the first page of rows (50, as the window reads them). "m" and
    // "s" match the most clients of the demo names (about a fifth each).
    {
        CaseloadRepository repo(*db.value());
        for (const char *text :
             {"", "m", "s", "g", "ga", "garc", "ana g", "ñúñ", "łuk", "van b", "o'b", "zoe nu"}) {
            CaseloadFilter filter;
            filter.status = ClientStatus::Active;
            filter.text = QString::fromUtf8(text);
            // The median of three runs of each.
            std::vector<double> idsTimes;
            std::vector<double> idsCpu;
            std::vector<double> rowTimes;
            qint64 found = 0;
            for (int round = 0; round < 3; ++round) {
                const Clock ids0;
                auto ids = repo.matchingIds(filter);
                idsTimes.push_back(ids0.wallMs());
                idsCpu.push_back(ids0.cpu());
                if (!ids)
                    return 1;
                found = ids->size();
                const Clock rows0;
                auto rows = repo.rows(ids->mid(0, 50));
                rowTimes.push_back(rows0.wallMs());
            }
            std::printf("  query \"%s\": %lld ids in %.1f ms (CPU %.1f ms), first 50 rows in "
                        "%.1f ms\n",
                        text, found, stats(idsTimes).median, stats(idsCpu).median,
                        stats(rowTimes).median);
        }
    }

    // Search: from a key press to the updated, painted list, including the
    // pause the window waits for after the last key. The first key of each
    // word is the broad case (one letter matches thousands); it is also
    // reported on its own. Clearing the box (back to every active client)
    // is timed as a keystroke too.
    auto *search = window.findChild<QLineEdit *>(QStringLiteral("searchLineEdit"));
    search->setFocus();
    // PATHWAY_BENCH_VERBOSE=1 prints every keystroke.
    const bool verbose = qEnvironmentVariableIntValue("PATHWAY_BENCH_VERBOSE") != 0;
    std::vector<double> searchTimes;
    std::vector<double> searchCpu;
    std::vector<double> firstKeyTimes;
    std::vector<double> firstKeyCpu;
    std::vector<double> clearTimes;
    std::vector<double> clearCpu;
    for (const char *word :
         {"garc", "mor", "ana", "zo", "li", "ng", "m", "s", "ñúñ", "łuk", "van b", "o'b"}) {
        const QString typed = QString::fromUtf8(word);
        for (qsizetype i = 0; i < typed.size(); ++i) {
            QSignalSpy reset(model, &QAbstractItemModel::modelReset);
            const Clock t;
            // As test::typeText does: keyClicks knows only ASCII.
            QTest::sendKeyEvent(QTest::Press, search, Qt::Key_unknown, typed.mid(i, 1),
                                Qt::NoModifier);
            QTest::sendKeyEvent(QTest::Release, search, Qt::Key_unknown, typed.mid(i, 1),
                                Qt::NoModifier);
            if (!reset.wait(20000))
                return 1;
            paint(table);
            searchTimes.push_back(t.wallMs());
            searchCpu.push_back(t.cpu());
            if (verbose)
                std::printf("    \"%s\": %lld rows, %.1f ms (CPU %.1f ms)\n",
                            qPrintable(search->text()), qint64(model->rowCount()),
                            searchTimes.back(), searchCpu.back());
            if (i == 0) {
                firstKeyTimes.push_back(searchTimes.back());
                firstKeyCpu.push_back(searchCpu.back());
            }
        }
        QSignalSpy reset(model, &QAbstractItemModel::modelReset);
        const Clock t;
        search->clear();
        if (!reset.wait(20000))
            return 1;
        paint(table);
        clearTimes.push_back(t.wallMs());
        clearCpu.push_back(t.cpu());
    }
    // The CPU figures leave out the 20 ms pause the window waits for.
    const auto report = [](const char *what, const std::vector<double> &wall,
                           const std::vector<double> &cpu) {
        const Stats w = stats(wall);
        const Stats c = stats(cpu);
        std::printf("%s (%zu): median %.1f ms, worst %.1f ms; CPU median %.1f ms, worst %.1f ms\n",
                    what, wall.size(), w.median, w.worst, c.median, c.worst);
    };
    report("search, key to painted list", searchTimes, searchCpu);
    report("  of which the first key of a word", firstKeyTimes, firstKeyCpu);
    report("search box cleared to the whole list", clearTimes, clearCpu);

    std::vector<double> filterTimes;
    std::vector<double> filterCpu;
    for (const char *name : {"statusComboBox", "bracketComboBox", "barrierComboBox"}) {
        auto *box = window.findChild<QComboBox *>(QLatin1String(name));
        for (int i = 0; i < box->count(); ++i) {
            const Clock t;
            box->setCurrentIndex(i); // applies at once
            paint(table);
            filterTimes.push_back(t.wallMs());
            filterCpu.push_back(t.cpu());
        }
        box->setCurrentIndex(name == QLatin1String("statusComboBox") ? 1 : 0);
    }
    report("filters (changes)", filterTimes, filterCpu);

    // Scrolling to the end reads one more page.
    {
        QElapsedTimer t;
        t.start();
        table->scrollToBottom();
        paint(table);
        std::printf("scroll to the last client: %.1f ms\n", ms(t));
    }

    std::vector<double> openTimes;
    for (int row : {0, 5000, 30000, 60000}) {
        const qint64 id = model->clientId(std::min(row, model->rowCount() - 1));
        QElapsedTimer t;
        t.start();
        ClientWindow *client = window.openClient(id);
        paint(client);
        openTimes.push_back(ms(t));
        client->close();
        QApplication::processEvents();
    }
    const Stats o = stats(openTimes);
    std::printf("open a client (window with profile, plan, notes, painted): median %.1f ms, "
                "worst %.1f ms\n",
                o.median, o.worst);
    std::printf("peak resident memory: %.1f MB\n", double(bench::peakRssKb()) / 1024.0);
    return 0;
}
