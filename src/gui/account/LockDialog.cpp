#include "account/LockDialog.h"

#include "ErrorLabel.h"
#include "account/RetryCountdown.h"
#include "pathway/storage/Accounts.h"
#include "pathway/storage/Database.h"

#include <QApplication>
#include <QCloseEvent>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace pathway {

LockDialog::LockDialog(Database &db, const QString &who, Reason reason, QWidget *parent)
    : QDialog(parent), m_db(db)
{
    setObjectName(QStringLiteral("lockDialog"));
    setWindowTitle(tr("Locked"));
    // No close button: the only ways out are the password and signing out.
    setWindowFlags(Qt::Dialog | Qt::CustomizeWindowHint | Qt::WindowTitleHint);

    auto *title = new QLabel(tr("<h3>Pathway is locked</h3>"), this);
    const QString person = who.toHtmlEscaped();
    auto *intro = new QLabel(
        reason == Idle
            ? tr("Pathway locked itself after a time without use, to keep clients' details from "
                 "view. %1 is signed in: type the password to carry on where you left off.")
                  .arg(person)
            : tr("%1 locked Pathway, to keep clients' details from view: type the password to "
                 "carry on where you left off.")
                  .arg(person),
        this);
    intro->setObjectName(QStringLiteral("lockIntroLabel"));
    intro->setWordWrap(true);
    m_password = new QLineEdit(this);
    m_password->setObjectName(QStringLiteral("passwordLineEdit"));
    m_password->setAccessibleName(tr("Password"));
    m_password->setEchoMode(QLineEdit::Password);
    m_error = new ErrorLabel(QStringLiteral("lockErrorLabel"), this);

    auto *form = new QFormLayout;
    auto *label = new QLabel(tr("&Password:"), this);
    label->setBuddy(m_password);
    form->addRow(label, m_password);

    auto *buttons = new QDialogButtonBox(this);
    m_unlock = buttons->addButton(tr("&Unlock"), QDialogButtonBox::AcceptRole);
    m_unlock->setObjectName(QStringLiteral("unlockPushButton"));
    m_unlock->setDefault(true);
    QPushButton *signOut = buttons->addButton(tr("&Sign out instead"), QDialogButtonBox::ResetRole);
    signOut->setObjectName(QStringLiteral("signOutPushButton"));
    signOut->setToolTip(tr("Close every client window and sign out; intake interviews are kept "
                           "as drafts, unsaved profile changes are lost"));
    signOut->setAutoDefault(false);
    connect(m_unlock, &QPushButton::clicked, this, &LockDialog::accept);
    connect(signOut, &QPushButton::clicked, this, &LockDialog::signOutRequested);
    m_countdown = new RetryCountdown(m_unlock, m_error, this);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(title);
    layout->addWidget(intro);
    layout->addLayout(form);
    layout->addWidget(m_error);
    layout->addStretch(1);
    layout->addWidget(buttons);
    setMinimumWidth(460);
    m_password->setFocus();
}

QString LockDialog::errorText() const
{
    return m_error->message();
}

void LockDialog::showError(const QString &message)
{
    m_error->showMessage(message);
}

void LockDialog::accept()
{
    if (m_countdown->isRunning())
        return;
    if (m_password->text().isEmpty()) {
        showError(tr("Type your password."));
        m_password->setFocus();
        return;
    }
    m_unlock->setEnabled(false);
    QApplication::setOverrideCursor(Qt::WaitCursor);
    const Status confirmed = accounts::confirmPassword(m_db, m_password->text());
    QApplication::restoreOverrideCursor();
    m_unlock->setEnabled(true);
    m_password->clear();
    if (!confirmed) {
        const Error &error = confirmed.error();
        showError(error.message);
        if (const int wait = RetryCountdown::secondsToWait(error); wait > 0)
            m_countdown->start(wait, error.code == Error::Code::Forbidden
                                         ? accounts::wrongPasswordText()
                                         : QString());
        m_password->setFocus();
        return;
    }
    showError(QString());
    Q_EMIT unlocked();
}

void LockDialog::closeEvent(QCloseEvent *event)
{
    event->ignore();
}

} // namespace pathway
