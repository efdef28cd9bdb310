#pragma once

#include "sql/Statement.h"

#include <QDate>
#include <QDateTime>
#include <QString>

#include <memory>
#include <optional>
#include <string_view>

namespace pathway::sql {

// Values as both engines store them, written and read in one place:
// dates as "YYYY-MM-DD" (TEXT on SQLite, date on PostgreSQL), moments as
// UTC "YYYY-MM-DDTHH:MM:SS.zzzZ" (fixed width, so text order is time order
// on SQLite; timestamptz on PostgreSQL), booleans as 0/1 or boolean.
QByteArray formatDate(const QDate &date);
QByteArray formatMoment(const QDateTime &moment);
// Reads what formatDate wrote (also the date part of a timestamp); invalid
// when `text` is empty or not a date.
QDate parseDate(std::string_view text);
// Reads a stored moment in any of the forms the engines give back:
// "2026-03-01T09:30:00.000Z", "2026-03-01T09:30:00Z", "2026-03-01 09:30:00"
// (SQLite's CURRENT_TIMESTAMP) and "2026-03-01 09:30:00.123456+00"
// (PostgreSQL's timestamptz, with any offset). UTC; invalid when unreadable.
QDateTime parseMoment(std::string_view text);

// One use of a prepared statement, with typed binding and reading; resets
// the statement when it goes out of scope, so a statement never stays
// half-read (holding SQLite's read lock or a server result).
//
//     sql::Query q = db.query("SELECT name FROM users WHERE id = ?");
//     q.bind(1, id);
//     while (q.next()) names << q.text(0);
//     if (!q.ok()) return db.error(q, tr("reading users"));
class Query
{
public:
    explicit Query(Statement &statement) : m_statement(&statement) {}
    explicit Query(std::unique_ptr<Statement> owned)
        : m_owned(std::move(owned)), m_statement(m_owned.get())
    {}
    Query(Query &&other) noexcept;
    Query &operator=(Query &&) = delete;
    Query(const Query &) = delete;
    Query &operator=(const Query &) = delete;
    ~Query();

    Query &bind(int index, qint64 value);
    Query &bind(int index, int value) { return bind(index, qint64(value)); }
    Query &bind(int index, bool value);
    Query &bind(int index, const QString &text);
    Query &bind(int index, QStringView text);
    Query &bind(int index, const char *utf8);
    Query &bind(int index, std::string_view utf8);
    // A null date or moment binds NULL.
    Query &bind(int index, const QDate &date);
    Query &bind(int index, const QDateTime &moment);
    Query &bind(int index, std::nullptr_t);
    template <typename T> Query &bind(int index, const std::optional<T> &value)
    {
        return value ? bind(index, *value) : bind(index, nullptr);
    }
    Query &bindBlob(int index, const QByteArray &bytes);

    // Runs the statement (the first time) and moves to the next row; false
    // at the end or on failure (ok() tells which).
    bool next();
    // Runs a statement that returns no rows to its end; false on failure.
    bool exec();
    // Whether nothing has failed so far.
    bool ok() const { return m_statement->failure() == Failure::None; }
    Failure failure() const { return m_statement->failure(); }
    QString errorText() const { return m_statement->errorText(); }
    qint64 changes() const { return m_statement->changes(); }

    bool isNull(int column) const { return m_statement->isNull(column); }
    qint64 int64(int column) const { return m_statement->int64(column); }
    int integer(int column) const { return int(m_statement->int64(column)); }
    bool boolean(int column) const { return m_statement->boolean(column); }
    QString text(int column) const;
    std::string_view view(int column) const { return m_statement->view(column); }
    QDate date(int column) const { return parseDate(m_statement->view(column)); }
    QDateTime moment(int column) const { return parseMoment(m_statement->view(column)); }
    QByteArray blob(int column) const { return m_statement->blob(column); }

    Statement &statement() { return *m_statement; }

private:
    std::unique_ptr<Statement> m_owned;
    Statement *m_statement;
};

} // namespace pathway::sql
