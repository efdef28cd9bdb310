#pragma once

#include "intake/ProfilePage.h"

#include <QMap>

class QCheckBox;
class QComboBox;
class QLineEdit;

namespace pathway {

// What the client wants, what they can do and like, and their schooling.
class GoalsPage : public ProfilePage
{
    Q_OBJECT
public:
    explicit GoalsPage(QWidget *parent = nullptr);
    void store(Client &client) const override;

protected:
    void loadFields(const Client &client) override;

private:
    QMap<GoalCode, QCheckBox *> m_goals;
    QVector<QCheckBox *> m_boxesInOrder; // as laid out, row by row
    QVector<GoalCode> m_order;
    QLineEdit *m_skills;
    QLineEdit *m_interests;
    QComboBox *m_education;
};

} // namespace pathway
