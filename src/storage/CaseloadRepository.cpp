#include "pathway/storage/CaseloadRepository.h"

#include "pathway/storage/Database.h"

#include <QHash>
#include <QObject>
#include <QSqlQuery>
#include <QVariant>

namespace pathway {

Result<QVector<qint64>> CaseloadRepository::matchingIds(const CaseloadFilter &filter)
{
    QString sql = QStringLiteral("SELECT c.id FROM clients c");
    QStringList where;
    QVariantList values;
    if (!filter.counselor.isEmpty()) {
        sql += QStringLiteral(" JOIN users u ON u.id = c.counselor_id");
        where << QStringLiteral("u.username = ?");
        values << filter.counselor;
    }
    const QString text = filter.text.simplified();
    if (!text.isEmpty()) {
        // Every word must start a first or last name, or the full name: "ana gar" finds Ana García.
        for (const QString &word : text.split(QLatin1Char(' '))) {
            QString escaped = word;
            escaped.replace(QLatin1Char('\\'), QStringLiteral("\\\\"))
                .replace(QLatin1Char('%'), QStringLiteral("\\%"))
                .replace(QLatin1Char('_'), QStringLiteral("\\_"));
            where << QStringLiteral(
                "(c.first_name LIKE ? ESCAPE '\\' OR c.last_name LIKE ? ESCAPE '\\' "
                "OR c.last_name LIKE ? ESCAPE '\\')");
            values << escaped + QLatin1Char('%') << escaped + QLatin1Char('%')
                   << QStringLiteral("% ") + escaped + QLatin1Char('%');
        }
    }
    if (filter.status) {
        where << QStringLiteral("c.status = ?");
        values << toCode(*filter.status);
    }
    if (filter.bracket) {
        where << QStringLiteral("c.income_bracket = ?");
        values << toCode(*filter.bracket);
    }
    if (filter.barrier) {
        // IN, not EXISTS: SQLite then reads the barrier's index once instead
        // of probing it for every client (100,000 clients: 0.67 s -> 0.12 s).
        where << QStringLiteral(
            "c.id IN (SELECT b.client_id FROM client_barriers b WHERE b.code = ?)");
        values << toCode(*filter.barrier);
    }
    if (!where.isEmpty())
        sql += QStringLiteral(" WHERE ") + where.join(QStringLiteral(" AND "));
    sql += QStringLiteral(" ORDER BY c.last_name, c.first_name, c.id");

    QSqlQuery q = m_db.prepare(sql);
    for (const QVariant &v : values)
        q.addBindValue(v);
    if (!q.exec())
        return m_db.queryError(q, QObject::tr("searching the caseload"));
    QVector<qint64> ids;
    while (q.next())
        ids.append(q.value(0).toLongLong());
    return ids;
}

Result<QVector<CaseloadRow>> CaseloadRepository::rows(const QVector<qint64> &ids)
{
    if (ids.isEmpty())
        return QVector<CaseloadRow>();
    QStringList marks;
    marks.reserve(ids.size());
    for (int i = 0; i < ids.size(); ++i)
        marks << QStringLiteral("?");
    const QString in = marks.join(QLatin1Char(','));

    QSqlQuery q = m_db.prepare(
        QStringLiteral(
            "SELECT c.id, c.first_name, c.last_name, c.income_bracket, u.username, c.status "
            "FROM clients c LEFT JOIN users u ON u.id = c.counselor_id WHERE c.id IN (%1)")
            .arg(in));
    for (qint64 id : ids)
        q.addBindValue(id);
    if (!q.exec())
        return m_db.queryError(q, QObject::tr("reading the caseload"));
    QHash<qint64, CaseloadRow> byId;
    while (q.next()) {
        CaseloadRow r;
        r.id = q.value(0).toLongLong();
        r.firstName = q.value(1).toString();
        r.lastName = q.value(2).toString();
        r.bracket = fromCode<IncomeBracket>(q.value(3).toString()).value_or(IncomeBracket::Middle);
        r.counselor = q.value(4).toString();
        r.status = fromCode<ClientStatus>(q.value(5).toString()).value_or(ClientStatus::Active);
        byId.insert(r.id, r);
    }
    QSqlQuery b = m_db.prepare(
        QStringLiteral("SELECT client_id, code FROM client_barriers WHERE client_id IN (%1) "
                       "ORDER BY client_id, severity DESC, position")
            .arg(in));
    for (qint64 id : ids)
        b.addBindValue(id);
    if (!b.exec())
        return m_db.queryError(b, QObject::tr("reading the caseload"));
    while (b.next()) {
        auto it = byId.find(b.value(0).toLongLong());
        if (it == byId.end())
            continue;
        if (auto code = fromCode<BarrierCode>(b.value(1).toString()))
            it->topBarriers.append(*code);
    }
    // Progress of the current plan version: one seek per client on
    // plans(client_id, version), then its few steps on plan_steps(plan_id, position).
    QSqlQuery p = m_db.prepare(
        QStringLiteral(
            "SELECT p.client_id, "
            "(SELECT count(*) FROM plan_steps s WHERE s.plan_id = p.id AND s.status = 'done'), "
            "(SELECT count(*) FROM plan_steps s WHERE s.plan_id = p.id AND s.status <> 'dropped'), "
            "n.due_date, t.body "
            "FROM plans p "
            "LEFT JOIN plan_steps n ON n.id = (SELECT s.id FROM plan_steps s WHERE s.plan_id = "
            "p.id "
            "AND s.status IN ('planned', 'in_progress') ORDER BY s.due_date, s.position LIMIT 1) "
            "LEFT JOIN plan_texts t ON t.id = n.title_id "
            "WHERE p.client_id IN (%1) AND p.version = "
            "(SELECT MAX(v.version) FROM plans v WHERE v.client_id = p.client_id)")
            .arg(in));
    for (qint64 id : ids)
        p.addBindValue(id);
    if (!p.exec())
        return m_db.queryError(p, QObject::tr("reading the caseload's plans"));
    while (p.next()) {
        auto it = byId.find(p.value(0).toLongLong());
        if (it == byId.end())
            continue;
        it->stepsDone = p.value(1).toInt();
        it->stepsTotal = p.value(2).toInt();
        it->nextDueDate = QDate::fromString(p.value(3).toString(), Qt::ISODate);
        it->nextDueTitle = p.value(4).toString();
    }
    QSqlQuery n = m_db.prepare(QStringLiteral("SELECT client_id, MAX(created_at) FROM case_notes "
                                              "WHERE client_id IN (%1) GROUP BY client_id")
                                   .arg(in));
    for (qint64 id : ids)
        n.addBindValue(id);
    if (!n.exec())
        return m_db.queryError(n, QObject::tr("reading the caseload's notes"));
    while (n.next()) {
        auto it = byId.find(n.value(0).toLongLong());
        if (it != byId.end())
            it->lastContact = QDateTime::fromString(n.value(1).toString(), Qt::ISODate);
    }

    QVector<CaseloadRow> out;
    out.reserve(ids.size());
    for (qint64 id : ids) {
        const auto it = byId.constFind(id);
        if (it != byId.constEnd())
            out.append(*it);
    }
    return out;
}

} // namespace pathway
