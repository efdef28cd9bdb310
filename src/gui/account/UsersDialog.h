#pragma once

#include "pathway/core/User.h"

#include <QDialog>
#include <QVector>

#include <optional>

class QLabel;
class QPushButton;
class QTableWidget;

namespace pathway {

class Database;

// Admin > Users: every account with its role and whether it may sign in;
// create one, deactivate or reactivate one (not your own), reset a password.
class UsersDialog : public QDialog
{
    Q_OBJECT
public:
    enum Column
    {
        UserNameColumn,
        DisplayNameColumn,
        RoleColumn,
        StatusColumn,
        ColumnCount
    };

    explicit UsersDialog(Database &db, QWidget *parent = nullptr);

    // Reads the users again; false (after a message) when refused.
    bool reload();
    const QVector<User> &users() const { return m_users; }
    // What the last action did ("agarcia was deactivated."), for the status line.
    QString message() const;
    // Selects the row of `username`; false when there is none.
    bool select(const QString &username);
    std::optional<User> selected() const;

    void createUser();
    void toggleActive();
    void resetPassword();

private:
    void updateButtons();

    Database &m_db;
    QTableWidget *m_table;
    QPushButton *m_create;
    QPushButton *m_toggle;
    QPushButton *m_reset;
    QLabel *m_count;
    QLabel *m_message; // what the last action did
    QVector<User> m_users;
};

} // namespace pathway
