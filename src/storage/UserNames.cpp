#include "pathway/storage/UserNames.h"

#include "pathway/storage/UserRepository.h"

namespace pathway {

UserNames::UserNames(const QVector<User> &users)
{
    QHash<QString, int> named;
    for (const User &u : users) {
        m_users.insert(u.username, u);
        ++named[u.displayName.trimmed().toCaseFolded()];
    }
    for (auto it = named.cbegin(); it != named.cend(); ++it) {
        if (it.value() > 1)
            m_sharedNames.insert(it.key());
    }
}

Result<UserNames> UserNames::load(Database &db)
{
    auto users = UserRepository(db).list();
    if (!users)
        return users.error();
    return UserNames(users.value());
}

UserNames UserNames::loadOrEmpty(Database &db)
{
    auto names = load(db);
    return names ? std::move(names.value()) : UserNames();
}

QString UserNames::label(const QString &username, NameForm form) const
{
    const auto it = m_users.constFind(username);
    if (it == m_users.cend())
        return username;
    const bool shared = m_sharedNames.contains(it->displayName.trimmed().toCaseFolded());
    return displayLabel(*it, shared ? NameForm::WithUserName : form);
}

std::optional<User> UserNames::find(const QString &username) const
{
    const auto it = m_users.constFind(username);
    if (it == m_users.cend())
        return std::nullopt;
    return *it;
}

} // namespace pathway
