#pragma once

#include <QByteArray>
#include <QRect>
#include <QSize>
#include <QSizeF>

class QApplication;
class QWidget;

namespace pathway::windowGeometry {

// Where windows go on the screen, in one place: every window and dialog
// fits the screen it opens on (a 1366 x 768 laptop with a panel included),
// and the large windows grow with larger screens.

// The part of the screen a window may cover: the available geometry
// (without panels and docks) of the screen of the window's parent, else of
// the window, else the primary screen.
QRect usableArea(const QWidget *window);

// The room the window manager's frame (title bar and borders) takes around
// a top-level window: measured once the window is shown, an allowance
// before.
QSize frameAllowance(const QWidget *window);

// Sizes and places a large top-level window (caseload, client, dashboard,
// audit trail, print preview) before it is first shown: the geometry saved
// in `saved` when there is one and it restores, else `share` of the usable
// area (width and height as fractions), at least `minimum` where the screen
// has room for it; then moved and shrunk so that its frame lies wholly on
// the screen, centred when newly sized.
void place(QWidget *window, const QByteArray &saved, QSizeF share, QSize minimum = {});

// Shrinks and moves a top-level window so that its frame lies wholly within
// the usable area; leaves it alone when it does already.
void fit(QWidget *window);

// Makes every top-level window and dialog of `app` fit its screen when it
// is shown (fit() on each Show event of a window), so message boxes and
// Qt's own dialogs obey too. Installed by main and the GUI tests.
void installScreenFit(QApplication &app);

} // namespace pathway::windowGeometry
