#pragma once

#include "pathway/core/Codes.h"
#include "pathway/core/Result.h"

#include <QDate>
#include <QDateTime>
#include <QStringList>
#include <QVector>

#include <optional>

namespace pathway {

class Database;

// What the caseload list filters on. Empty fields match everything.
struct CaseloadFilter
{
    QString text; // matched against first and last name, case-insensitively
    std::optional<ClientStatus> status;
    std::optional<IncomeBracket> bracket;
    std::optional<BarrierCode> barrier;
    QString counselor; // user name

    bool operator==(const CaseloadFilter &o) const
    {
        return text == o.text && status == o.status && bracket == o.bracket &&
               barrier == o.barrier && counselor == o.counselor;
    }
};

// One line of the caseload list.
struct CaseloadRow
{
    qint64 id = 0;
    QString firstName;
    QString lastName;
    IncomeBracket bracket = IncomeBracket::Middle;
    QVector<BarrierCode> topBarriers; // most severe first
    QString counselor;
    ClientStatus status = ClientStatus::Active;
    // Of the current plan version; all zero/empty when the client has no plan.
    int stepsDone = 0;
    int stepsTotal = 0; // steps not dropped
    QDate nextDueDate;  // earliest due date of a planned or in-progress step
    QString nextDueTitle;
    QDateTime lastContact; // newest case note, UTC; invalid when none
};

// The queries behind the caseload list: ids first (cheap, all of them), then
// the rows a view actually shows, a page at a time.
class CaseloadRepository
{
public:
    explicit CaseloadRepository(Database &db) : m_db(db) {}

    // Ids of the matching clients, ordered by last name, first name, id.
    Result<QVector<qint64>> matchingIds(const CaseloadFilter &filter);
    // The rows for `ids`, in the same order.
    Result<QVector<CaseloadRow>> rows(const QVector<qint64> &ids);

private:
    Database &m_db;
};

} // namespace pathway
