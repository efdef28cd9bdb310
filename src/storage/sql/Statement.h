#pragma once

#include <QByteArray>
#include <QString>
#include <QStringView>

#include <string_view>

namespace pathway::sql {

// The kinds of failure callers act on differently, the same on every engine.
enum class Failure
{
    None,
    Busy,           // locked by another writer, a serialization failure or a deadlock: try again
    ConnectionLost, // the server went away or cannot be reached: nothing was saved
    Constraint,     // a unique, foreign key or check constraint refused the row
    Damaged,        // the file is not a database, or is corrupt
    Denied,         // permission denied (file mode, server privileges, row-level security)
    Other,
};

// One SQL statement prepared on a connection, engine by engine (the SQLite
// C API or libpq): the one interface every repository writes SQL through.
// SQL uses `?` placeholders; parameters are 1-based, columns 0-based.
// Statements are reused: bind, step to the end (or reset), bind again.
//
// Not thread-safe; a statement belongs to the connection's thread.
class Statement
{
public:
    virtual ~Statement() = default;

    virtual void bindInt(int index, qint64 value) = 0;
    virtual void bindBool(int index, bool value) = 0;
    // Text is copied; a null QString binds as '' (text columns are NOT NULL).
    virtual void bindText(int index, QStringView text) = 0;
    virtual void bindUtf8(int index, std::string_view utf8) = 0;
    virtual void bindBlob(int index, const QByteArray &bytes) = 0;
    virtual void bindNull(int index) = 0;

    // Runs the statement (on the first call after binding) and moves to the
    // next row: true while there is one; false at the end or on failure
    // (failure() says which).
    virtual bool step() = 0;
    // Ends the current run, keeping the bindings' slots for the next one; a
    // statement not stepped to its end must be reset before the connection
    // runs anything else (Query does it when it goes out of scope).
    virtual void reset() = 0;

    virtual Failure failure() const = 0;
    virtual QString errorText() const = 0;
    // Rows changed by the last INSERT, UPDATE or DELETE run.
    virtual qint64 changes() const = 0;

    // The current row (valid after step() returned true).
    virtual int columnCount() const = 0;
    virtual bool isNull(int column) const = 0;
    virtual qint64 int64(int column) const = 0;
    virtual bool boolean(int column) const = 0;
    // A text value's UTF-8 bytes, valid until the next step or reset.
    virtual std::string_view view(int column) const = 0;
    virtual QByteArray blob(int column) const = 0;
};

} // namespace pathway::sql
