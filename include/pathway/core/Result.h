#pragma once

#include <QString>

#include <optional>
#include <utility>

namespace pathway {

// What went wrong, for a person: `message` names the file, field or record.
struct Error
{
    enum class Code
    {
        Invalid,   // the input breaks a rule (validation, malformed file)
        NotFound,  // a record or file that should be there is not
        Io,        // reading or writing a file failed
        Database,  // the database refused or failed
        Conflict,  // newer schema, locked file, duplicate
        Forbidden,   // not signed in, or the signed-in user may not do this
        Unavailable, // the database server cannot be reached or went away; nothing was saved
    };
    Code code = Code::Invalid;
    QString message;
    // For a refusal that ends by itself (sign-in back-off): the seconds to
    // wait before trying again; 0 otherwise.
    int retryAfterSeconds = 0;
};

// A value or an Error. No exception crosses a layer; fallible calls return this.
template <typename T> class Result
{
public:
    Result(T value) : m_value(std::move(value)) {}
    Result(Error error) : m_error(std::move(error)) {}

    static Result failure(Error::Code code, QString message)
    {
        return Error{code, std::move(message)};
    }

    bool ok() const { return m_value.has_value(); }
    explicit operator bool() const { return ok(); }
    const T &value() const & { return *m_value; }
    T &value() & { return *m_value; }
    T &&value() && { return std::move(*m_value); }
    const T *operator->() const { return &*m_value; }
    const T &operator*() const { return *m_value; }
    const Error &error() const { return m_error; }

private:
    std::optional<T> m_value;
    Error m_error;
};

// For calls that return nothing on success.
template <> class Result<void>
{
public:
    Result() = default;
    Result(Error error) : m_failed(true), m_error(std::move(error)) {}

    static Result failure(Error::Code code, QString message)
    {
        return Error{code, std::move(message)};
    }

    bool ok() const { return !m_failed; }
    explicit operator bool() const { return ok(); }
    const Error &error() const { return m_error; }

private:
    bool m_failed = false;
    Error m_error;
};

using Status = Result<void>;

} // namespace pathway
