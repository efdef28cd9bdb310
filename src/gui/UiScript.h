#pragma once

#include <QElapsedTimer>
#include <QObject>
#include <QStringList>

#include <cstdio>

class QFile;
class QSocketNotifier;
class QTimer;
class QWidget;

namespace pathway {

// Drives the running app from a script, as a person at the keyboard would:
// the hidden `pathway --ui-script FILE` option (FILE `-` = standard input,
// read as lines arrive). Tests start the real binary with it, so the path
// main() takes is the path tested. One command per line:
//
//   wait NAME [MS]          until a visible widget named NAME exists (default 20 s)
//   gone NAME [MS]          until no visible widget is named NAME
//   type NAME TEXT          focuses NAME and types TEXT, key by key
//   key NAME KEYS           presses a key sequence on NAME ("focus": the focused widget)
//   click NAME              clicks the button NAME with the mouse
//   rows NAME               prints "rows NAME N" (the item view's model rows)
//   text NAME               prints "text NAME VALUE" (a label's or line edit's text)
//   echo TEXT               prints TEXT
//   quit                    closes every window and quits
//
// Every command answers one line on standard output: "ok ...", a result, or
// "error ..." after which the script stops (the app keeps running). Blank
// lines and lines starting with '#' are skipped. The script only types and
// clicks: it signs in with a password like anyone else.
class UiScript : public QObject
{
    Q_OBJECT
public:
    // Reads from `path`; "-" is standard input.
    explicit UiScript(const QString &path, QObject *parent = nullptr);
    ~UiScript() override;

    // Starts reading and running; false (with a message on stderr) when the
    // file cannot be read.
    bool start();

private:
    void readAvailable();
    void step();
    // Runs `command`; false while it is still waiting (called again later).
    bool run(const QString &command);
    void answer(const QString &line);
    void fail(const QString &message);

    QString m_path;
    QFile *m_file = nullptr;
    QSocketNotifier *m_notifier = nullptr;
    QTimer *m_timer;
    QStringList m_pending;
    QByteArray m_partial;
    QElapsedTimer m_waiting; // how long the current command has waited
    bool m_waitingStarted = false;
    bool m_stopped = false;
};

// The visible widget named `name` (a window or any widget in one), the
// focused widget for "focus"; null when there is none.
QWidget *findVisibleWidget(const QString &name);

} // namespace pathway
