#include "pathway/storage/ClientRepository.h"

#include "pathway/core/IncomeThresholds.h"
#include "pathway/core/Validation.h"
#include "pathway/storage/Access.h"
#include "pathway/storage/Database.h"
#include "pathway/storage/UserRepository.h"

#include "NameKeyWriter.h"
#include "SqliteStatement.h"

#include <QDateTime>
#include <QObject>
#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>

#include <algorithm>

namespace pathway {

namespace {

const QLatin1Char kListSeparator('\n'); // validation forbids newlines in list items

QString joinList(const QStringList &list)
{
    return list.join(kListSeparator);
}
QStringList splitList(const QString &text)
{
    return text.isEmpty() ? QStringList() : text.split(kListSeparator);
}

template <typename E> E codeOr(const QString &code, E fallback)
{
    return fromCode<E>(code).value_or(fallback);
}

// Column order of kSelectClients, read by readClient.
const char *const kSelectClients =
    "SELECT c.id, c.first_name, c.last_name, c.date_of_birth, c.email, c.phone, c.address, "
    "c.household_size, c.annual_income, c.employment_status, c.weeks_unemployed, c.independence, "
    "c.income_bracket_override, c.income_bracket_reason, c.education_level, c.skills, "
    "c.interests, u.username, c.status FROM clients c LEFT JOIN users u ON u.id = c.counselor_id";

Client readClient(const QSqlQuery &q)
{
    Client c;
    c.id = q.value(0).toLongLong();
    c.firstName = q.value(1).toString();
    c.lastName = q.value(2).toString();
    c.dateOfBirth = QDate::fromString(q.value(3).toString(), Qt::ISODate);
    c.email = q.value(4).toString();
    c.phone = q.value(5).toString();
    c.address = q.value(6).toString();
    c.householdSize = q.value(7).toInt();
    c.annualIncome = q.value(8).toLongLong();
    c.employmentStatus = codeOr(q.value(9).toString(), EmploymentStatus::Unemployed);
    c.weeksUnemployed = q.value(10).toInt();
    c.independence = codeOr(q.value(11).toString(), Independence::Independent);
    if (!q.value(12).isNull())
        c.incomeBracketOverride = fromCode<IncomeBracket>(q.value(12).toString());
    c.incomeBracketReason = q.value(13).toString();
    c.educationLevel = codeOr(q.value(14).toString(), EducationLevel::Secondary);
    c.skills = splitList(q.value(15).toString());
    c.interests = splitList(q.value(16).toString());
    c.counselor = q.value(17).toString();
    c.status = codeOr(q.value(18).toString(), ClientStatus::Active);
    return c;
}

// What the name key rows hold of client `c` as it is stored (the bracket in
// effect, codes); the sort key comes from the writer.
NameKeyWriter::Entry nameEntry(const Client &c, const IncomeThresholds &thresholds,
                               qint64 counselorId, const NameKeyWriter &names)
{
    NameKeyWriter::Entry e;
    e.id = c.id;
    e.firstName = c.firstName;
    e.lastName = c.lastName;
    e.sortKey = names.sortKey(c.firstName, c.lastName);
    e.status = toCode(c.status);
    e.bracket = toCode(thresholds.bracketFor(c));
    e.counselorId = counselorId;
    return e;
}

// Binds parameters 1 to 19, the profile columns shared by INSERT and UPDATE.
void bindProfile(SqliteStatement &q, const Client &c, const IncomeThresholds &thresholds,
                 qint64 counselorId)
{
    q.bind(1, c.firstName);
    q.bind(2, c.lastName);
    q.bind(3, c.dateOfBirth.toString(Qt::ISODate));
    q.bind(4, c.email);
    q.bind(5, c.phone);
    q.bind(6, c.address);
    q.bind(7, c.householdSize);
    q.bind(8, c.annualIncome);
    q.bind(9, toCode(c.employmentStatus));
    q.bind(10, c.weeksUnemployed);
    q.bind(11, toCode(c.independence));
    q.bind(12, toCode(thresholds.bracketFor(c)));
    if (c.incomeBracketOverride)
        q.bind(13, toCode(*c.incomeBracketOverride));
    else
        q.bindNull(13);
    q.bind(14, c.incomeBracketReason);
    q.bind(15, toCode(c.educationLevel));
    q.bind(16, joinList(c.skills));
    q.bind(17, joinList(c.interests));
    if (counselorId)
        q.bind(18, counselorId);
    else
        q.bindNull(18);
    q.bind(19, toCode(c.status));
}

Error invalid(const Client &c, const QVector<FieldError> &errors)
{
    return Error{Error::Code::Invalid,
                 QObject::tr("Client %1 is not valid: %2").arg(c.fullName(), describe(errors))};
}

const QString kClientEntity = QStringLiteral("client");

// The parts of a profile that differ, for the audit trail: section names and
// user names only, never the values themselves.
QString changedSections(const Client &a, const Client &b)
{
    QStringList out;
    const auto note = [&out](bool changed, const char *section) {
        if (changed)
            out << QString::fromLatin1(section);
    };
    note(a.firstName != b.firstName || a.lastName != b.lastName, "name");
    note(a.dateOfBirth != b.dateOfBirth, "date of birth");
    note(a.email != b.email || a.phone != b.phone || a.address != b.address, "contact");
    note(a.householdSize != b.householdSize || a.annualIncome != b.annualIncome, "household");
    note(a.incomeBracketOverride != b.incomeBracketOverride ||
             a.incomeBracketReason != b.incomeBracketReason,
         "bracket override");
    note(a.employmentStatus != b.employmentStatus || a.weeksUnemployed != b.weeksUnemployed,
         "employment");
    note(a.independence != b.independence, "independence");
    note(a.educationLevel != b.educationLevel, "education");
    note(a.skills != b.skills, "skills");
    note(a.interests != b.interests, "interests");
    note(a.barriers != b.barriers, "barriers");
    note(a.goals != b.goals, "goals");
    note(a.status != b.status, "status");
    if (a.counselor != b.counselor)
        out << QStringLiteral("counselor %1 to %2")
                   .arg(a.counselor.isEmpty() ? QStringLiteral("(none)") : a.counselor,
                        b.counselor.isEmpty() ? QStringLiteral("(none)") : b.counselor);
    return out.isEmpty() ? QStringLiteral("no change") : out.join(QStringLiteral(", "));
}

} // namespace

ClientRepository::ClientRepository(Database &db, const IncomeThresholds &thresholds)
    : m_db(db), m_thresholds(thresholds)
{}

Result<qint64> ClientRepository::counselorId(const QString &username)
{
    if (username.isEmpty())
        return qint64(0);
    if (m_rollbacksSeen != m_db.rollbacks()) {
        m_counselorIds.clear(); // a user created in a rolled-back transaction is gone
        m_rollbacksSeen = m_db.rollbacks();
    }
    const auto cached = m_counselorIds.constFind(username);
    if (cached != m_counselorIds.constEnd())
        return *cached;
    // A counselor the database does not know (an exchange file from
    // another office) gets an account without a password, audited.
    auto id = UserRepository(m_db).ensure(username, QString(), Role::Counselor,
                                          QStringLiteral("named as a client's counselor"));
    if (id)
        m_counselorIds.insert(username, id.value());
    return id;
}

Result<QString> ClientRepository::assignedCounselor(const QString &requested) const
{
    const Actor &actor = m_db.actor();
    QString counselor = requested;
    if (counselor.isEmpty() && actor.kind == Actor::Kind::Person && !actor.seesAllClients())
        counselor = actor.username;
    if (const Status allowed = access::checkAssignment(m_db, counselor); !allowed)
        return allowed.error();
    return counselor;
}

Status ClientRepository::insert(Client &c, bool validate, NameKeyWriter &names)
{
    if (validate) {
        if (const auto errors = validateClient(c); !errors.isEmpty())
            return invalid(c, errors);
    }
    auto counselor = counselorId(c.counselor);
    if (!counselor)
        return counselor.error();
    NameKeyWriter::Entry entry = nameEntry(c, m_thresholds, counselor.value(), names);
    const QString now = QDateTime::currentDateTimeUtc().toString(Qt::ISODate);
    SqliteStatement &q = m_db.fast(
        "INSERT INTO clients (first_name, last_name, date_of_birth, email, phone, address, "
        "household_size, annual_income, employment_status, weeks_unemployed, independence, "
        "income_bracket, income_bracket_override, income_bracket_reason, education_level, skills, "
        "interests, counselor_id, status, created_at, updated_at, name_sort_key) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    bindProfile(q, c, m_thresholds, counselor.value());
    q.bind(20, now);
    q.bind(21, now);
    q.bindBlob(22, entry.sortKey);
    if (!q.run())
        return m_db.statementError(q, QObject::tr("adding client %1").arg(c.fullName()));
    c.id = q.lastInsertId();
    entry.id = c.id;
    if (Status s = names.insert(entry); !s)
        return s;
    return writeChildren(c);
}

Status ClientRepository::writeChildren(const Client &c)
{
    SqliteStatement &b = m_db.fast("INSERT INTO client_barriers (client_id, position, code, "
                                   "severity, note) VALUES (?, ?, ?, ?, ?)");
    for (int i = 0; i < c.barriers.size(); ++i) {
        b.bind(1, c.id);
        b.bind(2, i);
        b.bind(3, toCode(c.barriers[i].code));
        b.bind(4, c.barriers[i].severity);
        b.bind(5, c.barriers[i].note);
        if (!b.run())
            return m_db.statementError(b, QObject::tr("saving barriers of %1").arg(c.fullName()));
    }
    SqliteStatement &g =
        m_db.fast("INSERT INTO client_goals (client_id, position, code) VALUES (?, ?, ?)");
    for (int i = 0; i < c.goals.size(); ++i) {
        g.bind(1, c.id);
        g.bind(2, i);
        g.bind(3, toCode(c.goals[i]));
        if (!g.run())
            return m_db.statementError(g, QObject::tr("saving goals of %1").arg(c.fullName()));
    }
    return {};
}

Result<qint64> ClientRepository::add(const Client &client)
{
    auto counselor = assignedCounselor(client.counselor);
    if (!counselor)
        return counselor.error();
    Client copy = client;
    copy.counselor = counselor.value();
    const Status done = m_db.transaction([&]() -> Status {
        NameKeyWriter names(m_db);
        if (Status s = insert(copy, true, names); !s)
            return s;
        return audit::record(m_db, AuditAction::Create, kClientEntity, copy.id);
    });
    if (!done) {
        m_counselorIds.clear(); // a user created in the rolled-back transaction is gone
        return done.error();
    }
    return copy.id;
}

Status ClientRepository::addMany(QVector<Client> &clients, const std::function<bool(int)> &progress,
                                 AuditAction action)
{
    if (const Status signedIn = access::requireSignedIn(m_db); !signedIn)
        return signedIn;
    // Validate and check every assignment first: all or nothing, and no
    // half-open transaction while a person reads a long list of problems.
    QVector<QString> counselors;
    counselors.reserve(clients.size());
    for (const Client &c : clients) {
        if (const auto errors = validateClient(c); !errors.isEmpty())
            return invalid(c, errors);
        auto counselor = assignedCounselor(c.counselor);
        if (!counselor)
            return counselor.error();
        counselors.append(counselor.value());
    }
    QVector<qint64> ids;
    ids.reserve(clients.size());
    const Status done = m_db.transaction([&]() -> Status {
        Bulk bulk(*this);
        if (Status begun = bulk.begin(); !begun)
            return begun;
        for (int i = 0; i < clients.size(); ++i) {
            Client copy = clients[i];
            copy.counselor = counselors[i];
            if (Status s = bulk.add(copy); !s)
                return s;
            ids.append(copy.id);
            if (progress && (i + 1) % 1000 == 0 && !progress(i + 1))
                return Error{Error::Code::Invalid, QObject::tr("Cancelled; nothing was saved.")};
        }
        return bulk.finish(action);
    });
    if (!done)
        return done;
    for (int i = 0; i < clients.size(); ++i) {
        clients[i].id = ids[i];
        clients[i].counselor = counselors[i];
    }
    if (progress)
        progress(int(clients.size()));
    return {};
}

ClientRepository::Bulk::Bulk(ClientRepository &clients) : m_clients(clients) {}

ClientRepository::Bulk::~Bulk() = default;

Status ClientRepository::Bulk::begin()
{
    if (const Status signedIn = access::requireSignedIn(m_clients.m_db); !signedIn)
        return signedIn;
    m_names = std::make_unique<NameKeyWriter>(m_clients.m_db);
    return m_names->beginBulk();
}

Status ClientRepository::Bulk::add(Client &client)
{
    if (!m_names)
        return Error{Error::Code::Database, QObject::tr("adding clients before begin()")};
    if (const auto errors = validateClient(client); !errors.isEmpty())
        return invalid(client, errors);
    auto counselor = m_clients.assignedCounselor(client.counselor);
    if (!counselor)
        return counselor.error();
    client.counselor = counselor.value();
    if (Status s = m_clients.insert(client, false, *m_names); !s)
        return s;
    ++m_count;
    return {};
}

Status ClientRepository::Bulk::finish(AuditAction action)
{
    if (!m_names)
        return Error{Error::Code::Database, QObject::tr("finishing clients before begin()")};
    if (Status s = m_names->endBulk(); !s)
        return s;
    // One entry for the whole batch: imports and demo data add thousands.
    return audit::record(m_clients.m_db, action, kClientEntity, 0,
                         QStringLiteral("%1 clients").arg(m_count));
}

Status ClientRepository::update(const Client &client)
{
    if (const auto errors = validateClient(client); !errors.isEmpty())
        return invalid(client, errors);
    const Status done = m_db.transaction([&]() -> Status {
        if (Status allowed = access::checkClient(m_db, client.id); !allowed)
            return allowed;
        auto assigned = assignedCounselor(client.counselor);
        if (!assigned)
            return assigned.error();
        auto before = read(client.id);
        if (!before)
            return before.error();
        Client c = client;
        c.counselor = assigned.value();
        auto counselor = counselorId(c.counselor);
        if (!counselor)
            return counselor.error();
        // The search keys of the stored name go first, those of the new one
        // after the row is written (status, bracket and counselor are copied
        // into them too).
        NameKeyWriter names(m_db);
        if (Status s = names.remove(c.id); !s)
            return s;
        const NameKeyWriter::Entry entry = nameEntry(c, m_thresholds, counselor.value(), names);
        SqliteStatement &q = m_db.fast(
            "UPDATE clients SET first_name = ?, last_name = ?, date_of_birth = ?, email = ?, "
            "phone = ?, address = ?, household_size = ?, annual_income = ?, employment_status = ?, "
            "weeks_unemployed = ?, independence = ?, income_bracket = ?, income_bracket_override = "
            "?, "
            "income_bracket_reason = ?, education_level = ?, skills = ?, interests = ?, "
            "counselor_id = ?, status = ?, updated_at = ?, name_sort_key = ? WHERE id = ?");
        bindProfile(q, c, m_thresholds, counselor.value());
        q.bind(20, QDateTime::currentDateTimeUtc().toString(Qt::ISODate));
        q.bindBlob(21, entry.sortKey);
        q.bind(22, c.id);
        if (!q.run())
            return m_db.statementError(q, QObject::tr("updating client %1").arg(c.id));
        if (m_db.changes() != 1)
            return Error{Error::Code::NotFound, QObject::tr("There is no client %1.").arg(c.id)};
        if (Status s = names.insert(entry); !s)
            return s;
        for (const char *sql : {"DELETE FROM client_barriers WHERE client_id = ?",
                                "DELETE FROM client_goals WHERE client_id = ?"}) {
            QSqlQuery d = m_db.prepare(QLatin1String(sql));
            d.addBindValue(c.id);
            if (!d.exec())
                return m_db.queryError(d, QObject::tr("updating client %1").arg(c.id));
        }
        if (Status s = writeChildren(c); !s)
            return s;
        return audit::record(m_db, AuditAction::Update, kClientEntity, c.id,
                             changedSections(before.value(), c));
    });
    if (!done)
        m_counselorIds.clear();
    return done;
}

Result<Client> ClientRepository::get(qint64 id)
{
    if (const Status allowed = access::checkClient(m_db, id); !allowed)
        return allowed.error();
    auto client = read(id);
    if (!client)
        return client;
    // Recorded without waiting for another program's write (kept and
    // written later when the file is locked): opening a client never waits.
    if (const Status logged = audit::recordSoon(m_db, AuditAction::View, kClientEntity, id);
        !logged)
        return logged.error();
    return client;
}

Result<Client> ClientRepository::read(qint64 id)
{
    QSqlQuery q = m_db.prepare(QLatin1String(kSelectClients) + QStringLiteral(" WHERE c.id = ?"));
    q.addBindValue(id);
    if (!q.exec())
        return m_db.queryError(q, QObject::tr("reading client %1").arg(id));
    if (!q.next())
        return Error{Error::Code::NotFound, QObject::tr("There is no client %1.").arg(id)};
    Client c = readClient(q);
    QSqlQuery b = m_db.prepare(QStringLiteral(
        "SELECT code, severity, note FROM client_barriers WHERE client_id = ? ORDER BY position"));
    b.addBindValue(id);
    if (!b.exec())
        return m_db.queryError(b, QObject::tr("reading barriers of client %1").arg(id));
    while (b.next()) {
        if (auto code = fromCode<BarrierCode>(b.value(0).toString()))
            c.barriers.append({*code, b.value(1).toInt(), b.value(2).toString()});
    }
    QSqlQuery g = m_db.prepare(
        QStringLiteral("SELECT code FROM client_goals WHERE client_id = ? ORDER BY position"));
    g.addBindValue(id);
    if (!g.exec())
        return m_db.queryError(g, QObject::tr("reading goals of client %1").arg(id));
    while (g.next()) {
        if (auto code = fromCode<GoalCode>(g.value(0).toString()))
            c.goals.append(*code);
    }
    return c;
}

namespace {
// Must match the expression of the clients_phone_digits index (migration 3).
const char *const kPhoneDigits =
    "replace(replace(replace(replace(replace(replace(replace(phone, ' ', ''), '-', ''), '(', ''), "
    "')', ''), '.', ''), '+', ''), '/', '')";

QString phoneDigits(const QString &phone)
{
    QString digits;
    for (const QChar ch : phone) {
        if (!QStringLiteral(" -().+/").contains(ch))
            digits += ch;
    }
    return digits;
}
} // namespace

Result<QVector<PossibleDuplicate>> ClientRepository::possibleDuplicates(const Client &client)
{
    if (const Status signedIn = access::requireSignedIn(m_db); !signedIn)
        return signedIn.error();
    const Actor &actor = m_db.actor();
    // One indexed query per kind of match, each as cheap as a lookup.
    struct Probe
    {
        QString where;
        QVariantList values;
        QString reason;
    };
    QVector<Probe> probes;
    if (!client.firstName.trimmed().isEmpty() && !client.lastName.trimmed().isEmpty() &&
        client.dateOfBirth.isValid())
        probes.append(
            {QStringLiteral("c.last_name = ? AND c.first_name = ? AND c.date_of_birth = ?"),
             {client.lastName.trimmed(), client.firstName.trimmed(),
              client.dateOfBirth.toString(Qt::ISODate)},
             QObject::tr("same name and date of birth")});
    if (!client.email.trimmed().isEmpty())
        probes.append({QStringLiteral("lower(c.email) = lower(?)"),
                       {client.email.trimmed()},
                       QObject::tr("same email")});
    const QString digits = phoneDigits(client.phone);
    if (!digits.isEmpty())
        probes.append({QStringLiteral("%1 = ?").arg(QLatin1String(kPhoneDigits)),
                       {digits},
                       QObject::tr("same phone")});

    QVector<PossibleDuplicate> out;
    for (const Probe &probe : probes) {
        QSqlQuery q = m_db.prepare(
            QStringLiteral(
                "SELECT c.id, c.first_name, c.last_name, c.date_of_birth, c.email, c.phone, "
                "u.username, c.counselor_id, u.display_name FROM clients c LEFT JOIN users u "
                "ON u.id = c.counselor_id WHERE %1 AND c.id <> ? ORDER BY c.id LIMIT 50")
                .arg(probe.where));
        for (const QVariant &v : probe.values)
            q.addBindValue(v);
        q.addBindValue(client.id);
        if (!q.exec())
            return m_db.queryError(q, QObject::tr("looking for possible duplicates"));
        while (q.next()) {
            const qint64 id = q.value(0).toLongLong();
            auto it = std::find_if(out.begin(), out.end(),
                                   [id](const PossibleDuplicate &d) { return d.id == id; });
            if (it == out.end()) {
                PossibleDuplicate d;
                d.id = id;
                d.counselor = q.value(6).toString();
                d.counselorName = q.value(8).toString();
                // Another counselor's client: the actor learns that the
                // person is known and to whom, not who they are.
                d.hidden = !actor.seesAllClients() && q.value(7).toLongLong() != actor.userId;
                if (!d.hidden) {
                    d.firstName = q.value(1).toString();
                    d.lastName = q.value(2).toString();
                    d.dateOfBirth = QDate::fromString(q.value(3).toString(), Qt::ISODate);
                    d.email = q.value(4).toString();
                    d.phone = q.value(5).toString();
                }
                out.append(d);
                it = out.end() - 1;
            }
            it->reasons.append(probe.reason);
        }
    }
    std::sort(out.begin(), out.end(),
              [](const PossibleDuplicate &a, const PossibleDuplicate &b) { return a.id < b.id; });
    return out;
}

Result<qint64> ClientRepository::count()
{
    if (const Status signedIn = access::requireSignedIn(m_db); !signedIn)
        return signedIn.error();
    QSqlQuery q =
        m_db.prepare(QStringLiteral("SELECT count(*) FROM clients c WHERE %1")
                         .arg(access::clientScope(m_db, QStringLiteral("c.counselor_id"))));
    if (!q.exec() || !q.next())
        return m_db.queryError(q, QObject::tr("counting clients"));
    return q.value(0).toLongLong();
}

Result<qint64> ClientRepository::maxId()
{
    if (const Status signedIn = access::requireSignedIn(m_db); !signedIn)
        return signedIn.error();
    QSqlQuery q =
        m_db.prepare(QStringLiteral("SELECT COALESCE(MAX(c.id), 0) FROM clients c WHERE %1")
                         .arg(access::clientScope(m_db, QStringLiteral("c.counselor_id"))));
    if (!q.exec() || !q.next())
        return m_db.queryError(q, QObject::tr("reading clients"));
    return q.value(0).toLongLong();
}

Status ClientRepository::forEach(const std::function<bool(const Client &)> &visit, qint64 fromId,
                                 qint64 toId)
{
    if (const Status signedIn = access::requireSignedIn(m_db); !signedIn)
        return signedIn;
    const QString scope = access::clientScope(m_db, QStringLiteral("c.counselor_id"));
    // Barriers and goals of the clients in scope only; everyone's when the
    // actor sees every client (no join needed).
    const QString childScope =
        scope == QLatin1String("1")
            ? QString()
            : QStringLiteral(" AND client_id IN (SELECT c.id FROM clients c WHERE %1)").arg(scope);
    // Three ordered scans merged by client id: one query per table instead of
    // two per client.
    QSqlQuery q =
        m_db.prepare(QLatin1String(kSelectClients) +
                     QStringLiteral(" WHERE c.id BETWEEN ? AND ? AND %1 ORDER BY c.id").arg(scope));
    QSqlQuery b = m_db.prepare(QStringLiteral("SELECT client_id, code, severity, note FROM "
                                              "client_barriers WHERE client_id BETWEEN ? AND ?%1 "
                                              "ORDER BY client_id, position")
                                   .arg(childScope));
    QSqlQuery g = m_db.prepare(QStringLiteral("SELECT client_id, code FROM client_goals WHERE "
                                              "client_id BETWEEN ? AND ?%1 ORDER BY client_id, "
                                              "position")
                                   .arg(childScope));
    for (QSqlQuery *query : {&q, &b, &g}) {
        query->addBindValue(fromId);
        query->addBindValue(toId);
        if (!query->exec())
            return m_db.queryError(*query, QObject::tr("reading clients"));
    }
    bool bMore = b.next();
    bool gMore = g.next();
    while (q.next()) {
        Client c = readClient(q);
        while (bMore && b.value(0).toLongLong() < c.id)
            bMore = b.next();
        while (bMore && b.value(0).toLongLong() == c.id) {
            if (auto code = fromCode<BarrierCode>(b.value(1).toString()))
                c.barriers.append({*code, b.value(2).toInt(), b.value(3).toString()});
            bMore = b.next();
        }
        while (gMore && g.value(0).toLongLong() < c.id)
            gMore = g.next();
        while (gMore && g.value(0).toLongLong() == c.id) {
            if (auto code = fromCode<GoalCode>(g.value(1).toString()))
                c.goals.append(*code);
            gMore = g.next();
        }
        if (!visit(c))
            return {};
    }
    // A read that stops on an error (a damaged page) ends the loops above as
    // if the rows had run out: never pass that off as the whole caseload.
    for (const QSqlQuery *query : {&q, &b, &g}) {
        if (query->lastError().isValid())
            return m_db.queryError(*query, QObject::tr("reading clients"));
    }
    return {};
}

} // namespace pathway
