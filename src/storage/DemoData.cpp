#include "pathway/storage/DemoData.h"

#include "pathway/core/DemoGenerator.h"
#include "pathway/core/StrategyEngine.h"
#include "pathway/storage/Access.h"
#include "pathway/storage/Accounts.h"
#include "pathway/storage/AuditLog.h"
#include "pathway/storage/ClientRepository.h"
#include "pathway/storage/Database.h"
#include "pathway/storage/PlanRepository.h"
#include "pathway/storage/Supervision.h"
#include "pathway/storage/UserRepository.h"

#include "SqliteStatement.h"

#include <QDateTime>
#include <QObject>
#include <QSqlQuery>
#include <QTimeZone>

#include <algorithm>
#include <iterator>

namespace pathway {

namespace {

// Demo clients made and stored at a time, then given their plans and
// histories: memory holds one batch, whatever the size of the caseload.
constexpr int kDemoBatch = 1000;

// What a supervisor said when returning a demo plan: about the plan, never
// about the person.
const char *const kReturnComments[] = {
    "Add a concrete step for the transport barrier before the job search starts.",
    "The training step needs more time: give it at least eight weeks.",
    "Check the benefits step with the client before committing to it.",
    "Too many steps in the first month; spread them out.",
    "Add a follow-up contact after the interview coaching.",
};
const char *const kApproveComments[] = {
    "", "", "", "Good plan.", "Well paced.",
};

// One review decision on a demo plan.
struct DemoDecision
{
    ReviewStatus decision = ReviewStatus::Approved;
    QDateTime at;
    const char *comment = "";
};

// Where demo plan `index` stands with its supervisor on `today`: most plans
// older than a couple of weeks were accepted and reviewed, recent ones are
// proposals or await review, a few were returned with a comment (some of
// them since accepted again and pending).
struct DemoReviewState
{
    ReviewStatus status = ReviewStatus::None;
    QDateTime acceptedAt;
    QVector<DemoDecision> decisions; // oldest first
};

// Turns the agency's local times into stored UTC timestamps. The offset is
// the one of `today` for every moment: a demo's history is off by an hour
// across a daylight-saving change, which nobody sees, and a QTimeZone
// conversion for each of a million notes would cost seconds.
class UtcClock
{
public:
    explicit UtcClock(const QDate &today)
        : m_offset(QTimeZone::systemTimeZone().offsetFromUtc(today.startOfDay()))
    {}
    // "2026-11-23T09:05:00Z", written by hand: QDateTime's conversions and
    // formatting were a fifth of the demo's time with a million notes.
    QString text(const DemoMoment &m) const
    {
        const qint64 secs =
            m.day.toJulianDay() * 86400 + m.time.msecsSinceStartOfDay() / 1000 - m_offset;
        const qint64 day = secs / 86400; // julian days are positive for any demo date
        const int inDay = int(secs % 86400);
        int y = 0, mo = 0, d = 0;
        QDate::fromJulianDay(day).getDate(&y, &mo, &d);
        const int h = inDay / 3600, mi = inDay / 60 % 60, se = inDay % 60;
        const char16_t text[20] = {
            char16_t(u'0' + y / 1000),
            char16_t(u'0' + y / 100 % 10),
            char16_t(u'0' + y / 10 % 10),
            char16_t(u'0' + y % 10),
            u'-',
            char16_t(u'0' + mo / 10),
            char16_t(u'0' + mo % 10),
            u'-',
            char16_t(u'0' + d / 10),
            char16_t(u'0' + d % 10),
            u'T',
            char16_t(u'0' + h / 10),
            char16_t(u'0' + h % 10),
            u':',
            char16_t(u'0' + mi / 10),
            char16_t(u'0' + mi % 10),
            u':',
            char16_t(u'0' + se / 10),
            char16_t(u'0' + se % 10),
            u'Z',
        };
        return QString(reinterpret_cast<const QChar *>(text), 20);
    }

private:
    int m_offset;
};

QDateTime demoTime(DemoRandom &rng, const QDate &day)
{
    return QDateTime(day, QTime(8 + rng.below(9), rng.below(60)), Qt::UTC);
}

// A closed case (`closedOn` valid) had its plan accepted and approved before
// it closed.
DemoReviewState demoReview(std::uint64_t seed, int index, const QDate &start, const QDate &today,
                           const QDate &closedOn)
{
    DemoRandom rng(seed * 0xd1342543de82ef95ULL + std::uint64_t(index) * 131 + 17);
    DemoReviewState out;
    if (closedOn.isValid()) {
        const QDate accepted = std::min(closedOn, start.addDays(rng.between(0, 6)));
        out.status = ReviewStatus::Approved;
        out.acceptedAt = demoTime(rng, accepted);
        out.decisions.append(
            {ReviewStatus::Approved,
             demoTime(rng, std::min(closedOn, accepted.addDays(rng.between(1, 12)))),
             kApproveComments[rng.below(int(std::size(kApproveComments)))]});
        return out;
    }
    const qint64 age = start.daysTo(today);
    // Recent plans are often still proposals; older ones seldom.
    if (age < 3 || !rng.chance(age < 14 ? 0.5 : age < 45 ? 0.85 : 0.98))
        return out; // still a proposal
    QDate accepted = std::min(today, start.addDays(rng.between(0, 6)));
    out.status = ReviewStatus::Pending;
    out.acceptedAt = demoTime(rng, accepted);
    const double roll = rng.unit();
    // About one in six reviews sends the plan back first.
    if (roll < 0.16) {
        const QDate returned = accepted.addDays(rng.between(1, 7));
        if (returned > today)
            return out;
        out.decisions.append({ReviewStatus::Returned, demoTime(rng, returned),
                              kReturnComments[rng.below(int(std::size(kReturnComments)))]});
        out.status = ReviewStatus::Returned;
        if (roll < 0.06)
            return out; // the counselor has not answered yet
        accepted = returned.addDays(rng.between(1, 5));
        if (accepted > today)
            return out;
        out.status = ReviewStatus::Pending;
        out.acceptedAt = demoTime(rng, accepted);
    }
    const QDate reviewed = accepted.addDays(rng.between(1, 12));
    if (reviewed > today || rng.chance(0.08))
        return out; // awaiting review
    out.decisions.append({ReviewStatus::Approved, demoTime(rng, reviewed),
                          kApproveComments[rng.below(int(std::size(kApproveComments)))]});
    out.status = ReviewStatus::Approved;
    return out;
}

// The refusal of demo data for `db`, which holds `what`.
Error notForDemo(const Database &db, const QString &what)
{
    return Error{Error::Code::Conflict,
                 QObject::tr("%1 holds %2: demo data goes only into a new database (no clients, "
                             "and no user but one administrator who can sign in), so that it "
                             "never changes an existing account or caseload. Nothing was added.")
                     .arg(db.path(), what)};
}

// A new account for demo user `u`: with `password` when one is given.
Result<qint64> addDemoUser(Database &db, const DemoUser &u, const QString &password)
{
    Role role = Role::Counselor;
    roleFromCode(QString::fromLatin1(u.role), role);
    const QString name = QString::fromLatin1(u.username);
    const QString displayName = QString::fromUtf8(u.displayName);
    if (password.isEmpty())
        return UserRepository(db).add(name, displayName, role, QStringLiteral("demo user"));
    auto user = accounts::createUser(db, name, displayName, role, password);
    if (!user)
        return user.error();
    return user->id;
}

} // namespace

Status checkDemoTarget(Database &db)
{
    QSqlQuery q = db.prepare(
        QStringLiteral("SELECT (SELECT count(*) FROM clients), (SELECT count(*) FROM users), "
                       "(SELECT min(username) FROM users WHERE role = 'admin' AND active = 1 AND "
                       "password_hash <> '')"));
    if (!q.exec() || !q.next())
        return db.queryError(q, QObject::tr("looking at what the database holds"));
    const qint64 clients = q.value(0).toLongLong();
    const qint64 users = q.value(1).toLongLong();
    const QString admin = q.value(2).toString();
    const bool onlyAnAdmin = users == 0 || (users == 1 && !admin.isEmpty());
    if (clients > 0 || !onlyAnAdmin)
        return notForDemo(db, QObject::tr("%1 and %2")
                                  .arg(clients == 1 ? QObject::tr("1 client")
                                                    : QObject::tr("%1 clients").arg(clients),
                                       users == 1 ? QObject::tr("1 user account")
                                                  : QObject::tr("%1 user accounts").arg(users)));
    for (const DemoUser &u : demoUsers()) {
        if (admin == QLatin1String(u.username))
            return notForDemo(db, QObject::tr("an administrator with the user name %1, which "
                                              "is a demo user's")
                                      .arg(admin));
    }
    return {};
}

Status addDemoCaseload(Database &db, const StrategyEngine &engine, int count, std::uint64_t seed,
                       const QDate &today, const std::function<bool(int)> &progress,
                       const QString &password)
{
    if (const Status allowed = access::requireAdmin(db, QObject::tr("add demo data")); !allowed)
        return allowed;
    if (!password.isEmpty()) {
        if (const Status strong = accounts::checkPassword(password); !strong)
            return strong;
    }
    return db.transaction([&]() -> Status {
        if (const Status target = checkDemoTarget(db); !target)
            return target;
        qint64 reviewerId = 0;
        for (const DemoUser &u : demoUsers()) {
            auto id = addDemoUser(db, u, password);
            if (!id)
                return id.error();
            if (qstrcmp(u.role, "supervisor") == 0 && reviewerId == 0)
                reviewerId = id.value();
        }
        ClientRepository repo(db, engine.thresholds());
        ClientRepository::Bulk bulk(repo);
        if (Status begun = bulk.begin(); !begun)
            return begun;
        PlanRepository plans(db);
        plans.setAuditEachSave(false); // one entry for all of them, below
        // When the plan was made, accepted (NULL: still a proposal) and how
        // its review stands: one update of the row save() wrote.
        SqliteStatement &made = db.fast(
            "UPDATE plans SET created_at = ?, accepted_at = ?, review_status = ? WHERE id = ?");
        SqliteStatement &review = db.fast("INSERT INTO plan_reviews (plan_id, decision, comment, "
                                          "reviewer_id, created_at) VALUES (?, ?, ?, ?, ?)");
        // The history: intake (the client's created_at), plan start, closing
        // (updated_at of a closed client), contacts (case notes).
        SqliteStatement &dated =
            db.fast("UPDATE clients SET created_at = ?, updated_at = ? WHERE id = ?");
        SqliteStatement &note = db.fast(
            "INSERT INTO case_notes (client_id, author, body, created_at) VALUES (?, ?, ?, ?)");
        const UtcClock utc(today);
        qint64 notes = 0;
        // Demo client `i`, stored as `client`: its plan, history and review.
        const auto addDemoHistory = [&](int i, const Client &client) -> Status {
            const DemoMoment intake = demoIntake(seed, i, client, today);
            Plan plan = engine.propose(client, demoPlanStart(seed, i, intake.day, today));
            const QDate closedOn = demoClosing(seed, i, client, plan, today);
            simulateProgress(plan, client, seed, i, today, closedOn);
            if (Status saved = plans.save(plan, client); !saved)
                return saved;
            const QVector<DemoContact> contacts =
                demoContacts(seed, i, client, plan, intake, closedOn, today);
            dated.bind(1, utc.text(intake));
            dated.bind(2, utc.text(closedOn.isValid() ? contacts.constLast().at : intake));
            dated.bind(3, client.id);
            if (!dated.run())
                return db.statementError(dated,
                                         QObject::tr("dating demo client %1").arg(client.id));
            for (const DemoContact &c : contacts) {
                note.bind(1, client.id);
                note.bind(2, client.counselor);
                note.bind(3, c.body);
                note.bind(4, utc.text(c.at));
                if (!note.run())
                    return db.statementError(
                        note, QObject::tr("adding notes on demo client %1").arg(client.id));
            }
            notes += contacts.size();
            const DemoReviewState state = demoReview(seed, i, plan.startDate, today, closedOn);
            made.bind(1, utc.text({plan.startDate, intake.time}));
            if (state.status != ReviewStatus::None)
                made.bind(2, state.acceptedAt.toString(Qt::ISODate));
            else
                made.bindNull(2);
            made.bind(3, reviewStatusCode(state.status));
            made.bind(4, plan.id);
            if (!made.run())
                return db.statementError(made, QObject::tr("dating demo plan %1").arg(plan.id));
            for (const DemoDecision &d : state.decisions) {
                review.bind(1, plan.id);
                review.bind(2, reviewStatusCode(d.decision));
                review.bind(3, QString::fromLatin1(d.comment));
                review.bind(4, reviewerId);
                review.bind(5, d.at.toString(Qt::ISODateWithMs));
                if (!review.run())
                    return db.statementError(review,
                                             QObject::tr("reviewing demo plan %1").arg(plan.id));
            }
            return {};
        };
        // Made, stored and given their history one batch at a time, so
        // that memory holds one batch whatever the count (client i depends
        // on the seed and i only).
        QVector<Client> batch;
        batch.reserve(kDemoBatch);
        for (int first = 0; first < count; first += kDemoBatch) {
            const int end = std::min(count, first + kDemoBatch);
            batch.clear();
            for (int i = first; i < end; ++i) {
                batch.append(demoClient(seed, i));
                if (Status added = bulk.add(batch.back()); !added)
                    return added;
            }
            for (int i = first; i < end; ++i) {
                if (Status given = addDemoHistory(i, batch[i - first]); !given)
                    return given;
            }
            if (progress && !progress(end))
                return Error{Error::Code::Invalid, QObject::tr("Cancelled; nothing was saved.")};
        }
        if (Status finished = bulk.finish(AuditAction::Create); !finished)
            return finished;
        if (Status logged = audit::record(db, AuditAction::Create, QStringLiteral("plan"), 0,
                                          QStringLiteral("demo: %1 plans").arg(count));
            !logged)
            return logged;
        if (Status logged = audit::record(db, AuditAction::Create, QStringLiteral("note"), 0,
                                          QStringLiteral("demo: %1 notes").arg(notes));
            !logged)
            return logged;
        if (progress)
            progress(count);
        return {};
    });
}

} // namespace pathway
