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
#include <QGridLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QMessageBox>
#include <QPushButton>
#include <QResizeEvent>
#include <QScrollArea>
#include <QVBoxLayout>

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
    : QWidget(parent), m_db(db), m_engine(engine), m_clientId(clientId), m_names(db)
{
    auto *identity = new IdentityPage;
    identity->setUserLabels([this](const QString &username) { return m_names.label(username); });
    m_pages = {identity,           new HouseholdPage(engine.thresholds()),
               new EmploymentPage, new IndependencePage,
               new BarriersPage,   new GoalsPage};
    auto *content = new QWidget;
    m_sections = new QGridLayout(content);
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
    arrangeSections(1);

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
    if (watched == m_scroll->viewport() && event->type() == QEvent::Resize) {
        // Two columns where two readable columns fit (a wide screen), so the
        // whole profile is in view; one below that.
        const int width = static_cast<QResizeEvent *>(event)->size().width();
        arrangeSections(width >= 2 * kSectionWidth ? 2 : 1);
    }
    return QWidget::eventFilter(watched, event);
}

void ProfileTab::arrangeSections(int columns)
{
    if (columns == m_columns)
        return;
    m_columns = columns;
    for (QWidget *box : std::as_const(m_boxes))
        m_sections->removeWidget(box);
    // Identity, household and employment on the left; how the client works,
    // barriers and goals on the right: the order of the interview.
    const int perColumn = int(m_boxes.size() + columns - 1) / columns;
    for (int i = 0; i < m_boxes.size(); ++i)
        m_sections->addWidget(m_boxes[i], i % perColumn, i / perColumn, Qt::AlignTop);
    for (int c = 0; c < 2; ++c)
        m_sections->setColumnStretch(c, c < columns ? 1 : 0);
    m_sections->setRowStretch(perColumn, 1);
    // Long lines are hard to read: one column keeps to a readable width.
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
