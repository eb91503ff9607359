from buf.validate import validate_pb2 as _validate_pb2
from google.protobuf.internal import containers as _containers
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Iterable as _Iterable, Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class AccountRef(_message.Message):
    __slots__ = ("kind", "owner", "community", "grid", "category", "name")
    KIND_FIELD_NUMBER: _ClassVar[int]
    OWNER_FIELD_NUMBER: _ClassVar[int]
    COMMUNITY_FIELD_NUMBER: _ClassVar[int]
    GRID_FIELD_NUMBER: _ClassVar[int]
    CATEGORY_FIELD_NUMBER: _ClassVar[int]
    NAME_FIELD_NUMBER: _ClassVar[int]
    kind: str
    owner: str
    community: str
    grid: str
    category: str
    name: str
    def __init__(self, kind: _Optional[str] = ..., owner: _Optional[str] = ..., community: _Optional[str] = ..., grid: _Optional[str] = ..., category: _Optional[str] = ..., name: _Optional[str] = ...) -> None: ...

class OpenAccountRequest(_message.Message):
    __slots__ = ("account", "idempotency_key")
    ACCOUNT_FIELD_NUMBER: _ClassVar[int]
    IDEMPOTENCY_KEY_FIELD_NUMBER: _ClassVar[int]
    account: AccountRef
    idempotency_key: str
    def __init__(self, account: _Optional[_Union[AccountRef, _Mapping]] = ..., idempotency_key: _Optional[str] = ...) -> None: ...

class AccountIdRequest(_message.Message):
    __slots__ = ("account_id",)
    ACCOUNT_ID_FIELD_NUMBER: _ClassVar[int]
    account_id: str
    def __init__(self, account_id: _Optional[str] = ...) -> None: ...

class Account(_message.Message):
    __slots__ = ("id", "district", "kind", "owner", "programme", "category", "name", "community", "grid", "balance")
    ID_FIELD_NUMBER: _ClassVar[int]
    DISTRICT_FIELD_NUMBER: _ClassVar[int]
    KIND_FIELD_NUMBER: _ClassVar[int]
    OWNER_FIELD_NUMBER: _ClassVar[int]
    PROGRAMME_FIELD_NUMBER: _ClassVar[int]
    CATEGORY_FIELD_NUMBER: _ClassVar[int]
    NAME_FIELD_NUMBER: _ClassVar[int]
    COMMUNITY_FIELD_NUMBER: _ClassVar[int]
    GRID_FIELD_NUMBER: _ClassVar[int]
    BALANCE_FIELD_NUMBER: _ClassVar[int]
    id: str
    district: str
    kind: str
    owner: str
    programme: str
    category: str
    name: str
    community: str
    grid: str
    balance: int
    def __init__(self, id: _Optional[str] = ..., district: _Optional[str] = ..., kind: _Optional[str] = ..., owner: _Optional[str] = ..., programme: _Optional[str] = ..., category: _Optional[str] = ..., name: _Optional[str] = ..., community: _Optional[str] = ..., grid: _Optional[str] = ..., balance: _Optional[int] = ...) -> None: ...

class EarnRequest(_message.Message):
    __slots__ = ("account", "action_type", "occurred_on", "source", "evidence", "idempotency_key")
    ACCOUNT_FIELD_NUMBER: _ClassVar[int]
    ACTION_TYPE_FIELD_NUMBER: _ClassVar[int]
    OCCURRED_ON_FIELD_NUMBER: _ClassVar[int]
    SOURCE_FIELD_NUMBER: _ClassVar[int]
    EVIDENCE_FIELD_NUMBER: _ClassVar[int]
    IDEMPOTENCY_KEY_FIELD_NUMBER: _ClassVar[int]
    account: AccountRef
    action_type: str
    occurred_on: str
    source: str
    evidence: str
    idempotency_key: str
    def __init__(self, account: _Optional[_Union[AccountRef, _Mapping]] = ..., action_type: _Optional[str] = ..., occurred_on: _Optional[str] = ..., source: _Optional[str] = ..., evidence: _Optional[str] = ..., idempotency_key: _Optional[str] = ...) -> None: ...

class AwardManuallyRequest(_message.Message):
    __slots__ = ("account", "points", "reason", "evidence", "deduction", "idempotency_key")
    ACCOUNT_FIELD_NUMBER: _ClassVar[int]
    POINTS_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    EVIDENCE_FIELD_NUMBER: _ClassVar[int]
    DEDUCTION_FIELD_NUMBER: _ClassVar[int]
    IDEMPOTENCY_KEY_FIELD_NUMBER: _ClassVar[int]
    account: AccountRef
    points: int
    reason: str
    evidence: str
    deduction: bool
    idempotency_key: str
    def __init__(self, account: _Optional[_Union[AccountRef, _Mapping]] = ..., points: _Optional[int] = ..., reason: _Optional[str] = ..., evidence: _Optional[str] = ..., deduction: _Optional[bool] = ..., idempotency_key: _Optional[str] = ...) -> None: ...

class DecidePendingRequest(_message.Message):
    __slots__ = ("transaction_id", "approve", "note", "idempotency_key")
    TRANSACTION_ID_FIELD_NUMBER: _ClassVar[int]
    APPROVE_FIELD_NUMBER: _ClassVar[int]
    NOTE_FIELD_NUMBER: _ClassVar[int]
    IDEMPOTENCY_KEY_FIELD_NUMBER: _ClassVar[int]
    transaction_id: str
    approve: bool
    note: str
    idempotency_key: str
    def __init__(self, transaction_id: _Optional[str] = ..., approve: _Optional[bool] = ..., note: _Optional[str] = ..., idempotency_key: _Optional[str] = ...) -> None: ...

class ListPendingRequest(_message.Message):
    __slots__ = ("community",)
    COMMUNITY_FIELD_NUMBER: _ClassVar[int]
    community: str
    def __init__(self, community: _Optional[str] = ...) -> None: ...

class ReverseRequest(_message.Message):
    __slots__ = ("transaction_id", "reason", "idempotency_key")
    TRANSACTION_ID_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    IDEMPOTENCY_KEY_FIELD_NUMBER: _ClassVar[int]
    transaction_id: str
    reason: str
    idempotency_key: str
    def __init__(self, transaction_id: _Optional[str] = ..., reason: _Optional[str] = ..., idempotency_key: _Optional[str] = ...) -> None: ...

class LedgerTransaction(_message.Message):
    __slots__ = ("id", "kind", "status", "account_id", "points", "balance", "occurred_on", "action_type", "reverses_id")
    ID_FIELD_NUMBER: _ClassVar[int]
    KIND_FIELD_NUMBER: _ClassVar[int]
    STATUS_FIELD_NUMBER: _ClassVar[int]
    ACCOUNT_ID_FIELD_NUMBER: _ClassVar[int]
    POINTS_FIELD_NUMBER: _ClassVar[int]
    BALANCE_FIELD_NUMBER: _ClassVar[int]
    OCCURRED_ON_FIELD_NUMBER: _ClassVar[int]
    ACTION_TYPE_FIELD_NUMBER: _ClassVar[int]
    REVERSES_ID_FIELD_NUMBER: _ClassVar[int]
    id: str
    kind: str
    status: str
    account_id: str
    points: int
    balance: int
    occurred_on: str
    action_type: str
    reverses_id: str
    def __init__(self, id: _Optional[str] = ..., kind: _Optional[str] = ..., status: _Optional[str] = ..., account_id: _Optional[str] = ..., points: _Optional[int] = ..., balance: _Optional[int] = ..., occurred_on: _Optional[str] = ..., action_type: _Optional[str] = ..., reverses_id: _Optional[str] = ...) -> None: ...

class TransactionList(_message.Message):
    __slots__ = ("items",)
    ITEMS_FIELD_NUMBER: _ClassVar[int]
    items: _containers.RepeatedCompositeFieldContainer[LedgerTransaction]
    def __init__(self, items: _Optional[_Iterable[_Union[LedgerTransaction, _Mapping]]] = ...) -> None: ...

class AccountAuditRequest(_message.Message):
    __slots__ = ("account_id", "page_size", "page_token")
    ACCOUNT_ID_FIELD_NUMBER: _ClassVar[int]
    PAGE_SIZE_FIELD_NUMBER: _ClassVar[int]
    PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    account_id: str
    page_size: int
    page_token: str
    def __init__(self, account_id: _Optional[str] = ..., page_size: _Optional[int] = ..., page_token: _Optional[str] = ...) -> None: ...

class AuditEntry(_message.Message):
    __slots__ = ("id", "at", "actor", "action", "subject", "reason", "before", "after")
    ID_FIELD_NUMBER: _ClassVar[int]
    AT_FIELD_NUMBER: _ClassVar[int]
    ACTOR_FIELD_NUMBER: _ClassVar[int]
    ACTION_FIELD_NUMBER: _ClassVar[int]
    SUBJECT_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    BEFORE_FIELD_NUMBER: _ClassVar[int]
    AFTER_FIELD_NUMBER: _ClassVar[int]
    id: str
    at: str
    actor: str
    action: str
    subject: str
    reason: str
    before: str
    after: str
    def __init__(self, id: _Optional[str] = ..., at: _Optional[str] = ..., actor: _Optional[str] = ..., action: _Optional[str] = ..., subject: _Optional[str] = ..., reason: _Optional[str] = ..., before: _Optional[str] = ..., after: _Optional[str] = ...) -> None: ...

class AccountAudit(_message.Message):
    __slots__ = ("account_id", "items", "next_page_token")
    ACCOUNT_ID_FIELD_NUMBER: _ClassVar[int]
    ITEMS_FIELD_NUMBER: _ClassVar[int]
    NEXT_PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    account_id: str
    items: _containers.RepeatedCompositeFieldContainer[AuditEntry]
    next_page_token: str
    def __init__(self, account_id: _Optional[str] = ..., items: _Optional[_Iterable[_Union[AuditEntry, _Mapping]]] = ..., next_page_token: _Optional[str] = ...) -> None: ...

class StatementRequest(_message.Message):
    __slots__ = ("account_id", "from_date", "to_date")
    ACCOUNT_ID_FIELD_NUMBER: _ClassVar[int]
    FROM_DATE_FIELD_NUMBER: _ClassVar[int]
    TO_DATE_FIELD_NUMBER: _ClassVar[int]
    account_id: str
    from_date: str
    to_date: str
    def __init__(self, account_id: _Optional[str] = ..., from_date: _Optional[str] = ..., to_date: _Optional[str] = ...) -> None: ...

class StatementLine(_message.Message):
    __slots__ = ("transaction_id", "kind", "occurred_on", "action_type", "reason", "amount")
    TRANSACTION_ID_FIELD_NUMBER: _ClassVar[int]
    KIND_FIELD_NUMBER: _ClassVar[int]
    OCCURRED_ON_FIELD_NUMBER: _ClassVar[int]
    ACTION_TYPE_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    AMOUNT_FIELD_NUMBER: _ClassVar[int]
    transaction_id: str
    kind: str
    occurred_on: str
    action_type: str
    reason: str
    amount: int
    def __init__(self, transaction_id: _Optional[str] = ..., kind: _Optional[str] = ..., occurred_on: _Optional[str] = ..., action_type: _Optional[str] = ..., reason: _Optional[str] = ..., amount: _Optional[int] = ...) -> None: ...

class Statement(_message.Message):
    __slots__ = ("account_id", "from_date", "to_date", "balance", "earned", "spent", "expired", "reversed", "deducted", "refunded", "lines")
    ACCOUNT_ID_FIELD_NUMBER: _ClassVar[int]
    FROM_DATE_FIELD_NUMBER: _ClassVar[int]
    TO_DATE_FIELD_NUMBER: _ClassVar[int]
    BALANCE_FIELD_NUMBER: _ClassVar[int]
    EARNED_FIELD_NUMBER: _ClassVar[int]
    SPENT_FIELD_NUMBER: _ClassVar[int]
    EXPIRED_FIELD_NUMBER: _ClassVar[int]
    REVERSED_FIELD_NUMBER: _ClassVar[int]
    DEDUCTED_FIELD_NUMBER: _ClassVar[int]
    REFUNDED_FIELD_NUMBER: _ClassVar[int]
    LINES_FIELD_NUMBER: _ClassVar[int]
    account_id: str
    from_date: str
    to_date: str
    balance: int
    earned: int
    spent: int
    expired: int
    reversed: int
    deducted: int
    refunded: int
    lines: _containers.RepeatedCompositeFieldContainer[StatementLine]
    def __init__(self, account_id: _Optional[str] = ..., from_date: _Optional[str] = ..., to_date: _Optional[str] = ..., balance: _Optional[int] = ..., earned: _Optional[int] = ..., spent: _Optional[int] = ..., expired: _Optional[int] = ..., reversed: _Optional[int] = ..., deducted: _Optional[int] = ..., refunded: _Optional[int] = ..., lines: _Optional[_Iterable[_Union[StatementLine, _Mapping]]] = ...) -> None: ...

class LeaderboardRequest(_message.Message):
    __slots__ = ("community", "grid", "programme", "limit")
    COMMUNITY_FIELD_NUMBER: _ClassVar[int]
    GRID_FIELD_NUMBER: _ClassVar[int]
    PROGRAMME_FIELD_NUMBER: _ClassVar[int]
    LIMIT_FIELD_NUMBER: _ClassVar[int]
    community: str
    grid: str
    programme: str
    limit: int
    def __init__(self, community: _Optional[str] = ..., grid: _Optional[str] = ..., programme: _Optional[str] = ..., limit: _Optional[int] = ...) -> None: ...

class LeaderboardEntry(_message.Message):
    __slots__ = ("rank", "account_id", "name", "kind", "balance")
    RANK_FIELD_NUMBER: _ClassVar[int]
    ACCOUNT_ID_FIELD_NUMBER: _ClassVar[int]
    NAME_FIELD_NUMBER: _ClassVar[int]
    KIND_FIELD_NUMBER: _ClassVar[int]
    BALANCE_FIELD_NUMBER: _ClassVar[int]
    rank: int
    account_id: str
    name: str
    kind: str
    balance: int
    def __init__(self, rank: _Optional[int] = ..., account_id: _Optional[str] = ..., name: _Optional[str] = ..., kind: _Optional[str] = ..., balance: _Optional[int] = ...) -> None: ...

class Leaderboard(_message.Message):
    __slots__ = ("community", "grid", "programme", "entries")
    COMMUNITY_FIELD_NUMBER: _ClassVar[int]
    GRID_FIELD_NUMBER: _ClassVar[int]
    PROGRAMME_FIELD_NUMBER: _ClassVar[int]
    ENTRIES_FIELD_NUMBER: _ClassVar[int]
    community: str
    grid: str
    programme: str
    entries: _containers.RepeatedCompositeFieldContainer[LeaderboardEntry]
    def __init__(self, community: _Optional[str] = ..., grid: _Optional[str] = ..., programme: _Optional[str] = ..., entries: _Optional[_Iterable[_Union[LeaderboardEntry, _Mapping]]] = ...) -> None: ...

class TotalsRequest(_message.Message):
    __slots__ = ("district", "subdistrict", "year")
    DISTRICT_FIELD_NUMBER: _ClassVar[int]
    SUBDISTRICT_FIELD_NUMBER: _ClassVar[int]
    YEAR_FIELD_NUMBER: _ClassVar[int]
    district: str
    subdistrict: str
    year: int
    def __init__(self, district: _Optional[str] = ..., subdistrict: _Optional[str] = ..., year: _Optional[int] = ...) -> None: ...

class CityTotalsRequest(_message.Message):
    __slots__ = ("year",)
    YEAR_FIELD_NUMBER: _ClassVar[int]
    year: int
    def __init__(self, year: _Optional[int] = ...) -> None: ...

class CityTotals(_message.Message):
    __slots__ = ("year", "districts", "city")
    YEAR_FIELD_NUMBER: _ClassVar[int]
    DISTRICTS_FIELD_NUMBER: _ClassVar[int]
    CITY_FIELD_NUMBER: _ClassVar[int]
    year: int
    districts: _containers.RepeatedCompositeFieldContainer[Totals]
    city: Totals
    def __init__(self, year: _Optional[int] = ..., districts: _Optional[_Iterable[_Union[Totals, _Mapping]]] = ..., city: _Optional[_Union[Totals, _Mapping]] = ...) -> None: ...

class Totals(_message.Message):
    __slots__ = ("district", "subdistrict", "year", "issued", "spent", "expired", "deducted", "reversed", "refunded", "outstanding")
    DISTRICT_FIELD_NUMBER: _ClassVar[int]
    SUBDISTRICT_FIELD_NUMBER: _ClassVar[int]
    YEAR_FIELD_NUMBER: _ClassVar[int]
    ISSUED_FIELD_NUMBER: _ClassVar[int]
    SPENT_FIELD_NUMBER: _ClassVar[int]
    EXPIRED_FIELD_NUMBER: _ClassVar[int]
    DEDUCTED_FIELD_NUMBER: _ClassVar[int]
    REVERSED_FIELD_NUMBER: _ClassVar[int]
    REFUNDED_FIELD_NUMBER: _ClassVar[int]
    OUTSTANDING_FIELD_NUMBER: _ClassVar[int]
    district: str
    subdistrict: str
    year: int
    issued: int
    spent: int
    expired: int
    deducted: int
    reversed: int
    refunded: int
    outstanding: int
    def __init__(self, district: _Optional[str] = ..., subdistrict: _Optional[str] = ..., year: _Optional[int] = ..., issued: _Optional[int] = ..., spent: _Optional[int] = ..., expired: _Optional[int] = ..., deducted: _Optional[int] = ..., reversed: _Optional[int] = ..., refunded: _Optional[int] = ..., outstanding: _Optional[int] = ...) -> None: ...

class SetExpiryPolicyRequest(_message.Message):
    __slots__ = ("expiry_policy", "idempotency_key")
    EXPIRY_POLICY_FIELD_NUMBER: _ClassVar[int]
    IDEMPOTENCY_KEY_FIELD_NUMBER: _ClassVar[int]
    expiry_policy: str
    idempotency_key: str
    def __init__(self, expiry_policy: _Optional[str] = ..., idempotency_key: _Optional[str] = ...) -> None: ...

class ExpiryPolicy(_message.Message):
    __slots__ = ("district", "expiry_policy")
    DISTRICT_FIELD_NUMBER: _ClassVar[int]
    EXPIRY_POLICY_FIELD_NUMBER: _ClassVar[int]
    district: str
    expiry_policy: str
    def __init__(self, district: _Optional[str] = ..., expiry_policy: _Optional[str] = ...) -> None: ...

class DefineRuleRequest(_message.Message):
    __slots__ = ("action_type", "points", "applies_to", "effective_from", "effective_to", "daily_cap", "monthly_cap", "needs_approval", "feature_flag", "description", "idempotency_key")
    ACTION_TYPE_FIELD_NUMBER: _ClassVar[int]
    POINTS_FIELD_NUMBER: _ClassVar[int]
    APPLIES_TO_FIELD_NUMBER: _ClassVar[int]
    EFFECTIVE_FROM_FIELD_NUMBER: _ClassVar[int]
    EFFECTIVE_TO_FIELD_NUMBER: _ClassVar[int]
    DAILY_CAP_FIELD_NUMBER: _ClassVar[int]
    MONTHLY_CAP_FIELD_NUMBER: _ClassVar[int]
    NEEDS_APPROVAL_FIELD_NUMBER: _ClassVar[int]
    FEATURE_FLAG_FIELD_NUMBER: _ClassVar[int]
    DESCRIPTION_FIELD_NUMBER: _ClassVar[int]
    IDEMPOTENCY_KEY_FIELD_NUMBER: _ClassVar[int]
    action_type: str
    points: int
    applies_to: _containers.RepeatedScalarFieldContainer[str]
    effective_from: str
    effective_to: str
    daily_cap: int
    monthly_cap: int
    needs_approval: bool
    feature_flag: str
    description: str
    idempotency_key: str
    def __init__(self, action_type: _Optional[str] = ..., points: _Optional[int] = ..., applies_to: _Optional[_Iterable[str]] = ..., effective_from: _Optional[str] = ..., effective_to: _Optional[str] = ..., daily_cap: _Optional[int] = ..., monthly_cap: _Optional[int] = ..., needs_approval: _Optional[bool] = ..., feature_flag: _Optional[str] = ..., description: _Optional[str] = ..., idempotency_key: _Optional[str] = ...) -> None: ...

class Rule(_message.Message):
    __slots__ = ("id", "district", "action_type", "version", "points", "applies_to", "daily_cap", "monthly_cap", "needs_approval", "feature_flag", "effective_from", "effective_to", "description")
    ID_FIELD_NUMBER: _ClassVar[int]
    DISTRICT_FIELD_NUMBER: _ClassVar[int]
    ACTION_TYPE_FIELD_NUMBER: _ClassVar[int]
    VERSION_FIELD_NUMBER: _ClassVar[int]
    POINTS_FIELD_NUMBER: _ClassVar[int]
    APPLIES_TO_FIELD_NUMBER: _ClassVar[int]
    DAILY_CAP_FIELD_NUMBER: _ClassVar[int]
    MONTHLY_CAP_FIELD_NUMBER: _ClassVar[int]
    NEEDS_APPROVAL_FIELD_NUMBER: _ClassVar[int]
    FEATURE_FLAG_FIELD_NUMBER: _ClassVar[int]
    EFFECTIVE_FROM_FIELD_NUMBER: _ClassVar[int]
    EFFECTIVE_TO_FIELD_NUMBER: _ClassVar[int]
    DESCRIPTION_FIELD_NUMBER: _ClassVar[int]
    id: str
    district: str
    action_type: str
    version: int
    points: int
    applies_to: _containers.RepeatedScalarFieldContainer[str]
    daily_cap: int
    monthly_cap: int
    needs_approval: bool
    feature_flag: str
    effective_from: str
    effective_to: str
    description: str
    def __init__(self, id: _Optional[str] = ..., district: _Optional[str] = ..., action_type: _Optional[str] = ..., version: _Optional[int] = ..., points: _Optional[int] = ..., applies_to: _Optional[_Iterable[str]] = ..., daily_cap: _Optional[int] = ..., monthly_cap: _Optional[int] = ..., needs_approval: _Optional[bool] = ..., feature_flag: _Optional[str] = ..., effective_from: _Optional[str] = ..., effective_to: _Optional[str] = ..., description: _Optional[str] = ...) -> None: ...

class ListRulesRequest(_message.Message):
    __slots__ = ("action_type", "on")
    ACTION_TYPE_FIELD_NUMBER: _ClassVar[int]
    ON_FIELD_NUMBER: _ClassVar[int]
    action_type: str
    on: str
    def __init__(self, action_type: _Optional[str] = ..., on: _Optional[str] = ...) -> None: ...

class RuleList(_message.Message):
    __slots__ = ("items",)
    ITEMS_FIELD_NUMBER: _ClassVar[int]
    items: _containers.RepeatedCompositeFieldContainer[Rule]
    def __init__(self, items: _Optional[_Iterable[_Union[Rule, _Mapping]]] = ...) -> None: ...

class CycleMemberRef(_message.Message):
    __slots__ = ("person_id",)
    PERSON_ID_FIELD_NUMBER: _ClassVar[int]
    person_id: str
    def __init__(self, person_id: _Optional[str] = ...) -> None: ...

class OpenCycleRequest(_message.Message):
    __slots__ = ("branch_id", "community", "year", "members", "idempotency_key")
    BRANCH_ID_FIELD_NUMBER: _ClassVar[int]
    COMMUNITY_FIELD_NUMBER: _ClassVar[int]
    YEAR_FIELD_NUMBER: _ClassVar[int]
    MEMBERS_FIELD_NUMBER: _ClassVar[int]
    IDEMPOTENCY_KEY_FIELD_NUMBER: _ClassVar[int]
    branch_id: str
    community: str
    year: int
    members: _containers.RepeatedCompositeFieldContainer[CycleMemberRef]
    idempotency_key: str
    def __init__(self, branch_id: _Optional[str] = ..., community: _Optional[str] = ..., year: _Optional[int] = ..., members: _Optional[_Iterable[_Union[CycleMemberRef, _Mapping]]] = ..., idempotency_key: _Optional[str] = ...) -> None: ...

class Thresholds(_message.Message):
    __slots__ = ("excellent", "qualified", "basically_qualified")
    EXCELLENT_FIELD_NUMBER: _ClassVar[int]
    QUALIFIED_FIELD_NUMBER: _ClassVar[int]
    BASICALLY_QUALIFIED_FIELD_NUMBER: _ClassVar[int]
    excellent: float
    qualified: float
    basically_qualified: float
    def __init__(self, excellent: _Optional[float] = ..., qualified: _Optional[float] = ..., basically_qualified: _Optional[float] = ...) -> None: ...

class SetCycleRulesRequest(_message.Message):
    __slots__ = ("cycle_id", "base_score", "thresholds", "objection_days", "idempotency_key")
    CYCLE_ID_FIELD_NUMBER: _ClassVar[int]
    BASE_SCORE_FIELD_NUMBER: _ClassVar[int]
    THRESHOLDS_FIELD_NUMBER: _ClassVar[int]
    OBJECTION_DAYS_FIELD_NUMBER: _ClassVar[int]
    IDEMPOTENCY_KEY_FIELD_NUMBER: _ClassVar[int]
    cycle_id: str
    base_score: float
    thresholds: Thresholds
    objection_days: int
    idempotency_key: str
    def __init__(self, cycle_id: _Optional[str] = ..., base_score: _Optional[float] = ..., thresholds: _Optional[_Union[Thresholds, _Mapping]] = ..., objection_days: _Optional[int] = ..., idempotency_key: _Optional[str] = ...) -> None: ...

class CycleIdRequest(_message.Message):
    __slots__ = ("cycle_id", "idempotency_key")
    CYCLE_ID_FIELD_NUMBER: _ClassVar[int]
    IDEMPOTENCY_KEY_FIELD_NUMBER: _ClassVar[int]
    cycle_id: str
    idempotency_key: str
    def __init__(self, cycle_id: _Optional[str] = ..., idempotency_key: _Optional[str] = ...) -> None: ...

class CycleMember(_message.Message):
    __slots__ = ("person_id", "account_id", "self_score", "initial_score", "meeting_score", "final_score", "violation", "exempt", "grade", "verified")
    PERSON_ID_FIELD_NUMBER: _ClassVar[int]
    ACCOUNT_ID_FIELD_NUMBER: _ClassVar[int]
    SELF_SCORE_FIELD_NUMBER: _ClassVar[int]
    INITIAL_SCORE_FIELD_NUMBER: _ClassVar[int]
    MEETING_SCORE_FIELD_NUMBER: _ClassVar[int]
    FINAL_SCORE_FIELD_NUMBER: _ClassVar[int]
    VIOLATION_FIELD_NUMBER: _ClassVar[int]
    EXEMPT_FIELD_NUMBER: _ClassVar[int]
    GRADE_FIELD_NUMBER: _ClassVar[int]
    VERIFIED_FIELD_NUMBER: _ClassVar[int]
    person_id: str
    account_id: str
    self_score: float
    initial_score: float
    meeting_score: float
    final_score: float
    violation: bool
    exempt: bool
    grade: str
    verified: bool
    def __init__(self, person_id: _Optional[str] = ..., account_id: _Optional[str] = ..., self_score: _Optional[float] = ..., initial_score: _Optional[float] = ..., meeting_score: _Optional[float] = ..., final_score: _Optional[float] = ..., violation: _Optional[bool] = ..., exempt: _Optional[bool] = ..., grade: _Optional[str] = ..., verified: _Optional[bool] = ...) -> None: ...

class Cycle(_message.Message):
    __slots__ = ("id", "district", "branch_id", "community", "year", "step", "step_number", "base_score", "thresholds", "objection_days", "unanswered_objections", "notice_closes_on", "members")
    ID_FIELD_NUMBER: _ClassVar[int]
    DISTRICT_FIELD_NUMBER: _ClassVar[int]
    BRANCH_ID_FIELD_NUMBER: _ClassVar[int]
    COMMUNITY_FIELD_NUMBER: _ClassVar[int]
    YEAR_FIELD_NUMBER: _ClassVar[int]
    STEP_FIELD_NUMBER: _ClassVar[int]
    STEP_NUMBER_FIELD_NUMBER: _ClassVar[int]
    BASE_SCORE_FIELD_NUMBER: _ClassVar[int]
    THRESHOLDS_FIELD_NUMBER: _ClassVar[int]
    OBJECTION_DAYS_FIELD_NUMBER: _ClassVar[int]
    UNANSWERED_OBJECTIONS_FIELD_NUMBER: _ClassVar[int]
    NOTICE_CLOSES_ON_FIELD_NUMBER: _ClassVar[int]
    MEMBERS_FIELD_NUMBER: _ClassVar[int]
    id: str
    district: str
    branch_id: str
    community: str
    year: int
    step: str
    step_number: int
    base_score: float
    thresholds: Thresholds
    objection_days: int
    unanswered_objections: int
    notice_closes_on: str
    members: _containers.RepeatedCompositeFieldContainer[CycleMember]
    def __init__(self, id: _Optional[str] = ..., district: _Optional[str] = ..., branch_id: _Optional[str] = ..., community: _Optional[str] = ..., year: _Optional[int] = ..., step: _Optional[str] = ..., step_number: _Optional[int] = ..., base_score: _Optional[float] = ..., thresholds: _Optional[_Union[Thresholds, _Mapping]] = ..., objection_days: _Optional[int] = ..., unanswered_objections: _Optional[int] = ..., notice_closes_on: _Optional[str] = ..., members: _Optional[_Iterable[_Union[CycleMember, _Mapping]]] = ...) -> None: ...

class SelfAssessRequest(_message.Message):
    __slots__ = ("cycle_id", "score", "note", "idempotency_key")
    CYCLE_ID_FIELD_NUMBER: _ClassVar[int]
    SCORE_FIELD_NUMBER: _ClassVar[int]
    NOTE_FIELD_NUMBER: _ClassVar[int]
    IDEMPOTENCY_KEY_FIELD_NUMBER: _ClassVar[int]
    cycle_id: str
    score: float
    note: str
    idempotency_key: str
    def __init__(self, cycle_id: _Optional[str] = ..., score: _Optional[float] = ..., note: _Optional[str] = ..., idempotency_key: _Optional[str] = ...) -> None: ...

class RecordAssessmentRequest(_message.Message):
    __slots__ = ("cycle_id", "person_id", "score", "violation", "note", "idempotency_key")
    CYCLE_ID_FIELD_NUMBER: _ClassVar[int]
    PERSON_ID_FIELD_NUMBER: _ClassVar[int]
    SCORE_FIELD_NUMBER: _ClassVar[int]
    VIOLATION_FIELD_NUMBER: _ClassVar[int]
    NOTE_FIELD_NUMBER: _ClassVar[int]
    IDEMPOTENCY_KEY_FIELD_NUMBER: _ClassVar[int]
    cycle_id: str
    person_id: str
    score: float
    violation: bool
    note: str
    idempotency_key: str
    def __init__(self, cycle_id: _Optional[str] = ..., person_id: _Optional[str] = ..., score: _Optional[float] = ..., violation: _Optional[bool] = ..., note: _Optional[str] = ..., idempotency_key: _Optional[str] = ...) -> None: ...

class RaiseObjectionRequest(_message.Message):
    __slots__ = ("cycle_id", "person_id", "objection", "idempotency_key")
    CYCLE_ID_FIELD_NUMBER: _ClassVar[int]
    PERSON_ID_FIELD_NUMBER: _ClassVar[int]
    OBJECTION_FIELD_NUMBER: _ClassVar[int]
    IDEMPOTENCY_KEY_FIELD_NUMBER: _ClassVar[int]
    cycle_id: str
    person_id: str
    objection: str
    idempotency_key: str
    def __init__(self, cycle_id: _Optional[str] = ..., person_id: _Optional[str] = ..., objection: _Optional[str] = ..., idempotency_key: _Optional[str] = ...) -> None: ...

class AnswerObjectionRequest(_message.Message):
    __slots__ = ("objection_id", "answer", "idempotency_key")
    OBJECTION_ID_FIELD_NUMBER: _ClassVar[int]
    ANSWER_FIELD_NUMBER: _ClassVar[int]
    IDEMPOTENCY_KEY_FIELD_NUMBER: _ClassVar[int]
    objection_id: str
    answer: str
    idempotency_key: str
    def __init__(self, objection_id: _Optional[str] = ..., answer: _Optional[str] = ..., idempotency_key: _Optional[str] = ...) -> None: ...

class Objection(_message.Message):
    __slots__ = ("id", "person_id", "objection", "answer")
    ID_FIELD_NUMBER: _ClassVar[int]
    PERSON_ID_FIELD_NUMBER: _ClassVar[int]
    OBJECTION_FIELD_NUMBER: _ClassVar[int]
    ANSWER_FIELD_NUMBER: _ClassVar[int]
    id: str
    person_id: str
    objection: str
    answer: str
    def __init__(self, id: _Optional[str] = ..., person_id: _Optional[str] = ..., objection: _Optional[str] = ..., answer: _Optional[str] = ...) -> None: ...

class RequestExemptionRequest(_message.Message):
    __slots__ = ("cycle_id", "person_id", "reason", "idempotency_key")
    CYCLE_ID_FIELD_NUMBER: _ClassVar[int]
    PERSON_ID_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    IDEMPOTENCY_KEY_FIELD_NUMBER: _ClassVar[int]
    cycle_id: str
    person_id: str
    reason: str
    idempotency_key: str
    def __init__(self, cycle_id: _Optional[str] = ..., person_id: _Optional[str] = ..., reason: _Optional[str] = ..., idempotency_key: _Optional[str] = ...) -> None: ...

class DecideExemptionRequest(_message.Message):
    __slots__ = ("exemption_id", "approve", "idempotency_key")
    EXEMPTION_ID_FIELD_NUMBER: _ClassVar[int]
    APPROVE_FIELD_NUMBER: _ClassVar[int]
    IDEMPOTENCY_KEY_FIELD_NUMBER: _ClassVar[int]
    exemption_id: str
    approve: bool
    idempotency_key: str
    def __init__(self, exemption_id: _Optional[str] = ..., approve: _Optional[bool] = ..., idempotency_key: _Optional[str] = ...) -> None: ...

class Exemption(_message.Message):
    __slots__ = ("id", "person_id", "state")
    ID_FIELD_NUMBER: _ClassVar[int]
    PERSON_ID_FIELD_NUMBER: _ClassVar[int]
    STATE_FIELD_NUMBER: _ClassVar[int]
    id: str
    person_id: str
    state: str
    def __init__(self, id: _Optional[str] = ..., person_id: _Optional[str] = ..., state: _Optional[str] = ...) -> None: ...

class ListCycleWorkRequest(_message.Message):
    __slots__ = ("community", "page_size", "page_token")
    COMMUNITY_FIELD_NUMBER: _ClassVar[int]
    PAGE_SIZE_FIELD_NUMBER: _ClassVar[int]
    PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    community: str
    page_size: int
    page_token: str
    def __init__(self, community: _Optional[str] = ..., page_size: _Optional[int] = ..., page_token: _Optional[str] = ...) -> None: ...

class CycleWork(_message.Message):
    __slots__ = ("cycle_id", "branch_id", "community", "year", "step", "objections_to_answer", "exemptions_to_decide")
    CYCLE_ID_FIELD_NUMBER: _ClassVar[int]
    BRANCH_ID_FIELD_NUMBER: _ClassVar[int]
    COMMUNITY_FIELD_NUMBER: _ClassVar[int]
    YEAR_FIELD_NUMBER: _ClassVar[int]
    STEP_FIELD_NUMBER: _ClassVar[int]
    OBJECTIONS_TO_ANSWER_FIELD_NUMBER: _ClassVar[int]
    EXEMPTIONS_TO_DECIDE_FIELD_NUMBER: _ClassVar[int]
    cycle_id: str
    branch_id: str
    community: str
    year: int
    step: str
    objections_to_answer: _containers.RepeatedCompositeFieldContainer[Objection]
    exemptions_to_decide: _containers.RepeatedCompositeFieldContainer[Exemption]
    def __init__(self, cycle_id: _Optional[str] = ..., branch_id: _Optional[str] = ..., community: _Optional[str] = ..., year: _Optional[int] = ..., step: _Optional[str] = ..., objections_to_answer: _Optional[_Iterable[_Union[Objection, _Mapping]]] = ..., exemptions_to_decide: _Optional[_Iterable[_Union[Exemption, _Mapping]]] = ...) -> None: ...

class CycleWorkList(_message.Message):
    __slots__ = ("items", "next_page_token")
    ITEMS_FIELD_NUMBER: _ClassVar[int]
    NEXT_PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    items: _containers.RepeatedCompositeFieldContainer[CycleWork]
    next_page_token: str
    def __init__(self, items: _Optional[_Iterable[_Union[CycleWork, _Mapping]]] = ..., next_page_token: _Optional[str] = ...) -> None: ...

class CreateStationRequest(_message.Message):
    __slots__ = ("community", "name", "idempotency_key")
    COMMUNITY_FIELD_NUMBER: _ClassVar[int]
    NAME_FIELD_NUMBER: _ClassVar[int]
    IDEMPOTENCY_KEY_FIELD_NUMBER: _ClassVar[int]
    community: str
    name: str
    idempotency_key: str
    def __init__(self, community: _Optional[str] = ..., name: _Optional[str] = ..., idempotency_key: _Optional[str] = ...) -> None: ...

class Station(_message.Message):
    __slots__ = ("id", "district", "community", "name", "account_id")
    ID_FIELD_NUMBER: _ClassVar[int]
    DISTRICT_FIELD_NUMBER: _ClassVar[int]
    COMMUNITY_FIELD_NUMBER: _ClassVar[int]
    NAME_FIELD_NUMBER: _ClassVar[int]
    ACCOUNT_ID_FIELD_NUMBER: _ClassVar[int]
    id: str
    district: str
    community: str
    name: str
    account_id: str
    def __init__(self, id: _Optional[str] = ..., district: _Optional[str] = ..., community: _Optional[str] = ..., name: _Optional[str] = ..., account_id: _Optional[str] = ...) -> None: ...

class StationIdRequest(_message.Message):
    __slots__ = ("station_id",)
    STATION_ID_FIELD_NUMBER: _ClassVar[int]
    station_id: str
    def __init__(self, station_id: _Optional[str] = ...) -> None: ...

class ListStationsRequest(_message.Message):
    __slots__ = ("community",)
    COMMUNITY_FIELD_NUMBER: _ClassVar[int]
    community: str
    def __init__(self, community: _Optional[str] = ...) -> None: ...

class StationList(_message.Message):
    __slots__ = ("items",)
    ITEMS_FIELD_NUMBER: _ClassVar[int]
    items: _containers.RepeatedCompositeFieldContainer[Station]
    def __init__(self, items: _Optional[_Iterable[_Union[Station, _Mapping]]] = ...) -> None: ...

class AddItemRequest(_message.Message):
    __slots__ = ("station_id", "kind", "name", "points_cost", "stock", "unlimited", "idempotency_key")
    STATION_ID_FIELD_NUMBER: _ClassVar[int]
    KIND_FIELD_NUMBER: _ClassVar[int]
    NAME_FIELD_NUMBER: _ClassVar[int]
    POINTS_COST_FIELD_NUMBER: _ClassVar[int]
    STOCK_FIELD_NUMBER: _ClassVar[int]
    UNLIMITED_FIELD_NUMBER: _ClassVar[int]
    IDEMPOTENCY_KEY_FIELD_NUMBER: _ClassVar[int]
    station_id: str
    kind: str
    name: str
    points_cost: int
    stock: int
    unlimited: bool
    idempotency_key: str
    def __init__(self, station_id: _Optional[str] = ..., kind: _Optional[str] = ..., name: _Optional[str] = ..., points_cost: _Optional[int] = ..., stock: _Optional[int] = ..., unlimited: _Optional[bool] = ..., idempotency_key: _Optional[str] = ...) -> None: ...

class Item(_message.Message):
    __slots__ = ("id", "station_id", "kind", "name", "points_cost", "stock", "unlimited", "active")
    ID_FIELD_NUMBER: _ClassVar[int]
    STATION_ID_FIELD_NUMBER: _ClassVar[int]
    KIND_FIELD_NUMBER: _ClassVar[int]
    NAME_FIELD_NUMBER: _ClassVar[int]
    POINTS_COST_FIELD_NUMBER: _ClassVar[int]
    STOCK_FIELD_NUMBER: _ClassVar[int]
    UNLIMITED_FIELD_NUMBER: _ClassVar[int]
    ACTIVE_FIELD_NUMBER: _ClassVar[int]
    id: str
    station_id: str
    kind: str
    name: str
    points_cost: int
    stock: int
    unlimited: bool
    active: bool
    def __init__(self, id: _Optional[str] = ..., station_id: _Optional[str] = ..., kind: _Optional[str] = ..., name: _Optional[str] = ..., points_cost: _Optional[int] = ..., stock: _Optional[int] = ..., unlimited: _Optional[bool] = ..., active: _Optional[bool] = ...) -> None: ...

class RestockRequest(_message.Message):
    __slots__ = ("item_id", "quantity", "reason", "idempotency_key")
    ITEM_ID_FIELD_NUMBER: _ClassVar[int]
    QUANTITY_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    IDEMPOTENCY_KEY_FIELD_NUMBER: _ClassVar[int]
    item_id: str
    quantity: int
    reason: str
    idempotency_key: str
    def __init__(self, item_id: _Optional[str] = ..., quantity: _Optional[int] = ..., reason: _Optional[str] = ..., idempotency_key: _Optional[str] = ...) -> None: ...

class Catalogue(_message.Message):
    __slots__ = ("station", "items")
    STATION_FIELD_NUMBER: _ClassVar[int]
    ITEMS_FIELD_NUMBER: _ClassVar[int]
    station: Station
    items: _containers.RepeatedCompositeFieldContainer[Item]
    def __init__(self, station: _Optional[_Union[Station, _Mapping]] = ..., items: _Optional[_Iterable[_Union[Item, _Mapping]]] = ...) -> None: ...

class RedeemRequest(_message.Message):
    __slots__ = ("account_id", "item_id", "quantity", "idempotency_key")
    ACCOUNT_ID_FIELD_NUMBER: _ClassVar[int]
    ITEM_ID_FIELD_NUMBER: _ClassVar[int]
    QUANTITY_FIELD_NUMBER: _ClassVar[int]
    IDEMPOTENCY_KEY_FIELD_NUMBER: _ClassVar[int]
    account_id: str
    item_id: str
    quantity: int
    idempotency_key: str
    def __init__(self, account_id: _Optional[str] = ..., item_id: _Optional[str] = ..., quantity: _Optional[int] = ..., idempotency_key: _Optional[str] = ...) -> None: ...

class Reservation(_message.Message):
    __slots__ = ("id", "item_id", "account_id", "quantity", "points", "status", "pick_up_code", "transaction_id", "expires_at")
    ID_FIELD_NUMBER: _ClassVar[int]
    ITEM_ID_FIELD_NUMBER: _ClassVar[int]
    ACCOUNT_ID_FIELD_NUMBER: _ClassVar[int]
    QUANTITY_FIELD_NUMBER: _ClassVar[int]
    POINTS_FIELD_NUMBER: _ClassVar[int]
    STATUS_FIELD_NUMBER: _ClassVar[int]
    PICK_UP_CODE_FIELD_NUMBER: _ClassVar[int]
    TRANSACTION_ID_FIELD_NUMBER: _ClassVar[int]
    EXPIRES_AT_FIELD_NUMBER: _ClassVar[int]
    id: str
    item_id: str
    account_id: str
    quantity: int
    points: int
    status: str
    pick_up_code: str
    transaction_id: str
    expires_at: str
    def __init__(self, id: _Optional[str] = ..., item_id: _Optional[str] = ..., account_id: _Optional[str] = ..., quantity: _Optional[int] = ..., points: _Optional[int] = ..., status: _Optional[str] = ..., pick_up_code: _Optional[str] = ..., transaction_id: _Optional[str] = ..., expires_at: _Optional[str] = ...) -> None: ...

class DecideHonourRequest(_message.Message):
    __slots__ = ("reservation_id", "approve", "note", "idempotency_key")
    RESERVATION_ID_FIELD_NUMBER: _ClassVar[int]
    APPROVE_FIELD_NUMBER: _ClassVar[int]
    NOTE_FIELD_NUMBER: _ClassVar[int]
    IDEMPOTENCY_KEY_FIELD_NUMBER: _ClassVar[int]
    reservation_id: str
    approve: bool
    note: str
    idempotency_key: str
    def __init__(self, reservation_id: _Optional[str] = ..., approve: _Optional[bool] = ..., note: _Optional[str] = ..., idempotency_key: _Optional[str] = ...) -> None: ...

class PickUpRequest(_message.Message):
    __slots__ = ("reservation_id", "pick_up_code", "idempotency_key")
    RESERVATION_ID_FIELD_NUMBER: _ClassVar[int]
    PICK_UP_CODE_FIELD_NUMBER: _ClassVar[int]
    IDEMPOTENCY_KEY_FIELD_NUMBER: _ClassVar[int]
    reservation_id: str
    pick_up_code: str
    idempotency_key: str
    def __init__(self, reservation_id: _Optional[str] = ..., pick_up_code: _Optional[str] = ..., idempotency_key: _Optional[str] = ...) -> None: ...

class CancelReservationRequest(_message.Message):
    __slots__ = ("reservation_id", "reason", "idempotency_key")
    RESERVATION_ID_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    IDEMPOTENCY_KEY_FIELD_NUMBER: _ClassVar[int]
    reservation_id: str
    reason: str
    idempotency_key: str
    def __init__(self, reservation_id: _Optional[str] = ..., reason: _Optional[str] = ..., idempotency_key: _Optional[str] = ...) -> None: ...

class ListReservationsRequest(_message.Message):
    __slots__ = ("account_id", "station_id", "status")
    ACCOUNT_ID_FIELD_NUMBER: _ClassVar[int]
    STATION_ID_FIELD_NUMBER: _ClassVar[int]
    STATUS_FIELD_NUMBER: _ClassVar[int]
    account_id: str
    station_id: str
    status: str
    def __init__(self, account_id: _Optional[str] = ..., station_id: _Optional[str] = ..., status: _Optional[str] = ...) -> None: ...

class ReservationList(_message.Message):
    __slots__ = ("items",)
    ITEMS_FIELD_NUMBER: _ClassVar[int]
    items: _containers.RepeatedCompositeFieldContainer[Reservation]
    def __init__(self, items: _Optional[_Iterable[_Union[Reservation, _Mapping]]] = ...) -> None: ...

class ListPendingHandoversRequest(_message.Message):
    __slots__ = ("station_id", "community", "page_size", "page_token")
    STATION_ID_FIELD_NUMBER: _ClassVar[int]
    COMMUNITY_FIELD_NUMBER: _ClassVar[int]
    PAGE_SIZE_FIELD_NUMBER: _ClassVar[int]
    PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    station_id: str
    community: str
    page_size: int
    page_token: str
    def __init__(self, station_id: _Optional[str] = ..., community: _Optional[str] = ..., page_size: _Optional[int] = ..., page_token: _Optional[str] = ...) -> None: ...

class HandoverList(_message.Message):
    __slots__ = ("items", "next_page_token")
    ITEMS_FIELD_NUMBER: _ClassVar[int]
    NEXT_PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    items: _containers.RepeatedCompositeFieldContainer[Reservation]
    next_page_token: str
    def __init__(self, items: _Optional[_Iterable[_Union[Reservation, _Mapping]]] = ..., next_page_token: _Optional[str] = ...) -> None: ...

class ImportGarbageRecordsRequest(_message.Message):
    __slots__ = ("station_id", "content", "idempotency_key")
    STATION_ID_FIELD_NUMBER: _ClassVar[int]
    CONTENT_FIELD_NUMBER: _ClassVar[int]
    IDEMPOTENCY_KEY_FIELD_NUMBER: _ClassVar[int]
    station_id: str
    content: bytes
    idempotency_key: str
    def __init__(self, station_id: _Optional[str] = ..., content: _Optional[bytes] = ..., idempotency_key: _Optional[str] = ...) -> None: ...

class GarbageProblem(_message.Message):
    __slots__ = ("row", "column", "reason")
    ROW_FIELD_NUMBER: _ClassVar[int]
    COLUMN_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    row: int
    column: str
    reason: str
    def __init__(self, row: _Optional[int] = ..., column: _Optional[str] = ..., reason: _Optional[str] = ...) -> None: ...

class GarbageImportReport(_message.Message):
    __slots__ = ("rows", "credited", "duplicates", "problems")
    ROWS_FIELD_NUMBER: _ClassVar[int]
    CREDITED_FIELD_NUMBER: _ClassVar[int]
    DUPLICATES_FIELD_NUMBER: _ClassVar[int]
    PROBLEMS_FIELD_NUMBER: _ClassVar[int]
    rows: int
    credited: int
    duplicates: int
    problems: _containers.RepeatedCompositeFieldContainer[GarbageProblem]
    def __init__(self, rows: _Optional[int] = ..., credited: _Optional[int] = ..., duplicates: _Optional[int] = ..., problems: _Optional[_Iterable[_Union[GarbageProblem, _Mapping]]] = ...) -> None: ...
