#pragma once

#include <QByteArray>
#include <QString>

namespace pathway {

// Salted, slow password hashes: PBKDF2-HMAC-SHA256 (RFC 8018) with at least
// 600,000 iterations, as OWASP recommends for it. Only the encoded hash is
// ever stored: "pbkdf2-sha256$<iterations>$<salt base64>$<hash base64>".
namespace passwordHash {

constexpr int kDefaultIterations = 600'000;

// PBKDF2-HMAC-SHA256 of `password` and `salt`, `length` bytes long.
QByteArray pbkdf2Sha256(const QByteArray &password, const QByteArray &salt, int iterations,
                        int length);

// A new encoded hash with a random 16-byte salt.
QString create(const QString &password, int iterations = kDefaultIterations);

// True when `password` matches `encoded`; false for a wrong password or a
// malformed encoding. Compares in constant time.
bool verify(const QString &password, const QString &encoded);

// The iteration count of `encoded`; 0 when it is not of the form above.
int iterations(const QString &encoded);

// The PBKDF2 iterations this process has computed so far (every thread):
// what checking passwords cost, comparable without a clock (the sign-in
// tests check that every answer costs the same).
qint64 iterationsComputed();

} // namespace passwordHash
} // namespace pathway
