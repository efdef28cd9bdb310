#pragma once

#include "pathway/core/Result.h"

#include <QString>

#include <functional>

namespace pathway {

class ClientRepository;

// Moves clients between the database and exchange files (docs/data-format.md).
namespace clientExchange {

// Writes every client to `path` atomically (QSaveFile) with mode 0600, since
// the file holds personal data. Returns the number written.
Result<qint64> exportFile(ClientRepository &clients, const QString &path);

// Reads `path` and stores every client in it in one transaction: one bad
// client and nothing is written. Returns the number imported.
Result<qint64> importFile(ClientRepository &clients, const QString &path,
                          const std::function<bool(int)> &progress = {});

} // namespace clientExchange
} // namespace pathway
