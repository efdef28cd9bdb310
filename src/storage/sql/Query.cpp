#include "sql/Query.h"

#include <QTimeZone>

#include <charconv>

namespace pathway::sql {

namespace {

// Reads `count` digits at `p`; -1 when they are not all digits.
int digits(const char *p, int count)
{
    int value = 0;
    for (int i = 0; i < count; ++i) {
        if (p[i] < '0' || p[i] > '9')
            return -1;
        value = value * 10 + (p[i] - '0');
    }
    return value;
}

void put(char *p, int value, int width)
{
    for (int i = width - 1; i >= 0; --i) {
        p[i] = char('0' + value % 10);
        value /= 10;
    }
}

} // namespace

QByteArray formatDate(const QDate &date)
{
    if (!date.isValid() || date.year() < 1 || date.year() > 9999)
        return {};
    QByteArray out(10, Qt::Uninitialized);
    char *p = out.data();
    put(p, date.year(), 4);
    p[4] = '-';
    put(p + 5, date.month(), 2);
    p[7] = '-';
    put(p + 8, date.day(), 2);
    return out;
}

QByteArray formatMoment(const QDateTime &moment)
{
    if (!moment.isValid())
        return {};
    const QDateTime utc = moment.toUTC();
    QByteArray out = formatDate(utc.date());
    if (out.isEmpty())
        return {};
    out.resize(24);
    char *p = out.data();
    const QTime t = utc.time();
    p[10] = 'T';
    put(p + 11, t.hour(), 2);
    p[13] = ':';
    put(p + 14, t.minute(), 2);
    p[16] = ':';
    put(p + 17, t.second(), 2);
    p[19] = '.';
    put(p + 20, t.msec(), 3);
    p[23] = 'Z';
    return out;
}

QDate parseDate(std::string_view text)
{
    if (text.size() < 10 || text[4] != '-' || text[7] != '-')
        return {};
    const int y = digits(text.data(), 4);
    const int m = digits(text.data() + 5, 2);
    const int d = digits(text.data() + 8, 2);
    if (y < 0 || m < 0 || d < 0)
        return {};
    return QDate(y, m, d);
}

QDateTime parseMoment(std::string_view text)
{
    const QDate date = parseDate(text);
    if (!date.isValid())
        return {};
    if (text.size() < 19 || (text[10] != 'T' && text[10] != ' ') || text[13] != ':' ||
        text[16] != ':')
        return {};
    const int h = digits(text.data() + 11, 2);
    const int mi = digits(text.data() + 14, 2);
    const int s = digits(text.data() + 17, 2);
    if (h < 0 || mi < 0 || s < 0)
        return {};
    size_t i = 19;
    int ms = 0;
    if (i < text.size() && text[i] == '.') {
        ++i;
        int scale = 100;
        while (i < text.size() && text[i] >= '0' && text[i] <= '9') {
            ms += (text[i] - '0') * scale;
            scale /= 10;
            ++i;
        }
    }
    int offsetSeconds = 0;
    if (i < text.size() && (text[i] == '+' || text[i] == '-')) {
        const int sign = text[i] == '-' ? -1 : 1;
        const int oh = i + 3 <= text.size() ? digits(text.data() + i + 1, 2) : -1;
        int om = 0;
        size_t j = i + 3;
        if (j < text.size() && text[j] == ':')
            ++j;
        if (j + 2 <= text.size())
            om = std::max(0, digits(text.data() + j, 2));
        if (oh < 0)
            return {};
        offsetSeconds = sign * (oh * 3600 + om * 60);
    }
    QDateTime out(date, QTime(h, mi, s, ms), Qt::UTC);
    return offsetSeconds ? out.addSecs(-offsetSeconds) : out;
}

Query::Query(Query &&other) noexcept
    : m_owned(std::move(other.m_owned)), m_statement(other.m_statement)
{
    other.m_statement = nullptr;
}

Query::~Query()
{
    if (m_statement)
        m_statement->reset();
}

Query &Query::bind(int index, qint64 value)
{
    m_statement->bindInt(index, value);
    return *this;
}

Query &Query::bind(int index, bool value)
{
    m_statement->bindBool(index, value);
    return *this;
}

Query &Query::bind(int index, const QString &text)
{
    m_statement->bindText(index, QStringView(text));
    return *this;
}

Query &Query::bind(int index, QStringView text)
{
    m_statement->bindText(index, text);
    return *this;
}

Query &Query::bind(int index, const char *utf8)
{
    m_statement->bindUtf8(index, std::string_view(utf8));
    return *this;
}

Query &Query::bind(int index, std::string_view utf8)
{
    m_statement->bindUtf8(index, utf8);
    return *this;
}

Query &Query::bind(int index, const QDate &date)
{
    const QByteArray text = formatDate(date);
    if (text.isEmpty())
        m_statement->bindNull(index);
    else
        m_statement->bindUtf8(index, std::string_view(text.constData(), size_t(text.size())));
    return *this;
}

Query &Query::bind(int index, const QDateTime &moment)
{
    const QByteArray text = formatMoment(moment);
    if (text.isEmpty())
        m_statement->bindNull(index);
    else
        m_statement->bindUtf8(index, std::string_view(text.constData(), size_t(text.size())));
    return *this;
}

Query &Query::bind(int index, std::nullptr_t)
{
    m_statement->bindNull(index);
    return *this;
}

Query &Query::bindBlob(int index, const QByteArray &bytes)
{
    m_statement->bindBlob(index, bytes);
    return *this;
}

bool Query::next()
{
    return m_statement->step();
}

bool Query::exec()
{
    while (m_statement->step()) {
    }
    return m_statement->failure() == Failure::None;
}

QString Query::text(int column) const
{
    const std::string_view v = m_statement->view(column);
    return QString::fromUtf8(v.data(), qsizetype(v.size()));
}

} // namespace pathway::sql
