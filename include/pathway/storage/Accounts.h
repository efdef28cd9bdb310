#pragma once

#include "pathway/core/Result.h"
#include "pathway/core/User.h"

#include <QDateTime>
#include <QString>
#include <QVector>

namespace pathway {

class Database;

// Sign-in and user management. Passwords are kept only as PBKDF2 hashes
// (core/PasswordHash.h). After three failed sign-ins in a row a user must
// wait before the next try, twice as long after each further failure
// (2 s, 4 s, ... up to 15 minutes); a good sign-in clears the count.
namespace accounts {

constexpr int kMinPasswordLength = 8;
constexpr int kFreeAttempts = 3;
constexpr int kMaxBackoffSeconds = 15 * 60;

// Seconds to wait after `failures` failed sign-ins in a row.
int backoffSeconds(int failures);

// An error naming what is wrong with `password`, or ok.
Status checkPassword(const QString &password);

// True when no active admin can sign in yet: the first run, which asks for
// the admin's password.
Result<bool> needsFirstAdmin(Database &db);

// Creates (or, when it exists without a password, completes) the admin
// account `username` with `password`. Refused once an admin can sign in.
Result<User> createFirstAdmin(Database &db, const QString &username, const QString &displayName,
                              const QString &password);

// Checks `password` for `username` and, when it matches, makes that user
// the database's actor and records the sign-in. Wrong name and wrong
// password get the same message; an inactive user is told so; during a
// back-off the message says how many seconds remain (Error::Code::Conflict).
Result<User> signIn(Database &db, const QString &username, const QString &password,
                    const QDateTime &now = QDateTime::currentDateTimeUtc());

// Checks the actor's own password again (unlocking an idle-locked screen);
// failures count toward the back-off like sign-ins.
Status confirmPassword(Database &db, const QString &password,
                       const QDateTime &now = QDateTime::currentDateTimeUtc());

// Records the sign-out and makes nobody the actor.
void signOut(Database &db);

// Admin only.
Result<User> createUser(Database &db, const QString &username, const QString &displayName,
                        Role role, const QString &password);
Status setActive(Database &db, const QString &username, bool active); // not yourself
Status resetPassword(Database &db, const QString &username, const QString &password);

// Any signed-in user, for their own account.
Status changeOwnPassword(Database &db, const QString &oldPassword, const QString &newPassword);

// Every user (no hashes), by user name. Any signed-in user (to pick a
// counselor); only admins see inactive ones.
Result<QVector<User>> users(Database &db);

// Sets the password of an existing user without an actor check, for set-up
// paths that act as the system (init, demo). Refused for any other actor.
Status setPasswordAsSystem(Database &db, const QString &username, const QString &password);

} // namespace accounts
} // namespace pathway
