#include "pathway/core/ProfileJson.h"
#include "pathway/core/Validation.h"

#include "pathway/core/JsonInput.h"

#include <QObject>
#include <QRegularExpression>
#include <QSet>

#include <limits>

#include <nlohmann/json.hpp>

namespace pathway {

using nlohmann::json;

namespace {

QString qs(const std::string &s)
{
    return QString::fromUtf8(s.data(), qsizetype(s.size()));
}
std::string ss(const QString &s)
{
    return s.toStdString();
}

template <typename E> std::string codeString(E value)
{
    return codeOf(value);
}

json stringList(const QStringList &list)
{
    json out = json::array();
    for (const QString &s : list)
        out.push_back(ss(s));
    return out;
}

const QSet<QString> &knownKeys()
{
    static const QSet<QString> keys = {
        QStringLiteral("first_name"),
        QStringLiteral("last_name"),
        QStringLiteral("date_of_birth"),
        QStringLiteral("email"),
        QStringLiteral("phone"),
        QStringLiteral("address"),
        QStringLiteral("household_size"),
        QStringLiteral("annual_income"),
        QStringLiteral("employment_status"),
        QStringLiteral("weeks_unemployed"),
        QStringLiteral("independence"),
        QStringLiteral("barriers"),
        QStringLiteral("goals"),
        QStringLiteral("education_level"),
        QStringLiteral("skills"),
        QStringLiteral("interests"),
        QStringLiteral("counselor"),
        QStringLiteral("status"),
        QStringLiteral("income_bracket"),
        QStringLiteral("income_bracket_reason"),
    };
    return keys;
}

// Reads typed values out of one profile object, recording what is wrong.
class Reader
{
public:
    Reader(const json &object, QVector<FieldError> &errors) : m_obj(object), m_errors(errors) {}

    void error(const QString &field, const QString &message) { m_errors.append({field, message}); }

    const json *find(const char *key, bool required)
    {
        const auto it = m_obj.find(key);
        if (it == m_obj.end() || it->is_null()) {
            if (required)
                error(QLatin1String(key), QObject::tr("is required"));
            return nullptr;
        }
        return &*it;
    }

    void string(const char *key, QString &out, bool required)
    {
        if (const json *v = find(key, required)) {
            if (v->is_string())
                out = qs(v->get_ref<const std::string &>());
            else
                error(QLatin1String(key), QObject::tr("must be text"));
        }
    }

    template <typename Int> void integer(const char *key, Int &out, bool required)
    {
        if (const json *v = find(key, required)) {
            if (v->is_number_integer()) {
                // Checked before narrowing, so 4294967297 is not read as 1.
                const auto value = jsoninput::integer(*v, std::numeric_limits<Int>::min(),
                                                      std::numeric_limits<Int>::max());
                if (!value)
                    error(QLatin1String(key), QObject::tr("is out of range"));
                else
                    out = Int(*value);
            } else if (v->is_number())
                error(QLatin1String(key), QObject::tr("must be a whole number"));
            else
                error(QLatin1String(key), QObject::tr("must be a number"));
        }
    }

    template <typename E> bool code(const json &v, const QString &field, E &out)
    {
        if (!v.is_string()) {
            error(field, QObject::tr("must be text, one of: %1")
                             .arg(allCodes<E>().join(QStringLiteral(", "))));
            return false;
        }
        const auto parsed = fromCode<E>(v.get_ref<const std::string &>());
        if (!parsed) {
            error(field, QObject::tr("%1 is not one of: %2")
                             .arg(jsoninput::quoted(v.get_ref<const std::string &>()),
                                  allCodes<E>().join(QStringLiteral(", "))));
            return false;
        }
        out = *parsed;
        return true;
    }

    template <typename E> void code(const char *key, E &out, bool required)
    {
        if (const json *v = find(key, required))
            code(*v, QLatin1String(key), out);
    }

    void stringList(const char *key, QStringList &out)
    {
        const json *v = find(key, false);
        if (!v)
            return;
        if (!v->is_array()) {
            error(QLatin1String(key), QObject::tr("must be a list of text"));
            return;
        }
        for (size_t i = 0; i < v->size(); ++i) {
            const json &item = (*v)[i];
            if (item.is_string())
                out << qs(item.get_ref<const std::string &>());
            else
                error(QStringLiteral("%1[%2]").arg(QLatin1String(key)).arg(i),
                      QObject::tr("must be text"));
        }
    }

private:
    const json &m_obj;
    QVector<FieldError> &m_errors;
};

} // namespace

json clientToJson(const Client &c)
{
    json out = json::object();
    out["first_name"] = ss(c.firstName);
    out["last_name"] = ss(c.lastName);
    out["date_of_birth"] = ss(c.dateOfBirth.toString(Qt::ISODate));
    out["email"] = ss(c.email);
    out["phone"] = ss(c.phone);
    out["address"] = ss(c.address);
    out["household_size"] = c.householdSize;
    out["annual_income"] = c.annualIncome;
    out["employment_status"] = codeString(c.employmentStatus);
    out["weeks_unemployed"] = c.weeksUnemployed;
    out["independence"] = codeString(c.independence);
    json barriers = json::array();
    for (const Barrier &b : c.barriers)
        barriers.push_back(
            {{"code", codeString(b.code)}, {"severity", b.severity}, {"note", ss(b.note)}});
    out["barriers"] = std::move(barriers);
    json goals = json::array();
    for (GoalCode g : c.goals)
        goals.push_back(codeString(g));
    out["goals"] = std::move(goals);
    out["education_level"] = codeString(c.educationLevel);
    out["skills"] = stringList(c.skills);
    out["interests"] = stringList(c.interests);
    out["counselor"] = ss(c.counselor);
    out["status"] = codeString(c.status);
    if (c.incomeBracketOverride) {
        out["income_bracket"] = codeString(*c.incomeBracketOverride);
        if (!c.incomeBracketReason.isEmpty())
            out["income_bracket_reason"] = ss(c.incomeBracketReason);
    }
    return out;
}

ParsedClient clientFromJson(const json &object)
{
    ParsedClient parsed;
    Client &c = parsed.client;
    QVector<FieldError> &errors = parsed.errors;
    if (!object.is_object()) {
        errors.append({QString(), QObject::tr("a client profile must be a JSON object")});
        return parsed;
    }
    Reader r(object, errors);
    for (auto it = object.begin(); it != object.end(); ++it) {
        if (!knownKeys().contains(qs(it.key())))
            r.error(jsoninput::shown(it.key()), QObject::tr("is not a profile field"));
    }

    r.string("first_name", c.firstName, true);
    r.string("last_name", c.lastName, true);
    QString dob;
    r.string("date_of_birth", dob, true);
    if (!dob.isEmpty()) {
        // Exactly YYYY-MM-DD: Qt's ISO reader would take "1980-05-17T23:59:59"
        // (and text after a NUL) and cut it short.
        static const QRegularExpression form(QStringLiteral(R"(^\d{4}-\d{2}-\d{2}$)"));
        c.dateOfBirth = form.match(dob).hasMatch() ? QDate::fromString(dob, Qt::ISODate) : QDate();
        if (!c.dateOfBirth.isValid())
            r.error(
                QStringLiteral("date_of_birth"),
                QObject::tr("%1 is not a date in the form YYYY-MM-DD").arg(jsoninput::quoted(dob)));
    }
    r.string("email", c.email, false);
    r.string("phone", c.phone, false);
    r.string("address", c.address, false);
    r.integer("household_size", c.householdSize, true);
    r.integer("annual_income", c.annualIncome, true);
    r.code("employment_status", c.employmentStatus, true);
    r.integer("weeks_unemployed", c.weeksUnemployed, false);
    r.code("independence", c.independence, true);

    QVector<int> barrierIndex; // position in the input of each kept barrier
    if (const json *barriers = r.find("barriers", false)) {
        if (!barriers->is_array()) {
            r.error(QStringLiteral("barriers"),
                    QObject::tr("must be a list of {code, severity, note}"));
        } else {
            for (size_t i = 0; i < barriers->size(); ++i) {
                const json &b = (*barriers)[i];
                const QString where = QStringLiteral("barriers[%1]").arg(i);
                if (!b.is_object()) {
                    r.error(where, QObject::tr("must be an object with code, severity and note"));
                    continue;
                }
                Barrier barrier;
                bool good = true;
                for (auto it = b.begin(); it != b.end(); ++it) {
                    if (it.key() != "code" && it.key() != "severity" && it.key() != "note") {
                        r.error(where + QLatin1Char('.') + jsoninput::shown(it.key()),
                                QObject::tr("is not a barrier field"));
                        good = false;
                    }
                }
                const auto code = b.find("code");
                if (code == b.end()) {
                    r.error(where + QStringLiteral(".code"), QObject::tr("is required"));
                    good = false;
                } else {
                    good = r.code(*code, where + QStringLiteral(".code"), barrier.code) && good;
                }
                const auto severity = b.find("severity");
                if (severity == b.end()) {
                    r.error(where + QStringLiteral(".severity"),
                            QObject::tr("is required (1, 2 or 3)"));
                    good = false;
                } else if (const auto value = jsoninput::integer(*severity, 1, 3); !value) {
                    r.error(where + QStringLiteral(".severity"), QObject::tr("must be 1, 2 or 3"));
                    good = false;
                } else {
                    barrier.severity = int(*value);
                }
                const auto note = b.find("note");
                if (note != b.end() && !note->is_null()) {
                    if (note->is_string())
                        barrier.note = qs(note->get_ref<const std::string &>());
                    else
                        r.error(where + QStringLiteral(".note"), QObject::tr("must be text"));
                }
                if (good) {
                    c.barriers.append(barrier);
                    barrierIndex.append(int(i));
                }
            }
        }
    }
    if (const json *goals = r.find("goals", false)) {
        if (!goals->is_array()) {
            r.error(QStringLiteral("goals"), QObject::tr("must be a list of goal codes"));
        } else {
            for (size_t i = 0; i < goals->size(); ++i) {
                GoalCode g = GoalCode::Employment;
                if (r.code((*goals)[i], QStringLiteral("goals[%1]").arg(i), g))
                    c.goals.append(g);
            }
        }
    }
    r.code("education_level", c.educationLevel, false);
    r.stringList("skills", c.skills);
    r.stringList("interests", c.interests);
    r.string("counselor", c.counselor, false);
    r.code("status", c.status, false);
    if (const json *v = r.find("income_bracket", false)) {
        IncomeBracket bracket = IncomeBracket::Middle;
        if (r.code(*v, QStringLiteral("income_bracket"), bracket))
            c.incomeBracketOverride = bracket;
    }
    r.string("income_bracket_reason", c.incomeBracketReason, false);

    // The rules are checked too, but a field already reported as mistyped is
    // not reported twice. Barrier indices are mapped back to the input's.
    static const QRegularExpression barrierField(QStringLiteral(R"(^barriers\[(\d+)\])"));
    for (FieldError e : validateClient(c)) {
        const auto m = barrierField.match(e.field);
        if (m.hasMatch()) {
            const int kept = m.captured(1).toInt();
            e.field.replace(0, m.capturedLength(),
                            QStringLiteral("barriers[%1]").arg(barrierIndex.value(kept, kept)));
        }
        bool duplicate = false;
        for (const FieldError &t : std::as_const(errors))
            duplicate = duplicate || t.field == e.field;
        if (!duplicate)
            errors.append(e);
    }
    return parsed;
}

} // namespace pathway
