#include "pathway/storage/PlanService.h"

#include "pathway/core/PlanRegeneration.h"
#include "pathway/core/StrategyEngine.h"
#include "pathway/storage/Access.h"
#include "pathway/storage/AuditLog.h"
#include "pathway/storage/ClientRepository.h"
#include "pathway/storage/Database.h"
#include "pathway/storage/PlanRepository.h"

#include <QElapsedTimer>
#include <QHash>
#include <QObject>
#include <QSqlQuery>

namespace pathway::planning {

namespace {

// Clients read at a time (by id range).
constexpr qint64 kChunk = 64;

// Where an interrupted replan --all stopped: "<user>|<rules version>|<day>|
// <last client id done>|<clients done>", in database_settings, written
// with each batch and removed by the last.
const QString kResumeSetting = QStringLiteral("replan_resume");

struct Resume
{
    qint64 lastId = 0;
    qint64 done = 0;
};

QString resumeKey(const Database &db, const StrategyEngine &engine, const QDate &today)
{
    return QStringLiteral("%1|%2|%3")
        .arg(db.actor().username, engine.rules().version(), today.toString(Qt::ISODate));
}

Result<Resume> readResume(Database &db, const QString &key)
{
    QSqlQuery q = db.prepare(QStringLiteral("SELECT value FROM database_settings WHERE name = ?"));
    q.addBindValue(kResumeSetting);
    if (!q.exec())
        return db.queryError(q, QObject::tr("reading where the last replan stopped"));
    Resume resume;
    if (q.next()) {
        const QString value = q.value(0).toString();
        const int cut =
            value.lastIndexOf(QLatin1Char('|'), value.lastIndexOf(QLatin1Char('|')) - 1);
        const QStringList counts = value.mid(cut + 1).split(QLatin1Char('|'));
        // Another user's, another rule set's or another day's run: start over.
        if (cut > 0 && value.left(cut) == key && counts.size() == 2) {
            resume.lastId = counts[0].toLongLong();
            resume.done = counts[1].toLongLong();
        }
    }
    return resume;
}

Status writeResume(Database &db, const QString &key, qint64 lastId, qint64 done, bool finished)
{
    QSqlQuery q = db.prepare(
        finished ? QStringLiteral("DELETE FROM database_settings WHERE name = ?")
                 : QStringLiteral("INSERT INTO database_settings (name, value) VALUES (?, ?) "
                                  "ON CONFLICT (name) DO UPDATE SET value = excluded.value"));
    q.addBindValue(kResumeSetting);
    if (!finished)
        q.addBindValue(QStringLiteral("%1|%2|%3").arg(key).arg(lastId).arg(done));
    if (!q.exec())
        return db.queryError(q, QObject::tr("recording how far the replan got"));
    return {};
}

} // namespace

Result<qint64> replan(Database &db, const StrategyEngine &engine, const QDate &today,
                      std::optional<qint64> clientId,
                      const std::function<bool(qint64, qint64)> &progress, qint64 batchMs)
{
    ClientRepository clients(db, engine.thresholds());
    PlanRepository plans(db);
    const auto makePlan = [&](const QVector<Client> &chunk,
                              const QHash<qint64, Plan> &previous) -> Status {
        for (const Client &c : chunk) {
            // The same carry-over as the app's Regenerate: progress, the
            // counselor's edits and own steps stay. A client without a
            // plan gets a first one starting today.
            Plan plan = regenerate(previous.value(c.id), c, engine, today).next;
            if (Status saved = plans.save(plan, c); !saved)
                return saved;
        }
        return {};
    };
    const auto readChunk = [&](qint64 start, qint64 end, QVector<Client> &chunk,
                               QHash<qint64, Plan> &previous) -> Status {
        auto current = plans.currentPlans(start, end);
        if (!current)
            return current.error();
        previous = current.value();
        chunk.clear();
        return clients.forEach(
            [&](const Client &c) {
                chunk.append(c);
                return true;
            },
            start, end);
    };

    if (clientId) {
        if (Status allowed = access::checkClient(db, *clientId); !allowed)
            return allowed.error();
        const Status one = db.transaction([&]() -> Status {
            QVector<Client> chunk;
            QHash<qint64, Plan> previous;
            if (Status read = readChunk(*clientId, *clientId, chunk, previous); !read)
                return read;
            return makePlan(chunk, previous); // save() records the one new version
        });
        if (!one)
            return one.error();
        if (progress)
            progress(1, 1);
        return 1;
    }

    // Everyone the actor may see (count, maxId and forEach are limited to
    // them), in batches of about batchMs (kReplanBatchMs: another writer, a counselor
    // saving a note or a sign-in, waits at most about that long), each its own transaction with one
    // audit entry; none per plan.
    plans.setAuditEachSave(false);
    auto max = clients.maxId();
    auto count = clients.count();
    if (!max)
        return max.error();
    if (!count)
        return count.error();
    const qint64 last = max.value();
    const qint64 total = count.value();
    const QString key = resumeKey(db, engine, today);
    auto resume = readResume(db, key);
    if (!resume)
        return resume.error();
    qint64 next = resume->lastId + 1;
    qint64 done = resume->done;
    const qint64 doneBefore = done;
    while (next <= last) {
        qint64 batchDone = 0;
        qint64 batchEnd = next - 1;
        QElapsedTimer batchTime;
        const Status batch = db.transaction([&]() -> Status {
            batchTime.start();
            do {
                const qint64 end = std::min(last, batchEnd + kChunk);
                QVector<Client> chunk;
                QHash<qint64, Plan> previous;
                if (Status read = readChunk(batchEnd + 1, end, chunk, previous); !read)
                    return read;
                if (Status made = makePlan(chunk, previous); !made)
                    return made;
                batchDone += chunk.size();
                batchEnd = end;
            } while (batchEnd < last && batchTime.elapsed() < batchMs);
            if (Status marked = writeResume(db, key, batchEnd, done + batchDone, batchEnd >= last);
                !marked)
                return marked;
            return audit::record(db, AuditAction::Create, QStringLiteral("plan"), 0,
                                 QStringLiteral("replan: %1 new versions").arg(batchDone));
        });
        if (!batch)
            return batch.error();
        done += batchDone;
        next = batchEnd + 1;
        if (progress && !progress(done, total) && next <= last)
            return Error{Error::Code::Invalid,
                         QObject::tr("Cancelled after %1 of %2 clients: they have their new plans "
                                     "and keep them; run the replan again to do the rest.")
                             .arg(done)
                             .arg(total)};
    }
    return done - doneBefore;
}

Result<Regeneration> previewRegeneration(Database &db, const StrategyEngine &engine,
                                         qint64 clientId, const QDate &today)
{
    auto client = ClientRepository(db, engine.thresholds()).get(clientId);
    if (!client)
        return client.error();
    auto current = PlanRepository(db).current(clientId);
    if (!current)
        return current.error();
    return regenerate(current->value_or(Plan()), client.value(), engine, today);
}

} // namespace pathway::planning
