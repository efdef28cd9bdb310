#include "GuiSupport.h"
#include "TestSupport.h"

#include "pathway/core/IncomeThresholds.h"
#include "pathway/core/RuleBase.h"
#include "pathway/core/StrategyEngine.h"
#include "pathway/storage/ClientRepository.h"
#include "pathway/storage/Database.h"
#include "pathway/storage/IntakeService.h"
#include "pathway/storage/NoteRepository.h"
#include "pathway/storage/PlanRepository.h"
#include "workspace/ClientWindow.h"
#include "workspace/NotesTab.h"
#include "workspace/ProfileTab.h"

#include <QCheckBox>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QTabWidget>
#include <QTemporaryDir>

#include <catch2/catch.hpp>

using namespace pathway;
using test::retype;

namespace {
using Fixture = test::ClientFixture;
} // namespace

TEST_CASE("The profile tab edits with the same checks and offers to regenerate the plan")
{
    Fixture f;
    ClientWindow window(*f.db, f.engine, f.clientId);
    window.profileTab()->setToday(test::today());
    window.show();
    REQUIRE(QTest::qWaitForWindowExposed(&window));
    window.tabs()->setCurrentIndex(ClientWindow::ProfileTabIndex);
    auto *save = window.findChild<QPushButton *>(QStringLiteral("saveProfilePushButton"));
    REQUIRE(save);
    CHECK_FALSE(save->isEnabled()); // nothing changed yet

    auto *email = window.findChild<QLineEdit *>(QStringLiteral("emailLineEdit"));
    retype(email, QStringLiteral("zoe@"));
    CHECK_FALSE(save->isEnabled());
    CHECK(window.findChild<QLabel *>(QStringLiteral("profileProblemsLabel"))
              ->text()
              .contains(QStringLiteral("Email is not an email address")));
    retype(email, QStringLiteral("zoe@example.org"));
    CHECK(save->isEnabled());

    // A change that does not touch the plan: saved, no question.
    save->click();
    ClientRepository clients(*f.db, IncomeThresholds::builtIn());
    CHECK(clients.get(f.clientId)->email == QStringLiteral("zoe@example.org"));

    // Weeks unemployed do: the counselor is asked; "Not now" keeps the plan.
    retype(window.findChild<QSpinBox *>(QStringLiteral("weeksUnemployedSpinBox")),
           QStringLiteral("10"));
    bool asked = false;
    test::clickInNextModal(QStringLiteral("notNowPushButton"), &asked);
    save->click();
    CHECK(asked);
    CHECK(clients.get(f.clientId)->weeksUnemployed == 10);
    CHECK(PlanRepository(*f.db).versions(f.clientId)->size() == 1);
}

TEST_CASE("Case notes are added from the keyboard and listed newest first")
{
    Fixture f;
    ClientWindow window(*f.db, f.engine, f.clientId);
    window.show();
    REQUIRE(QTest::qWaitForWindowExposed(&window));
    window.tabs()->setCurrentIndex(ClientWindow::NotesTabIndex);
    auto *edit = window.findChild<QPlainTextEdit *>(QStringLiteral("noteEditPlainTextEdit"));
    REQUIRE(edit);
    edit->setFocus();
    QTest::keyClicks(edit, QStringLiteral("Called; CV sent to two employers."));
    QTest::keyClick(edit, Qt::Key_Return, Qt::ControlModifier);
    QTest::keyClicks(edit, QStringLiteral("Interview on Monday."));
    window.findChild<QPushButton *>(QStringLiteral("addNotePushButton"))->click();

    auto notes = NoteRepository(*f.db).list(f.clientId);
    REQUIRE(notes.ok());
    REQUIRE(notes->size() == 2);
    CHECK(notes->at(1).body == QStringLiteral("Called; CV sent to two employers."));
    CHECK(notes->at(0).author == QStringLiteral("agarcia")); // the client's counselor
    auto *list = window.findChild<QListWidget *>(QStringLiteral("notesListWidget"));
    REQUIRE(list->count() == 2);
    CHECK(list->item(0)->text().contains(QStringLiteral("Interview on Monday.")));
    CHECK(edit->toPlainText().isEmpty());
}

TEST_CASE("A profile change that affects the plan leads to the regenerated plan")
{
    Fixture f;
    ClientWindow window(*f.db, f.engine, f.clientId);
    window.profileTab()->setToday(test::today());
    window.show();
    window.tabs()->setCurrentIndex(ClientWindow::ProfileTabIndex);
    // Stigma is no longer a barrier.
    QTest::keyClick(window.findChild<QCheckBox *>(QStringLiteral("stigmaCheckBox")), Qt::Key_Space);
    bool preview = false;
    test::onNextModal([&](QWidget *question) {
        test::clickInNextModal(QStringLiteral("useNewPlanPushButton"), &preview);
        question->findChild<QAbstractButton *>(QStringLiteral("seeChangesPushButton"))->click();
    });
    window.findChild<QPushButton *>(QStringLiteral("saveProfilePushButton"))->click();
    CHECK(preview);
    CHECK(window.tabs()->currentIndex() == ClientWindow::PlanTabIndex);
    auto versions = PlanRepository(*f.db).versions(f.clientId);
    REQUIRE(versions.ok());
    CHECK(versions->size() == 2);
    ClientRepository clients(*f.db, IncomeThresholds::builtIn());
    CHECK(clients.get(f.clientId)->barrier(BarrierCode::Stigma) == nullptr);
}
