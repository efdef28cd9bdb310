#pragma once

#include "pathway/core/Result.h"
#include "pathway/report/PlanDocument.h"
#include "pathway/storage/PrintablePlan.h"

#include <QCoreApplication>
#include <QDate>
#include <QString>
#include <QVector>

#include <memory>

class QPrinter;
class QWidget;

namespace pathway {

class Database;
class StrategyEngine;

// The questions printing asks the counselor: the default asks with
// QMessageBox and QFileDialog; tests answer them instead.
class PrintPrompts
{
    Q_DECLARE_TR_FUNCTIONS(PrintPrompts)
public:
    enum class ExportMode
    {
        Cancel,
        OnePerClient,
        Combined
    };
    virtual ~PrintPrompts() = default;
    // One PDF per client or one combined PDF for `clients` plans.
    virtual ExportMode exportMode(QWidget *parent, int clients);
    // The PDF file to write, starting from `suggested`; empty when cancelled.
    virtual QString pdfFileName(QWidget *parent, const QString &suggested);
    // The folder for one PDF per client; empty when cancelled.
    virtual QString folder(QWidget *parent);
    // Lets the counselor choose and set up `printer` (the print dialog);
    // false when cancelled.
    virtual bool setUpPrinter(QWidget *parent, QPrinter &printer);
};

// Print preview, printing and PDF export of clients' plans, with the
// documents built by printablePlan() and PlanDocument. Errors are shown with
// ErrorDialog on `parent`; long runs show a progress dialog that can be
// cancelled.
class PlanPrinting
{
    Q_DECLARE_TR_FUNCTIONS(PlanPrinting)
public:
    PlanPrinting(Database &db, const StrategyEngine &engine, const QDate &today,
                 std::shared_ptr<PrintPrompts> prompts, QWidget *parent);

    // The document of client `id`: its current plan, or today's proposal
    // marked Draft; recorded in the audit trail as `use`.
    Result<PlanDocument> document(qint64 clientId, PrintUse use) const;

    void preview(qint64 clientId);
    // Asks for a printer, then prints every plan on it.
    void print(const QVector<qint64> &clientIds);
    // Asks for a file and exports one plan; a status line, empty when nothing
    // was written.
    QString exportPdf(qint64 clientId);
    // Asks one PDF per client (into a folder) or one combined PDF, then
    // exports; a status line saying how many plans were written.
    QString exportPdfs(const QVector<qint64> &clientIds);

private:
    QString exportEach(const QVector<qint64> &clientIds);
    QString exportCombined(const QVector<qint64> &clientIds);

    Database &m_db;
    const StrategyEngine &m_engine;
    QDate m_today;
    std::shared_ptr<PrintPrompts> m_prompts;
    QWidget *m_parent;
};

} // namespace pathway
