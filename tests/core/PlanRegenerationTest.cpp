#include "TestSupport.h"

#include "pathway/core/IncomeThresholds.h"
#include "pathway/core/RuleBase.h"
#include "pathway/core/StrategyEngine.h"
#include "pathway/core/PlanRegeneration.h"

#include <catch2/catch.hpp>

using namespace pathway;

namespace {
const PlanStep *find(const QVector<PlanStep> &steps, const QString &strategy)
{
    for (const PlanStep &s : steps) {
        if (s.strategyId == strategy)
            return &s;
    }
    return nullptr;
}
} // namespace

TEST_CASE("Regenerating lists added, removed and kept steps and keeps the counselor's work")
{
    const StrategyEngine engine(RuleBase::builtIn(), IncomeThresholds::builtIn());
    const Client before = test::sampleClient(); // long-term unemployed, stigma and finances
    Plan current = engine.propose(before, QDate(2026, 6, 1));
    REQUIRE(current.steps.size() >= 3);
    current.steps[0].status = StepStatus::Done;
    current.steps[0].completedOn = QDate(2026, 6, 10);
    current.steps[0].title = QStringLiteral("Zoë's own wording");
    current.steps[0].dueDate = QDate(2026, 6, 30);
    PlanStep own;
    own.title = QStringLiteral("Visit the job fair");
    current.steps.append(own);

    Client after = before;
    after.barriers = {{BarrierCode::Stigma, 3, QStringLiteral("Avoids telling friends")}};
    after.employmentStatus = EmploymentStatus::EmployedPartTime;
    after.weeksUnemployed = 0;
    const planning::Regeneration r =
        planning::regenerate(current, after, engine, QDate(2026, 11, 23));

    const Plan fresh = engine.propose(after, QDate(2026, 6, 1));
    CHECK(r.next.startDate == QDate(2026, 6, 1)); // the plan's own start, not today
    CHECK(r.next.steps.size() == fresh.steps.size() + 1);
    CHECK(r.next.steps.last().title == QStringLiteral("Visit the job fair"));
    CHECK(r.added.size() + r.kept.size() == r.next.steps.size());
    CHECK(r.kept.size() - 1 + r.removed.size() == current.steps.size() - 1);
    for (const PlanStep &s : r.added)
        CHECK(find(current.steps, s.strategyId) == nullptr);
    for (const PlanStep &s : r.removed)
        CHECK(find(fresh.steps, s.strategyId) == nullptr);
    REQUIRE_FALSE(r.removed.isEmpty()); // no longer unemployed: some steps go

    // The first step answers the stigma, which the client still names.
    const PlanStep *kept = find(r.next.steps, current.steps[0].strategyId);
    REQUIRE(kept);
    CHECK(kept->status == StepStatus::Done);
    CHECK(kept->completedOn == QDate(2026, 6, 10));
    CHECK(kept->title == QStringLiteral("Zoë's own wording"));
    CHECK(kept->dueDate == QDate(2026, 6, 30));

    // Nothing changed in the profile: everything is kept, nothing added or removed.
    const planning::Regeneration same =
        planning::regenerate(current, before, engine, QDate(2026, 11, 23));
    CHECK(same.added.isEmpty());
    CHECK(same.removed.isEmpty());
    CHECK(same.next.steps == current.steps);
}
