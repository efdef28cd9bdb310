#pragma once

#include "intake/ProfilePage.h"

class QLineEdit;
class QPlainTextEdit;

namespace pathway {

// Who the client is and how to reach them.
class IdentityPage : public ProfilePage
{
    Q_OBJECT
public:
    explicit IdentityPage(QWidget *parent = nullptr);
    void store(Client &client) const override;

protected:
    void loadFields(const Client &client) override;

private:
    QLineEdit *m_firstName;
    QLineEdit *m_lastName;
    QLineEdit *m_dateOfBirth;
    QLineEdit *m_email;
    QLineEdit *m_phone;
    QPlainTextEdit *m_address;
    QLineEdit *m_counselor;
};

} // namespace pathway
