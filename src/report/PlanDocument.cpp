#include "pathway/report/PlanDocument.h"
#include "pathway/core/PrivateFiles.h"

#include "PageFlow.h"

#include <QAbstractTextDocumentLayout>
#include <QFileInfo>
#include <QFontDatabase>
#include <QImage>
#include <QImageReader>
#include <QObject>
#include <QPagedPaintDevice>
#include <QPainter>
#include <QPainterPath>
#include <QPdfWriter>
#include <QRegularExpression>
#include <QSaveFile>
#include <QTextDocument>
#include <QUrl>

#include <algorithm>
#include <cmath>

namespace pathway {

namespace {

// Layout units are 1/96 inch (CSS pixels); pages are painted scaled to the
// device's resolution, so the layout is the same on paper, PDF and screen.
constexpr qreal kUnitsPerInch = 96;
constexpr qreal kFooterHeight = 40;

// The palette: one calm blue, a tint of it, and greys for labels and rules.
const QColor kAccent(0x1f, 0x4e, 0x79);
const QColor kTint(0xed, 0xf3, 0xf8);
const QColor kBar(0x9d, 0xc1, 0xdf);
const QColor kPast(0xc2, 0x6a, 0x12);
const QColor kRule(0xc9, 0xd2, 0xdc);
const QColor kFaint(0xe4, 0xe9, 0xef);
const QColor kInk(0x1d, 0x1d, 0x1f);

const QString kLogoUrl = QStringLiteral("pathway://agency-logo");

QString esc(const QString &text)
{
    return text.toHtmlEscaped();
}

// Text is laid out for this device, whatever it is finally painted on.
QPaintDevice *layoutDevice()
{
    static QImage device = [] {
        QImage image(1, 1, QImage::Format_RGB32);
        const int dotsPerMeter = qRound(kUnitsPerInch / 0.0254);
        image.setDotsPerMeterX(dotsPerMeter);
        image.setDotsPerMeterY(dotsPerMeter);
        return image;
    }();
    return &device;
}

QFont baseFont()
{
    QFont font(PlanDocument::fontFamily());
    font.setPointSizeF(10);
    font.setHintingPreference(QFont::PreferNoHinting);
    // Any letter spacing other than the default turns ligatures off, and 100%
    // is no change: so "fi" stays two letters that search and copy as typed.
    font.setLetterSpacing(QFont::PercentageSpacing, 100);
    return font;
}

// The style rules of the document. Each text block gets the general rules
// and only the class rules its HTML uses: Qt parses a style sheet for every
// document, and most blocks use two or three classes.
struct StyleRule
{
    const char *className;
    const char *rule;
};
const StyleRule kClassRules[] = {
    {"agency", ".agency { font-size: 15pt; font-weight: bold; color: #1f4e79; }"},
    {"kicker", ".kicker { font-size: 10pt; font-weight: bold; color: #1f4e79; }"},
    {"name", ".name { font-size: 21pt; font-weight: bold; color: #1d1d1f; }"},
    {"label", ".label { font-size: 8.5pt; color: #5b6470; }"},
    {"value", ".value { font-size: 10pt; }"},
    {"intro", ".intro { font-size: 10pt; line-height: 135%; }"},
    {"h2", ".h2 { font-size: 14pt; font-weight: bold; color: #1f4e79; }"},
    {"lead", ".lead { font-size: 9pt; color: #5b6470; }"},
    {"boxhead",
     ".boxhead { font-size: 10.5pt; font-weight: bold; color: #1f4e79; margin-bottom: 3px; }"},
    {"item", ".item { font-size: 10pt; margin-top: 2px; }"},
    {"phase", ".phase { font-size: 11pt; font-weight: bold; color: #ffffff; }"},
    {"phasenum", ".phasenum { font-size: 9pt; color: #dbe7f2; }"},
    {"num", ".num { font-size: 14pt; font-weight: bold; color: #1f4e79; }"},
    {"title", ".title { font-size: 11.5pt; font-weight: bold; color: #1d1d1f; }"},
    {"done", ".done { font-size: 8.5pt; font-weight: bold; color: #2e6b30; margin-top: 1px; }"},
    {"underway",
     ".underway { font-size: 8.5pt; font-weight: bold; color: #1f4e79; margin-top: 1px; }"},
    {"fact", ".fact { font-size: 8.5pt; color: #5b6470; }"},
    {"text", ".text { font-size: 9.5pt; line-height: 125%; }"},
    {"cell", ".cell { font-size: 8pt; }"},
    {"head", ".head { font-size: 7.5pt; color: #5b6470; }"},
    {"footer", ".footer { font-size: 8pt; color: #5b6470; }"},
};
const char kBaseRules[] = "p { margin-top: 0px; margin-bottom: 0px; }td { vertical-align: top; }";

QString styleSheetFor(const QString &html)
{
    QString css = QLatin1String(kBaseRules);
    for (const StyleRule &r : kClassRules) {
        if (html.contains(QLatin1String("class=\"%1\"").arg(QLatin1String(r.className))))
            css += QLatin1String(r.rule);
    }
    return css;
}

std::shared_ptr<QTextDocument> textDocument(const QString &html, qreal width,
                                            const QImage &logo = QImage())
{
    auto doc = std::make_shared<QTextDocument>();
    doc->documentLayout()->setPaintDevice(layoutDevice());
    doc->setDefaultFont(baseFont());
    doc->setUseDesignMetrics(true);
    doc->setDocumentMargin(0);
    // The width first, so that the text is laid out once, at that width.
    doc->setTextWidth(width);
    doc->setDefaultStyleSheet(styleSheetFor(html));
    if (!logo.isNull())
        doc->addResource(QTextDocument::ImageResource, QUrl(kLogoUrl), logo);
    doc->setHtml(html);
    return doc;
}

FlowBlock textBlock(const QString &html, qreal width, qreal spaceBefore = 0,
                    bool keepWithNext = false)
{
    FlowBlock block;
    block.document = textDocument(html, width);
    block.height = block.document->size().height();
    block.spaceBefore = spaceBefore;
    block.keepWithNext = keepWithNext;
    return block;
}

void drawDocument(QPainter &painter, const QTextDocument &doc, QPointF at)
{
    painter.save();
    painter.translate(at);
    QAbstractTextDocumentLayout::PaintContext context;
    context.palette.setColor(QPalette::Text, kInk);
    doc.documentLayout()->draw(&painter, context);
    painter.restore();
}

void drawDiamond(QPainter &painter, QPointF centre, qreal radius, const QColor &colour)
{
    QPainterPath path;
    path.moveTo(centre.x(), centre.y() - radius);
    path.lineTo(centre.x() + radius, centre.y());
    path.lineTo(centre.x(), centre.y() + radius);
    path.lineTo(centre.x() - radius, centre.y());
    path.closeSubpath();
    painter.fillPath(path, colour);
}

// Builds the blocks of one plan document for a page `width` wide.
class Builder
{
public:
    Builder(const Client &client, const Plan &plan, const QString &counselor,
            const ReportSettings &settings, const QDate &printedOn, const QLocale &locale,
            const QImage &logo, PageFlow &flow)
        : m_client(client), m_plan(plan), m_counselor(counselor), m_settings(settings),
          m_printedOn(printedOn), m_locale(locale), m_logo(logo), m_flow(flow),
          m_width(flow.width())
    {}

    void build()
    {
        addTitle();
        addSummary();
        addSteps();
        addSetAside();
        addTimeline();
        addNotes();
        addAgreement();
    }

private:
    QString longDate(const QDate &date) const
    {
        return m_locale.toString(date, QLocale::LongFormat);
    }
    // The long form without the day of the week ("28 August 2026"), for
    // places where the weekday adds nothing.
    QString plainDate(const QDate &date) const
    {
        QString format = m_locale.dateFormat(QLocale::LongFormat);
        static const QRegularExpression weekday(QStringLiteral("d{4}[,.]?\\s*"));
        format.remove(weekday);
        return m_locale.toString(date, format.trimmed());
    }

    void addTitle()
    {
        if (!m_settings.agencyName.isEmpty() || !m_logo.isNull()) {
            QString row;
            if (!m_logo.isNull()) {
                // At most 60 units high and 200 wide, keeping the proportions.
                const qreal scale = std::min({60.0 / m_logo.height(), 200.0 / m_logo.width(), 1.0});
                row += QStringLiteral("<td width=\"%1\"><img src=\"%2\" width=\"%1\" "
                                      "height=\"%3\"></td>")
                           .arg(qRound(m_logo.width() * scale))
                           .arg(kLogoUrl)
                           .arg(qRound(m_logo.height() * scale));
                if (!m_settings.agencyName.isEmpty())
                    row += QStringLiteral("<td width=\"14\"></td>");
            }
            if (!m_settings.agencyName.isEmpty())
                row += QStringLiteral("<td style=\"vertical-align: middle\"><p class=\"agency\">"
                                      "%1</p></td>")
                           .arg(esc(m_settings.agencyName));
            FlowBlock head;
            head.document = textDocument(
                QStringLiteral("<table cellspacing=\"0\" cellpadding=\"0\"><tr>%1</tr></table>")
                    .arg(row),
                m_width, m_logo);
            head.height = head.document->size().height();
            m_flow.add(head);
        }
        FlowBlock rule;
        rule.height = 3;
        rule.spaceBefore = 10;
        rule.paint = [](QPainter &p, qreal width) { p.fillRect(QRectF(0, 0, width, 3), kAccent); };
        m_flow.add(rule);

        m_flow.add(textBlock(QStringLiteral("<p class=\"kicker\">%1</p><p class=\"name\">%2</p>")
                                 .arg(esc(QObject::tr("Career plan")), esc(m_client.fullName())),
                             m_width, 14));

        const QString planLine =
            m_plan.version > 0 ? QObject::tr("Version %1, since %2")
                                     .arg(m_plan.version)
                                     .arg(plainDate(m_plan.startDate))
                               : QObject::tr("Draft, from %1").arg(plainDate(m_plan.startDate));
        auto cell = [](const QString &label, const QString &value) {
            return QStringLiteral("<td width=\"33%\"><p class=\"label\">%1</p>"
                                  "<p class=\"value\">%2</p></td>")
                .arg(esc(label), esc(value));
        };
        m_flow.add(
            textBlock(QStringLiteral("<table width=\"100%\" cellspacing=\"0\" cellpadding=\"0\">"
                                     "<tr>%1%2%3</tr></table>")
                          .arg(cell(QObject::tr("Date"), plainDate(m_printedOn)),
                               cell(QObject::tr("Counselor"),
                                    m_counselor.isEmpty() ? QStringLiteral("—") : m_counselor),
                               cell(QObject::tr("Plan"), planLine)),
                      m_width, 12));
    }

    void addSummary()
    {
        m_flow.add(
            textBlock(QStringLiteral("<p class=\"intro\">%1</p>")
                          .arg(esc(QObject::tr(
                              "This is the plan we made together. It lists the steps we agreed on: "
                              "what to do, why it matters for you, who will help and by when. We "
                              "will look at it together at each meeting and change it whenever "
                              "your life changes."))),
                      m_width, 16));

        QString goals;
        for (GoalCode g : m_client.goals)
            goals += QStringLiteral("<p class=\"item\">•&nbsp;&nbsp;%1</p>").arg(esc(toLabel(g)));
        if (goals.isEmpty())
            goals = QStringLiteral("<p class=\"item\">%1</p>")
                        .arg(esc(QObject::tr("We will set your goals together.")));
        QVector<Barrier> barriers = m_client.barriers;
        std::stable_sort(barriers.begin(), barriers.end(), [](const Barrier &a, const Barrier &b) {
            return a.severity > b.severity;
        });
        QString work;
        for (const Barrier &b : std::as_const(barriers))
            work +=
                QStringLiteral("<p class=\"item\">•&nbsp;&nbsp;%1</p>").arg(esc(toLabel(b.code)));
        if (work.isEmpty())
            work = QStringLiteral("<p class=\"item\">%1</p>")
                       .arg(esc(QObject::tr("Nothing we need to plan around right now.")));

        m_flow.add(
            textBlock(QStringLiteral("<table width=\"100%\" cellspacing=\"0\" cellpadding=\"10\" "
                                     "bgcolor=\"%1\"><tr>"
                                     "<td width=\"50%\"><p class=\"boxhead\">%2</p>%3</td>"
                                     "<td width=\"50%\"><p class=\"boxhead\">%4</p>%5</td>"
                                     "</tr></table>")
                          .arg(kTint.name(), esc(QObject::tr("What you want to achieve")), goals,
                               esc(QObject::tr("What we will work on together")), work),
                      m_width, 14));
    }

    QVector<const PlanStep *> activeSteps() const
    {
        QVector<const PlanStep *> out;
        for (const PlanStep &s : m_plan.steps) {
            if (s.status != StepStatus::Dropped)
                out.append(&s);
        }
        return out;
    }

    void addSteps()
    {
        const QVector<const PlanStep *> steps = activeSteps();
        m_flow.add(
            textBlock(QStringLiteral("<p class=\"h2\">%1</p>").arg(esc(QObject::tr("Your steps"))),
                      m_width, 24, true));
        if (steps.isEmpty()) {
            m_flow.add(
                textBlock(QStringLiteral("<p class=\"text\">%1</p>")
                              .arg(esc(QObject::tr(
                                  "We have not chosen any steps yet; we will do so at our next "
                                  "meeting."))),
                          m_width, 4));
            return;
        }
        m_flow.add(
            textBlock(QStringLiteral("<p class=\"lead\">%1</p>")
                          .arg(esc(QObject::tr(
                              "Grouped in the order we will take them. For each step: what to do, "
                              "why we chose it, by when, and who helps."))),
                      m_width, 2, true));

        int number = 0;
        int phaseNumber = 0;
        bool first = true;
        Phase phase = Phase::Stabilise;
        for (const PlanStep *s : steps) {
            if (first || s->phase != phase) {
                phase = s->phase;
                first = false;
                addPhaseHeading(++phaseNumber, phase);
            }
            addStep(++number, *s);
        }
    }

    void addPhaseHeading(int number, Phase phase)
    {
        m_flow.add(textBlock(
            QStringLiteral("<table width=\"100%\" cellspacing=\"0\" "
                           "cellpadding=\"5\" bgcolor=\"%1\"><tr><td>"
                           "<p><span class=\"phasenum\">%2&nbsp;&nbsp;</span>"
                           "<span class=\"phase\">%3</span></p>"
                           "</td></tr></table>")
                .arg(kAccent.name(), esc(QObject::tr("Part %1").arg(number)), esc(toLabel(phase))),
            m_width, 14, true));
    }

    void addStep(int number, const PlanStep &s)
    {
        QString status;
        if (s.status == StepStatus::Done)
            status = QStringLiteral("<p class=\"done\">✓&nbsp;%1</p>")
                         .arg(esc(s.completedOn.isValid()
                                      ? QObject::tr("Done on %1").arg(plainDate(s.completedOn))
                                      : QObject::tr("Done")));
        else if (s.status == StepStatus::InProgress)
            status =
                QStringLiteral("<p class=\"underway\">%1</p>").arg(esc(QObject::tr("Under way")));

        QString facts;
        auto fact = [&facts](const QString &label, const QString &value) {
            if (value.trimmed().isEmpty())
                return;
            facts += QStringLiteral("<tr><td width=\"74\"><p class=\"fact\">%1</p></td>"
                                    "<td><p class=\"text\">%2</p></td></tr>")
                         .arg(esc(label), esc(value));
        };
        fact(QObject::tr("What to do"), s.description);
        fact(QObject::tr("Why"), s.reason);
        if (s.repeatEveryWeeks > 0) {
            QString when = recurrenceText(s, m_plan.startDate,
                                          [this](const QDate &d) { return plainDate(d); });
            if (!when.isEmpty())
                when[0] = when[0].toUpper();
            fact(QObject::tr("When"), when);
        } else {
            fact(QObject::tr("By when"), s.dueDate.isValid() ? longDate(s.dueDate) : QString());
        }
        fact(QObject::tr("Who helps"), s.whoHelps);
        fact(QObject::tr("Based on"), describeSources(s));

        FlowBlock block = textBlock(
            QStringLiteral("<table width=\"100%\" cellspacing=\"0\" cellpadding=\"0\"><tr>"
                           "<td width=\"38\"><p class=\"num\">%1</p></td>"
                           "<td><p class=\"title\">%2</p>%3"
                           "<table width=\"100%\" cellspacing=\"0\" cellpadding=\"2\" "
                           "style=\"margin-top: 4px\">%4</table></td>"
                           "</tr></table>")
                .arg(number)
                .arg(esc(s.title), status, facts),
            m_width, 12);
        m_flow.add(block);
    }

    void addSetAside()
    {
        QString items;
        for (const PlanStep &s : m_plan.steps) {
            if (s.status != StepStatus::Dropped)
                continue;
            items += QStringLiteral("<p class=\"text\" style=\"margin-top: 3px\">•&nbsp;&nbsp;"
                                    "%1%2</p>")
                         .arg(esc(s.title), s.statusNote.trimmed().isEmpty()
                                                ? QString()
                                                : esc(QStringLiteral(" — ") + s.statusNote));
        }
        if (items.isEmpty())
            return;
        m_flow.add(textBlock(QStringLiteral("<p class=\"boxhead\">%1</p>")
                                 .arg(esc(QObject::tr("Steps we set aside"))),
                             m_width, 18, true));
        m_flow.add(textBlock(items, m_width));
    }

    void addTimeline()
    {
        if (activeSteps().isEmpty())
            return;
        const int toStart = (m_printedOn.dayOfWeek() - int(m_locale.firstDayOfWeek()) + 7) % 7;
        const QDate first = m_printedOn.addDays(-toStart);
        const QDate last = first.addDays(7 * PlanDocument::kTimelineWeeks - 1);

        struct Row
        {
            int number;
            const PlanStep *step;
            QDate start;
            QDate due;
            QVector<QDate> times; // a recurring step's occurrences; empty for a one-off
        };
        QVector<Row> rows;
        int number = 0;
        for (const PlanStep *s : activeSteps()) {
            ++number;
            if (s->status == StepStatus::Done)
                continue;
            const QDate start = m_plan.startDate.addDays(7 * s->startWeek);
            const QDate due =
                s->dueDate.isValid() ? s->dueDate : m_plan.startDate.addDays(7 * s->endWeek);
            if (start > last)
                continue;
            rows.append(
                {number, s, start, due,
                 s->repeatEveryWeeks > 0 ? occurrences(*s, m_plan.startDate) : QVector<QDate>()});
        }

        const int heading = m_flow.add(textBlock(
            QStringLiteral("<p class=\"h2\">%1</p>")
                .arg(esc(QObject::tr("The next %1 weeks").arg(PlanDocument::kTimelineWeeks))),
            m_width, 26, true));
        if (rows.isEmpty()) {
            const bool allDone =
                number > 0 &&
                std::all_of(m_plan.steps.cbegin(), m_plan.steps.cend(), [](const PlanStep &s) {
                    return s.status == StepStatus::Done || s.status == StepStatus::Dropped;
                });
            m_flow.add(textBlock(
                QStringLiteral("<p class=\"text\">%1</p>")
                    .arg(esc(
                        allDone
                            ? QObject::tr("Every step of this plan is done. We will plan the next "
                                          "ones together.")
                            : QObject::tr("No open steps fall in these weeks; we will plan the "
                                          "next ones together."))),
                m_width, 4));
            return;
        }
        m_flow.add(
            textBlock(QStringLiteral("<p class=\"lead\">%1</p>")
                          .arg(esc(QObject::tr(
                              "Which steps you are working on each week, and when each is due. "
                              "Weeks start on the date shown."))),
                      m_width, 2, true));

        // The legend: what the marks mean (only those that appear).
        enum class Mark
        {
            Bar,
            Due,
            Repeat,
            Past,
            GoesOn
        };
        QVector<QPair<Mark, std::shared_ptr<QTextDocument>>> marks;
        auto mark = [&](Mark kind, const QString &phrase) {
            marks.append(
                {kind, textDocument(QStringLiteral("<p class=\"lead\">%1</p>").arg(esc(phrase)),
                                    m_width / 3)});
        };
        mark(Mark::Bar, QObject::tr("working on it"));
        if (std::any_of(rows.cbegin(), rows.cend(), [&](const Row &r) {
                return r.times.isEmpty() && r.due >= first && r.due <= last;
            }))
            mark(Mark::Due, QObject::tr("due"));
        if (std::any_of(rows.cbegin(), rows.cend(),
                        [&](const Row &r) { return !r.times.isEmpty() && r.due >= first; }))
            mark(Mark::Repeat, QObject::tr("each time (a step that repeats)"));
        if (std::any_of(rows.cbegin(), rows.cend(), [&](const Row &r) { return r.due < first; }))
            mark(Mark::Past, QObject::tr("date has passed"));
        if (std::any_of(rows.cbegin(), rows.cend(), [&](const Row &r) { return r.due > last; }))
            mark(Mark::GoesOn, QObject::tr("goes on after these weeks"));
        FlowBlock key;
        key.height = marks.first().second->size().height();
        key.spaceBefore = 8;
        key.keepWithNext = true;
        key.paint = [marks](QPainter &p, qreal) {
            const qreal mid = marks.first().second->size().height() / 2;
            qreal x = 4;
            for (const auto &m : marks) {
                switch (m.first) {
                case Mark::Bar:
                    p.fillRect(QRectF(x, mid - 5, 16, 10), kBar);
                    break;
                case Mark::Due:
                case Mark::Past:
                    drawDiamond(p, QPointF(x + 8, mid), 6, m.first == Mark::Due ? kAccent : kPast);
                    break;
                case Mark::Repeat:
                    p.setPen(Qt::NoPen);
                    p.setBrush(kAccent);
                    p.drawEllipse(QPointF(x + 8, mid), 4, 4);
                    break;
                case Mark::GoesOn: {
                    p.fillRect(QRectF(x, mid - 5, 9, 10), kBar);
                    QPainterPath arrow;
                    arrow.moveTo(x + 9, mid - 8);
                    arrow.lineTo(x + 16, mid);
                    arrow.lineTo(x + 9, mid + 8);
                    arrow.closeSubpath();
                    p.fillPath(arrow, kAccent);
                    break;
                }
                }
                drawDocument(p, *m.second, QPointF(x + 22, 0));
                x += 22 + m.second->idealWidth() + 26;
            }
        };
        m_flow.add(key);

        const qreal labelWidth = std::round(m_width * 0.40);
        const qreal cellWidth = (m_width - labelWidth) / PlanDocument::kTimelineWeeks;

        // The head: month where it changes, and the first day of each week.
        QVector<std::shared_ptr<QTextDocument>> heads;
        for (int w = 0; w < PlanDocument::kTimelineWeeks; ++w) {
            const QDate day = first.addDays(7 * w);
            const bool showMonth = w == 0 || day.month() != day.addDays(-7).month();
            heads.append(textDocument(QStringLiteral("<p align=\"center\" class=\"head\">%1<br>"
                                                     "<b style=\"color: #1d1d1f\">%2</b></p>")
                                          .arg(showMonth ? esc(m_locale.standaloneMonthName(
                                                               day.month(), QLocale::ShortFormat))
                                                         : QStringLiteral("&nbsp;"),
                                               m_locale.toString(day.day())),
                                      cellWidth));
        }
        auto stepHead =
            textDocument(QStringLiteral("<p class=\"head\"><br><b style=\"color: #1d1d1f\">%1</b>"
                                        "</p>")
                             .arg(esc(QObject::tr("Step"))),
                         labelWidth);
        FlowBlock head;
        head.height = heads.first()->size().height() + 6;
        head.spaceBefore = 10;
        head.keepWithNext = true;
        head.paint = [heads, stepHead, labelWidth, cellWidth](QPainter &p, qreal width) {
            drawDocument(p, *stepHead, QPointF(4, 0));
            for (int w = 0; w < heads.size(); ++w)
                drawDocument(p, *heads.at(w), QPointF(labelWidth + w * cellWidth, 0));
            const qreal bottom = heads.first()->size().height() + 5;
            p.setPen(QPen(kAccent, 1.2));
            p.drawLine(QPointF(0, bottom), QPointF(width, bottom));
        };
        const int headIndex = m_flow.add(head);

        for (int i = 0; i < rows.size(); ++i) {
            const Row &r = rows.at(i);
            const bool past = r.due < first;
            QString label = QStringLiteral("<b>%1.</b> %2").arg(r.number).arg(esc(r.step->title));
            if (past)
                label += QStringLiteral(" <span style=\"color: %1\">(%2)</span>")
                             .arg(kPast.name(),
                                  esc(QObject::tr("was due %1")
                                          .arg(m_locale.toString(r.due, QLocale::ShortFormat))));
            auto text = textDocument(QStringLiteral("<p class=\"cell\">%1</p>").arg(label),
                                     labelWidth - 10);
            FlowBlock row;
            row.height = std::max<qreal>(text->size().height() + 8, 22);
            row.header = headIndex;
            const qreal height = row.height;
            const bool shade = i % 2 == 1;
            QVector<int> active;
            QVector<int> times; // weeks a recurring step happens in
            int dueWeek = -1;
            for (int w = 0; w < PlanDocument::kTimelineWeeks; ++w) {
                const QDate from = first.addDays(7 * w);
                const QDate to = from.addDays(6);
                if (r.start <= to && r.due >= from)
                    active.append(w);
                if (r.times.isEmpty() && r.due >= from && r.due <= to)
                    dueWeek = w;
                if (std::any_of(r.times.cbegin(), r.times.cend(),
                                [&](const QDate &d) { return d >= from && d <= to; }))
                    times.append(w);
            }
            if (past) {
                dueWeek = 0;
                times.clear();
            }
            const bool goesOn = r.due > last;
            row.paint = [text, labelWidth, cellWidth, height, shade, active, times, dueWeek, past,
                         goesOn](QPainter &p, qreal width) {
                if (shade)
                    p.fillRect(QRectF(0, 0, width, height), QColor(0xf6, 0xf8, 0xfa));
                p.setPen(QPen(kFaint, 0.8));
                for (int w = 0; w <= PlanDocument::kTimelineWeeks; ++w) {
                    const qreal x = labelWidth + w * cellWidth;
                    p.drawLine(QPointF(x, 0), QPointF(x, height));
                }
                p.setPen(QPen(kRule, 0.8));
                p.drawLine(QPointF(0, height), QPointF(width, height));
                drawDocument(p, *text, QPointF(4, 4));
                const qreal barTop = height / 2 - 5;
                for (int w : active)
                    p.fillRect(QRectF(labelWidth + w * cellWidth, barTop, cellWidth, 10), kBar);
                if (goesOn) {
                    // Runs on past the last week: an arrow head at the end of the bar.
                    QPainterPath arrow;
                    arrow.moveTo(width - 7, barTop - 3);
                    arrow.lineTo(width, barTop + 5);
                    arrow.lineTo(width - 7, barTop + 13);
                    arrow.closeSubpath();
                    p.fillPath(arrow, kAccent);
                }
                if (dueWeek >= 0)
                    drawDiamond(p, QPointF(labelWidth + (dueWeek + 0.5) * cellWidth, height / 2),
                                6.5, past ? kPast : kAccent);
                p.setPen(Qt::NoPen);
                p.setBrush(kAccent);
                for (int w : times)
                    p.drawEllipse(QPointF(labelWidth + (w + 0.5) * cellWidth, height / 2), 4, 4);
            };
            const int added = m_flow.add(row);
            // The timeline reads best whole: on one page when it fits on one.
            if (i == rows.size() - 1)
                m_flow.keepTogether(heading, added);
        }
    }

    void addNotes()
    {
        m_flow.add(
            textBlock(QStringLiteral("<p class=\"h2\">%1</p>").arg(esc(QObject::tr("Notes"))),
                      m_width, 26, true));
        constexpr int kLines = 7;
        constexpr qreal kPitch = 28;
        FlowBlock lines;
        lines.height = kLines * kPitch;
        lines.paint = [](QPainter &p, qreal width) {
            p.setPen(QPen(kRule, 0.8));
            for (int i = 1; i <= kLines; ++i)
                p.drawLine(QPointF(0, i * kPitch), QPointF(width, i * kPitch));
        };
        m_flow.add(lines);
    }

    void addAgreement()
    {
        m_flow.add(textBlock(
            QStringLiteral("<p class=\"h2\">%1</p>").arg(esc(QObject::tr("Our agreement"))),
            m_width, 26, true));
        m_flow.add(textBlock(
            QStringLiteral("<p class=\"intro\">%1</p>")
                .arg(esc(QObject::tr(
                    "We have talked this plan through and agree to work on it together."))),
            m_width, 4, true));

        const qreal dateWidth = std::round(m_width * 0.28);
        const qreal signWidth = m_width - dateWidth - 24;
        auto label = [](const QString &what, const QString &who, qreal width) {
            return textDocument(QStringLiteral("<p class=\"label\">%1</p><p class=\"value\">%2</p>")
                                    .arg(esc(what), esc(who)),
                                width);
        };
        struct Line
        {
            std::shared_ptr<QTextDocument> sign;
            std::shared_ptr<QTextDocument> date;
        };
        const QVector<Line> lines = {
            {label(QObject::tr("Client signature"), m_client.fullName(), signWidth),
             label(QObject::tr("Date"), QString(), dateWidth)},
            {label(QObject::tr("Counselor signature"), m_counselor, signWidth),
             label(QObject::tr("Date"), QString(), dateWidth)},
        };
        constexpr qreal kSpace = 44; // room to sign above each line
        const qreal rowHeight = kSpace + lines.first().sign->size().height() + 10;
        FlowBlock block;
        block.height = lines.size() * rowHeight;
        block.paint = [lines, rowHeight, signWidth, dateWidth](QPainter &p, qreal width) {
            for (int i = 0; i < lines.size(); ++i) {
                const qreal y = i * rowHeight + kSpace;
                p.setPen(QPen(kInk, 0.9));
                p.drawLine(QPointF(0, y), QPointF(signWidth, y));
                p.drawLine(QPointF(width - dateWidth, y), QPointF(width, y));
                drawDocument(p, *lines.at(i).sign, QPointF(0, y + 4));
                drawDocument(p, *lines.at(i).date, QPointF(width - dateWidth, y + 4));
            }
        };
        m_flow.add(block);
    }

    const Client &m_client;
    const Plan &m_plan;
    const QString &m_counselor;
    const ReportSettings &m_settings;
    const QDate &m_printedOn;
    const QLocale &m_locale;
    const QImage &m_logo;
    PageFlow &m_flow;
    qreal m_width;
};

QPageSize pageSizeOf(PaperSize size)
{
    return QPageSize(size == PaperSize::Letter ? QPageSize::Letter : QPageSize::A4);
}

} // namespace

PlanDocument::PlanDocument(Client client, Plan plan, QString counselorName, ReportSettings settings,
                           QDate printedOn, QLocale locale)
    : m_client(std::move(client)), m_plan(std::move(plan)), m_counselor(std::move(counselorName)),
      m_settings(std::move(settings)), m_printedOn(printedOn), m_locale(std::move(locale))
{}

QString PlanDocument::fontFamily()
{
    return QStringLiteral("DejaVu Sans");
}

QPageLayout PlanDocument::pageLayout() const
{
    return QPageLayout(pageSizeOf(m_settings.paperSize), QPageLayout::Portrait,
                       QMarginsF(18, 16, 18, 12), QPageLayout::Millimeter);
}

namespace {

Status checkFont()
{
    static bool found = false;
    if (!found)
        found = QFontDatabase::families().contains(PlanDocument::fontFamily());
    if (!found)
        return Error{Error::Code::NotFound,
                     QObject::tr("The font %1 is not installed, so names cannot be printed "
                                 "reliably; install it (Debian: fonts-dejavu-core)")
                         .arg(PlanDocument::fontFamily())};
    return {};
}

Result<QImage> loadLogo(const QString &path)
{
    if (path.isEmpty())
        return QImage();
    QImageReader reader(path);
    QImage image = reader.read();
    if (image.isNull())
        return Error{Error::Code::Io,
                     QObject::tr("Cannot read the agency logo %1 (setting agency/logo): %2")
                         .arg(path, reader.errorString())};
    return image;
}

// Lays the document out on pages of `layout`'s printable area.
} // namespace

Result<std::unique_ptr<PageFlow>> PlanDocument::layOut(const QSizeF &area) const
{
    if (Status font = checkFont(); !font)
        return font.error();
    auto logo = loadLogo(m_settings.logoPath);
    if (!logo)
        return logo.error();
    auto flow = std::make_unique<PageFlow>(area.width(), area.height() - kFooterHeight);
    Builder(m_client, m_plan, m_counselor, m_settings, m_printedOn, m_locale, logo.value(), *flow)
        .build();
    return flow;
}

Result<int> PlanDocument::pageCount() const
{
    auto flow = layOut(pageLayout().paintRect(QPageLayout::Inch).size() * kUnitsPerInch);
    if (!flow)
        return flow.error();
    return int(flow.value()->paginate().size());
}

Result<int> PlanDocument::paint(QPagedPaintDevice &device) const
{
    QPainter painter;
    if (!painter.begin(&device))
        return Error{Error::Code::Io, QObject::tr("Cannot start printing the plan")};
    auto pages = paint(painter, device, false);
    if (!pages) {
        painter.end();
        return pages;
    }
    if (!painter.end())
        return Error{Error::Code::Io, QObject::tr("Cannot finish printing the plan")};
    return pages;
}

Result<int> PlanDocument::paint(QPainter &painter, QPagedPaintDevice &device,
                                bool startOnNewPage) const
{
    // Laid out in layout units on the device's printable area, whatever its resolution.
    const QSizeF area = device.pageLayout().paintRect(QPageLayout::Inch).size() * kUnitsPerInch;
    auto laidOut = layOut(area);
    if (!laidOut)
        return laidOut.error();
    const PageFlow &flow = *laidOut.value();
    const QVector<FlowPage> pages = flow.paginate();

    painter.setRenderHint(QPainter::Antialiasing);
    const qreal scale = device.logicalDpiX() / kUnitsPerInch;
    // The client's name on every page; the date too when both fit on one line.
    const QString footerName =
        QStringLiteral("<p class=\"footer\">%1&nbsp;&nbsp;·&nbsp;&nbsp;%2</p>")
            .arg(esc(m_client.fullName()), esc(QObject::tr("Career plan")));
    auto footer =
        textDocument(QStringLiteral("<p class=\"footer\">%1&nbsp;&nbsp;·&nbsp;&nbsp;%2</p>")
                         .arg(esc(m_client.fullName()),
                              esc(QObject::tr("Career plan, %1")
                                      .arg(m_locale.toString(m_printedOn, QLocale::ShortFormat)))),
                     area.width() * 0.75);
    if (footer->documentLayout()->documentSize().height() >
        textDocument(footerName, area.width() * 0.75)->size().height())
        footer = textDocument(footerName, area.width() * 0.75);
    for (int i = 0; i < pages.size(); ++i) {
        if ((i > 0 || startOnNewPage) && !device.newPage())
            return Error{Error::Code::Io, QObject::tr("Cannot start page %1").arg(i + 1)};
        painter.save();
        painter.scale(scale, scale);
        flow.paint(painter, pages.at(i));

        const qreal top = area.height() - kFooterHeight + 18;
        painter.setPen(QPen(kRule, 0.8));
        painter.drawLine(QPointF(0, top), QPointF(area.width(), top));
        drawDocument(painter, *footer, QPointF(0, top + 5));
        const auto number =
            textDocument(QStringLiteral("<p align=\"right\" class=\"footer\">%1</p>")
                             .arg(esc(QObject::tr("Page %1 of %2").arg(i + 1).arg(pages.size()))),
                         area.width() * 0.25);
        drawDocument(painter, *number, QPointF(area.width() * 0.75, top + 5));
        painter.restore();
    }
    return int(pages.size());
}

Result<int> PlanDocument::writePdf(const QString &path) const
{
    QSaveFile file(path);
    if (const Status opened = privatefiles::open(file); !opened)
        return opened.error();
    Result<int> pages = 0;
    {
        QPdfWriter writer(&file);
        writer.setPageLayout(pageLayout());
        writer.setCreator(QStringLiteral("Pathway"));
        writer.setTitle(QObject::tr("Career plan for %1").arg(m_client.fullName()));
        pages = paint(writer);
    }
    if (!pages) {
        file.cancelWriting();
        return Error{pages.error().code, QObject::tr("Cannot write %1: %2; nothing was written")
                                             .arg(path, pages.error().message)};
    }
    if (!file.commit())
        return Error{
            Error::Code::Io,
            QObject::tr("Cannot write %1: %2; nothing was written").arg(path, file.errorString())};
    return pages;
}

} // namespace pathway
