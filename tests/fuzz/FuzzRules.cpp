// libFuzzer target: the strategy rule file loader (and, for files it takes,
// the engine over a sample profile).
#include "pathway/core/IncomeThresholds.h"
#include "pathway/core/RuleBase.h"
#include "pathway/core/StrategyEngine.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray text(reinterpret_cast<const char *>(data), qsizetype(size));
    auto rules = pathway::RuleBase::fromJson(text, QStringLiteral("fuzz.json"));
    if (rules) {
        static const auto thresholds = pathway::IncomeThresholds::builtIn();
        const pathway::StrategyEngine engine(rules.value(), thresholds);
        pathway::Client client;
        client.firstName = QStringLiteral("Ana");
        client.lastName = QStringLiteral("Fuzz");
        client.householdSize = 2;
        client.annualIncome = 30000;
        (void)engine.propose(client, QDate(2026, 11, 23));
    }
    return 0;
}
