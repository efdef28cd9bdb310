#include "GuiSupport.h"
#include "TestSupport.h"

#include "pathway/storage/PlanRepository.h"
#include "pathway/storage/Supervision.h"
#include "pathway/storage/UserRepository.h"
#include "workspace/ClientWindow.h"
#include "workspace/PlanTab.h"
#include "workspace/PlanTabState.h"

#include <QAction>
#include <QLabel>
#include <QMenu>
#include <QMenuBar>
#include <QPushButton>

#include <catch2/catch.hpp>

using namespace pathway;

namespace {
using S = PlanTabState;

QString name(ReviewStatus review)
{
    return reviewStatusCode(review);
}

// The state the Plan tab must show, written out case by case.
S expected(bool hasPlan, ReviewStatus review, Role role, bool reviewedBefore)
{
    const bool supervises = role != Role::Counselor;
    S s;
    s.reviewButtonsVisible = supervises;
    s.accept = supervises ? S::AcceptButton::Hidden : S::AcceptButton::Accept;
    if (!hasPlan) {
        s.banner = supervises ? S::Banner::NothingYet : S::Banner::None;
        return s; // nothing enabled, nothing accepted
    }
    s.editable = true;
    switch (review) {
    case ReviewStatus::None:
        s.acceptance = S::Acceptance::Proposed;
        s.banner = reviewedBefore ? S::Banner::LastReview
                                  : (supervises ? S::Banner::NothingYet : S::Banner::None);
        s.acceptEnabled = !supervises;
        break;
    case ReviewStatus::Pending:
        s.acceptance = S::Acceptance::Accepted;
        s.banner = S::Banner::Pending;
        s.accept = supervises ? S::AcceptButton::Hidden : S::AcceptButton::Withdraw;
        s.acceptEnabled = !supervises;
        s.approveEnabled = supervises;
        s.returnEnabled = supervises;
        break;
    case ReviewStatus::Approved:
        s.acceptance = S::Acceptance::Accepted;
        s.banner = S::Banner::Approved;
        s.accept = supervises ? S::AcceptButton::Hidden : S::AcceptButton::Withdraw;
        s.acceptEnabled = !supervises;
        s.returnEnabled = supervises; // a supervisor may take the approval back
        break;
    case ReviewStatus::Returned:
        // Not "accepted"; the counselor resubmits; nothing for a supervisor
        // to decide until then.
        s.acceptance = S::Acceptance::Returned;
        s.banner = S::Banner::Returned;
        s.accept = supervises ? S::AcceptButton::Hidden : S::AcceptButton::Resubmit;
        s.acceptEnabled = !supervises;
        break;
    }
    return s;
}

const ReviewStatus kStatuses[] = {ReviewStatus::None, ReviewStatus::Pending, ReviewStatus::Approved,
                                  ReviewStatus::Returned};
const Role kRoles[] = {Role::Counselor, Role::Supervisor, Role::Admin};
} // namespace

TEST_CASE("The plan tab's state for every review status and role")
{
    for (const bool hasPlan : {false, true}) {
        for (const ReviewStatus review : kStatuses) {
            for (const Role role : kRoles) {
                for (const bool reviewedBefore : {false, true}) {
                    INFO("plan " << hasPlan << ", review " << name(review).toStdString()
                                 << ", role " << roleCode(role).toStdString()
                                 << ", reviewed before " << reviewedBefore);
                    const S got =
                        planTabState(hasPlan, review, role != Role::Counselor, reviewedBefore);
                    CHECK(got == expected(hasPlan, review, role, reviewedBefore));
                    // The rules the issue names, whatever the table says.
                    if (review == ReviewStatus::Returned) {
                        CHECK_FALSE(got.approveEnabled);
                        CHECK(got.acceptance != S::Acceptance::Accepted);
                    }
                    if (role != Role::Counselor)
                        CHECK(got.accept == S::AcceptButton::Hidden);
                }
            }
        }
    }
}

TEST_CASE("The plan tab shows one consistent state for every review status and role")
{
    for (const ReviewStatus review : kStatuses) {
        for (const Role role : kRoles) {
            INFO("review " << name(review).toStdString() << ", role "
                           << roleCode(role).toStdString());
            test::ClientFixture f;
            UserRepository users(*f.db);
            REQUIRE(users
                        .ensure(QStringLiteral("sreyes"), QStringLiteral("Sofía Reyes"),
                                Role::Supervisor)
                        .ok());
            REQUIRE(
                users.ensure(QStringLiteral("admin"), QStringLiteral("Dana Whitfield"), Role::Admin)
                    .ok());
            const User counselor = users.find(QStringLiteral("agarcia")).value().value();
            const User supervisor = users.find(QStringLiteral("sreyes")).value().value();
            const User admin = users.find(QStringLiteral("admin")).value().value();
            PlanRepository plans(*f.db);
            const qint64 planId = plans.current(f.clientId).value().value().id;
            // Bring the plan to `review` the way people do.
            if (review != ReviewStatus::None) {
                f.db->setActor(Actor::person(counselor));
                REQUIRE(plans.setAccepted(planId, true).ok());
            }
            f.db->setActor(Actor::person(supervisor));
            if (review == ReviewStatus::Approved)
                REQUIRE(supervision::approvePlan(*f.db, planId).ok());
            if (review == ReviewStatus::Returned)
                REQUIRE(supervision::returnPlan(*f.db, planId, QStringLiteral("Add a step.")).ok());
            REQUIRE(plans.info(planId)->review == review);

            const User &viewer = role == Role::Counselor    ? counselor
                                 : role == Role::Supervisor ? supervisor
                                                            : admin;
            f.db->setActor(Actor::person(viewer));
            ClientWindow window(*f.db, f.engine, f.clientId);
            window.show();
            REQUIRE(QTest::qWaitForWindowExposed(&window));
            PlanTab *tab = window.planTab();
            const S state = tab->state();
            CHECK(state ==
                  expected(true, review, role,
                           review != ReviewStatus::None && review != ReviewStatus::Pending));

            auto *accept = test::child<QPushButton>(&window, "acceptPlanPushButton");
            auto *approve = test::child<QPushButton>(&window, "approvePlanPushButton");
            auto *giveBack = test::child<QPushButton>(&window, "returnPlanPushButton");
            const QString header = test::child<QLabel>(&window, "planHeaderLabel")->text();
            const QString banner = test::child<QLabel>(&window, "planReviewLabel")->text();
            CHECK(accept->isVisible() == (state.accept != S::AcceptButton::Hidden));
            CHECK(accept->isEnabled() == state.acceptEnabled);
            CHECK(approve->isVisible() == state.reviewButtonsVisible);
            CHECK(approve->isEnabled() == state.approveEnabled);
            CHECK(giveBack->isVisible() == state.reviewButtonsVisible);
            CHECK(giveBack->isEnabled() == state.returnEnabled);

            // What the issue found mixed: each state says one thing.
            CHECK(header.contains(QStringLiteral("accepted on")) ==
                  (review == ReviewStatus::Pending || review == ReviewStatus::Approved));
            CHECK(header.contains(QStringLiteral("returned for changes")) ==
                  (review == ReviewStatus::Returned));
            CHECK(banner.contains(QStringLiteral("Returned for changes")) ==
                  (review == ReviewStatus::Returned));
            CHECK(
                (accept->isVisible() && accept->text() == QStringLiteral("&Accept and resubmit")) ==
                (review == ReviewStatus::Returned && role == Role::Counselor));
            if (review == ReviewStatus::Returned)
                CHECK_FALSE(approve->isEnabled());

            // The Review menu follows the same state.
            if (role != Role::Counselor) {
                auto *menu = window.findChild<QMenu *>(QStringLiteral("reviewMenu"));
                REQUIRE(menu);
                Q_EMIT menu->aboutToShow();
                auto *approveAction =
                    window.findChild<QAction *>(QStringLiteral("approvePlanAction"));
                auto *returnAction =
                    window.findChild<QAction *>(QStringLiteral("returnPlanAction"));
                REQUIRE(approveAction);
                REQUIRE(returnAction);
                CHECK(approveAction->isEnabled() == state.approveEnabled);
                CHECK(returnAction->isEnabled() == state.returnEnabled);
            } else {
                CHECK_FALSE(window.findChild<QMenu *>(QStringLiteral("reviewMenu")));
            }
        }
    }
}
