#pragma once

#include <QHash>
#include <QString>

namespace pathway {

class Database;

// The names people see for user names ("agarcia" -> "Ana García", through
// userLabel), read once per user name and kept. An unknown or unreadable
// user is shown by their user name.
class UserNames
{
public:
    explicit UserNames(Database &db) : m_db(db) {}

    QString label(const QString &username);

private:
    Database &m_db;
    QHash<QString, QString> m_labels;
};

} // namespace pathway
