#include "pathway/core/PasswordHash.h"

#include <QObject>
#include <QRandomGenerator>
#include <QStringList>

#include <openssl/evp.h>

#include <array>
#include <atomic>

namespace pathway::passwordHash {

namespace {

constexpr int kDigest = 32;

std::atomic<qint64> computed{0};

bool constantTimeEqual(const QByteArray &a, const QByteArray &b)
{
    if (a.size() != b.size())
        return false;
    unsigned char diff = 0;
    for (qsizetype i = 0; i < a.size(); ++i)
        diff |= static_cast<unsigned char>(a[i] ^ b[i]);
    return diff == 0;
}

} // namespace

QByteArray pbkdf2Sha256(const QByteArray &password, const QByteArray &salt, int iterations,
                        int length)
{
    // OpenSSL's PBKDF2 (with the CPU's SHA instructions where it has them):
    // 600,000 iterations take about 0.3 s where Qt's portable SHA-256, which
    // cannot copy a hash state, took 1.7 s (docs/performance.md). An
    // attacker's cost per guess is the same either way.
    QByteArray out(length, Qt::Uninitialized);
    computed += iterations;
    const int done = PKCS5_PBKDF2_HMAC(password.constData(), int(password.size()),
                                       reinterpret_cast<const unsigned char *>(salt.constData()),
                                       int(salt.size()), iterations, EVP_sha256(), length,
                                       reinterpret_cast<unsigned char *>(out.data()));
    if (done != 1)
        return {}; // never equal to a stored hash, which is kDigest bytes
    return out;
}

QString create(const QString &password, int iterations)
{
    std::array<quint32, 4> words;
    QRandomGenerator::system()->fillRange(words.data(), words.size());
    const QByteArray salt(reinterpret_cast<const char *>(words.data()), sizeof(words));
    const QByteArray hash = pbkdf2Sha256(password.toUtf8(), salt, iterations, kDigest);
    return QStringLiteral("pbkdf2-sha256$%1$%2$%3")
        .arg(iterations)
        .arg(QString::fromLatin1(salt.toBase64()), QString::fromLatin1(hash.toBase64()));
}

namespace {

// The parts of an encoded hash, or what is wrong with it.
struct Decoded
{
    int iterations = 0;
    QByteArray salt;
    QByteArray expected;
};

Result<Decoded> decode(const QString &encoded)
{
    const auto malformed = [] {
        return Error{Error::Code::Invalid, QObject::tr("it is not a hash Pathway writes "
                                                       "(pbkdf2-sha256$iterations$salt$hash)")};
    };
    const QStringList parts = encoded.split(QLatin1Char('$'));
    if (parts.size() != 4 || parts[0] != QLatin1String("pbkdf2-sha256"))
        return malformed();
    bool ok = false;
    const qlonglong iterations = parts[1].toLongLong(&ok);
    if (!ok || iterations < 1)
        return malformed();
    if (iterations > kMaxIterations)
        return Error{Error::Code::Invalid,
                     QObject::tr("it asks for %1 iterations, more than the %2 Pathway accepts")
                         .arg(parts[1])
                         .arg(kMaxIterations)};
    Decoded d;
    d.iterations = int(iterations);
    d.salt = QByteArray::fromBase64(parts[2].toLatin1());
    d.expected = QByteArray::fromBase64(parts[3].toLatin1());
    if (d.salt.isEmpty() || d.expected.size() != kDigest)
        return malformed();
    return d;
}

} // namespace

Status checkEncoded(const QString &encoded)
{
    const auto decoded = decode(encoded);
    if (!decoded)
        return decoded.error();
    return {};
}

bool verify(const QString &password, const QString &encoded)
{
    const auto d = decode(encoded);
    if (!d)
        return false;
    return constantTimeEqual(pbkdf2Sha256(password.toUtf8(), d->salt, d->iterations, kDigest),
                             d->expected);
}

int iterations(const QString &encoded)
{
    const QStringList parts = encoded.split(QLatin1Char('$'));
    if (parts.size() != 4 || parts[0] != QLatin1String("pbkdf2-sha256"))
        return 0;
    bool ok = false;
    const int count = parts[1].toInt(&ok);
    return ok && count > 0 ? count : 0;
}

qint64 iterationsComputed()
{
    return computed.load();
}

} // namespace pathway::passwordHash
