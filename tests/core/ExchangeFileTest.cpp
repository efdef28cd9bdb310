#include "TestSupport.h"

#include "pathway/core/ExchangeFile.h"
#include "pathway/core/JsonInput.h"
#include "pathway/core/ProfileJson.h"

#include <QBuffer>

#include <nlohmann/json.hpp>

#include <catch2/catch.hpp>

using namespace pathway;

namespace {
QByteArray fileOf(const QVector<Client> &clients)
{
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    exchange::Writer w(buffer);
    REQUIRE(w.begin());
    for (const Client &c : clients)
        REQUIRE(w.add(c));
    REQUIRE(w.end());
    return bytes;
}
} // namespace

TEST_CASE("The writer's output reads back to the same clients")
{
    Client a = test::sampleClient();
    Client b = test::sampleClient();
    b.firstName = QStringLiteral("José");
    b.barriers.clear();
    const QByteArray bytes = fileOf({a, b});
    const auto doc = nlohmann::json::parse(bytes.toStdString());
    CHECK(doc["format"] == "pathway");
    CHECK(doc["version"] == exchange::kFormatVersion);
    CHECK(doc["clients"].size() == 2);
    auto back = exchange::read(bytes, QStringLiteral("x.json"));
    REQUIRE(back.ok());
    REQUIRE(back->size() == 2);
    CHECK(back->at(0) == a);
    CHECK(back->at(1) == b);
    CHECK(fileOf(back.value()) == bytes);
}

TEST_CASE("An empty caseload is a valid file")
{
    auto back = exchange::read(fileOf({}), QStringLiteral("x.json"));
    REQUIRE(back.ok());
    CHECK(back->isEmpty());
}

TEST_CASE("Malformed JSON is reported with line and column")
{
    const QByteArray text = "{\"format\": \"pathway\",\n \"version\": 1,\n \"clients\": [ }";
    auto r = exchange::read(text, QStringLiteral("broken.json"));
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().message.startsWith(QStringLiteral("broken.json")));
    CHECK(r.error().message.contains(QStringLiteral("line 3, column 15")));
}

TEST_CASE("Columns count characters, not bytes")
{
    CHECK(jsoninput::describePosition(QByteArray("ab\n\"Zoë\" x"), 9) ==
          QStringLiteral("line 2, column 6"));
}

TEST_CASE("The envelope is checked")
{
    auto origin = QStringLiteral("f.json");
    CHECK_FALSE(exchange::read("[]", origin).ok());
    CHECK(exchange::read(R"({"format":"other","version":1,"clients":[]})", origin)
              .error()
              .message.contains(QStringLiteral("\"format\"")));
    CHECK(exchange::read(R"({"format":"pathway","version":99,"clients":[]})", origin)
              .error()
              .message.contains(QStringLiteral("version 99")));
    CHECK(exchange::read(R"({"format":"pathway","version":1})", origin)
              .error()
              .message.contains(QStringLiteral("\"clients\"")));
    CHECK(exchange::read(R"({"format":"pathway","version":1,"clients":[],"extra":1})", origin)
              .error()
              .message.contains(QStringLiteral("extra")));
}

TEST_CASE("One bad client fails the whole file, naming its index and field")
{
    Client good = test::sampleClient();
    Client bad = test::sampleClient();
    bad.email = QStringLiteral("not-an-email");
    bad.firstName = QStringLiteral("Łukasz");
    auto r = exchange::read(fileOf({good, good, bad}), QStringLiteral("in.json"));
    REQUIRE_FALSE(r.ok());
    const QString m = r.error().message;
    CHECK(m.contains(QStringLiteral("client 2 (Łukasz Ñúñez-Łukasiewicz), field email")));
    CHECK(m.contains(QStringLiteral("nothing was imported")));
    CHECK_FALSE(m.contains(QStringLiteral("client 0")));
}

TEST_CASE("Profiles may be one object or a list")
{
    const std::string one = clientToJson(test::sampleClient()).dump();
    auto single = exchange::readProfiles(QByteArray::fromStdString(one), QStringLiteral("p.json"));
    REQUIRE(single.ok());
    CHECK(single->size() == 1);
    auto list = exchange::readProfiles(QByteArray::fromStdString("[" + one + "," + one + "]"),
                                       QStringLiteral("p.json"));
    REQUIRE(list.ok());
    CHECK(list->size() == 2);
    auto bad = exchange::readProfiles("42", QStringLiteral("p.json"));
    CHECK_FALSE(bad.ok());
}

TEST_CASE("A long list of problems says that it was cut short")
{
    Client bad = test::sampleClient();
    bad.email = QStringLiteral("nope");
    bad.phone = QStringLiteral("x");
    QVector<Client> clients(15, bad); // 2 problems each: more than the 20 listed
    auto r = exchange::read(fileOf(clients), QStringLiteral("many.json"));
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().message.contains(QStringLiteral("15 clients are not valid")));
    CHECK(r.error().message.contains(QStringLiteral("only the first problems are listed")));
}
