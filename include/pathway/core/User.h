#pragma once

#include <QString>

namespace pathway {

enum class Role
{
    Counselor,
    Supervisor,
    Admin
};

// Someone who signs in: a counselor owns clients; supervisors see all.
struct User
{
    qint64 id = 0;
    QString username;
    QString displayName;
    Role role = Role::Counselor;
    bool active = true;
};

QString roleCode(Role role);
bool roleFromCode(const QString &code, Role &out);

} // namespace pathway
