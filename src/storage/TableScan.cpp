#include "TableScan.h"

#include <QDateTime>
#include <QString>

#include <limits>

namespace pathway {

SlotIndex::SlotIndex(const QVector<qint64> &ids)
{
    qint64 max = 0;
    for (qint64 id : ids)
        max = qMax(max, id);
    m_dense = max < 4 * qint64(ids.size()) + 1024;
    if (m_dense)
        m_slots.assign(size_t(max + 1), -1);
    for (int i = 0; i < ids.size(); ++i) {
        if (ids[i] < 0)
            continue;
        if (m_dense)
            m_slots[size_t(ids[i])] = i;
        else
            m_hash.insert(ids[i], i);
    }
}

qint64 secondsOf(std::string_view s)
{
    auto digits = [&](size_t at, size_t n, int &out) {
        out = 0;
        for (size_t i = at; i < at + n; ++i) {
            if (i >= s.size() || s[i] < '0' || s[i] > '9')
                return false;
            out = out * 10 + (s[i] - '0');
        }
        return true;
    };
    int y = 0, mo = 0, d = 0, h = 0, mi = 0, se = 0;
    const bool utc = s.size() >= 20 && s.back() == 'Z';
    if (utc && s[4] == '-' && s[7] == '-' && s[10] == 'T' && digits(0, 4, y) && digits(5, 2, mo) &&
        digits(8, 2, d) && digits(11, 2, h) && digits(14, 2, mi) && digits(17, 2, se)) {
        const QDate date(y, mo, d);
        if (date.isValid())
            return (date.toJulianDay() - QDate(1970, 1, 1).toJulianDay()) * 86400 + h * 3600 +
                   mi * 60 + se;
    }
    const QDateTime parsed =
        QDateTime::fromString(QString::fromUtf8(s.data(), qsizetype(s.size())), Qt::ISODateWithMs);
    return parsed.isValid() ? parsed.toSecsSinceEpoch() : std::numeric_limits<qint64>::min();
}

int dayKey(std::string_view text)
{
    if (text.size() != 10 || text[4] != '-' || text[7] != '-')
        return 0;
    int key = 0;
    for (size_t i : {0, 1, 2, 3, 5, 6, 8, 9}) {
        const char c = text[i];
        if (c < '0' || c > '9')
            return 0;
        key = key * 10 + (c - '0');
    }
    return key;
}

QDate dateOfKey(int key)
{
    return key == 0 ? QDate() : QDate(key / 10000, key / 100 % 100, key % 100);
}

} // namespace pathway
