#pragma once

#include "pathway/storage/DraftRepository.h"

#include <QDialog>

class QListWidget;

namespace pathway {

// The saved intake drafts, newest first: resume one or delete it.
class DraftListDialog : public QDialog
{
    Q_OBJECT
public:
    DraftListDialog(Database &db, QWidget *parent = nullptr);
    // The draft chosen with Resume; nullopt when none.
    std::optional<IntakeDraft> chosen() const;
    int count() const;

private:
    void reload();
    void removeSelected();

    Database &m_db;
    QVector<IntakeDraft> m_drafts;
    QListWidget *m_list;
};

} // namespace pathway
