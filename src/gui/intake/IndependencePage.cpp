#include "intake/IndependencePage.h"

#include <QAbstractButton>
#include <QButtonGroup>
#include <QLabel>
#include <QRadioButton>
#include <QVBoxLayout>

namespace pathway {

IndependencePage::IndependencePage(QWidget *parent) : ProfilePage(parent)
{
    setTitle(tr("How the client likes to work"));
    setSubTitle(tr("Ask: \"When you have a problem to solve, do you prefer someone to walk you "
                   "through it, to get advice and then decide, or to work it out on your own?\" "
                   "The plan's steps are worded and chosen to fit the answer."));
    m_group = new QButtonGroup(this);
    auto *layout = new QVBoxLayout(this);
    struct Choice
    {
        Independence value;
        QString name;
        QString label;
        QString explanation;
    };
    const Choice choices[] = {
        {Independence::Guided, QStringLiteral("guided"), tr("&Guided"),
         tr("Likes to be walked through things step by step, with someone checking in "
            "often and setting the next step together.")},
        {Independence::Independent, QStringLiteral("independent"), tr("&Independent"),
         tr("Welcomes advice and resources, then prefers to choose the steps and the pace "
            "for themselves.")},
        {Independence::UltraIndependent, QStringLiteral("ultraIndependent"),
         tr("&Ultra-independent"),
         tr("Strongly prefers to work things out alone: wants options and information, not "
            "direction, and may find being told what to do off-putting.")},
    };
    for (const Choice &c : choices) {
        auto *button = new QRadioButton(c.label, this);
        button->setObjectName(c.name + QStringLiteral("RadioButton"));
        button->setAccessibleDescription(c.explanation);
        m_group->addButton(button, int(c.value));
        auto *text = new QLabel(c.explanation, this);
        text->setWordWrap(true);
        text->setContentsMargins(24, 0, 0, 8);
        text->setBuddy(button);
        layout->addWidget(button);
        layout->addWidget(text);
    }
    layout->addStretch(1);
    m_group->button(int(Independence::Independent))->setChecked(true);
    connect(m_group, &QButtonGroup::idToggled, this, [this](int, bool on) {
        if (on)
            markEdited();
    });
}

void IndependencePage::initializePage()
{
    focusChoice();
}

void IndependencePage::focusChoice()
{
    // The choice made, not the first one, has the focus: Space or an arrow
    // key then changes what the client said, not what they did not.
    if (QAbstractButton *checked = m_group->checkedButton())
        checked->setFocus(Qt::OtherFocusReason);
}

void IndependencePage::loadFields(const Client &c)
{
    if (auto *button = m_group->button(int(c.independence)))
        button->setChecked(true);
}

void IndependencePage::store(Client &c) const
{
    c.independence = Independence(m_group->checkedId());
}

} // namespace pathway
