#pragma once

#include "pathway/storage/AuditLog.h"
#include "pathway/storage/UserNames.h"

#include <QVector>
#include <QWidget>

class QComboBox;
class QDateEdit;
class QLabel;
class QLineEdit;
class QTableWidget;
class QTimer;

namespace pathway {

class Database;

// Supervisor > Audit Trail: who did what to which record and when, newest
// first, filtered by user, action, kind of record, record id, client (all
// about one client: its notes and plans too) and dates (audit::list). Read
// only: the trail cannot be changed.
class AuditViewer : public QWidget
{
    Q_OBJECT
public:
    enum Column
    {
        WhenColumn,
        UserColumn,
        ActionColumn,
        EntityColumn,
        RecordColumn,
        ClientColumn,
        DetailColumn,
        ColumnCount
    };

    explicit AuditViewer(Database &db, QWidget *parent = nullptr);

    // The filter the fields describe.
    AuditFilter filter() const;
    // Shows everything about client `clientId` (the Client field set, the
    // other fields cleared).
    void showClient(qint64 clientId);
    // Reads the entries again; false (after a message) when refused.
    bool reload();
    const QVector<AuditEntry> &entries() const { return m_entries; }

protected:
    void closeEvent(QCloseEvent *event) override;

private:
    Database &m_db;
    QComboBox *m_user;
    QComboBox *m_action;
    QComboBox *m_entity;
    QLineEdit *m_record;
    QLineEdit *m_client;
    QDateEdit *m_from;
    QDateEdit *m_to;
    QTableWidget *m_table;
    QLabel *m_count;
    QTimer *m_delay;
    QVector<AuditEntry> m_entries;
    UserNames m_names;
};

} // namespace pathway
