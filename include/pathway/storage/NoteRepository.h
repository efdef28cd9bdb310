#pragma once

#include "pathway/core/Result.h"

#include <QDateTime>
#include <QString>
#include <QVector>

namespace pathway {

class Database;

// A counselor's note on a contact with a client.
struct CaseNote
{
    qint64 id = 0; // 0 until stored
    qint64 clientId = 0;
    QString author; // user name
    QString body;
    QDateTime createdAt; // UTC
};

// SQL for case notes lives here and nowhere else. Notes are read and added
// by whoever may see the client (storage/Access.h); adding one is recorded
// in the audit trail (Create, "note").
class NoteRepository
{
public:
    explicit NoteRepository(Database &db) : m_db(db) {}

    // Stores a note now (or at note.createdAt when set, for imports and
    // tests); refuses an empty body or one longer than 10,000 characters.
    // A signed-in person is the author whatever note.author says. Sets
    // note.id, note.author and note.createdAt.
    Status add(CaseNote &note);
    // The client's notes, newest first.
    Result<QVector<CaseNote>> list(qint64 clientId);

private:
    Database &m_db;
};

} // namespace pathway
