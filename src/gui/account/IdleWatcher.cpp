#include "account/IdleWatcher.h"

#include <QCoreApplication>
#include <QEvent>
#include <QTimer>

#include <limits>

namespace pathway {

IdleWatcher::IdleWatcher(QObject *parent) : QObject(parent), m_timer(new QTimer(this))
{
    m_timer->setSingleShot(true);
    connect(m_timer, &QTimer::timeout, this, &IdleWatcher::check);
    m_sinceInput.start();
    QCoreApplication::instance()->installEventFilter(this);
}

IdleWatcher::~IdleWatcher()
{
    if (QCoreApplication *app = QCoreApplication::instance())
        app->removeEventFilter(this);
}

void IdleWatcher::setTimeout(std::chrono::milliseconds timeout)
{
    m_timeout = timeout;
    if (m_running)
        start();
}

void IdleWatcher::start()
{
    m_sinceInput.restart();
    m_running = m_timeout.count() > 0;
    if (m_running)
        schedule(m_timeout.count());
    else
        m_timer->stop();
}

void IdleWatcher::stop()
{
    m_running = false;
    m_timer->stop();
}

void IdleWatcher::schedule(qint64 afterMs)
{
    m_timer->start(int(qBound(qint64(1), afterMs, qint64(std::numeric_limits<int>::max()))));
}

void IdleWatcher::check()
{
    if (!m_running)
        return;
    const qint64 left = m_timeout.count() - m_sinceInput.elapsed();
    if (left > 0) {
        schedule(left);
        return;
    }
    stop();
    Q_EMIT idle();
}

bool IdleWatcher::eventFilter(QObject *watched, QEvent *event)
{
    switch (event->type()) {
    case QEvent::KeyPress:
    case QEvent::KeyRelease:
    case QEvent::MouseButtonPress:
    case QEvent::MouseButtonRelease:
    case QEvent::MouseButtonDblClick:
    case QEvent::MouseMove:
    case QEvent::Wheel:
    case QEvent::TouchBegin:
    case QEvent::TouchUpdate:
    case QEvent::TabletPress:
    case QEvent::TabletMove:
        m_sinceInput.restart();
        break;
    default:
        break;
    }
    return QObject::eventFilter(watched, event);
}

} // namespace pathway
