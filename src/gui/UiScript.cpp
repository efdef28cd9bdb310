#include "UiScript.h"

#include <QAbstractButton>
#include <QAbstractItemView>
#include <QApplication>
#include <QFile>
#include <QKeySequence>
#include <QLabel>
#include <QLineEdit>
#include <QSocketNotifier>
#include <QTimer>
#include <QWidget>
#include <QWindow>

#include <unistd.h>

// The entry points QtTest itself uses to deliver input as the window system
// would (exported by QtGui for that purpose): the event goes through the
// same path as a real key or mouse press, shortcuts and focus included.
Q_GUI_EXPORT void qt_handleKeyEvent(QWindow *window, QEvent::Type type, int key,
                                    Qt::KeyboardModifiers modifiers, const QString &text,
                                    bool autorepeat, ushort count);
Q_GUI_EXPORT void qt_handleMouseEvent(QWindow *window, const QPointF &local, const QPointF &global,
                                      Qt::MouseButtons state, Qt::MouseButton button,
                                      QEvent::Type type, Qt::KeyboardModifiers modifiers,
                                      int timestamp);

namespace pathway {

namespace {

constexpr int kDefaultWaitMs = 20000;
constexpr int kPollMs = 25;

QWidget *findIn(QWidget *root, const QString &name)
{
    if (root->objectName() == name && root->isVisible())
        return root;
    const auto children = root->findChildren<QWidget *>(name);
    for (QWidget *w : children) {
        if (w->isVisible())
            return w;
    }
    return nullptr;
}

QWindow *windowOf(QWidget *widget)
{
    QWidget *top = widget->window();
    return top ? top->windowHandle() : nullptr;
}

void sendKey(QWindow *window, int key, Qt::KeyboardModifiers modifiers, const QString &text)
{
    qt_handleKeyEvent(window, QEvent::KeyPress, key, modifiers, text, false, 1);
    qt_handleKeyEvent(window, QEvent::KeyRelease, key, modifiers, text, false, 1);
}

// The text a key produces without a keyboard layout: letters and digits
// with their shift state, space, and nothing for the named keys.
QString keyText(int key, Qt::KeyboardModifiers modifiers)
{
    if (modifiers & (Qt::ControlModifier | Qt::AltModifier | Qt::MetaModifier))
        return {};
    if (key >= Qt::Key_A && key <= Qt::Key_Z) {
        const QChar c = QLatin1Char(char('a' + (key - Qt::Key_A)));
        return (modifiers & Qt::ShiftModifier) ? QString(c.toUpper()) : QString(c);
    }
    if ((key >= Qt::Key_0 && key <= Qt::Key_9) || key == Qt::Key_Space)
        return QString(QChar(key));
    if (key == Qt::Key_Return || key == Qt::Key_Enter)
        return QStringLiteral("\r");
    if (key == Qt::Key_Tab)
        return QStringLiteral("\t");
    return {};
}

} // namespace

QWidget *findVisibleWidget(const QString &name)
{
    if (name == QLatin1String("focus"))
        return QApplication::focusWidget();
    const auto windows = QApplication::topLevelWidgets();
    for (QWidget *w : windows) {
        if (!w->isVisible())
            continue;
        if (QWidget *found = findIn(w, name))
            return found;
    }
    return nullptr;
}

UiScript::UiScript(const QString &path, QObject *parent)
    : QObject(parent), m_path(path), m_timer(new QTimer(this))
{
    m_timer->setSingleShot(true);
    m_timer->setInterval(kPollMs);
    connect(m_timer, &QTimer::timeout, this, &UiScript::step);
}

UiScript::~UiScript() = default;

bool UiScript::start()
{
    m_file = new QFile(this);
    const bool opened =
        m_path == QLatin1String("-")
            ? m_file->open(STDIN_FILENO, QIODevice::ReadOnly | QIODevice::Unbuffered)
            : (m_file->setFileName(m_path), m_file->open(QIODevice::ReadOnly));
    if (!opened) {
        std::fprintf(stderr, "pathway: cannot read the UI script %s: %s\n", qPrintable(m_path),
                     qPrintable(m_file->errorString()));
        return false;
    }
    if (m_path == QLatin1String("-")) {
        m_notifier = new QSocketNotifier(STDIN_FILENO, QSocketNotifier::Read, this);
        connect(m_notifier, &QSocketNotifier::activated, this, &UiScript::readAvailable);
    } else {
        readAvailable();
    }
    m_timer->start();
    return true;
}

void UiScript::readAvailable()
{
    if (m_notifier) {
        char buffer[4096];
        const ssize_t n = ::read(STDIN_FILENO, buffer, sizeof buffer);
        if (n <= 0) {
            m_notifier->setEnabled(false); // end of input: the app keeps running
            return;
        }
        m_partial.append(buffer, n);
    } else {
        m_partial.append(m_file->readAll());
        m_partial.append('\n');
    }
    qsizetype newline;
    while ((newline = m_partial.indexOf('\n')) >= 0) {
        const QString line = QString::fromUtf8(m_partial.left(newline)).trimmed();
        m_partial.remove(0, newline + 1);
        if (!line.isEmpty() && !line.startsWith(QLatin1Char('#')))
            m_pending.append(line);
    }
    if (!m_stopped && !m_timer->isActive())
        m_timer->start();
}

void UiScript::step()
{
    while (!m_stopped && !m_pending.isEmpty()) {
        if (!run(m_pending.first())) {
            m_timer->start();
            return;
        }
        m_pending.removeFirst();
        m_waitingStarted = false;
    }
}

void UiScript::answer(const QString &line)
{
    std::fprintf(stdout, "%s\n", line.toUtf8().constData());
    std::fflush(stdout);
}

void UiScript::fail(const QString &message)
{
    answer(QStringLiteral("error %1").arg(message));
    m_stopped = true;
    m_pending.clear();
}

bool UiScript::run(const QString &command)
{
    const QString verb = command.section(QLatin1Char(' '), 0, 0);
    const QString name = command.section(QLatin1Char(' '), 1, 1);
    const QString rest = command.section(QLatin1Char(' '), 2);
    if (!m_waitingStarted) {
        m_waiting.start();
        m_waitingStarted = true;
    }

    if (verb == QLatin1String("wait") || verb == QLatin1String("gone")) {
        const int limit = rest.isEmpty() ? kDefaultWaitMs : rest.toInt();
        const bool present = findVisibleWidget(name) != nullptr;
        if (present == (verb == QLatin1String("wait"))) {
            answer(QStringLiteral("ok %1").arg(command));
            return true;
        }
        if (m_waiting.elapsed() > limit) {
            fail(QStringLiteral("%1: still %2 after %3 ms")
                     .arg(command, present ? QStringLiteral("there") : QStringLiteral("absent"))
                     .arg(limit));
            return true;
        }
        return false;
    }
    if (verb == QLatin1String("echo")) {
        answer(command.mid(5));
        return true;
    }
    if (verb == QLatin1String("quit")) {
        answer(QStringLiteral("ok quit"));
        QApplication::closeAllWindows();
        QApplication::quit();
        return true;
    }

    QWidget *target = findVisibleWidget(name);
    if (!target) {
        fail(QStringLiteral("%1: no visible widget named %2").arg(command, name));
        return true;
    }
    QWindow *window = windowOf(target);
    if (verb == QLatin1String("type") || verb == QLatin1String("key")) {
        if (!window) {
            fail(QStringLiteral("%1: %2 has no window").arg(command, name));
            return true;
        }
        target->window()->activateWindow();
        target->setFocus(Qt::OtherFocusReason);
        if (verb == QLatin1String("type")) {
            for (const QChar ch : rest)
                sendKey(window, Qt::Key_unknown, Qt::NoModifier, QString(ch));
        } else {
            const QKeySequence sequence(rest);
            if (sequence.isEmpty()) {
                fail(QStringLiteral("%1: not a key sequence").arg(command));
                return true;
            }
            for (int i = 0; i < sequence.count(); ++i) {
                const QKeyCombination k = sequence[i];
                sendKey(window, k.key(), k.keyboardModifiers(),
                        keyText(k.key(), k.keyboardModifiers()));
            }
        }
        answer(QStringLiteral("ok %1").arg(command));
        return true;
    }
    if (verb == QLatin1String("click")) {
        if (!window) {
            fail(QStringLiteral("%1: %2 has no window").arg(command, name));
            return true;
        }
        const QPointF local = target->mapTo(target->window(), target->rect().center());
        const QPointF global = target->mapToGlobal(target->rect().center());
        qt_handleMouseEvent(window, local, global, Qt::LeftButton, Qt::LeftButton,
                            QEvent::MouseButtonPress, Qt::NoModifier, 0);
        qt_handleMouseEvent(window, local, global, Qt::NoButton, Qt::LeftButton,
                            QEvent::MouseButtonRelease, Qt::NoModifier, 0);
        answer(QStringLiteral("ok %1").arg(command));
        return true;
    }
    if (verb == QLatin1String("rows")) {
        auto *view = qobject_cast<QAbstractItemView *>(target);
        if (!view || !view->model()) {
            fail(QStringLiteral("%1: %2 is not a list or table").arg(command, name));
            return true;
        }
        answer(QStringLiteral("rows %1 %2").arg(name).arg(view->model()->rowCount()));
        return true;
    }
    if (verb == QLatin1String("text")) {
        QString text;
        if (auto *label = qobject_cast<QLabel *>(target))
            text = label->text();
        else if (auto *edit = qobject_cast<QLineEdit *>(target))
            text = edit->text();
        else if (auto *button = qobject_cast<QAbstractButton *>(target))
            text = button->text();
        else
            text = target->windowTitle();
        answer(QStringLiteral("text %1 %2").arg(name, text.simplified()));
        return true;
    }
    fail(QStringLiteral("unknown command: %1").arg(command));
    return true;
}

} // namespace pathway
