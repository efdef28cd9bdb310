#include "pathway/core/NameCollator.h"

#include <QLocale>
#include <QRegularExpression>

#include <unicode/ucol.h>
#include <unicode/uloc.h>
#include <unicode/ustring.h>

#include <vector>

namespace pathway {

struct NameCollator::Handle
{
    UCollator *collator = nullptr;
    ~Handle() { ucol_close(collator); }
};

NameCollator::NameCollator(const QString &locale) : m_handle(new Handle), m_locale(locale)
{
    UErrorCode status = U_ZERO_ERROR;
    const QByteArray name = locale.toUtf8();
    m_handle->collator = ucol_open(name.constData(), &status);
    if (U_FAILURE(status)) {
        ucol_close(m_handle->collator);
        m_handle->collator = nullptr;
    }
}

NameCollator::~NameCollator() = default;

bool NameCollator::isValid() const
{
    return m_handle->collator != nullptr;
}

QString NameCollator::version() const
{
    if (!m_handle->collator)
        return QString();
    UVersionInfo info;
    ucol_getVersion(m_handle->collator, info);
    char text[U_MAX_VERSION_STRING_LENGTH] = {};
    u_versionToString(info, text);
    return QString::fromLatin1(text);
}

namespace {

// ICU's sort key of `text`, with its terminating zero.
std::vector<uint8_t> keyOf(const UCollator *collator, const QString &text)
{
    std::vector<uint8_t> key(size_t(64 + text.size() * 4));
    const auto *chars = reinterpret_cast<const UChar *>(text.utf16());
    int length = ucol_getSortKey(collator, chars, int(text.size()), key.data(), int(key.size()));
    if (length > int(key.size())) {
        key.resize(size_t(length));
        length = ucol_getSortKey(collator, chars, int(text.size()), key.data(), int(key.size()));
    }
    key.resize(size_t(length));
    return key;
}

} // namespace

QByteArray NameCollator::sortKey(const QString &firstName, const QString &lastName) const
{
    if (!m_handle->collator)
        return QByteArray();
    const std::vector<uint8_t> last = keyOf(m_handle->collator, lastName);
    const std::vector<uint8_t> first = keyOf(m_handle->collator, firstName);
    if (last.empty() || first.empty())
        return QByteArray();
    QByteArray merged(int(last.size() + first.size()), Qt::Uninitialized);
    const int length =
        ucol_mergeSortkeys(last.data(), int(last.size()), first.data(), int(first.size()),
                           reinterpret_cast<uint8_t *>(merged.data()), int(merged.size()));
    // The terminating zero is left out: a key that is a prefix of another
    // still sorts first.
    merged.resize(length > 0 ? length - 1 : 0);
    return merged;
}

QString NameCollator::defaultLocale()
{
    const QString name = QLocale::system().name();
    if (name.isEmpty() || name == QLatin1String("C") || name == QLatin1String("POSIX") ||
        !isKnownLocale(name))
        return QStringLiteral("en");
    return name;
}

bool NameCollator::isKnownLocale(const QString &locale)
{
    // language[_Script][_REGION][@keywords], as ICU and POSIX write them.
    static const QRegularExpression shape(
        QStringLiteral("^[a-z]{2,3}(_[A-Z][a-z]{3})?(_([A-Z]{2}|[0-9]{3}))?(@[a-z]+=[a-z0-9-]+"
                       "(;[a-z]+=[a-z0-9-]+)*)?$"));
    if (!shape.match(locale).hasMatch())
        return false;
    const QByteArray name = locale.toUtf8();
    const char *iso3 = uloc_getISO3Language(name.constData());
    return iso3 && *iso3;
}

} // namespace pathway
