#include "TestSupport.h"

#include "pathway/core/PasswordHash.h"

#include <catch2/catch.hpp>

using namespace pathway;

TEST_CASE("PBKDF2-HMAC-SHA256 matches the RFC 7914 test vectors")
{
    CHECK(passwordHash::pbkdf2Sha256("passwd", "salt", 1, 64).toHex() ==
          "55ac046e56e3089fec1691c22544b605f94185216dde0465e68b9d57c20dacbc"
          "49ca9cccf179b645991664b39d77ef317c71b845b1e30bd509112041d3a19783");
    CHECK(passwordHash::pbkdf2Sha256("Password", "NaCl", 80000, 64).toHex() ==
          "4ddcd8f60b98be21830cee5ef22701f9641a4418d04c0414aeff08876b34ab56"
          "a1d425a1225833549adb841b51c9b3176a272bdebba1d078478f62b397f33c8d");
}

TEST_CASE("A stored hash verifies its password only")
{
    const QString encoded = passwordHash::create(QStringLiteral("Zoë's s3cret"), 1000);
    CHECK(encoded.startsWith(QStringLiteral("pbkdf2-sha256$1000$")));
    CHECK_FALSE(encoded.contains(QStringLiteral("s3cret")));
    CHECK(passwordHash::verify(QStringLiteral("Zoë's s3cret"), encoded));
    CHECK_FALSE(passwordHash::verify(QStringLiteral("Zoe's s3cret"), encoded));
    CHECK_FALSE(passwordHash::verify(QString(), encoded));
    // A fresh salt every time.
    CHECK(passwordHash::create(QStringLiteral("same"), 1000) !=
          passwordHash::create(QStringLiteral("same"), 1000));
}

TEST_CASE("Hashes stored before keep verifying (computed independently with Python's hashlib)")
{
    // hashlib.pbkdf2_hmac('sha256', password, bytes(range(16)), 600000, 32)
    const QString stored = QStringLiteral("pbkdf2-sha256$600000$AAECAwQFBgcICQoLDA0ODw==$"
                                          "kJUnsBmKMasWs2BTJlw6BusLTfb+GDzqlXa6uJpJwRc=");
    CHECK(passwordHash::verify(QStringLiteral("Zoë kept her password"), stored));
    CHECK_FALSE(passwordHash::verify(QStringLiteral("Zoe kept her password"), stored));
}

TEST_CASE("The default is slow enough")
{
    CHECK(passwordHash::kDefaultIterations >= 600000);
}

TEST_CASE("Malformed hashes never verify")
{
    for (const char *bad : {"", "plain", "pbkdf2-sha256$x$c2FsdA==$AAAA", "md5$1$c2FsdA==$AAAA",
                            "pbkdf2-sha256$10$$AAAA", "pbkdf2-sha256$10$c2FsdA==$short"}) {
        INFO(bad);
        CHECK_FALSE(passwordHash::verify(QStringLiteral("x"), QLatin1String(bad)));
    }
}

TEST_CASE("Hashes asking for more than the maximum of iterations are refused unchecked")
{
    CHECK(passwordHash::kMaxIterations >= 10 * passwordHash::kDefaultIterations);
    // Well formed apart from the count: 2,147,483,647 iterations would take
    // hours to check, so verify() must refuse it at once.
    const QString absurd = QStringLiteral("pbkdf2-sha256$2147483647$AAECAwQFBgcICQoLDA0ODw==$"
                                          "kJUnsBmKMasWs2BTJlw6BusLTfb+GDzqlXa6uJpJwRc=");
    const Status checked = passwordHash::checkEncoded(absurd);
    REQUIRE_FALSE(checked.ok());
    CHECK(checked.error().message.contains(QStringLiteral("2147483647")));
    CHECK_FALSE(passwordHash::verify(QStringLiteral("Zoë kept her password"), absurd));
    // One over the maximum is refused too; the maximum itself is accepted.
    const QString over = QStringLiteral("pbkdf2-sha256$%1$AAECAwQFBgcICQoLDA0ODw==$"
                                        "kJUnsBmKMasWs2BTJlw6BusLTfb+GDzqlXa6uJpJwRc=");
    CHECK_FALSE(passwordHash::checkEncoded(over.arg(passwordHash::kMaxIterations + 1)).ok());
    CHECK(passwordHash::checkEncoded(over.arg(passwordHash::kMaxIterations)).ok());
    CHECK(passwordHash::checkEncoded(passwordHash::create(QStringLiteral("x"), 1000)).ok());
    for (const char *bad : {"", "plain", "pbkdf2-sha256$0$c2FsdA==$AAAA"}) {
        INFO(bad);
        CHECK_FALSE(passwordHash::checkEncoded(QLatin1String(bad)).ok());
    }
}
