#pragma once

#include "pathway/core/Result.h"

#include <QByteArray>
#include <QString>
#include <QStringList>
#include <QVector>

namespace pathway::csv {

// RFC 4180 CSV: fields separated by commas, records by CRLF; a field that
// holds a comma, a double quote, CR or LF is quoted, with quotes doubled.
// Text is UTF-8.

// One record, CRLF-terminated. Every field goes through neutralised().
QByteArray record(const QStringList &fields);

// A field a spreadsheet would run as a formula (it starts with =, +, -, @,
// a tab or a carriage return, as "=HYPERLINK(...)" does) with a ' put in
// front, as the usual CSV-injection guidance says: spreadsheets then show
// it as text. Other fields are returned as they are.
QString neutralised(const QString &field);

// Parses a whole document. Quoted fields may span lines. On a malformed
// document (a quote inside an unquoted field, text after a closing quote, an
// unterminated quote) the error names the line and column; `origin` starts it.
Result<QVector<QStringList>> parse(const QByteArray &text, const QString &origin);

} // namespace pathway::csv
