#include "GuiSupport.h"
#include "TestSupport.h"

#include "models/PlanModel.h"
#include "pathway/core/IncomeThresholds.h"
#include "pathway/core/RuleBase.h"
#include "pathway/core/StrategyEngine.h"
#include "pathway/storage/ClientRepository.h"
#include "pathway/storage/Database.h"
#include "pathway/storage/IntakeService.h"
#include "pathway/storage/PlanRepository.h"
#include "workspace/ClientWindow.h"
#include "workspace/PlanTab.h"

#include <QAbstractItemModelTester>
#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QMimeData>
#include <QPushButton>
#include <QTableView>
#include <QTemporaryDir>
#include <QTextBrowser>
#include <QUndoStack>

#include <catch2/catch.hpp>

using namespace pathway;
using test::retype;

namespace {
struct Fixture : test::ClientFixture
{
    Plan stored()
    {
        auto plan = PlanRepository(*db).current(clientId);
        REQUIRE(plan.ok());
        REQUIRE(plan->has_value());
        return *plan.value();
    }
};

QStringList titles(const Plan &plan)
{
    QStringList out;
    for (const PlanStep &s : plan.steps)
        out << s.title;
    return out;
}
} // namespace

TEST_CASE("The plan tab shows the steps with reason and source, grouped by phase")
{
    Fixture f;
    ClientWindow window(*f.db, f.engine, f.clientId);
    window.show();
    PlanModel *model = window.planTab()->model();
    QAbstractItemModelTester tester(model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    const Plan plan = f.stored();
    REQUIRE(model->rowCount() == plan.steps.size());
    CHECK(model->data(model->index(0, PlanModel::PhaseColumn)).toString() ==
          toLabel(plan.steps[0].phase));
    for (int row = 1; row < model->rowCount(); ++row) {
        const QString phase = model->data(model->index(row, PlanModel::PhaseColumn)).toString();
        // The phase is named where a group starts, blank inside it.
        CHECK(phase.isEmpty() == (plan.steps[row].phase == plan.steps[row - 1].phase));
    }
    CHECK(model->data(model->index(0, PlanModel::ReasonColumn)).toString() == plan.steps[0].reason);
    for (int row = 0; row < model->rowCount(); ++row) {
        const QString source = model->data(model->index(row, PlanModel::SourceColumn)).toString();
        if (plan.steps[row].sources.isEmpty())
            continue;
        // The source text is named for a person, with the item number.
        CHECK(source.startsWith(QStringLiteral("advice for ")));
        CHECK(source.contains(QStringLiteral(", item ")));
        CHECK_FALSE(source.contains(QStringLiteral(".txt")));
    }
    auto *details = window.findChild<QTextBrowser *>(QStringLiteral("stepDetailsTextBrowser"));
    REQUIRE(details);
    CHECK(details->toPlainText().contains(plan.steps[0].title));
    CHECK(window.findChild<QLabel *>(QStringLiteral("planHeaderLabel"))
              ->text()
              .contains(QStringLiteral("not accepted")));
}

TEST_CASE("Editing a step is saved at once and undo restores it")
{
    Fixture f;
    ClientWindow window(*f.db, f.engine, f.clientId);
    window.show();
    window.activateWindow();
    REQUIRE(QTest::qWaitForWindowActive(&window));
    PlanTab *tab = window.planTab();
    const Plan before = f.stored();
    auto *table = window.findChild<QTableView *>(QStringLiteral("planTableView"));
    REQUIRE(table);
    tab->selectRow(1);
    table->setFocus();

    bool seen = false;
    test::onNextModal(
        [](QWidget *dialog) {
            auto *title = dialog->findChild<QLineEdit *>(QStringLiteral("stepTitleLineEdit"));
            retype(title, QStringLiteral("Meet the mentor at the library"));
            dialog->findChild<QPushButton *>(QStringLiteral("okPushButton"))->click();
        },
        &seen);
    QTest::keyClick(table, Qt::Key_Return); // opens the step for editing
    REQUIRE(seen);
    CHECK(f.stored().steps[1].title == QStringLiteral("Meet the mentor at the library"));
    CHECK(window.undoStack()->count() == 1);

    REQUIRE(test::activate(&window, table));
    QTest::keyClick(&window, Qt::Key_Z, Qt::ControlModifier);
    CHECK(f.stored().steps == before.steps);
    CHECK(tab->model()->step(1)->title == before.steps[1].title);
    QTest::keyClick(&window, Qt::Key_Z, Qt::ControlModifier | Qt::ShiftModifier);
    CHECK(f.stored().steps[1].title == QStringLiteral("Meet the mentor at the library"));
}

TEST_CASE("A dropped step needs a reason, and statuses, moves, own steps and acceptance undo")
{
    Fixture f;
    ClientWindow window(*f.db, f.engine, f.clientId);
    window.show();
    window.activateWindow();
    REQUIRE(QTest::qWaitForWindowActive(&window));
    PlanTab *tab = window.planTab();
    QUndoStack *undo = window.undoStack();
    const Plan before = f.stored();
    auto *table = window.findChild<QTableView *>(QStringLiteral("planTableView"));
    tab->selectRow(0);
    table->setFocus();

    // Drop step 1: OK stays disabled until a reason is typed.
    bool okWasDisabled = false;
    test::onNextModal([&](QWidget *dialog) {
        auto *status = dialog->findChild<QComboBox *>(QStringLiteral("stepStatusComboBox"));
        auto *ok = dialog->findChild<QPushButton *>(QStringLiteral("okPushButton"));
        status->setCurrentIndex(status->findText(QStringLiteral("Dropped")));
        okWasDisabled = !ok->isEnabled();
        QTest::keyClicks(dialog->findChild<QLineEdit *>(QStringLiteral("stepNoteLineEdit")),
                         QStringLiteral("Has a mentor already"));
        ok->click();
    });
    QTest::keyClick(table, Qt::Key_F2);
    CHECK(okWasDisabled);
    CHECK(f.stored().steps[0].status == StepStatus::Dropped);
    CHECK(f.stored().steps[0].statusNote == QStringLiteral("Has a mentor already"));
    REQUIRE(test::activate(&window, table));

    // Ctrl+Down moves the selected step.
    QTest::keyClick(table, Qt::Key_Down, Qt::ControlModifier);
    CHECK(titles(f.stored())[1] == before.steps[0].title);
    CHECK(tab->selectedRow() == 1);

    // Dragging a row onto another place moves it too.
    PlanModel *model = tab->model();
    std::unique_ptr<QMimeData> drag(model->mimeData({model->index(3, 0)}));
    model->dropMimeData(drag.get(), Qt::MoveAction, 0, 0, {});
    CHECK(titles(f.stored())[0] == before.steps[3].title);

    // A step of the counselor's own, after the selected one.
    tab->selectRow(2);
    REQUIRE(test::activate(&window, table));
    test::onNextModal([](QWidget *dialog) {
        QTest::keyClicks(dialog->findChild<QLineEdit *>(QStringLiteral("stepTitleLineEdit")),
                         QStringLiteral("Visit the job fair on Friday"));
        dialog->findChild<QPushButton *>(QStringLiteral("okPushButton"))->click();
    });
    QTest::keyClick(table, Qt::Key_Insert);
    const Plan withOwn = f.stored();
    REQUIRE(withOwn.steps.size() == before.steps.size() + 1);
    CHECK(withOwn.steps[3].title == QStringLiteral("Visit the job fair on Friday"));
    CHECK(withOwn.steps[3].strategyId.isEmpty());

    // Accept the plan.
    window.findChild<QPushButton *>(QStringLiteral("acceptPlanPushButton"))->click();
    CHECK(PlanRepository(*f.db).info(withOwn.id)->acceptedAt.isValid());

    // Undo everything, newest first: back to the proposal.
    CHECK(undo->count() == 5);
    while (undo->canUndo())
        undo->undo();
    CHECK(f.stored().steps == before.steps);
    CHECK_FALSE(PlanRepository(*f.db).info(withOwn.id)->acceptedAt.isValid());
    while (undo->canRedo())
        undo->redo();
    CHECK(f.stored().steps == withOwn.steps);
    CHECK(PlanRepository(*f.db).info(withOwn.id)->acceptedAt.isValid());
}

TEST_CASE("Regenerating shows what changes before the new version is saved")
{
    Fixture f;
    ClientWindow window(*f.db, f.engine, f.clientId);
    window.show();
    PlanTab *tab = window.planTab();
    const Plan before = f.stored();

    ClientRepository clients(*f.db, IncomeThresholds::builtIn());
    Client changed = clients.get(f.clientId).value();
    changed.barriers.clear();
    changed.employmentStatus = EmploymentStatus::EmployedPartTime;
    changed.weeksUnemployed = 0;
    REQUIRE(clients.update(changed).ok());

    // Keep the current plan: nothing is stored.
    QString shown;
    test::onNextModal([&](QWidget *dialog) {
        shown =
            dialog->findChild<QTextBrowser *>(QStringLiteral("changesTextBrowser"))->toPlainText();
        dialog->findChild<QPushButton *>(QStringLiteral("keepPlanPushButton"))->click();
    });
    tab->regenerate();
    CHECK(shown.contains(QStringLiteral("Added")));
    CHECK(shown.contains(QStringLiteral("Removed")));
    CHECK(shown.contains(QStringLiteral("Kept")));
    CHECK(f.stored().version == 1);

    test::clickInNextModal(QStringLiteral("useNewPlanPushButton"));
    tab->regenerate();
    const Plan after = f.stored();
    CHECK(after.version == 2);
    CHECK(after.steps == f.engine.propose(changed, before.startDate).steps);
    CHECK(tab->model()->plan().version == 2);
}
