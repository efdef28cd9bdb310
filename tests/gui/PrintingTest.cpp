#include "AccountTestSupport.h"
#include "GuiSupport.h"
#include "StorageSupport.h"
#include "TestSupport.h"
#include "WindowChecks.h"

#include "MainWindow.h"
#include "PlanPrinting.h"
#include "models/CaseloadModel.h"
#include "pathway/core/IncomeThresholds.h"
#include "pathway/core/StrategyEngine.h"
#include "pathway/report/PlanFileName.h"
#include "pathway/storage/AuditLog.h"
#include "pathway/storage/ClientRepository.h"
#include "pathway/storage/Database.h"
#include "pathway/storage/DemoData.h"
#include "pathway/storage/PlanRepository.h"
#include "pathway/storage/PrintablePlan.h"
#include "workspace/ClientWindow.h"

#include <QAction>
#include <QComboBox>
#include <QDir>
#include <QFile>
#include <QPrintPreviewWidget>
#include <QPrinter>
#include <QProcess>
#include <QProgressDialog>
#include <QRegularExpression>
#include <QStatusBar>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

#include <catch2/catch.hpp>

using namespace pathway;

namespace {

// Answers printing's questions as a counselor would have.
struct ScriptedPrompts : PrintPrompts
{
    ExportMode mode = ExportMode::Combined;
    QString file;
    QString dir;
    int asked = 0;

    ExportMode exportMode(QWidget *, int) override
    {
        ++asked;
        return mode;
    }
    QString pdfFileName(QWidget *, const QString &) override { return file; }
    QString folder(QWidget *) override { return dir; }
    // Prints to a PDF file instead of a printer.
    bool setUpPrinter(QWidget *, QPrinter &printer) override
    {
        printer.setOutputFormat(QPrinter::PdfFormat);
        printer.setOutputFileName(printed);
        return !printed.isEmpty();
    }
    QString printed;
};

// The text of a PDF without white space and hyphens, so that a name wrapped
// over lines still matches.
QString pdfText(const QString &path)
{
    QProcess p;
    p.start(QStringLiteral("pdftotext"),
            {QStringLiteral("-enc"), QStringLiteral("UTF-8"), path, QStringLiteral("-")});
    REQUIRE(p.waitForFinished(60000));
    REQUIRE(p.exitCode() == 0);
    return QString::fromUtf8(p.readAllStandardOutput())
        .remove(QRegularExpression(QStringLiteral("[\\s-]+")));
}

int pdfPages(const QString &path)
{
    QProcess p;
    p.start(QStringLiteral("pdfinfo"), {path});
    REQUIRE(p.waitForFinished(60000));
    const auto match = QRegularExpression(QStringLiteral("Pages:\\s+(\\d+)"))
                           .match(QString::fromUtf8(p.readAllStandardOutput()));
    return match.hasMatch() ? match.captured(1).toInt() : -1;
}

QString squeeze(QString text)
{
    return text.remove(QRegularExpression(QStringLiteral("[\\s-]+")));
}

bool ownerOnly(const QString &path)
{
    const QFileDevice::Permissions p = QFile(path).permissions();
    const QFileDevice::Permissions others = QFileDevice::ReadGroup | QFileDevice::WriteGroup |
                                            QFileDevice::ExeGroup | QFileDevice::ReadOther |
                                            QFileDevice::WriteOther | QFileDevice::ExeOther |
                                            QFileDevice::ExeOwner;
    return p.testFlag(QFileDevice::ReadOwner) && p.testFlag(QFileDevice::WriteOwner) &&
           !(p & others);
}

// Selects rows `rows` of the caseload table as the counselor does: a click on
// the first, Ctrl+click on the others.
void selectRows(QTableView *table, const QVector<int> &rows)
{
    for (int i = 0; i < rows.size(); ++i) {
        const QRect cell = table->visualRect(table->model()->index(rows.at(i), 0));
        QTest::mouseClick(table->viewport(), Qt::LeftButton,
                          i == 0 ? Qt::NoModifier : Qt::ControlModifier, cell.center());
    }
}

struct Fixture
{
    QTemporaryDir dir;
    std::unique_ptr<Database> db;
    StrategyEngine engine{RuleBase::builtIn(), IncomeThresholds::builtIn()};

    Fixture()
    {
        auto opened = test::openAsSystem(dir.filePath(QStringLiteral("p.sqlite")));
        REQUIRE(opened.ok());
        db = std::move(opened).value();
        REQUIRE(addDemoCaseload(*db, engine, 6, 5, test::today()).ok());
    }

    QString name(qint64 id)
    {
        auto c = ClientRepository(*db, IncomeThresholds::builtIn()).get(id);
        REQUIRE(c.ok());
        return c->fullName();
    }
    QString fileName(qint64 id)
    {
        auto c = ClientRepository(*db, IncomeThresholds::builtIn()).get(id);
        REQUIRE(c.ok());
        return planPdfFileName(c.value());
    }
};

} // namespace

TEST_CASE("The printable plan of a client without a stored plan is today's Draft")
{
    Fixture f;
    ClientRepository clients(*f.db, IncomeThresholds::builtIn());
    auto added = clients.add(test::sampleClient());
    REQUIRE(added.ok());
    const qint64 id = added.value();
    auto before = PlanRepository(*f.db).current(id);
    REQUIRE(before.ok());
    REQUIRE_FALSE(before->has_value());

    auto draft = printablePlan(*f.db, f.engine, id, test::today(), PrintUse::Preview);
    REQUIRE(draft.ok());
    CHECK(draft->isDraft);
    CHECK(draft->client.id == id);
    CHECK_FALSE(draft->plan.steps.isEmpty());
    CHECK_FALSE(draft->counselorName.isEmpty());
    // Printing never stores a plan.
    auto after = PlanRepository(*f.db).current(id);
    REQUIRE(after.ok());
    CHECK_FALSE(after->has_value());

    auto stored = printablePlan(*f.db, f.engine, 1, test::today(), PrintUse::Preview);
    REQUIRE(stored.ok());
    CHECK_FALSE(stored->isDraft);
    auto current = PlanRepository(*f.db).current(1);
    REQUIRE(current.ok());
    REQUIRE(current->has_value());
    CHECK(stored->plan.version == (*current)->version);

    CHECK_FALSE(printablePlan(*f.db, f.engine, 9999, test::today(), PrintUse::Preview).ok());
}

TEST_CASE("Export PDFs writes the plans of the selected clients")
{
    Fixture f;
    MainWindow window(*f.db, f.engine);
    window.setToday(test::today());
    auto prompts = std::make_shared<ScriptedPrompts>();
    window.setPrintPrompts(prompts);
    window.show();
    REQUIRE(QTest::qWaitForWindowExposed(&window));
    window.findChild<QComboBox *>(QStringLiteral("statusComboBox"))->setCurrentIndex(0);
    CaseloadModel *model = window.caseloadModel();
    REQUIRE(model->rowCount() == 6);
    auto *table = window.findChild<QTableView *>(QStringLiteral("caseloadTableView"));
    REQUIRE(table);
    auto *exportPdfs = window.findChild<QAction *>(QStringLiteral("exportPdfsAction"));
    REQUIRE(exportPdfs);
    CHECK_FALSE(exportPdfs->isEnabled());

    selectRows(table, {0, 2, 4});
    const QVector<qint64> ids = {model->clientId(0), model->clientId(2), model->clientId(4)};
    REQUIRE(window.selectedIds() == ids);
    CHECK(exportPdfs->isEnabled());
    QTemporaryDir out;

    SECTION("one PDF per client")
    {
        prompts->mode = PrintPrompts::ExportMode::OnePerClient;
        prompts->dir = out.path();
        exportPdfs->trigger();
        CHECK(prompts->asked == 1);
        CHECK(QDir(out.path()).entryList(QDir::Files).size() == 3);
        for (const qint64 id : ids) {
            const QString path = QDir(out.path()).filePath(f.fileName(id));
            REQUIRE(QFile::exists(path));
            CHECK(ownerOnly(path));
            const QString text = pdfText(path);
            CHECK(text.contains(squeeze(f.name(id))));
            for (const qint64 other : ids)
                if (other != id)
                    CHECK_FALSE(text.contains(squeeze(f.name(other))));
        }
        CHECK(window.statusBar()->currentMessage().startsWith(QStringLiteral("Exported 3 of 3")));
    }

    SECTION("one combined PDF, each client from a new page")
    {
        prompts->mode = PrintPrompts::ExportMode::Combined;
        prompts->file = out.filePath(QStringLiteral("plans.pdf"));
        exportPdfs->trigger();
        REQUIRE(QFile::exists(prompts->file));
        CHECK(ownerOnly(prompts->file));
        const QString text = pdfText(prompts->file);
        int pages = 0;
        for (const qint64 id : ids) {
            CHECK(text.contains(squeeze(f.name(id))));
            auto doc = PlanPrinting(*f.db, f.engine, test::today(), prompts, &window)
                           .document(id, PrintUse::Pdf);
            REQUIRE(doc.ok());
            auto count = doc->pageCount();
            REQUIRE(count.ok());
            pages += count.value();
        }
        // Each plan starts on a page of its own: no page is shared.
        CHECK(pdfPages(prompts->file) == pages);
        CHECK(QDir(out.path()).entryList(QDir::Files) == QStringList{QStringLiteral("plans.pdf")});
    }

    SECTION("a cancelled combined export leaves no file")
    {
        prompts->mode = PrintPrompts::ExportMode::Combined;
        prompts->file = out.filePath(QStringLiteral("plans.pdf"));
        bool seen = false;
        test::onNextModal(
            [](QWidget *modal) {
                if (auto *progress = qobject_cast<QProgressDialog *>(modal))
                    progress->cancel();
            },
            &seen);
        exportPdfs->trigger();
        CHECK(seen);
        CHECK_FALSE(QFile::exists(prompts->file));
        CHECK(QDir(out.path()).entryList(QDir::Files | QDir::Hidden).isEmpty());
        CHECK(window.statusBar()->currentMessage() ==
              QStringLiteral("Export cancelled; no file was written."));
    }

    SECTION("a cancelled export of one PDF per client keeps the files written and says how many")
    {
        prompts->mode = PrintPrompts::ExportMode::OnePerClient;
        prompts->dir = out.path();
        bool seen = false;
        test::onNextModal(
            [](QWidget *modal) {
                if (auto *progress = qobject_cast<QProgressDialog *>(modal))
                    progress->cancel();
            },
            &seen);
        exportPdfs->trigger();
        CHECK(seen);
        const auto written = QDir(out.path()).entryList(QDir::Files);
        CHECK(written.size() < 3);
        CHECK(window.statusBar()->currentMessage() ==
              QStringLiteral("Exported %1 of 3 plans to %2. Cancelled.")
                  .arg(written.size())
                  .arg(QDir::toNativeSeparators(out.path())));
    }

    SECTION("Print prints every selected plan on the chosen printer")
    {
        prompts->printed = out.filePath(QStringLiteral("printed.pdf"));
        auto *print = window.findChild<QAction *>(QStringLiteral("printAction"));
        REQUIRE(print);
        REQUIRE(print->isEnabled());
        print->trigger();
        REQUIRE(QFile::exists(prompts->printed));
        const QString text = pdfText(prompts->printed);
        for (const qint64 id : ids)
            CHECK(text.contains(squeeze(f.name(id))));
        CHECK(pdfPages(prompts->printed) >= 3);
    }

    SECTION("choosing Cancel writes nothing")
    {
        prompts->mode = PrintPrompts::ExportMode::Cancel;
        prompts->file = out.filePath(QStringLiteral("plans.pdf"));
        prompts->dir = out.path();
        exportPdfs->trigger();
        CHECK(prompts->asked == 1);
        CHECK(QDir(out.path()).entryList(QDir::Files).isEmpty());
    }
}

TEST_CASE("The client window exports its plan and offers preview and print")
{
    Fixture f;
    MainWindow window(*f.db, f.engine);
    window.setToday(test::today());
    const qint64 id = window.caseloadModel()->clientId(1);
    ClientWindow *client = window.openClient(id);
    REQUIRE(client);
    auto prompts = std::make_shared<ScriptedPrompts>();
    client->setPrintPrompts(prompts);
    QTemporaryDir out;
    prompts->file = out.filePath(f.fileName(id));

    auto *preview = client->findChild<QAction *>(QStringLiteral("printPreviewAction"));
    auto *print = client->findChild<QAction *>(QStringLiteral("printAction"));
    auto *exportPdf = client->findChild<QAction *>(QStringLiteral("exportPdfAction"));
    REQUIRE(preview);
    REQUIRE(print);
    REQUIRE(exportPdf);
    CHECK(preview->shortcut() == QKeySequence(QStringLiteral("Ctrl+Shift+P")));
    CHECK(print->shortcut() == QKeySequence(QKeySequence::Print));
    CHECK(print->isEnabled());

    exportPdf->trigger();
    REQUIRE(QFile::exists(prompts->file));
    CHECK(ownerOnly(prompts->file));
    CHECK(pdfText(prompts->file).contains(squeeze(f.name(id))));
    CHECK(client->statusBar()->currentMessage().startsWith(QStringLiteral("Exported the plan")));

    // A file dialog closed without a name writes nothing.
    prompts->file.clear();
    QFile::remove(out.filePath(f.fileName(id)));
    exportPdf->trigger();
    CHECK(QDir(out.path()).entryList(QDir::Files).isEmpty());
    client->close();
}

TEST_CASE("Print preview opens large enough to read a page, and is recorded as a preview")
{
    Fixture f;
    MainWindow window(*f.db, f.engine);
    window.setToday(test::today());
    const qint64 id = window.caseloadModel()->clientId(0);
    ClientWindow *client = window.openClient(id);
    REQUIRE(client);
    REQUIRE(test::activate(client));

    bool seen = false;
    QSize size;
    qreal zoom = 0;
    QStringList problems;
    test::onNextModal(
        [&](QWidget *dialog) {
            auto *preview = dialog->findChild<QPrintPreviewWidget *>();
            REQUIRE(preview);
            // Once laid out, the page is as wide as the window.
            (void)test::eventually([&] { return preview->zoomFactor() > 0.5; }, 2000);
            size = dialog->size();
            zoom = preview->zoomFactor();
            problems = test::windowProblems(dialog);
            static_cast<QDialog *>(dialog)->reject();
        },
        &seen);
    client->findChild<QAction *>(QStringLiteral("printPreviewAction"))->trigger();
    REQUIRE(seen);
    INFO(problems.join(QStringLiteral("; ")).toStdString());
    CHECK(problems.isEmpty());
    // Qt's own default is 692 x 512 at 38 %: too small to read.
    CHECK(size.width() >= 900);
    CHECK(size.height() >= 600);
    CHECK(zoom >= 0.9);

    // The preview is recorded as a preview; an exported PDF as an export.
    CHECK(test::scalar(*f.db,
                       QStringLiteral("SELECT count(*) FROM audit_log WHERE action = ? AND "
                                      "entity = 'client' AND record_id = ?"),
                       {auditActionCode(AuditAction::PrintPreview), id}) == 1);
    CHECK(test::scalar(*f.db,
                       QStringLiteral("SELECT count(*) FROM audit_log WHERE action = ? AND "
                                      "record_id = ?"),
                       {auditActionCode(AuditAction::Print), id}) == 0);
    auto prompts = std::make_shared<ScriptedPrompts>();
    client->setPrintPrompts(prompts);
    QTemporaryDir out;
    prompts->file = out.filePath(f.fileName(id));
    client->findChild<QAction *>(QStringLiteral("exportPdfAction"))->trigger();
    REQUIRE(QFile::exists(prompts->file));
    CHECK(test::text(*f.db,
                     QStringLiteral("SELECT detail FROM audit_log WHERE action = ? AND "
                                    "record_id = ?"),
                     {auditActionCode(AuditAction::Export), id})
              .startsWith(QStringLiteral("PDF, ")));
    CHECK(test::scalar(*f.db,
                       QStringLiteral("SELECT count(*) FROM audit_log WHERE action = ? AND "
                                      "record_id = ?"),
                       {auditActionCode(AuditAction::Print), id}) == 0);
    client->close();
}
