#pragma once

#include "pathway/core/NameCollator.h"
#include "pathway/core/Result.h"

#include <QByteArray>
#include <QString>

#include <memory>

namespace pathway {

class Database;

// Writes a client's rows of client_name_keys (and the sort key stored with
// the client), inside the caller's transaction. Made once per write (or
// batch of writes): it reads the database's collation locale and opens its
// collator.
class NameKeyWriter
{
public:
    // What the key rows hold of a client.
    struct Entry
    {
        qint64 id = 0;
        QString firstName;
        QString lastName;
        QByteArray sortKey;
        QString status;         // code
        QString bracket;        // code of the stored income bracket
        qint64 counselorId = 0; // 0: none
    };

    explicit NameKeyWriter(Database &db);
    // Made with a known locale (the rebuild, which sets it).
    NameKeyWriter(Database &db, const QString &locale);

    // An error when the locale could not be read or ICU cannot collate it;
    // every other call then returns it.
    const Status &ready() const { return m_ready; }

    // The collation key of "last name, first name" (NameCollator::sortKey).
    QByteArray sortKey(const QString &firstName, const QString &lastName) const;

    // Adds the key rows of `entry` (whose sortKey is the one stored with the client).
    Status insert(const Entry &entry);

    // For bulk writes (imports, demo caseloads, rebuilds): from beginBulk()
    // to endBulk(), insert() collects the rows in a temporary table, and
    // endBulk() adds them all in key order, which writes each page of the
    // index once instead of touching a random page for every row (at
    // 1,000,000 clients the index is far larger than SQLite's page cache).
    // endBulk() must come before the transaction ends. In between, SQLite's
    // page cache is raised to 256 MB (from 2 MB): a bulk write also adds to
    // the clients' name-ordered indexes at random places.
    Status beginBulk();
    Status endBulk();
    // Removes the key rows of client `id` as the client is stored now: call
    // it before changing the name, status, bracket or counselor, and
    // insert() after.
    Status remove(qint64 id);
    // Rewrites the key rows of client `id` from the stored client, after a
    // change that left the names alone (reassignment).
    Status refresh(qint64 id);

private:
    Result<Entry> stored(qint64 id);

    Database &m_db;
    std::unique_ptr<NameCollator> m_collator;
    Status m_ready;
    bool m_bulk = false;
    qint64 m_savedCacheSize = 0; // PRAGMA cache_size before beginBulk()
};

} // namespace pathway
