#pragma once

#include <QDialog>

class QDialogButtonBox;
class QPlainTextEdit;

namespace pathway {

class ErrorLabel;

// A supervisor's decision on a plan: approve it (a comment is optional) or
// return it to the counselor (a comment saying what to change is required).
class ReviewDialog : public QDialog
{
    Q_OBJECT
public:
    enum Decision
    {
        Approve,
        Return
    };
    // `plan` names the plan for the title ("Zoë Ñúñez, plan version 2").
    ReviewDialog(Decision decision, const QString &plan, QWidget *parent = nullptr);

    QString comment() const;

private:
    void updateState();

    Decision m_decision;
    QPlainTextEdit *m_comment;
    ErrorLabel *m_problem;
    QDialogButtonBox *m_buttons;
};

} // namespace pathway
