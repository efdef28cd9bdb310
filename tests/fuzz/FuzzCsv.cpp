// libFuzzer target: the CSV parser, and that what it reads writes back the same.
#include "pathway/core/Csv.h"

#include <cstdlib>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray text(reinterpret_cast<const char *>(data), qsizetype(size));
    auto rows = pathway::csv::parse(text, QStringLiteral("fuzz.csv"));
    if (!rows)
        return 0;
    // Round trip: fields that need no neutralising read back unchanged.
    QByteArray again;
    bool plain = true;
    for (const QStringList &row : rows.value()) {
        for (const QString &field : row)
            plain = plain && pathway::csv::neutralised(field) == field;
        again += pathway::csv::record(row);
    }
    if (plain && !rows->isEmpty()) {
        auto back = pathway::csv::parse(again, QStringLiteral("again.csv"));
        if (!back || back.value() != rows.value())
            std::abort();
    }
    return 0;
}
