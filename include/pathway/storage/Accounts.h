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
// A wait in words: "1 second", "16 seconds", "2 minutes 8 seconds".
QString waitText(int seconds);
// The words of a refused sign-in (wrong user name or password: never told
// apart) and of a refused password check (unlocking, changing a password).
QString wrongSignInText();
QString wrongPasswordText();
// The wait after too many wrong passwords, the same words for every name
// (known or not): "Too many wrong passwords: try again in 2 seconds."
QString waitSentence(int seconds);
// The user name the audit trail records for a failed sign-in with a name no
// user has. The name typed is never stored: it may be a password typed into
// the wrong field. The entry's detail holds a key of it instead ("name key"
// and 24 hex digits: a PBKDF2 of the name with the database's own salt, as
// slow to guess from as a stored password), so that its failures count.
QString unknownUserName();

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
// the database's actor and records the sign-in. A wrong password gets
// wrongSignInText() (Error::Code::Forbidden); when that failure starts a
// wait, the message says so (waitSentence()) and Error::retryAfterSeconds
// holds the wait. A try during a wait is refused unchecked
// (Error::Code::Conflict, with the seconds left). A name no user has gets
// exactly the same answers and waits (its failures are counted in the audit
// trail under unknownUserName()), and every answer costs the same work (one
// PBKDF2 of the iterations of the agency's stored hashes), so neither the
// answers nor their time tell whether a user name exists. An inactive user
// is told so (after the right password only).
Result<User> signIn(Database &db, const QString &username, const QString &password,
                    const QDateTime &now = QDateTime::currentDateTimeUtc());

// Checks the actor's own password again (unlocking a locked screen);
// failures count toward the back-off like sign-ins, and the failure that
// starts a wait says so at once (wrongPasswordText(), retryAfterSeconds).
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

} // namespace accounts
} // namespace pathway
