#include "postgres/PgConnection.h"

#include <QObject>

#include <libpq-fe.h>

#include <charconv>
#include <cstring>

namespace pathway::sql {

namespace {

bool startsWith(const char *text, const char *prefix)
{
    return text && std::strncmp(text, prefix, std::strlen(prefix)) == 0;
}

} // namespace

// --- Statement --------------------------------------------------------------

std::string PgStatement::numberPlaceholders(std::string_view sql, int *count)
{
    std::string out;
    out.reserve(sql.size() + 16);
    int n = 0;
    for (size_t i = 0; i < sql.size(); ++i) {
        const char c = sql[i];
        if (c == '\'' || c == '"') { // a string or a quoted name: copied as it is
            const size_t end = sql.find(c, i + 1);
            const size_t stop = end == std::string_view::npos ? sql.size() : end + 1;
            out.append(sql.substr(i, stop - i));
            i = stop - 1;
        } else if (c == '-' && i + 1 < sql.size() && sql[i + 1] == '-') {
            const size_t end = sql.find('\n', i);
            const size_t stop = end == std::string_view::npos ? sql.size() : end;
            out.append(sql.substr(i, stop - i));
            i = stop - 1;
        } else if (c == '/' && i + 1 < sql.size() && sql[i + 1] == '*') {
            const size_t end = sql.find("*/", i + 2);
            const size_t stop = end == std::string_view::npos ? sql.size() : end + 2;
            out.append(sql.substr(i, stop - i));
            i = stop - 1;
        } else if (c == '?') {
            out += '$';
            out += std::to_string(++n);
        } else {
            out += c;
        }
    }
    if (count)
        *count = n;
    return out;
}

PgStatement::PgStatement(PgConnection &connection, std::string_view sql) : m_connection(connection)
{
    int count = 0;
    m_sql = numberPlaceholders(sql, &count);
    m_parameters = count;
    m_values.resize(size_t(count));
    m_null.assign(size_t(count), 1);
    m_binary.assign(size_t(count), 0);
}

PgStatement::~PgStatement()
{
    PQclear(m_result);
    // The server-side statement goes with the connection (or DEALLOCATE on a
    // long-lived connection would be one more round trip per statement).
}

void PgStatement::slot(int index)
{
    // Placeholders are counted from the SQL; binding beyond them is a bug
    // that the run below reports.
    if (index < 1 || index > m_parameters)
        m_badParameter = index;
}

void PgStatement::bindInt(int index, qint64 value)
{
    slot(index);
    if (index < 1 || index > m_parameters)
        return;
    char buffer[24];
    const auto end = std::to_chars(buffer, buffer + sizeof buffer, value).ptr;
    m_values[size_t(index - 1)].assign(buffer, end);
    m_null[size_t(index - 1)] = 0;
    m_binary[size_t(index - 1)] = 0;
}

void PgStatement::bindBool(int index, bool value)
{
    bindUtf8(index, value ? "t" : "f");
}

void PgStatement::bindText(int index, QStringView text)
{
    bindUtf8(index, text.toUtf8().toStdString());
}

void PgStatement::bindUtf8(int index, std::string_view utf8)
{
    slot(index);
    if (index < 1 || index > m_parameters)
        return;
    m_values[size_t(index - 1)].assign(utf8.data() ? utf8.data() : "", utf8.size());
    m_null[size_t(index - 1)] = 0;
    m_binary[size_t(index - 1)] = 0;
}

void PgStatement::bindBlob(int index, const QByteArray &bytes)
{
    slot(index);
    if (index < 1 || index > m_parameters)
        return;
    m_values[size_t(index - 1)].assign(bytes.constData(), size_t(bytes.size()));
    m_null[size_t(index - 1)] = 0;
    m_binary[size_t(index - 1)] = 1; // bytea in binary: the bytes as they are
}

void PgStatement::bindNull(int index)
{
    slot(index);
    if (index < 1 || index > m_parameters)
        return;
    m_values[size_t(index - 1)].clear();
    m_null[size_t(index - 1)] = 1;
}

bool PgStatement::run()
{
    PGconn *conn = m_connection.handle();
    if (m_badParameter != 0) {
        m_failure = Failure::Other;
        m_error = QObject::tr("parameter %1 does not exist in the statement").arg(m_badParameter);
        return false;
    }
    if (!m_prepared) {
        m_name = m_connection.nextStatementName();
        PGresult *prepared = PQprepare(conn, m_name.c_str(), m_sql.c_str(), m_parameters, nullptr);
        const bool ok = prepared && PQresultStatus(prepared) == PGRES_COMMAND_OK;
        if (!ok) {
            m_failure = PgConnection::classify(prepared, conn);
            m_error = PgConnection::describe(prepared, conn);
            PQclear(prepared);
            return false;
        }
        PQclear(prepared);
        m_prepared = true;
    }
    const auto n = static_cast<size_t>(m_parameters);
    std::vector<const char *> values(n);
    std::vector<int> lengths(n);
    std::vector<int> formats(n);
    for (size_t i = 0; i < size_t(m_parameters); ++i) {
        values[i] = m_null[i] ? nullptr : m_values[i].c_str();
        lengths[i] = int(m_values[i].size());
        formats[i] = m_binary[i];
    }
    m_result = PQexecPrepared(conn, m_name.c_str(), m_parameters, values.data(), lengths.data(),
                              formats.data(), 0);
    const ExecStatusType status = m_result ? PQresultStatus(m_result) : PGRES_FATAL_ERROR;
    if (status != PGRES_TUPLES_OK && status != PGRES_COMMAND_OK) {
        m_failure = PgConnection::classify(m_result, conn);
        m_error = PgConnection::describe(m_result, conn);
        PQclear(m_result);
        m_result = nullptr;
        return false;
    }
    m_failure = Failure::None;
    m_error.clear();
    m_rows = PQntuples(m_result);
    m_row = -1;
    const char *affected = PQcmdTuples(m_result);
    m_changes = affected && *affected ? std::strtoll(affected, nullptr, 10) : 0;
    return true;
}

bool PgStatement::step()
{
    if (!m_result && !run())
        return false;
    if (m_row + 1 < m_rows) {
        ++m_row;
        return true;
    }
    m_row = m_rows; // at the end: the result stays until reset()
    return false;
}

void PgStatement::reset()
{
    PQclear(m_result);
    m_result = nullptr;
    m_row = -1;
    m_rows = 0;
}

int PgStatement::columnCount() const
{
    return m_result ? PQnfields(m_result) : 0;
}

bool PgStatement::isNull(int column) const
{
    return PQgetisnull(m_result, m_row, column) != 0;
}

qint64 PgStatement::int64(int column) const
{
    const char *text = PQgetvalue(m_result, m_row, column);
    if (!text || !*text)
        return 0;
    if (*text == 't' || *text == 'f') // a boolean read as a number
        return *text == 't' ? 1 : 0;
    qint64 value = 0;
    std::from_chars(text, text + PQgetlength(m_result, m_row, column), value);
    return value;
}

bool PgStatement::boolean(int column) const
{
    const char *text = PQgetvalue(m_result, m_row, column);
    if (!text)
        return false;
    return *text == 't' || (*text >= '1' && *text <= '9');
}

std::string_view PgStatement::view(int column) const
{
    if (PQgetisnull(m_result, m_row, column))
        return {};
    return std::string_view(PQgetvalue(m_result, m_row, column),
                            size_t(PQgetlength(m_result, m_row, column)));
}

QByteArray PgStatement::blob(int column) const
{
    // bytea comes back in hex text form ("\x0a1b..."), results being text.
    const auto *text = reinterpret_cast<const unsigned char *>(PQgetvalue(m_result, m_row, column));
    size_t length = 0;
    unsigned char *bytes = PQunescapeBytea(text, &length);
    if (!bytes)
        return {};
    QByteArray out(reinterpret_cast<const char *>(bytes), qsizetype(length));
    PQfreemem(bytes);
    return out;
}

// --- Dialect ----------------------------------------------------------------

std::string PgDialect::inIds(std::string_view column) const
{
    return std::string(column) + " = ANY(CAST(? AS bigint[]))";
}

void PgDialect::bindIds(Statement &statement, int index, const QVector<qint64> &ids) const
{
    std::string list = "{";
    for (qsizetype i = 0; i < ids.size(); ++i) {
        if (i)
            list += ',';
        list += std::to_string(ids[i]);
    }
    list += '}';
    statement.bindUtf8(index, list);
}

// --- Connection -------------------------------------------------------------

PgConnection::PgConnection(pg_conn *connection, QString where)
    : m_conn(connection), m_where(std::move(where))
{}

PgConnection::~PgConnection()
{
    clearCache();
    PQfinish(m_conn);
}

std::unique_ptr<Statement> PgConnection::prepare(std::string_view sql)
{
    return std::make_unique<PgStatement>(*this, sql);
}

bool PgConnection::execute(std::string_view sql)
{
    const std::string text(sql);
    PGresult *result = PQexec(m_conn, text.c_str());
    const ExecStatusType status = result ? PQresultStatus(result) : PGRES_FATAL_ERROR;
    const bool ok = status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK;
    m_lastFailure = ok ? Failure::None : classify(result, m_conn);
    m_lastError = ok ? QString() : describe(result, m_conn);
    PQclear(result);
    return ok;
}

bool PgConnection::isOpen() const
{
    return m_conn && PQstatus(m_conn) == CONNECTION_OK;
}

std::string PgConnection::nextStatementName()
{
    return "pathway_" + std::to_string(++m_statements);
}

Failure PgConnection::classify(const pg_result *result, const pg_conn *connection)
{
    const char *state = result ? PQresultErrorField(result, PG_DIAG_SQLSTATE) : nullptr;
    if (!state)
        return connection && PQstatus(connection) != CONNECTION_OK ? Failure::ConnectionLost
                                                                   : Failure::Other;
    if (startsWith(state, "08") || startsWith(state, "57P"))
        return Failure::ConnectionLost;
    if (startsWith(state, "40001") || startsWith(state, "40P01") || startsWith(state, "55P03"))
        return Failure::Busy;
    if (startsWith(state, "23"))
        return Failure::Constraint;
    if (startsWith(state, "42501") || startsWith(state, "28"))
        return Failure::Denied;
    if (startsWith(state, "XX001") || startsWith(state, "XX002"))
        return Failure::Damaged;
    return Failure::Other;
}

QString PgConnection::describe(const pg_result *result, const pg_conn *connection)
{
    QString text;
    if (result) {
        text = QString::fromUtf8(PQresultErrorField(result, PG_DIAG_MESSAGE_PRIMARY));
        const char *detail = PQresultErrorField(result, PG_DIAG_MESSAGE_DETAIL);
        if (detail && *detail)
            text += QStringLiteral(" (%1)").arg(QString::fromUtf8(detail));
    }
    if (text.isEmpty() && connection)
        text = QString::fromUtf8(PQerrorMessage(connection)).trimmed();
    if (connection && PQstatus(connection) != CONNECTION_OK)
        return QObject::tr("the connection to the server was lost; nothing more was saved (%1)")
            .arg(text);
    return text;
}

} // namespace pathway::sql
