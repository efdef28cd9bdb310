#pragma once

// Fresh databases of either storage engine for the tests (header only).
//
// Every storage, service and CLI test runs on both engines: SQLite files in
// a temporary folder, and databases created on the PostgreSQL server named
// by PATHWAY_TEST_PG (scripts/test.sh starts a throwaway one and sets it).
// PATHWAY_TEST_ENGINES=sqlite limits a local run to SQLite; without it, a
// missing server fails the PostgreSQL half loudly instead of skipping it.

#include "sql/Connection.h"
#include "sql/Open.h"

#include <QAtomicInt>
#include <QCoreApplication>
#include <QString>
#include <QVector>

#include <catch2/catch.hpp>

namespace pathway::test {

inline QVector<sql::Engine> engines()
{
    if (qEnvironmentVariable("PATHWAY_TEST_ENGINES") == QLatin1String("sqlite"))
        return {sql::Engine::Sqlite};
    return {sql::Engine::Sqlite, sql::Engine::Postgres};
}

inline const char *engineName(sql::Engine engine)
{
    return engine == sql::Engine::Sqlite ? "SQLite" : "PostgreSQL";
}

// `uri` with its database name replaced by `name`.
inline QString withDatabase(const QString &uri, const QString &name)
{
    const int scheme = uri.indexOf(QLatin1String("://"));
    const int slash = uri.indexOf(QLatin1Char('/'), scheme < 0 ? 0 : scheme + 3);
    const int query = uri.indexOf(QLatin1Char('?'));
    const QString tail = query < 0 ? QString() : uri.mid(query);
    const QString head = slash < 0 ? (query < 0 ? uri : uri.left(query)) : uri.left(slash);
    return head + QLatin1Char('/') + name + tail;
}

// A database of its own on the test server, dropped when this goes.
class ServerDatabase
{
public:
    ServerDatabase() = default;
    ServerDatabase(ServerDatabase &&other) noexcept { *this = std::move(other); }
    ServerDatabase &operator=(ServerDatabase &&other) noexcept
    {
        std::swap(m_admin, other.m_admin);
        std::swap(m_name, other.m_name);
        return *this;
    }
    ~ServerDatabase()
    {
        if (m_name.isEmpty())
            return;
        auto admin = sql::openPostgres(m_admin, QString(), QString());
        if (admin)
            admin.value()->execute(QStringLiteral("DROP DATABASE IF EXISTS %1 WITH (FORCE)")
                                       .arg(m_name)
                                       .toStdString());
    }

    static ServerDatabase create()
    {
        const QString admin = qEnvironmentVariable("PATHWAY_TEST_PG");
        INFO("PATHWAY_TEST_PG is not set: run the tests through scripts/test.sh, or start a "
             "server with scripts/pg-test-server.sh start DIR and export PATHWAY_TEST_PG=<the URI "
             "it prints>; PATHWAY_TEST_ENGINES=sqlite runs the SQLite half only.");
        REQUIRE_FALSE(admin.isEmpty());
        static QAtomicInt counter;
        ServerDatabase db;
        db.m_admin = admin;
        db.m_name = QStringLiteral("pathway_test_%1_%2")
                        .arg(QCoreApplication::applicationPid())
                        .arg(counter.fetchAndAddOrdered(1));
        auto connection = sql::openPostgres(admin, QString(), QString());
        INFO((connection ? QString() : connection.error().message).toStdString());
        REQUIRE(connection);
        INFO(connection.value()->lastError().toStdString());
        REQUIRE(connection.value()->execute(
            QStringLiteral("CREATE DATABASE %1").arg(db.m_name).toStdString()));
        return db;
    }

    QString uri() const { return withDatabase(m_admin, m_name); }
    const QString &name() const { return m_name; }
    const QString &adminUri() const { return m_admin; }

private:
    QString m_admin;
    QString m_name;
};

} // namespace pathway::test
