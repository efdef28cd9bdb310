#include "pathway/core/Codes.h"

namespace pathway {

namespace {

const CodeEntry<EmploymentStatus> kEmployment[] = {
    {EmploymentStatus::EmployedFullTime, "employed_full_time", "Employed full time"},
    {EmploymentStatus::EmployedPartTime, "employed_part_time", "Employed part time"},
    {EmploymentStatus::SelfEmployed, "self_employed", "Self-employed"},
    {EmploymentStatus::Unemployed, "unemployed", "Unemployed"},
    {EmploymentStatus::Student, "student", "Student"},
    {EmploymentStatus::NotInLaborForce, "not_in_labor_force", "Not in the labor force"},
};

const CodeEntry<Independence> kIndependence[] = {
    {Independence::Guided, "guided", "Guided"},
    {Independence::Independent, "independent", "Independent"},
    {Independence::UltraIndependent, "ultra_independent", "Ultra-independent"},
};

const CodeEntry<IncomeBracket> kBrackets[] = {
    {IncomeBracket::Low, "low", "Low"},
    {IncomeBracket::LowerMiddle, "lower_middle", "Lower middle"},
    {IncomeBracket::Middle, "middle", "Middle"},
    {IncomeBracket::UpperMiddle, "upper_middle", "Upper middle"},
    {IncomeBracket::High, "high", "High"},
};

const CodeEntry<BarrierCode> kBarriers[] = {
    {BarrierCode::Stigma, "stigma", "Stigma or shame"},
    {BarrierCode::Finances, "finances", "Financial constraints"},
    {BarrierCode::Caregiving, "caregiving", "Caregiving"},
    {BarrierCode::Health, "health", "Health"},
    {BarrierCode::SocialSupport, "social_support", "Little social support"},
    {BarrierCode::LimitedAccess, "limited_access", "Limited access to openings"},
    {BarrierCode::Transport, "transport", "Transport"},
    {BarrierCode::DigitalSkills, "digital_skills", "Digital skills"},
    {BarrierCode::Language, "language", "Language"},
    {BarrierCode::Housing, "housing", "Housing"},
    {BarrierCode::CriminalRecord, "criminal_record", "Criminal record"},
};

const CodeEntry<GoalCode> kGoals[] = {
    {GoalCode::Employment, "employment", "Find work"},
    {GoalCode::Advancement, "advancement", "Advance in a career"},
    {GoalCode::Entrepreneurship, "entrepreneurship", "Start a business"},
    {GoalCode::MeaningfulWork, "meaningful_work", "Meaningful work"},
    {GoalCode::WorkLifeBalance, "work_life_balance", "Work-life balance"},
    {GoalCode::Education, "education", "Education"},
    {GoalCode::CareerChange, "career_change", "Change career"},
};

const CodeEntry<EducationLevel> kEducation[] = {
    {EducationLevel::None, "none", "No formal education"},
    {EducationLevel::Primary, "primary", "Primary school"},
    {EducationLevel::Secondary, "secondary", "Secondary school"},
    {EducationLevel::Vocational, "vocational", "Vocational qualification"},
    {EducationLevel::SomeCollege, "some_college", "Some college"},
    {EducationLevel::Associate, "associate", "Associate degree"},
    {EducationLevel::Bachelor, "bachelor", "Bachelor's degree"},
    {EducationLevel::Master, "master", "Master's degree"},
    {EducationLevel::Doctorate, "doctorate", "Doctorate"},
};

const CodeEntry<ClientStatus> kStatus[] = {
    {ClientStatus::Active, "active", "Active"},
    {ClientStatus::Closed, "closed", "Closed"},
};

} // namespace

PATHWAY_DEFINE_CODES(EmploymentStatus, kEmployment)
PATHWAY_DEFINE_CODES(Independence, kIndependence)
PATHWAY_DEFINE_CODES(IncomeBracket, kBrackets)
PATHWAY_DEFINE_CODES(BarrierCode, kBarriers)
PATHWAY_DEFINE_CODES(GoalCode, kGoals)
PATHWAY_DEFINE_CODES(EducationLevel, kEducation)
PATHWAY_DEFINE_CODES(ClientStatus, kStatus)

} // namespace pathway
