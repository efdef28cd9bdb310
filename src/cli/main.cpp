#include "Commands.h"

#include <QCoreApplication>

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setOrganizationName(QStringLiteral("Pathway"));
    QCoreApplication::setApplicationName(QStringLiteral("Pathway"));
    QCoreApplication::setApplicationVersion(QStringLiteral(PATHWAY_VERSION));
    return pathway::cli::run(QCoreApplication::arguments());
}
