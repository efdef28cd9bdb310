#include "account/FirstRunDialog.h"

#include "ErrorLabel.h"
#include "Settings.h"
#include "account/PasswordFields.h"
#include "pathway/core/DemoGenerator.h"
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

FirstRunDialog::FirstRunDialog(Database &db, QWidget *parent) : QDialog(parent), m_db(db)
{
    setObjectName(QStringLiteral("firstRunDialog"));
    setWindowTitle(tr("Set up Pathway"));

    auto *intro = new QLabel(
        tr("<h3>Welcome to Pathway</h3>"
           "<p>This database has no administrator yet. Create the administrator's account: "
           "the administrator adds the counselors and supervisors (Admin &gt; Users) and "
           "sets up the agency (Admin &gt; Agency Settings).</p>"),
        this);
    intro->setWordWrap(true);
    auto *where = new QLabel(tr("Database: %1").arg(db.path()), this);
    where->setObjectName(QStringLiteral("databasePathLabel"));
    where->setWordWrap(true);
    where->setTextInteractionFlags(Qt::TextSelectableByMouse);

    m_userName = new QLineEdit(QStringLiteral("admin"), this);
    m_userName->setObjectName(QStringLiteral("userNameLineEdit"));
    m_userName->setAccessibleName(tr("User name"));
    m_displayName = new QLineEdit(this);
    m_displayName->setObjectName(QStringLiteral("displayNameLineEdit"));
    m_displayName->setAccessibleName(tr("Display name"));
    m_displayName->setPlaceholderText(tr("Your name, as others see it"));

    auto *form = new QFormLayout;
    form->setFieldGrowthPolicy(QFormLayout::ExpandingFieldsGrow);
    auto *nameLabel = new QLabel(tr("&User name:"), this);
    nameLabel->setBuddy(m_userName);
    auto *displayLabel = new QLabel(tr("&Display name:"), this);
    displayLabel->setBuddy(m_displayName);
    form->addRow(nameLabel, m_userName);
    form->addRow(displayLabel, m_displayName);
    m_password = new PasswordFields(form, tr("&Password:"), QStringLiteral("new"), this);

    QStringList demoNames;
    for (const DemoUser &u : demoUsers())
        demoNames << QString::fromLatin1(u.username);
    m_demoNote = new QLabel(tr("<b>Demo:</b> the demo users %1 (counselors and a supervisor, "
                               "see the user guide) get this same password.")
                                .arg(demoNames.join(QStringLiteral(", "))),
                            this);
    m_demoNote->setObjectName(QStringLiteral("demoNoteLabel"));
    m_demoNote->setWordWrap(true);
    m_demoNote->hide();

    m_error = new ErrorLabel(QStringLiteral("firstRunErrorLabel"), this);

    auto *buttons = new QDialogButtonBox(this);
    m_create = buttons->addButton(tr("&Create administrator"), QDialogButtonBox::AcceptRole);
    m_create->setObjectName(QStringLiteral("createPushButton"));
    m_create->setDefault(true);
    QPushButton *quit = buttons->addButton(tr("&Quit"), QDialogButtonBox::RejectRole);
    quit->setObjectName(QStringLiteral("quitPushButton"));
    connect(buttons, &QDialogButtonBox::accepted, this, &FirstRunDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &FirstRunDialog::reject);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addWidget(where);
    layout->addSpacing(6);
    layout->addLayout(form);
    layout->addWidget(m_demoNote);
    layout->addWidget(m_error);
    layout->addStretch(1);
    layout->addWidget(buttons);
    setMinimumWidth(520);
    m_displayName->setFocus();
}

void FirstRunDialog::setDemoNote(bool shown)
{
    m_demoNote->setVisible(shown);
}

QString FirstRunDialog::password() const
{
    return m_password->password();
}

void FirstRunDialog::forget()
{
    m_password->clear();
}

QString FirstRunDialog::errorText() const
{
    return m_error->message();
}

void FirstRunDialog::showError(const QString &message)
{
    m_error->showMessage(message);
}

void FirstRunDialog::accept()
{
    const QString name = m_userName->text().trimmed();
    const QString display = m_displayName->text().trimmed();
    if (name.isEmpty()) {
        showError(tr("Type a user name for the administrator, e.g. admin."));
        m_userName->setFocus();
        return;
    }
    if (display.isEmpty()) {
        showError(tr("Type the administrator's display name (the name others see)."));
        m_displayName->setFocus();
        return;
    }
    if (const QString problem = m_password->problem(); !problem.isEmpty()) {
        showError(problem);
        m_password->first()->setFocus();
        return;
    }
    m_create->setEnabled(false);
    QApplication::setOverrideCursor(Qt::WaitCursor);
    auto created = accounts::createFirstAdmin(m_db, name, display, m_password->password());
    // Signing in records it in the audit trail, like every later sign-in.
    Result<User> signedIn =
        created ? accounts::signIn(m_db, name, m_password->password()) : Result<User>(created);
    QApplication::restoreOverrideCursor();
    m_create->setEnabled(true);
    if (!created) {
        showError(created.error().message);
        return;
    }
    if (!signedIn) {
        showError(signedIn.error().message);
        return;
    }
    m_user = signedIn.value();
    Settings().setLastUserName(name);
    showError(QString());
    QDialog::accept();
}

} // namespace pathway
