#pragma once

#include <QDialog>

class QComboBox;
class QLineEdit;
class QSpinBox;

namespace pathway {

class Database;
class ErrorLabel;

// Admin > Agency Settings: what an administrator sets once for everyone on
// this computer: the agency's name, logo and paper size on printed plans
// (ReportSettings), the idle lock, the dashboard's "no contact" days and the
// strategy rule file, the backup folder and how long automatic backups are
// kept (Settings). A logo or rule file that cannot be used is
// refused with the reason, and nothing is saved.
class AgencySettingsDialog : public QDialog
{
    Q_OBJECT
public:
    explicit AgencySettingsDialog(Database &db, QWidget *parent = nullptr);

    QString errorText() const;

Q_SIGNALS:
    // The settings were written (the idle lock takes the new time at once).
    void saved();

public Q_SLOTS:
    void accept() override;

private:
    void showError(const QString &message);
    void browse(QLineEdit *edit, const QString &title, const QString &filter);

    Database &m_db;
    QLineEdit *m_agencyName;
    QLineEdit *m_logo;
    QComboBox *m_pageSize;
    QSpinBox *m_idleLock;
    QSpinBox *m_noContact;
    QLineEdit *m_rules;
    QLineEdit *m_backupFolder;
    QSpinBox *m_backupDays;
    ErrorLabel *m_error;
};

} // namespace pathway
