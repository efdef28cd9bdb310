#pragma once

#include "pathway/core/Codes.h"
#include "pathway/core/Result.h"

#include <QString>
#include <QStringList>

#include <cstdint>
#include <vector>

namespace pathway {

enum class Category
{
    Counseling,
    Training,
    Mentoring,
    Networking,
    FinancialAid,
    FlexibleWork,
    Entrepreneurship,
    JobPlacement,
    CareerResources,
    Advocacy,
};

// The order in which a plan's steps are taken.
enum class Phase
{
    Stabilise,
    Build,
    Connect,
    Advance
};

PATHWAY_DECLARE_CODES(Category)
PATHWAY_DECLARE_CODES(Phase)

// A compiled condition over a profile. Code lists are bit masks indexed by
// the enum value, so evaluating a rule is a handful of integer tests.
struct Condition
{
    enum class Kind
    {
        Always,
        All,
        Any,
        Not,
        IncomeBracket,
        LongTermUnemployed,
        WeeksUnemployed,
        EmploymentStatus,
        Independence,
        Barrier,
        Goal,
    };
    Kind kind = Kind::Always;
    std::vector<Condition> children; // All, Any, Not (one child)
    std::uint32_t mask = 0;          // IncomeBracket, EmploymentStatus, Independence, Goal
    bool flag = true;                // LongTermUnemployed
    int min = 0;                     // WeeksUnemployed
    int max = 1 << 30;               // WeeksUnemployed
    BarrierCode barrier = BarrierCode::Stigma;
    int minSeverity = 1;
};

struct PriorityAdjustment
{
    Condition when;
    int delta = 0;
};

// One strategy of the rule base (docs/strategy-rules.md).
struct Strategy
{
    QString id;
    Category category = Category::Counseling;
    Phase phase = Phase::Build;
    int priority = 50;
    std::vector<PriorityAdjustment> adjust;
    QString merge; // empty: merges with nothing
    Condition when;
    int startWeek = 0;
    int endWeek = 0;
    int repeatEveryWeeks = 0; // "repeat": {"every_weeks": n}; 0 = done once
    QString title;
    QString description;
    QString whoHelps;
    QString rationale;
    QStringList sources; // "<file>#<item>"
    QString basis;
};

// The source texts a strategy may cite, with their numbered items.
struct SourceText
{
    const char *file;
    int items;
    const char *population;               // whom the text is written about
    const char *letter;                   // how plans name the text: "Source text A"
    std::vector<const char *> itemTitles; // the heading of item n at [n - 1], as written
};
const std::vector<SourceText> &sourceTexts();

// A validated rule file. It never half-loads: any problem rejects the whole
// file, and the error lists every problem by strategy id and field.
class RuleBase
{
public:
    static Result<RuleBase> fromJson(const QByteArray &text, const QString &origin);
    static Result<RuleBase> fromFile(const QString &path);
    // The rules compiled into the program (resources/strategies.json).
    static const RuleBase &builtIn();
    // The rules in use: `path` if given, else $PATHWAY_RULES, else the
    // "agency/rulesFile" setting, else builtIn().
    static Result<RuleBase> forAgency(const QString &path = QString());
    // forAgency() for the app, which must start whatever the agency's file
    // holds: when that file cannot be used, builtIn() with fallbackReason()
    // saying which file and why (shown at start and in every window).
    static RuleBase forAgencyOrBuiltIn(const QString &path = QString());

    const QString &version() const { return m_version; }
    const QString &origin() const { return m_origin; }
    const std::vector<Strategy> &strategies() const { return m_strategies; }
    const Strategy *find(const QString &id) const;
    // Empty for rules loaded as asked; else why the built-in rules stand in
    // for the agency's file (forAgencyOrBuiltIn).
    const QString &fallbackReason() const { return m_fallbackReason; }

private:
    QString m_version;
    QString m_fallbackReason;
    QString m_origin;
    std::vector<Strategy> m_strategies;
};

} // namespace pathway
