#include "TestSupport.h"

#include "pathway/core/NameKey.h"

#include <catch2/catch.hpp>

#include <string>

using namespace pathway;

namespace {
QString u(const char *utf8)
{
    return QString::fromUtf8(utf8);
}

// Whether a search for `text` finds a client called `first` `last`.
bool finds(const char *text, const char *first, const char *last)
{
    return nameKey::matches(nameKey::searchWords(u(text)), nameKey::clientKeys(u(first), u(last)));
}
} // namespace

TEST_CASE("Folding ignores case and accents, in every script")
{
    CHECK(nameKey::fold(u("Zoë")) == u("zoe"));
    CHECK(nameKey::fold(u("Ñúñez-Łukasiewicz")) == u("nunez-lukasiewicz"));
    CHECK(nameKey::fold(u("ÉLODIE")) == u("elodie"));
    CHECK(nameKey::fold(u("Nguyễn")) == u("nguyen"));
    CHECK(nameKey::fold(u("Żółkiewski")) == u("zolkiewski"));
    // Letters that do not decompose.
    CHECK(nameKey::fold(u("Straße")) == u("strasse"));
    CHECK(nameKey::fold(u("STRAẞE")) == u("strasse"));
    CHECK(nameKey::fold(u("Søren Ærø")) == u("soren aero"));
    CHECK(nameKey::fold(u("Œuvre")) == u("oeuvre"));
    CHECK(nameKey::fold(u("Đorđević")) == u("dordevic"));
    CHECK(nameKey::fold(u("Þórður")) == u("thordur"));
    CHECK(nameKey::fold(u("Ħal")) == u("hal"));
    // Turkish: dotless ı and dotted İ both become i.
    CHECK(nameKey::fold(u("Yılmaz")) == u("yilmaz"));
    CHECK(nameKey::fold(u("IŞIK")) == u("isik"));
    CHECK(nameKey::fold(u("İpek")) == u("ipek"));
    // Greek: case folding makes final sigma an ordinary sigma; tonos goes.
    CHECK(nameKey::fold(u("ΣΊΣΥΦΟΣ")) == u("σισυφοσ"));
    CHECK(nameKey::fold(u("Σίσυφος")) == u("σισυφοσ"));
    // Cyrillic: case, and the diaeresis of Ё.
    CHECK(nameKey::fold(u("ЁЛКИНА")) == u("елкина"));
    CHECK(nameKey::fold(u("Иванова")) == u("иванова"));
    // Compatibility forms: ligatures, full-width letters.
    CHECK(nameKey::fold(u("ﬁona")) == u("fiona"));
    CHECK(nameKey::fold(u("ＡＮＡ")) == u("ana"));
    CHECK(nameKey::fold(QString()) == QString());
}

TEST_CASE("A client's keys are the parts of both names, split at spaces, dashes and punctuation")
{
    CHECK(nameKey::clientKeys(u("Zoë"), u("Ñúñez-Łukasiewicz")) ==
          QStringList({u("zoe"), u("nunez"), u("lukasiewicz")}));
    CHECK(nameKey::clientKeys(u("Pieter"), u("Van der Berg")) ==
          QStringList({u("pieter"), u("van"), u("der"), u("berg")}));
    CHECK(nameKey::clientKeys(u("Mary Ann"), u("St. John")) ==
          QStringList({u("mary"), u("ann"), u("st"), u("john")}));
    CHECK(nameKey::clientKeys(u("Ana"), u("Ana")) == QStringList({u("ana")}));
    // An apostrophe joins, and what follows it is a key too.
    CHECK(nameKey::clientKeys(u("Seán"), u("O'Brien")) ==
          QStringList({u("sean"), u("obrien"), u("brien")}));
    CHECK(nameKey::clientKeys(u("Luca"), u("D’Angelo-Smith")) ==
          QStringList({u("luca"), u("dangelo"), u("angelo"), u("smith")}));
    // Other characters stay in their part.
    CHECK(nameKey::clientKeys(u("Omar"), u("100%_Real")) ==
          QStringList({u("omar"), u("100%_real")}));
    CHECK(nameKey::clientKeys(u(" "), u("-")).isEmpty());
}

TEST_CASE("Search words are folded and split as names are")
{
    CHECK(nameKey::searchWords(QString()).isEmpty());
    CHECK(nameKey::searchWords(u("   \t  ")).isEmpty());
    CHECK(nameKey::searchWords(u(" - , ")).isEmpty());
    CHECK(nameKey::searchWords(u("  Ana   LÓP ")) == QStringList({u("ana"), u("lop")}));
    CHECK(nameKey::searchWords(u("o'bri")) == QStringList({u("obri")}));
    CHECK(nameKey::searchWords(u("nunez-luk")) == QStringList({u("nunez"), u("luk")}));
    // % and _ are not wildcards: they are characters like any other.
    CHECK(nameKey::searchWords(u("100%_")) == QStringList({u("100%_")}));
    CHECK(nameKey::searchWords(u("%")) == QStringList({u("%")}));
    CHECK(nameKey::searchWords(u("a_a")) == QStringList({u("a_a")}));
}

TEST_CASE("Every word must start a part of the first or last name")
{
    // The examples.
    CHECK(finds("zoe", "Zoë", "Ñúñez-Łukasiewicz"));
    CHECK(finds("nunez", "Ana", "Ñúñez"));
    CHECK(finds("ñúñ", "Ana", "Ñúñez"));
    CHECK(finds("Łuk", "Zoë", "Ñúñez-Łukasiewicz"));
    CHECK(finds("luk", "Zoë", "Ñúñez-Łukasiewicz"));
    CHECK(finds("van", "Pieter", "Van der Berg"));
    CHECK(finds("berg", "Pieter", "Van der Berg"));
    CHECK(finds("ana gar", "Ana", "García"));
    CHECK(finds("gar ana", "Ana", "García"));
    CHECK(finds("ANA GARCÍA", "Ana", "García"));
    CHECK_FALSE(finds("ana gar", "Ana", "Smith"));
    CHECK_FALSE(finds("ana gar", "Maria", "García"));
    // The start of a part, not the middle.
    CHECK_FALSE(finds("arcia", "Ana", "García"));
    CHECK_FALSE(finds("kasiewicz", "Zoë", "Ñúñez-Łukasiewicz"));
    // O'Brien is found however the apostrophe is typed, or left out.
    CHECK(finds("obrien", "Seán", "O'Brien"));
    CHECK(finds("o'brien", "Seán", "O’Brien"));
    CHECK(finds("o’b", "Seán", "O'Brien"));
    CHECK(finds("brien", "Seán", "O'Brien"));
    CHECK(finds("o brien", "Seán", "O'Brien"));
    // Greek, Cyrillic, German and Turkish names, typed without care for case.
    CHECK(finds("σισυφ", "Ανδρέας", "Σίσυφος"));
    CHECK(finds("ΣΊΣΥΦΟΣ", "Ανδρέας", "Σίσυφος"));
    CHECK(finds("елк", "Анна", "Ёлкина"));
    CHECK(finds("strasse", "Jan", "Straße"));
    CHECK(finds("STRASSE", "Jan", "Straße"));
    CHECK(finds("yilmaz", "Ayşe", "Yılmaz"));
    CHECK(finds("YILMAZ", "Ayşe", "Yılmaz"));
    // Wildcards match only themselves.
    CHECK(finds("100%_", "Omar", "100%_Real"));
    CHECK_FALSE(finds("%", "Omar", "100%_Real"));
    CHECK_FALSE(finds("a_a", "Ana", "Smith"));
    CHECK_FALSE(finds("_", "Ana", "Smith"));
    // No words: nothing to check.
    CHECK(finds("", "Ana", "Smith"));
}

TEST_CASE("The check on space-joined UTF-8 keys agrees with the check on lists")
{
    const QStringList keys = nameKey::clientKeys(u("Zoë Ana"), u("Ñúñez-Łukasiewicz"));
    const std::string joined = keys.join(QLatin1Char(' ')).toStdString();
    for (const char *text : {"zoe", "ana", "zo lu", "nunez ana", "luk", "uk", "zoe x", "z a n l",
                             "lukasiewiczz", "nu ñ", ""}) {
        INFO(text);
        const QStringList words = nameKey::searchWords(u(text));
        QList<QByteArray> utf8;
        for (const QString &w : words)
            utf8.append(w.toUtf8());
        CHECK(nameKey::matchesJoined(utf8, joined) == nameKey::matches(words, keys));
    }
}

TEST_CASE("A prefix's end bounds exactly the strings that start with it, in UTF-8 byte order")
{
    CHECK(nameKey::prefixEnd(u("ab")) == u("ac"));
    CHECK(nameKey::prefixEnd(u("nuñ")) == u("nuò")); // ñ U+00F1, ò U+00F2
    CHECK(nameKey::prefixEnd(QString()).isEmpty());
    CHECK(nameKey::prefixEnd(QString(QChar(0xD7FF))) == QString(QChar(0xE000)));
    const QString top = QString::fromUcs4(U"\U0010FFFF");
    CHECK(nameKey::prefixEnd(top).isEmpty());
    CHECK(nameKey::prefixEnd(u("a") + top) == u("b"));

    const QStringList prefixes = {u("a"),  u("zo"),      u("ñ"),
                                  u("σι"), u("z\uffff"), QString::fromUcs4(U"\U0001F600")};
    const QStringList names = {u("a"),
                               u("ab"),
                               u("b"),
                               u("zo"),
                               u("zoe"),
                               u("zp"),
                               u("ñu"),
                               u("ò"),
                               u("σισυ"),
                               u("σκ"),
                               u("z\uffff"),
                               u("z\uffffa"),
                               QString::fromUcs4(U"\U0001F600x"),
                               QString::fromUcs4(U"\U0001F601"),
                               u("\uffff")};
    for (const QString &p : prefixes) {
        const QByteArray low = p.toUtf8();
        const QByteArray high = nameKey::prefixEnd(p).toUtf8();
        for (const QString &n : names) {
            INFO(p.toStdString() << " / " << n.toStdString());
            const QByteArray b = n.toUtf8();
            CHECK(n.startsWith(p) == (b >= low && b < high));
        }
    }
}
