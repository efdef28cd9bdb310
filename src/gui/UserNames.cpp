#include "UserNames.h"

#include "pathway/core/User.h"
#include "pathway/storage/UserRepository.h"

namespace pathway {

QString UserNames::label(const QString &username)
{
    if (username.isEmpty())
        return username;
    const auto cached = m_labels.constFind(username);
    if (cached != m_labels.constEnd())
        return *cached;
    QString name = username;
    auto user = UserRepository(m_db).find(username);
    if (user && user->has_value())
        name = userLabel(user.value()->displayName, username);
    m_labels.insert(username, name);
    return name;
}

} // namespace pathway
