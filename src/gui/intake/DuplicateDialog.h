#pragma once

#include "pathway/storage/ClientRepository.h"

#include <QDialog>

class QTableWidget;

namespace pathway {

// Lists stored clients who may be the person being taken in, so the
// counselor can open the existing record instead of making a second one.
class DuplicateDialog : public QDialog
{
    Q_OBJECT
public:
    enum Choice
    {
        GoBack,
        OpenExisting,
        CreateNew
    };
    DuplicateDialog(const QVector<PossibleDuplicate> &matches, QWidget *parent = nullptr);

    Choice choice() const { return m_choice; }
    // The client chosen with "Open existing client".
    qint64 selectedId() const;

private:
    QVector<PossibleDuplicate> m_matches;
    QTableWidget *m_table;
    Choice m_choice = GoBack;
};

} // namespace pathway
