#include "pathway/storage/NameIndex.h"

#include "pathway/core/NameCollator.h"
#include "pathway/core/NameKey.h"
#include "pathway/storage/Access.h"
#include "pathway/storage/AuditLog.h"
#include "pathway/storage/Database.h"

#include "NameKeyWriter.h"
#include "SqliteStatement.h"

#include <QObject>

#include <vector>

namespace pathway::nameIndex {

namespace {

const QString kLocale = QStringLiteral("collation_locale");
const QString kCollationVersion = QStringLiteral("collation_version");
const QString kKeyVersion = QStringLiteral("name_key_version");

// A row of database_settings; a null string when there is none.
Result<QString> setting(Database &db, const QString &name)
{
    SqliteStatement &q = db.fast("SELECT value FROM database_settings WHERE name = ?");
    q.bind(1, name);
    QString value;
    if (q.next())
        value = q.columnText(0);
    else if (q.errorCode() != 0) {
        Error error = db.statementError(q, QObject::tr("reading the setting %1").arg(name));
        q.reset();
        return error;
    }
    q.reset();
    return value;
}

Status setSetting(Database &db, const QString &name, const QString &value)
{
    SqliteStatement &q = db.fast("INSERT INTO database_settings (name, value) VALUES (?, ?) "
                                 "ON CONFLICT (name) DO UPDATE SET value = excluded.value");
    q.bind(1, name);
    q.bind(2, value);
    if (!q.run())
        return db.statementError(q, QObject::tr("saving the setting %1").arg(name));
    return {};
}

// Recomputes every client's sort key and key rows under `locale` and
// records what made them; inside the caller's transaction.
Status rebuild(Database &db, const QString &locale)
{
    NameKeyWriter writer(db, locale);
    if (!writer.ready())
        return writer.ready();
    SqliteStatement &clear = db.fast("DELETE FROM client_name_keys");
    if (!clear.run())
        return db.statementError(clear, QObject::tr("clearing the search keys"));
    if (Status bulk = writer.beginBulk(); !bulk)
        return bulk;
    // Read a batch, then write it: the read is finished before its rows change.
    SqliteStatement &read = db.fast(
        "SELECT id, first_name, last_name, status, income_bracket, counselor_id FROM clients "
        "WHERE id > ? ORDER BY id LIMIT 2000");
    SqliteStatement &store = db.fast("UPDATE clients SET name_sort_key = ? WHERE id = ?");
    std::vector<NameKeyWriter::Entry> batch;
    qint64 last = 0;
    for (;;) {
        batch.clear();
        read.bind(1, last);
        while (read.next()) {
            NameKeyWriter::Entry e;
            e.id = read.columnInt(0);
            e.firstName = read.columnText(1);
            e.lastName = read.columnText(2);
            e.status = read.columnText(3);
            e.bracket = read.columnText(4);
            e.counselorId = read.columnIsNull(5) ? 0 : read.columnInt(5);
            batch.push_back(std::move(e));
        }
        if (read.errorCode() != 0) {
            Error error = db.statementError(read, QObject::tr("reading the clients' names"));
            read.reset();
            return error;
        }
        read.reset();
        if (batch.empty())
            break;
        for (NameKeyWriter::Entry &e : batch) {
            e.sortKey = writer.sortKey(e.firstName, e.lastName);
            store.bindBlob(1, e.sortKey);
            store.bind(2, e.id);
            if (!store.run())
                return db.statementError(
                    store, QObject::tr("storing the sort key of client %1").arg(e.id));
            if (Status s = writer.insert(e); !s)
                return s;
        }
        last = batch.back().id;
    }
    if (Status stored = writer.endBulk(); !stored)
        return stored;
    if (Status s = setSetting(db, kLocale, locale); !s)
        return s;
    if (Status s = setSetting(db, kCollationVersion, NameCollator(locale).version()); !s)
        return s;
    return setSetting(db, kKeyVersion, QString::number(nameKey::kVersion));
}

} // namespace

Result<QString> collationLocale(Database &db)
{
    auto locale = setting(db, kLocale);
    if (locale && locale->isEmpty())
        return Error{Error::Code::NotFound,
                     QObject::tr("Database %1 has no collation locale (schema %2).")
                         .arg(db.path())
                         .arg(db.schemaVersion())};
    return locale;
}

Status setCollationLocale(Database &db, const QString &locale)
{
    if (Status allowed = access::requireAdmin(db, QObject::tr("change the order of names"));
        !allowed)
        return allowed;
    if (!NameCollator::isKnownLocale(locale))
        return Error{Error::Code::Invalid,
                     QObject::tr("'%1' is not a locale name Pathway knows (write it as ICU "
                                 "does: en, de_AT, sv_SE, es@collation=traditional).")
                         .arg(locale)};
    return db.transaction([&]() -> Status {
        auto before = collationLocale(db);
        if (!before)
            return before.error();
        if (Status s = rebuild(db, locale); !s)
            return s;
        return audit::record(
            db, AuditAction::Update, QStringLiteral("settings"), 0,
            QStringLiteral("collation locale %1 to %2").arg(before.value(), locale));
    });
}

Status ensureCurrent(Database &db)
{
    auto locale = collationLocale(db);
    if (!locale)
        return locale.error();
    auto collation = setting(db, kCollationVersion);
    if (!collation)
        return collation.error();
    auto keys = setting(db, kKeyVersion);
    if (!keys)
        return keys.error();
    if (collation.value() == NameCollator(locale.value()).version() &&
        keys.value() == QString::number(nameKey::kVersion))
        return {};
    return db.transaction([&] { return rebuild(db, locale.value()); });
}

Status fillForMigration(Database &db)
{
    auto locale = setting(db, kLocale);
    if (!locale)
        return locale.error();
    return rebuild(db, locale->isEmpty() ? NameCollator::defaultLocale() : locale.value());
}

} // namespace pathway::nameIndex
