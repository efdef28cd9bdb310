#include "GuiChecks.h"
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
#include "pathway/storage/PlanService.h"
#include "workspace/ClientWindow.h"
#include "workspace/NotesTab.h"
#include "workspace/ProfileTab.h"
#include "workspace/RegenerateDialog.h"
#include "workspace/StepDialog.h"

#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QScrollArea>
#include <QSpinBox>
#include <QSqlQuery>
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

namespace {
// A screen of 1366 x 768 with a panel (40 pixels, as GNOME's and Xfce's) takes.
constexpr int kPanel = 40;

// Empty when `window`'s smallest size, with its frame, fits a 1366 x 768
// screen that has a panel; else what does not fit.
QString tooLargeForSmallScreen(QWidget *window)
{
    const QSize least = window->minimumSizeHint().expandedTo(window->minimumSize()) +
                        windowGeometry::frameAllowance(window);
    if (least.width() <= 1366 && least.height() <= 768 - kPanel)
        return {};
    return QStringLiteral("%1 needs at least %2 x %3")
        .arg(window->objectName())
        .arg(least.width())
        .arg(least.height());
}

void settle()
{
    for (int i = 0; i < 5; ++i)
        QApplication::processEvents();
}
} // namespace

TEST_CASE("The client window and its dialogs fit a 1366 x 768 screen with a panel")
{
    Fixture f;
    ClientWindow window(*f.db, f.engine, f.clientId);
    window.show();
    REQUIRE(QTest::qWaitForWindowExposed(&window));
    for (int tab : {int(ClientWindow::PlanTabIndex), int(ClientWindow::ProfileTabIndex),
                    int(ClientWindow::NotesTabIndex)}) {
        window.tabs()->setCurrentIndex(tab);
        settle();
        INFO("tab " << tab);
        CHECK(test::offScreen(&window).isEmpty());
        CHECK(tooLargeForSmallScreen(&window).isEmpty());
    }

    const Plan plan = PlanRepository(*f.db).current(f.clientId).value().value();
    StepDialog edit(plan.steps[0], StepDialog::EditStep, &window);
    StepDialog add(PlanStep{}, StepDialog::NewStep, &window);
    auto preview = planning::previewRegeneration(*f.db, f.engine, f.clientId, test::today());
    REQUIRE(preview.ok());
    RegenerateDialog regenerate(preview.value(), &window);
    for (QDialog *dialog : std::initializer_list<QDialog *>{&edit, &add, &regenerate}) {
        dialog->show();
        REQUIRE(QTest::qWaitForWindowExposed(dialog));
        INFO(dialog->objectName().toStdString());
        CHECK(test::offScreen(dialog).isEmpty());
        CHECK(tooLargeForSmallScreen(dialog).isEmpty());
        dialog->hide();
    }
}

TEST_CASE("The client window uses a large screen's room")
{
    Fixture f;
    ClientWindow window(*f.db, f.engine, f.clientId);
    window.show();
    REQUIRE(QTest::qWaitForWindowExposed(&window));
    // On the 1366-wide test screen the profile's sections take two columns
    // that fill the width.
    window.tabs()->setCurrentIndex(ClientWindow::ProfileTabIndex);
    auto *scroll = window.findChild<QScrollArea *>(QStringLiteral("profileScrollArea"));
    REQUIRE(scroll);
    const QWidget *content = scroll->widget();
    CHECK(test::eventually([&] { return window.profileTab()->sectionColumns() == 2; }));
    CHECK(content->width() >= scroll->viewport()->width() - 2);

    // As the window opens on a 1920 x 1080 screen: three columns, and the
    // whole profile in view.
    window.resize(qRound(1920 * 0.85), qRound((1080 - kPanel) * 0.92));
    CHECK(test::eventually([&] { return window.profileTab()->sectionColumns() == 3; }));
    CHECK(content->width() >= scroll->viewport()->width() - 2);
    INFO("content " << content->height() << " in " << scroll->viewport()->height());
    CHECK(content->height() <= scroll->viewport()->height());
}

TEST_CASE("The client window names the client by name and number, and people by their names")
{
    Fixture f;
    {
        QSqlQuery q(f.db->connection());
        REQUIRE(q.exec(QStringLiteral(
            "UPDATE users SET display_name = 'Ana García' WHERE username = 'agarcia'")));
    }
    CaseNote note{0, f.clientId, QStringLiteral("agarcia"), QStringLiteral("Called."), {}};
    REQUIRE(NoteRepository(*f.db).add(note).ok());
    ClientWindow window(*f.db, f.engine, f.clientId);
    window.show();
    // The window system adds " — Pathway" (the application's display name).
    CHECK_FALSE(window.windowTitle().contains(QStringLiteral("Pathway")));
    CHECK(window.windowTitle() ==
          QStringLiteral("Zoë Ñúñez-Łukasiewicz (client no. %1)").arg(f.clientId));
    // The number the audit trail's record filter takes, in view.
    auto *number = window.findChild<QLabel *>(QStringLiteral("clientIdLabel"));
    REQUIRE(number);
    CHECK(number->isVisible());
    CHECK(number->text() == QStringLiteral("Client no. %1").arg(f.clientId));

    window.tabs()->setCurrentIndex(ClientWindow::NotesTabIndex);
    auto *notes = window.findChild<QListWidget *>(QStringLiteral("notesListWidget"));
    REQUIRE(notes->count() == 1);
    CHECK(notes->item(0)->text().contains(QStringLiteral(" · Ana García\n")));
    CHECK_FALSE(notes->item(0)->text().contains(QStringLiteral("agarcia")));

    window.tabs()->setCurrentIndex(ClientWindow::ProfileTabIndex);
    auto *counselor = window.findChild<QComboBox *>(QStringLiteral("counselorComboBox"));
    REQUIRE(counselor);
    CHECK(counselor->currentText() == QStringLiteral("Ana García"));
    CHECK(counselor->currentData().toString() == QStringLiteral("agarcia"));
}
