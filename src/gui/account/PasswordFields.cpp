#include "account/PasswordFields.h"

#include "pathway/storage/Accounts.h"

#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>

namespace pathway {

PasswordFields::PasswordFields(QFormLayout *form, const QString &label, const QString &prefix,
                               QWidget *owner)
    : QObject(owner)
{
    m_first = new QLineEdit(owner);
    m_first->setObjectName(prefix + QStringLiteral("PasswordLineEdit"));
    m_first->setEchoMode(QLineEdit::Password);
    m_first->setAccessibleName(tr("New password"));
    m_second = new QLineEdit(owner);
    m_second->setObjectName(prefix + QStringLiteral("ConfirmLineEdit"));
    m_second->setEchoMode(QLineEdit::Password);
    m_second->setAccessibleName(tr("New password again"));
    m_rule = new QLabel(tr("At least %1 characters. Several words you will remember "
                           "(\"river lamp orange 42\") are stronger than a short jumble.")
                            .arg(accounts::kMinPasswordLength),
                        owner);
    m_rule->setObjectName(prefix + QStringLiteral("RuleLabel"));
    m_rule->setWordWrap(true);
    // Wrapped labels take the field column's width, not the narrowest they fit.
    m_rule->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Preferred);
    m_problem = new QLabel(owner);
    m_problem->setObjectName(prefix + QStringLiteral("PasswordProblemLabel"));
    m_problem->setWordWrap(true);
    m_problem->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Preferred);
    m_problem->setStyleSheet(QStringLiteral("color: #b00020;"));
    m_problem->hide();

    auto *firstLabel = new QLabel(label, owner);
    firstLabel->setBuddy(m_first);
    auto *secondLabel = new QLabel(tr("A&gain:"), owner);
    secondLabel->setBuddy(m_second);
    form->addRow(firstLabel, m_first);
    form->addRow(secondLabel, m_second);
    form->addRow(QString(), m_rule);
    form->addRow(QString(), m_problem);

    connect(m_first, &QLineEdit::textChanged, this, &PasswordFields::update);
    connect(m_second, &QLineEdit::textChanged, this, &PasswordFields::update);
}

QString PasswordFields::password() const
{
    return m_first->text();
}

QString PasswordFields::problem() const
{
    if (m_first->text().isEmpty())
        return tr("Type the new password.");
    if (const Status ok = accounts::checkPassword(m_first->text()); !ok)
        return ok.error().message;
    if (m_second->text().isEmpty())
        return tr("Type the new password again, to be sure it is what you meant.");
    if (m_first->text() != m_second->text())
        return tr("The two passwords differ.");
    return {};
}

void PasswordFields::clear()
{
    m_first->clear();
    m_second->clear();
}

void PasswordFields::update()
{
    // Say what is wrong once there is something to judge: a rule broken by
    // the first password, or a second one that does not match it.
    QString shown;
    if (!m_first->text().isEmpty()) {
        if (const Status ok = accounts::checkPassword(m_first->text()); !ok)
            shown = ok.error().message;
        else if (!m_second->text().isEmpty() && m_first->text() != m_second->text())
            shown = tr("The two passwords differ.");
    }
    m_problem->setText(shown);
    m_problem->setVisible(!shown.isEmpty());
    Q_EMIT changed();
}

} // namespace pathway
