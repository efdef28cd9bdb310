#pragma once

#include <QByteArray>
#include <QList>
#include <QString>
#include <QStringList>

#include <string_view>

// How a client's name is searched: the one folding of names and search
// text, used by storage (the stored keys and the queries), the demo, the
// command line and the tests. It runs in C++ and its results are stored, so
// every database engine finds the same clients (docs/architecture.md, "Name
// search").
namespace pathway::nameKey {

// Bumped whenever fold(), clientKeys() or searchWords() change what they
// return: a database whose stored keys were made by another version has
// them rebuilt when it is opened.
constexpr int kVersion = 1;

// Folds case and accents, for comparing what a counselor types with what
// was stored: Unicode compatibility decomposition (NFKD), full case folding,
// combining marks removed, and the letters that do not decompose replaced
// (ß ss, æ ae, œ oe, ø o, ł l, đ d, ð d, þ th, ħ h, ı i, ŧ t, ŋ ng, ĸ q,
// ŀ l, ſ s). "Ñúñez-Łukasiewicz" folds to "nunez-lukasiewicz", "ΣΊΣΥΦΟΣ" and
// "σίσυφος" to "σισυφοσ", "Straße" to "strasse". Separators and other
// characters are kept; apostrophes too.
QString fold(const QString &text);

// The search keys of a client: the folded parts of the first and the last
// name, each once, in the order they appear. Names split into parts at
// white space, dashes and the punctuation . , ; : / \ ( ) [ ] { } " « » and
// the like. An apostrophe (' ’ ‘ ʼ ʻ ` ´) joins: "O'Brien" gives "obrien",
// and the part after it is a key of its own ("brien"), so "obrien",
// "o'brien" and "brien" all find O'Brien. Other characters (digits, % _ &
// and so on) belong to the part they are in. Empty when both names are
// blank.
QStringList clientKeys(const QString &firstName, const QString &lastName);

// The folded words of a search text, split as names are (an apostrophe in a
// word joins it: "o'bri" is "obri"). Empty for empty or blank text, or text
// made only of separators.
QStringList searchWords(const QString &text);

// True when every word starts one of `keys`: words may match the first or
// the last name, in any order, and two words may match the same key.
bool matches(const QStringList &words, const QStringList &keys);

// The same rule for `keys` stored joined by single spaces, with the words
// and keys in UTF-8 (as SQLite hands them over): for checking many stored
// rows without making strings of them.
bool matchesJoined(const QList<QByteArray> &utf8Words, std::string_view joinedKeys);

// The smallest string that sorts after every string starting with `prefix`
// in code point order (the order SQLite's BINARY collation gives UTF-8
// text), so that `key >= prefix AND key < prefixEnd(prefix)` is a range an
// index can seek. Empty when no such string exists (an empty prefix, or one
// made only of U+10FFFF): then there is no upper bound.
QString prefixEnd(const QString &prefix);

} // namespace pathway::nameKey
