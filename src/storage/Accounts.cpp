#include "pathway/storage/Accounts.h"

#include "pathway/core/PasswordHash.h"
#include "pathway/storage/Access.h"
#include "pathway/storage/AuditLog.h"
#include "pathway/storage/Database.h"
#include "pathway/storage/UserRepository.h"

#include <QObject>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <QSqlQuery>
#include <QVariant>

#include <array>

namespace pathway::accounts {

namespace {

struct StoredUser
{
    User user;
    QString hash;
    int failures = 0;
    QDateTime lastFailed;
};

Result<std::optional<StoredUser>> load(Database &db, const QString &username)
{
    QSqlQuery q =
        db.prepare(QStringLiteral("SELECT id, username, display_name, role, active, password_hash, "
                                  "failed_sign_ins, last_failed_at FROM users WHERE username = ?"));
    q.addBindValue(username);
    if (!q.exec())
        return db.queryError(q, QObject::tr("looking up user %1").arg(username));
    if (!q.next())
        return std::optional<StoredUser>();
    StoredUser s;
    s.user.id = q.value(0).toLongLong();
    s.user.username = q.value(1).toString();
    s.user.displayName = q.value(2).toString();
    roleFromCode(q.value(3).toString(), s.user.role);
    s.user.active = q.value(4).toBool();
    s.hash = q.value(5).toString();
    s.failures = q.value(6).toInt();
    s.lastFailed = QDateTime::fromString(q.value(7).toString(), Qt::ISODateWithMs);
    return std::optional<StoredUser>(s);
}

Result<std::optional<StoredUser>> loadExisting(Database &db, const QString &username)
{
    auto found = load(db, username);
    if (found && !found.value())
        return Error{Error::Code::NotFound, QObject::tr("There is no user %1.").arg(username)};
    return found;
}

QString now(const QDateTime &at)
{
    return at.toUTC().toString(Qt::ISODateWithMs);
}

Status storeHash(Database &db, qint64 userId, const QString &password)
{
    QSqlQuery q = db.prepare(QStringLiteral(
        "UPDATE users SET password_hash = ?, failed_sign_ins = 0, last_failed_at = NULL "
        "WHERE id = ?"));
    q.addBindValue(passwordHash::create(password));
    q.addBindValue(userId);
    if (!q.exec())
        return db.queryError(q, QObject::tr("storing a password"));
    return {};
}

Status checkUsername(const QString &username)
{
    static const QRegularExpression valid(QStringLiteral("^[a-z][a-z0-9._-]{1,31}$"));
    if (!valid.match(username).hasMatch())
        return Error{Error::Code::Invalid,
                     QObject::tr("User name \"%1\" is not valid: use 2 to 32 lower-case letters, "
                                 "digits, '.', '_' or '-', starting with a letter.")
                         .arg(username)};
    return {};
}

// Counts a failed password for `stored` (its back-off grows) in its own
// transaction, and records it.
Status countFailure(Database &db, const StoredUser &stored, const QDateTime &at)
{
    return db.transaction([&]() -> Status {
        QSqlQuery q = db.prepare(QStringLiteral(
            "UPDATE users SET failed_sign_ins = failed_sign_ins + 1, last_failed_at = ? "
            "WHERE id = ?"));
        q.addBindValue(now(at));
        q.addBindValue(stored.user.id);
        if (!q.exec())
            return db.queryError(q, QObject::tr("counting a failed sign-in"));
        return audit::recordFor(db, stored.user.id, stored.user.username, AuditAction::SignInFailed,
                                QStringLiteral("user"), stored.user.id, {}, at);
    });
}

Status clearFailures(Database &db, qint64 userId)
{
    QSqlQuery q = db.prepare(
        QStringLiteral("UPDATE users SET failed_sign_ins = 0, last_failed_at = NULL WHERE id = ?"));
    q.addBindValue(userId);
    if (!q.exec())
        return db.queryError(q, QObject::tr("clearing failed sign-ins"));
    return {};
}

// The back-off state of a name typed at sign-in.
struct Attempts
{
    int failures = 0;     // failed sign-ins in a row
    QDateTime lastFailed; // invalid when none
};

// The iteration count of the agency's password hashes: that of the first
// stored one (the administrator's, as a rule), else what Pathway writes.
// Every answer at sign-in costs one PBKDF2 of this many iterations, as
// checking a real user's password does, so that the time taken does not
// tell which names exist.
int agencyIterations(Database &db)
{
    QSqlQuery &q = db.cached(QStringLiteral(
        "SELECT password_hash FROM users WHERE password_hash <> '' ORDER BY id LIMIT 1"));
    int iterations = 0;
    if (q.exec() && q.next())
        iterations = passwordHash::iterations(q.value(0).toString());
    q.finish();
    if (iterations <= 0)
        return passwordHash::kDefaultIterations;
    return qMin(iterations, passwordHash::kMaxIterations);
}

// As much work as checking a password, for the answers that check none
// (a try during a wait, a user who has no password yet).
void spendOneCheck(int iterations)
{
    passwordHash::pbkdf2Sha256(QByteArrayLiteral("no password is checked"),
                               QByteArrayLiteral("pathway decoy"), iterations, 32);
}

const QString kNameSaltSetting = QStringLiteral("sign_in_name_salt");

// The database's own salt for the keys of unknown names, made on first use.
Result<QByteArray> nameSalt(Database &db)
{
    const auto read = [&]() -> Result<QByteArray> {
        QSqlQuery &q =
            db.cached(QStringLiteral("SELECT value FROM database_settings WHERE name = ?"));
        q.addBindValue(kNameSaltSetting);
        if (!q.exec())
            return db.queryError(q, QObject::tr("reading the setting %1").arg(kNameSaltSetting));
        const QByteArray salt =
            q.next() ? QByteArray::fromBase64(q.value(0).toString().toLatin1()) : QByteArray();
        q.finish();
        return salt;
    };
    auto salt = read();
    if (!salt || !salt->isEmpty())
        return salt;
    std::array<quint32, 4> words;
    QRandomGenerator::system()->fillRange(words.data(), words.size());
    const QByteArray fresh(reinterpret_cast<const char *>(words.data()), sizeof(words));
    const Status stored = db.transaction([&]() -> Status {
        // Another program may have made it meanwhile: its salt stays.
        QSqlQuery q = db.prepare(QStringLiteral("INSERT INTO database_settings (name, value) "
                                                "VALUES (?, ?) ON CONFLICT (name) DO NOTHING"));
        q.addBindValue(kNameSaltSetting);
        q.addBindValue(QString::fromLatin1(fresh.toBase64()));
        if (!q.exec())
            return db.queryError(q, QObject::tr("saving the setting %1").arg(kNameSaltSetting));
        return {};
    });
    if (!stored)
        return stored.error();
    salt = read();
    if (salt && salt->isEmpty())
        return Error{
            Error::Code::Database,
            QObject::tr("The setting %1 in %2 is damaged.").arg(kNameSaltSetting, db.path())};
    return salt;
}

// What the audit trail keeps of a name no user has, instead of the name
// (which may be a password typed into the wrong field): a PBKDF2 of it with
// the database's own salt and the agency's iterations, 12 bytes in hex. It
// is as slow to guess from as a stored password hash; the same name gives
// the same key, so its failures can be counted. Computing it is this try's
// one check.
Result<QString> unknownNameKey(Database &db, const QString &name, int iterations)
{
    auto salt = nameSalt(db);
    if (!salt)
        return salt.error();
    return QString::fromLatin1(
        passwordHash::pbkdf2Sha256(name.toUtf8(), salt.value(), iterations, 12).toHex());
}

QString unknownNameDetail(const QString &key)
{
    return QStringLiteral("name key %1").arg(key);
}

// The failed sign-ins recorded in the audit trail for the name with `key`, a
// name no user has: an unknown name is made to wait like a known one, so
// that the answers (their words and their waits) do not tell which names
// exist. Such a name never signs in, so its failures are never cleared.
Result<Attempts> unknownNameAttempts(Database &db, const QString &key)
{
    QSqlQuery &q = db.cached(QStringLiteral(
        "SELECT count(*), max(at) FROM audit_log WHERE username = ? AND action = ? AND user_id "
        "IS NULL AND detail = ?"));
    q.addBindValue(unknownUserName());
    q.addBindValue(auditActionCode(AuditAction::SignInFailed));
    q.addBindValue(unknownNameDetail(key));
    if (!q.exec() || !q.next())
        return db.queryError(q, QObject::tr("counting failed sign-ins"));
    Attempts attempts;
    attempts.failures = q.value(0).toInt();
    attempts.lastFailed = QDateTime::fromString(q.value(1).toString(), Qt::ISODateWithMs);
    q.finish();
    return attempts;
}

// Conflict while a name must still wait after earlier failures.
Status checkBackoff(const Attempts &attempts, const QDateTime &at)
{
    const int wait = backoffSeconds(attempts.failures);
    if (wait == 0 || !attempts.lastFailed.isValid())
        return {};
    // In milliseconds, rounded up to the second: whole seconds (secsTo)
    // would let a try through up to a second early.
    const qint64 remainingMs = at.msecsTo(attempts.lastFailed.addSecs(wait));
    if (remainingMs <= 0)
        return {};
    const int remaining = int((remainingMs + 999) / 1000);
    return Error{Error::Code::Conflict, waitSentence(remaining), remaining};
}

// The refusal of a wrong password (`wrong`), the `failures`-th in a row:
// when it starts a wait, the wait is said at once.
Error refusal(const QString &wrong, int failures)
{
    const int wait = backoffSeconds(failures);
    if (wait == 0)
        return Error{Error::Code::Forbidden, wrong};
    return Error{Error::Code::Forbidden, wrong + QLatin1Char(' ') + waitSentence(wait), wait};
}

// The answer to a name no user has: a wrong password's, with the same wait
// and the same work (one PBKDF2 of the agency's iterations), recorded under
// unknownUserName() and the name's key, never the name.
Result<User> refuseUnknownName(Database &db, const QString &name, int iterations,
                               const QDateTime &now)
{
    auto key = unknownNameKey(db, name, iterations);
    if (!key)
        return key.error();
    auto attempts = unknownNameAttempts(db, key.value());
    if (!attempts)
        return attempts.error();
    if (const Status waiting = checkBackoff(attempts.value(), now); !waiting)
        return waiting.error();
    if (const Status logged = db.transaction([&] {
            return audit::recordFor(db, 0, unknownUserName(), AuditAction::SignInFailed,
                                    QStringLiteral("user"), 0, unknownNameDetail(key.value()), now);
        });
        !logged)
        return logged.error();
    return refusal(wrongSignInText(), attempts->failures + 1);
}

// A stored hash that cannot be checked (changed outside Pathway: a form it
// never writes, or so many iterations that checking it would hang) is said
// to be damaged rather than answered as a wrong password. An empty hash is a
// user without a password, which is not damage.
Status storedHashUsable(const Database &db, const StoredUser &stored)
{
    if (stored.hash.isEmpty())
        return {};
    const Status usable = passwordHash::checkEncoded(stored.hash);
    if (usable)
        return {};
    return Error{Error::Code::Database,
                 QObject::tr("The stored password of %1 in %2 is damaged or was changed outside "
                             "Pathway (%3), so it was not checked. Run pathway-cli check, restore "
                             "the file from a backup, or ask an administrator to set a new "
                             "password.")
                     .arg(stored.user.username, db.path(), usable.error().message)};
}

} // namespace

QString wrongSignInText()
{
    return QObject::tr("The user name or the password is wrong.");
}

QString wrongPasswordText()
{
    return QObject::tr("The password is wrong.");
}

QString waitSentence(int seconds)
{
    return QObject::tr("Too many wrong passwords: try again in %1.").arg(waitText(seconds));
}

QString unknownUserName()
{
    return QStringLiteral("(unknown user)");
}

QString waitText(int seconds)
{
    seconds = qMax(seconds, 0);
    const int minutes = seconds / 60;
    const int rest = seconds % 60;
    const QString secondsText =
        rest == 1 ? QObject::tr("1 second") : QObject::tr("%1 seconds").arg(rest);
    if (minutes == 0)
        return secondsText;
    const QString minutesText =
        minutes == 1 ? QObject::tr("1 minute") : QObject::tr("%1 minutes").arg(minutes);
    return rest == 0 ? minutesText : QObject::tr("%1 %2").arg(minutesText, secondsText);
}

int backoffSeconds(int failures)
{
    if (failures < kFreeAttempts)
        return 0;
    const int doublings = qMin(failures - kFreeAttempts, 20);
    return qMin(kMaxBackoffSeconds, 2 << doublings);
}

Status checkPassword(const QString &password)
{
    if (password.size() < kMinPasswordLength)
        return Error{Error::Code::Invalid,
                     QObject::tr("The password is too short: use at least %1 characters.")
                         .arg(kMinPasswordLength)};
    if (password.trimmed().isEmpty())
        return Error{Error::Code::Invalid, QObject::tr("The password may not be only spaces.")};
    return {};
}

Result<bool> needsFirstAdmin(Database &db)
{
    QSqlQuery q = db.prepare(QStringLiteral("SELECT count(*) FROM users WHERE role = 'admin' AND "
                                            "active = 1 AND password_hash <> ''"));
    if (!q.exec() || !q.next())
        return db.queryError(q, QObject::tr("looking for an administrator"));
    return q.value(0).toLongLong() == 0;
}

Result<User> createFirstAdmin(Database &db, const QString &username, const QString &displayName,
                              const QString &password)
{
    if (const Status valid = checkUsername(username); !valid)
        return valid.error();
    if (const Status strong = checkPassword(password); !strong)
        return strong.error();
    User admin;
    const Status done = db.transaction([&]() -> Status {
        auto needed = needsFirstAdmin(db);
        if (!needed)
            return needed.error();
        if (!needed.value())
            return Error{Error::Code::Conflict,
                         QObject::tr("An administrator account already exists: sign in as the "
                                     "administrator to add users.")};
        auto existing = load(db, username);
        if (!existing)
            return existing.error();
        if (existing.value()) {
            if (existing.value()->user.role != Role::Admin)
                return Error{Error::Code::Conflict,
                             QObject::tr("User %1 exists and is not an administrator: choose "
                                         "another name for the administrator.")
                                 .arg(username)};
            admin = existing.value()->user;
            QSqlQuery q = db.prepare(QStringLiteral("UPDATE users SET active = 1 WHERE id = ?"));
            q.addBindValue(admin.id);
            if (!q.exec())
                return db.queryError(q, QObject::tr("activating %1").arg(username));
            admin.active = true;
        } else {
            QSqlQuery q = db.prepare(
                QStringLiteral("INSERT INTO users (username, display_name, role, active, "
                               "created_at) VALUES (?, ?, 'admin', 1, ?)"));
            q.addBindValue(username);
            q.addBindValue(displayName.trimmed().isEmpty() ? username : displayName.trimmed());
            q.addBindValue(now(QDateTime::currentDateTimeUtc()));
            if (!q.exec())
                return db.queryError(q, QObject::tr("adding user %1").arg(username));
            admin.id = q.lastInsertId().toLongLong();
            admin.username = username;
            admin.displayName = displayName.trimmed().isEmpty() ? username : displayName.trimmed();
            admin.role = Role::Admin;
        }
        if (const Status stored = storeHash(db, admin.id, password); !stored)
            return stored;
        return audit::recordFor(db, admin.id, admin.username, AuditAction::Create,
                                QStringLiteral("user"), admin.id, QStringLiteral("first admin"));
    });
    if (!done)
        return done.error();
    return admin;
}

Result<User> signIn(Database &db, const QString &username, const QString &password,
                    const QDateTime &now)
{
    const QString name = username.trimmed();
    auto found = load(db, name);
    if (!found)
        return found.error();
    // Every answer below costs one PBKDF2 of the agency's iterations: a
    // known name, an unknown one, a try during a wait, a user without a
    // password. Neither the words nor the time tell which names exist.
    const int iterations = agencyIterations(db);
    if (!found.value())
        return refuseUnknownName(db, name, iterations, now);
    const StoredUser &stored = *found.value();
    if (const Status waiting = checkBackoff({stored.failures, stored.lastFailed}, now); !waiting) {
        spendOneCheck(iterations); // refused unchecked, in a check's time
        return waiting.error();
    }
    if (const Status usable = storedHashUsable(db, stored); !usable)
        return usable.error();
    bool matches = false;
    if (stored.hash.isEmpty())
        spendOneCheck(iterations);
    else
        matches = passwordHash::verify(password, stored.hash);
    if (!matches) {
        if (const Status counted = countFailure(db, stored, now); !counted)
            return counted.error();
        return refusal(wrongSignInText(), stored.failures + 1);
    }
    if (!stored.user.active) {
        audit::recordFor(db, stored.user.id, stored.user.username, AuditAction::SignInFailed,
                         QStringLiteral("user"), stored.user.id, QStringLiteral("deactivated"));
        return Error{Error::Code::Forbidden,
                     QObject::tr("The account %1 is deactivated: ask an administrator.")
                         .arg(stored.user.username)};
    }
    // A sign-in with no failures to clear writes only its audit entry, and
    // that without waiting for another program's long write (recordSoon):
    // reading commands sign in, and readers never wait on writers.
    const Status done =
        stored.failures == 0 && !stored.lastFailed.isValid()
            ? audit::recordSoonFor(db, stored.user.id, stored.user.username, AuditAction::SignIn,
                                   QStringLiteral("session"), stored.user.id)
            : db.transaction([&]() -> Status {
                  if (const Status cleared = clearFailures(db, stored.user.id); !cleared)
                      return cleared;
                  return audit::recordFor(db, stored.user.id, stored.user.username,
                                          AuditAction::SignIn, QStringLiteral("session"),
                                          stored.user.id);
              });
    if (!done)
        return done.error();
    db.setActor(Actor::person(stored.user));
    return stored.user;
}

namespace {
// confirmPassword() with `wrong` as the words for a wrong password.
Status confirmOwnPassword(Database &db, const QString &password, const QDateTime &now,
                          const QString &wrong)
{
    const Actor actor = db.actor();
    if (const Status signedIn = access::requireSignedIn(db); !signedIn)
        return signedIn;
    if (actor.kind != Actor::Kind::Person)
        return Error{Error::Code::Invalid, QObject::tr("Only a signed-in person has a password.")};
    auto found = loadExisting(db, actor.username);
    if (!found)
        return found.error();
    const StoredUser &stored = *found.value();
    if (const Status waiting = checkBackoff({stored.failures, stored.lastFailed}, now); !waiting)
        return waiting;
    if (const Status usable = storedHashUsable(db, stored); !usable)
        return usable;
    if (!passwordHash::verify(password, stored.hash)) {
        if (const Status counted = countFailure(db, stored, now); !counted)
            return counted;
        return refusal(wrong, stored.failures + 1);
    }
    if (!stored.user.active)
        return Error{Error::Code::Forbidden,
                     QObject::tr("The account %1 is deactivated: ask an administrator.")
                         .arg(stored.user.username)};
    return clearFailures(db, stored.user.id);
}
} // namespace

Status confirmPassword(Database &db, const QString &password, const QDateTime &now)
{
    return confirmOwnPassword(db, password, now, wrongPasswordText());
}

void signOut(Database &db)
{
    if (db.actor().kind == Actor::Kind::Person)
        audit::record(db, AuditAction::SignOut, QStringLiteral("session"), db.actor().userId);
    db.setActor(Actor::nobody());
}

Result<User> createUser(Database &db, const QString &username, const QString &displayName,
                        Role role, const QString &password)
{
    if (const Status allowed = access::requireAdmin(db, QObject::tr("add users")); !allowed)
        return allowed.error();
    if (const Status valid = checkUsername(username); !valid)
        return valid.error();
    if (const Status strong = checkPassword(password); !strong)
        return strong.error();
    User user;
    user.username = username;
    user.displayName = displayName.trimmed().isEmpty() ? username : displayName.trimmed();
    user.role = role;
    const Status done = db.transaction([&]() -> Status {
        auto existing = load(db, username);
        if (!existing)
            return existing.error();
        if (existing.value())
            return Error{Error::Code::Conflict,
                         QObject::tr("There is already a user %1.").arg(username)};
        auto id = UserRepository(db).add(user.username, user.displayName, role);
        if (!id)
            return id.error();
        user.id = id.value();
        return storeHash(db, user.id, password);
    });
    if (!done)
        return done.error();
    return user;
}

Status setActive(Database &db, const QString &username, bool active)
{
    if (const Status allowed = access::requireAdmin(db, QObject::tr("deactivate users")); !allowed)
        return allowed;
    if (!active && username == db.actor().username)
        return Error{Error::Code::Invalid,
                     QObject::tr("You cannot deactivate your own account: another "
                                 "administrator must do it.")};
    return db.transaction([&]() -> Status {
        auto found = loadExisting(db, username);
        if (!found)
            return found.error();
        const User &user = found.value()->user;
        if (!active && user.role == Role::Admin) {
            QSqlQuery q = db.prepare(QStringLiteral(
                "SELECT count(*) FROM users WHERE role = 'admin' AND active = 1 AND id <> ?"));
            q.addBindValue(user.id);
            if (!q.exec() || !q.next())
                return db.queryError(q, QObject::tr("counting administrators"));
            if (q.value(0).toLongLong() == 0)
                return Error{Error::Code::Invalid,
                             QObject::tr("%1 is the last active administrator and cannot be "
                                         "deactivated.")
                                 .arg(username)};
        }
        QSqlQuery q = db.prepare(QStringLiteral("UPDATE users SET active = ? WHERE id = ?"));
        q.addBindValue(active ? 1 : 0);
        q.addBindValue(user.id);
        if (!q.exec())
            return db.queryError(q, QObject::tr("changing user %1").arg(username));
        return audit::record(db, AuditAction::Update, QStringLiteral("user"), user.id,
                             active ? QStringLiteral("reactivated")
                                    : QStringLiteral("deactivated"));
    });
}

namespace {
// Gives `username` a new password (checked), recorded as `detail`; the
// caller has checked who may do it.
Status replacePassword(Database &db, const QString &username, const QString &password,
                       const QString &detail)
{
    if (const Status strong = checkPassword(password); !strong)
        return strong;
    return db.transaction([&]() -> Status {
        auto found = loadExisting(db, username);
        if (!found)
            return found.error();
        const qint64 id = found.value()->user.id;
        if (const Status stored = storeHash(db, id, password); !stored)
            return stored;
        return audit::record(db, AuditAction::Update, QStringLiteral("user"), id, detail);
    });
}
} // namespace

Status resetPassword(Database &db, const QString &username, const QString &password)
{
    if (const Status allowed = access::requireAdmin(db, QObject::tr("reset passwords")); !allowed)
        return allowed;
    return replacePassword(db, username, password, QStringLiteral("password reset"));
}

Status changeOwnPassword(Database &db, const QString &oldPassword, const QString &newPassword)
{
    if (db.actor().kind != Actor::Kind::Person)
        return Error{Error::Code::Forbidden, QObject::tr("Sign in to change your password.")};
    if (const Status strong = checkPassword(newPassword); !strong)
        return strong;
    if (const Status confirmed =
            confirmOwnPassword(db, oldPassword, QDateTime::currentDateTimeUtc(),
                               QObject::tr("The current password is wrong."));
        !confirmed)
        return confirmed;
    return db.transaction([&]() -> Status {
        if (const Status stored = storeHash(db, db.actor().userId, newPassword); !stored)
            return stored;
        return audit::record(db, AuditAction::Update, QStringLiteral("user"), db.actor().userId,
                             QStringLiteral("password changed"));
    });
}

Result<QVector<User>> users(Database &db)
{
    if (const Status signedIn = access::requireSignedIn(db); !signedIn)
        return signedIn.error();
    QString sql = QStringLiteral("SELECT id, username, display_name, role, active FROM users");
    if (!db.actor().administers())
        sql += QStringLiteral(" WHERE active = 1");
    sql += QStringLiteral(" ORDER BY username");
    QSqlQuery q = db.prepare(sql);
    if (!q.exec())
        return db.queryError(q, QObject::tr("listing users"));
    QVector<User> out;
    while (q.next()) {
        User u;
        u.id = q.value(0).toLongLong();
        u.username = q.value(1).toString();
        u.displayName = q.value(2).toString();
        roleFromCode(q.value(3).toString(), u.role);
        u.active = q.value(4).toBool();
        out.append(u);
    }
    return out;
}

} // namespace pathway::accounts
