#pragma once

#include <QByteArray>
#include <QString>

namespace pathway {

// Every setting the GUI keeps, typed, with its key and default in one place
// (QSettings underneath: organization and application names set by main).
// The agency settings (agency/...) are changed by an administrator in
// Admin > Agency Settings; the printed plan's (name, logo, paper size) are
// in ReportSettings, the rule file is read by RuleBase::forAgency.
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
    QByteArray auditViewerGeometry() const;
    void setAuditViewerGeometry(const QByteArray &value);

    // The user name typed at the last good sign-in, filled in next time.
    QString lastUserName() const;
    void setLastUserName(const QString &value);

    // Minutes without keyboard or mouse input before the screen locks; 0 =
    // never. Default 10, at most kMaxIdleLockMinutes.
    static constexpr int kDefaultIdleLockMinutes = 10;
    static constexpr int kMaxIdleLockMinutes = 240;
    int idleLockMinutes() const;
    void setIdleLockMinutes(int value);

    // Days without a case note after which the supervisor's dashboard lists
    // a client as "no contact". Default 30.
    static constexpr int kDefaultNoContactDays = 30;
    static constexpr int kMaxNoContactDays = 365;
    int noContactDays() const;
    void setNoContactDays(int value);

    // The agency's strategy rule file; empty = the built-in rules. The same
    // key RuleBase::forAgency reads.
    QString rulesFile() const;
    void setRulesFile(const QString &value);

    // Days an automatic backup (made when the app closes) is kept; 0 = no
    // automatic backups. Default 14. Backups made by hand are never deleted.
    static constexpr int kDefaultBackupKeepDays = 14;
    static constexpr int kMaxBackupKeepDays = 3650;
    int backupKeepDays() const;
    void setBackupKeepDays(int value);
    // The agency's backup folder as set (empty: not set), and the one used
    // for the database `databasePath`: the setting, else "backups" beside
    // the database (backup::defaultFolder).
    QString backupFolderSetting() const;
    QString backupFolder(const QString &databasePath) const;
    void setBackupFolder(const QString &value);
};

} // namespace pathway
