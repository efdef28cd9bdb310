// libFuzzer target: profile files (add-client, plan --profile).
#include "pathway/core/ExchangeFile.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray text(reinterpret_cast<const char *>(data), qsizetype(size));
    (void)pathway::exchange::readProfiles(text, QStringLiteral("fuzz.json"));
    return 0;
}
