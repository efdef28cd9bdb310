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

    // Adds the user `username` (no password: cannot sign in until one is
    // set) and records the account's creation in the audit trail, as the
    // database's actor, with the role and `why` as the detail. Runs in the
    // caller's transaction when there is one. Every account is created
    // through here or accounts::createFirstAdmin, so none goes unaudited.
    Result<qint64> add(const QString &username, const QString &displayName, Role role,
                       const QString &why = {});
    // The id of `username`, adding the user with `displayName` and `role`
    // (add(), audited with `why`) when absent.
    Result<qint64> ensure(const QString &username, const QString &displayName, Role role,
                          const QString &why = {});
    Result<std::optional<User>> find(const QString &username);
    Result<QVector<User>> list();

private:
    Database &m_db;
};

} // namespace pathway
