#pragma once

#include <QTextDocument>
#include <QVector>

#include <functional>
#include <memory>

class QPainter;

namespace pathway {

// One piece of a printed page: a text document or a drawing, `height` tall.
// Coordinates are layout units (1/96 inch, like CSS pixels).
struct FlowBlock
{
    qreal height = 0;
    qreal spaceBefore = 0;     // gap above the block; dropped at the top of a page
    bool keepWithNext = false; // never ends a page when another block follows (headings)
    int header = -1;    // block repeated at the top of a page this block starts (table heads)
    int keepUntil = -1; // starts a group kept on one page when it fits on one (a table)
    std::shared_ptr<QTextDocument> document;            // text blocks: painted from this
    std::function<void(QPainter &, qreal width)> paint; // drawn blocks: paint at (0, 0)
};

// Where a block, or a slice of a block taller than a page, lands on a page.
struct FlowPlacement
{
    int block = 0;
    qreal y = 0;        // top on the page
    qreal sliceTop = 0; // first layout row of the block shown here
    qreal sliceHeight = 0;
};

using FlowPage = QVector<FlowPlacement>;

// Lays blocks out on pages of a fixed size: a block never splits unless it is
// taller than a whole page (then it splits between text lines), a heading
// never ends a page, and a table head is repeated on the pages its rows run on.
class PageFlow
{
public:
    PageFlow(qreal width, qreal pageHeight) : m_width(width), m_pageHeight(pageHeight) {}

    qreal width() const { return m_width; }
    qreal pageHeight() const { return m_pageHeight; }

    // Adds a block; returns its index (for FlowBlock::header).
    int add(FlowBlock block);
    const FlowBlock &block(int index) const { return m_blocks.at(index); }
    // Keeps blocks first..last on one page when they fit on one page; when
    // they do not, they break as usual.
    void keepTogether(int first, int last) { m_blocks[first].keepUntil = last; }

    // The pages, at least one.
    QVector<FlowPage> paginate() const;

    // Paints one page's blocks with the painter's origin at the content's top left.
    void paint(QPainter &painter, const FlowPage &page) const;

private:
    // The largest safe cut (between text lines) in (from, limit] of a text block.
    qreal cutBefore(const FlowBlock &block, qreal from, qreal limit) const;
    // How much room block `index` needs so that it does not end a page alone.
    qreal neededFor(int index) const;

    qreal m_width;
    qreal m_pageHeight;
    QVector<FlowBlock> m_blocks;
};

} // namespace pathway
