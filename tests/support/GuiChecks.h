#pragma once

// Checks every window and dialog should pass (header only): mnemonics that
// clash, and windows that do not fit the screen.

#include "WindowGeometry.h"

#include <QAbstractButton>
#include <QGroupBox>
#include <QKeySequence>
#include <QLabel>
#include <QMap>
#include <QStringList>
#include <QTabBar>
#include <QWidget>

namespace pathway::test {

// The Alt+letter shortcuts (mnemonics, "&Next") that two or more widgets
// shown in `window` claim at once, as "Alt+N: &Next, &Notes". Looks at
// buttons, labels with a buddy, group box titles and tab titles that are
// visible in the window as it is now (the current wizard page or tab).
inline QStringList mnemonicClashes(QWidget *window)
{
    QMap<QString, QStringList> owners;
    auto note = [&](const QString &text) {
        const QKeySequence key = QKeySequence::mnemonic(text);
        if (!key.isEmpty())
            owners[key.toString(QKeySequence::PortableText)].append(text);
    };
    const auto widgets = window->findChildren<QWidget *>();
    for (QWidget *w : widgets) {
        if (!w->isVisibleTo(window))
            continue;
        if (auto *button = qobject_cast<QAbstractButton *>(w))
            note(button->text());
        else if (auto *label = qobject_cast<QLabel *>(w); label && label->buddy())
            note(label->text());
        else if (auto *box = qobject_cast<QGroupBox *>(w))
            note(box->title());
        else if (auto *tabs = qobject_cast<QTabBar *>(w)) {
            for (int i = 0; i < tabs->count(); ++i) {
                if (tabs->isTabVisible(i))
                    note(tabs->tabText(i));
            }
        }
    }
    QStringList clashes;
    for (auto it = owners.cbegin(); it != owners.cend(); ++it) {
        if (it->size() > 1)
            clashes << QStringLiteral("%1: %2").arg(it.key(), it->join(QStringLiteral(", ")));
    }
    return clashes;
}

// Empty when `window`'s frame lies wholly within the screen's usable area;
// else says where it sticks out.
inline QString offScreen(QWidget *window)
{
    const QRect area = windowGeometry::usableArea(window);
    const QRect frame(window->pos(), window->size() + windowGeometry::frameAllowance(window));
    if (area.contains(frame))
        return {};
    return QStringLiteral("%1 at %2,%3 size %4x%5 is outside the usable area %6x%7")
        .arg(window->objectName())
        .arg(frame.x())
        .arg(frame.y())
        .arg(frame.width())
        .arg(frame.height())
        .arg(area.width())
        .arg(area.height());
}

} // namespace pathway::test
