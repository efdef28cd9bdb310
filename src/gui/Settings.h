#pragma once

#include <QByteArray>
#include <QString>

namespace pathway {

// Every setting the GUI keeps, typed, with its key and default in one place
// (QSettings underneath: organization and application names set by main).
class Settings
{
public:
    QByteArray mainWindowGeometry() const;
    void setMainWindowGeometry(const QByteArray &value);
    QByteArray caseloadColumns() const;
    void setCaseloadColumns(const QByteArray &value);
    QByteArray clientWindowGeometry() const;
    void setClientWindowGeometry(const QByteArray &value);
    QByteArray intakeWizardGeometry() const;
    void setIntakeWizardGeometry(const QByteArray &value);

    // The counselor new intakes are assigned to until there is a sign-in
    // (issue 6); empty means "ask on the first intake page".
    QString currentCounselor() const;
    void setCurrentCounselor(const QString &value);
};

} // namespace pathway
