#pragma once

#include <QStringList>
#include <QVector>

namespace pathway::migrations {

// One numbered step of the schema. Step N takes a database from user_version
// N-1 to N. Steps are append-only: never edit one that has shipped.
struct Migration
{
    int version;
    const char *description;
    QStringList statements;
};

const QVector<Migration> &all();

// Marks a Pathway file (PRAGMA application_id), "PATH" in ASCII.
constexpr int kApplicationId = 0x50415448;

} // namespace pathway::migrations
