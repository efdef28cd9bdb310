#include "TestSupport.h"

#include "pathway/core/ExchangeFile.h"
#include "pathway/core/JsonInput.h"
#include "pathway/core/ProfileJson.h"

#include <QBuffer>
#include <QFile>
#include <QTemporaryFile>

#include <nlohmann/json.hpp>

#include <catch2/catch.hpp>

#include <cstdio>

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

// Read as a stream (issue 12, item 21): the members may come in any order,
// and what the reader does not hand on is checked, then dropped.
TEST_CASE("A streamed file is checked as a whole file is, in any order of its members")
{
    const QByteArray client = QByteArray::fromStdString(clientToJson(test::sampleClient()).dump());
    const QString origin = QStringLiteral("s.json");
    // The list before the envelope.
    auto late = exchange::read(
        "{\"clients\": [" + client + "], \"version\": 1, \"format\": " + "\"pathway\"}", origin);
    REQUIRE(late.ok());
    CHECK(late->size() == 1);

    // The clients are handed on as they come, and none after a bad one.
    QVector<qint64> handed;
    const Status bad =
        exchange::readEach("{\"format\": \"pathway\", \"version\": 1, \"clients\": [" + client +
                               ", {}, " + client + "]}",
                           origin, [&](qint64 index, Client &&) {
                               handed << index;
                               return Status();
                           });
    REQUIRE_FALSE(bad.ok());
    CHECK(bad.error().message.contains(QStringLiteral("1 client is not valid")));
    CHECK(handed == QVector<qint64>{0});

    // The envelope's problems come before the clients', wherever they are.
    auto wrongFormat =
        exchange::read("{\"clients\": [{}], \"format\": \"other\", \"version\": 1}", origin);
    REQUIRE_FALSE(wrongFormat.ok());
    CHECK(wrongFormat.error().message.contains(QStringLiteral("\"format\" must be")));
    // A large unknown member, an object as the list, a list as the top level.
    auto extra = exchange::read("{\"format\": \"pathway\", \"version\": 1, \"zz\": [" + client +
                                    ", [1, 2, {\"a\": 1}]], \"clients\": [], \"aa\": {\"b\": 2}}",
                                origin);
    REQUIRE_FALSE(extra.ok());
    CHECK(extra.error().message == QStringLiteral("s.json: unknown top-level key \"aa\""));
    auto object =
        exchange::read("{\"format\": \"pathway\", \"version\": 1, \"clients\": {}}", origin);
    REQUIRE_FALSE(object.ok());
    CHECK(object.error().message.contains(QStringLiteral("\"clients\" must be a list")));
    auto list = exchange::read("[" + client + "]", origin);
    REQUIRE_FALSE(list.ok());
    CHECK(list.error().message.contains(QStringLiteral("the top level must be an object")));
    // Dropped values are still checked: a repeated key, with its place.
    auto repeated = exchange::read("{\"format\": \"pathway\", \"version\": 1, \"clients\": [], "
                                   "\"zz\": [0, {\"a\": 1, \"a\": 2}]}",
                                   origin);
    REQUIRE_FALSE(repeated.ok());
    CHECK(repeated.error().message.contains(
        QStringLiteral("the key \"a\" appears twice at $.zz[1]")));
}

TEST_CASE("A file read from disk is cut short mid-client: the place is where it ends")
{
    // More than one 64 KB chunk of the re-reading that finds the place, with
    // letters of two and three bytes before it.
    QVector<Client> clients(400, test::sampleClient());
    const QByteArray whole = fileOf(clients);
    REQUIRE(whole.size() > 3 * 64 * 1024);
    const QByteArray cut = whole.left(whole.size() - 137);
    QTemporaryFile file;
    REQUIRE(file.open());
    file.write(cut);
    file.flush();
    std::FILE *f = std::fopen(QFile::encodeName(file.fileName()).constData(), "rb");
    REQUIRE(f);
    const Status streamed = exchange::readEach(f, QStringLiteral("cut.json"),
                                               [](qint64, Client &&) { return Status(); });
    std::fclose(f);
    REQUIRE_FALSE(streamed.ok());
    auto inMemory = exchange::read(cut, QStringLiteral("cut.json"));
    REQUIRE_FALSE(inMemory.ok());
    CHECK(streamed.error().message == inMemory.error().message);
    CHECK(streamed.error().message.contains(QStringLiteral("line 401, column")));
}
