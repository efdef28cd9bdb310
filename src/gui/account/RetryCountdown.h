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

    // Disables the button for `seconds` and says so in the label, after
    // `reason` (what was refused, "The password is wrong."; may be empty).
    void start(int seconds, const QString &reason = {});
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
    QString m_reason;
    int m_remaining = 0;
};

} // namespace pathway
