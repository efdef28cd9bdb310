// Kills a process that writes through Pathway's storage code with SIGKILL at
// random points, and checks after each kill that the file is sound, that
// Pathway opens it, that every write the writer reported as committed is
// there whole, and that nothing is there in part.
//
// The writer is tests/storage/CrashWriter.cpp (its output is described
// there). PATHWAY_CRASH_KILLS sets the number of kills (100 by default);
// PATHWAY_CRASH_SEED replays a run: the seed chooses every delay, every
// writer's seed and its checkpoint size (the exact instant a kill lands
// still depends on the machine).

#include "CliSupport.h"
#include "TestSupport.h"

#include "pathway/storage/Database.h"

#include <QElapsedTimer>
#include <QFile>
#include <QMap>
#include <QProcess>
#include <QRegularExpression>
#include <QSet>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QSqlRecord>
#include <QTemporaryDir>

#include <catch2/catch.hpp>

#include <iostream>
#include <random>

using namespace pathway;

namespace {

// What the file must hold: every acknowledged write, none in part.
struct Model
{
    QMap<qint64, QString> clients;              // id -> email
    QMap<qint64, QPair<qint64, QString>> notes; // id -> client, body
    QMap<qint64, qint64> plans;                 // id -> client
    QMap<qint64, int> planSteps;                // reported plans: id -> steps
    int updates = 0;
};

// One write the writer started but did not report: the kill may have come
// before or after its commit, so the file may hold it or not, but whole.
struct InFlight
{
    QString kind; // client, batch, update, note, plan; empty: none
    QStringList fields;
};

struct Round
{
    QStringList lines;
    bool opened = false;
    bool inCheckpoint = false;
    InFlight inFlight;
};

Round parse(const QByteArray &output)
{
    Round round;
    QList<QByteArray> parts = output.split('\n');
    parts.removeLast(); // after the last newline: nothing (each line is one write)
    for (const QByteArray &part : parts) {
        const QString line = QString::fromUtf8(part);
        round.lines << line;
        const QStringList f = line.split(QLatin1Char(' '));
        if (f[0] == QLatin1String("open")) {
            round.opened = true;
        } else if (f[0] == QLatin1String("begin")) {
            round.inFlight = {f[1], f.mid(2)};
        } else if (f[0] == QLatin1String("checkpoint-begin")) {
            round.inCheckpoint = true;
        } else if (f[0] == QLatin1String("checkpoint-end")) {
            round.inCheckpoint = false;
        } else {
            round.inFlight = {};
        }
    }
    return round;
}

struct Raw
{
    explicit Raw(const QString &path) : name(QStringLiteral("crash-%1").arg(++count))
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
        db.setDatabaseName(path);
        REQUIRE(db.open());
    }
    ~Raw()
    {
        QSqlDatabase::database(name, false).close();
        QSqlDatabase::removeDatabase(name);
    }
    QVector<QVariantList> rows(const QString &sql) const
    {
        QSqlQuery q(QSqlDatabase::database(name, false));
        const bool ran = q.exec(sql);
        INFO(sql.toStdString() << ": " << q.lastError().text().toStdString());
        REQUIRE(ran);
        QVector<QVariantList> all;
        while (q.next()) {
            QVariantList row;
            for (int i = 0; i < q.record().count(); ++i)
                row << q.value(i);
            all << row;
        }
        return all;
    }
    qint64 scalar(const QString &sql) const { return rows(sql).value(0).value(0).toLongLong(); }

    static inline int count = 0;
    QString name;
};

// Checks the file after a kill against `model` plus what the writer
// reported, then makes `model` what the file holds. False when the kill
// came before the first schema step was committed (the file holds nothing
// of Pathway's, and the next writer makes it afresh).
bool verify(const QString &path, Model &model, const Round &round)
{
    Raw raw(path);
    CHECK(raw.rows(QStringLiteral("PRAGMA integrity_check")) ==
          QVector<QVariantList>{{QStringLiteral("ok")}});
    CHECK(raw.rows(QStringLiteral("PRAGMA foreign_key_check")).isEmpty());
    const qint64 version = raw.scalar(QStringLiteral("PRAGMA user_version"));
    if (version < Database::latestSchemaVersion()) {
        // Killed while the database was being made, before its last schema
        // step committed: nothing was acknowledged yet.
        CHECK_FALSE(round.opened);
        CHECK(model.clients.isEmpty());
        return version > 0;
    }

    // What the writer acknowledged, on top of what the file held before.
    Model expected = model;
    QMap<QString, int> reportedBatches;
    for (const QString &line : round.lines) {
        const QStringList f = line.split(QLatin1Char(' '));
        if (f[0] == QLatin1String("client")) {
            expected.clients.insert(f[1].toLongLong(), f[2]);
        } else if (f[0] == QLatin1String("batch")) {
            for (int i = 3; i < f.size(); ++i)
                expected.clients.insert(f[i].toLongLong(),
                                        QString()); // the email is checked against its token below
            reportedBatches.insert(f[1], f[2].toInt());
        } else if (f[0] == QLatin1String("update")) {
            expected.clients.insert(f[1].toLongLong(), f[2]);
            ++expected.updates;
        } else if (f[0] == QLatin1String("note")) {
            expected.notes.insert(f[1].toLongLong(), {f[2].toLongLong(), f[3]});
        } else if (f[0] == QLatin1String("plan")) {
            expected.plans.insert(f[2].toLongLong(), f[1].toLongLong());
            expected.planSteps.insert(f[2].toLongLong(), f[3].toInt());
        }
    }
    const InFlight &flight = round.inFlight;
    INFO("the write in flight: " << flight.kind.toStdString() << " "
                                 << flight.fields.join(QLatin1Char(' ')).toStdString());

    // Clients: each is whole (its barriers and goals as its email says,
    // its sort key), and a batch is all there or not at all.
    static const QRegularExpression kEmail(
        QStringLiteral("^b(\\d+)g(\\d+)(?:u\\d+)?\\.(s\\d+t\\d+)x(\\d+)@crash\\.example$"));
    Model found;
    QMap<QString, int> batchSize, batchCount;
    for (const QVariantList &row : raw.rows(QStringLiteral(
             "SELECT c.id, c.email, coalesce(b.n, 0), coalesce(g.n, 0), coalesce(k.n, 0) FROM "
             "clients c LEFT JOIN (SELECT client_id, count(*) AS n FROM client_barriers GROUP BY "
             "client_id) b ON b.client_id = c.id LEFT JOIN (SELECT client_id, count(*) AS n FROM "
             "client_goals GROUP BY client_id) g ON g.client_id = c.id LEFT JOIN (SELECT "
             "client_id, count(*) AS n FROM client_name_keys GROUP BY client_id) k ON "
             "k.client_id = c.id"))) {
        const qint64 id = row[0].toLongLong();
        const QString email = row[1].toString();
        INFO("client " << id << " " << email.toStdString());
        const QRegularExpressionMatch m = kEmail.match(email);
        REQUIRE(m.hasMatch());
        CHECK(row[2].toInt() == m.captured(1).toInt());
        CHECK(row[3].toInt() == m.captured(2).toInt());
        CHECK(row[4].toInt() == 3); // its sort keys: zoe, crash and the token
        found.clients.insert(id, email);
        batchSize[m.captured(3)] = m.captured(4).toInt();
        ++batchCount[m.captured(3)];
    }
    for (auto it = batchCount.cbegin(); it != batchCount.cend(); ++it) {
        INFO("batch " << it.key().toStdString());
        CHECK(it.value() == batchSize.value(it.key()));
    }
    for (auto it = reportedBatches.cbegin(); it != reportedBatches.cend(); ++it) {
        INFO("reported batch " << it.key().toStdString());
        CHECK(batchCount.value(it.key()) == it.value());
    }

    // Every acknowledged client is there, as last acknowledged; besides
    // them only the clients of the write in flight, and a changed profile
    // only from it.
    int updatesInFlight = 0;
    for (auto it = expected.clients.cbegin(); it != expected.clients.cend(); ++it) {
        INFO("acknowledged client " << it.key());
        REQUIRE(found.clients.contains(it.key()));
        const QString now = found.clients.value(it.key());
        const bool inFlightUpdate = flight.kind == QLatin1String("update") &&
                                    flight.fields.value(0).toLongLong() == it.key() &&
                                    flight.fields.value(1) == now;
        if (inFlightUpdate)
            ++updatesInFlight;
        else if (!it.value().isEmpty()) // empty: added by a batch, checked by its token
            CHECK(now == it.value());
    }
    for (auto it = found.clients.cbegin(); it != found.clients.cend(); ++it) {
        if (expected.clients.contains(it.key()))
            continue;
        INFO("unacknowledged client " << it.key() << " " << it.value().toStdString());
        CHECK(((flight.kind == QLatin1String("client") || flight.kind == QLatin1String("batch")) &&
               it.value().contains(QLatin1Char('.') + flight.fields.value(0) + QLatin1Char('x'))));
    }

    // Notes: the acknowledged ones word for word, and at most the one in flight.
    for (const QVariantList &row :
         raw.rows(QStringLiteral("SELECT id, client_id, body FROM case_notes")))
        found.notes.insert(row[0].toLongLong(), {row[1].toLongLong(), row[2].toString()});
    for (auto it = expected.notes.cbegin(); it != expected.notes.cend(); ++it) {
        INFO("acknowledged note " << it.key());
        REQUIRE(found.notes.contains(it.key()));
        CHECK(found.notes.value(it.key()) == it.value());
    }
    for (auto it = found.notes.cbegin(); it != found.notes.cend(); ++it) {
        if (expected.notes.contains(it.key()))
            continue;
        INFO("unacknowledged note " << it.key());
        CHECK(flight.kind == QLatin1String("note"));
        CHECK(it.value().first == flight.fields.value(0).toLongLong());
        CHECK(it.value().second == flight.fields.value(1));
    }

    // Plans: every acknowledged one with all its steps; at most one more,
    // for the client of the plan in flight.
    QMap<qint64, int> steps;
    for (const QVariantList &row : raw.rows(QStringLiteral(
             "SELECT p.id, p.client_id, (SELECT count(*) FROM plan_steps s WHERE s.plan_id = "
             "p.id) FROM plans p"))) {
        found.plans.insert(row[0].toLongLong(), row[1].toLongLong());
        steps.insert(row[0].toLongLong(), row[2].toInt());
    }
    for (auto it = expected.plans.cbegin(); it != expected.plans.cend(); ++it) {
        INFO("acknowledged plan " << it.key());
        REQUIRE(found.plans.contains(it.key()));
        CHECK(found.plans.value(it.key()) == it.value());
        if (expected.planSteps.contains(it.key()))
            CHECK(steps.value(it.key()) == expected.planSteps.value(it.key()));
    }
    int plansInFlight = 0;
    for (auto it = found.plans.cbegin(); it != found.plans.cend(); ++it) {
        if (expected.plans.contains(it.key()))
            continue;
        INFO("unacknowledged plan " << it.key());
        CHECK(flight.kind == QLatin1String("plan"));
        CHECK(it.value() == flight.fields.value(0).toLongLong());
        ++plansInFlight;
    }
    CHECK(plansInFlight <= 1);
    found.planSteps = steps;

    // The audit trail: one entry for each write, in the same transaction.
    CHECK(raw.scalar(QStringLiteral(
              "SELECT count(*) FROM case_notes n WHERE NOT EXISTS (SELECT 1 FROM audit_log a "
              "WHERE a.action = 'create' AND a.entity = 'note' AND a.record_id = n.id)")) == 0);
    QSet<qint64> audited;
    for (const QVariantList &row :
         raw.rows(QStringLiteral("SELECT record_id FROM audit_log WHERE action = 'create' AND "
                                 "entity = 'client' AND record_id IS NOT NULL")))
        audited.insert(row[0].toLongLong());
    for (auto it = found.clients.cbegin(); it != found.clients.cend(); ++it) {
        INFO("client " << it.key() << " " << it.value().toStdString());
        if (it.value().endsWith(QLatin1String("x1@crash.example")))
            CHECK(audited.contains(it.key()));
    }
    int batches = 0;
    for (auto it = batchSize.cbegin(); it != batchSize.cend(); ++it)
        batches += it.value() > 1 ? 1 : 0;
    CHECK(raw.scalar(QStringLiteral("SELECT count(*) FROM audit_log WHERE action = 'create' AND "
                                    "entity = 'client' AND record_id IS NULL")) == batches);
    CHECK(raw.scalar(QStringLiteral(
              "SELECT count(*) FROM audit_log WHERE action = 'create' AND entity = 'plan'")) ==
          found.plans.size());
    found.updates = expected.updates + updatesInFlight;
    CHECK(raw.scalar(QStringLiteral("SELECT count(*) FROM audit_log WHERE action = 'update' AND "
                                    "entity = 'client'")) == found.updates);
    model = found;
    return true;
}

quint64 seedFromEnvironment()
{
    bool ok = false;
    const quint64 given = qEnvironmentVariable("PATHWAY_CRASH_SEED").toULongLong(&ok);
    return ok ? given : std::random_device{}();
}

int killsFromEnvironment()
{
    bool ok = false;
    const int given = qEnvironmentVariableIntValue("PATHWAY_CRASH_KILLS", &ok);
    return ok && given > 0 ? given : 100;
}

} // namespace

TEST_CASE("A writer killed at random points loses no acknowledged write and leaves none in part")
{
    const quint64 seed = seedFromEnvironment();
    const int kills = killsFromEnvironment();
    std::cerr << "CrashSafetyTest: " << kills << " kills, PATHWAY_CRASH_SEED=" << seed << "\n";
    INFO("replay with PATHWAY_CRASH_SEED=" << seed);
    std::mt19937_64 random(seed);

    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("crash.sqlite"));
    Model model;
    bool hasAdmin = false;
    int beforeOpen = 0, inCheckpoint = 0, checkpoints = 0, acknowledged = 0, cliChecks = 0;

    for (int kill = 0; kill < kills; ++kill) {
        INFO("kill " << kill);
        // A new file every ten kills, so that kills also land while one is
        // made: by the writer itself, or by init first (then it has an
        // administrator, and pathway-cli check can sign in).
        if (kill % 10 == 0) {
            for (const char *suffix : {"", "-wal", "-shm"})
                QFile::remove(path + QLatin1String(suffix));
            model = {};
            hasAdmin = (kill / 10) % 2 == 1;
            if (hasAdmin) {
                const clitest::Run made =
                    clitest::cli({QStringLiteral("init"), QStringLiteral("--db"), path});
                INFO(made.err.toStdString());
                REQUIRE(made.status == 0);
            }
        }
        const quint64 writerSeed = random() % 1000000000;
        const int checkpointPages = random() % 2 ? 1000 : 4 + int(random() % 12);
        // A quarter early (opening, making the schema, the first writes), a
        // half within the first 400 ms, a quarter later.
        const int band = int(random() % 4);
        const int delayMs = band == 0   ? int(random() % 40)
                            : band == 3 ? 400 + int(random() % 800)
                                        : 40 + int(random() % 360);
        INFO("writer seed " << writerSeed << ", checkpoint after " << checkpointPages
                            << " pages, killed after " << delayMs << " ms");

        QProcess writer;
        writer.setProgram(QStringLiteral(PATHWAY_CRASH_WRITER));
        writer.setArguments({path, QString::number(writerSeed), QString::number(checkpointPages)});
        writer.start();
        REQUIRE(writer.waitForStarted());
        QByteArray output;
        QElapsedTimer timer;
        timer.start();
        while (timer.elapsed() < delayMs && writer.state() == QProcess::Running) {
            writer.waitForReadyRead(int(qMax<qint64>(1, delayMs - timer.elapsed())));
            output += writer.readAllStandardOutput();
        }
        INFO("writer's errors: " << writer.readAllStandardError().toStdString());
        REQUIRE(writer.state() == QProcess::Running); // it writes until killed
        writer.kill();                                // SIGKILL
        REQUIRE(writer.waitForFinished());
        CHECK(writer.exitStatus() == QProcess::CrashExit);
        output += writer.readAllStandardOutput();

        const Round round = parse(output);
        beforeOpen += round.opened ? 0 : 1;
        inCheckpoint += round.inCheckpoint ? 1 : 0;
        checkpoints += int(round.lines.filter(QStringLiteral("checkpoint-end")).size());
        for (const QString &line : round.lines)
            acknowledged += line.startsWith(QLatin1String("begin")) ||
                                    line.startsWith(QLatin1String("checkpoint")) ||
                                    line == QLatin1String("open")
                                ? 0
                                : 1;
        const bool hasSchema = verify(path, model, round);

        // Pathway opens it as it would any day, and finds nothing wrong.
        if (hasSchema) {
            auto db = Database::open(path);
            INFO((db ? QString() : db.error().message).toStdString());
            REQUIRE(db.ok());
            auto problems = db.value()->check();
            REQUIRE(problems.ok());
            CHECK(problems.value().isEmpty());
        }
        // pathway-cli check (it signs in, which costs a password hash, so
        // not after every kill).
        if (hasAdmin && kill % 5 == 4) {
            const clitest::Run checked = clitest::as(
                QStringLiteral("admin"), {QStringLiteral("check"), QStringLiteral("--db"), path});
            INFO(checked.err.toStdString());
            CHECK(checked.status == 0);
            CHECK(checked.out.trimmed() == path + QStringLiteral(": ok"));
            ++cliChecks;
        }
    }
    std::cerr << "CrashSafetyTest: " << acknowledged << " acknowledged writes checked, "
              << beforeOpen << " kills before the database was open, " << inCheckpoint
              << " inside a checkpoint (of " << checkpoints << " checkpoints), " << cliChecks
              << " runs of pathway-cli check\n";
    // The test only proves something if kills land in each place.
    CHECK(acknowledged > kills);
    if (kills >= 100) {
        CHECK(beforeOpen > 0);
        CHECK(inCheckpoint > 0);
    }
}
