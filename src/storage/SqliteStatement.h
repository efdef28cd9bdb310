#pragma once

#include <QByteArray>
#include <QString>

#include <string_view>

struct sqlite3;
struct sqlite3_stmt;

namespace pathway {

// A statement prepared straight on the SQLite handle under Qt's connection,
// for the hot paths that write or read hundreds of thousands of rows (demo
// caseloads, replanning, imports, the dashboard, the caseload export).
// Qt 6.4's QSqlQuery::bindValue builds a placeholder name with QString::arg
// for every value, and QSqlQuery makes a QVariant of every value read; both
// cost more than SQLite itself. This binds and reads in place. Uses the same
// connection and so the same transaction.
class SqliteStatement
{
public:
    SqliteStatement(sqlite3 *db, const char *sql);
    // For SQL put together at run time (prepared for one use).
    SqliteStatement(sqlite3 *db, const QString &sql);
    ~SqliteStatement();
    SqliteStatement(const SqliteStatement &) = delete;
    SqliteStatement &operator=(const SqliteStatement &) = delete;

    bool isValid() const { return m_stmt != nullptr; }

    // Parameters are 1-based, as in SQLite. Text is copied by SQLite.
    void bind(int index, qint64 value);
    void bind(int index, int value) { bind(index, qint64(value)); }
    void bind(int index, const QString &text);
    // Binds `bytes` as a BLOB (a null QByteArray as an empty one).
    void bindBlob(int index, const QByteArray &bytes);
    void bindNull(int index);

    // Runs the statement to completion and resets it; false on error
    // (see errorText()). For INSERT, UPDATE, DELETE.
    bool run();
    // Steps a SELECT; true while there is a row. Call reset() when done.
    bool next();
    void reset();
    qint64 columnInt(int index) const;
    // Text as UTF-8 from SQLite; a NULL reads as a null QString.
    QString columnText(int index) const;
    bool columnIsNull(int index) const;
    // The UTF-8 bytes of a text column, valid until the next step or reset.
    std::string_view columnView(int index) const;
    // The bytes of a BLOB column, valid until the next step or reset.
    std::string_view columnBlob(int index) const;

    qint64 lastInsertId() const;
    QString errorText() const;
    int errorCode() const;

private:
    sqlite3 *m_db;
    sqlite3_stmt *m_stmt = nullptr;
    int m_lastCode = 0;
};

} // namespace pathway
