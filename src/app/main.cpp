#include "DatabaseBackups.h"
#include "ScreenshotTour.h"
#include "Translations.h"
#include "UiScript.h"
#include "WindowGeometry.h"
#include "account/Session.h"
#include "pathway/core/IncomeThresholds.h"
#include "pathway/core/RuleBase.h"
#include "pathway/core/StrategyEngine.h"
#include "pathway/storage/Database.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QMessageBox>

#include <memory>

using namespace pathway;

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    QApplication::setOrganizationName(QStringLiteral("Pathway"));
    QApplication::setApplicationName(QStringLiteral("Pathway"));
    QApplication::setApplicationDisplayName(QStringLiteral("Pathway"));
    QApplication::setApplicationVersion(QStringLiteral(PATHWAY_VERSION));
    windowGeometry::installScreenFit(app);
    installTranslations(app);

    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("Pathway: career plans for counselors and their clients."));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption dbOption(
        QStringLiteral("db"),
        QStringLiteral("Database file (default: $PATHWAY_DB, else the app's own file)."),
        QStringLiteral("FILE"));
    const QCommandLineOption demoOption(
        QStringLiteral("demo"),
        QStringLiteral("Fill an empty database with a demo caseload and demo users (on the "
                       "first run they get the administrator's password)."));
    const QCommandLineOption rulesOption(
        QStringLiteral("rules"),
        QStringLiteral("Strategy rule file (default: $PATHWAY_RULES, the agency "
                       "setting, else the built-in rules)."),
        QStringLiteral("FILE"));
    // For scripts/screenshots.sh: grab every screen of the user guide and exit.
    QCommandLineOption screenshotsOption(QStringLiteral("screenshots"),
                                         QStringLiteral("Write screenshots to DIR and exit."),
                                         QStringLiteral("DIR"));
    screenshotsOption.setFlags(QCommandLineOption::HiddenFromHelp);
    parser.addOption(screenshotsOption);
    // For tests of the real binary: type and click from a script (gui/UiScript.h).
    QCommandLineOption uiScriptOption(QStringLiteral("ui-script"),
                                      QStringLiteral("Drive the windows from FILE (- = stdin)."),
                                      QStringLiteral("FILE"));
    uiScriptOption.setFlags(QCommandLineOption::HiddenFromHelp);
    parser.addOption(uiScriptOption);
    parser.addOption(dbOption);
    parser.addOption(rulesOption);
    parser.addOption(demoOption);
    parser.process(app);

    const QString path = parser.isSet(dbOption) ? parser.value(dbOption) : Database::defaultPath();
    // The app's first run is its init: it makes the database when there is
    // none (then asks for the administrator's password).
    Database::Options options;
    options.createIfMissing = true;
    auto db = Database::open(path, options);
    if (!db) {
        QMessageBox::critical(nullptr, QObject::tr("Pathway"), db.error().message);
        return 1;
    }
    // A bad rule or thresholds file must not stop every later start: the
    // built-in ones stand in, and the caseload window says so (MainWindow).
    const IncomeThresholds thresholds = IncomeThresholds::forAgencyOrBuiltIn();
    const RuleBase rules = RuleBase::forAgencyOrBuiltIn(parser.value(rulesOption));
    const StrategyEngine engine(rules, thresholds);

    // The database acts for nobody until someone signs in: the session asks
    // (or, on the first run, creates the administrator). PATHWAY_PASSWORD is
    // for the command line and scripts only; the screenshot tour, run by a
    // script on a throwaway database, signs in by itself.
    if (parser.isSet(screenshotsOption)) {
        ScreenshotTour tour(*db.value(), engine);
        tour.setDemo(parser.isSet(demoOption));
        const int written = tour.run(parser.value(screenshotsOption));
        return written > 0 ? 0 : 1;
    }

    // The session quits when the person says so (Quit at sign-in, closing
    // the caseload), not when the sign-in dialog closes to make way for it.
    QApplication::setQuitOnLastWindowClosed(false);
    Session session(*db.value(), engine);
    session.setDemo(parser.isSet(demoOption));
    QObject::connect(&session, &Session::quitRequested, &app, &QApplication::quit,
                     Qt::QueuedConnection);
    // The automatic backup at exit is made when someone signed in during
    // this run (a start that ended at the sign-in changed nothing).
    bool signedIn = false;
    QObject::connect(&session, &Session::signedIn, &app, [&signedIn] { signedIn = true; });
    session.start();
    std::unique_ptr<UiScript> script;
    if (parser.isSet(uiScriptOption)) {
        script = std::make_unique<UiScript>(parser.value(uiScriptOption));
        if (!script->start())
            return 2;
    }
    const int status = app.exec();
    if (signedIn)
        DatabaseBackups::atExit(*db.value());
    return status;
}
