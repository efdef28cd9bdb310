#include "pathway/report/ReportSettings.h"

#include <QObject>
#include <QSettings>

#include <algorithm>
#include <iterator>

namespace pathway {

namespace {
const QString kNameKey = QStringLiteral("agency/name");
const QString kLogoKey = QStringLiteral("agency/logo");
const QString kPageSizeKey = QStringLiteral("agency/pageSize");

// CLDR's supplemental paper sizes: every territory not listed uses A4.
constexpr QLocale::Territory kLetterTerritories[] = {
    QLocale::UnitedStates, QLocale::Canada,    QLocale::Mexico,    QLocale::Belize,
    QLocale::Chile,        QLocale::Colombia,  QLocale::CostaRica, QLocale::ElSalvador,
    QLocale::Guatemala,    QLocale::Nicaragua, QLocale::Panama,    QLocale::Philippines,
    QLocale::PuertoRico,   QLocale::Venezuela,
};
} // namespace

QString paperSizeName(PaperSize size)
{
    return size == PaperSize::Letter ? QStringLiteral("Letter") : QStringLiteral("A4");
}

std::optional<PaperSize> paperSizeFromName(const QString &name)
{
    const QString n = name.trimmed();
    if (n.compare(QLatin1String("A4"), Qt::CaseInsensitive) == 0)
        return PaperSize::A4;
    if (n.compare(QLatin1String("Letter"), Qt::CaseInsensitive) == 0)
        return PaperSize::Letter;
    return std::nullopt;
}

PaperSize ReportSettings::defaultPaperSize(const QLocale &locale)
{
    const auto found =
        std::find(std::begin(kLetterTerritories), std::end(kLetterTerritories), locale.territory());
    return found != std::end(kLetterTerritories) ? PaperSize::Letter : PaperSize::A4;
}

Result<ReportSettings> ReportSettings::load(const QSettings &settings, const QLocale &locale)
{
    ReportSettings out;
    out.agencyName = settings.value(kNameKey).toString().trimmed();
    out.logoPath = settings.value(kLogoKey).toString().trimmed();
    out.paperSize = defaultPaperSize(locale);
    const QString size = settings.value(kPageSizeKey).toString();
    if (!size.trimmed().isEmpty()) {
        const auto parsed = paperSizeFromName(size);
        if (!parsed)
            return Error{Error::Code::Invalid,
                         QObject::tr("The setting %1 in %2 is \"%3\"; it must be A4 or Letter")
                             .arg(kPageSizeKey, settings.fileName(), size)};
        out.paperSize = *parsed;
    }
    return out;
}

Result<ReportSettings> ReportSettings::load()
{
    const QSettings settings;
    return load(settings);
}

void ReportSettings::save(QSettings &settings) const
{
    settings.setValue(kNameKey, agencyName);
    settings.setValue(kLogoKey, logoPath);
    settings.setValue(kPageSizeKey, paperSizeName(paperSize));
}

} // namespace pathway
