#include "TestSupport.h"

#include "pathway/core/DemoGenerator.h"
#include "pathway/core/IncomeThresholds.h"
#include "pathway/core/Validation.h"

#include <QSet>

#include <catch2/catch.hpp>

using namespace pathway;

TEST_CASE("The demo caseload is deterministic")
{
    CHECK(demoCaseload(50, 7) == demoCaseload(50, 7));
    CHECK(demoCaseload(50, 7) != demoCaseload(50, 8));
    CHECK(demoClient(7, 42) == demoCaseload(50, 7).at(42));
}

TEST_CASE("Every demo client is valid and the mix is plausible")
{
    const QVector<Client> clients = demoCaseload(2000, 1);
    QSet<int> brackets;
    QSet<int> barriers;
    QSet<QString> counselors;
    int nonAscii = 0;
    int longTerm = 0;
    for (const Client &c : clients) {
        INFO(c.fullName().toStdString());
        REQUIRE(validateClient(c, QDate(2026, 11, 23)).isEmpty());
        brackets.insert(int(IncomeThresholds::builtIn().bracketFor(c)));
        for (const Barrier &b : c.barriers)
            barriers.insert(int(b.code));
        counselors.insert(c.counselor);
        bool ascii = true;
        for (QChar ch : c.fullName())
            ascii = ascii && ch.unicode() < 128;
        nonAscii += ascii ? 0 : 1;
        longTerm += c.isLongTermUnemployed() ? 1 : 0;
    }
    CHECK(brackets.size() == codeCount<IncomeBracket>());
    CHECK(barriers.size() == codeCount<BarrierCode>());
    CHECK(counselors.size() >= 4);
    CHECK(nonAscii > 100);
    CHECK(longTerm > 300);
    CHECK(longTerm < 1000);
}
