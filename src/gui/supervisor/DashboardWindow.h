#pragma once

#include "pathway/storage/CaseloadRepository.h"
#include "pathway/storage/Dashboard.h"

#include <QDate>
#include <QMainWindow>

#include <optional>

class QCheckBox;
class QComboBox;
class QLabel;
class QSpinBox;
class QTableView;

namespace pathway {

class ClientListModel;
class DashboardChart;
class DashboardTableModel;
class Database;

// The supervisor dashboard: figures per counselor and for the agency
// (active clients, plans awaiting review, overdue steps, clients without
// contact, plan completion), four charts, and the clients behind any figure
// or bar. It counts what the signed-in user may see: a counselor who opens it
// sees their own figures only.
//
// The facts are read once (DashboardSnapshot) and again on Refresh (F5), when
// the day changes or another user signs in; a filter change is computed in
// memory, without reading the database.
class DashboardWindow : public QMainWindow
{
    Q_OBJECT
public:
    enum Chart
    {
        BracketChart,
        BarrierChart,
        CompletionChart,
        IntakeChart,
        ChartCount
    };

    DashboardWindow(Database &db, QWidget *parent = nullptr);

    // The day the figures are for (tests and screenshots fix it); reloads.
    void setToday(const QDate &today);
    QDate today() const { return m_today; }
    const DashboardFilter &filter() const { return m_filter; }
    // Sets the filter bar's fields and applies them.
    void setFilter(const DashboardFilter &filter);

    // Reads the facts again; false (message in the status bar) on failure.
    bool refresh();
    // Lists the clients behind one figure (what clicking a cell or bar does).
    void showClients(dashboard::Figure figure, const QString &key, const QString &caption);
    // The figure listed below, if any, and its key.
    std::optional<dashboard::Figure> listedFigure() const { return m_listed; }
    QVector<qint64> listedClients() const;

    DashboardTableModel *tableModel() const { return m_tableModel; }
    ClientListModel *clientListModel() const { return m_listModel; }
    DashboardChart *chart(Chart which) const { return m_charts[which]; }

Q_SIGNALS:
    // A client in the list was double-clicked or chosen with Enter.
    void clientActivated(qint64 clientId);

private:
    void buildFilterBar(QWidget *bar);
    void fillCounselors();
    void readFilter();
    void apply();
    void updateCharts();
    void listCell(const QModelIndex &index);
    void fitTable();

    Database &m_db;
    CaseloadRepository m_caseload;
    DashboardSnapshot m_snapshot;
    bool m_loaded = false;
    QDate m_today = QDate::currentDate();
    DashboardFilter m_filter;
    DashboardFigures m_figures;
    std::optional<dashboard::Figure> m_listed;
    QString m_listedKey;
    QString m_listedCaption;
    int m_listedColumn = -1; // the table column listed, or -1 (a chart bar)
    bool m_updatingFilter = false;
    bool m_settingCell = false;

    QComboBox *m_counselor;
    QComboBox *m_bracket;
    QComboBox *m_barrier;
    QComboBox *m_status;
    QCheckBox *m_overdueOnly;
    QSpinBox *m_noContactDays;
    QLabel *m_scopeLabel;
    DashboardTableModel *m_tableModel;
    QTableView *m_table;
    DashboardChart *m_charts[ChartCount];
    QLabel *m_listCaption;
    ClientListModel *m_listModel;
    QTableView *m_list;
};

} // namespace pathway
