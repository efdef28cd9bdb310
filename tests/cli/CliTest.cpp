#include "CliSupport.h"
#include "TestSupport.h"

#include "pathway/core/Csv.h"
#include "pathway/core/ProfileJson.h"
#include "pathway/storage/Accounts.h"
#include "pathway/storage/Database.h"
#include "pathway/storage/PlanRepository.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QLockFile>
#include <QMap>
#include <QProcess>
#include <QRegularExpression>
#include <QSet>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QSqlRecord>
#include <QTemporaryDir>
#include <QTimeZone>

#include <nlohmann/json.hpp>

#include <catch2/catch.hpp>

#include <optional>

#include <unistd.h>

using namespace pathway;
using namespace pathway::clitest;

namespace {
const QString kSupervisor = QStringLiteral("sreyes");
const QStringList kCounselors = {QStringLiteral("agarcia"), QStringLiteral("bnguyen"),
                                 QStringLiteral("cokafor"), QStringLiteral("dmuller"),
                                 QStringLiteral("ejohnson")};

// Direct SQL on a database file, to check what pathway-cli did without
// going through Pathway's own code.
class Sql
{
public:
    explicit Sql(const QString &path)
    {
        static int connections = 0;
        m_name = QStringLiteral("clitest-%1").arg(++connections);
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), m_name);
        db.setDatabaseName(path);
        REQUIRE(db.open());
    }
    ~Sql()
    {
        QSqlDatabase::database(m_name).close();
        QSqlDatabase::removeDatabase(m_name);
    }
    Sql(const Sql &) = delete;
    Sql &operator=(const Sql &) = delete;

    QVector<QVariantList> rows(const QString &sql, const QVariantList &values = {})
    {
        QSqlQuery q(QSqlDatabase::database(m_name));
        INFO(sql.toStdString());
        REQUIRE(q.prepare(sql));
        for (const QVariant &v : values)
            q.addBindValue(v);
        INFO(q.lastError().text().toStdString());
        REQUIRE(q.exec());
        QVector<QVariantList> out;
        while (q.next()) {
            QVariantList row;
            for (int i = 0; i < q.record().count(); ++i)
                row << q.value(i);
            out << row;
        }
        return out;
    }
    QVariant value(const QString &sql, const QVariantList &values = {})
    {
        const auto r = rows(sql, values);
        REQUIRE(r.size() == 1);
        return r[0][0];
    }
    QSet<qint64> ids(const QString &sql, const QVariantList &values = {})
    {
        QSet<qint64> out;
        for (const QVariantList &r : rows(sql, values))
            out.insert(r[0].toLongLong());
        return out;
    }

private:
    QString m_name;
};

QSet<qint64> clientsOf(const QString &db, const QString &counselor)
{
    Sql sql(db);
    return sql.ids(QStringLiteral("SELECT c.id FROM clients c JOIN users u ON u.id = "
                                  "c.counselor_id WHERE u.username = ?"),
                   {counselor});
}

QSet<qint64> allClients(const QString &db)
{
    Sql sql(db);
    return sql.ids(QStringLiteral("SELECT id FROM clients"));
}

// Parses a CSV file with Python's csv module (strict mode), a parser that
// shares no code with Pathway.
QVector<QStringList> pythonCsv(const QString &path)
{
    QProcess p;
    p.start(QStringLiteral("python3"),
            {QStringLiteral("-c"),
             QStringLiteral("import csv, json, sys\n"
                            "with open(sys.argv[1], newline='', encoding='utf-8') as f:\n"
                            "    json.dump(list(csv.reader(f, strict=True)), sys.stdout)\n"),
             path});
    REQUIRE(p.waitForFinished(60000));
    INFO(QString::fromUtf8(p.readAllStandardError()).toStdString());
    REQUIRE(p.exitStatus() == QProcess::NormalExit);
    REQUIRE(p.exitCode() == 0);
    const auto doc = nlohmann::json::parse(p.readAllStandardOutput().toStdString());
    QVector<QStringList> records;
    for (const auto &record : doc) {
        QStringList fields;
        for (const auto &field : record)
            fields << QString::fromStdString(field.get<std::string>());
        records << fields;
    }
    return records;
}

const QStringList kHeader = {
    QStringLiteral("id"),        QStringLiteral("last_name"),     QStringLiteral("first_name"),
    QStringLiteral("counselor"), QStringLiteral("status"),        QStringLiteral("bracket"),
    QStringLiteral("barriers"),  QStringLiteral("plan_progress"), QStringLiteral("overdue_steps"),
    QStringLiteral("next_due"),  QStringLiteral("last_contact"),  QStringLiteral("intake_date"),
};

// The caseload columns of every client, worked out from the tables with
// plain SQL, in pathway-cli's order (the stored collation sort key of the
// names, then id). Last contact is the date in `zone`.
QVector<QStringList> expectedCaseload(const QString &db, const QDate &today, const QTimeZone &zone)
{
    Sql sql(db);
    QVector<QStringList> out;
    const auto clients = sql.rows(QStringLiteral(
        "SELECT c.id, c.last_name, c.first_name, COALESCE(u.username, ''), c.status, "
        "c.income_bracket, c.created_at FROM clients c LEFT JOIN users u ON u.id = c.counselor_id "
        "ORDER BY c.name_sort_key, c.id"));
    for (const QVariantList &c : clients) {
        const qint64 id = c[0].toLongLong();
        QStringList barriers;
        for (const QVariantList &b :
             sql.rows(QStringLiteral("SELECT code FROM client_barriers WHERE client_id = ? "
                                     "ORDER BY severity DESC, position"),
                      {id}))
            barriers << b[0].toString();
        QString progress = QStringLiteral("0/0");
        QString overdue = QStringLiteral("0");
        QString nextDue;
        const auto plan =
            sql.rows(QStringLiteral(
                         "SELECT id FROM plans WHERE client_id = ? ORDER BY version DESC LIMIT 1"),
                     {id});
        if (!plan.isEmpty()) {
            const QVariant planId = plan[0][0];
            const auto steps = sql.rows(
                QStringLiteral(
                    "SELECT sum(status = 'done'), sum(status <> 'dropped'), "
                    "sum(status IN ('planned', 'in_progress') AND due_date < ?), "
                    "min(CASE WHEN status IN ('planned', 'in_progress') THEN due_date END) "
                    "FROM plan_steps WHERE plan_id = ?"),
                {today.toString(Qt::ISODate), planId});
            progress = QStringLiteral("%1/%2").arg(steps[0][0].toInt()).arg(steps[0][1].toInt());
            overdue = QString::number(steps[0][2].toInt());
            nextDue = steps[0][3].toString();
        }
        const QVariant note = sql.value(
            QStringLiteral("SELECT max(created_at) FROM case_notes WHERE client_id = ?"), {id});
        const QString lastContact = note.isNull()
                                        ? QString()
                                        : QDateTime::fromString(note.toString(), Qt::ISODate)
                                              .toTimeZone(zone)
                                              .date()
                                              .toString(Qt::ISODate);
        out << QStringList{QString::number(id),
                           c[1].toString(),
                           c[2].toString(),
                           c[3].toString(),
                           c[4].toString(),
                           c[5].toString(),
                           barriers.join(QLatin1Char(';')),
                           progress,
                           overdue,
                           nextDue,
                           lastContact,
                           QDateTime::fromString(c[6].toString(), Qt::ISODate)
                               .toTimeZone(zone)
                               .date()
                               .toString(Qt::ISODate)};
    }
    return out;
}

QSet<qint64> idsOf(const QVector<QStringList> &records)
{
    QSet<qint64> ids;
    for (int i = 1; i < records.size(); ++i)
        ids.insert(records[i][0].toLongLong());
    return ids;
}

// Writes the sample client (counselor `counselor`) as a profile file.
QString writeProfile(const QTemporaryDir &dir, const QString &counselor,
                     const QString &lastName = QString())
{
    Client c = test::sampleClient();
    c.counselor = counselor;
    if (!lastName.isEmpty())
        c.lastName = lastName;
    const QString path = dir.filePath(QStringLiteral("profile-%1.json").arg(counselor));
    REQUIRE(test::writeFile(path, QByteArray::fromStdString(clientToJson(c).dump())));
    return path;
}

const QFile::Permissions kOwnerOnly =
    QFile::ReadOwner | QFile::WriteOwner | QFile::ReadUser | QFile::WriteUser;
} // namespace

TEST_CASE("Every subcommand has help")
{
    const Run top = cli({QStringLiteral("--help")});
    CHECK(top.status == 0);
    CHECK(top.out.contains(QStringLiteral("--user NAME")));
    CHECK(top.out.contains(QStringLiteral("PATHWAY_PASSWORD")));
    for (const char *cmd : {"init", "demo", "add-client", "export", "import", "plan", "replan",
                            "check", "print", "caseload", "collation", "backup", "restore"}) {
        INFO(cmd);
        CHECK(top.out.contains(QLatin1String(cmd)));
        const Run r = cli({QLatin1String(cmd), QStringLiteral("--help")});
        CHECK(r.status == 0);
        CHECK(r.out.contains(QStringLiteral("--db")));
        // The set-up commands act as the system; every other one signs in.
        const bool setUp = qstrcmp(cmd, "init") == 0 || qstrcmp(cmd, "demo") == 0;
        CHECK(r.out.contains(QStringLiteral("--user")) == !setUp);
        CHECK(r.out.contains(QStringLiteral("PATHWAY_PASSWORD")));
    }
    const Run caseload = cli({QStringLiteral("caseload"), QStringLiteral("--help")});
    for (const char *text : {"--counselor", "--overdue", "--csv", "--today", "plan_progress",
                             "overdue_steps", "last_contact", "RFC 4180"})
        CHECK(caseload.out.contains(QLatin1String(text)));
}

TEST_CASE("Bad usage exits 2 with a message")
{
    CHECK(cli({}).status == 2);
    const Run unknown = cli({QStringLiteral("frobnicate")});
    CHECK(unknown.status == 2);
    CHECK(unknown.err.contains(QStringLiteral("unknown command 'frobnicate'")));
    const Run badOption = cli({QStringLiteral("init"), QStringLiteral("--colour")});
    CHECK(badOption.status == 2);
    CHECK(badOption.err.contains(QStringLiteral("colour")));
    // init and demo set the database up as the system: they take no --user.
    const Run initUser = cli({QStringLiteral("init"), QStringLiteral("--user"), kSupervisor});
    CHECK(initUser.status == 2);
    CHECK(initUser.err.contains(QStringLiteral("user")));
    // Bad option values are found before anyone signs in.
    const Run badDate = as(kSupervisor, {QStringLiteral("caseload"), QStringLiteral("--today"),
                                         QStringLiteral("tomorrow")});
    CHECK(badDate.status == 2);
    CHECK(badDate.err.contains(QStringLiteral("--today")));
    const Run noCsvName = as(kSupervisor, {QStringLiteral("caseload"), QStringLiteral("--csv=")});
    CHECK(noCsvName.status == 2);
    const Run noCommand = cli({QStringLiteral("--db"), QStringLiteral("x.sqlite")});
    CHECK(noCommand.status == 2);
    CHECK(noCommand.err.contains(QStringLiteral("no command")));
}

TEST_CASE("Global options may come before the command, as in git or sqlite3")
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("g.sqlite"));
    const Run init = cli({QStringLiteral("--db"), path, QStringLiteral("init")});
    INFO(init.err.toStdString());
    REQUIRE(init.status == 0);
    CHECK(init.out.contains(path));
    const Run demo =
        cli({QStringLiteral("--db=") + path, QStringLiteral("demo"), QStringLiteral("--clients"),
             QStringLiteral("5"), QStringLiteral("--today"), kToday});
    REQUIRE(demo.status == 0);
    const Run listed = cli({QStringLiteral("--db"), path, QStringLiteral("--user"), kSupervisor,
                            QStringLiteral("--today"), kToday, QStringLiteral("caseload"),
                            QStringLiteral("--csv"), QStringLiteral("-")});
    INFO(listed.err.toStdString());
    REQUIRE(listed.status == 0);
    CHECK(listed.out.count(QLatin1Char('\n')) == 6); // the header and five clients
    // An option the command does not take is still refused, naming it.
    const Run wrong = cli({QStringLiteral("--user"), kSupervisor, QStringLiteral("init")});
    CHECK(wrong.status == 2);
    CHECK(wrong.err.contains(QStringLiteral("user")));
}

TEST_CASE("Without --user only init, demo, plan --profile and --help run")
{
    QTemporaryDir dir;
    const QString db = demoDatabase(dir, 12);
    const QByteArray before = test::readFile(db);
    const QString profile = writeProfile(dir, QStringLiteral("agarcia"));
    const QString out = dir.filePath(QStringLiteral("out"));
    const QList<QStringList> refused = {
        {QStringLiteral("add-client"), QStringLiteral("--profile"), profile},
        {QStringLiteral("export"), QStringLiteral("--out"), out},
        {QStringLiteral("import"), QStringLiteral("--in"), profile},
        {QStringLiteral("plan"), QStringLiteral("--client"), QStringLiteral("1")},
        {QStringLiteral("replan"), QStringLiteral("--all")},
        {QStringLiteral("replan"), QStringLiteral("--client"), QStringLiteral("1")},
        {QStringLiteral("check")},
        {QStringLiteral("print"), QStringLiteral("--all"), QStringLiteral("--out"), out},
        {QStringLiteral("print"), QStringLiteral("--client"), QStringLiteral("1"),
         QStringLiteral("--pdf"), out},
        {QStringLiteral("caseload")},
        {QStringLiteral("caseload"), QStringLiteral("--csv"), out},
        {QStringLiteral("caseload"), QStringLiteral("--csv"), QStringLiteral("-")},
    };
    for (const QStringList &args : refused) {
        INFO(args.join(QLatin1Char(' ')).toStdString());
        // PATHWAY_PASSWORD alone does not sign anyone in.
        const Run r = cli(args + QStringList{QStringLiteral("--db"), db});
        CHECK(r.status == 2);
        CHECK(r.err.contains(QStringLiteral("--user NAME")));
        CHECK(r.err.contains(QStringLiteral("PATHWAY_PASSWORD")));
        CHECK(r.out.isEmpty());
        CHECK_FALSE(QFile::exists(out));
    }
    CHECK(test::readFile(db) == before);

    const QString persona =
        QStringLiteral(PATHWAY_TEST_DATA "/personas/003-independent-lower-middle/profile.json");
    CHECK(cli({QStringLiteral("plan"), QStringLiteral("--profile"), persona}).status == 0);
    CHECK(cli({QStringLiteral("caseload"), QStringLiteral("--help")}).status == 0);
    CHECK(cli({QStringLiteral("init"), QStringLiteral("--db"), db}).status == 0);
    CHECK(cli({QStringLiteral("check"), QStringLiteral("--db"), db, QStringLiteral("--user"),
               QStringLiteral("admin")})
              .status == 0);
}

TEST_CASE("Signing in refuses wrong passwords and makes the user wait after repeated failures")
{
    QTemporaryDir dir;
    const QString db = demoDatabase(dir, 12);
    const QStringList caseload = {QStringLiteral("caseload"), QStringLiteral("--db"), db};

    const Run good = as(kSupervisor, caseload);
    INFO(good.err.toStdString());
    REQUIRE(good.status == 0);
    CHECK(good.out.startsWith(QStringLiteral("ID")));

    Env wrong;
    wrong.password = QStringLiteral("not the password");
    const Run bad = as(kSupervisor, caseload, wrong);
    CHECK(bad.status == 1);
    CHECK(bad.err.contains(QStringLiteral("user name or the password is wrong")));
    CHECK(bad.out.isEmpty());
    // An unknown name gets the same answer as a wrong password.
    const Run nobody = as(QStringLiteral("zz-nobody"), caseload);
    CHECK(nobody.status == 1);
    CHECK(nobody.err == bad.err);

    // No PATHWAY_PASSWORD and no terminal to type it on.
    Env none;
    none.password = std::nullopt;
    const Run noPassword = as(kSupervisor, caseload, none);
    CHECK(noPassword.status == 1);
    CHECK(noPassword.err.contains(QStringLiteral("PATHWAY_PASSWORD")));
    CHECK(noPassword.err.contains(QStringLiteral("not a terminal")));

    // Three wrong passwords in a row are counted; after them a user must
    // wait. A name no user has is answered in the same words each time.
    const QString counselor = QStringLiteral("agarcia");
    const QString typo = QStringLiteral("agarcai");
    for (int i = 0; i < 3; ++i) {
        INFO("attempt " << i + 1);
        const Run r = as(counselor, caseload, wrong);
        REQUIRE(r.status == 1);
        CHECK(r.err.contains(QStringLiteral("password is wrong")));
        CHECK(r.err.contains(QStringLiteral("Too many")) == (i == 2));
        const Run unknown = as(typo, caseload, wrong);
        CHECK(unknown.status == 1);
        CHECK(unknown.err == r.err);
    }
    {
        Sql sql(db);
        CHECK(sql.value(QStringLiteral("SELECT failed_sign_ins FROM users WHERE username = ?"),
                        {counselor})
                  .toInt() == 3);
    }
    // The first wait is 2 s, and a wrong password takes a while to check, so
    // try until a try falls inside a wait (each failure doubles the next).
    Run waiting;
    for (int i = 0; i < 6 && !waiting.err.contains(QStringLiteral("Too many")); ++i)
        waiting = as(counselor, caseload, wrong);
    CHECK(waiting.status == 1);
    CHECK(waiting.err.contains(QStringLiteral("Too many wrong passwords: try again in")));
    CHECK(waiting.err.contains(QStringLiteral("second")));
    CHECK(waiting.out.isEmpty());

    // During the wait even the right password is refused.
    const auto failedAt = [&](const QDateTime &at, int failures) {
        Sql sql(db);
        sql.rows(QStringLiteral(
                     "UPDATE users SET failed_sign_ins = ?, last_failed_at = ? WHERE username = ?"),
                 {failures, at.toString(Qt::ISODateWithMs), counselor});
    };
    failedAt(QDateTime::currentDateTimeUtc(), 6); // a 16 s wait from now
    const Run right = as(counselor, caseload);
    CHECK(right.status == 1);
    CHECK(right.err.contains(QStringLiteral("Too many wrong passwords: try again in")));
    CHECK(right.out.isEmpty());
    // After it, the right password works and clears the count.
    failedAt(QDateTime::currentDateTimeUtc().addSecs(-3600), 6);
    const Run after = as(counselor, caseload);
    CHECK(after.status == 0);

    Sql sql(db);
    CHECK(sql.value(QStringLiteral("SELECT failed_sign_ins FROM users WHERE username = ?"),
                    {counselor})
              .toInt() == 0);
    CHECK(sql.value(QStringLiteral("SELECT count(*) FROM audit_log WHERE username = 'agarcia' "
                                   "AND action = 'sign_in_failed'"))
              .toInt() >= 3);
    CHECK(sql.value(QStringLiteral("SELECT count(*) FROM audit_log WHERE username = 'sreyes' "
                                   "AND action = 'sign_in'"))
              .toInt() == 1);
    // The names no user has were not kept: the trail says "(unknown user)".
    CHECK(sql.value(QStringLiteral("SELECT count(*) FROM audit_log WHERE username LIKE "
                                   "'%agarcai%' OR detail LIKE '%agarcai%' OR username LIKE "
                                   "'%nobody%' OR detail LIKE '%nobody%'"))
              .toInt() == 0);
    CHECK(sql.value(QStringLiteral("SELECT count(*) FROM audit_log WHERE username = "
                                   "'(unknown user)' AND action = 'sign_in_failed'"))
              .toInt() == 4);
}

TEST_CASE("init creates the admin account and demo gives the demo users their password")
{
    QTemporaryDir dir;
    const QString db = dir.filePath(QStringLiteral("p.sqlite"));
    const QStringList check = {QStringLiteral("check"), QStringLiteral("--db"), db};
    Env weak;
    weak.password = QStringLiteral("short");
    const Run refused = cli({QStringLiteral("init"), QStringLiteral("--db"), db}, weak);
    CHECK(refused.status == 1);
    CHECK(refused.err.contains(QStringLiteral("too short")));
    Env none;
    none.password = std::nullopt;
    const Run noPassword = cli({QStringLiteral("init"), QStringLiteral("--db"), db}, none);
    CHECK(noPassword.status == 1);
    CHECK(noPassword.err.contains(QStringLiteral("PATHWAY_PASSWORD")));
    CHECK(noPassword.err.contains(QStringLiteral("terminal")));
    CHECK(as(QStringLiteral("admin"), check).status == 1);

    const Run init = cli({QStringLiteral("init"), QStringLiteral("--db"), db});
    INFO(init.err.toStdString());
    REQUIRE(init.status == 0);
    CHECK(init.out.contains(QStringLiteral("Created the administrator account 'admin'")));
    CHECK(as(QStringLiteral("admin"), check).status == 0);

    // A second init leaves the admin (and their password) alone.
    Env other;
    other.password = QStringLiteral("another password 9");
    const Run again = cli({QStringLiteral("init"), QStringLiteral("--db"), db}, other);
    CHECK(again.status == 0);
    CHECK(again.out.contains(QStringLiteral("has an administrator already")));
    CHECK(as(QStringLiteral("admin"), check, other).status == 1);
    CHECK(as(QStringLiteral("admin"), check).status == 0);

    // demo without a usable password adds nothing.
    const QStringList demo = {
        QStringLiteral("demo"), QStringLiteral("--db"),    db,    QStringLiteral("--clients"),
        QStringLiteral("3"),    QStringLiteral("--today"), kToday};
    const Run demoNoPassword = cli(demo, none);
    CHECK(demoNoPassword.status == 1);
    CHECK(demoNoPassword.err.contains(QStringLiteral("PATHWAY_PASSWORD")));
    CHECK(cli(demo, weak).status == 1);
    CHECK(allClients(db).isEmpty());

    // demo gives every demo user its password; the admin keeps theirs.
    const Run made = cli(demo, other);
    INFO(made.err.toStdString());
    REQUIRE(made.status == 0);
    CHECK(allClients(db).size() == 3);
    for (const QString &user : QStringList{kSupervisor} + kCounselors) {
        INFO(user.toStdString());
        CHECK(as(user, check, other).status == 0);
    }
    CHECK(as(QStringLiteral("admin"), check).status == 0);
    {
        Sql sql(db);
        CHECK(sql.value(QStringLiteral("SELECT role FROM users WHERE username = 'admin'"))
                  .toString() == QStringLiteral("admin"));
        CHECK(sql.value(QStringLiteral("SELECT role FROM users WHERE username = 'sreyes'"))
                  .toString() == QStringLiteral("supervisor"));
        CHECK(sql.value(QStringLiteral("SELECT count(*) FROM users WHERE role = 'counselor'"))
                  .toInt() == 5);
    }

    // On a new database demo also makes the admin, with the same password.
    const QString fresh = dir.filePath(QStringLiteral("fresh.sqlite"));
    REQUIRE(cli({QStringLiteral("demo"), QStringLiteral("--db"), fresh, QStringLiteral("--clients"),
                 QStringLiteral("2")})
                .status == 0);
    CHECK(as(QStringLiteral("admin"), {QStringLiteral("check"), QStringLiteral("--db"), fresh})
              .status == 0);
}

TEST_CASE("demo only adds to a new database and never changes an account")
{
    QTemporaryDir dir;
    Env other;
    other.password = QStringLiteral("the demo password 7");
    const auto demo = [&](const QString &db, const Env &env) {
        return cli({QStringLiteral("demo"), QStringLiteral("--db"), db, QStringLiteral("--clients"),
                    QStringLiteral("3"), QStringLiteral("--today"), kToday},
                   env);
    };

    SECTION("an agency's database with its users and no clients yet")
    {
        const QString db = dir.filePath(QStringLiteral("agency.sqlite"));
        REQUIRE(cli({QStringLiteral("init"), QStringLiteral("--db"), db}).status == 0);
        {
            auto opened = Database::open(db);
            REQUIRE(opened.ok());
            opened.value()->setActor(Actor::system());
            REQUIRE(accounts::createUser(*opened.value(), QStringLiteral("agarcia"),
                                         QStringLiteral("Ana García"), Role::Counselor,
                                         QStringLiteral("her own password"))
                        .ok());
        }
        const QByteArray before = test::readFile(db);
        Env none;
        none.password = std::nullopt;
        for (const Env &env : {other, none}) {
            const Run refused = demo(db, env);
            CHECK(refused.status == 1);
            // Said before any password is asked for.
            CHECK(refused.err ==
                  QStringLiteral("pathway-cli: %1 holds 0 clients and 2 user accounts: demo data "
                                 "goes only into a new database (no clients, and no user but one "
                                 "administrator who can sign in), so that it never changes an "
                                 "existing account or caseload. Nothing was added.\n")
                      .arg(db));
            CHECK(refused.out.isEmpty());
        }
        CHECK(test::readFile(db) == before);
        // Her password is hers; the demo password signs nobody in.
        Env hers;
        hers.password = QStringLiteral("her own password");
        const QStringList caseload = {QStringLiteral("caseload"), QStringLiteral("--db"), db};
        CHECK(as(QStringLiteral("agarcia"), caseload, hers).status == 0);
        CHECK(as(QStringLiteral("agarcia"), caseload, other).status == 1);
        CHECK(as(kSupervisor, caseload, other).status == 1);
        Sql sql(db);
        CHECK(sql.value(QStringLiteral("SELECT count(*) FROM users WHERE username = ?"),
                        {kSupervisor})
                  .toInt() == 0);
    }
    SECTION("a database with clients")
    {
        const QString db = demoDatabase(dir, 12);
        const QByteArray before = test::readFile(db);
        const Run refused = demo(db, other);
        CHECK(refused.status == 1);
        CHECK(refused.err.contains(db));
        CHECK(refused.err.contains(QStringLiteral("holds 12 clients and 7 user accounts")));
        CHECK(test::readFile(db) == before);
        const QStringList caseload = {QStringLiteral("caseload"), QStringLiteral("--db"), db};
        CHECK(as(kSupervisor, caseload).status == 0);
        CHECK(as(kSupervisor, caseload, other).status == 1);
    }
    SECTION("a new database: the demo users are new accounts, each audited")
    {
        const QString db = dir.filePath(QStringLiteral("new.sqlite"));
        const Run made = demo(db, other);
        INFO(made.err.toStdString());
        REQUIRE(made.status == 0);
        Sql sql(db);
        CHECK(sql.value(QStringLiteral("SELECT count(*) FROM users")).toInt() == 7);
        CHECK(sql.value(QStringLiteral("SELECT count(*) FROM users u WHERE (SELECT count(*) FROM "
                                       "audit_log a WHERE a.action = 'create' AND a.entity = "
                                       "'user' AND a.record_id = u.id) = 1"))
                  .toInt() == 7);
        CHECK(sql.value(QStringLiteral("SELECT count(*) FROM audit_log WHERE detail = 'password "
                                       "set by set-up'"))
                  .toInt() == 0);
    }
}

TEST_CASE("A counselor sees only their own clients and a supervisor sees all")
{
    QTemporaryDir dir;
    const QString db = demoDatabase(dir, 40, 4);
    const QString counselor = QStringLiteral("agarcia");
    const QSet<qint64> own = clientsOf(db, counselor);
    const QSet<qint64> all = allClients(db);
    REQUIRE(own.size() >= 3);
    REQUIRE(own.size() < all.size());
    const qint64 otherId = *(all - own).begin();
    const qint64 ownId = *own.begin();

    SECTION("caseload")
    {
        const QString csv = dir.filePath(QStringLiteral("mine.csv"));
        REQUIRE(as(counselor, {QStringLiteral("caseload"), QStringLiteral("--db"), db,
                               QStringLiteral("--csv"), csv})
                    .status == 0);
        CHECK(idsOf(pythonCsv(csv)) == own);

        const Run table = as(counselor, {QStringLiteral("caseload"), QStringLiteral("--db"), db});
        REQUIRE(table.status == 0);
        const QStringList lines = table.out.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
        REQUIRE(lines.size() == own.size() + 1);
        CHECK(lines[0].startsWith(QStringLiteral("ID")));
        for (int i = 1; i < lines.size(); ++i) {
            INFO(lines[i].toStdString());
            CHECK(own.contains(
                lines[i].section(QLatin1Char(' '), 0, 0, QString::SectionSkipEmpty).toLongLong()));
            CHECK(lines[i].contains(QStringLiteral(" agarcia ")));
        }
        CHECK(table.err.contains(QStringLiteral("%1 clients").arg(own.size())));

        const QString everyone = dir.filePath(QStringLiteral("all.csv"));
        REQUIRE(as(kSupervisor, {QStringLiteral("caseload"), QStringLiteral("--db"), db,
                                 QStringLiteral("--csv"), everyone})
                    .status == 0);
        CHECK(idsOf(pythonCsv(everyone)) == all);

        // Asking for another counselor's clients is refused, not just empty.
        const Run others =
            as(counselor, {QStringLiteral("caseload"), QStringLiteral("--db"), db,
                           QStringLiteral("--counselor"), QStringLiteral("bnguyen")});
        CHECK(others.status == 1);
        CHECK(others.err.contains(QStringLiteral("sees only their own clients")));
        CHECK(others.out.isEmpty());
    }
    SECTION("export")
    {
        const QString out = dir.filePath(QStringLiteral("mine.json"));
        const Run r = as(counselor, {QStringLiteral("export"), QStringLiteral("--db"), db,
                                     QStringLiteral("--out"), out});
        REQUIRE(r.status == 0);
        const auto clients = nlohmann::json::parse(test::readFile(out).toStdString())["clients"];
        CHECK(clients.size() == size_t(own.size()));
        for (const auto &c : clients)
            CHECK(c["counselor"] == counselor.toStdString());
        const QString everyone = dir.filePath(QStringLiteral("all.json"));
        REQUIRE(as(kSupervisor, {QStringLiteral("export"), QStringLiteral("--db"), db,
                                 QStringLiteral("--out"), everyone})
                    .status == 0);
        CHECK(nlohmann::json::parse(test::readFile(everyone).toStdString())["clients"].size() ==
              size_t(all.size()));

        // Importing other counselors' clients is refused whole.
        const Run imported = as(counselor, {QStringLiteral("import"), QStringLiteral("--db"), db,
                                            QStringLiteral("--in"), everyone});
        CHECK(imported.status == 1);
        CHECK(imported.err.contains(QStringLiteral("counselor")));
        CHECK(allClients(db) == all);
        const Run added = as(counselor, {QStringLiteral("add-client"), QStringLiteral("--db"), db,
                                         QStringLiteral("--profile"),
                                         writeProfile(dir, QStringLiteral("bnguyen"))});
        CHECK(added.status == 1);
        CHECK(allClients(db) == all);
    }
    SECTION("print --all")
    {
        const QString out = dir.filePath(QStringLiteral("plans"));
        Env env;
        env.extra.insert(QStringLiteral("XDG_CONFIG_HOME"), dir.filePath(QStringLiteral("config")));
        const Run r = as(counselor,
                         {QStringLiteral("print"), QStringLiteral("--db"), db,
                          QStringLiteral("--all"), QStringLiteral("--out"), out},
                         env);
        INFO(r.err.toStdString());
        REQUIRE(r.status == 0);
        CHECK(r.out.contains(QStringLiteral("Printed %1 plans").arg(own.size())));
        QSet<qint64> printed;
        for (const QString &file : QDir(out).entryList(QDir::Files)) {
            const auto match = QRegularExpression(QStringLiteral("_(\\d+)\\.pdf$")).match(file);
            REQUIRE(match.hasMatch());
            printed.insert(match.captured(1).toLongLong());
        }
        CHECK(printed == own);
    }
    SECTION("plan and replan")
    {
        const QStringList plan = {QStringLiteral("plan"), QStringLiteral("--db"), db,
                                  QStringLiteral("--client")};
        CHECK(as(counselor, plan + QStringList{QString::number(ownId)}).status == 0);
        const Run other = as(counselor, plan + QStringList{QString::number(otherId)});
        CHECK(other.status == 1);
        CHECK(other.err.contains(QStringLiteral("is not one of your clients")));
        CHECK(other.out.isEmpty());
        // A client id that does not exist gets the same answer: a counselor
        // does not learn which ids exist.
        const Run missing = as(counselor, plan + QStringList{QStringLiteral("99999")});
        CHECK(missing.status == 1);
        CHECK(QString(missing.err).replace(QStringLiteral("99999"), QString::number(otherId)) ==
              other.err);
        CHECK(as(kSupervisor, plan + QStringList{QString::number(otherId)}).status == 0);

        const Run replanOther =
            as(counselor, {QStringLiteral("replan"), QStringLiteral("--db"), db,
                           QStringLiteral("--client"), QString::number(otherId)});
        CHECK(replanOther.status == 1);
        CHECK(replanOther.err.contains(QStringLiteral("is not one of your clients")));
        const Run replanAll =
            as(counselor, {QStringLiteral("replan"), QStringLiteral("--db"), db,
                           QStringLiteral("--all"), QStringLiteral("--today"), kToday});
        REQUIRE(replanAll.status == 0);
        CHECK(replanAll.out.contains(QStringLiteral("Made %1 new plan versions").arg(own.size())));
        Sql sql(db);
        CHECK(sql.ids(QStringLiteral("SELECT client_id FROM plans WHERE version = 2")) == own);
    }
}

TEST_CASE("caseload --csv round-trips through Python's csv module field by field")
{
    QTemporaryDir dir;
    const QString db = demoDatabase(dir, 30, 2);
    // A comma and quotes, in both names; added by a counselor for themselves.
    const QString awkward = QStringLiteral("O\"Brien, \"Jr.\"");
    const Run added =
        as(QStringLiteral("cokafor"),
           {QStringLiteral("add-client"), QStringLiteral("--db"), db, QStringLiteral("--profile"),
            writeProfile(dir, QStringLiteral("cokafor"), awkward)});
    INFO(added.err.toStdString());
    REQUIRE(added.status == 0);
    const qint64 awkwardId = added.out.trimmed().toLongLong();
    REQUIRE(awkwardId == 31);
    {
        // Validation keeps newlines out of names, but another program (or an
        // older version) may have written one: it must survive the CSV too.
        Sql sql(db);
        sql.rows(QStringLiteral("UPDATE clients SET first_name = ? WHERE id = ?"),
                 {QStringLiteral("Zoë,\n\"Zee\"\r\nSecond line"), awkwardId});
        // Notes give a last contact; 23:30 UTC is the next day in Auckland.
        sql.rows(QStringLiteral("INSERT INTO case_notes (client_id, author, body, created_at) "
                                "VALUES (?, 'cokafor', 'called', '2026-11-20T23:30:00Z'), "
                                "(?, 'cokafor', 'met', '2026-10-02T09:00:00Z'), "
                                "(3, 'sreyes', 'met', '2026-11-01T10:00:00Z')"),
                 {awkwardId, awkwardId});
    }
    const QTimeZone zone(QByteArrayLiteral("Pacific/Auckland"));
    REQUIRE(zone.isValid());
    Env env;
    env.extra.insert(QStringLiteral("TZ"), QStringLiteral("Pacific/Auckland"));

    const QString csv = dir.filePath(QStringLiteral("caseload.csv"));
    const Run r = as(kSupervisor,
                     {QStringLiteral("caseload"), QStringLiteral("--db"), db,
                      QStringLiteral("--csv"), csv, QStringLiteral("--today"), kToday},
                     env);
    INFO(r.err.toStdString());
    REQUIRE(r.status == 0);
    CHECK(r.out.isEmpty());
    CHECK(r.err.contains(QStringLiteral("Wrote 31 clients to %1").arg(csv)));
    CHECK(QFile::permissions(csv) == kOwnerOnly);

    // The bytes: a header, CRLF after every record, the name quoted with its
    // quotes doubled; the only bare LF is the one inside the name.
    const QByteArray bytes = test::readFile(csv);
    CHECK(bytes.startsWith("id,last_name,first_name,counselor,status,bracket,barriers,"
                           "plan_progress,overdue_steps,next_due,last_contact,intake_date\r\n"));
    CHECK(bytes.endsWith("\r\n"));
    CHECK(bytes.count("\r\n") == 31 + 1 + 1); // records, plus the CRLF inside the name
    CHECK(bytes.count('\n') == 31 + 1 + 2);
    CHECK(bytes.contains(",\"O\"\"Brien, \"\"Jr.\"\"\",\"Zoë,\n\"\"Zee\"\"\r\nSecond line\","));

    const QVector<QStringList> records = pythonCsv(csv);
    const QVector<QStringList> expected =
        expectedCaseload(db, QDate::fromString(kToday, Qt::ISODate), zone);
    REQUIRE(records.size() == expected.size() + 1);
    CHECK(records[0] == kHeader);
    for (int i = 0; i < expected.size(); ++i) {
        INFO("row " << i + 1 << ": " << records[i + 1].join(QLatin1Char('|')).toStdString());
        REQUIRE(records[i + 1].size() == kHeader.size());
        for (int f = 0; f < kHeader.size(); ++f) {
            INFO(kHeader[f].toStdString());
            CHECK(records[i + 1][f] == expected[i][f]);
        }
    }
    // The awkward client came through whole, with its last contact in Auckland.
    const auto awkwardRow =
        std::find_if(records.cbegin(), records.cend(),
                     [&](const QStringList &rec) { return rec[0] == QString::number(awkwardId); });
    REQUIRE(awkwardRow != records.cend());
    CHECK((*awkwardRow)[1] == awkward);
    CHECK((*awkwardRow)[2] == QStringLiteral("Zoë,\n\"Zee\"\r\nSecond line"));
    CHECK((*awkwardRow)[3] == QStringLiteral("cokafor"));
    CHECK((*awkwardRow)[6] == QStringLiteral("stigma;finances"));
    CHECK((*awkwardRow)[7] == QStringLiteral("0/0")); // added without a plan
    CHECK((*awkwardRow)[10] == QStringLiteral("2026-11-21"));
    // Taken in just now, where the counselor is.
    CHECK((*awkwardRow)[11] ==
          QDateTime::currentDateTimeUtc().toTimeZone(zone).date().toString(Qt::ISODate));
    // The demo clients came in over many months up to --today.
    QSet<QString> intakeMonths;
    for (auto rec = records.cbegin() + 1; rec != records.cend(); ++rec) {
        if (rec == awkwardRow)
            continue;
        CHECK((*rec)[11] <= kToday);
        intakeMonths.insert((*rec)[11].left(7));
    }
    CHECK(intakeMonths.size() >= 8);
    // Demo plans have steps done, overdue and due later.
    CHECK(std::any_of(records.cbegin() + 1, records.cend(),
                      [](const QStringList &rec) { return rec[8].toInt() > 0; }));
    CHECK(std::any_of(records.cbegin() + 1, records.cend(), [](const QStringList &rec) {
        return rec[7].section(QLatin1Char('/'), 0, 0).toInt() > 0;
    }));

    // The export is in the audit trail: who, what, how many; no names.
    {
        Sql sql(db);
        const auto entries = sql.rows(
            QStringLiteral("SELECT username, entity, COALESCE(record_id, 0), detail FROM audit_log "
                           "WHERE action = 'export'"));
        REQUIRE(entries.size() == 1);
        CHECK(entries[0][0].toString() == kSupervisor);
        CHECK(entries[0][1].toString() == QStringLiteral("client"));
        CHECK(entries[0][2].toLongLong() == 0);
        CHECK(entries[0][3].toString() == QStringLiteral("caseload csv, 31 rows"));
    }

    // --csv - writes the same bytes to standard output.
    const Run piped =
        as(kSupervisor,
           {QStringLiteral("caseload"), QStringLiteral("--db"), db, QStringLiteral("--csv"),
            QStringLiteral("-"), QStringLiteral("--today"), kToday},
           env);
    REQUIRE(piped.status == 0);
    CHECK(piped.out == QString::fromUtf8(bytes));

    // A file that cannot be written: status 1, nothing left behind, no audit entry.
    const QString blocker = dir.filePath(QStringLiteral("blocker"));
    REQUIRE(test::writeFile(blocker, "x"));
    const Run unwritable =
        as(kSupervisor, {QStringLiteral("caseload"), QStringLiteral("--db"), db,
                         QStringLiteral("--csv"), blocker + QStringLiteral("/c.csv")});
    CHECK(unwritable.status == 1);
    CHECK(unwritable.err.contains(blocker + QStringLiteral("/c.csv")));
    Sql sql(db);
    CHECK(sql.value(QStringLiteral("SELECT count(*) FROM audit_log WHERE action = 'export'"))
              .toInt() == 2);
}

TEST_CASE("caseload --overdue and --counselor narrow the rows")
{
    QTemporaryDir dir;
    const QString db = demoDatabase(dir, 40, 4);
    const auto caseload = [&](const QString &user, const QStringList &more) {
        const QString csv = dir.filePath(QStringLiteral("c.csv"));
        QFile::remove(csv);
        const Run r =
            as(user, QStringList{QStringLiteral("caseload"), QStringLiteral("--db"), db,
                                 QStringLiteral("--today"), kToday, QStringLiteral("--csv"), csv} +
                         more);
        INFO(r.err.toStdString());
        REQUIRE(r.status == 0);
        QVector<QStringList> records = pythonCsv(csv);
        REQUIRE(!records.isEmpty());
        CHECK(records.takeFirst() == kHeader);
        return records;
    };
    const auto where = [](const QVector<QStringList> &rows, auto keep) {
        QVector<QStringList> out;
        std::copy_if(rows.cbegin(), rows.cend(), std::back_inserter(out), keep);
        return out;
    };
    const auto overdue = [](const QStringList &r) { return r[8].toInt() > 0; };

    const QVector<QStringList> all = caseload(kSupervisor, {});
    REQUIRE(all.size() == 40);
    const QVector<QStringList> late = caseload(kSupervisor, {QStringLiteral("--overdue")});
    CHECK(late == where(all, overdue));
    CHECK(!late.isEmpty());
    CHECK(late.size() < all.size());

    const QVector<QStringList> bnguyen =
        caseload(kSupervisor, {QStringLiteral("--counselor"), QStringLiteral("bnguyen")});
    CHECK(bnguyen ==
          where(all, [](const QStringList &r) { return r[3] == QStringLiteral("bnguyen"); }));
    CHECK(!bnguyen.isEmpty());
    QSet<qint64> ids;
    for (const QStringList &r : bnguyen)
        ids.insert(r[0].toLongLong());
    CHECK(ids == clientsOf(db, QStringLiteral("bnguyen")));

    const QVector<QStringList> both =
        caseload(kSupervisor, {QStringLiteral("--overdue"), QStringLiteral("--counselor"),
                               QStringLiteral("cokafor")});
    CHECK(both == where(all, [&](const QStringList &r) {
              return overdue(r) && r[3] == QStringLiteral("cokafor");
          }));
    // A counselor may name themselves.
    CHECK(caseload(QStringLiteral("cokafor"), {QStringLiteral("--overdue")}) == both);

    const Run unknown = as(kSupervisor, {QStringLiteral("caseload"), QStringLiteral("--db"), db,
                                         QStringLiteral("--counselor"), QStringLiteral("nobody")});
    CHECK(unknown.status == 1);
    CHECK(unknown.err.contains(QStringLiteral("no user 'nobody'")));
}

TEST_CASE("caseload --search finds clients as the caseload window does")
{
    QTemporaryDir dir;
    const QString db = dir.filePath(QStringLiteral("p.sqlite"));
    REQUIRE(cli({QStringLiteral("init"), QStringLiteral("--db"), db}).status == 0);
    const QString admin = QStringLiteral("admin");
    // The order of names is the database's; this test wants English.
    const Run set = as(admin, {QStringLiteral("collation"), QStringLiteral("--db"), db,
                               QStringLiteral("--set"), QStringLiteral("en")});
    INFO(set.err.toStdString());
    REQUIRE(set.status == 0);
    CHECK(set.out.trimmed() == QStringLiteral("en"));
    for (const char *name :
         {"Sam Wright", "Zoë Ñúñez-Łukasiewicz", "Chidi Okafor", "Ana García",
          "Pieter Van der Berg", "Seán O'Brien", "Thanh Nguyen", "Ana Smith", "Omar 100%_Real"}) {
        const QString full = QString::fromUtf8(name);
        const qsizetype space = full.indexOf(QLatin1Char(' '));
        Client c = test::sampleClient();
        c.firstName = full.left(space);
        c.lastName = full.mid(space + 1);
        const QString profile = dir.filePath(QStringLiteral("c.json"));
        REQUIRE(test::writeFile(profile, QByteArray::fromStdString(clientToJson(c).dump())));
        REQUIRE(as(admin, {QStringLiteral("add-client"), QStringLiteral("--db"), db,
                           QStringLiteral("--profile"), profile})
                    .status == 0);
    }
    // "first last" of every row `caseload --search text` prints, in order.
    const auto search = [&](const char *text) {
        const Run r = as(admin, {QStringLiteral("caseload"), QStringLiteral("--db"), db,
                                 QStringLiteral("--search"), QString::fromUtf8(text),
                                 QStringLiteral("--csv"), QStringLiteral("-")});
        INFO(text << ": " << r.err.toStdString());
        REQUIRE(r.status == 0);
        auto records = csv::parse(r.out.toUtf8(), QStringLiteral("stdout"));
        REQUIRE(records.ok());
        REQUIRE(!records->isEmpty());
        CHECK(records->first() == kHeader);
        QStringList names;
        for (qsizetype i = 1; i < records->size(); ++i)
            names << records->at(i)[2] + QLatin1Char(' ') + records->at(i)[1];
        return names;
    };
    const auto names = [](std::initializer_list<const char *> list) {
        QStringList out;
        for (const char *n : list)
            out << QString::fromUtf8(n);
        return out;
    };
    // Without a search: every client, Ñúñez among the N's.
    CHECK(search("") == names({"Omar 100%_Real", "Ana García", "Thanh Nguyen",
                               "Zoë Ñúñez-Łukasiewicz", "Seán O'Brien", "Chidi Okafor", "Ana Smith",
                               "Pieter Van der Berg", "Sam Wright"}));
    CHECK(search("zoe") == names({"Zoë Ñúñez-Łukasiewicz"}));
    CHECK(search("nunez") == names({"Zoë Ñúñez-Łukasiewicz"}));
    CHECK(search("ÑÚÑ") == names({"Zoë Ñúñez-Łukasiewicz"}));
    CHECK(search("Łuk") == names({"Zoë Ñúñez-Łukasiewicz"}));
    CHECK(search("van") == names({"Pieter Van der Berg"}));
    CHECK(search("berg") == names({"Pieter Van der Berg"}));
    CHECK(search("ana") == names({"Ana García", "Ana Smith"}));
    CHECK(search("ana gar") == names({"Ana García"}));
    CHECK(search("brien") == names({"Seán O'Brien"}));
    CHECK(search("obrien") == names({"Seán O'Brien"}));
    CHECK(search("100%_") == names({"Omar 100%_Real"}));
    CHECK(search("%").isEmpty());
    CHECK(search("arcia").isEmpty());

    const Run help = cli({QStringLiteral("caseload"), QStringLiteral("--help")});
    CHECK(help.out.contains(QStringLiteral("--search <TEXT>")));
    // Only to a locale ICU knows.
    const Run unknown = as(admin, {QStringLiteral("collation"), QStringLiteral("--db"), db,
                                   QStringLiteral("--set"), QStringLiteral("nowhere")});
    CHECK(unknown.status == 1);
    CHECK(unknown.err.contains(QStringLiteral("not a locale name")));
}

TEST_CASE("Passwords typed on a terminal are not shown")
{
    QTemporaryDir dir;
    const QString db = dir.filePath(QStringLiteral("p.sqlite"));
    const QString session = QStringLiteral(PATHWAY_SOURCE_DIR "/tests/cli/tty_session.py");
    Env env;
    env.password = std::nullopt;
    const QString adminPrompt = QStringLiteral("New password for the admin account: ");
    const QString other = QStringLiteral("a different one 7");

    // A weak password and a mistyped repeat are asked again.
    const Run init =
        start(QStringLiteral("python3"),
              {session, adminPrompt, QStringLiteral("short"), adminPrompt, kPassword,
               QStringLiteral("Type it again: "), other, adminPrompt, kPassword,
               QStringLiteral("Type it again: "), kPassword, QStringLiteral("--"),
               QStringLiteral(PATHWAY_CLI), QStringLiteral("init"), QStringLiteral("--db"), db},
              env);
    INFO(init.out.toStdString());
    REQUIRE(init.status == 0);
    CHECK(init.out.contains(QStringLiteral("too short")));
    CHECK(init.out.contains(QStringLiteral("The two passwords differ.")));
    CHECK(init.out.contains(QStringLiteral("Created the administrator account 'admin'")));
    CHECK_FALSE(init.out.contains(kPassword));
    CHECK_FALSE(init.out.contains(other));
    CHECK_FALSE(init.out.contains(QStringLiteral("short\r")));

    const auto checkAs = [&](const QString &password) {
        return start(QStringLiteral("python3"),
                     {session, QStringLiteral("Password for admin: "), password,
                      QStringLiteral("--"), QStringLiteral(PATHWAY_CLI), QStringLiteral("check"),
                      QStringLiteral("--db"), db, QStringLiteral("--user"),
                      QStringLiteral("admin")},
                     env);
    };
    const Run signedIn = checkAs(kPassword);
    INFO(signedIn.out.toStdString());
    CHECK(signedIn.status == 0);
    CHECK(signedIn.out.contains(QStringLiteral(": ok")));
    CHECK_FALSE(signedIn.out.contains(kPassword));
    const Run wrong = checkAs(other);
    CHECK(wrong.status == 1);
    CHECK(wrong.out.contains(QStringLiteral("password is wrong")));
    CHECK_FALSE(wrong.out.contains(other));
}

TEST_CASE("init, demo, add-client, export and import work end to end")
{
    QTemporaryDir dir;
    const QString db = dir.filePath(QStringLiteral("p.sqlite"));
    REQUIRE(cli({QStringLiteral("init"), QStringLiteral("--db"), db}).status == 0);
    const Run demo =
        cli({QStringLiteral("demo"), QStringLiteral("--db"), db, QStringLiteral("--clients"),
             QStringLiteral("40"), QStringLiteral("--seed"), QStringLiteral("9")});
    REQUIRE(demo.status == 0);
    CHECK(demo.err.contains(QStringLiteral("40/40")));

    const QString profile = dir.filePath(QStringLiteral("zoe.json"));
    REQUIRE(test::writeFile(profile,
                            QByteArray::fromStdString(clientToJson(test::sampleClient()).dump())));
    // PATHWAY_DB picks the database when --db is absent.
    const Run added =
        as(kSupervisor, {QStringLiteral("add-client"), QStringLiteral("--profile"), profile}, [&] {
            Env env;
            env.db = db;
            return env;
        }());
    REQUIRE(added.status == 0);
    CHECK(added.out.trimmed() == QStringLiteral("41"));

    const QString out = dir.filePath(QStringLiteral("all.json"));
    REQUIRE(as(kSupervisor,
               {QStringLiteral("export"), QStringLiteral("--db"), db, QStringLiteral("--out"), out})
                .status == 0);
    CHECK(QFile::permissions(out) == kOwnerOnly);
    const auto doc = nlohmann::json::parse(test::readFile(out).toStdString());
    REQUIRE(doc["clients"].size() == 41);
    CHECK(doc["clients"][40]["last_name"] == "Ñúñez-Łukasiewicz");

    const QString other = dir.filePath(QStringLiteral("other.sqlite"));
    REQUIRE(cli({QStringLiteral("init"), QStringLiteral("--db"), other}).status == 0);
    const Run imported =
        as(QStringLiteral("admin"),
           {QStringLiteral("import"), QStringLiteral("--db"), other, QStringLiteral("--in"), out});
    REQUIRE(imported.status == 0);
    CHECK(imported.err.contains(QStringLiteral("Imported 41")));
    CHECK(as(QStringLiteral("admin"), {QStringLiteral("check"), QStringLiteral("--db"), other})
              .status == 0);
    // The counselors the file named were unknown there: their accounts were
    // created by the import, each recorded as created by the admin.
    Sql sql(other);
    const auto users = sql.rows(QStringLiteral("SELECT id, username FROM users WHERE username <> "
                                               "'admin' ORDER BY username"));
    CHECK(users.size() == kCounselors.size());
    for (const QVariantList &user : users) {
        INFO(user[1].toString().toStdString());
        CHECK(sql.rows(QStringLiteral("SELECT username, detail FROM audit_log WHERE action = "
                                      "'create' AND entity = 'user' AND record_id = ?"),
                       {user[0]}) ==
              QVector<QVariantList>{{QStringLiteral("admin"),
                                     QStringLiteral("counselor: named as a client's counselor")}});
    }
}

TEST_CASE("Bad input gives a non-zero status and a message naming the place")
{
    QTemporaryDir dir;
    const QString db = dir.filePath(QStringLiteral("p.sqlite"));
    const QString admin = QStringLiteral("admin");
    REQUIRE(cli({QStringLiteral("init"), QStringLiteral("--db"), db}).status == 0);

    SECTION("malformed exchange file: line and column")
    {
        const QString in = dir.filePath(QStringLiteral("bad.json"));
        REQUIRE(
            test::writeFile(in, "{\"format\": \"pathway\",\n\"version\": 1,\n\"clients\": [,]}"));
        const Run r = as(admin, {QStringLiteral("import"), QStringLiteral("--db"), db,
                                 QStringLiteral("--in"), in});
        CHECK(r.status == 1);
        CHECK(r.err.contains(QStringLiteral("line 3, column 13")));
    }
    SECTION("invalid client: index and field")
    {
        nlohmann::json c = clientToJson(test::sampleClient());
        nlohmann::json bad = c;
        bad["barriers"][0]["severity"] = 7;
        nlohmann::json file = {{"format", "pathway"}, {"version", 1}, {"clients", {c, bad}}};
        const QString in = dir.filePath(QStringLiteral("bad.json"));
        REQUIRE(test::writeFile(in, QByteArray::fromStdString(file.dump())));
        const Run r = as(admin, {QStringLiteral("import"), QStringLiteral("--db"), db,
                                 QStringLiteral("--in"), in});
        CHECK(r.status == 1);
        CHECK(r.err.contains(QStringLiteral("client 1")));
        CHECK(r.err.contains(QStringLiteral("barriers[0].severity")));
        const Run count =
            as(admin, {QStringLiteral("export"), QStringLiteral("--db"), db,
                       QStringLiteral("--out"), dir.filePath(QStringLiteral("after.json"))});
        CHECK(count.err.contains(QStringLiteral("Exported 0")));
    }
    SECTION("invalid profile for add-client")
    {
        const QString in = dir.filePath(QStringLiteral("p.json"));
        REQUIRE(test::writeFile(in, R"({"first_name": "Ana"})"));
        const Run r = as(admin, {QStringLiteral("add-client"), QStringLiteral("--db"), db,
                                 QStringLiteral("--profile"), in});
        CHECK(r.status == 1);
        CHECK(r.err.contains(QStringLiteral("last_name")));
        CHECK(r.err.contains(QStringLiteral("household_size")));
        // Newlines are kept out of names.
        Client newline = test::sampleClient();
        newline.firstName = QStringLiteral("Zoë\nZee");
        REQUIRE(test::writeFile(in, QByteArray::fromStdString(clientToJson(newline).dump())));
        const Run two = as(admin, {QStringLiteral("add-client"), QStringLiteral("--db"), db,
                                   QStringLiteral("--profile"), in});
        CHECK(two.status == 1);
        CHECK(two.err.contains(QStringLiteral("first_name")));
    }
    SECTION("not a database")
    {
        const QString notDb = dir.filePath(QStringLiteral("notes.txt"));
        REQUIRE(test::writeFile(notDb, "hello"));
        const Run r = cli({QStringLiteral("init"), QStringLiteral("--db"), notDb});
        CHECK(r.status == 1);
        CHECK(r.err.contains(notDb));
        CHECK(test::readFile(notDb) == "hello");
    }
    SECTION("bad demo size")
    {
        const Run r = cli({QStringLiteral("demo"), QStringLiteral("--db"), db,
                           QStringLiteral("--clients"), QStringLiteral("many")});
        CHECK(r.status == 2);
        CHECK(r.err.contains(QStringLiteral("--clients")));
    }
}

TEST_CASE("plan gives an explained, traced plan for a profile or a stored client")
{
    QTemporaryDir dir;
    const QString persona =
        QStringLiteral(PATHWAY_TEST_DATA "/personas/003-independent-lower-middle/profile.json");
    const Run one = cli({QStringLiteral("plan"), QStringLiteral("--profile"), persona,
                         QStringLiteral("--today"), QStringLiteral("2026-12-01")});
    REQUIRE(one.status == 0);
    const auto plan = nlohmann::json::parse(one.out.toStdString());
    REQUIRE(plan.is_object());
    CHECK(plan["income_bracket"] == "lower_middle");
    CHECK(plan["long_term_unemployed"] == false);
    CHECK(plan["rules_version"].is_string());
    REQUIRE(plan["steps"].size() >= 3);
    for (const auto &step : plan["steps"]) {
        for (const char *key : {"strategy", "category", "title", "description", "reason", "sources",
                                "start_week", "end_week", "priority"})
            CHECK(step.contains(key));
        CHECK_FALSE(step["reason"].get<std::string>().empty());
    }

    // An array of profiles gives an array of plans.
    const QByteArray profile = test::readFile(persona);
    const QString two = dir.filePath(QStringLiteral("two.json"));
    REQUIRE(test::writeFile(two, "[" + profile + "," + profile + "]"));
    const Run many = cli({QStringLiteral("plan"), QStringLiteral("--profile"), two});
    REQUIRE(many.status == 0);
    const auto plans = nlohmann::json::parse(many.out.toStdString());
    REQUIRE(plans.is_array());
    CHECK(plans.size() == 2);
    CHECK(plans[0]["steps"] == plans[1]["steps"]);

    const Run text = cli({QStringLiteral("plan"), QStringLiteral("--profile"), persona,
                          QStringLiteral("--format"), QStringLiteral("text")});
    REQUIRE(text.status == 0);
    CHECK(text.out.contains(QStringLiteral("Why: You told us")));
    // The source as what it is, not as the group it was written about.
    CHECK(text.out.contains(
        QStringLiteral("Based on: Source text C, item 1: Access to Education and Training")));
    CHECK_FALSE(text.out.contains(QStringLiteral("severity")));

    // A recurring step reads as one, in text and JSON, from the same dates.
    const QString guided =
        QStringLiteral(PATHWAY_TEST_DATA "/personas/low-income-guided/profile.json");
    const Run guidedText = cli({QStringLiteral("plan"), QStringLiteral("--profile"), guided,
                                QStringLiteral("--format"), QStringLiteral("text"),
                                QStringLiteral("--today"), QStringLiteral("2026-12-01")});
    REQUIRE(guidedText.status == 0);
    CHECK(guidedText.out.contains(QStringLiteral(
        "Meet your counselor every two weeks  [Counseling, every 2 weeks, from 2026-12-01 to "
        "2027-06-01]")));
    CHECK(guidedText.out.contains(QStringLiteral("Based on: Agency practice")));
    const Run guidedJson = cli({QStringLiteral("plan"), QStringLiteral("--profile"), guided,
                                QStringLiteral("--today"), QStringLiteral("2026-12-01")});
    REQUIRE(guidedJson.status == 0);
    bool recurring = false;
    const auto guidedPlan = nlohmann::json::parse(guidedJson.out.toStdString());
    for (const auto &step : guidedPlan["steps"]) {
        if (step["strategy"] != "guided-regular-check-ins") {
            CHECK((step["repeat"].is_null() || step["strategy"] == "guided-job-club"));
            continue;
        }
        recurring = true;
        CHECK(step["repeat"]["every_weeks"] == 2);
        CHECK(step["repeat"]["first"] == "2026-12-01");
        CHECK(step["repeat"]["last"] == "2027-06-01");
        CHECK(step["repeat"]["times"] == 14);
        CHECK(step["due_date"] == "2027-06-01");
        CHECK(step["based_on"] == "Agency practice");
    }
    CHECK(recurring);

    const QString db = demoDatabase(dir, 5);
    const Run stored = as(kSupervisor, {QStringLiteral("plan"), QStringLiteral("--db"), db,
                                        QStringLiteral("--client"), QStringLiteral("2")});
    REQUIRE(stored.status == 0);
    CHECK(nlohmann::json::parse(stored.out.toStdString())["steps"].size() >= 1);
}

TEST_CASE("plan and replan refuse bad input clearly")
{
    QTemporaryDir dir;
    const QString persona =
        QStringLiteral(PATHWAY_TEST_DATA "/personas/003-independent-lower-middle/profile.json");
    const Run badRules = cli(
        {QStringLiteral("plan"), QStringLiteral("--profile"), persona, QStringLiteral("--rules"),
         QStringLiteral(PATHWAY_TEST_DATA "/rules/BrokenUnknownBarrierCode.json")});
    CHECK(badRules.status == 1);
    CHECK(badRules.err.contains(
        QStringLiteral("strategy 'benefits-check', field when.any[1].barrier.code")));

    const Run neither = cli({QStringLiteral("plan")});
    CHECK(neither.status == 2);
    CHECK(neither.err.contains(QStringLiteral("--profile")));
    const Run format = cli({QStringLiteral("plan"), QStringLiteral("--profile"), persona,
                            QStringLiteral("--format"), QStringLiteral("xml")});
    CHECK(format.status == 2);
    const QString db = demoDatabase(dir, 5);
    const Run noClient = as(kSupervisor, {QStringLiteral("plan"), QStringLiteral("--db"), db,
                                          QStringLiteral("--client"), QStringLiteral("77")});
    CHECK(noClient.status == 1);
    CHECK(noClient.err.contains(QStringLiteral("77")));
    const Run replanNeither =
        as(kSupervisor, {QStringLiteral("replan"), QStringLiteral("--db"), db});
    CHECK(replanNeither.status == 2);
    const Run badId = as(kSupervisor, {QStringLiteral("replan"), QStringLiteral("--db"), db,
                                       QStringLiteral("--client"), QStringLiteral("x")});
    CHECK(badId.status == 2);
}

TEST_CASE("replan keeps a counselor's own steps and edited texts, as the app's Regenerate does")
{
    QTemporaryDir dir;
    const QString db = demoDatabase(dir, 12);
    const QString ownTitle = QStringLiteral("Visit the library's job club on Tuesdays");
    const QString editedTitle = QStringLiteral("Our own wording of this step");
    QString editedStrategy;
    {
        // As the app would: through Pathway's plan repository, as the client's counselor.
        auto opened = Database::open(db);
        REQUIRE(opened);
        Database &d = *opened.value();
        d.setActor(Actor::system());
        PlanRepository plans(d);
        const Plan plan = plans.current(3).value().value();
        PlanStep own;
        own.title = ownTitle;
        own.description = QStringLiteral("Bring the CV printed twice.");
        own.dueDate = QDate(2026, 12, 14);
        REQUIRE(plans.insertStep(plan.id, int(plan.steps.size()), own).ok());
        PlanStep edited = plan.steps[0];
        editedStrategy = edited.strategyId;
        edited.title = editedTitle;
        edited.dueDate = QDate(2027, 1, 11);
        REQUIRE(plans.updateStep(plan.id, 0, edited).ok());
    }
    for (const QStringList &which : {QStringList{QStringLiteral("--client"), QStringLiteral("3")},
                                     QStringList{QStringLiteral("--all")}}) {
        const Run r = as(kSupervisor,
                         QStringList{QStringLiteral("replan"), QStringLiteral("--db"), db} + which);
        INFO(r.err.toStdString());
        REQUIRE(r.status == 0);
        auto opened = Database::open(db);
        REQUIRE(opened);
        opened.value()->setActor(Actor::system());
        const Plan plan = PlanRepository(*opened.value()).current(3).value().value();
        int own = 0;
        int edited = 0;
        for (const PlanStep &step : plan.steps) {
            if (step.title == ownTitle) {
                ++own;
                CHECK(step.dueDate == QDate(2026, 12, 14));
            }
            if (step.strategyId == editedStrategy) {
                ++edited;
                CHECK(step.title == editedTitle);
                CHECK(step.dueDate == QDate(2027, 1, 11));
            }
        }
        CHECK(own == 1);
        CHECK(edited == 1);
    }
}

TEST_CASE("replan --all regenerates every stored plan with progress on stderr")
{
    QTemporaryDir dir;
    const QString db = demoDatabase(dir, 30);
    const Run r = as(kSupervisor, {QStringLiteral("replan"), QStringLiteral("--db"), db,
                                   QStringLiteral("--all"), QStringLiteral("--rules"),
                                   QStringLiteral(PATHWAY_TEST_DATA "/rules/Minimal.json")});
    REQUIRE(r.status == 0);
    CHECK(r.out.contains(QStringLiteral("Made 30 new plan versions with rules")));
    CHECK(r.err.contains(QStringLiteral("30/30")));
    const Run one = as(kSupervisor, {QStringLiteral("replan"), QStringLiteral("--db"), db,
                                     QStringLiteral("--client"), QStringLiteral("4")});
    REQUIRE(one.status == 0);
    CHECK(one.out.contains(QStringLiteral("Made 1 new plan version")));
}

namespace {
// Runs pathway-cli signed in as the supervisor with the agency settings of
// `configHome` (an empty folder: the defaults), never the settings of whoever
// runs the tests, in `lang`.
Run printCli(const QStringList &args, const QString &configHome,
             const QString &lang = QStringLiteral("en_GB.UTF-8"))
{
    Env env;
    env.extra.insert(QStringLiteral("XDG_CONFIG_HOME"), configHome);
    env.extra.insert(QStringLiteral("LC_ALL"), lang); // over any LC_* of the caller
    env.extra.insert(QStringLiteral("LANG"), lang);
    return as(kSupervisor, args, env);
}

QString pdfToText(const QString &path)
{
    QProcess p;
    p.start(QStringLiteral("pdftotext"),
            {QStringLiteral("-enc"), QStringLiteral("UTF-8"), path, QStringLiteral("-")});
    REQUIRE(p.waitForFinished(60000));
    REQUIRE(p.exitCode() == 0);
    return QString::fromUtf8(p.readAllStandardOutput());
}

QString pdfPageSize(const QString &path)
{
    QProcess p;
    p.start(QStringLiteral("pdfinfo"), {path});
    REQUIRE(p.waitForFinished(60000));
    const auto match = QRegularExpression(QStringLiteral("Page size:\\s+(.*)\\n"))
                           .match(QString::fromUtf8(p.readAllStandardOutput()));
    return match.hasMatch() ? match.captured(1) : QString();
}
} // namespace

TEST_CASE("print --client writes the client's current plan to a private PDF")
{
    QTemporaryDir dir;
    const QString config = dir.filePath(QStringLiteral("config"));
    const QString db = demoDatabase(dir, 3);
    const Run help = cli({QStringLiteral("print"), QStringLiteral("--help")});
    CHECK(help.status == 0);
    CHECK(help.out.contains(QStringLiteral("--page-size")));
    CHECK(cli({QStringLiteral("--help")}).out.contains(QStringLiteral("print")));

    const QString pdf = dir.filePath(QStringLiteral("plan 2.pdf"));
    const Run r =
        printCli({QStringLiteral("print"), QStringLiteral("--db"), db, QStringLiteral("--client"),
                  QStringLiteral("2"), QStringLiteral("--pdf"), pdf, QStringLiteral("--today"),
                  QStringLiteral("2026-11-23")},
                 config);
    INFO(r.err.toStdString());
    REQUIRE(r.status == 0);
    CHECK(r.out.contains(pdf));
    CHECK_FALSE(r.err.contains(QStringLiteral("no stored plan")));
    CHECK(QFile::permissions(pdf) == kOwnerOnly);
    // Recorded as what it is: a PDF written, an export of personal data.
    {
        Sql sql(db);
        CHECK(sql.value(QStringLiteral("SELECT detail FROM audit_log WHERE action = 'export' AND "
                                       "entity = 'client' AND record_id = 2"))
                  .toString()
                  .startsWith(QStringLiteral("PDF, plan version")));
        CHECK(sql.value(QStringLiteral("SELECT count(*) FROM audit_log WHERE action = 'print'"))
                  .toInt() == 0);
    }

    // The stored plan's steps, and the counselor's display name, are printed.
    const Run stored =
        as(kSupervisor, {QStringLiteral("export"), QStringLiteral("--db"), db,
                         QStringLiteral("--out"), dir.filePath(QStringLiteral("all.json"))});
    REQUIRE(stored.status == 0);
    const auto clients = nlohmann::json::parse(
        test::readFile(dir.filePath(QStringLiteral("all.json"))).toStdString())["clients"];
    const QString text = pdfToText(pdf);
    const QString name = QString::fromStdString(clients[1]["first_name"].get<std::string>() + " " +
                                                clients[1]["last_name"].get<std::string>());
    CHECK(text.contains(name));
    CHECK(text.contains(QStringLiteral("Page 1 of")));
    CHECK(text.contains(QStringLiteral("Client signature")));
    const QStringList counselors = {QStringLiteral("Ana García"), QStringLiteral("Bảo Nguyễn"),
                                    QStringLiteral("Chidi Okafor"), QStringLiteral("Dana Müller"),
                                    QStringLiteral("Eli Johnson")};
    CHECK(std::any_of(counselors.cbegin(), counselors.cend(),
                      [&](const QString &c) { return text.contains(c); }));
    CHECK(pdfPageSize(pdf).contains(QStringLiteral("(A4)"))); // en_GB
    // Without a setting, the paper follows the locale.
    const QString us = dir.filePath(QStringLiteral("us.pdf"));
    REQUIRE(printCli({QStringLiteral("print"), QStringLiteral("--db"), db,
                      QStringLiteral("--client"), QStringLiteral("2"), QStringLiteral("--pdf"), us},
                     config, QStringLiteral("en_US.UTF-8"))
                .status == 0);
    CHECK(pdfPageSize(us).contains(QStringLiteral("(letter)")));

    SECTION("--page-size and the agency settings")
    {
        QDir().mkpath(config + QStringLiteral("/Pathway"));
        REQUIRE(test::writeFile(config + QStringLiteral("/Pathway/Pathway.conf"),
                                "[agency]\nname=Riverside Career Center\npageSize=Letter\n"));
        const QString letter = dir.filePath(QStringLiteral("letter.pdf"));
        REQUIRE(printCli({QStringLiteral("print"), QStringLiteral("--db"), db,
                          QStringLiteral("--client"), QStringLiteral("1"), QStringLiteral("--pdf"),
                          letter},
                         config)
                    .status == 0);
        CHECK(pdfPageSize(letter).contains(QStringLiteral("(letter)")));
        CHECK(pdfToText(letter).contains(QStringLiteral("Riverside Career Center")));
        const QString a4 = dir.filePath(QStringLiteral("a4.pdf"));
        REQUIRE(printCli({QStringLiteral("print"), QStringLiteral("--db"), db,
                          QStringLiteral("--client"), QStringLiteral("1"), QStringLiteral("--pdf"),
                          a4, QStringLiteral("--page-size"), QStringLiteral("a4")},
                         config)
                    .status == 0);
        CHECK(pdfPageSize(a4).contains(QStringLiteral("(A4)")));

        REQUIRE(test::writeFile(config + QStringLiteral("/Pathway/Pathway.conf"),
                                "[agency]\npageSize=Legal\n"));
        const Run bad =
            printCli({QStringLiteral("print"), QStringLiteral("--db"), db,
                      QStringLiteral("--client"), QStringLiteral("1"), QStringLiteral("--pdf"), a4},
                     config);
        CHECK(bad.status == 1);
        CHECK(bad.err.contains(QStringLiteral("agency/pageSize")));
        CHECK(bad.err.contains(QStringLiteral("Pathway.conf")));
    }
    SECTION("bad usage and unwritable files fail clearly, leaving no file")
    {
        const Run badSize =
            printCli({QStringLiteral("print"), QStringLiteral("--db"), db,
                      QStringLiteral("--client"), QStringLiteral("1"), QStringLiteral("--pdf"), pdf,
                      QStringLiteral("--page-size"), QStringLiteral("Legal")},
                     config);
        CHECK(badSize.status == 2);
        CHECK(badSize.err.contains(QStringLiteral("--page-size")));
        const Run neither = printCli({QStringLiteral("print"), QStringLiteral("--db"), db}, config);
        CHECK(neither.status == 2);
        CHECK(neither.err.contains(QStringLiteral("--client")));
        const Run noFile = printCli({QStringLiteral("print"), QStringLiteral("--db"), db,
                                     QStringLiteral("--client"), QStringLiteral("1")},
                                    config);
        CHECK(noFile.status == 2);
        CHECK(noFile.err.contains(QStringLiteral("--pdf")));
        const Run missing = printCli({QStringLiteral("print"), QStringLiteral("--db"), db,
                                      QStringLiteral("--client"), QStringLiteral("99"),
                                      QStringLiteral("--pdf"), pdf},
                                     config);
        CHECK(missing.status == 1);
        CHECK(missing.err.contains(QStringLiteral("99")));

        // The parent is a regular file, so no one (not even root) can write there.
        const QString blocker = dir.filePath(QStringLiteral("blocker.txt"));
        REQUIRE(test::writeFile(blocker, "x"));
        const QString target = blocker + QStringLiteral("/plan.pdf");
        const Run unwritable = printCli({QStringLiteral("print"), QStringLiteral("--db"), db,
                                         QStringLiteral("--client"), QStringLiteral("1"),
                                         QStringLiteral("--pdf"), target},
                                        config);
        CHECK(unwritable.status == 1);
        CHECK(unwritable.err.contains(target));
        CHECK_FALSE(QFile::exists(target));
        const Run outBlocked =
            printCli({QStringLiteral("print"), QStringLiteral("--db"), db, QStringLiteral("--all"),
                      QStringLiteral("--out"), blocker + QStringLiteral("/plans")},
                     config);
        CHECK(outBlocked.status == 1);
        CHECK(outBlocked.err.contains(blocker + QStringLiteral("/plans")));
    }
}

TEST_CASE("print --all writes one private PDF per client named <last>_<first>_<id>.pdf")
{
    QTemporaryDir dir;
    const QString config = dir.filePath(QStringLiteral("config"));
    const QString db = demoDatabase(dir, 6, 3);
    // Zoë is added without a plan: hers is proposed by the rules, not stored.
    const QString profile = dir.filePath(QStringLiteral("zoe.json"));
    REQUIRE(test::writeFile(profile,
                            QByteArray::fromStdString(clientToJson(test::sampleClient()).dump())));
    REQUIRE(as(kSupervisor, {QStringLiteral("add-client"), QStringLiteral("--db"), db,
                             QStringLiteral("--profile"), profile})
                .out.trimmed() == QStringLiteral("7"));

    const QString out = dir.filePath(QStringLiteral("plans"));
    const Run r = printCli({QStringLiteral("print"), QStringLiteral("--db"), db,
                            QStringLiteral("--all"), QStringLiteral("--out"), out},
                           config);
    INFO(r.err.toStdString());
    REQUIRE(r.status == 0);
    CHECK(r.err.contains(QStringLiteral("Printing: 7/7")));
    CHECK(r.err.contains(QStringLiteral("no stored plan")));
    CHECK(r.err.contains(QStringLiteral("client 7")));
    CHECK(r.out.contains(QStringLiteral("Printed 7 plans")));

    // The folder it made is the owner's only: the file names are personal data.
    CHECK((QFile::permissions(out) & (QFileDevice::ReadGroup | QFileDevice::ReadOther |
                                      QFileDevice::ExeGroup | QFileDevice::ExeOther)) ==
          QFileDevice::Permissions());
    const QStringList files = QDir(out).entryList(QDir::Files | QDir::Hidden, QDir::Name);
    CHECK(files.size() == 7);
    CHECK(files.contains(QStringLiteral("Ñúñez-Łukasiewicz_Zoë_7.pdf")));
    for (const QString &f : files) {
        INFO(f.toStdString());
        CHECK(QFile::permissions(QDir(out).filePath(f)) == kOwnerOnly);
    }
    // Every client's file carries their names (kept with their accents) and id.
    const QString exported = dir.filePath(QStringLiteral("all.json"));
    REQUIRE(as(kSupervisor, {QStringLiteral("export"), QStringLiteral("--db"), db,
                             QStringLiteral("--out"), exported})
                .status == 0);
    const auto clients = nlohmann::json::parse(test::readFile(exported).toStdString())["clients"];
    REQUIRE(clients.size() == 7);
    for (size_t i = 0; i < clients.size(); ++i) {
        const QString first = QString::fromStdString(clients[i]["first_name"].get<std::string>());
        const QString last = QString::fromStdString(clients[i]["last_name"].get<std::string>());
        // Spaces and apostrophes become '-'; letters stay as they are.
        const QRegularExpression unsafe(QStringLiteral("[^\\p{L}\\p{M}\\p{N}.-]+"));
        const QString file = QStringLiteral("%1_%2_%3.pdf")
                                 .arg(QString(last).replace(unsafe, QStringLiteral("-")),
                                      QString(first).replace(unsafe, QStringLiteral("-")))
                                 .arg(i + 1);
        INFO(file.toStdString());
        REQUIRE(files.contains(file));
        CHECK(pdfToText(QDir(out).filePath(file)).contains(first + QLatin1Char(' ') + last));
    }
}

TEST_CASE("check fails when the audit trail's triggers are dropped or an entry is changed")
{
    QTemporaryDir dir;
    const QString db = demoDatabase(dir, 12);
    const QStringList check = {QStringLiteral("check"), QStringLiteral("--db"), db};
    const Run intact = as(kSupervisor, check);
    INFO(intact.err.toStdString());
    REQUIRE(intact.status == 0);
    CHECK(intact.out.contains(QStringLiteral(": ok")));

    QString at;
    {
        Sql sql(db);
        sql.rows(QStringLiteral("DROP TRIGGER audit_log_no_update"));
        at = sql.value(QStringLiteral("SELECT at FROM audit_log WHERE id = 2")).toString();
    }
    const Run dropped = as(kSupervisor, check);
    CHECK(dropped.status != 0);
    CHECK(dropped.err.contains(QStringLiteral("audit_log_no_update is missing")));
    CHECK(dropped.err.contains(QStringLiteral("restore the file from a backup")));

    {
        Sql sql(db);
        sql.rows(QStringLiteral("UPDATE audit_log SET detail = 'nothing happened' WHERE id = 2"));
        sql.rows(QStringLiteral("CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log "
                                "BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END"));
    }
    const Run edited = as(kSupervisor, check);
    INFO(edited.err.toStdString());
    CHECK(edited.status != 0);
    CHECK_FALSE(edited.err.contains(QStringLiteral("is missing")));
    CHECK(
        edited.err.contains(QStringLiteral("audit trail entry 2 of %1 was changed")
                                .arg(QDateTime::fromString(at, Qt::ISODateWithMs)
                                         .toUTC()
                                         .toString(QStringLiteral("yyyy-MM-dd HH:mm:ss 'UTC'")))));
}

namespace {

// Holds the database's write lock from another connection, as a long write
// (replan --all, an import) does, until release().
class WriteLock
{
public:
    explicit WriteLock(const QString &path) : m_sql(path)
    {
        m_sql.rows(QStringLiteral("BEGIN IMMEDIATE"));
    }
    void release()
    {
        if (m_held)
            m_sql.rows(QStringLiteral("ROLLBACK"));
        m_held = false;
    }
    ~WriteLock() { release(); }
    Sql &sql() { return m_sql; }

private:
    Sql m_sql;
    bool m_held = true;
};

// Runs `args` as the supervisor while `lock` holds the write lock: the
// command must finish reading (what it prints on standard output is there)
// and say it waits to record the audit entry, never fail on the lock; then
// the lock is released and the command ends well.
Run readWhileLocked(WriteLock &lock, const QStringList &args, QString *outWhileLocked = nullptr)
{
    QProcess p;
    p.setProcessEnvironment(environment(Env{}));
    p.start(QStringLiteral(PATHWAY_CLI), args + QStringList{QStringLiteral("--user"), kSupervisor});
    p.closeWriteChannel();
    p.setReadChannel(QProcess::StandardError);
    QByteArray err;
    const QByteArray waiting = "to record this in the audit trail";
    while (!err.contains(waiting)) {
        if (!p.waitForReadyRead(300000))
            break; // ended (or hung): the checks below say which
        err += p.readAllStandardError();
    }
    INFO(QString::fromUtf8(err).toStdString());
    REQUIRE(err.contains(waiting));
    REQUIRE(p.state() == QProcess::Running); // still waiting for the lock
    if (outWhileLocked)
        *outWhileLocked = QString::fromUtf8(p.readAllStandardOutput());
    lock.release();
    REQUIRE(p.waitForFinished(300000));
    Run r{p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1,
          (outWhileLocked ? *outWhileLocked : QString()) +
              QString::fromUtf8(p.readAllStandardOutput()),
          QString::fromUtf8(err + p.readAllStandardError())};
    return r;
}

int signIns(const QString &db)
{
    Sql sql(db);
    return sql
        .value(QStringLiteral("SELECT count(*) FROM audit_log WHERE action = 'sign_in' AND "
                              "username = ?"),
               {kSupervisor})
        .toInt();
}

} // namespace

TEST_CASE("caseload and export and check read while another program holds the write lock")
{
    QTemporaryDir dir;
    const QString db = demoDatabase(dir, 12);
    const int before = signIns(db);

    SECTION("caseload prints before the lock is released, then records the sign-in")
    {
        WriteLock lock(db);
        QString printed;
        const Run r = readWhileLocked(
            lock, {QStringLiteral("caseload"), QStringLiteral("--db"), db}, &printed);
        INFO(r.err.toStdString());
        CHECK(r.status == 0);
        CHECK(printed.count(QLatin1Char('\n')) >= 12); // the caseload, while locked
        CHECK(signIns(db) == before + 1);
    }
    SECTION("export writes the file and records the sign-in and the export")
    {
        const QString out = dir.filePath(QStringLiteral("all.json"));
        WriteLock lock(db);
        const Run r = readWhileLocked(lock, {QStringLiteral("export"), QStringLiteral("--db"), db,
                                             QStringLiteral("--out"), out});
        INFO(r.err.toStdString());
        CHECK(r.status == 0);
        CHECK(QFile::exists(out));
        CHECK(signIns(db) == before + 1);
        Sql sql(db);
        CHECK(sql.value(QStringLiteral("SELECT count(*) FROM audit_log WHERE action = 'export' "
                                       "AND username = ?"),
                        {kSupervisor})
                  .toInt() == 1);
    }
    SECTION("check reads the whole file and records the sign-in")
    {
        WriteLock lock(db);
        QString printed;
        const Run r =
            readWhileLocked(lock, {QStringLiteral("check"), QStringLiteral("--db"), db}, &printed);
        INFO(r.err.toStdString());
        CHECK(r.status == 0);
        CHECK(printed.contains(QStringLiteral(": ok")));
        CHECK(signIns(db) == before + 1);
    }
    // What was recorded late is in the chain like every entry.
    CHECK(as(kSupervisor, {QStringLiteral("check"), QStringLiteral("--db"), db}).status == 0);
}

TEST_CASE("An audit entry that cannot be recorded in the end is said, not dropped")
{
    QTemporaryDir dir;
    const QString db = demoDatabase(dir, 3);
    // The lock is never released: the command gives up, after its reading
    // is done, and says what was not recorded.
    Env env;
    env.extra.insert(QStringLiteral("PATHWAY_AUDIT_WAIT_SECONDS"), QStringLiteral("5"));
    WriteLock lock(db);
    const Run r = as(kSupervisor, {QStringLiteral("caseload"), QStringLiteral("--db"), db}, env);
    CHECK(r.status != 0);
    CHECK(r.err.contains(QStringLiteral("1 entry of the audit trail could not be recorded")));
    CHECK(r.err.contains(QStringLiteral("is not in the audit trail")));
}
