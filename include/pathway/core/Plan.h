#pragma once

#include "pathway/core/Codes.h"
#include "pathway/core/RuleBase.h"

#include <QDate>
#include <QString>
#include <QStringList>
#include <QVector>

#include <nlohmann/json_fwd.hpp>

#include <functional>

namespace pathway {

enum class StepStatus
{
    Planned,
    InProgress,
    Done,
    Dropped
};

PATHWAY_DECLARE_CODES(StepStatus)

// One step of a career plan: what to do, why, by when, who helps.
struct PlanStep
{
    QString strategyId;           // the winning strategy; empty for a counselor's own step
    QStringList mergedStrategies; // every strategy merged into this step, winner first
    Category category = Category::Counseling;
    Phase phase = Phase::Build;
    QString title;
    QString description;
    QString whoHelps;
    QString reason;            // client-facing: the profile facts that chose this step
    QString rationale;         // counselor-facing, placeholders filled in
    QString rationaleTemplate; // as in the rule file; what storage keeps
    QStringList sources;
    int startWeek = 0;
    int endWeek = 0;
    int priority = 0;
    // 0: done once, by dueDate. N: done every N weeks, from the plan's start
    // + startWeek weeks up to and including dueDate (see occurrences()).
    int repeatEveryWeeks = 0;
    QDate dueDate;
    StepStatus status = StepStatus::Planned;
    QString statusNote; // e.g. why a step was dropped
    QDate completedOn;

    bool operator==(const PlanStep &o) const;
};

// A personalized career plan, as proposed by the engine or as stored.
struct Plan
{
    qint64 id = 0;       // 0 until stored
    qint64 clientId = 0; // 0 for a plan made from a profile file
    int version = 0;     // 1, 2, ... per client once stored
    QString rulesVersion;
    IncomeBracket incomeBracket = IncomeBracket::Middle;
    bool longTermUnemployed = false;
    QDate startDate;
    QVector<PlanStep> steps;

    bool operator==(const Plan &o) const;
};

// The plan object of `pathway-cli plan --format json`.
nlohmann::json planToJson(const Plan &plan);
// A readable text version for the terminal.
QString planToText(const Plan &plan, const QString &clientName);

// The day work on `step` starts: the plan's start + the step's start week.
QDate stepStart(const PlanStep &step, const QDate &planStart);
// The days a step falls on. A recurring step: every repeatEveryWeeks weeks
// from stepStart() up to and including its due date (the due date alone when
// it is before the start). A one-off step: its due date. Empty when the due
// date is not valid.
QVector<QDate> occurrences(const PlanStep &step, const QDate &planStart);
// "every 2 weeks" ("every week" for 1), empty for 0: how often a step recurs.
QString repeatText(int everyWeeks);
// "every 2 weeks, from FIRST to LAST" for a recurring step (dates written by
// `date`), empty for a one-off step.
QString recurrenceText(const PlanStep &step, const QDate &planStart,
                       const std::function<QString(const QDate &)> &date);

// Where a step comes from, in words that do not imply the client belongs to
// the group a source text is written about. One source reference
// ("000_2707ea5af00242ce.txt#3"): "Source text A, item 3: Provide job
// training and education"; the reference itself when it is unknown.
QString describeSource(const QString &reference);
// All of a step's sources joined with "; "; "Agency practice" for a house
// rule (a strategy without sources); "Added by the counselor" for a step
// that comes from no strategy. Used by the Plan tab, the printed plan and
// `plan --format text`.
QString describeSources(const PlanStep &step);

} // namespace pathway
