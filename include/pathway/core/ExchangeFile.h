#pragma once

#include "pathway/core/Client.h"
#include "pathway/core/Result.h"

#include <QByteArray>
#include <QString>
#include <QVector>

#include <cstdio>
#include <functional>

class QIODevice;

namespace pathway {

// The exchange file: {"format": "pathway", "version": 1, "clients": [...]}.
// Written one client per line so that files diff well and stream fast.
namespace exchange {

constexpr int kFormatVersion = 1;

// Gets each valid client of an exchange file: its index in the file's list
// (0-based) and the client.
using ClientSink = std::function<Status(qint64 index, Client &&client)>;

// Reads an exchange file as a stream, one client at a time, so that memory
// does not grow with the file: `onClient` gets each client in file order as
// long as the file has shown no problem. After a problem it gets no more,
// but the file is still read to its end, and the result is the error a
// whole file gives (see read()). An error `onClient` returns stops the
// reading and is the result. Whoever stores what `onClient` gets must undo
// it on any error (one transaction around the reading).
Status readEach(std::FILE *file, const QString &origin, const ClientSink &onClient);
Status readEach(const QByteArray &text, const QString &origin, const ClientSink &onClient);

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
