#include "Commands.h"

#include "pathway/core/Csv.h"
#include "pathway/core/DemoGenerator.h"
#include "pathway/core/ExchangeFile.h"
#include "pathway/core/IncomeThresholds.h"
#include "pathway/core/PrivateFiles.h"
#include "pathway/core/RuleBase.h"
#include "pathway/core/StrategyEngine.h"
#include "pathway/report/PlanDocument.h"
#include "pathway/report/PlanFileName.h"
#include "pathway/report/ReportSettings.h"
#include "pathway/storage/Accounts.h"
#include "pathway/storage/AuditLog.h"
#include "pathway/storage/Backup.h"
#include "pathway/storage/CaseloadRepository.h"
#include "pathway/storage/ClientExchange.h"
#include "pathway/storage/ClientRepository.h"
#include "pathway/storage/Database.h"
#include "pathway/storage/DemoData.h"
#include "pathway/storage/NameIndex.h"
#include "pathway/storage/PlanService.h"
#include "pathway/storage/PrintablePlan.h"

#include <QCommandLineParser>
#include <QDateTime>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QSaveFile>
#include <QTextBoundaryFinder>
#include <QTextStream>
#include <QTimeZone>

#include <nlohmann/json.hpp>

#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <functional>
#include <iterator>
#include <map>
#include <memory>

#include <termios.h>
#include <unistd.h>

namespace pathway::cli {

namespace {

QTextStream &out()
{
    static QTextStream s(stdout);
    return s;
}

QTextStream &err()
{
    static QTextStream s(stderr);
    return s;
}

// The command being run, for messages.
QString &commandName()
{
    static QString name;
    return name;
}

// A refusal or failure: exit status 1.
int fail(const QString &message)
{
    err() << "pathway-cli: " << message << Qt::endl;
    return 1;
}

int fail(const Error &error)
{
    return fail(error.message);
}

// A command line that cannot work as given: exit status 2.
int usage(const QString &message)
{
    err() << "pathway-cli " << commandName() << ": " << message << "\n"
          << "Try 'pathway-cli " << commandName() << " --help'." << Qt::endl;
    return 2;
}

struct Command
{
    const char *name;
    const char *summary;
    std::function<int(QCommandLineParser &, const QStringList &)> run;
    std::function<void(QCommandLineParser &)> options;
    // Whether this run reads or writes stored client data, and so needs a
    // signed-in user; null for the set-up commands (init, demo), which act
    // as the system and take no --user.
    bool (*needsUser)(const QCommandLineParser &) = nullptr;
    // More help text, after the summary.
    const char *details = nullptr;
};

bool always(const QCommandLineParser &)
{
    return true;
}

const QCommandLineOption
    kDbOption(QStringLiteral("db"),
              QStringLiteral("Database file (default: $PATHWAY_DB, else the app's own file)."),
              QStringLiteral("FILE"));
const QCommandLineOption kUserOption(
    QStringLiteral("user"),
    QStringLiteral("Sign in as NAME. The password is read from $PATHWAY_PASSWORD, else asked "
                   "for on the terminal (not shown)."),
    QStringLiteral("NAME"));

const char kPasswordVariable[] = "PATHWAY_PASSWORD";

// Parses the subcommand's arguments; prints help or usage errors itself.
// Returns -1 to go on, else the exit status.
int parse(QCommandLineParser &parser, const QStringList &args, const Command &cmd)
{
    QString description = QString::fromLatin1(cmd.summary);
    if (cmd.details)
        description += QLatin1String("\n\n") + QString::fromUtf8(cmd.details);
    parser.setApplicationDescription(description);
    parser.addHelpOption();
    parser.addOption(kDbOption);
    if (cmd.needsUser)
        parser.addOption(kUserOption);
    if (cmd.options)
        cmd.options(parser);
    if (!parser.parse(args))
        return usage(parser.errorText());
    if (parser.isSet(QStringLiteral("help"))) {
        out() << parser.helpText().replace(
            QStringLiteral("[options]"),
            QStringLiteral("%1 [options]").arg(QLatin1String(cmd.name)));
        out().flush();
        return 0;
    }
    if (!parser.positionalArguments().isEmpty())
        return usage(
            QStringLiteral("unexpected argument '%1'").arg(parser.positionalArguments().first()));
    if (cmd.needsUser && cmd.needsUser(parser) && parser.value(kUserOption).isEmpty())
        return usage(QStringLiteral(
            "sign in with --user NAME (the password is read from $PATHWAY_PASSWORD, else "
            "asked for on the terminal). Only init, demo, plan --profile and --help work "
            "without signing in."));
    return -1;
}

// --- Passwords -------------------------------------------------------------

// The terminal's settings while a password is typed without echo, so that a
// signal (Ctrl+C) does not leave the terminal silent.
termios g_savedTerminal;
volatile std::sig_atomic_t g_echoOff = 0;
constexpr int kTerminalSignals[] = {SIGINT, SIGTERM, SIGHUP, SIGQUIT};

void restoreTerminalAndRaise(int signal)
{
    if (g_echoOff)
        tcsetattr(STDIN_FILENO, TCSANOW, &g_savedTerminal);
    std::signal(signal, SIG_DFL);
    std::raise(signal);
}

// Shows `prompt` on stderr and reads one line from the terminal on stdin
// without echoing it. Empty when the input ends (Ctrl+D) or fails.
std::optional<QString> readHidden(const QString &prompt)
{
    termios saved{};
    const bool terminal = tcgetattr(STDIN_FILENO, &saved) == 0;
    struct sigaction previous[std::size(kTerminalSignals)];
    if (terminal) {
        g_savedTerminal = saved;
        struct sigaction restore = {};
        restore.sa_handler = restoreTerminalAndRaise;
        sigemptyset(&restore.sa_mask);
        for (size_t i = 0; i < std::size(kTerminalSignals); ++i)
            sigaction(kTerminalSignals[i], &restore, &previous[i]);
        termios quiet = saved;
        quiet.c_lflag &= ~tcflag_t(ECHO);
        quiet.c_lflag |= ECHONL; // the Enter key still moves to the next line
        g_echoOff = 1;
        tcsetattr(STDIN_FILENO, TCSAFLUSH, &quiet);
    }
    // Only now that echo is off: what is typed after the prompt never shows.
    err() << prompt;
    err().flush();
    char *line = nullptr;
    size_t capacity = 0;
    const ssize_t length = ::getline(&line, &capacity, stdin);
    if (terminal) {
        tcsetattr(STDIN_FILENO, TCSANOW, &saved);
        g_echoOff = 0;
        for (size_t i = 0; i < std::size(kTerminalSignals); ++i)
            sigaction(kTerminalSignals[i], &previous[i], nullptr);
    }
    std::optional<QString> typed;
    if (length >= 0) {
        qsizetype n = length;
        while (n > 0 && (line[n - 1] == '\n' || line[n - 1] == '\r'))
            --n;
        typed = QString::fromLocal8Bit(line, n);
    } else {
        err() << Qt::endl;
    }
    if (line) {
        explicit_bzero(line, capacity);
        std::free(line);
    }
    return typed;
}

bool passwordInEnvironment()
{
    return qEnvironmentVariableIsSet(kPasswordVariable);
}

Error noPasswordSource(const QString &what)
{
    return Error{Error::Code::Invalid,
                 QStringLiteral("%1 needs a password: set PATHWAY_PASSWORD, or run it on a "
                                "terminal to type the password (standard input is not a "
                                "terminal).")
                     .arg(what)};
}

// The password to sign `username` in with: $PATHWAY_PASSWORD, else typed.
Result<QString> signInPassword(const QString &username)
{
    if (passwordInEnvironment())
        return qEnvironmentVariable(kPasswordVariable);
    if (!isatty(STDIN_FILENO))
        return noPasswordSource(QStringLiteral("Signing in as %1").arg(username));
    auto typed = readHidden(QStringLiteral("Password for %1: ").arg(username));
    if (!typed)
        return Error{Error::Code::Invalid, QStringLiteral("No password was typed.")};
    return *typed;
}

// A new password for the accounts that `what` creates: $PATHWAY_PASSWORD
// (refused when weak), else typed twice on the terminal.
Result<QString> newPassword(const QString &what)
{
    if (passwordInEnvironment()) {
        const QString password = qEnvironmentVariable(kPasswordVariable);
        if (Status strong = accounts::checkPassword(password); !strong)
            return Error{Error::Code::Invalid,
                         QStringLiteral("PATHWAY_PASSWORD cannot be used for %1: %2")
                             .arg(what, strong.error().message)};
        return password;
    }
    if (!isatty(STDIN_FILENO))
        return noPasswordSource(what);
    constexpr int kTries = 3;
    for (int attempt = 1; attempt <= kTries; ++attempt) {
        auto first = readHidden(QStringLiteral("New password for %1: ").arg(what));
        if (!first)
            break;
        if (Status strong = accounts::checkPassword(*first); !strong) {
            err() << strong.error().message << Qt::endl;
            continue;
        }
        auto second = readHidden(QStringLiteral("Type it again: "));
        if (!second)
            break;
        if (*first != *second) {
            err() << "The two passwords differ." << Qt::endl;
            continue;
        }
        return *first;
    }
    return Error{Error::Code::Invalid, QStringLiteral("No password was set for %1.").arg(what)};
}

// --- Opening the database --------------------------------------------------

QString databasePath(const QCommandLineParser &parser)
{
    return parser.isSet(kDbOption) ? parser.value(kDbOption) : Database::defaultPath();
}

// The database of the command's signed-in user, kept until the command
// has finished so that run() can write the audit entries its reads kept.
std::unique_ptr<Database> &session()
{
    static std::unique_ptr<Database> db;
    return db;
}

// Opens the database and signs in as --user; every read and write then runs
// as that user (a counselor sees only their own clients). A path that does
// not hold a Pathway database is refused: only init and demo make one.
// The database stays open until the command returns (session()).
Result<Database *> openSignedIn(const QCommandLineParser &parser)
{
    auto opened = Database::open(databasePath(parser));
    if (!opened)
        return opened.error();
    session() = std::move(opened).value();
    Database *db = session().get();
    const QString username = parser.value(kUserOption);
    if (username.isEmpty()) // parse() refuses this before a command runs
        return Error{Error::Code::Forbidden, QStringLiteral("Sign in with --user NAME.")};
    auto password = signInPassword(username);
    if (!password)
        return password.error();
    auto user = accounts::signIn(*db, username, password.value());
    if (!user)
        return user.error();
    return db;
}

// After a command: the audit entries its reads kept because another program
// was writing (audit::recordSoon) are written now, waiting for that write to
// end. What was read has been shown by then; an entry that cannot be
// written is said, never dropped in silence.
int finishSession(int status)
{
    const std::unique_ptr<Database> db = std::move(session());
    if (!db || db->deferredAudit().isEmpty())
        return status;
    out().flush();
    err() << "Waiting for another program's write to " << db->path()
          << " to finish, to record this in the audit trail..." << Qt::endl;
    // A minute, or PATHWAY_AUDIT_WAIT_SECONDS; each attempt waits up to
    // the busy timeout (5 s).
    bool given = false;
    const int seconds = qEnvironmentVariableIntValue("PATHWAY_AUDIT_WAIT_SECONDS", &given);
    const int attempts = given && seconds > 0 ? (seconds + 4) / 5 : 12;
    Status written;
    for (int attempt = 0; attempt < attempts; ++attempt) {
        written = audit::flushDeferred(*db);
        if (written || written.error().code != Error::Code::Conflict)
            break;
    }
    if (!written)
        return fail(QStringLiteral("%1 %2 of the audit trail could not be recorded (%3). What was "
                                   "read or exported above is not in the audit trail: tell your "
                                   "supervisor.")
                        .arg(db->deferredAudit().size())
                        .arg(db->deferredAudit().size() == 1 ? QStringLiteral("entry")
                                                             : QStringLiteral("entries"))
                        .arg(written.error().message));
    return status;
}

// Opens the database for the set-up commands (init, demo), which act as the
// system: they create the database when there is none, and the accounts
// that people then sign in with.
Result<std::unique_ptr<Database>> openAsSystem(const QCommandLineParser &parser)
{
    Database::Options options;
    options.createIfMissing = true;
    auto db = Database::open(databasePath(parser), options);
    if (db)
        db.value()->setActor(Actor::system());
    return db;
}

// Reads a profile file: one profile object or a list of them. `isList`, when
// given, tells which it was.
Result<QVector<Client>> readProfileFile(const QString &path, bool *isList = nullptr)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return Error{Error::Code::Io,
                     QStringLiteral("cannot read %1: %2").arg(path, file.errorString())};
    const QByteArray text = file.readAll();
    if (isList)
        *isList = text.trimmed().startsWith('[');
    return exchange::readProfiles(text, path);
}

Result<IncomeThresholds> thresholds()
{
    return IncomeThresholds::forAgency();
}

// Prints "label: n/total" on stderr, at most a few times a second.
class Progress
{
public:
    Progress(QString label, qint64 total) : m_label(std::move(label)), m_total(total)
    {
        m_timer.start();
    }
    bool operator()(qint64 done)
    {
        if (m_finished)
            return true;
        if (done == m_total || m_timer.elapsed() - m_last >= 250) {
            m_last = m_timer.elapsed();
            err() << "\r" << m_label << ": " << done << "/" << m_total;
            if (done == m_total) {
                err() << "\n";
                m_finished = true;
            }
            err().flush();
        }
        return true;
    }

private:
    QString m_label;
    qint64 m_total;
    QElapsedTimer m_timer;
    qint64 m_last = -1000;
    bool m_finished = false;
};

const QString kAdminName = QStringLiteral("admin");

int cmdInit(QCommandLineParser &parser, const QStringList &)
{
    auto db = openAsSystem(parser);
    if (!db)
        return fail(db.error());
    Database &database = *db.value();
    out() << "Database ready: " << database.path() << " (schema " << database.schemaVersion() << ")"
          << Qt::endl;
    auto needsAdmin = accounts::needsFirstAdmin(database);
    if (!needsAdmin)
        return fail(needsAdmin.error());
    if (!needsAdmin.value()) {
        out() << "It has an administrator already; the accounts were left as they were."
              << Qt::endl;
        return 0;
    }
    auto password = newPassword(QStringLiteral("the %1 account").arg(kAdminName));
    if (!password)
        return fail(QStringLiteral("%1 The database has no administrator yet; run init again.")
                        .arg(password.error().message));
    auto admin = accounts::createFirstAdmin(database, kAdminName, QStringLiteral("Administrator"),
                                            password.value());
    if (!admin)
        return fail(admin.error());
    out() << "Created the administrator account '" << admin->username << "'; sign in with --user "
          << admin->username << "." << Qt::endl;
    return 0;
}

const QCommandLineOption
    kRulesOption(QStringLiteral("rules"),
                 QStringLiteral("Strategy rule file (default: $PATHWAY_RULES, the agency "
                                "setting, else the built-in rules)."),
                 QStringLiteral("FILE"));
const QCommandLineOption
    kTodayOption(QStringLiteral("today"),
                 QStringLiteral("Date to treat as today, YYYY-MM-DD (default: today)."),
                 QStringLiteral("DATE"));

// What the engine needs, kept alive for as long as the engine is used.
struct EngineContext
{
    IncomeThresholds thresholds;
    RuleBase rules;
    std::unique_ptr<StrategyEngine> engine;
};

Result<std::unique_ptr<EngineContext>> engineContext(const QCommandLineParser &parser)
{
    auto t = thresholds();
    if (!t)
        return t.error();
    auto rules =
        RuleBase::forAgency(parser.isSet(kRulesOption) ? parser.value(kRulesOption) : QString());
    if (!rules)
        return rules.error();
    auto ctx = std::make_unique<EngineContext>(EngineContext{t.value(), rules.value(), nullptr});
    ctx->engine = std::make_unique<StrategyEngine>(ctx->rules, ctx->thresholds);
    return ctx;
}

// --today, else the current date; an error is bad usage.
Result<QDate> today(const QCommandLineParser &parser)
{
    if (!parser.isSet(kTodayOption))
        return QDate::currentDate();
    const QDate date = QDate::fromString(parser.value(kTodayOption), Qt::ISODate);
    if (!date.isValid())
        return Error{Error::Code::Invalid,
                     QStringLiteral("--today \"%1\" is not a date (YYYY-MM-DD)")
                         .arg(parser.value(kTodayOption))};
    return date;
}

// --client ID as a positive whole number, else 0.
qint64 clientIdOption(const QCommandLineParser &parser)
{
    bool ok = false;
    const qint64 id = parser.value(QStringLiteral("client")).toLongLong(&ok);
    return ok && id > 0 ? id : 0;
}

const QString kBadClientId =
    QStringLiteral("--client must be a client id (a positive whole number)");

int cmdDemo(QCommandLineParser &parser, const QStringList &)
{
    bool ok = false;
    const int count = parser.value(QStringLiteral("clients")).toInt(&ok);
    if (!ok || count < 1 || count > 1'000'000)
        return usage(QStringLiteral("--clients must be a whole number from 1 to 1000000"));
    const quint64 seed = parser.value(QStringLiteral("seed")).toULongLong(&ok);
    if (!ok)
        return usage(QStringLiteral("--seed must be a whole number"));
    auto date = today(parser);
    if (!date)
        return usage(date.error().message);
    auto ctx = engineContext(parser);
    if (!ctx)
        return fail(ctx.error());
    auto db = openAsSystem(parser);
    if (!db)
        return fail(db.error());
    Database &database = *db.value();
    // Demo data only ever adds (checked again when it is stored): refused
    // before a password is asked for.
    if (const Status target = checkDemoTarget(database); !target)
        return fail(target.error());
    auto needsAdmin = accounts::needsFirstAdmin(database);
    if (!needsAdmin)
        return fail(needsAdmin.error());
    // Asked before the work, so that a missing password costs nothing.
    auto password = newPassword(QStringLiteral("the demo users"));
    if (!password)
        return fail(QStringLiteral("%1 Nothing was added.").arg(password.error().message));

    Progress progress(QStringLiteral("Storing demo clients and plans"), count);
    QStringList names;
    const Status done = database.transaction([&]() -> Status {
        if (Status added = addDemoCaseload(
                database, *ctx.value()->engine, count, seed, date.value(),
                [&](int n) { return progress(n); }, password.value());
            !added)
            return added;
        for (const DemoUser &u : demoUsers())
            names << QStringLiteral("%1 (%2)").arg(QString::fromLatin1(u.username),
                                                   QString::fromLatin1(u.role));
        if (needsAdmin.value()) {
            auto admin = accounts::createFirstAdmin(
                database, kAdminName, QStringLiteral("Administrator"), password.value());
            if (!admin)
                return admin.error();
            names << QStringLiteral("%1 (admin)").arg(kAdminName);
        }
        return {};
    });
    if (!done)
        return fail(done.error());
    out() << "Added " << count << " demo clients with plans to " << database.path() << "\n"
          << "These users sign in with the password given: " << names.join(QStringLiteral(", "))
          << Qt::endl;
    return 0;
}

bool planNeedsUser(const QCommandLineParser &parser)
{
    return parser.isSet(QStringLiteral("client"));
}

int cmdPlan(QCommandLineParser &parser, const QStringList &)
{
    const QString format = parser.value(QStringLiteral("format"));
    if (format != QLatin1String("json") && format != QLatin1String("text"))
        return usage(QStringLiteral("--format must be json or text"));
    const bool fromProfile = parser.isSet(QStringLiteral("profile"));
    const bool fromClient = parser.isSet(QStringLiteral("client"));
    if (fromProfile == fromClient)
        return usage(QStringLiteral("plan needs exactly one of --profile FILE or --client ID"));
    const qint64 id = fromClient ? clientIdOption(parser) : 0;
    if (fromClient && id == 0)
        return usage(kBadClientId);
    auto date = today(parser);
    if (!date)
        return usage(date.error().message);
    auto ctx = engineContext(parser);
    if (!ctx)
        return fail(ctx.error());

    QVector<Client> clients;
    bool array = false;
    if (fromProfile) {
        auto profiles = readProfileFile(parser.value(QStringLiteral("profile")), &array);
        if (!profiles)
            return fail(profiles.error());
        clients = profiles.value();
    } else {
        auto db = openSignedIn(parser);
        if (!db)
            return fail(db.error());
        ClientRepository repo(*db.value(), ctx.value()->thresholds);
        auto client = repo.get(id);
        if (!client)
            return fail(client.error());
        clients.append(client.value());
    }

    nlohmann::json plans = nlohmann::json::array();
    QString text;
    for (const Client &c : std::as_const(clients)) {
        const Plan plan = ctx.value()->engine->propose(c, date.value());
        if (format == QLatin1String("json"))
            plans.push_back(planToJson(plan));
        else
            text += planToText(plan, c.fullName()) + QLatin1Char('\n');
    }
    if (format == QLatin1String("json")) {
        const nlohmann::json &doc = array ? plans : plans.front();
        out() << QString::fromStdString(
                     doc.dump(2, ' ', false, nlohmann::json::error_handler_t::replace))
              << "\n";
    } else {
        out() << text;
    }
    out().flush();
    return 0;
}

int cmdReplan(QCommandLineParser &parser, const QStringList &)
{
    const bool all = parser.isSet(QStringLiteral("all"));
    const bool one = parser.isSet(QStringLiteral("client"));
    if (all == one)
        return usage(QStringLiteral("replan needs exactly one of --all or --client ID"));
    std::optional<qint64> clientId;
    if (one) {
        clientId = clientIdOption(parser);
        if (*clientId == 0)
            return usage(kBadClientId);
    }
    auto date = today(parser);
    if (!date)
        return usage(date.error().message);
    auto ctx = engineContext(parser);
    if (!ctx)
        return fail(ctx.error());
    auto db = openSignedIn(parser);
    if (!db)
        return fail(db.error());
    std::unique_ptr<Progress> progress;
    auto made = planning::replan(
        *db.value(), *ctx.value()->engine, date.value(), clientId, [&](qint64 done, qint64 total) {
            if (!progress)
                progress = std::make_unique<Progress>(QStringLiteral("Regenerating plans"), total);
            return (*progress)(done);
        });
    if (!made)
        return fail(made.error());
    out() << "Made " << made.value()
          << (made.value() == 1 ? " new plan version" : " new plan versions") << " with rules "
          << ctx.value()->rules.version() << Qt::endl;
    return 0;
}

int cmdAddClient(QCommandLineParser &parser, const QStringList &)
{
    const QString path = parser.value(QStringLiteral("profile"));
    if (path.isEmpty())
        return usage(QStringLiteral("add-client needs --profile FILE"));
    auto profiles = readProfileFile(path);
    if (!profiles)
        return fail(profiles.error());
    auto t = thresholds();
    if (!t)
        return fail(t.error());
    auto db = openSignedIn(parser);
    if (!db)
        return fail(db.error());
    ClientRepository repo(*db.value(), t.value());
    QVector<Client> &list = profiles.value();
    if (Status s = repo.addMany(list); !s)
        return fail(s.error());
    for (const Client &c : list)
        out() << c.id << "\n";
    out().flush();
    return 0;
}

int cmdExport(QCommandLineParser &parser, const QStringList &)
{
    const QString path = parser.value(QStringLiteral("out"));
    if (path.isEmpty())
        return usage(QStringLiteral("export needs --out FILE"));
    auto t = thresholds();
    if (!t)
        return fail(t.error());
    auto db = openSignedIn(parser);
    if (!db)
        return fail(db.error());
    ClientRepository repo(*db.value(), t.value());
    auto written = clientExchange::exportFile(repo, path);
    if (!written)
        return fail(written.error());
    err() << "Exported " << written.value() << " clients to " << path << Qt::endl;
    return 0;
}

int cmdImport(QCommandLineParser &parser, const QStringList &)
{
    const QString path = parser.value(QStringLiteral("in"));
    if (path.isEmpty())
        return usage(QStringLiteral("import needs --in FILE"));
    auto t = thresholds();
    if (!t)
        return fail(t.error());
    auto db = openSignedIn(parser);
    if (!db)
        return fail(db.error());
    ClientRepository repo(*db.value(), t.value());
    auto imported = clientExchange::importFile(repo, path);
    if (!imported)
        return fail(imported.error());
    err() << "Imported " << imported.value() << " clients from " << path << Qt::endl;
    return 0;
}

int cmdCheck(QCommandLineParser &parser, const QStringList &)
{
    auto db = openSignedIn(parser);
    if (!db)
        return fail(db.error());
    auto problems = db.value()->check();
    if (!problems)
        return fail(problems.error());
    if (!problems->isEmpty()) {
        for (const QString &p : problems.value())
            err() << db.value()->path() << ": " << p << "\n";
        return fail(QString::fromLatin1(problems->size() == 1
                                            ? "%1 problem found in %2: the file is damaged; "
                                              "restore it from a backup."
                                            : "%1 problems found in %2: the file is damaged; "
                                              "restore it from a backup.")
                        .arg(problems->size())
                        .arg(db.value()->path()));
    }
    out() << db.value()->path() << ": ok" << Qt::endl;
    return 0;
}

// Progress of a backup or restore on stderr, made once the number of pages
// is known (after the first chunk).
backup::Progress pageProgress(std::unique_ptr<Progress> &shown, const QString &label)
{
    return [&shown, label](int done, int total) {
        if (!shown)
            shown = std::make_unique<Progress>(label, total);
        return (*shown)(done);
    };
}

int cmdBackup(QCommandLineParser &parser, const QStringList &)
{
    const QString path = parser.value(QStringLiteral("out"));
    if (path.isEmpty())
        return usage(QStringLiteral("backup needs --out FILE"));
    auto db = openSignedIn(parser);
    if (!db)
        return fail(db.error());
    std::unique_ptr<Progress> shown;
    const Status written =
        backup::write(*db.value(), path, pageProgress(shown, QStringLiteral("Copying pages")));
    if (!written)
        return fail(written.error());
    out() << "Backed up " << db.value()->path() << " to " << path << " (" << QFileInfo(path).size()
          << " bytes)." << Qt::endl;
    return 0;
}

int cmdRestore(QCommandLineParser &parser, const QStringList &)
{
    const QString path = parser.value(QStringLiteral("in"));
    if (path.isEmpty())
        return usage(QStringLiteral("restore needs --in FILE"));
    // The backup is checked before anyone signs in: a file that cannot be
    // restored leaves the database exactly as it was (a sign-in is written
    // to the audit trail). restore() checks it again as it copies.
    if (auto checked = backup::inspect(path); !checked)
        return fail(checked.error());
    auto db = openSignedIn(parser);
    if (!db)
        return fail(db.error());
    std::unique_ptr<Progress> shown;
    auto restored = backup::restore(*db.value(), path, QDateTime::currentDateTime(),
                                    pageProgress(shown, QStringLiteral("Copying pages")));
    if (!restored)
        return fail(restored.error());
    out() << "Restored " << db.value()->path() << " from " << path << " (" << restored->info.clients
          << " clients, schema " << restored->info.schemaVersion
          << "). The previous contents are kept in " << restored->previousFile << "." << Qt::endl;
    return 0;
}

// Prints the locale client names are sorted by; --set changes it.
int cmdCollation(QCommandLineParser &parser, const QStringList &)
{
    auto db = openSignedIn(parser);
    if (!db)
        return fail(db.error());
    Database &database = *db.value();
    if (parser.isSet(QStringLiteral("set"))) {
        if (Status set =
                nameIndex::setCollationLocale(database, parser.value(QStringLiteral("set")));
            !set)
            return fail(set.error());
    }
    auto locale = nameIndex::collationLocale(database);
    if (!locale)
        return fail(locale.error());
    out() << locale.value() << Qt::endl;
    return 0;
}

// Prints stored plans (or, for a client without one, the plan the rules
// propose today, not stored) as PDF files readable by the owner only.
int cmdPrint(QCommandLineParser &parser, const QStringList &)
{
    const bool all = parser.isSet(QStringLiteral("all"));
    const bool one = parser.isSet(QStringLiteral("client"));
    if (all == one)
        return usage(QStringLiteral(
            "print needs exactly one of --client ID (with --pdf FILE) or --all (with --out DIR)"));
    const QString pdf = parser.value(QStringLiteral("pdf"));
    const QString outDir = parser.value(QStringLiteral("out"));
    if (one && (pdf.isEmpty() || !outDir.isEmpty()))
        return usage(QStringLiteral("print --client ID needs --pdf FILE (and no --out)"));
    if (all && (outDir.isEmpty() || !pdf.isEmpty()))
        return usage(QStringLiteral("print --all needs --out DIR (and no --pdf)"));
    const qint64 clientId = one ? clientIdOption(parser) : 0;
    if (one && clientId == 0)
        return usage(kBadClientId);
    auto date = today(parser);
    if (!date)
        return usage(date.error().message);
    std::optional<PaperSize> pageSize;
    if (parser.isSet(QStringLiteral("page-size"))) {
        pageSize = paperSizeFromName(parser.value(QStringLiteral("page-size")));
        if (!pageSize)
            return usage(QStringLiteral("--page-size must be A4 or Letter"));
    }
    auto loaded = ReportSettings::load();
    if (!loaded)
        return fail(loaded.error());
    ReportSettings settings = loaded.value();
    if (pageSize)
        settings.paperSize = *pageSize;
    auto t = thresholds();
    if (!t)
        return fail(t.error());
    auto db = openSignedIn(parser);
    if (!db)
        return fail(db.error());
    Database &database = *db.value();
    ClientRepository clients(database, t.value());

    std::unique_ptr<EngineContext> engine; // only when a client has no plan yet
    const EngineSource engineSource = [&]() -> Result<const StrategyEngine *> {
        if (!engine) {
            auto made = engineContext(parser);
            if (!made)
                return made.error();
            engine = std::move(made).value();
        }
        return engine->engine.get();
    };
    // Writes one client's plan to `path`; `proposed` tells whether it was made now.
    auto printOne = [&](const Client &c, const QString &path, bool &proposed) -> Result<int> {
        auto printable = printablePlan(database, c, date.value(), engineSource, PrintUse::Pdf);
        if (!printable)
            return printable.error();
        proposed = printable->isDraft;
        return PlanDocument(printable->client, printable->plan, printable->counselorName, settings,
                            date.value())
            .writePdf(path);
    };

    if (one) {
        auto client = clients.get(clientId);
        if (!client)
            return fail(client.error());
        bool proposed = false;
        auto pages = printOne(client.value(), pdf, proposed);
        if (!pages)
            return fail(pages.error());
        if (proposed)
            err() << "Client " << clientId << " (" << client->fullName()
                  << ") has no stored plan yet: printed the plan the rules propose today; it "
                     "was not stored."
                  << Qt::endl;
        out() << "Printed the plan for " << client->fullName() << " to " << pdf << " ("
              << pages.value() << (pages.value() == 1 ? " page)" : " pages)") << Qt::endl;
        return 0;
    }

    // The file names (<last>_<first>_<id>.pdf) are personal data too.
    if (const Status folder = privatefiles::makeDirectory(outDir); !folder)
        return fail(folder.error());
    auto total = clients.count();
    auto last = clients.maxId();
    if (!total)
        return fail(total.error());
    if (!last)
        return fail(last.error());
    Progress progress(QStringLiteral("Printing"), total.value());
    const QDir dir(outDir);
    qint64 done = 0;
    QStringList proposedIds;
    constexpr qint64 kChunk = 500;
    for (qint64 start = 1; start <= last.value(); start += kChunk) {
        // Read a chunk first: plans are read while no client query is open.
        QVector<Client> chunk;
        const Status read = clients.forEach(
            [&](const Client &c) {
                chunk.append(c);
                return true;
            },
            start, start + kChunk - 1);
        if (!read)
            return fail(read.error());
        for (const Client &c : std::as_const(chunk)) {
            bool proposed = false;
            auto pages = printOne(c, dir.filePath(planPdfFileName(c)), proposed);
            if (!pages) {
                if (done > 0)
                    err() << "\n";
                return fail(QStringLiteral("%1 (%2 of %3 plans were printed to %4)")
                                .arg(pages.error().message)
                                .arg(done)
                                .arg(total.value())
                                .arg(outDir));
            }
            if (proposed)
                proposedIds.append(QString::number(c.id));
            progress(++done);
        }
    }
    if (!proposedIds.isEmpty())
        err() << proposedIds.size() << (proposedIds.size() == 1 ? " client has" : " clients have")
              << " no stored plan yet; their printouts show the plan the rules propose today, "
                 "which was not stored: client "
              << proposedIds.join(QStringLiteral(", ")) << Qt::endl;
    out() << "Printed " << done << (done == 1 ? " plan" : " plans") << " to " << outDir << Qt::endl;
    return 0;
}

// --- caseload ----------------------------------------------------------------

// The caseload's columns, as named in the CSV header.
const QStringList kCaseloadColumns = {
    QStringLiteral("id"),        QStringLiteral("last_name"),     QStringLiteral("first_name"),
    QStringLiteral("counselor"), QStringLiteral("status"),        QStringLiteral("bracket"),
    QStringLiteral("barriers"),  QStringLiteral("plan_progress"), QStringLiteral("overdue_steps"),
    QStringLiteral("next_due"),  QStringLiteral("last_contact"),  QStringLiteral("intake_date"),
};

// `date` as YYYY-MM-DD, or empty when invalid: QDate::toString goes through
// printf, which was a twentieth of exporting 100,000 rows.
QString isoDate(const QDate &date)
{
    if (!date.isValid())
        return {};
    int y = 0, m = 0, d = 0;
    date.getDate(&y, &m, &d);
    if (y < 1 || y > 9999)
        return date.toString(Qt::ISODate);
    const char16_t text[10] = {
        char16_t(u'0' + y / 1000),
        char16_t(u'0' + y / 100 % 10),
        char16_t(u'0' + y / 10 % 10),
        char16_t(u'0' + y % 10),
        u'-',
        char16_t(u'0' + m / 10),
        char16_t(u'0' + m % 10),
        u'-',
        char16_t(u'0' + d / 10),
        char16_t(u'0' + d % 10),
    };
    return QString(reinterpret_cast<const QChar *>(text), 10);
}

// The day of `utc` where the counselor is (as the app shows it). Through
// QTimeZone, which reads the zone's rules once, rather than toLocalTime(),
// which has the C library re-read /etc/localtime for every value.
QDate localDay(const QDateTime &utc)
{
    static const QTimeZone local = QTimeZone::systemTimeZone();
    return local.isValid() ? utc.toTimeZone(local).date() : utc.toLocalTime().date();
}

QStringList caseloadFields(const CaseloadRow &row)
{
    QStringList barriers;
    barriers.reserve(row.barriers.size());
    for (BarrierCode b : row.barriers)
        barriers << toCode(b);
    return {
        QString::number(row.id),
        row.lastName,
        row.firstName,
        row.counselor,
        toCode(row.status),
        toCode(row.bracket),
        barriers.join(QLatin1Char(';')),
        QStringLiteral("%1/%2").arg(row.stepsDone).arg(row.stepsTotal),
        QString::number(row.overdueSteps),
        isoDate(row.nextDueDate),
        // The date the counselor saw the client, where they are (as in the app).
        row.lastContact.isValid() ? isoDate(localDay(row.lastContact)) : QString(),
        row.intake.isValid() ? isoDate(localDay(row.intake)) : QString(),
    };
}

// The number of characters a terminal shows for `text` (grapheme clusters;
// wide East Asian letters are counted once).
int displayWidth(const QString &text)
{
    QTextBoundaryFinder finder(QTextBoundaryFinder::Grapheme, text);
    int width = 0;
    while (finder.toNextBoundary() > 0)
        ++width;
    return width;
}

// `text` cut to `width` characters, the last replaced by an ellipsis.
QString elide(const QString &text, int width)
{
    QTextBoundaryFinder finder(QTextBoundaryFinder::Grapheme, text);
    int shown = 0;
    qsizetype end = 0;
    while (shown < width - 1) {
        const qsizetype next = finder.toNextBoundary();
        if (next < 0)
            break;
        end = next;
        ++shown;
    }
    return text.left(end) + QChar(0x2026);
}

// An aligned table for a person to read. The column widths are fitted to the
// first page of rows, within a maximum; longer values are cut with "…" (the
// CSV has every character).
class CaseloadTable
{
public:
    explicit CaseloadTable(QTextStream &stream) : m_out(stream) {}

    void add(const QVector<CaseloadRow> &rows)
    {
        QVector<QStringList> lines;
        lines.reserve(rows.size());
        for (const CaseloadRow &row : rows)
            lines.append(caseloadFields(row));
        if (m_widths.isEmpty())
            start(lines);
        for (const QStringList &fields : std::as_const(lines))
            write(fields);
    }

    void finish()
    {
        if (m_widths.isEmpty())
            start({});
        m_out.flush();
    }

private:
    static constexpr int kMaxWidths[] = {9, 24, 20, 16, 6, 12, 40, 7, 7, 10, 12, 10};
    static bool rightAligned(int column) { return column == 0 || column == 7 || column == 8; }

    void start(const QVector<QStringList> &lines)
    {
        static const QStringList headers = {
            QStringLiteral("ID"),           QStringLiteral("Last name"),
            QStringLiteral("First name"),   QStringLiteral("Counselor"),
            QStringLiteral("Status"),       QStringLiteral("Bracket"),
            QStringLiteral("Barriers"),     QStringLiteral("Plan"),
            QStringLiteral("Overdue"),      QStringLiteral("Next due"),
            QStringLiteral("Last contact"), QStringLiteral("Intake"),
        };
        for (int c = 0; c < headers.size(); ++c) {
            int width = displayWidth(headers[c]);
            for (const QStringList &fields : lines)
                width = std::max(width, displayWidth(fields[c]));
            m_widths.append(std::min(width, std::max(kMaxWidths[c], displayWidth(headers[c]))));
        }
        write(headers);
    }

    void write(const QStringList &fields)
    {
        QString line;
        for (int c = 0; c < fields.size(); ++c) {
            const int width = m_widths[c];
            QString text = fields[c];
            text.replace(QLatin1Char('\n'), QLatin1Char(' '))
                .replace(QLatin1Char('\r'), QLatin1Char(' '));
            int shown = displayWidth(text);
            if (shown > width) {
                text = elide(text, width);
                shown = width;
            }
            const QString pad(width - shown, QLatin1Char(' '));
            if (c > 0)
                line += QLatin1String("  ");
            line += rightAligned(c) ? pad + text : text + pad;
        }
        while (line.endsWith(QLatin1Char(' ')))
            line.chop(1);
        m_out << line << '\n';
    }

    QTextStream &m_out;
    QVector<int> m_widths;
};

bool writeAll(QIODevice &device, const QByteArray &bytes)
{
    return device.write(bytes) == bytes.size();
}

int cmdCaseload(QCommandLineParser &parser, const QStringList &)
{
    auto date = today(parser);
    if (!date)
        return usage(date.error().message);
    const QString csvPath = parser.value(QStringLiteral("csv"));
    if (parser.isSet(QStringLiteral("csv")) && csvPath.isEmpty())
        return usage(QStringLiteral("--csv needs a file name (or - for standard output)"));
    const bool csvToStdout = csvPath == QLatin1String("-");
    auto db = openSignedIn(parser);
    if (!db)
        return fail(db.error());
    Database &database = *db.value();

    CaseloadFilter filter;
    filter.text = parser.value(QStringLiteral("search"));
    filter.counselor = parser.value(QStringLiteral("counselor"));
    filter.overdueOnly = parser.isSet(QStringLiteral("overdue"));
    filter.today = date.value();
    if (!filter.counselor.isEmpty()) {
        const Actor &actor = database.actor();
        if (!actor.seesAllClients() && filter.counselor != actor.username)
            return fail(QStringLiteral("%1 is a counselor and sees only their own clients, not "
                                       "those of %2 (supervisors and administrators see all).")
                            .arg(actor.username, filter.counselor));
        auto users = accounts::users(database);
        if (!users)
            return fail(users.error());
        const bool known = std::any_of(users->cbegin(), users->cend(), [&](const User &u) {
            return u.username == filter.counselor;
        });
        if (!known)
            return fail(QStringLiteral("--counselor: there is no user '%1'").arg(filter.counselor));
    }

    CaseloadRepository caseload(database);
    auto ids = caseload.matchingIds(filter);
    if (!ids)
        return fail(ids.error());

    std::unique_ptr<QFileDevice> file;
    std::unique_ptr<CaseloadTable> table;
    if (csvToStdout) {
        auto stream = std::make_unique<QFile>();
        if (!stream->open(stdout, QIODevice::WriteOnly))
            return fail(
                QStringLiteral("Cannot write to standard output: %1").arg(stream->errorString()));
        file = std::move(stream);
    } else if (!csvPath.isEmpty()) {
        auto save = std::make_unique<QSaveFile>(csvPath);
        if (const Status opened = privatefiles::open(*save); !opened)
            return fail(opened.error());
        file = std::move(save);
    } else {
        table = std::make_unique<CaseloadTable>(out());
    }
    const auto cancel = [&](const QString &message) {
        if (auto *save = qobject_cast<QSaveFile *>(file.get()))
            save->cancelWriting();
        return fail(message);
    };
    const QString target = csvToStdout ? QStringLiteral("standard output") : csvPath;
    if (file && !writeAll(*file, csv::record(kCaseloadColumns)))
        return cancel(QStringLiteral("Cannot write %1: %2").arg(target, file->errorString()));

    // The rows come in one pass over each table and go out in batches: the
    // table fits its columns to the first batch, the file gets fewer writes.
    constexpr qsizetype kBatch = 1000;
    qint64 written = 0;
    QVector<CaseloadRow> batch;
    batch.reserve(kBatch);
    const auto flush = [&]() -> Status {
        written += batch.size();
        if (table) {
            table->add(batch);
        } else {
            QByteArray bytes;
            bytes.reserve(batch.size() * 128);
            for (const CaseloadRow &row : std::as_const(batch))
                bytes += csv::record(caseloadFields(row));
            if (!writeAll(*file, bytes))
                return Error{
                    Error::Code::Io,
                    QStringLiteral("Cannot write %1: %2").arg(target, file->errorString())};
        }
        batch.clear();
        return {};
    };
    const Status exported =
        caseload.forEachRow(ids.value(), date.value(), [&](const CaseloadRow &row) -> Status {
            batch.append(row);
            return batch.size() < kBatch ? Status() : flush();
        });
    if (!exported)
        return cancel(exported.error().message);
    if (Status last = flush(); !last)
        return cancel(last.error().message);
    if (table) {
        table->finish();
        err() << written << (written == 1 ? " client" : " clients") << Qt::endl;
        return 0;
    }

    // The export is recorded before the file appears: a trail that cannot
    // be written leaves no file. While another program writes, the entry
    // is kept and written after (audit::recordSoon, finishSession).
    const QString detail = QStringLiteral("caseload csv, %1 rows").arg(written);
    const Status saved = [&]() -> Status {
        if (Status recorded = audit::recordSoon(database, AuditAction::Export,
                                                QStringLiteral("client"), 0, detail);
            !recorded)
            return recorded;
        auto *save = qobject_cast<QSaveFile *>(file.get());
        if (!(save ? save->commit() : file->flush()))
            return Error{Error::Code::Io,
                         QStringLiteral("Cannot write %1: %2; the file was not changed")
                             .arg(target, file->errorString())};
        return {};
    }();
    if (!saved)
        return cancel(saved.error().message);
    if (!csvToStdout)
        err() << "Wrote " << written << (written == 1 ? " client" : " clients") << " to " << csvPath
              << Qt::endl;
    return 0;
}

const std::vector<Command> &commands()
{
    static const std::vector<Command> list = {
        {"init",
         "Create the database (or upgrade it to this version's schema) and its admin.",
         cmdInit,
         {},
         nullptr,
         "Creates the administrator account 'admin' when the database has none that can sign "
         "in, with the password from $PATHWAY_PASSWORD, else asked for twice on the terminal; "
         "a password needs at least 8 characters. A database that has an administrator keeps "
         "its accounts as they are."},
        {"demo", "Add a deterministic synthetic caseload and the demo users.", cmdDemo,
         [](QCommandLineParser &p) {
             p.addOption({QStringLiteral("clients"), QStringLiteral("Number of clients to add."),
                          QStringLiteral("N"), QStringLiteral("200")});
             p.addOption({QStringLiteral("seed"),
                          QStringLiteral("Random seed; the same seed gives the same caseload."),
                          QStringLiteral("S"), QStringLiteral("1")});
             p.addOption(kRulesOption);
             p.addOption(kTodayOption);
         },
         nullptr,
         "Only for a new database: one with no clients and no user but the administrator "
         "(made by init); anything else is refused and left as it is, so demo never changes an "
         "account. The demo users are sreyes (supervisor) and the counselors agarcia, bnguyen, "
         "cokafor, dmuller and ejohnson, new accounts that get the password from "
         "$PATHWAY_PASSWORD, else the one typed twice on the terminal; so does the "
         "administrator 'admin' when the database has none yet."},
        {"add-client",
         "Add the client (or list of clients) in a profile JSON file; prints the new ids.",
         cmdAddClient,
         [](QCommandLineParser &p) {
             p.addOption({QStringLiteral("profile"),
                          QStringLiteral("Profile JSON file (see docs/data-format.md)."),
                          QStringLiteral("FILE")});
         },
         always, "A counselor may add clients only for themselves (the profile's counselor)."},
        {"export",
         "Write every client you may see to an exchange file (JSON, readable by the owner only).",
         cmdExport,
         [](QCommandLineParser &p) {
             p.addOption(
                 {QStringLiteral("out"), QStringLiteral("File to write."), QStringLiteral("FILE")});
         },
         always, "A counselor exports their own clients; supervisors and admins every client."},
        {"import", "Add every client of an exchange file; one bad client and nothing is imported.",
         cmdImport,
         [](QCommandLineParser &p) {
             p.addOption({QStringLiteral("in"), QStringLiteral("Exchange file to read."),
                          QStringLiteral("FILE")});
         },
         always,
         "A counselor may import only clients of their own; a file with anyone else's is "
         "refused whole."},
        {"plan", "Propose a plan for a profile file or a stored client (stores nothing).", cmdPlan,
         [](QCommandLineParser &p) {
             p.addOption(
                 {QStringLiteral("profile"),
                  QStringLiteral("Profile JSON file: one profile object or a list of them."),
                  QStringLiteral("FILE")});
             p.addOption({QStringLiteral("client"),
                          QStringLiteral("Id of a stored client (needs --user)."),
                          QStringLiteral("ID")});
             p.addOption({QStringLiteral("format"), QStringLiteral("json or text."),
                          QStringLiteral("FORMAT"), QStringLiteral("json")});
             p.addOption(kRulesOption);
             p.addOption(kTodayOption);
         },
         planNeedsUser,
         "--profile reads no stored data and needs no sign-in; --client needs --user, and a "
         "counselor may only ask for their own clients."},
        {"replan", "Make a new plan version for every client you may see, or one.", cmdReplan,
         [](QCommandLineParser &p) {
             p.addOption({QStringLiteral("all"), QStringLiteral("Every client you may see.")});
             p.addOption({QStringLiteral("client"), QStringLiteral("Only this client."),
                          QStringLiteral("ID")});
             p.addOption(kRulesOption);
             p.addOption(kTodayOption);
         },
         always,
         "For a counselor, --all means their own clients. --all saves in batches of about "
         "0.1 s, so other users are not kept waiting; if it is stopped, the clients done keep "
         "their new plans, and running it again (same rules, same day) does the rest."},
        {"check",
         "Check the database file for damage (integrity, foreign keys, and that the audit "
         "trail is whole: its triggers, no entry missing or changed).",
         cmdCheck,
         {},
         always,
         nullptr},
        {"backup", "Copy the database to a backup file (consistent, safe while the app is in use).",
         cmdBackup,
         [](QCommandLineParser &p) {
             p.addOption({QStringLiteral("out"),
                          QStringLiteral("Backup file to write (its folder must exist)."),
                          QStringLiteral("FILE")});
         },
         always,
         "Supervisors and administrators only (a backup holds every client). The copy is "
         "one committed state of the database, taken with SQLite's online backup API while "
         "the app or other commands go on reading and writing. FILE is written readable by "
         "the owner only, whole or not at all (under a temporary name in the same folder, "
         "renamed when complete); an existing FILE is replaced. Recorded in the audit trail. "
         "For the agency's PostgreSQL server use pg_dump instead (docs/user-guide.md)."},
        {"restore",
         "Replace the database's contents by a backup's; the previous contents are kept.",
         cmdRestore,
         [](QCommandLineParser &p) {
             p.addOption({QStringLiteral("in"), QStringLiteral("Backup file to restore."),
                          QStringLiteral("FILE")});
         },
         always,
         "Supervisors and administrators only. FILE is checked first, before anything is "
         "changed: it must be a Pathway database (not another program's SQLite file), pass "
         "SQLite's integrity and foreign key checks, and have a schema this Pathway knows "
         "(an older one is upgraded after the restore). Then the current contents are kept in "
         "<database>.before-restore-YYYYMMDD-HHMMSS (owner-only) and replaced in one "
         "transaction: other programs using the file see the old contents or the new, and a "
         "crash leaves one or the other. The users who can sign in afterwards are the "
         "backup's. Recorded in the audit trail of both."},
        {"collation",
         "Show or change the locale client names are sorted by (for every PC of the agency).",
         cmdCollation,
         [](QCommandLineParser &p) {
             p.addOption({QStringLiteral("set"),
                          QStringLiteral("Sort names by LOCALE from now on (administrators): "
                                         "en, de_AT, sv_SE, es@collation=traditional, ..."),
                          QStringLiteral("LOCALE")});
         },
         always,
         "Prints the locale, after changing it when --set is given. The locale is kept in "
         "the database, so the caseload lists the same order on every PC; a new database "
         "takes the locale of the machine that creates it (en when that is C or POSIX). "
         "Changing it recomputes every client's sort key in one transaction (about 5 s for "
         "100,000 clients) and is recorded in the audit trail."},
        {"print",
         "Print a client's current plan, or everyone's you may see, to PDF (owner-only files).",
         cmdPrint,
         [](QCommandLineParser &p) {
             p.addOption({QStringLiteral("client"), QStringLiteral("Id of the client to print."),
                          QStringLiteral("ID")});
             p.addOption({QStringLiteral("pdf"), QStringLiteral("PDF file to write (--client)."),
                          QStringLiteral("FILE")});
             p.addOption({QStringLiteral("all"),
                          QStringLiteral("Every client you may see, one PDF each.")});
             p.addOption({QStringLiteral("out"),
                          QStringLiteral("Folder for --all; files are named "
                                         "<last>_<first>_<id>.pdf."),
                          QStringLiteral("DIR")});
             p.addOption({QStringLiteral("page-size"),
                          QStringLiteral("A4 or Letter (default: the agency/pageSize setting, "
                                         "else the usual paper where you are)."),
                          QStringLiteral("SIZE")});
             p.addOption(kRulesOption);
             p.addOption(kTodayOption);
         },
         always,
         "For a counselor, --all means their own clients. --all saves in batches of about "
         "0.1 s, so other users are not kept waiting; if it is stopped, the clients done keep "
         "their new plans, and running it again (same rules, same day) does the rest."},
        {"caseload",
         "List the clients you may see: status, barriers, plan progress, overdue steps.",
         cmdCaseload,
         [](QCommandLineParser &p) {
             p.addOption({QStringLiteral("counselor"),
                          QStringLiteral("Only the clients of this counselor (user name)."),
                          QStringLiteral("USER")});
             p.addOption(
                 {QStringLiteral("search"),
                  QStringLiteral("Only clients whose names match TEXT, as the "
                                 "caseload window's search box does: every word must "
                                 "start a part of the first or last name; case and "
                                 "accents are ignored (\"nunez\" finds \u00d1\u00fa\u00f1ez)."),
                  QStringLiteral("TEXT")});
             p.addOption({QStringLiteral("overdue"),
                          QStringLiteral("Only clients with a step overdue on --today.")});
             p.addOption({QStringLiteral("csv"),
                          QStringLiteral("Write CSV to FILE (readable by the owner only) "
                                         "instead of the table; - writes CSV to standard "
                                         "output. Recorded in the audit trail."),
                          QStringLiteral("FILE")});
             p.addOption(kTodayOption);
         },
         always,
         "One line per client, in name order (last name, then first name, by the "
         "database's collation locale; then id). A counselor sees "
         "their own clients; supervisors and admins see all (--counselor narrows it).\n"
         "--search splits TEXT into words at spaces and punctuation (an apostrophe joins: "
         "o'brien is obrien); a name's parts are split the same way, so \"van berg\", "
         "\"luk\" and \"brien\" find Van der Berg, \u00d1\u00fa\u00f1ez-\u0141ukasiewicz and "
         "O'Brien. % and _ are ordinary characters.\n"
         "Without --csv, prints an aligned table; long values are cut with \u2026.\n"
         "The CSV (RFC 4180: a header line, CRLF line ends, UTF-8) has the columns id, "
         "last_name, first_name, counselor (user name), status, bracket (code), barriers "
         "(codes joined by ';', most severe first), plan_progress (steps done/steps not "
         "dropped of the current plan), overdue_steps (planned or in progress, due before "
         "--today), next_due and last_contact (YYYY-MM-DD; empty when there is none), "
         "intake_date (YYYY-MM-DD, the day the client was taken in)."},
    };
    return list;
}

void printUsage(QTextStream &s)
{
    s << "Usage: pathway-cli COMMAND [options]\n\n"
         "Pathway's command line: the same data and rules as the app, without a window.\n\n"
         "Commands:\n";
    for (const Command &c : commands())
        s << "  " << QString::fromLatin1(c.name).leftJustified(12) << c.summary << "\n";
    s << "\nEvery command takes --db FILE (default: $PATHWAY_DB, else the app's own file)\n"
         "and --help. The options --db, --user, --today and --rules may also come before\n"
         "the command (pathway-cli --db FILE init). Exit status: 0 success, 1 failure or\n"
         "refused, 2 bad usage.\n\n"
         "Signing in: every command that reads or changes stored clients runs as a user.\n"
         "Pass --user NAME; the password is read from $PATHWAY_PASSWORD, else asked for\n"
         "(not shown) on the terminal. A counselor sees and changes only their own\n"
         "clients; supervisors and administrators all. Without --user only init, demo,\n"
         "plan --profile and --help run. init and demo set the database up: init creates\n"
         "the administrator 'admin', demo the demo users, with the password from\n"
         "$PATHWAY_PASSWORD, else typed twice on the terminal.\n";
    s.flush();
}

// Options every command understands the same way, accepted before the
// command too; each takes a value (--db FILE or --db=FILE).
const char *const kGlobalOptions[] = {"db", "user", "today", "rules"};

// The global option `arg` names ("--db" or "--db=..."), else empty.
QString globalOption(const QString &arg)
{
    for (const char *option : kGlobalOptions) {
        const QString name = QStringLiteral("--") + QLatin1String(option);
        if (arg == name || arg.startsWith(name + QLatin1Char('=')))
            return name;
    }
    return {};
}

} // namespace

int commandPosition(const QStringList &arguments)
{
    int i = 1;
    while (i < arguments.size()) {
        const QString &arg = arguments.at(i);
        const QString option = globalOption(arg);
        if (option.isEmpty())
            return i;
        i += arg == option ? 2 : 1; // the value follows, or is after '='
    }
    return -1;
}

int run(const QStringList &given)
{
    // "pathway-cli --db FILE init" is "pathway-cli init --db FILE".
    QStringList arguments = given;
    const int position = commandPosition(given);
    if (position > 1) {
        arguments = QStringList{given.at(0), given.at(position)} + given.mid(1, position - 1) +
                    given.mid(position + 1);
    } else if (position < 0 && given.size() > 1) {
        err() << "pathway-cli: options were given but no command; ";
        printUsage(err());
        return 2;
    }
    if (arguments.size() < 2) {
        printUsage(err());
        return 2;
    }
    const QString name = arguments.at(1);
    if (name == QLatin1String("--help") || name == QLatin1String("-h") ||
        name == QLatin1String("help")) {
        printUsage(out());
        return 0;
    }
    if (name == QLatin1String("--version")) {
        out() << "pathway-cli " << PATHWAY_VERSION << Qt::endl;
        return 0;
    }
    for (const Command &cmd : commands()) {
        if (name == QLatin1String(cmd.name)) {
            commandName() = name;
            QCommandLineParser parser;
            QStringList args = arguments;
            args.removeAt(1);
            args[0] = QStringLiteral("pathway-cli %1").arg(name);
            if (const int status = parse(parser, args, cmd); status >= 0)
                return status;
            return finishSession(cmd.run(parser, args));
        }
    }
    err() << "pathway-cli: unknown command '" << name << "'\n";
    printUsage(err());
    return 2;
}

} // namespace pathway::cli
