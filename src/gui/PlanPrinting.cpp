#include "PlanPrinting.h"
#include "pathway/core/PrivateFiles.h"

#include "ErrorDialog.h"
#include "WindowGeometry.h"
#include "pathway/report/PlanFileName.h"
#include "pathway/report/ReportSettings.h"
#include "pathway/storage/PrintablePlan.h"

#include <QAction>
#include <QDir>
#include <QFileDialog>
#include <QMessageBox>
#include <QPainter>
#include <QPdfWriter>
#include <QPrintDialog>
#include <QPrintPreviewDialog>
#include <QPrinter>
#include <QProgressDialog>
#include <QPushButton>
#include <QSaveFile>

namespace pathway {

namespace {

// A window-modal progress dialog over `parent` for `total` plans.
std::unique_ptr<QProgressDialog> progressDialog(QWidget *parent, const QString &label, int total)
{
    auto dialog =
        std::make_unique<QProgressDialog>(label, PlanPrinting::tr("Cancel"), 0, total, parent);
    dialog->setObjectName(QStringLiteral("printProgressDialog"));
    dialog->setWindowTitle(PlanPrinting::tr("Pathway"));
    dialog->setWindowModality(Qt::WindowModal);
    dialog->setAutoClose(false);
    dialog->setAutoReset(false);
    dialog->setMinimumDuration(0);
    dialog->show();
    return dialog;
}

// Moves `dialog` to `done` plans and lets the counselor press Cancel; true
// when they did.
bool advance(QProgressDialog &dialog, int done)
{
    dialog.setValue(done);
    QCoreApplication::processEvents();
    return dialog.wasCanceled();
}

} // namespace

PrintPrompts::ExportMode PrintPrompts::exportMode(QWidget *parent, int clients)
{
    QMessageBox box(QMessageBox::Question, tr("Export PDFs"),
                    tr("Export the plans of %1 clients as:").arg(clients), QMessageBox::Cancel,
                    parent);
    box.setObjectName(QStringLiteral("exportModeMessageBox"));
    QPushButton *each = box.addButton(tr("One PDF per client"), QMessageBox::AcceptRole);
    QPushButton *combined = box.addButton(tr("One combined PDF"), QMessageBox::AcceptRole);
    box.setDefaultButton(each);
    box.exec();
    if (box.clickedButton() == each)
        return ExportMode::OnePerClient;
    if (box.clickedButton() == combined)
        return ExportMode::Combined;
    return ExportMode::Cancel;
}

QString PrintPrompts::pdfFileName(QWidget *parent, const QString &suggested)
{
    QString path =
        QFileDialog::getSaveFileName(parent, tr("Export PDF"), suggested, tr("PDF files (*.pdf)"));
    if (!path.isEmpty() && !path.endsWith(QLatin1String(".pdf"), Qt::CaseInsensitive))
        path += QLatin1String(".pdf");
    return path;
}

QString PrintPrompts::folder(QWidget *parent)
{
    return QFileDialog::getExistingDirectory(parent, tr("Export PDFs into a folder"),
                                             QDir::homePath());
}

bool PrintPrompts::setUpPrinter(QWidget *parent, QPrinter &printer)
{
    QPrintDialog dialog(&printer, parent);
    dialog.setObjectName(QStringLiteral("printDialog"));
    return dialog.exec() == QDialog::Accepted;
}

PlanPrinting::PlanPrinting(Database &db, const StrategyEngine &engine, const QDate &today,
                           std::shared_ptr<PrintPrompts> prompts, QWidget *parent)
    : m_db(db), m_engine(engine), m_today(today),
      m_prompts(prompts ? std::move(prompts) : std::make_shared<PrintPrompts>()), m_parent(parent)
{}

Result<PlanDocument> PlanPrinting::document(qint64 clientId, PrintUse use) const
{
    auto settings = ReportSettings::load();
    if (!settings)
        return settings.error();
    auto printable = printablePlan(m_db, m_engine, clientId, m_today, use);
    if (!printable)
        return printable.error();
    return PlanDocument(printable->client, printable->plan, printable->counselorName,
                        settings.value(), m_today);
}

void PlanPrinting::preview(qint64 clientId)
{
    auto doc = document(clientId, PrintUse::Preview);
    if (!doc) {
        ErrorDialog::show(m_parent, tr("prepare the plan for printing"), doc.error());
        return;
    }
    QPrinter printer(QPrinter::HighResolution);
    printer.setPageLayout(doc->pageLayout());
    QPrintPreviewDialog dialog(&printer, m_parent);
    dialog.setObjectName(QStringLiteral("printPreviewDialog"));
    // Large enough to read a page: most of the screen, the page as wide as
    // the window (Qt's own default is a small window with the whole page in
    // it, about a third of its size).
    windowGeometry::place(&dialog, QByteArray(), QSizeF(0.75, 0.92), QSize(900, 600));
    if (auto *fitWidth = dialog.findChild<QAction *>(QStringLiteral("fitWidthAction")))
        fitWidth->trigger();
    std::optional<Error> failed;
    QObject::connect(&dialog, &QPrintPreviewDialog::paintRequested, &dialog,
                     [&doc, &failed](QPrinter *target) {
                         auto pages = doc->paint(*target);
                         if (!pages && !failed)
                             failed = pages.error();
                     });
    dialog.exec();
    if (failed)
        ErrorDialog::show(m_parent, tr("print the plan"), *failed);
}

void PlanPrinting::print(const QVector<qint64> &clientIds)
{
    if (clientIds.isEmpty())
        return;
    auto first = document(clientIds.first(), PrintUse::Paper);
    if (!first) {
        ErrorDialog::show(m_parent, tr("prepare the plan for printing"), first.error());
        return;
    }
    QPrinter printer(QPrinter::HighResolution);
    printer.setPageLayout(first->pageLayout());
    printer.setDocName(clientIds.size() == 1 ? tr("Career plan") : tr("Career plans"));
    if (!m_prompts->setUpPrinter(m_parent, printer))
        return;

    QPainter painter;
    if (!painter.begin(&printer)) {
        ErrorDialog::show(m_parent, tr("print"),
                          Error{Error::Code::Io, tr("The printer cannot be started.")});
        return;
    }
    auto progress = progressDialog(m_parent, tr("Printing plans…"), int(clientIds.size()));
    for (int i = 0; i < clientIds.size(); ++i) {
        if (advance(*progress, i)) {
            printer.abort();
            return;
        }
        auto doc = i == 0 ? std::move(first) : document(clientIds.at(i), PrintUse::Paper);
        Result<int> pages = doc ? doc->paint(painter, printer, i > 0) : Result<int>(doc.error());
        if (!pages) {
            printer.abort();
            progress.reset();
            ErrorDialog::show(m_parent, tr("print the plans"), pages.error());
            return;
        }
    }
    painter.end();
}

QString PlanPrinting::exportPdf(qint64 clientId)
{
    auto settings = ReportSettings::load();
    auto printable = settings ? printablePlan(m_db, m_engine, clientId, m_today, PrintUse::Pdf)
                              : Result<PrintablePlan>(settings.error());
    if (!printable) {
        ErrorDialog::show(m_parent, tr("prepare the plan for printing"), printable.error());
        return {};
    }
    const QString path =
        m_prompts->pdfFileName(m_parent, QDir::home().filePath(planPdfFileName(printable->client)));
    if (path.isEmpty())
        return {};
    auto pages = PlanDocument(printable->client, printable->plan, printable->counselorName,
                              settings.value(), m_today)
                     .writePdf(path);
    if (!pages) {
        ErrorDialog::show(m_parent, tr("export the plan"), pages.error());
        return {};
    }
    return tr("Exported the plan to %1.").arg(QDir::toNativeSeparators(path));
}

QString PlanPrinting::exportPdfs(const QVector<qint64> &clientIds)
{
    if (clientIds.isEmpty())
        return {};
    if (clientIds.size() == 1)
        return exportPdf(clientIds.first());
    switch (m_prompts->exportMode(m_parent, int(clientIds.size()))) {
    case PrintPrompts::ExportMode::OnePerClient:
        return exportEach(clientIds);
    case PrintPrompts::ExportMode::Combined:
        return exportCombined(clientIds);
    case PrintPrompts::ExportMode::Cancel:
        break;
    }
    return {};
}

QString PlanPrinting::exportEach(const QVector<qint64> &clientIds)
{
    const QString folder = m_prompts->folder(m_parent);
    if (folder.isEmpty())
        return {};
    const QDir dir(folder);
    const int total = int(clientIds.size());
    auto summary = [&](int written) {
        return tr("Exported %1 of %2 plans to %3.")
            .arg(written)
            .arg(total)
            .arg(QDir::toNativeSeparators(folder));
    };
    auto settings = ReportSettings::load();
    if (!settings) {
        ErrorDialog::show(m_parent, tr("export the plans"), settings.error());
        return {};
    }
    auto progress = progressDialog(m_parent, tr("Exporting plans…"), total);
    for (int i = 0; i < total; ++i) {
        if (advance(*progress, i))
            return summary(i) + QLatin1Char(' ') + tr("Cancelled.");
        auto printable = printablePlan(m_db, m_engine, clientIds.at(i), m_today, PrintUse::Pdf);
        Result<int> pages = 0;
        if (printable)
            pages = PlanDocument(printable->client, printable->plan, printable->counselorName,
                                 settings.value(), m_today)
                        .writePdf(dir.filePath(planPdfFileName(printable->client)));
        else
            pages = printable.error();
        if (!pages) {
            progress.reset();
            ErrorDialog::show(
                m_parent, tr("export the plans"),
                Error{pages.error().code, pages.error().message + QLatin1Char('\n') + summary(i)});
            return summary(i);
        }
    }
    progress->setValue(total);
    return summary(total);
}

QString PlanPrinting::exportCombined(const QVector<qint64> &clientIds)
{
    const QString path =
        m_prompts->pdfFileName(m_parent, QDir::home().filePath(tr("Career plans.pdf")));
    if (path.isEmpty())
        return {};
    const int total = int(clientIds.size());
    auto fail = [this, &path](const Error &error) {
        ErrorDialog::show(
            m_parent, tr("export the plans"),
            Error{error.code, tr("Cannot write %1: %2; nothing was written")
                                  .arg(QDir::toNativeSeparators(path), error.message)});
        return QString();
    };
    QSaveFile file(path);
    if (const Status opened = privatefiles::open(file); !opened)
        return fail(opened.error());
    auto progress = progressDialog(m_parent, tr("Exporting plans…"), total);
    {
        QPdfWriter writer(&file);
        writer.setCreator(QStringLiteral("Pathway"));
        writer.setTitle(tr("Career plans"));
        QPainter painter;
        for (int i = 0; i < total; ++i) {
            if (advance(*progress, i)) {
                if (painter.isActive())
                    painter.end();
                file.cancelWriting();
                return tr("Export cancelled; no file was written.");
            }
            auto doc = document(clientIds.at(i), PrintUse::Pdf);
            Result<int> pages = 0;
            if (doc && i == 0) {
                writer.setPageLayout(doc->pageLayout());
                if (!painter.begin(&writer))
                    pages = Error{Error::Code::Io, tr("The PDF cannot be started.")};
            }
            if (!doc)
                pages = doc.error();
            else if (pages)
                pages = doc->paint(painter, writer, i > 0);
            if (!pages) {
                if (painter.isActive())
                    painter.end();
                file.cancelWriting();
                progress.reset();
                return fail(pages.error());
            }
        }
        if (!painter.end()) {
            file.cancelWriting();
            progress.reset();
            return fail(Error{Error::Code::Io, tr("The PDF cannot be finished.")});
        }
    }
    progress->setValue(total);
    if (!file.commit()) {
        progress.reset();
        return fail(Error{Error::Code::Io, file.errorString()});
    }
    return tr("Exported %1 plans to %2.").arg(total).arg(QDir::toNativeSeparators(path));
}

} // namespace pathway
