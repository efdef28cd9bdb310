#include "StorageSupport.h"
#include "TestSupport.h"

#include "pathway/core/PasswordHash.h"
#include "pathway/storage/Accounts.h"
#include "pathway/storage/AuditLog.h"
#include "pathway/storage/Database.h"

#include <QDir>
#include <QRegularExpression>
#include <QSqlQuery>
#include <QTemporaryDir>

#include <catch2/catch.hpp>

using namespace pathway;

namespace {
const QString kAdminPassword = QStringLiteral("correct horse battery");
const QString kPassword = QStringLiteral("counselor pass 1");

QVariant scalar(Database &db, const QString &sql)
{
    QSqlQuery q(db.connection());
    REQUIRE(q.exec(sql));
    REQUIRE(q.next());
    return q.value(0);
}

// A database with a signed-in admin and one counselor (agarcia).
struct Accounts
{
    QTemporaryDir dir;
    std::unique_ptr<Database> db;

    Accounts()
    {
        auto opened = Database::open(dir.filePath(QStringLiteral("a.sqlite")), test::creating());
        REQUIRE(opened.ok());
        db = std::move(opened).value();
        REQUIRE(accounts::needsFirstAdmin(*db).value());
        REQUIRE(accounts::createFirstAdmin(*db, QStringLiteral("admin"), QStringLiteral("Ada Min"),
                                           kAdminPassword)
                    .ok());
        auto signedIn = accounts::signIn(*db, QStringLiteral("admin"), kAdminPassword);
        INFO(signedIn.error().message.toStdString());
        REQUIRE(signedIn.ok());
        REQUIRE(accounts::createUser(*db, QStringLiteral("agarcia"), QStringLiteral("Ana García"),
                                     Role::Counselor, kPassword)
                    .ok());
    }
};
} // namespace

TEST_CASE("The first run creates the admin with only a slow salted hash of the password")
{
    Accounts a;
    CHECK_FALSE(accounts::needsFirstAdmin(*a.db).value());
    const QString hash =
        scalar(*a.db, QStringLiteral("SELECT password_hash FROM users WHERE username = 'admin'"))
            .toString();
    CHECK(hash.startsWith(QStringLiteral("pbkdf2-sha256$600000$")));
    CHECK_FALSE(hash.contains(kAdminPassword));
    // A second first admin is refused.
    auto again = accounts::createFirstAdmin(*a.db, QStringLiteral("root"), QString(),
                                            QStringLiteral("another password"));
    REQUIRE_FALSE(again.ok());
    CHECK(again.error().code == Error::Code::Conflict);
    CHECK(a.db->actor().username == QStringLiteral("admin"));
    CHECK(a.db->actor().administers());
}

TEST_CASE("Weak passwords and bad user names are refused with the reason")
{
    Accounts a;
    auto weak = accounts::createUser(*a.db, QStringLiteral("bnguyen"), QString(), Role::Counselor,
                                     QStringLiteral("short"));
    REQUIRE_FALSE(weak.ok());
    CHECK(weak.error().message.contains(QStringLiteral("at least 8")));
    auto bad = accounts::createUser(*a.db, QStringLiteral("B Nguyen"), QString(), Role::Counselor,
                                    kPassword);
    REQUIRE_FALSE(bad.ok());
    CHECK(bad.error().message.contains(QStringLiteral("B Nguyen")));
    auto twice = accounts::createUser(*a.db, QStringLiteral("agarcia"), QString(), Role::Counselor,
                                      kPassword);
    REQUIRE_FALSE(twice.ok());
    CHECK(twice.error().code == Error::Code::Conflict);
    CHECK(scalar(*a.db, QStringLiteral("SELECT count(*) FROM users")).toInt() == 2);
}

TEST_CASE("Sign-in sets the actor, wrong name and wrong password read the same")
{
    Accounts a;
    accounts::signOut(*a.db);
    CHECK_FALSE(a.db->actor().signedIn());
    auto wrongPassword = accounts::signIn(*a.db, QStringLiteral("agarcia"), QStringLiteral("nope"));
    auto wrongName = accounts::signIn(*a.db, QStringLiteral("nobody"), kPassword);
    REQUIRE_FALSE(wrongPassword.ok());
    REQUIRE_FALSE(wrongName.ok());
    CHECK(wrongPassword.error().message == wrongName.error().message);
    CHECK_FALSE(a.db->actor().signedIn());

    auto ok = accounts::signIn(*a.db, QStringLiteral("agarcia"), kPassword);
    REQUIRE(ok.ok());
    CHECK(ok->role == Role::Counselor);
    CHECK(a.db->actor().username == QStringLiteral("agarcia"));
    CHECK_FALSE(a.db->actor().seesAllClients());
    CHECK(scalar(*a.db, QStringLiteral("SELECT failed_sign_ins FROM users WHERE username = "
                                       "'agarcia'"))
              .toInt() == 0);
    CHECK(scalar(*a.db, QStringLiteral("SELECT count(*) FROM audit_log WHERE action = "
                                       "'sign_in_failed'"))
              .toInt() == 2);
    // A counselor manages no users.
    auto refused = accounts::createUser(*a.db, QStringLiteral("bnguyen"), QString(),
                                        Role::Counselor, kPassword);
    REQUIRE_FALSE(refused.ok());
    CHECK(refused.error().code == Error::Code::Forbidden);
}

TEST_CASE("Failed sign-ins back off, and the wait is over after it has passed")
{
    CHECK(accounts::backoffSeconds(0) == 0);
    CHECK(accounts::backoffSeconds(2) == 0);
    CHECK(accounts::backoffSeconds(3) == 2);
    CHECK(accounts::backoffSeconds(4) == 4);
    CHECK(accounts::backoffSeconds(50) == accounts::kMaxBackoffSeconds);

    Accounts a;
    accounts::signOut(*a.db);
    // Whole seconds, so that the seconds left are exact.
    const QDateTime t0 = QDateTime::fromSecsSinceEpoch(QDateTime::currentSecsSinceEpoch(), Qt::UTC);
    for (int i = 0; i < 3; ++i)
        REQUIRE(accounts::signIn(*a.db, QStringLiteral("agarcia"), QStringLiteral("wrong"), t0)
                    .error()
                    .code == Error::Code::Forbidden);
    // Even the right password waits now, and is not checked.
    auto waiting = accounts::signIn(*a.db, QStringLiteral("agarcia"), kPassword, t0.addSecs(1));
    REQUIRE_FALSE(waiting.ok());
    CHECK(waiting.error().code == Error::Code::Conflict);
    CHECK(waiting.error().message.contains(QStringLiteral("try again in 1 second")));
    CHECK(waiting.error().retryAfterSeconds == 1); // 2 s after t0, asked at t0 + 1
    CHECK(accounts::signIn(*a.db, QStringLiteral("agarcia"), kPassword, t0)
              .error()
              .retryAfterSeconds == 2);
    // Half a second before the end of the wait is still too soon.
    auto almost = accounts::signIn(*a.db, QStringLiteral("agarcia"), kPassword, t0.addMSecs(1500));
    REQUIRE_FALSE(almost.ok());
    CHECK(almost.error().retryAfterSeconds == 1);
    auto later = accounts::signIn(*a.db, QStringLiteral("agarcia"), kPassword, t0.addSecs(3));
    REQUIRE(later.ok());
}

TEST_CASE("The wrong password that starts a wait says so at once, for known and unknown names")
{
    Accounts a;
    accounts::signOut(*a.db);
    const QDateTime t0 = QDateTime::fromSecsSinceEpoch(QDateTime::currentSecsSinceEpoch(), Qt::UTC);
    for (int attempt = 1; attempt <= 3; ++attempt) {
        INFO("attempt " << attempt);
        auto known =
            accounts::signIn(*a.db, QStringLiteral("agarcia"), QStringLiteral("wrong"), t0);
        auto unknown =
            accounts::signIn(*a.db, QStringLiteral("agarcie"), QStringLiteral("wrong"), t0);
        REQUIRE_FALSE(known.ok());
        REQUIRE_FALSE(unknown.ok());
        CHECK(known.error().code == Error::Code::Forbidden);
        CHECK(unknown.error().code == Error::Code::Forbidden);
        CHECK(known.error().message.startsWith(accounts::wrongSignInText()));
        // The same words, whether the name exists or not.
        CHECK(unknown.error().message == known.error().message);
        CHECK(unknown.error().retryAfterSeconds == known.error().retryAfterSeconds);
        if (attempt < 3) {
            CHECK(known.error().message == accounts::wrongSignInText());
            CHECK(known.error().retryAfterSeconds == 0);
        } else {
            CHECK(
                known.error().message ==
                QStringLiteral("The user name or the password is wrong. Too many wrong passwords: "
                               "try again in 2 seconds."));
            CHECK(known.error().retryAfterSeconds == 2);
        }
    }
    // During the wait both are refused unchecked, with the seconds left.
    auto known = accounts::signIn(*a.db, QStringLiteral("agarcia"), kPassword, t0.addSecs(1));
    auto unknown = accounts::signIn(*a.db, QStringLiteral("agarcie"), kPassword, t0.addSecs(1));
    CHECK(known.error().code == Error::Code::Conflict);
    CHECK(unknown.error().code == Error::Code::Conflict);
    CHECK(known.error().retryAfterSeconds == 1);
    CHECK(unknown.error().retryAfterSeconds == 1);
    CHECK(known.error().message ==
          QStringLiteral("Too many wrong passwords: try again in 1 second."));
    CHECK(unknown.error().message == known.error().message);
    // After it, a fourth failure doubles the wait for both.
    known =
        accounts::signIn(*a.db, QStringLiteral("agarcia"), QStringLiteral("wrong"), t0.addSecs(3));
    unknown =
        accounts::signIn(*a.db, QStringLiteral("agarcie"), QStringLiteral("wrong"), t0.addSecs(3));
    CHECK(known.error().retryAfterSeconds == 4);
    CHECK(unknown.error().retryAfterSeconds == 4);
    CHECK(known.error().message.endsWith(QStringLiteral("try again in 4 seconds.")));
    CHECK(unknown.error().message == known.error().message);
    // Another unknown name has a back-off of its own.
    auto other =
        accounts::signIn(*a.db, QStringLiteral("agarcio"), QStringLiteral("wrong"), t0.addSecs(3));
    CHECK(other.error().message == accounts::wrongSignInText());
    CHECK(other.error().retryAfterSeconds == 0);

    // Unlocking the screen says it the same way.
    REQUIRE(accounts::signIn(*a.db, QStringLiteral("agarcia"), kPassword, t0.addSecs(60)).ok());
    for (int attempt = 1; attempt <= 3; ++attempt) {
        const Status wrong =
            accounts::confirmPassword(*a.db, QStringLiteral("wrong"), t0.addSecs(60));
        REQUIRE_FALSE(wrong.ok());
        CHECK(wrong.error().retryAfterSeconds == (attempt < 3 ? 0 : 2));
    }
}

TEST_CASE("A failed sign-in with a name no user has keeps no trace of the name typed")
{
    Accounts a;
    accounts::signOut(*a.db);
    // A password typed into the name field, as happens.
    const QString typed = QStringLiteral("Tr0ub4dor&3 horse");
    for (int attempt = 0; attempt < 2; ++attempt)
        REQUIRE_FALSE(accounts::signIn(*a.db, typed, QStringLiteral("x")).ok());
    REQUIRE_FALSE(accounts::signIn(*a.db, QStringLiteral("agarcia"), QStringLiteral("x")).ok());
    REQUIRE_FALSE(
        accounts::signIn(*a.db, QStringLiteral("someone else"), QStringLiteral("x")).ok());

    QSqlQuery q(a.db->connection());
    REQUIRE(q.exec(QStringLiteral("SELECT user_id, username, detail FROM audit_log WHERE action = "
                                  "'sign_in_failed' ORDER BY id")));
    QVector<QStringList> rows;
    while (q.next())
        rows << QStringList{q.value(0).isNull() ? QStringLiteral("null") : q.value(0).toString(),
                            q.value(1).toString(), q.value(2).toString()};
    REQUIRE(rows.size() == 4);
    // A known user is named; an unknown name is a marker and a key.
    CHECK(rows[2][1] == QStringLiteral("agarcia"));
    for (int i : {0, 1, 3}) {
        INFO("row " << i);
        CHECK(rows[i][0] == QStringLiteral("null"));
        CHECK(rows[i][1] == accounts::unknownUserName());
        CHECK(rows[i][2].contains(QRegularExpression(QStringLiteral("^name key [0-9a-f]{24}$"))));
    }
    // The same name gives the same key (its failures count together),
    // another name another key.
    CHECK(rows[0][2] == rows[1][2]);
    CHECK(rows[3][2] != rows[0][2]);
    // Nowhere in the file: not in the trail, not in any other table.
    a.db.reset(); // closes the file, checkpointing the write-ahead log
    for (const QString &file : QDir(a.dir.path()).entryList(QDir::Files)) {
        INFO(file.toStdString());
        const QByteArray bytes = test::readFile(a.dir.filePath(file));
        CHECK_FALSE(bytes.contains(typed.toUtf8()));
        CHECK_FALSE(bytes.contains("someone else"));
    }
}

TEST_CASE("Every answer at sign-in costs one check of the agency's iterations, name known or not")
{
    Accounts a;
    accounts::signOut(*a.db);
    // The agency's hashes with 1,500 iterations (cheap, and not what
    // Pathway writes), one user without a password yet.
    constexpr int kIterations = 1500;
    QSqlQuery q(a.db->connection());
    REQUIRE(q.exec(QStringLiteral("INSERT INTO users (username, display_name, role, active, "
                                  "created_at) VALUES ('bnguyen', 'B', 'counselor', 1, '')")));
    for (const auto &[name, password] : {std::pair{QStringLiteral("admin"), kAdminPassword},
                                         std::pair{QStringLiteral("agarcia"), kPassword}}) {
        q.prepare(QStringLiteral("UPDATE users SET password_hash = ? WHERE username = ?"));
        q.addBindValue(passwordHash::create(password, kIterations));
        q.addBindValue(name);
        REQUIRE(q.exec());
    }
    const QDateTime t0 = QDateTime::fromSecsSinceEpoch(QDateTime::currentSecsSinceEpoch(), Qt::UTC);
    const auto cost = [&](const QString &name, const QString &password, const QDateTime &at) {
        const qint64 before = passwordHash::iterationsComputed();
        auto answer = accounts::signIn(*a.db, name, password, at);
        if (answer)
            accounts::signOut(*a.db);
        return passwordHash::iterationsComputed() - before;
    };
    for (int attempt = 1; attempt <= 3; ++attempt) {
        INFO("attempt " << attempt);
        CHECK(cost(QStringLiteral("agarcia"), QStringLiteral("wrong"), t0) == kIterations);
        CHECK(cost(QStringLiteral("agarcie"), QStringLiteral("wrong"), t0) == kIterations);
        CHECK(cost(QStringLiteral("bnguyen"), QStringLiteral("wrong"), t0) == kIterations);
    }
    // During the wait: nothing is checked, and it takes as long.
    CHECK(cost(QStringLiteral("agarcia"), kPassword, t0.addSecs(1)) == kIterations);
    CHECK(cost(QStringLiteral("agarcie"), kPassword, t0.addSecs(1)) == kIterations);
    CHECK(cost(QStringLiteral("bnguyen"), kPassword, t0.addSecs(1)) == kIterations);
    // A name never tried before, and a good sign-in.
    CHECK(cost(QStringLiteral("zz-first-try"), kPassword, t0) == kIterations);
    CHECK(cost(QStringLiteral("admin"), kAdminPassword, t0) == kIterations);
}

TEST_CASE("A wait is said in words")
{
    CHECK(accounts::waitText(1) == QStringLiteral("1 second"));
    CHECK(accounts::waitText(16) == QStringLiteral("16 seconds"));
    CHECK(accounts::waitText(60) == QStringLiteral("1 minute"));
    CHECK(accounts::waitText(128) == QStringLiteral("2 minutes 8 seconds"));
    CHECK(accounts::waitText(900) == QStringLiteral("15 minutes"));
}

TEST_CASE("Admins deactivate, reactivate and reset passwords, not their own account")
{
    Accounts a;
    auto self = accounts::setActive(*a.db, QStringLiteral("admin"), false);
    REQUIRE_FALSE(self.ok());
    CHECK(self.error().message.contains(QStringLiteral("own account")));
    REQUIRE(accounts::setActive(*a.db, QStringLiteral("agarcia"), false).ok());
    REQUIRE(
        accounts::resetPassword(*a.db, QStringLiteral("agarcia"), QStringLiteral("a new password"))
            .ok());
    accounts::signOut(*a.db);
    auto inactive =
        accounts::signIn(*a.db, QStringLiteral("agarcia"), QStringLiteral("a new password"));
    REQUIRE_FALSE(inactive.ok());
    CHECK(inactive.error().message.contains(QStringLiteral("deactivated")));

    REQUIRE(accounts::signIn(*a.db, QStringLiteral("admin"), kAdminPassword).ok());
    REQUIRE(accounts::setActive(*a.db, QStringLiteral("agarcia"), true).ok());
    accounts::signOut(*a.db);
    REQUIRE(
        accounts::signIn(*a.db, QStringLiteral("agarcia"), QStringLiteral("a new password")).ok());
    // Changing one's own password needs the current one.
    auto wrongOld = accounts::changeOwnPassword(*a.db, kPassword, QStringLiteral("third password"));
    REQUIRE_FALSE(wrongOld.ok());
    CHECK(wrongOld.error().message.contains(QStringLiteral("current password")));
    REQUIRE(accounts::changeOwnPassword(*a.db, QStringLiteral("a new password"),
                                        QStringLiteral("third password"))
                .ok());
    CHECK(accounts::confirmPassword(*a.db, QStringLiteral("third password")).ok());
    CHECK_FALSE(accounts::confirmPassword(*a.db, QStringLiteral("a new password")).ok());
}

TEST_CASE("Nobody signed in lists no users")
{
    Accounts a;
    a.db->setActor(Actor::nobody());
    CHECK(accounts::users(*a.db).error().code == Error::Code::Forbidden);
}

TEST_CASE("A stored hash with absurdly many iterations is refused at sign-in, not computed")
{
    Accounts a;
    // What a file changed by hand can hold: the form Pathway writes, with
    // 2,147,483,647 iterations (hours of work if it were computed).
    const QString tampered = QStringLiteral("pbkdf2-sha256$2147483647$AAECAwQFBgcICQoLDA0ODw==$"
                                            "kJUnsBmKMasWs2BTJlw6BusLTfb+GDzqlXa6uJpJwRc=");
    QSqlQuery q(a.db->connection());
    REQUIRE(q.prepare(QStringLiteral("UPDATE users SET password_hash = ? WHERE username = ?")));
    q.addBindValue(tampered);
    q.addBindValue(QStringLiteral("agarcia"));
    REQUIRE(q.exec());
    accounts::signOut(*a.db);

    auto signedIn = accounts::signIn(*a.db, QStringLiteral("agarcia"), kPassword);
    REQUIRE_FALSE(signedIn.ok());
    const QString message = signedIn.error().message;
    INFO(message.toStdString());
    CHECK(message.contains(QStringLiteral("agarcia")));
    CHECK(message.contains(a.db->path()));
    CHECK(message.contains(QStringLiteral("damaged")));
    CHECK(message.contains(QStringLiteral("2147483647")));
    CHECK(message.contains(QStringLiteral("backup")));
    CHECK(a.db->actor().kind == Actor::Kind::Nobody);
}
