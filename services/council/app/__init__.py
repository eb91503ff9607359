"""The council service's application layer: one function per use case, run inside a unit of work.

``USE_CASES`` maps each gRPC method of ``cityplat.council.v1.Council`` to its function; both
entrypoints serve ``API`` (services.common.usecase.UseCases): every write takes an idempotency key,
so a retried meeting record gets the first answer and writes no second meeting.
"""
from services.common.usecase import UseCases
from services.council.app import agreements, councils, meetings

USE_CASES = {
    "CreateCouncil": councils.create_council,
    "GetCouncil": councils.get_council,
    "ListCouncils": councils.list_councils,
    "ChangeLeader": councils.change_leader,
    "AddMember": councils.add_member,
    "RemoveMember": councils.remove_member,
    "SetChair": councils.set_chair,
    "SetWorkPlan": councils.set_work_plan,
    "GetWorkPlan": councils.get_work_plan,
    "SignAgreement": agreements.sign_agreement,
    "RenewAgreement": agreements.renew_agreement,
    "EndAgreement": agreements.end_agreement,
    "GetAgreement": agreements.get_agreement,
    "ListAgreements": agreements.list_agreements,
    "GetCouncilSettings": agreements.get_council_settings,
    "SetCouncilSettings": agreements.set_council_settings,
    "RecordJointMeeting": meetings.record_joint_meeting,
    "GetJointMeeting": meetings.get_joint_meeting,
    "ListJointMeetings": meetings.list_joint_meetings,
    "CompleteDecision": meetings.complete_decision,
    "GetDecision": meetings.get_decision,
    "ListDecisions": meetings.list_decisions,
    "GetCouncilFigures": meetings.get_council_figures,
}

API = UseCases(USE_CASES, reads={name for name in USE_CASES if name.startswith(("Get", "List"))}, idempotent=True)
READS, WRITES = API.reads, API.writes
