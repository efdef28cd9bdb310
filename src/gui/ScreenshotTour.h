#pragma once

#include <QDate>
#include <QString>

namespace pathway {

class Database;
class StrategyEngine;

// Grabs the main window, each intake page, the plan tab and the profile and
// notes tabs at 1366x768 and 1920x1080 into PNG files, for the user guide
// (scripts/screenshots.sh). Runs on any platform plugin, offscreen included.
// Fills in an example intake (not saved) and adds two example notes to the
// first active client, so run it on a throwaway database.
// Returns the number of images written, or -1 on failure.
class ScreenshotTour
{
public:
    ScreenshotTour(Database &db, const StrategyEngine &engine);
    int run(const QString &directory);

private:
    bool save(class QWidget *widget, const QString &name);

    Database &m_db;
    const StrategyEngine &m_engine;
    QString m_directory;
    int m_written = 0;
};

} // namespace pathway
