#include "account/PasswordDialogs.h"

#include "ErrorLabel.h"
#include "account/PasswordFields.h"
#include "pathway/storage/Accounts.h"
#include "pathway/storage/Database.h"

#include <QApplication>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace pathway {

namespace {

// OK (named `okText`) and Cancel under `layout`, wired to `dialog`.
void addButtons(QDialog *dialog, QVBoxLayout *layout, const QString &okText)
{
    auto *buttons = new QDialogButtonBox(dialog);
    QPushButton *ok = buttons->addButton(okText, QDialogButtonBox::AcceptRole);
    ok->setObjectName(QStringLiteral("okPushButton"));
    ok->setDefault(true);
    QPushButton *cancel = buttons->addButton(QDialogButtonBox::Cancel);
    cancel->setObjectName(QStringLiteral("cancelPushButton"));
    QObject::connect(buttons, &QDialogButtonBox::accepted, dialog, &QDialog::accept);
    QObject::connect(buttons, &QDialogButtonBox::rejected, dialog, &QDialog::reject);
    layout->addStretch(1);
    layout->addWidget(buttons);
}

QLineEdit *addLine(QFormLayout *form, QWidget *owner, const QString &label, const QString &name,
                   const QString &accessible)
{
    auto *edit = new QLineEdit(owner);
    edit->setObjectName(name);
    edit->setAccessibleName(accessible);
    auto *l = new QLabel(label, owner);
    l->setBuddy(edit);
    form->addRow(l, edit);
    return edit;
}

// Runs `work` (which hashes a password, a third of a second) under a wait cursor.
template <typename F> auto busy(F work)
{
    QApplication::setOverrideCursor(Qt::WaitCursor);
    auto result = work();
    QApplication::restoreOverrideCursor();
    return result;
}

} // namespace

CreateUserDialog::CreateUserDialog(Database &db, QWidget *parent) : QDialog(parent), m_db(db)
{
    setObjectName(QStringLiteral("createUserDialog"));
    setWindowTitle(tr("Create user"));
    auto *intro = new QLabel(tr("The new user signs in with this user name and password; tell "
                                "them the password in person and ask them to change it "
                                "(File > Change Password)."),
                             this);
    intro->setWordWrap(true);
    auto *form = new QFormLayout;
    form->setFieldGrowthPolicy(QFormLayout::ExpandingFieldsGrow);
    m_userName =
        addLine(form, this, tr("&User name:"), QStringLiteral("userNameLineEdit"), tr("User name"));
    m_userName->setPlaceholderText(tr("lower case, e.g. jsmith"));
    m_displayName = addLine(form, this, tr("&Display name:"), QStringLiteral("displayNameLineEdit"),
                            tr("Display name"));
    m_displayName->setPlaceholderText(tr("e.g. Jordan Smith"));
    m_role = new QComboBox(this);
    m_role->setObjectName(QStringLiteral("roleComboBox"));
    m_role->setAccessibleName(tr("Role"));
    for (Role role : {Role::Counselor, Role::Supervisor, Role::Admin})
        m_role->addItem(roleLabel(role), roleCode(role));
    auto *roleLabelWidget = new QLabel(tr("&Role:"), this);
    roleLabelWidget->setBuddy(m_role);
    form->addRow(roleLabelWidget, m_role);
    auto *roleHelp = new QLabel(tr("Counselors see their own clients; supervisors see every "
                                   "client, review plans, reassign clients and read the audit "
                                   "trail; administrators also manage users and the agency "
                                   "settings."),
                                this);
    roleHelp->setWordWrap(true);
    form->addRow(QString(), roleHelp);
    m_password = new PasswordFields(form, tr("&Password:"), QStringLiteral("new"), this);
    m_error = new ErrorLabel(QStringLiteral("errorLabel"), this);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addLayout(form);
    layout->addWidget(m_error);
    addButtons(this, layout, tr("&Create user"));
    setMinimumWidth(500);
}

QString CreateUserDialog::errorText() const
{
    return m_error->message();
}

void CreateUserDialog::accept()
{
    const QString name = m_userName->text().trimmed();
    const QString display = m_displayName->text().trimmed();
    if (name.isEmpty()) {
        m_error->showMessage(tr("Type a user name."));
        m_userName->setFocus();
        return;
    }
    if (display.isEmpty()) {
        m_error->showMessage(tr("Type a display name (the name others see)."));
        m_displayName->setFocus();
        return;
    }
    if (const QString problem = m_password->problem(); !problem.isEmpty()) {
        m_error->showMessage(problem);
        m_password->first()->setFocus();
        return;
    }
    Role role = Role::Counselor;
    roleFromCode(m_role->currentData().toString(), role);
    auto created = busy(
        [&] { return accounts::createUser(m_db, name, display, role, m_password->password()); });
    if (!created) {
        m_error->showMessage(created.error().message);
        return;
    }
    m_password->clear();
    m_created = created.value();
    QDialog::accept();
}

ResetPasswordDialog::ResetPasswordDialog(Database &db, const User &user, QWidget *parent)
    : QDialog(parent), m_db(db), m_username(user.username)
{
    setObjectName(QStringLiteral("resetPasswordDialog"));
    setWindowTitle(tr("Reset password"));
    auto *intro = new QLabel(tr("A new password for %1 (%2). Tell them in person and ask them "
                                "to change it (File > Change Password).")
                                 .arg(user.displayName.toHtmlEscaped(), user.username),
                             this);
    intro->setWordWrap(true);
    auto *form = new QFormLayout;
    form->setFieldGrowthPolicy(QFormLayout::ExpandingFieldsGrow);
    m_password = new PasswordFields(form, tr("&New password:"), QStringLiteral("new"), this);
    m_error = new ErrorLabel(QStringLiteral("errorLabel"), this);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addLayout(form);
    layout->addWidget(m_error);
    addButtons(this, layout, tr("&Set password"));
    setMinimumWidth(460);
}

QString ResetPasswordDialog::errorText() const
{
    return m_error->message();
}

void ResetPasswordDialog::accept()
{
    if (const QString problem = m_password->problem(); !problem.isEmpty()) {
        m_error->showMessage(problem);
        m_password->first()->setFocus();
        return;
    }
    const Status done =
        busy([&] { return accounts::resetPassword(m_db, m_username, m_password->password()); });
    if (!done) {
        m_error->showMessage(done.error().message);
        return;
    }
    m_password->clear();
    QDialog::accept();
}

ChangePasswordDialog::ChangePasswordDialog(Database &db, QWidget *parent)
    : QDialog(parent), m_db(db)
{
    setObjectName(QStringLiteral("changePasswordDialog"));
    setWindowTitle(tr("Change password"));
    auto *form = new QFormLayout;
    form->setFieldGrowthPolicy(QFormLayout::ExpandingFieldsGrow);
    m_current = addLine(form, this, tr("C&urrent password:"),
                        QStringLiteral("currentPasswordLineEdit"), tr("Current password"));
    m_current->setEchoMode(QLineEdit::Password);
    m_password = new PasswordFields(form, tr("&New password:"), QStringLiteral("new"), this);
    m_error = new ErrorLabel(QStringLiteral("errorLabel"), this);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_error);
    addButtons(this, layout, tr("&Change password"));
    setMinimumWidth(460);
}

QString ChangePasswordDialog::errorText() const
{
    return m_error->message();
}

void ChangePasswordDialog::accept()
{
    if (m_current->text().isEmpty()) {
        m_error->showMessage(tr("Type your current password."));
        m_current->setFocus();
        return;
    }
    if (const QString problem = m_password->problem(); !problem.isEmpty()) {
        m_error->showMessage(problem);
        m_password->first()->setFocus();
        return;
    }
    const Status done = busy([&] {
        return accounts::changeOwnPassword(m_db, m_current->text(), m_password->password());
    });
    m_current->clear();
    if (!done) {
        m_error->showMessage(done.error().message);
        m_current->setFocus();
        return;
    }
    m_password->clear();
    QDialog::accept();
}

} // namespace pathway
