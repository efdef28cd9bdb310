#pragma once

#include <QDate>
#include <QString>

class QWidget;

namespace pathway {

class Database;
class StrategyEngine;

// Grabs every screen of the user guide into PNG files named after the
// screen it runs on, "-1366x768" (scripts/screenshots.sh runs it once per
// screen size, offscreen): the first run and sign-in, a counselor's
// caseload, each intake page, the plan, profile and notes tabs, the idle
// lock; the supervisor's caseload, reassigning, the dashboard (one
// counselor's overdue clients listed) and the audit trail (of the client the
// counselor worked on); the administrator's users and agency settings. Each
// window is as large as it opens on that screen; a dialog is drawn over the
// caseload window.
//
// It signs in by itself with $PATHWAY_PASSWORD (else a fixed throwaway
// password): on a database without an administrator it fills in the
// first-run dialog, adds the demo caseload (setDemo) and gives the demo
// users that password. It adds example notes and sign-ins, so run it on a
// throwaway database. Returns the number of images written, or -1 on failure.
class ScreenshotTour
{
public:
    ScreenshotTour(Database &db, const StrategyEngine &engine);
    void setDemo(bool demo) { m_demo = demo; }
    int run(const QString &directory);

private:
    bool save(QWidget *widget, const QString &name);
    // `dialog` drawn in the middle of `background`, as it shows on screen.
    bool saveOver(QWidget *background, QWidget *dialog, const QString &name);
    bool signIn(const QString &username);
    bool firstRun();
    bool counselorScreens();
    bool supervisorScreens();
    bool adminScreens();

    Database &m_db;
    const StrategyEngine &m_engine;
    QString m_directory;
    QString m_password;
    bool m_demo = false;
    qint64 m_exampleClient = 0; // the client shown in the counselor's screens
    int m_written = 0;
};

} // namespace pathway
