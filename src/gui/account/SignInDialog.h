#pragma once

#include "pathway/core/User.h"

#include <QDialog>

#include <optional>

class QLineEdit;
class QPushButton;

namespace pathway {

class Database;
class ErrorLabel;
class RetryCountdown;

// Asks for a user name and password and signs in (accounts::signIn). A
// wrong name or password is said under the fields and the dialog stays;
// after too many failures the button stays disabled while a countdown runs.
// Quit (Cancel) rejects.
class SignInDialog : public QDialog
{
    Q_OBJECT
public:
    explicit SignInDialog(Database &db, QWidget *parent = nullptr);

    // The user signed in, once accepted.
    const std::optional<User> &user() const { return m_user; }
    // The message shown under the fields, empty when none.
    QString errorText() const;
    void setUserName(const QString &userName);
    // Shows `message` under the fields (empty hides it).
    void showError(const QString &message);

public Q_SLOTS:
    void accept() override;

private:
    Database &m_db;
    QLineEdit *m_userName;
    QLineEdit *m_password;
    ErrorLabel *m_error;
    QPushButton *m_signIn;
    RetryCountdown *m_countdown;
    std::optional<User> m_user;
};

} // namespace pathway
