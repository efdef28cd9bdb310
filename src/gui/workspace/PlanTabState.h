#pragma once

#include "pathway/core/User.h"
#include "pathway/storage/Supervision.h"

#include <QString>

namespace pathway {

// What the Plan tab shows for one review status and one role, derived in
// one place so that the header, the banner and the buttons never disagree
// (a returned plan is not "accepted", a supervisor does not resubmit).
struct PlanTabState
{
    // The counselor's acceptance button: what it does, or hidden.
    enum class AcceptButton
    {
        Hidden,   // supervisors and administrators review; they do not accept
        Accept,   // a proposal
        Withdraw, // accepted: awaiting review or approved
        Resubmit, // returned: accept the changed plan again
    };
    // The coloured box above the steps.
    enum class Banner
    {
        None,       // a counselor's proposal with no earlier review
        NothingYet, // a supervisor's view of a proposal: nothing to review
        LastReview, // a proposal whose acceptance was withdrawn after a review
        Pending,    // awaiting review
        Approved,   //
        Returned,   // with the supervisor's comment
    };
    // The acceptance as the header says it.
    enum class Acceptance
    {
        NoPlan,
        Proposed,
        Accepted, // "accepted on <date>"
        Returned, // "returned for changes": not "accepted", whatever the date stored
    };

    Acceptance acceptance = Acceptance::NoPlan;
    AcceptButton accept = AcceptButton::Hidden;
    bool acceptEnabled = false;
    // Approve… and Return… (buttons and the Review menu): shown to
    // supervisors and administrators, enabled when supervision::mayDecide.
    bool reviewButtonsVisible = false;
    bool approveEnabled = false;
    bool returnEnabled = false;
    Banner banner = Banner::None;
    // Editing the steps (edit, add, move) needs a plan.
    bool editable = false;

    bool operator==(const PlanTabState &o) const
    {
        return acceptance == o.acceptance && accept == o.accept &&
               acceptEnabled == o.acceptEnabled && reviewButtonsVisible == o.reviewButtonsVisible &&
               approveEnabled == o.approveEnabled && returnEnabled == o.returnEnabled &&
               banner == o.banner && editable == o.editable;
    }
};

// The Plan tab's state for a plan (none when !hasPlan) whose review is
// `review`, seen by someone who supervises (supervisors, administrators)
// or not (the counselor); `reviewedBefore`: the plan has an earlier
// decision, kept in view after the acceptance was withdrawn.
PlanTabState planTabState(bool hasPlan, ReviewStatus review, bool supervises, bool reviewedBefore);

} // namespace pathway
