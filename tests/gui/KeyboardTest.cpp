// The keyboard in the intake interview, the client window and their dialogs:
// no two Alt+letter shortcuts clash, Tab follows what is seen, and each page
// starts on its first field.

#include "GuiChecks.h"
#include "GuiSupport.h"
#include "TestSupport.h"

#include "intake/DraftListDialog.h"
#include "intake/DuplicateDialog.h"
#include "intake/IntakeWizard.h"
#include "pathway/storage/DraftRepository.h"
#include "pathway/storage/PlanRepository.h"
#include "pathway/storage/PlanService.h"
#include "pathway/storage/UserRepository.h"
#include "workspace/ClientWindow.h"
#include "workspace/PlanTab.h"
#include "workspace/RegenerateDialog.h"
#include "workspace/StepDialog.h"

#include <QAbstractButton>
#include <QApplication>
#include <QLineEdit>
#include <QRadioButton>
#include <QSpinBox>
#include <QTabWidget>
#include <QTableView>

#include <catch2/catch.hpp>

using namespace pathway;

namespace {

// The widgets of `page` that Tab stops at, in the order Tab goes.
QList<QWidget *> tabChain(QWidget *page)
{
    QList<QWidget *> chain;
    for (QWidget *w = page->nextInFocusChain(); w != page; w = w->nextInFocusChain()) {
        if (page->isAncestorOf(w) && (w->focusPolicy() & Qt::TabFocus) && !w->focusProxy() &&
            w->isVisibleTo(page))
            chain << w;
    }
    return chain;
}

QRect placeIn(QWidget *page, QWidget *w)
{
    return QRect(w->mapTo(page, QPoint(0, 0)), w->size());
}

// Where Tab jumps against the reading order (up, or left on the same line):
// "educationComboBox -> skillsLineEdit".
QStringList tabOrderProblems(QWidget *page)
{
    const QList<QWidget *> chain = tabChain(page);
    QStringList problems;
    for (int i = 1; i < chain.size(); ++i) {
        const QRect a = placeIn(page, chain[i - 1]);
        const QRect b = placeIn(page, chain[i]);
        const bool below = b.top() >= a.bottom() - 4;
        const bool sameLine = b.top() < a.bottom() && a.top() < b.bottom();
        const bool right = b.left() > a.left();
        if (!(below || (sameLine && right)))
            problems << chain[i - 1]->objectName() + QStringLiteral(" -> ") +
                            chain[i]->objectName();
    }
    return problems;
}

// The first field of `page` as it is seen: the top one, the left one first.
QWidget *firstSeen(QWidget *page)
{
    QWidget *first = nullptr;
    for (QWidget *w : tabChain(page)) {
        if (!w->isEnabled())
            continue;
        const QRect r = placeIn(page, w);
        if (!first) {
            first = w;
            continue;
        }
        const QRect f = placeIn(page, first);
        if (r.bottom() < f.top() || (r.top() < f.bottom() && r.left() < f.left()))
            first = w;
    }
    return first;
}

struct Fixture : test::ClientFixture
{
    Fixture()
    {
        REQUIRE(
            UserRepository(*db)
                .ensure(QStringLiteral("bnguyen"), QStringLiteral("Binh Nguyen"), Role::Counselor)
                .ok());
    }
};

QString join(const QStringList &list)
{
    return list.join(QStringLiteral("; "));
}

} // namespace

TEST_CASE(
    "Every intake page has its own mnemonics, a tab order as seen and its first field focused")
{
    Fixture f;
    IntakeWizard wizard(*f.db, f.engine);
    wizard.setToday(test::today());
    wizard.show();
    REQUIRE(test::activate(&wizard));
    // A client unlike the stored one, so that Next meets no duplicate.
    QTest::keyClicks(test::child<QLineEdit>(&wizard, "firstNameLineEdit"), QStringLiteral("Ana"));

    for (int id = IntakeWizard::IdentityPageId; id <= IntakeWizard::ReviewPageId; ++id) {
        REQUIRE(wizard.currentId() == id);
        QWidget *page = wizard.currentPage();
        INFO("page " << page->objectName().toStdString());
        // The wizard's own buttons (Back, Next, Finish, Save draft) included.
        CHECK(join(test::mnemonicClashes(&wizard)).isEmpty());
        CHECK(join(tabOrderProblems(page)).isEmpty());
        if (id == IntakeWizard::IndependencePageId) {
            // The choice made has the focus, not the first choice.
            auto *chosen = test::child<QRadioButton>(&wizard, "independentRadioButton");
            CHECK(chosen->isChecked());
            CHECK(QApplication::focusWidget() == chosen);
        } else if (id != IntakeWizard::IdentityPageId && id != IntakeWizard::ReviewPageId) {
            QWidget *first = firstSeen(page);
            REQUIRE(first);
            INFO("focus on " << (QApplication::focusWidget()
                                     ? QApplication::focusWidget()->objectName().toStdString()
                                     : std::string("nothing"))
                             << ", first field " << first->objectName().toStdString());
            CHECK(QApplication::focusWidget() == first);
        }
        if (id == IntakeWizard::ReviewPageId)
            break;
        QTest::keyClick(&wizard, Qt::Key_N, Qt::AltModifier); // Next, a moment later
        REQUIRE(test::eventually([&] { return wizard.currentId() == id + 1; }));
    }

    // Alt+B goes back from every page, the household's included.
    for (int id = IntakeWizard::ReviewPageId; id > IntakeWizard::IdentityPageId; --id) {
        QTest::keyClick(&wizard, Qt::Key_B, Qt::AltModifier);
        REQUIRE(test::eventually([&] { return wizard.currentId() == id - 1; }));
    }
    CHECK(wizard.currentId() == IntakeWizard::IdentityPageId);
}

TEST_CASE("Alt+N on the goals page goes on and Alt+B on the household page goes back")
{
    Fixture f;
    IntakeWizard wizard(*f.db, f.engine);
    wizard.setToday(test::today());
    wizard.show();
    REQUIRE(test::activate(&wizard));
    QTest::keyClicks(test::child<QLineEdit>(&wizard, "firstNameLineEdit"), QStringLiteral("Ana"));
    // A mnemonic clicks its button a moment later (animateClick).
    QTest::keyClick(&wizard, Qt::Key_N, Qt::AltModifier);
    REQUIRE(test::eventually([&] { return wizard.currentId() == IntakeWizard::HouseholdPageId; }));
    QTest::keyClick(&wizard, Qt::Key_B, Qt::AltModifier);
    CHECK(test::eventually([&] { return wizard.currentId() == IntakeWizard::IdentityPageId; }));

    wizard.setCurrentId(IntakeWizard::GoalsPageId);
    REQUIRE(wizard.currentId() == IntakeWizard::GoalsPageId);
    REQUIRE(test::activate(&wizard));
    QTest::keyClick(&wizard, Qt::Key_N, Qt::AltModifier);
    CHECK(test::eventually([&] { return wizard.currentId() == IntakeWizard::ReviewPageId; }));
}

TEST_CASE("The intake's and the client window's dialogs have their own mnemonics")
{
    Fixture f;
    const Plan plan = PlanRepository(*f.db).current(f.clientId).value().value();

    SECTION("step dialog, editing and adding")
    {
        StepDialog edit(plan.steps[0], StepDialog::EditStep);
        edit.show();
        CHECK(join(test::mnemonicClashes(&edit)).isEmpty());
        StepDialog add(PlanStep{}, StepDialog::NewStep);
        add.show();
        CHECK(join(test::mnemonicClashes(&add)).isEmpty());
    }
    SECTION("regenerate dialog")
    {
        auto preview = planning::previewRegeneration(*f.db, f.engine, f.clientId, test::today());
        REQUIRE(preview.ok());
        RegenerateDialog dialog(preview.value());
        dialog.show();
        CHECK(join(test::mnemonicClashes(&dialog)).isEmpty());
    }
    SECTION("duplicate dialog")
    {
        PossibleDuplicate d;
        d.id = f.clientId;
        d.firstName = QStringLiteral("Zoë");
        d.lastName = QStringLiteral("Núñez");
        d.reasons = {QStringLiteral("same email")};
        DuplicateDialog dialog({d});
        dialog.show();
        CHECK(join(test::mnemonicClashes(&dialog)).isEmpty());
    }
    SECTION("drafts dialog")
    {
        IntakeDraft draft;
        draft.label = QStringLiteral("Ana");
        REQUIRE(DraftRepository(*f.db).save(draft).ok());
        DraftListDialog dialog(*f.db);
        dialog.show();
        CHECK(join(test::mnemonicClashes(&dialog)).isEmpty());
    }
    SECTION("closing an interview with unsaved answers")
    {
        IntakeWizard wizard(*f.db, f.engine);
        wizard.show();
        test::typeText(test::child<QLineEdit>(&wizard, "firstNameLineEdit"), QStringLiteral("Ana"));
        QString clashes = QStringLiteral("not asked");
        test::onNextModal([&](QWidget *box) {
            clashes = join(test::mnemonicClashes(box));
            box->findChild<QAbstractButton *>(QStringLiteral("keepPushButton"))->click();
        });
        QTest::keyClick(wizard.button(QWizard::CancelButton), Qt::Key_Space);
        CHECK(clashes.isEmpty());
    }
    SECTION("the client window's tabs")
    {
        ClientWindow window(*f.db, f.engine, f.clientId);
        window.show();
        for (int tab : {int(ClientWindow::PlanTabIndex), int(ClientWindow::NotesTabIndex),
                        int(ClientWindow::ProfileTabIndex)}) {
            window.tabs()->setCurrentIndex(tab);
            INFO("tab " << tab);
            CHECK(join(test::mnemonicClashes(&window)) == QString());
        }
    }
}
