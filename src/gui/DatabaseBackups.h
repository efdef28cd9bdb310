#pragma once

#include <QCoreApplication>
#include <QDateTime>
#include <QString>

#include <memory>

class QWidget;

namespace pathway {

class Database;

// The file questions of backing up and restoring, replaced by tests (the
// real ones are Qt's file dialogs).
class BackupPrompts
{
    Q_DECLARE_TR_FUNCTIONS(BackupPrompts)
public:
    virtual ~BackupPrompts() = default;
    // The backup file to write, starting from `suggested`; empty when cancelled.
    virtual QString backupFileName(QWidget *parent, const QString &suggested);
    // The backup file to restore, starting in `folder`; empty when cancelled.
    virtual QString restoreFileName(QWidget *parent, const QString &folder);
};

// File > Back Up Database… and File > Restore From Backup… (supervisors and
// administrators), and the automatic backup when the app closes, over
// storage/Backup.h. Long copies show a progress dialog that can be
// cancelled; errors are shown with ErrorDialog on `parent`.
class DatabaseBackups
{
    Q_DECLARE_TR_FUNCTIONS(DatabaseBackups)
public:
    DatabaseBackups(Database &db, std::shared_ptr<BackupPrompts> prompts, QWidget *parent);

    // Asks for a file (in the agency's backup folder, made 0700 when
    // missing) and writes the backup; a status line, empty when nothing was
    // written.
    QString backUp();
    // Asks for a backup, checks it, says what will be replaced and where
    // the current contents are kept (the confirmation, "Restore" or
    // "Cancel"), then restores. True when the contents were replaced: the
    // caller then closes the app, since the people, clients and plans in
    // memory are the old ones.
    bool restore();

    // The automatic backup of the app at exit, when the agency keeps them
    // (Settings::backupKeepDays, in Settings::backupFolder); a message box
    // on `parent` says when it failed. Does nothing when kept for 0 days.
    static void atExit(Database &db, QWidget *parent = nullptr);

    // The file name offered for a backup made now.
    static QString suggestedName(const QString &databasePath, const QDateTime &now);

private:
    Database &m_db;
    std::shared_ptr<BackupPrompts> m_prompts;
    QWidget *m_parent;
};

} // namespace pathway
