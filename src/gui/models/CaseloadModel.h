#pragma once

#include "models/CaseloadPages.h"
#include "pathway/storage/CaseloadRepository.h"
#include "pathway/storage/UserNames.h"

#include <QAbstractTableModel>
#include <QHash>

namespace pathway {

// The caseload list: holds only the ids of the matching clients and reads the
// rows a view asks for a page at a time, so 100,000 clients cost a few MB.
class CaseloadModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column
    {
        NameColumn,
        BracketColumn,
        BarriersColumn,
        ProgressColumn,
        NextDueColumn,
        LastContactColumn,
        CounselorColumn,
        StatusColumn,
        IdColumn, // the client's record id, as the audit trail and pathway-cli name it
        ColumnCount
    };
    enum Role
    {
        ClientIdRole = Qt::UserRole + 1,
        CounselorUserRole // the counselor's user name (any column)
    };

    CaseloadModel(CaseloadRepository &repository, QObject *parent = nullptr);

    // Re-runs the query; returns false (and keeps the old rows) on failure,
    // with the message in lastError().
    bool setFilter(const CaseloadFilter &filter);
    bool reload() { return setFilter(m_filter); }
    // Drops the cached rows so they are read again (after an edit), keeping the ids.
    void refreshRows();
    // The row of client `id` in the current list, or -1.
    int rowOf(qint64 id) const { return int(m_rows.ids().indexOf(id)); }
    const QString &lastError() const { return m_lastError; }
    const CaseloadFilter &filter() const { return m_filter; }
    // How counselors are named in the Counselor column (displayLabel).
    void setUserNames(UserNames names);
    qint64 clientId(int row) const { return m_rows.ids().value(row); }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

Q_SIGNALS:
    void errorOccurred(const QString &message) const;

private:
    const CaseloadRow *rowAt(int row) const;

    CaseloadRepository &m_repository;
    CaseloadFilter m_filter;
    CaseloadPages m_rows;
    UserNames m_names;
    QString m_lastError;
};

} // namespace pathway
