#include "Migrations.h"

#include "pathway/storage/AuditLog.h"
#include "pathway/storage/NameIndex.h"

#include "SqliteStatement.h"

#include <sqlite3.h>

#include <QMutex>

#include <map>

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
        {3,
         "intake drafts, case notes, plan acceptance, duplicate and caseload indexes",
         {
             // A half-done intake interview: the profile as far as it was typed
             // (a profile object) and the wizard page it was left on.
             QStringLiteral(R"(CREATE TABLE intake_drafts (
                id INTEGER PRIMARY KEY,
                counselor TEXT NOT NULL DEFAULT '',
                label TEXT NOT NULL,
                page INTEGER NOT NULL,
                profile_json TEXT NOT NULL,
                created_at TEXT NOT NULL,
                updated_at TEXT NOT NULL))"),
             QStringLiteral(R"(CREATE TABLE case_notes (
                id INTEGER PRIMARY KEY,
                client_id INTEGER NOT NULL REFERENCES clients(id) ON DELETE CASCADE,
                author TEXT NOT NULL,
                body TEXT NOT NULL,
                created_at TEXT NOT NULL))"),
             // The caseload's "last contact" is the newest note: one index seek.
             QStringLiteral("CREATE INDEX case_notes_client ON case_notes(client_id, created_at)"),
             // NULL while the plan is a proposal; set when the counselor accepts it.
             QStringLiteral("ALTER TABLE plans ADD COLUMN accepted_at TEXT"),
             // Duplicate search at intake: same email, same phone digits.
             QStringLiteral("CREATE INDEX clients_email ON clients(lower(email))"),
             // The expression is ClientRepository's kPhoneDigits, character for character.
             QStringLiteral(
                 "CREATE INDEX clients_phone_digits ON clients("
                 "replace(replace(replace(replace(replace(replace(replace(phone, "
                 "' ', ''), '-', ''), '(', ''), ')', ''), '.', ''), '+', ''), '/', ''))"),
             // The caseload list reads ids in name order filtered by status and
             // bracket: covering indexes answer that without reading the rows
             // (100,000 clients: 0.7 s -> 0.05 s). They replace clients_name.
             QStringLiteral("CREATE INDEX clients_caseload_status ON clients(status, last_name, "
                            "first_name, income_bracket)"),
             QStringLiteral("CREATE INDEX clients_caseload_name ON clients(last_name, "
                            "first_name, status, income_bracket)"),
             QStringLiteral("DROP INDEX clients_name"),
         }},
        {4,
         "passwords and sign-in back-off, plan reviews, append-only audit trail",
         {
             // Only a PBKDF2 hash (core/PasswordHash.h); '' = cannot sign in.
             QStringLiteral("ALTER TABLE users ADD COLUMN password_hash TEXT NOT NULL DEFAULT ''"),
             // Failed sign-ins since the last good one, and when the last
             // failed: the wait before the next attempt grows with them.
             QStringLiteral(
                 "ALTER TABLE users ADD COLUMN failed_sign_ins INTEGER NOT NULL DEFAULT 0"),
             QStringLiteral("ALTER TABLE users ADD COLUMN last_failed_at TEXT"),
             // A plan accepted by its counselor awaits a supervisor's review;
             // the review approves it or returns it with a comment.
             QStringLiteral("ALTER TABLE plans ADD COLUMN review_status TEXT NOT NULL DEFAULT "
                            "'none' CHECK (review_status IN ('none', 'pending', 'approved', "
                            "'returned'))"),
             QStringLiteral(
                 "UPDATE plans SET review_status = 'pending' WHERE accepted_at IS NOT NULL"),
             QStringLiteral("CREATE INDEX plans_review ON plans(review_status, client_id)"),
             // Overdue steps (dashboard, caseload --overdue): the open steps
             // by due date, without reading the done and dropped ones.
             QStringLiteral("CREATE INDEX plan_steps_open_due ON plan_steps(due_date, plan_id) "
                            "WHERE status IN ('planned', 'in_progress')"),
             QStringLiteral(R"(CREATE TABLE plan_reviews (
                id INTEGER PRIMARY KEY,
                plan_id INTEGER NOT NULL REFERENCES plans(id) ON DELETE CASCADE,
                decision TEXT NOT NULL CHECK (decision IN ('approved', 'returned')),
                comment TEXT NOT NULL DEFAULT '',
                reviewer_id INTEGER REFERENCES users(id), -- NULL: set-up (demo, import)
                created_at TEXT NOT NULL))"),
             QStringLiteral("CREATE INDEX plan_reviews_plan ON plan_reviews(plan_id, id)"),
             // Who did what to which record, never the personal values
             // themselves. user_id is not a foreign key: the trail outlives
             // what it names.
             QStringLiteral(R"(CREATE TABLE audit_log (
                id INTEGER PRIMARY KEY,
                at TEXT NOT NULL,
                user_id INTEGER,
                username TEXT NOT NULL,
                action TEXT NOT NULL,
                entity TEXT NOT NULL,
                record_id INTEGER,
                detail TEXT NOT NULL DEFAULT ''))"),
             QStringLiteral("CREATE INDEX audit_log_at ON audit_log(at)"),
             QStringLiteral("CREATE INDEX audit_log_user ON audit_log(username, at)"),
             QStringLiteral("CREATE INDEX audit_log_record ON audit_log(entity, record_id)"),
             // The text is audit::noUpdateTrigger() and noDeleteTrigger(),
             // which check compares with what the file holds.
             audit::noUpdateTrigger(),
             audit::noDeleteTrigger(),
         }},
        {5,
         "folded name keys and collation sort keys for the caseload search and order",
         {
             // Settings that belong to the data, the same for every PC that
             // opens the file: collation_locale (the order of names),
             // collation_version and name_key_version (what made the stored
             // keys; see storage/NameIndex.h).
             QStringLiteral(R"(CREATE TABLE database_settings (
                name TEXT PRIMARY KEY,
                value TEXT NOT NULL))"),
             // ICU sort key of "last name, first name" in the collation
             // locale (core/NameCollator.h); names sort by it, then by id.
             QStringLiteral(
                 "ALTER TABLE clients ADD COLUMN name_sort_key BLOB NOT NULL DEFAULT x''"),
             // One row per folded part of a client's names (core/NameKey.h),
             // so a typed word is a range seek on `key`. Each row carries
             // what the caseload filters and orders by (copies of the
             // client's columns, kept by NameKeyWriter on every write), so a
             // search reads one range of one index and nothing else.
             // name_keys holds all of the client's keys, space-separated,
             // to check the other words of a search. WITHOUT ROWID: the
             // primary key is the only index (PostgreSQL would drop the
             // clause; its key column needs COLLATE "C" there).
             QStringLiteral(R"(CREATE TABLE client_name_keys (
                key TEXT NOT NULL,
                sort_key BLOB NOT NULL,
                client_id INTEGER NOT NULL REFERENCES clients(id) ON DELETE CASCADE,
                status TEXT NOT NULL,
                income_bracket TEXT NOT NULL,
                counselor_id INTEGER,
                name_keys TEXT NOT NULL,
                PRIMARY KEY (key, sort_key, client_id)) WITHOUT ROWID)"),
             // The list is ordered by name_sort_key now: the name-ordered
             // covering indexes of version 3 go. Duplicate search at intake
             // (same name and date of birth) keeps an index on the names.
             QStringLiteral("DROP INDEX clients_caseload_status"),
             QStringLiteral("DROP INDEX clients_caseload_name"),
             QStringLiteral("DROP INDEX clients_counselor"),
             QStringLiteral("CREATE INDEX clients_name_birth ON clients(last_name, first_name, "
                            "date_of_birth)"),
             // The clients with a barrier, without a look-up in the table
             // per client (the caseload's barrier filter at 1,000,000
             // clients: 300,000 look-ups).
             QStringLiteral("DROP INDEX client_barriers_code"),
             QStringLiteral(
                 "CREATE INDEX client_barriers_code ON client_barriers(code, client_id)"),
         },
         &nameIndex::fillForMigration,
         {
             // The caseload in name order without a search: one covering
             // index read for everyone's clients, one for a counselor's
             // (which also serves every lookup by counselor_id).
             QStringLiteral("CREATE INDEX clients_caseload_order ON clients(name_sort_key, id, "
                            "status, income_bracket, counselor_id)"),
             QStringLiteral("CREATE INDEX clients_caseload_counselor ON clients(counselor_id, "
                            "name_sort_key, id, status, income_bracket)"),
         }},
        {6,
         "recurring plan steps",
         {
             // 0: a step done once, by due_date. N: every N weeks from the
             // plan's start_date + start_week weeks up to due_date, so each
             // occurrence can be computed (core occurrences()).
             QStringLiteral("ALTER TABLE plan_steps ADD COLUMN repeat_every_weeks INTEGER NOT NULL "
                            "DEFAULT 0 CHECK (repeat_every_weeks BETWEEN 0 AND 52)"),
         }},
        {7,
         "intake drafts remember the clients the counselor said are someone else",
         {
             // Comma-separated client ids ("12,40") the possible-duplicate
             // check showed and the counselor answered "a new client": not
             // shown again when the draft is resumed.
             QStringLiteral(
                 "ALTER TABLE intake_drafts ADD COLUMN not_duplicates TEXT NOT NULL DEFAULT ''"),
         }},
        {8,
         "a hash chain over the audit trail, so that check finds a changed or removed entry",
         {
             // The existing entries are hashed once (audit::fillChainForMigration):
             // the trigger that refuses UPDATE goes for that and comes back
             // unchanged, in this step's one transaction.
             QStringLiteral("DROP TRIGGER audit_log_no_update"),
             QStringLiteral("ALTER TABLE audit_log ADD COLUMN hash TEXT NOT NULL DEFAULT ''"),
         },
         &audit::fillChainForMigration,
         {
             audit::noUpdateTrigger(),
         }},
    };
    return steps;
}

bool readTables(sqlite3 *db, Tables &tables, int &code, QString &text)
{
    SqliteStatement q(db, "SELECT m.name, p.name FROM sqlite_master AS m JOIN "
                          "pragma_table_info(m.name) AS p WHERE m.type = 'table' AND m.name NOT "
                          "LIKE 'sqlite!_%' ESCAPE '!' ORDER BY m.name, p.cid");
    tables.clear();
    while (q.next())
        tables[q.columnText(0)].append(q.columnText(1));
    code = q.errorCode();
    if (code == SQLITE_OK)
        return true;
    text = q.errorText();
    return false;
}

const Tables &tablesAt(int version)
{
    // Worked out for the versions asked for (a file is normally at the
    // latest), each once per process: about 4 ms of CPU for the latest.
    static QMutex mutex;
    static std::map<int, Tables> known;
    const QMutexLocker lock(&mutex);
    const auto found = known.find(version);
    if (found != known.end())
        return found->second;
    Tables &tables = known[version];
    if (version < 1 || version > all().constLast().version)
        return tables;
    sqlite3 *db = nullptr;
    if (sqlite3_open_v2(":memory:", &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr) ==
        SQLITE_OK) {
        for (const Migration &m : all()) {
            if (m.version > version)
                break;
            for (const QString &sql : m.statements + m.after)
                sqlite3_exec(db, sql.toUtf8().constData(), nullptr, nullptr, nullptr);
        }
        int code = 0;
        QString text;
        if (!readTables(db, tables, code, text))
            tables.clear();
    }
    sqlite3_close(db);
    return tables;
}

} // namespace pathway::migrations
