#include "intake/EmploymentPage.h"

#include <QComboBox>
#include <QFormLayout>
#include <QLabel>
#include <QSpinBox>

namespace pathway {

EmploymentPage::EmploymentPage(QWidget *parent) : ProfilePage(parent)
{
    setTitle(tr("Employment"));
    setSubTitle(tr("What the client does now. For someone out of work, how many weeks it has "
                   "been: %1 weeks or more is long-term unemployment.")
                    .arg(kLongTermUnemployedWeeks));
    m_status = new QComboBox(this);
    m_status->setObjectName(QStringLiteral("employmentStatusComboBox"));
    m_status->setAccessibleName(tr("Employment status"));
    for (auto *e = CodeTable<EmploymentStatus>::begin(); e != CodeTable<EmploymentStatus>::end();
         ++e)
        m_status->addItem(QString::fromUtf8(e->label), int(e->value));
    m_weeks = new QSpinBox(this);
    m_weeks->setObjectName(QStringLiteral("weeksUnemployedSpinBox"));
    m_weeks->setAccessibleName(tr("Weeks unemployed"));
    m_weeks->setRange(0, limits::kWeeksMax);
    showCount(m_weeks, [](int n) { return tr("%n weeks", nullptr, n); });
    m_longTerm = new QLabel(this);
    m_longTerm->setObjectName(QStringLiteral("longTermLabel"));

    auto *form = new QFormLayout(this);
    auto *statusLabel = new QLabel(tr("Employment &status:"), this);
    statusLabel->setBuddy(m_status);
    form->addRow(statusLabel, m_status);
    auto *weeksLabel = new QLabel(tr("&Weeks unemployed:"), this);
    weeksLabel->setBuddy(m_weeks);
    form->addRow(weeksLabel, withError(m_weeks, errorLabel(QStringLiteral("weeks_unemployed"),
                                                           QStringLiteral("weeksUnemployed"),
                                                           tr("Weeks unemployed"))));
    form->addRow(QString(), m_longTerm);

    connect(m_status, &QComboBox::currentIndexChanged, this, [this] {
        updateWeeks();
        markEdited();
    });
    connect(m_weeks, &QSpinBox::valueChanged, this, [this] {
        updateWeeks();
        markEdited();
    });
    m_status->setCurrentIndex(m_status->findData(int(EmploymentStatus::Unemployed)));
    setTabOrder({m_status, m_weeks});
    updateWeeks();
}

void EmploymentPage::updateWeeks()
{
    const bool unemployed =
        EmploymentStatus(m_status->currentData().toInt()) == EmploymentStatus::Unemployed;
    m_weeks->setEnabled(unemployed);
    m_longTerm->setText(unemployed && m_weeks->value() >= kLongTermUnemployedWeeks
                            ? tr("Long-term unemployed: the plan starts with steadying steps.")
                            : QString());
}

void EmploymentPage::loadFields(const Client &c)
{
    m_status->setCurrentIndex(m_status->findData(int(c.employmentStatus)));
    m_weeks->setValue(c.weeksUnemployed);
    updateWeeks();
}

void EmploymentPage::store(Client &c) const
{
    c.employmentStatus = EmploymentStatus(m_status->currentData().toInt());
    // Weeks only count for the unemployed; a value left from an earlier
    // choice is not the client's answer.
    c.weeksUnemployed = c.employmentStatus == EmploymentStatus::Unemployed ? m_weeks->value() : 0;
}

} // namespace pathway
