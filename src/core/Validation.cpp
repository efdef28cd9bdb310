#include "pathway/core/Validation.h"

#include "pathway/core/Client.h"

#include <QLocale>
#include <QObject>
#include <QRegularExpression>
#include <QSet>

namespace pathway {

namespace {

bool hasControlCharacters(const QString &text, bool allowNewlines)
{
    for (const QChar c : text) {
        if (allowNewlines && (c == QLatin1Char('\n') || c == QLatin1Char('\t')))
            continue;
        if (c.category() == QChar::Other_Control)
            return true;
    }
    return false;
}

class Checker
{
public:
    void add(const QString &field, const QString &message) { errors.append({field, message}); }

    void name(const QString &field, const QString &value)
    {
        const QString trimmed = value.trimmed();
        if (trimmed.isEmpty())
            add(field, QObject::tr("is required"));
        else if (value.size() > limits::kNameMax)
            add(field, QObject::tr("is longer than %1 characters").arg(limits::kNameMax));
        else if (hasControlCharacters(value, false))
            add(field, QObject::tr("contains control characters"));
        else if (trimmed != value)
            add(field, QObject::tr("starts or ends with spaces"));
    }

    void text(const QString &field, const QString &value, int max, bool multiline)
    {
        if (value.size() > max)
            add(field, QObject::tr("is longer than %1 characters").arg(max));
        else if (hasControlCharacters(value, multiline))
            add(field, QObject::tr("contains control characters"));
    }

    void list(const QString &field, const QStringList &items)
    {
        if (items.size() > limits::kListMax)
            add(field, QObject::tr("has more than %1 entries").arg(limits::kListMax));
        QSet<QString> seen;
        for (int i = 0; i < items.size(); ++i) {
            const QString where = QStringLiteral("%1[%2]").arg(field).arg(i);
            const QString &item = items[i];
            if (item.trimmed().isEmpty())
                add(where, QObject::tr("is empty"));
            else if (seen.contains(item.toCaseFolded()))
                add(where, QObject::tr("repeats \"%1\"").arg(item));
            else
                text(where, item, limits::kListItemMax, false);
            seen.insert(item.toCaseFolded());
        }
    }

    QVector<FieldError> errors;
};

} // namespace

QVector<FieldError> validateClient(const Client &c, const QDate &today)
{
    Checker check;
    check.name(QStringLiteral("first_name"), c.firstName);
    check.name(QStringLiteral("last_name"), c.lastName);

    const QString dob = QStringLiteral("date_of_birth");
    if (!c.dateOfBirth.isValid()) {
        check.add(dob, QObject::tr("is required, as a date (YYYY-MM-DD)"));
    } else if (c.dateOfBirth > today) {
        check.add(dob, QObject::tr("is in the future"));
    } else {
        int age = today.year() - c.dateOfBirth.year();
        if (today < c.dateOfBirth.addYears(age))
            --age;
        if (age < limits::kMinAge)
            check.add(dob, QObject::tr("makes the client younger than %1").arg(limits::kMinAge));
        else if (age > limits::kMaxAge)
            check.add(dob, QObject::tr("makes the client older than %1").arg(limits::kMaxAge));
    }

    static const QRegularExpression emailPattern(
        QStringLiteral(R"(^[^@\s]+@[^@\s.]+(\.[^@\s.]+)+$)"));
    if (!c.email.isEmpty()) {
        if (c.email.size() > 254 || !emailPattern.match(c.email).hasMatch())
            check.add(QStringLiteral("email"),
                      QObject::tr("is not an email address (expected name@example.org)"));
    }

    if (!c.phone.isEmpty()) {
        static const QRegularExpression phoneChars(QStringLiteral(R"(^\+?[0-9 ().\-/]+$)"));
        int digits = 0;
        for (const QChar ch : c.phone)
            digits += ch.isDigit() ? 1 : 0;
        if (!phoneChars.match(c.phone).hasMatch())
            check.add(QStringLiteral("phone"),
                      QObject::tr("may hold only digits, spaces, + ( ) . - and /"));
        else if (digits < 7 || digits > 15)
            check.add(QStringLiteral("phone"), QObject::tr("must have 7 to 15 digits"));
    }
    check.text(QStringLiteral("address"), c.address, limits::kAddressMax, true);

    if (c.householdSize < limits::kHouseholdMin || c.householdSize > limits::kHouseholdMax)
        check.add(QStringLiteral("household_size"), QObject::tr("must be between %1 and %2")
                                                        .arg(limits::kHouseholdMin)
                                                        .arg(limits::kHouseholdMax));
    if (c.annualIncome < 0 || c.annualIncome > limits::kIncomeMax)
        check.add(QStringLiteral("annual_income"),
                  QObject::tr("must be between 0 and %1").arg(limits::kIncomeMax));

    const QString weeks = QStringLiteral("weeks_unemployed");
    if (c.weeksUnemployed < 0 || c.weeksUnemployed > limits::kWeeksMax)
        check.add(weeks, QObject::tr("must be between 0 and %1").arg(limits::kWeeksMax));
    else if (c.employmentStatus != EmploymentStatus::Unemployed && c.weeksUnemployed != 0)
        check.add(weeks, QObject::tr("must be 0 unless the employment status is unemployed"));

    QSet<int> seenBarriers;
    for (int i = 0; i < c.barriers.size(); ++i) {
        const Barrier &b = c.barriers[i];
        const QString where = QStringLiteral("barriers[%1]").arg(i);
        if (b.severity < 1 || b.severity > 3)
            check.add(where + QStringLiteral(".severity"),
                      QObject::tr("must be 1 (mild), 2 (moderate) or 3 (severe)"));
        if (seenBarriers.contains(int(b.code)))
            check.add(where + QStringLiteral(".code"),
                      QObject::tr("repeats \"%1\"").arg(toCode(b.code)));
        seenBarriers.insert(int(b.code));
        check.text(where + QStringLiteral(".note"), b.note, limits::kNoteMax, true);
    }

    QSet<int> seenGoals;
    for (int i = 0; i < c.goals.size(); ++i) {
        if (seenGoals.contains(int(c.goals[i])))
            check.add(QStringLiteral("goals[%1]").arg(i),
                      QObject::tr("repeats \"%1\"").arg(toCode(c.goals[i])));
        seenGoals.insert(int(c.goals[i]));
    }

    check.list(QStringLiteral("skills"), c.skills);
    check.list(QStringLiteral("interests"), c.interests);

    static const QRegularExpression userPattern(QStringLiteral("^[a-z0-9][a-z0-9._-]{1,31}$"));
    if (!c.counselor.isEmpty() && !userPattern.match(c.counselor).hasMatch())
        check.add(QStringLiteral("counselor"),
                  QObject::tr("must be a user name of 2 to 32 lower-case letters, digits, "
                              "dots, dashes or underscores"));
    check.text(QStringLiteral("income_bracket_reason"), c.incomeBracketReason, limits::kNoteMax,
               true);
    if (!c.incomeBracketOverride && !c.incomeBracketReason.isEmpty())
        check.add(QStringLiteral("income_bracket_reason"),
                  QObject::tr("is given but no income_bracket override is set"));
    return check.errors;
}

QVector<FieldError> validateIntake(const Client &c, const QDate &today)
{
    QVector<FieldError> errors = validateClient(c, today);
    if (c.incomeBracketOverride && c.incomeBracketReason.isEmpty())
        errors.append({QStringLiteral("income_bracket_reason"),
                       QObject::tr("is required when you override the bracket")});
    return errors;
}

Result<QDate> parseDate(const QString &text)
{
    const QString t = text.trimmed();
    const auto invalid = [](const QString &message) {
        return Result<QDate>::failure(Error::Code::Invalid, message);
    };
    if (t.isEmpty())
        return invalid(QObject::tr("is required"));
    const auto iso = [](int y, int m, int d) {
        return QStringLiteral("%1-%2-%3")
            .arg(y, 4, 10, QLatin1Char('0'))
            .arg(m, 2, 10, QLatin1Char('0'))
            .arg(d, 2, 10, QLatin1Char('0'));
    };

    // Year first, as it should be: say which part does not exist.
    static const QRegularExpression yearFirst(QStringLiteral(R"(^(\d{4})-(\d{1,2})-(\d{1,2})$)"));
    if (const auto m = yearFirst.match(t); m.hasMatch()) {
        const int year = m.captured(1).toInt();
        const int month = m.captured(2).toInt();
        const int day = m.captured(3).toInt();
        if (month < 1 || month > 12)
            return invalid(QObject::tr("has no month %1 (months go from 01 to 12; write the "
                                       "date as YYYY-MM-DD)")
                               .arg(m.captured(2)));
        const QDate first(year, month, 1);
        if (day < 1 || day > first.daysInMonth())
            return invalid(QObject::tr("has no day %1: %2 %3 has %4 days (write the date as "
                                       "YYYY-MM-DD)")
                               .arg(m.captured(3), QLocale::c().monthName(month))
                               .arg(year)
                               .arg(first.daysInMonth()));
        if (m.captured(2).size() != 2 || m.captured(3).size() != 2)
            return invalid(QObject::tr("needs two digits for the month and the day: write it "
                                       "as %1")
                               .arg(iso(year, month, day)));
        return QDate(year, month, day);
    }

    // Day and month first (17/04/1988, 04.17.1988): show it written right.
    static const QRegularExpression yearLast(
        QStringLiteral(R"(^(\d{1,2})[./ -](\d{1,2})[./ -](\d{4})$)"));
    if (const auto m = yearLast.match(t); m.hasMatch()) {
        const int a = m.captured(1).toInt();
        const int b = m.captured(2).toInt();
        const int year = m.captured(3).toInt();
        const QDate dayFirst(year, b, a);
        const QDate monthFirst(year, a, b);
        if (dayFirst.isValid() && monthFirst.isValid() && dayFirst != monthFirst)
            return invalid(QObject::tr("is not written as YYYY-MM-DD: write %1 or %2, as the "
                                       "client means it")
                               .arg(iso(year, b, a), iso(year, a, b)));
        if (dayFirst.isValid())
            return invalid(QObject::tr("is written day first: write it as YYYY-MM-DD, %1")
                               .arg(iso(year, b, a)));
        if (monthFirst.isValid())
            return invalid(QObject::tr("is written month first: write it as YYYY-MM-DD, %1")
                               .arg(iso(year, a, b)));
    }
    return invalid(QObject::tr("is not a date written as YYYY-MM-DD (e.g. 1984-03-27)"));
}

QString describe(const QVector<FieldError> &errors)
{
    QStringList parts;
    for (const FieldError &e : errors)
        parts << e.field + QStringLiteral(": ") + e.message;
    return parts.join(QStringLiteral("; "));
}

} // namespace pathway
