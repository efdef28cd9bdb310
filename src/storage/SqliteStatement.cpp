#include "SqliteStatement.h"

#include <sqlite3.h>

namespace pathway {

SqliteStatement::SqliteStatement(sqlite3 *db, const char *sql) : m_db(db)
{
    m_lastCode = db ? sqlite3_prepare_v3(db, sql, -1, SQLITE_PREPARE_PERSISTENT, &m_stmt, nullptr)
                    : SQLITE_MISUSE;
    if (m_lastCode != SQLITE_OK)
        m_stmt = nullptr;
}

SqliteStatement::SqliteStatement(sqlite3 *db, const QString &sql) : m_db(db)
{
    const QByteArray utf8 = sql.toUtf8();
    m_lastCode = db ? sqlite3_prepare_v2(db, utf8.constData(), int(utf8.size()), &m_stmt, nullptr)
                    : SQLITE_MISUSE;
    if (m_lastCode != SQLITE_OK)
        m_stmt = nullptr;
}

SqliteStatement::~SqliteStatement()
{
    sqlite3_finalize(m_stmt);
}

void SqliteStatement::bind(int index, qint64 value)
{
    sqlite3_bind_int64(m_stmt, index, value);
}

void SqliteStatement::bind(int index, const QString &text)
{
    // SQLite converts UTF-16 to the database's UTF-8 itself, without a
    // temporary QByteArray.
    // A null QString is bound as '' (the text columns are NOT NULL).
    static const char16_t empty[] = u"";
    const void *data =
        text.isNull() ? static_cast<const void *>(empty) : static_cast<const void *>(text.utf16());
    sqlite3_bind_text16(m_stmt, index, data, int(text.size() * 2), SQLITE_TRANSIENT);
}

void SqliteStatement::bindBlob(int index, const QByteArray &bytes)
{
    static const char empty[] = "";
    sqlite3_bind_blob(m_stmt, index, bytes.isNull() ? empty : bytes.constData(), int(bytes.size()),
                      SQLITE_TRANSIENT);
}

void SqliteStatement::bindNull(int index)
{
    sqlite3_bind_null(m_stmt, index);
}

bool SqliteStatement::run()
{
    if (!m_stmt)
        return false;
    m_lastCode = sqlite3_step(m_stmt);
    const bool ok = m_lastCode == SQLITE_DONE || m_lastCode == SQLITE_ROW;
    if (ok)
        m_lastCode = SQLITE_OK;
    sqlite3_reset(m_stmt);
    return ok;
}

bool SqliteStatement::next()
{
    if (!m_stmt)
        return false; // errorCode() keeps why it was not prepared
    m_lastCode = sqlite3_step(m_stmt);
    if (m_lastCode == SQLITE_ROW)
        return true;
    if (m_lastCode == SQLITE_DONE)
        m_lastCode = SQLITE_OK;
    return false;
}

void SqliteStatement::reset()
{
    sqlite3_reset(m_stmt);
}

qint64 SqliteStatement::columnInt(int index) const
{
    return sqlite3_column_int64(m_stmt, index);
}

QString SqliteStatement::columnText(int index) const
{
    const auto *text = reinterpret_cast<const char *>(sqlite3_column_text(m_stmt, index));
    if (!text)
        return {};
    return QString::fromUtf8(text, sqlite3_column_bytes(m_stmt, index));
}

std::string_view SqliteStatement::columnView(int index) const
{
    const auto *text = reinterpret_cast<const char *>(sqlite3_column_text(m_stmt, index));
    if (!text)
        return {};
    return std::string_view(text, size_t(sqlite3_column_bytes(m_stmt, index)));
}

std::string_view SqliteStatement::columnBlob(int index) const
{
    const auto *bytes = static_cast<const char *>(sqlite3_column_blob(m_stmt, index));
    if (!bytes)
        return {};
    return std::string_view(bytes, size_t(sqlite3_column_bytes(m_stmt, index)));
}

bool SqliteStatement::columnIsNull(int index) const
{
    return sqlite3_column_type(m_stmt, index) == SQLITE_NULL;
}

qint64 SqliteStatement::lastInsertId() const
{
    return sqlite3_last_insert_rowid(m_db);
}

QString SqliteStatement::errorText() const
{
    if (!m_db)
        return QStringLiteral("no SQLite handle");
    return QString::fromUtf8(sqlite3_errstr(m_lastCode)) + QStringLiteral(": ") +
           QString::fromUtf8(sqlite3_errmsg(m_db));
}

int SqliteStatement::errorCode() const
{
    return m_lastCode;
}

} // namespace pathway
