#include "pathway/core/PrivateFiles.h"

#include <QDir>
#include <QFileInfo>
#include <QObject>
#include <QSaveFile>

#include <cerrno>
#include <cstring>

#include <sys/stat.h>

namespace pathway::privatefiles {

Status makeDirectory(const QString &path)
{
    const QString absolute = QFileInfo(path).absoluteFilePath();
    // The missing folders, from the deepest existing one down.
    QStringList missing;
    QString at = QDir::cleanPath(absolute);
    while (!at.isEmpty() && !QFileInfo(at).exists()) {
        missing.prepend(at);
        const QString parent = QFileInfo(at).absolutePath();
        if (parent == at)
            break;
        at = parent;
    }
    if (QFileInfo(at).exists() && !QFileInfo(at).isDir())
        return Error{Error::Code::Io,
                     QObject::tr("Cannot create the folder %1: %2 is a file").arg(path, at)};
    for (const QString &dir : std::as_const(missing)) {
        if (::mkdir(QFile::encodeName(dir).constData(), 0700) != 0 && errno != EEXIST)
            return Error{Error::Code::Io,
                         QObject::tr("Cannot create the folder %1: %2")
                             .arg(dir, QString::fromLocal8Bit(std::strerror(errno)))};
    }
    return {};
}

Status open(QSaveFile &file)
{
    const QString path = file.fileName();
    if (!file.open(QIODevice::WriteOnly))
        return Error{Error::Code::Io,
                     QObject::tr("Cannot write %1: %2").arg(path, file.errorString())};
    if (!file.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner)) {
        file.cancelWriting();
        return Error{Error::Code::Io,
                     QObject::tr("Cannot make %1 readable by its owner only (mode 0600); nothing "
                                 "was written")
                         .arg(path)};
    }
    return {};
}

} // namespace pathway::privatefiles
