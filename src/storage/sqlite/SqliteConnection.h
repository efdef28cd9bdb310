#pragma once

#include "sql/Connection.h"

struct sqlite3;
struct sqlite3_stmt;

namespace pathway::sql {

// SQLite's side of the seam: statements bound and read straight on the
// SQLite C API, with no QVariant or QString per value (Qt 6.4's QSqlQuery
// built a placeholder name with QString::arg for every bound value, which
// cost more than SQLite's own work on bulk writes). The only code outside
// src/storage/sqlite that may use SQLite's C API is none.
class SqliteStatement final : public Statement
{
public:
    SqliteStatement(sqlite3 *db, std::string_view sql);
    ~SqliteStatement() override;

    void bindInt(int index, qint64 value) override;
    void bindBool(int index, bool value) override;
    void bindText(int index, QStringView text) override;
    void bindUtf8(int index, std::string_view utf8) override;
    void bindBlob(int index, const QByteArray &bytes) override;
    void bindNull(int index) override;
    bool step() override;
    void reset() override;
    Failure failure() const override;
    QString errorText() const override;
    qint64 changes() const override;
    int columnCount() const override;
    bool isNull(int column) const override;
    qint64 int64(int column) const override;
    bool boolean(int column) const override;
    std::string_view view(int column) const override;
    QByteArray blob(int column) const override;

    // SQLite's primary result code of the last call (0 when it succeeded).
    int code() const { return m_code; }

private:
    sqlite3 *m_db;
    sqlite3_stmt *m_stmt = nullptr;
    int m_code = 0;
    qint64 m_changes = 0;
};

class SqliteDialect final : public Dialect
{
public:
    Engine engine() const override { return Engine::Sqlite; }
    std::string inIds(std::string_view column) const override;
    void bindIds(Statement &statement, int index, const QVector<qint64> &ids) const override;
    const char *beginWrite() const override { return "BEGIN IMMEDIATE"; }
    const char *beginRead() const override { return "BEGIN"; }
};

class SqliteConnection final : public Connection
{
public:
    // Takes ownership of an open handle.
    explicit SqliteConnection(sqlite3 *db);
    ~SqliteConnection() override;

    const Dialect &dialect() const override { return m_dialect; }
    std::unique_ptr<Statement> prepare(std::string_view sql) override;
    bool execute(std::string_view sql) override;
    Failure lastFailure() const override;
    QString lastError() const override;
    bool isOpen() const override { return m_db != nullptr; }

    sqlite3 *handle() const { return m_db; }
    // SQLite's primary result code of the last execute() (0: it succeeded).
    int lastCode() const { return m_lastCode; }

    // What an SQLite result code means to the person who reads the message.
    static QString explain(int code, const QString &sqliteText);
    static Failure classify(int code);

private:
    sqlite3 *m_db;
    SqliteDialect m_dialect;
    int m_lastCode = 0;
    QString m_lastText;
};

} // namespace pathway::sql
