#pragma once

#include <QString>
#include <QStringList>

#include <array>
#include <optional>
#include <string_view>

namespace pathway {

// Domain enumerations and their stable codes. The codes are what the profile
// JSON, the rule files and the database store; never rename one.

enum class EmploymentStatus
{
    EmployedFullTime,
    EmployedPartTime,
    SelfEmployed,
    Unemployed,
    Student,
    NotInLaborForce,
};

enum class Independence
{
    Guided,
    Independent,
    UltraIndependent
};

enum class IncomeBracket
{
    Low,
    LowerMiddle,
    Middle,
    UpperMiddle,
    High
};

enum class BarrierCode
{
    Stigma,
    Finances,
    Caregiving,
    Health,
    SocialSupport,
    LimitedAccess,
    Transport,
    DigitalSkills,
    Language,
    Housing,
    CriminalRecord,
};

enum class GoalCode
{
    Employment,
    Advancement,
    Entrepreneurship,
    MeaningfulWork,
    WorkLifeBalance,
    Education,
    CareerChange,
};

enum class EducationLevel
{
    None,
    Primary,
    Secondary,
    Vocational,
    SomeCollege,
    Associate,
    Bachelor,
    Master,
    Doctorate,
};

enum class ClientStatus
{
    Active,
    Closed
};

// One table per enum: code (stored) and label (shown to people).
template <typename E> struct CodeEntry
{
    E value;
    const char *code;
    const char *label;
};

template <typename E> struct CodeTable;

#define PATHWAY_DECLARE_CODES(E)                                                                   \
    template <> struct CodeTable<E>                                                                \
    {                                                                                              \
        static const CodeEntry<E> *begin();                                                        \
        static const CodeEntry<E> *end();                                                          \
    };

PATHWAY_DECLARE_CODES(EmploymentStatus)
PATHWAY_DECLARE_CODES(Independence)
PATHWAY_DECLARE_CODES(IncomeBracket)
PATHWAY_DECLARE_CODES(BarrierCode)
PATHWAY_DECLARE_CODES(GoalCode)
PATHWAY_DECLARE_CODES(EducationLevel)
PATHWAY_DECLARE_CODES(ClientStatus)

// Defines CodeTable<E> over a static array of CodeEntry<E>, in a .cpp file.
#define PATHWAY_DEFINE_CODES(E, table)                                                             \
    const CodeEntry<E> *CodeTable<E>::begin()                                                      \
    {                                                                                              \
        return std::begin(table);                                                                  \
    }                                                                                              \
    const CodeEntry<E> *CodeTable<E>::end()                                                        \
    {                                                                                              \
        return std::end(table);                                                                    \
    }

// The stored code of a value, e.g. "ultra_independent".
template <typename E> QString toCode(E value)
{
    for (auto *e = CodeTable<E>::begin(); e != CodeTable<E>::end(); ++e) {
        if (e->value == value)
            return QString::fromLatin1(e->code);
    }
    return {};
}

// The same code without allocating, for hot paths and JSON output.
template <typename E> const char *codeOf(E value)
{
    for (auto *e = CodeTable<E>::begin(); e != CodeTable<E>::end(); ++e) {
        if (e->value == value)
            return e->code;
    }
    return "";
}

// The human label, e.g. "Ultra-independent".
template <typename E> QString toLabel(E value)
{
    for (auto *e = CodeTable<E>::begin(); e != CodeTable<E>::end(); ++e) {
        if (e->value == value)
            return QString::fromUtf8(e->label);
    }
    return {};
}

// Parses a stored code; nullopt when the code is unknown.
template <typename E> std::optional<E> fromCode(std::string_view code)
{
    for (auto *e = CodeTable<E>::begin(); e != CodeTable<E>::end(); ++e) {
        if (code == e->code)
            return e->value;
    }
    return std::nullopt;
}

template <typename E> std::optional<E> fromCode(const QString &code)
{
    const QByteArray utf8 = code.toUtf8();
    return fromCode<E>(std::string_view(utf8.constData(), size_t(utf8.size())));
}

// Every code of an enum, in declaration order, for messages ("one of: a, b, c").
template <typename E> QStringList allCodes()
{
    QStringList out;
    for (auto *e = CodeTable<E>::begin(); e != CodeTable<E>::end(); ++e)
        out << QString::fromLatin1(e->code);
    return out;
}

template <typename E> int codeCount()
{
    return int(CodeTable<E>::end() - CodeTable<E>::begin());
}

} // namespace pathway
