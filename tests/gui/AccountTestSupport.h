#pragma once

// Helpers for the GUI tests of sign-in, roles and supervision (header only).

#include "GuiSupport.h"
#include "pathway/core/PasswordHash.h"
#include "pathway/core/User.h"
#include "pathway/storage/Database.h"
#include "pathway/storage/UserRepository.h"

#include <QAbstractItemView>
#include <QApplication>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QSettings>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTimer>

#include <catch2/catch.hpp>

#include <functional>
#include <memory>

namespace pathway::test {

// Gives `username` the password `password` hashed with 1,000 iterations
// instead of 600,000, straight in SQL: a sign-in then costs a millisecond
// instead of a third of a second. Only the tests that check the real hash (the
// first run) pay for it.
inline void setCheapPassword(Database &db, const QString &username, const QString &password)
{
    QSqlQuery q(db.connection());
    q.prepare(QStringLiteral("UPDATE users SET password_hash = ? WHERE username = ?"));
    q.addBindValue(passwordHash::create(password, 1000));
    q.addBindValue(username);
    REQUIRE(q.exec());
    REQUIRE(q.numRowsAffected() == 1);
}

// The user `username`, created with `role` when missing.
inline User user(Database &db, const QString &username, Role role = Role::Counselor,
                 const QString &displayName = {})
{
    UserRepository users(db);
    const Actor before = db.actor();
    db.setActor(Actor::system());
    REQUIRE(users.ensure(username, displayName.isEmpty() ? username : displayName, role).ok());
    auto found = users.find(username);
    db.setActor(before);
    REQUIRE(found.ok());
    REQUIRE(found->has_value());
    return **found;
}

// Acts as `username` without a password check (the dialogs under test are
// not the sign-in).
inline User actAs(Database &db, const QString &username, Role role = Role::Counselor)
{
    const User u = user(db, username, role);
    db.setActor(Actor::person(u));
    return u;
}

inline qint64 scalar(Database &db, const QString &sql, const QVariantList &values = {})
{
    QSqlQuery q(db.connection());
    q.prepare(sql);
    for (const QVariant &v : values)
        q.addBindValue(v);
    if (!q.exec() || !q.next())
        return -1;
    return q.value(0).toLongLong();
}

inline QString text(Database &db, const QString &sql, const QVariantList &values = {})
{
    QSqlQuery q(db.connection());
    q.prepare(sql);
    for (const QVariant &v : values)
        q.addBindValue(v);
    if (!q.exec() || !q.next())
        return {};
    return q.value(0).toString();
}

// Runs `handle` on the modal dialog named `objectName` once it is the
// active modal widget (dialogs opened from inside another one's exec()).
inline void onModalNamed(const QString &objectName, std::function<void(QWidget *)> handle,
                         bool *seen = nullptr)
{
    whenModal([objectName](QWidget *modal) { return modal->objectName() == objectName; },
              std::move(handle), seen);
}

// Every piece of text a person could read on screen now: the titles of
// visible windows, the text of visible labels and line edits, and every
// cell of visible item views.
inline QStringList visibleTexts()
{
    QStringList out;
    for (QWidget *window : QApplication::topLevelWidgets()) {
        if (!window->isVisible())
            continue;
        out << window->windowTitle();
        QList<QWidget *> widgets = window->findChildren<QWidget *>();
        widgets.prepend(window);
        for (QWidget *w : widgets) {
            if (!w->isVisible())
                continue;
            if (auto *label = qobject_cast<QLabel *>(w))
                out << label->text();
            else if (auto *edit = qobject_cast<QLineEdit *>(w))
                out << edit->text();
            else if (auto *plain = qobject_cast<QPlainTextEdit *>(w))
                out << plain->toPlainText();
            else if (auto *view = qobject_cast<QAbstractItemView *>(w)) {
                const QAbstractItemModel *model = view->model();
                if (!model)
                    continue;
                for (int row = 0; row < model->rowCount(); ++row)
                    for (int column = 0; column < model->columnCount(); ++column)
                        out << model->data(model->index(row, column)).toString();
            }
        }
    }
    return out;
}

// Settings written by a test must not reach the next one.
struct CleanSettings
{
    CleanSettings() { QSettings().clear(); }
    ~CleanSettings() { QSettings().clear(); }
};

// A fresh database in a temporary directory, opened as the system, with
// clean settings and the built-in engine; each test adds its users and data.
struct AccountFixture
{
    CleanSettings settings;
    QTemporaryDir dir;
    std::unique_ptr<Database> db;
    StrategyEngine engine{RuleBase::builtIn(), IncomeThresholds::builtIn()};

    AccountFixture()
    {
        auto opened = openAsSystem(dir.filePath(QStringLiteral("accounts.sqlite")));
        REQUIRE(opened.ok());
        db = std::move(opened.value());
    }
};

} // namespace pathway::test
