#define CATCH_CONFIG_RUNNER
#include <catch2/catch.hpp>

#include <QGuiApplication>
#include <QStandardPaths>

// The runner of the printing tests: laying text out needs fonts, so a
// QGuiApplication, but no window is ever shown.
int main(int argc, char *argv[])
{
    // catch_discover_tests does not pass ENVIRONMENT through discovery, so the
    // platform is chosen here: offscreen unless the caller asked for another.
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QStandardPaths::setTestModeEnabled(true); // settings go to a test location
    QGuiApplication app(argc, argv);
    QGuiApplication::setOrganizationName(QStringLiteral("PathwayTests"));
    QGuiApplication::setApplicationName(QStringLiteral("PathwayTests"));
    return Catch::Session().run(argc, argv);
}
