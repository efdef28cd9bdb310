#pragma once

#include "intake/ProfilePage.h"

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QSpinBox;

namespace pathway {

class IncomeThresholds;

// Household size and income, with the income bracket they give, shown as
// it changes, and the counselor's override with its reason.
class HouseholdPage : public ProfilePage
{
    Q_OBJECT
public:
    HouseholdPage(const IncomeThresholds &thresholds, QWidget *parent = nullptr);
    void store(Client &client) const override;

protected:
    void loadFields(const Client &client) override;

private:
    void updateBracket();
    // The bracket the income and household size give.
    IncomeBracket derived() const;

    const IncomeThresholds &m_thresholds;
    QSpinBox *m_householdSize;
    QSpinBox *m_income;
    QLabel *m_derived;
    QCheckBox *m_override;
    QComboBox *m_overrideBracket;
    QLineEdit *m_reason;
};

} // namespace pathway
