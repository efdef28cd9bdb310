#pragma once

#include "pathway/core/Client.h"
#include "pathway/core/Result.h"

#include <QByteArray>
#include <QString>
#include <QVector>

class QIODevice;

namespace pathway {

// The exchange file: {"format": "pathway", "version": 1, "clients": [...]}.
// Written one client per line so that files diff well and stream fast.
namespace exchange {

constexpr int kFormatVersion = 1;

// Parses a whole exchange file. All or nothing: on any problem the error lists
// every bad client by index (0-based, as in the array) and field, or the line
// and column of malformed JSON; `origin` (the file name) starts the message.
Result<QVector<Client>> read(const QByteArray &text, const QString &origin);

// Reads one profile object or an array of them (for `add-client` and `plan`).
Result<QVector<Client>> readProfiles(const QByteArray &text, const QString &origin);

// Streams the file; call begin, then add for each client, then end.
class Writer
{
public:
    explicit Writer(QIODevice &out) : m_out(out) {}
    bool begin();
    bool add(const Client &client);
    bool end();

private:
    QIODevice &m_out;
    bool m_first = true;
};

} // namespace exchange
} // namespace pathway
