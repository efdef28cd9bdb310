#include "pathway/storage/CaseloadRepository.h"

#include "pathway/core/NameKey.h"
#include "pathway/storage/Access.h"
#include "pathway/storage/Database.h"

#include "SqliteStatement.h"
#include "TableScan.h"

#include <QHash>
#include <QObject>
#include <QSet>
#include <QVariant>

#include <algorithm>
#include <limits>
#include <string_view>
#include <vector>

namespace pathway {

namespace {
// The statements behind rows(). The ids arrive as one JSON array in ?1,
// read with json_each: one prepared statement serves every page, and
// "IN (SELECT ...)" makes each id one seek on its table's key (an id given
// twice is read once). With "IN (?, ?, ...)" every page needed four
// statements with a placeholder per id, prepared anew and bound through
// QSqlQuery one placeholder at a time. ?2 and ?3 are the actor's scope
// (access::clientScopeValues).
const char *const kRowClients =
    "SELECT c.id, c.first_name, c.last_name, c.income_bracket, u.username, c.status, "
    "u.display_name, c.created_at FROM clients c LEFT JOIN users u ON u.id = c.counselor_id "
    "WHERE c.id IN (SELECT value FROM json_each(?1)) AND (?2 OR c.counselor_id = ?3)";
// All barriers, the most severe first, then in the order they were entered.
const char *const kRowBarriers =
    "SELECT client_id, code FROM client_barriers WHERE client_id IN (SELECT value FROM "
    "json_each(?1)) ORDER BY client_id, severity DESC, position";
// Progress of the current plan version (the highest version): one seek per
// client on plans(client_id, version), then its few steps on
// plan_steps(plan_id, position). `+s.due_date` counts the few steps of each
// plan through plan_id, not by walking every open step due before today in
// plan_steps_open_due.
const char *const kRowPlans =
    "SELECT p.client_id, "
    "(SELECT count(*) FROM plan_steps s WHERE s.plan_id = p.id AND s.status = 'done'), "
    "(SELECT count(*) FROM plan_steps s WHERE s.plan_id = p.id AND s.status <> 'dropped'), "
    "n.due_date, t.body, "
    "(SELECT count(*) FROM plan_steps s WHERE s.plan_id = p.id AND s.status IN "
    "('planned', 'in_progress') AND +s.due_date < ?2), "
    "p.review_status "
    "FROM plans p "
    "LEFT JOIN plan_steps n ON n.id = (SELECT s.id FROM plan_steps s WHERE s.plan_id = p.id "
    "AND s.status IN ('planned', 'in_progress') ORDER BY s.due_date, s.position LIMIT 1) "
    "LEFT JOIN plan_texts t ON t.id = n.title_id "
    "WHERE p.client_id IN (SELECT value FROM json_each(?1)) "
    "AND p.version = (SELECT MAX(v.version) FROM plans v WHERE v.client_id = p.client_id)";
// The newest case note, from case_notes(client_id, created_at).
const char *const kRowNotes =
    "SELECT client_id, MAX(created_at) FROM case_notes WHERE client_id IN (SELECT value FROM "
    "json_each(?1)) GROUP BY client_id";

// The statements behind matchingIds(). Without a name search every client
// of the scope comes in name order, with status and bracket, from a
// covering index: clients_caseload_order for everyone's clients,
// clients_caseload_counselor for one counselor's (?1). With one, a range of
// client_name_keys gives every match (with the sort key and the filter
// columns copied into its rows), sorted in memory. Parameters of the
// kKeys statements: see bindFilters.
const char *const kOrderAll =
    "SELECT c.id, c.status, c.income_bracket FROM clients c ORDER BY c.name_sort_key, c.id";
const char *const kOrderCounselor =
    "SELECT c.id, c.status, c.income_bracket FROM clients c WHERE c.counselor_id = ?1 "
    "ORDER BY c.name_sort_key, c.id";
const char *const kBarrierClients = "SELECT client_id FROM client_barriers WHERE code = ?";
const char *const kKeysAll =
    "SELECT k.client_id, k.sort_key, k.name_keys FROM client_name_keys k "
    "WHERE k.key >= ?5 AND k.key < ?6 AND (?1 IS NULL OR k.status = ?1) "
    "AND (?2 IS NULL OR k.income_bracket = ?2) "
    "AND (?3 IS NULL OR k.client_id IN (SELECT b.client_id FROM client_barriers b "
    "WHERE b.code = ?3))";
const char *const kKeysCounselor =
    "SELECT k.client_id, k.sort_key, k.name_keys FROM client_name_keys k "
    "WHERE k.key >= ?5 AND k.key < ?6 AND k.counselor_id = ?4 AND (?1 IS NULL OR k.status = ?1) "
    "AND (?2 IS NULL OR k.income_bracket = ?2) "
    "AND (?3 IS NULL OR k.client_id IN (SELECT b.client_id FROM client_barriers b "
    "WHERE b.code = ?3))";

// The statements behind forEachRow(): each reads its whole table once, in
// the order it is stored, with no seek per client.
const char *const kAllClients =
    "SELECT id, first_name, last_name, income_bracket, counselor_id, status, created_at "
    "FROM clients c "
    "WHERE ?1 OR c.counselor_id = ?2";
const char *const kAllUsers = "SELECT id, username, display_name FROM users";
const char *const kAllBarriers =
    "SELECT client_id, code FROM client_barriers ORDER BY client_id, severity DESC, position";
// The last row of each client is its current (highest) version.
const char *const kAllPlans =
    "SELECT client_id, id, review_status FROM plans ORDER BY client_id, version";
const char *const kAllSteps =
    "SELECT plan_id, status, due_date, position, title_id FROM plan_steps";
const char *const kAllTexts = "SELECT id, body FROM plan_texts";
const char *const kAllNotes =
    "SELECT client_id, MAX(created_at) FROM case_notes GROUP BY client_id";

// A stored created_at ("2026-11-23T11:22:07Z") as a UTC date and time;
// invalid when it cannot be read.
QDateTime intakeOf(std::string_view text)
{
    const qint64 secs = secondsOf(text);
    return secs == std::numeric_limits<qint64>::min()
               ? QDateTime()
               : QDateTime::fromSecsSinceEpoch(secs, Qt::UTC);
}

// Ends a statement that was read to its end: resets it and returns the
// error it stopped on, if any.
Status finishRead(Database &db, SqliteStatement &statement, const QString &what)
{
    Status result;
    if (statement.errorCode() != 0)
        result = db.statementError(statement, what);
    statement.reset();
    return result;
}

} // namespace

// The plan filters (overdue, review) work from the current plan version of
// every client, kept in memory: in SQL, checking each candidate plan's
// version (a correlated MAX per plan) and deduplicating the 130,000 overdue
// steps' plans in a temporary index took 170-280 ms on 100,000 clients for
// "overdue" and 150 ms for "approved", three to six times a name search.
// The map of current plans is read in one pass over the covering index of
// plans(client_id, version) and kept until the database changes (this
// connection's total_changes(), other connections' data_version).
Result<CaseloadRepository::ChangeStamp> CaseloadRepository::changeStamp()
{
    SqliteStatement &stamp =
        m_db.fast("SELECT total_changes(), (SELECT data_version FROM pragma_data_version)");
    const bool stamped = stamp.next();
    const ChangeStamp now{stamped ? stamp.columnInt(0) : -1, stamped ? stamp.columnInt(1) : -1};
    stamp.reset();
    if (!stamped)
        return m_db.statementError(stamp, QObject::tr("reading the caseload"));
    return now;
}

Status CaseloadRepository::refreshCurrentPlans()
{
    auto stamp = changeStamp();
    if (!stamp)
        return stamp.error();
    const qint64 changes = stamp->changes;
    const qint64 version = stamp->version;
    if (m_plans.changes == changes && m_plans.version == version)
        return {};

    m_plans = {};
    // The last row of each client is its current (highest) version.
    SqliteStatement &versions =
        m_db.fast("SELECT client_id, id FROM plans ORDER BY client_id, version");
    qint64 client = 0;
    qint64 current = 0;
    while (versions.next()) {
        const qint64 c = versions.columnInt(0);
        if (c != client && client != 0)
            m_plans.clientOf.insert(current, client);
        client = c;
        current = versions.columnInt(1);
    }
    if (client != 0)
        m_plans.clientOf.insert(current, client);
    if (Status read = finishRead(m_db, versions, QObject::tr("reading the caseload's plans"));
        !read) {
        m_plans = {};
        return read;
    }
    m_plans.changes = changes;
    m_plans.version = version;
    return {};
}

// Clients whose current plan version has a planned or in-progress step due
// before `today`, from the partial index plan_steps_open_due (it holds the
// planned and in-progress steps only). Kept with the plans map.
Result<QSet<qint64>> CaseloadRepository::overdueClients(const QDate &today)
{
    if (Status fresh = refreshCurrentPlans(); !fresh)
        return fresh.error();
    if (m_plans.overdueDay == today)
        return m_plans.overdue;
    SqliteStatement &steps =
        m_db.fast("SELECT s.plan_id FROM plan_steps s WHERE s.status IN ('planned', "
                  "'in_progress') AND s.due_date < ?");
    steps.bind(1, today.toString(Qt::ISODate));
    QSet<qint64> out;
    while (steps.next()) {
        const auto client = m_plans.clientOf.constFind(steps.columnInt(0));
        if (client != m_plans.clientOf.constEnd())
            out.insert(*client);
    }
    if (Status read = finishRead(m_db, steps, QObject::tr("looking for overdue steps")); !read)
        return read.error();
    m_plans.overdueDay = today;
    m_plans.overdue = out;
    return out;
}

// Clients whose current plan version has review status `review`, from the
// index plans_review (review_status, client_id).
Result<QSet<qint64>> CaseloadRepository::reviewClients(ReviewStatus review)
{
    if (Status fresh = refreshCurrentPlans(); !fresh)
        return fresh.error();
    SqliteStatement &plans = m_db.fast("SELECT id FROM plans WHERE review_status = ?");
    plans.bind(1, reviewStatusCode(review));
    QSet<qint64> out;
    while (plans.next()) {
        const auto client = m_plans.clientOf.constFind(plans.columnInt(0));
        if (client != m_plans.clientOf.constEnd())
            out.insert(*client);
    }
    if (Status read = finishRead(m_db, plans, QObject::tr("reading plan reviews")); !read)
        return read.error();
    return out;
}

Result<QVector<qint64>> CaseloadRepository::matchingIds(const CaseloadFilter &filter)
{
    if (const Status signedIn = access::requireSignedIn(m_db); !signedIn)
        return signedIn.error();
    // Plan filters: sets of client ids, applied to the ids the query returns.
    std::vector<QSet<qint64>> planFilters;
    if (filter.overdueOnly) {
        auto found = overdueClients(filter.today.isValid() ? filter.today : QDate::currentDate());
        if (!found)
            return found.error();
        planFilters.push_back(std::move(found).value());
    }
    if (filter.review) {
        auto found = reviewClients(*filter.review);
        if (!found)
            return found.error();
        planFilters.push_back(std::move(found).value());
    }

    // Whose clients: the actor's own for a counselor, and the counselor
    // the filter names (nobody's when the two differ).
    std::optional<qint64> counselor;
    if (const access::ClientScopeValues scope = access::clientScopeValues(m_db); !scope.all)
        counselor = scope.counselorId;
    if (!filter.counselor.isEmpty()) {
        SqliteStatement &user = m_db.fast("SELECT id FROM users WHERE username = ?");
        user.bind(1, filter.counselor);
        const bool known = user.next();
        const qint64 id = known ? user.columnInt(0) : 0;
        if (known)
            user.reset();
        else if (Status read = finishRead(m_db, user, QObject::tr("searching the caseload")); !read)
            return read.error();
        if (!known || (counselor && *counselor != id))
            return QVector<qint64>();
        counselor = id;
    }

    const QStringList words = nameKey::searchWords(filter.text);
    auto found =
        words.isEmpty() ? idsInOrder(filter, counselor) : idsByName(words, filter, counselor);
    if (!found || planFilters.empty())
        return found;
    QVector<qint64> ids;
    for (const qint64 id : std::as_const(found.value())) {
        if (std::all_of(planFilters.cbegin(), planFilters.cend(),
                        [id](const QSet<qint64> &set) { return set.contains(id); }))
            ids.append(id);
    }
    return ids;
}

namespace {
// Binds the filters of the name search's statements (kKeysAll,
// kKeysCounselor): ?1 status, ?2 bracket, ?3 barrier (codes, NULL for any),
// ?4 counselor id (in kKeysCounselor).
void bindFilters(SqliteStatement &q, const CaseloadFilter &filter,
                 const std::optional<qint64> &counselor)
{
    if (filter.status)
        q.bind(1, toCode(*filter.status));
    else
        q.bindNull(1);
    if (filter.bracket)
        q.bind(2, toCode(*filter.bracket));
    else
        q.bindNull(2);
    if (filter.barrier)
        q.bind(3, toCode(*filter.barrier));
    else
        q.bindNull(3);
    if (counselor)
        q.bind(4, *counselor);
}
} // namespace

Result<QVector<qint64>> CaseloadRepository::idsInOrder(const CaseloadFilter &filter,
                                                       const std::optional<qint64> &counselor)
{
    // Every client of the scope in name order, with status and bracket, is
    // read once and kept until the database changes; the status, bracket
    // and barrier filters are then applied in memory. At 1,000,000 clients
    // reading the list takes about 250 ms of CPU, filtering it 5 ms: a
    // filter change, or clearing the search box, costs the read only after
    // something was written.
    auto stamp = changeStamp();
    if (!stamp)
        return stamp.error();
    if (!m_order.valid || !(m_order.stamp == stamp.value()) || m_order.counselor != counselor) {
        m_order.valid = false;
        m_order.entries.clear();
        SqliteStatement &q = m_db.fast(counselor ? kOrderCounselor : kOrderAll);
        if (counselor)
            q.bind(1, *counselor);
        qint64 highest = 0;
        while (q.next()) {
            const qint64 id = q.columnInt(0);
            highest = std::max(highest, id);
            m_order.entries.push_back(
                {id, qint8(fromCode<ClientStatus>(q.columnView(1)).value_or(ClientStatus::Active)),
                 qint8(fromCode<IncomeBracket>(q.columnView(2)).value_or(IncomeBracket::Middle))});
        }
        if (Status read = finishRead(m_db, q, QObject::tr("searching the caseload")); !read)
            return read.error();
        m_order = {true, stamp.value(), counselor, std::move(m_order.entries), highest};
    }

    // The barrier's clients, by id (ids are nearly dense).
    std::vector<bool> withBarrier;
    if (filter.barrier) {
        withBarrier.assign(size_t(m_order.highestId) + 1, false);
        SqliteStatement &b = m_db.fast(kBarrierClients);
        b.bind(1, toCode(*filter.barrier));
        while (b.next()) {
            const qint64 id = b.columnInt(0);
            if (id >= 0 && id <= m_order.highestId)
                withBarrier[size_t(id)] = true;
        }
        if (Status read = finishRead(m_db, b, QObject::tr("searching the caseload")); !read)
            return read.error();
    }
    const int status = filter.status ? int(*filter.status) : -1;
    const int bracket = filter.bracket ? int(*filter.bracket) : -1;
    QVector<qint64> ids;
    ids.reserve(qsizetype(m_order.entries.size()));
    for (const OrderEntry &e : m_order.entries) {
        if ((status < 0 || e.status == status) && (bracket < 0 || e.bracket == bracket) &&
            (!filter.barrier || withBarrier[size_t(e.id)]))
            ids.append(e.id);
    }
    return ids;
}

Result<QVector<qint64>> CaseloadRepository::idsByName(const QStringList &words,
                                                      const CaseloadFilter &filter,
                                                      const std::optional<qint64> &counselor)
{
    // One range of client_name_keys is read, for the longest word (the one
    // likely to match fewest keys); the other words are checked against
    // each row's name_keys.
    qsizetype driver = 0;
    for (qsizetype i = 1; i < words.size(); ++i) {
        if (words[i].size() > words[driver].size())
            driver = i;
    }
    const QString end = nameKey::prefixEnd(words[driver]);
    if (end.isEmpty())
        return QVector<qint64>(); // a word of U+10FFFF only, which no name holds
    QList<QByteArray> others;
    for (qsizetype i = 0; i < words.size(); ++i) {
        if (i != driver)
            others.append(words[i].toUtf8());
    }

    SqliteStatement &q = m_db.fast(counselor ? kKeysCounselor : kKeysAll);
    bindFilters(q, filter, counselor);
    q.bind(5, words[driver]);
    q.bind(6, end);

    // When the whole list of the scope in name order is at hand and still
    // current (it is what the window showed before the first letter was
    // typed), the hits only need marking: walking the list picks them out
    // in order, each once. A one-letter search at 1,000,000 clients finds
    // 160,000 rows; marking them and walking the list costs about a third
    // of sorting them.
    auto stamp = changeStamp();
    if (!stamp)
        return stamp.error();
    if (m_order.valid && m_order.stamp == stamp.value() && m_order.counselor == counselor) {
        std::vector<bool> &found = m_found;
        found.assign(size_t(m_order.highestId) + 1, false);
        qint64 count = 0;
        while (q.next()) {
            if (!others.isEmpty() && !nameKey::matchesJoined(others, q.columnView(2)))
                continue;
            const qint64 id = q.columnInt(0);
            if (id >= 0 && id <= m_order.highestId && !found[size_t(id)]) {
                found[size_t(id)] = true;
                ++count;
            }
        }
        if (Status read = finishRead(m_db, q, QObject::tr("searching the caseload")); !read)
            return read.error();
        QVector<qint64> ids;
        ids.reserve(count);
        for (const OrderEntry &e : m_order.entries) {
            if (found[size_t(e.id)])
                ids.append(e.id);
        }
        return ids;
    }

    // Otherwise the hits are sorted here. The sort keys go into one buffer; each hit keeps where
    // its key is and its first eight bytes as a number, which settles most comparisons. The buffers
    // are kept from one search to the next: at a million clients a one-letter search finds 160,000
    // rows, and fresh memory for them cost more than reading them.
    std::vector<Hit> &hits = m_hits;
    std::vector<char> &bytes = m_sortKeys;
    hits.clear();
    bytes.clear();
    // The index gives the rows of each key in (sort key, id) order: the
    // hits come as sorted runs, one per key in the range; where one starts
    // is noted, so that merging the runs sorts them.
    std::vector<size_t> runs;
    const auto before = [&bytes](const Hit &a, const Hit &b) {
        if (a.head != b.head)
            return a.head < b.head;
        const int order = std::string_view(bytes.data() + a.offset, a.length)
                              .compare(std::string_view(bytes.data() + b.offset, b.length));
        if (order != 0)
            return order < 0;
        return a.id < b.id;
    };
    while (q.next()) {
        if (!others.isEmpty() && !nameKey::matchesJoined(others, q.columnView(2)))
            continue;
        const std::string_view key = q.columnBlob(1);
        quint64 head = 0;
        for (size_t i = 0; i < 8; ++i)
            head = (head << 8) | (i < key.size() ? quint8(key[i]) : 0u);
        hits.push_back({head, q.columnInt(0), quint32(bytes.size()), quint32(key.size())});
        bytes.insert(bytes.end(), key.begin(), key.end());
        if (hits.size() == 1 || before(hits.back(), hits[hits.size() - 2]))
            runs.push_back(hits.size() - 1);
    }
    if (Status read = finishRead(m_db, q, QObject::tr("searching the caseload")); !read)
        return read.error();

    // Merge neighbouring runs, pass after pass, between two buffers: about
    // log2(runs) passes over the hits instead of a sort's log2(hits).
    std::vector<Hit> &other = m_merged;
    other.resize(hits.size());
    runs.push_back(hits.size());
    while (runs.size() > 2) {
        std::vector<size_t> merged;
        merged.reserve(runs.size() / 2 + 2);
        size_t r = 0;
        for (; r + 2 < runs.size(); r += 2) {
            std::merge(hits.begin() + qsizetype(runs[r]), hits.begin() + qsizetype(runs[r + 1]),
                       hits.begin() + qsizetype(runs[r + 1]), hits.begin() + qsizetype(runs[r + 2]),
                       other.begin() + qsizetype(runs[r]), before);
            merged.push_back(runs[r]);
        }
        if (r + 1 < runs.size()) { // an odd run out: copied as it is
            std::copy(hits.begin() + qsizetype(runs[r]), hits.begin() + qsizetype(runs[r + 1]),
                      other.begin() + qsizetype(runs[r]));
            merged.push_back(runs[r]);
        }
        merged.push_back(hits.size());
        hits.swap(other);
        runs.swap(merged);
    }
    // A client found through two of its keys ("m" in María Martínez) comes
    // twice, side by side.
    QVector<qint64> ids;
    ids.reserve(qsizetype(hits.size()));
    for (const Hit &hit : hits) {
        if (ids.isEmpty() || ids.constLast() != hit.id)
            ids.append(hit.id);
    }
    return ids;
}

Result<QVector<CaseloadRow>> CaseloadRepository::rows(const QVector<qint64> &ids,
                                                      const QDate &today)
{
    if (const Status signedIn = access::requireSignedIn(m_db); !signedIn)
        return signedIn.error();
    if (ids.isEmpty())
        return QVector<CaseloadRow>();
    // The ids go in as one JSON array: four statements prepared once, for
    // any number of ids (see the comment above kRowClients).
    QByteArray json;
    json.reserve(ids.size() * 8 + 2);
    json += '[';
    for (qsizetype i = 0; i < ids.size(); ++i) {
        if (i > 0)
            json += ',';
        json += QByteArray::number(ids[i]);
    }
    json += ']';
    const QString idList = QString::fromLatin1(json);

    SqliteStatement &clients = m_db.fast(kRowClients);
    const access::ClientScopeValues scope = access::clientScopeValues(m_db);
    clients.bind(1, idList);
    clients.bind(2, scope.all);
    clients.bind(3, scope.counselorId);
    QHash<qint64, CaseloadRow> byId;
    byId.reserve(ids.size());
    while (clients.next()) {
        CaseloadRow r;
        r.id = clients.columnInt(0);
        r.firstName = clients.columnText(1);
        r.lastName = clients.columnText(2);
        r.bracket = fromCode<IncomeBracket>(clients.columnText(3)).value_or(IncomeBracket::Middle);
        r.counselor = clients.columnText(4);
        r.status = fromCode<ClientStatus>(clients.columnText(5)).value_or(ClientStatus::Active);
        r.counselorName = clients.columnText(6);
        r.intake = intakeOf(clients.columnView(7));
        byId.insert(r.id, r);
    }
    if (Status read = finishRead(m_db, clients, QObject::tr("reading the caseload")); !read)
        return read.error();

    SqliteStatement &barriers = m_db.fast(kRowBarriers);
    barriers.bind(1, idList);
    while (barriers.next()) {
        auto it = byId.find(barriers.columnInt(0));
        if (it == byId.end())
            continue;
        if (auto code = fromCode<BarrierCode>(barriers.columnText(1)))
            it->barriers.append(*code);
    }
    if (Status read = finishRead(m_db, barriers, QObject::tr("reading the caseload")); !read)
        return read.error();

    SqliteStatement &plans = m_db.fast(kRowPlans);
    plans.bind(1, idList);
    plans.bind(2, today.toString(Qt::ISODate));
    while (plans.next()) {
        auto it = byId.find(plans.columnInt(0));
        if (it == byId.end())
            continue;
        it->stepsDone = int(plans.columnInt(1));
        it->stepsTotal = int(plans.columnInt(2));
        it->nextDueDate = QDate::fromString(plans.columnText(3), Qt::ISODate);
        it->nextDueTitle = plans.columnText(4);
        it->overdueSteps = int(plans.columnInt(5));
        it->review = reviewStatusFromCode(plans.columnText(6));
    }
    if (Status read = finishRead(m_db, plans, QObject::tr("reading the caseload's plans")); !read)
        return read.error();

    SqliteStatement &notes = m_db.fast(kRowNotes);
    notes.bind(1, idList);
    while (notes.next()) {
        auto it = byId.find(notes.columnInt(0));
        if (it != byId.end() && !notes.columnIsNull(1))
            it->lastContact = QDateTime::fromString(notes.columnText(1), Qt::ISODate);
    }
    if (Status read = finishRead(m_db, notes, QObject::tr("reading the caseload's notes")); !read)
        return read.error();

    QVector<CaseloadRow> out;
    out.reserve(ids.size());
    for (qint64 id : ids) {
        auto it = byId.find(id);
        if (it != byId.end()) {
            it->topBarriers = it->barriers;
            out.append(*it);
        }
    }
    return out;
}

Status CaseloadRepository::forEachRow(const QVector<qint64> &ids, const QDate &today,
                                      const std::function<Status(const CaseloadRow &)> &sink)
{
    if (const Status signedIn = access::requireSignedIn(m_db); !signedIn)
        return signedIn;
    if (ids.isEmpty())
        return {};

    // A few clients are cheaper to seek one by one, as rows() does, than to
    // read every table for; the two take the same time at about a seventh
    // of the clients (docs/performance.md). The highest client id stands in
    // for their number.
    SqliteStatement &highest = m_db.fast("SELECT max(id) FROM clients");
    const bool counted = highest.next();
    const qint64 clientIds = counted ? highest.columnInt(0) : 0;
    if (counted)
        highest.reset();
    else if (Status read = finishRead(m_db, highest, QObject::tr("reading the caseload")); !read)
        return read;
    if (ids.size() * 7 < clientIds) {
        return m_db.readTransaction([&]() -> Status {
            constexpr qsizetype kPage = 500;
            for (qsizetype start = 0; start < ids.size(); start += kPage) {
                auto page = rows(ids.mid(start, kPage), today);
                if (!page)
                    return page.error();
                for (const CaseloadRow &row : std::as_const(page.value()))
                    if (Status emitted = sink(row); !emitted)
                        return emitted;
            }
            return {};
        });
    }

    return m_db.readTransaction([&]() -> Status {
        // The clients asked for, as far as the actor may see them, by slot
        // (an id asked for twice shares one).
        struct Client
        {
            QString firstName;
            QString lastName;
            qint64 counselorId = 0;
            IncomeBracket bracket = IncomeBracket::Middle;
            ClientStatus status = ClientStatus::Active;
            bool visible = false;
            QVector<BarrierCode> barriers;
            QDateTime lastContact;
            QDateTime intake;
            // Of the current plan version.
            ReviewStatus review = ReviewStatus::None;
            int done = 0;
            int total = 0;
            int overdue = 0;
            int nextDue = 0; // dayKey of the earliest open step
            qint64 nextPosition = 0;
            qint64 nextTitleId = 0;
        };
        const SlotIndex clientSlot(ids);
        std::vector<Client> clients(size_t(ids.size()));
        const auto visible = [&](qint64 id) -> Client * {
            const int slot = clientSlot.find(id);
            return slot >= 0 && clients[size_t(slot)].visible ? &clients[size_t(slot)] : nullptr;
        };

        const access::ClientScopeValues scope = access::clientScopeValues(m_db);
        SqliteStatement &c = m_db.fast(kAllClients);
        c.bind(1, scope.all);
        c.bind(2, scope.counselorId);
        while (c.next()) {
            const int slot = clientSlot.find(c.columnInt(0));
            if (slot < 0)
                continue;
            Client &client = clients[size_t(slot)];
            client.firstName = c.columnText(1);
            client.lastName = c.columnText(2);
            client.bracket =
                fromCode<IncomeBracket>(c.columnView(3)).value_or(IncomeBracket::Middle);
            client.counselorId = c.columnInt(4);
            client.status = fromCode<ClientStatus>(c.columnView(5)).value_or(ClientStatus::Active);
            client.intake = intakeOf(c.columnView(6));
            client.visible = true;
        }
        if (Status read = finishRead(m_db, c, QObject::tr("reading the caseload")); !read)
            return read;

        QHash<qint64, std::pair<QString, QString>> users; // id -> user name, display name
        SqliteStatement &u = m_db.fast(kAllUsers);
        while (u.next())
            users.insert(u.columnInt(0), {u.columnText(1), u.columnText(2)});
        if (Status read = finishRead(m_db, u, QObject::tr("reading the caseload's counselors"));
            !read)
            return read;

        SqliteStatement &b = m_db.fast(kAllBarriers);
        while (b.next()) {
            Client *client = visible(b.columnInt(0));
            if (!client)
                continue;
            if (auto code = fromCode<BarrierCode>(b.columnView(1)))
                client->barriers.append(*code);
        }
        if (Status read = finishRead(m_db, b, QObject::tr("reading the caseload's barriers"));
            !read)
            return read;

        // The current plan of each client (the last version read), then its
        // steps counted in one pass over every step.
        QVector<qint64> planIds(ids.size(), -1); // by client slot
        SqliteStatement &p = m_db.fast(kAllPlans);
        while (p.next()) {
            const int slot = clientSlot.find(p.columnInt(0));
            if (slot < 0 || !clients[size_t(slot)].visible)
                continue;
            planIds[slot] = p.columnInt(1);
            clients[size_t(slot)].review = reviewStatusFromCode(p.columnText(2));
        }
        if (Status read = finishRead(m_db, p, QObject::tr("reading the caseload's plans")); !read)
            return read;
        const SlotIndex planSlot(planIds);

        const int todayKey = dayKey(today.toString(Qt::ISODate).toStdString());
        SqliteStatement &s = m_db.fast(kAllSteps);
        // A plan's steps are stored together, so the plan is looked up once
        // per run of its steps rather than once per step.
        qint64 lastPlan = -1;
        Client *counted = nullptr;
        while (s.next()) {
            if (const qint64 plan = s.columnInt(0); plan != lastPlan) {
                lastPlan = plan;
                const int slot = planSlot.find(plan);
                counted = slot >= 0 ? &clients[size_t(slot)] : nullptr;
            }
            if (!counted)
                continue;
            const std::string_view status = s.columnView(1);
            if (status == "dropped")
                continue;
            ++counted->total;
            if (status == "done") {
                ++counted->done;
                continue;
            }
            if (status != "planned" && status != "in_progress")
                continue;
            const int due = dayKey(s.columnView(2));
            if (due != 0 && due < todayKey)
                ++counted->overdue;
            const qint64 position = s.columnInt(3);
            // The earliest due date first, then the lowest position (a
            // damaged date, read as 0, comes last).
            const auto before = [](int dueA, qint64 posA, int dueB, qint64 posB) {
                if (dueA != dueB)
                    return dueB == 0 || (dueA != 0 && dueA < dueB);
                return posA < posB;
            };
            if (counted->nextTitleId == 0 ||
                before(due, position, counted->nextDue, counted->nextPosition)) {
                counted->nextDue = due;
                counted->nextPosition = position;
                counted->nextTitleId = s.columnInt(4);
            }
        }
        if (Status read = finishRead(m_db, s, QObject::tr("reading the caseload's plan steps"));
            !read)
            return read;

        QHash<qint64, QString> titles;
        for (const Client &client : clients)
            if (client.nextTitleId != 0)
                titles.insert(client.nextTitleId, QString());
        SqliteStatement &t = m_db.fast(kAllTexts);
        while (t.next()) {
            auto title = titles.find(t.columnInt(0));
            if (title != titles.end())
                *title = t.columnText(1);
        }
        if (Status read = finishRead(m_db, t, QObject::tr("reading the caseload's plan steps"));
            !read)
            return read;

        SqliteStatement &n = m_db.fast(kAllNotes);
        while (n.next()) {
            Client *client = visible(n.columnInt(0));
            if (client && !n.columnIsNull(1))
                client->lastContact = QDateTime::fromString(n.columnText(1), Qt::ISODate);
        }
        if (Status read = finishRead(m_db, n, QObject::tr("reading the caseload's notes")); !read)
            return read;

        for (qint64 id : ids) {
            const int slot = clientSlot.find(id);
            if (slot < 0 || !clients[size_t(slot)].visible)
                continue;
            const Client &client = clients[size_t(slot)];
            CaseloadRow row;
            row.id = id;
            row.firstName = client.firstName;
            row.lastName = client.lastName;
            row.bracket = client.bracket;
            row.barriers = client.barriers;
            row.topBarriers = client.barriers;
            if (const auto user = users.constFind(client.counselorId); user != users.constEnd()) {
                row.counselor = user->first;
                row.counselorName = user->second;
            }
            row.status = client.status;
            row.stepsDone = client.done;
            row.stepsTotal = client.total;
            row.nextDueDate = dateOfKey(client.nextDue);
            row.nextDueTitle = titles.value(client.nextTitleId);
            row.overdueSteps = client.overdue;
            row.review = client.review;
            row.lastContact = client.lastContact;
            row.intake = client.intake;
            if (Status emitted = sink(row); !emitted)
                return emitted;
        }
        return {};
    });
}

} // namespace pathway
