#include "TestSupport.h"

#include <QFile>

namespace pathway::test {

Client sampleClient()
{
    Client c;
    c.firstName = QStringLiteral("Zoë");
    c.lastName = QStringLiteral("Ñúñez-Łukasiewicz");
    c.dateOfBirth = QDate(1980, 5, 17);
    c.email = QStringLiteral("zoe.nunez@example.org");
    c.phone = QStringLiteral("+1 555 0100 22");
    c.address = QStringLiteral("12 Elm Street\nSpringfield");
    c.householdSize = 3;
    c.annualIncome = 52000;
    c.employmentStatus = EmploymentStatus::Unemployed;
    c.weeksUnemployed = 40;
    c.independence = Independence::UltraIndependent;
    c.barriers = {{BarrierCode::Stigma, 3, QStringLiteral("Avoids telling friends")},
                  {BarrierCode::Finances, 2, QString()}};
    c.goals = {GoalCode::Employment, GoalCode::CareerChange};
    c.educationLevel = EducationLevel::Bachelor;
    c.skills = {QStringLiteral("bookkeeping"), QStringLiteral("Excel")};
    c.interests = {QStringLiteral("gardening")};
    c.counselor = QStringLiteral("agarcia");
    return c;
}

QByteArray readFile(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

bool writeFile(const QString &path, const QByteArray &data)
{
    QFile f(path);
    return f.open(QIODevice::WriteOnly | QIODevice::Truncate) && f.write(data) == data.size();
}

QDate today()
{
    return QDate(2026, 11, 23);
}

} // namespace pathway::test
