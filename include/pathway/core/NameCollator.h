#pragma once

#include <QByteArray>
#include <QString>

#include <memory>

namespace pathway {

// Sort keys for client names in the order of a locale's collation (ICU),
// so that Ñúñez sorts among the N's and Łukasiewicz among the L's. A key is
// plain bytes: two clients sort as their keys compare with memcmp, so keys
// can be stored and indexed, and the database never needs to know the
// locale. Keys of one locale and ICU version must not be mixed with keys of
// another: the locale and version() are stored with them
// (storage/NameIndex.h).
//
// Not thread-safe: one collator per thread.
class NameCollator
{
public:
    // `locale` is an ICU/POSIX locale name ("en", "sv_SE", "de@collation=phonebook").
    // A locale ICU has no rules for falls back to the root collation, which
    // is the order most European languages share.
    explicit NameCollator(const QString &locale);
    ~NameCollator();
    NameCollator(const NameCollator &) = delete;
    NameCollator &operator=(const NameCollator &) = delete;

    // False when ICU could not open any collator (its data is missing);
    // sortKey() then returns an empty key.
    bool isValid() const;
    const QString &locale() const { return m_locale; }
    // The version of the collation rules (ICU's, "153.120"): keys made under
    // another version may order differently.
    QString version() const;

    // The key of "last name, first name": last names are compared first on
    // every collation level (letters, then accents, then case), then first
    // names, as ICU merges sort keys. Case and accents therefore only break
    // ties: Núñez, Ana < Nunez, Zoe < Núñez, Zoë.
    QByteArray sortKey(const QString &firstName, const QString &lastName) const;

    // The locale of this machine, for a new database: the system locale's
    // name, "en" when that is C or POSIX.
    static QString defaultLocale();
    // True when `locale` names a language ICU knows ("en", "de_AT",
    // "sv_SE@collation=standard"), false for "C", "" or "xx_zz".
    static bool isKnownLocale(const QString &locale);

private:
    struct Handle;
    std::unique_ptr<Handle> m_handle;
    QString m_locale;
};

} // namespace pathway
