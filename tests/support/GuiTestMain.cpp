#define CATCH_CONFIG_RUNNER
#include <catch2/catch.hpp>

#include "Translations.h"
#include "WindowGeometry.h"

#include <QApplication>
#include <QDir>
#include <QFile>
#include <QStandardPaths>
#include <QTemporaryDir>

int main(int argc, char *argv[])
{
    // catch_discover_tests does not pass ENVIRONMENT through discovery, so the
    // platform is chosen here: offscreen (also when the caller asked for plain
    // offscreen) with one screen of the smallest size Pathway is made for
    // (1366 x 768), so that every window is tested as it fits there; another
    // platform when the caller asked for one.
    QTemporaryDir platformDir;
    const QByteArray platform = qgetenv("QT_QPA_PLATFORM");
    if (platform.isEmpty() || platform == "offscreen") {
        const QString config = platformDir.filePath(QStringLiteral("screen.json"));
        QFile file(config);
        if (file.open(QIODevice::WriteOnly)) {
            file.write(R"({"screens": [{"name": "test", "x": 0, "y": 0, "width": 1366,
                           "height": 768, "logicalDpi": 96, "logicalBaseDpi": 96}]})");
            file.close();
            qputenv("QT_QPA_PLATFORM", "offscreen:configfile=" + QFile::encodeName(config));
        } else {
            qputenv("QT_QPA_PLATFORM", "offscreen");
        }
    }
    QStandardPaths::setTestModeEnabled(true); // settings go to a test location
    QApplication app(argc, argv);
    QApplication::setOrganizationName(QStringLiteral("PathwayTests"));
    QApplication::setApplicationName(QStringLiteral("PathwayTests"));
    pathway::windowGeometry::installScreenFit(app);
    pathway::installTranslations(app);
    return Catch::Session().run(argc, argv);
}
