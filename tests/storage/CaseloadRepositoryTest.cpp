#include "TestSupport.h"

#include "pathway/core/IncomeThresholds.h"
#include "pathway/storage/CaseloadRepository.h"
#include "pathway/storage/ClientRepository.h"
#include "pathway/storage/Database.h"

#include <QTemporaryDir>

#include <catch2/catch.hpp>

using namespace pathway;

TEST_CASE("The caseload filters by name, status, bracket, barrier and counselor")
{
    QTemporaryDir dir;
    auto db = Database::open(dir.filePath(QStringLiteral("c.sqlite")));
    REQUIRE(db.ok());
    ClientRepository clients(*db.value(), IncomeThresholds::builtIn());
    Client a = test::sampleClient(); // Zoë Ñúñez-Łukasiewicz, lower middle, stigma + finances
    Client b = test::sampleClient();
    b.firstName = QStringLiteral("Ana");
    b.lastName = QStringLiteral("García López");
    b.annualIncome = 300000;
    b.barriers = {{BarrierCode::Health, 1, {}}};
    b.counselor = QStringLiteral("bnguyen");
    b.status = ClientStatus::Closed;
    Client c = test::sampleClient();
    c.firstName = QStringLiteral("Omar");
    c.lastName = QStringLiteral("100%_Real");
    const qint64 ida = clients.add(a).value();
    const qint64 idb = clients.add(b).value();
    const qint64 idc = clients.add(c).value();

    CaseloadRepository caseload(*db.value());
    auto ids = [&](const CaseloadFilter &f) {
        auto r = caseload.matchingIds(f);
        REQUIRE(r.ok());
        return r.value();
    };
    CHECK(ids({}) == QVector<qint64>({idc, idb, ida})); // by last name
    CaseloadFilter f;
    f.text = QStringLiteral("ana");
    CHECK(ids(f) == QVector<qint64>{idb});
    f.text = QStringLiteral("  Ana   lóp "); // words anywhere a name part starts
    CHECK(ids(f) == QVector<qint64>{idb});
    f.text = QStringLiteral("100%_");
    CHECK(ids(f) == QVector<qint64>{idc}); // wildcards are literal
    f.text = QStringLiteral("%");
    CHECK(ids(f).isEmpty());

    CaseloadFilter status;
    status.status = ClientStatus::Closed;
    CHECK(ids(status) == QVector<qint64>{idb});
    CaseloadFilter bracket;
    bracket.bracket = IncomeBracket::High;
    CHECK(ids(bracket) == QVector<qint64>{idb});
    CaseloadFilter barrier;
    barrier.barrier = BarrierCode::Stigma;
    CHECK(ids(barrier) == QVector<qint64>({idc, ida}));
    CaseloadFilter counselor;
    counselor.counselor = QStringLiteral("bnguyen");
    CHECK(ids(counselor) == QVector<qint64>{idb});

    auto rows = caseload.rows({ida, idb});
    REQUIRE(rows.ok());
    REQUIRE(rows->size() == 2);
    CHECK(rows->at(0).id == ida);
    CHECK(rows->at(0).topBarriers ==
          QVector<BarrierCode>({BarrierCode::Stigma, BarrierCode::Finances}));
    CHECK(rows->at(1).counselor == QStringLiteral("bnguyen"));
    CHECK(rows->at(1).bracket == IncomeBracket::High);
}
