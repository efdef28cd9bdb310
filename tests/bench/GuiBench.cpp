// Benchmark of the caseload window on a large database: time to the first
// shown main window, search and filter latency, opening a client, peak memory.
// Run on demand (not part of the test suite):
//   build/src/pathway-cli demo --clients 100000 --db /tmp/big.db
//   QT_QPA_PLATFORM=offscreen build/tests/bench/bench_gui /tmp/big.db
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
    CaseloadModel *model = window.caseloadModel();
    std::printf("database: %s, %d active clients listed\n", qPrintable(path), model->rowCount());
    std::printf("launch to first painted main window: %.0f ms\n", firstShown);

    // The queries alone, without the window.
    {
        CaseloadRepository repo(*db.value());
        for (const char *text : {"", "g", "ga", "garc", "ana g"}) {
            CaseloadFilter filter;
            filter.status = ClientStatus::Active;
            filter.text = QString::fromUtf8(text);
            QElapsedTimer t;
            t.start();
            auto ids = repo.matchingIds(filter);
            const double idsMs = ms(t);
            t.restart();
            auto rows = repo.rows(ids->mid(0, 200));
            std::printf("  query \"%s\": %lld ids in %.1f ms, first page of rows in %.1f ms\n",
                        text, qint64(ids->size()), idsMs, ms(t));
        }
    }

    // Search: from a key press to the updated, painted list, including the
    // pause the window waits for after the last key.
    auto *search = window.findChild<QLineEdit *>(QStringLiteral("searchLineEdit"));
    search->setFocus();
    std::vector<double> searchTimes;
    for (const char *word : {"garc", "mor", "ana", "zo", "li", "ng"}) {
        for (const char *c = word; *c; ++c) {
            QSignalSpy reset(model, &QAbstractItemModel::modelReset);
            QElapsedTimer t;
            t.start();
            QTest::keyClick(search, *c);
            if (!reset.wait(2000))
                return 1;
            paint(table);
            searchTimes.push_back(ms(t));
        }
        QSignalSpy reset(model, &QAbstractItemModel::modelReset);
        search->clear();
        reset.wait(2000);
    }
    const Stats s = stats(searchTimes);
    std::printf("search, key to painted list (%zu keys): median %.1f ms, worst %.1f ms\n",
                searchTimes.size(), s.median, s.worst);

    std::vector<double> filterTimes;
    for (const char *name : {"statusComboBox", "bracketComboBox", "barrierComboBox"}) {
        auto *box = window.findChild<QComboBox *>(QLatin1String(name));
        for (int i = 0; i < box->count(); ++i) {
            QElapsedTimer t;
            t.start();
            box->setCurrentIndex(i); // applies at once
            paint(table);
            filterTimes.push_back(ms(t));
        }
        box->setCurrentIndex(name == QLatin1String("statusComboBox") ? 1 : 0);
    }
    const Stats f = stats(filterTimes);
    std::printf("filters (%zu changes): median %.1f ms, worst %.1f ms\n", filterTimes.size(),
                f.median, f.worst);

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
