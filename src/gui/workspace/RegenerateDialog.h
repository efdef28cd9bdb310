#pragma once

#include "pathway/core/PlanRegeneration.h"

#include <QDialog>

namespace pathway {

// Shows what regenerating the plan changes (steps added, removed, kept)
// before the counselor accepts the new version.
class RegenerateDialog : public QDialog
{
    Q_OBJECT
public:
    RegenerateDialog(const planning::Regeneration &changes, QWidget *parent = nullptr);
};

} // namespace pathway
