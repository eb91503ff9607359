from buf.validate import validate_pb2 as _validate_pb2
from google.protobuf.internal import containers as _containers
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Iterable as _Iterable, Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class DivisionRef(_message.Message):
    __slots__ = ("code",)
    CODE_FIELD_NUMBER: _ClassVar[int]
    code: str
    def __init__(self, code: _Optional[str] = ...) -> None: ...

class CreateDivisionRequest(_message.Message):
    __slots__ = ("code", "level", "name", "parent_code")
    CODE_FIELD_NUMBER: _ClassVar[int]
    LEVEL_FIELD_NUMBER: _ClassVar[int]
    NAME_FIELD_NUMBER: _ClassVar[int]
    PARENT_CODE_FIELD_NUMBER: _ClassVar[int]
    code: str
    level: str
    name: str
    parent_code: str
    def __init__(self, code: _Optional[str] = ..., level: _Optional[str] = ..., name: _Optional[str] = ..., parent_code: _Optional[str] = ...) -> None: ...

class Division(_message.Message):
    __slots__ = ("code", "level", "name", "parent_code", "district", "status", "retired_on")
    CODE_FIELD_NUMBER: _ClassVar[int]
    LEVEL_FIELD_NUMBER: _ClassVar[int]
    NAME_FIELD_NUMBER: _ClassVar[int]
    PARENT_CODE_FIELD_NUMBER: _ClassVar[int]
    DISTRICT_FIELD_NUMBER: _ClassVar[int]
    STATUS_FIELD_NUMBER: _ClassVar[int]
    RETIRED_ON_FIELD_NUMBER: _ClassVar[int]
    code: str
    level: str
    name: str
    parent_code: str
    district: str
    status: str
    retired_on: str
    def __init__(self, code: _Optional[str] = ..., level: _Optional[str] = ..., name: _Optional[str] = ..., parent_code: _Optional[str] = ..., district: _Optional[str] = ..., status: _Optional[str] = ..., retired_on: _Optional[str] = ...) -> None: ...

class DivisionList(_message.Message):
    __slots__ = ("items",)
    ITEMS_FIELD_NUMBER: _ClassVar[int]
    items: _containers.RepeatedCompositeFieldContainer[Division]
    def __init__(self, items: _Optional[_Iterable[_Union[Division, _Mapping]]] = ...) -> None: ...

class RenameDivisionRequest(_message.Message):
    __slots__ = ("code", "name", "effective_on", "reason")
    CODE_FIELD_NUMBER: _ClassVar[int]
    NAME_FIELD_NUMBER: _ClassVar[int]
    EFFECTIVE_ON_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    code: str
    name: str
    effective_on: str
    reason: str
    def __init__(self, code: _Optional[str] = ..., name: _Optional[str] = ..., effective_on: _Optional[str] = ..., reason: _Optional[str] = ...) -> None: ...

class RetireDivisionRequest(_message.Message):
    __slots__ = ("code", "effective_on", "reason")
    CODE_FIELD_NUMBER: _ClassVar[int]
    EFFECTIVE_ON_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    code: str
    effective_on: str
    reason: str
    def __init__(self, code: _Optional[str] = ..., effective_on: _Optional[str] = ..., reason: _Optional[str] = ...) -> None: ...

class DivisionChange(_message.Message):
    __slots__ = ("change", "name", "previous_name", "effective_on", "reason", "changed_by")
    CHANGE_FIELD_NUMBER: _ClassVar[int]
    NAME_FIELD_NUMBER: _ClassVar[int]
    PREVIOUS_NAME_FIELD_NUMBER: _ClassVar[int]
    EFFECTIVE_ON_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    CHANGED_BY_FIELD_NUMBER: _ClassVar[int]
    change: str
    name: str
    previous_name: str
    effective_on: str
    reason: str
    changed_by: str
    def __init__(self, change: _Optional[str] = ..., name: _Optional[str] = ..., previous_name: _Optional[str] = ..., effective_on: _Optional[str] = ..., reason: _Optional[str] = ..., changed_by: _Optional[str] = ...) -> None: ...

class DivisionHistory(_message.Message):
    __slots__ = ("division", "changes")
    DIVISION_FIELD_NUMBER: _ClassVar[int]
    CHANGES_FIELD_NUMBER: _ClassVar[int]
    division: Division
    changes: _containers.RepeatedCompositeFieldContainer[DivisionChange]
    def __init__(self, division: _Optional[_Union[Division, _Mapping]] = ..., changes: _Optional[_Iterable[_Union[DivisionChange, _Mapping]]] = ...) -> None: ...

class OrganisationRef(_message.Message):
    __slots__ = ("id",)
    ID_FIELD_NUMBER: _ClassVar[int]
    id: str
    def __init__(self, id: _Optional[str] = ...) -> None: ...

class FoundOrganisationRequest(_message.Message):
    __slots__ = ("kind", "name", "division_code", "parent_id", "partner_kind", "host_unit_id", "founded_on", "external_ref")
    KIND_FIELD_NUMBER: _ClassVar[int]
    NAME_FIELD_NUMBER: _ClassVar[int]
    DIVISION_CODE_FIELD_NUMBER: _ClassVar[int]
    PARENT_ID_FIELD_NUMBER: _ClassVar[int]
    PARTNER_KIND_FIELD_NUMBER: _ClassVar[int]
    HOST_UNIT_ID_FIELD_NUMBER: _ClassVar[int]
    FOUNDED_ON_FIELD_NUMBER: _ClassVar[int]
    EXTERNAL_REF_FIELD_NUMBER: _ClassVar[int]
    kind: str
    name: str
    division_code: str
    parent_id: str
    partner_kind: str
    host_unit_id: str
    founded_on: str
    external_ref: str
    def __init__(self, kind: _Optional[str] = ..., name: _Optional[str] = ..., division_code: _Optional[str] = ..., parent_id: _Optional[str] = ..., partner_kind: _Optional[str] = ..., host_unit_id: _Optional[str] = ..., founded_on: _Optional[str] = ..., external_ref: _Optional[str] = ...) -> None: ...

class Organisation(_message.Message):
    __slots__ = ("id", "district", "division_code", "kind", "partner_kind", "name", "parent_id", "host_unit_id", "status", "founded_on", "dissolved_on", "merged_into_id", "split_from_id", "supervised_by_id", "version", "under_rectification", "latest_stars", "external_ref")
    ID_FIELD_NUMBER: _ClassVar[int]
    DISTRICT_FIELD_NUMBER: _ClassVar[int]
    DIVISION_CODE_FIELD_NUMBER: _ClassVar[int]
    KIND_FIELD_NUMBER: _ClassVar[int]
    PARTNER_KIND_FIELD_NUMBER: _ClassVar[int]
    NAME_FIELD_NUMBER: _ClassVar[int]
    PARENT_ID_FIELD_NUMBER: _ClassVar[int]
    HOST_UNIT_ID_FIELD_NUMBER: _ClassVar[int]
    STATUS_FIELD_NUMBER: _ClassVar[int]
    FOUNDED_ON_FIELD_NUMBER: _ClassVar[int]
    DISSOLVED_ON_FIELD_NUMBER: _ClassVar[int]
    MERGED_INTO_ID_FIELD_NUMBER: _ClassVar[int]
    SPLIT_FROM_ID_FIELD_NUMBER: _ClassVar[int]
    SUPERVISED_BY_ID_FIELD_NUMBER: _ClassVar[int]
    VERSION_FIELD_NUMBER: _ClassVar[int]
    UNDER_RECTIFICATION_FIELD_NUMBER: _ClassVar[int]
    LATEST_STARS_FIELD_NUMBER: _ClassVar[int]
    EXTERNAL_REF_FIELD_NUMBER: _ClassVar[int]
    id: str
    district: str
    division_code: str
    kind: str
    partner_kind: str
    name: str
    parent_id: str
    host_unit_id: str
    status: str
    founded_on: str
    dissolved_on: str
    merged_into_id: str
    split_from_id: str
    supervised_by_id: str
    version: int
    under_rectification: bool
    latest_stars: int
    external_ref: str
    def __init__(self, id: _Optional[str] = ..., district: _Optional[str] = ..., division_code: _Optional[str] = ..., kind: _Optional[str] = ..., partner_kind: _Optional[str] = ..., name: _Optional[str] = ..., parent_id: _Optional[str] = ..., host_unit_id: _Optional[str] = ..., status: _Optional[str] = ..., founded_on: _Optional[str] = ..., dissolved_on: _Optional[str] = ..., merged_into_id: _Optional[str] = ..., split_from_id: _Optional[str] = ..., supervised_by_id: _Optional[str] = ..., version: _Optional[int] = ..., under_rectification: _Optional[bool] = ..., latest_stars: _Optional[int] = ..., external_ref: _Optional[str] = ...) -> None: ...

class OrganisationList(_message.Message):
    __slots__ = ("items",)
    ITEMS_FIELD_NUMBER: _ClassVar[int]
    items: _containers.RepeatedCompositeFieldContainer[Organisation]
    def __init__(self, items: _Optional[_Iterable[_Union[Organisation, _Mapping]]] = ...) -> None: ...

class ListOrganisationsRequest(_message.Message):
    __slots__ = ("division_code", "kind", "include_dissolved")
    DIVISION_CODE_FIELD_NUMBER: _ClassVar[int]
    KIND_FIELD_NUMBER: _ClassVar[int]
    INCLUDE_DISSOLVED_FIELD_NUMBER: _ClassVar[int]
    division_code: str
    kind: str
    include_dissolved: bool
    def __init__(self, division_code: _Optional[str] = ..., kind: _Optional[str] = ..., include_dissolved: _Optional[bool] = ...) -> None: ...

class RenameOrganisationRequest(_message.Message):
    __slots__ = ("id", "name", "effective_on", "reason")
    ID_FIELD_NUMBER: _ClassVar[int]
    NAME_FIELD_NUMBER: _ClassVar[int]
    EFFECTIVE_ON_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    id: str
    name: str
    effective_on: str
    reason: str
    def __init__(self, id: _Optional[str] = ..., name: _Optional[str] = ..., effective_on: _Optional[str] = ..., reason: _Optional[str] = ...) -> None: ...

class MoveOrganisationRequest(_message.Message):
    __slots__ = ("id", "parent_id", "reason")
    ID_FIELD_NUMBER: _ClassVar[int]
    PARENT_ID_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    id: str
    parent_id: str
    reason: str
    def __init__(self, id: _Optional[str] = ..., parent_id: _Optional[str] = ..., reason: _Optional[str] = ...) -> None: ...

class DissolveOrganisationRequest(_message.Message):
    __slots__ = ("id", "dissolved_on", "reason")
    ID_FIELD_NUMBER: _ClassVar[int]
    DISSOLVED_ON_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    id: str
    dissolved_on: str
    reason: str
    def __init__(self, id: _Optional[str] = ..., dissolved_on: _Optional[str] = ..., reason: _Optional[str] = ...) -> None: ...

class MergeOrganisationsRequest(_message.Message):
    __slots__ = ("source_id", "target_id", "merged_on", "reason")
    SOURCE_ID_FIELD_NUMBER: _ClassVar[int]
    TARGET_ID_FIELD_NUMBER: _ClassVar[int]
    MERGED_ON_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    source_id: str
    target_id: str
    merged_on: str
    reason: str
    def __init__(self, source_id: _Optional[str] = ..., target_id: _Optional[str] = ..., merged_on: _Optional[str] = ..., reason: _Optional[str] = ...) -> None: ...

class SplitPart(_message.Message):
    __slots__ = ("name", "division_code", "person_ids", "child_ids")
    NAME_FIELD_NUMBER: _ClassVar[int]
    DIVISION_CODE_FIELD_NUMBER: _ClassVar[int]
    PERSON_IDS_FIELD_NUMBER: _ClassVar[int]
    CHILD_IDS_FIELD_NUMBER: _ClassVar[int]
    name: str
    division_code: str
    person_ids: _containers.RepeatedScalarFieldContainer[str]
    child_ids: _containers.RepeatedScalarFieldContainer[str]
    def __init__(self, name: _Optional[str] = ..., division_code: _Optional[str] = ..., person_ids: _Optional[_Iterable[str]] = ..., child_ids: _Optional[_Iterable[str]] = ...) -> None: ...

class SplitOrganisationRequest(_message.Message):
    __slots__ = ("id", "parts", "split_on", "reason")
    ID_FIELD_NUMBER: _ClassVar[int]
    PARTS_FIELD_NUMBER: _ClassVar[int]
    SPLIT_ON_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    id: str
    parts: _containers.RepeatedCompositeFieldContainer[SplitPart]
    split_on: str
    reason: str
    def __init__(self, id: _Optional[str] = ..., parts: _Optional[_Iterable[_Union[SplitPart, _Mapping]]] = ..., split_on: _Optional[str] = ..., reason: _Optional[str] = ...) -> None: ...

class NameChange(_message.Message):
    __slots__ = ("name", "valid_from", "valid_to", "changed_by", "reason")
    NAME_FIELD_NUMBER: _ClassVar[int]
    VALID_FROM_FIELD_NUMBER: _ClassVar[int]
    VALID_TO_FIELD_NUMBER: _ClassVar[int]
    CHANGED_BY_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    name: str
    valid_from: str
    valid_to: str
    changed_by: str
    reason: str
    def __init__(self, name: _Optional[str] = ..., valid_from: _Optional[str] = ..., valid_to: _Optional[str] = ..., changed_by: _Optional[str] = ..., reason: _Optional[str] = ...) -> None: ...

class NameHistory(_message.Message):
    __slots__ = ("organisation_id", "names")
    ORGANISATION_ID_FIELD_NUMBER: _ClassVar[int]
    NAMES_FIELD_NUMBER: _ClassVar[int]
    organisation_id: str
    names: _containers.RepeatedCompositeFieldContainer[NameChange]
    def __init__(self, organisation_id: _Optional[str] = ..., names: _Optional[_Iterable[_Union[NameChange, _Mapping]]] = ...) -> None: ...

class PairDepartmentRequest(_message.Message):
    __slots__ = ("department_id", "community_code", "started_on")
    DEPARTMENT_ID_FIELD_NUMBER: _ClassVar[int]
    COMMUNITY_CODE_FIELD_NUMBER: _ClassVar[int]
    STARTED_ON_FIELD_NUMBER: _ClassVar[int]
    department_id: str
    community_code: str
    started_on: str
    def __init__(self, department_id: _Optional[str] = ..., community_code: _Optional[str] = ..., started_on: _Optional[str] = ...) -> None: ...

class Pairing(_message.Message):
    __slots__ = ("id", "department_id", "community_code", "started_on", "ended_on", "end_reason")
    ID_FIELD_NUMBER: _ClassVar[int]
    DEPARTMENT_ID_FIELD_NUMBER: _ClassVar[int]
    COMMUNITY_CODE_FIELD_NUMBER: _ClassVar[int]
    STARTED_ON_FIELD_NUMBER: _ClassVar[int]
    ENDED_ON_FIELD_NUMBER: _ClassVar[int]
    END_REASON_FIELD_NUMBER: _ClassVar[int]
    id: str
    department_id: str
    community_code: str
    started_on: str
    ended_on: str
    end_reason: str
    def __init__(self, id: _Optional[str] = ..., department_id: _Optional[str] = ..., community_code: _Optional[str] = ..., started_on: _Optional[str] = ..., ended_on: _Optional[str] = ..., end_reason: _Optional[str] = ...) -> None: ...

class EndPairingRequest(_message.Message):
    __slots__ = ("id", "ended_on", "reason")
    ID_FIELD_NUMBER: _ClassVar[int]
    ENDED_ON_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    id: str
    ended_on: str
    reason: str
    def __init__(self, id: _Optional[str] = ..., ended_on: _Optional[str] = ..., reason: _Optional[str] = ...) -> None: ...

class ListPairingsRequest(_message.Message):
    __slots__ = ("community_code", "department_id")
    COMMUNITY_CODE_FIELD_NUMBER: _ClassVar[int]
    DEPARTMENT_ID_FIELD_NUMBER: _ClassVar[int]
    community_code: str
    department_id: str
    def __init__(self, community_code: _Optional[str] = ..., department_id: _Optional[str] = ...) -> None: ...

class PairingList(_message.Message):
    __slots__ = ("items",)
    ITEMS_FIELD_NUMBER: _ClassVar[int]
    items: _containers.RepeatedCompositeFieldContainer[Pairing]
    def __init__(self, items: _Optional[_Iterable[_Union[Pairing, _Mapping]]] = ...) -> None: ...

class PersonRef(_message.Message):
    __slots__ = ("id",)
    ID_FIELD_NUMBER: _ClassVar[int]
    id: str
    def __init__(self, id: _Optional[str] = ...) -> None: ...

class RegisterPersonRequest(_message.Message):
    __slots__ = ("name", "phone", "home_community", "is_member", "member_category", "home_study", "external_ref")
    NAME_FIELD_NUMBER: _ClassVar[int]
    PHONE_FIELD_NUMBER: _ClassVar[int]
    HOME_COMMUNITY_FIELD_NUMBER: _ClassVar[int]
    IS_MEMBER_FIELD_NUMBER: _ClassVar[int]
    MEMBER_CATEGORY_FIELD_NUMBER: _ClassVar[int]
    HOME_STUDY_FIELD_NUMBER: _ClassVar[int]
    EXTERNAL_REF_FIELD_NUMBER: _ClassVar[int]
    name: str
    phone: str
    home_community: str
    is_member: bool
    member_category: str
    home_study: bool
    external_ref: str
    def __init__(self, name: _Optional[str] = ..., phone: _Optional[str] = ..., home_community: _Optional[str] = ..., is_member: _Optional[bool] = ..., member_category: _Optional[str] = ..., home_study: _Optional[bool] = ..., external_ref: _Optional[str] = ...) -> None: ...

class Person(_message.Message):
    __slots__ = ("id", "district", "name", "phone", "home_community", "is_member", "member_category", "status", "home_study", "external_ref")
    ID_FIELD_NUMBER: _ClassVar[int]
    DISTRICT_FIELD_NUMBER: _ClassVar[int]
    NAME_FIELD_NUMBER: _ClassVar[int]
    PHONE_FIELD_NUMBER: _ClassVar[int]
    HOME_COMMUNITY_FIELD_NUMBER: _ClassVar[int]
    IS_MEMBER_FIELD_NUMBER: _ClassVar[int]
    MEMBER_CATEGORY_FIELD_NUMBER: _ClassVar[int]
    STATUS_FIELD_NUMBER: _ClassVar[int]
    HOME_STUDY_FIELD_NUMBER: _ClassVar[int]
    EXTERNAL_REF_FIELD_NUMBER: _ClassVar[int]
    id: str
    district: str
    name: str
    phone: str
    home_community: str
    is_member: bool
    member_category: str
    status: str
    home_study: bool
    external_ref: str
    def __init__(self, id: _Optional[str] = ..., district: _Optional[str] = ..., name: _Optional[str] = ..., phone: _Optional[str] = ..., home_community: _Optional[str] = ..., is_member: _Optional[bool] = ..., member_category: _Optional[str] = ..., status: _Optional[str] = ..., home_study: _Optional[bool] = ..., external_ref: _Optional[str] = ...) -> None: ...

class PersonList(_message.Message):
    __slots__ = ("items",)
    ITEMS_FIELD_NUMBER: _ClassVar[int]
    items: _containers.RepeatedCompositeFieldContainer[Person]
    def __init__(self, items: _Optional[_Iterable[_Union[Person, _Mapping]]] = ...) -> None: ...

class ListPeopleRequest(_message.Message):
    __slots__ = ("community_code", "member_category", "members_only", "home_study")
    COMMUNITY_CODE_FIELD_NUMBER: _ClassVar[int]
    MEMBER_CATEGORY_FIELD_NUMBER: _ClassVar[int]
    MEMBERS_ONLY_FIELD_NUMBER: _ClassVar[int]
    HOME_STUDY_FIELD_NUMBER: _ClassVar[int]
    community_code: str
    member_category: str
    members_only: bool
    home_study: bool
    def __init__(self, community_code: _Optional[str] = ..., member_category: _Optional[str] = ..., members_only: _Optional[bool] = ..., home_study: _Optional[bool] = ...) -> None: ...

class JoinOrganisationRequest(_message.Message):
    __slots__ = ("person_id", "organisation_id", "started_on", "transfer")
    PERSON_ID_FIELD_NUMBER: _ClassVar[int]
    ORGANISATION_ID_FIELD_NUMBER: _ClassVar[int]
    STARTED_ON_FIELD_NUMBER: _ClassVar[int]
    TRANSFER_FIELD_NUMBER: _ClassVar[int]
    person_id: str
    organisation_id: str
    started_on: str
    transfer: bool
    def __init__(self, person_id: _Optional[str] = ..., organisation_id: _Optional[str] = ..., started_on: _Optional[str] = ..., transfer: _Optional[bool] = ...) -> None: ...

class EndMembershipRequest(_message.Message):
    __slots__ = ("id", "ended_on", "reason")
    ID_FIELD_NUMBER: _ClassVar[int]
    ENDED_ON_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    id: str
    ended_on: str
    reason: str
    def __init__(self, id: _Optional[str] = ..., ended_on: _Optional[str] = ..., reason: _Optional[str] = ...) -> None: ...

class Membership(_message.Message):
    __slots__ = ("id", "person_id", "organisation_id", "started_on", "ended_on", "end_reason")
    ID_FIELD_NUMBER: _ClassVar[int]
    PERSON_ID_FIELD_NUMBER: _ClassVar[int]
    ORGANISATION_ID_FIELD_NUMBER: _ClassVar[int]
    STARTED_ON_FIELD_NUMBER: _ClassVar[int]
    ENDED_ON_FIELD_NUMBER: _ClassVar[int]
    END_REASON_FIELD_NUMBER: _ClassVar[int]
    id: str
    person_id: str
    organisation_id: str
    started_on: str
    ended_on: str
    end_reason: str
    def __init__(self, id: _Optional[str] = ..., person_id: _Optional[str] = ..., organisation_id: _Optional[str] = ..., started_on: _Optional[str] = ..., ended_on: _Optional[str] = ..., end_reason: _Optional[str] = ...) -> None: ...

class ListMembershipsRequest(_message.Message):
    __slots__ = ("person_id", "organisation_id", "include_ended")
    PERSON_ID_FIELD_NUMBER: _ClassVar[int]
    ORGANISATION_ID_FIELD_NUMBER: _ClassVar[int]
    INCLUDE_ENDED_FIELD_NUMBER: _ClassVar[int]
    person_id: str
    organisation_id: str
    include_ended: bool
    def __init__(self, person_id: _Optional[str] = ..., organisation_id: _Optional[str] = ..., include_ended: _Optional[bool] = ...) -> None: ...

class MembershipList(_message.Message):
    __slots__ = ("items",)
    ITEMS_FIELD_NUMBER: _ClassVar[int]
    items: _containers.RepeatedCompositeFieldContainer[Membership]
    def __init__(self, items: _Optional[_Iterable[_Union[Membership, _Mapping]]] = ...) -> None: ...

class AppointPostRequest(_message.Message):
    __slots__ = ("organisation_id", "person_id", "title", "term_start", "term_end")
    ORGANISATION_ID_FIELD_NUMBER: _ClassVar[int]
    PERSON_ID_FIELD_NUMBER: _ClassVar[int]
    TITLE_FIELD_NUMBER: _ClassVar[int]
    TERM_START_FIELD_NUMBER: _ClassVar[int]
    TERM_END_FIELD_NUMBER: _ClassVar[int]
    organisation_id: str
    person_id: str
    title: str
    term_start: str
    term_end: str
    def __init__(self, organisation_id: _Optional[str] = ..., person_id: _Optional[str] = ..., title: _Optional[str] = ..., term_start: _Optional[str] = ..., term_end: _Optional[str] = ...) -> None: ...

class EndPostRequest(_message.Message):
    __slots__ = ("id", "ended_on", "reason")
    ID_FIELD_NUMBER: _ClassVar[int]
    ENDED_ON_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    id: str
    ended_on: str
    reason: str
    def __init__(self, id: _Optional[str] = ..., ended_on: _Optional[str] = ..., reason: _Optional[str] = ...) -> None: ...

class Post(_message.Message):
    __slots__ = ("id", "organisation_id", "person_id", "title", "how", "term_start", "term_end", "ended_on", "end_reason", "dispatched_from", "flagged_for_replacement")
    ID_FIELD_NUMBER: _ClassVar[int]
    ORGANISATION_ID_FIELD_NUMBER: _ClassVar[int]
    PERSON_ID_FIELD_NUMBER: _ClassVar[int]
    TITLE_FIELD_NUMBER: _ClassVar[int]
    HOW_FIELD_NUMBER: _ClassVar[int]
    TERM_START_FIELD_NUMBER: _ClassVar[int]
    TERM_END_FIELD_NUMBER: _ClassVar[int]
    ENDED_ON_FIELD_NUMBER: _ClassVar[int]
    END_REASON_FIELD_NUMBER: _ClassVar[int]
    DISPATCHED_FROM_FIELD_NUMBER: _ClassVar[int]
    FLAGGED_FOR_REPLACEMENT_FIELD_NUMBER: _ClassVar[int]
    id: str
    organisation_id: str
    person_id: str
    title: str
    how: str
    term_start: str
    term_end: str
    ended_on: str
    end_reason: str
    dispatched_from: str
    flagged_for_replacement: bool
    def __init__(self, id: _Optional[str] = ..., organisation_id: _Optional[str] = ..., person_id: _Optional[str] = ..., title: _Optional[str] = ..., how: _Optional[str] = ..., term_start: _Optional[str] = ..., term_end: _Optional[str] = ..., ended_on: _Optional[str] = ..., end_reason: _Optional[str] = ..., dispatched_from: _Optional[str] = ..., flagged_for_replacement: _Optional[bool] = ...) -> None: ...

class PostList(_message.Message):
    __slots__ = ("items", "next_page_token")
    ITEMS_FIELD_NUMBER: _ClassVar[int]
    NEXT_PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    items: _containers.RepeatedCompositeFieldContainer[Post]
    next_page_token: str
    def __init__(self, items: _Optional[_Iterable[_Union[Post, _Mapping]]] = ..., next_page_token: _Optional[str] = ...) -> None: ...

class Elected(_message.Message):
    __slots__ = ("person_id", "title")
    PERSON_ID_FIELD_NUMBER: _ClassVar[int]
    TITLE_FIELD_NUMBER: _ClassVar[int]
    person_id: str
    title: str
    def __init__(self, person_id: _Optional[str] = ..., title: _Optional[str] = ...) -> None: ...

class HoldElectionRequest(_message.Message):
    __slots__ = ("organisation_id", "held_on", "elected")
    ORGANISATION_ID_FIELD_NUMBER: _ClassVar[int]
    HELD_ON_FIELD_NUMBER: _ClassVar[int]
    ELECTED_FIELD_NUMBER: _ClassVar[int]
    organisation_id: str
    held_on: str
    elected: _containers.RepeatedCompositeFieldContainer[Elected]
    def __init__(self, organisation_id: _Optional[str] = ..., held_on: _Optional[str] = ..., elected: _Optional[_Iterable[_Union[Elected, _Mapping]]] = ...) -> None: ...

class HoldByElectionRequest(_message.Message):
    __slots__ = ("organisation_id", "held_on", "person_id", "title")
    ORGANISATION_ID_FIELD_NUMBER: _ClassVar[int]
    HELD_ON_FIELD_NUMBER: _ClassVar[int]
    PERSON_ID_FIELD_NUMBER: _ClassVar[int]
    TITLE_FIELD_NUMBER: _ClassVar[int]
    organisation_id: str
    held_on: str
    person_id: str
    title: str
    def __init__(self, organisation_id: _Optional[str] = ..., held_on: _Optional[str] = ..., person_id: _Optional[str] = ..., title: _Optional[str] = ...) -> None: ...

class ListPostsRequest(_message.Message):
    __slots__ = ("organisation_id", "person_id", "include_ended")
    ORGANISATION_ID_FIELD_NUMBER: _ClassVar[int]
    PERSON_ID_FIELD_NUMBER: _ClassVar[int]
    INCLUDE_ENDED_FIELD_NUMBER: _ClassVar[int]
    organisation_id: str
    person_id: str
    include_ended: bool
    def __init__(self, organisation_id: _Optional[str] = ..., person_id: _Optional[str] = ..., include_ended: _Optional[bool] = ...) -> None: ...

class ListTermsEndingRequest(_message.Message):
    __slots__ = ("within_days", "today", "this_quarter", "organisation_id", "community_code", "page_size", "page_token")
    WITHIN_DAYS_FIELD_NUMBER: _ClassVar[int]
    TODAY_FIELD_NUMBER: _ClassVar[int]
    THIS_QUARTER_FIELD_NUMBER: _ClassVar[int]
    ORGANISATION_ID_FIELD_NUMBER: _ClassVar[int]
    COMMUNITY_CODE_FIELD_NUMBER: _ClassVar[int]
    PAGE_SIZE_FIELD_NUMBER: _ClassVar[int]
    PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    within_days: int
    today: str
    this_quarter: bool
    organisation_id: str
    community_code: str
    page_size: int
    page_token: str
    def __init__(self, within_days: _Optional[int] = ..., today: _Optional[str] = ..., this_quarter: _Optional[bool] = ..., organisation_id: _Optional[str] = ..., community_code: _Optional[str] = ..., page_size: _Optional[int] = ..., page_token: _Optional[str] = ...) -> None: ...

class ReserveCadreRequest(_message.Message):
    __slots__ = ("community_code", "person_id")
    COMMUNITY_CODE_FIELD_NUMBER: _ClassVar[int]
    PERSON_ID_FIELD_NUMBER: _ClassVar[int]
    community_code: str
    person_id: str
    def __init__(self, community_code: _Optional[str] = ..., person_id: _Optional[str] = ...) -> None: ...

class ReserveStatus(_message.Message):
    __slots__ = ("community_code", "count", "warning", "message", "person_ids")
    COMMUNITY_CODE_FIELD_NUMBER: _ClassVar[int]
    COUNT_FIELD_NUMBER: _ClassVar[int]
    WARNING_FIELD_NUMBER: _ClassVar[int]
    MESSAGE_FIELD_NUMBER: _ClassVar[int]
    PERSON_IDS_FIELD_NUMBER: _ClassVar[int]
    community_code: str
    count: int
    warning: bool
    message: str
    person_ids: _containers.RepeatedScalarFieldContainer[str]
    def __init__(self, community_code: _Optional[str] = ..., count: _Optional[int] = ..., warning: _Optional[bool] = ..., message: _Optional[str] = ..., person_ids: _Optional[_Iterable[str]] = ...) -> None: ...

class ReserveStatusList(_message.Message):
    __slots__ = ("items",)
    ITEMS_FIELD_NUMBER: _ClassVar[int]
    items: _containers.RepeatedCompositeFieldContainer[ReserveStatus]
    def __init__(self, items: _Optional[_Iterable[_Union[ReserveStatus, _Mapping]]] = ...) -> None: ...

class ListReserveShortfallsRequest(_message.Message):
    __slots__ = ("subdistrict_code",)
    SUBDISTRICT_CODE_FIELD_NUMBER: _ClassVar[int]
    subdistrict_code: str
    def __init__(self, subdistrict_code: _Optional[str] = ...) -> None: ...

class RegisterInServiceRequest(_message.Message):
    __slots__ = ("person_id", "community_code", "employer_id", "published_contact", "volunteer_projects", "registered_on")
    PERSON_ID_FIELD_NUMBER: _ClassVar[int]
    COMMUNITY_CODE_FIELD_NUMBER: _ClassVar[int]
    EMPLOYER_ID_FIELD_NUMBER: _ClassVar[int]
    PUBLISHED_CONTACT_FIELD_NUMBER: _ClassVar[int]
    VOLUNTEER_PROJECTS_FIELD_NUMBER: _ClassVar[int]
    REGISTERED_ON_FIELD_NUMBER: _ClassVar[int]
    person_id: str
    community_code: str
    employer_id: str
    published_contact: str
    volunteer_projects: _containers.RepeatedScalarFieldContainer[str]
    registered_on: str
    def __init__(self, person_id: _Optional[str] = ..., community_code: _Optional[str] = ..., employer_id: _Optional[str] = ..., published_contact: _Optional[str] = ..., volunteer_projects: _Optional[_Iterable[str]] = ..., registered_on: _Optional[str] = ...) -> None: ...

class InServiceRegistration(_message.Message):
    __slots__ = ("id", "person_id", "community_code", "employer_id", "published_contact", "volunteer_projects", "registered_on")
    ID_FIELD_NUMBER: _ClassVar[int]
    PERSON_ID_FIELD_NUMBER: _ClassVar[int]
    COMMUNITY_CODE_FIELD_NUMBER: _ClassVar[int]
    EMPLOYER_ID_FIELD_NUMBER: _ClassVar[int]
    PUBLISHED_CONTACT_FIELD_NUMBER: _ClassVar[int]
    VOLUNTEER_PROJECTS_FIELD_NUMBER: _ClassVar[int]
    REGISTERED_ON_FIELD_NUMBER: _ClassVar[int]
    id: str
    person_id: str
    community_code: str
    employer_id: str
    published_contact: str
    volunteer_projects: _containers.RepeatedScalarFieldContainer[str]
    registered_on: str
    def __init__(self, id: _Optional[str] = ..., person_id: _Optional[str] = ..., community_code: _Optional[str] = ..., employer_id: _Optional[str] = ..., published_contact: _Optional[str] = ..., volunteer_projects: _Optional[_Iterable[str]] = ..., registered_on: _Optional[str] = ...) -> None: ...

class RecordVolunteerServiceRequest(_message.Message):
    __slots__ = ("person_id", "project", "served_on", "hours", "note")
    PERSON_ID_FIELD_NUMBER: _ClassVar[int]
    PROJECT_FIELD_NUMBER: _ClassVar[int]
    SERVED_ON_FIELD_NUMBER: _ClassVar[int]
    HOURS_FIELD_NUMBER: _ClassVar[int]
    NOTE_FIELD_NUMBER: _ClassVar[int]
    person_id: str
    project: str
    served_on: str
    hours: float
    note: str
    def __init__(self, person_id: _Optional[str] = ..., project: _Optional[str] = ..., served_on: _Optional[str] = ..., hours: _Optional[float] = ..., note: _Optional[str] = ...) -> None: ...

class VolunteerRecord(_message.Message):
    __slots__ = ("id", "person_id", "project", "served_on", "hours", "note")
    ID_FIELD_NUMBER: _ClassVar[int]
    PERSON_ID_FIELD_NUMBER: _ClassVar[int]
    PROJECT_FIELD_NUMBER: _ClassVar[int]
    SERVED_ON_FIELD_NUMBER: _ClassVar[int]
    HOURS_FIELD_NUMBER: _ClassVar[int]
    NOTE_FIELD_NUMBER: _ClassVar[int]
    id: str
    person_id: str
    project: str
    served_on: str
    hours: float
    note: str
    def __init__(self, id: _Optional[str] = ..., person_id: _Optional[str] = ..., project: _Optional[str] = ..., served_on: _Optional[str] = ..., hours: _Optional[float] = ..., note: _Optional[str] = ...) -> None: ...

class EmployerFeedbackRequest(_message.Message):
    __slots__ = ("employer_id", "from_date", "to_date")
    EMPLOYER_ID_FIELD_NUMBER: _ClassVar[int]
    FROM_DATE_FIELD_NUMBER: _ClassVar[int]
    TO_DATE_FIELD_NUMBER: _ClassVar[int]
    employer_id: str
    from_date: str
    to_date: str
    def __init__(self, employer_id: _Optional[str] = ..., from_date: _Optional[str] = ..., to_date: _Optional[str] = ...) -> None: ...

class FeedbackLine(_message.Message):
    __slots__ = ("person_id", "name", "community_code", "volunteer_projects", "times", "hours")
    PERSON_ID_FIELD_NUMBER: _ClassVar[int]
    NAME_FIELD_NUMBER: _ClassVar[int]
    COMMUNITY_CODE_FIELD_NUMBER: _ClassVar[int]
    VOLUNTEER_PROJECTS_FIELD_NUMBER: _ClassVar[int]
    TIMES_FIELD_NUMBER: _ClassVar[int]
    HOURS_FIELD_NUMBER: _ClassVar[int]
    person_id: str
    name: str
    community_code: str
    volunteer_projects: _containers.RepeatedScalarFieldContainer[str]
    times: int
    hours: float
    def __init__(self, person_id: _Optional[str] = ..., name: _Optional[str] = ..., community_code: _Optional[str] = ..., volunteer_projects: _Optional[_Iterable[str]] = ..., times: _Optional[int] = ..., hours: _Optional[float] = ...) -> None: ...

class EmployerFeedback(_message.Message):
    __slots__ = ("employer_id", "from_date", "to_date", "members")
    EMPLOYER_ID_FIELD_NUMBER: _ClassVar[int]
    FROM_DATE_FIELD_NUMBER: _ClassVar[int]
    TO_DATE_FIELD_NUMBER: _ClassVar[int]
    MEMBERS_FIELD_NUMBER: _ClassVar[int]
    employer_id: str
    from_date: str
    to_date: str
    members: _containers.RepeatedCompositeFieldContainer[FeedbackLine]
    def __init__(self, employer_id: _Optional[str] = ..., from_date: _Optional[str] = ..., to_date: _Optional[str] = ..., members: _Optional[_Iterable[_Union[FeedbackLine, _Mapping]]] = ...) -> None: ...

class RegisterFloatingMemberRequest(_message.Message):
    __slots__ = ("person_id", "branch_id", "whereabouts", "left_on")
    PERSON_ID_FIELD_NUMBER: _ClassVar[int]
    BRANCH_ID_FIELD_NUMBER: _ClassVar[int]
    WHEREABOUTS_FIELD_NUMBER: _ClassVar[int]
    LEFT_ON_FIELD_NUMBER: _ClassVar[int]
    person_id: str
    branch_id: str
    whereabouts: str
    left_on: str
    def __init__(self, person_id: _Optional[str] = ..., branch_id: _Optional[str] = ..., whereabouts: _Optional[str] = ..., left_on: _Optional[str] = ...) -> None: ...

class RecordFloatingReportRequest(_message.Message):
    __slots__ = ("id", "reported_on")
    ID_FIELD_NUMBER: _ClassVar[int]
    REPORTED_ON_FIELD_NUMBER: _ClassVar[int]
    id: str
    reported_on: str
    def __init__(self, id: _Optional[str] = ..., reported_on: _Optional[str] = ...) -> None: ...

class EndFloatingRequest(_message.Message):
    __slots__ = ("id", "returned_on")
    ID_FIELD_NUMBER: _ClassVar[int]
    RETURNED_ON_FIELD_NUMBER: _ClassVar[int]
    id: str
    returned_on: str
    def __init__(self, id: _Optional[str] = ..., returned_on: _Optional[str] = ...) -> None: ...

class FloatingRecord(_message.Message):
    __slots__ = ("id", "person_id", "branch_id", "whereabouts", "left_on", "returned_on", "last_report_on", "report_due_on", "days_overdue")
    ID_FIELD_NUMBER: _ClassVar[int]
    PERSON_ID_FIELD_NUMBER: _ClassVar[int]
    BRANCH_ID_FIELD_NUMBER: _ClassVar[int]
    WHEREABOUTS_FIELD_NUMBER: _ClassVar[int]
    LEFT_ON_FIELD_NUMBER: _ClassVar[int]
    RETURNED_ON_FIELD_NUMBER: _ClassVar[int]
    LAST_REPORT_ON_FIELD_NUMBER: _ClassVar[int]
    REPORT_DUE_ON_FIELD_NUMBER: _ClassVar[int]
    DAYS_OVERDUE_FIELD_NUMBER: _ClassVar[int]
    id: str
    person_id: str
    branch_id: str
    whereabouts: str
    left_on: str
    returned_on: str
    last_report_on: str
    report_due_on: str
    days_overdue: int
    def __init__(self, id: _Optional[str] = ..., person_id: _Optional[str] = ..., branch_id: _Optional[str] = ..., whereabouts: _Optional[str] = ..., left_on: _Optional[str] = ..., returned_on: _Optional[str] = ..., last_report_on: _Optional[str] = ..., report_due_on: _Optional[str] = ..., days_overdue: _Optional[int] = ...) -> None: ...

class ListOverdueFloatingReportsRequest(_message.Message):
    __slots__ = ("branch_id", "community_code", "today", "page_size", "page_token")
    BRANCH_ID_FIELD_NUMBER: _ClassVar[int]
    COMMUNITY_CODE_FIELD_NUMBER: _ClassVar[int]
    TODAY_FIELD_NUMBER: _ClassVar[int]
    PAGE_SIZE_FIELD_NUMBER: _ClassVar[int]
    PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    branch_id: str
    community_code: str
    today: str
    page_size: int
    page_token: str
    def __init__(self, branch_id: _Optional[str] = ..., community_code: _Optional[str] = ..., today: _Optional[str] = ..., page_size: _Optional[int] = ..., page_token: _Optional[str] = ...) -> None: ...

class FloatingRecordPage(_message.Message):
    __slots__ = ("items", "next_page_token")
    ITEMS_FIELD_NUMBER: _ClassVar[int]
    NEXT_PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    items: _containers.RepeatedCompositeFieldContainer[FloatingRecord]
    next_page_token: str
    def __init__(self, items: _Optional[_Iterable[_Union[FloatingRecord, _Mapping]]] = ..., next_page_token: _Optional[str] = ...) -> None: ...

class ListInServiceMembersRequest(_message.Message):
    __slots__ = ("community_code", "from_date", "to_date", "page_size", "page_token")
    COMMUNITY_CODE_FIELD_NUMBER: _ClassVar[int]
    FROM_DATE_FIELD_NUMBER: _ClassVar[int]
    TO_DATE_FIELD_NUMBER: _ClassVar[int]
    PAGE_SIZE_FIELD_NUMBER: _ClassVar[int]
    PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    community_code: str
    from_date: str
    to_date: str
    page_size: int
    page_token: str
    def __init__(self, community_code: _Optional[str] = ..., from_date: _Optional[str] = ..., to_date: _Optional[str] = ..., page_size: _Optional[int] = ..., page_token: _Optional[str] = ...) -> None: ...

class InServiceMember(_message.Message):
    __slots__ = ("id", "person_id", "name", "community_code", "employer_id", "employer_name", "published_contact", "volunteer_projects", "registered_on", "times", "hours")
    ID_FIELD_NUMBER: _ClassVar[int]
    PERSON_ID_FIELD_NUMBER: _ClassVar[int]
    NAME_FIELD_NUMBER: _ClassVar[int]
    COMMUNITY_CODE_FIELD_NUMBER: _ClassVar[int]
    EMPLOYER_ID_FIELD_NUMBER: _ClassVar[int]
    EMPLOYER_NAME_FIELD_NUMBER: _ClassVar[int]
    PUBLISHED_CONTACT_FIELD_NUMBER: _ClassVar[int]
    VOLUNTEER_PROJECTS_FIELD_NUMBER: _ClassVar[int]
    REGISTERED_ON_FIELD_NUMBER: _ClassVar[int]
    TIMES_FIELD_NUMBER: _ClassVar[int]
    HOURS_FIELD_NUMBER: _ClassVar[int]
    id: str
    person_id: str
    name: str
    community_code: str
    employer_id: str
    employer_name: str
    published_contact: str
    volunteer_projects: _containers.RepeatedScalarFieldContainer[str]
    registered_on: str
    times: int
    hours: float
    def __init__(self, id: _Optional[str] = ..., person_id: _Optional[str] = ..., name: _Optional[str] = ..., community_code: _Optional[str] = ..., employer_id: _Optional[str] = ..., employer_name: _Optional[str] = ..., published_contact: _Optional[str] = ..., volunteer_projects: _Optional[_Iterable[str]] = ..., registered_on: _Optional[str] = ..., times: _Optional[int] = ..., hours: _Optional[float] = ...) -> None: ...

class InServiceMemberPage(_message.Message):
    __slots__ = ("community_code", "from_date", "to_date", "items", "next_page_token")
    COMMUNITY_CODE_FIELD_NUMBER: _ClassVar[int]
    FROM_DATE_FIELD_NUMBER: _ClassVar[int]
    TO_DATE_FIELD_NUMBER: _ClassVar[int]
    ITEMS_FIELD_NUMBER: _ClassVar[int]
    NEXT_PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    community_code: str
    from_date: str
    to_date: str
    items: _containers.RepeatedCompositeFieldContainer[InServiceMember]
    next_page_token: str
    def __init__(self, community_code: _Optional[str] = ..., from_date: _Optional[str] = ..., to_date: _Optional[str] = ..., items: _Optional[_Iterable[_Union[InServiceMember, _Mapping]]] = ..., next_page_token: _Optional[str] = ...) -> None: ...

class SubmitInspectionRequest(_message.Message):
    __slots__ = ("organisation_id", "year", "quarter", "items")
    class ItemsEntry(_message.Message):
        __slots__ = ("key", "value")
        KEY_FIELD_NUMBER: _ClassVar[int]
        VALUE_FIELD_NUMBER: _ClassVar[int]
        key: str
        value: float
        def __init__(self, key: _Optional[str] = ..., value: _Optional[float] = ...) -> None: ...
    ORGANISATION_ID_FIELD_NUMBER: _ClassVar[int]
    YEAR_FIELD_NUMBER: _ClassVar[int]
    QUARTER_FIELD_NUMBER: _ClassVar[int]
    ITEMS_FIELD_NUMBER: _ClassVar[int]
    organisation_id: str
    year: int
    quarter: int
    items: _containers.ScalarMap[str, float]
    def __init__(self, organisation_id: _Optional[str] = ..., year: _Optional[int] = ..., quarter: _Optional[int] = ..., items: _Optional[_Mapping[str, float]] = ...) -> None: ...

class RatingResult(_message.Message):
    __slots__ = ("id", "organisation_id", "year", "quarter", "score", "stars", "five_good", "funding_tier", "consequences", "rectification_id")
    ID_FIELD_NUMBER: _ClassVar[int]
    ORGANISATION_ID_FIELD_NUMBER: _ClassVar[int]
    YEAR_FIELD_NUMBER: _ClassVar[int]
    QUARTER_FIELD_NUMBER: _ClassVar[int]
    SCORE_FIELD_NUMBER: _ClassVar[int]
    STARS_FIELD_NUMBER: _ClassVar[int]
    FIVE_GOOD_FIELD_NUMBER: _ClassVar[int]
    FUNDING_TIER_FIELD_NUMBER: _ClassVar[int]
    CONSEQUENCES_FIELD_NUMBER: _ClassVar[int]
    RECTIFICATION_ID_FIELD_NUMBER: _ClassVar[int]
    id: str
    organisation_id: str
    year: int
    quarter: int
    score: float
    stars: int
    five_good: bool
    funding_tier: str
    consequences: _containers.RepeatedScalarFieldContainer[str]
    rectification_id: str
    def __init__(self, id: _Optional[str] = ..., organisation_id: _Optional[str] = ..., year: _Optional[int] = ..., quarter: _Optional[int] = ..., score: _Optional[float] = ..., stars: _Optional[int] = ..., five_good: _Optional[bool] = ..., funding_tier: _Optional[str] = ..., consequences: _Optional[_Iterable[str]] = ..., rectification_id: _Optional[str] = ...) -> None: ...

class RatingList(_message.Message):
    __slots__ = ("items",)
    ITEMS_FIELD_NUMBER: _ClassVar[int]
    items: _containers.RepeatedCompositeFieldContainer[RatingResult]
    def __init__(self, items: _Optional[_Iterable[_Union[RatingResult, _Mapping]]] = ...) -> None: ...

class ListWeakBranchesRequest(_message.Message):
    __slots__ = ("subdistrict_code", "taken_over_only", "page_size", "page_token")
    SUBDISTRICT_CODE_FIELD_NUMBER: _ClassVar[int]
    TAKEN_OVER_ONLY_FIELD_NUMBER: _ClassVar[int]
    PAGE_SIZE_FIELD_NUMBER: _ClassVar[int]
    PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    subdistrict_code: str
    taken_over_only: bool
    page_size: int
    page_token: str
    def __init__(self, subdistrict_code: _Optional[str] = ..., taken_over_only: _Optional[bool] = ..., page_size: _Optional[int] = ..., page_token: _Optional[str] = ...) -> None: ...

class WeakBranch(_message.Message):
    __slots__ = ("organisation_id", "name", "division_code", "stars", "year", "quarter", "rectification_id", "listed_on", "reason", "taken_over_by_id", "taken_over_by_name", "first_secretary_id", "secretary_flagged")
    ORGANISATION_ID_FIELD_NUMBER: _ClassVar[int]
    NAME_FIELD_NUMBER: _ClassVar[int]
    DIVISION_CODE_FIELD_NUMBER: _ClassVar[int]
    STARS_FIELD_NUMBER: _ClassVar[int]
    YEAR_FIELD_NUMBER: _ClassVar[int]
    QUARTER_FIELD_NUMBER: _ClassVar[int]
    RECTIFICATION_ID_FIELD_NUMBER: _ClassVar[int]
    LISTED_ON_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    TAKEN_OVER_BY_ID_FIELD_NUMBER: _ClassVar[int]
    TAKEN_OVER_BY_NAME_FIELD_NUMBER: _ClassVar[int]
    FIRST_SECRETARY_ID_FIELD_NUMBER: _ClassVar[int]
    SECRETARY_FLAGGED_FIELD_NUMBER: _ClassVar[int]
    organisation_id: str
    name: str
    division_code: str
    stars: int
    year: int
    quarter: int
    rectification_id: str
    listed_on: str
    reason: str
    taken_over_by_id: str
    taken_over_by_name: str
    first_secretary_id: str
    secretary_flagged: bool
    def __init__(self, organisation_id: _Optional[str] = ..., name: _Optional[str] = ..., division_code: _Optional[str] = ..., stars: _Optional[int] = ..., year: _Optional[int] = ..., quarter: _Optional[int] = ..., rectification_id: _Optional[str] = ..., listed_on: _Optional[str] = ..., reason: _Optional[str] = ..., taken_over_by_id: _Optional[str] = ..., taken_over_by_name: _Optional[str] = ..., first_secretary_id: _Optional[str] = ..., secretary_flagged: _Optional[bool] = ...) -> None: ...

class WeakBranchPage(_message.Message):
    __slots__ = ("items", "next_page_token")
    ITEMS_FIELD_NUMBER: _ClassVar[int]
    NEXT_PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    items: _containers.RepeatedCompositeFieldContainer[WeakBranch]
    next_page_token: str
    def __init__(self, items: _Optional[_Iterable[_Union[WeakBranch, _Mapping]]] = ..., next_page_token: _Optional[str] = ...) -> None: ...

class ListFlaggedSecretariesRequest(_message.Message):
    __slots__ = ("subdistrict_code", "page_size", "page_token")
    SUBDISTRICT_CODE_FIELD_NUMBER: _ClassVar[int]
    PAGE_SIZE_FIELD_NUMBER: _ClassVar[int]
    PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    subdistrict_code: str
    page_size: int
    page_token: str
    def __init__(self, subdistrict_code: _Optional[str] = ..., page_size: _Optional[int] = ..., page_token: _Optional[str] = ...) -> None: ...

class GetRatingAuditRequest(_message.Message):
    __slots__ = ("organisation_id", "year", "quarter", "page_size", "page_token")
    ORGANISATION_ID_FIELD_NUMBER: _ClassVar[int]
    YEAR_FIELD_NUMBER: _ClassVar[int]
    QUARTER_FIELD_NUMBER: _ClassVar[int]
    PAGE_SIZE_FIELD_NUMBER: _ClassVar[int]
    PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    organisation_id: str
    year: int
    quarter: int
    page_size: int
    page_token: str
    def __init__(self, organisation_id: _Optional[str] = ..., year: _Optional[int] = ..., quarter: _Optional[int] = ..., page_size: _Optional[int] = ..., page_token: _Optional[str] = ...) -> None: ...

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

class RatingAudit(_message.Message):
    __slots__ = ("organisation_id", "year", "quarter", "rating_id", "items", "next_page_token")
    ORGANISATION_ID_FIELD_NUMBER: _ClassVar[int]
    YEAR_FIELD_NUMBER: _ClassVar[int]
    QUARTER_FIELD_NUMBER: _ClassVar[int]
    RATING_ID_FIELD_NUMBER: _ClassVar[int]
    ITEMS_FIELD_NUMBER: _ClassVar[int]
    NEXT_PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    organisation_id: str
    year: int
    quarter: int
    rating_id: str
    items: _containers.RepeatedCompositeFieldContainer[AuditEntry]
    next_page_token: str
    def __init__(self, organisation_id: _Optional[str] = ..., year: _Optional[int] = ..., quarter: _Optional[int] = ..., rating_id: _Optional[str] = ..., items: _Optional[_Iterable[_Union[AuditEntry, _Mapping]]] = ..., next_page_token: _Optional[str] = ...) -> None: ...

class ListFollowUpsRequest(_message.Message):
    __slots__ = ("division_code", "kind", "include_closed", "page_size", "page_token")
    DIVISION_CODE_FIELD_NUMBER: _ClassVar[int]
    KIND_FIELD_NUMBER: _ClassVar[int]
    INCLUDE_CLOSED_FIELD_NUMBER: _ClassVar[int]
    PAGE_SIZE_FIELD_NUMBER: _ClassVar[int]
    PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    division_code: str
    kind: str
    include_closed: bool
    page_size: int
    page_token: str
    def __init__(self, division_code: _Optional[str] = ..., kind: _Optional[str] = ..., include_closed: _Optional[bool] = ..., page_size: _Optional[int] = ..., page_token: _Optional[str] = ...) -> None: ...

class FollowUp(_message.Message):
    __slots__ = ("id", "kind", "division_code", "organisation_id", "subject_id", "reason", "opened_on", "opened_by", "closed_on", "closed_how")
    ID_FIELD_NUMBER: _ClassVar[int]
    KIND_FIELD_NUMBER: _ClassVar[int]
    DIVISION_CODE_FIELD_NUMBER: _ClassVar[int]
    ORGANISATION_ID_FIELD_NUMBER: _ClassVar[int]
    SUBJECT_ID_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    OPENED_ON_FIELD_NUMBER: _ClassVar[int]
    OPENED_BY_FIELD_NUMBER: _ClassVar[int]
    CLOSED_ON_FIELD_NUMBER: _ClassVar[int]
    CLOSED_HOW_FIELD_NUMBER: _ClassVar[int]
    id: str
    kind: str
    division_code: str
    organisation_id: str
    subject_id: str
    reason: str
    opened_on: str
    opened_by: str
    closed_on: str
    closed_how: str
    def __init__(self, id: _Optional[str] = ..., kind: _Optional[str] = ..., division_code: _Optional[str] = ..., organisation_id: _Optional[str] = ..., subject_id: _Optional[str] = ..., reason: _Optional[str] = ..., opened_on: _Optional[str] = ..., opened_by: _Optional[str] = ..., closed_on: _Optional[str] = ..., closed_how: _Optional[str] = ...) -> None: ...

class FollowUpPage(_message.Message):
    __slots__ = ("items", "next_page_token")
    ITEMS_FIELD_NUMBER: _ClassVar[int]
    NEXT_PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    items: _containers.RepeatedCompositeFieldContainer[FollowUp]
    next_page_token: str
    def __init__(self, items: _Optional[_Iterable[_Union[FollowUp, _Mapping]]] = ..., next_page_token: _Optional[str] = ...) -> None: ...

class DispatchFirstSecretaryRequest(_message.Message):
    __slots__ = ("organisation_id", "person_id", "dispatched_from", "term_start", "term_end")
    ORGANISATION_ID_FIELD_NUMBER: _ClassVar[int]
    PERSON_ID_FIELD_NUMBER: _ClassVar[int]
    DISPATCHED_FROM_FIELD_NUMBER: _ClassVar[int]
    TERM_START_FIELD_NUMBER: _ClassVar[int]
    TERM_END_FIELD_NUMBER: _ClassVar[int]
    organisation_id: str
    person_id: str
    dispatched_from: str
    term_start: str
    term_end: str
    def __init__(self, organisation_id: _Optional[str] = ..., person_id: _Optional[str] = ..., dispatched_from: _Optional[str] = ..., term_start: _Optional[str] = ..., term_end: _Optional[str] = ...) -> None: ...

class CloseRectificationRequest(_message.Message):
    __slots__ = ("organisation_id", "closed_on", "note")
    ORGANISATION_ID_FIELD_NUMBER: _ClassVar[int]
    CLOSED_ON_FIELD_NUMBER: _ClassVar[int]
    NOTE_FIELD_NUMBER: _ClassVar[int]
    organisation_id: str
    closed_on: str
    note: str
    def __init__(self, organisation_id: _Optional[str] = ..., closed_on: _Optional[str] = ..., note: _Optional[str] = ...) -> None: ...

class HonoursEligibilityRequest(_message.Message):
    __slots__ = ("organisation_id", "person_id")
    ORGANISATION_ID_FIELD_NUMBER: _ClassVar[int]
    PERSON_ID_FIELD_NUMBER: _ClassVar[int]
    organisation_id: str
    person_id: str
    def __init__(self, organisation_id: _Optional[str] = ..., person_id: _Optional[str] = ...) -> None: ...

class HonoursEligibility(_message.Message):
    __slots__ = ("eligible", "reason")
    ELIGIBLE_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    eligible: bool
    reason: str
    def __init__(self, eligible: _Optional[bool] = ..., reason: _Optional[str] = ...) -> None: ...

class AssignRingRequest(_message.Message):
    __slots__ = ("subdistrict_code", "ring")
    SUBDISTRICT_CODE_FIELD_NUMBER: _ClassVar[int]
    RING_FIELD_NUMBER: _ClassVar[int]
    subdistrict_code: str
    ring: str
    def __init__(self, subdistrict_code: _Optional[str] = ..., ring: _Optional[str] = ...) -> None: ...

class RingAssignment(_message.Message):
    __slots__ = ("subdistrict_code", "district", "ring")
    SUBDISTRICT_CODE_FIELD_NUMBER: _ClassVar[int]
    DISTRICT_FIELD_NUMBER: _ClassVar[int]
    RING_FIELD_NUMBER: _ClassVar[int]
    subdistrict_code: str
    district: str
    ring: str
    def __init__(self, subdistrict_code: _Optional[str] = ..., district: _Optional[str] = ..., ring: _Optional[str] = ...) -> None: ...

class SetFeatureStageRequest(_message.Message):
    __slots__ = ("flag", "stage", "description")
    FLAG_FIELD_NUMBER: _ClassVar[int]
    STAGE_FIELD_NUMBER: _ClassVar[int]
    DESCRIPTION_FIELD_NUMBER: _ClassVar[int]
    flag: str
    stage: str
    description: str
    def __init__(self, flag: _Optional[str] = ..., stage: _Optional[str] = ..., description: _Optional[str] = ...) -> None: ...

class FeatureFlag(_message.Message):
    __slots__ = ("flag", "stage", "description")
    FLAG_FIELD_NUMBER: _ClassVar[int]
    STAGE_FIELD_NUMBER: _ClassVar[int]
    DESCRIPTION_FIELD_NUMBER: _ClassVar[int]
    flag: str
    stage: str
    description: str
    def __init__(self, flag: _Optional[str] = ..., stage: _Optional[str] = ..., description: _Optional[str] = ...) -> None: ...

class GetRolloutRequest(_message.Message):
    __slots__ = ("district",)
    DISTRICT_FIELD_NUMBER: _ClassVar[int]
    district: str
    def __init__(self, district: _Optional[str] = ...) -> None: ...

class Rollout(_message.Message):
    __slots__ = ("rings", "flags", "default_ring")
    RINGS_FIELD_NUMBER: _ClassVar[int]
    FLAGS_FIELD_NUMBER: _ClassVar[int]
    DEFAULT_RING_FIELD_NUMBER: _ClassVar[int]
    rings: _containers.RepeatedCompositeFieldContainer[RingAssignment]
    flags: _containers.RepeatedCompositeFieldContainer[FeatureFlag]
    default_ring: str
    def __init__(self, rings: _Optional[_Iterable[_Union[RingAssignment, _Mapping]]] = ..., flags: _Optional[_Iterable[_Union[FeatureFlag, _Mapping]]] = ..., default_ring: _Optional[str] = ...) -> None: ...

class ImportRecordsRequest(_message.Message):
    __slots__ = ("kind", "format", "content", "dry_run")
    KIND_FIELD_NUMBER: _ClassVar[int]
    FORMAT_FIELD_NUMBER: _ClassVar[int]
    CONTENT_FIELD_NUMBER: _ClassVar[int]
    DRY_RUN_FIELD_NUMBER: _ClassVar[int]
    kind: str
    format: str
    content: bytes
    dry_run: bool
    def __init__(self, kind: _Optional[str] = ..., format: _Optional[str] = ..., content: _Optional[bytes] = ..., dry_run: _Optional[bool] = ...) -> None: ...

class Problem(_message.Message):
    __slots__ = ("row", "column", "reason")
    ROW_FIELD_NUMBER: _ClassVar[int]
    COLUMN_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    row: int
    column: str
    reason: str
    def __init__(self, row: _Optional[int] = ..., column: _Optional[str] = ..., reason: _Optional[str] = ...) -> None: ...

class ImportReport(_message.Message):
    __slots__ = ("kind", "rows", "written", "dry_run", "problems", "unchanged")
    KIND_FIELD_NUMBER: _ClassVar[int]
    ROWS_FIELD_NUMBER: _ClassVar[int]
    WRITTEN_FIELD_NUMBER: _ClassVar[int]
    DRY_RUN_FIELD_NUMBER: _ClassVar[int]
    PROBLEMS_FIELD_NUMBER: _ClassVar[int]
    UNCHANGED_FIELD_NUMBER: _ClassVar[int]
    kind: str
    rows: int
    written: int
    dry_run: bool
    problems: _containers.RepeatedCompositeFieldContainer[Problem]
    unchanged: int
    def __init__(self, kind: _Optional[str] = ..., rows: _Optional[int] = ..., written: _Optional[int] = ..., dry_run: _Optional[bool] = ..., problems: _Optional[_Iterable[_Union[Problem, _Mapping]]] = ..., unchanged: _Optional[int] = ...) -> None: ...

class ExportRecordsRequest(_message.Message):
    __slots__ = ("kind", "format")
    KIND_FIELD_NUMBER: _ClassVar[int]
    FORMAT_FIELD_NUMBER: _ClassVar[int]
    kind: str
    format: str
    def __init__(self, kind: _Optional[str] = ..., format: _Optional[str] = ...) -> None: ...

class ExportChunk(_message.Message):
    __slots__ = ("data",)
    DATA_FIELD_NUMBER: _ClassVar[int]
    data: bytes
    def __init__(self, data: _Optional[bytes] = ...) -> None: ...
