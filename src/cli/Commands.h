#pragma once

#include <QStringList>

namespace pathway::cli {

// Runs pathway-cli with `arguments` (arguments[0] is the program name).
// Returns the exit status: 0 success, 1 failure, 2 bad usage.
int run(const QStringList &arguments);

} // namespace pathway::cli
