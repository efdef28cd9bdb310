#include "account/UsersDialog.h"

#include "ErrorDialog.h"
#include "account/PasswordDialogs.h"
#include "pathway/storage/Accounts.h"
#include "pathway/storage/Database.h"

#include <QDialogButtonBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QMessageBox>
#include <QPushButton>
#include <QTableWidget>
#include <QVBoxLayout>

namespace pathway {

UsersDialog::UsersDialog(Database &db, QWidget *parent) : QDialog(parent), m_db(db)
{
    setObjectName(QStringLiteral("usersDialog"));
    setWindowTitle(tr("Users"));

    auto *intro =
        new QLabel(tr("Everyone who may sign in. A deactivated user cannot sign in; their "
                      "clients stay assigned to them until a supervisor reassigns them."),
                   this);
    intro->setWordWrap(true);
    m_table = new QTableWidget(0, ColumnCount, this);
    m_table->setObjectName(QStringLiteral("usersTableWidget"));
    m_table->setAccessibleName(tr("Users"));
    m_table->setHorizontalHeaderLabels(
        {tr("User name"), tr("Display name"), tr("Role"), tr("Status")});
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setAlternatingRowColors(true);
    m_table->verticalHeader()->hide();
    m_table->verticalHeader()->setDefaultSectionSize(m_table->fontMetrics().height() + 10);
    m_table->horizontalHeader()->setSectionResizeMode(DisplayNameColumn, QHeaderView::Stretch);
    m_table->setColumnWidth(UserNameColumn, 130);
    m_table->setColumnWidth(RoleColumn, 120);
    m_table->setColumnWidth(StatusColumn, 90);

    m_create = new QPushButton(tr("&Create user…"), this);
    m_create->setObjectName(QStringLiteral("createUserPushButton"));
    m_toggle = new QPushButton(tr("&Deactivate"), this);
    m_toggle->setObjectName(QStringLiteral("toggleActivePushButton"));
    m_reset = new QPushButton(tr("&Reset password…"), this);
    m_reset->setObjectName(QStringLiteral("resetPasswordPushButton"));
    for (QPushButton *b : {m_create, m_toggle, m_reset})
        b->setAutoDefault(false);
    connect(m_create, &QPushButton::clicked, this, &UsersDialog::createUser);
    connect(m_toggle, &QPushButton::clicked, this, &UsersDialog::toggleActive);
    connect(m_reset, &QPushButton::clicked, this, &UsersDialog::resetPassword);
    connect(m_table, &QTableWidget::itemSelectionChanged, this, &UsersDialog::updateButtons);

    auto *side = new QVBoxLayout;
    side->addWidget(m_create);
    side->addWidget(m_toggle);
    side->addWidget(m_reset);
    side->addStretch(1);
    auto *middle = new QHBoxLayout;
    middle->addWidget(m_table, 1);
    middle->addLayout(side);

    m_count = new QLabel(this);
    m_message = new QLabel(this);
    m_message->setObjectName(QStringLiteral("messageLabel"));
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    buttons->button(QDialogButtonBox::Close)->setObjectName(QStringLiteral("closePushButton"));
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto *bottom = new QHBoxLayout;
    bottom->addWidget(m_count);
    bottom->addSpacing(12);
    bottom->addWidget(m_message, 1);
    bottom->addWidget(buttons);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addLayout(middle, 1);
    layout->addLayout(bottom);
    resize(720, 420);
    reload();
}

bool UsersDialog::reload()
{
    const std::optional<User> before = selected();
    auto users = accounts::users(m_db);
    if (!users) {
        ErrorDialog::show(this, tr("list the users"), users.error());
        return false;
    }
    m_users = users.value();
    m_table->setRowCount(int(m_users.size()));
    for (int row = 0; row < m_users.size(); ++row) {
        const User &u = m_users[row];
        const QString cells[] = {u.username, u.displayName, roleLabel(u.role),
                                 u.active ? tr("Active") : tr("Inactive")};
        for (int column = 0; column < ColumnCount; ++column) {
            auto *item = new QTableWidgetItem(cells[column]);
            if (!u.active)
                item->setForeground(palette().color(QPalette::Disabled, QPalette::Text));
            m_table->setItem(row, column, item);
        }
    }
    int active = 0;
    for (const User &u : std::as_const(m_users))
        active += u.active ? 1 : 0;
    m_count->setText(m_users.size() == 1
                         ? tr("1 user, %1 active").arg(active)
                         : tr("%1 users, %2 active").arg(m_users.size()).arg(active));
    if (!before || !select(before->username))
        m_table->clearSelection();
    updateButtons();
    return true;
}

QString UsersDialog::message() const
{
    return m_message->text();
}

bool UsersDialog::select(const QString &username)
{
    for (int row = 0; row < m_users.size(); ++row) {
        if (m_users[row].username == username) {
            m_table->selectRow(row);
            m_table->setCurrentCell(row, UserNameColumn);
            return true;
        }
    }
    return false;
}

std::optional<User> UsersDialog::selected() const
{
    const QList<QTableWidgetSelectionRange> ranges = m_table->selectedRanges();
    if (ranges.isEmpty())
        return std::nullopt;
    const int row = ranges.first().topRow();
    if (row < 0 || row >= m_users.size())
        return std::nullopt;
    return m_users[row];
}

void UsersDialog::updateButtons()
{
    const std::optional<User> user = selected();
    const bool self = user && user->username == m_db.actor().username;
    m_toggle->setText(user && !user->active ? tr("Re&activate") : tr("&Deactivate"));
    m_toggle->setEnabled(user && !self);
    m_toggle->setToolTip(self ? tr("You cannot deactivate your own account") : QString());
    m_reset->setEnabled(user.has_value());
}

void UsersDialog::createUser()
{
    CreateUserDialog dialog(m_db, this);
    if (dialog.exec() != QDialog::Accepted)
        return;
    reload();
    select(dialog.created().username);
    m_message->setText(tr("%1 was created.").arg(dialog.created().username));
}

void UsersDialog::toggleActive()
{
    const std::optional<User> user = selected();
    if (!user)
        return;
    if (user->active) {
        QMessageBox box(QMessageBox::Question, tr("Deactivate user"),
                        tr("Deactivate %1 (%2)?").arg(user->displayName, user->username),
                        QMessageBox::NoButton, this);
        box.setObjectName(QStringLiteral("confirmDeactivateMessageBox"));
        box.setInformativeText(tr("They can no longer sign in. Their clients stay assigned to "
                                  "them until a supervisor reassigns them; you can reactivate "
                                  "the account later."));
        QPushButton *yes = box.addButton(tr("&Deactivate"), QMessageBox::AcceptRole);
        yes->setObjectName(QStringLiteral("deactivatePushButton"));
        QPushButton *no = box.addButton(QMessageBox::Cancel);
        box.setDefaultButton(no);
        box.exec();
        if (box.clickedButton() != yes)
            return;
    }
    const Status done = accounts::setActive(m_db, user->username, !user->active);
    if (done)
        m_message->setText(user->active ? tr("%1 was deactivated.").arg(user->username)
                                        : tr("%1 was reactivated.").arg(user->username));
    else
        ErrorDialog::show(this,
                          user->active ? tr("deactivate %1").arg(user->username)
                                       : tr("reactivate %1").arg(user->username),
                          done.error());
    reload();
}

void UsersDialog::resetPassword()
{
    const std::optional<User> user = selected();
    if (!user)
        return;
    ResetPasswordDialog dialog(m_db, *user, this);
    if (dialog.exec() == QDialog::Accepted)
        m_message->setText(tr("The password of %1 was changed.").arg(user->username));
}

} // namespace pathway
