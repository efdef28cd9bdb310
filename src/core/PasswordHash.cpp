#include "pathway/core/PasswordHash.h"

#include <QCryptographicHash>
#include <QRandomGenerator>
#include <QStringList>

#include <array>

namespace pathway::passwordHash {

namespace {

constexpr int kBlock = 64; // SHA-256 block size
constexpr int kDigest = 32;

// HMAC-SHA256 with the key's inner and outer pads hashed once and copied for
// every use: PBKDF2 runs HMAC 1.2 million times for one password.
class Hmac
{
public:
    explicit Hmac(QByteArray key)
        : m_inner(QCryptographicHash::Sha256), m_outer(QCryptographicHash::Sha256)
    {
        if (key.size() > kBlock)
            key = QCryptographicHash::hash(key, QCryptographicHash::Sha256);
        key.resize(kBlock, '\0');
        QByteArray ipad(kBlock, '\0'), opad(kBlock, '\0');
        for (int i = 0; i < kBlock; ++i) {
            ipad[i] = char(key[i] ^ 0x36);
            opad[i] = char(key[i] ^ 0x5c);
        }
        m_ipad = ipad;
        m_opad = opad;
    }

    QByteArray mac(const QByteArray &message)
    {
        m_inner.reset();
        m_inner.addData(m_ipad);
        m_inner.addData(message);
        const QByteArray inner = m_inner.result();
        m_outer.reset();
        m_outer.addData(m_opad);
        m_outer.addData(inner);
        return m_outer.result();
    }

private:
    QCryptographicHash m_inner;
    QCryptographicHash m_outer;
    QByteArray m_ipad;
    QByteArray m_opad;
};

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
    Hmac hmac(password);
    QByteArray out;
    out.reserve(length);
    for (quint32 block = 1; out.size() < length; ++block) {
        QByteArray message = salt;
        message.append(char(block >> 24))
            .append(char(block >> 16))
            .append(char(block >> 8))
            .append(char(block));
        QByteArray u = hmac.mac(message);
        QByteArray t = u;
        for (int i = 1; i < iterations; ++i) {
            u = hmac.mac(u);
            for (int j = 0; j < kDigest; ++j)
                t[j] = char(t[j] ^ u[j]);
        }
        out.append(t);
    }
    out.truncate(length);
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

bool verify(const QString &password, const QString &encoded)
{
    const QStringList parts = encoded.split(QLatin1Char('$'));
    if (parts.size() != 4 || parts[0] != QLatin1String("pbkdf2-sha256"))
        return false;
    bool ok = false;
    const int iterations = parts[1].toInt(&ok);
    if (!ok || iterations < 1)
        return false;
    const QByteArray salt = QByteArray::fromBase64(parts[2].toLatin1());
    const QByteArray expected = QByteArray::fromBase64(parts[3].toLatin1());
    if (salt.isEmpty() || expected.size() != kDigest)
        return false;
    return constantTimeEqual(pbkdf2Sha256(password.toUtf8(), salt, iterations, kDigest), expected);
}

} // namespace pathway::passwordHash
