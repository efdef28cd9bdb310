#pragma once

#include "pathway/core/Client.h"
#include "pathway/core/Validation.h"
#include "pathway/storage/UserNames.h"

#include <QDate>
#include <QVector>
#include <QWizard>

namespace pathway {

class Database;
class IdentityPage;
class ProfilePage;
class ReviewPage;
class StrategyEngine;
struct IntakeDraft;

// The intake interview, in the order a counselor asks. Nothing is stored
// until Finish, which stores the client and the proposed plan together;
// "Save draft" keeps a half-done interview to resume later.
class IntakeWizard : public QWizard
{
    Q_OBJECT
public:
    enum PageId
    {
        IdentityPageId,
        HouseholdPageId,
        EmploymentPageId,
        IndependencePageId,
        BarriersPageId,
        GoalsPageId,
        ReviewPageId
    };

    IntakeWizard(Database &db, const StrategyEngine &engine, QWidget *parent = nullptr);

    // The date that anchors age checks and the plan's start (tests fix it).
    void setToday(const QDate &today);
    // Fills the interview from a saved draft and goes to its page.
    void resume(const IntakeDraft &draft);

    // The profile as typed so far.
    Client client() const;
    // Every problem with it, named for a counselor ("Email is not ...").
    QStringList problems() const;
    // Stores the interview as a draft; false (after a message) on failure.
    bool saveDraft();
    // Closes without asking, keeping unsaved answers as a draft (signing
    // out from the idle lock, when nobody may see the interview).
    void closeKeepingDraft();

    // Goes to the page of the profile field `field` (a JSON key, as in the
    // review page's problems) and puts the focus on it; false when no page
    // has it.
    bool goToField(const QString &field);

    qint64 draftId() const { return m_draftId; }
    qint64 createdClientId() const { return m_createdId; }
    bool hasUnsavedInput() const { return m_dirty; }

Q_SIGNALS:
    void clientCreated(qint64 clientId);
    void openClientRequested(qint64 clientId);
    void draftSaved(qint64 draftId);

public Q_SLOTS:
    void accept() override;
    void reject() override;

protected:
    bool validateCurrentPage() override;

private:
    void setUpCounselors(IdentityPage *identity);
    QVector<FieldError> errors() const;
    void onEdited();
    // Shows possible duplicates of the identity typed; false when the
    // counselor goes back or opens the existing client (the wizard closes).
    bool checkDuplicates();
    QString summaryHtml(const Client &c);

    Database &m_db;
    const StrategyEngine &m_engine;
    UserNames m_names;
    QVector<ProfilePage *> m_pages;
    ReviewPage *m_review = nullptr;
    Client m_base;
    QDate m_today = QDate::currentDate();
    qint64 m_draftId = 0;
    qint64 m_createdId = 0;
    bool m_dirty = false;
    bool m_chooseCounselor = true;   // false: a counselor's own intake
    QVector<qint64> m_notDuplicates; // clients the counselor said are someone else
};

} // namespace pathway
