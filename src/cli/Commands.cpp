#include "Commands.h"

#include "pathway/core/ExchangeFile.h"
#include "pathway/core/IncomeThresholds.h"
#include "pathway/core/RuleBase.h"
#include "pathway/core/StrategyEngine.h"
#include "pathway/report/PlanDocument.h"
#include "pathway/report/PlanFileName.h"
#include "pathway/report/ReportSettings.h"
#include "pathway/storage/ClientExchange.h"
#include "pathway/storage/ClientRepository.h"
#include "pathway/storage/Database.h"
#include "pathway/storage/DemoData.h"
#include "pathway/storage/PlanService.h"
#include "pathway/storage/PrintablePlan.h"

#include <QCommandLineParser>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QTextStream>

#include <nlohmann/json.hpp>

#include <cstdio>
#include <functional>
#include <map>

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

int fail(const QString &message)
{
    err() << "pathway-cli: " << message << Qt::endl;
    return 1;
}

int fail(const Error &error)
{
    return fail(error.message);
}

struct Command
{
    const char *name;
    const char *summary;
    std::function<int(QCommandLineParser &, const QStringList &)> run;
    std::function<void(QCommandLineParser &)> options;
};

const QCommandLineOption
    kDbOption(QStringLiteral("db"),
              QStringLiteral("Database file (default: $PATHWAY_DB, else the app's own file)."),
              QStringLiteral("FILE"));

// Parses the subcommand's arguments; prints help or usage errors itself.
// Returns -1 to go on, else the exit status.
int parse(QCommandLineParser &parser, const QStringList &args, const Command &cmd)
{
    parser.setApplicationDescription(QString::fromLatin1(cmd.summary));
    parser.addHelpOption();
    parser.addOption(kDbOption);
    if (cmd.options)
        cmd.options(parser);
    if (!parser.parse(args)) {
        err() << "pathway-cli " << cmd.name << ": " << parser.errorText() << "\n"
              << "Try 'pathway-cli " << cmd.name << " --help'." << Qt::endl;
        return 2;
    }
    if (parser.isSet(QStringLiteral("help"))) {
        out() << parser.helpText().replace(
            QStringLiteral("[options]"),
            QStringLiteral("%1 [options]").arg(QLatin1String(cmd.name)));
        out().flush();
        return 0;
    }
    if (!parser.positionalArguments().isEmpty()) {
        err() << "pathway-cli " << cmd.name << ": unexpected argument '"
              << parser.positionalArguments().first() << "'" << Qt::endl;
        return 2;
    }
    return -1;
}

Result<std::unique_ptr<Database>> openDatabase(const QCommandLineParser &parser)
{
    const QString path =
        parser.isSet(kDbOption) ? parser.value(kDbOption) : Database::defaultPath();
    return Database::open(path);
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

int cmdInit(QCommandLineParser &parser, const QStringList &)
{
    auto db = openDatabase(parser);
    if (!db)
        return fail(db.error());
    out() << "Database ready: " << db.value()->path() << " (schema " << db.value()->schemaVersion()
          << ")" << Qt::endl;
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

int cmdDemo(QCommandLineParser &parser, const QStringList &)
{
    bool ok = false;
    const int count = parser.value(QStringLiteral("clients")).toInt(&ok);
    if (!ok || count < 1 || count > 1'000'000)
        return fail(QStringLiteral("--clients must be a whole number from 1 to 1000000"));
    const quint64 seed = parser.value(QStringLiteral("seed")).toULongLong(&ok);
    if (!ok)
        return fail(QStringLiteral("--seed must be a whole number"));
    auto date = today(parser);
    if (!date)
        return fail(date.error());
    auto ctx = engineContext(parser);
    if (!ctx)
        return fail(ctx.error());
    auto db = openDatabase(parser);
    if (!db)
        return fail(db.error());
    Database &database = *db.value();

    Progress progress(QStringLiteral("Storing demo clients and plans"), count);
    const Status done = addDemoCaseload(database, *ctx.value()->engine, count, seed, date.value(),
                                        [&](int n) { return progress(n); });
    if (!done)
        return fail(done.error());
    out() << "Added " << count << " demo clients with plans to " << database.path() << Qt::endl;
    return 0;
}

int cmdPlan(QCommandLineParser &parser, const QStringList &)
{
    const QString format = parser.value(QStringLiteral("format"));
    if (format != QLatin1String("json") && format != QLatin1String("text"))
        return fail(QStringLiteral("--format must be json or text"));
    const bool fromProfile = parser.isSet(QStringLiteral("profile"));
    const bool fromClient = parser.isSet(QStringLiteral("client"));
    if (fromProfile == fromClient)
        return fail(QStringLiteral("plan needs exactly one of --profile FILE or --client ID"));
    auto date = today(parser);
    if (!date)
        return fail(date.error());
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
        bool ok = false;
        const qint64 id = parser.value(QStringLiteral("client")).toLongLong(&ok);
        if (!ok || id <= 0)
            return fail(QStringLiteral("--client must be a client id (a positive whole number)"));
        auto db = openDatabase(parser);
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
        return fail(QStringLiteral("replan needs exactly one of --all or --client ID"));
    std::optional<qint64> clientId;
    if (one) {
        bool ok = false;
        clientId = parser.value(QStringLiteral("client")).toLongLong(&ok);
        if (!ok || *clientId <= 0)
            return fail(QStringLiteral("--client must be a client id (a positive whole number)"));
    }
    auto date = today(parser);
    if (!date)
        return fail(date.error());
    auto ctx = engineContext(parser);
    if (!ctx)
        return fail(ctx.error());
    auto db = openDatabase(parser);
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
        return fail(QStringLiteral("add-client needs --profile FILE"));
    auto profiles = readProfileFile(path);
    if (!profiles)
        return fail(profiles.error());
    auto t = thresholds();
    if (!t)
        return fail(t.error());
    auto db = openDatabase(parser);
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
        return fail(QStringLiteral("export needs --out FILE"));
    auto t = thresholds();
    if (!t)
        return fail(t.error());
    auto db = openDatabase(parser);
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
        return fail(QStringLiteral("import needs --in FILE"));
    auto t = thresholds();
    if (!t)
        return fail(t.error());
    auto db = openDatabase(parser);
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
    auto db = openDatabase(parser);
    if (!db)
        return fail(db.error());
    auto problems = db.value()->check();
    if (!problems)
        return fail(problems.error());
    if (!problems->isEmpty()) {
        for (const QString &p : problems.value())
            err() << db.value()->path() << ": " << p << "\n";
        return fail(QString::fromLatin1(problems->size() == 1 ? "%1 problem found in %2"
                                                              : "%1 problems found in %2")
                        .arg(problems->size())
                        .arg(db.value()->path()));
    }
    out() << db.value()->path() << ": ok" << Qt::endl;
    return 0;
}

// Prints stored plans (or, for a client without one, the plan the rules
// propose today, not stored) as PDF files readable by the owner only.
int cmdPrint(QCommandLineParser &parser, const QStringList &)
{
    const bool all = parser.isSet(QStringLiteral("all"));
    const bool one = parser.isSet(QStringLiteral("client"));
    if (all == one)
        return fail(QStringLiteral(
            "print needs exactly one of --client ID (with --pdf FILE) or --all (with --out DIR)"));
    const QString pdf = parser.value(QStringLiteral("pdf"));
    const QString outDir = parser.value(QStringLiteral("out"));
    if (one && (pdf.isEmpty() || !outDir.isEmpty()))
        return fail(QStringLiteral("print --client ID needs --pdf FILE (and no --out)"));
    if (all && (outDir.isEmpty() || !pdf.isEmpty()))
        return fail(QStringLiteral("print --all needs --out DIR (and no --pdf)"));
    qint64 clientId = 0;
    if (one) {
        bool ok = false;
        clientId = parser.value(QStringLiteral("client")).toLongLong(&ok);
        if (!ok || clientId <= 0)
            return fail(QStringLiteral("--client must be a client id (a positive whole number)"));
    }
    auto date = today(parser);
    if (!date)
        return fail(date.error());
    auto loaded = ReportSettings::load();
    if (!loaded)
        return fail(loaded.error());
    ReportSettings settings = loaded.value();
    if (parser.isSet(QStringLiteral("page-size"))) {
        const auto size = paperSizeFromName(parser.value(QStringLiteral("page-size")));
        if (!size)
            return fail(QStringLiteral("--page-size must be A4 or Letter"));
        settings.paperSize = *size;
    }
    auto t = thresholds();
    if (!t)
        return fail(t.error());
    auto db = openDatabase(parser);
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
        auto printable = printablePlan(database, c, date.value(), engineSource);
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

    if (!QDir().mkpath(outDir))
        return fail(QStringLiteral("Cannot create the folder %1").arg(outDir));
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

const std::vector<Command> &commands()
{
    static const std::vector<Command> list = {
        {"init", "Create the database (or upgrade it to this version's schema).", cmdInit, {}},
        {"demo", "Add a deterministic synthetic caseload and the demo users.", cmdDemo,
         [](QCommandLineParser &p) {
             p.addOption({QStringLiteral("clients"), QStringLiteral("Number of clients to add."),
                          QStringLiteral("N"), QStringLiteral("200")});
             p.addOption({QStringLiteral("seed"),
                          QStringLiteral("Random seed; the same seed gives the same caseload."),
                          QStringLiteral("S"), QStringLiteral("1")});
             p.addOption(kRulesOption);
             p.addOption(kTodayOption);
         }},
        {"add-client",
         "Add the client (or list of clients) in a profile JSON file; prints the new ids.",
         cmdAddClient,
         [](QCommandLineParser &p) {
             p.addOption({QStringLiteral("profile"),
                          QStringLiteral("Profile JSON file (see docs/data-format.md)."),
                          QStringLiteral("FILE")});
         }},
        {"export", "Write every client to an exchange file (JSON, readable by the owner only).",
         cmdExport,
         [](QCommandLineParser &p) {
             p.addOption(
                 {QStringLiteral("out"), QStringLiteral("File to write."), QStringLiteral("FILE")});
         }},
        {"import", "Add every client of an exchange file; one bad client and nothing is imported.",
         cmdImport,
         [](QCommandLineParser &p) {
             p.addOption({QStringLiteral("in"), QStringLiteral("Exchange file to read."),
                          QStringLiteral("FILE")});
         }},
        {"plan", "Propose a plan for a profile file or a stored client (stores nothing).", cmdPlan,
         [](QCommandLineParser &p) {
             p.addOption(
                 {QStringLiteral("profile"),
                  QStringLiteral("Profile JSON file: one profile object or a list of them."),
                  QStringLiteral("FILE")});
             p.addOption({QStringLiteral("client"), QStringLiteral("Id of a stored client."),
                          QStringLiteral("ID")});
             p.addOption({QStringLiteral("format"), QStringLiteral("json or text."),
                          QStringLiteral("FORMAT"), QStringLiteral("json")});
             p.addOption(kRulesOption);
             p.addOption(kTodayOption);
         }},
        {"replan",
         "Make a new plan version for every client, or one, after a rule change; all or none.",
         cmdReplan,
         [](QCommandLineParser &p) {
             p.addOption({QStringLiteral("all"), QStringLiteral("Every client.")});
             p.addOption({QStringLiteral("client"), QStringLiteral("Only this client."),
                          QStringLiteral("ID")});
             p.addOption(kRulesOption);
             p.addOption(kTodayOption);
         }},
        {"check", "Check the database file for damage (integrity and foreign keys).", cmdCheck, {}},
        {"print",
         "Print a client's current plan, or everyone's, to PDF (readable by the owner only).",
         cmdPrint,
         [](QCommandLineParser &p) {
             p.addOption({QStringLiteral("client"), QStringLiteral("Id of the client to print."),
                          QStringLiteral("ID")});
             p.addOption({QStringLiteral("pdf"), QStringLiteral("PDF file to write (--client)."),
                          QStringLiteral("FILE")});
             p.addOption({QStringLiteral("all"), QStringLiteral("Every client, one PDF each.")});
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
         }},
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
         "and --help. Exit status: 0 success, 1 failure, 2 bad usage.\n";
    s.flush();
}

} // namespace

int run(const QStringList &arguments)
{
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
            QCommandLineParser parser;
            QStringList args = arguments;
            args.removeAt(1);
            args[0] = QStringLiteral("pathway-cli %1").arg(name);
            if (const int status = parse(parser, args, cmd); status >= 0)
                return status;
            return cmd.run(parser, args);
        }
    }
    err() << "pathway-cli: unknown command '" << name << "'\n";
    printUsage(err());
    return 2;
}

} // namespace pathway::cli
