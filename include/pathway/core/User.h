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

// How a person is named on screen, in one place (caseload, dashboard,
// reviews, notes, audit trail, dialogs): the display name, "Ana García";
// with `NameForm::WithUserName` followed by the user name,
// "Ana García (agarcia)", where two people could share a name (lists to
// choose from, the audit trail, a name that is shared). The user name alone
// when there is no display name or it is the user name itself; empty for
// no one.
enum class NameForm
{
    Name,
    WithUserName
};
QString displayLabel(const QString &displayName, const QString &username,
                     NameForm form = NameForm::Name);
QString displayLabel(const User &user, NameForm form = NameForm::Name);

QString roleCode(Role role);
QString roleLabel(Role role); // "Counselor", "Supervisor", "Administrator"
bool roleFromCode(const QString &code, Role &out);

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
