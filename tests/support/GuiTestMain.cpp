#define CATCH_CONFIG_RUNNER
#include <catch2/catch.hpp>

#include <QApplication>
#include <QStandardPaths>

int main(int argc, char *argv[])
{
    // catch_discover_tests does not pass ENVIRONMENT through discovery, so the
    // platform is chosen here: offscreen unless the caller asked for another.
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QStandardPaths::setTestModeEnabled(true); // settings go to a test location
    QApplication app(argc, argv);
    QApplication::setOrganizationName(QStringLiteral("PathwayTests"));
    QApplication::setApplicationName(QStringLiteral("PathwayTests"));
    return Catch::Session().run(argc, argv);
}
