// libFuzzer target: the exchange file reader, from memory and from a file
// (both streamed, as import reads them).
#include "pathway/core/ExchangeFile.h"

#include <cstdio>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray text(reinterpret_cast<const char *>(data), qsizetype(size));
    const auto keep = [](qint64, pathway::Client &&) { return pathway::Status(); };
    (void)pathway::exchange::read(text, QStringLiteral("fuzz.json"));
    if (std::FILE *f = fmemopen(const_cast<uint8_t *>(data), size, "rb")) {
        (void)pathway::exchange::readEach(f, QStringLiteral("fuzz.json"), keep);
        std::fclose(f);
    }
    return 0;
}
