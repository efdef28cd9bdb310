#include "intake/HouseholdPage.h"

#include "pathway/core/IncomeThresholds.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QSpinBox>

namespace pathway {

HouseholdPage::HouseholdPage(const IncomeThresholds &thresholds, QWidget *parent)
    : ProfilePage(parent), m_thresholds(thresholds)
{
    setTitle(tr("Household and income"));
    setSubTitle(tr("The income bracket follows from the household's yearly income and size. "
                   "Override it only when the numbers do not tell the whole story, and say why."));

    m_householdSize = new QSpinBox(this);
    m_householdSize->setObjectName(QStringLiteral("householdSizeSpinBox"));
    m_householdSize->setAccessibleName(tr("Household size"));
    m_householdSize->setRange(limits::kHouseholdMin, limits::kHouseholdMax);
    showCount(m_householdSize, [](int n) { return tr("%n people", nullptr, n); });
    m_income = new QSpinBox(this);
    m_income->setObjectName(QStringLiteral("incomeSpinBox"));
    m_income->setAccessibleName(tr("Yearly household income"));
    m_income->setRange(0, int(limits::kIncomeMax));
    m_income->setGroupSeparatorShown(true);
    m_income->setSingleStep(1000);
    m_income->setPrefix(
        m_thresholds.currency().isEmpty() ? QString() : m_thresholds.currency() + QLatin1Char(' '));
    m_derived = new QLabel(this);
    m_derived->setObjectName(QStringLiteral("derivedBracketLabel"));
    m_derived->setTextFormat(Qt::RichText);

    m_override = new QCheckBox(tr("O&verride the bracket"), this);
    m_override->setObjectName(QStringLiteral("bracketOverrideCheckBox"));
    m_overrideBracket = new QComboBox(this);
    m_overrideBracket->setObjectName(QStringLiteral("bracketOverrideComboBox"));
    m_overrideBracket->setAccessibleName(tr("Bracket to use instead"));
    for (auto *e = CodeTable<IncomeBracket>::begin(); e != CodeTable<IncomeBracket>::end(); ++e)
        m_overrideBracket->addItem(QString::fromUtf8(e->label), int(e->value));
    m_reason = new QLineEdit(this);
    m_reason->setObjectName(QStringLiteral("bracketReasonLineEdit"));
    m_reason->setAccessibleName(tr("Reason for the override"));
    m_reason->setPlaceholderText(tr("e.g. large medical debts not reflected in income"));

    auto *form = new QFormLayout(this);
    form->setFieldGrowthPolicy(QFormLayout::ExpandingFieldsGrow);
    auto *sizeLabel = new QLabel(tr("&Household size:"), this);
    sizeLabel->setBuddy(m_householdSize);
    form->addRow(sizeLabel, withError(m_householdSize, errorLabel(QStringLiteral("household_size"),
                                                                  QStringLiteral("householdSize"),
                                                                  tr("Household size"))));
    auto *incomeLabel = new QLabel(tr("Yearly household &income:"), this);
    incomeLabel->setBuddy(m_income);
    form->addRow(incomeLabel,
                 withError(m_income, errorLabel(QStringLiteral("annual_income"),
                                                QStringLiteral("income"), tr("Income"))));
    form->addRow(tr("Income bracket:"), m_derived);
    form->addRow(QString(), m_override);
    auto *bracketLabel = new QLabel(tr("Bracket to &use:"), this);
    bracketLabel->setBuddy(m_overrideBracket);
    form->addRow(bracketLabel, m_overrideBracket);
    auto *reasonLabel = new QLabel(tr("&Reason:"), this);
    reasonLabel->setBuddy(m_reason);
    form->addRow(reasonLabel,
                 withError(m_reason, errorLabel(QStringLiteral("income_bracket_reason"),
                                                QStringLiteral("bracketReason"),
                                                tr("Reason for the override"))));

    connect(m_householdSize, &QSpinBox::valueChanged, this, [this] {
        updateBracket();
        markEdited();
    });
    connect(m_income, &QSpinBox::valueChanged, this, [this] {
        updateBracket();
        markEdited();
    });
    connect(m_override, &QCheckBox::toggled, this, [this](bool on) {
        if (on && !m_loading) {
            // The override starts from the bracket the numbers give.
            m_overrideBracket->setCurrentIndex(m_overrideBracket->findData(int(derived())));
            // Overriding needs a reason: say so now, not at Next.
            visit(QStringLiteral("income_bracket_reason"));
        }
        updateBracket();
        markEdited();
    });
    connect(m_overrideBracket, &QComboBox::currentIndexChanged, this, &HouseholdPage::markEdited);
    connect(m_reason, &QLineEdit::textEdited, this, &HouseholdPage::markEdited);
    setTabOrder({m_householdSize, m_income, m_override, m_overrideBracket, m_reason});
    updateBracket();
}

IncomeBracket HouseholdPage::derived() const
{
    return m_thresholds.bracketFor(m_income->value(), m_householdSize->value());
}

void HouseholdPage::updateBracket()
{
    const IncomeBracket derived = this->derived();
    const double adjusted =
        m_thresholds.adjustedIncome(m_income->value(), m_householdSize->value());
    m_derived->setText(tr("<b>%1</b>  (as if a household of %2 had %3 a year)")
                           .arg(toLabel(derived))
                           .arg(m_thresholds.referenceHouseholdSize())
                           .arg(QLocale().toString(qint64(adjusted + 0.5))));
    m_overrideBracket->setEnabled(m_override->isChecked());
    m_reason->setEnabled(m_override->isChecked());
    // Without an override the greyed-out box shows the bracket in use.
    if (!m_override->isChecked()) {
        const bool loading = m_loading;
        m_loading = true;
        m_overrideBracket->setCurrentIndex(m_overrideBracket->findData(int(derived)));
        m_loading = loading;
    }
}

void HouseholdPage::loadFields(const Client &c)
{
    m_householdSize->setValue(c.householdSize);
    m_income->setValue(int(qBound<qint64>(0, c.annualIncome, limits::kIncomeMax)));
    m_override->setChecked(c.incomeBracketOverride.has_value());
    m_reason->setText(c.incomeBracketReason);
    updateBracket();
    if (c.incomeBracketOverride)
        m_overrideBracket->setCurrentIndex(
            m_overrideBracket->findData(int(*c.incomeBracketOverride)));
}

void HouseholdPage::store(Client &c) const
{
    c.householdSize = m_householdSize->value();
    c.annualIncome = m_income->value();
    if (m_override->isChecked()) {
        c.incomeBracketOverride = IncomeBracket(m_overrideBracket->currentData().toInt());
        c.incomeBracketReason = m_reason->text().trimmed();
    } else {
        c.incomeBracketOverride.reset();
        c.incomeBracketReason.clear();
    }
}

} // namespace pathway
