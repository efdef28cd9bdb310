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
QString roleLabel(Role role); // "Counselor", "Supervisor", "Administrator"
bool roleFromCode(const QString &code, Role &out);
// How a user is named to people: the display name ("Ana García"), else the
// user name ("agarcia") when there is no display name.
QString userLabel(const QString &displayName, const QString &username);

// Who is acting on the database: nobody (the default: every read or write of
// client data is refused), a signed-in person, or the system itself (set up,
// demo data, migrations and tests; it may do everything).
struct Actor
{
    enum class Kind
    {
        Nobody,
        Person,
        System
    };
    Kind kind = Kind::Nobody;
    qint64 userId = 0;
    QString username;
    Role role = Role::Counselor;

    static Actor nobody() { return {}; }
    static Actor system() { return {Kind::System, 0, QStringLiteral("system"), Role::Admin}; }
    static Actor person(const User &user)
    {
        return {Kind::Person, user.id, user.username, user.role};
    }

    bool signedIn() const { return kind != Kind::Nobody; }
    // Supervisors and admins read every client; a counselor only their own.
    bool seesAllClients() const
    {
        return kind == Kind::System || (kind == Kind::Person && role != Role::Counselor);
    }
    // Reviews plans, reassigns clients, reads the audit trail.
    bool supervises() const { return seesAllClients(); }
    // Manages users and the agency settings.
    bool administers() const
    {
        return kind == Kind::System || (kind == Kind::Person && role == Role::Admin);
    }
};

} // namespace pathway
