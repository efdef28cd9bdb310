#pragma once

#include "models/CaseloadPages.h"
#include "pathway/storage/CaseloadRepository.h"

#include <QAbstractTableModel>
#include <QHash>

namespace pathway {

// A fixed list of clients (the ones behind a dashboard figure), in the order
// given, read from CaseloadRepository::rows a page at a time: an agency-wide
// figure can stand for 90,000 clients.
class ClientListModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column
    {
        NameColumn,
        CounselorColumn,
        BracketColumn,
        ProgressColumn,
        OverdueColumn,
        LastContactColumn,
        ReviewColumn,
        ColumnCount
    };
    enum Role
    {
        ClientIdRole = Qt::UserRole + 1
    };

    ClientListModel(CaseloadRepository &repository, QObject *parent = nullptr);

    void setClients(const QVector<qint64> &ids, const QDate &today);
    const QVector<qint64> &clientIds() const { return m_rows.ids(); }
    qint64 clientId(int row) const { return m_rows.ids().value(row); }
    // The counselor's user name of a listed client; empty when none or unknown.
    QString counselorOf(qint64 clientId) const;
    // Drops the cached rows so they are read again (after a change).
    void refreshRows();

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

Q_SIGNALS:
    void errorOccurred(const QString &message) const;

private:
    const CaseloadRow *rowAt(int row) const;

    CaseloadPages m_rows;
};

} // namespace pathway
