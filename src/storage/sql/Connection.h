#pragma once

#include "sql/Statement.h"

#include <QString>
#include <QVector>

#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>

namespace pathway::sql {

enum class Engine
{
    Sqlite,
    Postgres,
};

// What really differs between the engines in the SQL that repositories
// write: everything else is written once, in SQL both accept.
class Dialect
{
public:
    virtual ~Dialect() = default;
    virtual Engine engine() const = 0;

    // A condition true when `column` is one of a list of ids bound to one
    // `?` with bindIds(): json_each on SQLite, = ANY(bigint[]) on PostgreSQL.
    virtual std::string inIds(std::string_view column) const = 0;
    virtual void bindIds(Statement &statement, int index, const QVector<qint64> &ids) const = 0;

    // Starts a transaction that will write: on SQLite BEGIN IMMEDIATE (the
    // write lock at once, so a second writer waits at BEGIN instead of
    // failing halfway), on PostgreSQL BEGIN (READ COMMITTED).
    virtual const char *beginWrite() const = 0;
    // Starts a transaction that reads one consistent state without taking
    // the write lock (exports): BEGIN, or a read-only repeatable read.
    virtual const char *beginRead() const = 0;
};

// One connection to one database, owned by a Database and used by the
// thread that opened it. Keeps a prepared statement per distinct SQL text.
class Connection
{
public:
    virtual ~Connection() = default;

    virtual const Dialect &dialect() const = 0;
    Engine engine() const { return dialect().engine(); }

    // The statement for `sql`, prepared on first use and kept until the
    // connection closes. Never null: a statement that failed to prepare
    // fails when stepped, with the reason.
    Statement &cached(std::string_view sql);
    // A statement prepared for one use (SQL put together at run time).
    virtual std::unique_ptr<Statement> prepare(std::string_view sql) = 0;

    // Runs SQL without parameters or rows (DDL, BEGIN, COMMIT, SET); it may
    // hold several statements separated by ';'. False on failure, with
    // lastFailure() and lastError() saying why.
    virtual bool execute(std::string_view sql) = 0;
    virtual Failure lastFailure() const = 0;
    virtual QString lastError() const = 0;

    // Whether the connection is still usable (false once a server went away).
    virtual bool isOpen() const = 0;

    // Drops every cached statement (before closing, or after a reconnect).
    void clearCache() { m_cache.clear(); }

private:
    std::unordered_map<std::string, std::unique_ptr<Statement>> m_cache;
};

inline Statement &Connection::cached(std::string_view sql)
{
    auto found = m_cache.find(std::string(sql));
    if (found != m_cache.end())
        return *found->second;
    auto made = prepare(sql);
    Statement &statement = *made;
    m_cache.emplace(std::string(sql), std::move(made));
    return statement;
}

} // namespace pathway::sql
