#pragma once

#include "pathway/core/Result.h"

#include <QString>

namespace pathway {

class Database;

// The stored search keys and sort keys of client names (schema version 5):
// client_name_keys holds the folded parts of every client's names
// (core/NameKey.h), clients.name_sort_key the collation key of "last name,
// first name" (core/NameCollator.h) in the database's collation locale.
// Every write that changes a client keeps both (ClientRepository,
// supervision::reassign); the functions here read and change the locale and
// rebuild everything.
namespace nameIndex {

// The locale client names are sorted by, stored in the database so that
// every PC of an agency orders (and stores) names alike.
Result<QString> collationLocale(Database &db);

// Sorts names by `locale` from now on: stores it and rebuilds every
// client's keys, in one transaction. Administrators only (Forbidden);
// Invalid for a locale ICU does not know (NameCollator::isKnownLocale).
// Audit: Update of "settings". Takes about 5 s for 100,000 clients.
Status setCollationLocale(Database &db, const QString &locale);

// Rebuilds every client's keys when they were made by another version of
// the folding (nameKey::kVersion) or of the collation rules (an ICU
// upgrade). Called by Database::open once the schema is current; does
// nothing (one small read) when the keys are current.
Status ensureCurrent(Database &db);

// Migration 5's C++ step: stores the collation locale (this machine's,
// NameCollator::defaultLocale()) and computes every client's keys.
Status fillForMigration(Database &db);

} // namespace nameIndex
} // namespace pathway
