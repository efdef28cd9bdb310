#include "Migrations.h"

namespace pathway::migrations {

// SQL is kept to what PostgreSQL would also accept where that costs nothing.
const QVector<Migration> &all()
{
    static const QVector<Migration> steps = {
        {1,
         "users, clients, barriers and goals",
         {
             QStringLiteral(R"(CREATE TABLE users (
                id INTEGER PRIMARY KEY,
                username TEXT NOT NULL UNIQUE,
                display_name TEXT NOT NULL,
                role TEXT NOT NULL CHECK (role IN ('counselor', 'supervisor', 'admin')),
                active INTEGER NOT NULL DEFAULT 1,
                created_at TEXT NOT NULL))"),
             QStringLiteral(R"(CREATE TABLE clients (
                id INTEGER PRIMARY KEY,
                first_name TEXT NOT NULL,
                last_name TEXT NOT NULL,
                date_of_birth TEXT NOT NULL,
                email TEXT NOT NULL DEFAULT '',
                phone TEXT NOT NULL DEFAULT '',
                address TEXT NOT NULL DEFAULT '',
                household_size INTEGER NOT NULL,
                annual_income BIGINT NOT NULL,
                employment_status TEXT NOT NULL,
                weeks_unemployed INTEGER NOT NULL DEFAULT 0,
                independence TEXT NOT NULL,
                income_bracket TEXT NOT NULL,
                income_bracket_override TEXT,
                income_bracket_reason TEXT NOT NULL DEFAULT '',
                education_level TEXT NOT NULL,
                skills TEXT NOT NULL DEFAULT '',
                interests TEXT NOT NULL DEFAULT '',
                counselor_id INTEGER REFERENCES users(id),
                status TEXT NOT NULL CHECK (status IN ('active', 'closed')),
                created_at TEXT NOT NULL,
                updated_at TEXT NOT NULL))"),
             QStringLiteral("CREATE INDEX clients_counselor ON clients(counselor_id)"),
             QStringLiteral("CREATE INDEX clients_name ON clients(last_name, first_name)"),
             QStringLiteral(R"(CREATE TABLE client_barriers (
                client_id INTEGER NOT NULL REFERENCES clients(id) ON DELETE CASCADE,
                position INTEGER NOT NULL,
                code TEXT NOT NULL,
                severity INTEGER NOT NULL CHECK (severity BETWEEN 1 AND 3),
                note TEXT NOT NULL DEFAULT '',
                PRIMARY KEY (client_id, code)))"),
             QStringLiteral("CREATE INDEX client_barriers_code ON client_barriers(code)"),
             QStringLiteral(R"(CREATE TABLE client_goals (
                client_id INTEGER NOT NULL REFERENCES clients(id) ON DELETE CASCADE,
                position INTEGER NOT NULL,
                code TEXT NOT NULL,
                PRIMARY KEY (client_id, code)))"),
         }},
        {2,
         "versioned career plans and their steps",
         {
             QStringLiteral(R"(CREATE TABLE plans (
                id INTEGER PRIMARY KEY,
                client_id INTEGER NOT NULL REFERENCES clients(id) ON DELETE CASCADE,
                version INTEGER NOT NULL,
                rules_version TEXT NOT NULL,
                profile_json TEXT NOT NULL,
                income_bracket TEXT NOT NULL,
                long_term_unemployed INTEGER NOT NULL,
                start_date TEXT NOT NULL,
                created_at TEXT NOT NULL,
                UNIQUE (client_id, version)))"),
             // Step texts repeat across thousands of plans (the same strategy,
             // the same reasons): each distinct text is stored once.
             QStringLiteral(R"(CREATE TABLE plan_texts (
                id INTEGER PRIMARY KEY,
                body TEXT NOT NULL UNIQUE))"),
             QStringLiteral(R"(CREATE TABLE plan_steps (
                id INTEGER PRIMARY KEY,
                plan_id INTEGER NOT NULL REFERENCES plans(id) ON DELETE CASCADE,
                position INTEGER NOT NULL,
                strategy_id TEXT NOT NULL,
                merged_strategies_id INTEGER NOT NULL REFERENCES plan_texts(id),
                category TEXT NOT NULL,
                phase TEXT NOT NULL,
                title_id INTEGER NOT NULL REFERENCES plan_texts(id),
                description_id INTEGER NOT NULL REFERENCES plan_texts(id),
                who_helps_id INTEGER NOT NULL REFERENCES plan_texts(id),
                reason_id INTEGER NOT NULL REFERENCES plan_texts(id),
                rationale_id INTEGER NOT NULL REFERENCES plan_texts(id), -- the template
                sources_id INTEGER NOT NULL REFERENCES plan_texts(id),
                start_week INTEGER NOT NULL,
                end_week INTEGER NOT NULL,
                priority INTEGER NOT NULL,
                due_date TEXT NOT NULL,
                status TEXT NOT NULL CHECK (status IN ('planned', 'in_progress', 'done', 'dropped')),
                status_note TEXT NOT NULL DEFAULT '',
                completed_on TEXT,
                UNIQUE (plan_id, position)))"),
         }},
    };
    return steps;
}

} // namespace pathway::migrations
