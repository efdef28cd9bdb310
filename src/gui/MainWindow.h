#pragma once

#include <QMainWindow>

class QComboBox;
class QLabel;
class QLineEdit;
class QTableView;
class QTimer;

namespace pathway {

class CaseloadModel;
class CaseloadRepository;
class Database;

// The caseload window: search and filters over the list of clients.
class MainWindow : public QMainWindow
{
    Q_OBJECT
public:
    MainWindow(Database &db, QWidget *parent = nullptr);
    ~MainWindow() override;

    CaseloadModel *caseloadModel() const { return m_model; }

protected:
    void closeEvent(QCloseEvent *event) override;

private:
    void buildActions();
    void applyFilter();
    void updateStatus();

    Database &m_db;
    std::unique_ptr<CaseloadRepository> m_repository;
    CaseloadModel *m_model = nullptr;
    QLineEdit *m_search = nullptr;
    QComboBox *m_status = nullptr;
    QComboBox *m_bracket = nullptr;
    QComboBox *m_barrier = nullptr;
    QTableView *m_table = nullptr;
    QLabel *m_count = nullptr;
    QTimer *m_searchDelay = nullptr;
};

} // namespace pathway
