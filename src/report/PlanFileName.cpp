#include "pathway/report/PlanFileName.h"

namespace pathway {

QString safeFileNamePart(const QString &text, int maxBytes)
{
    // Composed form, so "ë" is one letter whether it came typed or decomposed.
    const QString normal = text.normalized(QString::NormalizationForm_C);
    QString out;
    out.reserve(normal.size());
    for (auto it = normal.cbegin(); it != normal.cend(); ++it) {
        char32_t c = it->unicode();
        QString piece(*it);
        if (it->isHighSurrogate() && it + 1 != normal.cend() && (it + 1)->isLowSurrogate()) {
            c = QChar::surrogateToUcs4(*it, *(it + 1));
            piece.append(*++it);
        }
        const QChar::Category cat = QChar::category(c);
        const bool letter = QChar::isLetterOrNumber(c) || cat == QChar::Mark_NonSpacing ||
                            cat == QChar::Mark_SpacingCombining;
        const bool keep = letter || c == U'-' || c == U'.';
        if (!keep || (c == U'-' && out.endsWith(QLatin1Char('-'))))
            piece = out.endsWith(QLatin1Char('-')) ? QString() : QStringLiteral("-");
        if (out.toUtf8().size() + piece.toUtf8().size() > maxBytes)
            break;
        out += piece;
    }
    // No hidden files, no trailing dots (Windows), no dangling dashes.
    while (!out.isEmpty() && (out.front() == QLatin1Char('.') || out.front() == QLatin1Char('-')))
        out.remove(0, 1);
    while (!out.isEmpty() && (out.back() == QLatin1Char('.') || out.back() == QLatin1Char('-')))
        out.chop(1);
    return out.isEmpty() ? QStringLiteral("client") : out;
}

QString planPdfFileName(const Client &client)
{
    return QStringLiteral("%1_%2_%3.pdf")
        .arg(safeFileNamePart(client.lastName), safeFileNamePart(client.firstName))
        .arg(client.id);
}

} // namespace pathway
