#include "StorageSupport.h"
#include "TestSupport.h"

#include "pathway/core/IncomeThresholds.h"
#include "pathway/core/RuleBase.h"
#include "pathway/core/StrategyEngine.h"
#include "pathway/storage/Dashboard.h"
#include "pathway/storage/Database.h"
#include "pathway/storage/DemoData.h"
#include "pathway/storage/UserRepository.h"

#include <QSqlQuery>
#include <QTemporaryDir>

#include <catch2/catch.hpp>

using namespace pathway;
using dashboard::Figure;

namespace {

// A demo caseload of 400 with what the demo data leaves out: case notes at
// known times, intakes spread over 15 months, a second plan version for
// some clients (with overdue steps, so the current version visibly counts),
// and a few clients without a counselor.
struct Fixture
{
    QTemporaryDir dir;
    std::unique_ptr<Database> db;
    StrategyEngine engine{RuleBase::builtIn(), IncomeThresholds::builtIn()};

    Fixture()
    {
        auto opened = test::openAsSystem(dir.filePath(QStringLiteral("dash.sqlite")));
        REQUIRE(opened.ok());
        db = std::move(opened.value());
        REQUIRE(addDemoCaseload(*db, engine, 400, 7, test::today()).ok());
        for (const char *sql : {
                 // Intakes: 0..449 days before "today", at various hours.
                 "UPDATE clients SET created_at = strftime('%Y-%m-%dT%H:%M:%SZ', '2026-11-23', "
                 "'-' || ((id * 37) % 450) || ' days', '+' || ((id * 7) % 24) || ' hours')",
                 // Notes: none for every fifth client; one or two for the others.
                 "INSERT INTO case_notes (client_id, author, body, created_at) SELECT id, "
                 "'agarcia', 'Called', strftime('%Y-%m-%dT%H:%M:%SZ', '2026-11-23', '-' || ((id "
                 "* 13) % 120) || ' days', '+' || ((id * 5) % 24) || ' hours') FROM clients "
                 "WHERE id % 5 <> 0",
                 "INSERT INTO case_notes (client_id, author, body, created_at) SELECT id, "
                 "'agarcia', 'Met', strftime('%Y-%m-%dT%H:%M:%SZ', '2026-11-23', '-' || ((id * "
                 "29) % 60) || ' days') FROM clients WHERE id % 3 = 0",
                 // Version 2 for every eleventh client: all steps still planned,
                 // half of them due before today; review none.
                 "INSERT INTO plans (client_id, version, rules_version, profile_json, "
                 "income_bracket, long_term_unemployed, start_date, created_at) SELECT "
                 "client_id, 2, rules_version, profile_json, income_bracket, "
                 "long_term_unemployed, start_date, created_at FROM plans WHERE client_id % 11 "
                 "= 0",
                 "INSERT INTO plan_steps (plan_id, position, strategy_id, merged_strategies_id, "
                 "category, phase, title_id, description_id, who_helps_id, reason_id, "
                 "rationale_id, sources_id, start_week, end_week, priority, due_date, status) "
                 "SELECT n.id, s.position, s.strategy_id, s.merged_strategies_id, s.category, "
                 "s.phase, s.title_id, s.description_id, s.who_helps_id, s.reason_id, "
                 "s.rationale_id, s.sources_id, s.start_week, s.end_week, s.priority, CASE "
                 "WHEN s.position % 2 = 0 THEN '2026-01-01' ELSE '2027-06-01' END, 'planned' "
                 "FROM plans n JOIN plans o ON o.client_id = n.client_id AND o.version = 1 JOIN "
                 "plan_steps s ON s.plan_id = o.id WHERE n.version = 2",
                 // Clients without a counselor.
                 "UPDATE clients SET counselor_id = NULL WHERE id % 97 = 0",
             }) {
            QSqlQuery q(db->connection());
            INFO(sql);
            REQUIRE(q.exec(QString::fromLatin1(sql)));
        }
    }

    User user(const char *name)
    {
        auto u = UserRepository(*db).find(QString::fromLatin1(name));
        REQUIRE(u.ok());
        REQUIRE(u->has_value());
        return **u;
    }

    // One number from SQL.
    int count(const QString &sql, const QVariantList &values = {})
    {
        QSqlQuery q(db->connection());
        q.prepare(sql);
        for (const QVariant &v : values)
            q.addBindValue(v);
        INFO(sql.toStdString());
        REQUIRE(q.exec());
        REQUIRE(q.next());
        return q.value(0).toInt();
    }
    QVector<qint64> ids(const QString &sql, const QVariantList &values = {})
    {
        QSqlQuery q(db->connection());
        q.prepare(sql);
        for (const QVariant &v : values)
            q.addBindValue(v);
        INFO(sql.toStdString());
        REQUIRE(q.exec());
        QVector<qint64> out;
        while (q.next())
            out.append(q.value(0).toLongLong());
        return out;
    }
};

// The filter as SQL over `clients c` (and `users u`), written independently
// of Dashboard.cpp: the straightforward correlated form.
struct SqlFilter
{
    QString where;
    QVariantList values;
};

const char *const kCurrentPlan =
    "p.client_id = c.id AND p.version = (SELECT max(v.version) FROM plans v WHERE v.client_id = "
    "c.id)";

QString utc19(const QDate &localDay)
{
    return localDay.startOfDay().toUTC().toString(QStringLiteral("yyyy-MM-ddTHH:mm:ss"));
}

SqlFilter sqlFilter(const DashboardFilter &f, const QString &counselorKey, qint64 onlyCounselorId)
{
    SqlFilter out;
    QStringList where{QStringLiteral("1 = 1")};
    if (onlyCounselorId > 0)
        where << QStringLiteral("c.counselor_id = %1").arg(onlyCounselorId);
    for (const QString &name : {f.counselor, counselorKey}) {
        if (name.isEmpty())
            continue;
        if (name == dashboard::unassignedKey()) {
            where << QStringLiteral("c.counselor_id IS NULL");
        } else {
            where << QStringLiteral("u.username = ?");
            out.values << name;
        }
    }
    if (f.bracket) {
        where << QStringLiteral("c.income_bracket = ?");
        out.values << toCode(*f.bracket);
    }
    if (f.status) {
        where << QStringLiteral("c.status = ?");
        out.values << toCode(*f.status);
    }
    if (f.barrier) {
        where << QStringLiteral(
            "EXISTS (SELECT 1 FROM client_barriers b WHERE b.client_id = c.id AND b.code = ?)");
        out.values << toCode(*f.barrier);
    }
    if (f.overdueOnly) {
        where << QStringLiteral("EXISTS (SELECT 1 FROM plans p JOIN plan_steps s ON s.plan_id = "
                                "p.id WHERE %1 AND s.status IN ('planned', 'in_progress') AND "
                                "s.due_date < ?)")
                     .arg(QLatin1String(kCurrentPlan));
        out.values << f.today.toString(Qt::ISODate);
    }
    out.where = where.join(QStringLiteral(" AND "));
    return out;
}

// Every figure of one row by direct SQL.
DashboardCounts expected(Fixture &fx, const DashboardFilter &f, const QString &key,
                         qint64 onlyCounselorId = 0)
{
    const SqlFilter s = sqlFilter(f, key, onlyCounselorId);
    const QString from =
        QStringLiteral(" FROM clients c LEFT JOIN users u ON u.id = c.counselor_id WHERE %1")
            .arg(s.where);
    const QString today = f.today.toString(Qt::ISODate);
    const QString cutoff = utc19(f.today.addDays(1 - f.noContactDays));
    DashboardCounts e;
    e.clients = fx.count(QStringLiteral("SELECT count(*)") + from, s.values);
    e.activeClients = fx.count(QStringLiteral("SELECT count(*)") + from +
                                   QStringLiteral(" AND c.status = "
                                                  "'active'"),
                               s.values);
    e.awaitingReview = fx.count(
        QStringLiteral("SELECT count(*)") + from +
            QStringLiteral(" AND EXISTS (SELECT 1 FROM plans p WHERE %1 AND p.review_status = "
                           "'pending')")
                .arg(QLatin1String(kCurrentPlan)),
        s.values);
    const QString overdueJoin =
        QStringLiteral(" AND s.status IN ('planned', 'in_progress') AND s.due_date < ?");
    e.overdueSteps = fx.count(QStringLiteral("SELECT count(*) FROM clients c LEFT JOIN users u ON "
                                             "u.id = c.counselor_id JOIN plans p ON %1 JOIN "
                                             "plan_steps s ON s.plan_id = p.id WHERE %2")
                                      .arg(QLatin1String(kCurrentPlan), s.where) +
                                  overdueJoin,
                              s.values + QVariantList{today});
    e.overdueClients = fx.count(QStringLiteral("SELECT count(DISTINCT c.id) FROM clients c LEFT "
                                               "JOIN users u ON u.id = c.counselor_id JOIN plans "
                                               "p ON %1 JOIN plan_steps s ON s.plan_id = p.id "
                                               "WHERE %2")
                                        .arg(QLatin1String(kCurrentPlan), s.where) +
                                    overdueJoin,
                                s.values + QVariantList{today});
    e.noContact = fx.count(QStringLiteral("SELECT count(*)") + from +
                               QStringLiteral(" AND NOT EXISTS (SELECT 1 FROM case_notes n WHERE "
                                              "n.client_id = c.id AND substr(n.created_at, 1, "
                                              "19) >= ?)"),
                           s.values + QVariantList{cutoff});
    const QString steps = QStringLiteral(" FROM clients c LEFT JOIN users u ON u.id = "
                                         "c.counselor_id JOIN plans p ON %1 JOIN plan_steps s ON "
                                         "s.plan_id = p.id WHERE %2")
                              .arg(QLatin1String(kCurrentPlan), s.where);
    e.stepsDone = fx.count(QStringLiteral("SELECT count(*)") + steps +
                               QStringLiteral(" AND s.status = 'done'"),
                           s.values);
    e.stepsCounted = fx.count(QStringLiteral("SELECT count(*)") + steps +
                                  QStringLiteral(" AND s.status <> 'dropped'"),
                              s.values);
    e.clientsWithSteps = fx.count(QStringLiteral("SELECT count(DISTINCT c.id)") + steps +
                                      QStringLiteral(" AND s.status <> 'dropped'"),
                                  s.values);
    return e;
}

void checkCounts(const DashboardCounts &got, const DashboardCounts &want)
{
    CHECK(got.clients == want.clients);
    CHECK(got.activeClients == want.activeClients);
    CHECK(got.awaitingReview == want.awaitingReview);
    CHECK(got.overdueSteps == want.overdueSteps);
    CHECK(got.overdueClients == want.overdueClients);
    CHECK(got.noContact == want.noContact);
    CHECK(got.stepsDone == want.stepsDone);
    CHECK(got.stepsCounted == want.stepsCounted);
    CHECK(got.clientsWithSteps == want.clientsWithSteps);
}

// The drill-downs of a row: as many ids as the figure says.
void checkDrillDowns(const DashboardSnapshot &snap, const DashboardFilter &f,
                     const DashboardCounts &row)
{
    const QString key = row.username;
    CHECK(snap.clientIds(f, Figure::Clients, key).size() == row.clients);
    CHECK(snap.clientIds(f, Figure::ActiveClients, key).size() == row.activeClients);
    CHECK(snap.clientIds(f, Figure::AwaitingReview, key).size() == row.awaitingReview);
    CHECK(snap.clientIds(f, Figure::Overdue, key).size() == row.overdueClients);
    CHECK(snap.clientIds(f, Figure::NoContact, key).size() == row.noContact);
    CHECK(snap.clientIds(f, Figure::Completion, key).size() == row.clientsWithSteps);
}

QVector<DashboardFilter> filters()
{
    QVector<DashboardFilter> out;
    DashboardFilter base;
    base.today = test::today();
    out << base;
    DashboardFilter f = base;
    f.status = ClientStatus::Active;
    out << f;
    f.bracket = IncomeBracket::Low;
    out << f;
    f = base;
    f.barrier = BarrierCode::Transport;
    f.noContactDays = 90;
    out << f;
    f = base;
    f.overdueOnly = true;
    f.noContactDays = 7;
    out << f;
    f = base;
    f.counselor = QStringLiteral("cokafor");
    f.status = ClientStatus::Closed;
    out << f;
    f = base;
    f.counselor = dashboard::unassignedKey();
    out << f;
    return out;
}

} // namespace

TEST_CASE("Dashboard figures equal direct SQL counts, per counselor and agency-wide")
{
    Fixture fx;
    fx.db->setActor(Actor::person(fx.user("sreyes")));
    // The fixture's extras are in place.
    REQUIRE(fx.count(QStringLiteral("SELECT count(*) FROM plans WHERE version = 2")) > 20);
    REQUIRE(fx.count(QStringLiteral("SELECT count(*) FROM clients WHERE counselor_id IS NULL")) >
            2);
    REQUIRE(fx.count(QStringLiteral("SELECT count(*) FROM plans WHERE review_status = "
                                    "'pending'")) > 5);

    auto snap = loadDashboard(*fx.db, test::today());
    REQUIRE(snap.ok());
    CHECK(snap->clientCount() == 400);
    CHECK(snap->today() == test::today());

    for (const DashboardFilter &f : filters()) {
        INFO("counselor " << f.counselor.toStdString() << ", status "
                          << (f.status ? toCode(*f.status).toStdString() : "any") << ", bracket "
                          << (f.bracket ? toCode(*f.bracket).toStdString() : "any") << ", barrier "
                          << (f.barrier ? toCode(*f.barrier).toStdString() : "any")
                          << ", overdue only " << f.overdueOnly << ", no contact days "
                          << f.noContactDays);
        const DashboardFigures figures = snap->figures(f);
        CHECK(figures.today == test::today());
        CHECK(figures.noContactDays == f.noContactDays);

        // Agency-wide.
        const DashboardCounts agency = expected(fx, f, {});
        checkCounts(figures.agency, agency);
        checkDrillDowns(*snap, f, figures.agency);
        if (f.counselor.isEmpty() && f == filters().first()) {
            CHECK(figures.agency.clients == 400);
            CHECK(figures.agency.overdueSteps > 0);
            CHECK(figures.agency.noContact > 0);
            CHECK(figures.agency.noContact < 400);
        }

        // Per counselor: the five demo counselors (sreyes has no clients and
        // is a supervisor: no row) and the clients without one.
        QStringList names;
        int sum = 0;
        for (const DashboardCounts &row : figures.counselors) {
            names << row.username;
            INFO("row " << row.username.toStdString());
            checkCounts(row, expected(fx, f, row.username));
            checkDrillDowns(*snap, f, row);
            sum += row.clients;
        }
        CHECK(sum == figures.agency.clients);
        if (f.counselor.isEmpty())
            CHECK(names == QStringList({"agarcia", "bnguyen", "cokafor", "dmuller", "ejohnson",
                                        dashboard::unassignedKey()}));
        else
            CHECK(names == QStringList{f.counselor});
        // Display names come from the users.
        if (f.counselor.isEmpty())
            CHECK(figures.counselors.first().displayName == QStringLiteral("Ana García"));

        // Clients by bracket and by barrier, and intakes per month.
        const SqlFilter s = sqlFilter(f, {}, 0);
        const QString from =
            QStringLiteral(" FROM clients c LEFT JOIN users u ON u.id = c.counselor_id WHERE %1")
                .arg(s.where);
        REQUIRE(figures.byBracket.size() == codeCount<IncomeBracket>());
        for (const DashboardBar &bar : figures.byBracket) {
            INFO("bracket " << bar.key.toStdString());
            CHECK(bar.clients == fx.count(QStringLiteral("SELECT count(*)") + from +
                                              QStringLiteral(" AND c.income_bracket = ?"),
                                          s.values + QVariantList{bar.key}));
            CHECK(snap->clientIds(f, Figure::Bracket, bar.key).size() == bar.clients);
        }
        REQUIRE(figures.byBarrier.size() == codeCount<BarrierCode>());
        for (int i = 0; i < figures.byBarrier.size(); ++i) {
            const DashboardBar &bar = figures.byBarrier[i];
            INFO("barrier " << bar.key.toStdString());
            CHECK(bar.clients ==
                  fx.count(QStringLiteral("SELECT count(*)") + from +
                               QStringLiteral(" AND EXISTS (SELECT 1 FROM client_barriers b "
                                              "WHERE b.client_id = c.id AND b.code = ?)"),
                           s.values + QVariantList{bar.key}));
            CHECK(snap->clientIds(f, Figure::Barrier, bar.key).size() == bar.clients);
            if (i > 0)
                CHECK(figures.byBarrier[i - 1].clients >= bar.clients); // most frequent first
        }
        REQUIRE(figures.intakesByMonth.size() == 12);
        CHECK(figures.intakesByMonth.first().key == QStringLiteral("2025-12"));
        CHECK(figures.intakesByMonth.last().key == QStringLiteral("2026-11"));
        for (const DashboardBar &bar : figures.intakesByMonth) {
            INFO("month " << bar.key.toStdString());
            const QDate month = QDate::fromString(bar.key + QStringLiteral("-01"), Qt::ISODate);
            CHECK(bar.clients ==
                  fx.count(QStringLiteral("SELECT count(*)") + from +
                               QStringLiteral(" AND substr(c.created_at, 1, 19) >= ? AND "
                                              "substr(c.created_at, 1, 19) < ?"),
                           s.values + QVariantList{utc19(month), utc19(month.addMonths(1))}));
            CHECK(snap->clientIds(f, Figure::IntakeMonth, bar.key).size() == bar.clients);
        }

        // The one-off forms agree with the snapshot.
        auto direct = dashboard::figures(*fx.db, f);
        REQUIRE(direct.ok());
        CHECK(direct->agency.overdueSteps == figures.agency.overdueSteps);
        CHECK(direct->agency.noContact == figures.agency.noContact);
    }
}

TEST_CASE("Dashboard drill-downs list exactly the clients behind a figure, in caseload order")
{
    Fixture fx;
    fx.db->setActor(Actor::person(fx.user("sreyes")));
    DashboardFilter f;
    f.today = test::today();
    f.status = ClientStatus::Active;
    auto snap = loadDashboard(*fx.db, f.today);
    REQUIRE(snap.ok());

    const QString order = QStringLiteral(" ORDER BY c.name_sort_key, c.id");
    const QString active = QStringLiteral("SELECT c.id FROM clients c LEFT JOIN users u ON u.id = "
                                          "c.counselor_id WHERE c.status = 'active'");
    CHECK(snap->clientIds(f, Figure::Overdue, QStringLiteral("bnguyen")) ==
          fx.ids(active +
                 QStringLiteral(" AND u.username = 'bnguyen' AND EXISTS (SELECT 1 FROM plans "
                                "p JOIN plan_steps s ON s.plan_id = p.id WHERE %1 AND "
                                "s.status IN ('planned', 'in_progress') AND s.due_date < "
                                "'2026-11-23')")
                     .arg(QLatin1String(kCurrentPlan)) +
                 order));
    CHECK(snap->clientIds(f, Figure::AwaitingReview) ==
          fx.ids(active +
                 QStringLiteral(" AND EXISTS (SELECT 1 FROM plans p WHERE %1 AND "
                                "p.review_status = 'pending')")
                     .arg(QLatin1String(kCurrentPlan)) +
                 order));
    CHECK(snap->clientIds(f, Figure::Bracket, QStringLiteral("low")) ==
          fx.ids(active + QStringLiteral(" AND c.income_bracket = 'low'") + order));
    CHECK(snap->clientIds(f, Figure::Barrier, QStringLiteral("transport")) ==
          fx.ids(active +
                 QStringLiteral(" AND c.id IN (SELECT client_id FROM client_barriers WHERE "
                                "code = 'transport')") +
                 order));
    CHECK(snap->clientIds(f, Figure::Clients, dashboard::unassignedKey()) ==
          fx.ids(active + QStringLiteral(" AND c.counselor_id IS NULL") + order));
    // The one-off form gives the same list.
    CHECK(dashboard::clientIds(*fx.db, f, Figure::Overdue, QStringLiteral("bnguyen")).value() ==
          snap->clientIds(f, Figure::Overdue, QStringLiteral("bnguyen")));

    // Unknown keys list nobody.
    CHECK(snap->clientIds(f, Figure::Overdue, QStringLiteral("nosuchuser")).isEmpty());
    CHECK(snap->clientIds(f, Figure::Bracket, QStringLiteral("nosuchbracket")).isEmpty());
    CHECK(snap->clientIds(f, Figure::IntakeMonth, QStringLiteral("2026-13")).isEmpty());
    DashboardFilter unknown = f;
    unknown.counselor = QStringLiteral("nosuchuser");
    CHECK(snap->figures(unknown).agency.clients == 0);
    CHECK(snap->figures(unknown).counselors.isEmpty());
}

TEST_CASE("A counselor's dashboard counts only their own clients, and nobody is refused")
{
    Fixture fx;
    const User agarcia = fx.user("agarcia");
    fx.db->setActor(Actor::person(agarcia));
    DashboardFilter f;
    f.today = test::today();
    auto snap = loadDashboard(*fx.db, f.today);
    REQUIRE(snap.ok());
    CHECK(snap->isFor(Actor::person(agarcia)));
    CHECK_FALSE(snap->isFor(Actor::person(fx.user("sreyes"))));
    CHECK(snap->clientCount() ==
          fx.count(QStringLiteral("SELECT count(*) FROM clients WHERE counselor_id = ?"),
                   {agarcia.id}));
    REQUIRE(snap->counselors().size() == 1);
    CHECK(snap->counselors().first().username == QStringLiteral("agarcia"));

    for (const DashboardFilter &filter : filters()) {
        DashboardFilter g = filter;
        if (!g.counselor.isEmpty())
            g.counselor = QStringLiteral("agarcia");
        const DashboardFigures figures = snap->figures(g);
        REQUIRE(figures.counselors.size() == 1);
        CHECK(figures.counselors.first().username == QStringLiteral("agarcia"));
        const DashboardCounts mine = expected(fx, g, {}, agarcia.id);
        checkCounts(figures.agency, mine);
        checkCounts(figures.counselors.first(), mine);
        checkDrillDowns(*snap, g, figures.agency);
        int brackets = 0;
        for (const DashboardBar &bar : figures.byBracket)
            brackets += bar.clients;
        CHECK(brackets == mine.clients);
    }
    // Another counselor's figures are not there to ask for.
    DashboardFilter other = f;
    other.counselor = QStringLiteral("bnguyen");
    CHECK(snap->figures(other).agency.clients == 0);
    CHECK(snap->figures(other).counselors.isEmpty());
    CHECK(snap->clientIds(f, Figure::Clients, QStringLiteral("bnguyen")).isEmpty());
    auto direct = dashboard::clientIds(*fx.db, f, Figure::Clients);
    REQUIRE(direct.ok());
    CHECK(direct->size() == snap->clientCount());

    fx.db->setActor(Actor::nobody());
    auto refused = loadDashboard(*fx.db, f.today);
    REQUIRE_FALSE(refused.ok());
    CHECK(refused.error().code == Error::Code::Forbidden);
    CHECK_FALSE(dashboard::figures(*fx.db, f).ok());
    CHECK(dashboard::clientIds(*fx.db, f, Figure::Clients).error().code == Error::Code::Forbidden);
}

TEST_CASE("No contact counts back from today by local date, and a client never contacted counts")
{
    Fixture fx;
    fx.db->setActor(Actor::system());
    // Client 1 gets exactly one note, 10 days ago at the very start of that local day.
    const QDate today = test::today();
    QSqlQuery q(fx.db->connection());
    REQUIRE(q.exec(QStringLiteral("DELETE FROM case_notes WHERE client_id IN (1, 2)")));
    q.prepare(QStringLiteral(
        "INSERT INTO case_notes (client_id, author, body, created_at) VALUES (1, 'x', 'y', ?)"));
    q.addBindValue(today.addDays(-10).startOfDay().toUTC().toString(Qt::ISODate));
    REQUIRE(q.exec());

    auto snap = loadDashboard(*fx.db, today);
    REQUIRE(snap.ok());
    DashboardFilter f;
    auto noContact = [&](int days) {
        f.noContactDays = days;
        return snap->clientIds(f, Figure::NoContact);
    };
    CHECK(noContact(11).contains(2));          // no note at all
    CHECK(noContact(11).contains(1) == false); // days today-10 .. today include the note
    CHECK(noContact(10).contains(1));          // days today-9 .. today do not
    CHECK(noContact(1).contains(1));
    CHECK(noContact(0) == noContact(1)); // at least one day
}
