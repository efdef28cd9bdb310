#include "Settings.h"

#include "pathway/storage/Backup.h"

#include <QSettings>

namespace pathway {

namespace {
enum class Key
{
    MainWindowGeometry,
    CaseloadColumns,
    ClientWindowGeometry,
    IntakeWizardGeometry,
    AuditViewerGeometry,
    LastUserName,
    IdleLockMinutes,
    NoContactDays,
    RulesFile,
    BackupKeepDays,
    BackupFolder,
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
    case Key::AuditViewerGeometry:
        return QStringLiteral("auditViewer/geometry");
    case Key::LastUserName:
        return QStringLiteral("signIn/userName");
    case Key::IdleLockMinutes:
        return QStringLiteral("agency/idleLockMinutes");
    case Key::NoContactDays:
        return QStringLiteral("agency/noContactDays");
    case Key::RulesFile:
        return QStringLiteral("agency/rulesFile");
    case Key::BackupKeepDays:
        return QStringLiteral("agency/backupKeepDays");
    case Key::BackupFolder:
        return QStringLiteral("agency/backupFolder");
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
// A whole number in [low, high]; `fallback` when unset or not a number.
int readInt(Key key, int fallback, int low, int high)
{
    bool ok = false;
    const int value = read(key).toInt(&ok);
    return ok ? qBound(low, value, high) : fallback;
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
QByteArray Settings::auditViewerGeometry() const
{
    return read(Key::AuditViewerGeometry).toByteArray();
}
void Settings::setAuditViewerGeometry(const QByteArray &value)
{
    write(Key::AuditViewerGeometry, value);
}
QString Settings::lastUserName() const
{
    return read(Key::LastUserName).toString();
}
void Settings::setLastUserName(const QString &value)
{
    write(Key::LastUserName, value);
}
int Settings::idleLockMinutes() const
{
    return readInt(Key::IdleLockMinutes, kDefaultIdleLockMinutes, 0, kMaxIdleLockMinutes);
}
void Settings::setIdleLockMinutes(int value)
{
    write(Key::IdleLockMinutes, qBound(0, value, kMaxIdleLockMinutes));
}
int Settings::noContactDays() const
{
    return readInt(Key::NoContactDays, kDefaultNoContactDays, 1, kMaxNoContactDays);
}
void Settings::setNoContactDays(int value)
{
    write(Key::NoContactDays, qBound(1, value, kMaxNoContactDays));
}
QString Settings::rulesFile() const
{
    return read(Key::RulesFile).toString();
}
void Settings::setRulesFile(const QString &value)
{
    write(Key::RulesFile, value);
}
int Settings::backupKeepDays() const
{
    return readInt(Key::BackupKeepDays, kDefaultBackupKeepDays, 0, kMaxBackupKeepDays);
}
void Settings::setBackupKeepDays(int value)
{
    write(Key::BackupKeepDays, qBound(0, value, kMaxBackupKeepDays));
}
QString Settings::backupFolderSetting() const
{
    return read(Key::BackupFolder).toString().trimmed();
}
QString Settings::backupFolder(const QString &databasePath) const
{
    const QString set = backupFolderSetting();
    return set.isEmpty() ? backup::defaultFolder(databasePath) : set;
}
void Settings::setBackupFolder(const QString &value)
{
    write(Key::BackupFolder, value.trimmed());
}

} // namespace pathway
