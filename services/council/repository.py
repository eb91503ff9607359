"""Where the council's records lie: a council, its members, chairs, work plans, agreements, joint
meetings, decisions and flags, all in the council's community (seen by that community's staff, its
sub-district's and its district's). A district's settings and the audit log lie in no division."""
from __future__ import annotations

from services.common.repository import Place, ScopedRepository
from services.council import models as m


class Repository(ScopedRepository):
    PLACES = {
        m.Council: Place(m.Council.community),
        m.CouncilMember: Place(m.CouncilMember.community),
        m.ChairTerm: Place(m.ChairTerm.community),
        m.WorkPlan: Place(m.WorkPlan.community),
        m.Agreement: Place(m.Agreement.community),
        m.JointMeeting: Place(m.JointMeeting.community),
        m.Decision: Place(m.Decision.community),
        m.MissedQuarter: Place(m.MissedQuarter.community),
        m.SkilledPerson: Place(m.SkilledPerson.community),
        m.ServiceTeam: Place(m.ServiceTeam.community),
        m.TeamMember: Place(m.TeamMember.community),
        m.ServiceActivity: Place(m.ServiceActivity.community),
        m.Representative: Place(m.Representative.community),
        m.UnitRating: Place(m.UnitRating.community),
        m.ServiceRating: Place(m.ServiceRating.community),
        # the co-building fund and commitments: where their council is
        m.Fund: Place(m.Fund.community),
        m.FundEntry: Place(m.FundEntry.community),
        m.Contribution: Place(m.Contribution.community),
        m.Disbursement: Place(m.Disbursement.community),
        m.Commitment: Place(m.Commitment.community),
        m.CommitmentRecord: Place(m.CommitmentRecord.community),
        m.CommitmentEvaluation: Place(m.CommitmentEvaluation.community),
        # the three lists and the project bank: where their council is
        m.Need: Place(m.Need.community),
        m.Resource: Place(m.Resource.community),
        m.Project: Place(m.Project.community),
        m.ProjectClaim: Place(m.ProjectClaim.community),
        m.ProjectProgress: Place(m.ProjectProgress.community),
        m.ProjectEvaluation: Place(m.ProjectEvaluation.community),
    }
    DISTRICT_WIDE = frozenset({m.AuditEntry, m.CouncilSettings})

    def council(self, council_id, field: str = "council_id", write: bool = False) -> m.Council:
        return self.get(m.Council, council_id, field, "council", write=write)
