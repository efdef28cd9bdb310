#pragma once

// Helpers for the loaders that read whole tables in one pass and join them
// in memory (the dashboard's snapshot, the caseload export): row ids to
// slots, and stored timestamps and dates read without QDateTime's parser.
// Private to pathway_storage.

#include <QDate>
#include <QHash>
#include <QVector>

#include <string_view>
#include <vector>

namespace pathway {

// Row id -> slot. Ids are nearly dense (1..N), so a vector indexed by id is
// used, several times faster than a hash for 100,000 lookups; a hash only
// when the ids are sparse.
class SlotIndex
{
public:
    // `ids[i]` gets slot i; negative ids get none.
    explicit SlotIndex(const QVector<qint64> &ids);
    // The slot of `id`, or -1.
    int find(qint64 id) const
    {
        if (m_dense)
            return id >= 0 && id < qint64(m_slots.size()) ? m_slots[size_t(id)] : -1;
        return m_hash.value(id, -1);
    }

private:
    bool m_dense = true;
    std::vector<int> m_slots;
    QHash<qint64, int> m_hash;
};

// "2026-11-23T11:22:07Z" (with or without milliseconds) as seconds since
// the epoch, without QDateTime's general parser (which it falls back on for
// any other form); the lowest qint64 when it cannot be read.
qint64 secondsOf(std::string_view text);

// "2026-11-23" as 20261123, which orders as the dates do; 0 for anything else.
int dayKey(std::string_view text);
// The date of a dayKey; invalid for 0.
QDate dateOfKey(int key);

} // namespace pathway
