#pragma once

#include <QChartView>
#include <QVector>

class QAbstractBarSeries;
class QBarSet;
class QValueAxis;

namespace pathway {

// One bar chart of the dashboard: a single series of bars, each with a key
// (a code the drill-down understands) and a label. Clicking a bar, or
// choosing it with the arrow keys and pressing Enter or Space, activates it.
class DashboardChart : public QChartView
{
    Q_OBJECT
public:
    enum Orientation
    {
        Vertical,  // bars grow upwards; categories along the bottom
        Horizontal // bars grow to the right; categories down the left side
    };
    struct Bar
    {
        QString key;
        QString label; // on the category axis
        double value = 0;
        QString tip; // the tooltip and the accessible text of the bar
    };

    DashboardChart(const QString &title, Orientation orientation, QWidget *parent = nullptr);

    // Replaces the bars; `maxValue` fixes the value axis (e.g. 100 for
    // percentages), else it fits the highest bar. `labelFormat` is Qt
    // Charts' bar label format ("@value", "@value %"), with at most
    // `significantDigits` digits.
    void setBars(const QVector<Bar> &bars, double maxValue = -1,
                 const QString &labelFormat = QStringLiteral("@value"), int significantDigits = 10);
    const QVector<Bar> &bars() const { return m_bars; }
    int currentBar() const { return m_current; }
    void setCurrentBar(int index);
    // The centre of bar `index` in the viewport's coordinates (tests).
    QPoint barCenter(int index);

Q_SIGNALS:
    void barActivated(const QString &key, const QString &label);

protected:
    void keyPressEvent(QKeyEvent *event) override;
    void focusInEvent(QFocusEvent *event) override;
    void focusOutEvent(QFocusEvent *event) override;

private:
    void activate(int index);
    // Fits the value axis to the highest bar.
    void fitScale(double highest);
    // The index in the bar set of bar `bar` of m_bars (and back): reversed
    // for horizontal charts.
    int setIndex(int bar) const;
    void showFocus(bool focused);

    Orientation m_orientation;
    QVector<Bar> m_bars;
    QAbstractBarSeries *m_series = nullptr;
    QBarSet *m_set = nullptr;
    QValueAxis *m_valueAxis = nullptr;
    int m_current = -1;
};

} // namespace pathway
