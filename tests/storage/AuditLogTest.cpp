#include "StorageSupport.h"
#include "TestSupport.h"

#include "pathway/core/IncomeThresholds.h"
#include "pathway/core/RuleBase.h"
#include "pathway/core/StrategyEngine.h"
#include "pathway/storage/AuditLog.h"
#include "pathway/storage/ClientRepository.h"
#include "pathway/storage/Database.h"
#include "pathway/storage/IntakeService.h"
#include "pathway/storage/NoteRepository.h"
#include "pathway/storage/PlanRepository.h"
#include "pathway/storage/PrintablePlan.h"
#include "pathway/storage/Supervision.h"

#include <QCryptographicHash>
#include <QSet>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>

#include <atomic>
#include <thread>

#include <catch2/catch.hpp>

using namespace pathway;

namespace {

// Two clients taken in (each with plan version 1), a note on each, as the system.
struct History
{
    QTemporaryDir dir;
    std::unique_ptr<Database> db;
    StrategyEngine engine{RuleBase::builtIn(), IncomeThresholds::builtIn()};
    qint64 zoe = 0;
    qint64 other = 0;
    qint64 zoeNote = 0;
    qint64 zoePlan = 0;

    History()
    {
        auto opened = test::openAsSystem(dir.filePath(QStringLiteral("audit.sqlite")));
        REQUIRE(opened.ok());
        db = std::move(opened).value();
        zoe = intake::complete(*db, engine, test::sampleClient(), test::today()).value();
        Client b = test::sampleClient();
        b.firstName = QStringLiteral("Bo");
        b.email = QStringLiteral("bo@example.org");
        other = intake::complete(*db, engine, b, test::today()).value();
        CaseNote note{0, zoe, QStringLiteral("agarcia"), QStringLiteral("Called."), {}};
        REQUIRE(NoteRepository(*db).add(note).ok());
        zoeNote = note.id;
        CaseNote otherNote{0, other, QStringLiteral("agarcia"), QStringLiteral("Met."), {}};
        REQUIRE(NoteRepository(*db).add(otherNote).ok());
        auto plan = PlanRepository(*db).current(zoe);
        REQUIRE(plan.ok());
        REQUIRE(plan->has_value());
        zoePlan = (*plan)->id;
    }

    QVector<AuditEntry> list(const AuditFilter &filter)
    {
        auto entries = audit::list(*db, filter);
        REQUIRE(entries.ok());
        return entries.value();
    }
};

} // namespace

TEST_CASE("Filtering the audit trail by a client finds its notes, plans and reviews too")
{
    History h;
    REQUIRE(PlanRepository(*h.db).setAccepted(h.zoePlan, true).ok());
    REQUIRE(supervision::returnPlan(*h.db, h.zoePlan, QStringLiteral("Add a step.")).ok());
    REQUIRE(ClientRepository(*h.db, IncomeThresholds::builtIn()).get(h.zoe).ok()); // a view

    AuditFilter byClient;
    byClient.clientId = h.zoe;
    const QVector<AuditEntry> entries = h.list(byClient);
    QSet<QString> kinds;
    for (const AuditEntry &e : entries) {
        INFO(e.entity.toStdString() << " " << e.recordId << " " << e.detail.toStdString());
        CHECK(e.clientId == h.zoe);
        kinds.insert(e.entity + QLatin1Char(':') + auditActionCode(e.action));
    }
    CHECK(kinds.contains(QStringLiteral("client:create")));
    CHECK(kinds.contains(QStringLiteral("client:view")));
    CHECK(kinds.contains(QStringLiteral("note:create")));
    CHECK(kinds.contains(QStringLiteral("plan:review")));
    // Nothing about the other client.
    for (const AuditEntry &e : entries)
        CHECK_FALSE((e.entity == QStringLiteral("note") && e.recordId != h.zoeNote));

    // The record filter alone still means one record of one kind.
    AuditFilter byRecord;
    byRecord.entity = QStringLiteral("note");
    byRecord.recordId = h.zoeNote;
    const QVector<AuditEntry> note = h.list(byRecord);
    REQUIRE(note.size() == 1);
    CHECK(note.first().clientId == h.zoe);

    // Every entry names the client it is about, when there is one.
    AuditFilter everything;
    for (const AuditEntry &e : h.list(everything)) {
        if (e.entity == QStringLiteral("client") && e.recordId > 0)
            CHECK(e.clientId == e.recordId);
        if (e.entity == QStringLiteral("session") || e.entity == QStringLiteral("user"))
            CHECK(e.clientId == 0);
    }
}

TEST_CASE("A print preview, a printout and a PDF are recorded as what they are")
{
    History h;
    const struct
    {
        PrintUse use;
        AuditAction action;
        QString detail;
    } uses[] = {
        {PrintUse::Preview, AuditAction::PrintPreview, QStringLiteral("plan version 1")},
        {PrintUse::Paper, AuditAction::Print, QStringLiteral("plan version 1")},
        {PrintUse::Pdf, AuditAction::Export, QStringLiteral("PDF, plan version 1")},
    };
    for (const auto &u : uses) {
        REQUIRE(printablePlan(*h.db, h.engine, h.zoe, test::today(), u.use).ok());
        AuditFilter newest;
        newest.limit = 1;
        const QVector<AuditEntry> last = h.list(newest);
        REQUIRE(last.size() == 1);
        CHECK(last.first().action == u.action);
        CHECK(last.first().entity == QStringLiteral("client"));
        CHECK(last.first().recordId == h.zoe);
        CHECK(last.first().detail == u.detail);
    }
    // Each is its own action, with its own words.
    CHECK(auditActionLabel(AuditAction::PrintPreview) != auditActionLabel(AuditAction::Print));
    CHECK(auditActionFromCode(auditActionCode(AuditAction::PrintPreview)) ==
          AuditAction::PrintPreview);
}

// --- The hash chain and check ------------------------------------------------

namespace {

// Runs SQL on the file behind Pathway's back, as someone with write access
// to it could (the sqlite3 shell).
void tamper(Database &db, const QString &sql)
{
    QSqlQuery q(db.connection());
    INFO(sql.toStdString());
    INFO(q.lastError().text().toStdString());
    REQUIRE(q.exec(sql));
}

QStringList checkProblems(Database &db)
{
    auto problems = db.check();
    REQUIRE(problems.ok());
    return problems.value();
}

QString joined(const QStringList &problems)
{
    return problems.join(QStringLiteral("\n"));
}

qint64 entryCount(Database &db)
{
    QSqlQuery q(db.connection());
    REQUIRE(q.exec(QStringLiteral("SELECT count(*), min(id), max(id) FROM audit_log")));
    REQUIRE(q.next());
    // Ids run 1, 2, 3... without a gap.
    CHECK(q.value(1).toLongLong() == 1);
    CHECK(q.value(2).toLongLong() == q.value(0).toLongLong());
    return q.value(0).toLongLong();
}

// The stored time of entry `id` as check names it.
QString timeOf(Database &db, qint64 id)
{
    QSqlQuery q(db.connection());
    REQUIRE(q.exec(QStringLiteral("SELECT at FROM audit_log WHERE id = %1").arg(id)));
    REQUIRE(q.next());
    return QDateTime::fromString(q.value(0).toString(), Qt::ISODateWithMs)
        .toUTC()
        .toString(QStringLiteral("yyyy-MM-dd HH:mm:ss 'UTC'"));
}

} // namespace

TEST_CASE("An intact audit trail passes check, and each hash follows the documented encoding")
{
    History h;
    REQUIRE(entryCount(*h.db) >= 4);
    CHECK(checkProblems(*h.db).isEmpty());

    // Entry 1 and 2 by hand: SHA-256 of length:bytes, fields, previous hash first.
    QSqlQuery q(h.db->connection());
    REQUIRE(q.exec(QStringLiteral("SELECT id, at, user_id, username, action, entity, record_id, "
                                  "detail, hash FROM audit_log WHERE id <= 2 ORDER BY id")));
    QByteArray previous;
    while (q.next()) {
        QByteArray encoded;
        auto field = [&encoded](const QByteArray &bytes) {
            encoded += QByteArray::number(bytes.size()) + ':' + bytes + ',';
        };
        field(previous);
        for (int column = 0; column < 8; ++column)
            field(q.value(column).isNull() ? QByteArray() : q.value(column).toString().toUtf8());
        const QByteArray expected =
            QCryptographicHash::hash(encoded, QCryptographicHash::Sha256).toHex();
        CHECK(q.value(8).toByteArray() == expected);
        previous = expected;
    }
    CHECK(!previous.isEmpty());
}

TEST_CASE("check fails when a trigger of the audit trail is dropped or changed")
{
    History h;
    SECTION("the trigger that refuses DELETE is dropped")
    {
        tamper(*h.db, QStringLiteral("DROP TRIGGER audit_log_no_delete"));
        const QString problems = joined(checkProblems(*h.db));
        CHECK(problems.contains(QStringLiteral("audit_log_no_delete is missing")));
        CHECK(problems.contains(QStringLiteral("backup")));
    }
    SECTION("the trigger that refuses UPDATE is dropped")
    {
        tamper(*h.db, QStringLiteral("DROP TRIGGER audit_log_no_update"));
        CHECK(joined(checkProblems(*h.db))
                  .contains(QStringLiteral("audit_log_no_update is missing")));
    }
    SECTION("a trigger is replaced by one that lets everything through")
    {
        tamper(*h.db, QStringLiteral("DROP TRIGGER audit_log_no_update"));
        tamper(*h.db, QStringLiteral("CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON "
                                     "audit_log WHEN 0 BEGIN SELECT RAISE(ABORT, 'the audit log "
                                     "is append-only'); END"));
        CHECK(joined(checkProblems(*h.db))
                  .contains(QStringLiteral("audit_log_no_update was changed")));
    }
}

TEST_CASE("check names the entry changed behind the dropped triggers")
{
    History h;
    const qint64 entries = entryCount(*h.db);
    REQUIRE(entries >= 4);
    tamper(*h.db, QStringLiteral("DROP TRIGGER audit_log_no_update"));
    tamper(*h.db, QStringLiteral("DROP TRIGGER audit_log_no_delete"));

    SECTION("an entry's detail is edited")
    {
        tamper(*h.db, QStringLiteral("UPDATE audit_log SET username = 'someone' WHERE id = 3"));
    }
    SECTION("an entry is edited and its hash replaced")
    {
        tamper(*h.db, QStringLiteral("UPDATE audit_log SET username = 'someone', hash = "
                                     "'0000' WHERE id = 3"));
    }
    tamper(*h.db, audit::noUpdateTrigger());
    tamper(*h.db, audit::noDeleteTrigger());
    const QStringList problems = checkProblems(*h.db);
    REQUIRE(problems.size() == 1);
    INFO(problems.first().toStdString());
    CHECK(problems.first().contains(
        QStringLiteral("audit trail entry 3 of %1 was changed").arg(timeOf(*h.db, 3))));
    CHECK(problems.first().contains(QStringLiteral("restore the file from a backup")));
}

TEST_CASE("check finds a removed entry in the middle of the audit trail and at its end")
{
    History h;
    const qint64 entries = entryCount(*h.db);
    REQUIRE(entries >= 4);
    tamper(*h.db, QStringLiteral("DROP TRIGGER audit_log_no_delete"));
    SECTION("one in the middle")
    {
        const QString before = timeOf(*h.db, 1);
        tamper(*h.db, QStringLiteral("DELETE FROM audit_log WHERE id = 2"));
        tamper(*h.db, audit::noDeleteTrigger());
        const QStringList problems = checkProblems(*h.db);
        REQUIRE(problems.size() == 1);
        INFO(problems.first().toStdString());
        CHECK(problems.first().contains(
            QStringLiteral("audit trail entry 2 is missing (removed after it was written; it "
                           "followed entry 1 of %1)")
                .arg(before)));
    }
    SECTION("the newest")
    {
        const QString before = timeOf(*h.db, entries - 1);
        tamper(*h.db, QStringLiteral("DELETE FROM audit_log WHERE id = %1").arg(entries));
        tamper(*h.db, audit::noDeleteTrigger());
        const QStringList problems = checkProblems(*h.db);
        REQUIRE(problems.size() == 1);
        INFO(problems.first().toStdString());
        CHECK(problems.first().contains(
            QStringLiteral("the newest audit trail entry, %1, is missing (removed after it was "
                           "written; the trail now ends at entry %2 of %3)")
                .arg(entries)
                .arg(entries - 1)
                .arg(before)));

        // Pathway appending after the removal leaves the gap for check to find.
        REQUIRE(audit::record(*h.db, AuditAction::View, QStringLiteral("client"), h.zoe).ok());
        CHECK(joined(checkProblems(*h.db))
                  .contains(QStringLiteral("entry %1 is missing").arg(entries)));
    }
    SECTION("the first")
    {
        tamper(*h.db, QStringLiteral("DELETE FROM audit_log WHERE id = 1"));
        tamper(*h.db, audit::noDeleteTrigger());
        CHECK(joined(checkProblems(*h.db))
                  .contains(QStringLiteral("audit trail entry 1 is missing (removed after it "
                                           "was written; the trail now starts at entry 2")));
    }
}

TEST_CASE("An audit trail from before the hash chain is hashed when the file is upgraded")
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("old.sqlite"));
    {
        Database::Options options = test::creating();
        options.targetVersion = 7;
        auto old = test::openAsSystem(path, options);
        REQUIRE(old.ok());
        REQUIRE(old.value()->schemaVersion() == 7);
        for (int i = 1; i <= 3; ++i)
            tamper(*old.value(),
                   QStringLiteral("INSERT INTO audit_log (at, user_id, username, action, entity, "
                                  "record_id, detail) VALUES ('2026-01-0%1T10:00:00.000Z', %2, "
                                  "'agarcia', 'view', 'client', 7, '')")
                       .arg(i)
                       .arg(i == 2 ? QStringLiteral("NULL") : QStringLiteral("4")));
    }
    auto db = test::openAsSystem(path);
    REQUIRE(db.ok());
    REQUIRE(db.value()->schemaVersion() >= 8);
    CHECK(entryCount(*db.value()) == 3);
    CHECK(checkProblems(*db.value()).isEmpty());
    // The trail goes on from the hashed entries, and is append-only again.
    REQUIRE(audit::record(*db.value(), AuditAction::View, QStringLiteral("client"), 7).ok());
    CHECK(entryCount(*db.value()) == 4);
    CHECK(checkProblems(*db.value()).isEmpty());
    QSqlQuery q(db.value()->connection());
    CHECK_FALSE(q.exec(QStringLiteral("UPDATE audit_log SET detail = 'x' WHERE id = 1")));
    CHECK_FALSE(q.exec(QStringLiteral("DELETE FROM audit_log WHERE id = 1")));
}

TEST_CASE("Two connections appending at once keep one chain")
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("two.sqlite"));
    REQUIRE(test::openAsSystem(path).ok()); // made once, then opened by both
    constexpr int kEach = 150;
    std::atomic<int> failures{0};
    auto append = [&](const QString &who) {
        auto db = test::openAsSystem(path, Database::Options{});
        if (!db) {
            ++failures;
            return;
        }
        for (int i = 0; i < kEach; ++i) {
            if (!audit::recordFor(*db.value(), 0, who, AuditAction::View, QStringLiteral("client"),
                                  i + 1))
                ++failures;
        }
    };
    std::thread first(append, QStringLiteral("first"));
    std::thread second(append, QStringLiteral("second"));
    first.join();
    second.join();
    CHECK(failures == 0);
    auto db = test::openAsSystem(path);
    REQUIRE(db.ok());
    CHECK(entryCount(*db.value()) == 2 * kEach);
    CHECK(checkProblems(*db.value()).isEmpty());
}
