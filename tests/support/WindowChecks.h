#pragma once

// Checks of top-level windows beside GuiChecks.h (header only): whether a
// window can fit the smallest screen Pathway is made for with a desktop
// panel on it, and its title as the desktop shows it.

#include "GuiChecks.h"
#include "WindowGeometry.h"

#include <QSize>
#include <QString>
#include <QStringList>
#include <QWidget>

#include <catch2/catch.hpp>

namespace pathway::test {

// A 1366 x 768 screen less a panel of 48 pixels (GNOME's top bar is 32,
// KDE's and Windows' task bars 40 to 48).
inline QSize smallScreenWithPanel()
{
    return {1366, 768 - 48};
}

// Empty when the smallest size `window` can take (its layout's minimum),
// with the window manager's frame, fits smallScreenWithPanel(); else says
// by how much it does not.
inline QString tooLargeForSmallScreen(QWidget *window)
{
    const QSize least = window->minimumSizeHint().expandedTo(window->minimumSize());
    const QSize outer = least + windowGeometry::frameAllowance(window);
    const QSize room = smallScreenWithPanel();
    if (outer.width() <= room.width() && outer.height() <= room.height())
        return {};
    return QStringLiteral("%1 needs at least %2x%3 with its frame; a 1366x768 screen with a "
                          "panel has %4x%5")
        .arg(window->objectName())
        .arg(outer.width())
        .arg(outer.height())
        .arg(room.width())
        .arg(room.height());
}

// The title as the desktop shows it: Qt adds " — " and the application's
// display name, "Pathway" (set by main), unless the title ends with it.
inline QString shownTitle(const QWidget *window)
{
    const QString name = QStringLiteral("Pathway");
    const QString title = window->windowTitle();
    return title.endsWith(name) ? title
                                : (title.isEmpty() ? name : title + QStringLiteral(" — ") + name);
}

// Empty when the shown title names Pathway once; else the shown title.
inline QString titleRepeatsPathway(const QWidget *window)
{
    const QString shown = shownTitle(window);
    return shown.count(QStringLiteral("Pathway")) == 1 ? QString() : shown;
}

// What is wrong with a shown window, as lines: it sticks out of the screen,
// cannot fit a small screen with a panel, has clashing mnemonics, or repeats
// Pathway in its title. Empty when nothing is.
inline QStringList windowProblems(QWidget *window)
{
    QStringList problems;
    if (const QString off = offScreen(window); !off.isEmpty())
        problems << off;
    if (const QString large = tooLargeForSmallScreen(window); !large.isEmpty())
        problems << large;
    for (const QString &clash : mnemonicClashes(window))
        problems << window->objectName() + QStringLiteral(" mnemonics ") + clash;
    if (const QString title = titleRepeatsPathway(window); !title.isEmpty())
        problems << QStringLiteral("title \"%1\"").arg(title);
    return problems;
}

} // namespace pathway::test

// Checks a shown window with windowProblems(), saying each problem.
#define CHECK_WINDOW_FITS(window)                                                                  \
    do {                                                                                           \
        const QStringList problems_ = pathway::test::windowProblems(window);                       \
        INFO(problems_.join(QStringLiteral("; ")).toStdString());                                  \
        CHECK(problems_.isEmpty());                                                                \
    } while (false)
