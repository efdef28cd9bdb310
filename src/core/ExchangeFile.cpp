#include "pathway/core/ExchangeFile.h"

#include "pathway/core/JsonInput.h"
#include "pathway/core/ProfileJson.h"

#include <QIODevice>
#include <QObject>

#include <nlohmann/json.hpp>

#include <optional>
#include <string>

namespace pathway::exchange {

using nlohmann::json;

namespace {

constexpr int kMaxListedProblems = 20;

Result<json> parseJson(const QByteArray &text, const QString &origin)
{
    return jsoninput::parse(text, origin);
}

QString clientLabel(const json &object, int index)
{
    QString name;
    if (object.is_object()) {
        const auto first = object.find("first_name");
        const auto last = object.find("last_name");
        if (first != object.end() && first->is_string())
            name = QString::fromStdString(first->get<std::string>().substr(0, 400));
        if (last != object.end() && last->is_string())
            name +=
                QLatin1Char(' ') + QString::fromStdString(last->get<std::string>().substr(0, 400));
    }
    name = name.trimmed();
    return name.isEmpty()
               ? QObject::tr("client %1").arg(index)
               : QObject::tr("client %1 (%2)").arg(index).arg(jsoninput::shown(name, 40));
}

// The bad clients of a file: every one counted, the problems of the first
// ones listed (kMaxListedProblems), as the message that refuses the file.
class Problems
{
public:
    explicit Problems(QString noun) : m_noun(std::move(noun)) {}

    bool any() const { return m_badClients > 0; }

    void add(const json &object, qint64 index, const QVector<FieldError> &errors)
    {
        ++m_badClients;
        if (m_problems.size() >= kMaxListedProblems) {
            m_truncated = true;
            return;
        }
        const QString label = m_noun.isEmpty() ? clientLabel(object, int(index)) : m_noun;
        for (const FieldError &e : errors) {
            m_problems << (e.field.isEmpty()
                               ? QStringLiteral("%1: %2").arg(label, e.message)
                               : QStringLiteral("%1, field %2: %3").arg(label, e.field, e.message));
        }
    }

    Error error(const QString &origin) const
    {
        QString message =
            m_badClients == 1
                ? QObject::tr("%1: 1 client is not valid; nothing was imported.").arg(origin)
                : QObject::tr("%1: %2 clients are not valid; nothing was imported.")
                      .arg(origin)
                      .arg(m_badClients);
        message += QLatin1Char('\n') + m_problems.join(QLatin1Char('\n'));
        if (m_truncated)
            message += QLatin1Char('\n') + QObject::tr("(only the first problems are listed)");
        return Error{Error::Code::Invalid, message};
    }

private:
    QString m_noun;
    QStringList m_problems;
    qint64 m_badClients = 0;
    bool m_truncated = false;
};

// Parses every element; all or nothing.
Result<QVector<Client>> parseClients(const json &array, const QString &origin, const QString &noun)
{
    QVector<Client> clients;
    clients.reserve(int(array.size()));
    Problems problems(noun);
    for (size_t i = 0; i < array.size(); ++i) {
        ParsedClient parsed = clientFromJson(array[i]);
        if (parsed.ok())
            clients.append(std::move(parsed.client));
        else
            problems.add(array[i], qint64(i), parsed.errors);
    }
    if (problems.any())
        return problems.error(origin);
    return clients;
}

// The checks of an exchange file read as a stream. The envelope (format,
// version, the list, no other key) is checked when the file has been read,
// in the order a whole document would be (its members may come in any
// order); clients are checked as they come. Once a problem is known, no
// client is handed on and none is parsed further than JSON, but the file
// is read to its end, so that the message is the one the whole file gives:
// malformed JSON first, then the envelope, then every bad client.
class StreamReader
{
public:
    StreamReader(const QString &origin, const ClientSink &sink)
        : m_origin(origin), m_sink(sink), m_problems(QString())
    {}

    Status top(const std::string &key, const json &value)
    {
        if (key == "format") {
            m_formatOk = value == "pathway";
        } else if (key == "version") {
            m_version = value;
        } else if (key == "clients") {
            m_clientsNotList = true; // the list itself is streamed, never handed here
        } else if (!m_unknownKey || key < *m_unknownKey) {
            m_unknownKey = key; // the first by name, as a whole document lists its keys
        }
        return {};
    }

    Status element(qint64 index, json &&object)
    {
        if (envelopeRefused())
            return {};
        ParsedClient parsed = clientFromJson(object);
        if (!parsed.ok()) {
            m_problems.add(object, index, parsed.errors);
            return {};
        }
        if (m_problems.any())
            return {};
        return m_sink(index, std::move(parsed.client));
    }

    Status finish(const Status &streamed, const jsoninput::StreamShape &shape) const
    {
        if (!streamed)
            return streamed;
        const auto invalid = [this](const QString &what) {
            return Error{Error::Code::Invalid, QStringLiteral("%1: %2").arg(m_origin, what)};
        };
        if (!shape.topLevelObject)
            return invalid(
                QObject::tr("the top level must be an object {\"format\": \"pathway\", ...}"));
        if (!m_formatOk.value_or(false))
            return invalid(
                QObject::tr("\"format\" must be \"pathway\"; this is not a Pathway exchange file"));
        if (!m_version || !m_version->is_number_integer())
            return invalid(QObject::tr("\"version\" must be a whole number"));
        if (!jsoninput::integer(*m_version, 1, kFormatVersion))
            return invalid(
                QObject::tr("version %1 is not supported (this program reads version %2)")
                    .arg(QString::fromStdString(m_version->dump()))
                    .arg(kFormatVersion));
        if (m_clientsNotList || !shape.streamedList)
            return invalid(QObject::tr("\"clients\" must be a list"));
        if (m_unknownKey)
            return invalid(
                QObject::tr("unknown top-level key %1").arg(jsoninput::quoted(*m_unknownKey)));
        if (m_problems.any())
            return m_problems.error(m_origin);
        return {};
    }

private:
    // True when the envelope will refuse the file whatever else it holds.
    bool envelopeRefused() const
    {
        return formatSeenBad() || m_clientsNotList || m_unknownKey.has_value() ||
               (m_version && !jsoninput::integer(*m_version, 1, kFormatVersion));
    }
    bool formatSeenBad() const { return m_formatOk.has_value() && !*m_formatOk; }

    QString m_origin;
    const ClientSink &m_sink;
    std::optional<bool> m_formatOk;
    std::optional<json> m_version;
    bool m_clientsNotList = false;
    std::optional<std::string> m_unknownKey;
    Problems m_problems;
};

template <typename Source>
Status readEachFrom(Source &source, const QString &origin, const ClientSink &onClient)
{
    StreamReader reader(origin, onClient);
    jsoninput::StreamShape shape;
    const Status streamed = jsoninput::streamExchange(
        source, origin, {},
        [&](const std::string &key, const json &value) { return reader.top(key, value); },
        [&](qint64 index, json &&object) { return reader.element(index, std::move(object)); },
        &shape);
    return reader.finish(streamed, shape);
}

} // namespace

Status readEach(std::FILE *file, const QString &origin, const ClientSink &onClient)
{
    return readEachFrom(file, origin, onClient);
}

Status readEach(const QByteArray &text, const QString &origin, const ClientSink &onClient)
{
    return readEachFrom(text, origin, onClient);
}

Result<QVector<Client>> read(const QByteArray &text, const QString &origin)
{
    QVector<Client> clients;
    const Status read = readEach(text, origin, [&clients](qint64, Client &&client) {
        clients.append(std::move(client));
        return Status();
    });
    if (!read)
        return read.error();
    return clients;
}

Result<QVector<Client>> readProfiles(const QByteArray &text, const QString &origin)
{
    auto doc = parseJson(text, origin);
    if (!doc)
        return doc.error();
    const json &root = doc.value();
    if (root.is_array())
        return parseClients(root, origin, QString());
    if (root.is_object())
        return parseClients(json::array({root}), origin, QObject::tr("profile"));
    return Error{Error::Code::Invalid,
                 QObject::tr("%1: expected a profile object or a list of them").arg(origin)};
}

bool Writer::begin()
{
    m_first = true;
    const QByteArray head = QByteArrayLiteral("{\"format\":\"pathway\",\"version\":") +
                            QByteArray::number(kFormatVersion) +
                            QByteArrayLiteral(",\"clients\":[");
    return m_out.write(head) == head.size();
}

bool Writer::add(const Client &client)
{
    std::string line = m_first ? "\n" : ",\n";
    m_first = false;
    line += clientToJson(client).dump(-1, ' ', false, json::error_handler_t::replace);
    return m_out.write(line.data(), qint64(line.size())) == qint64(line.size());
}

bool Writer::end()
{
    const QByteArray tail = QByteArrayLiteral("\n]}\n");
    return m_out.write(tail) == tail.size();
}

} // namespace pathway::exchange
