#include "pathway/core/User.h"

#include <QObject>

namespace pathway {

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

QString userLabel(const QString &displayName, const QString &username)
{
    const QString name = displayName.trimmed();
    return name.isEmpty() ? username : name;
}

} // namespace pathway
