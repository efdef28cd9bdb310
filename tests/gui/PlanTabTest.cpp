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
#include "pathway/storage/UserRepository.h"
#include "workspace/ClientWindow.h"
#include "workspace/PlanTab.h"

#include <QAbstractItemModelTester>
#include <QAction>
#include <QApplication>
#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QMimeData>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSqlQuery>
#include <QStatusBar>
#include <QStyle>
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
        // The same words as on the printed plan and in `plan --format text`.
        CHECK(source == describeSources(plan.steps[row]));
        if (plan.steps[row].sources.isEmpty()) {
            CHECK(source == QStringLiteral("Agency practice"));
            continue;
        }
        // The item of the source text the step follows, not the group the
        // text was written about (the client may not belong to it).
        CHECK(source.startsWith(QStringLiteral("Source text ")));
        CHECK(source.contains(QStringLiteral(", item ")));
        CHECK_FALSE(source.contains(QStringLiteral(".txt")));
        CHECK_FALSE(source.contains(QStringLiteral("advice for")));
        CHECK_FALSE(source.contains(QStringLiteral("people")));
    }
    // A recurring step says so in the Due column.
    for (int row = 0; row < model->rowCount(); ++row) {
        const QModelIndex cell = model->index(row, PlanModel::DueColumn);
        const QString due = model->data(cell).toString();
        const QString tip = model->data(cell, Qt::ToolTipRole).toString();
        const int every = plan.steps[row].repeatEveryWeeks;
        if (every > 0) {
            CHECK(due == QStringLiteral("every %1 weeks").arg(every));
            CHECK(tip == QStringLiteral("every %1 weeks, from %2 to %3")
                             .arg(every)
                             .arg(stepStart(plan.steps[row], plan.startDate).toString(Qt::ISODate),
                                  plan.steps[row].dueDate.toString(Qt::ISODate)));
        } else {
            CHECK(due == plan.steps[row].dueDate.toString(Qt::ISODate));
        }
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
    // The client's counselor: accepting the plan is theirs.
    f.db->setActor(
        Actor::person(UserRepository(*f.db).find(QStringLiteral("agarcia")).value().value()));
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
    // The proposal for the changed profile; a step kept from the plan before
    // keeps its due date (due dates are spread over the whole plan, so the
    // proposal may have moved it).
    const Plan proposed = f.engine.propose(changed, before.startDate);
    REQUIRE(after.steps.size() == proposed.steps.size());
    for (int i = 0; i < proposed.steps.size(); ++i) {
        PlanStep expected = proposed.steps[i];
        for (const PlanStep &old : before.steps) {
            if (old.strategyId == expected.strategyId)
                expected.dueDate = old.dueDate;
        }
        INFO(expected.strategyId.toStdString());
        CHECK(after.steps[i] == expected);
    }
    CHECK(tab->model()->plan().version == 2);
}

TEST_CASE("A supervisor returns a plan with a comment, and the counselor sees it and resubmits")
{
    Fixture f;
    const qint64 planId = f.stored().id;
    UserRepository users(*f.db);
    REQUIRE(users.ensure(QStringLiteral("sreyes"), QStringLiteral("Sofía Reyes"), Role::Supervisor)
                .ok());
    const User supervisor = users.find(QStringLiteral("sreyes")).value().value();
    const User counselor = users.find(QStringLiteral("agarcia")).value().value();
    auto reviewStatus = [&] {
        QSqlQuery q(f.db->connection());
        q.prepare(QStringLiteral("SELECT review_status FROM plans WHERE id = ?"));
        q.addBindValue(planId);
        REQUIRE(q.exec());
        REQUIRE(q.next());
        return q.value(0).toString();
    };

    // A proposal: a supervisor has nothing to review yet.
    f.db->setActor(Actor::person(supervisor));
    {
        ClientWindow window(*f.db, f.engine, f.clientId);
        window.show();
        auto *approve = window.findChild<QPushButton *>(QStringLiteral("approvePlanPushButton"));
        REQUIRE(approve);
        CHECK(approve->isVisible());
        CHECK_FALSE(approve->isEnabled());
    }

    // The counselor accepts the plan: it awaits review.
    f.db->setActor(Actor::person(counselor));
    {
        ClientWindow window(*f.db, f.engine, f.clientId);
        window.show();
        CHECK(window.findChild<QPushButton *>(QStringLiteral("approvePlanPushButton"))->isHidden());
        CHECK(window.findChild<QPushButton *>(QStringLiteral("returnPlanPushButton"))->isHidden());
        QTest::mouseClick(window.findChild<QPushButton *>(QStringLiteral("acceptPlanPushButton")),
                          Qt::LeftButton);
        CHECK(reviewStatus() == QStringLiteral("pending"));
        CHECK(window.findChild<QLabel *>(QStringLiteral("planReviewLabel"))
                  ->text()
                  .contains(QStringLiteral("Awaiting review")));
    }

    // The supervisor returns it: OK waits for a comment.
    const QString comment = QStringLiteral("Add a concrete step for the transport barrier.");
    f.db->setActor(Actor::person(supervisor));
    {
        ClientWindow window(*f.db, f.engine, f.clientId);
        window.show();
        REQUIRE(test::activate(&window));
        auto *returnButton =
            window.findChild<QPushButton *>(QStringLiteral("returnPlanPushButton"));
        REQUIRE(returnButton->isVisible());
        REQUIRE(returnButton->isEnabled());
        bool okWasDisabled = false;
        bool seen = false;
        test::onNextModal(
            [&](QWidget *dialog) {
                auto *text = dialog->findChild<QPlainTextEdit *>(
                    QStringLiteral("reviewCommentPlainTextEdit"));
                auto *ok = dialog->findChild<QPushButton *>(QStringLiteral("okPushButton"));
                okWasDisabled = !ok->isEnabled();
                QTest::keyClicks(text, comment);
                QTest::mouseClick(ok, Qt::LeftButton);
            },
            &seen);
        QTest::mouseClick(returnButton, Qt::LeftButton);
        REQUIRE(seen);
        CHECK(okWasDisabled);
        CHECK(window.findChild<QLabel *>(QStringLiteral("planReviewLabel"))
                  ->text()
                  .contains(QStringLiteral("Returned for changes")));
    }
    CHECK(reviewStatus() == QStringLiteral("returned"));
    {
        QSqlQuery q(f.db->connection());
        q.prepare(QStringLiteral(
            "SELECT decision, comment, reviewer_id FROM plan_reviews WHERE plan_id = ?"));
        q.addBindValue(planId);
        REQUIRE(q.exec());
        REQUIRE(q.next());
        CHECK(q.value(0).toString() == QStringLiteral("returned"));
        CHECK(q.value(1).toString() == comment);
        CHECK(q.value(2).toLongLong() == supervisor.id);
        CHECK_FALSE(q.next());
    }

    // The counselor sees the comment, who returned it, and resubmits.
    f.db->setActor(Actor::person(counselor));
    {
        ClientWindow window(*f.db, f.engine, f.clientId);
        window.show();
        auto *review = window.findChild<QLabel *>(QStringLiteral("planReviewLabel"));
        REQUIRE(review->isVisible());
        CHECK(
            review->text().contains(QStringLiteral("<b>Returned for changes</b> by Sofía Reyes")));
        CHECK(review->text().contains(comment.toHtmlEscaped()));
        CHECK(window.statusBar()->currentMessage().contains(QStringLiteral("returned")));
        auto *accept = window.findChild<QPushButton *>(QStringLiteral("acceptPlanPushButton"));
        CHECK(accept->text() == QStringLiteral("&Accept and resubmit"));
        QTest::mouseClick(accept, Qt::LeftButton);
        CHECK(reviewStatus() == QStringLiteral("pending"));
        // Still in view while the plan awaits review again.
        CHECK(review->text().contains(QStringLiteral("Awaiting review")));
        CHECK(review->text().contains(comment.toHtmlEscaped()));

        // Undo (Ctrl+Z) takes the resubmission back: returned, as before.
        REQUIRE(test::activate(&window));
        QTest::keySequence(&window, QKeySequence::Undo);
        CHECK(reviewStatus() == QStringLiteral("returned"));
        CHECK(accept->text() == QStringLiteral("&Accept and resubmit"));
        CHECK(review->text().contains(QStringLiteral("Returned for changes")));
        QTest::keySequence(&window, QKeySequence::Redo);
        CHECK(reviewStatus() == QStringLiteral("pending"));
    }

    // The supervisor approves from the Review menu, without a comment.
    f.db->setActor(Actor::person(supervisor));
    {
        ClientWindow window(*f.db, f.engine, f.clientId);
        window.show();
        REQUIRE(test::activate(&window));
        test::clickInNextModal(QStringLiteral("okPushButton"));
        auto *approve = window.findChild<QAction *>(QStringLiteral("approvePlanAction"));
        REQUIRE(approve);
        approve->trigger();
        CHECK(window.findChild<QLabel *>(QStringLiteral("planReviewLabel"))
                  ->text()
                  .contains(QStringLiteral("<b>Approved</b> by Sofía Reyes")));
        CHECK(window.statusBar()->currentMessage().startsWith(QStringLiteral("Plan approved")));
    }
    CHECK(reviewStatus() == QStringLiteral("approved"));
    QSqlQuery q(f.db->connection());
    REQUIRE(q.exec(QStringLiteral("SELECT decision FROM plan_reviews ORDER BY id")));
    QStringList decisions;
    while (q.next())
        decisions << q.value(0).toString();
    CHECK(decisions == QStringList({"returned", "approved"}));
}

TEST_CASE("Every step's title and reason read in full without pointing at them")
{
    Fixture f;
    ClientWindow window(*f.db, f.engine, f.clientId);
    window.show();
    REQUIRE(QTest::qWaitForWindowExposed(&window));
    auto *table = window.findChild<QTableView *>(QStringLiteral("planTableView"));
    PlanModel *model = window.planTab()->model();
    REQUIRE(model->rowCount() > 3);
    const int margin =
        table->style()->pixelMetric(QStyle::PM_FocusFrameHMargin, nullptr, table) + 1;
    // As placed on the 1366 x 768 test screen, then as on a 1920 x 1080 one.
    for (const QSize size : {window.size(), QSize(1632, 957)}) {
        window.resize(size);
        for (int i = 0; i < 5; ++i)
            QApplication::processEvents();
        INFO("window " << size.width() << " x " << size.height());
        // The reason has the widest column of the texts.
        CHECK(table->columnWidth(PlanModel::ReasonColumn) >=
              table->columnWidth(PlanModel::StepColumn));
        for (int row = 0; row < model->rowCount(); ++row) {
            for (int column : {int(PlanModel::StepColumn), int(PlanModel::ReasonColumn),
                               int(PlanModel::SourceColumn)}) {
                const QModelIndex index = model->index(row, column);
                const QString text = model->data(index).toString();
                const QRect cell = table->visualRect(index);
                const QRect needed = table->fontMetrics().boundingRect(
                    QRect(0, 0, cell.width() - 2 * margin, 10000), Qt::TextWordWrap, text);
                INFO("row " << row << ", column " << column << ": " << text.toStdString());
                CHECK(needed.width() <= cell.width() - 2 * margin);
                CHECK(needed.height() <= cell.height());
            }
        }
    }
}

TEST_CASE("Adding a step opens without an error, and OK says what is missing")
{
    Fixture f;
    ClientWindow window(*f.db, f.engine, f.clientId);
    window.show();
    REQUIRE(test::activate(&window));
    const int before = f.stored().steps.size();
    bool seen = false;
    bool errorAtOpen = true;
    bool okEnabledAtOpen = false;
    QString afterOk;
    bool focusOnTitle = false;
    test::onNextModal(
        [&](QWidget *dialog) {
            auto *problem = dialog->findChild<QLabel *>(QStringLiteral("stepProblemLabel"));
            auto *ok = dialog->findChild<QPushButton *>(QStringLiteral("okPushButton"));
            auto *title = dialog->findChild<QLineEdit *>(QStringLiteral("stepTitleLineEdit"));
            errorAtOpen = problem->isVisible();
            okEnabledAtOpen = ok->isEnabled();
            QTest::mouseClick(ok, Qt::LeftButton); // nothing typed yet
            afterOk = problem->isVisible() ? problem->text() : QString();
            focusOnTitle = dialog->focusWidget() == title;
            QTest::keyClicks(title, QStringLiteral("Call the training centre"));
            ok->click();
        },
        &seen);
    QTest::mouseClick(window.findChild<QPushButton *>(QStringLiteral("addStepPushButton")),
                      Qt::LeftButton);
    REQUIRE(seen);
    CHECK_FALSE(errorAtOpen);
    CHECK(okEnabledAtOpen);
    CHECK(afterOk == QStringLiteral("The step needs a text."));
    CHECK(focusOnTitle);
    REQUIRE(f.stored().steps.size() == before + 1);
}
