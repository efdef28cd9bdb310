#include "StorageSupport.h"
#include "TestSupport.h"

#include "pathway/core/IncomeThresholds.h"
#include "pathway/core/NameCollator.h"
#include "pathway/storage/CaseloadRepository.h"
#include "pathway/storage/ClientRepository.h"
#include "pathway/storage/Database.h"
#include "pathway/storage/NameIndex.h"
#include "pathway/storage/PlanRepository.h"

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
    if (version < 2)
        return;
    REQUIRE(q.exec(QStringLiteral(
        "INSERT INTO plans (id, client_id, version, rules_version, profile_json, income_bracket, "
        "long_term_unemployed, start_date, created_at) VALUES (1, 1, 1, '1', '{}', "
        "'lower_middle', 1, '2026-01-05', '2026-01-05')")));
    REQUIRE(q.exec(QStringLiteral("INSERT INTO plan_texts (id, body) VALUES (1, ''), "
                                  "(2, 'Talk it through with a counselor')")));
    REQUIRE(q.exec(QStringLiteral(
        "INSERT INTO plan_steps (plan_id, position, strategy_id, merged_strategies_id, category, "
        "phase, title_id, description_id, who_helps_id, reason_id, rationale_id, sources_id, "
        "start_week, end_week, priority, due_date, status, status_note, completed_on) VALUES "
        "(1, 0, 'stigma-talk', 1, 'counseling', 'stabilise', 2, 1, 1, 1, 1, 1, 0, 2, 90, "
        "'2026-01-19', 'done', '', '2026-01-12')")));
    if (version < 3)
        return;
    REQUIRE(q.exec(QStringLiteral("UPDATE plans SET accepted_at = '2026-01-06T10:00:00Z'")));
    REQUIRE(q.exec(QStringLiteral("INSERT INTO case_notes (client_id, author, body, created_at) "
                                  "VALUES (1, 'agarcia', 'Met at the library', "
                                  "'2026-01-07T09:00:00Z')")));
    REQUIRE(q.exec(QStringLiteral(
        "INSERT INTO intake_drafts (counselor, label, page, profile_json, created_at, "
        "updated_at) VALUES ('agarcia', 'Ana', 1, '{}', '2026-01-08', '2026-01-08')")));
    if (version < 4)
        return;
    // Accepting a plan puts it up for review from version 4 on.
    REQUIRE(q.exec(QStringLiteral("UPDATE plans SET review_status = 'pending'")));
    if (version < 5)
        return;
    // From version 5 every write of a client keeps its name keys, as the
    // migration computes them.
    REQUIRE(nameIndex::fillForMigration(db));
}

QString scalar(Database &db, const QString &sql)
{
    QSqlQuery q(db.connection());
    REQUIRE(q.exec(sql));
    REQUIRE(q.next());
    return q.value(0).toString();
}
} // namespace

TEST_CASE("Every earlier schema version upgrades without losing a row")
{
    for (int version = 0; version < Database::latestSchemaVersion(); ++version) {
        INFO("from schema " << version);
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("old.sqlite"));
        {
            Database::Options options = test::creating();
            options.targetVersion = version;
            auto old = test::openAsSystem(path, options);
            REQUIRE(old.ok());
            REQUIRE(old.value()->schemaVersion() == version);
            fillAtVersion(*old.value(), version);
        }
        auto db = test::openAsSystem(path);
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
        if (version >= 2) {
            CHECK(count(*db.value(), "plans") == 1);
            PlanRepository plans(*db.value());
            auto plan = plans.current(1);
            REQUIRE(plan.ok());
            REQUIRE(plan->has_value());
            REQUIRE(plan.value()->steps.size() == 1);
            CHECK(plan.value()->steps[0].title ==
                  QStringLiteral("Talk it through with a counselor"));
            CHECK(plan.value()->steps[0].status == StepStatus::Done);
            // Steps stored before recurrences existed happen once.
            CHECK(plan.value()->steps[0].repeatEveryWeeks == 0);
            // Plans made before version 3 are proposals until accepted.
            CHECK(plans.info(1)->acceptedAt.isValid() == (version >= 3));
        }
        if (version >= 1) {
            CHECK(count(*db.value(), "case_notes") == (version >= 3 ? 1 : 0));
            CHECK(count(*db.value(), "intake_drafts") == (version >= 3 ? 1 : 0));
            // Drafts from before version 7 remember no answer to the duplicate check.
            if (version >= 3)
                CHECK(scalar(*db.value(),
                             QStringLiteral("SELECT not_duplicates FROM intake_drafts")) ==
                      QString());
            // Users from before sign-in have no password until an admin sets one.
            CHECK(scalar(*db.value(), QStringLiteral("SELECT password_hash FROM users")) ==
                  QString());
            // Only what this test did since the upgrade (reading client 1).
            CHECK(scalar(*db.value(), QStringLiteral("SELECT count(*) FROM audit_log WHERE "
                                                     "action <> 'view'")) == QStringLiteral("0"));
        }
        if (version >= 1) {
            // Migration 5 folded the names into search keys and sorted them
            // by this machine's locale.
            CHECK(nameIndex::collationLocale(*db.value()).value() == NameCollator::defaultLocale());
            CHECK(scalar(*db.value(),
                         QStringLiteral("SELECT group_concat(key, ' ') FROM (SELECT key FROM "
                                        "client_name_keys WHERE client_id = 1 ORDER BY key)")) ==
                  QStringLiteral("nunez zoe"));
            QSqlQuery key(db.value()->connection());
            REQUIRE(key.exec(QStringLiteral("SELECT name_sort_key FROM clients WHERE id = 1")));
            REQUIRE(key.next());
            CHECK(key.value(0).toByteArray() ==
                  NameCollator(NameCollator::defaultLocale())
                      .sortKey(QStringLiteral("Zoë"), QStringLiteral("Núñez")));
            CaseloadFilter filter;
            filter.text = QStringLiteral("NUÑ");
            CHECK(CaseloadRepository(*db.value()).matchingIds(filter).value() ==
                  QVector<qint64>{1});
        }
        if (version >= 2) {
            // A plan accepted before reviews existed awaits review.
            CHECK(scalar(*db.value(), QStringLiteral("SELECT review_status FROM plans")) ==
                  (version >= 3 ? QStringLiteral("pending") : QStringLiteral("none")));
        }
        auto problems = db.value()->check();
        REQUIRE(problems.ok());
        CHECK(problems->isEmpty());
    }
}

TEST_CASE("Upgrading to schema 5 sorts the stored clients by the collation, not by code points")
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("v4.sqlite"));
    {
        Database::Options options = test::creating();
        options.targetVersion = 4;
        auto old = test::openAsSystem(path, options);
        REQUIRE(old.ok());
        fillAtVersion(*old.value(), 4); // client 1: Zoë Núñez
        QSqlQuery q(old.value()->connection());
        for (const char *name : {"(2, 'Sam', 'Wright')", "(3, 'Ana', 'Ñúñez-Łukasiewicz')",
                                 "(4, 'Thanh', 'Nguyen')", "(5, 'Chidi', 'Okafor')"})
            REQUIRE(q.exec(
                QStringLiteral("INSERT INTO clients (id, first_name, last_name, date_of_birth, "
                               "household_size, annual_income, employment_status, independence, "
                               "income_bracket, education_level, counselor_id, status, "
                               "created_at, updated_at) SELECT v.column1, v.column2, v.column3, "
                               "'1980-05-17', 1, 1000, 'unemployed', 'guided', 'low', 'none', 1, "
                               "'active', '2026-01-01', '2026-01-01' FROM (VALUES %1) v")
                    .arg(QString::fromUtf8(name))));
    }
    auto db = test::openAsSystem(path);
    REQUIRE(db.ok());
    CaseloadRepository caseload(*db.value());
    CHECK(caseload.matchingIds({}).value() == QVector<qint64>({4, 1, 3, 5, 2}));
    CaseloadFilter luk;
    luk.text = QStringLiteral("łuk");
    CHECK(caseload.matchingIds(luk).value() == QVector<qint64>{3});
}

TEST_CASE("Opening an up-to-date database twice changes nothing")
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("p.sqlite"));
    {
        auto db = test::openAsSystem(path);
        REQUIRE(db.ok());
    }
    auto db = test::openAsSystem(path);
    REQUIRE(db.ok());
    CHECK(db.value()->schemaVersion() == Database::latestSchemaVersion());
}

TEST_CASE("Schema 6 stores a step's recurrence and refuses an impossible one")
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("r.sqlite"));
    {
        Database::Options options = test::creating();
        options.targetVersion = 4;
        auto old = test::openAsSystem(path, options);
        REQUIRE(old.ok());
        fillAtVersion(*old.value(), 4);
    }
    auto db = test::openAsSystem(path);
    REQUIRE(db.ok());
    REQUIRE(db.value()->schemaVersion() >= 6);
    CHECK(scalar(*db.value(), QStringLiteral("SELECT repeat_every_weeks FROM plan_steps")) ==
          QStringLiteral("0"));
    QSqlQuery q(db.value()->connection());
    CHECK(q.exec(QStringLiteral("UPDATE plan_steps SET repeat_every_weeks = 2")));
    PlanRepository plans(*db.value());
    auto plan = plans.current(1);
    REQUIRE(plan.ok());
    REQUIRE(plan->has_value());
    CHECK(plan.value()->steps[0].repeatEveryWeeks == 2);
    CHECK_FALSE(q.exec(QStringLiteral("UPDATE plan_steps SET repeat_every_weeks = -1")));
    CHECK_FALSE(q.exec(QStringLiteral("UPDATE plan_steps SET repeat_every_weeks = 53")));
}
