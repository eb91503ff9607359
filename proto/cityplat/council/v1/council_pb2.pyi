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

class RegisterSkillsRequest(_message.Message):
    __slots__ = ("council_id", "person_id", "skills", "trade", "interests", "idempotency_key")
    COUNCIL_ID_FIELD_NUMBER: _ClassVar[int]
    PERSON_ID_FIELD_NUMBER: _ClassVar[int]
    SKILLS_FIELD_NUMBER: _ClassVar[int]
    TRADE_FIELD_NUMBER: _ClassVar[int]
    INTERESTS_FIELD_NUMBER: _ClassVar[int]
    IDEMPOTENCY_KEY_FIELD_NUMBER: _ClassVar[int]
    council_id: str
    person_id: str
    skills: _containers.RepeatedScalarFieldContainer[str]
    trade: str
    interests: str
    idempotency_key: str
    def __init__(self, council_id: _Optional[str] = ..., person_id: _Optional[str] = ..., skills: _Optional[_Iterable[str]] = ..., trade: _Optional[str] = ..., interests: _Optional[str] = ..., idempotency_key: _Optional[str] = ...) -> None: ...

class SkilledPerson(_message.Message):
    __slots__ = ("id", "council_id", "person_id", "name", "skills", "trade", "interests")
    ID_FIELD_NUMBER: _ClassVar[int]
    COUNCIL_ID_FIELD_NUMBER: _ClassVar[int]
    PERSON_ID_FIELD_NUMBER: _ClassVar[int]
    NAME_FIELD_NUMBER: _ClassVar[int]
    SKILLS_FIELD_NUMBER: _ClassVar[int]
    TRADE_FIELD_NUMBER: _ClassVar[int]
    INTERESTS_FIELD_NUMBER: _ClassVar[int]
    id: str
    council_id: str
    person_id: str
    name: str
    skills: _containers.RepeatedScalarFieldContainer[str]
    trade: str
    interests: str
    def __init__(self, id: _Optional[str] = ..., council_id: _Optional[str] = ..., person_id: _Optional[str] = ..., name: _Optional[str] = ..., skills: _Optional[_Iterable[str]] = ..., trade: _Optional[str] = ..., interests: _Optional[str] = ...) -> None: ...

class ListSkillsRequest(_message.Message):
    __slots__ = ("council_id", "skill")
    COUNCIL_ID_FIELD_NUMBER: _ClassVar[int]
    SKILL_FIELD_NUMBER: _ClassVar[int]
    council_id: str
    skill: str
    def __init__(self, council_id: _Optional[str] = ..., skill: _Optional[str] = ...) -> None: ...

class SkilledPersonList(_message.Message):
    __slots__ = ("items",)
    ITEMS_FIELD_NUMBER: _ClassVar[int]
    items: _containers.RepeatedCompositeFieldContainer[SkilledPerson]
    def __init__(self, items: _Optional[_Iterable[_Union[SkilledPerson, _Mapping]]] = ...) -> None: ...

class FormTeamRequest(_message.Message):
    __slots__ = ("council_id", "name", "basis", "kind", "unit_id", "idempotency_key")
    COUNCIL_ID_FIELD_NUMBER: _ClassVar[int]
    NAME_FIELD_NUMBER: _ClassVar[int]
    BASIS_FIELD_NUMBER: _ClassVar[int]
    KIND_FIELD_NUMBER: _ClassVar[int]
    UNIT_ID_FIELD_NUMBER: _ClassVar[int]
    IDEMPOTENCY_KEY_FIELD_NUMBER: _ClassVar[int]
    council_id: str
    name: str
    basis: str
    kind: str
    unit_id: str
    idempotency_key: str
    def __init__(self, council_id: _Optional[str] = ..., name: _Optional[str] = ..., basis: _Optional[str] = ..., kind: _Optional[str] = ..., unit_id: _Optional[str] = ..., idempotency_key: _Optional[str] = ...) -> None: ...

class TeamMember(_message.Message):
    __slots__ = ("person_id", "name", "joined_on")
    PERSON_ID_FIELD_NUMBER: _ClassVar[int]
    NAME_FIELD_NUMBER: _ClassVar[int]
    JOINED_ON_FIELD_NUMBER: _ClassVar[int]
    person_id: str
    name: str
    joined_on: str
    def __init__(self, person_id: _Optional[str] = ..., name: _Optional[str] = ..., joined_on: _Optional[str] = ...) -> None: ...

class ServiceTeam(_message.Message):
    __slots__ = ("id", "council_id", "community", "name", "basis", "kind", "unit_id", "unit_name", "members")
    ID_FIELD_NUMBER: _ClassVar[int]
    COUNCIL_ID_FIELD_NUMBER: _ClassVar[int]
    COMMUNITY_FIELD_NUMBER: _ClassVar[int]
    NAME_FIELD_NUMBER: _ClassVar[int]
    BASIS_FIELD_NUMBER: _ClassVar[int]
    KIND_FIELD_NUMBER: _ClassVar[int]
    UNIT_ID_FIELD_NUMBER: _ClassVar[int]
    UNIT_NAME_FIELD_NUMBER: _ClassVar[int]
    MEMBERS_FIELD_NUMBER: _ClassVar[int]
    id: str
    council_id: str
    community: str
    name: str
    basis: str
    kind: str
    unit_id: str
    unit_name: str
    members: _containers.RepeatedCompositeFieldContainer[TeamMember]
    def __init__(self, id: _Optional[str] = ..., council_id: _Optional[str] = ..., community: _Optional[str] = ..., name: _Optional[str] = ..., basis: _Optional[str] = ..., kind: _Optional[str] = ..., unit_id: _Optional[str] = ..., unit_name: _Optional[str] = ..., members: _Optional[_Iterable[_Union[TeamMember, _Mapping]]] = ...) -> None: ...

class TeamMemberRequest(_message.Message):
    __slots__ = ("team_id", "person_id", "idempotency_key")
    TEAM_ID_FIELD_NUMBER: _ClassVar[int]
    PERSON_ID_FIELD_NUMBER: _ClassVar[int]
    IDEMPOTENCY_KEY_FIELD_NUMBER: _ClassVar[int]
    team_id: str
    person_id: str
    idempotency_key: str
    def __init__(self, team_id: _Optional[str] = ..., person_id: _Optional[str] = ..., idempotency_key: _Optional[str] = ...) -> None: ...

class TeamRef(_message.Message):
    __slots__ = ("id",)
    ID_FIELD_NUMBER: _ClassVar[int]
    id: str
    def __init__(self, id: _Optional[str] = ...) -> None: ...

class ListTeamsRequest(_message.Message):
    __slots__ = ("council_id",)
    COUNCIL_ID_FIELD_NUMBER: _ClassVar[int]
    council_id: str
    def __init__(self, council_id: _Optional[str] = ...) -> None: ...

class ServiceTeamList(_message.Message):
    __slots__ = ("items",)
    ITEMS_FIELD_NUMBER: _ClassVar[int]
    items: _containers.RepeatedCompositeFieldContainer[ServiceTeam]
    def __init__(self, items: _Optional[_Iterable[_Union[ServiceTeam, _Mapping]]] = ...) -> None: ...

class RecordActivityRequest(_message.Message):
    __slots__ = ("team_id", "title", "served_on", "people_served", "volunteer_ids", "project_id", "idempotency_key")
    TEAM_ID_FIELD_NUMBER: _ClassVar[int]
    TITLE_FIELD_NUMBER: _ClassVar[int]
    SERVED_ON_FIELD_NUMBER: _ClassVar[int]
    PEOPLE_SERVED_FIELD_NUMBER: _ClassVar[int]
    VOLUNTEER_IDS_FIELD_NUMBER: _ClassVar[int]
    PROJECT_ID_FIELD_NUMBER: _ClassVar[int]
    IDEMPOTENCY_KEY_FIELD_NUMBER: _ClassVar[int]
    team_id: str
    title: str
    served_on: str
    people_served: int
    volunteer_ids: _containers.RepeatedScalarFieldContainer[str]
    project_id: str
    idempotency_key: str
    def __init__(self, team_id: _Optional[str] = ..., title: _Optional[str] = ..., served_on: _Optional[str] = ..., people_served: _Optional[int] = ..., volunteer_ids: _Optional[_Iterable[str]] = ..., project_id: _Optional[str] = ..., idempotency_key: _Optional[str] = ...) -> None: ...

class Volunteer(_message.Message):
    __slots__ = ("person_id", "name")
    PERSON_ID_FIELD_NUMBER: _ClassVar[int]
    NAME_FIELD_NUMBER: _ClassVar[int]
    person_id: str
    name: str
    def __init__(self, person_id: _Optional[str] = ..., name: _Optional[str] = ...) -> None: ...

class ServiceActivity(_message.Message):
    __slots__ = ("id", "team_id", "council_id", "title", "served_on", "people_served", "volunteers", "unit_id", "project_id", "recorded_by")
    ID_FIELD_NUMBER: _ClassVar[int]
    TEAM_ID_FIELD_NUMBER: _ClassVar[int]
    COUNCIL_ID_FIELD_NUMBER: _ClassVar[int]
    TITLE_FIELD_NUMBER: _ClassVar[int]
    SERVED_ON_FIELD_NUMBER: _ClassVar[int]
    PEOPLE_SERVED_FIELD_NUMBER: _ClassVar[int]
    VOLUNTEERS_FIELD_NUMBER: _ClassVar[int]
    UNIT_ID_FIELD_NUMBER: _ClassVar[int]
    PROJECT_ID_FIELD_NUMBER: _ClassVar[int]
    RECORDED_BY_FIELD_NUMBER: _ClassVar[int]
    id: str
    team_id: str
    council_id: str
    title: str
    served_on: str
    people_served: int
    volunteers: _containers.RepeatedCompositeFieldContainer[Volunteer]
    unit_id: str
    project_id: str
    recorded_by: str
    def __init__(self, id: _Optional[str] = ..., team_id: _Optional[str] = ..., council_id: _Optional[str] = ..., title: _Optional[str] = ..., served_on: _Optional[str] = ..., people_served: _Optional[int] = ..., volunteers: _Optional[_Iterable[_Union[Volunteer, _Mapping]]] = ..., unit_id: _Optional[str] = ..., project_id: _Optional[str] = ..., recorded_by: _Optional[str] = ...) -> None: ...

class ListActivitiesRequest(_message.Message):
    __slots__ = ("team_id", "council_id", "from_date", "to_date")
    TEAM_ID_FIELD_NUMBER: _ClassVar[int]
    COUNCIL_ID_FIELD_NUMBER: _ClassVar[int]
    FROM_DATE_FIELD_NUMBER: _ClassVar[int]
    TO_DATE_FIELD_NUMBER: _ClassVar[int]
    team_id: str
    council_id: str
    from_date: str
    to_date: str
    def __init__(self, team_id: _Optional[str] = ..., council_id: _Optional[str] = ..., from_date: _Optional[str] = ..., to_date: _Optional[str] = ...) -> None: ...

class ServiceActivityList(_message.Message):
    __slots__ = ("items", "people_served")
    ITEMS_FIELD_NUMBER: _ClassVar[int]
    PEOPLE_SERVED_FIELD_NUMBER: _ClassVar[int]
    items: _containers.RepeatedCompositeFieldContainer[ServiceActivity]
    people_served: int
    def __init__(self, items: _Optional[_Iterable[_Union[ServiceActivity, _Mapping]]] = ..., people_served: _Optional[int] = ...) -> None: ...

class NameRepresentativeRequest(_message.Message):
    __slots__ = ("council_id", "person_id", "idempotency_key")
    COUNCIL_ID_FIELD_NUMBER: _ClassVar[int]
    PERSON_ID_FIELD_NUMBER: _ClassVar[int]
    IDEMPOTENCY_KEY_FIELD_NUMBER: _ClassVar[int]
    council_id: str
    person_id: str
    idempotency_key: str
    def __init__(self, council_id: _Optional[str] = ..., person_id: _Optional[str] = ..., idempotency_key: _Optional[str] = ...) -> None: ...

class Representative(_message.Message):
    __slots__ = ("id", "council_id", "person_id", "name", "named_on")
    ID_FIELD_NUMBER: _ClassVar[int]
    COUNCIL_ID_FIELD_NUMBER: _ClassVar[int]
    PERSON_ID_FIELD_NUMBER: _ClassVar[int]
    NAME_FIELD_NUMBER: _ClassVar[int]
    NAMED_ON_FIELD_NUMBER: _ClassVar[int]
    id: str
    council_id: str
    person_id: str
    name: str
    named_on: str
    def __init__(self, id: _Optional[str] = ..., council_id: _Optional[str] = ..., person_id: _Optional[str] = ..., name: _Optional[str] = ..., named_on: _Optional[str] = ...) -> None: ...

class ListRepresentativesRequest(_message.Message):
    __slots__ = ("council_id",)
    COUNCIL_ID_FIELD_NUMBER: _ClassVar[int]
    council_id: str
    def __init__(self, council_id: _Optional[str] = ...) -> None: ...

class RepresentativeList(_message.Message):
    __slots__ = ("items",)
    ITEMS_FIELD_NUMBER: _ClassVar[int]
    items: _containers.RepeatedCompositeFieldContainer[Representative]
    def __init__(self, items: _Optional[_Iterable[_Union[Representative, _Mapping]]] = ...) -> None: ...

class RateUnitRequest(_message.Message):
    __slots__ = ("council_id", "unit_id", "year", "stars", "comment", "representative_id", "idempotency_key")
    COUNCIL_ID_FIELD_NUMBER: _ClassVar[int]
    UNIT_ID_FIELD_NUMBER: _ClassVar[int]
    YEAR_FIELD_NUMBER: _ClassVar[int]
    STARS_FIELD_NUMBER: _ClassVar[int]
    COMMENT_FIELD_NUMBER: _ClassVar[int]
    REPRESENTATIVE_ID_FIELD_NUMBER: _ClassVar[int]
    IDEMPOTENCY_KEY_FIELD_NUMBER: _ClassVar[int]
    council_id: str
    unit_id: str
    year: int
    stars: int
    comment: str
    representative_id: str
    idempotency_key: str
    def __init__(self, council_id: _Optional[str] = ..., unit_id: _Optional[str] = ..., year: _Optional[int] = ..., stars: _Optional[int] = ..., comment: _Optional[str] = ..., representative_id: _Optional[str] = ..., idempotency_key: _Optional[str] = ...) -> None: ...

class UnitRating(_message.Message):
    __slots__ = ("id", "council_id", "unit_id", "unit_name", "superior_id", "year", "representative_id", "stars", "comment")
    ID_FIELD_NUMBER: _ClassVar[int]
    COUNCIL_ID_FIELD_NUMBER: _ClassVar[int]
    UNIT_ID_FIELD_NUMBER: _ClassVar[int]
    UNIT_NAME_FIELD_NUMBER: _ClassVar[int]
    SUPERIOR_ID_FIELD_NUMBER: _ClassVar[int]
    YEAR_FIELD_NUMBER: _ClassVar[int]
    REPRESENTATIVE_ID_FIELD_NUMBER: _ClassVar[int]
    STARS_FIELD_NUMBER: _ClassVar[int]
    COMMENT_FIELD_NUMBER: _ClassVar[int]
    id: str
    council_id: str
    unit_id: str
    unit_name: str
    superior_id: str
    year: int
    representative_id: str
    stars: int
    comment: str
    def __init__(self, id: _Optional[str] = ..., council_id: _Optional[str] = ..., unit_id: _Optional[str] = ..., unit_name: _Optional[str] = ..., superior_id: _Optional[str] = ..., year: _Optional[int] = ..., representative_id: _Optional[str] = ..., stars: _Optional[int] = ..., comment: _Optional[str] = ...) -> None: ...

class RateServiceRequest(_message.Message):
    __slots__ = ("council_id", "target", "year", "stars", "comment", "idempotency_key", "unit_id")
    COUNCIL_ID_FIELD_NUMBER: _ClassVar[int]
    TARGET_FIELD_NUMBER: _ClassVar[int]
    YEAR_FIELD_NUMBER: _ClassVar[int]
    STARS_FIELD_NUMBER: _ClassVar[int]
    COMMENT_FIELD_NUMBER: _ClassVar[int]
    IDEMPOTENCY_KEY_FIELD_NUMBER: _ClassVar[int]
    UNIT_ID_FIELD_NUMBER: _ClassVar[int]
    council_id: str
    target: str
    year: int
    stars: int
    comment: str
    idempotency_key: str
    unit_id: str
    def __init__(self, council_id: _Optional[str] = ..., target: _Optional[str] = ..., year: _Optional[int] = ..., stars: _Optional[int] = ..., comment: _Optional[str] = ..., idempotency_key: _Optional[str] = ..., unit_id: _Optional[str] = ...) -> None: ...

class ServiceRating(_message.Message):
    __slots__ = ("id", "council_id", "unit_id", "target", "target_code", "year", "stars", "comment")
    ID_FIELD_NUMBER: _ClassVar[int]
    COUNCIL_ID_FIELD_NUMBER: _ClassVar[int]
    UNIT_ID_FIELD_NUMBER: _ClassVar[int]
    TARGET_FIELD_NUMBER: _ClassVar[int]
    TARGET_CODE_FIELD_NUMBER: _ClassVar[int]
    YEAR_FIELD_NUMBER: _ClassVar[int]
    STARS_FIELD_NUMBER: _ClassVar[int]
    COMMENT_FIELD_NUMBER: _ClassVar[int]
    id: str
    council_id: str
    unit_id: str
    target: str
    target_code: str
    year: int
    stars: int
    comment: str
    def __init__(self, id: _Optional[str] = ..., council_id: _Optional[str] = ..., unit_id: _Optional[str] = ..., target: _Optional[str] = ..., target_code: _Optional[str] = ..., year: _Optional[int] = ..., stars: _Optional[int] = ..., comment: _Optional[str] = ...) -> None: ...

class GetEvaluationReportRequest(_message.Message):
    __slots__ = ("division_code", "year")
    DIVISION_CODE_FIELD_NUMBER: _ClassVar[int]
    YEAR_FIELD_NUMBER: _ClassVar[int]
    division_code: str
    year: int
    def __init__(self, division_code: _Optional[str] = ..., year: _Optional[int] = ...) -> None: ...

class UnitResult(_message.Message):
    __slots__ = ("unit_id", "unit_name", "superior_id", "ratings", "average")
    UNIT_ID_FIELD_NUMBER: _ClassVar[int]
    UNIT_NAME_FIELD_NUMBER: _ClassVar[int]
    SUPERIOR_ID_FIELD_NUMBER: _ClassVar[int]
    RATINGS_FIELD_NUMBER: _ClassVar[int]
    AVERAGE_FIELD_NUMBER: _ClassVar[int]
    unit_id: str
    unit_name: str
    superior_id: str
    ratings: int
    average: float
    def __init__(self, unit_id: _Optional[str] = ..., unit_name: _Optional[str] = ..., superior_id: _Optional[str] = ..., ratings: _Optional[int] = ..., average: _Optional[float] = ...) -> None: ...

class ServiceResult(_message.Message):
    __slots__ = ("target", "code", "ratings", "average")
    TARGET_FIELD_NUMBER: _ClassVar[int]
    CODE_FIELD_NUMBER: _ClassVar[int]
    RATINGS_FIELD_NUMBER: _ClassVar[int]
    AVERAGE_FIELD_NUMBER: _ClassVar[int]
    target: str
    code: str
    ratings: int
    average: float
    def __init__(self, target: _Optional[str] = ..., code: _Optional[str] = ..., ratings: _Optional[int] = ..., average: _Optional[float] = ...) -> None: ...

class EvaluationReport(_message.Message):
    __slots__ = ("division_code", "year", "units", "services")
    DIVISION_CODE_FIELD_NUMBER: _ClassVar[int]
    YEAR_FIELD_NUMBER: _ClassVar[int]
    UNITS_FIELD_NUMBER: _ClassVar[int]
    SERVICES_FIELD_NUMBER: _ClassVar[int]
    division_code: str
    year: int
    units: _containers.RepeatedCompositeFieldContainer[UnitResult]
    services: _containers.RepeatedCompositeFieldContainer[ServiceResult]
    def __init__(self, division_code: _Optional[str] = ..., year: _Optional[int] = ..., units: _Optional[_Iterable[_Union[UnitResult, _Mapping]]] = ..., services: _Optional[_Iterable[_Union[ServiceResult, _Mapping]]] = ...) -> None: ...

class ExportUnitRatingsRequest(_message.Message):
    __slots__ = ("superior_id", "year")
    SUPERIOR_ID_FIELD_NUMBER: _ClassVar[int]
    YEAR_FIELD_NUMBER: _ClassVar[int]
    superior_id: str
    year: int
    def __init__(self, superior_id: _Optional[str] = ..., year: _Optional[int] = ...) -> None: ...

class UnitRatingLine(_message.Message):
    __slots__ = ("unit_id", "unit_name", "community", "ratings", "average")
    UNIT_ID_FIELD_NUMBER: _ClassVar[int]
    UNIT_NAME_FIELD_NUMBER: _ClassVar[int]
    COMMUNITY_FIELD_NUMBER: _ClassVar[int]
    RATINGS_FIELD_NUMBER: _ClassVar[int]
    AVERAGE_FIELD_NUMBER: _ClassVar[int]
    unit_id: str
    unit_name: str
    community: str
    ratings: int
    average: float
    def __init__(self, unit_id: _Optional[str] = ..., unit_name: _Optional[str] = ..., community: _Optional[str] = ..., ratings: _Optional[int] = ..., average: _Optional[float] = ...) -> None: ...

class UnitRatingsExport(_message.Message):
    __slots__ = ("superior_id", "year", "lines", "xlsx")
    SUPERIOR_ID_FIELD_NUMBER: _ClassVar[int]
    YEAR_FIELD_NUMBER: _ClassVar[int]
    LINES_FIELD_NUMBER: _ClassVar[int]
    XLSX_FIELD_NUMBER: _ClassVar[int]
    superior_id: str
    year: int
    lines: _containers.RepeatedCompositeFieldContainer[UnitRatingLine]
    xlsx: bytes
    def __init__(self, superior_id: _Optional[str] = ..., year: _Optional[int] = ..., lines: _Optional[_Iterable[_Union[UnitRatingLine, _Mapping]]] = ..., xlsx: _Optional[bytes] = ...) -> None: ...

class RecordNeedRequest(_message.Message):
    __slots__ = ("council_id", "visited_on", "visited_by", "building", "grid", "resident_id", "description", "kind", "skills", "urgency", "idempotency_key")
    COUNCIL_ID_FIELD_NUMBER: _ClassVar[int]
    VISITED_ON_FIELD_NUMBER: _ClassVar[int]
    VISITED_BY_FIELD_NUMBER: _ClassVar[int]
    BUILDING_FIELD_NUMBER: _ClassVar[int]
    GRID_FIELD_NUMBER: _ClassVar[int]
    RESIDENT_ID_FIELD_NUMBER: _ClassVar[int]
    DESCRIPTION_FIELD_NUMBER: _ClassVar[int]
    KIND_FIELD_NUMBER: _ClassVar[int]
    SKILLS_FIELD_NUMBER: _ClassVar[int]
    URGENCY_FIELD_NUMBER: _ClassVar[int]
    IDEMPOTENCY_KEY_FIELD_NUMBER: _ClassVar[int]
    council_id: str
    visited_on: str
    visited_by: str
    building: str
    grid: str
    resident_id: str
    description: str
    kind: str
    skills: _containers.RepeatedScalarFieldContainer[str]
    urgency: str
    idempotency_key: str
    def __init__(self, council_id: _Optional[str] = ..., visited_on: _Optional[str] = ..., visited_by: _Optional[str] = ..., building: _Optional[str] = ..., grid: _Optional[str] = ..., resident_id: _Optional[str] = ..., description: _Optional[str] = ..., kind: _Optional[str] = ..., skills: _Optional[_Iterable[str]] = ..., urgency: _Optional[str] = ..., idempotency_key: _Optional[str] = ...) -> None: ...

class Need(_message.Message):
    __slots__ = ("id", "council_id", "community", "visited_on", "visited_by", "building", "grid", "resident_id", "description", "kind", "skills", "urgency", "status", "project_id", "recorded_by")
    ID_FIELD_NUMBER: _ClassVar[int]
    COUNCIL_ID_FIELD_NUMBER: _ClassVar[int]
    COMMUNITY_FIELD_NUMBER: _ClassVar[int]
    VISITED_ON_FIELD_NUMBER: _ClassVar[int]
    VISITED_BY_FIELD_NUMBER: _ClassVar[int]
    BUILDING_FIELD_NUMBER: _ClassVar[int]
    GRID_FIELD_NUMBER: _ClassVar[int]
    RESIDENT_ID_FIELD_NUMBER: _ClassVar[int]
    DESCRIPTION_FIELD_NUMBER: _ClassVar[int]
    KIND_FIELD_NUMBER: _ClassVar[int]
    SKILLS_FIELD_NUMBER: _ClassVar[int]
    URGENCY_FIELD_NUMBER: _ClassVar[int]
    STATUS_FIELD_NUMBER: _ClassVar[int]
    PROJECT_ID_FIELD_NUMBER: _ClassVar[int]
    RECORDED_BY_FIELD_NUMBER: _ClassVar[int]
    id: str
    council_id: str
    community: str
    visited_on: str
    visited_by: str
    building: str
    grid: str
    resident_id: str
    description: str
    kind: str
    skills: _containers.RepeatedScalarFieldContainer[str]
    urgency: str
    status: str
    project_id: str
    recorded_by: str
    def __init__(self, id: _Optional[str] = ..., council_id: _Optional[str] = ..., community: _Optional[str] = ..., visited_on: _Optional[str] = ..., visited_by: _Optional[str] = ..., building: _Optional[str] = ..., grid: _Optional[str] = ..., resident_id: _Optional[str] = ..., description: _Optional[str] = ..., kind: _Optional[str] = ..., skills: _Optional[_Iterable[str]] = ..., urgency: _Optional[str] = ..., status: _Optional[str] = ..., project_id: _Optional[str] = ..., recorded_by: _Optional[str] = ...) -> None: ...

class NeedRef(_message.Message):
    __slots__ = ("id",)
    ID_FIELD_NUMBER: _ClassVar[int]
    id: str
    def __init__(self, id: _Optional[str] = ...) -> None: ...

class ListNeedsRequest(_message.Message):
    __slots__ = ("council_id", "status", "kind")
    COUNCIL_ID_FIELD_NUMBER: _ClassVar[int]
    STATUS_FIELD_NUMBER: _ClassVar[int]
    KIND_FIELD_NUMBER: _ClassVar[int]
    council_id: str
    status: str
    kind: str
    def __init__(self, council_id: _Optional[str] = ..., status: _Optional[str] = ..., kind: _Optional[str] = ...) -> None: ...

class NeedList(_message.Message):
    __slots__ = ("items",)
    ITEMS_FIELD_NUMBER: _ClassVar[int]
    items: _containers.RepeatedCompositeFieldContainer[Need]
    def __init__(self, items: _Optional[_Iterable[_Union[Need, _Mapping]]] = ...) -> None: ...

class RecordResourceRequest(_message.Message):
    __slots__ = ("council_id", "kind", "name", "skills", "place", "organisation_id", "person_id", "availability", "idempotency_key")
    COUNCIL_ID_FIELD_NUMBER: _ClassVar[int]
    KIND_FIELD_NUMBER: _ClassVar[int]
    NAME_FIELD_NUMBER: _ClassVar[int]
    SKILLS_FIELD_NUMBER: _ClassVar[int]
    PLACE_FIELD_NUMBER: _ClassVar[int]
    ORGANISATION_ID_FIELD_NUMBER: _ClassVar[int]
    PERSON_ID_FIELD_NUMBER: _ClassVar[int]
    AVAILABILITY_FIELD_NUMBER: _ClassVar[int]
    IDEMPOTENCY_KEY_FIELD_NUMBER: _ClassVar[int]
    council_id: str
    kind: str
    name: str
    skills: _containers.RepeatedScalarFieldContainer[str]
    place: str
    organisation_id: str
    person_id: str
    availability: str
    idempotency_key: str
    def __init__(self, council_id: _Optional[str] = ..., kind: _Optional[str] = ..., name: _Optional[str] = ..., skills: _Optional[_Iterable[str]] = ..., place: _Optional[str] = ..., organisation_id: _Optional[str] = ..., person_id: _Optional[str] = ..., availability: _Optional[str] = ..., idempotency_key: _Optional[str] = ...) -> None: ...

class Resource(_message.Message):
    __slots__ = ("id", "council_id", "community", "kind", "name", "skills", "place", "organisation_id", "person_id", "offered_by_name", "availability", "recorded_by")
    ID_FIELD_NUMBER: _ClassVar[int]
    COUNCIL_ID_FIELD_NUMBER: _ClassVar[int]
    COMMUNITY_FIELD_NUMBER: _ClassVar[int]
    KIND_FIELD_NUMBER: _ClassVar[int]
    NAME_FIELD_NUMBER: _ClassVar[int]
    SKILLS_FIELD_NUMBER: _ClassVar[int]
    PLACE_FIELD_NUMBER: _ClassVar[int]
    ORGANISATION_ID_FIELD_NUMBER: _ClassVar[int]
    PERSON_ID_FIELD_NUMBER: _ClassVar[int]
    OFFERED_BY_NAME_FIELD_NUMBER: _ClassVar[int]
    AVAILABILITY_FIELD_NUMBER: _ClassVar[int]
    RECORDED_BY_FIELD_NUMBER: _ClassVar[int]
    id: str
    council_id: str
    community: str
    kind: str
    name: str
    skills: _containers.RepeatedScalarFieldContainer[str]
    place: str
    organisation_id: str
    person_id: str
    offered_by_name: str
    availability: str
    recorded_by: str
    def __init__(self, id: _Optional[str] = ..., council_id: _Optional[str] = ..., community: _Optional[str] = ..., kind: _Optional[str] = ..., name: _Optional[str] = ..., skills: _Optional[_Iterable[str]] = ..., place: _Optional[str] = ..., organisation_id: _Optional[str] = ..., person_id: _Optional[str] = ..., offered_by_name: _Optional[str] = ..., availability: _Optional[str] = ..., recorded_by: _Optional[str] = ...) -> None: ...

class ListResourcesRequest(_message.Message):
    __slots__ = ("council_id", "kind")
    COUNCIL_ID_FIELD_NUMBER: _ClassVar[int]
    KIND_FIELD_NUMBER: _ClassVar[int]
    council_id: str
    kind: str
    def __init__(self, council_id: _Optional[str] = ..., kind: _Optional[str] = ...) -> None: ...

class ResourceList(_message.Message):
    __slots__ = ("items",)
    ITEMS_FIELD_NUMBER: _ClassVar[int]
    items: _containers.RepeatedCompositeFieldContainer[Resource]
    def __init__(self, items: _Optional[_Iterable[_Union[Resource, _Mapping]]] = ...) -> None: ...

class GetMatchesRequest(_message.Message):
    __slots__ = ("need_id",)
    NEED_ID_FIELD_NUMBER: _ClassVar[int]
    need_id: str
    def __init__(self, need_id: _Optional[str] = ...) -> None: ...

class Match(_message.Message):
    __slots__ = ("kind", "id", "name", "score", "reasons", "community")
    KIND_FIELD_NUMBER: _ClassVar[int]
    ID_FIELD_NUMBER: _ClassVar[int]
    NAME_FIELD_NUMBER: _ClassVar[int]
    SCORE_FIELD_NUMBER: _ClassVar[int]
    REASONS_FIELD_NUMBER: _ClassVar[int]
    COMMUNITY_FIELD_NUMBER: _ClassVar[int]
    kind: str
    id: str
    name: str
    score: int
    reasons: _containers.RepeatedScalarFieldContainer[str]
    community: str
    def __init__(self, kind: _Optional[str] = ..., id: _Optional[str] = ..., name: _Optional[str] = ..., score: _Optional[int] = ..., reasons: _Optional[_Iterable[str]] = ..., community: _Optional[str] = ...) -> None: ...

class Matches(_message.Message):
    __slots__ = ("need_id", "items")
    NEED_ID_FIELD_NUMBER: _ClassVar[int]
    ITEMS_FIELD_NUMBER: _ClassVar[int]
    need_id: str
    items: _containers.RepeatedCompositeFieldContainer[Match]
    def __init__(self, need_id: _Optional[str] = ..., items: _Optional[_Iterable[_Union[Match, _Mapping]]] = ...) -> None: ...

class GetGapsRequest(_message.Message):
    __slots__ = ("division_code",)
    DIVISION_CODE_FIELD_NUMBER: _ClassVar[int]
    division_code: str
    def __init__(self, division_code: _Optional[str] = ...) -> None: ...

class CommunityGap(_message.Message):
    __slots__ = ("community", "council_id", "open_needs", "unmet")
    COMMUNITY_FIELD_NUMBER: _ClassVar[int]
    COUNCIL_ID_FIELD_NUMBER: _ClassVar[int]
    OPEN_NEEDS_FIELD_NUMBER: _ClassVar[int]
    UNMET_FIELD_NUMBER: _ClassVar[int]
    community: str
    council_id: str
    open_needs: int
    unmet: _containers.RepeatedCompositeFieldContainer[Need]
    def __init__(self, community: _Optional[str] = ..., council_id: _Optional[str] = ..., open_needs: _Optional[int] = ..., unmet: _Optional[_Iterable[_Union[Need, _Mapping]]] = ...) -> None: ...

class Gaps(_message.Message):
    __slots__ = ("division_code", "communities")
    DIVISION_CODE_FIELD_NUMBER: _ClassVar[int]
    COMMUNITIES_FIELD_NUMBER: _ClassVar[int]
    division_code: str
    communities: _containers.RepeatedCompositeFieldContainer[CommunityGap]
    def __init__(self, division_code: _Optional[str] = ..., communities: _Optional[_Iterable[_Union[CommunityGap, _Mapping]]] = ...) -> None: ...

class CreateProjectRequest(_message.Message):
    __slots__ = ("council_id", "title", "description", "need_ids", "deadline", "department_id", "idempotency_key")
    COUNCIL_ID_FIELD_NUMBER: _ClassVar[int]
    TITLE_FIELD_NUMBER: _ClassVar[int]
    DESCRIPTION_FIELD_NUMBER: _ClassVar[int]
    NEED_IDS_FIELD_NUMBER: _ClassVar[int]
    DEADLINE_FIELD_NUMBER: _ClassVar[int]
    DEPARTMENT_ID_FIELD_NUMBER: _ClassVar[int]
    IDEMPOTENCY_KEY_FIELD_NUMBER: _ClassVar[int]
    council_id: str
    title: str
    description: str
    need_ids: _containers.RepeatedScalarFieldContainer[str]
    deadline: str
    department_id: str
    idempotency_key: str
    def __init__(self, council_id: _Optional[str] = ..., title: _Optional[str] = ..., description: _Optional[str] = ..., need_ids: _Optional[_Iterable[str]] = ..., deadline: _Optional[str] = ..., department_id: _Optional[str] = ..., idempotency_key: _Optional[str] = ...) -> None: ...

class ProjectClaimer(_message.Message):
    __slots__ = ("kind", "id", "name", "claimed_at")
    KIND_FIELD_NUMBER: _ClassVar[int]
    ID_FIELD_NUMBER: _ClassVar[int]
    NAME_FIELD_NUMBER: _ClassVar[int]
    CLAIMED_AT_FIELD_NUMBER: _ClassVar[int]
    kind: str
    id: str
    name: str
    claimed_at: str
    def __init__(self, kind: _Optional[str] = ..., id: _Optional[str] = ..., name: _Optional[str] = ..., claimed_at: _Optional[str] = ...) -> None: ...

class ProjectNote(_message.Message):
    __slots__ = ("note", "recorded_by", "recorded_at")
    NOTE_FIELD_NUMBER: _ClassVar[int]
    RECORDED_BY_FIELD_NUMBER: _ClassVar[int]
    RECORDED_AT_FIELD_NUMBER: _ClassVar[int]
    note: str
    recorded_by: str
    recorded_at: str
    def __init__(self, note: _Optional[str] = ..., recorded_by: _Optional[str] = ..., recorded_at: _Optional[str] = ...) -> None: ...

class Project(_message.Message):
    __slots__ = ("id", "council_id", "community", "title", "description", "kind", "skills", "urgency", "need_ids", "status", "deadline", "department_id", "department_name", "escalated_at", "done_on", "done_note", "claimers", "progress", "overdue", "created_at", "closed_reason")
    ID_FIELD_NUMBER: _ClassVar[int]
    COUNCIL_ID_FIELD_NUMBER: _ClassVar[int]
    COMMUNITY_FIELD_NUMBER: _ClassVar[int]
    TITLE_FIELD_NUMBER: _ClassVar[int]
    DESCRIPTION_FIELD_NUMBER: _ClassVar[int]
    KIND_FIELD_NUMBER: _ClassVar[int]
    SKILLS_FIELD_NUMBER: _ClassVar[int]
    URGENCY_FIELD_NUMBER: _ClassVar[int]
    NEED_IDS_FIELD_NUMBER: _ClassVar[int]
    STATUS_FIELD_NUMBER: _ClassVar[int]
    DEADLINE_FIELD_NUMBER: _ClassVar[int]
    DEPARTMENT_ID_FIELD_NUMBER: _ClassVar[int]
    DEPARTMENT_NAME_FIELD_NUMBER: _ClassVar[int]
    ESCALATED_AT_FIELD_NUMBER: _ClassVar[int]
    DONE_ON_FIELD_NUMBER: _ClassVar[int]
    DONE_NOTE_FIELD_NUMBER: _ClassVar[int]
    CLAIMERS_FIELD_NUMBER: _ClassVar[int]
    PROGRESS_FIELD_NUMBER: _ClassVar[int]
    OVERDUE_FIELD_NUMBER: _ClassVar[int]
    CREATED_AT_FIELD_NUMBER: _ClassVar[int]
    CLOSED_REASON_FIELD_NUMBER: _ClassVar[int]
    id: str
    council_id: str
    community: str
    title: str
    description: str
    kind: str
    skills: _containers.RepeatedScalarFieldContainer[str]
    urgency: str
    need_ids: _containers.RepeatedScalarFieldContainer[str]
    status: str
    deadline: str
    department_id: str
    department_name: str
    escalated_at: str
    done_on: str
    done_note: str
    claimers: _containers.RepeatedCompositeFieldContainer[ProjectClaimer]
    progress: _containers.RepeatedCompositeFieldContainer[ProjectNote]
    overdue: bool
    created_at: str
    closed_reason: str
    def __init__(self, id: _Optional[str] = ..., council_id: _Optional[str] = ..., community: _Optional[str] = ..., title: _Optional[str] = ..., description: _Optional[str] = ..., kind: _Optional[str] = ..., skills: _Optional[_Iterable[str]] = ..., urgency: _Optional[str] = ..., need_ids: _Optional[_Iterable[str]] = ..., status: _Optional[str] = ..., deadline: _Optional[str] = ..., department_id: _Optional[str] = ..., department_name: _Optional[str] = ..., escalated_at: _Optional[str] = ..., done_on: _Optional[str] = ..., done_note: _Optional[str] = ..., claimers: _Optional[_Iterable[_Union[ProjectClaimer, _Mapping]]] = ..., progress: _Optional[_Iterable[_Union[ProjectNote, _Mapping]]] = ..., overdue: _Optional[bool] = ..., created_at: _Optional[str] = ..., closed_reason: _Optional[str] = ...) -> None: ...

class ProjectRef(_message.Message):
    __slots__ = ("id",)
    ID_FIELD_NUMBER: _ClassVar[int]
    id: str
    def __init__(self, id: _Optional[str] = ...) -> None: ...

class ListProjectsRequest(_message.Message):
    __slots__ = ("council_id", "division_code", "status", "claimed_by", "page_size", "page_token")
    COUNCIL_ID_FIELD_NUMBER: _ClassVar[int]
    DIVISION_CODE_FIELD_NUMBER: _ClassVar[int]
    STATUS_FIELD_NUMBER: _ClassVar[int]
    CLAIMED_BY_FIELD_NUMBER: _ClassVar[int]
    PAGE_SIZE_FIELD_NUMBER: _ClassVar[int]
    PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    council_id: str
    division_code: str
    status: str
    claimed_by: str
    page_size: int
    page_token: str
    def __init__(self, council_id: _Optional[str] = ..., division_code: _Optional[str] = ..., status: _Optional[str] = ..., claimed_by: _Optional[str] = ..., page_size: _Optional[int] = ..., page_token: _Optional[str] = ...) -> None: ...

class ProjectPage(_message.Message):
    __slots__ = ("items", "next_page_token")
    ITEMS_FIELD_NUMBER: _ClassVar[int]
    NEXT_PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    items: _containers.RepeatedCompositeFieldContainer[Project]
    next_page_token: str
    def __init__(self, items: _Optional[_Iterable[_Union[Project, _Mapping]]] = ..., next_page_token: _Optional[str] = ...) -> None: ...

class ClaimProjectRequest(_message.Message):
    __slots__ = ("project_id", "organisation_id", "person_id", "idempotency_key")
    PROJECT_ID_FIELD_NUMBER: _ClassVar[int]
    ORGANISATION_ID_FIELD_NUMBER: _ClassVar[int]
    PERSON_ID_FIELD_NUMBER: _ClassVar[int]
    IDEMPOTENCY_KEY_FIELD_NUMBER: _ClassVar[int]
    project_id: str
    organisation_id: str
    person_id: str
    idempotency_key: str
    def __init__(self, project_id: _Optional[str] = ..., organisation_id: _Optional[str] = ..., person_id: _Optional[str] = ..., idempotency_key: _Optional[str] = ...) -> None: ...

class RecordProgressRequest(_message.Message):
    __slots__ = ("project_id", "note", "idempotency_key")
    PROJECT_ID_FIELD_NUMBER: _ClassVar[int]
    NOTE_FIELD_NUMBER: _ClassVar[int]
    IDEMPOTENCY_KEY_FIELD_NUMBER: _ClassVar[int]
    project_id: str
    note: str
    idempotency_key: str
    def __init__(self, project_id: _Optional[str] = ..., note: _Optional[str] = ..., idempotency_key: _Optional[str] = ...) -> None: ...

class CompleteProjectRequest(_message.Message):
    __slots__ = ("project_id", "note", "done_on", "idempotency_key")
    PROJECT_ID_FIELD_NUMBER: _ClassVar[int]
    NOTE_FIELD_NUMBER: _ClassVar[int]
    DONE_ON_FIELD_NUMBER: _ClassVar[int]
    IDEMPOTENCY_KEY_FIELD_NUMBER: _ClassVar[int]
    project_id: str
    note: str
    done_on: str
    idempotency_key: str
    def __init__(self, project_id: _Optional[str] = ..., note: _Optional[str] = ..., done_on: _Optional[str] = ..., idempotency_key: _Optional[str] = ...) -> None: ...

class CloseProjectRequest(_message.Message):
    __slots__ = ("project_id", "reason", "idempotency_key")
    PROJECT_ID_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    IDEMPOTENCY_KEY_FIELD_NUMBER: _ClassVar[int]
    project_id: str
    reason: str
    idempotency_key: str
    def __init__(self, project_id: _Optional[str] = ..., reason: _Optional[str] = ..., idempotency_key: _Optional[str] = ...) -> None: ...

class EvaluateProjectRequest(_message.Message):
    __slots__ = ("project_id", "person_id", "year", "stars", "comment", "idempotency_key")
    PROJECT_ID_FIELD_NUMBER: _ClassVar[int]
    PERSON_ID_FIELD_NUMBER: _ClassVar[int]
    YEAR_FIELD_NUMBER: _ClassVar[int]
    STARS_FIELD_NUMBER: _ClassVar[int]
    COMMENT_FIELD_NUMBER: _ClassVar[int]
    IDEMPOTENCY_KEY_FIELD_NUMBER: _ClassVar[int]
    project_id: str
    person_id: str
    year: int
    stars: int
    comment: str
    idempotency_key: str
    def __init__(self, project_id: _Optional[str] = ..., person_id: _Optional[str] = ..., year: _Optional[int] = ..., stars: _Optional[int] = ..., comment: _Optional[str] = ..., idempotency_key: _Optional[str] = ...) -> None: ...

class ProjectEvaluation(_message.Message):
    __slots__ = ("id", "project_id", "person_id", "year", "stars", "comment")
    ID_FIELD_NUMBER: _ClassVar[int]
    PROJECT_ID_FIELD_NUMBER: _ClassVar[int]
    PERSON_ID_FIELD_NUMBER: _ClassVar[int]
    YEAR_FIELD_NUMBER: _ClassVar[int]
    STARS_FIELD_NUMBER: _ClassVar[int]
    COMMENT_FIELD_NUMBER: _ClassVar[int]
    id: str
    project_id: str
    person_id: str
    year: int
    stars: int
    comment: str
    def __init__(self, id: _Optional[str] = ..., project_id: _Optional[str] = ..., person_id: _Optional[str] = ..., year: _Optional[int] = ..., stars: _Optional[int] = ..., comment: _Optional[str] = ...) -> None: ...

class GetQuarterlyDispatchRequest(_message.Message):
    __slots__ = ("division_code", "quarter")
    DIVISION_CODE_FIELD_NUMBER: _ClassVar[int]
    QUARTER_FIELD_NUMBER: _ClassVar[int]
    division_code: str
    quarter: str
    def __init__(self, division_code: _Optional[str] = ..., quarter: _Optional[str] = ...) -> None: ...

class DispatchLine(_message.Message):
    __slots__ = ("project_id", "community", "title", "urgency", "status", "claimers", "progress", "deadline", "overdue", "department_name")
    PROJECT_ID_FIELD_NUMBER: _ClassVar[int]
    COMMUNITY_FIELD_NUMBER: _ClassVar[int]
    TITLE_FIELD_NUMBER: _ClassVar[int]
    URGENCY_FIELD_NUMBER: _ClassVar[int]
    STATUS_FIELD_NUMBER: _ClassVar[int]
    CLAIMERS_FIELD_NUMBER: _ClassVar[int]
    PROGRESS_FIELD_NUMBER: _ClassVar[int]
    DEADLINE_FIELD_NUMBER: _ClassVar[int]
    OVERDUE_FIELD_NUMBER: _ClassVar[int]
    DEPARTMENT_NAME_FIELD_NUMBER: _ClassVar[int]
    project_id: str
    community: str
    title: str
    urgency: str
    status: str
    claimers: _containers.RepeatedCompositeFieldContainer[ProjectClaimer]
    progress: _containers.RepeatedCompositeFieldContainer[ProjectNote]
    deadline: str
    overdue: bool
    department_name: str
    def __init__(self, project_id: _Optional[str] = ..., community: _Optional[str] = ..., title: _Optional[str] = ..., urgency: _Optional[str] = ..., status: _Optional[str] = ..., claimers: _Optional[_Iterable[_Union[ProjectClaimer, _Mapping]]] = ..., progress: _Optional[_Iterable[_Union[ProjectNote, _Mapping]]] = ..., deadline: _Optional[str] = ..., overdue: _Optional[bool] = ..., department_name: _Optional[str] = ...) -> None: ...

class StatusCount(_message.Message):
    __slots__ = ("status", "count")
    STATUS_FIELD_NUMBER: _ClassVar[int]
    COUNT_FIELD_NUMBER: _ClassVar[int]
    status: str
    count: int
    def __init__(self, status: _Optional[str] = ..., count: _Optional[int] = ...) -> None: ...

class QuarterlyDispatch(_message.Message):
    __slots__ = ("division_code", "quarter", "lines", "by_status", "overdue", "xlsx")
    DIVISION_CODE_FIELD_NUMBER: _ClassVar[int]
    QUARTER_FIELD_NUMBER: _ClassVar[int]
    LINES_FIELD_NUMBER: _ClassVar[int]
    BY_STATUS_FIELD_NUMBER: _ClassVar[int]
    OVERDUE_FIELD_NUMBER: _ClassVar[int]
    XLSX_FIELD_NUMBER: _ClassVar[int]
    division_code: str
    quarter: str
    lines: _containers.RepeatedCompositeFieldContainer[DispatchLine]
    by_status: _containers.RepeatedCompositeFieldContainer[StatusCount]
    overdue: int
    xlsx: bytes
    def __init__(self, division_code: _Optional[str] = ..., quarter: _Optional[str] = ..., lines: _Optional[_Iterable[_Union[DispatchLine, _Mapping]]] = ..., by_status: _Optional[_Iterable[_Union[StatusCount, _Mapping]]] = ..., overdue: _Optional[int] = ..., xlsx: _Optional[bytes] = ...) -> None: ...

class GetHalfYearReportRequest(_message.Message):
    __slots__ = ("division_code", "half")
    DIVISION_CODE_FIELD_NUMBER: _ClassVar[int]
    HALF_FIELD_NUMBER: _ClassVar[int]
    division_code: str
    half: str
    def __init__(self, division_code: _Optional[str] = ..., half: _Optional[str] = ...) -> None: ...

class CommunityReport(_message.Message):
    __slots__ = ("community", "council_id", "needs_gathered", "needs_met", "projects", "unit_claims", "member_claims", "evaluations", "average_stars")
    COMMUNITY_FIELD_NUMBER: _ClassVar[int]
    COUNCIL_ID_FIELD_NUMBER: _ClassVar[int]
    NEEDS_GATHERED_FIELD_NUMBER: _ClassVar[int]
    NEEDS_MET_FIELD_NUMBER: _ClassVar[int]
    PROJECTS_FIELD_NUMBER: _ClassVar[int]
    UNIT_CLAIMS_FIELD_NUMBER: _ClassVar[int]
    MEMBER_CLAIMS_FIELD_NUMBER: _ClassVar[int]
    EVALUATIONS_FIELD_NUMBER: _ClassVar[int]
    AVERAGE_STARS_FIELD_NUMBER: _ClassVar[int]
    community: str
    council_id: str
    needs_gathered: int
    needs_met: int
    projects: _containers.RepeatedCompositeFieldContainer[StatusCount]
    unit_claims: int
    member_claims: int
    evaluations: int
    average_stars: float
    def __init__(self, community: _Optional[str] = ..., council_id: _Optional[str] = ..., needs_gathered: _Optional[int] = ..., needs_met: _Optional[int] = ..., projects: _Optional[_Iterable[_Union[StatusCount, _Mapping]]] = ..., unit_claims: _Optional[int] = ..., member_claims: _Optional[int] = ..., evaluations: _Optional[int] = ..., average_stars: _Optional[float] = ...) -> None: ...

class HalfYearReport(_message.Message):
    __slots__ = ("division_code", "half", "communities", "xlsx")
    DIVISION_CODE_FIELD_NUMBER: _ClassVar[int]
    HALF_FIELD_NUMBER: _ClassVar[int]
    COMMUNITIES_FIELD_NUMBER: _ClassVar[int]
    XLSX_FIELD_NUMBER: _ClassVar[int]
    division_code: str
    half: str
    communities: _containers.RepeatedCompositeFieldContainer[CommunityReport]
    xlsx: bytes
    def __init__(self, division_code: _Optional[str] = ..., half: _Optional[str] = ..., communities: _Optional[_Iterable[_Union[CommunityReport, _Mapping]]] = ..., xlsx: _Optional[bytes] = ...) -> None: ...

class ImportListsRequest(_message.Message):
    __slots__ = ("content", "format", "list", "council_id", "dry_run", "idempotency_key")
    CONTENT_FIELD_NUMBER: _ClassVar[int]
    FORMAT_FIELD_NUMBER: _ClassVar[int]
    LIST_FIELD_NUMBER: _ClassVar[int]
    COUNCIL_ID_FIELD_NUMBER: _ClassVar[int]
    DRY_RUN_FIELD_NUMBER: _ClassVar[int]
    IDEMPOTENCY_KEY_FIELD_NUMBER: _ClassVar[int]
    content: bytes
    format: str
    list: str
    council_id: str
    dry_run: bool
    idempotency_key: str
    def __init__(self, content: _Optional[bytes] = ..., format: _Optional[str] = ..., list: _Optional[str] = ..., council_id: _Optional[str] = ..., dry_run: _Optional[bool] = ..., idempotency_key: _Optional[str] = ...) -> None: ...

class ListsImportLine(_message.Message):
    __slots__ = ("row", "status", "id")
    ROW_FIELD_NUMBER: _ClassVar[int]
    STATUS_FIELD_NUMBER: _ClassVar[int]
    ID_FIELD_NUMBER: _ClassVar[int]
    row: int
    status: str
    id: str
    def __init__(self, row: _Optional[int] = ..., status: _Optional[str] = ..., id: _Optional[str] = ...) -> None: ...

class ListsImportProblem(_message.Message):
    __slots__ = ("row", "column", "reason")
    ROW_FIELD_NUMBER: _ClassVar[int]
    COLUMN_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    row: int
    column: str
    reason: str
    def __init__(self, row: _Optional[int] = ..., column: _Optional[str] = ..., reason: _Optional[str] = ...) -> None: ...

class ListsImportReport(_message.Message):
    __slots__ = ("list", "rows", "written", "dry_run", "lines", "problems")
    LIST_FIELD_NUMBER: _ClassVar[int]
    ROWS_FIELD_NUMBER: _ClassVar[int]
    WRITTEN_FIELD_NUMBER: _ClassVar[int]
    DRY_RUN_FIELD_NUMBER: _ClassVar[int]
    LINES_FIELD_NUMBER: _ClassVar[int]
    PROBLEMS_FIELD_NUMBER: _ClassVar[int]
    list: str
    rows: int
    written: int
    dry_run: bool
    lines: _containers.RepeatedCompositeFieldContainer[ListsImportLine]
    problems: _containers.RepeatedCompositeFieldContainer[ListsImportProblem]
    def __init__(self, list: _Optional[str] = ..., rows: _Optional[int] = ..., written: _Optional[int] = ..., dry_run: _Optional[bool] = ..., lines: _Optional[_Iterable[_Union[ListsImportLine, _Mapping]]] = ..., problems: _Optional[_Iterable[_Union[ListsImportProblem, _Mapping]]] = ...) -> None: ...

class RecordContributionRequest(_message.Message):
    __slots__ = ("council_id", "kind", "amount_fen", "donor_organisation_id", "donor_person_id", "donor_name", "display_name", "description", "received_on", "idempotency_key")
    COUNCIL_ID_FIELD_NUMBER: _ClassVar[int]
    KIND_FIELD_NUMBER: _ClassVar[int]
    AMOUNT_FEN_FIELD_NUMBER: _ClassVar[int]
    DONOR_ORGANISATION_ID_FIELD_NUMBER: _ClassVar[int]
    DONOR_PERSON_ID_FIELD_NUMBER: _ClassVar[int]
    DONOR_NAME_FIELD_NUMBER: _ClassVar[int]
    DISPLAY_NAME_FIELD_NUMBER: _ClassVar[int]
    DESCRIPTION_FIELD_NUMBER: _ClassVar[int]
    RECEIVED_ON_FIELD_NUMBER: _ClassVar[int]
    IDEMPOTENCY_KEY_FIELD_NUMBER: _ClassVar[int]
    council_id: str
    kind: str
    amount_fen: int
    donor_organisation_id: str
    donor_person_id: str
    donor_name: str
    display_name: str
    description: str
    received_on: str
    idempotency_key: str
    def __init__(self, council_id: _Optional[str] = ..., kind: _Optional[str] = ..., amount_fen: _Optional[int] = ..., donor_organisation_id: _Optional[str] = ..., donor_person_id: _Optional[str] = ..., donor_name: _Optional[str] = ..., display_name: _Optional[str] = ..., description: _Optional[str] = ..., received_on: _Optional[str] = ..., idempotency_key: _Optional[str] = ...) -> None: ...

class Contribution(_message.Message):
    __slots__ = ("id", "council_id", "kind", "amount_fen", "description", "donor_kind", "donor_organisation_id", "donor_person_id", "donor_name", "display_name", "received_on", "status", "recorded_by")
    ID_FIELD_NUMBER: _ClassVar[int]
    COUNCIL_ID_FIELD_NUMBER: _ClassVar[int]
    KIND_FIELD_NUMBER: _ClassVar[int]
    AMOUNT_FEN_FIELD_NUMBER: _ClassVar[int]
    DESCRIPTION_FIELD_NUMBER: _ClassVar[int]
    DONOR_KIND_FIELD_NUMBER: _ClassVar[int]
    DONOR_ORGANISATION_ID_FIELD_NUMBER: _ClassVar[int]
    DONOR_PERSON_ID_FIELD_NUMBER: _ClassVar[int]
    DONOR_NAME_FIELD_NUMBER: _ClassVar[int]
    DISPLAY_NAME_FIELD_NUMBER: _ClassVar[int]
    RECEIVED_ON_FIELD_NUMBER: _ClassVar[int]
    STATUS_FIELD_NUMBER: _ClassVar[int]
    RECORDED_BY_FIELD_NUMBER: _ClassVar[int]
    id: str
    council_id: str
    kind: str
    amount_fen: int
    description: str
    donor_kind: str
    donor_organisation_id: str
    donor_person_id: str
    donor_name: str
    display_name: str
    received_on: str
    status: str
    recorded_by: str
    def __init__(self, id: _Optional[str] = ..., council_id: _Optional[str] = ..., kind: _Optional[str] = ..., amount_fen: _Optional[int] = ..., description: _Optional[str] = ..., donor_kind: _Optional[str] = ..., donor_organisation_id: _Optional[str] = ..., donor_person_id: _Optional[str] = ..., donor_name: _Optional[str] = ..., display_name: _Optional[str] = ..., received_on: _Optional[str] = ..., status: _Optional[str] = ..., recorded_by: _Optional[str] = ...) -> None: ...

class ListContributionsRequest(_message.Message):
    __slots__ = ("council_id", "kind", "page_size", "page_token")
    COUNCIL_ID_FIELD_NUMBER: _ClassVar[int]
    KIND_FIELD_NUMBER: _ClassVar[int]
    PAGE_SIZE_FIELD_NUMBER: _ClassVar[int]
    PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    council_id: str
    kind: str
    page_size: int
    page_token: str
    def __init__(self, council_id: _Optional[str] = ..., kind: _Optional[str] = ..., page_size: _Optional[int] = ..., page_token: _Optional[str] = ...) -> None: ...

class ContributionPage(_message.Message):
    __slots__ = ("items", "next_page_token")
    ITEMS_FIELD_NUMBER: _ClassVar[int]
    NEXT_PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    items: _containers.RepeatedCompositeFieldContainer[Contribution]
    next_page_token: str
    def __init__(self, items: _Optional[_Iterable[_Union[Contribution, _Mapping]]] = ..., next_page_token: _Optional[str] = ...) -> None: ...

class RequestDisbursementRequest(_message.Message):
    __slots__ = ("council_id", "project_id", "amount_fen", "purpose", "idempotency_key")
    COUNCIL_ID_FIELD_NUMBER: _ClassVar[int]
    PROJECT_ID_FIELD_NUMBER: _ClassVar[int]
    AMOUNT_FEN_FIELD_NUMBER: _ClassVar[int]
    PURPOSE_FIELD_NUMBER: _ClassVar[int]
    IDEMPOTENCY_KEY_FIELD_NUMBER: _ClassVar[int]
    council_id: str
    project_id: str
    amount_fen: int
    purpose: str
    idempotency_key: str
    def __init__(self, council_id: _Optional[str] = ..., project_id: _Optional[str] = ..., amount_fen: _Optional[int] = ..., purpose: _Optional[str] = ..., idempotency_key: _Optional[str] = ...) -> None: ...

class Disbursement(_message.Message):
    __slots__ = ("id", "council_id", "project_id", "project_title", "amount_fen", "purpose", "status", "requested_by", "requested_on", "decided_by", "decided_on", "decision_meeting_id", "decision_reference", "note", "paid_by", "paid_on")
    ID_FIELD_NUMBER: _ClassVar[int]
    COUNCIL_ID_FIELD_NUMBER: _ClassVar[int]
    PROJECT_ID_FIELD_NUMBER: _ClassVar[int]
    PROJECT_TITLE_FIELD_NUMBER: _ClassVar[int]
    AMOUNT_FEN_FIELD_NUMBER: _ClassVar[int]
    PURPOSE_FIELD_NUMBER: _ClassVar[int]
    STATUS_FIELD_NUMBER: _ClassVar[int]
    REQUESTED_BY_FIELD_NUMBER: _ClassVar[int]
    REQUESTED_ON_FIELD_NUMBER: _ClassVar[int]
    DECIDED_BY_FIELD_NUMBER: _ClassVar[int]
    DECIDED_ON_FIELD_NUMBER: _ClassVar[int]
    DECISION_MEETING_ID_FIELD_NUMBER: _ClassVar[int]
    DECISION_REFERENCE_FIELD_NUMBER: _ClassVar[int]
    NOTE_FIELD_NUMBER: _ClassVar[int]
    PAID_BY_FIELD_NUMBER: _ClassVar[int]
    PAID_ON_FIELD_NUMBER: _ClassVar[int]
    id: str
    council_id: str
    project_id: str
    project_title: str
    amount_fen: int
    purpose: str
    status: str
    requested_by: str
    requested_on: str
    decided_by: str
    decided_on: str
    decision_meeting_id: str
    decision_reference: str
    note: str
    paid_by: str
    paid_on: str
    def __init__(self, id: _Optional[str] = ..., council_id: _Optional[str] = ..., project_id: _Optional[str] = ..., project_title: _Optional[str] = ..., amount_fen: _Optional[int] = ..., purpose: _Optional[str] = ..., status: _Optional[str] = ..., requested_by: _Optional[str] = ..., requested_on: _Optional[str] = ..., decided_by: _Optional[str] = ..., decided_on: _Optional[str] = ..., decision_meeting_id: _Optional[str] = ..., decision_reference: _Optional[str] = ..., note: _Optional[str] = ..., paid_by: _Optional[str] = ..., paid_on: _Optional[str] = ...) -> None: ...

class DecideDisbursementRequest(_message.Message):
    __slots__ = ("disbursement_id", "approve", "decision_meeting_id", "decision_reference", "note", "idempotency_key")
    DISBURSEMENT_ID_FIELD_NUMBER: _ClassVar[int]
    APPROVE_FIELD_NUMBER: _ClassVar[int]
    DECISION_MEETING_ID_FIELD_NUMBER: _ClassVar[int]
    DECISION_REFERENCE_FIELD_NUMBER: _ClassVar[int]
    NOTE_FIELD_NUMBER: _ClassVar[int]
    IDEMPOTENCY_KEY_FIELD_NUMBER: _ClassVar[int]
    disbursement_id: str
    approve: bool
    decision_meeting_id: str
    decision_reference: str
    note: str
    idempotency_key: str
    def __init__(self, disbursement_id: _Optional[str] = ..., approve: _Optional[bool] = ..., decision_meeting_id: _Optional[str] = ..., decision_reference: _Optional[str] = ..., note: _Optional[str] = ..., idempotency_key: _Optional[str] = ...) -> None: ...

class PayDisbursementRequest(_message.Message):
    __slots__ = ("disbursement_id", "paid_on", "idempotency_key")
    DISBURSEMENT_ID_FIELD_NUMBER: _ClassVar[int]
    PAID_ON_FIELD_NUMBER: _ClassVar[int]
    IDEMPOTENCY_KEY_FIELD_NUMBER: _ClassVar[int]
    disbursement_id: str
    paid_on: str
    idempotency_key: str
    def __init__(self, disbursement_id: _Optional[str] = ..., paid_on: _Optional[str] = ..., idempotency_key: _Optional[str] = ...) -> None: ...

class ListDisbursementsRequest(_message.Message):
    __slots__ = ("council_id", "status", "page_size", "page_token")
    COUNCIL_ID_FIELD_NUMBER: _ClassVar[int]
    STATUS_FIELD_NUMBER: _ClassVar[int]
    PAGE_SIZE_FIELD_NUMBER: _ClassVar[int]
    PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    council_id: str
    status: str
    page_size: int
    page_token: str
    def __init__(self, council_id: _Optional[str] = ..., status: _Optional[str] = ..., page_size: _Optional[int] = ..., page_token: _Optional[str] = ...) -> None: ...

class DisbursementPage(_message.Message):
    __slots__ = ("items", "next_page_token")
    ITEMS_FIELD_NUMBER: _ClassVar[int]
    NEXT_PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    items: _containers.RepeatedCompositeFieldContainer[Disbursement]
    next_page_token: str
    def __init__(self, items: _Optional[_Iterable[_Union[Disbursement, _Mapping]]] = ..., next_page_token: _Optional[str] = ...) -> None: ...

class ReverseEntryRequest(_message.Message):
    __slots__ = ("entry_id", "reason", "idempotency_key")
    ENTRY_ID_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    IDEMPOTENCY_KEY_FIELD_NUMBER: _ClassVar[int]
    entry_id: str
    reason: str
    idempotency_key: str
    def __init__(self, entry_id: _Optional[str] = ..., reason: _Optional[str] = ..., idempotency_key: _Optional[str] = ...) -> None: ...

class FundEntry(_message.Message):
    __slots__ = ("id", "council_id", "seq", "kind", "amount_fen", "balance_after_fen", "contribution_id", "disbursement_id", "reverses_id", "reason", "booked_on", "recorded_by")
    ID_FIELD_NUMBER: _ClassVar[int]
    COUNCIL_ID_FIELD_NUMBER: _ClassVar[int]
    SEQ_FIELD_NUMBER: _ClassVar[int]
    KIND_FIELD_NUMBER: _ClassVar[int]
    AMOUNT_FEN_FIELD_NUMBER: _ClassVar[int]
    BALANCE_AFTER_FEN_FIELD_NUMBER: _ClassVar[int]
    CONTRIBUTION_ID_FIELD_NUMBER: _ClassVar[int]
    DISBURSEMENT_ID_FIELD_NUMBER: _ClassVar[int]
    REVERSES_ID_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    BOOKED_ON_FIELD_NUMBER: _ClassVar[int]
    RECORDED_BY_FIELD_NUMBER: _ClassVar[int]
    id: str
    council_id: str
    seq: int
    kind: str
    amount_fen: int
    balance_after_fen: int
    contribution_id: str
    disbursement_id: str
    reverses_id: str
    reason: str
    booked_on: str
    recorded_by: str
    def __init__(self, id: _Optional[str] = ..., council_id: _Optional[str] = ..., seq: _Optional[int] = ..., kind: _Optional[str] = ..., amount_fen: _Optional[int] = ..., balance_after_fen: _Optional[int] = ..., contribution_id: _Optional[str] = ..., disbursement_id: _Optional[str] = ..., reverses_id: _Optional[str] = ..., reason: _Optional[str] = ..., booked_on: _Optional[str] = ..., recorded_by: _Optional[str] = ...) -> None: ...

class GetFundRequest(_message.Message):
    __slots__ = ("council_id",)
    COUNCIL_ID_FIELD_NUMBER: _ClassVar[int]
    council_id: str
    def __init__(self, council_id: _Optional[str] = ...) -> None: ...

class Fund(_message.Message):
    __slots__ = ("council_id", "community", "balance_fen", "entries", "in_kind_fen", "balanced")
    COUNCIL_ID_FIELD_NUMBER: _ClassVar[int]
    COMMUNITY_FIELD_NUMBER: _ClassVar[int]
    BALANCE_FEN_FIELD_NUMBER: _ClassVar[int]
    ENTRIES_FIELD_NUMBER: _ClassVar[int]
    IN_KIND_FEN_FIELD_NUMBER: _ClassVar[int]
    BALANCED_FIELD_NUMBER: _ClassVar[int]
    council_id: str
    community: str
    balance_fen: int
    entries: int
    in_kind_fen: int
    balanced: bool
    def __init__(self, council_id: _Optional[str] = ..., community: _Optional[str] = ..., balance_fen: _Optional[int] = ..., entries: _Optional[int] = ..., in_kind_fen: _Optional[int] = ..., balanced: _Optional[bool] = ...) -> None: ...

class ListFundEntriesRequest(_message.Message):
    __slots__ = ("council_id", "page_size", "page_token")
    COUNCIL_ID_FIELD_NUMBER: _ClassVar[int]
    PAGE_SIZE_FIELD_NUMBER: _ClassVar[int]
    PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    council_id: str
    page_size: int
    page_token: str
    def __init__(self, council_id: _Optional[str] = ..., page_size: _Optional[int] = ..., page_token: _Optional[str] = ...) -> None: ...

class FundEntryPage(_message.Message):
    __slots__ = ("items", "next_page_token")
    ITEMS_FIELD_NUMBER: _ClassVar[int]
    NEXT_PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    items: _containers.RepeatedCompositeFieldContainer[FundEntry]
    next_page_token: str
    def __init__(self, items: _Optional[_Iterable[_Union[FundEntry, _Mapping]]] = ..., next_page_token: _Optional[str] = ...) -> None: ...

class GetFundStatementRequest(_message.Message):
    __slots__ = ("council_id", "community", "quarter")
    COUNCIL_ID_FIELD_NUMBER: _ClassVar[int]
    COMMUNITY_FIELD_NUMBER: _ClassVar[int]
    QUARTER_FIELD_NUMBER: _ClassVar[int]
    council_id: str
    community: str
    quarter: str
    def __init__(self, council_id: _Optional[str] = ..., community: _Optional[str] = ..., quarter: _Optional[str] = ...) -> None: ...

class StatementContribution(_message.Message):
    __slots__ = ("donor", "donor_kind", "amount_fen", "received_on", "booked_on")
    DONOR_FIELD_NUMBER: _ClassVar[int]
    DONOR_KIND_FIELD_NUMBER: _ClassVar[int]
    AMOUNT_FEN_FIELD_NUMBER: _ClassVar[int]
    RECEIVED_ON_FIELD_NUMBER: _ClassVar[int]
    BOOKED_ON_FIELD_NUMBER: _ClassVar[int]
    donor: str
    donor_kind: str
    amount_fen: int
    received_on: str
    booked_on: str
    def __init__(self, donor: _Optional[str] = ..., donor_kind: _Optional[str] = ..., amount_fen: _Optional[int] = ..., received_on: _Optional[str] = ..., booked_on: _Optional[str] = ...) -> None: ...

class StatementProject(_message.Message):
    __slots__ = ("project_id", "project_title", "amount_fen", "payments")
    PROJECT_ID_FIELD_NUMBER: _ClassVar[int]
    PROJECT_TITLE_FIELD_NUMBER: _ClassVar[int]
    AMOUNT_FEN_FIELD_NUMBER: _ClassVar[int]
    PAYMENTS_FIELD_NUMBER: _ClassVar[int]
    project_id: str
    project_title: str
    amount_fen: int
    payments: int
    def __init__(self, project_id: _Optional[str] = ..., project_title: _Optional[str] = ..., amount_fen: _Optional[int] = ..., payments: _Optional[int] = ...) -> None: ...

class StatementReversal(_message.Message):
    __slots__ = ("amount_fen", "reason", "booked_on", "of")
    AMOUNT_FEN_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    BOOKED_ON_FIELD_NUMBER: _ClassVar[int]
    OF_FIELD_NUMBER: _ClassVar[int]
    amount_fen: int
    reason: str
    booked_on: str
    of: str
    def __init__(self, amount_fen: _Optional[int] = ..., reason: _Optional[str] = ..., booked_on: _Optional[str] = ..., of: _Optional[str] = ...) -> None: ...

class StatementInKind(_message.Message):
    __slots__ = ("donor", "donor_kind", "description", "estimated_value_fen", "received_on")
    DONOR_FIELD_NUMBER: _ClassVar[int]
    DONOR_KIND_FIELD_NUMBER: _ClassVar[int]
    DESCRIPTION_FIELD_NUMBER: _ClassVar[int]
    ESTIMATED_VALUE_FEN_FIELD_NUMBER: _ClassVar[int]
    RECEIVED_ON_FIELD_NUMBER: _ClassVar[int]
    donor: str
    donor_kind: str
    description: str
    estimated_value_fen: int
    received_on: str
    def __init__(self, donor: _Optional[str] = ..., donor_kind: _Optional[str] = ..., description: _Optional[str] = ..., estimated_value_fen: _Optional[int] = ..., received_on: _Optional[str] = ...) -> None: ...

class FundStatement(_message.Message):
    __slots__ = ("council_id", "community", "council_name", "quarter", "opening_balance_fen", "contributions_fen", "disbursed_fen", "reversals_fen", "closing_balance_fen", "contributions", "projects", "reversals", "in_kind", "in_kind_fen")
    COUNCIL_ID_FIELD_NUMBER: _ClassVar[int]
    COMMUNITY_FIELD_NUMBER: _ClassVar[int]
    COUNCIL_NAME_FIELD_NUMBER: _ClassVar[int]
    QUARTER_FIELD_NUMBER: _ClassVar[int]
    OPENING_BALANCE_FEN_FIELD_NUMBER: _ClassVar[int]
    CONTRIBUTIONS_FEN_FIELD_NUMBER: _ClassVar[int]
    DISBURSED_FEN_FIELD_NUMBER: _ClassVar[int]
    REVERSALS_FEN_FIELD_NUMBER: _ClassVar[int]
    CLOSING_BALANCE_FEN_FIELD_NUMBER: _ClassVar[int]
    CONTRIBUTIONS_FIELD_NUMBER: _ClassVar[int]
    PROJECTS_FIELD_NUMBER: _ClassVar[int]
    REVERSALS_FIELD_NUMBER: _ClassVar[int]
    IN_KIND_FIELD_NUMBER: _ClassVar[int]
    IN_KIND_FEN_FIELD_NUMBER: _ClassVar[int]
    council_id: str
    community: str
    council_name: str
    quarter: str
    opening_balance_fen: int
    contributions_fen: int
    disbursed_fen: int
    reversals_fen: int
    closing_balance_fen: int
    contributions: _containers.RepeatedCompositeFieldContainer[StatementContribution]
    projects: _containers.RepeatedCompositeFieldContainer[StatementProject]
    reversals: _containers.RepeatedCompositeFieldContainer[StatementReversal]
    in_kind: _containers.RepeatedCompositeFieldContainer[StatementInKind]
    in_kind_fen: int
    def __init__(self, council_id: _Optional[str] = ..., community: _Optional[str] = ..., council_name: _Optional[str] = ..., quarter: _Optional[str] = ..., opening_balance_fen: _Optional[int] = ..., contributions_fen: _Optional[int] = ..., disbursed_fen: _Optional[int] = ..., reversals_fen: _Optional[int] = ..., closing_balance_fen: _Optional[int] = ..., contributions: _Optional[_Iterable[_Union[StatementContribution, _Mapping]]] = ..., projects: _Optional[_Iterable[_Union[StatementProject, _Mapping]]] = ..., reversals: _Optional[_Iterable[_Union[StatementReversal, _Mapping]]] = ..., in_kind: _Optional[_Iterable[_Union[StatementInKind, _Mapping]]] = ..., in_kind_fen: _Optional[int] = ...) -> None: ...

class MakeCommitmentRequest(_message.Message):
    __slots__ = ("council_id", "year", "what", "due_on", "organisation_id", "person_id", "idempotency_key")
    COUNCIL_ID_FIELD_NUMBER: _ClassVar[int]
    YEAR_FIELD_NUMBER: _ClassVar[int]
    WHAT_FIELD_NUMBER: _ClassVar[int]
    DUE_ON_FIELD_NUMBER: _ClassVar[int]
    ORGANISATION_ID_FIELD_NUMBER: _ClassVar[int]
    PERSON_ID_FIELD_NUMBER: _ClassVar[int]
    IDEMPOTENCY_KEY_FIELD_NUMBER: _ClassVar[int]
    council_id: str
    year: int
    what: str
    due_on: str
    organisation_id: str
    person_id: str
    idempotency_key: str
    def __init__(self, council_id: _Optional[str] = ..., year: _Optional[int] = ..., what: _Optional[str] = ..., due_on: _Optional[str] = ..., organisation_id: _Optional[str] = ..., person_id: _Optional[str] = ..., idempotency_key: _Optional[str] = ...) -> None: ...

class KeepingRecord(_message.Message):
    __slots__ = ("id", "done_on", "note", "marks_kept", "recorded_by")
    ID_FIELD_NUMBER: _ClassVar[int]
    DONE_ON_FIELD_NUMBER: _ClassVar[int]
    NOTE_FIELD_NUMBER: _ClassVar[int]
    MARKS_KEPT_FIELD_NUMBER: _ClassVar[int]
    RECORDED_BY_FIELD_NUMBER: _ClassVar[int]
    id: str
    done_on: str
    note: str
    marks_kept: bool
    recorded_by: str
    def __init__(self, id: _Optional[str] = ..., done_on: _Optional[str] = ..., note: _Optional[str] = ..., marks_kept: _Optional[bool] = ..., recorded_by: _Optional[str] = ...) -> None: ...

class CommitmentTally(_message.Message):
    __slots__ = ("evaluations", "satisfied", "basically_satisfied", "dissatisfied", "satisfied_percent")
    EVALUATIONS_FIELD_NUMBER: _ClassVar[int]
    SATISFIED_FIELD_NUMBER: _ClassVar[int]
    BASICALLY_SATISFIED_FIELD_NUMBER: _ClassVar[int]
    DISSATISFIED_FIELD_NUMBER: _ClassVar[int]
    SATISFIED_PERCENT_FIELD_NUMBER: _ClassVar[int]
    evaluations: int
    satisfied: int
    basically_satisfied: int
    dissatisfied: int
    satisfied_percent: int
    def __init__(self, evaluations: _Optional[int] = ..., satisfied: _Optional[int] = ..., basically_satisfied: _Optional[int] = ..., dissatisfied: _Optional[int] = ..., satisfied_percent: _Optional[int] = ...) -> None: ...

class Commitment(_message.Message):
    __slots__ = ("id", "council_id", "community", "year", "maker_kind", "organisation_id", "person_id", "maker_name", "what", "due_on", "status", "kept_on", "made_by", "records", "tally")
    ID_FIELD_NUMBER: _ClassVar[int]
    COUNCIL_ID_FIELD_NUMBER: _ClassVar[int]
    COMMUNITY_FIELD_NUMBER: _ClassVar[int]
    YEAR_FIELD_NUMBER: _ClassVar[int]
    MAKER_KIND_FIELD_NUMBER: _ClassVar[int]
    ORGANISATION_ID_FIELD_NUMBER: _ClassVar[int]
    PERSON_ID_FIELD_NUMBER: _ClassVar[int]
    MAKER_NAME_FIELD_NUMBER: _ClassVar[int]
    WHAT_FIELD_NUMBER: _ClassVar[int]
    DUE_ON_FIELD_NUMBER: _ClassVar[int]
    STATUS_FIELD_NUMBER: _ClassVar[int]
    KEPT_ON_FIELD_NUMBER: _ClassVar[int]
    MADE_BY_FIELD_NUMBER: _ClassVar[int]
    RECORDS_FIELD_NUMBER: _ClassVar[int]
    TALLY_FIELD_NUMBER: _ClassVar[int]
    id: str
    council_id: str
    community: str
    year: int
    maker_kind: str
    organisation_id: str
    person_id: str
    maker_name: str
    what: str
    due_on: str
    status: str
    kept_on: str
    made_by: str
    records: _containers.RepeatedCompositeFieldContainer[KeepingRecord]
    tally: CommitmentTally
    def __init__(self, id: _Optional[str] = ..., council_id: _Optional[str] = ..., community: _Optional[str] = ..., year: _Optional[int] = ..., maker_kind: _Optional[str] = ..., organisation_id: _Optional[str] = ..., person_id: _Optional[str] = ..., maker_name: _Optional[str] = ..., what: _Optional[str] = ..., due_on: _Optional[str] = ..., status: _Optional[str] = ..., kept_on: _Optional[str] = ..., made_by: _Optional[str] = ..., records: _Optional[_Iterable[_Union[KeepingRecord, _Mapping]]] = ..., tally: _Optional[_Union[CommitmentTally, _Mapping]] = ...) -> None: ...

class RecordKeepingRequest(_message.Message):
    __slots__ = ("commitment_id", "note", "done_on", "kept", "idempotency_key")
    COMMITMENT_ID_FIELD_NUMBER: _ClassVar[int]
    NOTE_FIELD_NUMBER: _ClassVar[int]
    DONE_ON_FIELD_NUMBER: _ClassVar[int]
    KEPT_FIELD_NUMBER: _ClassVar[int]
    IDEMPOTENCY_KEY_FIELD_NUMBER: _ClassVar[int]
    commitment_id: str
    note: str
    done_on: str
    kept: bool
    idempotency_key: str
    def __init__(self, commitment_id: _Optional[str] = ..., note: _Optional[str] = ..., done_on: _Optional[str] = ..., kept: _Optional[bool] = ..., idempotency_key: _Optional[str] = ...) -> None: ...

class EvaluateCommitmentRequest(_message.Message):
    __slots__ = ("commitment_id", "rating", "comment", "idempotency_key")
    COMMITMENT_ID_FIELD_NUMBER: _ClassVar[int]
    RATING_FIELD_NUMBER: _ClassVar[int]
    COMMENT_FIELD_NUMBER: _ClassVar[int]
    IDEMPOTENCY_KEY_FIELD_NUMBER: _ClassVar[int]
    commitment_id: str
    rating: str
    comment: str
    idempotency_key: str
    def __init__(self, commitment_id: _Optional[str] = ..., rating: _Optional[str] = ..., comment: _Optional[str] = ..., idempotency_key: _Optional[str] = ...) -> None: ...

class CommitmentEvaluation(_message.Message):
    __slots__ = ("id", "commitment_id", "person_id", "rating", "comment")
    ID_FIELD_NUMBER: _ClassVar[int]
    COMMITMENT_ID_FIELD_NUMBER: _ClassVar[int]
    PERSON_ID_FIELD_NUMBER: _ClassVar[int]
    RATING_FIELD_NUMBER: _ClassVar[int]
    COMMENT_FIELD_NUMBER: _ClassVar[int]
    id: str
    commitment_id: str
    person_id: str
    rating: str
    comment: str
    def __init__(self, id: _Optional[str] = ..., commitment_id: _Optional[str] = ..., person_id: _Optional[str] = ..., rating: _Optional[str] = ..., comment: _Optional[str] = ...) -> None: ...

class CommitmentRef(_message.Message):
    __slots__ = ("id",)
    ID_FIELD_NUMBER: _ClassVar[int]
    id: str
    def __init__(self, id: _Optional[str] = ...) -> None: ...

class ListCommitmentsRequest(_message.Message):
    __slots__ = ("council_id", "division_code", "year", "status", "page_size", "page_token")
    COUNCIL_ID_FIELD_NUMBER: _ClassVar[int]
    DIVISION_CODE_FIELD_NUMBER: _ClassVar[int]
    YEAR_FIELD_NUMBER: _ClassVar[int]
    STATUS_FIELD_NUMBER: _ClassVar[int]
    PAGE_SIZE_FIELD_NUMBER: _ClassVar[int]
    PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    council_id: str
    division_code: str
    year: int
    status: str
    page_size: int
    page_token: str
    def __init__(self, council_id: _Optional[str] = ..., division_code: _Optional[str] = ..., year: _Optional[int] = ..., status: _Optional[str] = ..., page_size: _Optional[int] = ..., page_token: _Optional[str] = ...) -> None: ...

class CommitmentPage(_message.Message):
    __slots__ = ("items", "next_page_token")
    ITEMS_FIELD_NUMBER: _ClassVar[int]
    NEXT_PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    items: _containers.RepeatedCompositeFieldContainer[Commitment]
    next_page_token: str
    def __init__(self, items: _Optional[_Iterable[_Union[Commitment, _Mapping]]] = ..., next_page_token: _Optional[str] = ...) -> None: ...
