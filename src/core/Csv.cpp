#include "pathway/core/Csv.h"

#include <QObject>

namespace pathway::csv {

QString neutralised(const QString &field)
{
    if (field.isEmpty())
        return field;
    const QChar first = field.front();
    const bool formula = first == QLatin1Char('=') || first == QLatin1Char('+') ||
                         first == QLatin1Char('-') || first == QLatin1Char('@') ||
                         first == QLatin1Char('\t') || first == QLatin1Char('\r');
    return formula ? QLatin1Char('\'') + field : field;
}

QByteArray record(const QStringList &fields)
{
    QByteArray out;
    for (int i = 0; i < fields.size(); ++i) {
        if (i > 0)
            out += ',';
        const QByteArray field = neutralised(fields[i]).toUtf8();
        const bool quote = field.contains(',') || field.contains('"') || field.contains('\r') ||
                           field.contains('\n');
        if (!quote) {
            out += field;
            continue;
        }
        out += '"';
        for (char c : field) {
            if (c == '"')
                out += '"';
            out += c;
        }
        out += '"';
    }
    out += "\r\n";
    return out;
}

Result<QVector<QStringList>> parse(const QByteArray &text, const QString &origin)
{
    QVector<QStringList> records;
    QStringList current;
    QByteArray field;
    bool quoted = false;    // inside a quoted field
    bool wasQuoted = false; // the current field was quoted and has closed
    bool fieldStarted = false;
    int line = 1;
    int column = 0;
    int quoteLine = 0;
    int quoteColumn = 0;
    auto fail = [&](const QString &what) {
        return Error{
            Error::Code::Invalid,
            QObject::tr("%1: line %2, column %3: %4").arg(origin).arg(line).arg(column).arg(what)};
    };
    auto endField = [&] {
        current << QString::fromUtf8(field);
        field.clear();
        wasQuoted = false;
        fieldStarted = false;
    };
    for (qsizetype i = 0; i < text.size(); ++i) {
        const char c = text[i];
        ++column;
        if (quoted) {
            if (c == '"') {
                if (i + 1 < text.size() && text[i + 1] == '"') {
                    field += '"';
                    ++i;
                    ++column;
                } else {
                    quoted = false;
                    wasQuoted = true;
                }
            } else {
                field += c;
                if (c == '\n') {
                    ++line;
                    column = 0;
                }
            }
            continue;
        }
        if (c == ',') {
            endField();
        } else if (c == '\r' || c == '\n') {
            if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n')
                ++i;
            endField();
            records << current;
            current.clear();
            ++line;
            column = 0;
        } else if (c == '"') {
            if (fieldStarted || wasQuoted)
                return fail(QObject::tr("a quote inside a field that does not start with one"));
            quoted = true;
            fieldStarted = true;
            quoteLine = line;
            quoteColumn = column;
        } else {
            if (wasQuoted)
                return fail(QObject::tr("text after the closing quote of a field"));
            field += c;
            fieldStarted = true;
        }
    }
    if (quoted) {
        line = quoteLine;
        column = quoteColumn;
        return fail(QObject::tr("this quote is never closed"));
    }
    if (fieldStarted || wasQuoted || !current.isEmpty()) {
        endField();
        records << current;
    }
    return records;
}

} // namespace pathway::csv
