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
    };
    return steps;
}

} // namespace pathway::migrations
