#include "workspace/StepDialog.h"

#include "models/PlanModel.h"

#include <QComboBox>
#include <QDateEdit>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>

namespace pathway {

StepDialog::StepDialog(const PlanStep &step, Mode mode, QWidget *parent)
    : QDialog(parent), m_step(step)
{
    setObjectName(QStringLiteral("stepDialog"));
    setWindowTitle(mode == NewStep ? tr("Add a step") : tr("Edit step"));
    auto *form = new QFormLayout(this);
    form->setFieldGrowthPolicy(QFormLayout::ExpandingFieldsGrow);

    m_title = new QLineEdit(step.title, this);
    m_title->setObjectName(QStringLiteral("stepTitleLineEdit"));
    m_title->setAccessibleName(tr("Step"));
    m_description = new QPlainTextEdit(step.description, this);
    m_description->setObjectName(QStringLiteral("stepDescriptionPlainTextEdit"));
    m_description->setAccessibleName(tr("Details"));
    m_description->setTabChangesFocus(true);
    m_due = new QDateEdit(step.dueDate.isValid() ? step.dueDate : QDate::currentDate(), this);
    m_due->setObjectName(QStringLiteral("stepDueDateEdit"));
    m_due->setAccessibleName(tr("Due date"));
    m_due->setCalendarPopup(true);
    m_due->setDisplayFormat(QStringLiteral("yyyy-MM-dd"));
    m_status = new QComboBox(this);
    m_status->setObjectName(QStringLiteral("stepStatusComboBox"));
    m_status->setAccessibleName(tr("Status"));
    for (StepStatus s :
         {StepStatus::Planned, StepStatus::InProgress, StepStatus::Done, StepStatus::Dropped})
        m_status->addItem(PlanModel::statusLabel(s), int(s));
    m_status->setCurrentIndex(m_status->findData(int(step.status)));
    m_note = new QLineEdit(step.statusNote, this);
    m_note->setObjectName(QStringLiteral("stepNoteLineEdit"));
    m_note->setAccessibleName(tr("Reason or note"));
    m_note->setPlaceholderText(tr("Why it was dropped, or a note on progress"));
    m_problem = new QLabel(this);
    m_problem->setObjectName(QStringLiteral("stepProblemLabel"));
    m_problem->setStyleSheet(QStringLiteral("color: #b00020;"));

    auto addRow = [&](const QString &text, QWidget *field) {
        auto *label = new QLabel(text, this);
        label->setBuddy(field);
        form->addRow(label, field);
    };
    addRow(tr("&Step:"), m_title);
    addRow(tr("&Details:"), m_description);
    if (mode == NewStep) {
        m_phase = new QComboBox(this);
        m_phase->setObjectName(QStringLiteral("stepPhaseComboBox"));
        for (auto *e = CodeTable<Phase>::begin(); e != CodeTable<Phase>::end(); ++e)
            m_phase->addItem(QString::fromUtf8(e->label), int(e->value));
        m_phase->setCurrentIndex(m_phase->findData(int(step.phase)));
        m_category = new QComboBox(this);
        m_category->setObjectName(QStringLiteral("stepCategoryComboBox"));
        for (auto *e = CodeTable<Category>::begin(); e != CodeTable<Category>::end(); ++e)
            m_category->addItem(QString::fromUtf8(e->label), int(e->value));
        m_category->setCurrentIndex(m_category->findData(int(step.category)));
        addRow(tr("&Phase:"), m_phase);
        addRow(tr("&Kind:"), m_category);
    }
    addRow(tr("D&ue:"), m_due);
    addRow(tr("S&tatus:"), m_status);
    addRow(tr("&Note:"), m_note);
    form->addRow(QString(), m_problem);
    if (!step.reason.isEmpty()) {
        auto *why =
            new QLabel(tr("<i>Why this step:</i> %1").arg(step.reason.toHtmlEscaped()), this);
        why->setWordWrap(true);
        form->addRow(QString(), why);
    }

    m_buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    m_buttons->button(QDialogButtonBox::Ok)->setObjectName(QStringLiteral("okPushButton"));
    form->addRow(m_buttons);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &StepDialog::tryAccept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    // A problem shows once the counselor has done something: not on opening.
    const auto acted = [this] {
        m_acted = true;
        updateState();
    };
    connect(m_title, &QLineEdit::textEdited, this, acted);
    connect(m_note, &QLineEdit::textEdited, this, acted);
    connect(m_status, &QComboBox::activated, this, acted);
    connect(m_status, &QComboBox::currentIndexChanged, this, &StepDialog::updateState);
    updateState();
    resize(560, sizeHint().height());
}

QWidget *StepDialog::problemField() const
{
    if (m_title->text().trimmed().isEmpty())
        return m_title;
    if (StepStatus(m_status->currentData().toInt()) == StepStatus::Dropped &&
        m_note->text().trimmed().isEmpty())
        return m_note;
    return nullptr;
}

void StepDialog::updateState()
{
    QWidget *field = problemField();
    if (StepStatus(m_status->currentData().toInt()) != m_step.status)
        m_acted = true; // choosing "Dropped" asks for the reason at once
    const QString problem = !field || !m_acted ? QString()
                            : field == m_title ? tr("The step needs a text.")
                                               : tr("Say why the step is dropped.");
    m_problem->setText(problem);
    m_problem->setVisible(!problem.isEmpty());
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(problem.isEmpty());
}

void StepDialog::tryAccept()
{
    if (QWidget *field = problemField()) {
        // OK on an empty form: say what is missing and go there.
        m_acted = true;
        updateState();
        field->setFocus(Qt::OtherFocusReason);
        return;
    }
    accept();
}

PlanStep StepDialog::step(const QDate &today) const
{
    PlanStep s = m_step;
    s.title = m_title->text().trimmed();
    s.description = m_description->toPlainText().trimmed();
    s.dueDate = m_due->date();
    s.status = StepStatus(m_status->currentData().toInt());
    s.statusNote = m_note->text().trimmed();
    if (s.status == StepStatus::Done && m_step.status != StepStatus::Done)
        s.completedOn = today;
    else if (s.status != StepStatus::Done)
        s.completedOn = QDate();
    if (m_phase)
        s.phase = Phase(m_phase->currentData().toInt());
    if (m_category)
        s.category = Category(m_category->currentData().toInt());
    return s;
}

} // namespace pathway
