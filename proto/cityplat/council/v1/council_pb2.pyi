from buf.validate import validate_pb2 as _validate_pb2
from google.protobuf.internal import containers as _containers
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Iterable as _Iterable, Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class CouncilRef(_message.Message):
    __slots__ = ("id",)
    ID_FIELD_NUMBER: _ClassVar[int]
    id: str
    def __init__(self, id: _Optional[str] = ...) -> None: ...

class CreateCouncilRequest(_message.Message):
    __slots__ = ("community", "name", "leader_id", "rotating_chair", "idempotency_key")
    COMMUNITY_FIELD_NUMBER: _ClassVar[int]
    NAME_FIELD_NUMBER: _ClassVar[int]
    LEADER_ID_FIELD_NUMBER: _ClassVar[int]
    ROTATING_CHAIR_FIELD_NUMBER: _ClassVar[int]
    IDEMPOTENCY_KEY_FIELD_NUMBER: _ClassVar[int]
    community: str
    name: str
    leader_id: str
    rotating_chair: bool
    idempotency_key: str
    def __init__(self, community: _Optional[str] = ..., name: _Optional[str] = ..., leader_id: _Optional[str] = ..., rotating_chair: _Optional[bool] = ..., idempotency_key: _Optional[str] = ...) -> None: ...

class Member(_message.Message):
    __slots__ = ("id", "council_id", "organisation_id", "organisation_name", "organisation_kind", "leader_group", "joined_on", "left_on", "left_reason")
    ID_FIELD_NUMBER: _ClassVar[int]
    COUNCIL_ID_FIELD_NUMBER: _ClassVar[int]
    ORGANISATION_ID_FIELD_NUMBER: _ClassVar[int]
    ORGANISATION_NAME_FIELD_NUMBER: _ClassVar[int]
    ORGANISATION_KIND_FIELD_NUMBER: _ClassVar[int]
    LEADER_GROUP_FIELD_NUMBER: _ClassVar[int]
    JOINED_ON_FIELD_NUMBER: _ClassVar[int]
    LEFT_ON_FIELD_NUMBER: _ClassVar[int]
    LEFT_REASON_FIELD_NUMBER: _ClassVar[int]
    id: str
    council_id: str
    organisation_id: str
    organisation_name: str
    organisation_kind: str
    leader_group: bool
    joined_on: str
    left_on: str
    left_reason: str
    def __init__(self, id: _Optional[str] = ..., council_id: _Optional[str] = ..., organisation_id: _Optional[str] = ..., organisation_name: _Optional[str] = ..., organisation_kind: _Optional[str] = ..., leader_group: _Optional[bool] = ..., joined_on: _Optional[str] = ..., left_on: _Optional[str] = ..., left_reason: _Optional[str] = ...) -> None: ...

class ChairTerm(_message.Message):
    __slots__ = ("id", "organisation_id", "organisation_name", "starts_on", "ends_on")
    ID_FIELD_NUMBER: _ClassVar[int]
    ORGANISATION_ID_FIELD_NUMBER: _ClassVar[int]
    ORGANISATION_NAME_FIELD_NUMBER: _ClassVar[int]
    STARTS_ON_FIELD_NUMBER: _ClassVar[int]
    ENDS_ON_FIELD_NUMBER: _ClassVar[int]
    id: str
    organisation_id: str
    organisation_name: str
    starts_on: str
    ends_on: str
    def __init__(self, id: _Optional[str] = ..., organisation_id: _Optional[str] = ..., organisation_name: _Optional[str] = ..., starts_on: _Optional[str] = ..., ends_on: _Optional[str] = ...) -> None: ...

class CouncilRecord(_message.Message):
    __slots__ = ("id", "district", "community", "name", "leader_id", "leader_name", "rotating_chair", "founded_on", "members", "chair")
    ID_FIELD_NUMBER: _ClassVar[int]
    DISTRICT_FIELD_NUMBER: _ClassVar[int]
    COMMUNITY_FIELD_NUMBER: _ClassVar[int]
    NAME_FIELD_NUMBER: _ClassVar[int]
    LEADER_ID_FIELD_NUMBER: _ClassVar[int]
    LEADER_NAME_FIELD_NUMBER: _ClassVar[int]
    ROTATING_CHAIR_FIELD_NUMBER: _ClassVar[int]
    FOUNDED_ON_FIELD_NUMBER: _ClassVar[int]
    MEMBERS_FIELD_NUMBER: _ClassVar[int]
    CHAIR_FIELD_NUMBER: _ClassVar[int]
    id: str
    district: str
    community: str
    name: str
    leader_id: str
    leader_name: str
    rotating_chair: bool
    founded_on: str
    members: _containers.RepeatedCompositeFieldContainer[Member]
    chair: ChairTerm
    def __init__(self, id: _Optional[str] = ..., district: _Optional[str] = ..., community: _Optional[str] = ..., name: _Optional[str] = ..., leader_id: _Optional[str] = ..., leader_name: _Optional[str] = ..., rotating_chair: _Optional[bool] = ..., founded_on: _Optional[str] = ..., members: _Optional[_Iterable[_Union[Member, _Mapping]]] = ..., chair: _Optional[_Union[ChairTerm, _Mapping]] = ...) -> None: ...

class ListCouncilsRequest(_message.Message):
    __slots__ = ("division_code",)
    DIVISION_CODE_FIELD_NUMBER: _ClassVar[int]
    division_code: str
    def __init__(self, division_code: _Optional[str] = ...) -> None: ...

class CouncilList(_message.Message):
    __slots__ = ("items",)
    ITEMS_FIELD_NUMBER: _ClassVar[int]
    items: _containers.RepeatedCompositeFieldContainer[CouncilRecord]
    def __init__(self, items: _Optional[_Iterable[_Union[CouncilRecord, _Mapping]]] = ...) -> None: ...

class ChangeLeaderRequest(_message.Message):
    __slots__ = ("council_id", "leader_id", "idempotency_key")
    COUNCIL_ID_FIELD_NUMBER: _ClassVar[int]
    LEADER_ID_FIELD_NUMBER: _ClassVar[int]
    IDEMPOTENCY_KEY_FIELD_NUMBER: _ClassVar[int]
    council_id: str
    leader_id: str
    idempotency_key: str
    def __init__(self, council_id: _Optional[str] = ..., leader_id: _Optional[str] = ..., idempotency_key: _Optional[str] = ...) -> None: ...

class AddMemberRequest(_message.Message):
    __slots__ = ("council_id", "organisation_id", "leader_group", "joined_on", "idempotency_key")
    COUNCIL_ID_FIELD_NUMBER: _ClassVar[int]
    ORGANISATION_ID_FIELD_NUMBER: _ClassVar[int]
    LEADER_GROUP_FIELD_NUMBER: _ClassVar[int]
    JOINED_ON_FIELD_NUMBER: _ClassVar[int]
    IDEMPOTENCY_KEY_FIELD_NUMBER: _ClassVar[int]
    council_id: str
    organisation_id: str
    leader_group: bool
    joined_on: str
    idempotency_key: str
    def __init__(self, council_id: _Optional[str] = ..., organisation_id: _Optional[str] = ..., leader_group: _Optional[bool] = ..., joined_on: _Optional[str] = ..., idempotency_key: _Optional[str] = ...) -> None: ...

class RemoveMemberRequest(_message.Message):
    __slots__ = ("member_id", "reason", "idempotency_key")
    MEMBER_ID_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    IDEMPOTENCY_KEY_FIELD_NUMBER: _ClassVar[int]
    member_id: str
    reason: str
    idempotency_key: str
    def __init__(self, member_id: _Optional[str] = ..., reason: _Optional[str] = ..., idempotency_key: _Optional[str] = ...) -> None: ...

class SetChairRequest(_message.Message):
    __slots__ = ("council_id", "organisation_id", "starts_on", "ends_on", "idempotency_key")
    COUNCIL_ID_FIELD_NUMBER: _ClassVar[int]
    ORGANISATION_ID_FIELD_NUMBER: _ClassVar[int]
    STARTS_ON_FIELD_NUMBER: _ClassVar[int]
    ENDS_ON_FIELD_NUMBER: _ClassVar[int]
    IDEMPOTENCY_KEY_FIELD_NUMBER: _ClassVar[int]
    council_id: str
    organisation_id: str
    starts_on: str
    ends_on: str
    idempotency_key: str
    def __init__(self, council_id: _Optional[str] = ..., organisation_id: _Optional[str] = ..., starts_on: _Optional[str] = ..., ends_on: _Optional[str] = ..., idempotency_key: _Optional[str] = ...) -> None: ...

class PlanItem(_message.Message):
    __slots__ = ("title", "lead_organisation_id", "due_month")
    TITLE_FIELD_NUMBER: _ClassVar[int]
    LEAD_ORGANISATION_ID_FIELD_NUMBER: _ClassVar[int]
    DUE_MONTH_FIELD_NUMBER: _ClassVar[int]
    title: str
    lead_organisation_id: str
    due_month: int
    def __init__(self, title: _Optional[str] = ..., lead_organisation_id: _Optional[str] = ..., due_month: _Optional[int] = ...) -> None: ...

class SetWorkPlanRequest(_message.Message):
    __slots__ = ("council_id", "year", "items", "idempotency_key")
    COUNCIL_ID_FIELD_NUMBER: _ClassVar[int]
    YEAR_FIELD_NUMBER: _ClassVar[int]
    ITEMS_FIELD_NUMBER: _ClassVar[int]
    IDEMPOTENCY_KEY_FIELD_NUMBER: _ClassVar[int]
    council_id: str
    year: int
    items: _containers.RepeatedCompositeFieldContainer[PlanItem]
    idempotency_key: str
    def __init__(self, council_id: _Optional[str] = ..., year: _Optional[int] = ..., items: _Optional[_Iterable[_Union[PlanItem, _Mapping]]] = ..., idempotency_key: _Optional[str] = ...) -> None: ...

class GetWorkPlanRequest(_message.Message):
    __slots__ = ("council_id", "year")
    COUNCIL_ID_FIELD_NUMBER: _ClassVar[int]
    YEAR_FIELD_NUMBER: _ClassVar[int]
    council_id: str
    year: int
    def __init__(self, council_id: _Optional[str] = ..., year: _Optional[int] = ...) -> None: ...

class WorkPlan(_message.Message):
    __slots__ = ("council_id", "year", "items", "set_by")
    COUNCIL_ID_FIELD_NUMBER: _ClassVar[int]
    YEAR_FIELD_NUMBER: _ClassVar[int]
    ITEMS_FIELD_NUMBER: _ClassVar[int]
    SET_BY_FIELD_NUMBER: _ClassVar[int]
    council_id: str
    year: int
    items: _containers.RepeatedCompositeFieldContainer[PlanItem]
    set_by: str
    def __init__(self, council_id: _Optional[str] = ..., year: _Optional[int] = ..., items: _Optional[_Iterable[_Union[PlanItem, _Mapping]]] = ..., set_by: _Optional[str] = ...) -> None: ...

class SignAgreementRequest(_message.Message):
    __slots__ = ("council_id", "organisation_id", "term_start", "term_end", "commitments", "idempotency_key")
    COUNCIL_ID_FIELD_NUMBER: _ClassVar[int]
    ORGANISATION_ID_FIELD_NUMBER: _ClassVar[int]
    TERM_START_FIELD_NUMBER: _ClassVar[int]
    TERM_END_FIELD_NUMBER: _ClassVar[int]
    COMMITMENTS_FIELD_NUMBER: _ClassVar[int]
    IDEMPOTENCY_KEY_FIELD_NUMBER: _ClassVar[int]
    council_id: str
    organisation_id: str
    term_start: str
    term_end: str
    commitments: _containers.RepeatedScalarFieldContainer[str]
    idempotency_key: str
    def __init__(self, council_id: _Optional[str] = ..., organisation_id: _Optional[str] = ..., term_start: _Optional[str] = ..., term_end: _Optional[str] = ..., commitments: _Optional[_Iterable[str]] = ..., idempotency_key: _Optional[str] = ...) -> None: ...

class Agreement(_message.Message):
    __slots__ = ("id", "council_id", "community", "organisation_id", "organisation_name", "term_start", "term_end", "commitments", "status", "renews_id", "signed_by", "ended_reason")
    ID_FIELD_NUMBER: _ClassVar[int]
    COUNCIL_ID_FIELD_NUMBER: _ClassVar[int]
    COMMUNITY_FIELD_NUMBER: _ClassVar[int]
    ORGANISATION_ID_FIELD_NUMBER: _ClassVar[int]
    ORGANISATION_NAME_FIELD_NUMBER: _ClassVar[int]
    TERM_START_FIELD_NUMBER: _ClassVar[int]
    TERM_END_FIELD_NUMBER: _ClassVar[int]
    COMMITMENTS_FIELD_NUMBER: _ClassVar[int]
    STATUS_FIELD_NUMBER: _ClassVar[int]
    RENEWS_ID_FIELD_NUMBER: _ClassVar[int]
    SIGNED_BY_FIELD_NUMBER: _ClassVar[int]
    ENDED_REASON_FIELD_NUMBER: _ClassVar[int]
    id: str
    council_id: str
    community: str
    organisation_id: str
    organisation_name: str
    term_start: str
    term_end: str
    commitments: _containers.RepeatedScalarFieldContainer[str]
    status: str
    renews_id: str
    signed_by: str
    ended_reason: str
    def __init__(self, id: _Optional[str] = ..., council_id: _Optional[str] = ..., community: _Optional[str] = ..., organisation_id: _Optional[str] = ..., organisation_name: _Optional[str] = ..., term_start: _Optional[str] = ..., term_end: _Optional[str] = ..., commitments: _Optional[_Iterable[str]] = ..., status: _Optional[str] = ..., renews_id: _Optional[str] = ..., signed_by: _Optional[str] = ..., ended_reason: _Optional[str] = ...) -> None: ...

class RenewAgreementRequest(_message.Message):
    __slots__ = ("agreement_id", "term_end", "commitments", "idempotency_key")
    AGREEMENT_ID_FIELD_NUMBER: _ClassVar[int]
    TERM_END_FIELD_NUMBER: _ClassVar[int]
    COMMITMENTS_FIELD_NUMBER: _ClassVar[int]
    IDEMPOTENCY_KEY_FIELD_NUMBER: _ClassVar[int]
    agreement_id: str
    term_end: str
    commitments: _containers.RepeatedScalarFieldContainer[str]
    idempotency_key: str
    def __init__(self, agreement_id: _Optional[str] = ..., term_end: _Optional[str] = ..., commitments: _Optional[_Iterable[str]] = ..., idempotency_key: _Optional[str] = ...) -> None: ...

class EndAgreementRequest(_message.Message):
    __slots__ = ("agreement_id", "reason", "idempotency_key")
    AGREEMENT_ID_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    IDEMPOTENCY_KEY_FIELD_NUMBER: _ClassVar[int]
    agreement_id: str
    reason: str
    idempotency_key: str
    def __init__(self, agreement_id: _Optional[str] = ..., reason: _Optional[str] = ..., idempotency_key: _Optional[str] = ...) -> None: ...

class AgreementRef(_message.Message):
    __slots__ = ("id",)
    ID_FIELD_NUMBER: _ClassVar[int]
    id: str
    def __init__(self, id: _Optional[str] = ...) -> None: ...

class ListAgreementsRequest(_message.Message):
    __slots__ = ("council_id", "division_code", "status", "ending_by", "page_size", "page_token")
    COUNCIL_ID_FIELD_NUMBER: _ClassVar[int]
    DIVISION_CODE_FIELD_NUMBER: _ClassVar[int]
    STATUS_FIELD_NUMBER: _ClassVar[int]
    ENDING_BY_FIELD_NUMBER: _ClassVar[int]
    PAGE_SIZE_FIELD_NUMBER: _ClassVar[int]
    PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    council_id: str
    division_code: str
    status: str
    ending_by: str
    page_size: int
    page_token: str
    def __init__(self, council_id: _Optional[str] = ..., division_code: _Optional[str] = ..., status: _Optional[str] = ..., ending_by: _Optional[str] = ..., page_size: _Optional[int] = ..., page_token: _Optional[str] = ...) -> None: ...

class AgreementPage(_message.Message):
    __slots__ = ("items", "next_page_token")
    ITEMS_FIELD_NUMBER: _ClassVar[int]
    NEXT_PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    items: _containers.RepeatedCompositeFieldContainer[Agreement]
    next_page_token: str
    def __init__(self, items: _Optional[_Iterable[_Union[Agreement, _Mapping]]] = ..., next_page_token: _Optional[str] = ...) -> None: ...

class GetCouncilSettingsRequest(_message.Message):
    __slots__ = ()
    def __init__(self) -> None: ...

class CouncilSettings(_message.Message):
    __slots__ = ("district", "reminder_days")
    DISTRICT_FIELD_NUMBER: _ClassVar[int]
    REMINDER_DAYS_FIELD_NUMBER: _ClassVar[int]
    district: str
    reminder_days: int
    def __init__(self, district: _Optional[str] = ..., reminder_days: _Optional[int] = ...) -> None: ...

class SetCouncilSettingsRequest(_message.Message):
    __slots__ = ("reminder_days", "idempotency_key")
    REMINDER_DAYS_FIELD_NUMBER: _ClassVar[int]
    IDEMPOTENCY_KEY_FIELD_NUMBER: _ClassVar[int]
    reminder_days: int
    idempotency_key: str
    def __init__(self, reminder_days: _Optional[int] = ..., idempotency_key: _Optional[str] = ...) -> None: ...

class DecisionInput(_message.Message):
    __slots__ = ("text", "owner_organisation_id", "owner_person_id", "due_on")
    TEXT_FIELD_NUMBER: _ClassVar[int]
    OWNER_ORGANISATION_ID_FIELD_NUMBER: _ClassVar[int]
    OWNER_PERSON_ID_FIELD_NUMBER: _ClassVar[int]
    DUE_ON_FIELD_NUMBER: _ClassVar[int]
    text: str
    owner_organisation_id: str
    owner_person_id: str
    due_on: str
    def __init__(self, text: _Optional[str] = ..., owner_organisation_id: _Optional[str] = ..., owner_person_id: _Optional[str] = ..., due_on: _Optional[str] = ...) -> None: ...

class RecordJointMeetingRequest(_message.Message):
    __slots__ = ("council_id", "kind", "held_on", "agenda", "attendance", "minutes", "decisions", "idempotency_key")
    COUNCIL_ID_FIELD_NUMBER: _ClassVar[int]
    KIND_FIELD_NUMBER: _ClassVar[int]
    HELD_ON_FIELD_NUMBER: _ClassVar[int]
    AGENDA_FIELD_NUMBER: _ClassVar[int]
    ATTENDANCE_FIELD_NUMBER: _ClassVar[int]
    MINUTES_FIELD_NUMBER: _ClassVar[int]
    DECISIONS_FIELD_NUMBER: _ClassVar[int]
    IDEMPOTENCY_KEY_FIELD_NUMBER: _ClassVar[int]
    council_id: str
    kind: str
    held_on: str
    agenda: _containers.RepeatedScalarFieldContainer[str]
    attendance: _containers.RepeatedScalarFieldContainer[str]
    minutes: str
    decisions: _containers.RepeatedCompositeFieldContainer[DecisionInput]
    idempotency_key: str
    def __init__(self, council_id: _Optional[str] = ..., kind: _Optional[str] = ..., held_on: _Optional[str] = ..., agenda: _Optional[_Iterable[str]] = ..., attendance: _Optional[_Iterable[str]] = ..., minutes: _Optional[str] = ..., decisions: _Optional[_Iterable[_Union[DecisionInput, _Mapping]]] = ..., idempotency_key: _Optional[str] = ...) -> None: ...

class Decision(_message.Message):
    __slots__ = ("id", "council_id", "meeting_id", "text", "owner_organisation_id", "owner_person_id", "owner_name", "due_on", "status", "done_on", "done_note", "done_by")
    ID_FIELD_NUMBER: _ClassVar[int]
    COUNCIL_ID_FIELD_NUMBER: _ClassVar[int]
    MEETING_ID_FIELD_NUMBER: _ClassVar[int]
    TEXT_FIELD_NUMBER: _ClassVar[int]
    OWNER_ORGANISATION_ID_FIELD_NUMBER: _ClassVar[int]
    OWNER_PERSON_ID_FIELD_NUMBER: _ClassVar[int]
    OWNER_NAME_FIELD_NUMBER: _ClassVar[int]
    DUE_ON_FIELD_NUMBER: _ClassVar[int]
    STATUS_FIELD_NUMBER: _ClassVar[int]
    DONE_ON_FIELD_NUMBER: _ClassVar[int]
    DONE_NOTE_FIELD_NUMBER: _ClassVar[int]
    DONE_BY_FIELD_NUMBER: _ClassVar[int]
    id: str
    council_id: str
    meeting_id: str
    text: str
    owner_organisation_id: str
    owner_person_id: str
    owner_name: str
    due_on: str
    status: str
    done_on: str
    done_note: str
    done_by: str
    def __init__(self, id: _Optional[str] = ..., council_id: _Optional[str] = ..., meeting_id: _Optional[str] = ..., text: _Optional[str] = ..., owner_organisation_id: _Optional[str] = ..., owner_person_id: _Optional[str] = ..., owner_name: _Optional[str] = ..., due_on: _Optional[str] = ..., status: _Optional[str] = ..., done_on: _Optional[str] = ..., done_note: _Optional[str] = ..., done_by: _Optional[str] = ...) -> None: ...

class JointMeeting(_message.Message):
    __slots__ = ("id", "council_id", "community", "kind", "held_on", "agenda", "attendance", "minutes", "recorded_by", "decisions")
    ID_FIELD_NUMBER: _ClassVar[int]
    COUNCIL_ID_FIELD_NUMBER: _ClassVar[int]
    COMMUNITY_FIELD_NUMBER: _ClassVar[int]
    KIND_FIELD_NUMBER: _ClassVar[int]
    HELD_ON_FIELD_NUMBER: _ClassVar[int]
    AGENDA_FIELD_NUMBER: _ClassVar[int]
    ATTENDANCE_FIELD_NUMBER: _ClassVar[int]
    MINUTES_FIELD_NUMBER: _ClassVar[int]
    RECORDED_BY_FIELD_NUMBER: _ClassVar[int]
    DECISIONS_FIELD_NUMBER: _ClassVar[int]
    id: str
    council_id: str
    community: str
    kind: str
    held_on: str
    agenda: _containers.RepeatedScalarFieldContainer[str]
    attendance: _containers.RepeatedScalarFieldContainer[str]
    minutes: str
    recorded_by: str
    decisions: _containers.RepeatedCompositeFieldContainer[Decision]
    def __init__(self, id: _Optional[str] = ..., council_id: _Optional[str] = ..., community: _Optional[str] = ..., kind: _Optional[str] = ..., held_on: _Optional[str] = ..., agenda: _Optional[_Iterable[str]] = ..., attendance: _Optional[_Iterable[str]] = ..., minutes: _Optional[str] = ..., recorded_by: _Optional[str] = ..., decisions: _Optional[_Iterable[_Union[Decision, _Mapping]]] = ...) -> None: ...

class JointMeetingRef(_message.Message):
    __slots__ = ("id",)
    ID_FIELD_NUMBER: _ClassVar[int]
    id: str
    def __init__(self, id: _Optional[str] = ...) -> None: ...

class ListJointMeetingsRequest(_message.Message):
    __slots__ = ("council_id", "from_date", "to_date")
    COUNCIL_ID_FIELD_NUMBER: _ClassVar[int]
    FROM_DATE_FIELD_NUMBER: _ClassVar[int]
    TO_DATE_FIELD_NUMBER: _ClassVar[int]
    council_id: str
    from_date: str
    to_date: str
    def __init__(self, council_id: _Optional[str] = ..., from_date: _Optional[str] = ..., to_date: _Optional[str] = ...) -> None: ...

class JointMeetingList(_message.Message):
    __slots__ = ("items",)
    ITEMS_FIELD_NUMBER: _ClassVar[int]
    items: _containers.RepeatedCompositeFieldContainer[JointMeeting]
    def __init__(self, items: _Optional[_Iterable[_Union[JointMeeting, _Mapping]]] = ...) -> None: ...

class CompleteDecisionRequest(_message.Message):
    __slots__ = ("decision_id", "note", "done_on", "idempotency_key")
    DECISION_ID_FIELD_NUMBER: _ClassVar[int]
    NOTE_FIELD_NUMBER: _ClassVar[int]
    DONE_ON_FIELD_NUMBER: _ClassVar[int]
    IDEMPOTENCY_KEY_FIELD_NUMBER: _ClassVar[int]
    decision_id: str
    note: str
    done_on: str
    idempotency_key: str
    def __init__(self, decision_id: _Optional[str] = ..., note: _Optional[str] = ..., done_on: _Optional[str] = ..., idempotency_key: _Optional[str] = ...) -> None: ...

class DecisionRef(_message.Message):
    __slots__ = ("id",)
    ID_FIELD_NUMBER: _ClassVar[int]
    id: str
    def __init__(self, id: _Optional[str] = ...) -> None: ...

class ListDecisionsRequest(_message.Message):
    __slots__ = ("council_id", "division_code", "status", "overdue_only", "page_size", "page_token")
    COUNCIL_ID_FIELD_NUMBER: _ClassVar[int]
    DIVISION_CODE_FIELD_NUMBER: _ClassVar[int]
    STATUS_FIELD_NUMBER: _ClassVar[int]
    OVERDUE_ONLY_FIELD_NUMBER: _ClassVar[int]
    PAGE_SIZE_FIELD_NUMBER: _ClassVar[int]
    PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    council_id: str
    division_code: str
    status: str
    overdue_only: bool
    page_size: int
    page_token: str
    def __init__(self, council_id: _Optional[str] = ..., division_code: _Optional[str] = ..., status: _Optional[str] = ..., overdue_only: _Optional[bool] = ..., page_size: _Optional[int] = ..., page_token: _Optional[str] = ...) -> None: ...

class DecisionPage(_message.Message):
    __slots__ = ("items", "next_page_token")
    ITEMS_FIELD_NUMBER: _ClassVar[int]
    NEXT_PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    items: _containers.RepeatedCompositeFieldContainer[Decision]
    next_page_token: str
    def __init__(self, items: _Optional[_Iterable[_Union[Decision, _Mapping]]] = ..., next_page_token: _Optional[str] = ...) -> None: ...

class GetCouncilFiguresRequest(_message.Message):
    __slots__ = ("division_code", "quarter")
    DIVISION_CODE_FIELD_NUMBER: _ClassVar[int]
    QUARTER_FIELD_NUMBER: _ClassVar[int]
    division_code: str
    quarter: str
    def __init__(self, division_code: _Optional[str] = ..., quarter: _Optional[str] = ...) -> None: ...

class CouncilFigure(_message.Message):
    __slots__ = ("council_id", "community", "name", "meetings", "met", "decisions_open", "decisions_overdue", "decisions_done")
    COUNCIL_ID_FIELD_NUMBER: _ClassVar[int]
    COMMUNITY_FIELD_NUMBER: _ClassVar[int]
    NAME_FIELD_NUMBER: _ClassVar[int]
    MEETINGS_FIELD_NUMBER: _ClassVar[int]
    MET_FIELD_NUMBER: _ClassVar[int]
    DECISIONS_OPEN_FIELD_NUMBER: _ClassVar[int]
    DECISIONS_OVERDUE_FIELD_NUMBER: _ClassVar[int]
    DECISIONS_DONE_FIELD_NUMBER: _ClassVar[int]
    council_id: str
    community: str
    name: str
    meetings: int
    met: bool
    decisions_open: int
    decisions_overdue: int
    decisions_done: int
    def __init__(self, council_id: _Optional[str] = ..., community: _Optional[str] = ..., name: _Optional[str] = ..., meetings: _Optional[int] = ..., met: _Optional[bool] = ..., decisions_open: _Optional[int] = ..., decisions_overdue: _Optional[int] = ..., decisions_done: _Optional[int] = ...) -> None: ...

class CouncilFigures(_message.Message):
    __slots__ = ("division_code", "quarter", "councils", "councils_met", "councils_not_met")
    DIVISION_CODE_FIELD_NUMBER: _ClassVar[int]
    QUARTER_FIELD_NUMBER: _ClassVar[int]
    COUNCILS_FIELD_NUMBER: _ClassVar[int]
    COUNCILS_MET_FIELD_NUMBER: _ClassVar[int]
    COUNCILS_NOT_MET_FIELD_NUMBER: _ClassVar[int]
    division_code: str
    quarter: str
    councils: _containers.RepeatedCompositeFieldContainer[CouncilFigure]
    councils_met: int
    councils_not_met: int
    def __init__(self, division_code: _Optional[str] = ..., quarter: _Optional[str] = ..., councils: _Optional[_Iterable[_Union[CouncilFigure, _Mapping]]] = ..., councils_met: _Optional[int] = ..., councils_not_met: _Optional[int] = ...) -> None: ...
