// Benchmark of the supervisor dashboard on a large database: loading the
// facts of every visible client, the figures and drill-downs for a series of
// filter changes, then the same in the DashboardWindow (charts and table
// painted). Run on demand (not part of the test suite), on a Release build:
//   PATHWAY_PASSWORD=... build/src/pathway-cli demo --clients 100000 --db
//       /tmp/dash100k.sqlite
//   build/tests/bench/bench_dashboard /tmp/dash100k.sqlite [notes=1]
// With notes=1 (the default) a copy of the file gets 1.5 more case notes
// per client first, as the figures in docs/performance.md were taken when
// the demo data had no notes. Demo data now has its own (about ten per
// client): pass notes=0 to measure with those alone.
#include "BenchSupport.h"
#include "StorageSupport.h"
#include "pathway/core/User.h"
#include "pathway/storage/Dashboard.h"
#include "pathway/storage/Database.h"
#include "pathway/storage/UserRepository.h"
#include "supervisor/DashboardTableModel.h"
#include "supervisor/DashboardWindow.h"

#include <QApplication>
#include <QComboBox>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QTableView>
#include <QTest>

#include <algorithm>
#include <cstdio>
#include <ctime>
#include <vector>

using namespace pathway;

namespace {
double ms(const QElapsedTimer &t)
{
    return double(t.nsecsElapsed()) / 1e6;
}

// CPU time of this process in ms: on a shared machine the wall time also
// counts the time other programs had the processor.
double cpuMs()
{
    timespec ts{};
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return double(ts.tv_sec) * 1e3 + double(ts.tv_nsec) / 1e6;
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

int fail(const Error &e)
{
    std::fprintf(stderr, "%s\n", qPrintable(e.message));
    return 1;
}

// Loads the snapshot `runs` times for `actor`; prints median and worst.
Result<DashboardSnapshot> timeLoad(Database &db, const Actor &actor, const char *who, int runs)
{
    db.setActor(actor);
    std::vector<double> times;
    std::vector<double> cpu;
    Result<DashboardSnapshot> snap = Error{Error::Code::Invalid, {}};
    for (int i = 0; i < runs; ++i) {
        QElapsedTimer t;
        t.start();
        const double c = cpuMs();
        snap = loadDashboard(db, QDate(2026, 11, 23));
        times.push_back(ms(t));
        cpu.push_back(cpuMs() - c);
        if (!snap)
            return snap;
    }
    const Stats s = stats(times);
    const Stats c = stats(cpu);
    std::printf("load facts as %s (%d clients): median %.1f ms, worst %.1f ms; CPU median %.1f "
                "ms (%d runs)\n",
                who, snap->clientCount(), s.median, s.worst, c.median, runs);
    return snap;
}
} // namespace

// Repaints `w` now, as a user would see it.
void paint(QWidget *w)
{
    w->repaint();
    QApplication::processEvents();
}

int main(int argc, char *argv[])
{
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QStandardPaths::setTestModeEnabled(true);
    QApplication app(argc, argv);
    const QString source =
        argc > 1 ? QString::fromLocal8Bit(argv[1]) : QStringLiteral("/tmp/dash100k.sqlite");
    const bool addNotes = argc > 2 ? std::atoi(argv[2]) != 0 : true;
    QString path = source;
    if (addNotes) {
        path = QDir::tempPath() + QStringLiteral("/pathway-dashboard-bench.sqlite");
        for (const char *suffix : {"", "-wal", "-shm"})
            QFile::remove(path + QLatin1String(suffix));
        if (!QFile::copy(source, path)) {
            std::fprintf(stderr, "cannot copy %s to %s\n", qPrintable(source), qPrintable(path));
            return 1;
        }
    }
    auto opened = test::openAsSystem(path);
    if (!opened)
        return fail(opened.error());
    Database &db = *opened.value();
    if (addNotes) {
        // Two notes for every second client, one for every third (ids are 1..N):
        // dates spread over the 400 days before "today".
        QElapsedTimer t;
        t.start();
        const Status added = db.transaction([&]() -> Status {
            QSqlQuery q(db.connection());
            for (const char *sql : {
                     "INSERT INTO case_notes (client_id, author, body, created_at) SELECT id, "
                     "'bench', 'Phone call', strftime('%Y-%m-%dT%H:%M:%SZ', '2026-11-23', "
                     "'-' || ((id * 7919) % 400) || ' days') FROM clients WHERE id % 2 = 0",
                     "INSERT INTO case_notes (client_id, author, body, created_at) SELECT id, "
                     "'bench', 'Meeting', strftime('%Y-%m-%dT%H:%M:%SZ', '2026-11-23', "
                     "'-' || ((id * 104729) % 200) || ' days') FROM clients WHERE id % 3 = 0",
                 }) {
                if (!q.exec(QString::fromLatin1(sql)))
                    return db.queryError(q, QStringLiteral("adding case notes"));
            }
            return {};
        });
        if (!added)
            return fail(added.error());
        std::printf("added case notes to a copy in %.0f ms\n", ms(t));
    }

    std::printf("database: %s\n", qPrintable(path));
    auto supervisor = UserRepository(db).find(QStringLiteral("sreyes"));
    auto counselor = UserRepository(db).find(QStringLiteral("agarcia"));
    if (!supervisor || !supervisor->has_value() || !counselor || !counselor->has_value()) {
        std::fprintf(stderr, "the demo users are missing: make the file with pathway-cli demo\n");
        return 1;
    }

    // The first load reads the file from disk (or the page cache); later ones
    // from SQLite's cache, as a window's refresh would.
    auto snap = timeLoad(db, Actor::person(**supervisor), "supervisor sreyes", 7);
    if (!snap)
        return fail(snap.error());
    if (auto mine = timeLoad(db, Actor::person(**counselor), "counselor agarcia", 5); !mine)
        return fail(mine.error());
    db.setActor(Actor::person(**supervisor));
    if (qEnvironmentVariableIsSet("BENCH_MMAP")) {
        QSqlQuery(db.connection()).exec(QStringLiteral("PRAGMA mmap_size = 1073741824"));
        timeLoad(db, Actor::person(**supervisor), "supervisor sreyes, mmap", 7);
    }

    // The one-off form, as a test or a command would call it: load + figures.
    {
        DashboardFilter filter;
        filter.status = ClientStatus::Active;
        filter.today = QDate(2026, 11, 23);
        std::vector<double> times;
        std::vector<double> cpu;
        for (int i = 0; i < 5; ++i) {
            QElapsedTimer t;
            t.start();
            const double c = cpuMs();
            auto figures = dashboard::figures(db, filter);
            times.push_back(ms(t));
            cpu.push_back(cpuMs() - c);
            if (!figures)
                return fail(figures.error());
            if (i == 0)
                std::printf("  agency: %d active clients, %d awaiting review, %d overdue steps "
                            "(%d clients), %d without contact in 30 days, completion %.1f%%\n",
                            figures->agency.activeClients, figures->agency.awaitingReview,
                            figures->agency.overdueSteps, figures->agency.overdueClients,
                            figures->agency.noContact, figures->agency.completionPercent());
        }
        const Stats s = stats(times);
        const Stats c = stats(cpu);
        std::printf("all figures from the database (dashboard::figures): median %.1f ms, worst "
                    "%.1f ms; CPU median %.1f ms\n",
                    s.median, s.worst, c.median);
    }

    // Filter changes on the loaded snapshot: figures plus one drill-down each.
    std::vector<DashboardFilter> filters;
    {
        DashboardFilter f;
        f.status = ClientStatus::Active;
        filters.push_back(f);
        for (const QString &c : {QStringLiteral("agarcia"), QStringLiteral("dmuller")}) {
            DashboardFilter g = f;
            g.counselor = c;
            filters.push_back(g);
        }
        for (IncomeBracket b : {IncomeBracket::Low, IncomeBracket::High}) {
            DashboardFilter g = f;
            g.bracket = b;
            filters.push_back(g);
        }
        for (BarrierCode b : {BarrierCode::Transport, BarrierCode::Finances}) {
            DashboardFilter g = f;
            g.barrier = b;
            filters.push_back(g);
        }
        DashboardFilter g = f;
        g.overdueOnly = true;
        filters.push_back(g);
        g.noContactDays = 90;
        filters.push_back(g);
        g = {};
        filters.push_back(g);
    }
    std::vector<double> figureTimes;
    std::vector<double> drillTimes;
    for (const DashboardFilter &f : filters) {
        QElapsedTimer t;
        t.start();
        const DashboardFigures figures = snap->figures(f);
        figureTimes.push_back(ms(t));
        t.restart();
        const QVector<qint64> ids = snap->clientIds(f, dashboard::Figure::Overdue);
        drillTimes.push_back(ms(t));
        if (ids.size() != figures.agency.overdueClients) {
            std::fprintf(stderr, "drill-down and figure disagree\n");
            return 1;
        }
    }
    const Stats fs = stats(figureTimes);
    const Stats ds = stats(drillTimes);
    std::printf("filter change, figures from the snapshot (%zu filters): median %.2f ms, worst "
                "%.2f ms\n",
                figureTimes.size(), fs.median, fs.worst);
    std::printf("drill-down, overdue clients of the agency: median %.2f ms, worst %.2f ms\n",
                ds.median, ds.worst);

    // The window: from construction to the first painted window, then filter
    // changes and drill-downs as a supervisor makes them, each painted.
    {
        QElapsedTimer t;
        t.start();
        DashboardWindow window(db);
        window.setToday(QDate(2026, 11, 23));
        window.resize(1366, 768);
        window.show();
        if (!QTest::qWaitForWindowExposed(&window))
            return 1;
        paint(&window);
        std::printf("window: open and paint (load included): %.0f ms\n", ms(t));

        std::vector<double> changes;
        for (const char *name :
             {"bracketComboBox", "barrierComboBox", "counselorComboBox", "statusComboBox"}) {
            auto *box = window.findChild<QComboBox *>(QLatin1String(name));
            for (int i = 0; i < qMin(box->count(), 6); ++i) {
                t.restart();
                box->setCurrentIndex((i + 1) % box->count()); // applies at once
                paint(&window);
                changes.push_back(ms(t));
            }
            box->setCurrentIndex(name == QLatin1String("statusComboBox") ? 1 : 0);
        }
        const Stats c = stats(changes);
        std::printf("window: filter change, figures + table + 4 charts + list painted (%zu "
                    "changes): median %.1f ms, worst %.1f ms\n",
                    changes.size(), c.median, c.worst);

        auto *table = window.findChild<QTableView *>(QStringLiteral("dashboardTableView"));
        DashboardTableModel *model = window.tableModel();
        std::vector<double> drills;
        for (int column = DashboardTableModel::CounselorColumn;
             column < DashboardTableModel::ColumnCount; ++column) {
            const QModelIndex cell = model->index(model->rowCount() - 1, column);
            t.restart();
            QTest::mouseClick(table->viewport(), Qt::LeftButton, {},
                              table->visualRect(cell).center());
            paint(&window);
            drills.push_back(ms(t));
        }
        const Stats d = stats(drills);
        std::printf("window: click an agency figure to the painted client list (%zu cells): "
                    "median %.1f ms, worst %.1f ms (up to %d clients listed)\n",
                    drills.size(), d.median, d.worst, int(window.listedClients().size()));
    }
    std::printf("peak resident memory: %.1f MB\n", double(bench::peakRssKb()) / 1024.0);
    return 0;
}
