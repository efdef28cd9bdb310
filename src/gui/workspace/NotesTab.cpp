#include "workspace/NotesTab.h"

#include "ErrorDialog.h"
#include "pathway/storage/NoteRepository.h"

#include <QAction>
#include <QLabel>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace pathway {

NotesTab::NotesTab(Database &db, qint64 clientId, QString author, QWidget *parent)
    : QWidget(parent), m_db(db), m_clientId(clientId), m_author(std::move(author)), m_names(UserNames::loadOrEmpty(db))
{
    auto *label = new QLabel(tr("&New note (Ctrl+Enter adds it):"), this);
    m_edit = new QPlainTextEdit(this);
    m_edit->setObjectName(QStringLiteral("noteEditPlainTextEdit"));
    m_edit->setAccessibleName(tr("New note"));
    m_edit->setTabChangesFocus(true);
    m_edit->setFixedHeight(m_edit->fontMetrics().lineSpacing() * 4 + 12);
    label->setBuddy(m_edit);
    m_add = new QPushButton(tr("&Add note"), this);
    m_add->setObjectName(QStringLiteral("addNotePushButton"));
    m_add->setEnabled(false);
    m_list = new QListWidget(this);
    m_list->setObjectName(QStringLiteral("notesListWidget"));
    m_list->setAccessibleName(tr("Case notes, newest first"));
    m_list->setWordWrap(true);
    m_list->setAlternatingRowColors(true);
    m_list->setSpacing(4);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(label);
    layout->addWidget(m_edit);
    layout->addWidget(m_add, 0, Qt::AlignRight);
    layout->addWidget(m_list, 1);
    connect(m_edit, &QPlainTextEdit::textChanged, this,
            [this] { m_add->setEnabled(!m_edit->toPlainText().trimmed().isEmpty()); });
    connect(m_add, &QPushButton::clicked, this, &NotesTab::addNote);
    auto *send = new QAction(this);
    send->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Return));
    send->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    connect(send, &QAction::triggered, this, &NotesTab::addNote);
    m_edit->addAction(send);
    reload();
}

bool NotesTab::reload()
{
    auto notes = NoteRepository(m_db).list(m_clientId);
    if (!notes) {
        ErrorDialog::show(this, tr("read the notes"), notes.error());
        return false;
    }
    m_list->clear();
    for (const CaseNote &n : notes.value()) {
        m_list->addItem(
            tr("%1 · %2\n%3")
                .arg(n.createdAt.toLocalTime().toString(QStringLiteral("yyyy-MM-dd HH:mm")),
                     n.author.isEmpty() ? tr("unknown") : m_names.label(n.author), n.body));
    }
    return true;
}

bool NotesTab::addNote()
{
    if (m_edit->toPlainText().trimmed().isEmpty())
        return false;
    CaseNote note{0, m_clientId, m_author, m_edit->toPlainText(), {}};
    if (const Status done = NoteRepository(m_db).add(note); !done) {
        ErrorDialog::show(this, tr("add the note"), done.error());
        return false;
    }
    m_edit->clear();
    reload();
    Q_EMIT noteAdded();
    return true;
}

} // namespace pathway
