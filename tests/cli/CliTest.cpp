#include "TestSupport.h"

#include "pathway/core/ProfileJson.h"

#include <QProcess>
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
