#pragma once

#include "pathway/core/Result.h"

#include <QString>

class QSaveFile;

namespace pathway::privatefiles {

// Files and folders that hold personal data (the database, exports, CSV,
// PDFs) are for their owner only, in one place:

// Creates `path` and any missing folders above it with mode 0700 (folders
// that exist are left as they are). The error names the folder.
Status makeDirectory(const QString &path);

// Opens `file` for writing with mode 0600, set on its temporary file before
// any byte is written (QSaveFile renames it into place on commit). Its
// folder must exist (a mistyped path is not made). On failure nothing is
// left behind and the error names the file.
Status open(QSaveFile &file);

} // namespace pathway::privatefiles
