#include "pathway/core/User.h"

#include <QObject>

namespace pathway {

QString displayLabel(const QString &displayName, const QString &username, NameForm form)
{
    const QString name = displayName.trimmed();
    if (name.isEmpty() || name == username)
        return username;
    if (form == NameForm::WithUserName && !username.isEmpty())
        return QObject::tr("%1 (%2)").arg(name, username);
    return name;
}

QString displayLabel(const User &user, NameForm form)
{
    return displayLabel(user.displayName, user.username, form);
}

QString roleCode(Role role)
{
    switch (role) {
    case Role::Counselor:
        return QStringLiteral("counselor");
    case Role::Supervisor:
        return QStringLiteral("supervisor");
    case Role::Admin:
        return QStringLiteral("admin");
    }
    return {};
}

QString roleLabel(Role role)
{
    switch (role) {
    case Role::Counselor:
        return QObject::tr("Counselor");
    case Role::Supervisor:
        return QObject::tr("Supervisor");
    case Role::Admin:
        return QObject::tr("Administrator");
    }
    return {};
}

bool roleFromCode(const QString &code, Role &out)
{
    for (Role r : {Role::Counselor, Role::Supervisor, Role::Admin}) {
        if (roleCode(r) == code) {
            out = r;
            return true;
        }
    }
    return false;
}

} // namespace pathway
