from buf.validate import validate_pb2 as _validate_pb2
from google.protobuf.internal import containers as _containers
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Iterable as _Iterable, Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class DeadlineDays(_message.Message):
    __slots__ = ("community", "subdistrict", "district")
    COMMUNITY_FIELD_NUMBER: _ClassVar[int]
    SUBDISTRICT_FIELD_NUMBER: _ClassVar[int]
    DISTRICT_FIELD_NUMBER: _ClassVar[int]
    community: int
    subdistrict: int
    district: int
    def __init__(self, community: _Optional[int] = ..., subdistrict: _Optional[int] = ..., district: _Optional[int] = ...) -> None: ...

class ConfigureCategoryRequest(_message.Message):
    __slots__ = ("code", "name", "deadline_days", "idempotency_key")
    CODE_FIELD_NUMBER: _ClassVar[int]
    NAME_FIELD_NUMBER: _ClassVar[int]
    DEADLINE_DAYS_FIELD_NUMBER: _ClassVar[int]
    IDEMPOTENCY_KEY_FIELD_NUMBER: _ClassVar[int]
    code: str
    name: str
    deadline_days: DeadlineDays
    idempotency_key: str
    def __init__(self, code: _Optional[str] = ..., name: _Optional[str] = ..., deadline_days: _Optional[_Union[DeadlineDays, _Mapping]] = ..., idempotency_key: _Optional[str] = ...) -> None: ...

class Category(_message.Message):
    __slots__ = ("code", "name", "deadline_days")
    CODE_FIELD_NUMBER: _ClassVar[int]
    NAME_FIELD_NUMBER: _ClassVar[int]
    DEADLINE_DAYS_FIELD_NUMBER: _ClassVar[int]
    code: str
    name: str
    deadline_days: DeadlineDays
    def __init__(self, code: _Optional[str] = ..., name: _Optional[str] = ..., deadline_days: _Optional[_Union[DeadlineDays, _Mapping]] = ...) -> None: ...

class ListCategoriesRequest(_message.Message):
    __slots__ = ()
    def __init__(self) -> None: ...

class CategoryList(_message.Message):
    __slots__ = ("items",)
    ITEMS_FIELD_NUMBER: _ClassVar[int]
    items: _containers.RepeatedCompositeFieldContainer[Category]
    def __init__(self, items: _Optional[_Iterable[_Union[Category, _Mapping]]] = ...) -> None: ...

class SetVotingRulesRequest(_message.Message):
    __slots__ = ("quorum", "majority", "idempotency_key")
    QUORUM_FIELD_NUMBER: _ClassVar[int]
    MAJORITY_FIELD_NUMBER: _ClassVar[int]
    IDEMPOTENCY_KEY_FIELD_NUMBER: _ClassVar[int]
    quorum: float
    majority: float
    idempotency_key: str
    def __init__(self, quorum: _Optional[float] = ..., majority: _Optional[float] = ..., idempotency_key: _Optional[str] = ...) -> None: ...

class VotingRules(_message.Message):
    __slots__ = ("district", "quorum", "majority")
    DISTRICT_FIELD_NUMBER: _ClassVar[int]
    QUORUM_FIELD_NUMBER: _ClassVar[int]
    MAJORITY_FIELD_NUMBER: _ClassVar[int]
    district: str
    quorum: float
    majority: float
    def __init__(self, district: _Optional[str] = ..., quorum: _Optional[float] = ..., majority: _Optional[float] = ...) -> None: ...

class Party(_message.Message):
    __slots__ = ("name", "role", "phone", "person_id")
    NAME_FIELD_NUMBER: _ClassVar[int]
    ROLE_FIELD_NUMBER: _ClassVar[int]
    PHONE_FIELD_NUMBER: _ClassVar[int]
    PERSON_ID_FIELD_NUMBER: _ClassVar[int]
    name: str
    role: str
    phone: str
    person_id: str
    def __init__(self, name: _Optional[str] = ..., role: _Optional[str] = ..., phone: _Optional[str] = ..., person_id: _Optional[str] = ...) -> None: ...

class Volunteer(_message.Message):
    __slots__ = ("person_id", "name", "community")
    PERSON_ID_FIELD_NUMBER: _ClassVar[int]
    NAME_FIELD_NUMBER: _ClassVar[int]
    COMMUNITY_FIELD_NUMBER: _ClassVar[int]
    person_id: str
    name: str
    community: str
    def __init__(self, person_id: _Optional[str] = ..., name: _Optional[str] = ..., community: _Optional[str] = ...) -> None: ...

class OpenCaseRequest(_message.Message):
    __slots__ = ("channel", "category", "community", "grid", "compound", "building", "summary", "parties", "confidential", "hotline_order_no", "received_at", "idempotency_key")
    CHANNEL_FIELD_NUMBER: _ClassVar[int]
    CATEGORY_FIELD_NUMBER: _ClassVar[int]
    COMMUNITY_FIELD_NUMBER: _ClassVar[int]
    GRID_FIELD_NUMBER: _ClassVar[int]
    COMPOUND_FIELD_NUMBER: _ClassVar[int]
    BUILDING_FIELD_NUMBER: _ClassVar[int]
    SUMMARY_FIELD_NUMBER: _ClassVar[int]
    PARTIES_FIELD_NUMBER: _ClassVar[int]
    CONFIDENTIAL_FIELD_NUMBER: _ClassVar[int]
    HOTLINE_ORDER_NO_FIELD_NUMBER: _ClassVar[int]
    RECEIVED_AT_FIELD_NUMBER: _ClassVar[int]
    IDEMPOTENCY_KEY_FIELD_NUMBER: _ClassVar[int]
    channel: str
    category: str
    community: str
    grid: str
    compound: str
    building: str
    summary: str
    parties: _containers.RepeatedCompositeFieldContainer[Party]
    confidential: bool
    hotline_order_no: str
    received_at: str
    idempotency_key: str
    def __init__(self, channel: _Optional[str] = ..., category: _Optional[str] = ..., community: _Optional[str] = ..., grid: _Optional[str] = ..., compound: _Optional[str] = ..., building: _Optional[str] = ..., summary: _Optional[str] = ..., parties: _Optional[_Iterable[_Union[Party, _Mapping]]] = ..., confidential: _Optional[bool] = ..., hotline_order_no: _Optional[str] = ..., received_at: _Optional[str] = ..., idempotency_key: _Optional[str] = ...) -> None: ...

class CaseRef(_message.Message):
    __slots__ = ("case_id",)
    CASE_ID_FIELD_NUMBER: _ClassVar[int]
    case_id: str
    def __init__(self, case_id: _Optional[str] = ...) -> None: ...

class Case(_message.Message):
    __slots__ = ("id", "district", "subdistrict", "community", "grid", "compound", "building", "channel", "hotline_order_no", "category", "summary", "confidential", "status", "tier", "deadline_at", "overdue", "judge_id", "mediator_id", "volunteers", "agreement", "outcome", "resolved_tier", "resolved_at", "rating", "rating_comment", "reopen_count", "opened_at", "parties")
    ID_FIELD_NUMBER: _ClassVar[int]
    DISTRICT_FIELD_NUMBER: _ClassVar[int]
    SUBDISTRICT_FIELD_NUMBER: _ClassVar[int]
    COMMUNITY_FIELD_NUMBER: _ClassVar[int]
    GRID_FIELD_NUMBER: _ClassVar[int]
    COMPOUND_FIELD_NUMBER: _ClassVar[int]
    BUILDING_FIELD_NUMBER: _ClassVar[int]
    CHANNEL_FIELD_NUMBER: _ClassVar[int]
    HOTLINE_ORDER_NO_FIELD_NUMBER: _ClassVar[int]
    CATEGORY_FIELD_NUMBER: _ClassVar[int]
    SUMMARY_FIELD_NUMBER: _ClassVar[int]
    CONFIDENTIAL_FIELD_NUMBER: _ClassVar[int]
    STATUS_FIELD_NUMBER: _ClassVar[int]
    TIER_FIELD_NUMBER: _ClassVar[int]
    DEADLINE_AT_FIELD_NUMBER: _ClassVar[int]
    OVERDUE_FIELD_NUMBER: _ClassVar[int]
    JUDGE_ID_FIELD_NUMBER: _ClassVar[int]
    MEDIATOR_ID_FIELD_NUMBER: _ClassVar[int]
    VOLUNTEERS_FIELD_NUMBER: _ClassVar[int]
    AGREEMENT_FIELD_NUMBER: _ClassVar[int]
    OUTCOME_FIELD_NUMBER: _ClassVar[int]
    RESOLVED_TIER_FIELD_NUMBER: _ClassVar[int]
    RESOLVED_AT_FIELD_NUMBER: _ClassVar[int]
    RATING_FIELD_NUMBER: _ClassVar[int]
    RATING_COMMENT_FIELD_NUMBER: _ClassVar[int]
    REOPEN_COUNT_FIELD_NUMBER: _ClassVar[int]
    OPENED_AT_FIELD_NUMBER: _ClassVar[int]
    PARTIES_FIELD_NUMBER: _ClassVar[int]
    id: str
    district: str
    subdistrict: str
    community: str
    grid: str
    compound: str
    building: str
    channel: str
    hotline_order_no: str
    category: str
    summary: str
    confidential: bool
    status: str
    tier: str
    deadline_at: str
    overdue: bool
    judge_id: str
    mediator_id: str
    volunteers: _containers.RepeatedCompositeFieldContainer[Volunteer]
    agreement: str
    outcome: str
    resolved_tier: str
    resolved_at: str
    rating: int
    rating_comment: str
    reopen_count: int
    opened_at: str
    parties: _containers.RepeatedCompositeFieldContainer[Party]
    def __init__(self, id: _Optional[str] = ..., district: _Optional[str] = ..., subdistrict: _Optional[str] = ..., community: _Optional[str] = ..., grid: _Optional[str] = ..., compound: _Optional[str] = ..., building: _Optional[str] = ..., channel: _Optional[str] = ..., hotline_order_no: _Optional[str] = ..., category: _Optional[str] = ..., summary: _Optional[str] = ..., confidential: _Optional[bool] = ..., status: _Optional[str] = ..., tier: _Optional[str] = ..., deadline_at: _Optional[str] = ..., overdue: _Optional[bool] = ..., judge_id: _Optional[str] = ..., mediator_id: _Optional[str] = ..., volunteers: _Optional[_Iterable[_Union[Volunteer, _Mapping]]] = ..., agreement: _Optional[str] = ..., outcome: _Optional[str] = ..., resolved_tier: _Optional[str] = ..., resolved_at: _Optional[str] = ..., rating: _Optional[int] = ..., rating_comment: _Optional[str] = ..., reopen_count: _Optional[int] = ..., opened_at: _Optional[str] = ..., parties: _Optional[_Iterable[_Union[Party, _Mapping]]] = ...) -> None: ...

class ListCasesRequest(_message.Message):
    __slots__ = ("community", "status", "overdue_only", "limit")
    COMMUNITY_FIELD_NUMBER: _ClassVar[int]
    STATUS_FIELD_NUMBER: _ClassVar[int]
    OVERDUE_ONLY_FIELD_NUMBER: _ClassVar[int]
    LIMIT_FIELD_NUMBER: _ClassVar[int]
    community: str
    status: str
    overdue_only: bool
    limit: int
    def __init__(self, community: _Optional[str] = ..., status: _Optional[str] = ..., overdue_only: _Optional[bool] = ..., limit: _Optional[int] = ...) -> None: ...

class CaseList(_message.Message):
    __slots__ = ("items",)
    ITEMS_FIELD_NUMBER: _ClassVar[int]
    items: _containers.RepeatedCompositeFieldContainer[Case]
    def __init__(self, items: _Optional[_Iterable[_Union[Case, _Mapping]]] = ...) -> None: ...

class ListMyCasesRequest(_message.Message):
    __slots__ = ("assignee", "tier", "channel", "category", "opened_from", "opened_to", "page_size", "page_token")
    ASSIGNEE_FIELD_NUMBER: _ClassVar[int]
    TIER_FIELD_NUMBER: _ClassVar[int]
    CHANNEL_FIELD_NUMBER: _ClassVar[int]
    CATEGORY_FIELD_NUMBER: _ClassVar[int]
    OPENED_FROM_FIELD_NUMBER: _ClassVar[int]
    OPENED_TO_FIELD_NUMBER: _ClassVar[int]
    PAGE_SIZE_FIELD_NUMBER: _ClassVar[int]
    PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    assignee: str
    tier: str
    channel: str
    category: str
    opened_from: str
    opened_to: str
    page_size: int
    page_token: str
    def __init__(self, assignee: _Optional[str] = ..., tier: _Optional[str] = ..., channel: _Optional[str] = ..., category: _Optional[str] = ..., opened_from: _Optional[str] = ..., opened_to: _Optional[str] = ..., page_size: _Optional[int] = ..., page_token: _Optional[str] = ...) -> None: ...

class CasePage(_message.Message):
    __slots__ = ("items", "next_page_token")
    ITEMS_FIELD_NUMBER: _ClassVar[int]
    NEXT_PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    items: _containers.RepeatedCompositeFieldContainer[Case]
    next_page_token: str
    def __init__(self, items: _Optional[_Iterable[_Union[Case, _Mapping]]] = ..., next_page_token: _Optional[str] = ...) -> None: ...

class HistoryEntry(_message.Message):
    __slots__ = ("at", "kind", "actor", "from_tier", "to_tier", "reason", "session")
    AT_FIELD_NUMBER: _ClassVar[int]
    KIND_FIELD_NUMBER: _ClassVar[int]
    ACTOR_FIELD_NUMBER: _ClassVar[int]
    FROM_TIER_FIELD_NUMBER: _ClassVar[int]
    TO_TIER_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    SESSION_FIELD_NUMBER: _ClassVar[int]
    at: str
    kind: str
    actor: str
    from_tier: str
    to_tier: str
    reason: str
    session: MediationSession
    def __init__(self, at: _Optional[str] = ..., kind: _Optional[str] = ..., actor: _Optional[str] = ..., from_tier: _Optional[str] = ..., to_tier: _Optional[str] = ..., reason: _Optional[str] = ..., session: _Optional[_Union[MediationSession, _Mapping]] = ...) -> None: ...

class CaseHistory(_message.Message):
    __slots__ = ("case_id", "status", "tier", "outcome", "agreement", "rating", "rating_comment", "reopen_count", "entries")
    CASE_ID_FIELD_NUMBER: _ClassVar[int]
    STATUS_FIELD_NUMBER: _ClassVar[int]
    TIER_FIELD_NUMBER: _ClassVar[int]
    OUTCOME_FIELD_NUMBER: _ClassVar[int]
    AGREEMENT_FIELD_NUMBER: _ClassVar[int]
    RATING_FIELD_NUMBER: _ClassVar[int]
    RATING_COMMENT_FIELD_NUMBER: _ClassVar[int]
    REOPEN_COUNT_FIELD_NUMBER: _ClassVar[int]
    ENTRIES_FIELD_NUMBER: _ClassVar[int]
    case_id: str
    status: str
    tier: str
    outcome: str
    agreement: str
    rating: int
    rating_comment: str
    reopen_count: int
    entries: _containers.RepeatedCompositeFieldContainer[HistoryEntry]
    def __init__(self, case_id: _Optional[str] = ..., status: _Optional[str] = ..., tier: _Optional[str] = ..., outcome: _Optional[str] = ..., agreement: _Optional[str] = ..., rating: _Optional[int] = ..., rating_comment: _Optional[str] = ..., reopen_count: _Optional[int] = ..., entries: _Optional[_Iterable[_Union[HistoryEntry, _Mapping]]] = ...) -> None: ...

class AuditRecord(_message.Message):
    __slots__ = ("at", "actor", "action", "reason", "before", "after")
    AT_FIELD_NUMBER: _ClassVar[int]
    ACTOR_FIELD_NUMBER: _ClassVar[int]
    ACTION_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    BEFORE_FIELD_NUMBER: _ClassVar[int]
    AFTER_FIELD_NUMBER: _ClassVar[int]
    at: str
    actor: str
    action: str
    reason: str
    before: str
    after: str
    def __init__(self, at: _Optional[str] = ..., actor: _Optional[str] = ..., action: _Optional[str] = ..., reason: _Optional[str] = ..., before: _Optional[str] = ..., after: _Optional[str] = ...) -> None: ...

class CaseOutcomeAudit(_message.Message):
    __slots__ = ("case_id", "entries")
    CASE_ID_FIELD_NUMBER: _ClassVar[int]
    ENTRIES_FIELD_NUMBER: _ClassVar[int]
    case_id: str
    entries: _containers.RepeatedCompositeFieldContainer[AuditRecord]
    def __init__(self, case_id: _Optional[str] = ..., entries: _Optional[_Iterable[_Union[AuditRecord, _Mapping]]] = ...) -> None: ...

class AssignTeamRequest(_message.Message):
    __slots__ = ("case_id", "judge_id", "mediator_id", "volunteer_ids", "idempotency_key")
    CASE_ID_FIELD_NUMBER: _ClassVar[int]
    JUDGE_ID_FIELD_NUMBER: _ClassVar[int]
    MEDIATOR_ID_FIELD_NUMBER: _ClassVar[int]
    VOLUNTEER_IDS_FIELD_NUMBER: _ClassVar[int]
    IDEMPOTENCY_KEY_FIELD_NUMBER: _ClassVar[int]
    case_id: str
    judge_id: str
    mediator_id: str
    volunteer_ids: _containers.RepeatedScalarFieldContainer[str]
    idempotency_key: str
    def __init__(self, case_id: _Optional[str] = ..., judge_id: _Optional[str] = ..., mediator_id: _Optional[str] = ..., volunteer_ids: _Optional[_Iterable[str]] = ..., idempotency_key: _Optional[str] = ...) -> None: ...

class WorkloadRequest(_message.Message):
    __slots__ = ("community",)
    COMMUNITY_FIELD_NUMBER: _ClassVar[int]
    community: str
    def __init__(self, community: _Optional[str] = ...) -> None: ...

class WorkloadItem(_message.Message):
    __slots__ = ("person_id", "name", "open_cases")
    PERSON_ID_FIELD_NUMBER: _ClassVar[int]
    NAME_FIELD_NUMBER: _ClassVar[int]
    OPEN_CASES_FIELD_NUMBER: _ClassVar[int]
    person_id: str
    name: str
    open_cases: int
    def __init__(self, person_id: _Optional[str] = ..., name: _Optional[str] = ..., open_cases: _Optional[int] = ...) -> None: ...

class Workload(_message.Message):
    __slots__ = ("community", "items")
    COMMUNITY_FIELD_NUMBER: _ClassVar[int]
    ITEMS_FIELD_NUMBER: _ClassVar[int]
    community: str
    items: _containers.RepeatedCompositeFieldContainer[WorkloadItem]
    def __init__(self, community: _Optional[str] = ..., items: _Optional[_Iterable[_Union[WorkloadItem, _Mapping]]] = ...) -> None: ...

class RecordSessionRequest(_message.Message):
    __slots__ = ("case_id", "notes", "attendance", "held_at", "idempotency_key")
    CASE_ID_FIELD_NUMBER: _ClassVar[int]
    NOTES_FIELD_NUMBER: _ClassVar[int]
    ATTENDANCE_FIELD_NUMBER: _ClassVar[int]
    HELD_AT_FIELD_NUMBER: _ClassVar[int]
    IDEMPOTENCY_KEY_FIELD_NUMBER: _ClassVar[int]
    case_id: str
    notes: str
    attendance: _containers.RepeatedScalarFieldContainer[str]
    held_at: str
    idempotency_key: str
    def __init__(self, case_id: _Optional[str] = ..., notes: _Optional[str] = ..., attendance: _Optional[_Iterable[str]] = ..., held_at: _Optional[str] = ..., idempotency_key: _Optional[str] = ...) -> None: ...

class MediationSession(_message.Message):
    __slots__ = ("id", "case_id", "held_at", "notes", "attendance")
    ID_FIELD_NUMBER: _ClassVar[int]
    CASE_ID_FIELD_NUMBER: _ClassVar[int]
    HELD_AT_FIELD_NUMBER: _ClassVar[int]
    NOTES_FIELD_NUMBER: _ClassVar[int]
    ATTENDANCE_FIELD_NUMBER: _ClassVar[int]
    id: str
    case_id: str
    held_at: str
    notes: str
    attendance: _containers.RepeatedScalarFieldContainer[str]
    def __init__(self, id: _Optional[str] = ..., case_id: _Optional[str] = ..., held_at: _Optional[str] = ..., notes: _Optional[str] = ..., attendance: _Optional[_Iterable[str]] = ...) -> None: ...

class ResolveCaseRequest(_message.Message):
    __slots__ = ("case_id", "outcome", "agreement", "idempotency_key")
    CASE_ID_FIELD_NUMBER: _ClassVar[int]
    OUTCOME_FIELD_NUMBER: _ClassVar[int]
    AGREEMENT_FIELD_NUMBER: _ClassVar[int]
    IDEMPOTENCY_KEY_FIELD_NUMBER: _ClassVar[int]
    case_id: str
    outcome: str
    agreement: str
    idempotency_key: str
    def __init__(self, case_id: _Optional[str] = ..., outcome: _Optional[str] = ..., agreement: _Optional[str] = ..., idempotency_key: _Optional[str] = ...) -> None: ...

class RateCaseRequest(_message.Message):
    __slots__ = ("case_id", "score", "comment", "idempotency_key")
    CASE_ID_FIELD_NUMBER: _ClassVar[int]
    SCORE_FIELD_NUMBER: _ClassVar[int]
    COMMENT_FIELD_NUMBER: _ClassVar[int]
    IDEMPOTENCY_KEY_FIELD_NUMBER: _ClassVar[int]
    case_id: str
    score: int
    comment: str
    idempotency_key: str
    def __init__(self, case_id: _Optional[str] = ..., score: _Optional[int] = ..., comment: _Optional[str] = ..., idempotency_key: _Optional[str] = ...) -> None: ...

class ReopenCaseRequest(_message.Message):
    __slots__ = ("case_id", "reason", "idempotency_key")
    CASE_ID_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    IDEMPOTENCY_KEY_FIELD_NUMBER: _ClassVar[int]
    case_id: str
    reason: str
    idempotency_key: str
    def __init__(self, case_id: _Optional[str] = ..., reason: _Optional[str] = ..., idempotency_key: _Optional[str] = ...) -> None: ...

class EscalateRequest(_message.Message):
    __slots__ = ("case_id", "direction", "reason", "idempotency_key")
    CASE_ID_FIELD_NUMBER: _ClassVar[int]
    DIRECTION_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    IDEMPOTENCY_KEY_FIELD_NUMBER: _ClassVar[int]
    case_id: str
    direction: str
    reason: str
    idempotency_key: str
    def __init__(self, case_id: _Optional[str] = ..., direction: _Optional[str] = ..., reason: _Optional[str] = ..., idempotency_key: _Optional[str] = ...) -> None: ...

class ImportHotlineOrdersRequest(_message.Message):
    __slots__ = ("format", "content", "idempotency_key")
    FORMAT_FIELD_NUMBER: _ClassVar[int]
    CONTENT_FIELD_NUMBER: _ClassVar[int]
    IDEMPOTENCY_KEY_FIELD_NUMBER: _ClassVar[int]
    format: str
    content: bytes
    idempotency_key: str
    def __init__(self, format: _Optional[str] = ..., content: _Optional[bytes] = ..., idempotency_key: _Optional[str] = ...) -> None: ...

class HotlineHeader(_message.Message):
    __slots__ = ("header", "field")
    HEADER_FIELD_NUMBER: _ClassVar[int]
    FIELD_FIELD_NUMBER: _ClassVar[int]
    header: str
    field: str
    def __init__(self, header: _Optional[str] = ..., field: _Optional[str] = ...) -> None: ...

class SetHotlineHeadersRequest(_message.Message):
    __slots__ = ("headers", "idempotency_key")
    HEADERS_FIELD_NUMBER: _ClassVar[int]
    IDEMPOTENCY_KEY_FIELD_NUMBER: _ClassVar[int]
    headers: _containers.RepeatedCompositeFieldContainer[HotlineHeader]
    idempotency_key: str
    def __init__(self, headers: _Optional[_Iterable[_Union[HotlineHeader, _Mapping]]] = ..., idempotency_key: _Optional[str] = ...) -> None: ...

class HotlineHeaders(_message.Message):
    __slots__ = ("district", "headers", "effective")
    DISTRICT_FIELD_NUMBER: _ClassVar[int]
    HEADERS_FIELD_NUMBER: _ClassVar[int]
    EFFECTIVE_FIELD_NUMBER: _ClassVar[int]
    district: str
    headers: _containers.RepeatedCompositeFieldContainer[HotlineHeader]
    effective: _containers.RepeatedCompositeFieldContainer[HotlineHeader]
    def __init__(self, district: _Optional[str] = ..., headers: _Optional[_Iterable[_Union[HotlineHeader, _Mapping]]] = ..., effective: _Optional[_Iterable[_Union[HotlineHeader, _Mapping]]] = ...) -> None: ...

class HotlineProblem(_message.Message):
    __slots__ = ("row", "column", "reason")
    ROW_FIELD_NUMBER: _ClassVar[int]
    COLUMN_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    row: int
    column: str
    reason: str
    def __init__(self, row: _Optional[int] = ..., column: _Optional[str] = ..., reason: _Optional[str] = ...) -> None: ...

class HotlineImportReport(_message.Message):
    __slots__ = ("rows", "imported", "duplicates", "problems", "case_ids")
    ROWS_FIELD_NUMBER: _ClassVar[int]
    IMPORTED_FIELD_NUMBER: _ClassVar[int]
    DUPLICATES_FIELD_NUMBER: _ClassVar[int]
    PROBLEMS_FIELD_NUMBER: _ClassVar[int]
    CASE_IDS_FIELD_NUMBER: _ClassVar[int]
    rows: int
    imported: int
    duplicates: int
    problems: _containers.RepeatedCompositeFieldContainer[HotlineProblem]
    case_ids: _containers.RepeatedScalarFieldContainer[str]
    def __init__(self, rows: _Optional[int] = ..., imported: _Optional[int] = ..., duplicates: _Optional[int] = ..., problems: _Optional[_Iterable[_Union[HotlineProblem, _Mapping]]] = ..., case_ids: _Optional[_Iterable[str]] = ...) -> None: ...

class ExportHotlineOutcomesRequest(_message.Message):
    __slots__ = ("format", "since")
    FORMAT_FIELD_NUMBER: _ClassVar[int]
    SINCE_FIELD_NUMBER: _ClassVar[int]
    format: str
    since: str
    def __init__(self, format: _Optional[str] = ..., since: _Optional[str] = ...) -> None: ...

class HotlineExport(_message.Message):
    __slots__ = ("format", "orders", "content")
    FORMAT_FIELD_NUMBER: _ClassVar[int]
    ORDERS_FIELD_NUMBER: _ClassVar[int]
    CONTENT_FIELD_NUMBER: _ClassVar[int]
    format: str
    orders: int
    content: bytes
    def __init__(self, format: _Optional[str] = ..., orders: _Optional[int] = ..., content: _Optional[bytes] = ...) -> None: ...

class AgendaItem(_message.Message):
    __slots__ = ("title", "case_id")
    TITLE_FIELD_NUMBER: _ClassVar[int]
    CASE_ID_FIELD_NUMBER: _ClassVar[int]
    title: str
    case_id: str
    def __init__(self, title: _Optional[str] = ..., case_id: _Optional[str] = ...) -> None: ...

class ScheduleMeetingRequest(_message.Message):
    __slots__ = ("community", "kind", "held_on", "agenda", "attendance", "representatives_eligible", "idempotency_key")
    COMMUNITY_FIELD_NUMBER: _ClassVar[int]
    KIND_FIELD_NUMBER: _ClassVar[int]
    HELD_ON_FIELD_NUMBER: _ClassVar[int]
    AGENDA_FIELD_NUMBER: _ClassVar[int]
    ATTENDANCE_FIELD_NUMBER: _ClassVar[int]
    REPRESENTATIVES_ELIGIBLE_FIELD_NUMBER: _ClassVar[int]
    IDEMPOTENCY_KEY_FIELD_NUMBER: _ClassVar[int]
    community: str
    kind: str
    held_on: str
    agenda: _containers.RepeatedCompositeFieldContainer[AgendaItem]
    attendance: _containers.RepeatedScalarFieldContainer[str]
    representatives_eligible: int
    idempotency_key: str
    def __init__(self, community: _Optional[str] = ..., kind: _Optional[str] = ..., held_on: _Optional[str] = ..., agenda: _Optional[_Iterable[_Union[AgendaItem, _Mapping]]] = ..., attendance: _Optional[_Iterable[str]] = ..., representatives_eligible: _Optional[int] = ..., idempotency_key: _Optional[str] = ...) -> None: ...

class Meeting(_message.Message):
    __slots__ = ("id", "community", "kind", "held_on", "agenda", "attendance", "representatives_eligible")
    ID_FIELD_NUMBER: _ClassVar[int]
    COMMUNITY_FIELD_NUMBER: _ClassVar[int]
    KIND_FIELD_NUMBER: _ClassVar[int]
    HELD_ON_FIELD_NUMBER: _ClassVar[int]
    AGENDA_FIELD_NUMBER: _ClassVar[int]
    ATTENDANCE_FIELD_NUMBER: _ClassVar[int]
    REPRESENTATIVES_ELIGIBLE_FIELD_NUMBER: _ClassVar[int]
    id: str
    community: str
    kind: str
    held_on: str
    agenda: _containers.RepeatedCompositeFieldContainer[AgendaItem]
    attendance: _containers.RepeatedScalarFieldContainer[str]
    representatives_eligible: int
    def __init__(self, id: _Optional[str] = ..., community: _Optional[str] = ..., kind: _Optional[str] = ..., held_on: _Optional[str] = ..., agenda: _Optional[_Iterable[_Union[AgendaItem, _Mapping]]] = ..., attendance: _Optional[_Iterable[str]] = ..., representatives_eligible: _Optional[int] = ...) -> None: ...

class ProposeMatterRequest(_message.Message):
    __slots__ = ("community", "title", "proposal", "case_id", "meeting_id", "idempotency_key")
    COMMUNITY_FIELD_NUMBER: _ClassVar[int]
    TITLE_FIELD_NUMBER: _ClassVar[int]
    PROPOSAL_FIELD_NUMBER: _ClassVar[int]
    CASE_ID_FIELD_NUMBER: _ClassVar[int]
    MEETING_ID_FIELD_NUMBER: _ClassVar[int]
    IDEMPOTENCY_KEY_FIELD_NUMBER: _ClassVar[int]
    community: str
    title: str
    proposal: str
    case_id: str
    meeting_id: str
    idempotency_key: str
    def __init__(self, community: _Optional[str] = ..., title: _Optional[str] = ..., proposal: _Optional[str] = ..., case_id: _Optional[str] = ..., meeting_id: _Optional[str] = ..., idempotency_key: _Optional[str] = ...) -> None: ...

class RecordDeliberationRequest(_message.Message):
    __slots__ = ("matter_id", "note", "idempotency_key")
    MATTER_ID_FIELD_NUMBER: _ClassVar[int]
    NOTE_FIELD_NUMBER: _ClassVar[int]
    IDEMPOTENCY_KEY_FIELD_NUMBER: _ClassVar[int]
    matter_id: str
    note: str
    idempotency_key: str
    def __init__(self, matter_id: _Optional[str] = ..., note: _Optional[str] = ..., idempotency_key: _Optional[str] = ...) -> None: ...

class RecordVoteRequest(_message.Message):
    __slots__ = ("matter_id", "eligible", "yes", "no", "abstain", "idempotency_key")
    MATTER_ID_FIELD_NUMBER: _ClassVar[int]
    ELIGIBLE_FIELD_NUMBER: _ClassVar[int]
    YES_FIELD_NUMBER: _ClassVar[int]
    NO_FIELD_NUMBER: _ClassVar[int]
    ABSTAIN_FIELD_NUMBER: _ClassVar[int]
    IDEMPOTENCY_KEY_FIELD_NUMBER: _ClassVar[int]
    matter_id: str
    eligible: int
    yes: int
    no: int
    abstain: int
    idempotency_key: str
    def __init__(self, matter_id: _Optional[str] = ..., eligible: _Optional[int] = ..., yes: _Optional[int] = ..., no: _Optional[int] = ..., abstain: _Optional[int] = ..., idempotency_key: _Optional[str] = ...) -> None: ...

class ActionItem(_message.Message):
    __slots__ = ("description", "owner", "due_on")
    DESCRIPTION_FIELD_NUMBER: _ClassVar[int]
    OWNER_FIELD_NUMBER: _ClassVar[int]
    DUE_ON_FIELD_NUMBER: _ClassVar[int]
    description: str
    owner: str
    due_on: str
    def __init__(self, description: _Optional[str] = ..., owner: _Optional[str] = ..., due_on: _Optional[str] = ...) -> None: ...

class PublishDecisionRequest(_message.Message):
    __slots__ = ("matter_id", "decision", "actions", "idempotency_key")
    MATTER_ID_FIELD_NUMBER: _ClassVar[int]
    DECISION_FIELD_NUMBER: _ClassVar[int]
    ACTIONS_FIELD_NUMBER: _ClassVar[int]
    IDEMPOTENCY_KEY_FIELD_NUMBER: _ClassVar[int]
    matter_id: str
    decision: str
    actions: _containers.RepeatedCompositeFieldContainer[ActionItem]
    idempotency_key: str
    def __init__(self, matter_id: _Optional[str] = ..., decision: _Optional[str] = ..., actions: _Optional[_Iterable[_Union[ActionItem, _Mapping]]] = ..., idempotency_key: _Optional[str] = ...) -> None: ...

class CompleteActionRequest(_message.Message):
    __slots__ = ("action_id", "note", "idempotency_key")
    ACTION_ID_FIELD_NUMBER: _ClassVar[int]
    NOTE_FIELD_NUMBER: _ClassVar[int]
    IDEMPOTENCY_KEY_FIELD_NUMBER: _ClassVar[int]
    action_id: str
    note: str
    idempotency_key: str
    def __init__(self, action_id: _Optional[str] = ..., note: _Optional[str] = ..., idempotency_key: _Optional[str] = ...) -> None: ...

class PublishResultRequest(_message.Message):
    __slots__ = ("matter_id", "result", "idempotency_key")
    MATTER_ID_FIELD_NUMBER: _ClassVar[int]
    RESULT_FIELD_NUMBER: _ClassVar[int]
    IDEMPOTENCY_KEY_FIELD_NUMBER: _ClassVar[int]
    matter_id: str
    result: str
    idempotency_key: str
    def __init__(self, matter_id: _Optional[str] = ..., result: _Optional[str] = ..., idempotency_key: _Optional[str] = ...) -> None: ...

class MatterRef(_message.Message):
    __slots__ = ("matter_id",)
    MATTER_ID_FIELD_NUMBER: _ClassVar[int]
    matter_id: str
    def __init__(self, matter_id: _Optional[str] = ...) -> None: ...

class Vote(_message.Message):
    __slots__ = ("eligible", "yes", "no", "abstain", "quorum_met", "passed", "reason")
    ELIGIBLE_FIELD_NUMBER: _ClassVar[int]
    YES_FIELD_NUMBER: _ClassVar[int]
    NO_FIELD_NUMBER: _ClassVar[int]
    ABSTAIN_FIELD_NUMBER: _ClassVar[int]
    QUORUM_MET_FIELD_NUMBER: _ClassVar[int]
    PASSED_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    eligible: int
    yes: int
    no: int
    abstain: int
    quorum_met: bool
    passed: bool
    reason: str
    def __init__(self, eligible: _Optional[int] = ..., yes: _Optional[int] = ..., no: _Optional[int] = ..., abstain: _Optional[int] = ..., quorum_met: _Optional[bool] = ..., passed: _Optional[bool] = ..., reason: _Optional[str] = ...) -> None: ...

class Step(_message.Message):
    __slots__ = ("stage", "by", "on", "note")
    STAGE_FIELD_NUMBER: _ClassVar[int]
    BY_FIELD_NUMBER: _ClassVar[int]
    ON_FIELD_NUMBER: _ClassVar[int]
    NOTE_FIELD_NUMBER: _ClassVar[int]
    stage: str
    by: str
    on: str
    note: str
    def __init__(self, stage: _Optional[str] = ..., by: _Optional[str] = ..., on: _Optional[str] = ..., note: _Optional[str] = ...) -> None: ...

class Action(_message.Message):
    __slots__ = ("id", "description", "owner", "due_on", "done_on", "note")
    ID_FIELD_NUMBER: _ClassVar[int]
    DESCRIPTION_FIELD_NUMBER: _ClassVar[int]
    OWNER_FIELD_NUMBER: _ClassVar[int]
    DUE_ON_FIELD_NUMBER: _ClassVar[int]
    DONE_ON_FIELD_NUMBER: _ClassVar[int]
    NOTE_FIELD_NUMBER: _ClassVar[int]
    id: str
    description: str
    owner: str
    due_on: str
    done_on: str
    note: str
    def __init__(self, id: _Optional[str] = ..., description: _Optional[str] = ..., owner: _Optional[str] = ..., due_on: _Optional[str] = ..., done_on: _Optional[str] = ..., note: _Optional[str] = ...) -> None: ...

class Matter(_message.Message):
    __slots__ = ("id", "community", "title", "proposal", "case_id", "meeting_id", "stage", "stage_number", "vote", "decision", "result", "history", "actions")
    ID_FIELD_NUMBER: _ClassVar[int]
    COMMUNITY_FIELD_NUMBER: _ClassVar[int]
    TITLE_FIELD_NUMBER: _ClassVar[int]
    PROPOSAL_FIELD_NUMBER: _ClassVar[int]
    CASE_ID_FIELD_NUMBER: _ClassVar[int]
    MEETING_ID_FIELD_NUMBER: _ClassVar[int]
    STAGE_FIELD_NUMBER: _ClassVar[int]
    STAGE_NUMBER_FIELD_NUMBER: _ClassVar[int]
    VOTE_FIELD_NUMBER: _ClassVar[int]
    DECISION_FIELD_NUMBER: _ClassVar[int]
    RESULT_FIELD_NUMBER: _ClassVar[int]
    HISTORY_FIELD_NUMBER: _ClassVar[int]
    ACTIONS_FIELD_NUMBER: _ClassVar[int]
    id: str
    community: str
    title: str
    proposal: str
    case_id: str
    meeting_id: str
    stage: str
    stage_number: int
    vote: Vote
    decision: str
    result: str
    history: _containers.RepeatedCompositeFieldContainer[Step]
    actions: _containers.RepeatedCompositeFieldContainer[Action]
    def __init__(self, id: _Optional[str] = ..., community: _Optional[str] = ..., title: _Optional[str] = ..., proposal: _Optional[str] = ..., case_id: _Optional[str] = ..., meeting_id: _Optional[str] = ..., stage: _Optional[str] = ..., stage_number: _Optional[int] = ..., vote: _Optional[_Union[Vote, _Mapping]] = ..., decision: _Optional[str] = ..., result: _Optional[str] = ..., history: _Optional[_Iterable[_Union[Step, _Mapping]]] = ..., actions: _Optional[_Iterable[_Union[Action, _Mapping]]] = ...) -> None: ...

class FiguresRequest(_message.Message):
    __slots__ = ("scope",)
    SCOPE_FIELD_NUMBER: _ClassVar[int]
    scope: str
    def __init__(self, scope: _Optional[str] = ...) -> None: ...

class CityFiguresRequest(_message.Message):
    __slots__ = ()
    def __init__(self) -> None: ...

class DistrictFigures(_message.Message):
    __slots__ = ("district", "open", "overdue", "resolved", "community_share", "rated", "satisfaction_average")
    DISTRICT_FIELD_NUMBER: _ClassVar[int]
    OPEN_FIELD_NUMBER: _ClassVar[int]
    OVERDUE_FIELD_NUMBER: _ClassVar[int]
    RESOLVED_FIELD_NUMBER: _ClassVar[int]
    COMMUNITY_SHARE_FIELD_NUMBER: _ClassVar[int]
    RATED_FIELD_NUMBER: _ClassVar[int]
    SATISFACTION_AVERAGE_FIELD_NUMBER: _ClassVar[int]
    district: str
    open: int
    overdue: int
    resolved: int
    community_share: float
    rated: int
    satisfaction_average: float
    def __init__(self, district: _Optional[str] = ..., open: _Optional[int] = ..., overdue: _Optional[int] = ..., resolved: _Optional[int] = ..., community_share: _Optional[float] = ..., rated: _Optional[int] = ..., satisfaction_average: _Optional[float] = ...) -> None: ...

class CityFigures(_message.Message):
    __slots__ = ("items",)
    ITEMS_FIELD_NUMBER: _ClassVar[int]
    items: _containers.RepeatedCompositeFieldContainer[DistrictFigures]
    def __init__(self, items: _Optional[_Iterable[_Union[DistrictFigures, _Mapping]]] = ...) -> None: ...

class TimeToResolve(_message.Message):
    __slots__ = ("tier", "category", "cases", "average_hours")
    TIER_FIELD_NUMBER: _ClassVar[int]
    CATEGORY_FIELD_NUMBER: _ClassVar[int]
    CASES_FIELD_NUMBER: _ClassVar[int]
    AVERAGE_HOURS_FIELD_NUMBER: _ClassVar[int]
    tier: str
    category: str
    cases: int
    average_hours: float
    def __init__(self, tier: _Optional[str] = ..., category: _Optional[str] = ..., cases: _Optional[int] = ..., average_hours: _Optional[float] = ...) -> None: ...

class Figures(_message.Message):
    __slots__ = ("scope", "cases", "open", "resolved", "resolved_in_community", "community_share", "community_target", "overdue", "rated", "satisfaction_average", "time_to_resolve", "withdrawn")
    SCOPE_FIELD_NUMBER: _ClassVar[int]
    CASES_FIELD_NUMBER: _ClassVar[int]
    OPEN_FIELD_NUMBER: _ClassVar[int]
    RESOLVED_FIELD_NUMBER: _ClassVar[int]
    RESOLVED_IN_COMMUNITY_FIELD_NUMBER: _ClassVar[int]
    COMMUNITY_SHARE_FIELD_NUMBER: _ClassVar[int]
    COMMUNITY_TARGET_FIELD_NUMBER: _ClassVar[int]
    OVERDUE_FIELD_NUMBER: _ClassVar[int]
    RATED_FIELD_NUMBER: _ClassVar[int]
    SATISFACTION_AVERAGE_FIELD_NUMBER: _ClassVar[int]
    TIME_TO_RESOLVE_FIELD_NUMBER: _ClassVar[int]
    WITHDRAWN_FIELD_NUMBER: _ClassVar[int]
    scope: str
    cases: int
    open: int
    resolved: int
    resolved_in_community: int
    community_share: float
    community_target: float
    overdue: int
    rated: int
    satisfaction_average: float
    time_to_resolve: _containers.RepeatedCompositeFieldContainer[TimeToResolve]
    withdrawn: int
    def __init__(self, scope: _Optional[str] = ..., cases: _Optional[int] = ..., open: _Optional[int] = ..., resolved: _Optional[int] = ..., resolved_in_community: _Optional[int] = ..., community_share: _Optional[float] = ..., community_target: _Optional[float] = ..., overdue: _Optional[int] = ..., rated: _Optional[int] = ..., satisfaction_average: _Optional[float] = ..., time_to_resolve: _Optional[_Iterable[_Union[TimeToResolve, _Mapping]]] = ..., withdrawn: _Optional[int] = ...) -> None: ...
