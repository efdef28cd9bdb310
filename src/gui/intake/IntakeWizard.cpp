#include "intake/IntakeWizard.h"
#include "WindowGeometry.h"

#include "ErrorDialog.h"
#include "Settings.h"
#include "intake/BarriersPage.h"
#include "intake/DuplicateDialog.h"
#include "intake/EmploymentPage.h"
#include "intake/GoalsPage.h"
#include "intake/HouseholdPage.h"
#include "intake/IdentityPage.h"
#include "intake/IndependencePage.h"
#include "intake/ReviewPage.h"
#include "pathway/core/StrategyEngine.h"
#include "pathway/storage/Accounts.h"
#include "pathway/storage/ClientRepository.h"
#include "pathway/storage/Database.h"
#include "pathway/storage/DraftRepository.h"
#include "pathway/storage/IntakeService.h"

#include <QAbstractButton>
#include <QLocale>
#include <QMessageBox>
#include <QPushButton>

namespace pathway {

IntakeWizard::IntakeWizard(Database &db, const StrategyEngine &engine, QWidget *parent)
    : QWizard(parent), m_db(db), m_engine(engine), m_names(UserNames::loadOrEmpty(db))
{
    setObjectName(QStringLiteral("intakeWizard"));
    setWindowTitle(tr("New intake"));
    setWizardStyle(QWizard::ClassicStyle);
    setOption(QWizard::HaveCustomButton1);
    setOption(QWizard::NoBackButtonOnStartPage);
    setButtonText(QWizard::CustomButton1, tr("Save &draft"));
    button(QWizard::CustomButton1)->setObjectName(QStringLiteral("saveDraftPushButton"));
    button(QWizard::CustomButton1)
        ->setToolTip(tr("Keep this interview to finish later (File > Resume draft)"));
    button(QWizard::FinishButton)->setObjectName(QStringLiteral("finishPushButton"));
    button(QWizard::NextButton)->setObjectName(QStringLiteral("nextPushButton"));
    button(QWizard::BackButton)->setObjectName(QStringLiteral("backPushButton"));
    button(QWizard::CancelButton)->setObjectName(QStringLiteral("cancelPushButton"));
    setButtonLayout({QWizard::CustomButton1, QWizard::Stretch, QWizard::BackButton,
                     QWizard::NextButton, QWizard::FinishButton, QWizard::CancelButton});
    connect(this, &QWizard::customButtonClicked, this, [this](int which) {
        if (which == QWizard::CustomButton1)
            saveDraft();
    });

    auto *identity = new IdentityPage(this);
    setUpCounselors(identity);
    m_pages = {identity,
               new HouseholdPage(engine.thresholds(), this),
               new EmploymentPage(this),
               new IndependencePage(this),
               new BarriersPage(this),
               new GoalsPage(this)};
    const char *names[] = {"identityWizardPage",     "householdWizardPage", "employmentWizardPage",
                           "independenceWizardPage", "barriersWizardPage",  "goalsWizardPage"};
    for (int i = 0; i < m_pages.size(); ++i) {
        m_pages[i]->setObjectName(QLatin1String(names[i]));
        m_pages[i]->load(m_base);
        setPage(i, m_pages[i]);
        connect(m_pages[i], &ProfilePage::edited, this, &IntakeWizard::onEdited);
    }
    m_review = new ReviewPage(
        [this] {
            ReviewPage::Content content{summaryHtml(client()), {}};
            const QVector<FieldError> all = errors();
            const QStringList texts = ProfilePage::describeAll(m_pages, all);
            for (int i = 0; i < all.size(); ++i)
                content.problems.append({texts[i], all[i].field});
            return content;
        },
        this);
    m_review->setObjectName(QStringLiteral("reviewWizardPage"));
    setPage(ReviewPageId, m_review);
    connect(m_review, &ReviewPage::problemChosen, this, &IntakeWizard::goToField);
    // Arriving on a page (Next or Back), the focus is on its first field;
    // on the way of working it is on the choice made.
    connect(this, &QWizard::currentIdChanged, this, [this](int id) {
        if (auto *independence = qobject_cast<IndependencePage *>(page(id)))
            independence->focusChoice();
    });

    windowGeometry::place(this, Settings().intakeWizardGeometry(), QSizeF(0.5, 0.85),
                          QSize(820, 600));
}

void IntakeWizard::setUpCounselors(IdentityPage *identity)
{
    // A counselor's intake is theirs; a supervisor or administrator chooses
    // among the active counselors.
    const Actor &actor = m_db.actor();
    const bool own = actor.kind == Actor::Kind::Person && actor.role == Role::Counselor;
    QVector<User> counselors;
    auto users = accounts::users(m_db);
    if (users) {
        for (const User &u : users.value()) {
            if (own ? u.username == actor.username : u.active && u.role == Role::Counselor)
                counselors.append(u);
        }
    }
    if (own) {
        if (counselors.isEmpty()) { // listing failed: the name alone will do
            User self;
            self.username = actor.username;
            counselors.append(self);
        }
        m_base.counselor = actor.username;
    }
    m_chooseCounselor = !own;
    identity->setCounselors(counselors, own);
}

void IntakeWizard::setToday(const QDate &today)
{
    m_today = today;
    onEdited();
    m_dirty = false;
}

void IntakeWizard::resume(const IntakeDraft &draft)
{
    m_draftId = draft.id;
    m_base = draft.profile;
    for (ProfilePage *page : m_pages) {
        page->load(m_base);
        page->setShowAll(true);
    }
    const int target = qBound(0, draft.page, int(ReviewPageId));
    // Finish looks for duplicates again (clients may have been added since),
    // but does not ask again about those the counselor already answered.
    m_notDuplicates = draft.notDuplicates;
    restart();
    if (target != currentId())
        setCurrentId(target);
    onEdited();
    m_dirty = false;
    setWindowTitle(tr("Intake: %1").arg(draft.label));
}

Client IntakeWizard::client() const
{
    Client c = m_base;
    for (const ProfilePage *page : m_pages)
        page->store(c);
    return c;
}

QVector<FieldError> IntakeWizard::errors() const
{
    const Client c = client();
    QVector<FieldError> all = ProfilePage::withInputErrors(m_pages, validateIntake(c, m_today));
    // A client taken in by a supervisor must go to someone (validation
    // allows none for files, where the counselor is optional).
    if (m_chooseCounselor && c.counselor.isEmpty())
        all.append(
            {QStringLiteral("counselor"), tr("is required: choose who the client is assigned to")});
    return all;
}

QStringList IntakeWizard::problems() const
{
    return ProfilePage::describeAll(m_pages, errors());
}

void IntakeWizard::onEdited()
{
    m_dirty = true;
    const QVector<FieldError> all = errors();
    for (ProfilePage *page : m_pages)
        page->showErrors(all);
    if (currentId() == ReviewPageId)
        m_review->refresh();
}

bool IntakeWizard::validateCurrentPage()
{
    if (auto *page = qobject_cast<ProfilePage *>(currentPage())) {
        page->setShowAll(true);
        page->showErrors(errors());
    }
    // Ask about duplicates as soon as the identity is known, not after the
    // whole interview.
    if (currentId() == IdentityPageId && !checkDuplicates())
        return false;
    return QWizard::validateCurrentPage();
}

bool IntakeWizard::goToField(const QString &field)
{
    const FieldError error{field, QString()};
    for (int i = 0; i < m_pages.size(); ++i) {
        QWidget *editor = m_pages[i]->fieldWidget(error);
        if (!editor)
            continue;
        // Back page by page (as Back does), so that Next goes on from there.
        while (currentId() != i && visitedIds().contains(i) && currentId() != visitedIds().first())
            back();
        if (currentId() != i)
            setCurrentId(i);
        if (currentId() != i)
            return false;
        editor->setFocus(Qt::OtherFocusReason);
        return true;
    }
    return false;
}

bool IntakeWizard::checkDuplicates()
{
    const Client c = client();
    ClientRepository clients(m_db, m_engine.thresholds());
    auto found = clients.possibleDuplicates(c);
    if (!found) {
        ErrorDialog::show(this, tr("look for possible duplicates"), found.error());
        return false;
    }
    // Clients the counselor already said are someone else are not asked about again.
    QVector<PossibleDuplicate> matches;
    for (const PossibleDuplicate &d : found.value()) {
        if (!m_notDuplicates.contains(d.id))
            matches.append(d);
    }
    if (matches.isEmpty())
        return true;
    DuplicateDialog dialog(matches, this);
    dialog.exec();
    switch (dialog.choice()) {
    case DuplicateDialog::CreateNew:
        for (const PossibleDuplicate &d : std::as_const(matches))
            m_notDuplicates.append(d.id);
        m_dirty = true; // the answer is part of the interview, kept in its draft
        return true;
    case DuplicateDialog::OpenExisting: {
        const qint64 id = dialog.selectedId();
        m_dirty = false; // the counselor chose the existing record over this interview
        QDialog::reject();
        Q_EMIT openClientRequested(id);
        return false;
    }
    case DuplicateDialog::GoBack:
        break;
    }
    return false;
}

bool IntakeWizard::saveDraft()
{
    IntakeDraft draft;
    draft.id = m_draftId;
    draft.profile = client();
    // A draft belongs to whoever interviewed, not to the client's counselor.
    const Actor &actor = m_db.actor();
    draft.counselor = actor.kind == Actor::Kind::Person ? actor.username : draft.profile.counselor;
    const QString name = draft.profile.fullName().trimmed();
    draft.label = name.isEmpty() ? tr("(no name yet)") : name;
    draft.page = qMax(0, currentId());
    draft.notDuplicates = m_notDuplicates;
    DraftRepository drafts(m_db);
    Status saved = drafts.save(draft);
    if (!saved && saved.error().code == Error::Code::NotFound) {
        draft.id = 0; // deleted meanwhile: keep the work as a new draft
        saved = drafts.save(draft);
    }
    if (!saved) {
        ErrorDialog::show(this, tr("save the draft"), saved.error());
        return false;
    }
    m_draftId = draft.id;
    m_dirty = false;
    Q_EMIT draftSaved(m_draftId);
    return true;
}

void IntakeWizard::closeKeepingDraft()
{
    if (m_dirty)
        saveDraft();
    m_dirty = false;
    Settings().setIntakeWizardGeometry(saveGeometry());
    QWizard::reject();
}

void IntakeWizard::accept()
{
    const Client c = client();
    if (!errors().isEmpty()) {
        m_review->refresh();
        return;
    }
    if (!checkDuplicates())
        return;
    auto id = intake::complete(m_db, m_engine, c, m_today, m_draftId);
    if (!id) {
        ErrorDialog::show(this, tr("save the client"), id.error());
        return;
    }
    m_createdId = id.value();
    m_draftId = 0;
    m_dirty = false;
    Settings().setIntakeWizardGeometry(saveGeometry());
    QWizard::accept();
    Q_EMIT clientCreated(m_createdId);
}

void IntakeWizard::reject()
{
    if (m_dirty) {
        QMessageBox box(QMessageBox::Question, tr("Close the interview?"),
                        tr("This interview has answers that are not saved."), QMessageBox::NoButton,
                        this);
        box.setObjectName(QStringLiteral("unsavedMessageBox"));
        box.setInformativeText(tr("Save them as a draft to finish later, or discard them?"));
        auto *save = box.addButton(tr("Save &draft"), QMessageBox::AcceptRole);
        auto *discard = box.addButton(tr("Dis&card"), QMessageBox::DestructiveRole);
        auto *stay = box.addButton(tr("&Keep interviewing"), QMessageBox::RejectRole);
        save->setObjectName(QStringLiteral("saveDraftPushButton"));
        discard->setObjectName(QStringLiteral("discardPushButton"));
        stay->setObjectName(QStringLiteral("keepPushButton"));
        box.setDefaultButton(stay);
        box.exec();
        if (box.clickedButton() == save) {
            if (!saveDraft())
                return;
        } else if (box.clickedButton() != discard) {
            return;
        }
    }
    Settings().setIntakeWizardGeometry(saveGeometry());
    QWizard::reject();
}

QString IntakeWizard::summaryHtml(const Client &c)
{
    auto row = [](const QString &k, const QString &v) {
        return QStringLiteral("<tr><td style='padding-right:16px'><b>%1</b></td><td>%2</td></tr>")
            .arg(k.toHtmlEscaped(), v.toHtmlEscaped());
    };
    const QLocale locale;
    QString html = QStringLiteral("<table>");
    html += row(tr("Name"), c.fullName());
    html += row(tr("Date of birth"),
                c.dateOfBirth.isValid() ? c.dateOfBirth.toString(Qt::ISODate) : tr("(not given)"));
    html += row(tr("Email"), c.email);
    html += row(tr("Phone"), c.phone);
    html += row(tr("Address"), QString(c.address).replace(QLatin1Char('\n'), QStringLiteral(", ")));
    html += row(tr("Counselor"), m_names.label(c.counselor));
    html += row(tr("Household"), tr("%n people", nullptr, c.householdSize));
    html += row(tr("Yearly income"), locale.toString(c.annualIncome));
    const IncomeBracket bracket = m_engine.thresholds().bracketFor(c);
    html += row(tr("Income bracket"),
                c.incomeBracketOverride
                    ? tr("%1 (override: %2)").arg(toLabel(bracket), c.incomeBracketReason)
                    : toLabel(bracket));
    html +=
        row(tr("Employment"),
            c.employmentStatus == EmploymentStatus::Unemployed
                ? tr("%1, %n weeks", nullptr, c.weeksUnemployed).arg(toLabel(c.employmentStatus))
                : toLabel(c.employmentStatus));
    html += row(tr("Works best"), toLabel(c.independence));
    QStringList barriers;
    for (const Barrier &b : c.barriers) {
        const QString severity = b.severity == 3   ? tr("severe")
                                 : b.severity == 2 ? tr("moderate")
                                                   : tr("mild");
        barriers << (b.note.isEmpty() ? tr("%1 (%2)").arg(toLabel(b.code), severity)
                                      : tr("%1 (%2): %3").arg(toLabel(b.code), severity, b.note));
    }
    html +=
        row(tr("Barriers"), barriers.isEmpty() ? tr("none") : barriers.join(QStringLiteral("; ")));
    QStringList goals;
    for (GoalCode g : c.goals)
        goals << toLabel(g);
    html += row(tr("Goals"), goals.join(QStringLiteral(", ")));
    html += row(tr("Skills"), c.skills.join(QStringLiteral(", ")));
    html += row(tr("Interests"), c.interests.join(QStringLiteral(", ")));
    html += row(tr("Education"), toLabel(c.educationLevel));
    html += QStringLiteral("</table>");
    return html;
}

} // namespace pathway
