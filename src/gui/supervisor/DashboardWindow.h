#pragma once

#include "pathway/storage/CaseloadRepository.h"
#include "pathway/storage/Dashboard.h"

#include <QDate>
#include <QMainWindow>

#include <optional>

class QAction;
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
    // Something changed elsewhere (a note, a plan edit): the figures are
    // read again now if this window is the active one, else when it next is.
    void setStale();
    bool isStale() const { return m_stale; }
    // Reassigns the clients selected in the list below (a confirmation
    // first); the figures are read again afterwards.
    void reassignSelected();
    // The clients selected in the list below, top to bottom.
    QVector<qint64> selectedClients() const;
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
    // Clients were given to another counselor from here.
    void clientsReassigned();

protected:
    void changeEvent(QEvent *event) override;
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void buildFilterBar(QWidget *bar);
    void fillCounselors();
    void readFilter();
    void apply();
    void updateCharts();
    void listCell(const QModelIndex &index);
    void fitTable();
    void fitListColumns();
    // Only the figure listed below shows as chosen: its table cell or its
    // chart bar, not an earlier one.
    void showListedFigure();

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
    int m_listedChart = -1;  // the chart whose bar is listed, or -1
    bool m_stale = false;
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
    QAction *m_reassignAction = nullptr;
};

} // namespace pathway
