#pragma once

#include "pathway/core/Result.h"

#include <QObject>
#include <QString>

class QAbstractButton;
class QLabel;
class QTimer;

namespace pathway {

// The wait after too many failed sign-ins: keeps a button disabled and
// counts the seconds down in a label, then gives the button back.
class RetryCountdown : public QObject
{
    Q_OBJECT
public:
    RetryCountdown(QAbstractButton *button, QLabel *label, QObject *parent = nullptr);

    // The seconds a back-off error (accounts::signIn, confirmPassword) says
    // to wait; 0 when `error` is not a back-off.
    static int secondsToWait(const Error &error);

    void start(int seconds);
    bool isRunning() const { return m_remaining > 0; }
    int remaining() const { return m_remaining; }

Q_SIGNALS:
    void finished();

private:
    void tick();
    void show();

    QAbstractButton *m_button;
    QLabel *m_label;
    QTimer *m_timer;
    QString m_buttonText;
    int m_remaining = 0;
};

} // namespace pathway
