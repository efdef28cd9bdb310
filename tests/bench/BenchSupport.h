#pragma once

// Small helpers shared by the benchmark programs.

#include <QByteArray>
#include <QFile>

namespace pathway::bench {

// Peak resident memory of this process in KB (VmHWM), or -1 where
// /proc/self/status cannot be read.
inline long peakRssKb()
{
    QFile status(QStringLiteral("/proc/self/status"));
    if (!status.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray &line : status.readAll().split('\n')) {
        if (line.startsWith("VmHWM:"))
            return line.mid(6).trimmed().split(' ').first().toLong();
    }
    return -1;
}

} // namespace pathway::bench
