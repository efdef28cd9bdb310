#pragma once

#include "pathway/core/User.h"

#include <QDialog>

class QComboBox;
class QLineEdit;
class QPushButton;

namespace pathway {

class Database;
class ErrorLabel;
class PasswordFields;

// Admin > Users > Create user: name, display name, role, password twice
// (accounts::createUser). Stays open with the reason when refused.
class CreateUserDialog : public QDialog
{
    Q_OBJECT
public:
    explicit CreateUserDialog(Database &db, QWidget *parent = nullptr);
    const User &created() const { return m_created; }
    QString errorText() const;

public Q_SLOTS:
    void accept() override;

private:
    Database &m_db;
    QLineEdit *m_userName;
    QLineEdit *m_displayName;
    QComboBox *m_role;
    PasswordFields *m_password;
    ErrorLabel *m_error;
    User m_created;
};

// Admin > Users > Reset password: a new password for `username`, twice
// (accounts::resetPassword).
class ResetPasswordDialog : public QDialog
{
    Q_OBJECT
public:
    ResetPasswordDialog(Database &db, const User &user, QWidget *parent = nullptr);
    QString errorText() const;

public Q_SLOTS:
    void accept() override;

private:
    Database &m_db;
    QString m_username;
    PasswordFields *m_password;
    ErrorLabel *m_error;
};

// File > Change Password: the current password, then the new one twice
// (accounts::changeOwnPassword).
class ChangePasswordDialog : public QDialog
{
    Q_OBJECT
public:
    explicit ChangePasswordDialog(Database &db, QWidget *parent = nullptr);
    QString errorText() const;

public Q_SLOTS:
    void accept() override;

private:
    Database &m_db;
    QLineEdit *m_current;
    PasswordFields *m_password;
    ErrorLabel *m_error;
};

} // namespace pathway
