#pragma once

#include "pathway/storage/UserNames.h"

#include <QWidget>

class QListWidget;
class QPlainTextEdit;
class QPushButton;

namespace pathway {

class Database;

// Case notes on the client: write one, see them all, newest first.
class NotesTab : public QWidget
{
    Q_OBJECT
public:
    NotesTab(Database &db, qint64 clientId, QString author, QWidget *parent = nullptr);
    bool reload();
    // Stores the typed note; false (after a message) when refused.
    bool addNote();

Q_SIGNALS:
    void noteAdded();

private:
    Database &m_db;
    qint64 m_clientId;
    QString m_author;
    UserNames m_names;
    QPlainTextEdit *m_edit;
    QPushButton *m_add;
    QListWidget *m_list;
};

} // namespace pathway
