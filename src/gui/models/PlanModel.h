#pragma once

#include "pathway/core/Plan.h"

#include <QAbstractTableModel>

namespace pathway {

// The steps of one plan version, in plan order, for the Plan tab. Rows can
// be dragged to a new place: the model does not move them itself but emits
// moveRequested, so the tab can push an undoable command.
class PlanModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column
    {
        PhaseColumn,
        StepColumn,
        StatusColumn,
        DueColumn,
        ReasonColumn,
        SourceColumn,
        ColumnCount
    };

    explicit PlanModel(QObject *parent = nullptr);

    void setPlan(const Plan &plan);
    const Plan &plan() const { return m_plan; }
    const PlanStep *step(int row) const;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;
    Qt::DropActions supportedDropActions() const override;
    QStringList mimeTypes() const override;
    QMimeData *mimeData(const QModelIndexList &indexes) const override;
    bool canDropMimeData(const QMimeData *data, Qt::DropAction action, int row, int column,
                         const QModelIndex &parent) const override;
    bool dropMimeData(const QMimeData *data, Qt::DropAction action, int row, int column,
                      const QModelIndex &parent) override;

    static QString statusLabel(StepStatus status);
    // When a step is due: its due date, or for a recurring step "every 2
    // weeks, from FIRST to LAST" (core recurrenceText()); the tooltip and
    // details say this, the Due column the short form ("every 2 weeks").
    static QString dueText(const PlanStep &step, const QDate &planStart);

Q_SIGNALS:
    void moveRequested(int from, int to);

private:
    Plan m_plan;
};

} // namespace pathway
