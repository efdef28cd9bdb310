#include "pathway/core/ExchangeFile.h"

#include "pathway/core/JsonInput.h"
#include "pathway/core/ProfileJson.h"

#include <QIODevice>
#include <QObject>

#include <nlohmann/json.hpp>

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

// Parses every element; all or nothing.
Result<QVector<Client>> parseClients(const json &array, const QString &origin, const QString &noun)
{
    QVector<Client> clients;
    clients.reserve(int(array.size()));
    QStringList problems;
    int badClients = 0;
    bool truncated = false;
    for (size_t i = 0; i < array.size(); ++i) {
        ParsedClient parsed = clientFromJson(array[i]);
        if (parsed.ok()) {
            clients.append(std::move(parsed.client));
            continue;
        }
        ++badClients;
        if (problems.size() >= kMaxListedProblems) {
            truncated = true;
        } else {
            const QString label = noun.isEmpty() ? clientLabel(array[i], int(i)) : noun;
            for (const FieldError &e : parsed.errors) {
                problems
                    << (e.field.isEmpty()
                            ? QStringLiteral("%1: %2").arg(label, e.message)
                            : QStringLiteral("%1, field %2: %3").arg(label, e.field, e.message));
            }
        }
    }
    if (badClients == 0)
        return clients;
    QString message =
        badClients == 1
            ? QObject::tr("%1: 1 client is not valid; nothing was imported.").arg(origin)
            : QObject::tr("%1: %2 clients are not valid; nothing was imported.")
                  .arg(origin)
                  .arg(badClients);
    message += QLatin1Char('\n') + problems.join(QLatin1Char('\n'));
    if (truncated)
        message += QLatin1Char('\n') + QObject::tr("(only the first problems are listed)");
    return Error{Error::Code::Invalid, message};
}

} // namespace

Result<QVector<Client>> read(const QByteArray &text, const QString &origin)
{
    auto doc = parseJson(text, origin);
    if (!doc)
        return doc.error();
    const json &root = doc.value();
    auto invalid = [&origin](const QString &what) {
        return Error{Error::Code::Invalid, QStringLiteral("%1: %2").arg(origin, what)};
    };
    if (!root.is_object())
        return invalid(
            QObject::tr("the top level must be an object {\"format\": \"pathway\", ...}"));
    const auto format = root.find("format");
    if (format == root.end() || *format != "pathway")
        return invalid(
            QObject::tr("\"format\" must be \"pathway\"; this is not a Pathway exchange file"));
    const auto version = root.find("version");
    if (version == root.end() || !version->is_number_integer())
        return invalid(QObject::tr("\"version\" must be a whole number"));
    if (!jsoninput::integer(*version, 1, kFormatVersion))
        return invalid(QObject::tr("version %1 is not supported (this program reads version %2)")
                           .arg(QString::fromStdString(version->dump()))
                           .arg(kFormatVersion));
    const auto clients = root.find("clients");
    if (clients == root.end() || !clients->is_array())
        return invalid(QObject::tr("\"clients\" must be a list"));
    for (auto it = root.begin(); it != root.end(); ++it) {
        if (it.key() != "format" && it.key() != "version" && it.key() != "clients")
            return invalid(
                QObject::tr("unknown top-level key %1").arg(jsoninput::quoted(it.key())));
    }
    return parseClients(*clients, origin, QString());
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
