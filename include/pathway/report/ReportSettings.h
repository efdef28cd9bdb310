#pragma once

#include "pathway/core/Result.h"

#include <QLocale>
#include <QString>

#include <optional>

class QSettings;

namespace pathway {

// The paper a printed plan is laid out for.
enum class PaperSize
{
    A4,
    Letter
};

// "A4" or "Letter".
QString paperSizeName(PaperSize size);
// Parses "A4" or "Letter" (any case); nullopt for anything else.
std::optional<PaperSize> paperSizeFromName(const QString &name);

// What an agency sets once for every printed plan: its name, its logo and the
// paper size. The one place that knows the QSettings keys (agency/name,
// agency/logo, agency/pageSize); nothing else reads them by string.
struct ReportSettings
{
    QString agencyName; // empty: the plan prints without an agency line
    QString logoPath;   // empty: no logo
    PaperSize paperSize = PaperSize::A4;

    // Letter where that is the usual paper (the United States, Canada, Mexico
    // and the other countries that CLDR lists), A4 everywhere else.
    static PaperSize defaultPaperSize(const QLocale &locale = QLocale());

    // Reads the agency settings from `settings`, with the defaults above for
    // keys that are not set. Returns an Invalid error naming the key, the
    // value and the settings file when agency/pageSize is neither A4 nor Letter.
    static Result<ReportSettings> load(const QSettings &settings,
                                       const QLocale &locale = QLocale());
    // The same from the application's own settings (QSettings()).
    static Result<ReportSettings> load();

    // Writes the three keys (for the admin's settings page).
    void save(QSettings &settings) const;

    bool operator==(const ReportSettings &o) const
    {
        return agencyName == o.agencyName && logoPath == o.logoPath && paperSize == o.paperSize;
    }
};

} // namespace pathway
