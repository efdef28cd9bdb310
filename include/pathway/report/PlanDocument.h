#pragma once

#include "pathway/core/Client.h"
#include "pathway/core/Plan.h"
#include "pathway/core/Result.h"
#include "pathway/report/ReportSettings.h"

#include <QDate>
#include <QLocale>
#include <QPageLayout>
#include <QString>

#include <memory>

class QPagedPaintDevice;
class QPainter;

namespace pathway {

class PageFlow;

// A client's career plan as a printed document: the agency's name and logo,
// who the plan is for and who helps, the client's goals and what we will work
// on together, the steps by phase (what, why, by when, who helps), the next
// twelve weeks at a glance, room for notes, and signature lines; every page
// carries the client's name and "Page N of M". Text is set in DejaVu Sans so
// that every name prints and the layout is the same on every machine.
//
// A plain value: it keeps copies of what it prints. Laying out and painting
// need a QGuiApplication (fonts).
class PlanDocument
{
public:
    // `counselorName` is the display name printed as the counselor; `printedOn`
    // is the date on the document and the first week of the timeline; dates
    // are written in `locale`'s long form.
    PlanDocument(Client client, Plan plan, QString counselorName, ReportSettings settings,
                 QDate printedOn = QDate::currentDate(), QLocale locale = QLocale());

    // The paper (from the settings) and margins the document is designed for;
    // a printer dialog may start from it.
    QPageLayout pageLayout() const;

    // Paints every page onto `device` (a QPdfWriter or a QPrinter), using the
    // device's own page layout. Returns the number of pages; an error when the
    // font is not installed, the agency logo cannot be read, or the device
    // cannot be painted on.
    Result<int> paint(QPagedPaintDevice &device) const;
    // The same with `painter`, already active on `device` and left active, so
    // that several plans go into one PDF or print job; the plan starts on a
    // new page when `startOnNewPage` (every plan after the first).
    Result<int> paint(QPainter &painter, QPagedPaintDevice &device, bool startOnNewPage) const;

    // Writes the document as a PDF to `path`, atomically and readable by the
    // owner only (0600): the file is complete or untouched. Returns the number
    // of pages; an Io error naming the file when it cannot be written (no
    // partial file is left behind), or an error as for paint().
    Result<int> writePdf(const QString &path) const;

    // How many pages the document takes on the paper of pageLayout(); an error
    // as for paint().
    Result<int> pageCount() const;

    // The timeline's length, in weeks from the week of printedOn.
    static constexpr int kTimelineWeeks = 12;
    // The font every word is printed in.
    static QString fontFamily();

private:
    // The document's blocks on pages of `area` (layout units, 1/96 inch); an
    // error as for paint().
    Result<std::unique_ptr<PageFlow>> layOut(const QSizeF &area) const;

    Client m_client;
    Plan m_plan;
    QString m_counselor;
    ReportSettings m_settings;
    QDate m_printedOn;
    QLocale m_locale;
};

} // namespace pathway
