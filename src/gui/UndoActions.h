#pragma once

#include <QAction>
#include <QKeySequence>
#include <QMenu>

#include <utility>

namespace pathway {

// Adds Undo and Redo for `source` (a QUndoStack or QUndoGroup) to `menu`,
// with the platform's shortcuts and both common redo keys (Ctrl+Shift+Z and
// Ctrl+Y) whatever the platform. The actions are named undoAction and
// redoAction for tests. Returns them, for a toolbar.
template <typename UndoSource>
std::pair<QAction *, QAction *> addUndoRedoActions(QMenu *menu, QObject *parent, UndoSource *source)
{
    QAction *undo = source->createUndoAction(parent, QObject::tr("&Undo"));
    undo->setObjectName(QStringLiteral("undoAction"));
    undo->setShortcut(QKeySequence::Undo);
    QAction *redo = source->createRedoAction(parent, QObject::tr("&Redo"));
    redo->setObjectName(QStringLiteral("redoAction"));
    QList<QKeySequence> redoKeys = QKeySequence::keyBindings(QKeySequence::Redo);
    for (const QKeySequence &keys :
         {QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_Z), QKeySequence(Qt::CTRL | Qt::Key_Y)}) {
        if (!redoKeys.contains(keys))
            redoKeys.append(keys);
    }
    redo->setShortcuts(redoKeys);
    menu->addAction(undo);
    menu->addAction(redo);
    return {undo, redo};
}

} // namespace pathway
