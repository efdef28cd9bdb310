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

#include <QSet>
#include <QTemporaryDir>

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
