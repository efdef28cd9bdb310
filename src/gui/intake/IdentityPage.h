#pragma once

#include "intake/ProfilePage.h"
#include "pathway/core/User.h"

#include <QVector>

#include <functional>

class QComboBox;
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
    QVector<FieldError> inputErrors() const override;

    // The counselors a client may be assigned to. `fixed`: a counselor's
    // own intake, always theirs (the list holds only them and cannot be
    // changed); otherwise the list starts with "Choose a counselor". Without
    // a list (the Profile tab) the counselor is shown and not changed here:
    // supervisors reassign clients.
    void setCounselors(const QVector<User> &counselors, bool fixed);
    // How a user name is shown where the counselor is only shown (the
    // Profile tab): "Ana García" for "agarcia". Default: the user name.
    void setUserLabels(std::function<QString(const QString &)> label);

protected:
    void loadFields(const Client &client) override;

private:
    QLineEdit *m_firstName;
    QLineEdit *m_lastName;
    QLineEdit *m_dateOfBirth;
    QLineEdit *m_email;
    QLineEdit *m_phone;
    QPlainTextEdit *m_address;
    QComboBox *m_counselor;
    bool m_hasCounselorList = false;
    std::function<QString(const QString &)> m_userLabel;
};

} // namespace pathway
