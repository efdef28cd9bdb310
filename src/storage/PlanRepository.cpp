#include "pathway/storage/PlanRepository.h"

#include "pathway/core/ProfileJson.h"
#include "pathway/core/StrategyEngine.h"
#include "pathway/storage/Access.h"
#include "pathway/storage/AuditLog.h"
#include "pathway/storage/Database.h"

#include "SqliteStatement.h"

#include <QDateTime>
#include <QObject>
#include <QSqlQuery>
#include <QVariant>

#include <nlohmann/json.hpp>

namespace pathway {

namespace {

const QLatin1Char kSeparator('\n');

// Qt binds a null QString as SQL NULL; these columns are NOT NULL.
QString nn(const QString &s)
{
    return s.isNull() ? QStringLiteral("") : s;
}

QStringList split(const QString &s)
{
    return s.isEmpty() ? QStringList() : s.split(kSeparator);
}

const QString kPlanEntity = QStringLiteral("plan");

// Columns read by readInfo: the plan, its review status and latest review.
const char *const kSelectInfo =
    "SELECT p.id, p.version, p.rules_version, p.start_date, p.created_at, p.accepted_at, "
    "p.review_status, r.comment, u.username, r.created_at FROM plans p "
    "LEFT JOIN plan_reviews r ON r.id = (SELECT MAX(x.id) FROM plan_reviews x WHERE x.plan_id = "
    "p.id) LEFT JOIN users u ON u.id = r.reviewer_id";

// Every column of a step, its texts joined in, for readStep(); a statement
// adds its WHERE and ORDER BY.
#define kSelectSteps                                                                               \
    "SELECT s.strategy_id, m.body, s.category, s.phase, t.body, d.body, w.body, r.body, ra.body, " \
    "so.body, s.start_week, s.end_week, s.priority, s.due_date, s.status, s.status_note, "         \
    "s.completed_on, s.plan_id, s.repeat_every_weeks FROM plan_steps s "                           \
    "JOIN plan_texts m ON m.id = s.merged_strategies_id JOIN plan_texts t ON t.id = s.title_id "   \
    "JOIN plan_texts d ON d.id = s.description_id JOIN plan_texts w ON w.id = s.who_helps_id "     \
    "JOIN plan_texts r ON r.id = s.reason_id JOIN plan_texts ra ON ra.id = s.rationale_id "        \
    "JOIN plan_texts so ON so.id = s.sources_id"
// The column of kSelectSteps that holds the plan id.
constexpr int kStepPlanColumn = 17;

QDate isoDate(std::string_view text)
{
    return QDate::fromString(QLatin1String(text.data(), qsizetype(text.size())), Qt::ISODate);
}

// A step as kSelectSteps reads it (its rationale still the template).
PlanStep readStep(const SqliteStatement &s)
{
    PlanStep st;
    st.strategyId = s.columnText(0);
    st.mergedStrategies = split(s.columnText(1));
    st.category = fromCode<Category>(s.columnText(2)).value_or(Category::Counseling);
    st.phase = fromCode<Phase>(s.columnText(3)).value_or(Phase::Build);
    st.title = s.columnText(4);
    st.description = s.columnText(5);
    st.whoHelps = s.columnText(6);
    st.reason = s.columnText(7);
    st.rationaleTemplate = s.columnText(8);
    st.rationale = st.rationaleTemplate;
    st.sources = split(s.columnText(9));
    st.startWeek = int(s.columnInt(10));
    st.endWeek = int(s.columnInt(11));
    st.priority = int(s.columnInt(12));
    st.dueDate = isoDate(s.columnView(13));
    st.status = fromCode<StepStatus>(s.columnText(14)).value_or(StepStatus::Planned);
    st.statusNote = s.columnText(15);
    st.completedOn = isoDate(s.columnView(16));
    st.repeatEveryWeeks = int(s.columnInt(18));
    return st;
}

PlanVersionInfo readInfo(const QSqlQuery &q)
{
    PlanVersionInfo info;
    info.id = q.value(0).toLongLong();
    info.version = q.value(1).toInt();
    info.rulesVersion = q.value(2).toString();
    info.startDate = QDate::fromString(q.value(3).toString(), Qt::ISODate);
    info.createdAt = q.value(4).toString();
    info.acceptedAt = QDateTime::fromString(q.value(5).toString(), Qt::ISODate);
    info.review = reviewStatusFromCode(q.value(6).toString());
    info.reviewComment = q.value(7).toString();
    info.reviewer = q.value(8).toString();
    info.reviewedAt = QDateTime::fromString(q.value(9).toString(), Qt::ISODateWithMs);
    return info;
}

} // namespace

Status PlanRepository::checkClient(qint64 clientId)
{
    const Actor &actor = m_db.actor();
    if (!actor.signedIn())
        return access::requireSignedIn(m_db);
    // On SQLite's handle: replanning and demo data check every client.
    SqliteStatement &q = m_db.fast("SELECT counselor_id FROM clients WHERE id = ?");
    q.bind(1, clientId);
    const bool found = q.next();
    const qint64 counselor = found ? q.columnInt(0) : 0;
    q.reset();
    if (!found) {
        if (q.errorCode() != 0)
            return m_db.statementError(q,
                                       QObject::tr("checking access to client %1").arg(clientId));
        return Error{Error::Code::NotFound, QObject::tr("There is no client %1.").arg(clientId)};
    }
    if (!actor.seesAllClients() && counselor != actor.userId)
        return access::forbiddenClient(clientId);
    return {};
}

Status PlanRepository::editPlan(qint64 planId, const std::function<Result<QString>()> &work)
{
    return m_db.transaction([&]() -> Status {
        if (auto clientId = access::checkPlan(m_db, planId); !clientId)
            return clientId.error();
        auto detail = work();
        if (!detail)
            return detail.error();
        return audit::record(m_db, AuditAction::Update, kPlanEntity, planId, detail.value());
    });
}

Status PlanRepository::save(Plan &plan, const Client &client)
{
    if (client.id <= 0)
        return Error{Error::Code::Invalid,
                     QObject::tr("A plan can only be saved for a stored client.")};
    int version = 0;
    qint64 planId = 0;
    const Status done = m_db.transaction([&]() -> Status {
        if (Status allowed = checkClient(client.id); !allowed)
            return allowed;
        SqliteStatement &next =
            m_db.fast("SELECT COALESCE(MAX(version), 0) + 1 FROM plans WHERE client_id = ?");
        next.bind(1, client.id);
        const bool found = next.next();
        version = found ? int(next.columnInt(0)) : 0;
        next.reset();
        if (!found)
            return m_db.statementError(
                next, QObject::tr("numbering the plan of client %1").arg(client.id));

        SqliteStatement &q = m_db.fast(
            "INSERT INTO plans (client_id, version, rules_version, profile_json, income_bracket, "
            "long_term_unemployed, start_date, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
        q.bind(1, client.id);
        q.bind(2, version);
        q.bind(3, plan.rulesVersion);
        q.bind(4, QString::fromStdString(clientToJson(client).dump()));
        q.bind(5, toCode(plan.incomeBracket));
        q.bind(6, plan.longTermUnemployed ? 1 : 0);
        q.bind(7, plan.startDate.toString(Qt::ISODate));
        q.bind(8, QDateTime::currentDateTimeUtc().toString(Qt::ISODate));
        if (!q.run())
            return m_db.statementError(q,
                                       QObject::tr("saving the plan of client %1").arg(client.id));
        planId = q.lastInsertId();

        for (int i = 0; i < plan.steps.size(); ++i) {
            if (Status saved = bindStep(planId, i, plan.steps[i]); !saved)
                return saved;
        }
        if (!m_auditEachSave)
            return {};
        return audit::record(m_db, AuditAction::Create, kPlanEntity, planId,
                             QStringLiteral("version %1").arg(version));
    });
    if (!done)
        return done;
    plan.id = planId;
    plan.clientId = client.id;
    plan.version = version;
    return {};
}

Result<qint64> PlanRepository::textId(const QString &body)
{
    if (m_rollbacksSeen != m_db.rollbacks()) {
        m_textIds.clear(); // a rolled-back transaction may have taken rows with it
        m_rollbacksSeen = m_db.rollbacks();
    }
    const auto cached = m_textIds.constFind(body);
    if (cached != m_textIds.constEnd())
        return *cached;
    SqliteStatement &find = m_db.fast("SELECT id FROM plan_texts WHERE body = ?");
    find.bind(1, body);
    qint64 id = 0;
    if (find.next()) {
        id = find.columnInt(0);
        find.reset();
    } else {
        find.reset();
        if (find.errorCode() != 0)
            return m_db.statementError(find, QObject::tr("reading plan texts"));
        SqliteStatement &add = m_db.fast("INSERT INTO plan_texts (body) VALUES (?)");
        add.bind(1, body);
        if (!add.run())
            return m_db.statementError(add, QObject::tr("saving plan texts"));
        id = add.lastInsertId();
    }
    m_textIds.insert(body, id);
    return id;
}

Result<Plan> PlanRepository::load(const QString &where, const QVariantList &values)
{
    QSqlQuery q = m_db.prepare(QStringLiteral("SELECT id, client_id, version, rules_version, "
                                              "income_bracket, long_term_unemployed, start_date, "
                                              "profile_json FROM plans WHERE %1")
                                   .arg(where));
    for (const QVariant &v : values)
        q.addBindValue(v);
    if (!q.exec())
        return m_db.queryError(q, QObject::tr("reading a plan"));
    if (!q.next())
        return Error{Error::Code::NotFound, QObject::tr("There is no such plan.")};
    Plan plan;
    plan.id = q.value(0).toLongLong();
    plan.clientId = q.value(1).toLongLong();
    plan.version = q.value(2).toInt();
    plan.rulesVersion = q.value(3).toString();
    plan.incomeBracket =
        fromCode<IncomeBracket>(q.value(4).toString()).value_or(IncomeBracket::Middle);
    plan.longTermUnemployed = q.value(5).toBool();
    plan.startDate = QDate::fromString(q.value(6).toString(), Qt::ISODate);
    // Rationales are stored as templates and filled from the profile the
    // plan was made from, which is kept with it.
    const QByteArray snapshot = q.value(7).toString().toUtf8();
    const auto profileJson = nlohmann::json::parse(
        snapshot.constData(), snapshot.constData() + snapshot.size(), nullptr, false);
    const Client profile = clientFromJson(profileJson).client;

    SqliteStatement &steps = m_db.fast(kSelectSteps " WHERE s.plan_id = ? ORDER BY s.position");
    steps.bind(1, plan.id);
    while (steps.next()) {
        PlanStep st = readStep(steps);
        st.rationale = fillRationale(st.rationaleTemplate, profile, plan.incomeBracket);
        plan.steps.append(std::move(st));
    }
    steps.reset();
    if (steps.errorCode() != 0)
        return m_db.statementError(steps, QObject::tr("reading the steps of plan %1").arg(plan.id));
    return plan;
}

Result<std::optional<Plan>> PlanRepository::current(qint64 clientId)
{
    if (const Status allowed = access::checkClient(m_db, clientId); !allowed)
        return allowed.error();
    auto plan = load(QStringLiteral("client_id = ? ORDER BY version DESC LIMIT 1"), {clientId});
    if (plan)
        return std::optional<Plan>(std::move(plan.value()));
    if (plan.error().code == Error::Code::NotFound)
        return std::optional<Plan>();
    return plan.error();
}

Result<QHash<qint64, Plan>> PlanRepository::currentPlans(qint64 from, qint64 to)
{
    QHash<qint64, Plan> out;
    QHash<qint64, qint64> clientOfPlan;
    const access::ClientScopeValues scope = access::clientScopeValues(m_db);
    // Versions ascend within a client, so the last row of each is the newest.
    SqliteStatement &plans = m_db.fast(
        "SELECT p.client_id, p.id, p.version, p.rules_version, p.income_bracket, "
        "p.long_term_unemployed, p.start_date FROM plans p JOIN clients c ON c.id = p.client_id "
        "WHERE p.client_id BETWEEN ? AND ? AND (? OR c.counselor_id = ?) "
        "ORDER BY p.client_id, p.version");
    plans.bind(1, from);
    plans.bind(2, to);
    plans.bind(3, scope.all);
    plans.bind(4, scope.counselorId);
    while (plans.next()) {
        Plan &plan = out[plans.columnInt(0)];
        plan.clientId = plans.columnInt(0);
        plan.id = plans.columnInt(1);
        plan.version = int(plans.columnInt(2));
        plan.rulesVersion = plans.columnText(3);
        plan.incomeBracket =
            fromCode<IncomeBracket>(plans.columnText(4)).value_or(IncomeBracket::Middle);
        plan.longTermUnemployed = plans.columnInt(5) != 0;
        plan.startDate = isoDate(plans.columnView(6));
    }
    plans.reset();
    if (plans.errorCode() != 0)
        return m_db.statementError(plans, QObject::tr("reading the current plans"));
    for (const Plan &plan : std::as_const(out))
        clientOfPlan.insert(plan.id, plan.clientId);

    SqliteStatement &steps = m_db.fast(kSelectSteps " JOIN plans p ON p.id = s.plan_id "
                                                    "WHERE p.client_id BETWEEN ? AND ? "
                                                    "ORDER BY s.plan_id, s.position");
    steps.bind(1, from);
    steps.bind(2, to);
    while (steps.next()) {
        const auto client = clientOfPlan.constFind(steps.columnInt(kStepPlanColumn));
        if (client != clientOfPlan.constEnd()) // a current version the actor may see
            out[*client].steps.append(readStep(steps));
    }
    steps.reset();
    if (steps.errorCode() != 0)
        return m_db.statementError(steps, QObject::tr("reading the steps of the current plans"));
    return out;
}

Result<Plan> PlanRepository::version(qint64 clientId, int version)
{
    if (const Status allowed = access::checkClient(m_db, clientId); !allowed)
        return allowed.error();
    auto plan = load(QStringLiteral("client_id = ? AND version = ?"), {clientId, version});
    if (!plan && plan.error().code == Error::Code::NotFound)
        return Error{Error::Code::NotFound,
                     QObject::tr("Client %1 has no plan version %2.").arg(clientId).arg(version)};
    return plan;
}

Result<QVector<PlanVersionInfo>> PlanRepository::versions(qint64 clientId)
{
    if (const Status allowed = access::checkClient(m_db, clientId); !allowed)
        return allowed.error();
    QSqlQuery q = m_db.prepare(QLatin1String(kSelectInfo) +
                               QStringLiteral(" WHERE p.client_id = ? ORDER BY p.version"));
    q.addBindValue(clientId);
    if (!q.exec())
        return m_db.queryError(q, QObject::tr("listing the plans of client %1").arg(clientId));
    QVector<PlanVersionInfo> out;
    while (q.next())
        out.append(readInfo(q));
    return out;
}

Result<QByteArray> PlanRepository::profileSnapshot(qint64 planId)
{
    if (auto clientId = access::checkPlan(m_db, planId); !clientId)
        return clientId.error();
    QSqlQuery q = m_db.prepare(QStringLiteral("SELECT profile_json FROM plans WHERE id = ?"));
    q.addBindValue(planId);
    if (!q.exec())
        return m_db.queryError(q, QObject::tr("reading plan %1").arg(planId));
    if (!q.next())
        return Error{Error::Code::NotFound, QObject::tr("There is no plan %1.").arg(planId)};
    return q.value(0).toString().toUtf8();
}

} // namespace pathway

namespace pathway {

Result<int> PlanRepository::stepCount(qint64 planId)
{
    QSqlQuery q =
        m_db.prepare(QStringLiteral("SELECT (SELECT count(*) FROM plan_steps WHERE plan_id = ?), "
                                    "(SELECT count(*) FROM plans WHERE id = ?)"));
    q.addBindValue(planId);
    q.addBindValue(planId);
    if (!q.exec() || !q.next())
        return m_db.queryError(q, QObject::tr("reading plan %1").arg(planId));
    if (q.value(1).toInt() == 0)
        return Error{Error::Code::NotFound, QObject::tr("There is no plan %1.").arg(planId)};
    return q.value(0).toInt();
}

Status PlanRepository::shift(qint64 planId, int from, int to, int delta)
{
    if (from >= to)
        return {};
    // Park the range at negative positions (all distinct), then bring it back
    // moved by `delta`: a direct "position + 1" could collide row by row.
    QSqlQuery park = m_db.prepare(QStringLiteral(
        "UPDATE plan_steps SET position = -position - 2 WHERE plan_id = ? AND position >= ? "
        "AND position < ?"));
    park.addBindValue(planId);
    park.addBindValue(from);
    park.addBindValue(to);
    if (!park.exec())
        return m_db.queryError(park, QObject::tr("reordering plan %1").arg(planId));
    // p was parked at n = -p - 2, so p + delta = -n - 2 + delta.
    QSqlQuery back = m_db.prepare(QStringLiteral(
        "UPDATE plan_steps SET position = -position - 2 + ? WHERE plan_id = ? AND position <= -2"));
    back.addBindValue(delta);
    back.addBindValue(planId);
    if (!back.exec())
        return m_db.queryError(back, QObject::tr("reordering plan %1").arg(planId));
    return {};
}

Status PlanRepository::updateStep(qint64 planId, int position, const PlanStep &step)
{
    return editPlan(planId, [&]() -> Result<QString> {
        QSqlQuery old = m_db.prepare(
            QStringLiteral("SELECT title_id, description_id, due_date, status, status_note, "
                           "completed_on FROM plan_steps WHERE plan_id = ? AND position = ?"));
        old.addBindValue(planId);
        old.addBindValue(position);
        if (!old.exec())
            return m_db.queryError(
                old, QObject::tr("reading step %1 of plan %2").arg(position + 1).arg(planId));
        if (!old.next())
            return Error{Error::Code::NotFound,
                         QObject::tr("Plan %1 has no step %2.").arg(planId).arg(position + 1)};
        auto title = textId(step.title);
        if (!title)
            return title.error();
        auto description = textId(step.description);
        if (!description)
            return description.error();
        const QString due = nn(step.dueDate.toString(Qt::ISODate));
        const QString completed = nn(step.completedOn.toString(Qt::ISODate));
        // What changed, by field name (and the status code): never the texts.
        QStringList changed;
        if (old.value(0).toLongLong() != title.value())
            changed << QStringLiteral("title");
        if (old.value(1).toLongLong() != description.value())
            changed << QStringLiteral("description");
        if (old.value(2).toString() != due)
            changed << QStringLiteral("due date");
        if (old.value(3).toString() != toCode(step.status))
            changed << QStringLiteral("status %1").arg(toCode(step.status));
        if (old.value(4).toString() != nn(step.statusNote))
            changed << QStringLiteral("status note");
        if (old.value(5).toString() != completed)
            changed << QStringLiteral("completion date");
        old.finish();

        QSqlQuery q = m_db.prepare(QStringLiteral(
            "UPDATE plan_steps SET title_id = ?, description_id = ?, due_date = ?, status = ?, "
            "status_note = ?, completed_on = ? WHERE plan_id = ? AND position = ?"));
        q.addBindValue(title.value());
        q.addBindValue(description.value());
        q.addBindValue(due);
        q.addBindValue(toCode(step.status));
        q.addBindValue(nn(step.statusNote));
        q.addBindValue(step.completedOn.isValid() ? QVariant(completed)
                                                  : QVariant(QMetaType(QMetaType::QString)));
        q.addBindValue(planId);
        q.addBindValue(position);
        if (!q.exec())
            return m_db.queryError(
                q, QObject::tr("saving step %1 of plan %2").arg(position + 1).arg(planId));
        if (q.numRowsAffected() != 1)
            return Error{Error::Code::NotFound,
                         QObject::tr("Plan %1 has no step %2.").arg(planId).arg(position + 1)};
        return QStringLiteral("step %1: %2")
            .arg(position + 1)
            .arg(changed.isEmpty() ? QStringLiteral("no change")
                                   : changed.join(QStringLiteral(", ")));
    });
}

Status PlanRepository::bindStep(qint64 planId, int position, const PlanStep &st)
{
    SqliteStatement &s = m_db.fast(
        "INSERT INTO plan_steps (plan_id, position, strategy_id, merged_strategies_id, category, "
        "phase, title_id, description_id, who_helps_id, reason_id, rationale_id, sources_id, "
        "start_week, end_week, priority, due_date, status, status_note, completed_on, "
        "repeat_every_weeks) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    // The text columns, interned in plan_texts: merged, then title to sources.
    const QString texts[] = {st.mergedStrategies.join(kSeparator),
                             st.title,
                             st.description,
                             st.whoHelps,
                             st.reason,
                             st.rationaleTemplate,
                             st.sources.join(kSeparator)};
    const int columns[] = {4, 7, 8, 9, 10, 11, 12};
    for (size_t t = 0; t < std::size(texts); ++t) {
        auto id = textId(texts[t]);
        if (!id)
            return id.error();
        s.bind(columns[t], id.value());
    }
    s.bind(1, planId);
    s.bind(2, position);
    s.bind(3, st.strategyId);
    s.bind(5, toCode(st.category));
    s.bind(6, toCode(st.phase));
    s.bind(13, st.startWeek);
    s.bind(14, st.endWeek);
    s.bind(15, st.priority);
    s.bind(16, st.dueDate.toString(Qt::ISODate));
    s.bind(17, toCode(st.status));
    s.bind(18, st.statusNote);
    if (st.completedOn.isValid())
        s.bind(19, st.completedOn.toString(Qt::ISODate));
    else
        s.bindNull(19);
    s.bind(20, st.repeatEveryWeeks);
    if (!s.run())
        return m_db.statementError(
            s, QObject::tr("saving step %1 of plan %2").arg(position + 1).arg(planId));
    return {};
}

Status PlanRepository::insertStep(qint64 planId, int position, const PlanStep &step)
{
    return editPlan(planId, [&]() -> Result<QString> {
        auto count = stepCount(planId);
        if (!count)
            return count.error();
        if (position < 0 || position > count.value())
            return Error{Error::Code::Invalid, QObject::tr("A step cannot go at place %1 of plan "
                                                           "%2, which has %3 steps.")
                                                   .arg(position + 1)
                                                   .arg(planId)
                                                   .arg(count.value())};
        if (Status s = shift(planId, position, count.value(), +1); !s)
            return s.error();
        if (Status s = bindStep(planId, position, step); !s)
            return s.error();
        return QStringLiteral("step %1 added").arg(position + 1);
    });
}

Status PlanRepository::removeStep(qint64 planId, int position)
{
    return editPlan(planId, [&]() -> Result<QString> {
        auto count = stepCount(planId);
        if (!count)
            return count.error();
        if (position < 0 || position >= count.value())
            return Error{Error::Code::NotFound,
                         QObject::tr("Plan %1 has no step %2.").arg(planId).arg(position + 1)};
        QSqlQuery q = m_db.prepare(
            QStringLiteral("DELETE FROM plan_steps WHERE plan_id = ? AND position = ?"));
        q.addBindValue(planId);
        q.addBindValue(position);
        if (!q.exec())
            return m_db.queryError(q, QObject::tr("removing a step from plan %1").arg(planId));
        if (Status s = shift(planId, position + 1, count.value(), -1); !s)
            return s.error();
        return QStringLiteral("step %1 removed").arg(position + 1);
    });
}

Status PlanRepository::moveStep(qint64 planId, int from, int to)
{
    return editPlan(planId, [&]() -> Result<QString> {
        auto count = stepCount(planId);
        if (!count)
            return count.error();
        if (from < 0 || from >= count.value() || to < 0 || to >= count.value())
            return Error{Error::Code::NotFound,
                         QObject::tr("Plan %1 has no step %2.")
                             .arg(planId)
                             .arg((from < 0 || from >= count.value() ? from : to) + 1)};
        const QString detail = QStringLiteral("step %1 moved to %2").arg(from + 1).arg(to + 1);
        if (from == to)
            return detail;
        QSqlQuery hold = m_db.prepare(QStringLiteral(
            "UPDATE plan_steps SET position = -1 WHERE plan_id = ? AND position = ?"));
        hold.addBindValue(planId);
        hold.addBindValue(from);
        if (!hold.exec())
            return m_db.queryError(hold, QObject::tr("reordering plan %1").arg(planId));
        const Status shifted =
            from < to ? shift(planId, from + 1, to + 1, -1) : shift(planId, to, from, +1);
        if (!shifted)
            return shifted.error();
        QSqlQuery place = m_db.prepare(QStringLiteral(
            "UPDATE plan_steps SET position = ? WHERE plan_id = ? AND position = -1"));
        place.addBindValue(to);
        place.addBindValue(planId);
        if (!place.exec())
            return m_db.queryError(place, QObject::tr("reordering plan %1").arg(planId));
        return detail;
    });
}

Status PlanRepository::setAccepted(qint64 planId, bool accepted)
{
    // Accepting puts the plan up for review (again, after a return);
    // withdrawing the acceptance takes it off the review list.
    if (accepted)
        return writeAcceptance(planId, QDateTime::currentDateTimeUtc(), ReviewStatus::Pending,
                               QStringLiteral("accepted, review pending"));
    return writeAcceptance(planId, QDateTime(), ReviewStatus::None,
                           QStringLiteral("acceptance withdrawn"));
}

Status PlanRepository::restoreAcceptance(qint64 planId, const QDateTime &acceptedAt,
                                         ReviewStatus review)
{
    if (!acceptedAt.isValid())
        review = ReviewStatus::None; // only an accepted plan is reviewed
    else if (review == ReviewStatus::None)
        review = ReviewStatus::Pending;
    else if (review == ReviewStatus::Approved && !m_db.actor().supervises())
        review = ReviewStatus::Pending;
    return writeAcceptance(
        planId, acceptedAt, review,
        QStringLiteral("acceptance restored, review %1").arg(reviewStatusCode(review)));
}

Status PlanRepository::writeAcceptance(qint64 planId, const QDateTime &acceptedAt,
                                       ReviewStatus review, const QString &detail)
{
    return editPlan(planId, [&]() -> Result<QString> {
        QSqlQuery q = m_db.prepare(
            QStringLiteral("UPDATE plans SET accepted_at = ?, review_status = ? WHERE id = ?"));
        q.addBindValue(acceptedAt.isValid() ? QVariant(acceptedAt.toUTC().toString(Qt::ISODate))
                                            : QVariant(QMetaType(QMetaType::QString)));
        q.addBindValue(reviewStatusCode(review));
        q.addBindValue(planId);
        if (!q.exec())
            return m_db.queryError(q, QObject::tr("accepting plan %1").arg(planId));
        if (q.numRowsAffected() != 1)
            return Error{Error::Code::NotFound, QObject::tr("There is no plan %1.").arg(planId)};
        return detail;
    });
}

Result<PlanVersionInfo> PlanRepository::info(qint64 planId)
{
    if (auto clientId = access::checkPlan(m_db, planId); !clientId)
        return clientId.error();
    QSqlQuery q = m_db.prepare(QLatin1String(kSelectInfo) + QStringLiteral(" WHERE p.id = ?"));
    q.addBindValue(planId);
    if (!q.exec())
        return m_db.queryError(q, QObject::tr("reading plan %1").arg(planId));
    if (!q.next())
        return Error{Error::Code::NotFound, QObject::tr("There is no plan %1.").arg(planId)};
    return readInfo(q);
}

} // namespace pathway
