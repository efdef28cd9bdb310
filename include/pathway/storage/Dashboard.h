#pragma once

#include "pathway/core/Codes.h"
#include "pathway/core/Result.h"
#include "pathway/core/User.h"
#include "pathway/storage/Supervision.h"

#include <QDate>
#include <QString>
#include <QVector>

#include <limits>
#include <optional>

namespace pathway {

class Database;

// What the supervisor dashboard counts: the clients the actor may see
// (access::clientScope) that match every field set here.
struct DashboardFilter
{
    QString counselor; // user name; empty = every counselor
    std::optional<IncomeBracket> bracket;
    std::optional<BarrierCode> barrier; // clients who have this barrier
    std::optional<ClientStatus> status;
    bool overdueOnly = false; // only clients with at least one overdue step
    // The day the figures are for: open steps due before it are overdue, and
    // contact is counted back from it. Invalid = the current date.
    QDate today;
    // A client has had no contact when no case note is dated (local date)
    // within the last `noContactDays` days, today included: with 30 on
    // 23 November, a note of 25 October counts, one of 24 October does not.
    // A client with no case note at all has had no contact either.
    int noContactDays = 30;

    bool operator==(const DashboardFilter &o) const
    {
        return counselor == o.counselor && bracket == o.bracket && barrier == o.barrier &&
               status == o.status && overdueOnly == o.overdueOnly && today == o.today &&
               noContactDays == o.noContactDays;
    }
    bool operator!=(const DashboardFilter &o) const { return !(*this == o); }
};

// The figures of one counselor's matching clients, or of all of them.
struct DashboardCounts
{
    QString username; // empty for the agency total; dashboard::unassignedKey() for no counselor
    QString displayName;
    int clients = 0;          // matching the filter
    int activeClients = 0;    // of those, status active
    int awaitingReview = 0;   // current plan accepted by the counselor, not reviewed yet
    int overdueSteps = 0;     // planned or in-progress steps of current plans due before today
    int overdueClients = 0;   // clients with at least one overdue step
    int noContact = 0;        // see DashboardFilter::noContactDays
    int clientsWithSteps = 0; // clients whose current plan has a step that is not dropped
    int stepsDone = 0;        // done steps of current plans
    int stepsCounted = 0;     // steps of current plans that are not dropped

    // stepsDone / stepsCounted as a percentage (0-100); -1 when no step counts.
    double completionPercent() const
    {
        return stepsCounted > 0 ? 100.0 * stepsDone / stepsCounted : -1.0;
    }
};

// One bar of a chart: a code ("low", "transport", "2026-11") and its clients.
struct DashboardBar
{
    QString key;
    int clients = 0;
};

// Everything the dashboard shows for one filter.
struct DashboardFigures
{
    QDate today;
    int noContactDays = 0;
    // Every active counselor, and anyone else who has visible clients, by
    // display name; the clients without a counselor last (when there are
    // any). Only the filter's counselor when it names one; only the actor
    // when a counselor looks.
    QVector<DashboardCounts> counselors;
    DashboardCounts agency;               // all matching clients, whoever their counselor
    QVector<DashboardBar> byBracket;      // every bracket, lowest first
    QVector<DashboardBar> byBarrier;      // every barrier, most frequent first, then code order
    QVector<DashboardBar> intakesByMonth; // the 12 months up to today's, oldest first: "yyyy-MM"
    // Completion by counselor is counselors[i].completionPercent().
};

namespace dashboard {

// A figure whose clients can be listed (clientIds).
enum class Figure
{
    // Per counselor; the key is a user name, empty for the agency total,
    // unassignedKey() for the clients without a counselor.
    Clients,
    ActiveClients,
    AwaitingReview,
    Overdue, // clients with at least one overdue step (DashboardCounts::overdueClients)
    NoContact,
    Completion, // the clients behind the percentage (DashboardCounts::clientsWithSteps)
                // Chart bars; the key is the bar's key.
    Bracket,    // a bracket code
    Barrier,    // a barrier code
    IntakeMonth // "yyyy-MM": clients created (local time) in that month
};

// The key of the row of clients without a counselor; no user name has brackets.
QString unassignedKey();

} // namespace dashboard

class DashboardSnapshot;

// Reads the facts of every client the database's actor may see, for `today`
// (invalid = the current date). Nobody signed in is refused (Forbidden).
Result<DashboardSnapshot> loadDashboard(Database &db, const QDate &today = {});

// The facts the dashboard counts, one small record per visible client, read
// from the database in one pass (a few queries, no per-client query). Every
// figure and drill-down for any filter is then computed from it in memory,
// so changing a filter does not touch the database. A snapshot belongs to
// the actor it was loaded for and the day it was loaded for.
class DashboardSnapshot
{
public:
    DashboardSnapshot() = default;

    QDate today() const { return m_today; }
    int clientCount() const { return int(m_clients.size()); }
    // True when the snapshot was loaded for `actor` (same kind and user).
    bool isFor(const Actor &actor) const
    {
        return actor.kind == m_actor.kind && actor.userId == m_actor.userId &&
               actor.role == m_actor.role;
    }
    // The counselors the dashboard lists (user name and display name), for
    // a counselor filter; no figures.
    QVector<DashboardCounts> counselors() const;

    // The figures for `filter`; its `today` is ignored (the snapshot's day counts).
    DashboardFigures figures(const DashboardFilter &filter) const;
    // The clients behind one figure or bar, ordered like the caseload (last
    // name, first name, id); their number is the figure.
    QVector<qint64> clientIds(const DashboardFilter &filter, dashboard::Figure figure,
                              const QString &key = {}) const;

private:
    friend Result<DashboardSnapshot> loadDashboard(Database &db, const QDate &today);

    struct Person
    {
        qint64 id = 0;
        QString username;
        QString displayName;
        bool listed = false; // an active counselor, or someone with visible clients
    };
    struct ClientFacts
    {
        qint64 id = 0;
        qint64 createdAt = 0;                                 // seconds since the epoch
        qint64 lastNote = std::numeric_limits<qint64>::min(); // newest case note; min = none
        int person = -1;                                      // index in m_people; -1 = none
        int overdueSteps = 0;
        int stepsDone = 0;
        int stepsCounted = 0;
        quint16 barriers = 0; // bit (1 << BarrierCode)
        quint8 bracket = 0;   // IncomeBracket
        quint8 status = 0;    // ClientStatus
        quint8 review = 0;    // ReviewStatus of the current plan; None without a plan
    };
    struct Matcher;
    // The index in m_people of a drill-down key: -1 for unassignedKey(), -2 when unknown.
    int personIndex(const QString &key) const;

    Actor m_actor;
    QDate m_today;
    QVector<Person> m_people;
    QVector<ClientFacts> m_clients; // in caseload order
};

namespace dashboard {

// One-off forms (load, then compute): the figures for `filter`, and the
// clients behind one of them. A window keeps a snapshot instead.
Result<DashboardFigures> figures(Database &db, const DashboardFilter &filter);
Result<QVector<qint64>> clientIds(Database &db, const DashboardFilter &filter, Figure figure,
                                  const QString &key = {});

} // namespace dashboard
} // namespace pathway
