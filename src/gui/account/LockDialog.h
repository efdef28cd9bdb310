#pragma once

#include <QDialog>

class QLineEdit;
class QPushButton;

namespace pathway {

class Database;
class ErrorLabel;
class RetryCountdown;

// Shown while the screen is locked (after a time without input, or by the
// user): asks the signed-in user's password again (accounts::confirmPassword,
// with the same back-off as sign-in) or signs out. Escape and the close
// button do nothing.
class LockDialog : public QDialog
{
    Q_OBJECT
public:
    // Why the screen is locked, said in the dialog.
    enum Reason
    {
        Idle,  // the agency's time without input passed
        ByUser // File > Lock Screen (Ctrl+L)
    };
    // `who` names the signed-in user ("Ana García (agarcia)").
    LockDialog(Database &db, const QString &who, Reason reason, QWidget *parent = nullptr);

    QString errorText() const;

Q_SIGNALS:
    void unlocked();
    void signOutRequested();

public Q_SLOTS:
    void accept() override;
    void reject() override {}

protected:
    void closeEvent(QCloseEvent *event) override;

private:
    void showError(const QString &message);

    Database &m_db;
    QLineEdit *m_password;
    ErrorLabel *m_error;
    QPushButton *m_unlock;
    RetryCountdown *m_countdown;
};

} // namespace pathway
