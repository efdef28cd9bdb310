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

#include <cerrno>
#include <climits>
#include <cstdio>
#include <memory>

namespace pathway::clientExchange {

namespace {
// Clients parsed before they are written: enough to keep the reading and
// the writing each in a tight loop, few enough that memory stays small.
constexpr int kImportBatch = 1000;
} // namespace

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
    QFile check(path);
    if (!check.open(QIODevice::ReadOnly))
        return Error{Error::Code::Io,
                     QObject::tr("Cannot read %1: %2").arg(path, check.errorString())};
    check.close();
    std::FILE *file = std::fopen(QFile::encodeName(path).constData(), "rb");
    if (!file)
        return Error{Error::Code::Io,
                     QObject::tr("Cannot read %1: %2").arg(path, qt_error_string(errno))};
    const std::unique_ptr<std::FILE, int (*)(std::FILE *)> closer(file, &std::fclose);
    Database &db = clients.database();
    // The file is read as a stream and written in batches inside one
    // transaction: memory holds one batch, whatever the size of the file,
    // and a problem anywhere (the last client, a file cut short) rolls
    // every write back.
    QVector<Client> batch;
    batch.reserve(kImportBatch);
    qint64 imported = 0;
    bool storing = true; // an error now is the database's, not the file's
    const Status done = db.transaction([&]() -> Status {
        ClientRepository::Bulk bulk(clients);
        if (Status begun = bulk.begin(); !begun)
            return begun;
        const auto flush = [&]() -> Status {
            storing = true;
            for (Client &c : batch) {
                if (Status added = bulk.add(c); !added)
                    return added;
            }
            batch.clear();
            if (progress && !progress(int(std::min<qint64>(bulk.count(), INT_MAX))))
                return Error{Error::Code::Invalid, QObject::tr("Cancelled.")};
            storing = false;
            return {};
        };
        storing = false;
        const Status read = exchange::readEach(file, path, [&](qint64, Client &&client) {
            batch.append(std::move(client));
            return batch.size() >= kImportBatch ? flush() : Status();
        });
        if (!read)
            return read;
        if (Status last = flush(); !last)
            return last;
        imported = bulk.count();
        storing = true;
        // Records one Import entry with the count.
        return bulk.finish(AuditAction::Import);
    });
    if (!done) {
        // The reader's messages name the file and say that nothing was
        // imported; the database's are about a client or the file.
        if (!storing)
            return done.error();
        return Error{done.error().code,
                     QObject::tr("%1: %2 Nothing was imported.").arg(path, done.error().message)};
    }
    return imported;
}

} // namespace pathway::clientExchange
