#include "TestSupport.h"

#include "pathway/core/PrivateFiles.h"

#include <QFileInfo>
#include <QSaveFile>
#include <QTemporaryDir>

#include <catch2/catch.hpp>

using namespace pathway;

TEST_CASE("Folders made for personal data are the owner's only")
{
    QTemporaryDir dir;
    const QString deep = dir.filePath(QStringLiteral("a/b/c"));
    REQUIRE(privatefiles::makeDirectory(deep));
    for (const QString &p :
         {dir.filePath(QStringLiteral("a")), dir.filePath(QStringLiteral("a/b")), deep})
        CHECK((QFileInfo(p).permissions() & (QFileDevice::ReadGroup | QFileDevice::ReadOther |
                                             QFileDevice::ExeGroup | QFileDevice::ExeOther)) ==
              QFileDevice::Permissions());
    QSaveFile file(dir.filePath(QStringLiteral("a/b/x.csv")));
    REQUIRE(privatefiles::open(file));
    file.write("x");
    REQUIRE(file.commit());
    CHECK(QFileInfo(file.fileName()).permissions() ==
          (QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ReadUser |
           QFileDevice::WriteUser));
    QFile blocker(dir.filePath(QStringLiteral("file")));
    REQUIRE(blocker.open(QIODevice::WriteOnly));
    blocker.close();
    const Status refused = privatefiles::makeDirectory(dir.filePath(QStringLiteral("file/sub")));
    REQUIRE_FALSE(refused);
    CHECK(refused.error().message.contains(QStringLiteral("is a file")));
    QSaveFile missingFolder(dir.filePath(QStringLiteral("typo/x.csv")));
    const Status notMade = privatefiles::open(missingFolder);
    REQUIRE_FALSE(notMade);
    CHECK(notMade.error().message.contains(missingFolder.fileName()));
    CHECK_FALSE(QFileInfo::exists(dir.filePath(QStringLiteral("typo"))));
}
