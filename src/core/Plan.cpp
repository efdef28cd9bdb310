#include "pathway/core/Plan.h"

#include <QObject>

#include <nlohmann/json.hpp>

namespace pathway {

namespace {
const CodeEntry<StepStatus> kStepStatus[] = {
    {StepStatus::Planned, "planned", "Planned"},
    {StepStatus::InProgress, "in_progress", "In progress"},
    {StepStatus::Done, "done", "Done"},
    {StepStatus::Dropped, "dropped", "Dropped"},
};

std::string ss(const QString &s)
{
    return s.toStdString();
}
} // namespace

PATHWAY_DEFINE_CODES(StepStatus, kStepStatus)

bool PlanStep::operator==(const PlanStep &o) const
{
    return strategyId == o.strategyId && mergedStrategies == o.mergedStrategies &&
           category == o.category && phase == o.phase && title == o.title &&
           description == o.description && whoHelps == o.whoHelps && reason == o.reason &&
           rationale == o.rationale && rationaleTemplate == o.rationaleTemplate &&
           sources == o.sources && startWeek == o.startWeek && endWeek == o.endWeek &&
           priority == o.priority && dueDate == o.dueDate && status == o.status &&
           statusNote == o.statusNote && completedOn == o.completedOn;
}

bool Plan::operator==(const Plan &o) const
{
    return id == o.id && clientId == o.clientId && version == o.version &&
           rulesVersion == o.rulesVersion && incomeBracket == o.incomeBracket &&
           longTermUnemployed == o.longTermUnemployed && startDate == o.startDate &&
           steps == o.steps;
}

nlohmann::json planToJson(const Plan &plan)
{
    using nlohmann::json;
    json steps = json::array();
    for (const PlanStep &s : plan.steps) {
        json sources = json::array();
        for (const QString &src : s.sources)
            sources.push_back(ss(src));
        steps.push_back({
            {"strategy", ss(s.strategyId)},
            {"category", codeOf(s.category)},
            {"phase", codeOf(s.phase)},
            {"title", ss(s.title)},
            {"description", ss(s.description)},
            {"who_helps", ss(s.whoHelps)},
            {"reason", ss(s.reason)},
            {"rationale", ss(s.rationale)},
            {"sources", std::move(sources)},
            {"start_week", s.startWeek},
            {"end_week", s.endWeek},
            {"priority", s.priority},
            {"due_date", ss(s.dueDate.toString(Qt::ISODate))},
            {"status", codeOf(s.status)},
        });
    }
    json out = {
        {"rules_version", ss(plan.rulesVersion)},
        {"income_bracket", codeOf(plan.incomeBracket)},
        {"long_term_unemployed", plan.longTermUnemployed},
        {"start_date", ss(plan.startDate.toString(Qt::ISODate))},
        {"steps", std::move(steps)},
    };
    if (plan.clientId != 0) {
        out["client_id"] = plan.clientId;
        out["version"] = plan.version;
    }
    return out;
}

QString planToText(const Plan &plan, const QString &clientName)
{
    QString out;
    out += QObject::tr("Career plan for %1, starting %2 (rules %3)\n")
               .arg(clientName, plan.startDate.toString(Qt::ISODate), plan.rulesVersion);
    out += QObject::tr("Income bracket: %1%2\n")
               .arg(toLabel(plan.incomeBracket).toLower(),
                    plan.longTermUnemployed ? QObject::tr("; long-term unemployed") : QString());
    int number = 0;
    Phase phase = Phase::Stabilise;
    bool first = true;
    for (const PlanStep &s : plan.steps) {
        if (first || s.phase != phase) {
            out += QStringLiteral("\n== %1 ==\n").arg(toLabel(s.phase));
            phase = s.phase;
            first = false;
        }
        out += QStringLiteral("\n%1. %2  [%3, by %4]\n")
                   .arg(++number)
                   .arg(s.title, toLabel(s.category), s.dueDate.toString(Qt::ISODate));
        out += QStringLiteral("   %1\n").arg(s.description);
        out += QObject::tr("   Why: %1\n").arg(s.reason);
        out += QObject::tr("   Who helps: %1\n").arg(s.whoHelps);
        out += QObject::tr("   Source: %1\n")
                   .arg(s.sources.isEmpty() ? QObject::tr("house rule (%1)").arg(s.strategyId)
                                            : s.sources.join(QStringLiteral(", ")));
    }
    return out;
}

} // namespace pathway
