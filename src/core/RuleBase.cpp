#include "pathway/core/RuleBase.h"

#include <QFile>
#include <QObject>
#include <QRegularExpression>
#include <QSet>
#include <QSettings>

#include <nlohmann/json.hpp>

#include "pathway/core/JsonInput.h"

namespace pathway {

using nlohmann::json;

namespace {

const CodeEntry<Category> kCategories[] = {
    {Category::Counseling, "counseling", "Counseling"},
    {Category::Training, "training", "Training"},
    {Category::Mentoring, "mentoring", "Mentoring"},
    {Category::Networking, "networking", "Networking"},
    {Category::FinancialAid, "financial_aid", "Financial aid"},
    {Category::FlexibleWork, "flexible_work", "Flexible work"},
    {Category::Entrepreneurship, "entrepreneurship", "Entrepreneurship"},
    {Category::JobPlacement, "job_placement", "Job placement"},
    {Category::CareerResources, "career_resources", "Career resources"},
    {Category::Advocacy, "advocacy", "Advocacy"},
};

const CodeEntry<Phase> kPhases[] = {
    {Phase::Stabilise, "stabilise", "Steady the ground"},
    {Phase::Build, "build", "Build skills"},
    {Phase::Connect, "connect", "Connect with people"},
    {Phase::Advance, "advance", "Find work and move ahead"},
};

QString qs(const std::string &s)
{
    return QString::fromUtf8(s.data(), qsizetype(s.size()));
}

// Collects problems while a rule file is read; `where` is the strategy.
class Loader
{
public:
    QStringList problems;
    QString strategy; // "strategy 'id'" or "strategy #3"

    void error(const QString &field, const QString &message)
    {
        problems << QStringLiteral("%1, field %2: %3").arg(strategy, field, message);
    }

    template <typename E>
    bool code(const json &v, const QString &field, E &out, const QString &noun)
    {
        if (!v.is_string()) {
            error(field, QObject::tr("must be a %1 code (text)").arg(noun));
            return false;
        }
        const auto parsed = fromCode<E>(v.get_ref<const std::string &>());
        if (!parsed) {
            error(field, QObject::tr("%1 is not a %2 code (one of: %3)")
                             .arg(jsoninput::quoted(v.get_ref<const std::string &>()), noun,
                                  allCodes<E>().join(QStringLiteral(", "))));
            return false;
        }
        out = *parsed;
        return true;
    }

    template <typename E>
    std::uint32_t codeMask(const json &v, const QString &field, const QString &noun)
    {
        if (!v.is_array() || v.empty()) {
            error(field, QObject::tr("must be a non-empty list of %1 codes").arg(noun));
            return 0;
        }
        std::uint32_t mask = 0;
        for (size_t i = 0; i < v.size(); ++i) {
            E value{};
            if (code(v[i], QStringLiteral("%1[%2]").arg(field).arg(i), value, noun))
                mask |= 1u << unsigned(value);
        }
        return mask;
    }

    bool integer(const json &v, const QString &field, int lo, int hi, int &out)
    {
        const auto value = jsoninput::integer(v, lo, hi);
        if (!value) {
            error(field, QObject::tr("must be a whole number from %1 to %2").arg(lo).arg(hi));
            return false;
        }
        out = int(*value);
        return true;
    }

    Condition condition(const json &v, const QString &field)
    {
        Condition c;
        if (!v.is_object() || v.size() != 1) {
            error(field,
                  QObject::tr("a condition must be an object with exactly one key (always, all, "
                              "any, not, income_bracket, long_term_unemployed, weeks_unemployed, "
                              "employment_status, independence, barrier, goal)"));
            return c;
        }
        const std::string &key = v.begin().key();
        const json &arg = v.begin().value();
        const QString at = field + QLatin1Char('.') + qs(key);
        if (key == "always") {
            if (arg != true)
                error(at, QObject::tr("must be true"));
            c.kind = Condition::Kind::Always;
        } else if (key == "all" || key == "any") {
            c.kind = key == "all" ? Condition::Kind::All : Condition::Kind::Any;
            if (!arg.is_array() || arg.empty()) {
                error(at, QObject::tr("must be a non-empty list of conditions"));
                return c;
            }
            for (size_t i = 0; i < arg.size(); ++i)
                c.children.push_back(condition(arg[i], QStringLiteral("%1[%2]").arg(at).arg(i)));
        } else if (key == "not") {
            c.kind = Condition::Kind::Not;
            c.children.push_back(condition(arg, at));
        } else if (key == "income_bracket") {
            c.kind = Condition::Kind::IncomeBracket;
            c.mask = codeMask<IncomeBracket>(arg, at, QObject::tr("income bracket"));
        } else if (key == "employment_status") {
            c.kind = Condition::Kind::EmploymentStatus;
            c.mask = codeMask<EmploymentStatus>(arg, at, QObject::tr("employment status"));
        } else if (key == "independence") {
            c.kind = Condition::Kind::Independence;
            c.mask = codeMask<Independence>(arg, at, QObject::tr("independence"));
        } else if (key == "goal") {
            c.kind = Condition::Kind::Goal;
            c.mask = codeMask<GoalCode>(arg, at, QObject::tr("goal"));
        } else if (key == "long_term_unemployed") {
            c.kind = Condition::Kind::LongTermUnemployed;
            if (!arg.is_boolean())
                error(at, QObject::tr("must be true or false"));
            else
                c.flag = arg.get<bool>();
        } else if (key == "weeks_unemployed") {
            c.kind = Condition::Kind::WeeksUnemployed;
            if (!arg.is_object() || arg.empty()) {
                error(at, QObject::tr("must be an object with min, max or both"));
                return c;
            }
            for (auto it = arg.begin(); it != arg.end(); ++it) {
                const QString sub = at + QLatin1Char('.') + qs(it.key());
                if (it.key() == "min")
                    integer(*it, sub, 0, 5000, c.min);
                else if (it.key() == "max")
                    integer(*it, sub, 0, 5000, c.max);
                else
                    error(sub, QObject::tr("is not allowed here (only min and max)"));
            }
            if (c.min > c.max)
                error(at, QObject::tr("min is greater than max"));
        } else if (key == "barrier") {
            c.kind = Condition::Kind::Barrier;
            if (!arg.is_object()) {
                error(at, QObject::tr("must be an object {\"code\": ..., \"min_severity\": 1..3}"));
                return c;
            }
            const auto codeIt = arg.find("code");
            if (codeIt == arg.end())
                error(at + QStringLiteral(".code"), QObject::tr("is required"));
            else
                code(*codeIt, at + QStringLiteral(".code"), c.barrier, QObject::tr("barrier"));
            for (auto it = arg.begin(); it != arg.end(); ++it) {
                if (it.key() == "min_severity")
                    integer(*it, at + QStringLiteral(".min_severity"), 1, 3, c.minSeverity);
                else if (it.key() != "code")
                    error(at + QLatin1Char('.') + qs(it.key()),
                          QObject::tr("is not allowed here (only code and min_severity)"));
            }
        } else {
            error(at, QObject::tr("%1 is not a condition").arg(jsoninput::quoted(key)));
        }
        return c;
    }

    QString text(const json &s, const char *key, bool required, int maxLength = 0)
    {
        const auto it = s.find(key);
        const QString field = QLatin1String(key);
        if (it == s.end()) {
            if (required)
                error(field, QObject::tr("is required"));
            return {};
        }
        if (!it->is_string()) {
            error(field, QObject::tr("must be text"));
            return {};
        }
        const QString value = qs(it->get_ref<const std::string &>());
        if (required && value.trimmed().isEmpty())
            error(field, QObject::tr("must not be empty"));
        if (maxLength > 0 && value.size() > maxLength)
            error(field, QObject::tr("is longer than %1 characters").arg(maxLength));
        return value;
    }
};

const QSet<QString> &strategyKeys()
{
    static const QSet<QString> keys = {
        QStringLiteral("id"),          QStringLiteral("category"),  QStringLiteral("phase"),
        QStringLiteral("priority"),    QStringLiteral("adjust"),    QStringLiteral("merge"),
        QStringLiteral("when"),        QStringLiteral("timeframe"), QStringLiteral("title"),
        QStringLiteral("description"), QStringLiteral("who_helps"), QStringLiteral("rationale"),
        QStringLiteral("sources"),     QStringLiteral("basis"),     QStringLiteral("repeat"),
    };
    return keys;
}

const QStringList &placeholders()
{
    static const QStringList names = {
        QStringLiteral("first_name"),        QStringLiteral("weeks_unemployed"),
        QStringLiteral("income_bracket"),    QStringLiteral("independence"),
        QStringLiteral("employment_status"), QStringLiteral("household_size"),
    };
    return names;
}

} // namespace

PATHWAY_DEFINE_CODES(Category, kCategories)
PATHWAY_DEFINE_CODES(Phase, kPhases)

const std::vector<SourceText> &sourceTexts()
{
    // The item headings are quoted as the texts write them, so that a reader
    // can find the item in the text (/work/shared/seeds).
    static const std::vector<SourceText> texts = {
        {"000_2707ea5af00242ce.txt",
         7,
         "ultra-independent long-term unemployed people",
         "A",
         {"Identify and address underlying issues", "Develop a personalized career plan",
          "Provide job training and education", "Connect them with mentors and role models",
          "Create a supportive community", "Offer flexible job arrangements",
          "Provide financial assistance"}},
        {"001_f8733825d8c92c39.txt",
         7,
         "ultra-independent upper middle-income people",
         "B",
         {"Encourage self-directed learning", "Foster a culture of flexibility",
          "Provide opportunities for entrepreneurship", "Support professional networking",
          "Offer personalized career coaching", "Create opportunities for meaningful work",
          "Provide access to mentorship"}},
        {"003_cd70ba676acdc8d1.txt",
         10,
         "independent lower middle-income people",
         "C",
         {"Access to Education and Training", "Mentorship and Coaching", "Networking Opportunities",
          "Professional Development Resources", "Flexible Work Arrangements", "Financial Support",
          "Personalized Career Coaching", "Job Placement Services", "Career Development Resources",
          "Advocacy and Policy Change"}},
    };
    return texts;
}

Result<RuleBase> RuleBase::fromJson(const QByteArray &text, const QString &origin)
{
    // Conditions nest (all, any, not); 32 levels of JSON leave room for far
    // more than a readable rule, and bound the recursion that compiles them.
    auto parsed = jsoninput::parse(text, QObject::tr("Rule file %1").arg(origin));
    if (!parsed)
        return parsed.error();
    const json doc = std::move(parsed.value());
    auto top = [&origin](const QString &what) {
        return Error{Error::Code::Invalid, QObject::tr("Rule file %1: %2").arg(origin, what)};
    };
    if (!doc.is_object())
        return top(QObject::tr("the top level must be an object"));
    for (auto it = doc.begin(); it != doc.end(); ++it) {
        if (it.key() != "format" && it.key() != "version" && it.key() != "strategies")
            return top(QObject::tr("unknown top-level key %1").arg(jsoninput::quoted(it.key())));
    }
    if (doc.value("format", json()) != "pathway-rules")
        return top(QObject::tr("\"format\" must be \"pathway-rules\""));
    const auto version = doc.find("version");
    if (version == doc.end() || !version->is_string() || version->get<std::string>().empty())
        return top(QObject::tr("\"version\" must be non-empty text"));
    const auto list = doc.find("strategies");
    if (list == doc.end() || !list->is_array() || list->empty())
        return top(QObject::tr("\"strategies\" must be a non-empty list"));

    static const QRegularExpression idPattern(QStringLiteral("^[a-z0-9]+(-[a-z0-9]+)*$"));
    static const QRegularExpression sourcePattern(QStringLiteral("^([^#\\s]+)#([0-9]+)$"));
    static const QRegularExpression bracePattern(QStringLiteral("\\{([^{}]*)\\}"));

    RuleBase rules;
    rules.m_version = qs(version->get<std::string>());
    rules.m_origin = origin;
    Loader load;
    QSet<QString> ids;
    for (size_t index = 0; index < list->size(); ++index) {
        const json &s = (*list)[index];
        load.strategy = QObject::tr("strategy #%1").arg(index + 1);
        if (!s.is_object()) {
            load.error(QStringLiteral("(strategy)"), QObject::tr("must be an object"));
            continue;
        }
        Strategy st;
        const auto idIt = s.find("id");
        if (idIt != s.end() && idIt->is_string())
            load.strategy = QObject::tr("strategy %1")
                                .arg(jsoninput::quoted(idIt->get<std::string>(), 40, '\''));
        st.id = load.text(s, "id", true);
        if (!st.id.isEmpty()) {
            if (!idPattern.match(st.id).hasMatch())
                load.error(QStringLiteral("id"),
                           QObject::tr("must be kebab-case: a-z, 0-9 and single dashes"));
            if (ids.contains(st.id))
                load.error(QStringLiteral("id"), QObject::tr("is used by an earlier strategy too"));
            ids.insert(st.id);
        }
        for (auto it = s.begin(); it != s.end(); ++it) {
            if (!strategyKeys().contains(qs(it.key())))
                load.error(qs(it.key()), QObject::tr("is not a strategy field"));
        }
        if (const auto it = s.find("category"); it == s.end())
            load.error(QStringLiteral("category"), QObject::tr("is required"));
        else
            load.code(*it, QStringLiteral("category"), st.category, QObject::tr("category"));
        if (const auto it = s.find("phase"); it == s.end())
            load.error(QStringLiteral("phase"), QObject::tr("is required"));
        else
            load.code(*it, QStringLiteral("phase"), st.phase, QObject::tr("phase"));
        if (const auto it = s.find("priority"); it == s.end())
            load.error(QStringLiteral("priority"), QObject::tr("is required"));
        else
            load.integer(*it, QStringLiteral("priority"), 1, 100, st.priority);
        if (const auto it = s.find("adjust"); it != s.end()) {
            if (!it->is_array()) {
                load.error(QStringLiteral("adjust"),
                           QObject::tr("must be a list of {when, priority}"));
            } else {
                for (size_t i = 0; i < it->size(); ++i) {
                    const json &a = (*it)[i];
                    const QString at = QStringLiteral("adjust[%1]").arg(i);
                    if (!a.is_object() || !a.contains("when") || !a.contains("priority") ||
                        a.size() != 2) {
                        load.error(at,
                                   QObject::tr("must be an object with exactly when and priority"));
                        continue;
                    }
                    PriorityAdjustment adj;
                    adj.when = load.condition(a["when"], at + QStringLiteral(".when"));
                    load.integer(a["priority"], at + QStringLiteral(".priority"), -100, 100,
                                 adj.delta);
                    st.adjust.push_back(std::move(adj));
                }
            }
        }
        st.merge = load.text(s, "merge", false);
        if (s.contains("merge") && st.merge.trimmed().isEmpty())
            load.error(QStringLiteral("merge"), QObject::tr("must not be empty when given"));
        if (const auto it = s.find("when"); it == s.end())
            load.error(QStringLiteral("when"), QObject::tr("is required"));
        else
            st.when = load.condition(*it, QStringLiteral("when"));
        bool timeframeGood = false;
        if (const auto it = s.find("timeframe"); it == s.end() || !it->is_object()) {
            load.error(QStringLiteral("timeframe"),
                       QObject::tr("is required: {\"start_week\": n, \"end_week\": n}"));
        } else {
            bool good = true;
            for (auto k = it->begin(); k != it->end(); ++k) {
                if (k.key() != "start_week" && k.key() != "end_week") {
                    load.error(QStringLiteral("timeframe.") + qs(k.key()),
                               QObject::tr("is not allowed here"));
                    good = false;
                }
            }
            if (!it->contains("start_week") || !it->contains("end_week")) {
                load.error(QStringLiteral("timeframe"),
                           QObject::tr("needs start_week and end_week"));
            } else {
                good = load.integer((*it)["start_week"], QStringLiteral("timeframe.start_week"), 0,
                                    104, st.startWeek) &&
                       good;
                good = load.integer((*it)["end_week"], QStringLiteral("timeframe.end_week"), 0, 104,
                                    st.endWeek) &&
                       good;
                if (good && st.endWeek < st.startWeek)
                    load.error(QStringLiteral("timeframe.end_week"),
                               QObject::tr("%1 is before start_week %2")
                                   .arg(st.endWeek)
                                   .arg(st.startWeek));
                else
                    timeframeGood = good;
            }
        }
        if (const auto it = s.find("repeat"); it != s.end()) {
            // A step done again and again (a meeting every two weeks): every
            // `every_weeks` weeks from start_week to end_week.
            if (!it->is_object() || !it->contains("every_weeks")) {
                load.error(QStringLiteral("repeat"),
                           QObject::tr("must be an object {\"every_weeks\": n}"));
            } else {
                bool good = true;
                for (auto k = it->begin(); k != it->end(); ++k) {
                    if (k.key() != "every_weeks") {
                        load.error(QStringLiteral("repeat.") + qs(k.key()),
                                   QObject::tr("is not allowed here (only every_weeks)"));
                        good = false;
                    }
                }
                int every = 0;
                if (load.integer((*it)["every_weeks"], QStringLiteral("repeat.every_weeks"), 1, 52,
                                 every) &&
                    good) {
                    st.repeatEveryWeeks = every;
                    if (timeframeGood && every > st.endWeek - st.startWeek)
                        load.error(QStringLiteral("repeat.every_weeks"),
                                   QObject::tr("%1 is longer than the timeframe (weeks %2 to %3), "
                                               "so the step would happen only once")
                                       .arg(every)
                                       .arg(st.startWeek)
                                       .arg(st.endWeek));
                }
            }
        }
        st.title = load.text(s, "title", true, 80);
        st.description = load.text(s, "description", true);
        st.whoHelps = load.text(s, "who_helps", true);
        st.rationale = load.text(s, "rationale", true);
        for (auto m = bracePattern.globalMatch(st.rationale); m.hasNext();) {
            const QString name = m.next().captured(1);
            if (!placeholders().contains(name))
                load.error(QStringLiteral("rationale"),
                           QObject::tr("{%1} is not a placeholder (use %2)")
                               .arg(name, QStringLiteral("{") +
                                              placeholders().join(QStringLiteral("}, {")) +
                                              QStringLiteral("}")));
        }
        QString stripped = st.rationale;
        stripped.remove(bracePattern);
        if (stripped.contains(QLatin1Char('{')) || stripped.contains(QLatin1Char('}')))
            load.error(QStringLiteral("rationale"), QObject::tr("has an unmatched { or }"));

        if (const auto it = s.find("sources"); it == s.end() || !it->is_array()) {
            load.error(QStringLiteral("sources"),
                       QObject::tr("is required: a list (may be empty)"));
        } else {
            for (size_t i = 0; i < it->size(); ++i) {
                const QString at = QStringLiteral("sources[%1]").arg(i);
                const json &src = (*it)[i];
                const auto m = src.is_string() ? sourcePattern.match(qs(src.get<std::string>()))
                                               : QRegularExpressionMatch();
                if (!m.hasMatch()) {
                    load.error(at, QObject::tr("must be \"<source file>#<item number>\""));
                    continue;
                }
                const SourceText *text = nullptr;
                for (const SourceText &t : sourceTexts())
                    text = m.captured(1) == QLatin1String(t.file) ? &t : text;
                const int item = m.captured(2).toInt();
                if (!text)
                    load.error(at, QObject::tr("%1 is not one of the source texts")
                                       .arg(jsoninput::quoted(m.captured(1))));
                else if (item < 1 || item > text->items)
                    load.error(at, QObject::tr("%1 has items 1 to %2, not %3")
                                       .arg(m.captured(1))
                                       .arg(text->items)
                                       .arg(item));
                else
                    st.sources << m.captured(0);
            }
        }
        st.basis = load.text(s, "basis", false);
        if (s.contains("sources") && s["sources"].is_array() && s["sources"].empty() &&
            st.basis.trimmed().isEmpty())
            load.error(QStringLiteral("basis"),
                       QObject::tr("is required when sources is empty: say why this rule exists"));
        rules.m_strategies.push_back(std::move(st));
    }
    if (!load.problems.isEmpty()) {
        return Error{Error::Code::Invalid,
                     (load.problems.size() == 1
                          ? QObject::tr("Rule file %1 was not loaded (1 problem):").arg(origin)
                          : QObject::tr("Rule file %1 was not loaded (%2 problems):")
                                .arg(origin)
                                .arg(load.problems.size())) +
                         QLatin1Char('\n') + load.problems.join(QLatin1Char('\n'))};
    }
    return rules;
}

Result<RuleBase> RuleBase::fromFile(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return Error{Error::Code::Io,
                     QObject::tr("Cannot read the rule file %1: %2").arg(path, file.errorString())};
    return fromJson(file.readAll(), path);
}

const RuleBase &RuleBase::builtIn()
{
    static const RuleBase instance = [] {
        auto loaded = fromFile(QStringLiteral(":/pathway/strategies.json"));
        Q_ASSERT_X(loaded.ok(), "RuleBase::builtIn", qPrintable(loaded.error().message));
        return loaded.ok() ? loaded.value() : RuleBase{};
    }();
    return instance;
}

Result<RuleBase> RuleBase::forAgency(const QString &path)
{
    if (!path.isEmpty())
        return fromFile(path);
    const QString env = qEnvironmentVariable("PATHWAY_RULES");
    if (!env.isEmpty())
        return fromFile(env);
    const QString setting = QSettings().value(QStringLiteral("agency/rulesFile")).toString();
    if (!setting.isEmpty())
        return fromFile(setting);
    return builtIn();
}

RuleBase RuleBase::forAgencyOrBuiltIn(const QString &path)
{
    auto rules = forAgency(path);
    if (rules)
        return rules.value();
    RuleBase fallback = builtIn();
    fallback.m_fallbackReason =
        QObject::tr("The agency's rule file could not be used, so plans are proposed from the "
                    "rules built into Pathway (version %1) until it is mended. %2")
            .arg(fallback.version(), rules.error().message);
    return fallback;
}

const Strategy *RuleBase::find(const QString &id) const
{
    for (const Strategy &s : m_strategies) {
        if (s.id == id)
            return &s;
    }
    return nullptr;
}

} // namespace pathway
