#include "Settings.h"

#include <QSettings>

namespace pathway {

namespace {
enum class Key
{
    MainWindowGeometry,
    CaseloadColumns,
    ClientWindowGeometry,
    IntakeWizardGeometry,
    CurrentCounselor,
};

QString keyName(Key key)
{
    switch (key) {
    case Key::MainWindowGeometry:
        return QStringLiteral("mainWindow/geometry");
    case Key::CaseloadColumns:
        return QStringLiteral("mainWindow/caseloadColumns");
    case Key::ClientWindowGeometry:
        return QStringLiteral("clientWindow/geometry");
    case Key::IntakeWizardGeometry:
        return QStringLiteral("intakeWizard/geometry");
    case Key::CurrentCounselor:
        return QStringLiteral("counselor/userName");
    }
    return {};
}

QVariant read(Key key, const QVariant &fallback = {})
{
    return QSettings().value(keyName(key), fallback);
}
void write(Key key, const QVariant &value)
{
    QSettings().setValue(keyName(key), value);
}
} // namespace

QByteArray Settings::mainWindowGeometry() const
{
    return read(Key::MainWindowGeometry).toByteArray();
}
void Settings::setMainWindowGeometry(const QByteArray &value)
{
    write(Key::MainWindowGeometry, value);
}
QByteArray Settings::caseloadColumns() const
{
    return read(Key::CaseloadColumns).toByteArray();
}
void Settings::setCaseloadColumns(const QByteArray &value)
{
    write(Key::CaseloadColumns, value);
}
QByteArray Settings::clientWindowGeometry() const
{
    return read(Key::ClientWindowGeometry).toByteArray();
}
void Settings::setClientWindowGeometry(const QByteArray &value)
{
    write(Key::ClientWindowGeometry, value);
}
QByteArray Settings::intakeWizardGeometry() const
{
    return read(Key::IntakeWizardGeometry).toByteArray();
}
void Settings::setIntakeWizardGeometry(const QByteArray &value)
{
    write(Key::IntakeWizardGeometry, value);
}
QString Settings::currentCounselor() const
{
    return read(Key::CurrentCounselor).toString();
}
void Settings::setCurrentCounselor(const QString &value)
{
    write(Key::CurrentCounselor, value);
}

} // namespace pathway
