#include "DatabaseBackups.h"

#include "ErrorDialog.h"
#include "Settings.h"
#include "pathway/core/PrivateFiles.h"
#include "pathway/storage/Backup.h"
#include "pathway/storage/Database.h"

#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QLocale>
#include <QMessageBox>
#include <QProgressDialog>
#include <QPushButton>

namespace pathway {

namespace {

// A window-modal progress dialog over a copy, shown when it takes longer
// than half a second; Cancel stops the copy (nothing is then changed).
class CopyProgress
{
public:
    CopyProgress(QWidget *parent, const QString &label)
        : m_dialog(label, DatabaseBackups::tr("Cancel"), 0, 100, parent)
    {
        m_dialog.setObjectName(QStringLiteral("backupProgressDialog"));
        m_dialog.setWindowTitle(DatabaseBackups::tr("Pathway"));
        m_dialog.setWindowModality(Qt::WindowModal);
        m_dialog.setMinimumDuration(500);
        m_dialog.setAutoReset(false);
        m_dialog.setValue(0);
    }
    backup::Progress callback()
    {
        return [this](int done, int total) {
            m_dialog.setMaximum(qMax(total, 1));
            m_dialog.setValue(done);
            return !m_dialog.wasCanceled();
        };
    }
    bool cancelled() const { return m_dialog.wasCanceled(); }
    // Hides the dialog before what follows the copy (a message) is shown.
    void finish() { m_dialog.hide(); }

private:
    QProgressDialog m_dialog;
};

QString bold(const QString &text)
{
    return QStringLiteral("<b>%1</b>").arg(text.toHtmlEscaped());
}

} // namespace

QString BackupPrompts::backupFileName(QWidget *parent, const QString &suggested)
{
    return QFileDialog::getSaveFileName(parent, tr("Back up the database"), suggested,
                                        tr("Pathway backups (*.sqlite);;All files (*)"));
}

QString BackupPrompts::restoreFileName(QWidget *parent, const QString &folder)
{
    return QFileDialog::getOpenFileName(parent, tr("Restore from a backup"), folder,
                                        tr("Pathway backups (*.sqlite *.before-restore-*);;All "
                                           "files (*)"));
}

DatabaseBackups::DatabaseBackups(Database &db, std::shared_ptr<BackupPrompts> prompts,
                                 QWidget *parent)
    : m_db(db), m_prompts(prompts ? std::move(prompts) : std::make_shared<BackupPrompts>()),
      m_parent(parent)
{}

QString DatabaseBackups::suggestedName(const QString &databasePath, const QDateTime &now)
{
    return QStringLiteral("%1-%2.sqlite")
        .arg(QFileInfo(databasePath).completeBaseName(),
             now.toString(QStringLiteral("yyyyMMdd-HHmmss")));
}

QString DatabaseBackups::backUp()
{
    const QString folder = Settings().backupFolder(m_db.path());
    // Offered as the place to save; when it cannot be made, the file
    // dialog opens wherever it can and the person chooses.
    privatefiles::makeDirectory(folder);
    const QString file = m_prompts->backupFileName(
        m_parent, QDir(folder).filePath(suggestedName(m_db.path(), QDateTime::currentDateTime())));
    if (file.isEmpty())
        return {};
    CopyProgress progress(m_parent, tr("Backing up the database…"));
    const Status written = backup::write(m_db, file, progress.callback());
    progress.finish();
    if (progress.cancelled())
        return tr("The backup was cancelled; nothing was written.");
    if (!written) {
        ErrorDialog::show(m_parent, tr("back up the database"), written.error());
        return {};
    }
    return tr("Backed up the database to %1.").arg(file);
}

bool DatabaseBackups::restore()
{
    // The backup folder, or the database's own when none was made yet.
    QString folder = Settings().backupFolder(m_db.path());
    if (!QFileInfo(folder).isDir())
        folder = QFileInfo(m_db.path()).absolutePath();
    const QString file = m_prompts->restoreFileName(m_parent, folder);
    if (file.isEmpty())
        return false;
    // Checked before anything is asked or changed.
    auto info = backup::inspect(file);
    if (!info) {
        ErrorDialog::show(m_parent, tr("restore from the backup"), info.error());
        return false;
    }
    const QDateTime now = QDateTime::currentDateTime();
    const QString previous = backup::previousFileName(m_db.path(), now);
    const QString saved = QLocale().toString(QFileInfo(file).lastModified(), QLocale::ShortFormat);
    const QString clients = info->clients == 1
                                ? tr("1 client")
                                : tr("%1 clients").arg(QLocale().toString(info->clients));
    QMessageBox box(QMessageBox::Warning, tr("Restore from backup"),
                    tr("<p>Replace everything in the database<br>%1<br>with the backup<br>%2<br>"
                       "(%3, saved %4)?</p>"
                       "<p>Every change made since that backup is lost: its clients, plans, "
                       "case notes and user accounts take the place of today's.</p>"
                       "<p>The current contents are kept first, in<br>%5</p>"
                       "<p>Pathway closes when the restore is done. Start it again and sign in "
                       "with an account of the backup.</p>")
                        .arg(bold(m_db.path()), bold(file), clients.toHtmlEscaped(),
                             saved.toHtmlEscaped(), bold(previous)),
                    QMessageBox::NoButton, m_parent);
    box.setObjectName(QStringLiteral("restoreConfirmation"));
    box.setTextFormat(Qt::RichText);
    QPushButton *restore = box.addButton(tr("&Restore"), QMessageBox::DestructiveRole);
    restore->setObjectName(QStringLiteral("restoreConfirmPushButton"));
    QPushButton *cancel = box.addButton(QMessageBox::Cancel);
    cancel->setObjectName(QStringLiteral("restoreCancelPushButton"));
    box.setDefaultButton(cancel);
    box.setEscapeButton(cancel);
    box.exec();
    if (box.clickedButton() != restore)
        return false;

    CopyProgress progress(m_parent, tr("Restoring the database…"));
    auto restored = backup::restore(m_db, file, now, progress.callback());
    progress.finish();
    if (!restored) {
        if (progress.cancelled())
            return false;
        ErrorDialog::show(m_parent, tr("restore from the backup"), restored.error());
        return false;
    }
    QMessageBox done(QMessageBox::Information, tr("Restored"),
                     tr("<p>The database was restored from<br>%1</p>"
                        "<p>The previous contents are kept in<br>%2</p>"
                        "<p>Pathway closes now. Start it again and sign in.</p>")
                         .arg(bold(file), bold(restored->previousFile)),
                     QMessageBox::Ok, m_parent);
    done.setObjectName(QStringLiteral("restoredMessage"));
    done.setTextFormat(Qt::RichText);
    done.button(QMessageBox::Ok)->setObjectName(QStringLiteral("restoredOkPushButton"));
    done.exec();
    return true;
}

void DatabaseBackups::atExit(Database &db, QWidget *parent)
{
    const Settings settings;
    const int days = settings.backupKeepDays();
    if (days <= 0)
        return;
    CopyProgress progress(parent, tr("Making the automatic backup…"));
    auto written = backup::writeAutomatic(db, settings.backupFolder(db.path()), days,
                                          QDateTime::currentDateTime(), progress.callback());
    progress.finish();
    if (!written && !progress.cancelled())
        QMessageBox::warning(
            parent, tr("Automatic backup"),
            tr("The automatic backup could not be made: %1").arg(written.error().message));
}

} // namespace pathway
