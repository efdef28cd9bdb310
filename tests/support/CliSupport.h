#pragma once

// Running the built pathway-cli from a test (PATHWAY_CLI, defined by the
// test's target, is its path), for every test of the command line.

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QLockFile>
#include <QMap>
#include <QProcess>
#include <QTemporaryDir>

#include <catch2/catch.hpp>

#include <optional>

#include <unistd.h>

namespace pathway::clitest {

struct Run
{
    int status = -1;
    QString out;
    QString err;
};

// The password every test account gets (demo, init).
inline const QString kPassword = QStringLiteral("correct horse 42");
inline const QString kToday = QStringLiteral("2026-11-23");

// The environment of one run: never the caller's PATHWAY_DB or PATHWAY_PASSWORD.
struct Env
{
    std::optional<QString> password = kPassword; // PATHWAY_PASSWORD; nullopt: unset
    QString db;                                  // PATHWAY_DB; empty: unset
    QMap<QString, QString> extra;
};

inline QProcessEnvironment environment(const Env &e)
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.remove(QStringLiteral("PATHWAY_DB"));
    env.remove(QStringLiteral("PATHWAY_PASSWORD"));
    if (!e.db.isEmpty())
        env.insert(QStringLiteral("PATHWAY_DB"), e.db);
    if (e.password)
        env.insert(QStringLiteral("PATHWAY_PASSWORD"), *e.password);
    for (auto it = e.extra.cbegin(); it != e.extra.cend(); ++it)
        env.insert(it.key(), it.value());
    return env;
}

inline Run start(const QString &program, const QStringList &args, const Env &env)
{
    QProcess p;
    p.setProcessEnvironment(environment(env));
    p.start(program, args);
    p.closeWriteChannel(); // standard input: an empty pipe, not a terminal
    REQUIRE(p.waitForFinished(300000));
    return {p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1,
            QString::fromUtf8(p.readAllStandardOutput()),
            QString::fromUtf8(p.readAllStandardError())};
}

inline Run cli(const QStringList &args, const Env &env)
{
    return start(QStringLiteral(PATHWAY_CLI), args, env);
}

inline Run cli(const QStringList &args, const QString &dbEnv = QString())
{
    Env env;
    env.db = dbEnv;
    return cli(args, env);
}

// Runs pathway-cli signed in as `user` (with the password kPassword unless
// `env` says otherwise).
inline Run as(const QString &user, const QStringList &args, const Env &env = {})
{
    return cli(args + QStringList{QStringLiteral("--user"), user}, env);
}

// A copy in `dir` of the demo database of `clients` clients (seed `seed`,
// today kToday, password kPassword). `demo` hashes a password for each demo
// user, which takes seconds, so each database is made once per build of
// pathway-cli and then copied.
inline QString demoDatabase(const QTemporaryDir &dir, int clients, int seed = 1)
{
    const QFileInfo program(QStringLiteral(PATHWAY_CLI));
    const QByteArray key =
        QCryptographicHash::hash(QStringLiteral("%1|%2|%3|%4|%5|%6")
                                     .arg(program.lastModified().toMSecsSinceEpoch())
                                     .arg(program.size())
                                     .arg(clients)
                                     .arg(seed)
                                     .arg(kToday, kPassword)
                                     .toUtf8(),
                                 QCryptographicHash::Sha1)
            .toHex()
            .left(20);
    const QString cacheDir =
        QDir::temp().filePath(QStringLiteral("pathway-clitest-%1").arg(::getuid()));
    REQUIRE(QDir().mkpath(cacheDir));
    const QString cached = QDir(cacheDir).filePath(QString::fromLatin1(key) + ".sqlite");
    QLockFile lock(cached + QStringLiteral(".lock"));
    lock.setStaleLockTime(0); // making one can take longer than the default 30 s
    REQUIRE(lock.lock());
    if (!QFile::exists(cached)) {
        const QString fresh = cached + QStringLiteral(".new");
        QFile::remove(fresh);
        const Run made =
            cli({QStringLiteral("demo"), QStringLiteral("--db"), fresh, QStringLiteral("--clients"),
                 QString::number(clients), QStringLiteral("--seed"), QString::number(seed),
                 QStringLiteral("--today"), kToday});
        INFO(made.err.toStdString());
        REQUIRE(made.status == 0);
        REQUIRE(QFile::rename(fresh, cached));
    }
    const QString copy = dir.filePath(QStringLiteral("p.sqlite"));
    QFile::remove(copy);
    REQUIRE(QFile::copy(cached, copy));
    QFile::setPermissions(copy, QFile::ReadOwner | QFile::WriteOwner);
    return copy;
}

// What a refusal of a file that is damaged or not Pathway's must say, and
// what it must not: driver text, Qt's warnings, or a wrong-password answer.
// "Clear" is these checks: the file's name, "damaged" or "not Pathway's",
// and `pathway-cli check` or a backup as what to do.
inline void checkClearRefusal(const Run &r, const QString &path)
{
    INFO("stderr: " << r.err.toStdString());
    CHECK(r.status == 1); // refused, not crashed (a crash reads as -1)
    CHECK(r.err.contains(path));
    CHECK((r.err.contains(QStringLiteral("damaged")) ||
           r.err.contains(QStringLiteral("not a Pathway database")) ||
           r.err.contains(QStringLiteral("not one of Pathway's"))));
    CHECK((r.err.contains(QStringLiteral("pathway-cli check")) ||
           r.err.contains(QStringLiteral("backup"))));
    for (const char *raw :
         {"QSqlDatabase", "removeDatabase", "Parameter count mismatch", "already exists",
          "no such table", "no such column", "File exists", "disk I/O error"})
        CHECK_FALSE(r.err.contains(QLatin1String(raw)));
    CHECK_FALSE(r.err.contains(QStringLiteral("password is wrong")));
    CHECK(r.out.isEmpty());
}

} // namespace pathway::clitest
