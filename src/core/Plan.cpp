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
           priority == o.priority && repeatEveryWeeks == o.repeatEveryWeeks &&
           dueDate == o.dueDate && status == o.status && statusNote == o.statusNote &&
           completedOn == o.completedOn;
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
        json repeat = nullptr;
        if (s.repeatEveryWeeks > 0) {
            const QVector<QDate> days = occurrences(s, plan.startDate);
            repeat = {
                {"every_weeks", s.repeatEveryWeeks},
                {"first", ss(days.isEmpty() ? QString() : days.first().toString(Qt::ISODate))},
                {"last", ss(days.isEmpty() ? QString() : days.last().toString(Qt::ISODate))},
                {"times", days.size()}};
        }
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
            {"based_on", ss(describeSources(s))},
            {"start_week", s.startWeek},
            {"end_week", s.endWeek},
            {"priority", s.priority},
            {"due_date", ss(s.dueDate.toString(Qt::ISODate))},
            {"repeat", repeat},
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
        const auto iso = [](const QDate &d) { return d.toString(Qt::ISODate); };
        const QString when = s.repeatEveryWeeks > 0 ? recurrenceText(s, plan.startDate, iso)
                                                    : QObject::tr("by %1").arg(iso(s.dueDate));
        out += QStringLiteral("\n%1. %2  [%3, %4]\n")
                   .arg(++number)
                   .arg(s.title, toLabel(s.category), when);
        out += QStringLiteral("   %1\n").arg(s.description);
        out += QObject::tr("   Why: %1\n").arg(s.reason);
        out += QObject::tr("   Who helps: %1\n").arg(s.whoHelps);
        out += QObject::tr("   Based on: %1\n").arg(describeSources(s));
    }
    return out;
}

QDate stepStart(const PlanStep &step, const QDate &planStart)
{
    return planStart.addDays(7 * qint64(step.startWeek));
}

QVector<QDate> occurrences(const PlanStep &step, const QDate &planStart)
{
    if (!step.dueDate.isValid())
        return {};
    if (step.repeatEveryWeeks <= 0 || !planStart.isValid())
        return {step.dueDate};
    QVector<QDate> out;
    const qint64 every = 7 * qint64(step.repeatEveryWeeks);
    for (QDate day = stepStart(step, planStart); day <= step.dueDate; day = day.addDays(every))
        out.append(day);
    if (out.isEmpty())
        out.append(step.dueDate); // moved before its start by hand: once, on the due date
    return out;
}

QString repeatText(int everyWeeks)
{
    if (everyWeeks <= 0)
        return {};
    return everyWeeks == 1 ? QObject::tr("every week")
                           : QObject::tr("every %1 weeks").arg(everyWeeks);
}

QString recurrenceText(const PlanStep &step, const QDate &planStart,
                       const std::function<QString(const QDate &)> &date)
{
    if (step.repeatEveryWeeks <= 0)
        return {};
    const QVector<QDate> days = occurrences(step, planStart);
    if (days.isEmpty())
        return {};
    const QString every = repeatText(step.repeatEveryWeeks);
    if (days.size() == 1)
        return QObject::tr("%1, on %2").arg(every, date(days.first()));
    return QObject::tr("%1, from %2 to %3").arg(every, date(days.first()), date(days.last()));
}

QString describeSource(const QString &reference)
{
    const qsizetype hash = reference.lastIndexOf(QLatin1Char('#'));
    const QString file = hash < 0 ? reference : reference.left(hash);
    bool numbered = false;
    const int item = hash < 0 ? 0 : reference.mid(hash + 1).toInt(&numbered);
    for (const SourceText &text : sourceTexts()) {
        if (file != QLatin1String(text.file))
            continue;
        const QString letter = QString::fromLatin1(text.letter);
        if (!numbered || item < 1 || item > int(text.itemTitles.size()))
            return QObject::tr("Source text %1").arg(letter);
        return QObject::tr("Source text %1, item %2: %3")
            .arg(letter)
            .arg(item)
            .arg(QObject::tr(text.itemTitles[size_t(item - 1)]));
    }
    return reference;
}

QString describeSources(const PlanStep &step)
{
    if (step.sources.isEmpty())
        return step.strategyId.isEmpty() ? QObject::tr("Added by the counselor")
                                         : QObject::tr("Agency practice");
    QStringList out;
    out.reserve(step.sources.size());
    for (const QString &s : step.sources)
        out << describeSource(s);
    return out.join(QStringLiteral("; "));
}

} // namespace pathway
