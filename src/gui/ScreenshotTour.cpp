#include "ScreenshotTour.h"

#include "MainWindow.h"
#include "account/AgencySettingsDialog.h"
#include "account/FirstRunDialog.h"
#include "account/LockDialog.h"
#include "account/Session.h"
#include "account/SignInDialog.h"
#include "account/UsersDialog.h"
#include "audit/AuditViewer.h"
#include "intake/IntakeWizard.h"
#include "models/CaseloadModel.h"
#include "pathway/storage/Accounts.h"
#include "pathway/storage/CaseloadRepository.h"
#include "pathway/storage/Database.h"
#include "pathway/storage/DraftRepository.h"
#include "pathway/storage/NoteRepository.h"
#include "supervisor/DashboardTableModel.h"
#include "supervisor/DashboardWindow.h"
#include "supervisor/ReassignDialog.h"
#include "workspace/ClientWindow.h"
#include "workspace/PlanTab.h"

#include <QApplication>
#include <QDir>
#include <QGuiApplication>
#include <QScreen>

#include <QItemSelectionModel>
#include <QLineEdit>
#include <QPainter>
#include <QPixmap>
#include <QTabWidget>
#include <QTableView>
#include <QTextStream>
#include <functional>

#include <cstdio>
#include <functional>

namespace pathway {

namespace {
// "-1366x768": the screen the tour runs on, in the names of its pictures.
QString screenSuffix()
{
    const QScreen *screen = QGuiApplication::primaryScreen();
    const QSize size = screen ? screen->geometry().size() : QSize(1366, 768);
    return QStringLiteral("-%1x%2").arg(size.width()).arg(size.height());
}

void settle()
{
    for (int i = 0; i < 5; ++i)
        QApplication::processEvents();
}

void complain(const QString &message)
{
    QTextStream(stderr) << "pathway --screenshots: " << message << '\n';
}

// An example interview, typed in by nobody: it is shown, never stored.
Client exampleClient()
{
    Client c;
    c.firstName = QStringLiteral("Marisol");
    c.lastName = QStringLiteral("Ortega Díaz");
    c.dateOfBirth = QDate(1986, 9, 14);
    c.email = QStringLiteral("marisol.ortega@example.org");
    c.phone = QStringLiteral("+1 555 0142 77");
    c.address = QStringLiteral("48 Harbour Road, Apt 3\nSpringfield");
    c.householdSize = 4;
    c.annualIncome = 31500;
    c.employmentStatus = EmploymentStatus::Unemployed;
    c.weeksUnemployed = 34;
    c.independence = Independence::Independent;
    c.barriers = {
        {BarrierCode::Caregiving, 3, QStringLiteral("Two children, no after-school care")},
        {BarrierCode::Finances, 2, QStringLiteral("Behind on rent since March")},
        {BarrierCode::Transport, 1, QString()}};
    c.goals = {GoalCode::Employment, GoalCode::WorkLifeBalance};
    c.educationLevel = EducationLevel::Vocational;
    c.skills = {QStringLiteral("bookkeeping"), QStringLiteral("customer service"),
                QStringLiteral("Spanish")};
    c.interests = {QStringLiteral("community work"), QStringLiteral("cooking")};
    c.counselor = QStringLiteral("agarcia");
    return c;
}

// Dots in a password field, as typing would leave them.
void fillPasswords(QWidget *dialog)
{
    for (QLineEdit *edit : dialog->findChildren<QLineEdit *>()) {
        if (edit->echoMode() == QLineEdit::Password)
            edit->setText(QStringLiteral("correct horse battery"));
    }
}

// No text shown selected: a screenshot shows fields as typed in, not as
// focus left them.
void deselect(QWidget *dialog)
{
    for (QLineEdit *edit : dialog->findChildren<QLineEdit *>())
        edit->deselect();
}
// A caseload window placed as it opens on this screen, shown, handed to
// `shoot` with the file name suffix.
bool withMainWindow(Database &db, const StrategyEngine &engine,
                    const std::function<bool(MainWindow &, const QString &)> &shoot)
{
    MainWindow window(db, engine);
    window.show();
    settle();
    return shoot(window, screenSuffix());
}

} // namespace

ScreenshotTour::ScreenshotTour(Database &db, const StrategyEngine &engine)
    : m_db(db), m_engine(engine)
{}

bool ScreenshotTour::save(QWidget *widget, const QString &name)
{
    settle();
    const QString path = QDir(m_directory).filePath(name + QStringLiteral(".png"));
    if (!widget->grab().save(path)) {
        complain(QStringLiteral("cannot write %1").arg(path));
        return false;
    }
    ++m_written;
    return true;
}

bool ScreenshotTour::saveOver(QWidget *background, QWidget *dialog, const QString &name)
{
    settle();
    QPixmap screen = background->grab();
    const QPixmap front = dialog->grab();
    {
        QPainter painter(&screen);
        const QPoint at((screen.width() - front.width()) / 2,
                        (screen.height() - front.height()) / 3);
        const QRect frame(at, front.size());
        painter.fillRect(frame.translated(4, 4), QColor(0, 0, 0, 60)); // a shadow
        painter.drawPixmap(at, front);
        painter.setPen(QColor(90, 90, 90));
        painter.drawRect(frame.adjusted(-1, -1, 0, 0));
    }
    const QString path = QDir(m_directory).filePath(name + QStringLiteral(".png"));
    if (!screen.save(path)) {
        complain(QStringLiteral("cannot write %1").arg(path));
        return false;
    }
    ++m_written;
    return true;
}

bool ScreenshotTour::signIn(const QString &username)
{
    accounts::signOut(m_db); // whoever was signed in, as a real session ends
    auto user = accounts::signIn(m_db, username, m_password);
    if (!user)
        complain(QStringLiteral("cannot sign in as %1: %2").arg(username, user.error().message));
    return user.ok();
}

int ScreenshotTour::run(const QString &directory)
{
    m_directory = directory;
    if (!QDir().mkpath(directory))
        return -1;
    m_password = qEnvironmentVariable("PATHWAY_PASSWORD");
    if (m_password.isEmpty())
        m_password = QStringLiteral("screenshots only, never a real password");

    auto first = accounts::needsFirstAdmin(m_db);
    if (!first) {
        complain(first.error().message);
        return -1;
    }
    if (first.value() && !firstRun())
        return -1;

    // The sign-in dialog, as the next person sees it.
    accounts::signOut(m_db);
    {
        SignInDialog dialog(m_db);
        dialog.setUserName(QStringLiteral("agarcia"));
        fillPasswords(&dialog);
        dialog.show();
        settle();
        deselect(&dialog);
        if (!save(&dialog, QStringLiteral("sign-in") + screenSuffix()))
            return -1;
    }

    if (!counselorScreens() || !supervisorScreens() || !adminScreens())
        return -1;
    accounts::signOut(m_db);
    return m_written;
}

bool ScreenshotTour::firstRun()
{
    FirstRunDialog dialog(m_db);
    dialog.setDemoNote(m_demo);
    dialog.findChild<QLineEdit *>(QStringLiteral("displayNameLineEdit"))
        ->setText(QStringLiteral("Dana Whitfield"));
    fillPasswords(&dialog);
    dialog.show();
    settle();
    deselect(&dialog);
    if (!save(&dialog, QStringLiteral("first-run") + screenSuffix()))
        return false;
    // Now for real, with the tour's password.
    for (QLineEdit *edit : dialog.findChildren<QLineEdit *>()) {
        if (edit->echoMode() == QLineEdit::Password)
            edit->setText(m_password);
    }
    dialog.accept();
    if (!dialog.user()) {
        complain(QStringLiteral("cannot create the administrator: %1").arg(dialog.errorText()));
        return false;
    }
    if (m_demo) {
        const Status added =
            Session::addDemo(m_db, m_engine, m_password, QDate::currentDate(), nullptr);
        if (!added) {
            complain(added.error().message);
            return false;
        }
    }
    return true;
}

bool ScreenshotTour::counselorScreens()
{
    if (!signIn(QStringLiteral("agarcia")))
        return false;
    CaseloadFilter active;
    active.status = ClientStatus::Active;
    auto ids = CaseloadRepository(m_db).matchingIds(active);
    if (!ids || ids->isEmpty()) {
        complain(QStringLiteral("agarcia has no active client"));
        return false;
    }

    // Two example contacts on the client shown, so the notes tab and the
    // caseload's last contact have something to show.
    NoteRepository notes(m_db);
    if (auto existing = notes.list(ids->first()); existing && existing->isEmpty()) {
        CaseNote first{0, ids->first(), QStringLiteral("agarcia"),
                       QStringLiteral("First meeting. Went through the plan together; wants to "
                                      "start with the study grant application."),
                       QDateTime::currentDateTimeUtc().addDays(-9)};
        CaseNote second{0, ids->first(), QStringLiteral("agarcia"),
                        QStringLiteral("Phoned: grant form sent. Next meeting on Thursday."),
                        QDateTime::currentDateTimeUtc().addDays(-2)};
        if (!notes.add(first) || !notes.add(second))
            return false;
    }

    static const char *const pageNames[] = {"identity", "household", "employment", "independence",
                                            "barriers", "goals",     "review"};
    m_exampleClient = ids->first();
    return withMainWindow(m_db, m_engine, [&](MainWindow &window, const QString &suffix) {
        if (!save(&window, QStringLiteral("main-window") + suffix))
            return false;

        // The intake, at the size it opens with.
        IntakeDraft example;
        example.label = QStringLiteral("Marisol Ortega Díaz");
        example.profile = exampleClient();
        IntakeWizard *wizard = window.startIntake();
        wizard->resume(example);
        for (int page = IntakeWizard::IdentityPageId; page <= IntakeWizard::ReviewPageId; ++page) {
            wizard->setCurrentId(page);
            if (!save(wizard,
                      QStringLiteral("intake-%1%2").arg(QLatin1String(pageNames[page]), suffix)))
                return false;
        }
        wizard->hide();
        wizard->deleteLater();

        ClientWindow *client = window.openClient(ids->first());
        client->tabs()->setCurrentIndex(ClientWindow::PlanTabIndex);
        client->planTab()->selectRow(1);
        if (!save(client, QStringLiteral("plan-tab") + suffix))
            return false;
        client->tabs()->setCurrentIndex(ClientWindow::ProfileTabIndex);
        if (!save(client, QStringLiteral("profile-tab") + suffix))
            return false;
        client->tabs()->setCurrentIndex(ClientWindow::NotesTabIndex);
        if (!save(client, QStringLiteral("notes-tab") + suffix))
            return false;
        client->close();
        settle();

        // The idle lock: the list emptied, the lock dialog over it.
        window.setLocked(true);
        LockDialog lock(m_db, QStringLiteral("Ana García (agarcia)"), LockDialog::Idle, &window);
        lock.show();
        if (!saveOver(&window, &lock, QStringLiteral("lock") + suffix))
            return false;
        lock.hide();
        window.setLocked(false);
        return true;
    });
}

bool ScreenshotTour::supervisorScreens()
{
    if (!signIn(QStringLiteral("sreyes")))
        return false;
    return withMainWindow(m_db, m_engine, [&](MainWindow &window, const QString &suffix) {
        // Three of agarcia's clients selected, to give to someone else.
        auto *table = window.findChild<QTableView *>(QStringLiteral("caseloadTableView"));
        CaseloadModel *model = window.caseloadModel();
        int picked = 0;
        for (int row = 0; row < model->rowCount() && picked < 3; ++row) {
            if (model->data(model->index(row, 0), CaseloadModel::CounselorUserRole).toString() ==
                QStringLiteral("agarcia")) {
                table->selectionModel()->select(
                    model->index(row, 0), QItemSelectionModel::Select | QItemSelectionModel::Rows);
                ++picked;
            }
        }
        if (!save(&window, QStringLiteral("main-window-supervisor") + suffix))
            return false;
        const QVector<qint64> ids = window.selectedIds();
        ReassignDialog reassign(m_db, ids, QStringList(ids.size(), QStringLiteral("agarcia")),
                                &window);
        reassign.setTarget(QStringLiteral("bnguyen"));
        reassign.show();
        if (!saveOver(&window, &reassign, QStringLiteral("reassign") + suffix))
            return false;
        reassign.hide();

        // The dashboard with one counselor's overdue clients listed.
        DashboardWindow *dashboard = window.showDashboard();
        settle();
        auto *figures = dashboard->findChild<QTableView *>(QStringLiteral("dashboardTableView"));
        const int row = dashboard->tableModel()->rowOfKey(QStringLiteral("dmuller"));
        if (figures && row >= 0)
            figures->setCurrentIndex(
                dashboard->tableModel()->index(row, DashboardTableModel::OverdueClientsColumn));
        if (!save(dashboard, QStringLiteral("dashboard") + suffix))
            return false;
        dashboard->close();
        settle();

        // The audit trail of the client the counselor worked on.
        AuditViewer *audit = window.showAuditTrail();
        if (m_exampleClient > 0)
            audit->showClient(m_exampleClient);
        if (!save(audit, QStringLiteral("audit-trail") + suffix))
            return false;
        audit->close();
        settle();
        return true;
    });
}

bool ScreenshotTour::adminScreens()
{
    if (!signIn(QStringLiteral("admin")))
        return false;
    return withMainWindow(m_db, m_engine, [&](MainWindow &window, const QString &suffix) {
        UsersDialog users(m_db, &window);
        users.select(QStringLiteral("bnguyen"));
        users.show();
        if (!saveOver(&window, &users, QStringLiteral("users") + suffix))
            return false;
        users.hide();
        AgencySettingsDialog agency(m_db, &window);
        // An example, shown and not saved.
        agency.findChild<QLineEdit *>(QStringLiteral("agencyNameLineEdit"))
            ->setText(QStringLiteral("Harbour Employment Services"));
        agency.show();
        settle();
        deselect(&agency);
        if (!saveOver(&window, &agency, QStringLiteral("agency-settings") + suffix))
            return false;
        agency.hide();
        return true;
    });
}

} // namespace pathway
