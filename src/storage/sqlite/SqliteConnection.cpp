#include "sqlite/SqliteConnection.h"

#include <QObject>

#include <sqlite3.h>

namespace pathway::sql {

// --- Statement --------------------------------------------------------------

SqliteStatement::SqliteStatement(sqlite3 *db, std::string_view sql) : m_db(db)
{
    m_code = db ? sqlite3_prepare_v3(db, sql.data(), int(sql.size()), SQLITE_PREPARE_PERSISTENT,
                                     &m_stmt, nullptr)
                : SQLITE_MISUSE;
    if (m_code != SQLITE_OK)
        m_stmt = nullptr;
}

SqliteStatement::~SqliteStatement()
{
    sqlite3_finalize(m_stmt);
}

void SqliteStatement::bindInt(int index, qint64 value)
{
    sqlite3_bind_int64(m_stmt, index, value);
}

void SqliteStatement::bindBool(int index, bool value)
{
    sqlite3_bind_int(m_stmt, index, value ? 1 : 0);
}

void SqliteStatement::bindText(int index, QStringView text)
{
    // SQLite converts UTF-16 to the database's UTF-8 itself, without a
    // temporary QByteArray. A null view binds as '' (text columns are NOT NULL).
    static const char16_t empty[] = u"";
    const void *data =
        text.isNull() ? static_cast<const void *>(empty) : static_cast<const void *>(text.utf16());
    sqlite3_bind_text16(m_stmt, index, data, int(text.size() * 2), SQLITE_TRANSIENT);
}

void SqliteStatement::bindUtf8(int index, std::string_view utf8)
{
    sqlite3_bind_text(m_stmt, index, utf8.data() ? utf8.data() : "", int(utf8.size()),
                      SQLITE_TRANSIENT);
}

void SqliteStatement::bindBlob(int index, const QByteArray &bytes)
{
    sqlite3_bind_blob(m_stmt, index, bytes.constData(), int(bytes.size()), SQLITE_TRANSIENT);
}

void SqliteStatement::bindNull(int index)
{
    sqlite3_bind_null(m_stmt, index);
}

bool SqliteStatement::step()
{
    if (!m_stmt)
        return false; // m_code keeps why it was not prepared
    const int code = sqlite3_step(m_stmt);
    if (code == SQLITE_ROW) {
        m_code = SQLITE_OK;
        return true;
    }
    if (code == SQLITE_DONE) {
        m_code = SQLITE_OK;
        m_changes = sqlite3_changes(m_db);
    } else {
        m_code = code;
    }
    return false;
}

void SqliteStatement::reset()
{
    if (m_stmt)
        sqlite3_reset(m_stmt);
}

Failure SqliteStatement::failure() const
{
    return SqliteConnection::classify(m_code);
}

QString SqliteStatement::errorText() const
{
    if (m_code == SQLITE_OK)
        return {};
    return SqliteConnection::explain(m_code, m_db ? QString::fromUtf8(sqlite3_errmsg(m_db))
                                                  : QString::fromUtf8(sqlite3_errstr(m_code)));
}

qint64 SqliteStatement::changes() const
{
    return m_changes;
}

int SqliteStatement::columnCount() const
{
    return m_stmt ? sqlite3_column_count(m_stmt) : 0;
}

bool SqliteStatement::isNull(int column) const
{
    return sqlite3_column_type(m_stmt, column) == SQLITE_NULL;
}

qint64 SqliteStatement::int64(int column) const
{
    return sqlite3_column_int64(m_stmt, column);
}

bool SqliteStatement::boolean(int column) const
{
    return sqlite3_column_int64(m_stmt, column) != 0;
}

std::string_view SqliteStatement::view(int column) const
{
    const auto *text = reinterpret_cast<const char *>(sqlite3_column_text(m_stmt, column));
    if (!text)
        return {};
    return std::string_view(text, size_t(sqlite3_column_bytes(m_stmt, column)));
}

QByteArray SqliteStatement::blob(int column) const
{
    const void *data = sqlite3_column_blob(m_stmt, column);
    return QByteArray(static_cast<const char *>(data), sqlite3_column_bytes(m_stmt, column));
}

// --- Dialect ----------------------------------------------------------------

std::string SqliteDialect::inIds(std::string_view column) const
{
    // One JSON array bound to one parameter: the statement is prepared once
    // whatever the number of ids (SQLite's JSON functions are built in).
    return std::string(column) + " IN (SELECT value FROM json_each(?))";
}

void SqliteDialect::bindIds(Statement &statement, int index, const QVector<qint64> &ids) const
{
    std::string list = "[";
    for (qsizetype i = 0; i < ids.size(); ++i) {
        if (i)
            list += ',';
        list += std::to_string(ids[i]);
    }
    list += ']';
    statement.bindUtf8(index, list);
}

// --- Connection -------------------------------------------------------------

SqliteConnection::SqliteConnection(sqlite3 *db) : m_db(db) {}

SqliteConnection::~SqliteConnection()
{
    clearCache(); // statements go before their connection
    sqlite3_close(m_db);
}

std::unique_ptr<Statement> SqliteConnection::prepare(std::string_view sql)
{
    return std::make_unique<SqliteStatement>(m_db, sql);
}

bool SqliteConnection::execute(std::string_view sql)
{
    const std::string text(sql);
    char *message = nullptr;
    m_lastCode = sqlite3_exec(m_db, text.c_str(), nullptr, nullptr, &message);
    m_lastText = message ? QString::fromUtf8(message) : QString();
    sqlite3_free(message);
    return m_lastCode == SQLITE_OK;
}

Failure SqliteConnection::lastFailure() const
{
    return classify(m_lastCode);
}

QString SqliteConnection::lastError() const
{
    return m_lastCode == SQLITE_OK ? QString() : explain(m_lastCode, m_lastText);
}

Failure SqliteConnection::classify(int code)
{
    switch (code & 0xff) { // the primary result code
    case SQLITE_OK:
    case SQLITE_ROW:
    case SQLITE_DONE:
        return Failure::None;
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
        return Failure::Busy;
    case SQLITE_CONSTRAINT:
        return Failure::Constraint;
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
        return Failure::Damaged;
    case SQLITE_READONLY:
    case SQLITE_PERM:
    case SQLITE_AUTH:
        return Failure::Denied;
    default:
        return Failure::Other;
    }
}

QString SqliteConnection::explain(int code, const QString &sqliteText)
{
    switch (code & 0xff) {
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
        return QObject::tr("the file is locked by another program or another Pathway window; "
                           "close it and try again");
    case SQLITE_READONLY:
        return QObject::tr("the file or its folder is read-only");
    case SQLITE_CORRUPT:
        return QObject::tr("the file is damaged (corrupt); restore it from a backup");
    case SQLITE_FULL:
        return QObject::tr("the disk is full");
    case SQLITE_CANTOPEN:
        return QObject::tr("the file cannot be opened");
    case SQLITE_NOTADB:
        return QObject::tr("the file is not a database");
    default:
        break;
    }
    return sqliteText;
}

} // namespace pathway::sql
