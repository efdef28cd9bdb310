#pragma once

#include "pathway/core/Codes.h"
#include "pathway/core/Result.h"

#include <QString>

#include <array>

namespace pathway {

struct Client;

// The income bands that turn a household's income into an income bracket.
//
// Income is first adjusted for household size with the square-root
// equivalence scale: adjusted = income * sqrt(referenceSize / householdSize),
// so every household is compared as if it had `referenceSize` members. The
// adjusted income is then placed against four upper bounds (low, lower middle,
// middle, upper middle); at or above the last bound is "high".
// The numbers live in resources/income_thresholds.json (see docs/data-format.md).
class IncomeThresholds
{
public:
    // The built-in thresholds compiled into the program.
    static const IncomeThresholds &builtIn();

    // Reads a thresholds file. On failure the error names the file and the key.
    static Result<IncomeThresholds> fromFile(const QString &path);
    static Result<IncomeThresholds> fromJson(const QByteArray &text, const QString &origin);

    // The file an agency may drop in to replace the built-in numbers, if the
    // environment variable PATHWAY_THRESHOLDS names one; otherwise builtIn().
    static Result<IncomeThresholds> forAgency();
    // forAgency() for the app, which must start whatever the agency's file
    // holds: when that file cannot be used, builtIn() with fallbackReason()
    // saying which file and why.
    static IncomeThresholds forAgencyOrBuiltIn();

    IncomeBracket bracketFor(qint64 annualIncome, int householdSize) const;
    // The override if the counselor set one, else the derived bracket.
    IncomeBracket bracketFor(const Client &client) const;
    double adjustedIncome(qint64 annualIncome, int householdSize) const;

    int referenceHouseholdSize() const { return m_referenceSize; }
    // Upper bound (exclusive) of low, lower_middle, middle, upper_middle.
    const std::array<double, 4> &upperBounds() const { return m_bounds; }
    const QString &currency() const { return m_currency; }
    const QString &origin() const { return m_origin; }
    // Empty for bands loaded as asked; else why the built-in bands stand in
    // for the agency's file (forAgencyOrBuiltIn).
    const QString &fallbackReason() const { return m_fallbackReason; }

private:
    int m_referenceSize = 3;
    std::array<double, 4> m_bounds{};
    QString m_currency;
    QString m_origin;
    QString m_fallbackReason;
};

} // namespace pathway
