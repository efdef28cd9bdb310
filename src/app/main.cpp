#include "MainWindow.h"
#include "ScreenshotTour.h"
#include "pathway/core/IncomeThresholds.h"
#include "pathway/core/RuleBase.h"
#include "pathway/core/StrategyEngine.h"
#include "pathway/storage/ClientRepository.h"
#include "pathway/storage/Database.h"
#include "pathway/storage/DemoData.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QMessageBox>
#include <QProgressDialog>

using namespace pathway;

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    QApplication::setOrganizationName(QStringLiteral("Pathway"));
    QApplication::setApplicationName(QStringLiteral("Pathway"));
    QApplication::setApplicationDisplayName(QStringLiteral("Pathway"));
    QApplication::setApplicationVersion(QStringLiteral(PATHWAY_VERSION));

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
        QStringLiteral("demo"), QStringLiteral("Fill an empty database with a demo caseload."));
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
    parser.addOption(dbOption);
    parser.addOption(rulesOption);
    parser.addOption(demoOption);
    parser.process(app);

    const QString path = parser.isSet(dbOption) ? parser.value(dbOption) : Database::defaultPath();
    auto db = Database::open(path);
    if (!db) {
        QMessageBox::critical(nullptr, QObject::tr("Pathway"), db.error().message);
        return 1;
    }
    auto thresholds = IncomeThresholds::forAgency();
    if (!thresholds) {
        QMessageBox::critical(nullptr, QObject::tr("Pathway"), thresholds.error().message);
        return 1;
    }

    auto rules = RuleBase::forAgency(parser.value(rulesOption));
    if (!rules) {
        QMessageBox::critical(nullptr, QObject::tr("Pathway"), rules.error().message);
        return 1;
    }
    const StrategyEngine engine(rules.value(), thresholds.value());

    if (parser.isSet(demoOption)) {
        ClientRepository clients(*db.value(), thresholds.value());
        auto count = clients.count();
        if (count && count.value() == 0) {
            const int demoSize = 500;
            QProgressDialog progress(QObject::tr("Creating the demo caseload…"),
                                     QObject::tr("Cancel"), 0, demoSize);
            progress.setMinimumDuration(300);
            const Status added =
                addDemoCaseload(*db.value(), engine, demoSize, 1, QDate::currentDate(), [&](int n) {
                    progress.setValue(n);
                    return !progress.wasCanceled();
                });
            if (!added)
                QMessageBox::warning(nullptr, QObject::tr("Pathway"), added.error().message);
        }
    }

    if (parser.isSet(screenshotsOption)) {
        const int written =
            ScreenshotTour(*db.value(), engine).run(parser.value(screenshotsOption));
        return written > 0 ? 0 : 1;
    }

    MainWindow window(*db.value(), engine);
    window.show();
    return app.exec();
}
