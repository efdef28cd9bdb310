#include "StorageSupport.h"
#include "TestSupport.h"

#include "pathway/core/IncomeThresholds.h"
#include "pathway/core/NameCollator.h"
#include "pathway/core/NameKey.h"
#include "pathway/core/RuleBase.h"
#include "pathway/core/StrategyEngine.h"
#include "pathway/storage/CaseloadRepository.h"
#include "pathway/storage/ClientExchange.h"
#include "pathway/storage/ClientRepository.h"
#include "pathway/storage/Database.h"
#include "pathway/storage/DemoData.h"
#include "pathway/storage/IntakeService.h"
#include "pathway/storage/NameIndex.h"
#include "pathway/storage/Supervision.h"
#include "pathway/storage/UserRepository.h"

#include <QSqlQuery>
#include <QSqlRecord>
#include <QTemporaryDir>

#include <catch2/catch.hpp>

using namespace pathway;

namespace {

Client named(const char *first, const char *last)
{
    Client c = test::sampleClient();
    c.firstName = QString::fromUtf8(first);
    c.lastName = QString::fromUtf8(last);
    return c;
}

QStringList rows(Database &db, const QString &sql)
{
    QSqlQuery q(db.connection());
    REQUIRE(q.exec(sql));
    QStringList out;
    while (q.next()) {
        QStringList fields;
        for (int i = 0; i < q.record().count(); ++i) {
            const QVariant v = q.value(i);
            fields << (v.typeId() == QMetaType::QByteArray
                           ? QString::fromLatin1(v.toByteArray().toHex())
                           : v.toString());
        }
        out << fields.join(QLatin1Char('|'));
    }
    return out;
}

// client_name_keys and clients.name_sort_key as they are, against what
// they should be for the clients as stored now, worked out with the core
// functions: equal when every write kept them.
void checkKeys(Database &db)
{
    const QString locale = nameIndex::collationLocale(db).value();
    const NameCollator collator(locale);
    QStringList expected;
    QStringList sortKeys;
    QSqlQuery q(db.connection());
    REQUIRE(q.exec(QStringLiteral("SELECT id, first_name, last_name, status, income_bracket, "
                                  "counselor_id, name_sort_key FROM clients ORDER BY id")));
    while (q.next()) {
        const QString first = q.value(1).toString();
        const QString last = q.value(2).toString();
        const QByteArray key = collator.sortKey(first, last);
        CHECK(q.value(6).toByteArray() == key);
        const QStringList keys = nameKey::clientKeys(first, last);
        for (const QString &k : keys)
            expected << QStringList{k,
                                    QString::fromLatin1(key.toHex()),
                                    q.value(0).toString(),
                                    q.value(3).toString(),
                                    q.value(4).toString(),
                                    q.value(5).toString(),
                                    keys.join(QLatin1Char(' '))}
                            .join(QLatin1Char('|'));
    }
    expected.sort();
    QStringList stored =
        rows(db, QStringLiteral("SELECT key, sort_key, client_id, status, income_bracket, "
                                "counselor_id, name_keys FROM client_name_keys"));
    stored.sort();
    CHECK(stored == expected);
}

QVector<qint64> search(Database &db, const char *text,
                       std::optional<ClientStatus> status = std::nullopt)
{
    CaseloadFilter f;
    f.text = QString::fromUtf8(text);
    f.status = status;
    auto ids = CaseloadRepository(db).matchingIds(f);
    REQUIRE(ids.ok());
    return ids.value();
}

} // namespace

TEST_CASE("Every write that changes a client keeps its search and sort keys")
{
    QTemporaryDir dir;
    auto opened = test::openAsSystem(dir.filePath(QStringLiteral("k.sqlite")));
    REQUIRE(opened.ok());
    Database &db = *opened.value();
    ClientRepository clients(db, IncomeThresholds::builtIn());
    const StrategyEngine engine(RuleBase::builtIn(), IncomeThresholds::builtIn());

    // Demo data goes only into a new database: first.
    REQUIRE(addDemoCaseload(db, engine, 30, 5, test::today()).ok());
    Client ana = named("Ana", "García");
    ana.id = clients.add(ana).value();
    QVector<Client> many = {named("Seán", "O'Sullivan"), named("Pieter", "Van der Berg")};
    REQUIRE(clients.addMany(many).ok());
    const auto intake = intake::complete(db, engine, named("Łukasz", "Żabiński"), test::today());
    REQUIRE(intake.ok());
    checkKeys(db);
    CHECK(search(db, "sullivan") == QVector<qint64>{many[0].id});
    CHECK(search(db, "zabi") == QVector<qint64>{intake.value()});

    SECTION("a new name")
    {
        ana.lastName = QStringLiteral("Ólafsdóttir");
        REQUIRE(clients.update(ana).ok());
        checkKeys(db);
        CHECK(search(db, "ana gar").isEmpty());
        CHECK(search(db, "ana olaf") == QVector<qint64>{ana.id});
    }
    SECTION("status, bracket and counselor")
    {
        ana.status = ClientStatus::Closed;
        ana.annualIncome = 400000;
        REQUIRE(clients.update(ana).ok());
        checkKeys(db);
        CHECK(search(db, "ana gar", ClientStatus::Active).isEmpty());
        CHECK(search(db, "ana gar", ClientStatus::Closed) == QVector<qint64>{ana.id});
        CaseloadFilter rich;
        rich.text = QStringLiteral("gar");
        rich.bracket = IncomeBracket::High;
        CHECK(CaseloadRepository(db).matchingIds(rich).value() == QVector<qint64>{ana.id});

        REQUIRE(UserRepository(db)
                    .ensure(QStringLiteral("cokafor"), QStringLiteral("C"), Role::Counselor)
                    .ok());
        REQUIRE(supervision::reassign(db, {ana.id, many[1].id}, QStringLiteral("cokafor")).ok());
        checkKeys(db);
        CaseloadFilter theirs;
        theirs.text = QStringLiteral("ana");
        theirs.counselor = QStringLiteral("cokafor");
        CHECK(CaseloadRepository(db).matchingIds(theirs).value() == QVector<qint64>{ana.id});
    }
    SECTION("an import")
    {
        const QString file = dir.filePath(QStringLiteral("out.json"));
        REQUIRE(clientExchange::exportFile(clients, file).ok());
        auto other = test::openAsSystem(dir.filePath(QStringLiteral("other.sqlite")));
        REQUIRE(other.ok());
        ClientRepository into(*other.value(), IncomeThresholds::builtIn());
        auto imported = clientExchange::importFile(into, file);
        REQUIRE(imported.ok());
        checkKeys(*other.value());
        CHECK(search(*other.value(), "o'sul").size() == 1);
    }
    SECTION("a change rolled back with its transaction leaves the keys as they were")
    {
        const Status failed = db.transaction([&]() -> Status {
            Client renamed = ana;
            renamed.lastName = QStringLiteral("Zed");
            if (Status s = clients.update(renamed); !s)
                return s;
            CHECK(search(db, "zed") == QVector<qint64>{ana.id}); // inside: already found
            return Error{Error::Code::Invalid, QStringLiteral("stopped by the test")};
        });
        REQUIRE_FALSE(failed.ok());
        checkKeys(db);
        CHECK(search(db, "zed").isEmpty());
        CHECK(search(db, "ana gar") == QVector<qint64>{ana.id});
    }
}

TEST_CASE("Changing the collation locale re-sorts every client, for administrators only")
{
    QTemporaryDir dir;
    auto opened = test::openAsSystem(dir.filePath(QStringLiteral("k.sqlite")));
    REQUIRE(opened.ok());
    Database &db = *opened.value();
    // A new database takes the locale of the machine that creates it.
    CHECK(nameIndex::collationLocale(db).value() == NameCollator::defaultLocale());
    REQUIRE(nameIndex::setCollationLocale(db, QStringLiteral("en")).ok());
    ClientRepository clients(db, IncomeThresholds::builtIn());
    const qint64 aberg = clients.add(named("Eva", "Åberg")).value();
    const qint64 zander = clients.add(named("Olle", "Zander")).value();
    const qint64 andersson = clients.add(named("Per", "Andersson")).value();
    CHECK(search(db, "") == QVector<qint64>({aberg, andersson, zander}));

    REQUIRE(nameIndex::setCollationLocale(db, QStringLiteral("sv")).ok());
    CHECK(nameIndex::collationLocale(db).value() == QStringLiteral("sv"));
    CHECK(search(db, "") == QVector<qint64>({andersson, zander, aberg}));
    CHECK(search(db, "aberg") == QVector<qint64>{aberg}); // search ignores the locale
    checkKeys(db);
    CHECK(rows(db, QStringLiteral("SELECT detail FROM audit_log WHERE entity = 'settings'"))
              .contains(QStringLiteral("collation locale en to sv")));

    auto invalid = nameIndex::setCollationLocale(db, QStringLiteral("xx_nowhere"));
    REQUIRE_FALSE(invalid.ok());
    CHECK(invalid.error().code == Error::Code::Invalid);

    const qint64 counselorId =
        UserRepository(db).ensure(QStringLiteral("agarcia"), QString(), Role::Counselor).value();
    db.setActor(Actor::person(
        User{counselorId, QStringLiteral("agarcia"), QStringLiteral("A"), Role::Counselor, true}));
    auto refused = nameIndex::setCollationLocale(db, QStringLiteral("en"));
    REQUIRE_FALSE(refused.ok());
    CHECK(refused.error().code == Error::Code::Forbidden);
    db.setActor(Actor::system());
    CHECK(nameIndex::collationLocale(db).value() == QStringLiteral("sv"));
}

TEST_CASE("Keys made by another folding or collation version are rebuilt on opening")
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("k.sqlite"));
    qint64 zoe = 0;
    {
        auto db = test::openAsSystem(path);
        REQUIRE(db.ok());
        zoe = ClientRepository(*db.value(), IncomeThresholds::builtIn())
                  .add(test::sampleClient())
                  .value();
    }
    for (const char *setting : {"name_key_version", "collation_version"}) {
        INFO(setting);
        {
            auto db = test::openAsSystem(path);
            REQUIRE(db.ok());
            QSqlQuery q(db.value()->connection());
            REQUIRE(q.exec(QStringLiteral("DELETE FROM client_name_keys")));
            REQUIRE(q.exec(QStringLiteral("UPDATE clients SET name_sort_key = x''")));
            REQUIRE(q.exec(
                QStringLiteral("UPDATE database_settings SET value = 'old' WHERE name = '%1'")
                    .arg(QLatin1String(setting))));
        }
        auto db = test::openAsSystem(path);
        REQUIRE(db.ok());
        checkKeys(*db.value());
        CHECK(search(*db.value(), "nunez") == QVector<qint64>{zoe});
    }
}
