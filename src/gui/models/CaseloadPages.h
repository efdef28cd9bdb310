#pragma once

#include "pathway/storage/CaseloadRepository.h"

#include <QHash>

namespace pathway {

// The caseload rows of a list of client ids, read from
// CaseloadRepository::rows a page at a time and kept for a while, so a list
// of 100,000 clients reads only what a view shows. Shared by the caseload
// list and the dashboard's client list.
class CaseloadPages
{
public:
    explicit CaseloadPages(CaseloadRepository &repository) : m_repository(repository) {}

    void reset(QVector<qint64> ids, const QDate &today = QDate::currentDate())
    {
        m_ids = std::move(ids);
        m_today = today;
        m_pages.clear();
    }
    // Forgets the rows read so far (after a change); the ids stay.
    void clearCache() { m_pages.clear(); }
    const QVector<qint64> &ids() const { return m_ids; }
    int size() const { return int(m_ids.size()); }

    // The row of ids()[row]; nullptr when that client is no longer readable
    // (deleted or reassigned since the ids were read) or the read failed,
    // in which case `error` says why.
    const CaseloadRow *rowAt(int row, QString &error) const
    {
        if (row < 0 || row >= m_ids.size())
            return nullptr;
        const int page = row / kPageSize;
        auto it = m_pages.find(page);
        if (it == m_pages.end()) {
            if (m_pages.size() >= kMaxCachedPages)
                m_pages.clear();
            auto rows = m_repository.rows(m_ids.mid(page * kPageSize, kPageSize), m_today);
            if (!rows) {
                error = rows.error().message;
                return nullptr;
            }
            it = m_pages.insert(page, rows.value());
        }
        // rows() leaves out clients it no longer gives: look by id.
        const int offset = row % kPageSize;
        if (offset < it->size() && it->at(offset).id == m_ids[row])
            return &it->at(offset);
        for (const CaseloadRow &r : *it) {
            if (r.id == m_ids[row])
                return &r;
        }
        return nullptr;
    }

private:
    // A page is about two screens of rows: every search or filter change
    // reads the first page before the list is painted, and at 1,000,000
    // clients 200 rows took 12-16 ms of CPU where 50 take 3 ms
    // (docs/performance.md). Up to 12,800 rows stay cached.
    static constexpr int kPageSize = 50;
    static constexpr int kMaxCachedPages = 256;

    CaseloadRepository &m_repository;
    QVector<qint64> m_ids;
    QDate m_today;
    mutable QHash<int, QVector<CaseloadRow>> m_pages; // page number -> rows
};

} // namespace pathway
