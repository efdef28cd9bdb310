#pragma once

#include "pathway/storage/Dashboard.h"

#include <QAbstractTableModel>

#include <optional>

namespace pathway {

// The dashboard's table: one row per counselor, then the agency total; one
// column per figure. Each cell names the figure and counselor behind it
// (figureAt), so a view can list the clients it counts.
class DashboardTableModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column
    {
        CounselorColumn,
        ActiveColumn,
        ReviewColumn,
        OverdueStepsColumn,
        OverdueClientsColumn,
        NoContactColumn,
        CompletionColumn,
        ColumnCount
    };

    explicit DashboardTableModel(QObject *parent = nullptr);

    void setFigures(const DashboardFigures &figures);
    const DashboardFigures &figures() const { return m_figures; }
    // The row's counts; the last row is the agency total.
    const DashboardCounts *countsAt(int row) const;
    bool isTotalRow(int row) const { return row == int(m_figures.counselors.size()); }
    // The drill-down behind a cell: figure and key (a user name, empty for the total).
    std::optional<dashboard::Figure> figureAt(const QModelIndex &index) const;
    QString keyAt(int row) const;
    // A short name of a column's figure, for the drill-down's caption.
    static QString figureName(dashboard::Figure figure, int noContactDays);
    // The row of a counselor's key, or the total row for "".
    int rowOfKey(const QString &key) const;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

private:
    DashboardFigures m_figures;
};

} // namespace pathway
