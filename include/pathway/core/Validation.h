#pragma once

#include "pathway/core/Result.h"

#include <QDate>
#include <QString>
#include <QVector>

namespace pathway {

struct Client;

// One problem with one field. `field` is the profile JSON key ("email",
// "barriers[2].severity"), so a form or an import message can point at it.
struct FieldError
{
    QString field;
    QString message;

    bool operator==(const FieldError &o) const { return field == o.field && message == o.message; }
};

// Every problem with the profile at once, in field order; empty when valid.
// `today` anchors the age check; tests pass a fixed date.
QVector<FieldError> validateClient(const Client &client, const QDate &today = QDate::currentDate());

// What a counselor entering a profile by hand must also give: validateClient
// plus a reason for every income bracket override (files may omit it).
QVector<FieldError> validateIntake(const Client &client, const QDate &today = QDate::currentDate());

// The date written in `text` (surrounding spaces ignored) as YYYY-MM-DD.
// Otherwise an Invalid error whose message, meant to follow the field's
// name, says what is wrong: "has no month 13 (months go from 01 to 12;
// write the date as YYYY-MM-DD)", "is written day first: write it as
// YYYY-MM-DD, 1988-04-17", "is required" for an empty text.
Result<QDate> parseDate(const QString &text);

// "field: message; field: message", for command-line output.
QString describe(const QVector<FieldError> &errors);

// Bounds the validation enforces, shared with the intake forms.
namespace limits {
constexpr int kNameMax = 100;
constexpr int kHouseholdMin = 1;
constexpr int kHouseholdMax = 20;
constexpr long long kIncomeMax = 100'000'000;
constexpr int kWeeksMax = 52 * 40;
constexpr int kNoteMax = 2000;
constexpr int kAddressMax = 500;
constexpr int kListItemMax = 100;
constexpr int kListMax = 50;
constexpr int kMinAge = 14;
constexpr int kMaxAge = 110;
} // namespace limits

} // namespace pathway
