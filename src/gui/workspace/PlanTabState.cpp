#include "workspace/PlanTabState.h"

namespace pathway {

PlanTabState planTabState(bool hasPlan, ReviewStatus review, bool supervises, bool reviewedBefore)
{
    using S = PlanTabState;
    PlanTabState state;
    state.reviewButtonsVisible = supervises;
    state.accept = supervises ? S::AcceptButton::Hidden : S::AcceptButton::Accept;
    if (!hasPlan) {
        state.banner = supervises ? S::Banner::NothingYet : S::Banner::None;
        return state;
    }
    state.editable = true;
    state.approveEnabled = supervises && supervision::mayDecide(review, ReviewStatus::Approved);
    state.returnEnabled = supervises && supervision::mayDecide(review, ReviewStatus::Returned);
    switch (review) {
    case ReviewStatus::None:
        state.acceptance = S::Acceptance::Proposed;
        state.banner = reviewedBefore ? S::Banner::LastReview
                       : supervises   ? S::Banner::NothingYet
                                      : S::Banner::None;
        break;
    case ReviewStatus::Pending:
        state.acceptance = S::Acceptance::Accepted;
        state.banner = S::Banner::Pending;
        if (!supervises)
            state.accept = S::AcceptButton::Withdraw;
        break;
    case ReviewStatus::Approved:
        state.acceptance = S::Acceptance::Accepted;
        state.banner = S::Banner::Approved;
        if (!supervises)
            state.accept = S::AcceptButton::Withdraw;
        break;
    case ReviewStatus::Returned:
        state.acceptance = S::Acceptance::Returned;
        state.banner = S::Banner::Returned;
        if (!supervises)
            state.accept = S::AcceptButton::Resubmit;
        break;
    }
    state.acceptEnabled = state.accept != S::AcceptButton::Hidden;
    return state;
}

} // namespace pathway
