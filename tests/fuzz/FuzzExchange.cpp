// libFuzzer target: the exchange file reader, whole and streamed.
#include "pathway/core/ExchangeFile.h"
#include "pathway/core/JsonInput.h"
#include "pathway/core/ProfileJson.h"

#include <cstdio>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray text(reinterpret_cast<const char *>(data), qsizetype(size));
    (void)pathway::exchange::read(text, QStringLiteral("fuzz.json"));
    if (std::FILE *f = fmemopen(const_cast<uint8_t *>(data), size, "rb")) {
        (void)pathway::jsoninput::streamExchange(
            f, QStringLiteral("fuzz.json"), {},
            [](const std::string &, const nlohmann::json &) { return pathway::Status(); },
            [](qint64, nlohmann::json &&client) {
                return pathway::clientFromJson(client).ok()
                           ? pathway::Status()
                           : pathway::Status(pathway::Error{pathway::Error::Code::Invalid, {}});
            });
        std::fclose(f);
    }
    return 0;
}
