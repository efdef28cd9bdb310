#pragma once

#include "pathway/core/Client.h"
#include "pathway/core/Result.h"

#include <QDateTime>
#include <QVector>

#include <optional>

namespace pathway {

class Database;

// A half-done intake interview: the profile as far as it was typed and the
// page of the interview it was left on.
struct IntakeDraft
{
    qint64 id = 0; // 0 until stored
    QString counselor;
    QString label; // the client's name so far, for the list of drafts
    int page = 0;
    Client profile;
    // Stored clients the counselor said are not this person, when the
    // possible-duplicate check showed them ("Continue as a new client").
    QVector<qint64> notDuplicates;
    QDateTime createdAt;
    QDateTime updatedAt;
};

// SQL for intake drafts lives here and nowhere else. A draft is not a
// client: it is not validated and never shows in the caseload.
//
// A counselor sees and changes only the drafts whose `counselor` is their
// user name; supervisors and admins all; nobody none (Forbidden). Adding and
// deleting a draft is recorded in the audit trail.
class DraftRepository
{
public:
    explicit DraftRepository(Database &db) : m_db(db) {}

    // Adds the draft (id 0) or replaces draft `id`; sets draft.id and the
    // timestamps. NotFound when `id` no longer exists. A counselor's draft
    // without a counselor becomes theirs (draft.counselor is set).
    Status save(IntakeDraft &draft);
    // Every draft the actor may see, most recently saved first (profile filled).
    Result<QVector<IntakeDraft>> list();
    Result<IntakeDraft> load(qint64 id);
    // Deletes draft `id`; deleting a missing draft is not an error.
    Status remove(qint64 id);

private:
    Result<std::optional<QString>> owner(qint64 id);

    Database &m_db;
};

} // namespace pathway
