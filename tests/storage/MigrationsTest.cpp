#include "TestSupport.h"

#include "pathway/core/IncomeThresholds.h"
#include "pathway/storage/ClientRepository.h"
#include "pathway/storage/Database.h"

#include <QSqlQuery>
#include <QTemporaryDir>

#include <catch2/catch.hpp>

using namespace pathway;

namespace {
int count(Database &db, const char *table)
{
    QSqlQuery q(db.connection());
    REQUIRE(q.exec(QStringLiteral("SELECT count(*) FROM %1").arg(QLatin1String(table))));
    REQUIRE(q.next());
    return q.value(0).toInt();
}

// Rows a database at `version` can hold, written with the SQL of that version.
void fillAtVersion(Database &db, int version)
{
    if (version < 1)
        return;
    QSqlQuery q(db.connection());
    REQUIRE(
        q.exec(QStringLiteral("INSERT INTO users (id, username, display_name, role, created_at) "
                              "VALUES (1, 'agarcia', 'Ana García', 'counselor', '2026-01-01')")));
    REQUIRE(q.exec(QStringLiteral("INSERT INTO clients (id, first_name, last_name, date_of_birth, "
                                  "household_size, annual_income, "
                                  "employment_status, weeks_unemployed, independence, "
                                  "income_bracket, education_level, counselor_id, "
                                  "status, created_at, updated_at) VALUES (1, 'Zoë', 'Núñez', "
                                  "'1980-05-17', 3, 52000, 'unemployed', 40, "
                                  "'ultra_independent', 'lower_middle', 'bachelor', 1, 'active', "
                                  "'2026-01-01', '2026-01-01')")));
    REQUIRE(q.exec(QStringLiteral("INSERT INTO client_barriers (client_id, position, code, "
                                  "severity, note) VALUES (1, 0, 'stigma', 3, 'x')")));
    REQUIRE(q.exec(QStringLiteral(
        "INSERT INTO client_goals (client_id, position, code) VALUES (1, 0, 'employment')")));
}
} // namespace

TEST_CASE("Every earlier schema version upgrades without losing a row")
{
    for (int version = 0; version < Database::latestSchemaVersion(); ++version) {
        INFO("from schema " << version);
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("old.sqlite"));
        {
            Database::Options options;
            options.targetVersion = version;
            auto old = Database::open(path, options);
            REQUIRE(old.ok());
            REQUIRE(old.value()->schemaVersion() == version);
            fillAtVersion(*old.value(), version);
        }
        auto db = Database::open(path);
        REQUIRE(db.ok());
        CHECK(db.value()->schemaVersion() == Database::latestSchemaVersion());
        if (version >= 1) {
            CHECK(count(*db.value(), "clients") == 1);
            CHECK(count(*db.value(), "client_barriers") == 1);
            CHECK(count(*db.value(), "client_goals") == 1);
            ClientRepository repo(*db.value(), IncomeThresholds::builtIn());
            auto c = repo.get(1);
            REQUIRE(c.ok());
            CHECK(c->firstName == QStringLiteral("Zoë"));
            CHECK(c->counselor == QStringLiteral("agarcia"));
            REQUIRE(c->barriers.size() == 1);
            CHECK(c->barriers[0].severity == 3);
        }
        auto problems = db.value()->check();
        REQUIRE(problems.ok());
        CHECK(problems->isEmpty());
    }
}

TEST_CASE("Opening an up-to-date database twice changes nothing")
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("p.sqlite"));
    {
        auto db = Database::open(path);
        REQUIRE(db.ok());
    }
    auto db = Database::open(path);
    REQUIRE(db.ok());
    CHECK(db.value()->schemaVersion() == Database::latestSchemaVersion());
}
