#include "AccountTestSupport.h"
#include "GuiSupport.h"
#include "StorageSupport.h"
#include "TestSupport.h"
#include "WindowChecks.h"

#include "MainWindow.h"
#include "models/CaseloadModel.h"
#include "pathway/core/IncomeThresholds.h"
#include "pathway/core/RuleBase.h"
#include "pathway/core/StrategyEngine.h"
#include "pathway/storage/AuditLog.h"
#include "pathway/storage/Database.h"
#include "pathway/storage/DemoData.h"
#include "supervisor/ReassignDialog.h"
#include "supervisor/ReviewDialog.h"

#include <QAction>
#include <QComboBox>
#include <QItemSelectionModel>
#include <QLabel>
#include <QMenu>
#include <QMessageBox>
#include <QPushButton>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

#include <catch2/catch.hpp>

using namespace pathway;

namespace {

struct Fixture : test::AccountFixture
{
    Fixture() { REQUIRE(addDemoCaseload(*db, engine, 40, 6, test::today()).ok()); }

    QString counselorOf(qint64 clientId)
    {
        return test::text(*db,
                          QStringLiteral("SELECT u.username FROM clients c JOIN users u ON u.id = "
                                         "c.counselor_id WHERE c.id = ?"),
                          {clientId});
    }
};

using test::child;

} // namespace

TEST_CASE("A supervisor reassigns the selected clients from the caseload")
{
    Fixture f;
    test::actAs(*f.db, QStringLiteral("sreyes"), Role::Supervisor);
    MainWindow window(*f.db, f.engine);
    window.setToday(test::today());
    window.show();
    REQUIRE(test::activate(&window));
    QAction *reassign = child<QAction>(&window, "reassignAction");
    CHECK(reassign->shortcut() == QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_R));
    CHECK_FALSE(reassign->isEnabled()); // nothing selected

    // Three of agarcia's clients, picked with Ctrl+click.
    auto *table = child<QTableView>(&window, "caseloadTableView");
    CaseloadModel *model = window.caseloadModel();
    QVector<qint64> picked;
    for (int row = 0; row < model->rowCount() && picked.size() < 3; ++row) {
        const qint64 id = model->clientId(row);
        if (f.counselorOf(id) != QStringLiteral("agarcia"))
            continue;
        table->scrollTo(model->index(row, 0));
        const QRect cell = table->visualRect(model->index(row, CaseloadModel::NameColumn));
        QTest::mouseClick(table->viewport(), Qt::LeftButton, Qt::ControlModifier, cell.center());
        picked.append(id);
    }
    REQUIRE(picked.size() == 3);
    CHECK(window.selectedIds().size() == 3);
    CHECK(reassign->isEnabled());

    bool asked = false;
    QString question;
    test::onModalNamed(QStringLiteral("reassignDialog"), [&](QWidget *w) {
        auto *dialog = static_cast<ReassignDialog *>(w);
        auto *target = child<QComboBox>(dialog, "targetCounselorComboBox");
        // Only active counselors are offered: not the supervisor.
        CHECK(target->findData(QStringLiteral("sreyes")) < 0);
        CHECK(target->findData(QStringLiteral("cokafor")) >= 0);
        CHECK(child<QLabel>(dialog, "reassignIntroLabel")
                  ->text()
                  .contains(QStringLiteral("3 selected clients, now with Ana García")));
        target->setCurrentIndex(target->findData(QStringLiteral("cokafor")));
        test::onModalNamed(
            QStringLiteral("confirmReassignMessageBox"),
            [&](QWidget *box) {
                question = static_cast<QMessageBox *>(box)->text();
                child<QPushButton>(box, "confirmReassignPushButton")->click();
            },
            &asked);
        QTest::mouseClick(child<QPushButton>(dialog, "reassignPushButton"), Qt::LeftButton);
    });
    QTest::keyClick(&window, Qt::Key_R, Qt::ControlModifier | Qt::ShiftModifier);
    CHECK(asked);
    CHECK(question == QStringLiteral("Reassign 3 clients from Ana García to Chidi Okafor?"));

    for (const qint64 id : picked)
        CHECK(f.counselorOf(id) == QStringLiteral("cokafor"));
    CHECK(test::scalar(*f.db,
                       QStringLiteral("SELECT count(*) FROM audit_log WHERE action = ? AND "
                                      "username = 'sreyes' AND record_id IN (?, ?, ?)"),
                       {auditActionCode(AuditAction::Reassign), picked[0], picked[1], picked[2]}) ==
          3);
    // The list shows the new counselor.
    const int row = model->rowOf(picked[0]);
    REQUIRE(row >= 0);
    const QString shown = model->data(model->index(row, CaseloadModel::CounselorColumn)).toString();
    INFO(shown.toStdString());
    CHECK(shown == QStringLiteral("Chidi Okafor"));
}

TEST_CASE("Cancelling the confirmation changes nothing, and a counselor has no reassign")
{
    Fixture f;
    test::actAs(*f.db, QStringLiteral("sreyes"), Role::Supervisor);
    const qint64 id = test::scalar(*f.db, QStringLiteral("SELECT min(id) FROM clients"));
    const QString before = f.counselorOf(id);
    const QString to =
        before == QStringLiteral("bnguyen") ? QStringLiteral("dmuller") : QStringLiteral("bnguyen");
    ReassignDialog dialog(*f.db, {id}, {before});
    REQUIRE(dialog.setTarget(to));
    test::onModalNamed(QStringLiteral("confirmReassignMessageBox"), [](QWidget *box) {
        child<QPushButton>(box, "cancelReassignPushButton")->click();
    });
    dialog.accept();
    CHECK(dialog.result() != QDialog::Accepted);
    CHECK(f.counselorOf(id) == before);

    test::actAs(*f.db, QStringLiteral("agarcia"));
    MainWindow window(*f.db, f.engine);
    CHECK(window.findChild<QAction *>(QStringLiteral("reassignAction")) == nullptr);
    CHECK(window.findChild<QMenu *>(QStringLiteral("supervisorMenu")) == nullptr);
}

TEST_CASE("The reassign and review dialogs fit a small screen, with no clashing keys")
{
    Fixture f;
    test::actAs(*f.db, QStringLiteral("sreyes"), Role::Supervisor);
    ReassignDialog reassign(*f.db, {1, 2}, {QStringLiteral("agarcia"), QStringLiteral("bnguyen")});
    reassign.show();
    REQUIRE(QTest::qWaitForWindowExposed(&reassign));
    CHECK_WINDOW_FITS(&reassign);
    // The counselors by the names people know, with the user name to tell them apart.
    auto *target = child<QComboBox>(&reassign, "targetCounselorComboBox");
    CHECK(target->itemText(target->findData(QStringLiteral("cokafor"))) ==
          QStringLiteral("Chidi Okafor (cokafor)"));
    CHECK(child<QLabel>(&reassign, "reassignIntroLabel")
              ->text()
              .contains(QStringLiteral("now with Ana García and Bảo Nguyễn")));
    for (const ReviewDialog::Decision decision : {ReviewDialog::Approve, ReviewDialog::Return}) {
        ReviewDialog review(decision, QStringLiteral("plan version 2"));
        review.show();
        REQUIRE(QTest::qWaitForWindowExposed(&review));
        CHECK_WINDOW_FITS(&review);
    }
}
