#pragma once

#include "pathway/core/Result.h"

#include <QMap>
#include <QStringList>
#include <QVector>

struct sqlite3;

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

// Table name -> its column names, in order.
using Tables = QMap<QString, QStringList>;

// The tables and columns a file at schema `version` has: the steps up to
// `version` run on an empty in-memory database, once per process and version
// (a step's fill writes rows only, never tables). Empty for version 0 and for
// versions this program does not know. Safe to call from any thread.
const Tables &tablesAt(int version);

// The tables and columns of the open database `db`, SQLite's own tables
// left out, into `tables`. False when the read fails; then `code` holds
// SQLite's result code and `text` its message.
bool readTables(sqlite3 *db, Tables &tables, int &code, QString &text);

// Marks a Pathway file (PRAGMA application_id), "PATH" in ASCII.
constexpr int kApplicationId = 0x50415448;

} // namespace pathway::migrations
