#pragma once

#include "sql/Connection.h"

#include <QString>

#include <string>
#include <vector>

struct pg_conn;
struct pg_result;

namespace pathway::sql {

class PgConnection;

// PostgreSQL's side of the seam: statements prepared on the server through
// libpq (PQprepare / PQexecPrepared) with their values as real parameters.
// Qt 6.4's QPSQL driver emulates prepared statements with the values
// formatted into the SQL, reports the wrong id after an insert that fires a
// trigger, cannot COPY and does not tell a lost connection apart; libpq does
// all of it. Only code in src/storage/postgres uses libpq.
class PgStatement final : public Statement
{
public:
    PgStatement(PgConnection &connection, std::string_view sql);
    ~PgStatement() override;

    void bindInt(int index, qint64 value) override;
    void bindBool(int index, bool value) override;
    void bindText(int index, QStringView text) override;
    void bindUtf8(int index, std::string_view utf8) override;
    void bindBlob(int index, const QByteArray &bytes) override;
    void bindNull(int index) override;
    bool step() override;
    void reset() override;
    Failure failure() const override { return m_failure; }
    QString errorText() const override { return m_error; }
    qint64 changes() const override { return m_changes; }
    int columnCount() const override;
    bool isNull(int column) const override;
    qint64 int64(int column) const override;
    bool boolean(int column) const override;
    std::string_view view(int column) const override;
    QByteArray blob(int column) const override;

    // `sql` with its `?` placeholders numbered $1, $2, ... (outside quotes
    // and comments), and how many there are.
    static std::string numberPlaceholders(std::string_view sql, int *count);

private:
    void slot(int index);
    bool run();

    PgConnection &m_connection;
    std::string m_sql; // with $n placeholders
    std::string m_name;
    int m_parameters = 0;
    int m_badParameter = 0; // a parameter bound that the SQL does not have
    bool m_prepared = false;
    std::vector<std::string> m_values;
    std::vector<char> m_null;
    std::vector<char> m_binary;
    pg_result *m_result = nullptr;
    int m_row = -1;
    int m_rows = 0;
    qint64 m_changes = 0;
    Failure m_failure = Failure::None;
    QString m_error;
};

class PgDialect final : public Dialect
{
public:
    Engine engine() const override { return Engine::Postgres; }
    std::string inIds(std::string_view column) const override;
    void bindIds(Statement &statement, int index, const QVector<qint64> &ids) const override;
    const char *beginWrite() const override { return "BEGIN"; }
    const char *beginRead() const override
    {
        return "BEGIN ISOLATION LEVEL REPEATABLE READ, READ ONLY";
    }
};

class PgConnection final : public Connection
{
public:
    // Takes ownership of a connection that is open (CONNECTION_OK).
    explicit PgConnection(pg_conn *connection, QString where);
    ~PgConnection() override;

    const Dialect &dialect() const override { return m_dialect; }
    std::unique_ptr<Statement> prepare(std::string_view sql) override;
    bool execute(std::string_view sql) override;
    Failure lastFailure() const override { return m_lastFailure; }
    QString lastError() const override { return m_lastError; }
    bool isOpen() const override;

    pg_conn *handle() const { return m_conn; }
    const QString &where() const { return m_where; }
    // A fresh name for a server-side prepared statement.
    std::string nextStatementName();

    // The failure and message of a result (or of the connection when there
    // is no result).
    static Failure classify(const pg_result *result, const pg_conn *connection);
    static QString describe(const pg_result *result, const pg_conn *connection);

private:
    pg_conn *m_conn;
    QString m_where;
    PgDialect m_dialect;
    int m_statements = 0;
    Failure m_lastFailure = Failure::None;
    QString m_lastError;
};

} // namespace pathway::sql
