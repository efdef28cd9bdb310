#pragma once

#include "intake/ProfilePage.h"

class QButtonGroup;

namespace pathway {

// How strongly the client prefers to find their own way, in plain words.
class IndependencePage : public ProfilePage
{
    Q_OBJECT
public:
    explicit IndependencePage(QWidget *parent = nullptr);
    void store(Client &client) const override;
    void initializePage() override;
    // Gives the focus to the chosen way of working.
    void focusChoice();

protected:
    void loadFields(const Client &client) override;

private:
    QButtonGroup *m_group;
};

} // namespace pathway
