#pragma once

#include "pathway/core/Result.h"

#include <QByteArray>
#include <QString>

#include <nlohmann/json.hpp>

#include <cstdio>
#include <functional>
#include <optional>

namespace pathway::jsoninput {

// Every JSON file Pathway reads (profiles, exchange files, rule files,
// income thresholds) goes through here: nlohmann/json's event (SAX)
// interface, so that nothing it would accept silently gets through and
// nothing it would throw escapes.
//
// Refused, each with the file, the place (line and column, or the path such
// as $.clients[3].barriers[0]) and what is wrong: malformed JSON; a number
// too large for a double (1e400, a 400-digit integer); a key given twice in
// one object; nesting deeper than `maxDepth` (no reader recurses over
// input it has not bounded).
struct Limits
{
    int maxDepth = 32;
};

// A whole document, parsed.
Result<nlohmann::json> parse(const QByteArray &text, const QString &origin,
                             const Limits &limits = {});

// What streamExchange saw of the document's shape.
struct StreamShape
{
    bool topLevelObject = false; // the document is an object
    bool streamedList = false;   // it has a "clients" member that is an array
};

// The exchange file, read as a stream: {"format": ..., "version": ...,
// "clients": [ {...}, ... ]}. Each element of "clients" is built on its own
// and handed to `onClient(index, object)`, then dropped, so memory does not
// grow with the file. `onTop(key, value)` gets every other top-level member
// in file order: scalars as they are, arrays and objects empty (their
// contents are checked as everywhere, then dropped). A top level that is
// not an object is checked and dropped too; `shape` says what was seen.
// A callback that returns an error stops the reading and that error is
// returned. A read error of `file` is an Io error.
Status
streamExchange(std::FILE *file, const QString &origin, const Limits &limits,
               const std::function<Status(const std::string &, const nlohmann::json &)> &onTop,
               const std::function<Status(qint64, nlohmann::json &&)> &onClient,
               StreamShape *shape = nullptr);
// The same for a document in memory.
Status
streamExchange(const QByteArray &text, const QString &origin, const Limits &limits,
               const std::function<Status(const std::string &, const nlohmann::json &)> &onTop,
               const std::function<Status(qint64, nlohmann::json &&)> &onClient,
               StreamShape *shape = nullptr);

// What a message may repeat of the input: at most `maxChars` characters
// (then "…"), control characters (terminal escapes included) shown as
// \uXXXX, between `quote` characters.
QString quoted(const QString &text, int maxChars = 60, char quote = '"');
QString quoted(const std::string &utf8, int maxChars = 60, char quote = '"');
// The same without the quotes, for names shown in parentheses or as fields.
QString shown(const std::string &utf8, int maxChars = 60);
QString shown(const QString &text, int maxChars = 60);

// "line L, column C" of a byte offset in `text`, 1-based; columns count
// characters, not bytes, so a name with accents does not shift them.
QString describePosition(const QByteArray &text, size_t byteOffset);

// A whole number read from JSON, range-checked before it is narrowed: nullopt
// when `value` is not an integer or lies outside [lo, hi] (4294967299 is not
// 3, 1e3 is not an integer).
std::optional<qint64> integer(const nlohmann::json &value, qint64 lo, qint64 hi);

} // namespace pathway::jsoninput
