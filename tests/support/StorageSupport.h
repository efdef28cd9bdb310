#pragma once

#include "pathway/storage/Database.h"

namespace pathway::test {

// Opens a test database acting as the system, for tests of everything but
// access itself (which set the actor they test).
inline Result<std::unique_ptr<Database>> openAsSystem(const QString &path,
                                                      const Database::Options &options = {})
{
    auto db = Database::open(path, options);
    if (db)
        db.value()->setActor(Actor::system());
    return db;
}

} // namespace pathway::test
