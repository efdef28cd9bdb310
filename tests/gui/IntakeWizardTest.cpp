#include "GuiChecks.h"
#include "GuiSupport.h"
#include "StorageSupport.h"
#include "TestSupport.h"

#include "intake/DraftListDialog.h"
#include "intake/DuplicateDialog.h"
#include "intake/IntakeWizard.h"
#include "pathway/core/IncomeThresholds.h"
#include "pathway/core/RuleBase.h"
#include "pathway/core/StrategyEngine.h"
#include "pathway/storage/ClientRepository.h"
#include "pathway/storage/Database.h"
#include "pathway/storage/DraftRepository.h"
#include "pathway/storage/PlanRepository.h"
#include "pathway/storage/UserRepository.h"

#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QDialog>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTextBrowser>
#include <QTimer>

#include <catch2/catch.hpp>

using namespace pathway;
using test::retype;
using test::typeText;

namespace {
struct Fixture
{
    QTemporaryDir dir;
    std::unique_ptr<Database> db;
    StrategyEngine engine{RuleBase::builtIn(), IncomeThresholds::builtIn()};
    Fixture()
    {
        auto opened = test::openAsSystem(dir.filePath(QStringLiteral("w.sqlite")));
        REQUIRE(opened.ok());
        db = std::move(opened.value());
        // The counselors an intake may assign a client to.
        UserRepository users(*db);
        REQUIRE(
            users.ensure(QStringLiteral("agarcia"), QStringLiteral("Ana García"), Role::Counselor)
                .ok());
        REQUIRE(
            users.ensure(QStringLiteral("bnguyen"), QStringLiteral("Binh Nguyen"), Role::Counselor)
                .ok());
    }
};

using test::child;

// While it lives, notes and closes (Go back, Keep, Cancel: reject) every
// modal dialog that opens: for checking that none is asked.
struct ModalWatch
{
    QStringList seen;
    QTimer timer;
    ModalWatch()
    {
        QObject::connect(&timer, &QTimer::timeout, &timer, [this] {
            if (auto *dialog = qobject_cast<QDialog *>(QApplication::activeModalWidget())) {
                seen << dialog->objectName();
                dialog->reject();
            }
        });
        timer.start(10);
    }
};

// Presses the wizard's button from the keyboard (focus it, Space).
void press(QWizard &wizard, QWizard::WizardButton which)
{
    QAbstractButton *button = wizard.button(which);
    REQUIRE(button->isVisible());
    REQUIRE(button->isEnabled());
    QTest::keyClick(button, Qt::Key_Space);
}

void typeIdentity(IntakeWizard &w, const QString &email)
{
    auto *first = child<QLineEdit>(&w, "firstNameLineEdit");
    first->setFocus();
    typeText(first, QStringLiteral("Zoë"));
    typeText(child<QLineEdit>(&w, "lastNameLineEdit"), QStringLiteral("Núñez"));
    QTest::keyClicks(child<QLineEdit>(&w, "dateOfBirthLineEdit"), QStringLiteral("1980-05-17"));
    QTest::keyClicks(child<QLineEdit>(&w, "emailLineEdit"), email);
    QTest::keyClicks(child<QLineEdit>(&w, "phoneLineEdit"), QStringLiteral("+1 555 0100 33"));
    QTest::keyClicks(child<QPlainTextEdit>(&w, "addressPlainTextEdit"),
                     QStringLiteral("12 Elm Street"));
    // Chosen from the keyboard: the counselor's display name starts "Ana".
    auto *counselor = child<QComboBox>(&w, "counselorComboBox");
    counselor->setFocus();
    QTest::keyClicks(counselor, QStringLiteral("Ana"));
    REQUIRE(counselor->currentData().toString() == QStringLiteral("agarcia"));
}

// The sample client as this test types it: the same profile, other contact details.
Client expectedClient()
{
    Client c = test::sampleClient();
    c.lastName = QStringLiteral("Núñez");
    c.email = QStringLiteral("zoe@example.org");
    c.phone = QStringLiteral("+1 555 0100 33");
    c.address = QStringLiteral("12 Elm Street");
    return c;
}

// Types every page after identity and arrives on the review page.
void typeTheRest(IntakeWizard &w)
{
    REQUIRE(w.currentId() == IntakeWizard::HouseholdPageId);
    retype(child<QSpinBox>(&w, "householdSizeSpinBox"), QStringLiteral("3"));
    retype(child<QSpinBox>(&w, "incomeSpinBox"), QStringLiteral("52000"));
    CHECK(
        child<QLabel>(&w, "derivedBracketLabel")->text().contains(QStringLiteral("Lower middle")));
    press(w, QWizard::NextButton);

    REQUIRE(w.currentId() == IntakeWizard::EmploymentPageId);
    auto *status = child<QComboBox>(&w, "employmentStatusComboBox");
    CHECK(status->currentText() == QStringLiteral("Unemployed"));
    retype(child<QSpinBox>(&w, "weeksUnemployedSpinBox"), QStringLiteral("40"));
    CHECK_FALSE(child<QLabel>(&w, "longTermLabel")->text().isEmpty());
    press(w, QWizard::NextButton);

    REQUIRE(w.currentId() == IntakeWizard::IndependencePageId);
    QTest::keyClick(child<QRadioButton>(&w, "ultraIndependentRadioButton"), Qt::Key_Space);
    press(w, QWizard::NextButton);

    REQUIRE(w.currentId() == IntakeWizard::BarriersPageId);
    QTest::keyClick(child<QCheckBox>(&w, "stigmaCheckBox"), Qt::Key_Space);
    QTest::keyClick(child<QComboBox>(&w, "stigmaSeverityComboBox"), Qt::Key_Down); // severe
    QTest::keyClicks(child<QLineEdit>(&w, "stigmaNoteLineEdit"),
                     QStringLiteral("Avoids telling friends"));
    QTest::keyClick(child<QCheckBox>(&w, "financesCheckBox"), Qt::Key_Space);
    press(w, QWizard::NextButton);

    REQUIRE(w.currentId() == IntakeWizard::GoalsPageId);
    QTest::keyClick(child<QCheckBox>(&w, "employmentGoalCheckBox"), Qt::Key_Space);
    QTest::keyClick(child<QCheckBox>(&w, "careerChangeGoalCheckBox"), Qt::Key_Space);
    QTest::keyClicks(child<QLineEdit>(&w, "skillsLineEdit"), QStringLiteral("bookkeeping, Excel"));
    QTest::keyClicks(child<QLineEdit>(&w, "interestsLineEdit"), QStringLiteral("gardening"));
    auto *education = child<QComboBox>(&w, "educationComboBox");
    while (education->currentText() != QStringLiteral("Bachelor's degree") &&
           education->currentIndex() < education->count() - 1)
        QTest::keyClick(education, Qt::Key_Down);
    press(w, QWizard::NextButton);
    REQUIRE(w.currentId() == IntakeWizard::ReviewPageId);
}
} // namespace

TEST_CASE("A complete intake typed from the keyboard stores exactly the client and its plan")
{
    Fixture f;
    IntakeWizard wizard(*f.db, f.engine);
    wizard.setToday(test::today());
    wizard.show();
    REQUIRE(QTest::qWaitForWindowExposed(&wizard));
    QSignalSpy created(&wizard, &IntakeWizard::clientCreated);

    typeIdentity(wizard, QStringLiteral("zoe@example.org"));
    press(wizard, QWizard::NextButton);
    typeTheRest(wizard);
    INFO(wizard.problems().join(QLatin1Char('\n')).toStdString());
    CHECK(wizard.problems().isEmpty());
    CHECK(child<QLabel>(&wizard, "reviewProblemsLabel")->text().contains(QStringLiteral("Finish")));
    CHECK(test::countRows(*f.db, QStringLiteral("clients")) == 0); // nothing saved before Finish
    press(wizard, QWizard::FinishButton);

    REQUIRE(created.count() == 1);
    const qint64 id = created.at(0).at(0).toLongLong();
    CHECK(wizard.createdClientId() == id);
    CHECK(test::countRows(*f.db, QStringLiteral("clients")) == 1);
    ClientRepository clients(*f.db, IncomeThresholds::builtIn());
    Client expected = expectedClient();
    expected.id = id;
    auto stored = clients.get(id);
    REQUIRE(stored.ok());
    CHECK(stored.value() == expected);

    CHECK(test::countRows(*f.db, QStringLiteral("plans")) == 1);
    PlanRepository plans(*f.db);
    auto plan = plans.current(id);
    REQUIRE(plan.ok());
    REQUIRE(plan->has_value());
    CHECK(plan.value()->version == 1);
    CHECK(plan.value()->startDate == test::today());
    const Plan proposed = f.engine.propose(expected, test::today());
    CHECK(plan.value()->steps == proposed.steps);
    CHECK(test::countRows(*f.db, QStringLiteral("plan_steps")) == proposed.steps.size());
    CHECK(test::countRows(*f.db, QStringLiteral("intake_drafts")) == 0);
}

TEST_CASE("A bad entry is named beside the field and on the review page, and blocks Finish")
{
    Fixture f;
    IntakeWizard wizard(*f.db, f.engine);
    wizard.setToday(test::today());
    wizard.show();
    REQUIRE(QTest::qWaitForWindowExposed(&wizard));

    typeIdentity(wizard, QStringLiteral("zoe@example"));
    auto *emailError = child<QLabel>(&wizard, "emailErrorLabel");
    CHECK(emailError->isVisible());
    CHECK(emailError->text().startsWith(QStringLiteral("Email is not an email address")));
    CHECK_FALSE(child<QLabel>(&wizard, "firstNameErrorLabel")->isVisible());
    press(wizard, QWizard::NextButton);
    typeTheRest(wizard);

    CHECK_FALSE(wizard.button(QWizard::FinishButton)->isEnabled());
    auto *problemList = child<QListWidget>(&wizard, "reviewProblemsListWidget");
    REQUIRE(problemList->count() == 1);
    CHECK(problemList->item(0)->text().startsWith(QStringLiteral("Email is not an email address")));
    CHECK(wizard.problems() ==
          QStringList{QStringLiteral("Email is not an email address (expected name@example.org)")});

    // Fix it: back to the first page, correct, return to review; Finish works.
    wizard.setCurrentId(IntakeWizard::IdentityPageId);
    QTest::keyClicks(child<QLineEdit>(&wizard, "emailLineEdit"), QStringLiteral(".org"));
    CHECK_FALSE(emailError->isVisible());
    wizard.setCurrentId(IntakeWizard::ReviewPageId);
    CHECK(wizard.button(QWizard::FinishButton)->isEnabled());
    CHECK(test::countRows(*f.db, QStringLiteral("clients")) == 0);
}

TEST_CASE("An override of the bracket needs a reason")
{
    Fixture f;
    IntakeWizard wizard(*f.db, f.engine);
    wizard.setToday(test::today());
    wizard.show();
    typeIdentity(wizard, QStringLiteral("zoe@example.org"));
    press(wizard, QWizard::NextButton);
    QTest::keyClick(child<QCheckBox>(&wizard, "bracketOverrideCheckBox"), Qt::Key_Space);
    auto *reasonError = child<QLabel>(&wizard, "bracketReasonErrorLabel");
    CHECK(reasonError->isVisible());
    CHECK(reasonError->text().contains(QStringLiteral("Reason for the override is required")));
    QTest::keyClicks(child<QLineEdit>(&wizard, "bracketReasonLineEdit"),
                     QStringLiteral("Medical debts"));
    CHECK_FALSE(reasonError->isVisible());
    CHECK(wizard.client().incomeBracketOverride == IncomeBracket::Low);
}

TEST_CASE("Possible duplicates are shown before a new client is made")
{
    Fixture f;
    ClientRepository clients(*f.db, IncomeThresholds::builtIn());
    const qint64 existing = clients.add(test::sampleClient()).value(); // zoe.nunez@example.org

    IntakeWizard wizard(*f.db, f.engine);
    wizard.setToday(test::today());
    wizard.show();
    REQUIRE(QTest::qWaitForWindowExposed(&wizard));
    typeIdentity(wizard, QStringLiteral("Zoe.Nunez@example.org"));

    // Go back: the interview stays on the first page.
    bool seen = false;
    QString listed;
    test::onNextModal(
        [&](QWidget *dialog) {
            CHECK(dialog->objectName() == QStringLiteral("duplicateDialog"));
            auto *table =
                dialog->findChild<QTableWidget *>(QStringLiteral("duplicatesTableWidget"));
            if (table && table->rowCount() == 1)
                listed = table->item(0, 0)->text() + QLatin1Char('|') + table->item(0, 5)->text();
            dialog->findChild<QAbstractButton *>(QStringLiteral("goBackPushButton"))->click();
        },
        &seen);
    press(wizard, QWizard::NextButton);
    CHECK(seen);
    CHECK(listed == QStringLiteral("Ñúñez-Łukasiewicz, Zoë|same email"));
    CHECK(wizard.currentId() == IntakeWizard::IdentityPageId);

    // Open the existing client instead: the interview closes, nothing is stored.
    QSignalSpy open(&wizard, &IntakeWizard::openClientRequested);
    seen = false;
    test::clickInNextModal(QStringLiteral("openExistingPushButton"), &seen);
    press(wizard, QWizard::NextButton);
    CHECK(seen);
    REQUIRE(open.count() == 1);
    CHECK(open.at(0).at(0).toLongLong() == existing);
    CHECK_FALSE(wizard.isVisible());
    CHECK(test::countRows(*f.db, QStringLiteral("clients")) == 1);

    // Or go on as a new client: asked once, not again at Finish.
    IntakeWizard again(*f.db, f.engine);
    again.setToday(test::today());
    again.show();
    typeIdentity(again, QStringLiteral("zoe.nunez@example.org"));
    seen = false;
    test::clickInNextModal(QStringLiteral("createNewPushButton"), &seen);
    press(again, QWizard::NextButton);
    CHECK(seen);
    typeTheRest(again);
    QSignalSpy created(&again, &IntakeWizard::clientCreated);
    press(again, QWizard::FinishButton);
    CHECK(created.count() == 1);
    CHECK(test::countRows(*f.db, QStringLiteral("clients")) == 2);
}

TEST_CASE("A draft survives closing and reopening the interview")
{
    Fixture f;
    qint64 draftId = 0;
    {
        IntakeWizard wizard(*f.db, f.engine);
        wizard.setToday(test::today());
        wizard.show();
        REQUIRE(QTest::qWaitForWindowExposed(&wizard));
        typeIdentity(wizard, QStringLiteral("zoe@example.org"));
        press(wizard, QWizard::NextButton);
        retype(child<QSpinBox>(&wizard, "incomeSpinBox"), QStringLiteral("52000"));
        QTest::keyClick(wizard.button(QWizard::CustomButton1), Qt::Key_Space); // Save draft
        draftId = wizard.draftId();
        CHECK(draftId > 0);
        CHECK_FALSE(wizard.hasUnsavedInput());
        wizard.close(); // nothing unsaved: closes without asking
        CHECK_FALSE(wizard.isVisible());
    }
    CHECK(test::countRows(*f.db, QStringLiteral("clients")) == 0);
    DraftRepository drafts(*f.db);
    auto listed = drafts.list();
    REQUIRE(listed.ok());
    REQUIRE(listed->size() == 1);
    CHECK(listed->at(0).label == QStringLiteral("Zoë Núñez"));

    IntakeWizard resumed(*f.db, f.engine);
    resumed.setToday(test::today());
    resumed.resume(listed->at(0));
    resumed.show();
    CHECK(resumed.currentId() == IntakeWizard::HouseholdPageId);
    CHECK(child<QSpinBox>(&resumed, "incomeSpinBox")->value() == 52000);
    CHECK(child<QLineEdit>(&resumed, "firstNameLineEdit")->text() == QStringLiteral("Zoë"));
    CHECK(child<QLineEdit>(&resumed, "emailLineEdit")->text() == QStringLiteral("zoe@example.org"));
    press(resumed, QWizard::NextButton);
    press(resumed, QWizard::NextButton);
    press(resumed, QWizard::NextButton);
    press(resumed, QWizard::NextButton);
    press(resumed, QWizard::NextButton);
    REQUIRE(resumed.currentId() == IntakeWizard::ReviewPageId);
    press(resumed, QWizard::FinishButton);
    CHECK(test::countRows(*f.db, QStringLiteral("clients")) == 1);
    CHECK(drafts.list()->isEmpty()); // a finished draft is gone
}

TEST_CASE("Cancelling with unsaved input asks first")
{
    Fixture f;
    IntakeWizard wizard(*f.db, f.engine);
    wizard.show();
    REQUIRE(QTest::qWaitForWindowExposed(&wizard));
    typeText(child<QLineEdit>(&wizard, "firstNameLineEdit"), QStringLiteral("Ana"));

    bool seen = false;
    test::clickInNextModal(QStringLiteral("keepPushButton"), &seen);
    QTest::keyClick(wizard.button(QWizard::CancelButton), Qt::Key_Space);
    CHECK(seen);
    CHECK(wizard.isVisible());

    seen = false;
    test::clickInNextModal(QStringLiteral("saveDraftPushButton"), &seen);
    QTest::keyClick(wizard.button(QWizard::CancelButton), Qt::Key_Space);
    CHECK(seen);
    CHECK_FALSE(wizard.isVisible());
    CHECK(test::countRows(*f.db, QStringLiteral("intake_drafts")) == 1);
    CHECK(test::countRows(*f.db, QStringLiteral("clients")) == 0);

    IntakeWizard untouched(*f.db, f.engine);
    untouched.show();
    QTest::keyClick(untouched.button(QWizard::CancelButton), Qt::Key_Space); // nothing typed
    CHECK_FALSE(untouched.isVisible());
}

TEST_CASE("A counselor's intake is assigned to them and a supervisor must choose a counselor")
{
    Fixture f;
    UserRepository users(*f.db);
    auto ana = users.find(QStringLiteral("agarcia"));
    REQUIRE(ana.ok());
    REQUIRE(ana->has_value());
    REQUIRE(
        users.ensure(QStringLiteral("sreyes"), QStringLiteral("Sam Reyes"), Role::Supervisor).ok());
    auto sam = users.find(QStringLiteral("sreyes"));
    REQUIRE(sam.ok());

    SECTION("counselor")
    {
        f.db->setActor(Actor::person(**ana));
        IntakeWizard wizard(*f.db, f.engine);
        wizard.setToday(test::today());
        wizard.show();
        auto *counselor = child<QComboBox>(&wizard, "counselorComboBox");
        CHECK_FALSE(counselor->isEnabled());
        CHECK(counselor->count() == 1);
        CHECK(counselor->currentData().toString() == QStringLiteral("agarcia"));
        CHECK(wizard.client().counselor == QStringLiteral("agarcia"));
        typeIdentity(wizard, QStringLiteral("zoe@example.org"));
        QTest::keyClick(wizard.button(QWizard::CustomButton1), Qt::Key_Space); // Save draft
        CHECK(test::countRows(*f.db, QStringLiteral("intake_drafts")) == 1);
        QSqlQuery q(f.db->connection());
        REQUIRE(q.exec(QStringLiteral("SELECT counselor FROM intake_drafts")));
        REQUIRE(q.next());
        CHECK(q.value(0).toString() == QStringLiteral("agarcia"));
    }
    SECTION("supervisor")
    {
        f.db->setActor(Actor::person(**sam));
        IntakeWizard wizard(*f.db, f.engine);
        wizard.setToday(test::today());
        wizard.show();
        auto *counselor = child<QComboBox>(&wizard, "counselorComboBox");
        CHECK(counselor->isEnabled());
        CHECK(counselor->currentData().toString().isEmpty()); // "Choose a counselor"
        CHECK(counselor->findData(QStringLiteral("bnguyen")) > 0);
        CHECK(counselor->findData(QStringLiteral("sreyes")) < 0); // not a counselor
        CHECK(wizard.problems().contains(
            QStringLiteral("Counselor is required: choose who the client is assigned to")));
        typeIdentity(wizard, QStringLiteral("zoe@example.org"));
        counselor->setCurrentIndex(counselor->findData(QStringLiteral("bnguyen")));
        press(wizard, QWizard::NextButton);
        typeTheRest(wizard);
        CHECK(wizard.problems().isEmpty());
        press(wizard, QWizard::FinishButton);
        REQUIRE(wizard.createdClientId() > 0);
        ClientRepository clients(*f.db, IncomeThresholds::builtIn());
        CHECK(clients.get(wizard.createdClientId())->counselor == QStringLiteral("bnguyen"));
    }
}

TEST_CASE("A badly written date of birth says what is wrong with it")
{
    Fixture f;
    IntakeWizard wizard(*f.db, f.engine);
    wizard.setToday(test::today());
    wizard.show();
    REQUIRE(QTest::qWaitForWindowExposed(&wizard));
    auto *dob = child<QLineEdit>(&wizard, "dateOfBirthLineEdit");
    auto *error = child<QLabel>(&wizard, "dateOfBirthErrorLabel");
    const auto problemsAbout = [&] {
        QStringList out;
        for (const QString &p : wizard.problems()) {
            if (p.startsWith(QStringLiteral("Date of birth")))
                out << p;
        }
        return out;
    };

    retype(dob, QStringLiteral("1990-13-45"));
    CHECK(error->isVisible());
    CHECK(error->text() == QStringLiteral("Date of birth has no month 13 (months go from 01 to 12; "
                                          "write the date as YYYY-MM-DD)"));
    CHECK(problemsAbout() == QStringList{error->text()});

    retype(dob, QStringLiteral("17/04/1988"));
    CHECK(error->text() ==
          QStringLiteral("Date of birth is written day first: write it as YYYY-MM-DD, 1988-04-17"));
    CHECK(problemsAbout() == QStringList{error->text()});
    CHECK_FALSE(wizard.client().dateOfBirth.isValid());

    retype(dob, QStringLiteral("1988-04-17"));
    CHECK_FALSE(error->isVisible());
    CHECK(problemsAbout().isEmpty());
    CHECK(wizard.client().dateOfBirth == QDate(1988, 4, 17));

    // Nothing typed is what is "required".
    retype(dob, QString());
    CHECK(error->text() == QStringLiteral("Date of birth is required, as a date (YYYY-MM-DD)"));
}

TEST_CASE("Fields are marked only once visited, or at Next")
{
    Fixture f;
    IntakeWizard wizard(*f.db, f.engine);
    wizard.setToday(test::today());
    wizard.show();
    REQUIRE(test::activate(&wizard));
    auto *first = child<QLineEdit>(&wizard, "firstNameLineEdit");
    auto *last = child<QLineEdit>(&wizard, "lastNameLineEdit");
    auto *lastError = child<QLabel>(&wizard, "lastNameErrorLabel");
    auto *dobError = child<QLabel>(&wizard, "dateOfBirthErrorLabel");
    auto *counselorError = child<QLabel>(&wizard, "counselorErrorLabel");
    first->setFocus();
    typeText(first, QStringLiteral("Zoë"));
    // Typing the first name says nothing yet about the fields after it.
    CHECK_FALSE(child<QLabel>(&wizard, "firstNameErrorLabel")->isVisible());
    CHECK_FALSE(lastError->isVisible());
    CHECK_FALSE(dobError->isVisible());
    CHECK_FALSE(counselorError->isVisible());

    // Passing through the last name without typing: it is required.
    QTest::keyClick(first, Qt::Key_Tab);
    REQUIRE(QApplication::focusWidget() == last);
    CHECK_FALSE(lastError->isVisible());
    QTest::keyClick(last, Qt::Key_Tab);
    CHECK(lastError->isVisible());
    CHECK(lastError->text() == QStringLiteral("Last name is required"));
    CHECK_FALSE(dobError->isVisible());

    // Next shows every problem of the page (seen when coming back to it).
    QTest::keyClick(wizard.button(QWizard::NextButton), Qt::Key_Space);
    CHECK_FALSE(dobError->isHidden());
    CHECK_FALSE(counselorError->isHidden());
}

TEST_CASE("A problem on the review page leads to its field")
{
    Fixture f;
    IntakeWizard wizard(*f.db, f.engine);
    wizard.setToday(test::today());
    wizard.show();
    REQUIRE(test::activate(&wizard));
    typeIdentity(wizard, QStringLiteral("zoe@example"));
    press(wizard, QWizard::NextButton);
    typeTheRest(wizard);
    auto *problems = child<QListWidget>(&wizard, "reviewProblemsListWidget");
    REQUIRE(problems->count() == 1);

    // A click on the problem: the identity page, the email field focused.
    QTest::mouseClick(problems->viewport(), Qt::LeftButton, {},
                      problems->visualItemRect(problems->item(0)).center());
    CHECK(wizard.currentId() == IntakeWizard::IdentityPageId);
    CHECK(QApplication::focusWidget() == child<QLineEdit>(&wizard, "emailLineEdit"));

    // Next goes on from there as usual.
    for (int id = IntakeWizard::HouseholdPageId; id <= IntakeWizard::ReviewPageId; ++id) {
        press(wizard, QWizard::NextButton);
        REQUIRE(wizard.currentId() == id);
    }

    // Enter on the problem does the same, from the keyboard.
    problems->setFocus();
    problems->setCurrentRow(0);
    QTest::keyClick(problems, Qt::Key_Return);
    CHECK(wizard.currentId() == IntakeWizard::IdentityPageId);
    CHECK(QApplication::focusWidget() == child<QLineEdit>(&wizard, "emailLineEdit"));

    // A problem on a later page: the override's reason.
    QTest::keyClicks(child<QLineEdit>(&wizard, "emailLineEdit"), QStringLiteral(".org"));
    press(wizard, QWizard::NextButton);
    QTest::keyClick(child<QCheckBox>(&wizard, "bracketOverrideCheckBox"), Qt::Key_Space);
    while (wizard.currentId() != IntakeWizard::ReviewPageId)
        press(wizard, QWizard::NextButton);
    REQUIRE(problems->count() == 1);
    CHECK(problems->item(0)->text() ==
          QStringLiteral("Reason for the override is required when you override the bracket"));
    CHECK(wizard.goToField(QStringLiteral("income_bracket_reason")));
    CHECK(wizard.currentId() == IntakeWizard::HouseholdPageId);
    CHECK(QApplication::focusWidget() == child<QLineEdit>(&wizard, "bracketReasonLineEdit"));
}

TEST_CASE("The greyed-out bracket box shows the bracket in use, and counts read as words")
{
    Fixture f;
    IntakeWizard wizard(*f.db, f.engine);
    wizard.setToday(test::today());
    wizard.show();
    typeIdentity(wizard, QStringLiteral("zoe@example.org"));
    press(wizard, QWizard::NextButton);
    auto *size = child<QSpinBox>(&wizard, "householdSizeSpinBox");
    auto *bracket = child<QComboBox>(&wizard, "bracketOverrideComboBox");
    retype(size, QStringLiteral("1"));
    CHECK(size->text() == QStringLiteral("1 person"));
    retype(size, QStringLiteral("3"));
    CHECK(size->text() == QStringLiteral("3 people"));
    retype(child<QSpinBox>(&wizard, "incomeSpinBox"), QStringLiteral("52000"));
    CHECK(child<QLabel>(&wizard, "derivedBracketLabel")
              ->text()
              .contains(QStringLiteral("Lower middle")));
    CHECK_FALSE(bracket->isEnabled());
    CHECK(bracket->currentText() == QStringLiteral("Lower middle"));
    retype(child<QSpinBox>(&wizard, "incomeSpinBox"), QStringLiteral("95000"));
    CHECK(bracket->currentText() == toLabel(IncomeThresholds::builtIn().bracketFor(95000, 3)));
    CHECK(wizard.client().incomeBracketOverride == std::nullopt);
    // Overriding starts from there.
    QTest::keyClick(child<QCheckBox>(&wizard, "bracketOverrideCheckBox"), Qt::Key_Space);
    CHECK(bracket->isEnabled());
    CHECK(wizard.client().incomeBracketOverride ==
          IncomeThresholds::builtIn().bracketFor(95000, 3));

    press(wizard, QWizard::NextButton);
    auto *weeks = child<QSpinBox>(&wizard, "weeksUnemployedSpinBox");
    retype(weeks, QStringLiteral("1"));
    CHECK(weeks->text() == QStringLiteral("1 week"));
    retype(size, QStringLiteral("1"));
    wizard.setCurrentId(IntakeWizard::ReviewPageId);
    const QString summary = child<QTextBrowser>(&wizard, "reviewTextBrowser")->toPlainText();
    CHECK(summary.contains(QStringLiteral("1 person")));
    CHECK(summary.contains(QStringLiteral("Unemployed, 1 week")));
    CHECK_FALSE(summary.contains(QStringLiteral("1 people")));
    // The counselor by the name people know.
    CHECK(summary.contains(QStringLiteral("Ana García")));
    CHECK_FALSE(summary.contains(QStringLiteral("agarcia")));
}

TEST_CASE("Continue as a new client is asked once, also after resuming the draft")
{
    Fixture f;
    ClientRepository clients(*f.db, IncomeThresholds::builtIn());
    const qint64 existing = clients.add(test::sampleClient()).value(); // zoe.nunez@example.org
    int asked = 0;
    auto answerNew = [&] {
        test::onNextModal([&](QWidget *dialog) {
            if (dialog->objectName() == QStringLiteral("duplicateDialog"))
                ++asked;
            dialog->findChild<QAbstractButton *>(QStringLiteral("createNewPushButton"))->click();
        });
    };

    qint64 draftId = 0;
    {
        IntakeWizard wizard(*f.db, f.engine);
        wizard.setToday(test::today());
        wizard.show();
        typeIdentity(wizard, QStringLiteral("zoe.nunez@example.org"));
        answerNew();
        press(wizard, QWizard::NextButton);
        REQUIRE(asked == 1);
        REQUIRE(wizard.currentId() == IntakeWizard::HouseholdPageId);
        // Back and Next again: not asked again.
        press(wizard, QWizard::BackButton);
        {
            ModalWatch watch;
            press(wizard, QWizard::NextButton);
            CHECK(watch.seen.isEmpty());
        }
        CHECK(wizard.currentId() == IntakeWizard::HouseholdPageId);
        QTest::keyClick(wizard.button(QWizard::CustomButton1), Qt::Key_Space); // Save draft
        draftId = wizard.draftId();
        REQUIRE(draftId > 0);
        wizard.close();
    }
    // The answer is in the draft.
    auto draft = DraftRepository(*f.db).load(draftId);
    REQUIRE(draft.ok());
    CHECK(draft->notDuplicates == QVector<qint64>{existing});

    // Resumed: Next and Finish go through without asking again.
    IntakeWizard resumed(*f.db, f.engine);
    resumed.setToday(test::today());
    resumed.resume(draft.value());
    resumed.show();
    resumed.setCurrentId(IntakeWizard::IdentityPageId);
    REQUIRE(resumed.currentId() == IntakeWizard::IdentityPageId);
    ModalWatch watch;
    press(resumed, QWizard::NextButton);
    REQUIRE(resumed.currentId() == IntakeWizard::HouseholdPageId);
    typeTheRest(resumed);
    press(resumed, QWizard::FinishButton);
    CHECK(watch.seen.isEmpty());
    CHECK(resumed.createdClientId() > 0);
    CHECK(test::countRows(*f.db, QStringLiteral("clients")) == 2);
}

TEST_CASE("The interview and its dialogs fit a 1366 x 768 screen with a panel")
{
    Fixture f;
    IntakeWizard wizard(*f.db, f.engine);
    wizard.setToday(test::today());
    wizard.show();
    REQUIRE(QTest::qWaitForWindowExposed(&wizard));
    const QSize least = wizard.minimumSizeHint().expandedTo(wizard.minimumSize()) +
                        windowGeometry::frameAllowance(&wizard);
    CHECK(least.width() <= 1366);
    CHECK(least.height() <= 768 - 40); // a panel's 40 pixels
    for (int id = IntakeWizard::IdentityPageId; id <= IntakeWizard::ReviewPageId; ++id) {
        wizard.setCurrentId(id);
        REQUIRE(wizard.currentId() == id);
        QWizardPage *page = wizard.currentPage();
        INFO(page->objectName().toStdString());
        CHECK(test::offScreen(&wizard).isEmpty());
        // Every page fits without scrolling or squeezing.
        const int needed = page->hasHeightForWidth() ? page->heightForWidth(page->width())
                                                     : page->sizeHint().height();
        CHECK(needed <= page->height());
    }

    // Its dialogs: possible duplicates (many), the drafts.
    QVector<PossibleDuplicate> many;
    for (int i = 1; i <= 40; ++i) {
        PossibleDuplicate d;
        d.id = i;
        d.firstName = QStringLiteral("Zoë");
        d.lastName = QStringLiteral("Núñez %1").arg(i);
        d.reasons = {QStringLiteral("same name and date of birth")};
        many.append(d);
    }
    DuplicateDialog duplicates(many, &wizard);
    DraftListDialog drafts(*f.db, &wizard);
    for (QDialog *dialog : std::initializer_list<QDialog *>{&duplicates, &drafts}) {
        dialog->show();
        REQUIRE(QTest::qWaitForWindowExposed(dialog));
        INFO(dialog->objectName().toStdString());
        CHECK(test::offScreen(dialog).isEmpty());
        dialog->hide();
    }
}
