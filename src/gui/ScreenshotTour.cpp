#include "ScreenshotTour.h"

#include "MainWindow.h"
#include "intake/IntakeWizard.h"
#include "pathway/storage/CaseloadRepository.h"
#include "pathway/storage/Database.h"
#include "pathway/storage/DraftRepository.h"
#include "pathway/storage/NoteRepository.h"
#include "workspace/ClientWindow.h"
#include "workspace/PlanTab.h"

#include <QApplication>
#include <QDir>
#include <QPixmap>
#include <QTabWidget>
#include <QTableView>

namespace pathway {

namespace {
struct Size
{
    int width;
    int height;
};
const Size kSizes[] = {{1366, 768}, {1920, 1080}};

void settle()
{
    for (int i = 0; i < 5; ++i)
        QApplication::processEvents();
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
} // namespace

ScreenshotTour::ScreenshotTour(Database &db, const StrategyEngine &engine)
    : m_db(db), m_engine(engine)
{}

bool ScreenshotTour::save(QWidget *widget, const QString &name)
{
    settle();
    const QString path = QDir(m_directory).filePath(name + QStringLiteral(".png"));
    if (!widget->grab().save(path))
        return false;
    ++m_written;
    return true;
}

int ScreenshotTour::run(const QString &directory)
{
    m_directory = directory;
    if (!QDir().mkpath(directory))
        return -1;
    CaseloadFilter active;
    active.status = ClientStatus::Active;
    auto ids = CaseloadRepository(m_db).matchingIds(active);
    if (!ids || ids->isEmpty())
        return -1;

    // Two example contacts on the client shown, so the notes tab and the
    // caseload's last contact have something to show (the script runs on a
    // throwaway demo database).
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
            return -1;
    }

    static const char *const pageNames[] = {"identity", "household", "employment", "independence",
                                            "barriers", "goals",     "review"};
    for (const Size &size : kSizes) {
        const QString suffix = QStringLiteral("-%1x%2").arg(size.width).arg(size.height);
        MainWindow window(m_db, m_engine);
        window.resize(size.width, size.height);
        window.show();
        if (!save(&window, QStringLiteral("main-window") + suffix))
            return -1;

        // The intake: the wizard keeps its own size, which must fit the
        // smaller screen; shown over the main window as a counselor sees it.
        IntakeDraft example;
        example.label = QStringLiteral("Marisol Ortega Díaz");
        example.profile = exampleClient();
        IntakeWizard *wizard = window.startIntake();
        wizard->resume(example);
        wizard->resize(qMin(wizard->width(), size.width - 80),
                       qMin(wizard->height(), size.height - 80));
        for (int page = IntakeWizard::IdentityPageId; page <= IntakeWizard::ReviewPageId; ++page) {
            wizard->setCurrentId(page);
            if (!save(wizard,
                      QStringLiteral("intake-%1%2").arg(QLatin1String(pageNames[page]), suffix)))
                return -1;
        }
        wizard->hide();
        wizard->deleteLater();

        ClientWindow *client = window.openClient(ids->first());
        client->resize(size.width, size.height);
        client->tabs()->setCurrentIndex(ClientWindow::PlanTabIndex);
        client->planTab()->selectRow(1);
        if (!save(client, QStringLiteral("plan-tab") + suffix))
            return -1;
        client->tabs()->setCurrentIndex(ClientWindow::ProfileTabIndex);
        if (!save(client, QStringLiteral("profile-tab") + suffix))
            return -1;
        client->tabs()->setCurrentIndex(ClientWindow::NotesTabIndex);
        if (!save(client, QStringLiteral("notes-tab") + suffix))
            return -1;
        client->close();
        settle();
    }
    return m_written;
}

} // namespace pathway
