#pragma once

#include "pathway/core/Result.h"

#include <QUndoCommand>

#include <functional>

namespace pathway {

// One undoable change to a stored plan (Tiled's ChangeValue pattern): a pair
// of storage calls that do and undo it. The change is made at once, before
// the command is pushed; pushing does not redo it a second time. When a call
// fails, `failed` is told (the tab shows the error and re-reads the plan).
class PlanCommand : public QUndoCommand
{
public:
    using Action = std::function<Status()>;
    PlanCommand(const QString &text, Action redo, Action undo,
                std::function<void(const Error &)> failed, std::function<void()> changed);

    void redo() override;
    void undo() override;

private:
    void run(const Action &action);

    Action m_redo;
    Action m_undo;
    std::function<void(const Error &)> m_failed;
    std::function<void()> m_changed;
    bool m_firstRedo = true;
};

} // namespace pathway
