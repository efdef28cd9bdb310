#include "pathway/core/Client.h"

namespace pathway {

const Barrier *Client::barrier(BarrierCode code) const
{
    for (const Barrier &b : barriers) {
        if (b.code == code)
            return &b;
    }
    return nullptr;
}

bool Client::operator==(const Client &o) const
{
    return id == o.id && firstName == o.firstName && lastName == o.lastName &&
           dateOfBirth == o.dateOfBirth && email == o.email && phone == o.phone &&
           address == o.address && householdSize == o.householdSize &&
           annualIncome == o.annualIncome && employmentStatus == o.employmentStatus &&
           weeksUnemployed == o.weeksUnemployed && independence == o.independence &&
           barriers == o.barriers && goals == o.goals && educationLevel == o.educationLevel &&
           skills == o.skills && interests == o.interests && counselor == o.counselor &&
           status == o.status && incomeBracketOverride == o.incomeBracketOverride &&
           incomeBracketReason == o.incomeBracketReason;
}

} // namespace pathway
