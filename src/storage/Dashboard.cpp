#include "pathway/storage/Dashboard.h"

#include "pathway/storage/Access.h"
#include "pathway/storage/Database.h"

#include "SqliteStatement.h"
#include "TableScan.h"

#include <QDateTime>
#include <QHash>
#include <QObject>
#include <QSqlDriver>

#include <sqlite3.h>

#include <algorithm>
#include <array>
#include <string_view>
#include <vector>

namespace pathway {

namespace {

constexpr int kMonths = 12;

Error readError(Database &db, sqlite3 *handle, int code)
{
    const bool busy = code == SQLITE_BUSY || code == SQLITE_LOCKED;
    const QString reason = busy ? QObject::tr("the file is locked by another program or another "
                                              "Pathway window; close it and try again")
                                : QString::fromUtf8(sqlite3_errmsg(handle));
    return Error{
        busy ? Error::Code::Conflict : Error::Code::Database,
        QObject::tr("Cannot read the dashboard figures from %1: %2").arg(db.path(), reason)};
}

// The enum value (as an int) of a stored code; -1 when unknown.
template <typename E> int valueOfCode(std::string_view code)
{
    const std::optional<E> value = fromCode<E>(code);
    return value ? int(*value) : -1;
}

qint64 startOfDay(const QDate &day)
{
    return day.startOfDay().toSecsSinceEpoch();
}

// The first day of each of the 12 months up to `today`'s, and of the month after.
std::array<QDate, kMonths + 1> monthStarts(const QDate &today)
{
    std::array<QDate, kMonths + 1> out;
    const QDate first(today.year(), today.month(), 1);
    for (int i = 0; i <= kMonths; ++i)
        out[size_t(i)] = first.addMonths(i - (kMonths - 1));
    return out;
}

QDate effectiveDay(const QDate &today)
{
    return today.isValid() ? today : QDate::currentDate();
}

} // namespace

namespace dashboard {

QString unassignedKey()
{
    return QStringLiteral("(none)");
}

} // namespace dashboard

// Whether a client matches the filter and a drill-down key, with what the
// filter needs worked out once.
struct DashboardSnapshot::Matcher
{
    const DashboardFilter &filter;
    int person = -2;     // -2: any counselor; -1: no counselor; else index in m_people
    bool nobody = false; // the filter names a counselor the snapshot does not know
    qint64 contactCutoff = 0;

    Matcher(const DashboardSnapshot &s, const DashboardFilter &f) : filter(f)
    {
        if (!f.counselor.isEmpty()) {
            person = s.personIndex(f.counselor);
            nobody = person == -2;
        }
        contactCutoff = startOfDay(s.m_today.addDays(1 - qMax(1, f.noContactDays)));
    }

    bool matches(const ClientFacts &c) const
    {
        if (nobody || (person != -2 && c.person != person))
            return false;
        if (filter.bracket && c.bracket != quint8(*filter.bracket))
            return false;
        if (filter.status && c.status != quint8(*filter.status))
            return false;
        if (filter.barrier && !(c.barriers & (1u << unsigned(*filter.barrier))))
            return false;
        if (filter.overdueOnly && c.overdueSteps == 0)
            return false;
        return true;
    }
    bool noContact(const ClientFacts &c) const { return c.lastNote < contactCutoff; }
};

int DashboardSnapshot::personIndex(const QString &key) const
{
    if (key == dashboard::unassignedKey())
        return -1;
    for (int i = 0; i < m_people.size(); ++i) {
        if (m_people[i].username == key)
            return i;
    }
    return -2;
}

QVector<DashboardCounts> DashboardSnapshot::counselors() const
{
    QVector<DashboardCounts> out;
    for (const Person &p : m_people) {
        if (p.listed)
            out.append({p.username, p.displayName});
    }
    std::sort(out.begin(), out.end(), [](const DashboardCounts &a, const DashboardCounts &b) {
        const int byName = QString::localeAwareCompare(a.displayName, b.displayName);
        return byName != 0 ? byName < 0 : a.username < b.username;
    });
    return out;
}

DashboardFigures DashboardSnapshot::figures(const DashboardFilter &filter) const
{
    const Matcher match(*this, filter);
    DashboardFigures out;
    out.today = m_today;
    out.noContactDays = qMax(1, filter.noContactDays);

    // Slot per person, then one for the clients without a counselor.
    QVector<DashboardCounts> perPerson(m_people.size() + 1);
    std::array<int, 16> brackets{};
    std::array<int, 16> barriers{};
    std::array<int, kMonths> months{};
    const auto starts = monthStarts(m_today);
    std::array<qint64, kMonths + 1> bounds{};
    for (size_t i = 0; i < starts.size(); ++i)
        bounds[i] = startOfDay(starts[i]);

    bool anyUnassigned = false;
    for (const ClientFacts &c : m_clients) {
        anyUnassigned = anyUnassigned || c.person < 0;
        if (!match.matches(c))
            continue;
        DashboardCounts &s = perPerson[c.person < 0 ? m_people.size() : c.person];
        ++s.clients;
        s.activeClients += c.status == quint8(ClientStatus::Active) ? 1 : 0;
        s.awaitingReview += c.review == quint8(ReviewStatus::Pending) ? 1 : 0;
        s.overdueSteps += c.overdueSteps;
        s.overdueClients += c.overdueSteps > 0 ? 1 : 0;
        s.noContact += match.noContact(c) ? 1 : 0;
        s.clientsWithSteps += c.stepsCounted > 0 ? 1 : 0;
        s.stepsDone += c.stepsDone;
        s.stepsCounted += c.stepsCounted;
        ++brackets[c.bracket];
        for (unsigned b = 0; b < 16; ++b) {
            if (c.barriers & (1u << b))
                ++barriers[b];
        }
        if (c.createdAt >= bounds[0] && c.createdAt < bounds[kMonths]) {
            const auto it = std::upper_bound(bounds.begin(), bounds.end(), c.createdAt);
            ++months[size_t(it - bounds.begin() - 1)];
        }
    }

    auto add = [](DashboardCounts &to, const DashboardCounts &from) {
        to.clients += from.clients;
        to.activeClients += from.activeClients;
        to.awaitingReview += from.awaitingReview;
        to.overdueSteps += from.overdueSteps;
        to.overdueClients += from.overdueClients;
        to.noContact += from.noContact;
        to.clientsWithSteps += from.clientsWithSteps;
        to.stepsDone += from.stepsDone;
        to.stepsCounted += from.stepsCounted;
    };
    out.agency.displayName = QObject::tr("All counselors");
    for (const DashboardCounts &s : perPerson)
        add(out.agency, s);

    for (const DashboardCounts &listed : counselors()) {
        const int i = personIndex(listed.username);
        if (match.nobody || (match.person != -2 && match.person != i))
            continue;
        DashboardCounts row = perPerson[i];
        row.username = listed.username;
        row.displayName = listed.displayName;
        out.counselors.append(row);
    }
    // The clients without a counselor have a row whenever there are any.
    if (anyUnassigned && (match.person == -2 || match.person == -1) && !match.nobody) {
        DashboardCounts row = perPerson.last();
        row.username = dashboard::unassignedKey();
        row.displayName = QObject::tr("No counselor");
        out.counselors.append(row);
    }

    for (auto *e = CodeTable<IncomeBracket>::begin(); e != CodeTable<IncomeBracket>::end(); ++e)
        out.byBracket.append({QString::fromLatin1(e->code), brackets[size_t(e->value)]});
    for (auto *e = CodeTable<BarrierCode>::begin(); e != CodeTable<BarrierCode>::end(); ++e)
        out.byBarrier.append({QString::fromLatin1(e->code), barriers[size_t(e->value)]});
    std::stable_sort(
        out.byBarrier.begin(), out.byBarrier.end(),
        [](const DashboardBar &a, const DashboardBar &b) { return a.clients > b.clients; });
    for (int m = 0; m < kMonths; ++m)
        out.intakesByMonth.append(
            {starts[size_t(m)].toString(QStringLiteral("yyyy-MM")), months[size_t(m)]});
    return out;
}

QVector<qint64> DashboardSnapshot::clientIds(const DashboardFilter &filter,
                                             dashboard::Figure figure, const QString &key) const
{
    using dashboard::Figure;
    const Matcher match(*this, filter);
    QVector<qint64> out;
    if (match.nobody)
        return out;

    int person = -2; // per-counselor figures: whose
    int code = -1;   // bracket or barrier
    qint64 from = 0;
    qint64 to = 0; // intake month
    switch (figure) {
    case Figure::Bracket:
        code = valueOfCode<IncomeBracket>(key.toStdString());
        if (code < 0)
            return out;
        break;
    case Figure::Barrier:
        code = valueOfCode<BarrierCode>(key.toStdString());
        if (code < 0)
            return out;
        break;
    case Figure::IntakeMonth: {
        const QDate month = QDate::fromString(key + QStringLiteral("-01"), Qt::ISODate);
        if (!month.isValid())
            return out;
        from = startOfDay(month);
        to = startOfDay(month.addMonths(1));
        break;
    }
    default:
        if (!key.isEmpty()) {
            person = personIndex(key);
            if (person == -2)
                return out;
        }
        break;
    }

    for (const ClientFacts &c : m_clients) {
        if (!match.matches(c) || (person != -2 && c.person != person))
            continue;
        bool in = false;
        switch (figure) {
        case Figure::Clients:
            in = true;
            break;
        case Figure::ActiveClients:
            in = c.status == quint8(ClientStatus::Active);
            break;
        case Figure::AwaitingReview:
            in = c.review == quint8(ReviewStatus::Pending);
            break;
        case Figure::Overdue:
            in = c.overdueSteps > 0;
            break;
        case Figure::NoContact:
            in = match.noContact(c);
            break;
        case Figure::Completion:
            in = c.stepsCounted > 0;
            break;
        case Figure::Bracket:
            in = c.bracket == code;
            break;
        case Figure::Barrier:
            in = (c.barriers & (1u << unsigned(code))) != 0;
            break;
        case Figure::IntakeMonth:
            in = c.createdAt >= from && c.createdAt < to;
            break;
        }
        if (in)
            out.append(c.id);
    }
    return out;
}

Result<DashboardSnapshot> loadDashboard(Database &db, const QDate &today)
{
    if (const Status signedIn = access::requireSignedIn(db); !signedIn)
        return signedIn.error();
    const QVariant handleVariant = db.connection().driver()->handle();
    if (!handleVariant.isValid() || qstrcmp(handleVariant.typeName(), "sqlite3*") != 0)
        return Error{Error::Code::Database,
                     QObject::tr("Cannot read the dashboard figures from %1: no SQLite handle.")
                         .arg(db.path())};
    sqlite3 *handle = *static_cast<sqlite3 *const *>(handleVariant.constData());

    DashboardSnapshot snap;
    snap.m_actor = db.actor();
    snap.m_today = effectiveDay(today);
    const QString scope = access::clientScope(db, QStringLiteral("c.counselor_id"));
    const bool all = scope == QLatin1String("1");

    // All reads see one state of the file: a read transaction, unless the
    // caller already holds one.
    const bool ownTransaction = sqlite3_get_autocommit(handle) != 0;
    if (ownTransaction) {
        const int begun = sqlite3_exec(handle, "BEGIN", nullptr, nullptr, nullptr);
        if (begun != SQLITE_OK)
            return readError(db, handle, begun);
    }
    struct EndRead
    {
        sqlite3 *handle;
        bool active;
        ~EndRead()
        {
            if (active)
                sqlite3_exec(handle, "COMMIT", nullptr, nullptr, nullptr);
        }
    } endRead{handle, ownTransaction};

    // Users: names for the rows.
    QHash<qint64, int> personOf; // user id -> index in m_people
    {
        SqliteStatement q(
            handle, QStringLiteral("SELECT id, username, display_name, role, active FROM users"));
        while (q.next()) {
            DashboardSnapshot::Person p;
            p.id = q.columnInt(0);
            p.username = q.columnText(1);
            p.displayName = q.columnText(2);
            const bool counselor = q.columnView(3) == "counselor" && q.columnInt(4) != 0;
            p.listed = all ? counselor : p.id == db.actor().userId;
            personOf.insert(p.id, int(snap.m_people.size()));
            snap.m_people.append(p);
        }
        if (q.errorCode() != 0)
            return readError(db, handle, q.errorCode());
    }

    // Clients: the ids in caseload order (the names' collation sort key,
    // then id) come from a covering index (clients_caseload_order, or
    // clients_caseload_counselor for a counselor); the facts from one scan
    // of the table in storage order. (One query ordered by name would look
    // up every row through the index: 4x slower.)
    QVector<qint64> ids;
    {
        SqliteStatement q(handle, QStringLiteral("SELECT c.id FROM clients c WHERE %1 "
                                                 "ORDER BY c.name_sort_key, c.id")
                                      .arg(scope));
        while (q.next())
            ids.append(q.columnInt(0));
        if (q.errorCode() != 0)
            return readError(db, handle, q.errorCode());
    }
    const SlotIndex clientSlot(ids);
    snap.m_clients.resize(ids.size());
    for (int i = 0; i < ids.size(); ++i)
        snap.m_clients[i].id = ids[i];
    {
        SqliteStatement q(handle,
                          QStringLiteral("SELECT c.id, c.counselor_id, c.income_bracket, c.status, "
                                         "c.created_at FROM clients c WHERE %1")
                              .arg(scope));
        while (q.next()) {
            const int slot = clientSlot.find(q.columnInt(0));
            if (slot < 0)
                continue;
            DashboardSnapshot::ClientFacts &c = snap.m_clients[slot];
            if (!q.columnIsNull(1)) {
                const auto person = personOf.constFind(q.columnInt(1));
                if (person != personOf.constEnd()) {
                    c.person = *person;
                    snap.m_people[c.person].listed = true;
                }
            }
            c.bracket = quint8(qMax(0, valueOfCode<IncomeBracket>(q.columnView(2))));
            c.status = quint8(qMax(0, valueOfCode<ClientStatus>(q.columnView(3))));
            c.createdAt = secondsOf(q.columnView(4));
        }
        if (q.errorCode() != 0)
            return readError(db, handle, q.errorCode());
    }

    // Everything below is keyed by client or plan: rows of clients the actor
    // may not see find no slot and are skipped. For a supervisor (scope "1")
    // the tables are read whole; for a counselor through their clients, which
    // reads a fifth of the rows.
    const auto scoped = [&](const char *whole, const char *throughClients) {
        return all ? QString::fromLatin1(whole) : QString::fromLatin1(throughClients).arg(scope);
    };
    {
        SqliteStatement q(handle, scoped("SELECT client_id, code FROM client_barriers",
                                         "SELECT b.client_id, b.code FROM clients c "
                                         "JOIN client_barriers b ON b.client_id = c.id WHERE %1"));
        while (q.next()) {
            const int slot = clientSlot.find(q.columnInt(0));
            const int code = slot < 0 ? -1 : valueOfCode<BarrierCode>(q.columnView(1));
            if (code >= 0 && code < 16) // ClientFacts::barriers has 16 bits
                snap.m_clients[slot].barriers |= quint16(1u << unsigned(code));
        }
        if (q.errorCode() != 0)
            return readError(db, handle, q.errorCode());
    }

    // The current plan of each client is its highest version: the unique
    // index plans(client_id, version) lists them in order, covering the plan id.
    QVector<qint64> planIds(ids.size(), -1); // by client slot
    {
        SqliteStatement q(handle,
                          scoped("SELECT client_id, id FROM plans ORDER BY client_id, version",
                                 "SELECT p.client_id, p.id FROM clients c JOIN plans p ON "
                                 "p.client_id = c.id WHERE %1 ORDER BY p.client_id, p.version"));
        while (q.next()) {
            const int slot = clientSlot.find(q.columnInt(0));
            if (slot >= 0)
                planIds[slot] = q.columnInt(1); // the last one read is the highest version
        }
        if (q.errorCode() != 0)
            return readError(db, handle, q.errorCode());
    }
    const SlotIndex planSlot(planIds);
    {
        // Through the covering index plans_review; plans never accepted ('none') are not read.
        SqliteStatement q(
            handle, QStringLiteral("SELECT id, review_status FROM plans "
                                   "WHERE review_status IN ('pending', 'approved', 'returned')"));
        while (q.next()) {
            const int slot = planSlot.find(q.columnInt(0));
            if (slot < 0)
                continue;
            const std::string_view code = q.columnView(1);
            snap.m_clients[slot].review = quint8(code == "pending"    ? ReviewStatus::Pending
                                                 : code == "approved" ? ReviewStatus::Approved
                                                 : code == "returned" ? ReviewStatus::Returned
                                                                      : ReviewStatus::None);
        }
        if (q.errorCode() != 0)
            return readError(db, handle, q.errorCode());
    }
    {
        // One scan of the steps in storage order, each reduced to a kind,
        // added up here: 2.5x faster than GROUP BY plan_id, which reads the
        // table through the (plan_id, position) index. Steps of older plan
        // versions find no slot. A plan's steps come one after the other.
        SqliteStatement q(handle, scoped("SELECT plan_id, CASE WHEN status = 'done' THEN 0 "
                                         "WHEN status = 'dropped' THEN 1 "
                                         "WHEN due_date < ?1 THEN 2 ELSE 3 END FROM plan_steps",
                                         "SELECT s.plan_id, CASE WHEN s.status = 'done' THEN 0 "
                                         "WHEN s.status = 'dropped' THEN 1 "
                                         "WHEN s.due_date < ?1 THEN 2 ELSE 3 END FROM clients c "
                                         "JOIN plans p ON p.client_id = c.id "
                                         "JOIN plan_steps s ON s.plan_id = p.id WHERE %1"));
        q.bind(1, snap.m_today.toString(Qt::ISODate));
        qint64 lastPlan = -1;
        int slot = -1;
        while (q.next()) {
            const qint64 plan = q.columnInt(0);
            if (plan != lastPlan) {
                lastPlan = plan;
                slot = planSlot.find(plan);
            }
            if (slot < 0)
                continue;
            DashboardSnapshot::ClientFacts &c = snap.m_clients[slot];
            switch (q.columnInt(1)) {
            case 0: // done
                ++c.stepsDone;
                ++c.stepsCounted;
                break;
            case 1: // dropped: not counted
                break;
            case 2: // planned or in progress, due before today
                ++c.overdueSteps;
                ++c.stepsCounted;
                break;
            default:
                ++c.stepsCounted;
                break;
            }
        }
        if (q.errorCode() != 0)
            return readError(db, handle, q.errorCode());
    }
    {
        // The newest note per client: the covering index case_notes(client_id, created_at).
        SqliteStatement q(
            handle, scoped("SELECT client_id, max(created_at) FROM case_notes GROUP BY client_id",
                           "SELECT n.client_id, max(n.created_at) FROM clients c "
                           "JOIN case_notes n ON n.client_id = c.id WHERE %1 "
                           "GROUP BY n.client_id"));
        while (q.next()) {
            const int slot = clientSlot.find(q.columnInt(0));
            if (slot >= 0)
                snap.m_clients[slot].lastNote = secondsOf(q.columnView(1));
        }
        if (q.errorCode() != 0)
            return readError(db, handle, q.errorCode());
    }
    return snap;
}

namespace dashboard {

Result<DashboardFigures> figures(Database &db, const DashboardFilter &filter)
{
    auto snapshot = loadDashboard(db, filter.today);
    if (!snapshot)
        return snapshot.error();
    return snapshot->figures(filter);
}

Result<QVector<qint64>> clientIds(Database &db, const DashboardFilter &filter, Figure figure,
                                  const QString &key)
{
    auto snapshot = loadDashboard(db, filter.today);
    if (!snapshot)
        return snapshot.error();
    return snapshot->clientIds(filter, figure, key);
}

} // namespace dashboard
} // namespace pathway
