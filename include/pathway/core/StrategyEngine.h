#pragma once

#include "pathway/core/Client.h"
#include "pathway/core/IncomeThresholds.h"
#include "pathway/core/Plan.h"
#include "pathway/core/RuleBase.h"

#include <vector>

namespace pathway {

// Turns a client profile into a proposed plan (docs/strategy-rules.md):
// every strategy is evaluated, same-merge-key matches become one step, steps
// are ordered by phase, priority, barrier severity and id, and each gets a
// reason naming the profile facts that chose it. Pure and deterministic: the
// same profile, rules and start date always give the same plan. The engine
// keeps references to `rules` and `thresholds`; both must outlive it.
class StrategyEngine
{
public:
    StrategyEngine(const RuleBase &rules, const IncomeThresholds &thresholds);

    Plan propose(const Client &client, const QDate &startDate) const;

    const RuleBase &rules() const { return m_rules; }
    const IncomeThresholds &thresholds() const { return m_thresholds; }
    // Empty when the agency's rule and thresholds files are in use; else a
    // short title ("Built-in rules in use") and the reasons, for the app to
    // show at start and in the status bar.
    QString fallbackTitle() const;
    QString fallbackReason() const;

private:
    const RuleBase &m_rules;
    const IncomeThresholds &m_thresholds;
    std::vector<int> m_group;                // strategy index -> merge group
    std::vector<std::vector<int>> m_members; // merge group -> strategy indexes, in file order
    int m_groupCount = 0;
};

// Fills a rationale template's placeholders ({first_name}, ...) from a profile.
QString fillRationale(const QString &rationaleTemplate, const Client &client,
                      IncomeBracket bracket);

} // namespace pathway
