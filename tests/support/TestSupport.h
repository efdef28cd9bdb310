#pragma once

#include "pathway/core/Client.h"

#include <QByteArray>
#include <QString>

namespace pathway::test {

// A valid client, to be changed by each test.
Client sampleClient();

// Reads a whole file; empty on failure.
QByteArray readFile(const QString &path);
bool writeFile(const QString &path, const QByteArray &data);

// A fixed "today" so age checks do not drift.
QDate today();

} // namespace pathway::test

// Catch2 prints QStrings readably.
#include <catch2/catch.hpp>
namespace Catch {
template <> struct StringMaker<QString>
{
    static std::string convert(const QString &s) { return '"' + s.toStdString() + '"'; }
};
} // namespace Catch
