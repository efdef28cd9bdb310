#pragma once

#include "pathway/core/Result.h"

#include <QString>

#include <functional>

namespace pathway {

class ClientRepository;

// Moves clients between the database and exchange files (docs/data-format.md).
namespace clientExchange {

// Writes every client the database's actor may see to `path` atomically
// (QSaveFile) with mode 0600, since the file holds personal data. Records one
// Export entry with the count. Returns the number written.
Result<qint64> exportFile(ClientRepository &clients, const QString &path);

// Reads `path` and stores every client in it in one transaction: one bad
// client, or one the actor may not give to its counselor (a counselor imports
// only their own clients), and nothing is written. Records one Import entry
// with the count. Returns the number imported.
Result<qint64> importFile(ClientRepository &clients, const QString &path,
                          const std::function<bool(int)> &progress = {});

} // namespace clientExchange
} // namespace pathway
