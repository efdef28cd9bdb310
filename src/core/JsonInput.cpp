#include "pathway/core/JsonInput.h"

#include <QObject>
#include <QStringDecoder>

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <limits>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace pathway::jsoninput {

using nlohmann::json;

namespace {} // namespace

QString describePosition(const QByteArray &text, size_t byteOffset)
{
    int line = 1;
    size_t lineStart = 0;
    const size_t end = std::min(byteOffset, size_t(text.size()));
    for (size_t i = 0; i < end; ++i) {
        if (text[qsizetype(i)] == '\n') {
            ++line;
            lineStart = i + 1;
        }
    }
    const int column =
        QString::fromUtf8(text.constData() + lineStart, qsizetype(end - lineStart)).size() + 1;
    return QObject::tr("line %1, column %2").arg(line).arg(column);
}

namespace {

// The same for a file read as a stream: read again up to the offset in
// chunks (only when there is an error to report), so that memory does not
// grow with the file. Columns count UTF-16 units as describePosition does.
QString lineAndColumn(std::FILE *file, size_t byteOffset)
{
    if (std::fseek(file, 0, SEEK_SET) != 0)
        return QObject::tr("byte %1").arg(byteOffset + 1);
    int line = 1;
    qsizetype column = 0;
    QStringDecoder decoder(QStringDecoder::Utf8, QStringDecoder::Flag::ConvertInitialBom);
    std::vector<char> chunk(64 * 1024);
    size_t left = byteOffset;
    while (left > 0) {
        const size_t got = std::fread(chunk.data(), 1, std::min(left, chunk.size()), file);
        if (got == 0)
            break;
        left -= got;
        const char *begin = chunk.data();
        const char *end = begin + got;
        const char *tail = begin;
        for (const char *p = begin; p != end; ++p) {
            if (*p == '\n') {
                ++line;
                tail = p + 1;
            }
        }
        if (tail != begin) {
            decoder.resetState();
            column = 0;
        }
        const QString part = decoder.decode(QByteArrayView(tail, end - tail));
        column += part.size();
    }
    return QObject::tr("line %1, column %2").arg(line).arg(column + 1);
}

// The reason nlohmann/json gives, without its "[json.exception...]" tag and
// the position it repeats.
QString reasonOf(const nlohmann::detail::exception &e)
{
    std::string what = e.what();
    const size_t tag = what.find("] ");
    if (tag != std::string::npos)
        what.erase(0, tag + 2);
    const size_t colon = what.find(": ");
    if (what.rfind("parse error", 0) == 0 && colon != std::string::npos)
        what.erase(0, colon + 2);
    return QString::fromStdString(what);
}

// Builds values from nlohmann/json's events, refusing duplicate keys and
// deep nesting. With a `streamKey`, the top-level object is not kept: each
// of its members goes to onTop as it completes, except the array under
// `streamKey`, whose elements go to onElement one by one. Nothing else is
// kept either: another member that is an array or an object, or a top level
// that is not an object, is checked (keys, depth, numbers) and dropped, so
// that memory is bounded by one element whatever the file holds.
class Builder
{
public:
    using string_t = json::string_t;

    explicit Builder(const Limits &limits, std::string streamKey = {})
        : m_limits(limits), m_streamKey(std::move(streamKey))
    {}

    std::function<Status(const std::string &, const json &)> onTop;
    std::function<Status(qint64, json &&)> onElement;

    bool null() { return add(json(nullptr)); }
    bool boolean(bool v) { return add(json(v)); }
    bool number_integer(json::number_integer_t v) { return add(json(v)); }
    bool number_unsigned(json::number_unsigned_t v) { return add(json(v)); }
    bool number_float(json::number_float_t v, const string_t &)
    {
        if (!std::isfinite(v))
            return fail(QObject::tr("a number too large at %1").arg(path()));
        return add(json(v));
    }
    bool string(string_t &v) { return add(json(std::move(v))); }
    bool binary(json::binary_t &) { return fail(QObject::tr("binary data at %1").arg(path())); }
    bool start_object(std::size_t) { return open(false); }
    bool start_array(std::size_t) { return open(true); }
    bool end_object() { return close(); }
    bool end_array() { return close(); }

    bool key(string_t &k)
    {
        Frame &top = m_frames.back();
        const bool repeated = top.value ? top.value->contains(k) : !top.keys.insert(k).second;
        top.key = std::move(k);
        if (repeated)
            return fail(QObject::tr("the key %1 appears twice at %2")
                            .arg(jsoninput::quoted(top.key), path()));
        return true;
    }

    bool parse_error(std::size_t position, const std::string &,
                     const nlohmann::detail::exception &e)
    {
        m_errorPosition = position > 0 ? position - 1 : 0;
        m_syntax = true;
        m_reason = reasonOf(e);
        // The field being read, so that a number too large is named by key
        // as well as by place.
        m_errorPath = path();
        return false;
    }

    json &root() { return m_root; }
    const StreamShape &shape() const { return m_shape; }
    bool failed() const { return m_syntax || !m_error.isEmpty() || m_callbackError.has_value(); }

    // The message, given how to turn a byte offset into a place.
    template <typename Where> Error error(const QString &origin, Where where) const
    {
        if (m_callbackError)
            return *m_callbackError;
        if (m_syntax) {
            if (m_reason.contains(QLatin1String("number overflow")))
                return Error{Error::Code::Invalid,
                             QObject::tr("%1: a number too large at %2 (%3)")
                                 .arg(origin, m_errorPath, where(m_errorPosition))};
            return Error{Error::Code::Invalid, QObject::tr("%1: malformed JSON at %2 (%3)")
                                                   .arg(origin, where(m_errorPosition), m_reason)};
        }
        return Error{Error::Code::Invalid, QStringLiteral("%1: %2").arg(origin, m_error)};
    }

private:
    enum class Role
    {
        Kept,     // a container inside a kept value
        Members,  // the streamed top-level object: members go to onTop
        Elements, // the streamed array: elements go to onElement
        Skipped,  // checked and dropped (streaming only)
    };

    struct Frame
    {
        json *value = nullptr; // null for Members, Elements and Skipped
        Role role = Role::Kept;
        bool array = false;
        size_t index = 0;
        std::string key;
        std::set<std::string> keys;     // keys seen, for a Members or Skipped object
        std::unique_ptr<json> detached; // a value built to be handed over on close
    };

    bool fail(const QString &message)
    {
        if (m_error.isEmpty())
            m_error = message;
        return false;
    }

    QString path() const
    {
        QString out = QStringLiteral("$");
        for (const Frame &f : m_frames) {
            if (f.array)
                out += QStringLiteral("[%1]").arg(f.index);
            else if (!f.key.empty())
                out += QLatin1Char('.') + QString::fromStdString(f.key);
        }
        return out;
    }

    bool deliver(Frame &parent, json &&value)
    {
        Status s;
        if (parent.role == Role::Elements)
            s = onElement(qint64(parent.index++), std::move(value));
        else
            s = onTop(parent.key, value);
        if (!s) {
            m_callbackError = s.error();
            return false;
        }
        return true;
    }

    // Places a completed value into the frame on top.
    bool place(json &&value)
    {
        if (m_frames.empty()) {
            m_root = std::move(value);
            return true;
        }
        Frame &top = m_frames.back();
        if (top.role == Role::Skipped) {
            if (top.array)
                ++top.index;
            return true;
        }
        if (!top.value)
            return deliver(top, std::move(value));
        if (top.array) {
            top.value->push_back(std::move(value));
            ++top.index;
        } else {
            (*top.value)[top.key] = std::move(value);
        }
        return true;
    }

    bool add(json &&value) { return place(std::move(value)); }

    bool open(bool array)
    {
        if (int(m_frames.size()) >= m_limits.maxDepth)
            return fail(QObject::tr("nested deeper than %1 levels at %2")
                            .arg(m_limits.maxDepth)
                            .arg(path()));
        Frame frame;
        frame.array = array;
        const bool streaming = !m_streamKey.empty();
        if (streaming && m_frames.empty()) {
            frame.role = array ? Role::Skipped : Role::Members;
            m_shape.topLevelObject = !array;
        } else if (streaming && m_frames.size() == 1 && m_frames.back().role == Role::Members) {
            const bool streamed = array && m_frames.back().key == m_streamKey;
            frame.role = streamed ? Role::Elements : Role::Skipped;
            m_shape.streamedList = m_shape.streamedList || streamed;
        } else if (!m_frames.empty() && m_frames.back().role == Role::Skipped) {
            frame.role = Role::Skipped;
        } else if (m_frames.empty()) {
            m_root = array ? json::array() : json::object();
            frame.value = &m_root;
        } else if (!m_frames.back().value) {
            // Built on its own, handed over when it closes.
            frame.detached = std::make_unique<json>(array ? json::array() : json::object());
            frame.value = frame.detached.get();
        } else {
            Frame &top = m_frames.back();
            json empty = array ? json::array() : json::object();
            if (top.array) {
                top.value->push_back(std::move(empty)); // counted when it closes
                frame.value = &top.value->back();
            } else {
                frame.value = &((*top.value)[top.key] = std::move(empty));
            }
        }
        m_frames.push_back(std::move(frame));
        return true;
    }

    bool close()
    {
        Frame done = std::move(m_frames.back());
        m_frames.pop_back();
        if (done.detached)
            return deliver(m_frames.back(), std::move(*done.detached));
        if (done.role == Role::Skipped && !m_frames.empty()) {
            // A member of the streamed object is handed over empty, so that
            // its reader can tell its kind; inside dropped values, counted.
            Frame &parent = m_frames.back();
            if (parent.role == Role::Members)
                return deliver(parent, done.array ? json::array() : json::object());
            if (parent.array)
                ++parent.index;
            return true;
        }
        if (!m_frames.empty() && m_frames.back().value && m_frames.back().array)
            ++m_frames.back().index;
        return true;
    }

    Limits m_limits;
    std::string m_streamKey;
    json m_root;
    std::vector<Frame> m_frames;
    QString m_error;
    bool m_syntax = false;
    size_t m_errorPosition = 0;
    QString m_errorPath;
    QString m_reason;
    std::optional<Error> m_callbackError;
    StreamShape m_shape;
};

} // namespace

Result<json> parse(const QByteArray &text, const QString &origin, const Limits &limits)
{
    Builder builder(limits);
    const bool ok = json::sax_parse(text.constData(), text.constData() + text.size(), &builder);
    if (!ok || builder.failed())
        return builder.error(origin, [&](size_t at) { return describePosition(text, at); });
    return std::move(builder.root());
}

Status streamExchange(std::FILE *file, const QString &origin, const Limits &limits,
                      const std::function<Status(const std::string &, const json &)> &onTop,
                      const std::function<Status(qint64, json &&)> &onClient, StreamShape *shape)
{
    Builder builder(limits, "clients");
    builder.onTop = onTop;
    builder.onElement = onClient;
    const bool ok = json::sax_parse(file, &builder);
    if (shape)
        *shape = builder.shape();
    if (!ok || builder.failed()) {
        // A read error looks like the end of the file to the parser.
        if (std::ferror(file))
            return Error{Error::Code::Io,
                         QObject::tr("Cannot read %1: %2").arg(origin, qt_error_string(errno))};
        return builder.error(origin, [&](size_t at) { return lineAndColumn(file, at); });
    }
    return {};
}

Status streamExchange(const QByteArray &text, const QString &origin, const Limits &limits,
                      const std::function<Status(const std::string &, const json &)> &onTop,
                      const std::function<Status(qint64, json &&)> &onClient, StreamShape *shape)
{
    Builder builder(limits, "clients");
    builder.onTop = onTop;
    builder.onElement = onClient;
    const bool ok = json::sax_parse(text.constData(), text.constData() + text.size(), &builder);
    if (shape)
        *shape = builder.shape();
    if (!ok || builder.failed())
        return builder.error(origin, [&](size_t at) { return describePosition(text, at); });
    return {};
}

QString quoted(const QString &text, int maxChars, char quote)
{
    QString out;
    out.reserve(std::min<qsizetype>(text.size(), maxChars) + 4);
    out += QLatin1Char(quote);
    int shown = 0;
    for (qsizetype i = 0; i < text.size(); ++i) {
        if (shown >= maxChars) {
            out += QChar(0x2026); // …
            break;
        }
        const QChar c = text.at(i);
        const char16_t u = c.unicode();
        if (u < 0x20 || u == 0x7f || (u >= 0x80 && u < 0xa0) || u == 0x2028 || u == 0x2029 ||
            u == 0x202e || u == 0x200e || u == 0x200f) {
            out += QStringLiteral("\\u%1").arg(u, 4, 16, QLatin1Char('0'));
        } else if (u == char16_t(quote) || u == '\\') {
            out += QLatin1Char('\\');
            out += c;
        } else {
            out += c;
        }
        ++shown;
    }
    out += QLatin1Char(quote);
    return out;
}

QString shown(const QString &text, int maxChars)
{
    return quoted(text, maxChars, '"').mid(1).chopped(1);
}

QString shown(const std::string &utf8, int maxChars)
{
    return quoted(utf8, maxChars, '"').mid(1).chopped(1);
}

QString quoted(const std::string &utf8, int maxChars, char quote)
{
    // Only what can be shown is converted: a 50 MB name costs no more than a short one.
    const size_t bytes = std::min(utf8.size(), size_t(maxChars) * 4 + 4);
    QString text = QString::fromUtf8(utf8.data(), qsizetype(bytes));
    if (bytes < utf8.size())
        text += QStringLiteral("\u2026\u2026"); // longer than shown, whatever maxChars cuts
    return quoted(text, maxChars, quote);
}

std::optional<qint64> integer(const json &value, qint64 lo, qint64 hi)
{
    if (value.is_number_unsigned()) {
        const auto v = value.get<json::number_unsigned_t>();
        if (v > json::number_unsigned_t(std::numeric_limits<qint64>::max()))
            return std::nullopt;
        const qint64 s = qint64(v);
        return s < lo || s > hi ? std::nullopt : std::optional<qint64>(s);
    }
    if (value.is_number_integer()) {
        const qint64 v = value.get<json::number_integer_t>();
        return v < lo || v > hi ? std::nullopt : std::optional<qint64>(v);
    }
    return std::nullopt;
}

} // namespace pathway::jsoninput
