#include "supervisor/DashboardChart.h"

#include <QBarCategoryAxis>
#include <QBarSeries>
#include <QBarSet>
#include <QChart>
#include <QCursor>
#include <QHorizontalBarSeries>
#include <QKeyEvent>
#include <QPalette>
#include <QToolTip>
#include <QValueAxis>

#include <cmath>

namespace pathway {

namespace {
const QColor kBar(0x3f, 0x6e, 0xa8);
const QColor kCurrentBar(0xe0, 0x8a, 0x00);
} // namespace

namespace {
// The chart a DashboardChart shows, made before the view: QChartView(parent)
// would make a chart of its own, and setChart() only lets go of that one
// without deleting it (LeakSanitizer found it).
QChart *newChart(const QString &title, const QFont &font)
{
    auto *c = new QChart;
    c->setTitle(title);
    QFont titleFont = font;
    titleFont.setBold(true);
    c->setTitleFont(titleFont);
    c->legend()->hide();
    c->setMargins(QMargins(4, 2, 8, 2));
    c->setBackgroundRoundness(0);
    c->setAnimationOptions(QChart::NoAnimation);
    return c;
}
} // namespace

DashboardChart::DashboardChart(const QString &title, Orientation orientation, QWidget *parent)
    : QChartView(newChart(title, parent ? parent->font() : QFont()), parent),
      m_orientation(orientation)
{
    setAccessibleName(title);
    setFocusPolicy(Qt::StrongFocus);
    setRenderHint(QPainter::Antialiasing);
    setFrameShape(QFrame::NoFrame);
    setMinimumSize(240, 180);
    showFocus(false);
}

void DashboardChart::setBars(const QVector<Bar> &bars, double maxValue, const QString &labelFormat,
                             int significantDigits)
{
    // The same bars with new values (most filter changes): only the values
    // and the scale change, which is several times faster than a new series.
    bool same = m_set && m_valueAxis && bars.size() == m_bars.size();
    for (int i = 0; same && i < bars.size(); ++i)
        same = bars[i].key == m_bars[i].key && bars[i].label == m_bars[i].label;
    if (same) {
        m_bars = bars;
        double highest = 0;
        for (int i = 0; i < m_bars.size(); ++i) {
            const double value = m_bars[setIndex(i)].value;
            m_set->replace(i, value);
            highest = qMax(highest, value);
        }
        if (maxValue <= 0)
            fitScale(highest);
        setCurrentBar(m_current);
        return;
    }

    QChart *c = chart();
    const QString currentKey =
        m_current >= 0 && m_current < m_bars.size() ? m_bars[m_current].key : QString();
    c->removeAllSeries(); // deletes the series and its set
    for (QAbstractAxis *axis : c->axes()) {
        c->removeAxis(axis);
        delete axis;
    }
    m_bars = bars;

    if (m_orientation == Vertical)
        m_series = new QBarSeries(c);
    else
        m_series = new QHorizontalBarSeries(c);
    m_set = new QBarSet(accessibleName());
    m_set->setColor(kBar);
    m_set->setBorderColor(kBar);
    m_set->setSelectedColor(kCurrentBar);
    m_set->setLabelColor(palette().color(QPalette::WindowText));
    // Horizontal bar charts draw the first category at the bottom: the bars
    // go in backwards so that the first one is on top.
    QStringList categories;
    double highest = 0;
    for (int i = 0; i < m_bars.size(); ++i) {
        const Bar &b = m_bars[setIndex(i)];
        m_set->append(b.value);
        categories << b.label;
        highest = qMax(highest, b.value);
    }
    m_series->append(m_set);
    m_series->setBarWidth(0.7);
    m_series->setLabelsVisible(true);
    m_series->setLabelsFormat(labelFormat);
    m_series->setLabelsPrecision(significantDigits);
    m_series->setLabelsPosition(QAbstractBarSeries::LabelsOutsideEnd);
    c->addSeries(m_series);

    auto *categoryAxis = new QBarCategoryAxis(c);
    categoryAxis->append(categories);
    auto *valueAxis = new QValueAxis(c);
    m_valueAxis = valueAxis;
    QFont small = font();
    small.setPointSizeF(small.pointSizeF() * 0.85);
    categoryAxis->setLabelsFont(small);
    valueAxis->setLabelsFont(small);
    valueAxis->setLabelFormat(QStringLiteral("%d"));
    if (maxValue > 0) {
        // A fixed scale (percentages): ticks every fifth of it, and room
        // beyond the end for the label of a full bar.
        valueAxis->setRange(0, maxValue * 1.16);
        valueAxis->setTickType(QValueAxis::TicksDynamic);
        valueAxis->setTickAnchor(0);
        valueAxis->setTickInterval(maxValue / 5);
    } else {
        valueAxis->setTickCount(5);
        fitScale(highest);
    }
    // Many bars side by side (12 months): their labels stand upright.
    // Qt Charts would cut upright labels to "…" in a short chart (1366 x 768);
    // three letters always fit beside each other's bars.
    if (m_orientation == Vertical && m_bars.size() > 8) {
        categoryAxis->setLabelsAngle(-90);
        categoryAxis->setTruncateLabels(false);
    }
    if (m_orientation == Vertical) {
        c->addAxis(categoryAxis, Qt::AlignBottom);
        c->addAxis(valueAxis, Qt::AlignLeft);
    } else {
        c->addAxis(categoryAxis, Qt::AlignLeft);
        c->addAxis(valueAxis, Qt::AlignBottom);
    }
    m_series->attachAxis(categoryAxis);
    m_series->attachAxis(valueAxis);
    valueAxis->setGridLineVisible(true);
    categoryAxis->setGridLineVisible(false);

    connect(m_set, &QBarSet::clicked, this, [this](int index) {
        setCurrentBar(setIndex(index));
        activate(setIndex(index));
    });
    connect(m_set, &QBarSet::hovered, this, [this](bool on, int index) {
        const int bar = setIndex(index);
        if (on && bar >= 0 && bar < m_bars.size())
            QToolTip::showText(QCursor::pos(), m_bars[bar].tip, this);
        else
            QToolTip::hideText();
    });

    m_current = -1;
    for (int i = 0; i < m_bars.size() && !currentKey.isEmpty(); ++i) {
        if (m_bars[i].key == currentKey)
            m_current = i;
    }
    setCurrentBar(m_current);
}

void DashboardChart::fitScale(double highest)
{
    // Room above (or beside) the highest bar for its label.
    m_valueAxis->setRange(0, std::max(4.0, std::ceil(highest * 1.15)));
    m_valueAxis->applyNiceNumbers();
}

int DashboardChart::setIndex(int bar) const
{
    return m_orientation == Horizontal ? int(m_bars.size()) - 1 - bar : bar;
}

void DashboardChart::setCurrentBar(int index)
{
    if (!m_set)
        return;
    m_set->deselectAllBars();
    m_current = index >= 0 && index < m_bars.size() ? index : -1;
    if (m_current >= 0) {
        m_set->selectBar(setIndex(m_current));
        setToolTip(m_bars[m_current].tip);
        setAccessibleDescription(m_bars[m_current].tip);
    }
}

QPoint DashboardChart::barCenter(int index)
{
    if (!m_series || index < 0 || index >= m_bars.size())
        return {};
    const double half = m_bars[index].value / 2;
    const QPointF value =
        m_orientation == Vertical ? QPointF(index, half) : QPointF(half, setIndex(index));
    const QPointF inChart = chart()->mapToPosition(value, m_series);
    return mapFromScene(chart()->mapToScene(inChart));
}

void DashboardChart::activate(int index)
{
    if (index >= 0 && index < m_bars.size())
        Q_EMIT barActivated(m_bars[index].key, m_bars[index].label);
}

void DashboardChart::keyPressEvent(QKeyEvent *event)
{
    const int n = int(m_bars.size());
    if (n == 0) {
        QChartView::keyPressEvent(event);
        return;
    }
    // Along the bars: left/right for a vertical chart, up/down for a horizontal
    // one (the first bar on top); both work in both.
    switch (event->key()) {
    case Qt::Key_Left:
    case Qt::Key_Up:
        setCurrentBar(m_current <= 0 ? 0 : m_current - 1);
        break;
    case Qt::Key_Right:
    case Qt::Key_Down:
        setCurrentBar(m_current < 0 ? 0 : qMin(n - 1, m_current + 1));
        break;
    case Qt::Key_Home:
        setCurrentBar(0);
        break;
    case Qt::Key_End:
        setCurrentBar(n - 1);
        break;
    case Qt::Key_Return:
    case Qt::Key_Enter:
    case Qt::Key_Space:
        activate(m_current < 0 ? 0 : m_current);
        if (m_current < 0)
            setCurrentBar(0);
        break;
    default:
        QChartView::keyPressEvent(event);
        return;
    }
    event->accept();
}

void DashboardChart::focusInEvent(QFocusEvent *event)
{
    QChartView::focusInEvent(event);
    showFocus(true);
    if (m_current < 0 && !m_bars.isEmpty())
        setCurrentBar(0);
}

void DashboardChart::focusOutEvent(QFocusEvent *event)
{
    QChartView::focusOutEvent(event);
    showFocus(false);
}

void DashboardChart::showFocus(bool focused)
{
    // The keyboard focus shows as a frame in the highlight colour.
    chart()->setBackgroundPen(focused ? QPen(palette().color(QPalette::Highlight), 2)
                                      : QPen(palette().color(QPalette::Mid), 1));
}

} // namespace pathway
