#include "intake/DraftListDialog.h"

#include "ErrorDialog.h"
#include "pathway/storage/UserNames.h"

#include <QDialogButtonBox>
#include <QLabel>
#include <QListWidget>
#include <QMessageBox>
#include <QPushButton>
#include <QVBoxLayout>

namespace pathway {

DraftListDialog::DraftListDialog(Database &db, QWidget *parent) : QDialog(parent), m_db(db)
{
    setObjectName(QStringLiteral("draftListDialog"));
    setWindowTitle(tr("Resume an intake"));
    auto *label = new QLabel(tr("&Interviews saved as drafts, most recent first:"), this);
    m_list = new QListWidget(this);
    m_list->setObjectName(QStringLiteral("draftsListWidget"));
    label->setBuddy(m_list);
    auto *buttons = new QDialogButtonBox(this);
    auto *resume = buttons->addButton(tr("&Resume"), QDialogButtonBox::AcceptRole);
    resume->setObjectName(QStringLiteral("resumePushButton"));
    auto *remove = buttons->addButton(tr("&Delete draft"), QDialogButtonBox::DestructiveRole);
    remove->setObjectName(QStringLiteral("deleteDraftPushButton"));
    buttons->addButton(QDialogButtonBox::Cancel);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(remove, &QPushButton::clicked, this, &DraftListDialog::removeSelected);
    connect(m_list, &QListWidget::itemActivated, this, &QDialog::accept);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(label);
    layout->addWidget(m_list, 1);
    layout->addWidget(buttons);
    resize(520, 360);
    reload();
}

void DraftListDialog::reload()
{
    auto drafts = DraftRepository(m_db).list();
    if (!drafts) {
        ErrorDialog::show(this, tr("list the drafts"), drafts.error());
        return;
    }
    m_drafts = drafts.value();
    m_list->clear();
    const UserNames names = UserNames::loadOrEmpty(m_db);
    for (const IntakeDraft &d : std::as_const(m_drafts))
        m_list->addItem(
            tr("%1 — saved %2%3")
                .arg(d.label,
                     d.updatedAt.toLocalTime().toString(QStringLiteral("yyyy-MM-dd HH:mm")),
                     d.counselor.isEmpty() ? QString()
                                           : tr(" by %1").arg(names.label(d.counselor))));
    m_list->setCurrentRow(0);
}

void DraftListDialog::removeSelected()
{
    const int row = m_list->currentRow();
    if (row < 0 || row >= m_drafts.size())
        return;
    if (QMessageBox::question(
            this, tr("Delete draft"),
            tr("Delete the draft of %1? This cannot be undone.").arg(m_drafts[row].label)) !=
        QMessageBox::Yes)
        return;
    if (const Status done = DraftRepository(m_db).remove(m_drafts[row].id); !done)
        ErrorDialog::show(this, tr("delete the draft"), done.error());
    reload();
}

std::optional<IntakeDraft> DraftListDialog::chosen() const
{
    const int row = m_list->currentRow();
    if (row < 0 || row >= m_drafts.size())
        return std::nullopt;
    return m_drafts[row];
}

int DraftListDialog::count() const
{
    return int(m_drafts.size());
}

} // namespace pathway
