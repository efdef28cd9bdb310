#pragma once

#include "pathway/core/Codes.h"

#include <QDate>
#include <QDateTime>
#include <QString>
#include <QStringList>
#include <QVector>

#include <optional>

namespace pathway {

// One thing that stands in the client's way, as the client described it.
struct Barrier
{
    BarrierCode code = BarrierCode::Stigma;
    int severity = 1; // 1 = mild, 2 = moderate, 3 = severe
    QString note;

    bool operator==(const Barrier &o) const
    {
        return code == o.code && severity == o.severity && note == o.note;
    }
};

// A client profile as captured at intake. A plain value: storage assigns `id`.
struct Client
{
    qint64 id = 0; // 0 until stored

    QString firstName;
    QString lastName;
    QDate dateOfBirth;
    QString email;
    QString phone;
    QString address;

    int householdSize = 1;
    qint64 annualIncome = 0; // whole currency units per year, whole household

    EmploymentStatus employmentStatus = EmploymentStatus::Unemployed;
    int weeksUnemployed = 0;
    Independence independence = Independence::Independent;

    QVector<Barrier> barriers;
    QVector<GoalCode> goals;
    EducationLevel educationLevel = EducationLevel::Secondary;
    QStringList skills;
    QStringList interests;

    QString counselor; // the assigned counselor's user name
    ClientStatus status = ClientStatus::Active;

    // A counselor's override of the derived bracket, stored as such.
    std::optional<IncomeBracket> incomeBracketOverride;
    QString incomeBracketReason;

    QString fullName() const { return firstName + QLatin1Char(' ') + lastName; }

    // Unemployed 27 weeks or more.
    bool isLongTermUnemployed() const
    {
        return employmentStatus == EmploymentStatus::Unemployed && weeksUnemployed >= 27;
    }

    // The barrier with this code, or nullptr.
    const Barrier *barrier(BarrierCode code) const;
    bool hasGoal(GoalCode goal) const { return goals.contains(goal); }

    bool operator==(const Client &o) const;
    bool operator!=(const Client &o) const { return !(*this == o); }
};

// Weeks unemployed at or above which a client counts as long-term unemployed.
constexpr int kLongTermUnemployedWeeks = 27;

} // namespace pathway
