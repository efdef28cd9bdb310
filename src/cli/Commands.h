#pragma once

#include <QStringList>

namespace pathway::cli {

// Runs pathway-cli with `arguments` (arguments[0] is the program name).
// Returns the exit status: 0 success, 1 failure, 2 bad usage.
// Global options (--db, --user, --today, --rules) may stand before the
// command as well as after it: "pathway-cli --db FILE init".
int run(const QStringList &arguments);

// The position of the command in `arguments` (after any global options and
// their values), or -1 when there is none.
int commandPosition(const QStringList &arguments);

} // namespace pathway::cli
