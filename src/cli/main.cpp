#include "Commands.h"

#include <QCoreApplication>
#include <QGuiApplication>

#include <memory>

int main(int argc, char *argv[])
{
    // Printing lays text out with fonts, which takes a QGuiApplication. It
    // never shows a window, so it runs offscreen unless a platform is asked
    // for; every other command stays a QCoreApplication and needs no display.
    std::unique_ptr<QCoreApplication> app;
    QStringList raw;
    for (int i = 0; i < argc; ++i)
        raw << QString::fromLocal8Bit(argv[i]);
    const int command = pathway::cli::commandPosition(raw);
    if (command > 0 && raw.at(command) == QLatin1String("print")) {
        if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
            qputenv("QT_QPA_PLATFORM", "offscreen");
        app = std::make_unique<QGuiApplication>(argc, argv);
    } else {
        app = std::make_unique<QCoreApplication>(argc, argv);
    }
    QCoreApplication::setOrganizationName(QStringLiteral("Pathway"));
    QCoreApplication::setApplicationName(QStringLiteral("Pathway"));
    QCoreApplication::setApplicationVersion(QStringLiteral(PATHWAY_VERSION));
    return pathway::cli::run(QCoreApplication::arguments());
}
