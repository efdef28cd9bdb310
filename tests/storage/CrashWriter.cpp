// The child of CrashSafetyTest: writes to a Pathway database through
// Pathway's own storage code (adding clients one at a time and in batches,
// changing profiles, adding notes, saving plans) until it is killed, and
// reports on standard output each write it starts and each write whose
// commit has returned. Every line goes out in one write(2) before the next
// step, so the parent sees exactly what was acknowledged when the SIGKILL
// came.
//
//   pathway-crash-writer DB SEED CHECKPOINT_PAGES
//
// Lines (fields separated by single spaces):
//   open                              Database::open returned
//   begin OP ...                      a write is about to start
//   client ID EMAIL                   a client was added
//   batch TOKEN SIZE ID...            SIZE clients were added in one transaction
//   update ID EMAIL                   a client's profile was replaced
//   note ID CLIENT BODY               a note was added
//   plan CLIENT PLAN STEPS            a new plan version was saved
//   checkpoint-begin / checkpoint-end a WAL checkpoint ran (after a commit)
//
// A client's email tells what a whole profile of it holds:
// b<barriers>g<goals>[u<change>].<token>x<batch size>@crash.example, so the
// parent can check any client found in the file, reported or not, for half a
// write; a changed profile keeps the token and batch size of the client.
//
// CHECKPOINT_PAGES replaces SQLite's automatic checkpoint (after a commit,
// when the log holds that many pages: 1000 is SQLite's and Pathway's
// default) with the same call, reported, so the parent knows which kills
// landed inside a checkpoint; a small value makes them frequent.

#include "pathway/core/Client.h"
#include "pathway/core/IncomeThresholds.h"
#include "pathway/core/RuleBase.h"
#include "pathway/core/StrategyEngine.h"
#include "pathway/storage/ClientRepository.h"
#include "pathway/storage/Database.h"
#include "pathway/storage/NoteRepository.h"
#include "pathway/storage/PlanService.h"

#include <QCoreApplication>
#include <QRegularExpression>
#include <QSqlDriver>
#include <QSqlError>
#include <QSqlQuery>

#include <sqlite3.h>

#include <cstdio>
#include <cstdlib>
#include <random>
#include <string>

#include <unistd.h>

using namespace pathway;

namespace {

// One whole line in one write(2): the parent never sees half a report.
void report(const QString &line)
{
    const std::string text = line.toStdString() + '\n';
    size_t done = 0;
    while (done < text.size()) {
        const ssize_t n = ::write(STDOUT_FILENO, text.data() + done, text.size() - done);
        if (n <= 0)
            std::_Exit(3);
        done += size_t(n);
    }
}

[[noreturn]] void die(const QString &what, const Error &error)
{
    std::fprintf(stderr, "pathway-crash-writer: %s: %s\n", qPrintable(what),
                 qPrintable(error.message));
    std::_Exit(2);
}

int checkpointPages = 1000;

// SQLite's default WAL hook (sqlite3WalDefaultHook) with a report around it.
int walHook(void *, sqlite3 *db, const char *schema, int pages)
{
    if (pages >= checkpointPages) {
        report(QStringLiteral("checkpoint-begin"));
        sqlite3_wal_checkpoint(db, schema);
        report(QStringLiteral("checkpoint-end"));
    }
    return SQLITE_OK;
}

const BarrierCode kBarriers[] = {BarrierCode::Stigma,        BarrierCode::Finances,
                                 BarrierCode::Caregiving,    BarrierCode::Health,
                                 BarrierCode::SocialSupport, BarrierCode::Transport};
const GoalCode kGoals[] = {GoalCode::Employment, GoalCode::Advancement, GoalCode::Education,
                           GoalCode::CareerChange};

struct Writer
{
    std::mt19937_64 random;
    qint64 tokens = 0;
    QString seed;

    int below(int n) { return int(random() % quint64(n)); }

    // A valid profile whose email says how many barriers and goals it has.
    Client profile(const QString &token, int batchSize)
    {
        Client c;
        c.firstName = QStringLiteral("Zoë");
        c.lastName = QStringLiteral("Crash-%1").arg(token);
        c.dateOfBirth = QDate(1960 + below(40), 1 + below(12), 1 + below(28));
        c.phone = QStringLiteral("+1 555 0100 22");
        c.address = QStringLiteral("12 Elm Street\nSpringfield");
        c.householdSize = 1 + below(5);
        c.annualIncome = 10000 + below(60000);
        c.employmentStatus = EmploymentStatus::Unemployed;
        c.weeksUnemployed = below(60);
        const int barriers = 1 + below(int(std::size(kBarriers)));
        for (int i = 0; i < barriers; ++i)
            c.barriers.push_back({kBarriers[i], 1 + below(3), QStringLiteral("note %1").arg(i)});
        const int goals = 1 + below(int(std::size(kGoals)));
        for (int i = 0; i < goals; ++i)
            c.goals.push_back(kGoals[i]);
        c.skills = {QStringLiteral("bookkeeping")};
        c.counselor = below(2) ? QStringLiteral("agarcia") : QStringLiteral("bchen");
        c.email = QStringLiteral("b%1g%2.%3x%4@crash.example")
                      .arg(barriers)
                      .arg(goals)
                      .arg(token)
                      .arg(batchSize);
        return c;
    }

    QString token() { return QStringLiteral("s%1t%2").arg(seed).arg(++tokens); }
};

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    if (argc != 4) {
        std::fprintf(stderr, "usage: pathway-crash-writer DB SEED CHECKPOINT_PAGES\n");
        return 2;
    }
    const QString path = QString::fromLocal8Bit(argv[1]);
    Writer w;
    w.seed = QString::fromLatin1(argv[2]);
    w.random.seed(std::strtoull(argv[2], nullptr, 10));
    checkpointPages = std::atoi(argv[3]);

    Database::Options options;
    options.createIfMissing = true;
    auto opened = Database::open(path, options);
    if (!opened)
        die(QStringLiteral("open"), opened.error());
    Database &db = *opened.value();
    db.setActor(Actor::system());
    const QVariant handle = db.connection().driver()->handle();
    sqlite3 *raw = *static_cast<sqlite3 *const *>(handle.data());
    sqlite3_wal_hook(raw, walHook, nullptr);
    report(QStringLiteral("open"));

    const IncomeThresholds thresholds = IncomeThresholds::builtIn();
    const StrategyEngine engine(RuleBase::builtIn(), thresholds);
    ClientRepository clients(db, thresholds);
    NoteRepository notes(db);

    QVector<qint64> ids;
    {
        QSqlQuery q(db.connection());
        if (!q.exec(QStringLiteral("SELECT id FROM clients ORDER BY id")))
            die(QStringLiteral("list"), Error{Error::Code::Io, q.lastError().text()});
        while (q.next())
            ids.push_back(q.value(0).toLongLong());
    }

    for (int step = 0; step < 1000000; ++step) {
        const int kind = ids.isEmpty() ? 0 : w.below(100);
        if (kind < 35) {
            const QString token = w.token();
            Client c = w.profile(token, 1);
            report(QStringLiteral("begin client %1").arg(token));
            auto id = clients.add(c);
            if (!id)
                die(QStringLiteral("add"), id.error());
            ids.push_back(id.value());
            report(QStringLiteral("client %1 %2").arg(id.value()).arg(c.email));
        } else if (kind < 45) {
            const QString token = w.token();
            const int size = 2 + w.below(40);
            QVector<Client> batch;
            for (int i = 0; i < size; ++i)
                batch.push_back(w.profile(token, size));
            report(QStringLiteral("begin batch %1 %2").arg(token).arg(size));
            if (Status s = clients.addMany(batch); !s)
                die(QStringLiteral("add many"), s.error());
            QString line = QStringLiteral("batch %1 %2").arg(token).arg(size);
            for (const Client &c : batch) {
                ids.push_back(c.id);
                line += QStringLiteral(" %1").arg(c.id);
            }
            report(line);
        } else if (kind < 60) {
            const qint64 id = ids.at(w.below(int(ids.size())));
            auto c = clients.get(id);
            if (!c)
                die(QStringLiteral("get"), c.error());
            // The new profile keeps the client's token and batch size, and
            // says which change it is, so that every change is a new email.
            static const QRegularExpression kTail(QStringLiteral("\\.(s\\d+t\\d+)x(\\d+)@"));
            const QRegularExpressionMatch tail = kTail.match(c->email);
            if (!tail.hasMatch())
                die(QStringLiteral("update"), Error{Error::Code::Invalid, c->email});
            Client changed = w.profile(tail.captured(1), tail.captured(2).toInt());
            changed.email.insert(changed.email.indexOf(QLatin1Char('.')),
                                 QStringLiteral("u%1").arg(w.random() % 1000000000));
            changed.id = id;
            changed.counselor = c->counselor;
            report(QStringLiteral("begin update %1 %2").arg(id).arg(changed.email));
            if (Status s = clients.update(changed); !s)
                die(QStringLiteral("update"), s.error());
            report(QStringLiteral("update %1 %2").arg(id).arg(changed.email));
        } else if (kind < 80) {
            CaseNote note;
            note.clientId = ids.at(w.below(int(ids.size())));
            note.author = QStringLiteral("agarcia");
            note.body = QStringLiteral("met-%1").arg(w.token());
            report(QStringLiteral("begin note %1 %2").arg(note.clientId).arg(note.body));
            if (Status s = notes.add(note); !s)
                die(QStringLiteral("note"), s.error());
            report(QStringLiteral("note %1 %2 %3").arg(note.id).arg(note.clientId).arg(note.body));
        } else {
            const qint64 id = ids.at(w.below(int(ids.size())));
            report(QStringLiteral("begin plan %1").arg(id));
            auto made = planning::replan(db, engine, QDate(2026, 11, 23), id);
            if (!made)
                die(QStringLiteral("replan"), made.error());
            QSqlQuery q(db.connection());
            q.prepare(QStringLiteral("SELECT p.id, (SELECT count(*) FROM plan_steps s WHERE "
                                     "s.plan_id = p.id) FROM plans p WHERE p.client_id = ? "
                                     "ORDER BY p.version DESC LIMIT 1"));
            q.addBindValue(id);
            if (!q.exec() || !q.next())
                die(QStringLiteral("read plan"), Error{Error::Code::Io, q.lastError().text()});
            report(QStringLiteral("plan %1 %2 %3")
                       .arg(id)
                       .arg(q.value(0).toLongLong())
                       .arg(q.value(1).toLongLong()));
        }
    }
    return 0;
}
