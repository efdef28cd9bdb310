#include "supervisor/ReassignDialog.h"

#include "ErrorDialog.h"
#include "ErrorLabel.h"
#include "pathway/storage/Accounts.h"
#include "pathway/storage/Database.h"
#include "pathway/storage/Supervision.h"
#include "pathway/storage/UserNames.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QMessageBox>
#include <QPushButton>
#include <QVBoxLayout>

#include <algorithm>

namespace pathway {

namespace {
// "Ana García", "Ana García and Bảo Nguyễn", "4 counselors"; "no counselor"
// for unassigned clients. `names` are user names.
QString describeCounselors(const QStringList &names, const UserNames &people)
{
    QStringList distinct;
    for (const QString &n : names) {
        const QString name = n.isEmpty() ? QObject::tr("no counselor") : people.label(n);
        if (!distinct.contains(name))
            distinct << name;
    }
    std::sort(distinct.begin(), distinct.end(), [](const QString &a, const QString &b) {
        return QString::localeAwareCompare(a, b) < 0;
    });
    if (distinct.size() == 1)
        return distinct.first();
    if (distinct.size() == 2)
        return QObject::tr("%1 and %2").arg(distinct[0], distinct[1]);
    return QObject::tr("%1 counselors").arg(distinct.size());
}
} // namespace

ReassignDialog::ReassignDialog(Database &db, QVector<qint64> clientIds,
                               const QStringList &fromCounselors, QWidget *parent)
    : QDialog(parent), m_db(db), m_ids(std::move(clientIds))
{
    if (auto names = UserNames::load(db))
        m_names = names.value();
    m_from = describeCounselors(fromCounselors, m_names);
    setObjectName(QStringLiteral("reassignDialog"));
    setWindowTitle(tr("Reassign clients"));

    auto *intro = new QLabel(
        (m_ids.size() == 1
             ? tr("Give the selected client, now with %1, to another counselor.").arg(m_from)
             : tr("Give the %1 selected clients, now with %2, to another counselor.")
                   .arg(m_ids.size())
                   .arg(m_from)) +
            QLatin1Char(' ') + tr("Their plans, notes and history go with them."),
        this);
    intro->setObjectName(QStringLiteral("reassignIntroLabel"));
    intro->setWordWrap(true);

    m_target = new QComboBox(this);
    m_target->setObjectName(QStringLiteral("targetCounselorComboBox"));
    m_target->setAccessibleName(tr("New counselor"));
    m_error = new ErrorLabel(QStringLiteral("errorLabel"), this);

    auto users = accounts::users(db);
    if (!users) {
        m_error->showMessage(users.error().message);
    } else {
        for (const User &u : users.value()) {
            if (u.active && u.role == Role::Counselor)
                m_target->addItem(displayLabel(u, NameForm::WithUserName), u.username);
        }
        if (m_target->count() == 0) {
            m_error->showMessage(tr("There is no active counselor to give the clients to. An "
                                    "administrator adds counselors in Admin > Users."));
        }
    }

    auto *form = new QFormLayout;
    form->setFieldGrowthPolicy(QFormLayout::ExpandingFieldsGrow);
    auto *label = new QLabel(tr("&New counselor:"), this);
    label->setBuddy(m_target);
    form->addRow(label, m_target);

    auto *buttons = new QDialogButtonBox(this);
    m_ok = buttons->addButton(tr("&Reassign…"), QDialogButtonBox::AcceptRole);
    m_ok->setObjectName(QStringLiteral("reassignPushButton"));
    m_ok->setDefault(true);
    m_ok->setEnabled(m_target->count() > 0 && !m_ids.isEmpty());
    QPushButton *cancel = buttons->addButton(QDialogButtonBox::Cancel);
    cancel->setObjectName(QStringLiteral("cancelPushButton"));
    connect(buttons, &QDialogButtonBox::accepted, this, &ReassignDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addLayout(form);
    layout->addWidget(m_error);
    layout->addStretch(1);
    layout->addWidget(buttons);
    setMinimumWidth(480);
}

bool ReassignDialog::hasTargets() const
{
    return m_target->count() > 0;
}

bool ReassignDialog::setTarget(const QString &username)
{
    const int index = m_target->findData(username);
    if (index < 0)
        return false;
    m_target->setCurrentIndex(index);
    return true;
}

QString ReassignDialog::target() const
{
    return m_target->currentData().toString();
}

void ReassignDialog::accept()
{
    const QString to = target();
    if (to.isEmpty() || m_ids.isEmpty())
        return;
    const QString toName = m_names.label(to);
    QMessageBox box(
        QMessageBox::Question, tr("Reassign clients"),
        m_ids.size() == 1
            ? tr("Reassign 1 client from %1 to %2?").arg(m_from, toName)
            : tr("Reassign %1 clients from %2 to %3?").arg(m_ids.size()).arg(m_from, toName),
        QMessageBox::NoButton, this);
    box.setObjectName(QStringLiteral("confirmReassignMessageBox"));
    box.setInformativeText(tr("Each change is recorded in the audit trail."));
    QPushButton *yes = box.addButton(tr("&Reassign"), QMessageBox::AcceptRole);
    yes->setObjectName(QStringLiteral("confirmReassignPushButton"));
    QPushButton *no = box.addButton(QMessageBox::Cancel);
    no->setObjectName(QStringLiteral("cancelReassignPushButton"));
    box.setDefaultButton(yes);
    box.exec();
    if (box.clickedButton() != yes)
        return;
    auto changed = supervision::reassign(m_db, m_ids, to);
    if (!changed) {
        ErrorDialog::show(this, tr("reassign the clients"), changed.error());
        return;
    }
    m_changed = changed.value();
    QDialog::accept();
}

} // namespace pathway
