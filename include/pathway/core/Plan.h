#pragma once

#include "pathway/core/Codes.h"
#include "pathway/core/RuleBase.h"

#include <QDate>
#include <QString>
#include <QStringList>
#include <QVector>

#include <nlohmann/json_fwd.hpp>

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

} // namespace pathway
