#pragma once

#include "pathway/core/Result.h"
#include "pathway/core/User.h"

#include <QVector>

#include <optional>

namespace pathway {

class Database;

// SQL for users lives here and nowhere else.
class UserRepository
{
public:
    explicit UserRepository(Database &db) : m_db(db) {}

    // The id of `username`, creating the user with `displayName` and `role`
    // when absent. Runs in the caller's transaction when there is one.
    Result<qint64> ensure(const QString &username, const QString &displayName, Role role);
    Result<std::optional<User>> find(const QString &username);
    Result<QVector<User>> list();

private:
    Database &m_db;
};

} // namespace pathway
