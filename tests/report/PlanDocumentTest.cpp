#include "TestSupport.h"

#include "pathway/core/IncomeThresholds.h"
#include "pathway/core/RuleBase.h"
#include "pathway/core/StrategyEngine.h"
#include "pathway/report/PlanDocument.h"
#include "pathway/report/PlanFileName.h"
#include "pathway/report/ReportSettings.h"

#include <QDir>
#include <QFile>
#include <QImage>
#include <QProcess>
#include <QRegularExpression>
#include <QSettings>
#include <QTemporaryDir>

#include <algorithm>

#include <catch2/catch.hpp>

using namespace pathway;

namespace {

const QLocale kLocale(QLocale::English, QLocale::UnitedKingdom);

// The text of a PDF (or of pages first..last), as pdftotext reads it.
QString pdfText(const QString &path, int first = 0, int last = 0)
{
    QStringList args = {QStringLiteral("-enc"), QStringLiteral("UTF-8")};
    if (first > 0)
        args << QStringLiteral("-f") << QString::number(first) << QStringLiteral("-l")
             << QString::number(last > 0 ? last : first);
    args << path << QStringLiteral("-");
    QProcess p;
    p.start(QStringLiteral("pdftotext"), args);
    REQUIRE(p.waitForFinished(60000));
    REQUIRE(p.exitCode() == 0);
    return QString::fromUtf8(p.readAllStandardOutput());
}

// The same text without white space and hyphens, so that a sentence wrapped
// over lines still matches (pdftotext joins "lower-" and "middle" at a line
// end into "lowermiddle"): compare with squeeze(expected).
QString squeeze(const QString &text)
{
    QString out = text;
    out.remove(QRegularExpression(QStringLiteral("[\\s-]+")));
    return out;
}

QString pdfInfo(const QString &path)
{
    QProcess p;
    p.start(QStringLiteral("pdfinfo"), {path});
    REQUIRE(p.waitForFinished(60000));
    return QString::fromUtf8(p.readAllStandardOutput());
}

ReportSettings settings()
{
    ReportSettings s;
    s.agencyName = QStringLiteral("Riverside Career Center");
    s.paperSize = PaperSize::A4;
    return s;
}

Plan planFor(const Client &client)
{
    static const StrategyEngine engine(RuleBase::builtIn(), IncomeThresholds::builtIn());
    return engine.propose(client, test::today());
}

// The sample client (Zoë Ñúñez-Łukasiewicz) with a plan of several steps.
struct Sample
{
    Client client = test::sampleClient();
    Plan plan;
    Sample()
    {
        client.id = 41;
        plan = planFor(client);
    }
    PlanDocument document(const ReportSettings &s = settings()) const
    {
        return PlanDocument(client, plan, QStringLiteral("Bảo Nguyễn"), s, test::today(), kLocale);
    }
};

PlanStep extraStep(int n, Phase phase)
{
    PlanStep s;
    s.phase = phase;
    s.title = QStringLiteral("Extra step number %1").arg(n);
    s.description = QStringLiteral("A longer description of extra step %1, long enough to take "
                                   "two or three lines on the page, so that the plan fills "
                                   "pages the way a real one does.")
                        .arg(n);
    s.reason = QStringLiteral("You told us reason %1 matters to you.").arg(n);
    s.whoHelps = QStringLiteral("Helper %1 from the agency").arg(n);
    s.startWeek = n % 6;
    s.endWeek = 4 + n % 10;
    s.dueDate = test::today().addDays(7 * s.endWeek);
    return s;
}

QFile::Permissions ownerOnly()
{
    return QFile::ReadOwner | QFile::WriteOwner | QFile::ReadUser | QFile::WriteUser;
}

} // namespace

TEST_CASE("A printed plan holds the name, the people, every step with its reason, and "
          "signature lines")
{
    const Sample sample;
    REQUIRE(sample.plan.steps.size() >= 3);
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("plan.pdf"));
    const auto pages = sample.document().writePdf(path);
    REQUIRE(pages.ok());
    CHECK(pages.value() >= 1);

    const QString text = pdfText(path);
    const QString flat = squeeze(text);
    CHECK(text.contains(QStringLiteral("Zoë Ñúñez-Łukasiewicz")));
    CHECK(text.contains(QStringLiteral("Bảo Nguyễn")));
    CHECK(text.contains(QStringLiteral("Riverside Career Center")));
    CHECK(text.contains(kLocale.toString(test::today(), QStringLiteral("d MMMM yyyy"))));
    for (const PlanStep &s : sample.plan.steps) {
        INFO(s.title.toStdString());
        CHECK(flat.contains(squeeze(s.title)));
        CHECK(flat.contains(squeeze(s.description)));
        CHECK(flat.contains(squeeze(s.reason)));
        CHECK(flat.contains(squeeze(s.whoHelps)));
        if (s.repeatEveryWeeks == 0)
            CHECK(flat.contains(squeeze(kLocale.toString(s.dueDate, QLocale::LongFormat))));
    }
    for (const PlanStep &s : sample.plan.steps)
        CHECK(flat.contains(squeeze(toLabel(s.phase))));
    // The goals and what stands in the way, in their own words; never "problems".
    for (GoalCode g : sample.client.goals)
        CHECK(text.contains(toLabel(g)));
    for (const Barrier &b : sample.client.barriers)
        CHECK(text.contains(toLabel(b.code)));
    CHECK(text.contains(QStringLiteral("What we will work on together")));
    CHECK_FALSE(text.contains(QStringLiteral("problem"), Qt::CaseInsensitive));
    CHECK(text.contains(QStringLiteral("Notes")));
    CHECK(text.contains(QStringLiteral("Client signature")));
    CHECK(text.contains(QStringLiteral("Counselor signature")));
    CHECK(text.count(QStringLiteral("Date")) >= 3);
    CHECK(text.contains(QStringLiteral("Page 1 of %1").arg(pages.value())));
    // Ligatures are off, so "fi" searches and copies as typed.
    CHECK_FALSE(text.contains(QChar(0xFB01)));
    CHECK_FALSE(text.contains(QChar(0xFB02)));
}

TEST_CASE("Names in any script print exactly")
{
    Sample sample;
    const QStringList names = {QStringLiteral("Zoë Ñúñez-Łukasiewicz"),
                               QStringLiteral("Αλέξανδρος Παπαδόπουλος"),
                               QStringLiteral("Дмитрий Соколов"), QStringLiteral("Nguyễn Thị Hằng"),
                               QStringLiteral("Søren Ødegård-Çelik")};
    QTemporaryDir dir;
    for (const QString &name : names) {
        INFO(name.toStdString());
        const int space = int(name.indexOf(QLatin1Char(' ')));
        sample.client.firstName = name.left(space);
        sample.client.lastName = name.mid(space + 1);
        const QString path = dir.filePath(QStringLiteral("name.pdf"));
        REQUIRE(sample.document().writePdf(path).ok());
        const QString text = pdfText(path);
        CHECK(text.contains(name));
        // On every page: in the footer, beside the page number.
        const int pages = int(text.count(QStringLiteral("Page ")));
        CHECK(text.count(name) >= pages + 2);
    }
}

TEST_CASE("A long plan breaks into pages between steps, with 'Page N of M' on each")
{
    Sample sample;
    const Phase phases[] = {Phase::Stabilise, Phase::Build, Phase::Connect, Phase::Advance};
    // From two steps, add steps until the plan takes three pages.
    sample.plan.steps.resize(2);
    int n = 0;
    Result<int> pages = sample.document().pageCount();
    REQUIRE(pages.ok());
    REQUIRE(pages.value() < 3);
    while (pages.ok() && pages.value() < 3) {
        ++n;
        PlanStep step = extraStep(n, phases[n % 4]);
        // Keep the phases in order, as the engine does.
        auto at = std::find_if(sample.plan.steps.begin(), sample.plan.steps.end(),
                               [&](const PlanStep &s) { return s.phase > step.phase; });
        sample.plan.steps.insert(at, step);
        pages = sample.document().pageCount();
    }
    REQUIRE(pages.ok());
    REQUIRE(pages.value() == 3);

    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("long.pdf"));
    const auto written = sample.document().writePdf(path);
    REQUIRE(written.ok());
    CHECK(written.value() == 3);
    CHECK(pdfInfo(path).contains(QRegularExpression(QStringLiteral("Pages:\\s+3\\n"))));

    QStringList pageText;
    for (int p = 1; p <= 3; ++p) {
        pageText << pdfText(path, p);
        CHECK(pageText.last().contains(QStringLiteral("Page %1 of 3").arg(p)));
        CHECK(pageText.last().contains(QStringLiteral("Zoë Ñúñez-Łukasiewicz")));
    }
    CHECK_FALSE(pdfText(path).contains(QStringLiteral("Page 4")));

    // No step is split: its title and its last line ("who helps") share a page.
    for (int i = 1; i <= n; ++i) {
        INFO("extra step " << i);
        const QString title = QStringLiteral("Extra step number %1").arg(i);
        const QString helper = QStringLiteral("Helper %1 from the agency").arg(i);
        int titlePage = 0;
        int helperPage = 0;
        for (int p = 0; p < 3; ++p) {
            const QStringList lines = pageText.at(p).split(QLatin1Char('\n'));
            if (lines.contains(title))
                titlePage = p + 1;
            if (lines.contains(helper))
                helperPage = p + 1;
        }
        CHECK(titlePage > 0);
        CHECK(titlePage == helperPage);
    }
    // No heading ends a page: each phase heading has its first step below it
    // on the same page, and the timeline heading its table.
    for (int p = 0; p < 3; ++p) {
        const QStringList lines = pageText.at(p).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
        for (const Phase ph : phases) {
            const auto heading = std::find_if(lines.cbegin(), lines.cend(), [&](const QString &l) {
                return l.endsWith(toLabel(ph));
            });
            if (heading == lines.cend())
                continue;
            const int at = int(heading - lines.cbegin());
            INFO("page " << p + 1 << ", phase " << toLabel(ph).toStdString());
            const bool stepFollows =
                std::any_of(lines.cbegin() + at, lines.cend(), [](const QString &l) {
                    return l.startsWith(QLatin1String("What to do"));
                });
            CHECK(stepFollows);
        }
        const int timeline = int(lines.indexOf(QStringLiteral("The next 12 weeks")));
        if (timeline >= 0) {
            INFO("page " << p + 1);
            CHECK(lines.indexOf(QStringLiteral("Step"), timeline) > timeline);
        }
    }
}

TEST_CASE("Steps set aside, done and under way are shown as such")
{
    Sample sample;
    REQUIRE(sample.plan.steps.size() >= 3);
    sample.plan.steps[0].status = StepStatus::Done;
    sample.plan.steps[0].completedOn = QDate(2026, 11, 20);
    sample.plan.steps[1].status = StepStatus::InProgress;
    sample.plan.steps[2].status = StepStatus::Dropped;
    sample.plan.steps[2].statusNote = QStringLiteral("Found another way");
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("plan.pdf"));
    REQUIRE(sample.document().writePdf(path).ok());
    const QString text = pdfText(path);
    CHECK(text.contains(QStringLiteral("Done on 20 November 2026")));
    CHECK(text.contains(QStringLiteral("Under way")));
    const int aside = int(text.indexOf(QStringLiteral("Steps we set aside")));
    REQUIRE(aside > 0);
    const QString dropped = squeeze(sample.plan.steps[2].title);
    // Listed once, after the heading, with the note; not among the numbered steps.
    CHECK(squeeze(text).count(dropped) == 1);
    CHECK(squeeze(text.mid(aside)).contains(dropped + QStringLiteral("—Foundanotherway")));
}

TEST_CASE("The timeline shows the open steps of the next twelve weeks")
{
    Sample sample;
    sample.plan.steps.clear();
    PlanStep soon = extraStep(1, Phase::Build);
    soon.title = QStringLiteral("Due in three weeks");
    soon.startWeek = 0;
    soon.dueDate = test::today().addDays(21);
    PlanStep later = extraStep(2, Phase::Build);
    later.title = QStringLiteral("Starts in half a year");
    later.startWeek = 26;
    later.dueDate = test::today().addDays(7 * 30);
    PlanStep done = extraStep(3, Phase::Build);
    done.title = QStringLiteral("Already done");
    done.status = StepStatus::Done;
    PlanStep past = extraStep(4, Phase::Build);
    past.title = QStringLiteral("Still open");
    past.dueDate = test::today().addDays(-30);
    sample.plan.steps = {soon, later, done, past};
    sample.plan.startDate = test::today();

    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("plan.pdf"));
    REQUIRE(sample.document().writePdf(path).ok());
    const QString text = pdfText(path);
    const int timeline = int(text.indexOf(QStringLiteral("The next 12 weeks")));
    REQUIRE(timeline > 0);
    const QString table = text.mid(timeline);
    CHECK(table.contains(QStringLiteral("1. Due in three weeks")));
    CHECK(table.contains(QStringLiteral("4. Still open")));
    CHECK(table.contains(QStringLiteral("was due 24/10/2026")));
    CHECK_FALSE(table.contains(QStringLiteral("Starts in half a year")));
    CHECK_FALSE(table.contains(QStringLiteral("Already done")));
    CHECK(table.contains(QStringLiteral("date has passed")));
}

TEST_CASE("The PDF is private, replaces an older file whole, and a failed write leaves nothing")
{
    const Sample sample;
    QTemporaryDir dir;

    SECTION("mode 0600, also over an existing readable file")
    {
        const QString path = dir.filePath(QStringLiteral("plan.pdf"));
        REQUIRE(sample.document().writePdf(path).ok());
        CHECK(QFile::permissions(path) == ownerOnly());
        CHECK(test::readFile(path).startsWith("%PDF-"));

        const QString old = dir.filePath(QStringLiteral("old.pdf"));
        REQUIRE(test::writeFile(old, "old"));
        REQUIRE(QFile::setPermissions(old, ownerOnly() | QFile::ReadGroup | QFile::ReadOther));
        REQUIRE(sample.document().writePdf(old).ok());
        CHECK(QFile::permissions(old) == ownerOnly());
        CHECK(test::readFile(old).startsWith("%PDF-"));
    }
    SECTION("a folder that cannot exist: its parent is a file")
    {
        const QString blocker = dir.filePath(QStringLiteral("notes.txt"));
        REQUIRE(test::writeFile(blocker, "not a folder"));
        const QString path = blocker + QStringLiteral("/plan.pdf");
        const auto written = sample.document().writePdf(path);
        REQUIRE_FALSE(written.ok());
        CHECK(written.error().code == Error::Code::Io);
        CHECK(written.error().message.contains(path));
        CHECK_FALSE(QFile::exists(path));
        CHECK(QDir(dir.path()).entryList(QDir::Files | QDir::Hidden) ==
              QStringList{QStringLiteral("notes.txt")});
        CHECK(test::readFile(blocker) == "not a folder");
    }
    SECTION("a logo that cannot be read: named, and no file")
    {
        ReportSettings s = settings();
        s.logoPath = dir.filePath(QStringLiteral("missing-logo.png"));
        const QString path = dir.filePath(QStringLiteral("plan.pdf"));
        const auto written = sample.document(s).writePdf(path);
        REQUIRE_FALSE(written.ok());
        CHECK(written.error().message.contains(path));
        CHECK(written.error().message.contains(s.logoPath));
        CHECK(written.error().message.contains(QStringLiteral("agency/logo")));
        CHECK(QDir(dir.path()).entryList(QDir::Files | QDir::Hidden).isEmpty());
    }
}

TEST_CASE("The agency logo is printed, and the paper follows the settings")
{
    const Sample sample;
    QTemporaryDir dir;
    QImage logo(120, 60, QImage::Format_ARGB32);
    logo.fill(QColor(0x1f, 0x4e, 0x79));
    ReportSettings s = settings();
    s.logoPath = dir.filePath(QStringLiteral("logo.png"));
    REQUIRE(logo.save(s.logoPath));

    const QString a4 = dir.filePath(QStringLiteral("a4.pdf"));
    REQUIRE(sample.document(s).writePdf(a4).ok());
    CHECK(pdfInfo(a4).contains(QStringLiteral("(A4)")));
    QProcess images;
    images.start(QStringLiteral("pdfimages"), {QStringLiteral("-list"), a4});
    REQUIRE(images.waitForFinished(60000));
    // A heading line, a rule line, then one line per image.
    CHECK(QString::fromUtf8(images.readAllStandardOutput()).trimmed().split('\n').size() >= 3);

    s.paperSize = PaperSize::Letter;
    const QString letter = dir.filePath(QStringLiteral("letter.pdf"));
    REQUIRE(sample.document(s).writePdf(letter).ok());
    CHECK(pdfInfo(letter).contains(QStringLiteral("612 x 792 pts (letter)")));
}

TEST_CASE("Paper size defaults to Letter where that is the usual paper, else A4")
{
    CHECK(ReportSettings::defaultPaperSize(QLocale(QStringLiteral("en_US"))) == PaperSize::Letter);
    CHECK(ReportSettings::defaultPaperSize(QLocale(QStringLiteral("fr_CA"))) == PaperSize::Letter);
    CHECK(ReportSettings::defaultPaperSize(QLocale(QStringLiteral("es_MX"))) == PaperSize::Letter);
    CHECK(ReportSettings::defaultPaperSize(QLocale(QStringLiteral("es_CO"))) == PaperSize::Letter);
    CHECK(ReportSettings::defaultPaperSize(QLocale(QStringLiteral("en_GB"))) == PaperSize::A4);
    CHECK(ReportSettings::defaultPaperSize(QLocale(QStringLiteral("de_DE"))) == PaperSize::A4);
    CHECK(ReportSettings::defaultPaperSize(QLocale(QStringLiteral("es_ES"))) == PaperSize::A4);
    CHECK(ReportSettings::defaultPaperSize(QLocale::c()) == PaperSize::A4);
    CHECK(paperSizeFromName(QStringLiteral("letter")) == PaperSize::Letter);
    CHECK(paperSizeFromName(QStringLiteral(" A4 ")) == PaperSize::A4);
    CHECK_FALSE(paperSizeFromName(QStringLiteral("Legal")).has_value());
}

TEST_CASE("Agency settings are read from QSettings with defaults, and bad values are named")
{
    QTemporaryDir dir;
    const QString file = dir.filePath(QStringLiteral("Pathway.conf"));
    {
        QSettings empty(file, QSettings::IniFormat);
        const auto loaded = ReportSettings::load(empty, QLocale(QStringLiteral("en_US")));
        REQUIRE(loaded.ok());
        CHECK(loaded->agencyName.isEmpty());
        CHECK(loaded->logoPath.isEmpty());
        CHECK(loaded->paperSize == PaperSize::Letter);
    }
    {
        QSettings settings(file, QSettings::IniFormat);
        ReportSettings s;
        s.agencyName = QStringLiteral("Centre d'emploi Côte-Nord");
        s.logoPath = QStringLiteral("/srv/agency/logo.png");
        s.paperSize = PaperSize::A4;
        s.save(settings);
        settings.sync();
        const auto loaded = ReportSettings::load(settings, QLocale(QStringLiteral("en_US")));
        REQUIRE(loaded.ok());
        CHECK(loaded.value() == s);
    }
    {
        QSettings settings(file, QSettings::IniFormat);
        settings.setValue(QStringLiteral("agency/pageSize"), QStringLiteral("Legal"));
        const auto loaded = ReportSettings::load(settings);
        REQUIRE_FALSE(loaded.ok());
        CHECK(loaded.error().message.contains(QStringLiteral("agency/pageSize")));
        CHECK(loaded.error().message.contains(QStringLiteral("Legal")));
        CHECK(loaded.error().message.contains(file));
    }
}

TEST_CASE("File names keep the letters of a name and nothing a file system refuses")
{
    CHECK(safeFileNamePart(QStringLiteral("Ñúñez-Łukasiewicz")) ==
          QStringLiteral("Ñúñez-Łukasiewicz"));
    CHECK(safeFileNamePart(QStringLiteral("O'Brien / Smith")) == QStringLiteral("O-Brien-Smith"));
    CHECK(safeFileNamePart(QStringLiteral("a:b*c?d\"e<f>g|h\\i")) ==
          QStringLiteral("a-b-c-d-e-f-g-h-i"));
    CHECK(safeFileNamePart(QStringLiteral("..hidden.")) == QStringLiteral("hidden"));
    CHECK(safeFileNamePart(QStringLiteral("  ")) == QStringLiteral("client"));
    CHECK(safeFileNamePart(QStringLiteral("Дмитрий")) == QStringLiteral("Дмитрий"));
    // Decomposed input comes out composed.
    CHECK(safeFileNamePart(QStringLiteral("Zoe\u0308")) == QStringLiteral("Zo\u00eb"));
    // Cut to the byte limit on a character boundary.
    const QString cut = safeFileNamePart(QString(60, QChar(0x0141)), 81);
    CHECK(cut.toUtf8().size() == 80);
    CHECK(cut == QString(40, QChar(0x0141)));

    Client c = test::sampleClient();
    c.id = 41;
    CHECK(planPdfFileName(c) == QStringLiteral("Ñúñez-Łukasiewicz_Zoë_41.pdf"));
}

TEST_CASE("The client's copy names each step's source plainly, shows recurring steps as such, "
          "and leaves severity to the counselor")
{
    Sample sample;
    sample.client.independence = Independence::Guided; // check-ins every two weeks
    sample.plan = planFor(sample.client);
    const auto checkIns =
        std::find_if(sample.plan.steps.cbegin(), sample.plan.steps.cend(), [](const PlanStep &s) {
            return s.strategyId == QStringLiteral("guided-regular-check-ins");
        });
    REQUIRE(checkIns != sample.plan.steps.cend());
    REQUIRE(checkIns->repeatEveryWeeks == 2);
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("plan.pdf"));
    REQUIRE(sample.document().writePdf(path).ok());
    const QString text = pdfText(path);
    const QString flat = squeeze(text);

    // "(severity 3)" is the counselor's scale: the client's copy does not use it.
    CHECK_FALSE(text.contains(QStringLiteral("severity"), Qt::CaseInsensitive));
    // The check-ins: every two weeks from the plan's start to week 26, not one far date.
    const QVector<QDate> days = occurrences(*checkIns, sample.plan.startDate);
    REQUIRE(days.size() == 14);
    CHECK(flat.contains(
        squeeze(QStringLiteral("Every 2 weeks, from %1 to %2")
                    .arg(kLocale.toString(days.first(), QStringLiteral("d MMMM yyyy")),
                         kLocale.toString(days.last(), QStringLiteral("d MMMM yyyy"))))));
    CHECK(text.contains(QStringLiteral("each time")));
    // Where each step comes from: the item of the source text, or the agency's practice,
    // never the group the text was written about.
    for (const PlanStep &s : sample.plan.steps) {
        INFO(s.title.toStdString());
        CHECK(flat.contains(squeeze(describeSources(s))));
    }
    CHECK(text.contains(QStringLiteral("Based on")));
    CHECK(flat.contains(squeeze(QStringLiteral("Source text A, item 1: Identify and address "
                                               "underlying issues"))));
    CHECK(text.contains(QStringLiteral("Agency practice")));
    CHECK_FALSE(text.contains(QStringLiteral("ultra-independent"), Qt::CaseInsensitive));
    CHECK_FALSE(text.contains(QStringLiteral("long-term unemployed people"), Qt::CaseInsensitive));
}
