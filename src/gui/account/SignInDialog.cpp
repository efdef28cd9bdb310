#include "account/SignInDialog.h"

#include "ErrorLabel.h"
#include "Settings.h"
#include "account/RetryCountdown.h"
#include "pathway/report/ReportSettings.h"
#include "pathway/storage/Accounts.h"
#include "pathway/storage/Database.h"

#include <QApplication>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace pathway {

SignInDialog::SignInDialog(Database &db, QWidget *parent) : QDialog(parent), m_db(db)
{
    setObjectName(QStringLiteral("signInDialog"));
    setWindowTitle(tr("Sign in"));

    auto *title = new QLabel(tr("<h2>Pathway</h2>"), this);
    title->setObjectName(QStringLiteral("signInTitleLabel"));
    const auto report = ReportSettings::load();
    const QString agency = report ? report->agencyName : QString();
    auto *intro = new QLabel(agency.isEmpty()
                                 ? tr("Sign in with your user name and password.")
                                 : tr("%1: sign in with your user name and password.").arg(agency),
                             this);
    intro->setWordWrap(true);

    m_userName = new QLineEdit(this);
    m_userName->setObjectName(QStringLiteral("userNameLineEdit"));
    m_userName->setAccessibleName(tr("User name"));
    m_password = new QLineEdit(this);
    m_password->setObjectName(QStringLiteral("passwordLineEdit"));
    m_password->setAccessibleName(tr("Password"));
    m_password->setEchoMode(QLineEdit::Password);
    m_error = new ErrorLabel(QStringLiteral("signInErrorLabel"), this);

    auto *form = new QFormLayout;
    auto *nameLabel = new QLabel(tr("&User name:"), this);
    nameLabel->setBuddy(m_userName);
    auto *passwordLabel = new QLabel(tr("&Password:"), this);
    passwordLabel->setBuddy(m_password);
    form->addRow(nameLabel, m_userName);
    form->addRow(passwordLabel, m_password);

    auto *buttons = new QDialogButtonBox(this);
    m_signIn = buttons->addButton(tr("&Sign in"), QDialogButtonBox::AcceptRole);
    m_signIn->setObjectName(QStringLiteral("signInPushButton"));
    m_signIn->setDefault(true);
    QPushButton *quit = buttons->addButton(tr("&Quit"), QDialogButtonBox::RejectRole);
    quit->setObjectName(QStringLiteral("quitPushButton"));
    connect(buttons, &QDialogButtonBox::accepted, this, &SignInDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &SignInDialog::reject);
    m_countdown = new RetryCountdown(m_signIn, m_error, this);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(title);
    layout->addWidget(intro);
    layout->addSpacing(6);
    layout->addLayout(form);
    layout->addWidget(m_error);
    layout->addStretch(1);
    layout->addWidget(buttons);
    setMinimumWidth(420);

    setUserName(Settings().lastUserName());
}

void SignInDialog::setUserName(const QString &userName)
{
    m_userName->setText(userName);
    (userName.isEmpty() ? m_userName : m_password)->setFocus();
}

QString SignInDialog::errorText() const
{
    return m_error->message();
}

void SignInDialog::showError(const QString &message)
{
    m_error->showMessage(message);
}

void SignInDialog::accept()
{
    if (m_countdown->isRunning())
        return;
    const QString name = m_userName->text().trimmed();
    if (name.isEmpty()) {
        showError(tr("Type your user name."));
        m_userName->setFocus();
        return;
    }
    if (m_password->text().isEmpty()) {
        showError(tr("Type your password."));
        m_password->setFocus();
        return;
    }
    // Checking a password takes about a third of a second, on purpose.
    m_signIn->setEnabled(false);
    QApplication::setOverrideCursor(Qt::WaitCursor);
    auto signedIn = accounts::signIn(m_db, name, m_password->text());
    QApplication::restoreOverrideCursor();
    m_signIn->setEnabled(true);
    m_password->clear();
    if (!signedIn) {
        const Error &error = signedIn.error();
        showError(error.message);
        // The failure that starts a wait says so at once, and the button
        // stays disabled while it lasts.
        if (const int wait = RetryCountdown::secondsToWait(error); wait > 0)
            m_countdown->start(wait, error.code == Error::Code::Forbidden
                                         ? accounts::wrongSignInText()
                                         : QString());
        m_password->setFocus();
        return;
    }
    m_user = signedIn.value();
    Settings().setLastUserName(name);
    showError(QString());
    QDialog::accept();
}

} // namespace pathway
