#pragma once

#include "pathway/core/Result.h"
#include "pathway/core/User.h"

#include <QHash>
#include <QSet>
#include <QString>
#include <QVector>

#include <optional>

namespace pathway {

class Database;

// Everyone's name as shown on screen, by user name, read once: for lists
// that hold only user names (caseload rows, case notes, reviews, the audit
// trail). Each name is displayLabel() (core/User.h); a display name that two
// users share always gets the user name added, so they can be told apart.
class UserNames
{
public:
    UserNames() = default;
    explicit UserNames(const QVector<User> &users);

    // Every user, active or not (a former counselor still signs old notes),
    // whoever the actor is: display names are not clients' personal data.
    static Result<UserNames> load(Database &db);
    // load(), or no one when the users cannot be read: everyone is then
    // shown by their user name (for labels, where a failed read must not
    // stop a window from opening).
    static UserNames loadOrEmpty(Database &db);

    // "Ana García"; "Ana García (agarcia)" with NameForm::WithUserName or
    // when another user has the same display name; `username` itself when
    // there is no such user (a name typed at a failed sign-in, "system").
    QString label(const QString &username, NameForm form = NameForm::Name) const;
    std::optional<User> find(const QString &username) const;

private:
    QHash<QString, User> m_users;
    QSet<QString> m_sharedNames; // display names more than one user has
};

} // namespace pathway
