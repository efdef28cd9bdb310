#include "NameKeyWriter.h"

#include "pathway/core/NameKey.h"
#include "pathway/storage/Database.h"
#include "pathway/storage/NameIndex.h"

#include "SqliteStatement.h"

#include <QObject>
#include <QSqlQuery>

namespace pathway {

NameKeyWriter::NameKeyWriter(Database &db) : m_db(db)
{
    auto locale = nameIndex::collationLocale(db);
    if (!locale) {
        m_ready = locale.error();
        return;
    }
    m_collator = std::make_unique<NameCollator>(locale.value());
    if (!m_collator->isValid())
        m_ready = Error{Error::Code::Invalid,
                        QObject::tr("Cannot sort names by the locale %1: the ICU collation "
                                    "data is missing.")
                            .arg(locale.value())};
}

NameKeyWriter::NameKeyWriter(Database &db, const QString &locale)
    : m_db(db), m_collator(std::make_unique<NameCollator>(locale))
{
    if (!m_collator->isValid())
        m_ready = Error{Error::Code::Invalid,
                        QObject::tr("Cannot sort names by the locale %1: the ICU collation "
                                    "data is missing.")
                            .arg(locale)};
}

QByteArray NameKeyWriter::sortKey(const QString &firstName, const QString &lastName) const
{
    return m_collator ? m_collator->sortKey(firstName, lastName) : QByteArray();
}

Status NameKeyWriter::insert(const Entry &entry)
{
    if (!m_ready)
        return m_ready;
    const QStringList keys = nameKey::clientKeys(entry.firstName, entry.lastName);
    // Keys never hold white space, so the list is kept space-separated.
    const QString all = keys.join(QLatin1Char(' '));
    SqliteStatement &q =
        m_bulk ? m_db.fast("INSERT INTO temp.name_key_rows (key, sort_key, client_id, status, "
                           "income_bracket, counselor_id, name_keys) VALUES (?, ?, ?, ?, ?, ?, ?)")
               : m_db.fast("INSERT INTO client_name_keys (key, sort_key, client_id, status, "
                           "income_bracket, counselor_id, name_keys) VALUES (?, ?, ?, ?, ?, ?, ?)");
    for (const QString &key : keys) {
        q.bind(1, key);
        q.bindBlob(2, entry.sortKey);
        q.bind(3, entry.id);
        q.bind(4, entry.status);
        q.bind(5, entry.bracket);
        if (entry.counselorId != 0)
            q.bind(6, entry.counselorId);
        else
            q.bindNull(6);
        q.bind(7, all);
        if (!q.run())
            return m_db.statementError(
                q, QObject::tr("storing the search keys of client %1").arg(entry.id));
    }
    return {};
}

Status NameKeyWriter::beginBulk()
{
    if (!m_ready)
        return m_ready;
    // A temporary table belongs to this connection alone; it is made anew
    // when a rollback took it away with the transaction that made it.
    SqliteStatement &make = m_db.fast(
        "CREATE TEMP TABLE IF NOT EXISTS name_key_rows (key TEXT, sort_key BLOB, client_id "
        "INTEGER, status TEXT, income_bracket TEXT, counselor_id INTEGER, name_keys TEXT)");
    if (!make.run())
        return m_db.statementError(make, QObject::tr("preparing the search keys"));
    SqliteStatement &cache = m_db.fast("PRAGMA cache_size");
    if (cache.next())
        m_savedCacheSize = cache.columnInt(0);
    cache.reset();
    if (m_savedCacheSize != 0 && !m_db.fast("PRAGMA cache_size = -262144").run())
        m_savedCacheSize = 0;
    m_bulk = true;
    return {};
}

Status NameKeyWriter::endBulk()
{
    if (!m_bulk)
        return {};
    m_bulk = false;
    SqliteStatement &move = m_db.fast(
        "INSERT INTO client_name_keys (key, sort_key, client_id, status, income_bracket, "
        "counselor_id, name_keys) SELECT key, sort_key, client_id, status, income_bracket, "
        "counselor_id, name_keys FROM temp.name_key_rows ORDER BY key, sort_key, client_id");
    if (!move.run())
        return m_db.statementError(move, QObject::tr("storing the search keys"));
    SqliteStatement &clear = m_db.fast("DELETE FROM temp.name_key_rows");
    if (!clear.run())
        return m_db.statementError(clear, QObject::tr("storing the search keys"));
    if (m_savedCacheSize != 0) {
        // A PRAGMA takes no bound values; the number is the one read before.
        QSqlQuery(m_db.connection())
            .exec(QStringLiteral("PRAGMA cache_size = %1").arg(m_savedCacheSize));
        m_savedCacheSize = 0;
    }
    return {};
}

Result<NameKeyWriter::Entry> NameKeyWriter::stored(qint64 id)
{
    SqliteStatement &q =
        m_db.fast("SELECT first_name, last_name, name_sort_key, status, income_bracket, "
                  "counselor_id FROM clients WHERE id = ?");
    q.bind(1, id);
    if (!q.next()) {
        const bool failed = q.errorCode() != 0;
        Error error =
            failed ? m_db.statementError(q, QObject::tr("reading client %1").arg(id))
                   : Error{Error::Code::NotFound, QObject::tr("There is no client %1.").arg(id)};
        q.reset();
        return error;
    }
    Entry e;
    e.id = id;
    e.firstName = q.columnText(0);
    e.lastName = q.columnText(1);
    const std::string_view key = q.columnBlob(2);
    e.sortKey = QByteArray(key.data(), qsizetype(key.size()));
    e.status = q.columnText(3);
    e.bracket = q.columnText(4);
    e.counselorId = q.columnIsNull(5) ? 0 : q.columnInt(5);
    q.reset();
    return e;
}

Status NameKeyWriter::remove(qint64 id)
{
    if (!m_ready)
        return m_ready;
    auto entry = stored(id);
    if (!entry)
        return entry.error();
    // Each row found by its whole primary key: no index on client_id is
    // kept for this (it would cost every insert).
    const QStringList keys = nameKey::clientKeys(entry->firstName, entry->lastName);
    SqliteStatement &q =
        m_db.fast("DELETE FROM client_name_keys WHERE key = ? AND sort_key = ? AND client_id = ?");
    int removed = 0;
    for (const QString &key : keys) {
        q.bind(1, key);
        q.bindBlob(2, entry->sortKey);
        q.bind(3, id);
        if (!q.run())
            return m_db.statementError(
                q, QObject::tr("removing the search keys of client %1").arg(id));
        removed += m_db.changes();
    }
    if (removed == keys.size())
        return {};
    // Rows that do not match the stored name (written by other code, or
    // damaged): find them the slow way, reading the whole table.
    SqliteStatement &all = m_db.fast("DELETE FROM client_name_keys WHERE client_id = ?");
    all.bind(1, id);
    if (!all.run())
        return m_db.statementError(all,
                                   QObject::tr("removing the search keys of client %1").arg(id));
    return {};
}

Status NameKeyWriter::refresh(qint64 id)
{
    if (Status removed = remove(id); !removed)
        return removed;
    auto entry = stored(id);
    if (!entry)
        return entry.error();
    return insert(entry.value());
}

} // namespace pathway
