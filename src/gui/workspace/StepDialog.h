#pragma once

#include "pathway/core/Plan.h"

#include <QDialog>

class QComboBox;
class QDateEdit;
class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;

namespace pathway {

// Edits one plan step: its text, due date and status (a dropped step needs
// a reason); for a new step of the counselor's own, also its phase and category.
class StepDialog : public QDialog
{
    Q_OBJECT
public:
    enum Mode
    {
        EditStep,
        NewStep
    };
    StepDialog(const PlanStep &step, Mode mode, QWidget *parent = nullptr);

    // The step with the dialog's values; completion date set to `today`
    // when it became done.
    PlanStep step(const QDate &today) const;

private:
    void updateState();
    void tryAccept();
    // The field to mend before OK, or nullptr when the step is fine.
    QWidget *problemField() const;

    PlanStep m_step;
    QLineEdit *m_title;
    QPlainTextEdit *m_description;
    QDateEdit *m_due;
    QComboBox *m_status;
    QLineEdit *m_note;
    QComboBox *m_phase = nullptr;
    QComboBox *m_category = nullptr;
    QLabel *m_problem;
    QDialogButtonBox *m_buttons;
    bool m_acted = false; // the counselor typed, chose or pressed OK
};

} // namespace pathway
