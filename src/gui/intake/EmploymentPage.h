#pragma once

#include "intake/ProfilePage.h"

class QComboBox;
class QLabel;
class QSpinBox;

namespace pathway {

// Employment status and, for the unemployed, how many weeks.
class EmploymentPage : public ProfilePage
{
    Q_OBJECT
public:
    explicit EmploymentPage(QWidget *parent = nullptr);
    void store(Client &client) const override;

protected:
    void loadFields(const Client &client) override;

private:
    void updateWeeks();

    QComboBox *m_status;
    QSpinBox *m_weeks;
    QLabel *m_longTerm;
};

} // namespace pathway
