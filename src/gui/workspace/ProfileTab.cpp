#include "workspace/ProfileTab.h"

#include "ErrorDialog.h"
#include "intake/BarriersPage.h"
#include "intake/EmploymentPage.h"
#include "intake/GoalsPage.h"
#include "intake/HouseholdPage.h"
#include "intake/IdentityPage.h"
#include "intake/IndependencePage.h"
#include "pathway/core/StrategyEngine.h"
#include "pathway/storage/ClientRepository.h"

#include <QAbstractButton>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QMessageBox>
#include <QPushButton>
#include <QResizeEvent>
#include <QScrollArea>
#include <QVBoxLayout>

#include <limits>

namespace pathway {

namespace {

// "Date of &birth:" -> "Date of birth:" ("&&" stays a "&").
QString stripMnemonic(QString text)
{
    for (int i = 0; i < text.size(); ++i) {
        if (text[i] == QLatin1Char('&'))
            text.remove(i, 1); // the next character, even a second "&", stays
    }
    return text;
}

// The interview's Alt+letter keys fit one page at a time; all the pages on
// one tab would claim the same letters many times over (Alt+S for the
// employment status, the skills and Save profile). On this tab the fields
// are reached with Tab; Alt+letter is left to the tabs and the buttons.
void withoutMnemonics(QWidget *page)
{
    for (QLabel *label : page->findChildren<QLabel *>()) {
        if (label->buddy())
            label->setText(stripMnemonic(label->text()));
    }
    for (QAbstractButton *button : page->findChildren<QAbstractButton *>())
        button->setText(stripMnemonic(button->text()));
}

} // namespace

ProfileTab::ProfileTab(Database &db, const StrategyEngine &engine, qint64 clientId, QWidget *parent)
    : QWidget(parent), m_db(db), m_engine(engine), m_clientId(clientId), m_names(UserNames::loadOrEmpty(db))
{
    auto *identity = new IdentityPage;
    identity->setUserLabels([this](const QString &username) { return m_names.label(username); });
    m_pages = {identity,           new HouseholdPage(engine.thresholds()),
               new EmploymentPage, new IndependencePage,
               new BarriersPage,   new GoalsPage};
    auto *content = new QWidget;
    m_sections = new QHBoxLayout(content);
    for (int c = 0; c < 3; ++c) {
        auto *column = new QVBoxLayout;
        column->addStretch(1); // sections keep their height, from the top
        m_sections->addLayout(column, c == 0 ? 1 : 0);
        m_columnLayouts << column;
    }
    for (ProfilePage *page : m_pages) {
        auto *box = new QGroupBox(page->title(), content);
        auto *inner = new QVBoxLayout(box);
        if (!page->subTitle().isEmpty()) {
            auto *hint = new QLabel(page->subTitle(), box);
            hint->setWordWrap(true);
            hint->setStyleSheet(QStringLiteral("font-style: italic;"));
            inner->addWidget(hint);
        }
        page->setParent(box);
        withoutMnemonics(page);
        inner->addWidget(page);
        m_boxes.append(box);
        page->setShowAll(true);
        connect(page, &ProfilePage::edited, this, &ProfileTab::onEdited);
    }
    m_scroll = new QScrollArea(this);
    m_scroll->setObjectName(QStringLiteral("profileScrollArea"));
    m_scroll->setWidgetResizable(true);
    m_scroll->setWidget(content);
    m_scroll->viewport()->installEventFilter(this);
    arrangeSections(0);

    m_problems = new QLabel(this);
    m_problems->setObjectName(QStringLiteral("profileProblemsLabel"));
    m_problems->setWordWrap(true);
    m_problems->setStyleSheet(QStringLiteral("color: #b00020;"));
    m_save = new QPushButton(tr("&Save profile"), this);
    m_save->setObjectName(QStringLiteral("saveProfilePushButton"));
    m_revert = new QPushButton(tr("Re&vert"), this);
    m_revert->setObjectName(QStringLiteral("revertProfilePushButton"));
    auto *bar = new QHBoxLayout;
    bar->addWidget(m_problems, 1);
    bar->addWidget(m_revert);
    bar->addWidget(m_save);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_scroll, 1);
    layout->addLayout(bar);
    connect(m_save, &QPushButton::clicked, this, &ProfileTab::save);
    connect(m_revert, &QPushButton::clicked, this, &ProfileTab::reload);
    reload();
}

bool ProfileTab::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_scroll->viewport() && event->type() == QEvent::Resize)
        arrangeSections(static_cast<QResizeEvent *>(event)->size().width());
    return QWidget::eventFilter(watched, event);
}

void ProfileTab::arrangeSections(int width)
{
    // As many columns of a readable width as fit (up to three, on a wide
    // screen the whole profile is in view), sections in the order of the
    // interview down each column, split where the columns come out closest
    // in height.
    const int columns = qBound(1, width / kSectionWidth, int(m_columnLayouts.size()));
    if (columns == m_columns)
        return;
    m_columns = columns;
    const int columnWidth = width / columns;
    QVector<int> heights;
    for (QWidget *box : std::as_const(m_boxes))
        heights << (box->hasHeightForWidth() ? box->heightForWidth(columnWidth)
                                             : box->sizeHint().height());
    // first[c]: the first section of column c; tried exhaustively (six sections).
    QVector<int> best;
    int bestHeight = std::numeric_limits<int>::max();
    const int n = int(m_boxes.size());
    const auto tallest = [&](const QVector<int> &first) {
        int most = 0;
        for (int c = 0; c < first.size(); ++c) {
            const int end = c + 1 < first.size() ? first[c + 1] : n;
            int sum = 0;
            for (int i = first[c]; i < end; ++i)
                sum += heights[i];
            most = qMax(most, sum);
        }
        return most;
    };
    for (int a = 1; a <= n; ++a) {
        for (int b = a; b <= n; ++b) {
            QVector<int> first{0};
            if (columns >= 2)
                first << a;
            if (columns >= 3)
                first << b;
            const int h = tallest(first);
            if (h < bestHeight) {
                bestHeight = h;
                best = first;
            }
            if (columns < 3)
                break;
        }
        if (columns < 2)
            break;
    }
    for (QWidget *box : std::as_const(m_boxes)) {
        for (QVBoxLayout *column : std::as_const(m_columnLayouts))
            column->removeWidget(box);
    }
    for (int c = 0; c < best.size(); ++c) {
        const int end = c + 1 < best.size() ? best[c + 1] : n;
        for (int i = best[c]; i < end; ++i)
            m_columnLayouts[c]->insertWidget(i - best[c], m_boxes[i]);
    }
    for (int c = 0; c < m_columnLayouts.size(); ++c)
        m_sections->setStretch(c, c < columns ? 1 : 0);
    // One column keeps to a readable width; several share the window's.
    m_scroll->widget()->setMaximumWidth(columns == 1 ? 1000 : QWIDGETSIZE_MAX);
}

bool ProfileTab::reload()
{
    ClientRepository clients(m_db, m_engine.thresholds());
    auto c = clients.get(m_clientId);
    if (!c) {
        ErrorDialog::show(this, tr("read the profile"), c.error());
        return false;
    }
    m_stored = c.value();
    for (ProfilePage *page : m_pages)
        page->load(m_stored);
    onEdited();
    m_dirty = false;
    m_save->setEnabled(false);
    m_revert->setEnabled(false);
    return true;
}

Client ProfileTab::client() const
{
    Client c = m_stored;
    for (const ProfilePage *page : m_pages)
        page->store(c);
    return c;
}

QStringList ProfileTab::problems() const
{
    return ProfilePage::describeAll(m_pages, validateIntake(client(), m_today));
}

void ProfileTab::onEdited()
{
    m_dirty = true;
    const QVector<FieldError> errors = validateIntake(client(), m_today);
    for (ProfilePage *page : m_pages)
        page->showErrors(errors);
    const QStringList all = ProfilePage::describeAll(m_pages, errors);
    m_problems->setText(all.isEmpty()
                            ? QString()
                            : tr("Fix before saving: %1").arg(all.join(QStringLiteral("; "))));
    m_save->setEnabled(all.isEmpty());
    m_revert->setEnabled(true);
}

bool ProfileTab::affectsPlan(const Client &before, const Client &after,
                             const StrategyEngine &engine)
{
    const IncomeThresholds &t = engine.thresholds();
    return t.bracketFor(before) != t.bracketFor(after) ||
           before.employmentStatus != after.employmentStatus ||
           before.weeksUnemployed != after.weeksUnemployed ||
           before.independence != after.independence || before.barriers != after.barriers ||
           before.goals != after.goals;
}

bool ProfileTab::save()
{
    if (!problems().isEmpty())
        return false;
    const Client edited = client();
    ClientRepository clients(m_db, m_engine.thresholds());
    if (const Status done = clients.update(edited); !done) {
        ErrorDialog::show(this, tr("save the profile"), done.error());
        return false;
    }
    const bool planAffected = affectsPlan(m_stored, edited, m_engine);
    reload();
    Q_EMIT saved();
    if (planAffected) {
        QMessageBox ask(QMessageBox::Question, tr("Regenerate the plan?"),
                        tr("The change affects which steps fit this client."),
                        QMessageBox::NoButton, this);
        ask.setObjectName(QStringLiteral("regenerateMessageBox"));
        ask.setInformativeText(tr("Propose the plan again and see what would change?"));
        auto *yes = ask.addButton(tr("&See the changes"), QMessageBox::AcceptRole);
        yes->setObjectName(QStringLiteral("seeChangesPushButton"));
        auto *no = ask.addButton(tr("&Not now"), QMessageBox::RejectRole);
        no->setObjectName(QStringLiteral("notNowPushButton"));
        ask.exec();
        if (ask.clickedButton() == yes)
            Q_EMIT regenerateRequested();
    }
    return true;
}

} // namespace pathway
