#pragma once

// Helpers shared by the GUI tests (header only).

#include "StorageSupport.h"
#include "TestSupport.h"
#include "pathway/core/IncomeThresholds.h"
#include "pathway/core/RuleBase.h"
#include "pathway/core/StrategyEngine.h"
#include "pathway/storage/Database.h"
#include "pathway/storage/IntakeService.h"

#include <QAbstractButton>
#include <QApplication>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>
#include <QWidget>

#include <functional>
#include <memory>

namespace pathway::test {

// Runs the event loop until `condition` holds, for at most `ms`; false when
// it never did. Use as REQUIRE(test::eventually([&] { ... })): QtTest's
// QTRY_ macros report to QtTest, not to Catch, so a failure would pass.
template <typename Condition> bool eventually(Condition condition, int ms = 5000)
{
    return QTest::qWaitFor(condition, ms);
}

// QTest::keyClicks only knows ASCII; this types any text key by key, as a
// keyboard layout with those letters would.
inline void typeText(QWidget *widget, const QString &text)
{
    for (const QChar ch : text) {
        QTest::sendKeyEvent(QTest::Press, widget, Qt::Key_unknown, QString(ch), Qt::NoModifier);
        QTest::sendKeyEvent(QTest::Release, widget, Qt::Key_unknown, QString(ch), Qt::NoModifier);
    }
}

// Replaces a spin box's or line edit's text from the keyboard: select all, type.
inline void retype(QWidget *widget, const QString &text)
{
    widget->setFocus();
    QTest::keyClick(widget, Qt::Key_A, Qt::ControlModifier);
    QTest::keyClick(widget, Qt::Key_Delete);
    QTest::keyClicks(widget, text);
}

namespace detail {
// One poll of whenModal(): no self-reference, so nothing outlives the last
// poll (a shared_ptr cycle here leaked under LeakSanitizer).
inline void pollModal(std::function<bool(QWidget *)> wanted, std::function<void(QWidget *)> handle,
                      bool *seen, int triesLeft)
{
    QWidget *modal = QApplication::activeModalWidget();
    if (modal && wanted(modal)) {
        if (seen)
            *seen = true;
        handle(modal);
        return;
    }
    if (triesLeft > 0)
        QTimer::singleShot(
            10, qApp,
            [wanted = std::move(wanted), handle = std::move(handle), seen, triesLeft]() mutable {
                pollModal(std::move(wanted), std::move(handle), seen, triesLeft - 1);
            });
}
} // namespace detail

// Runs `handle` on the first modal dialog that `wanted` accepts once it is
// the active modal widget (polling the event loop for about five seconds),
// for dialogs shown with exec(). Sets *seen when it ran.
inline void whenModal(std::function<bool(QWidget *)> wanted, std::function<void(QWidget *)> handle,
                      bool *seen = nullptr)
{
    QTimer::singleShot(0, qApp,
                       [wanted = std::move(wanted), handle = std::move(handle), seen]() mutable {
                           detail::pollModal(std::move(wanted), std::move(handle), seen, 500);
                       });
}

// Runs `handle` on the next modal dialog that opens.
inline void onNextModal(std::function<void(QWidget *)> handle, bool *seen = nullptr)
{
    whenModal([](QWidget *) { return true; }, std::move(handle), seen);
}

// Clicks the button named `objectName` in the next modal dialog.
inline void clickInNextModal(const QString &objectName, bool *seen = nullptr)
{
    onNextModal(
        [objectName](QWidget *modal) {
            if (auto *button = modal->findChild<QAbstractButton *>(objectName))
                button->click();
        },
        seen);
}

// Makes `window` the active window again and gives `focus` the focus: the
// offscreen platform does not hand activation back after a modal dialog
// closes, and shortcuts only reach the active window.
inline bool activate(QWidget *window, QWidget *focus = nullptr)
{
    window->activateWindow();
    if (!QTest::qWaitForWindowActive(window))
        return false;
    if (focus)
        focus->setFocus();
    return true;
}

inline int countRows(Database &db, const QString &table)
{
    QSqlQuery q(db.connection());
    if (!q.exec(QStringLiteral("SELECT count(*) FROM %1").arg(table)) || !q.next())
        return -1;
    return q.value(0).toInt();
}

// The child of `w` named `name`; the test stops when there is none.
template <typename T> T *child(QWidget *w, const char *name)
{
    auto *found = w->findChild<T *>(QLatin1String(name));
    INFO("widget " << name);
    REQUIRE(found);
    return found;
}

// A fresh database holding the sample client, taken in through the intake
// service (so with plan version 1).
struct ClientFixture
{
    QTemporaryDir dir;
    std::unique_ptr<Database> db;
    StrategyEngine engine{RuleBase::builtIn(), IncomeThresholds::builtIn()};
    qint64 clientId = 0;
    ClientFixture()
    {
        auto opened = test::openAsSystem(dir.filePath(QStringLiteral("client.sqlite")));
        REQUIRE(opened.ok());
        db = std::move(opened.value());
        auto id = intake::complete(*db, engine, sampleClient(), today());
        REQUIRE(id.ok());
        clientId = id.value();
    }
};

} // namespace pathway::test
