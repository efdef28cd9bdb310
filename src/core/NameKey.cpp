#include "pathway/core/NameKey.h"

#include <QVector>

namespace pathway::nameKey {

namespace {

// Apostrophes, typed in many ways: ' ’ ‘ ʼ ʻ ` ´ and the full-width '.
bool isApostrophe(char32_t c)
{
    switch (c) {
    case 0x0027:
    case 0x2019:
    case 0x2018:
    case 0x02BC:
    case 0x02BB:
    case 0x0060:
    case 0x00B4:
    case 0xFF07:
        return true;
    default:
        return false;
    }
}

// The Catalan middle dot (l·l) joins like an apostrophe but starts no key.
constexpr char32_t kMiddleDot = 0x00B7;

// Letters that neither decompose nor case-fold to ASCII, as ICU's
// Latin-ASCII transliteration writes them. Input is already case-folded.
const char *special(char32_t c)
{
    switch (c) {
    case 0x00DF: // ß (ẞ folds to it)
        return "ss";
    case 0x00E6: // æ
        return "ae";
    case 0x0153: // œ
        return "oe";
    case 0x00F8: // ø
        return "o";
    case 0x0142: // ł
        return "l";
    case 0x0111: // đ
    case 0x00F0: // ð
        return "d";
    case 0x00FE: // þ
        return "th";
    case 0x0127: // ħ
        return "h";
    case 0x0131: // ı
        return "i";
    case 0x0167: // ŧ
        return "t";
    case 0x014B: // ŋ
        return "ng";
    case 0x0138: // ĸ
        return "q";
    case 0x0140: // ŀ (NFKD gives l and a middle dot; kept for safety)
        return "l";
    case 0x017F: // ſ
        return "s";
    case 0x0192: // ƒ
        return "f";
    case 0x0237: // ȷ
        return "j";
    default:
        return nullptr;
    }
}

bool isMark(char32_t c)
{
    const QChar::Category cat = QChar::category(c);
    // Spacing marks (Mc) are vowel signs in Indic scripts, not accents: kept.
    return cat == QChar::Mark_NonSpacing || cat == QChar::Mark_Enclosing;
}

// Where a name or a search text splits into parts: white space and
// punctuation, except the connector `_` and the ASCII % & # @ * (which stay
// in the part they are in, so that they match themselves). Apostrophes and
// the middle dot are handled before this is asked.
bool isSeparator(char32_t c)
{
    if (c < 0x80) {
        switch (c) {
        case '%':
        case '&':
        case '#':
        case '@':
        case '*':
        case '_':
            return false;
        default:
            break;
        }
    }
    if (QChar::isSpace(c))
        return true;
    switch (QChar::category(c)) {
    case QChar::Punctuation_Dash:
    case QChar::Punctuation_Open:
    case QChar::Punctuation_Close:
    case QChar::Punctuation_InitialQuote:
    case QChar::Punctuation_FinalQuote:
    case QChar::Punctuation_Other:
    case QChar::Other_Control:
    case QChar::Other_Format:
        return true;
    default:
        return false;
    }
}

void append(QString &out, char32_t c)
{
    if (QChar::requiresSurrogates(c)) {
        out.append(QChar(QChar::highSurrogate(c)));
        out.append(QChar(QChar::lowSurrogate(c)));
    } else {
        out.append(QChar(char16_t(c)));
    }
}

// One segment of a name between separators, cut at its apostrophes.
struct Segment
{
    QString joined;          // the apostrophes left out: "obrien"
    QVector<int> apostrophe; // where each apostrophe stood in `joined`
};

// Splits folded text into segments; apostrophes (and middle dots) join.
QVector<Segment> segments(const QString &folded)
{
    QVector<Segment> out;
    Segment current;
    const auto flush = [&] {
        if (!current.joined.isEmpty())
            out.append(current);
        current = Segment();
    };
    const QVector<uint> points = folded.toUcs4();
    for (const uint point : points) {
        const char32_t c = point;
        if (isApostrophe(c)) {
            current.apostrophe.append(int(current.joined.size()));
            continue;
        }
        if (c == kMiddleDot)
            continue;
        if (isSeparator(c)) {
            flush();
            continue;
        }
        append(current.joined, c);
    }
    flush();
    return out;
}

bool isAscii(const QString &text)
{
    for (const QChar ch : text) {
        if (ch.unicode() >= 0x80)
            return false;
    }
    return true;
}

} // namespace

QString fold(const QString &text)
{
    if (isAscii(text))
        return text.toLower(); // nothing to decompose; ASCII folding is lower case
    // ´ decomposes to a space and a combining accent: make it an apostrophe first.
    QString pre = text;
    pre.replace(QChar(0x00B4), QLatin1Char('\''));
    // Decompose, fold, decompose what folding produced (İ folds to i and a
    // combining dot), then drop the combining marks.
    const QString decomposed = pre.normalized(QString::NormalizationForm_KD)
                                   .toCaseFolded()
                                   .normalized(QString::NormalizationForm_KD);
    QString out;
    out.reserve(decomposed.size());
    const QVector<uint> points = decomposed.toUcs4();
    for (const uint point : points) {
        const char32_t c = point;
        if (isMark(c))
            continue;
        if (const char *replacement = special(c)) {
            out.append(QLatin1String(replacement));
            continue;
        }
        append(out, c);
    }
    return out;
}

QStringList clientKeys(const QString &firstName, const QString &lastName)
{
    QStringList keys;
    const auto add = [&keys](const QString &key) {
        if (!key.isEmpty() && !keys.contains(key))
            keys.append(key);
    };
    for (const QString *name : {&firstName, &lastName}) {
        for (const Segment &s : segments(fold(*name))) {
            add(s.joined);
            // The part after an apostrophe is a key of its own: "brien".
            for (const int at : s.apostrophe)
                add(s.joined.mid(at));
        }
    }
    return keys;
}

QStringList searchWords(const QString &text)
{
    QStringList words;
    for (const Segment &s : segments(fold(text)))
        words.append(s.joined);
    return words;
}

bool matches(const QStringList &words, const QStringList &keys)
{
    for (const QString &word : words) {
        bool found = false;
        for (const QString &key : keys) {
            if (key.startsWith(word)) {
                found = true;
                break;
            }
        }
        if (!found)
            return false;
    }
    return true;
}

bool matchesJoined(const QList<QByteArray> &utf8Words, std::string_view joinedKeys)
{
    for (const QByteArray &word : utf8Words) {
        const std::string_view w(word.constData(), size_t(word.size()));
        bool found = false;
        size_t start = 0;
        while (start <= joinedKeys.size()) {
            size_t end = joinedKeys.find(' ', start);
            if (end == std::string_view::npos)
                end = joinedKeys.size();
            // A UTF-8 prefix in bytes is a prefix in characters.
            if (joinedKeys.substr(start, end - start).substr(0, w.size()) == w &&
                end - start >= w.size()) {
                found = true;
                break;
            }
            start = end + 1;
        }
        if (!found)
            return false;
    }
    return true;
}

QString prefixEnd(const QString &prefix)
{
    QVector<uint> points = prefix.toUcs4();
    while (!points.isEmpty()) {
        uint last = points.takeLast() + 1;
        if (last >= 0xD800 && last <= 0xDFFF)
            last = 0xE000; // surrogates are not characters
        if (last <= 0x10FFFF) {
            points.append(last);
            return QString::fromUcs4(reinterpret_cast<const char32_t *>(points.constData()),
                                     points.size());
        }
        // U+10FFFF cannot be incremented: carry into the character before.
    }
    return QString();
}

} // namespace pathway::nameKey
