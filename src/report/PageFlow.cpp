#include "PageFlow.h"

#include <QAbstractTextDocumentLayout>
#include <QPainter>
#include <QTextBlock>
#include <QTextLayout>

#include <algorithm>

namespace pathway {

namespace {
// The least of a block taller than a page that must fit below a heading
// before the heading may stay on the page: a few lines of text.
constexpr qreal kMinSlice = 60;
} // namespace

int PageFlow::add(FlowBlock block)
{
    m_blocks.append(std::move(block));
    return int(m_blocks.size()) - 1;
}

qreal PageFlow::neededFor(int index) const
{
    if (const int last = m_blocks.at(index).keepUntil; last > index) {
        qreal group = m_blocks.at(index).height;
        for (int j = index + 1; j <= last && j < m_blocks.size(); ++j)
            group += m_blocks.at(j).spaceBefore + m_blocks.at(j).height;
        if (group <= m_pageHeight)
            return group;
    }
    qreal need = m_blocks.at(index).height;
    for (int j = index; m_blocks.at(j).keepWithNext && j + 1 < m_blocks.size(); ++j) {
        const FlowBlock &next = m_blocks.at(j + 1);
        need += next.spaceBefore + (next.height > m_pageHeight ? kMinSlice : next.height);
        if (next.height > m_pageHeight)
            break;
    }
    // A chain that cannot fit on any page is laid out block by block.
    return need > m_pageHeight ? m_blocks.at(index).height : need;
}

qreal PageFlow::cutBefore(const FlowBlock &block, qreal from, qreal limit) const
{
    // Line spans of the whole document (table cells included); a cut is
    // safe at the top of a line that no other line straddles.
    QVector<QPair<qreal, qreal>> lines;
    QAbstractTextDocumentLayout *layout = block.document->documentLayout();
    for (QTextBlock b = block.document->begin(); b.isValid(); b = b.next()) {
        const QTextLayout *tl = b.layout();
        if (!tl)
            continue;
        const qreal top = layout->blockBoundingRect(b).top() - tl->boundingRect().top();
        for (int i = 0; i < tl->lineCount(); ++i) {
            const QTextLine line = tl->lineAt(i);
            lines.append({top + line.y(), top + line.y() + line.height()});
        }
    }
    qreal best = from;
    for (const auto &candidate : std::as_const(lines)) {
        const qreal cut = candidate.first;
        if (cut <= from || cut > limit || cut <= best)
            continue;
        const bool straddled = std::any_of(lines.cbegin(), lines.cend(), [cut](const auto &l) {
            return l.first < cut - 0.01 && l.second > cut + 0.01;
        });
        if (!straddled)
            best = cut;
    }
    return best;
}

QVector<FlowPage> PageFlow::paginate() const
{
    QVector<FlowPage> pages(1);
    qreal y = 0;
    auto newPage = [&] {
        pages.append(FlowPage());
        y = 0;
    };
    auto place = [&](int index, qreal top, qreal sliceTop, qreal sliceHeight) {
        pages.last().append({index, top, sliceTop, sliceHeight});
    };

    for (int i = 0; i < m_blocks.size(); ++i) {
        const FlowBlock &b = m_blocks.at(i);
        const bool oversized = b.height > m_pageHeight;
        if (!pages.last().isEmpty()) {
            const qreal room = m_pageHeight - y - b.spaceBefore;
            if ((!oversized && neededFor(i) > room) || (oversized && room < kMinSlice))
                newPage();
        }
        if (pages.last().isEmpty() && b.header >= 0 && b.header < i) {
            const FlowBlock &head = m_blocks.at(b.header);
            place(b.header, 0, 0, head.height);
            y = head.height;
        }
        if (!pages.last().isEmpty())
            y += b.spaceBefore;

        if (!oversized) {
            place(i, y, 0, b.height);
            y += b.height;
            continue;
        }
        // Taller than a page: slices between text lines, page after page.
        qreal top = 0;
        while (top < b.height) {
            const qreal room = m_pageHeight - y;
            if (b.height - top <= room) {
                place(i, y, top, b.height - top);
                y += b.height - top;
                break;
            }
            qreal cut = b.document ? cutBefore(b, top, top + room) : top + room;
            if (cut <= top) {
                if (!pages.last().isEmpty()) {
                    newPage();
                    continue;
                }
                cut = top + room; // not one line fits a whole page: cut anyway
            }
            place(i, y, top, cut - top);
            top = cut;
            newPage();
        }
    }
    if (pages.size() > 1 && pages.last().isEmpty())
        pages.removeLast();
    return pages;
}

void PageFlow::paint(QPainter &painter, const FlowPage &page) const
{
    for (const FlowPlacement &at : page) {
        const FlowBlock &b = m_blocks.at(at.block);
        const bool slice = at.sliceTop > 0 || at.sliceHeight < b.height;
        painter.save();
        painter.translate(0, at.y - at.sliceTop);
        const QRectF visible(0, at.sliceTop, m_width, at.sliceHeight);
        if (slice)
            painter.setClipRect(visible);
        if (b.document) {
            QAbstractTextDocumentLayout::PaintContext context;
            context.palette.setColor(QPalette::Text, Qt::black);
            context.clip = visible;
            b.document->documentLayout()->draw(&painter, context);
        } else if (b.paint) {
            b.paint(painter, m_width);
        }
        painter.restore();
    }
}

} // namespace pathway
