#include "pathway/storage/ClientExchange.h"
#include "pathway/core/PrivateFiles.h"

#include "pathway/core/ExchangeFile.h"
#include "pathway/storage/Access.h"
#include "pathway/storage/AuditLog.h"
#include "pathway/storage/ClientRepository.h"
#include "pathway/storage/Database.h"

#include <QFile>
#include <QObject>
#include <QSaveFile>

namespace pathway::clientExchange {

Result<qint64> exportFile(ClientRepository &clients, const QString &path)
{
    if (const Status signedIn = access::requireSignedIn(clients.database()); !signedIn)
        return signedIn.error();
    QSaveFile file(path);
    if (const Status opened = privatefiles::open(file); !opened)
        return opened.error();
    exchange::Writer writer(file);
    qint64 count = 0;
    bool written = writer.begin();
    Database &db = clients.database();
    // One state of the file for the rows and their count: a damaged table
    // can lose rows without any error from SQLite, and the count, read from
    // an index rather than the table, then differs.
    const Status read = db.readTransaction([&]() -> Status {
        if (const Status each = clients.forEach([&](const Client &c) {
                written = written && writer.add(c);
                ++count;
                return written;
            });
            !each || !written)
            return each;
        auto stored = clients.count();
        if (!stored)
            return stored.error();
        if (stored.value() != count)
            return Error{Error::Code::Database,
                         QObject::tr("Database %1: it lists %2 clients, but %3 of them could be "
                                     "read: the file is damaged; run pathway-cli check to see the "
                                     "damage, and restore it from a backup")
                             .arg(db.path())
                             .arg(stored.value())
                             .arg(count)};
        return {};
    });
    if (!read) {
        file.cancelWriting();
        return Error{read.error().code, QObject::tr("%1. Nothing was exported; %2 was not changed.")
                                            .arg(read.error().message, path)};
    }
    written = written && writer.end();
    if (!written) {
        file.cancelWriting();
        return Error{Error::Code::Io, QObject::tr("Cannot write %1: %2; the file was not changed")
                                          .arg(path, file.errorString())};
    }
    // Recorded before the file appears: a trail that cannot be written
    // leaves no export behind. The file name is not recorded (it may name
    // a client). While another program writes, the entry is kept and
    // written after (audit::recordSoon): an export never waits on a writer.
    if (const Status logged = audit::recordSoon(db, AuditAction::Export, QStringLiteral("client"),
                                                0, QStringLiteral("%1 clients").arg(count));
        !logged) {
        file.cancelWriting();
        return logged.error();
    }
    if (!file.commit())
        return Error{Error::Code::Io, QObject::tr("Cannot write %1: %2; the file was not changed")
                                          .arg(path, file.errorString())};
    return count;
}

Result<qint64> importFile(ClientRepository &clients, const QString &path,
                          const std::function<bool(int)> &progress)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return Error{Error::Code::Io,
                     QObject::tr("Cannot read %1: %2").arg(path, file.errorString())};
    auto parsed = exchange::read(file.readAll(), path);
    if (!parsed)
        return parsed.error();
    QVector<Client> &list = parsed.value();
    // addMany checks every client's counselor (all or nothing) and records
    // one Import entry with the count.
    if (Status stored = clients.addMany(list, progress, AuditAction::Import); !stored)
        return Error{stored.error().code,
                     QObject::tr("%1: %2 Nothing was imported.").arg(path, stored.error().message)};
    return qint64(list.size());
}

} // namespace pathway::clientExchange
