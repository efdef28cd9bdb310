#pragma once

#include "pathway/storage/UserNames.h"

#include <QDialog>
#include <QStringList>
#include <QVector>

class QComboBox;
class QPushButton;

namespace pathway {

class Database;
class ErrorLabel;

// Supervisor > Reassign Clients: gives the clients selected in the caseload
// to another active counselor, after a confirmation that says how many and
// from whom (supervision::reassign: all or none, each in the audit trail).
class ReassignDialog : public QDialog
{
    Q_OBJECT
public:
    // `fromCounselors` are the selected clients' current counselors (user
    // names, repeats allowed), for the confirmation.
    ReassignDialog(Database &db, QVector<qint64> clientIds, const QStringList &fromCounselors,
                   QWidget *parent = nullptr);

    // False when there is no active counselor to choose (said in the dialog).
    bool hasTargets() const;
    // Selects the counselor `username`; false when not offered.
    bool setTarget(const QString &username);
    QString target() const;
    // The chosen counselor as people know them ("Chidi Okafor").
    QString targetName() const { return m_names.label(target()); }
    // How many clients changed counselor, once accepted.
    int changed() const { return m_changed; }

public Q_SLOTS:
    void accept() override;

private:
    Database &m_db;
    QVector<qint64> m_ids;
    UserNames m_names;
    QString m_from; // "Ana García", "Ana García and Bảo Nguyễn", "3 counselors"
    QComboBox *m_target;
    ErrorLabel *m_error;
    QPushButton *m_ok;
    int m_changed = 0;
};

} // namespace pathway
