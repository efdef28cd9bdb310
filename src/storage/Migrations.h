#pragma once

#include "pathway/core/Result.h"

#include <QStringList>
#include <QVector>

namespace pathway {
class Database;
}

namespace pathway::migrations {

// One numbered step of the schema. Step N takes a database from user_version
// N-1 to N. Steps are append-only: never edit one that has shipped.
struct Migration
{
    int version;
    const char *description;
    QStringList statements;
    // Data a step computes in C++ (folded name keys, collation sort keys),
    // written after `statements` in the same transaction; then `after` runs
    // (indexes are quicker to build once the rows are in).
    Status (*fill)(Database &db) = nullptr;
    QStringList after = {};
};

const QVector<Migration> &all();

// Marks a Pathway file (PRAGMA application_id), "PATH" in ASCII.
constexpr int kApplicationId = 0x50415448;

} // namespace pathway::migrations
