#include "WindowGeometry.h"

#include <QApplication>
#include <QEvent>
#include <QGuiApplication>
#include <QScreen>
#include <QWidget>

namespace pathway::windowGeometry {

namespace {

// Before a window is shown its frame is unknown; these cover the usual
// window managers' title bar and borders (openbox, GNOME, KDE, Xfce).
constexpr int kFrameWidthAllowance = 8;
constexpr int kFrameHeightAllowance = 36;

const QScreen *screenOf(const QWidget *window)
{
    if (window) {
        if (const QWidget *parent = window->parentWidget()) {
            if (const QScreen *s = parent->window()->screen())
                return s;
        }
        if (const QScreen *s = window->screen())
            return s;
    }
    return QGuiApplication::primaryScreen();
}

// The largest client area whose frame fits `area`.
QSize room(const QWidget *window, const QRect &area)
{
    return (area.size() - frameAllowance(window)).expandedTo(QSize(1, 1));
}

class ScreenFit : public QObject
{
public:
    using QObject::QObject;

protected:
    bool eventFilter(QObject *watched, QEvent *event) override
    {
        if (event->type() == QEvent::Show && watched->isWidgetType()) {
            auto *widget = static_cast<QWidget *>(watched);
            if (widget->isWindow() && widget->windowType() != Qt::Popup &&
                widget->windowType() != Qt::ToolTip)
                fit(widget);
        }
        return false;
    }
};

} // namespace

QRect usableArea(const QWidget *window)
{
    const QScreen *screen = screenOf(window);
    return screen ? screen->availableGeometry() : QRect(0, 0, 1366, 768);
}

QSize frameAllowance(const QWidget *window)
{
    if (window && window->isVisible()) {
        const QRect frame = window->frameGeometry();
        const QRect inner = window->geometry();
        const QSize measured(frame.width() - inner.width(), frame.height() - inner.height());
        if (measured.width() > 0 || measured.height() > 0)
            return measured;
    }
    return {kFrameWidthAllowance, kFrameHeightAllowance};
}

void place(QWidget *window, const QByteArray &saved, QSizeF share, QSize minimum)
{
    if (!saved.isEmpty() && window->restoreGeometry(saved)) {
        fit(window);
        return;
    }
    const QRect area = usableArea(window);
    const QSize most = room(window, area);
    QSize size(qRound(area.width() * share.width()), qRound(area.height() * share.height()));
    size = size.expandedTo(minimum).expandedTo(window->minimumSizeHint()).boundedTo(most);
    window->resize(size);
    const QSize frame = frameAllowance(window);
    window->move(area.x() + (area.width() - size.width() - frame.width()) / 2,
                 area.y() + (area.height() - size.height() - frame.height()) / 2);
}

void fit(QWidget *window)
{
    const QRect area = usableArea(window);
    const QSize most = room(window, area);
    if (window->width() > most.width() || window->height() > most.height())
        window->resize(window->size().boundedTo(most));
    // For a top-level window pos() is the top-left corner of its frame.
    const QSize frame = frameAllowance(window);
    const QSize outer = window->size() + frame;
    int x = window->pos().x();
    int y = window->pos().y();
    x = qBound(area.left(), x, area.left() + area.width() - outer.width());
    y = qBound(area.top(), y, area.top() + area.height() - outer.height());
    if (x != window->pos().x() || y != window->pos().y())
        window->move(x, y);
}

void installScreenFit(QApplication &app)
{
    app.installEventFilter(new ScreenFit(&app));
}

} // namespace pathway::windowGeometry
