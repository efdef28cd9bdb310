#include "account/RetryCountdown.h"

#include "pathway/storage/Accounts.h"

#include <QAbstractButton>
#include <QLabel>
#include <QTimer>

#include <algorithm>

namespace pathway {

RetryCountdown::RetryCountdown(QAbstractButton *button, QLabel *label, QObject *parent)
    : QObject(parent), m_button(button), m_label(label), m_timer(new QTimer(this))
{
    m_timer->setInterval(1000);
    // A coarse timer may fire up to 5% early, which would enable the button
    // a little before the wait (rounded up to the second) is over.
    m_timer->setTimerType(Qt::PreciseTimer);
    connect(m_timer, &QTimer::timeout, this, &RetryCountdown::tick);
}

int RetryCountdown::secondsToWait(const Error &error)
{
    return std::max(error.retryAfterSeconds, 0);
}

void RetryCountdown::start(int seconds, const QString &reason)
{
    if (!isRunning())
        m_buttonText = m_button->text();
    m_reason = reason;
    m_remaining = qMax(1, seconds);
    m_button->setEnabled(false);
    show();
    m_timer->start();
}

void RetryCountdown::tick()
{
    if (--m_remaining > 0) {
        show();
        return;
    }
    m_timer->stop();
    m_button->setText(m_buttonText);
    m_button->setEnabled(true);
    m_label->setText(tr("You can try again now."));
    Q_EMIT finished();
}

void RetryCountdown::show()
{
    m_button->setText(tr("%1 (%2)").arg(m_buttonText).arg(m_remaining));
    const QString wait = accounts::waitSentence(m_remaining);
    m_label->setText(m_reason.isEmpty() ? wait : m_reason + QLatin1Char(' ') + wait);
    m_label->show();
}

} // namespace pathway
