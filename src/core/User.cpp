#include "pathway/core/User.h"

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
