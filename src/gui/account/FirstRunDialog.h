#pragma once

#include "pathway/core/User.h"

#include <QDialog>

#include <optional>

class QLabel;
class QLineEdit;
class QPushButton;

namespace pathway {

class Database;
class ErrorLabel;
class PasswordFields;

// The first run on a database without an administrator: creates the admin
// account (accounts::createFirstAdmin) and signs it in. Enter accepts,
// Cancel (Quit) rejects.
class FirstRunDialog : public QDialog
{
    Q_OBJECT
public:
    explicit FirstRunDialog(Database &db, QWidget *parent = nullptr);

    // Says that the demo users get the same password (pathway --demo).
    void setDemoNote(bool shown);

    // The admin created and signed in, once accepted.
    const std::optional<User> &user() const { return m_user; }
    // The password typed, until forget() (the demo users get it too).
    QString password() const;
    void forget();
    QString errorText() const;

public Q_SLOTS:
    void accept() override;

private:
    void showError(const QString &message);

    Database &m_db;
    QLineEdit *m_userName;
    QLineEdit *m_displayName;
    PasswordFields *m_password;
    QLabel *m_demoNote;
    ErrorLabel *m_error;
    QPushButton *m_create;
    std::optional<User> m_user;
};

} // namespace pathway
