#pragma once

#include "pathway/core/Codes.h"
#include "pathway/core/Result.h"
#include "pathway/storage/Supervision.h"

#include <QDate>
#include <QDateTime>
#include <QHash>
#include <QSet>
#include <QStringList>
#include <QVector>

#include <functional>
#include <optional>
#include <vector>

namespace pathway {

class Database;

// What the caseload list filters on. Empty fields match everything.
struct CaseloadFilter
{
    // Every word must start a part of the first or last name, case and
    // accents folded (core/NameKey.h): "ana gar" finds Ana García.
    QString text;
    std::optional<ClientStatus> status;
    std::optional<IncomeBracket> bracket;
    std::optional<BarrierCode> barrier;
    QString counselor; // user name
    // Only clients whose current plan version has a planned or in-progress
    // step due before `today`.
    bool overdueOnly = false;
    QDate today = QDate::currentDate();
    // The review status of the current plan version (clients without a plan
    // never match).
    std::optional<ReviewStatus> review;

    bool operator==(const CaseloadFilter &o) const
    {
        return text == o.text && status == o.status && bracket == o.bracket &&
               barrier == o.barrier && counselor == o.counselor && overdueOnly == o.overdueOnly &&
               (!overdueOnly || today == o.today) && review == o.review;
    }
};

// One line of the caseload list.
struct CaseloadRow
{
    qint64 id = 0;
    QString firstName;
    QString lastName;
    IncomeBracket bracket = IncomeBracket::Middle;
    QVector<BarrierCode> barriers; // all of them, most severe first
    // The same list as `barriers` (kept for the caseload model; use `barriers`).
    QVector<BarrierCode> topBarriers;
    QString counselor;     // user name
    QString counselorName; // display name; empty when the client has no counselor
    ClientStatus status = ClientStatus::Active;
    // Of the current plan version; all zero/empty when the client has no plan.
    int stepsDone = 0;
    int stepsTotal = 0; // steps not dropped
    QDate nextDueDate;  // earliest due date of a planned or in-progress step
    QString nextDueTitle;
    int overdueSteps = 0; // planned or in-progress steps due before the `today` of rows()
    ReviewStatus review = ReviewStatus::None;
    QDateTime lastContact; // newest case note, UTC; invalid when none
    QDateTime intake;      // when the client was taken in (clients.created_at), UTC
};

// The queries behind the caseload list: ids first (cheap, all of them), then
// the rows a view actually shows, a page at a time. Both list only the
// clients the database's actor may see (storage/Access.h); nobody gets
// Error::Code::Forbidden.
class CaseloadRepository
{
public:
    explicit CaseloadRepository(Database &db) : m_db(db) {}

    // Ids of the matching clients in name order: by the stored collation
    // sort key of last name and first name (core/NameCollator.h), then id.
    Result<QVector<qint64>> matchingIds(const CaseloadFilter &filter);
    // The rows for `ids`, in the same order, leaving out ids the actor may
    // not see. Overdue steps are counted as of `today`.
    Result<QVector<CaseloadRow>> rows(const QVector<qint64> &ids,
                                      const QDate &today = QDate::currentDate());
    // The same rows for exports of a whole caseload: each table is read
    // once from start to end instead of seeking each client's records page
    // by page (docs/performance.md); for less than a seventh of the
    // clients, pages of rows() are cheaper and used. Calls `sink` with each
    // row in the order of `ids`; an error `sink` returns stops the export
    // and is returned. All reads see one state of the file.
    Status forEachRow(const QVector<qint64> &ids, const QDate &today,
                      const std::function<Status(const CaseloadRow &)> &sink);

private:
    Result<QVector<qint64>> idsInOrder(const CaseloadFilter &filter,
                                       const std::optional<qint64> &counselor);
    Result<QVector<qint64>> idsByName(const QStringList &words, const CaseloadFilter &filter,
                                      const std::optional<qint64> &counselor);
    // What total_changes() and PRAGMA data_version say: when either moves,
    // this connection or another has written to the file.
    struct ChangeStamp
    {
        qint64 changes = -1;
        qint64 version = -1;
        bool operator==(const ChangeStamp &o) const
        {
            return changes == o.changes && version == o.version;
        }
    };
    Result<ChangeStamp> changeStamp();
    Status refreshCurrentPlans();
    Result<QSet<qint64>> overdueClients(const QDate &today);
    Result<QSet<qint64>> reviewClients(ReviewStatus review);

    Database &m_db;
    // Every client's current plan version, read again when the database
    // has changed since (see CaseloadRepository.cpp).
    struct CurrentPlans
    {
        qint64 changes = -1;            // total_changes() of the connection when read
        qint64 version = -1;            // PRAGMA data_version when read
        QHash<qint64, qint64> clientOf; // current plan id -> client id
        QDate overdueDay;               // `overdue` holds the clients overdue on this day
        QSet<qint64> overdue;
    } m_plans;
    // Every client of the scope in name order, read again when the
    // database has changed since (see idsInOrder).
    struct OrderEntry
    {
        qint64 id;
        qint8 status;  // ClientStatus
        qint8 bracket; // IncomeBracket
    };
    struct Order
    {
        bool valid = false;
        ChangeStamp stamp;
        std::optional<qint64> counselor; // whose clients; all when empty
        std::vector<OrderEntry> entries;
        qint64 highestId = 0;
    } m_order;
    // A name search's hits, kept between searches (see idsByName).
    struct Hit
    {
        quint64 head; // the sort key's first eight bytes, big-endian
        qint64 id;
        quint32 offset; // of the sort key in m_sortKeys
        quint32 length;
    };
    std::vector<Hit> m_hits;
    std::vector<Hit> m_merged;
    std::vector<char> m_sortKeys;
    std::vector<bool> m_found; // by client id: the hits, when the order is at hand
};

} // namespace pathway
