// The real `pathway` binary, started the way the README tells a new user to
// (offscreen, on a new database), driven through its hidden --ui-script
// option as a person would type and click (gui/UiScript.h).

#include "TestSupport.h"
#include "pathway/core/User.h"
#include "pathway/storage/CaseloadRepository.h"
#include "pathway/storage/Database.h"

#include <QElapsedTimer>
#include <QFile>
#include <QMap>
#include <QProcess>
#include <QProcessEnvironment>
#include <QTemporaryDir>

#include <catch2/catch.hpp>

using namespace pathway;

namespace {

const QString kPassword = QStringLiteral("river lamp orange 42");

// One run of the app with a UI script on its standard input.
class App
{
public:
    App(const QTemporaryDir &home, const QStringList &arguments,
        const QMap<QString, QString> &extraEnvironment = {})
    {
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
        env.insert(QStringLiteral("HOME"), home.path());
        env.insert(QStringLiteral("XDG_CONFIG_HOME"), home.filePath(QStringLiteral("config")));
        env.insert(QStringLiteral("XDG_DATA_HOME"), home.filePath(QStringLiteral("data")));
        env.insert(QStringLiteral("XDG_RUNTIME_DIR"), home.path());
        env.remove(QStringLiteral("PATHWAY_DB"));
        env.remove(QStringLiteral("PATHWAY_PASSWORD"));
        env.remove(QStringLiteral("PATHWAY_RULES"));
        env.remove(QStringLiteral("PATHWAY_THRESHOLDS"));
        for (auto it = extraEnvironment.begin(); it != extraEnvironment.end(); ++it)
            env.insert(it.key(), it.value());
        m_process.setProcessEnvironment(env);
        m_process.setProcessChannelMode(QProcess::SeparateChannels);
        m_process.start(QStringLiteral(PATHWAY_APP),
                        arguments +
                            QStringList{QStringLiteral("--ui-script"), QStringLiteral("-")});
    }

    ~App()
    {
        if (m_process.state() != QProcess::NotRunning) {
            m_process.kill();
            m_process.waitForFinished(5000);
        }
    }

    bool started() { return m_process.waitForStarted(10000); }

    // Sends one command and returns its answer line ("" when none came).
    QString call(const QString &command, int timeoutMs = 30000)
    {
        m_process.write(command.toUtf8() + '\n');
        QElapsedTimer waited;
        waited.start();
        while (!m_process.canReadLine()) {
            if (m_process.state() == QProcess::NotRunning || waited.elapsed() > timeoutMs)
                return {};
            m_process.waitForReadyRead(100);
        }
        return QString::fromUtf8(m_process.readLine()).trimmed();
    }

    // True when the process is still running `ms` from now.
    bool aliveAfter(int ms) { return !m_process.waitForFinished(ms); }

    int exitCode() { return m_process.exitCode(); }
    QProcess::ExitStatus exitStatus() { return m_process.exitStatus(); }
    bool finished(int ms) { return m_process.waitForFinished(ms); }
    QString errors() { return QString::fromUtf8(m_process.readAllStandardError()); }

private:
    QProcess m_process;
};

// The first-run dialog, filled in and confirmed with Enter.
void createAdministrator(App &app)
{
    REQUIRE(app.call(QStringLiteral("wait firstRunDialog")).startsWith(QLatin1String("ok")));
    CHECK(app.call(QStringLiteral("type displayNameLineEdit Ada Admin"))
              .startsWith(QLatin1String("ok")));
    CHECK(app.call(QStringLiteral("type newPasswordLineEdit ") + kPassword)
              .startsWith(QLatin1String("ok")));
    CHECK(app.call(QStringLiteral("type newConfirmLineEdit ") + kPassword)
              .startsWith(QLatin1String("ok")));
    CHECK(
        app.call(QStringLiteral("key newConfirmLineEdit Return")).startsWith(QLatin1String("ok")));
}

// The caseload window's rows once it is shown; -1 when it never shows.
int caseloadRows(App &app)
{
    const QString shown = app.call(QStringLiteral("wait caseloadTableView 60000"), 70000);
    INFO("answer: " << shown.toStdString() << "; stderr: " << app.errors().toStdString());
    REQUIRE(shown.startsWith(QLatin1String("ok")));
    const QString rows = app.call(QStringLiteral("rows caseloadTableView"));
    REQUIRE(rows.startsWith(QLatin1String("rows caseloadTableView ")));
    return rows.section(QLatin1Char(' '), 2).toInt();
}

// Active clients stored in `path` (the caseload window lists active ones by default).
int activeClients(const QString &path)
{
    auto db = Database::open(path);
    REQUIRE(db);
    db.value()->setActor(Actor::system());
    CaseloadFilter filter;
    filter.status = ClientStatus::Active;
    auto ids = CaseloadRepository(*db.value()).matchingIds(filter);
    REQUIRE(ids);
    return int(ids->size());
}

void quit(App &app)
{
    CHECK(app.call(QStringLiteral("quit")) == QLatin1String("ok quit"));
    REQUIRE(app.finished(15000));
    CHECK(app.exitStatus() == QProcess::NormalExit);
    CHECK(app.exitCode() == 0);
}

} // namespace

TEST_CASE(
    "pathway --demo on a new database: first run, demo caseload, caseload window, still running")
{
    QTemporaryDir home;
    const QString path = home.filePath(QStringLiteral("new.sqlite"));
    App app(home, {QStringLiteral("--db"), path, QStringLiteral("--demo")});
    REQUIRE(app.started());
    createAdministrator(app);
    const int rows = caseloadRows(app);
    INFO("stderr: " << app.errors().toStdString());
    REQUIRE(app.aliveAfter(1500));
    CHECK(rows > 0);
    CHECK(rows == activeClients(path));
    quit(app);
}

TEST_CASE("pathway on a new database without --demo: first run, then an empty caseload window")
{
    QTemporaryDir home;
    const QString path = home.filePath(QStringLiteral("new.sqlite"));
    App app(home, {QStringLiteral("--db"), path});
    REQUIRE(app.started());
    createAdministrator(app);
    CHECK(caseloadRows(app) == 0);
    REQUIRE(app.aliveAfter(1000));
    quit(app);
}

TEST_CASE("pathway with a damaged rule file starts on the built-in rules and says so")
{
    QTemporaryDir home;
    const QString path = home.filePath(QStringLiteral("new.sqlite"));
    const QString rules = home.filePath(QStringLiteral("rules.json"));
    {
        QFile file(rules);
        REQUIRE(file.open(QIODevice::WriteOnly));
        // A number no double holds: it aborted the program at start-up.
        file.write(R"({"version": 1e400, "strategies": []})");
    }
    App app(home, {QStringLiteral("--db"), path, QStringLiteral("--rules"), rules});
    REQUIRE(app.started());
    createAdministrator(app);
    CHECK(caseloadRows(app) == 0);
    const QString told = app.call(QStringLiteral("wait fallbackRulesMessage"));
    INFO("stderr: " << app.errors().toStdString());
    REQUIRE(told.startsWith(QLatin1String("ok")));
    CHECK(app.call(QStringLiteral("click fallbackRulesOkButton")).startsWith(QLatin1String("ok")));
    CHECK(app.call(QStringLiteral("gone fallbackRulesMessage")).startsWith(QLatin1String("ok")));
    CHECK(app.call(QStringLiteral("text fallbackRulesLabel")) ==
          QLatin1String("text fallbackRulesLabel Built-in rules in use"));
    REQUIRE(app.aliveAfter(500));
    quit(app);
}

TEST_CASE("pathway with a damaged income thresholds file starts on the built-in bands and says so")
{
    QTemporaryDir home;
    const QString path = home.filePath(QStringLiteral("new.sqlite"));
    const QString bands = home.filePath(QStringLiteral("thresholds.json"));
    {
        QFile file(bands);
        REQUIRE(file.open(QIODevice::WriteOnly));
        // It used to stop the app at every start with a message box.
        file.write(R"({"reference_household_size": 3, "upper_bounds": {"low": 5}})");
    }
    App app(home, {QStringLiteral("--db"), path}, {{QStringLiteral("PATHWAY_THRESHOLDS"), bands}});
    REQUIRE(app.started());
    createAdministrator(app);
    CHECK(caseloadRows(app) == 0);
    const QString told = app.call(QStringLiteral("wait fallbackRulesMessage"));
    INFO("stderr: " << app.errors().toStdString());
    REQUIRE(told.startsWith(QLatin1String("ok")));
    CHECK(app.call(QStringLiteral("click fallbackRulesOkButton")).startsWith(QLatin1String("ok")));
    CHECK(app.call(QStringLiteral("text fallbackRulesLabel")) ==
          QLatin1String("text fallbackRulesLabel Built-in income bands in use"));
    REQUIRE(app.aliveAfter(500));
    quit(app);
}

TEST_CASE("pathway started again on its database asks for the password and opens the caseload")
{
    QTemporaryDir home;
    const QString path = home.filePath(QStringLiteral("new.sqlite"));
    {
        App first(home, {QStringLiteral("--db"), path, QStringLiteral("--demo")});
        REQUIRE(first.started());
        createAdministrator(first);
        caseloadRows(first);
        quit(first);
    }
    App app(home, {QStringLiteral("--db"), path});
    REQUIRE(app.started());
    REQUIRE(app.call(QStringLiteral("wait signInDialog")).startsWith(QLatin1String("ok")));
    // The user name of the last sign-in on this desktop is filled in.
    CHECK(app.call(QStringLiteral("text userNameLineEdit")) ==
          QLatin1String("text userNameLineEdit admin"));
    CHECK(app.call(QStringLiteral("type passwordLineEdit ") + kPassword)
              .startsWith(QLatin1String("ok")));
    CHECK(app.call(QStringLiteral("key passwordLineEdit Return")).startsWith(QLatin1String("ok")));
    const int rows = caseloadRows(app);
    CHECK(rows == activeClients(path));
    REQUIRE(app.aliveAfter(1000));
    quit(app);
}
