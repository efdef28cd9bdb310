#include "TestSupport.h"

#include "MainWindow.h"
#include "models/CaseloadModel.h"
#include "pathway/core/IncomeThresholds.h"
#include "pathway/core/StrategyEngine.h"
#include "pathway/storage/ClientRepository.h"
#include "pathway/storage/Database.h"
#include "pathway/storage/DemoData.h"

#include <QAbstractItemModelTester>
#include <QComboBox>
#include <QLineEdit>
#include <QSignalSpy>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

#include <catch2/catch.hpp>

using namespace pathway;

namespace {
// QTest::keyClicks only knows ASCII; this types any text key by key, as a
// keyboard layout with those letters would.
void typeText(QWidget *widget, const QString &text)
{
    for (const QChar ch : text) {
        QTest::sendKeyEvent(QTest::Press, widget, Qt::Key_unknown, QString(ch), Qt::NoModifier);
        QTest::sendKeyEvent(QTest::Release, widget, Qt::Key_unknown, QString(ch), Qt::NoModifier);
    }
}
} // namespace

TEST_CASE("The caseload window lists, searches and filters clients")
{
    QTemporaryDir dir;
    auto db = Database::open(dir.filePath(QStringLiteral("g.sqlite")));
    REQUIRE(db.ok());
    const StrategyEngine engine(RuleBase::builtIn(), IncomeThresholds::builtIn());
    REQUIRE(addDemoCaseload(*db.value(), engine, 300, 2, test::today()).ok());
    ClientRepository clients(*db.value(), IncomeThresholds::builtIn());
    REQUIRE(clients.add(test::sampleClient()).ok());

    MainWindow window(*db.value());
    window.show();
    REQUIRE(QTest::qWaitForWindowExposed(&window));
    CaseloadModel *model = window.caseloadModel();
    QAbstractItemModelTester tester(model, QAbstractItemModelTester::FailureReportingMode::Fatal);

    auto *status = window.findChild<QComboBox *>(QStringLiteral("statusComboBox"));
    REQUIRE(status);
    const int activeRows = model->rowCount();
    CHECK(activeRows > 200);
    CHECK(activeRows < 301);
    status->setCurrentIndex(0); // any status
    CHECK(model->rowCount() == 301);

    auto *search = window.findChild<QLineEdit *>(QStringLiteral("searchLineEdit"));
    REQUIRE(search);
    QTest::keyClick(&window, Qt::Key_F, Qt::ControlModifier);
    CHECK(search->hasFocus());
    QTest::keyClicks(search, QStringLiteral("Zo"));
    typeText(search, QStringLiteral("ë Ñúñez"));
    QTRY_COMPARE_WITH_TIMEOUT(model->rowCount(), 1, 2000);
    CHECK(model->data(model->index(0, CaseloadModel::NameColumn)).toString() ==
          QStringLiteral("Ñúñez-Łukasiewicz, Zoë"));
    CHECK(model->data(model->index(0, CaseloadModel::BarriersColumn)).toString() ==
          QStringLiteral("Stigma or shame, Financial constraints"));

    search->clear();
    auto *barrier = window.findChild<QComboBox *>(QStringLiteral("barrierComboBox"));
    REQUIRE(barrier);
    barrier->setCurrentIndex(barrier->findData(QStringLiteral("criminal_record")));
    QTRY_VERIFY_WITH_TIMEOUT(model->rowCount() > 0 && model->rowCount() < 60, 2000);
    for (int row = 0; row < model->rowCount(); ++row)
        CHECK(model->data(model->index(row, CaseloadModel::BarriersColumn), Qt::ToolTipRole)
                  .toString()
                  .contains(QStringLiteral("Criminal record")));

    // Every visible cell renders: scroll through the whole list.
    auto *table = window.findChild<QTableView *>(QStringLiteral("caseloadTableView"));
    REQUIRE(table);
    barrier->setCurrentIndex(0);
    table->scrollToBottom();
    CHECK_FALSE(model->data(model->index(model->rowCount() - 1, 0)).toString().isEmpty());
}
