#pragma once

#include <QElapsedTimer>
#include <QObject>

#include <chrono>

class QTimer;

namespace pathway {

// Watches the whole application's keyboard and mouse input and says when
// there was none for the timeout. Input only notes the time; a single timer
// checks it, so moving the mouse costs nothing more.
class IdleWatcher : public QObject
{
    Q_OBJECT
public:
    explicit IdleWatcher(QObject *parent = nullptr);
    ~IdleWatcher() override;

    // 0 = never.
    void setTimeout(std::chrono::milliseconds timeout);
    std::chrono::milliseconds timeout() const { return m_timeout; }
    // Watching starts counting from now; stopped, idle() is never emitted.
    void start();
    void stop();
    bool isRunning() const { return m_running; }

Q_SIGNALS:
    // Emitted once per period without input; the watcher stops itself.
    void idle();

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void check();
    void schedule(qint64 afterMs);

    QTimer *m_timer;
    QElapsedTimer m_sinceInput;
    std::chrono::milliseconds m_timeout{0};
    bool m_running = false;
};

} // namespace pathway
