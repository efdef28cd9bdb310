#include "workspace/PlanCommand.h"

namespace pathway {

PlanCommand::PlanCommand(const QString &text, Action redo, Action undo,
                         std::function<void(const Error &)> failed, std::function<void()> changed)
    : QUndoCommand(text), m_redo(std::move(redo)), m_undo(std::move(undo)),
      m_failed(std::move(failed)), m_changed(std::move(changed))
{}

void PlanCommand::run(const Action &action)
{
    const Status done = action();
    if (!done)
        m_failed(done.error());
    m_changed();
}

void PlanCommand::redo()
{
    if (m_firstRedo) {
        m_firstRedo = false; // done before the push
        return;
    }
    run(m_redo);
}

void PlanCommand::undo()
{
    run(m_undo);
}

} // namespace pathway
