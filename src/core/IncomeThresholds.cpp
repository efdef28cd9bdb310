#include "pathway/core/IncomeThresholds.h"

#include "pathway/core/JsonInput.h"

#include "pathway/core/Client.h"

#include <QFile>
#include <QObject>

#include <nlohmann/json.hpp>

#include <cmath>

namespace pathway {

namespace {
constexpr const char *kBoundKeys[4] = {"low", "lower_middle", "middle", "upper_middle"};
}

const IncomeThresholds &IncomeThresholds::builtIn()
{
    static const IncomeThresholds instance = [] {
        auto loaded = fromFile(QStringLiteral(":/pathway/income_thresholds.json"));
        // The resource is compiled in and tested; failing here is a build defect.
        Q_ASSERT(loaded.ok());
        return loaded.ok() ? loaded.value() : IncomeThresholds{};
    }();
    return instance;
}

Result<IncomeThresholds> IncomeThresholds::fromFile(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        return Error{Error::Code::Io, QObject::tr("Cannot read the income thresholds file %1: %2")
                                          .arg(path, file.errorString())};
    }
    return fromJson(file.readAll(), path);
}

Result<IncomeThresholds> IncomeThresholds::fromJson(const QByteArray &text, const QString &origin)
{
    auto fail = [&origin](const QString &what) {
        return Error{Error::Code::Invalid,
                     QObject::tr("Income thresholds file %1: %2").arg(origin, what)};
    };
    auto parsed = jsoninput::parse(text, QObject::tr("Income thresholds file %1").arg(origin));
    if (!parsed)
        return parsed.error();
    const nlohmann::json &doc = parsed.value();
    if (!doc.is_object())
        return fail(QObject::tr("not a JSON object"));

    IncomeThresholds t;
    t.m_origin = origin;
    const auto size = doc.find("reference_household_size");
    const auto reference = size == doc.end() ? std::nullopt : jsoninput::integer(*size, 1, 100);
    if (!reference)
        return fail(
            QObject::tr("\"reference_household_size\" must be a whole number from 1 to 100"));
    t.m_referenceSize = int(*reference);

    const auto currency = doc.find("currency");
    if (currency != doc.end() && currency->is_string())
        t.m_currency = QString::fromStdString(currency->get<std::string>().substr(0, 16));

    const auto bounds = doc.find("upper_bounds");
    if (bounds == doc.end() || !bounds->is_object())
        return fail(QObject::tr("\"upper_bounds\" must be an object with low, lower_middle, "
                                "middle and upper_middle"));
    double previous = 0;
    for (int i = 0; i < 4; ++i) {
        const auto it = bounds->find(kBoundKeys[i]);
        if (it == bounds->end() || !it->is_number() || it->get<double>() <= previous) {
            return fail(QObject::tr("\"upper_bounds.%1\" must be a number greater than the "
                                    "bound before it")
                            .arg(QLatin1String(kBoundKeys[i])));
        }
        t.m_bounds[size_t(i)] = previous = it->get<double>();
    }
    return t;
}

Result<IncomeThresholds> IncomeThresholds::forAgency()
{
    const QString path = qEnvironmentVariable("PATHWAY_THRESHOLDS");
    if (path.isEmpty())
        return builtIn();
    return fromFile(path);
}

IncomeThresholds IncomeThresholds::forAgencyOrBuiltIn()
{
    auto thresholds = forAgency();
    if (thresholds)
        return thresholds.value();
    IncomeThresholds fallback = builtIn();
    fallback.m_fallbackReason =
        QObject::tr("The agency's income thresholds file could not be used, so income brackets "
                    "are worked out from the bands built into Pathway until it is mended. %1")
            .arg(thresholds.error().message);
    return fallback;
}

double IncomeThresholds::adjustedIncome(qint64 annualIncome, int householdSize) const
{
    const int size = householdSize < 1 ? 1 : householdSize;
    return double(annualIncome) * std::sqrt(double(m_referenceSize) / double(size));
}

IncomeBracket IncomeThresholds::bracketFor(qint64 annualIncome, int householdSize) const
{
    const double adjusted = adjustedIncome(annualIncome, householdSize);
    for (size_t i = 0; i < m_bounds.size(); ++i) {
        if (adjusted < m_bounds[i])
            return IncomeBracket(int(i));
    }
    return IncomeBracket::High;
}

IncomeBracket IncomeThresholds::bracketFor(const Client &client) const
{
    if (client.incomeBracketOverride)
        return *client.incomeBracketOverride;
    return bracketFor(client.annualIncome, client.householdSize);
}

} // namespace pathway
