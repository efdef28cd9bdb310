#pragma once

#include "pathway/storage/Database.h"

namespace pathway::test {

// Options that create the file when it is missing, as init does: tests start
// from a fresh file.
inline Database::Options creating()
{
    Database::Options options;
    options.createIfMissing = true;
    return options;
}

// Opens (creating when missing) a test database acting as the system, for
// tests of everything but access itself (which set the actor they test).
inline Result<std::unique_ptr<Database>> openAsSystem(const QString &path,
                                                      const Database::Options &options = creating())
{
    auto db = Database::open(path, options);
    if (db)
        db.value()->setActor(Actor::system());
    return db;
}

} // namespace pathway::test
