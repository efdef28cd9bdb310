#include "TestSupport.h"

#include "pathway/core/ProfileJson.h"

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>

#include <nlohmann/json.hpp>

#include <catch2/catch.hpp>

using namespace pathway;

namespace {
struct Run
{
    int status = -1;
    QString out;
    QString err;
};

Run cli(const QStringList &args, const QString &dbEnv = QString())
{
    QProcess p;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.remove(QStringLiteral("PATHWAY_DB"));
    if (!dbEnv.isEmpty())
        env.insert(QStringLiteral("PATHWAY_DB"), dbEnv);
    p.setProcessEnvironment(env);
    p.start(QStringLiteral(PATHWAY_CLI), args);
    REQUIRE(p.waitForFinished(120000));
    return {p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1,
            QString::fromUtf8(p.readAllStandardOutput()),
            QString::fromUtf8(p.readAllStandardError())};
}
} // namespace

TEST_CASE("Every subcommand has help")
{
    const Run top = cli({QStringLiteral("--help")});
    CHECK(top.status == 0);
    for (const char *cmd :
         {"init", "demo", "add-client", "export", "import", "plan", "replan", "check"}) {
        INFO(cmd);
        CHECK(top.out.contains(QLatin1String(cmd)));
        const Run r = cli({QLatin1String(cmd), QStringLiteral("--help")});
        CHECK(r.status == 0);
        CHECK(r.out.contains(QStringLiteral("--db")));
    }
}

TEST_CASE("Bad usage exits 2 with a message")
{
    CHECK(cli({}).status == 2);
    const Run unknown = cli({QStringLiteral("frobnicate")});
    CHECK(unknown.status == 2);
    CHECK(unknown.err.contains(QStringLiteral("unknown command 'frobnicate'")));
    const Run badOption = cli({QStringLiteral("init"), QStringLiteral("--colour")});
    CHECK(badOption.status == 2);
    CHECK(badOption.err.contains(QStringLiteral("colour")));
}

TEST_CASE("init, demo, add-client, export and import work end to end")
{
    QTemporaryDir dir;
    const QString db = dir.filePath(QStringLiteral("p.sqlite"));
    REQUIRE(cli({QStringLiteral("init"), QStringLiteral("--db"), db}).status == 0);
    const Run demo =
        cli({QStringLiteral("demo"), QStringLiteral("--db"), db, QStringLiteral("--clients"),
             QStringLiteral("40"), QStringLiteral("--seed"), QStringLiteral("9")});
    REQUIRE(demo.status == 0);
    CHECK(demo.err.contains(QStringLiteral("40/40")));

    const QString profile = dir.filePath(QStringLiteral("zoe.json"));
    REQUIRE(test::writeFile(profile,
                            QByteArray::fromStdString(clientToJson(test::sampleClient()).dump())));
    // PATHWAY_DB picks the database when --db is absent.
    const Run added = cli({QStringLiteral("add-client"), QStringLiteral("--profile"), profile}, db);
    REQUIRE(added.status == 0);
    CHECK(added.out.trimmed() == QStringLiteral("41"));

    const QString out = dir.filePath(QStringLiteral("all.json"));
    REQUIRE(
        cli({QStringLiteral("export"), QStringLiteral("--db"), db, QStringLiteral("--out"), out})
            .status == 0);
    const auto doc = nlohmann::json::parse(test::readFile(out).toStdString());
    REQUIRE(doc["clients"].size() == 41);
    CHECK(doc["clients"][40]["last_name"] == "Ñúñez-Łukasiewicz");

    const QString other = dir.filePath(QStringLiteral("other.sqlite"));
    const Run imported =
        cli({QStringLiteral("import"), QStringLiteral("--db"), other, QStringLiteral("--in"), out});
    REQUIRE(imported.status == 0);
    CHECK(imported.err.contains(QStringLiteral("Imported 41")));
    CHECK(cli({QStringLiteral("check"), QStringLiteral("--db"), other}).status == 0);
}

TEST_CASE("Bad input gives a non-zero status and a message naming the place")
{
    QTemporaryDir dir;
    const QString db = dir.filePath(QStringLiteral("p.sqlite"));

    SECTION("malformed exchange file: line and column")
    {
        const QString in = dir.filePath(QStringLiteral("bad.json"));
        REQUIRE(
            test::writeFile(in, "{\"format\": \"pathway\",\n\"version\": 1,\n\"clients\": [,]}"));
        const Run r =
            cli({QStringLiteral("import"), QStringLiteral("--db"), db, QStringLiteral("--in"), in});
        CHECK(r.status == 1);
        CHECK(r.err.contains(QStringLiteral("line 3, column 13")));
    }
    SECTION("invalid client: index and field")
    {
        nlohmann::json c = clientToJson(test::sampleClient());
        nlohmann::json bad = c;
        bad["barriers"][0]["severity"] = 7;
        nlohmann::json file = {{"format", "pathway"}, {"version", 1}, {"clients", {c, bad}}};
        const QString in = dir.filePath(QStringLiteral("bad.json"));
        REQUIRE(test::writeFile(in, QByteArray::fromStdString(file.dump())));
        const Run r =
            cli({QStringLiteral("import"), QStringLiteral("--db"), db, QStringLiteral("--in"), in});
        CHECK(r.status == 1);
        CHECK(r.err.contains(QStringLiteral("client 1")));
        CHECK(r.err.contains(QStringLiteral("barriers[0].severity")));
        const Run count =
            cli({QStringLiteral("export"), QStringLiteral("--db"), db, QStringLiteral("--out"),
                 dir.filePath(QStringLiteral("after.json"))});
        CHECK(count.err.contains(QStringLiteral("Exported 0")));
    }
    SECTION("invalid profile for add-client")
    {
        const QString in = dir.filePath(QStringLiteral("p.json"));
        REQUIRE(test::writeFile(in, R"({"first_name": "Ana"})"));
        const Run r = cli({QStringLiteral("add-client"), QStringLiteral("--db"), db,
                           QStringLiteral("--profile"), in});
        CHECK(r.status == 1);
        CHECK(r.err.contains(QStringLiteral("last_name")));
        CHECK(r.err.contains(QStringLiteral("household_size")));
    }
    SECTION("not a database")
    {
        const QString notDb = dir.filePath(QStringLiteral("notes.txt"));
        REQUIRE(test::writeFile(notDb, "hello"));
        const Run r = cli({QStringLiteral("init"), QStringLiteral("--db"), notDb});
        CHECK(r.status == 1);
        CHECK(r.err.contains(notDb));
        CHECK(test::readFile(notDb) == "hello");
    }
    SECTION("bad demo size")
    {
        const Run r = cli({QStringLiteral("demo"), QStringLiteral("--db"), db,
                           QStringLiteral("--clients"), QStringLiteral("many")});
        CHECK(r.status == 1);
        CHECK(r.err.contains(QStringLiteral("--clients")));
    }
}

TEST_CASE("plan gives an explained, traced plan for a profile or a stored client")
{
    QTemporaryDir dir;
    const QString persona =
        QStringLiteral(PATHWAY_TEST_DATA "/personas/003-independent-lower-middle/profile.json");
    const Run one = cli({QStringLiteral("plan"), QStringLiteral("--profile"), persona,
                         QStringLiteral("--today"), QStringLiteral("2026-12-01")});
    REQUIRE(one.status == 0);
    const auto plan = nlohmann::json::parse(one.out.toStdString());
    REQUIRE(plan.is_object());
    CHECK(plan["income_bracket"] == "lower_middle");
    CHECK(plan["long_term_unemployed"] == false);
    CHECK(plan["rules_version"].is_string());
    REQUIRE(plan["steps"].size() >= 3);
    for (const auto &step : plan["steps"]) {
        for (const char *key : {"strategy", "category", "title", "description", "reason", "sources",
                                "start_week", "end_week", "priority"})
            CHECK(step.contains(key));
        CHECK_FALSE(step["reason"].get<std::string>().empty());
    }

    // An array of profiles gives an array of plans.
    const QByteArray profile = test::readFile(persona);
    const QString two = dir.filePath(QStringLiteral("two.json"));
    REQUIRE(test::writeFile(two, "[" + profile + "," + profile + "]"));
    const Run many = cli({QStringLiteral("plan"), QStringLiteral("--profile"), two});
    REQUIRE(many.status == 0);
    const auto plans = nlohmann::json::parse(many.out.toStdString());
    REQUIRE(plans.is_array());
    CHECK(plans.size() == 2);
    CHECK(plans[0]["steps"] == plans[1]["steps"]);

    const Run text = cli({QStringLiteral("plan"), QStringLiteral("--profile"), persona,
                          QStringLiteral("--format"), QStringLiteral("text")});
    REQUIRE(text.status == 0);
    CHECK(text.out.contains(QStringLiteral("Why: You told us")));
    CHECK(text.out.contains(QStringLiteral("003_cd70ba676acdc8d1.txt#")));

    const QString db = dir.filePath(QStringLiteral("p.sqlite"));
    REQUIRE(cli({QStringLiteral("demo"), QStringLiteral("--db"), db, QStringLiteral("--clients"),
                 QStringLiteral("5")})
                .status == 0);
    const Run stored = cli({QStringLiteral("plan"), QStringLiteral("--db"), db,
                            QStringLiteral("--client"), QStringLiteral("2")});
    REQUIRE(stored.status == 0);
    CHECK(nlohmann::json::parse(stored.out.toStdString())["steps"].size() >= 1);
}

TEST_CASE("plan and replan refuse bad input clearly")
{
    QTemporaryDir dir;
    const QString persona =
        QStringLiteral(PATHWAY_TEST_DATA "/personas/003-independent-lower-middle/profile.json");
    const Run badRules = cli(
        {QStringLiteral("plan"), QStringLiteral("--profile"), persona, QStringLiteral("--rules"),
         QStringLiteral(PATHWAY_TEST_DATA "/rules/BrokenUnknownBarrierCode.json")});
    CHECK(badRules.status == 1);
    CHECK(badRules.err.contains(
        QStringLiteral("strategy 'benefits-check', field when.any[1].barrier.code")));

    const Run neither = cli({QStringLiteral("plan")});
    CHECK(neither.status == 1);
    CHECK(neither.err.contains(QStringLiteral("--profile")));
    const Run format = cli({QStringLiteral("plan"), QStringLiteral("--profile"), persona,
                            QStringLiteral("--format"), QStringLiteral("xml")});
    CHECK(format.status == 1);
    const QString db = dir.filePath(QStringLiteral("p.sqlite"));
    const Run noClient = cli({QStringLiteral("plan"), QStringLiteral("--db"), db,
                              QStringLiteral("--client"), QStringLiteral("77")});
    CHECK(noClient.status == 1);
    CHECK(noClient.err.contains(QStringLiteral("77")));
    const Run replanNeither = cli({QStringLiteral("replan"), QStringLiteral("--db"), db});
    CHECK(replanNeither.status == 1);
}

TEST_CASE("replan --all regenerates every stored plan with progress on stderr")
{
    QTemporaryDir dir;
    const QString db = dir.filePath(QStringLiteral("p.sqlite"));
    REQUIRE(cli({QStringLiteral("demo"), QStringLiteral("--db"), db, QStringLiteral("--clients"),
                 QStringLiteral("30")})
                .status == 0);
    const Run r =
        cli({QStringLiteral("replan"), QStringLiteral("--db"), db, QStringLiteral("--all"),
             QStringLiteral("--rules"), QStringLiteral(PATHWAY_TEST_DATA "/rules/Minimal.json")});
    REQUIRE(r.status == 0);
    CHECK(r.out.contains(QStringLiteral("Made 30 new plan versions with rules")));
    CHECK(r.err.contains(QStringLiteral("30/30")));
    const Run one = cli({QStringLiteral("replan"), QStringLiteral("--db"), db,
                         QStringLiteral("--client"), QStringLiteral("4")});
    REQUIRE(one.status == 0);
    CHECK(one.out.contains(QStringLiteral("Made 1 new plan version")));
}

namespace {
// Runs pathway-cli with the agency settings of `configHome` (an empty folder:
// the defaults), never the settings of whoever runs the tests, in `lang`.
Run printCli(const QStringList &args, const QString &configHome,
             const QString &lang = QStringLiteral("en_GB.UTF-8"))
{
    QProcess p;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.remove(QStringLiteral("PATHWAY_DB"));
    env.insert(QStringLiteral("XDG_CONFIG_HOME"), configHome);
    env.insert(QStringLiteral("LC_ALL"), lang); // over any LC_* of the caller
    env.insert(QStringLiteral("LANG"), lang);
    p.setProcessEnvironment(env);
    p.start(QStringLiteral(PATHWAY_CLI), args);
    REQUIRE(p.waitForFinished(120000));
    return {p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1,
            QString::fromUtf8(p.readAllStandardOutput()),
            QString::fromUtf8(p.readAllStandardError())};
}

QString pdfToText(const QString &path)
{
    QProcess p;
    p.start(QStringLiteral("pdftotext"),
            {QStringLiteral("-enc"), QStringLiteral("UTF-8"), path, QStringLiteral("-")});
    REQUIRE(p.waitForFinished(60000));
    REQUIRE(p.exitCode() == 0);
    return QString::fromUtf8(p.readAllStandardOutput());
}

QString pdfPageSize(const QString &path)
{
    QProcess p;
    p.start(QStringLiteral("pdfinfo"), {path});
    REQUIRE(p.waitForFinished(60000));
    const auto match = QRegularExpression(QStringLiteral("Page size:\\s+(.*)\\n"))
                           .match(QString::fromUtf8(p.readAllStandardOutput()));
    return match.hasMatch() ? match.captured(1) : QString();
}

const QFile::Permissions kOwnerOnly =
    QFile::ReadOwner | QFile::WriteOwner | QFile::ReadUser | QFile::WriteUser;
} // namespace

TEST_CASE("print --client writes the client's current plan to a private PDF")
{
    QTemporaryDir dir;
    const QString config = dir.filePath(QStringLiteral("config"));
    const QString db = dir.filePath(QStringLiteral("p.sqlite"));
    REQUIRE(cli({QStringLiteral("demo"), QStringLiteral("--db"), db, QStringLiteral("--clients"),
                 QStringLiteral("3"), QStringLiteral("--today"), QStringLiteral("2026-11-23")})
                .status == 0);
    const Run help = cli({QStringLiteral("print"), QStringLiteral("--help")});
    CHECK(help.status == 0);
    CHECK(help.out.contains(QStringLiteral("--page-size")));
    CHECK(cli({QStringLiteral("--help")}).out.contains(QStringLiteral("print")));

    const QString pdf = dir.filePath(QStringLiteral("plan 2.pdf"));
    const Run r =
        printCli({QStringLiteral("print"), QStringLiteral("--db"), db, QStringLiteral("--client"),
                  QStringLiteral("2"), QStringLiteral("--pdf"), pdf, QStringLiteral("--today"),
                  QStringLiteral("2026-11-23")},
                 config);
    INFO(r.err.toStdString());
    REQUIRE(r.status == 0);
    CHECK(r.out.contains(pdf));
    CHECK_FALSE(r.err.contains(QStringLiteral("no stored plan")));
    CHECK(QFile::permissions(pdf) == kOwnerOnly);

    // The stored plan's steps, and the counselor's display name, are printed.
    const Run stored = cli({QStringLiteral("export"), QStringLiteral("--db"), db,
                            QStringLiteral("--out"), dir.filePath(QStringLiteral("all.json"))});
    REQUIRE(stored.status == 0);
    const auto clients = nlohmann::json::parse(
        test::readFile(dir.filePath(QStringLiteral("all.json"))).toStdString())["clients"];
    const QString text = pdfToText(pdf);
    const QString name = QString::fromStdString(clients[1]["first_name"].get<std::string>() + " " +
                                                clients[1]["last_name"].get<std::string>());
    CHECK(text.contains(name));
    CHECK(text.contains(QStringLiteral("Page 1 of")));
    CHECK(text.contains(QStringLiteral("Client signature")));
    const QStringList counselors = {QStringLiteral("Ana García"), QStringLiteral("Bảo Nguyễn"),
                                    QStringLiteral("Chidi Okafor"), QStringLiteral("Dana Müller"),
                                    QStringLiteral("Eli Johnson")};
    CHECK(std::any_of(counselors.cbegin(), counselors.cend(),
                      [&](const QString &c) { return text.contains(c); }));
    CHECK(pdfPageSize(pdf).contains(QStringLiteral("(A4)"))); // en_GB
    // Without a setting, the paper follows the locale.
    const QString us = dir.filePath(QStringLiteral("us.pdf"));
    REQUIRE(printCli({QStringLiteral("print"), QStringLiteral("--db"), db,
                      QStringLiteral("--client"), QStringLiteral("2"), QStringLiteral("--pdf"), us},
                     config, QStringLiteral("en_US.UTF-8"))
                .status == 0);
    CHECK(pdfPageSize(us).contains(QStringLiteral("(letter)")));

    SECTION("--page-size and the agency settings")
    {
        QDir().mkpath(config + QStringLiteral("/Pathway"));
        REQUIRE(test::writeFile(config + QStringLiteral("/Pathway/Pathway.conf"),
                                "[agency]\nname=Riverside Career Center\npageSize=Letter\n"));
        const QString letter = dir.filePath(QStringLiteral("letter.pdf"));
        REQUIRE(printCli({QStringLiteral("print"), QStringLiteral("--db"), db,
                          QStringLiteral("--client"), QStringLiteral("1"), QStringLiteral("--pdf"),
                          letter},
                         config)
                    .status == 0);
        CHECK(pdfPageSize(letter).contains(QStringLiteral("(letter)")));
        CHECK(pdfToText(letter).contains(QStringLiteral("Riverside Career Center")));
        const QString a4 = dir.filePath(QStringLiteral("a4.pdf"));
        REQUIRE(printCli({QStringLiteral("print"), QStringLiteral("--db"), db,
                          QStringLiteral("--client"), QStringLiteral("1"), QStringLiteral("--pdf"),
                          a4, QStringLiteral("--page-size"), QStringLiteral("a4")},
                         config)
                    .status == 0);
        CHECK(pdfPageSize(a4).contains(QStringLiteral("(A4)")));

        REQUIRE(test::writeFile(config + QStringLiteral("/Pathway/Pathway.conf"),
                                "[agency]\npageSize=Legal\n"));
        const Run bad =
            printCli({QStringLiteral("print"), QStringLiteral("--db"), db,
                      QStringLiteral("--client"), QStringLiteral("1"), QStringLiteral("--pdf"), a4},
                     config);
        CHECK(bad.status == 1);
        CHECK(bad.err.contains(QStringLiteral("agency/pageSize")));
        CHECK(bad.err.contains(QStringLiteral("Pathway.conf")));
    }
    SECTION("bad usage and unwritable files fail clearly, leaving no file")
    {
        const Run badSize =
            printCli({QStringLiteral("print"), QStringLiteral("--db"), db,
                      QStringLiteral("--client"), QStringLiteral("1"), QStringLiteral("--pdf"), pdf,
                      QStringLiteral("--page-size"), QStringLiteral("Legal")},
                     config);
        CHECK(badSize.status == 1);
        CHECK(badSize.err.contains(QStringLiteral("--page-size")));
        const Run neither = printCli({QStringLiteral("print"), QStringLiteral("--db"), db}, config);
        CHECK(neither.status == 1);
        CHECK(neither.err.contains(QStringLiteral("--client")));
        const Run noFile = printCli({QStringLiteral("print"), QStringLiteral("--db"), db,
                                     QStringLiteral("--client"), QStringLiteral("1")},
                                    config);
        CHECK(noFile.status == 1);
        CHECK(noFile.err.contains(QStringLiteral("--pdf")));
        const Run missing = printCli({QStringLiteral("print"), QStringLiteral("--db"), db,
                                      QStringLiteral("--client"), QStringLiteral("99"),
                                      QStringLiteral("--pdf"), pdf},
                                     config);
        CHECK(missing.status == 1);
        CHECK(missing.err.contains(QStringLiteral("99")));

        // The parent is a regular file, so no one (not even root) can write there.
        const QString blocker = dir.filePath(QStringLiteral("blocker.txt"));
        REQUIRE(test::writeFile(blocker, "x"));
        const QString target = blocker + QStringLiteral("/plan.pdf");
        const Run unwritable = printCli({QStringLiteral("print"), QStringLiteral("--db"), db,
                                         QStringLiteral("--client"), QStringLiteral("1"),
                                         QStringLiteral("--pdf"), target},
                                        config);
        CHECK(unwritable.status == 1);
        CHECK(unwritable.err.contains(target));
        CHECK_FALSE(QFile::exists(target));
        const Run outBlocked =
            printCli({QStringLiteral("print"), QStringLiteral("--db"), db, QStringLiteral("--all"),
                      QStringLiteral("--out"), blocker + QStringLiteral("/plans")},
                     config);
        CHECK(outBlocked.status == 1);
        CHECK(outBlocked.err.contains(blocker + QStringLiteral("/plans")));
    }
}

TEST_CASE("print --all writes one private PDF per client named <last>_<first>_<id>.pdf")
{
    QTemporaryDir dir;
    const QString config = dir.filePath(QStringLiteral("config"));
    const QString db = dir.filePath(QStringLiteral("p.sqlite"));
    REQUIRE(cli({QStringLiteral("demo"), QStringLiteral("--db"), db, QStringLiteral("--clients"),
                 QStringLiteral("6"), QStringLiteral("--seed"), QStringLiteral("3")})
                .status == 0);
    // Zoë is added without a plan: hers is proposed by the rules, not stored.
    const QString profile = dir.filePath(QStringLiteral("zoe.json"));
    REQUIRE(test::writeFile(profile,
                            QByteArray::fromStdString(clientToJson(test::sampleClient()).dump())));
    REQUIRE(cli({QStringLiteral("add-client"), QStringLiteral("--db"), db,
                 QStringLiteral("--profile"), profile})
                .out.trimmed() == QStringLiteral("7"));

    const QString out = dir.filePath(QStringLiteral("plans"));
    const Run r = printCli({QStringLiteral("print"), QStringLiteral("--db"), db,
                            QStringLiteral("--all"), QStringLiteral("--out"), out},
                           config);
    INFO(r.err.toStdString());
    REQUIRE(r.status == 0);
    CHECK(r.err.contains(QStringLiteral("Printing: 7/7")));
    CHECK(r.err.contains(QStringLiteral("no stored plan")));
    CHECK(r.err.contains(QStringLiteral("client 7")));
    CHECK(r.out.contains(QStringLiteral("Printed 7 plans")));

    const QStringList files = QDir(out).entryList(QDir::Files | QDir::Hidden, QDir::Name);
    CHECK(files.size() == 7);
    CHECK(files.contains(QStringLiteral("Ñúñez-Łukasiewicz_Zoë_7.pdf")));
    for (const QString &f : files) {
        INFO(f.toStdString());
        CHECK(QFile::permissions(QDir(out).filePath(f)) == kOwnerOnly);
    }
    // Every client's file carries their names (kept with their accents) and id.
    const QString exported = dir.filePath(QStringLiteral("all.json"));
    REQUIRE(cli({QStringLiteral("export"), QStringLiteral("--db"), db, QStringLiteral("--out"),
                 exported})
                .status == 0);
    const auto clients = nlohmann::json::parse(test::readFile(exported).toStdString())["clients"];
    REQUIRE(clients.size() == 7);
    for (size_t i = 0; i < clients.size(); ++i) {
        const QString first = QString::fromStdString(clients[i]["first_name"].get<std::string>());
        const QString last = QString::fromStdString(clients[i]["last_name"].get<std::string>());
        // Spaces and apostrophes become '-'; letters stay as they are.
        const QRegularExpression unsafe(QStringLiteral("[^\\p{L}\\p{M}\\p{N}.-]+"));
        const QString file = QStringLiteral("%1_%2_%3.pdf")
                                 .arg(QString(last).replace(unsafe, QStringLiteral("-")),
                                      QString(first).replace(unsafe, QStringLiteral("-")))
                                 .arg(i + 1);
        INFO(file.toStdString());
        REQUIRE(files.contains(file));
        CHECK(pdfToText(QDir(out).filePath(file)).contains(first + QLatin1Char(' ') + last));
    }
}
