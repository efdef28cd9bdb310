#include "intake/GoalsPage.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFormLayout>
#include <QGridLayout>
#include <QGroupBox>
#include <QLabel>
#include <QLineEdit>
#include <QVBoxLayout>

namespace pathway {

namespace {
QStringList splitList(const QString &text)
{
    QStringList out;
    for (const QString &part : text.split(QLatin1Char(','))) {
        const QString item = part.trimmed();
        if (!item.isEmpty())
            out << item;
    }
    return out;
}

QString camel(const QString &code)
{
    const QStringList words = code.split(QLatin1Char('_'));
    QString name = words.first();
    for (int i = 1; i < words.size(); ++i)
        name += words[i].left(1).toUpper() + words[i].mid(1);
    return name;
}
} // namespace

GoalsPage::GoalsPage(QWidget *parent) : ProfilePage(parent)
{
    setTitle(tr("Goals, skills, interests and education"));
    setSubTitle(tr("What the client wants from work, what they are good at and what they "
                   "enjoy. Separate skills and interests with commas."));
    auto *goals = new QGroupBox(tr("Goals"), this);
    auto *grid = new QGridLayout(goals);
    int i = 0;
    for (auto *e = CodeTable<GoalCode>::begin(); e != CodeTable<GoalCode>::end(); ++e, ++i) {
        auto *box = new QCheckBox(QString::fromUtf8(e->label), goals);
        box->setObjectName(camel(QString::fromLatin1(e->code)) + QStringLiteral("GoalCheckBox"));
        grid->addWidget(box, i / 2, i % 2);
        const GoalCode code = e->value;
        connect(box, &QCheckBox::toggled, this, [this, code](bool on) {
            if (on && !m_order.contains(code))
                m_order.append(code);
            if (!on)
                m_order.removeAll(code);
            markEdited();
        });
        m_goals.insert(code, box);
        m_boxesInOrder.append(box);
    }
    m_skills = new QLineEdit(this);
    m_skills->setObjectName(QStringLiteral("skillsLineEdit"));
    m_skills->setAccessibleName(tr("Skills, separated by commas"));
    m_skills->setPlaceholderText(tr("e.g. bookkeeping, forklift licence, Spanish"));
    m_interests = new QLineEdit(this);
    m_interests->setObjectName(QStringLiteral("interestsLineEdit"));
    m_interests->setAccessibleName(tr("Interests, separated by commas"));
    m_interests->setPlaceholderText(tr("e.g. gardening, helping people"));
    m_education = new QComboBox(this);
    m_education->setObjectName(QStringLiteral("educationComboBox"));
    m_education->setAccessibleName(tr("Highest education"));
    for (auto *e = CodeTable<EducationLevel>::begin(); e != CodeTable<EducationLevel>::end(); ++e)
        m_education->addItem(QString::fromUtf8(e->label), int(e->value));
    m_education->setCurrentIndex(m_education->findData(int(EducationLevel::Secondary)));

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(goals);
    auto *form = new QFormLayout;
    form->setFieldGrowthPolicy(QFormLayout::ExpandingFieldsGrow);
    auto *skillsLabel = new QLabel(tr("&Skills:"), this);
    skillsLabel->setBuddy(m_skills);
    form->addRow(skillsLabel,
                 withError(m_skills, errorLabel(QStringLiteral("skills"), QStringLiteral("skills"),
                                                tr("Skills"))));
    auto *interestsLabel = new QLabel(tr("&Interests:"), this);
    interestsLabel->setBuddy(m_interests);
    form->addRow(interestsLabel,
                 withError(m_interests, errorLabel(QStringLiteral("interests"),
                                                   QStringLiteral("interests"), tr("Interests"))));
    auto *educationLabel = new QLabel(tr("Highest &education:"), this);
    educationLabel->setBuddy(m_education);
    form->addRow(educationLabel, m_education);
    layout->addLayout(form);
    layout->addStretch(1);

    connect(m_skills, &QLineEdit::textEdited, this, &GoalsPage::markEdited);
    connect(m_interests, &QLineEdit::textEdited, this, &GoalsPage::markEdited);
    connect(m_education, &QComboBox::currentIndexChanged, this, &GoalsPage::markEdited);
    // The goals' boxes row by row, then the fields below them.
    QWidget *previous = nullptr;
    for (QCheckBox *box : std::as_const(m_boxesInOrder)) {
        if (previous)
            QWidget::setTabOrder(previous, box);
        previous = box;
    }
    setTabOrder({previous, m_skills, m_interests, m_education});
}

void GoalsPage::loadFields(const Client &c)
{
    for (auto it = m_goals.begin(); it != m_goals.end(); ++it)
        it.value()->setChecked(c.hasGoal(it.key()));
    m_order = c.goals;
    m_skills->setText(c.skills.join(QStringLiteral(", ")));
    m_interests->setText(c.interests.join(QStringLiteral(", ")));
    m_education->setCurrentIndex(m_education->findData(int(c.educationLevel)));
}

void GoalsPage::store(Client &c) const
{
    c.goals = m_order;
    c.skills = splitList(m_skills->text());
    c.interests = splitList(m_interests->text());
    c.educationLevel = EducationLevel(m_education->currentData().toInt());
}

} // namespace pathway
