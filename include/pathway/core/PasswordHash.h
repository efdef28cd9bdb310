#pragma once

#include "pathway/core/Result.h"

#include <QByteArray>
#include <QString>

namespace pathway {

// Salted, slow password hashes: PBKDF2-HMAC-SHA256 (RFC 8018) with at least
// 600,000 iterations, as OWASP recommends for it. Only the encoded hash is
// ever stored: "pbkdf2-sha256$<iterations>$<salt base64>$<hash base64>".
namespace passwordHash {

constexpr int kDefaultIterations = 600'000;
// The most iterations a stored hash may ask for: 16 times what Pathway
// writes, 9,600,000 (some 5 s of one core). A hash asking for more, as a
// file changed by hand can, is refused without being computed, so that
// signing in never hangs on it.
constexpr int kMaxIterations = 16 * kDefaultIterations;

// PBKDF2-HMAC-SHA256 of `password` and `salt`, `length` bytes long.
QByteArray pbkdf2Sha256(const QByteArray &password, const QByteArray &salt, int iterations,
                        int length);

// A new encoded hash with a random 16-byte salt.
QString create(const QString &password, int iterations = kDefaultIterations);

// Ok when `encoded` is a hash verify() can check; else an error saying what
// is wrong with it (not the form above, or more than kMaxIterations).
Status checkEncoded(const QString &encoded);

// True when `password` matches `encoded`; false for a wrong password or an
// encoding checkEncoded() refuses (which is never computed). Compares in
// constant time.
bool verify(const QString &password, const QString &encoded);

// The iteration count of `encoded`; 0 when it is not of the form above.
int iterations(const QString &encoded);

// The PBKDF2 iterations this process has computed so far (every thread):
// what checking passwords cost, comparable without a clock (the sign-in
// tests check that every answer costs the same).
qint64 iterationsComputed();

} // namespace passwordHash
} // namespace pathway
