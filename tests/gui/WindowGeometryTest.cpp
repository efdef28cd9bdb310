#include "GuiChecks.h"
#include "GuiSupport.h"
#include "TestSupport.h"

#include "WindowGeometry.h"

#include <QDialog>
#include <QMainWindow>
#include <QScreen>
#include <QSettings>

#include <catch2/catch.hpp>

using namespace pathway;

TEST_CASE("The GUI tests run on a 1366 x 768 screen")
{
    const QScreen *screen = QGuiApplication::primaryScreen();
    REQUIRE(screen);
    CHECK(screen->geometry().size() == QSize(1366, 768));
}

TEST_CASE("A large window takes its share of the screen, within it, centred")
{
    QMainWindow window;
    window.setObjectName(QStringLiteral("largeWindow"));
    windowGeometry::place(&window, QByteArray(), QSizeF(0.9, 0.9), QSize(1000, 560));
    const QRect area = windowGeometry::usableArea(&window);
    CHECK(window.width() == qRound(area.width() * 0.9));
    CHECK(window.height() == qRound(area.height() * 0.9));
    CHECK(test::offScreen(&window).isEmpty());
    window.show();
    REQUIRE(QTest::qWaitForWindowExposed(&window));
    CHECK(test::offScreen(&window).isEmpty());
    // Centred: as much room left as right (within the frame allowance used
    // before the real frame was known).
    const QRect frame = window.frameGeometry();
    CHECK(qAbs((frame.left() - area.left()) - (area.right() - frame.right())) <= 8);
}

TEST_CASE("A minimum larger than the screen gives way to the screen")
{
    QMainWindow window;
    window.setObjectName(QStringLiteral("hugeWindow"));
    windowGeometry::place(&window, QByteArray(), QSizeF(0.5, 0.5), QSize(3000, 2000));
    CHECK(test::offScreen(&window).isEmpty());
    CHECK(window.width() <= 1366);
    CHECK(window.height() <= 768);
}

TEST_CASE("Saved geometry from a larger screen is brought back onto this one")
{
    QByteArray saved;
    {
        QMainWindow big;
        big.setGeometry(600, 400, 1800, 1000); // as on a 1920 x 1080 screen
        saved = big.saveGeometry();
    }
    QMainWindow window;
    window.setObjectName(QStringLiteral("restoredWindow"));
    windowGeometry::place(&window, saved, QSizeF(0.9, 0.9));
    window.show();
    REQUIRE(QTest::qWaitForWindowExposed(&window));
    CHECK(test::offScreen(&window).isEmpty());
}

TEST_CASE("Every window shown is made to fit the screen, also dialogs sized by hand")
{
    QDialog dialog;
    dialog.setObjectName(QStringLiteral("tallDialog"));
    dialog.resize(900, 1400);
    dialog.move(700, 300);
    dialog.show();
    REQUIRE(QTest::qWaitForWindowExposed(&dialog));
    CHECK(test::offScreen(&dialog).isEmpty());
    CHECK(dialog.height() < 768);
}
