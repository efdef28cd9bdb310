#include "GuiSupport.h"
#include "StorageSupport.h"
#include "TestSupport.h"

#include "DatabaseBackups.h"
#include "MainWindow.h"
#include "Settings.h"
#include "account/AgencySettingsDialog.h"
#include "pathway/core/IncomeThresholds.h"
#include "pathway/core/RuleBase.h"
#include "pathway/core/StrategyEngine.h"
#include "pathway/storage/Backup.h"
#include "pathway/storage/Database.h"
#include "pathway/storage/DemoData.h"

#include <QAction>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QPushButton>
#include <QSpinBox>
#include <QSqlQuery>
#include <QStatusBar>
#include <QTemporaryDir>
#include <QTest>

#include <catch2/catch.hpp>

#include <sys/stat.h>

using namespace pathway;

namespace {

// The file dialogs' answers, chosen by the test.
class FixedPrompts : public BackupPrompts
{
public:
    QString backupFile;
    QString restoreFile;
    QString suggested;
    QString backupFileName(QWidget *, const QString &offered) override
    {
        suggested = offered;
        return backupFile;
    }
    QString restoreFileName(QWidget *, const QString &) override { return restoreFile; }
};

int modeOf(const QString &path)
{
    struct stat st = {};
    REQUIRE(::stat(QFile::encodeName(path).constData(), &st) == 0);
    return int(st.st_mode & 0777);
}

qint64 clients(Database &db)
{
    QSqlQuery q(db.connection());
    REQUIRE(q.exec(QStringLiteral("SELECT count(*) FROM clients")));
    REQUIRE(q.next());
    return q.value(0).toLongLong();
}

QAction *fileMenuAction(MainWindow &window, const char *name)
{
    QMenu *file = window.menuBar()->findChildren<QMenu *>().value(0);
    REQUIRE(file);
    for (QAction *action : file->actions()) {
        if (action->objectName() == QLatin1String(name))
            return action;
    }
    return nullptr;
}

struct Fixture
{
    QTemporaryDir dir;
    QString path = dir.filePath(QStringLiteral("pathway.sqlite"));
    std::unique_ptr<Database> db;
    StrategyEngine engine{RuleBase::builtIn(), IncomeThresholds::builtIn()};
    std::shared_ptr<FixedPrompts> prompts = std::make_shared<FixedPrompts>();

    Fixture()
    {
        Settings().setBackupFolder(QString());
        auto opened = test::openAsSystem(path);
        REQUIRE(opened.ok());
        db = std::move(opened).value();
        REQUIRE(addDemoCaseload(*db, engine, 20, 1, test::today()).ok());
        db->setActor(Actor{Actor::Kind::Person, 1, QStringLiteral("sreyes"), Role::Supervisor});
    }
};

} // namespace

TEST_CASE("File > Back Up Database writes a private copy into the agency's backup folder")
{
    Fixture f;
    MainWindow window(*f.db, f.engine);
    window.setBackupPrompts(f.prompts);
    window.show();
    QAction *backUp = fileMenuAction(window, "backUpDatabaseAction");
    REQUIRE(backUp);
    CHECK(backUp->text() == QStringLiteral("Back &Up Database…"));

    const QString folder = backup::defaultFolder(f.path);
    f.prompts->backupFile = QDir(folder).filePath(QStringLiteral("mine.sqlite"));
    backUp->trigger();
    // The dialog was offered a dated name in the backup folder, made private.
    CHECK(QFileInfo(f.prompts->suggested).absolutePath() == folder);
    CHECK(QFileInfo(f.prompts->suggested).fileName().startsWith(QStringLiteral("pathway-")));
    CHECK(modeOf(folder) == 0700);
    REQUIRE(QFile::exists(f.prompts->backupFile));
    CHECK(modeOf(f.prompts->backupFile) == 0600);
    auto info = backup::inspect(f.prompts->backupFile);
    REQUIRE(info.ok());
    CHECK(info->clients == 20);
    CHECK(window.statusBar()->currentMessage().contains(f.prompts->backupFile));

    SECTION("nothing is written when the file dialog is cancelled")
    {
        f.prompts->backupFile.clear();
        const QStringList before = QDir(folder).entryList(QDir::Files);
        backUp->trigger();
        CHECK(QDir(folder).entryList(QDir::Files) == before);
    }
}

TEST_CASE("File > Restore From Backup asks first, keeps the previous file and closes the app")
{
    Fixture f;
    const QString saved = f.dir.filePath(QStringLiteral("saved.sqlite"));
    REQUIRE(backup::write(*f.db, saved).ok());
    {
        QSqlQuery q(f.db->connection());
        REQUIRE(q.exec(QStringLiteral("UPDATE clients SET status = 'closed' WHERE id = "
                                      "(SELECT min(id) FROM clients WHERE status = 'active')")));
    }
    auto closedCount = [&] {
        QSqlQuery q(f.db->connection());
        REQUIRE(q.exec(QStringLiteral("SELECT count(*) FROM clients WHERE status = 'closed'")));
        REQUIRE(q.next());
        return q.value(0).toLongLong();
    };
    const qint64 closedAfterChange = closedCount();

    MainWindow window(*f.db, f.engine);
    window.setBackupPrompts(f.prompts);
    window.show();
    QAction *restore = fileMenuAction(window, "restoreFromBackupAction");
    REQUIRE(restore);
    f.prompts->restoreFile = saved;

    SECTION("Cancel in the confirmation changes nothing")
    {
        const QByteArray before = test::readFile(f.path) + test::readFile(f.path + "-wal");
        bool seen = false;
        test::whenModal(
            [](QWidget *w) { return w->objectName() == QLatin1String("restoreConfirmation"); },
            [](QWidget *w) {
                w->findChild<QPushButton *>(QStringLiteral("restoreCancelPushButton"))->click();
            },
            &seen);
        restore->trigger();
        CHECK(seen);
        CHECK(window.isVisible());
        CHECK_FALSE(window.restored());
        CHECK(test::readFile(f.path) + test::readFile(f.path + "-wal") == before);
        CHECK(closedCount() == closedAfterChange);
    }
    SECTION("Restore replaces the contents")
    {
        QString confirmation;
        bool confirmed = false;
        bool told = false;
        test::whenModal(
            [](QWidget *w) { return w->objectName() == QLatin1String("restoreConfirmation"); },
            [&](QWidget *w) {
                confirmation = static_cast<QMessageBox *>(w)->text();
                // The "Restored" message follows once the copy is done.
                test::whenModal(
                    [](QWidget *m) { return m->objectName() == QLatin1String("restoredMessage"); },
                    [](QWidget *m) {
                        m->findChild<QPushButton *>(QStringLiteral("restoredOkPushButton"))
                            ->click();
                    },
                    &told);
                w->findChild<QPushButton *>(QStringLiteral("restoreConfirmPushButton"))->click();
            },
            &confirmed);
        restore->trigger();
        REQUIRE(confirmed);
        CHECK(told);
        // What is replaced, by what, and where the current contents go.
        CHECK(confirmation.contains(f.path.toHtmlEscaped()));
        CHECK(confirmation.contains(saved.toHtmlEscaped()));
        CHECK(confirmation.contains(QStringLiteral(".before-restore-")));
        CHECK(confirmation.contains(QStringLiteral("20 clients")));
        CHECK(window.restored());
        CHECK_FALSE(window.isVisible());
        CHECK(closedCount() == closedAfterChange - 1);
        CHECK(clients(*f.db) == 20);
        const QStringList previous =
            QDir(f.dir.path())
                .entryList({QStringLiteral("pathway.sqlite.before-restore-*")}, QDir::Files);
        REQUIRE(previous.size() == 1);
        CHECK(modeOf(f.dir.filePath(previous.first())) == 0600);
    }
    SECTION("a file that is not a backup is refused before anything is asked")
    {
        const QString bad = f.dir.filePath(QStringLiteral("notes.txt"));
        REQUIRE(test::writeFile(bad, "not a database"));
        f.prompts->restoreFile = bad;
        const QByteArray before = test::readFile(f.path) + test::readFile(f.path + "-wal");
        QString error;
        bool seen = false;
        test::whenModal(
            [](QWidget *w) { return w->objectName() == QLatin1String("errorMessageBox"); },
            [&](QWidget *w) {
                error = static_cast<QMessageBox *>(w)->informativeText();
                static_cast<QMessageBox *>(w)->accept();
            },
            &seen);
        restore->trigger();
        CHECK(seen);
        CHECK(error.contains(QStringLiteral("not an SQLite file")));
        CHECK(window.isVisible());
        CHECK(test::readFile(f.path) + test::readFile(f.path + "-wal") == before);
    }
}

TEST_CASE("A counselor's File menu has no backup or restore")
{
    Fixture f;
    f.db->setActor(Actor{Actor::Kind::Person, 2, QStringLiteral("agarcia"), Role::Counselor});
    MainWindow window(*f.db, f.engine);
    CHECK(window.findChild<QAction *>(QStringLiteral("backUpDatabaseAction")) == nullptr);
    CHECK(window.findChild<QAction *>(QStringLiteral("restoreFromBackupAction")) == nullptr);
}

TEST_CASE("Agency settings keep the backup folder and the days automatic backups are kept")
{
    Fixture f;
    f.db->setActor(Actor{Actor::Kind::Person, 1, QStringLiteral("admin"), Role::Admin});
    Settings().setBackupKeepDays(Settings::kDefaultBackupKeepDays);
    const QString folder = f.dir.filePath(QStringLiteral("agency-backups"));
    {
        AgencySettingsDialog dialog(*f.db);
        auto *days = test::child<QSpinBox>(&dialog, "backupKeepDaysSpinBox");
        auto *edit = test::child<QLineEdit>(&dialog, "backupFolderLineEdit");
        CHECK(days->value() == 14);
        CHECK(edit->placeholderText() == backup::defaultFolder(f.path));
        days->setValue(3);
        test::typeText(edit, folder);
        test::child<QPushButton>(&dialog, "savePushButton")->click();
        CHECK(dialog.result() == QDialog::Accepted);
    }
    CHECK(Settings().backupKeepDays() == 3);
    CHECK(Settings().backupFolder(f.path) == folder);

    // The automatic backup at exit goes there and keeps 3 days.
    const QString old = QDir(folder).filePath(
        backup::automaticFileName(f.path, QDateTime::currentDateTime().addDays(-4)));
    REQUIRE(QDir().mkpath(folder));
    REQUIRE(test::writeFile(old, "x"));
    DatabaseBackups::atExit(*f.db);
    CHECK_FALSE(QFile::exists(old));
    const QStringList made = QDir(folder).entryList({QStringLiteral("pathway-auto-*")});
    REQUIRE(made.size() == 1);
    CHECK(modeOf(QDir(folder).filePath(made.first())) == 0600);

    // 0 days: no automatic backup.
    Settings().setBackupKeepDays(0);
    QFile::remove(QDir(folder).filePath(made.first()));
    DatabaseBackups::atExit(*f.db);
    CHECK(QDir(folder).entryList({QStringLiteral("pathway-auto-*")}).isEmpty());
    Settings().setBackupKeepDays(Settings::kDefaultBackupKeepDays);
    Settings().setBackupFolder(QString());
}
