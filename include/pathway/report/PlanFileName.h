#pragma once

#include "pathway/core/Client.h"

#include <QString>

namespace pathway {

// `text` made safe as part of a file name on Linux, macOS and Windows:
// letters of every script, digits, '-' and '.' are kept (names keep their
// accents), anything else becomes '-', runs of '-' collapse, and the result
// is at most `maxBytes` bytes of UTF-8 (cut on a character boundary).
// Never empty: "client" when nothing is left.
QString safeFileNamePart(const QString &text, int maxBytes = 80);

// "<last>_<first>_<id>.pdf", each name made safe: "García_Ana_12.pdf".
QString planPdfFileName(const Client &client);

} // namespace pathway
