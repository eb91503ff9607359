from buf.validate import validate_pb2 as _validate_pb2
from google.protobuf.internal import containers as _containers
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Iterable as _Iterable, Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class CentreRef(_message.Message):
    __slots__ = ("id",)
    ID_FIELD_NUMBER: _ClassVar[int]
    id: str
    def __init__(self, id: _Optional[str] = ...) -> None: ...

class CreateCentreRequest(_message.Message):
    __slots__ = ("community", "name", "address", "monthly_quota_hours", "idempotency_key")
    COMMUNITY_FIELD_NUMBER: _ClassVar[int]
    NAME_FIELD_NUMBER: _ClassVar[int]
    ADDRESS_FIELD_NUMBER: _ClassVar[int]
    MONTHLY_QUOTA_HOURS_FIELD_NUMBER: _ClassVar[int]
    IDEMPOTENCY_KEY_FIELD_NUMBER: _ClassVar[int]
    community: str
    name: str
    address: str
    monthly_quota_hours: int
    idempotency_key: str
    def __init__(self, community: _Optional[str] = ..., name: _Optional[str] = ..., address: _Optional[str] = ..., monthly_quota_hours: _Optional[int] = ..., idempotency_key: _Optional[str] = ...) -> None: ...

class Centre(_message.Message):
    __slots__ = ("id", "district", "community", "name", "address", "monthly_quota_hours")
    ID_FIELD_NUMBER: _ClassVar[int]
    DISTRICT_FIELD_NUMBER: _ClassVar[int]
    COMMUNITY_FIELD_NUMBER: _ClassVar[int]
    NAME_FIELD_NUMBER: _ClassVar[int]
    ADDRESS_FIELD_NUMBER: _ClassVar[int]
    MONTHLY_QUOTA_HOURS_FIELD_NUMBER: _ClassVar[int]
    id: str
    district: str
    community: str
    name: str
    address: str
    monthly_quota_hours: int
    def __init__(self, id: _Optional[str] = ..., district: _Optional[str] = ..., community: _Optional[str] = ..., name: _Optional[str] = ..., address: _Optional[str] = ..., monthly_quota_hours: _Optional[int] = ...) -> None: ...

class ListCentresRequest(_message.Message):
    __slots__ = ("community",)
    COMMUNITY_FIELD_NUMBER: _ClassVar[int]
    community: str
    def __init__(self, community: _Optional[str] = ...) -> None: ...

class CentreList(_message.Message):
    __slots__ = ("items",)
    ITEMS_FIELD_NUMBER: _ClassVar[int]
    items: _containers.RepeatedCompositeFieldContainer[Centre]
    def __init__(self, items: _Optional[_Iterable[_Union[Centre, _Mapping]]] = ...) -> None: ...

class OpeningHours(_message.Message):
    __slots__ = ("weekday", "opens", "closes")
    WEEKDAY_FIELD_NUMBER: _ClassVar[int]
    OPENS_FIELD_NUMBER: _ClassVar[int]
    CLOSES_FIELD_NUMBER: _ClassVar[int]
    weekday: int
    opens: str
    closes: str
    def __init__(self, weekday: _Optional[int] = ..., opens: _Optional[str] = ..., closes: _Optional[str] = ...) -> None: ...

class SpaceRef(_message.Message):
    __slots__ = ("id",)
    ID_FIELD_NUMBER: _ClassVar[int]
    id: str
    def __init__(self, id: _Optional[str] = ...) -> None: ...

class AddSpaceRequest(_message.Message):
    __slots__ = ("centre_id", "name", "kind", "capacity", "hours", "needs_approval", "residents_may_book", "open_on_public_holidays", "idempotency_key")
    CENTRE_ID_FIELD_NUMBER: _ClassVar[int]
    NAME_FIELD_NUMBER: _ClassVar[int]
    KIND_FIELD_NUMBER: _ClassVar[int]
    CAPACITY_FIELD_NUMBER: _ClassVar[int]
    HOURS_FIELD_NUMBER: _ClassVar[int]
    NEEDS_APPROVAL_FIELD_NUMBER: _ClassVar[int]
    RESIDENTS_MAY_BOOK_FIELD_NUMBER: _ClassVar[int]
    OPEN_ON_PUBLIC_HOLIDAYS_FIELD_NUMBER: _ClassVar[int]
    IDEMPOTENCY_KEY_FIELD_NUMBER: _ClassVar[int]
    centre_id: str
    name: str
    kind: str
    capacity: int
    hours: _containers.RepeatedCompositeFieldContainer[OpeningHours]
    needs_approval: bool
    residents_may_book: bool
    open_on_public_holidays: bool
    idempotency_key: str
    def __init__(self, centre_id: _Optional[str] = ..., name: _Optional[str] = ..., kind: _Optional[str] = ..., capacity: _Optional[int] = ..., hours: _Optional[_Iterable[_Union[OpeningHours, _Mapping]]] = ..., needs_approval: _Optional[bool] = ..., residents_may_book: _Optional[bool] = ..., open_on_public_holidays: _Optional[bool] = ..., idempotency_key: _Optional[str] = ...) -> None: ...

class Space(_message.Message):
    __slots__ = ("id", "centre_id", "district", "community", "name", "kind", "capacity", "needs_approval", "residents_may_book", "open_on_public_holidays", "hours")
    ID_FIELD_NUMBER: _ClassVar[int]
    CENTRE_ID_FIELD_NUMBER: _ClassVar[int]
    DISTRICT_FIELD_NUMBER: _ClassVar[int]
    COMMUNITY_FIELD_NUMBER: _ClassVar[int]
    NAME_FIELD_NUMBER: _ClassVar[int]
    KIND_FIELD_NUMBER: _ClassVar[int]
    CAPACITY_FIELD_NUMBER: _ClassVar[int]
    NEEDS_APPROVAL_FIELD_NUMBER: _ClassVar[int]
    RESIDENTS_MAY_BOOK_FIELD_NUMBER: _ClassVar[int]
    OPEN_ON_PUBLIC_HOLIDAYS_FIELD_NUMBER: _ClassVar[int]
    HOURS_FIELD_NUMBER: _ClassVar[int]
    id: str
    centre_id: str
    district: str
    community: str
    name: str
    kind: str
    capacity: int
    needs_approval: bool
    residents_may_book: bool
    open_on_public_holidays: bool
    hours: _containers.RepeatedCompositeFieldContainer[OpeningHours]
    def __init__(self, id: _Optional[str] = ..., centre_id: _Optional[str] = ..., district: _Optional[str] = ..., community: _Optional[str] = ..., name: _Optional[str] = ..., kind: _Optional[str] = ..., capacity: _Optional[int] = ..., needs_approval: _Optional[bool] = ..., residents_may_book: _Optional[bool] = ..., open_on_public_holidays: _Optional[bool] = ..., hours: _Optional[_Iterable[_Union[OpeningHours, _Mapping]]] = ...) -> None: ...

class ListSpacesRequest(_message.Message):
    __slots__ = ("centre_id",)
    CENTRE_ID_FIELD_NUMBER: _ClassVar[int]
    centre_id: str
    def __init__(self, centre_id: _Optional[str] = ...) -> None: ...

class SpaceList(_message.Message):
    __slots__ = ("items",)
    ITEMS_FIELD_NUMBER: _ClassVar[int]
    items: _containers.RepeatedCompositeFieldContainer[Space]
    def __init__(self, items: _Optional[_Iterable[_Union[Space, _Mapping]]] = ...) -> None: ...

class SetOpeningHoursRequest(_message.Message):
    __slots__ = ("space_id", "hours", "open_on_public_holidays", "idempotency_key")
    SPACE_ID_FIELD_NUMBER: _ClassVar[int]
    HOURS_FIELD_NUMBER: _ClassVar[int]
    OPEN_ON_PUBLIC_HOLIDAYS_FIELD_NUMBER: _ClassVar[int]
    IDEMPOTENCY_KEY_FIELD_NUMBER: _ClassVar[int]
    space_id: str
    hours: _containers.RepeatedCompositeFieldContainer[OpeningHours]
    open_on_public_holidays: bool
    idempotency_key: str
    def __init__(self, space_id: _Optional[str] = ..., hours: _Optional[_Iterable[_Union[OpeningHours, _Mapping]]] = ..., open_on_public_holidays: _Optional[bool] = ..., idempotency_key: _Optional[str] = ...) -> None: ...

class AddClosureRequest(_message.Message):
    __slots__ = ("space_id", "from_date", "to_date", "reason", "idempotency_key")
    SPACE_ID_FIELD_NUMBER: _ClassVar[int]
    FROM_DATE_FIELD_NUMBER: _ClassVar[int]
    TO_DATE_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    IDEMPOTENCY_KEY_FIELD_NUMBER: _ClassVar[int]
    space_id: str
    from_date: str
    to_date: str
    reason: str
    idempotency_key: str
    def __init__(self, space_id: _Optional[str] = ..., from_date: _Optional[str] = ..., to_date: _Optional[str] = ..., reason: _Optional[str] = ..., idempotency_key: _Optional[str] = ...) -> None: ...

class Closure(_message.Message):
    __slots__ = ("id", "space_id", "from_date", "to_date", "reason")
    ID_FIELD_NUMBER: _ClassVar[int]
    SPACE_ID_FIELD_NUMBER: _ClassVar[int]
    FROM_DATE_FIELD_NUMBER: _ClassVar[int]
    TO_DATE_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    id: str
    space_id: str
    from_date: str
    to_date: str
    reason: str
    def __init__(self, id: _Optional[str] = ..., space_id: _Optional[str] = ..., from_date: _Optional[str] = ..., to_date: _Optional[str] = ..., reason: _Optional[str] = ...) -> None: ...

class BookingRef(_message.Message):
    __slots__ = ("id",)
    ID_FIELD_NUMBER: _ClassVar[int]
    id: str
    def __init__(self, id: _Optional[str] = ...) -> None: ...

class BookSpaceRequest(_message.Message):
    __slots__ = ("space_id", "starts_at", "ends_at", "purpose", "attendees", "organisation_id", "person_id", "idempotency_key")
    SPACE_ID_FIELD_NUMBER: _ClassVar[int]
    STARTS_AT_FIELD_NUMBER: _ClassVar[int]
    ENDS_AT_FIELD_NUMBER: _ClassVar[int]
    PURPOSE_FIELD_NUMBER: _ClassVar[int]
    ATTENDEES_FIELD_NUMBER: _ClassVar[int]
    ORGANISATION_ID_FIELD_NUMBER: _ClassVar[int]
    PERSON_ID_FIELD_NUMBER: _ClassVar[int]
    IDEMPOTENCY_KEY_FIELD_NUMBER: _ClassVar[int]
    space_id: str
    starts_at: str
    ends_at: str
    purpose: str
    attendees: int
    organisation_id: str
    person_id: str
    idempotency_key: str
    def __init__(self, space_id: _Optional[str] = ..., starts_at: _Optional[str] = ..., ends_at: _Optional[str] = ..., purpose: _Optional[str] = ..., attendees: _Optional[int] = ..., organisation_id: _Optional[str] = ..., person_id: _Optional[str] = ..., idempotency_key: _Optional[str] = ...) -> None: ...

class Booking(_message.Message):
    __slots__ = ("id", "space_id", "centre_id", "district", "community", "organisation_id", "person_id", "booked_by", "purpose", "attendees", "starts_at", "ends_at", "status", "decided_by", "note", "series_id")
    ID_FIELD_NUMBER: _ClassVar[int]
    SPACE_ID_FIELD_NUMBER: _ClassVar[int]
    CENTRE_ID_FIELD_NUMBER: _ClassVar[int]
    DISTRICT_FIELD_NUMBER: _ClassVar[int]
    COMMUNITY_FIELD_NUMBER: _ClassVar[int]
    ORGANISATION_ID_FIELD_NUMBER: _ClassVar[int]
    PERSON_ID_FIELD_NUMBER: _ClassVar[int]
    BOOKED_BY_FIELD_NUMBER: _ClassVar[int]
    PURPOSE_FIELD_NUMBER: _ClassVar[int]
    ATTENDEES_FIELD_NUMBER: _ClassVar[int]
    STARTS_AT_FIELD_NUMBER: _ClassVar[int]
    ENDS_AT_FIELD_NUMBER: _ClassVar[int]
    STATUS_FIELD_NUMBER: _ClassVar[int]
    DECIDED_BY_FIELD_NUMBER: _ClassVar[int]
    NOTE_FIELD_NUMBER: _ClassVar[int]
    SERIES_ID_FIELD_NUMBER: _ClassVar[int]
    id: str
    space_id: str
    centre_id: str
    district: str
    community: str
    organisation_id: str
    person_id: str
    booked_by: str
    purpose: str
    attendees: int
    starts_at: str
    ends_at: str
    status: str
    decided_by: str
    note: str
    series_id: str
    def __init__(self, id: _Optional[str] = ..., space_id: _Optional[str] = ..., centre_id: _Optional[str] = ..., district: _Optional[str] = ..., community: _Optional[str] = ..., organisation_id: _Optional[str] = ..., person_id: _Optional[str] = ..., booked_by: _Optional[str] = ..., purpose: _Optional[str] = ..., attendees: _Optional[int] = ..., starts_at: _Optional[str] = ..., ends_at: _Optional[str] = ..., status: _Optional[str] = ..., decided_by: _Optional[str] = ..., note: _Optional[str] = ..., series_id: _Optional[str] = ...) -> None: ...

class DecideBookingRequest(_message.Message):
    __slots__ = ("booking_id", "approve", "note", "idempotency_key")
    BOOKING_ID_FIELD_NUMBER: _ClassVar[int]
    APPROVE_FIELD_NUMBER: _ClassVar[int]
    NOTE_FIELD_NUMBER: _ClassVar[int]
    IDEMPOTENCY_KEY_FIELD_NUMBER: _ClassVar[int]
    booking_id: str
    approve: bool
    note: str
    idempotency_key: str
    def __init__(self, booking_id: _Optional[str] = ..., approve: _Optional[bool] = ..., note: _Optional[str] = ..., idempotency_key: _Optional[str] = ...) -> None: ...

class CancelBookingRequest(_message.Message):
    __slots__ = ("booking_id", "reason", "idempotency_key")
    BOOKING_ID_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    IDEMPOTENCY_KEY_FIELD_NUMBER: _ClassVar[int]
    booking_id: str
    reason: str
    idempotency_key: str
    def __init__(self, booking_id: _Optional[str] = ..., reason: _Optional[str] = ..., idempotency_key: _Optional[str] = ...) -> None: ...

class ListBookingsRequest(_message.Message):
    __slots__ = ("space_id", "organisation_id", "from_date", "to_date", "status", "page_size", "page_token")
    SPACE_ID_FIELD_NUMBER: _ClassVar[int]
    ORGANISATION_ID_FIELD_NUMBER: _ClassVar[int]
    FROM_DATE_FIELD_NUMBER: _ClassVar[int]
    TO_DATE_FIELD_NUMBER: _ClassVar[int]
    STATUS_FIELD_NUMBER: _ClassVar[int]
    PAGE_SIZE_FIELD_NUMBER: _ClassVar[int]
    PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    space_id: str
    organisation_id: str
    from_date: str
    to_date: str
    status: str
    page_size: int
    page_token: str
    def __init__(self, space_id: _Optional[str] = ..., organisation_id: _Optional[str] = ..., from_date: _Optional[str] = ..., to_date: _Optional[str] = ..., status: _Optional[str] = ..., page_size: _Optional[int] = ..., page_token: _Optional[str] = ...) -> None: ...

class BookingPage(_message.Message):
    __slots__ = ("items", "next_page_token")
    ITEMS_FIELD_NUMBER: _ClassVar[int]
    NEXT_PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    items: _containers.RepeatedCompositeFieldContainer[Booking]
    next_page_token: str
    def __init__(self, items: _Optional[_Iterable[_Union[Booking, _Mapping]]] = ..., next_page_token: _Optional[str] = ...) -> None: ...

class GetAvailabilityRequest(_message.Message):
    __slots__ = ("space_id", "from_date", "to_date", "min_minutes")
    SPACE_ID_FIELD_NUMBER: _ClassVar[int]
    FROM_DATE_FIELD_NUMBER: _ClassVar[int]
    TO_DATE_FIELD_NUMBER: _ClassVar[int]
    MIN_MINUTES_FIELD_NUMBER: _ClassVar[int]
    space_id: str
    from_date: str
    to_date: str
    min_minutes: int
    def __init__(self, space_id: _Optional[str] = ..., from_date: _Optional[str] = ..., to_date: _Optional[str] = ..., min_minutes: _Optional[int] = ...) -> None: ...

class Slot(_message.Message):
    __slots__ = ("starts_at", "ends_at")
    STARTS_AT_FIELD_NUMBER: _ClassVar[int]
    ENDS_AT_FIELD_NUMBER: _ClassVar[int]
    starts_at: str
    ends_at: str
    def __init__(self, starts_at: _Optional[str] = ..., ends_at: _Optional[str] = ...) -> None: ...

class Availability(_message.Message):
    __slots__ = ("space_id", "slots")
    SPACE_ID_FIELD_NUMBER: _ClassVar[int]
    SLOTS_FIELD_NUMBER: _ClassVar[int]
    space_id: str
    slots: _containers.RepeatedCompositeFieldContainer[Slot]
    def __init__(self, space_id: _Optional[str] = ..., slots: _Optional[_Iterable[_Union[Slot, _Mapping]]] = ...) -> None: ...

class GetDoorCodeRequest(_message.Message):
    __slots__ = ("booking_id",)
    BOOKING_ID_FIELD_NUMBER: _ClassVar[int]
    booking_id: str
    def __init__(self, booking_id: _Optional[str] = ...) -> None: ...

class DoorCode(_message.Message):
    __slots__ = ("booking_id", "door_code")
    BOOKING_ID_FIELD_NUMBER: _ClassVar[int]
    DOOR_CODE_FIELD_NUMBER: _ClassVar[int]
    booking_id: str
    door_code: str
    def __init__(self, booking_id: _Optional[str] = ..., door_code: _Optional[str] = ...) -> None: ...

class CheckInRequest(_message.Message):
    __slots__ = ("booking_id", "door_code", "person_id", "idempotency_key")
    BOOKING_ID_FIELD_NUMBER: _ClassVar[int]
    DOOR_CODE_FIELD_NUMBER: _ClassVar[int]
    PERSON_ID_FIELD_NUMBER: _ClassVar[int]
    IDEMPOTENCY_KEY_FIELD_NUMBER: _ClassVar[int]
    booking_id: str
    door_code: str
    person_id: str
    idempotency_key: str
    def __init__(self, booking_id: _Optional[str] = ..., door_code: _Optional[str] = ..., person_id: _Optional[str] = ..., idempotency_key: _Optional[str] = ...) -> None: ...

class CheckInRecord(_message.Message):
    __slots__ = ("id", "booking_id", "person_id", "how", "checked_in_by", "checked_in_at")
    ID_FIELD_NUMBER: _ClassVar[int]
    BOOKING_ID_FIELD_NUMBER: _ClassVar[int]
    PERSON_ID_FIELD_NUMBER: _ClassVar[int]
    HOW_FIELD_NUMBER: _ClassVar[int]
    CHECKED_IN_BY_FIELD_NUMBER: _ClassVar[int]
    CHECKED_IN_AT_FIELD_NUMBER: _ClassVar[int]
    id: str
    booking_id: str
    person_id: str
    how: str
    checked_in_by: str
    checked_in_at: str
    def __init__(self, id: _Optional[str] = ..., booking_id: _Optional[str] = ..., person_id: _Optional[str] = ..., how: _Optional[str] = ..., checked_in_by: _Optional[str] = ..., checked_in_at: _Optional[str] = ...) -> None: ...

class ListCheckInsRequest(_message.Message):
    __slots__ = ("booking_id",)
    BOOKING_ID_FIELD_NUMBER: _ClassVar[int]
    booking_id: str
    def __init__(self, booking_id: _Optional[str] = ...) -> None: ...

class CheckInList(_message.Message):
    __slots__ = ("items",)
    ITEMS_FIELD_NUMBER: _ClassVar[int]
    items: _containers.RepeatedCompositeFieldContainer[CheckInRecord]
    def __init__(self, items: _Optional[_Iterable[_Union[CheckInRecord, _Mapping]]] = ...) -> None: ...

class AddPlotRequest(_message.Message):
    __slots__ = ("centre_id", "name", "station_id", "tended_by", "idempotency_key")
    CENTRE_ID_FIELD_NUMBER: _ClassVar[int]
    NAME_FIELD_NUMBER: _ClassVar[int]
    STATION_ID_FIELD_NUMBER: _ClassVar[int]
    TENDED_BY_FIELD_NUMBER: _ClassVar[int]
    IDEMPOTENCY_KEY_FIELD_NUMBER: _ClassVar[int]
    centre_id: str
    name: str
    station_id: str
    tended_by: str
    idempotency_key: str
    def __init__(self, centre_id: _Optional[str] = ..., name: _Optional[str] = ..., station_id: _Optional[str] = ..., tended_by: _Optional[str] = ..., idempotency_key: _Optional[str] = ...) -> None: ...

class Plot(_message.Message):
    __slots__ = ("id", "centre_id", "name", "station_id", "tended_by")
    ID_FIELD_NUMBER: _ClassVar[int]
    CENTRE_ID_FIELD_NUMBER: _ClassVar[int]
    NAME_FIELD_NUMBER: _ClassVar[int]
    STATION_ID_FIELD_NUMBER: _ClassVar[int]
    TENDED_BY_FIELD_NUMBER: _ClassVar[int]
    id: str
    centre_id: str
    name: str
    station_id: str
    tended_by: str
    def __init__(self, id: _Optional[str] = ..., centre_id: _Optional[str] = ..., name: _Optional[str] = ..., station_id: _Optional[str] = ..., tended_by: _Optional[str] = ...) -> None: ...

class ListPlotsRequest(_message.Message):
    __slots__ = ("centre_id",)
    CENTRE_ID_FIELD_NUMBER: _ClassVar[int]
    centre_id: str
    def __init__(self, centre_id: _Optional[str] = ...) -> None: ...

class PlotList(_message.Message):
    __slots__ = ("items",)
    ITEMS_FIELD_NUMBER: _ClassVar[int]
    items: _containers.RepeatedCompositeFieldContainer[Plot]
    def __init__(self, items: _Optional[_Iterable[_Union[Plot, _Mapping]]] = ...) -> None: ...

class RecordHarvestRequest(_message.Message):
    __slots__ = ("plot_id", "produce", "quantity", "points_cost", "harvested_on", "idempotency_key")
    PLOT_ID_FIELD_NUMBER: _ClassVar[int]
    PRODUCE_FIELD_NUMBER: _ClassVar[int]
    QUANTITY_FIELD_NUMBER: _ClassVar[int]
    POINTS_COST_FIELD_NUMBER: _ClassVar[int]
    HARVESTED_ON_FIELD_NUMBER: _ClassVar[int]
    IDEMPOTENCY_KEY_FIELD_NUMBER: _ClassVar[int]
    plot_id: str
    produce: str
    quantity: int
    points_cost: int
    harvested_on: str
    idempotency_key: str
    def __init__(self, plot_id: _Optional[str] = ..., produce: _Optional[str] = ..., quantity: _Optional[int] = ..., points_cost: _Optional[int] = ..., harvested_on: _Optional[str] = ..., idempotency_key: _Optional[str] = ...) -> None: ...

class Harvest(_message.Message):
    __slots__ = ("id", "plot_id", "produce", "quantity", "points_cost", "harvested_on", "recorded_by")
    ID_FIELD_NUMBER: _ClassVar[int]
    PLOT_ID_FIELD_NUMBER: _ClassVar[int]
    PRODUCE_FIELD_NUMBER: _ClassVar[int]
    QUANTITY_FIELD_NUMBER: _ClassVar[int]
    POINTS_COST_FIELD_NUMBER: _ClassVar[int]
    HARVESTED_ON_FIELD_NUMBER: _ClassVar[int]
    RECORDED_BY_FIELD_NUMBER: _ClassVar[int]
    id: str
    plot_id: str
    produce: str
    quantity: int
    points_cost: int
    harvested_on: str
    recorded_by: str
    def __init__(self, id: _Optional[str] = ..., plot_id: _Optional[str] = ..., produce: _Optional[str] = ..., quantity: _Optional[int] = ..., points_cost: _Optional[int] = ..., harvested_on: _Optional[str] = ..., recorded_by: _Optional[str] = ...) -> None: ...

class ListHarvestsRequest(_message.Message):
    __slots__ = ("centre_id", "from_date", "to_date", "page_size", "page_token")
    CENTRE_ID_FIELD_NUMBER: _ClassVar[int]
    FROM_DATE_FIELD_NUMBER: _ClassVar[int]
    TO_DATE_FIELD_NUMBER: _ClassVar[int]
    PAGE_SIZE_FIELD_NUMBER: _ClassVar[int]
    PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    centre_id: str
    from_date: str
    to_date: str
    page_size: int
    page_token: str
    def __init__(self, centre_id: _Optional[str] = ..., from_date: _Optional[str] = ..., to_date: _Optional[str] = ..., page_size: _Optional[int] = ..., page_token: _Optional[str] = ...) -> None: ...

class HarvestPage(_message.Message):
    __slots__ = ("items", "next_page_token")
    ITEMS_FIELD_NUMBER: _ClassVar[int]
    NEXT_PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    items: _containers.RepeatedCompositeFieldContainer[Harvest]
    next_page_token: str
    def __init__(self, items: _Optional[_Iterable[_Union[Harvest, _Mapping]]] = ..., next_page_token: _Optional[str] = ...) -> None: ...

class BookSeriesRequest(_message.Message):
    __slots__ = ("space_id", "starts_at", "ends_at", "rule", "except_dates", "purpose", "attendees", "organisation_id", "person_id", "dry_run", "idempotency_key")
    SPACE_ID_FIELD_NUMBER: _ClassVar[int]
    STARTS_AT_FIELD_NUMBER: _ClassVar[int]
    ENDS_AT_FIELD_NUMBER: _ClassVar[int]
    RULE_FIELD_NUMBER: _ClassVar[int]
    EXCEPT_DATES_FIELD_NUMBER: _ClassVar[int]
    PURPOSE_FIELD_NUMBER: _ClassVar[int]
    ATTENDEES_FIELD_NUMBER: _ClassVar[int]
    ORGANISATION_ID_FIELD_NUMBER: _ClassVar[int]
    PERSON_ID_FIELD_NUMBER: _ClassVar[int]
    DRY_RUN_FIELD_NUMBER: _ClassVar[int]
    IDEMPOTENCY_KEY_FIELD_NUMBER: _ClassVar[int]
    space_id: str
    starts_at: str
    ends_at: str
    rule: str
    except_dates: _containers.RepeatedScalarFieldContainer[str]
    purpose: str
    attendees: int
    organisation_id: str
    person_id: str
    dry_run: bool
    idempotency_key: str
    def __init__(self, space_id: _Optional[str] = ..., starts_at: _Optional[str] = ..., ends_at: _Optional[str] = ..., rule: _Optional[str] = ..., except_dates: _Optional[_Iterable[str]] = ..., purpose: _Optional[str] = ..., attendees: _Optional[int] = ..., organisation_id: _Optional[str] = ..., person_id: _Optional[str] = ..., dry_run: _Optional[bool] = ..., idempotency_key: _Optional[str] = ...) -> None: ...

class Occurrence(_message.Message):
    __slots__ = ("date", "starts_at", "ends_at", "booking_id", "refused")
    DATE_FIELD_NUMBER: _ClassVar[int]
    STARTS_AT_FIELD_NUMBER: _ClassVar[int]
    ENDS_AT_FIELD_NUMBER: _ClassVar[int]
    BOOKING_ID_FIELD_NUMBER: _ClassVar[int]
    REFUSED_FIELD_NUMBER: _ClassVar[int]
    date: str
    starts_at: str
    ends_at: str
    booking_id: str
    refused: str
    def __init__(self, date: _Optional[str] = ..., starts_at: _Optional[str] = ..., ends_at: _Optional[str] = ..., booking_id: _Optional[str] = ..., refused: _Optional[str] = ...) -> None: ...

class SeriesReport(_message.Message):
    __slots__ = ("series_id", "written", "occurrences")
    SERIES_ID_FIELD_NUMBER: _ClassVar[int]
    WRITTEN_FIELD_NUMBER: _ClassVar[int]
    OCCURRENCES_FIELD_NUMBER: _ClassVar[int]
    series_id: str
    written: bool
    occurrences: _containers.RepeatedCompositeFieldContainer[Occurrence]
    def __init__(self, series_id: _Optional[str] = ..., written: _Optional[bool] = ..., occurrences: _Optional[_Iterable[_Union[Occurrence, _Mapping]]] = ...) -> None: ...

class StationOrganisationRequest(_message.Message):
    __slots__ = ("centre_id", "organisation_id", "term_start", "term_end", "promised", "idempotency_key")
    class PromisedEntry(_message.Message):
        __slots__ = ("key", "value")
        KEY_FIELD_NUMBER: _ClassVar[int]
        VALUE_FIELD_NUMBER: _ClassVar[int]
        key: str
        value: int
        def __init__(self, key: _Optional[str] = ..., value: _Optional[int] = ...) -> None: ...
    CENTRE_ID_FIELD_NUMBER: _ClassVar[int]
    ORGANISATION_ID_FIELD_NUMBER: _ClassVar[int]
    TERM_START_FIELD_NUMBER: _ClassVar[int]
    TERM_END_FIELD_NUMBER: _ClassVar[int]
    PROMISED_FIELD_NUMBER: _ClassVar[int]
    IDEMPOTENCY_KEY_FIELD_NUMBER: _ClassVar[int]
    centre_id: str
    organisation_id: str
    term_start: str
    term_end: str
    promised: _containers.ScalarMap[str, int]
    idempotency_key: str
    def __init__(self, centre_id: _Optional[str] = ..., organisation_id: _Optional[str] = ..., term_start: _Optional[str] = ..., term_end: _Optional[str] = ..., promised: _Optional[_Mapping[str, int]] = ..., idempotency_key: _Optional[str] = ...) -> None: ...

class Stationing(_message.Message):
    __slots__ = ("id", "centre_id", "organisation_id", "organisation_name", "term_start", "term_end", "promised")
    class PromisedEntry(_message.Message):
        __slots__ = ("key", "value")
        KEY_FIELD_NUMBER: _ClassVar[int]
        VALUE_FIELD_NUMBER: _ClassVar[int]
        key: str
        value: int
        def __init__(self, key: _Optional[str] = ..., value: _Optional[int] = ...) -> None: ...
    ID_FIELD_NUMBER: _ClassVar[int]
    CENTRE_ID_FIELD_NUMBER: _ClassVar[int]
    ORGANISATION_ID_FIELD_NUMBER: _ClassVar[int]
    ORGANISATION_NAME_FIELD_NUMBER: _ClassVar[int]
    TERM_START_FIELD_NUMBER: _ClassVar[int]
    TERM_END_FIELD_NUMBER: _ClassVar[int]
    PROMISED_FIELD_NUMBER: _ClassVar[int]
    id: str
    centre_id: str
    organisation_id: str
    organisation_name: str
    term_start: str
    term_end: str
    promised: _containers.ScalarMap[str, int]
    def __init__(self, id: _Optional[str] = ..., centre_id: _Optional[str] = ..., organisation_id: _Optional[str] = ..., organisation_name: _Optional[str] = ..., term_start: _Optional[str] = ..., term_end: _Optional[str] = ..., promised: _Optional[_Mapping[str, int]] = ...) -> None: ...

class ListStationedRequest(_message.Message):
    __slots__ = ("centre_id",)
    CENTRE_ID_FIELD_NUMBER: _ClassVar[int]
    centre_id: str
    def __init__(self, centre_id: _Optional[str] = ...) -> None: ...

class StationingList(_message.Message):
    __slots__ = ("items",)
    ITEMS_FIELD_NUMBER: _ClassVar[int]
    items: _containers.RepeatedCompositeFieldContainer[Stationing]
    def __init__(self, items: _Optional[_Iterable[_Union[Stationing, _Mapping]]] = ...) -> None: ...

class RecordDeliveryRequest(_message.Message):
    __slots__ = ("stationing_id", "kind", "count", "delivered_on", "note", "idempotency_key")
    STATIONING_ID_FIELD_NUMBER: _ClassVar[int]
    KIND_FIELD_NUMBER: _ClassVar[int]
    COUNT_FIELD_NUMBER: _ClassVar[int]
    DELIVERED_ON_FIELD_NUMBER: _ClassVar[int]
    NOTE_FIELD_NUMBER: _ClassVar[int]
    IDEMPOTENCY_KEY_FIELD_NUMBER: _ClassVar[int]
    stationing_id: str
    kind: str
    count: int
    delivered_on: str
    note: str
    idempotency_key: str
    def __init__(self, stationing_id: _Optional[str] = ..., kind: _Optional[str] = ..., count: _Optional[int] = ..., delivered_on: _Optional[str] = ..., note: _Optional[str] = ..., idempotency_key: _Optional[str] = ...) -> None: ...

class Delivery(_message.Message):
    __slots__ = ("id", "stationing_id", "kind", "count", "delivered_on", "note", "recorded_by")
    ID_FIELD_NUMBER: _ClassVar[int]
    STATIONING_ID_FIELD_NUMBER: _ClassVar[int]
    KIND_FIELD_NUMBER: _ClassVar[int]
    COUNT_FIELD_NUMBER: _ClassVar[int]
    DELIVERED_ON_FIELD_NUMBER: _ClassVar[int]
    NOTE_FIELD_NUMBER: _ClassVar[int]
    RECORDED_BY_FIELD_NUMBER: _ClassVar[int]
    id: str
    stationing_id: str
    kind: str
    count: int
    delivered_on: str
    note: str
    recorded_by: str
    def __init__(self, id: _Optional[str] = ..., stationing_id: _Optional[str] = ..., kind: _Optional[str] = ..., count: _Optional[int] = ..., delivered_on: _Optional[str] = ..., note: _Optional[str] = ..., recorded_by: _Optional[str] = ...) -> None: ...

class GetDeliveryReportRequest(_message.Message):
    __slots__ = ("centre_id", "quarter")
    CENTRE_ID_FIELD_NUMBER: _ClassVar[int]
    QUARTER_FIELD_NUMBER: _ClassVar[int]
    centre_id: str
    quarter: str
    def __init__(self, centre_id: _Optional[str] = ..., quarter: _Optional[str] = ...) -> None: ...

class KindDelivered(_message.Message):
    __slots__ = ("kind", "promised", "delivered", "kept")
    KIND_FIELD_NUMBER: _ClassVar[int]
    PROMISED_FIELD_NUMBER: _ClassVar[int]
    DELIVERED_FIELD_NUMBER: _ClassVar[int]
    KEPT_FIELD_NUMBER: _ClassVar[int]
    kind: str
    promised: int
    delivered: int
    kept: bool
    def __init__(self, kind: _Optional[str] = ..., promised: _Optional[int] = ..., delivered: _Optional[int] = ..., kept: _Optional[bool] = ...) -> None: ...

class OrganisationDeliveries(_message.Message):
    __slots__ = ("stationing_id", "organisation_id", "organisation_name", "kinds", "kept")
    STATIONING_ID_FIELD_NUMBER: _ClassVar[int]
    ORGANISATION_ID_FIELD_NUMBER: _ClassVar[int]
    ORGANISATION_NAME_FIELD_NUMBER: _ClassVar[int]
    KINDS_FIELD_NUMBER: _ClassVar[int]
    KEPT_FIELD_NUMBER: _ClassVar[int]
    stationing_id: str
    organisation_id: str
    organisation_name: str
    kinds: _containers.RepeatedCompositeFieldContainer[KindDelivered]
    kept: bool
    def __init__(self, stationing_id: _Optional[str] = ..., organisation_id: _Optional[str] = ..., organisation_name: _Optional[str] = ..., kinds: _Optional[_Iterable[_Union[KindDelivered, _Mapping]]] = ..., kept: _Optional[bool] = ...) -> None: ...

class DeliveryReport(_message.Message):
    __slots__ = ("centre_id", "quarter", "organisations")
    CENTRE_ID_FIELD_NUMBER: _ClassVar[int]
    QUARTER_FIELD_NUMBER: _ClassVar[int]
    ORGANISATIONS_FIELD_NUMBER: _ClassVar[int]
    centre_id: str
    quarter: str
    organisations: _containers.RepeatedCompositeFieldContainer[OrganisationDeliveries]
    def __init__(self, centre_id: _Optional[str] = ..., quarter: _Optional[str] = ..., organisations: _Optional[_Iterable[_Union[OrganisationDeliveries, _Mapping]]] = ...) -> None: ...

class ScheduleLifeMeetingRequest(_message.Message):
    __slots__ = ("space_id", "branch_id", "kind", "topic", "starts_at", "ends_at", "attendees", "rule", "except_dates", "dry_run", "idempotency_key")
    SPACE_ID_FIELD_NUMBER: _ClassVar[int]
    BRANCH_ID_FIELD_NUMBER: _ClassVar[int]
    KIND_FIELD_NUMBER: _ClassVar[int]
    TOPIC_FIELD_NUMBER: _ClassVar[int]
    STARTS_AT_FIELD_NUMBER: _ClassVar[int]
    ENDS_AT_FIELD_NUMBER: _ClassVar[int]
    ATTENDEES_FIELD_NUMBER: _ClassVar[int]
    RULE_FIELD_NUMBER: _ClassVar[int]
    EXCEPT_DATES_FIELD_NUMBER: _ClassVar[int]
    DRY_RUN_FIELD_NUMBER: _ClassVar[int]
    IDEMPOTENCY_KEY_FIELD_NUMBER: _ClassVar[int]
    space_id: str
    branch_id: str
    kind: str
    topic: str
    starts_at: str
    ends_at: str
    attendees: int
    rule: str
    except_dates: _containers.RepeatedScalarFieldContainer[str]
    dry_run: bool
    idempotency_key: str
    def __init__(self, space_id: _Optional[str] = ..., branch_id: _Optional[str] = ..., kind: _Optional[str] = ..., topic: _Optional[str] = ..., starts_at: _Optional[str] = ..., ends_at: _Optional[str] = ..., attendees: _Optional[int] = ..., rule: _Optional[str] = ..., except_dates: _Optional[_Iterable[str]] = ..., dry_run: _Optional[bool] = ..., idempotency_key: _Optional[str] = ...) -> None: ...

class LifeMeeting(_message.Message):
    __slots__ = ("id", "booking_id", "space_id", "centre_id", "branch_id", "branch_name", "kind", "topic", "starts_at", "ends_at", "booking_status", "held", "minutes", "minutes_by", "minutes_at", "attended")
    ID_FIELD_NUMBER: _ClassVar[int]
    BOOKING_ID_FIELD_NUMBER: _ClassVar[int]
    SPACE_ID_FIELD_NUMBER: _ClassVar[int]
    CENTRE_ID_FIELD_NUMBER: _ClassVar[int]
    BRANCH_ID_FIELD_NUMBER: _ClassVar[int]
    BRANCH_NAME_FIELD_NUMBER: _ClassVar[int]
    KIND_FIELD_NUMBER: _ClassVar[int]
    TOPIC_FIELD_NUMBER: _ClassVar[int]
    STARTS_AT_FIELD_NUMBER: _ClassVar[int]
    ENDS_AT_FIELD_NUMBER: _ClassVar[int]
    BOOKING_STATUS_FIELD_NUMBER: _ClassVar[int]
    HELD_FIELD_NUMBER: _ClassVar[int]
    MINUTES_FIELD_NUMBER: _ClassVar[int]
    MINUTES_BY_FIELD_NUMBER: _ClassVar[int]
    MINUTES_AT_FIELD_NUMBER: _ClassVar[int]
    ATTENDED_FIELD_NUMBER: _ClassVar[int]
    id: str
    booking_id: str
    space_id: str
    centre_id: str
    branch_id: str
    branch_name: str
    kind: str
    topic: str
    starts_at: str
    ends_at: str
    booking_status: str
    held: bool
    minutes: str
    minutes_by: str
    minutes_at: str
    attended: int
    def __init__(self, id: _Optional[str] = ..., booking_id: _Optional[str] = ..., space_id: _Optional[str] = ..., centre_id: _Optional[str] = ..., branch_id: _Optional[str] = ..., branch_name: _Optional[str] = ..., kind: _Optional[str] = ..., topic: _Optional[str] = ..., starts_at: _Optional[str] = ..., ends_at: _Optional[str] = ..., booking_status: _Optional[str] = ..., held: _Optional[bool] = ..., minutes: _Optional[str] = ..., minutes_by: _Optional[str] = ..., minutes_at: _Optional[str] = ..., attended: _Optional[int] = ...) -> None: ...

class MeetingSchedule(_message.Message):
    __slots__ = ("meetings", "written", "series_id", "occurrences")
    MEETINGS_FIELD_NUMBER: _ClassVar[int]
    WRITTEN_FIELD_NUMBER: _ClassVar[int]
    SERIES_ID_FIELD_NUMBER: _ClassVar[int]
    OCCURRENCES_FIELD_NUMBER: _ClassVar[int]
    meetings: _containers.RepeatedCompositeFieldContainer[LifeMeeting]
    written: bool
    series_id: str
    occurrences: _containers.RepeatedCompositeFieldContainer[Occurrence]
    def __init__(self, meetings: _Optional[_Iterable[_Union[LifeMeeting, _Mapping]]] = ..., written: _Optional[bool] = ..., series_id: _Optional[str] = ..., occurrences: _Optional[_Iterable[_Union[Occurrence, _Mapping]]] = ...) -> None: ...

class RecordMinutesRequest(_message.Message):
    __slots__ = ("meeting_id", "minutes", "idempotency_key")
    MEETING_ID_FIELD_NUMBER: _ClassVar[int]
    MINUTES_FIELD_NUMBER: _ClassVar[int]
    IDEMPOTENCY_KEY_FIELD_NUMBER: _ClassVar[int]
    meeting_id: str
    minutes: str
    idempotency_key: str
    def __init__(self, meeting_id: _Optional[str] = ..., minutes: _Optional[str] = ..., idempotency_key: _Optional[str] = ...) -> None: ...

class LifeMeetingRef(_message.Message):
    __slots__ = ("id",)
    ID_FIELD_NUMBER: _ClassVar[int]
    id: str
    def __init__(self, id: _Optional[str] = ...) -> None: ...

class LifeMeetingDetail(_message.Message):
    __slots__ = ("id", "booking_id", "space_id", "centre_id", "branch_id", "branch_name", "kind", "topic", "starts_at", "ends_at", "booking_status", "held", "minutes", "minutes_by", "minutes_at", "attended", "members", "attendees", "absent")
    ID_FIELD_NUMBER: _ClassVar[int]
    BOOKING_ID_FIELD_NUMBER: _ClassVar[int]
    SPACE_ID_FIELD_NUMBER: _ClassVar[int]
    CENTRE_ID_FIELD_NUMBER: _ClassVar[int]
    BRANCH_ID_FIELD_NUMBER: _ClassVar[int]
    BRANCH_NAME_FIELD_NUMBER: _ClassVar[int]
    KIND_FIELD_NUMBER: _ClassVar[int]
    TOPIC_FIELD_NUMBER: _ClassVar[int]
    STARTS_AT_FIELD_NUMBER: _ClassVar[int]
    ENDS_AT_FIELD_NUMBER: _ClassVar[int]
    BOOKING_STATUS_FIELD_NUMBER: _ClassVar[int]
    HELD_FIELD_NUMBER: _ClassVar[int]
    MINUTES_FIELD_NUMBER: _ClassVar[int]
    MINUTES_BY_FIELD_NUMBER: _ClassVar[int]
    MINUTES_AT_FIELD_NUMBER: _ClassVar[int]
    ATTENDED_FIELD_NUMBER: _ClassVar[int]
    MEMBERS_FIELD_NUMBER: _ClassVar[int]
    ATTENDEES_FIELD_NUMBER: _ClassVar[int]
    ABSENT_FIELD_NUMBER: _ClassVar[int]
    id: str
    booking_id: str
    space_id: str
    centre_id: str
    branch_id: str
    branch_name: str
    kind: str
    topic: str
    starts_at: str
    ends_at: str
    booking_status: str
    held: bool
    minutes: str
    minutes_by: str
    minutes_at: str
    attended: int
    members: int
    attendees: _containers.RepeatedScalarFieldContainer[str]
    absent: _containers.RepeatedScalarFieldContainer[str]
    def __init__(self, id: _Optional[str] = ..., booking_id: _Optional[str] = ..., space_id: _Optional[str] = ..., centre_id: _Optional[str] = ..., branch_id: _Optional[str] = ..., branch_name: _Optional[str] = ..., kind: _Optional[str] = ..., topic: _Optional[str] = ..., starts_at: _Optional[str] = ..., ends_at: _Optional[str] = ..., booking_status: _Optional[str] = ..., held: _Optional[bool] = ..., minutes: _Optional[str] = ..., minutes_by: _Optional[str] = ..., minutes_at: _Optional[str] = ..., attended: _Optional[int] = ..., members: _Optional[int] = ..., attendees: _Optional[_Iterable[str]] = ..., absent: _Optional[_Iterable[str]] = ...) -> None: ...

class ListLifeMeetingsRequest(_message.Message):
    __slots__ = ("branch_id", "community_code", "kind", "from_date", "to_date", "page_size", "page_token")
    BRANCH_ID_FIELD_NUMBER: _ClassVar[int]
    COMMUNITY_CODE_FIELD_NUMBER: _ClassVar[int]
    KIND_FIELD_NUMBER: _ClassVar[int]
    FROM_DATE_FIELD_NUMBER: _ClassVar[int]
    TO_DATE_FIELD_NUMBER: _ClassVar[int]
    PAGE_SIZE_FIELD_NUMBER: _ClassVar[int]
    PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    branch_id: str
    community_code: str
    kind: str
    from_date: str
    to_date: str
    page_size: int
    page_token: str
    def __init__(self, branch_id: _Optional[str] = ..., community_code: _Optional[str] = ..., kind: _Optional[str] = ..., from_date: _Optional[str] = ..., to_date: _Optional[str] = ..., page_size: _Optional[int] = ..., page_token: _Optional[str] = ...) -> None: ...

class LifeMeetingPage(_message.Message):
    __slots__ = ("items", "next_page_token")
    ITEMS_FIELD_NUMBER: _ClassVar[int]
    NEXT_PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    items: _containers.RepeatedCompositeFieldContainer[LifeMeeting]
    next_page_token: str
    def __init__(self, items: _Optional[_Iterable[_Union[LifeMeeting, _Mapping]]] = ..., next_page_token: _Optional[str] = ...) -> None: ...

class GetLifeRhythmRequest(_message.Message):
    __slots__ = ()
    def __init__(self) -> None: ...

class RhythmKind(_message.Message):
    __slots__ = ("kind", "every", "count", "default")
    KIND_FIELD_NUMBER: _ClassVar[int]
    EVERY_FIELD_NUMBER: _ClassVar[int]
    COUNT_FIELD_NUMBER: _ClassVar[int]
    DEFAULT_FIELD_NUMBER: _ClassVar[int]
    kind: str
    every: str
    count: int
    default: bool
    def __init__(self, kind: _Optional[str] = ..., every: _Optional[str] = ..., count: _Optional[int] = ..., default: _Optional[bool] = ...) -> None: ...

class LifeRhythm(_message.Message):
    __slots__ = ("items",)
    ITEMS_FIELD_NUMBER: _ClassVar[int]
    items: _containers.RepeatedCompositeFieldContainer[RhythmKind]
    def __init__(self, items: _Optional[_Iterable[_Union[RhythmKind, _Mapping]]] = ...) -> None: ...

class SetLifeRhythmRequest(_message.Message):
    __slots__ = ("kind", "every", "count", "idempotency_key")
    KIND_FIELD_NUMBER: _ClassVar[int]
    EVERY_FIELD_NUMBER: _ClassVar[int]
    COUNT_FIELD_NUMBER: _ClassVar[int]
    IDEMPOTENCY_KEY_FIELD_NUMBER: _ClassVar[int]
    kind: str
    every: str
    count: int
    idempotency_key: str
    def __init__(self, kind: _Optional[str] = ..., every: _Optional[str] = ..., count: _Optional[int] = ..., idempotency_key: _Optional[str] = ...) -> None: ...

class GetLifeFiguresRequest(_message.Message):
    __slots__ = ("division_code", "year", "quarter")
    DIVISION_CODE_FIELD_NUMBER: _ClassVar[int]
    YEAR_FIELD_NUMBER: _ClassVar[int]
    QUARTER_FIELD_NUMBER: _ClassVar[int]
    division_code: str
    year: int
    quarter: int
    def __init__(self, division_code: _Optional[str] = ..., year: _Optional[int] = ..., quarter: _Optional[int] = ...) -> None: ...

class KindFigure(_message.Message):
    __slots__ = ("kind", "every", "required", "held", "missed_periods")
    KIND_FIELD_NUMBER: _ClassVar[int]
    EVERY_FIELD_NUMBER: _ClassVar[int]
    REQUIRED_FIELD_NUMBER: _ClassVar[int]
    HELD_FIELD_NUMBER: _ClassVar[int]
    MISSED_PERIODS_FIELD_NUMBER: _ClassVar[int]
    kind: str
    every: str
    required: int
    held: int
    missed_periods: _containers.RepeatedScalarFieldContainer[str]
    def __init__(self, kind: _Optional[str] = ..., every: _Optional[str] = ..., required: _Optional[int] = ..., held: _Optional[int] = ..., missed_periods: _Optional[_Iterable[str]] = ...) -> None: ...

class BranchFigures(_message.Message):
    __slots__ = ("branch_id", "branch_name", "community", "behind", "kinds")
    BRANCH_ID_FIELD_NUMBER: _ClassVar[int]
    BRANCH_NAME_FIELD_NUMBER: _ClassVar[int]
    COMMUNITY_FIELD_NUMBER: _ClassVar[int]
    BEHIND_FIELD_NUMBER: _ClassVar[int]
    KINDS_FIELD_NUMBER: _ClassVar[int]
    branch_id: str
    branch_name: str
    community: str
    behind: bool
    kinds: _containers.RepeatedCompositeFieldContainer[KindFigure]
    def __init__(self, branch_id: _Optional[str] = ..., branch_name: _Optional[str] = ..., community: _Optional[str] = ..., behind: _Optional[bool] = ..., kinds: _Optional[_Iterable[_Union[KindFigure, _Mapping]]] = ...) -> None: ...

class CommunityFigures(_message.Message):
    __slots__ = ("community", "branches", "branches_behind", "required", "held")
    COMMUNITY_FIELD_NUMBER: _ClassVar[int]
    BRANCHES_FIELD_NUMBER: _ClassVar[int]
    BRANCHES_BEHIND_FIELD_NUMBER: _ClassVar[int]
    REQUIRED_FIELD_NUMBER: _ClassVar[int]
    HELD_FIELD_NUMBER: _ClassVar[int]
    community: str
    branches: int
    branches_behind: int
    required: int
    held: int
    def __init__(self, community: _Optional[str] = ..., branches: _Optional[int] = ..., branches_behind: _Optional[int] = ..., required: _Optional[int] = ..., held: _Optional[int] = ...) -> None: ...

class LifeFigures(_message.Message):
    __slots__ = ("division_code", "year", "quarter", "branches", "communities")
    DIVISION_CODE_FIELD_NUMBER: _ClassVar[int]
    YEAR_FIELD_NUMBER: _ClassVar[int]
    QUARTER_FIELD_NUMBER: _ClassVar[int]
    BRANCHES_FIELD_NUMBER: _ClassVar[int]
    COMMUNITIES_FIELD_NUMBER: _ClassVar[int]
    division_code: str
    year: int
    quarter: int
    branches: _containers.RepeatedCompositeFieldContainer[BranchFigures]
    communities: _containers.RepeatedCompositeFieldContainer[CommunityFigures]
    def __init__(self, division_code: _Optional[str] = ..., year: _Optional[int] = ..., quarter: _Optional[int] = ..., branches: _Optional[_Iterable[_Union[BranchFigures, _Mapping]]] = ..., communities: _Optional[_Iterable[_Union[CommunityFigures, _Mapping]]] = ...) -> None: ...

class OrderCourseRequest(_message.Message):
    __slots__ = ("centre_id", "course_type", "title", "note", "person_id", "idempotency_key")
    CENTRE_ID_FIELD_NUMBER: _ClassVar[int]
    COURSE_TYPE_FIELD_NUMBER: _ClassVar[int]
    TITLE_FIELD_NUMBER: _ClassVar[int]
    NOTE_FIELD_NUMBER: _ClassVar[int]
    PERSON_ID_FIELD_NUMBER: _ClassVar[int]
    IDEMPOTENCY_KEY_FIELD_NUMBER: _ClassVar[int]
    centre_id: str
    course_type: str
    title: str
    note: str
    person_id: str
    idempotency_key: str
    def __init__(self, centre_id: _Optional[str] = ..., course_type: _Optional[str] = ..., title: _Optional[str] = ..., note: _Optional[str] = ..., person_id: _Optional[str] = ..., idempotency_key: _Optional[str] = ...) -> None: ...

class CourseOrder(_message.Message):
    __slots__ = ("id", "centre_id", "district", "community", "course_type", "title", "note", "status", "wanted", "joined", "course_id", "reason", "ordered_at")
    ID_FIELD_NUMBER: _ClassVar[int]
    CENTRE_ID_FIELD_NUMBER: _ClassVar[int]
    DISTRICT_FIELD_NUMBER: _ClassVar[int]
    COMMUNITY_FIELD_NUMBER: _ClassVar[int]
    COURSE_TYPE_FIELD_NUMBER: _ClassVar[int]
    TITLE_FIELD_NUMBER: _ClassVar[int]
    NOTE_FIELD_NUMBER: _ClassVar[int]
    STATUS_FIELD_NUMBER: _ClassVar[int]
    WANTED_FIELD_NUMBER: _ClassVar[int]
    JOINED_FIELD_NUMBER: _ClassVar[int]
    COURSE_ID_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    ORDERED_AT_FIELD_NUMBER: _ClassVar[int]
    id: str
    centre_id: str
    district: str
    community: str
    course_type: str
    title: str
    note: str
    status: str
    wanted: int
    joined: bool
    course_id: str
    reason: str
    ordered_at: str
    def __init__(self, id: _Optional[str] = ..., centre_id: _Optional[str] = ..., district: _Optional[str] = ..., community: _Optional[str] = ..., course_type: _Optional[str] = ..., title: _Optional[str] = ..., note: _Optional[str] = ..., status: _Optional[str] = ..., wanted: _Optional[int] = ..., joined: _Optional[bool] = ..., course_id: _Optional[str] = ..., reason: _Optional[str] = ..., ordered_at: _Optional[str] = ...) -> None: ...

class JoinCourseOrderRequest(_message.Message):
    __slots__ = ("order_id", "person_id", "idempotency_key")
    ORDER_ID_FIELD_NUMBER: _ClassVar[int]
    PERSON_ID_FIELD_NUMBER: _ClassVar[int]
    IDEMPOTENCY_KEY_FIELD_NUMBER: _ClassVar[int]
    order_id: str
    person_id: str
    idempotency_key: str
    def __init__(self, order_id: _Optional[str] = ..., person_id: _Optional[str] = ..., idempotency_key: _Optional[str] = ...) -> None: ...

class WithdrawCourseOrderRequest(_message.Message):
    __slots__ = ("order_id", "reason", "idempotency_key")
    ORDER_ID_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    IDEMPOTENCY_KEY_FIELD_NUMBER: _ClassVar[int]
    order_id: str
    reason: str
    idempotency_key: str
    def __init__(self, order_id: _Optional[str] = ..., reason: _Optional[str] = ..., idempotency_key: _Optional[str] = ...) -> None: ...

class ListCourseOrdersRequest(_message.Message):
    __slots__ = ("centre_id", "status", "course_type", "page_size", "page_token")
    CENTRE_ID_FIELD_NUMBER: _ClassVar[int]
    STATUS_FIELD_NUMBER: _ClassVar[int]
    COURSE_TYPE_FIELD_NUMBER: _ClassVar[int]
    PAGE_SIZE_FIELD_NUMBER: _ClassVar[int]
    PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    centre_id: str
    status: str
    course_type: str
    page_size: int
    page_token: str
    def __init__(self, centre_id: _Optional[str] = ..., status: _Optional[str] = ..., course_type: _Optional[str] = ..., page_size: _Optional[int] = ..., page_token: _Optional[str] = ...) -> None: ...

class CourseOrderPage(_message.Message):
    __slots__ = ("items", "next_page_token")
    ITEMS_FIELD_NUMBER: _ClassVar[int]
    NEXT_PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    items: _containers.RepeatedCompositeFieldContainer[CourseOrder]
    next_page_token: str
    def __init__(self, items: _Optional[_Iterable[_Union[CourseOrder, _Mapping]]] = ..., next_page_token: _Optional[str] = ...) -> None: ...

class PlaceCourseOrderRequest(_message.Message):
    __slots__ = ("order_ids", "title", "sessions_wanted", "teams_by", "note", "idempotency_key")
    ORDER_IDS_FIELD_NUMBER: _ClassVar[int]
    TITLE_FIELD_NUMBER: _ClassVar[int]
    SESSIONS_WANTED_FIELD_NUMBER: _ClassVar[int]
    TEAMS_BY_FIELD_NUMBER: _ClassVar[int]
    NOTE_FIELD_NUMBER: _ClassVar[int]
    IDEMPOTENCY_KEY_FIELD_NUMBER: _ClassVar[int]
    order_ids: _containers.RepeatedScalarFieldContainer[str]
    title: str
    sessions_wanted: int
    teams_by: str
    note: str
    idempotency_key: str
    def __init__(self, order_ids: _Optional[_Iterable[str]] = ..., title: _Optional[str] = ..., sessions_wanted: _Optional[int] = ..., teams_by: _Optional[str] = ..., note: _Optional[str] = ..., idempotency_key: _Optional[str] = ...) -> None: ...

class CourseSession(_message.Message):
    __slots__ = ("booking_id", "space_id", "starts_at", "ends_at", "status", "attendance")
    BOOKING_ID_FIELD_NUMBER: _ClassVar[int]
    SPACE_ID_FIELD_NUMBER: _ClassVar[int]
    STARTS_AT_FIELD_NUMBER: _ClassVar[int]
    ENDS_AT_FIELD_NUMBER: _ClassVar[int]
    STATUS_FIELD_NUMBER: _ClassVar[int]
    ATTENDANCE_FIELD_NUMBER: _ClassVar[int]
    booking_id: str
    space_id: str
    starts_at: str
    ends_at: str
    status: str
    attendance: int
    def __init__(self, booking_id: _Optional[str] = ..., space_id: _Optional[str] = ..., starts_at: _Optional[str] = ..., ends_at: _Optional[str] = ..., status: _Optional[str] = ..., attendance: _Optional[int] = ...) -> None: ...

class Course(_message.Message):
    __slots__ = ("id", "centre_id", "district", "community", "course_type", "title", "sessions_wanted", "teams_by", "note", "status", "placed_by", "order_ids", "joiners", "team_id", "team_name", "team_stationed", "accepted_by", "sessions", "attendance", "rating_average", "rating_count", "reason")
    ID_FIELD_NUMBER: _ClassVar[int]
    CENTRE_ID_FIELD_NUMBER: _ClassVar[int]
    DISTRICT_FIELD_NUMBER: _ClassVar[int]
    COMMUNITY_FIELD_NUMBER: _ClassVar[int]
    COURSE_TYPE_FIELD_NUMBER: _ClassVar[int]
    TITLE_FIELD_NUMBER: _ClassVar[int]
    SESSIONS_WANTED_FIELD_NUMBER: _ClassVar[int]
    TEAMS_BY_FIELD_NUMBER: _ClassVar[int]
    NOTE_FIELD_NUMBER: _ClassVar[int]
    STATUS_FIELD_NUMBER: _ClassVar[int]
    PLACED_BY_FIELD_NUMBER: _ClassVar[int]
    ORDER_IDS_FIELD_NUMBER: _ClassVar[int]
    JOINERS_FIELD_NUMBER: _ClassVar[int]
    TEAM_ID_FIELD_NUMBER: _ClassVar[int]
    TEAM_NAME_FIELD_NUMBER: _ClassVar[int]
    TEAM_STATIONED_FIELD_NUMBER: _ClassVar[int]
    ACCEPTED_BY_FIELD_NUMBER: _ClassVar[int]
    SESSIONS_FIELD_NUMBER: _ClassVar[int]
    ATTENDANCE_FIELD_NUMBER: _ClassVar[int]
    RATING_AVERAGE_FIELD_NUMBER: _ClassVar[int]
    RATING_COUNT_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    id: str
    centre_id: str
    district: str
    community: str
    course_type: str
    title: str
    sessions_wanted: int
    teams_by: str
    note: str
    status: str
    placed_by: str
    order_ids: _containers.RepeatedScalarFieldContainer[str]
    joiners: int
    team_id: str
    team_name: str
    team_stationed: bool
    accepted_by: str
    sessions: _containers.RepeatedCompositeFieldContainer[CourseSession]
    attendance: int
    rating_average: float
    rating_count: int
    reason: str
    def __init__(self, id: _Optional[str] = ..., centre_id: _Optional[str] = ..., district: _Optional[str] = ..., community: _Optional[str] = ..., course_type: _Optional[str] = ..., title: _Optional[str] = ..., sessions_wanted: _Optional[int] = ..., teams_by: _Optional[str] = ..., note: _Optional[str] = ..., status: _Optional[str] = ..., placed_by: _Optional[str] = ..., order_ids: _Optional[_Iterable[str]] = ..., joiners: _Optional[int] = ..., team_id: _Optional[str] = ..., team_name: _Optional[str] = ..., team_stationed: _Optional[bool] = ..., accepted_by: _Optional[str] = ..., sessions: _Optional[_Iterable[_Union[CourseSession, _Mapping]]] = ..., attendance: _Optional[int] = ..., rating_average: _Optional[float] = ..., rating_count: _Optional[int] = ..., reason: _Optional[str] = ...) -> None: ...

class AcceptCourseOrderRequest(_message.Message):
    __slots__ = ("course_id", "organisation_id", "idempotency_key")
    COURSE_ID_FIELD_NUMBER: _ClassVar[int]
    ORGANISATION_ID_FIELD_NUMBER: _ClassVar[int]
    IDEMPOTENCY_KEY_FIELD_NUMBER: _ClassVar[int]
    course_id: str
    organisation_id: str
    idempotency_key: str
    def __init__(self, course_id: _Optional[str] = ..., organisation_id: _Optional[str] = ..., idempotency_key: _Optional[str] = ...) -> None: ...

class ScheduleCourseRequest(_message.Message):
    __slots__ = ("course_id", "space_id", "starts_at", "ends_at", "attendees", "idempotency_key")
    COURSE_ID_FIELD_NUMBER: _ClassVar[int]
    SPACE_ID_FIELD_NUMBER: _ClassVar[int]
    STARTS_AT_FIELD_NUMBER: _ClassVar[int]
    ENDS_AT_FIELD_NUMBER: _ClassVar[int]
    ATTENDEES_FIELD_NUMBER: _ClassVar[int]
    IDEMPOTENCY_KEY_FIELD_NUMBER: _ClassVar[int]
    course_id: str
    space_id: str
    starts_at: str
    ends_at: str
    attendees: int
    idempotency_key: str
    def __init__(self, course_id: _Optional[str] = ..., space_id: _Optional[str] = ..., starts_at: _Optional[str] = ..., ends_at: _Optional[str] = ..., attendees: _Optional[int] = ..., idempotency_key: _Optional[str] = ...) -> None: ...

class MarkCourseHeldRequest(_message.Message):
    __slots__ = ("course_id", "note", "idempotency_key")
    COURSE_ID_FIELD_NUMBER: _ClassVar[int]
    NOTE_FIELD_NUMBER: _ClassVar[int]
    IDEMPOTENCY_KEY_FIELD_NUMBER: _ClassVar[int]
    course_id: str
    note: str
    idempotency_key: str
    def __init__(self, course_id: _Optional[str] = ..., note: _Optional[str] = ..., idempotency_key: _Optional[str] = ...) -> None: ...

class CancelCourseRequest(_message.Message):
    __slots__ = ("course_id", "reason", "idempotency_key")
    COURSE_ID_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    IDEMPOTENCY_KEY_FIELD_NUMBER: _ClassVar[int]
    course_id: str
    reason: str
    idempotency_key: str
    def __init__(self, course_id: _Optional[str] = ..., reason: _Optional[str] = ..., idempotency_key: _Optional[str] = ...) -> None: ...

class RateCourseRequest(_message.Message):
    __slots__ = ("course_id", "stars", "comment", "person_id", "idempotency_key")
    COURSE_ID_FIELD_NUMBER: _ClassVar[int]
    STARS_FIELD_NUMBER: _ClassVar[int]
    COMMENT_FIELD_NUMBER: _ClassVar[int]
    PERSON_ID_FIELD_NUMBER: _ClassVar[int]
    IDEMPOTENCY_KEY_FIELD_NUMBER: _ClassVar[int]
    course_id: str
    stars: int
    comment: str
    person_id: str
    idempotency_key: str
    def __init__(self, course_id: _Optional[str] = ..., stars: _Optional[int] = ..., comment: _Optional[str] = ..., person_id: _Optional[str] = ..., idempotency_key: _Optional[str] = ...) -> None: ...

class CourseRating(_message.Message):
    __slots__ = ("id", "course_id", "person_id", "stars", "comment", "rated_at")
    ID_FIELD_NUMBER: _ClassVar[int]
    COURSE_ID_FIELD_NUMBER: _ClassVar[int]
    PERSON_ID_FIELD_NUMBER: _ClassVar[int]
    STARS_FIELD_NUMBER: _ClassVar[int]
    COMMENT_FIELD_NUMBER: _ClassVar[int]
    RATED_AT_FIELD_NUMBER: _ClassVar[int]
    id: str
    course_id: str
    person_id: str
    stars: int
    comment: str
    rated_at: str
    def __init__(self, id: _Optional[str] = ..., course_id: _Optional[str] = ..., person_id: _Optional[str] = ..., stars: _Optional[int] = ..., comment: _Optional[str] = ..., rated_at: _Optional[str] = ...) -> None: ...

class CourseRef(_message.Message):
    __slots__ = ("id",)
    ID_FIELD_NUMBER: _ClassVar[int]
    id: str
    def __init__(self, id: _Optional[str] = ...) -> None: ...

class ListCoursesRequest(_message.Message):
    __slots__ = ("centre_id", "status", "course_type", "organisation_id", "page_size", "page_token")
    CENTRE_ID_FIELD_NUMBER: _ClassVar[int]
    STATUS_FIELD_NUMBER: _ClassVar[int]
    COURSE_TYPE_FIELD_NUMBER: _ClassVar[int]
    ORGANISATION_ID_FIELD_NUMBER: _ClassVar[int]
    PAGE_SIZE_FIELD_NUMBER: _ClassVar[int]
    PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    centre_id: str
    status: str
    course_type: str
    organisation_id: str
    page_size: int
    page_token: str
    def __init__(self, centre_id: _Optional[str] = ..., status: _Optional[str] = ..., course_type: _Optional[str] = ..., organisation_id: _Optional[str] = ..., page_size: _Optional[int] = ..., page_token: _Optional[str] = ...) -> None: ...

class CoursePage(_message.Message):
    __slots__ = ("items", "next_page_token")
    ITEMS_FIELD_NUMBER: _ClassVar[int]
    NEXT_PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    items: _containers.RepeatedCompositeFieldContainer[Course]
    next_page_token: str
    def __init__(self, items: _Optional[_Iterable[_Union[Course, _Mapping]]] = ..., next_page_token: _Optional[str] = ...) -> None: ...

class CreateFeedRequest(_message.Message):
    __slots__ = ("space_id", "organisation_id", "idempotency_key")
    SPACE_ID_FIELD_NUMBER: _ClassVar[int]
    ORGANISATION_ID_FIELD_NUMBER: _ClassVar[int]
    IDEMPOTENCY_KEY_FIELD_NUMBER: _ClassVar[int]
    space_id: str
    organisation_id: str
    idempotency_key: str
    def __init__(self, space_id: _Optional[str] = ..., organisation_id: _Optional[str] = ..., idempotency_key: _Optional[str] = ...) -> None: ...

class Feed(_message.Message):
    __slots__ = ("id", "district", "division", "space_id", "organisation_id", "organisation_name", "created_by", "created_at", "status", "revoked_at", "revoked_by", "revoke_reason")
    ID_FIELD_NUMBER: _ClassVar[int]
    DISTRICT_FIELD_NUMBER: _ClassVar[int]
    DIVISION_FIELD_NUMBER: _ClassVar[int]
    SPACE_ID_FIELD_NUMBER: _ClassVar[int]
    ORGANISATION_ID_FIELD_NUMBER: _ClassVar[int]
    ORGANISATION_NAME_FIELD_NUMBER: _ClassVar[int]
    CREATED_BY_FIELD_NUMBER: _ClassVar[int]
    CREATED_AT_FIELD_NUMBER: _ClassVar[int]
    STATUS_FIELD_NUMBER: _ClassVar[int]
    REVOKED_AT_FIELD_NUMBER: _ClassVar[int]
    REVOKED_BY_FIELD_NUMBER: _ClassVar[int]
    REVOKE_REASON_FIELD_NUMBER: _ClassVar[int]
    id: str
    district: str
    division: str
    space_id: str
    organisation_id: str
    organisation_name: str
    created_by: str
    created_at: str
    status: str
    revoked_at: str
    revoked_by: str
    revoke_reason: str
    def __init__(self, id: _Optional[str] = ..., district: _Optional[str] = ..., division: _Optional[str] = ..., space_id: _Optional[str] = ..., organisation_id: _Optional[str] = ..., organisation_name: _Optional[str] = ..., created_by: _Optional[str] = ..., created_at: _Optional[str] = ..., status: _Optional[str] = ..., revoked_at: _Optional[str] = ..., revoked_by: _Optional[str] = ..., revoke_reason: _Optional[str] = ...) -> None: ...

class NewFeed(_message.Message):
    __slots__ = ("feed", "token", "path")
    FEED_FIELD_NUMBER: _ClassVar[int]
    TOKEN_FIELD_NUMBER: _ClassVar[int]
    PATH_FIELD_NUMBER: _ClassVar[int]
    feed: Feed
    token: str
    path: str
    def __init__(self, feed: _Optional[_Union[Feed, _Mapping]] = ..., token: _Optional[str] = ..., path: _Optional[str] = ...) -> None: ...

class ListFeedsRequest(_message.Message):
    __slots__ = ("space_id", "organisation_id", "include_revoked")
    SPACE_ID_FIELD_NUMBER: _ClassVar[int]
    ORGANISATION_ID_FIELD_NUMBER: _ClassVar[int]
    INCLUDE_REVOKED_FIELD_NUMBER: _ClassVar[int]
    space_id: str
    organisation_id: str
    include_revoked: bool
    def __init__(self, space_id: _Optional[str] = ..., organisation_id: _Optional[str] = ..., include_revoked: _Optional[bool] = ...) -> None: ...

class FeedList(_message.Message):
    __slots__ = ("items",)
    ITEMS_FIELD_NUMBER: _ClassVar[int]
    items: _containers.RepeatedCompositeFieldContainer[Feed]
    def __init__(self, items: _Optional[_Iterable[_Union[Feed, _Mapping]]] = ...) -> None: ...

class RevokeFeedRequest(_message.Message):
    __slots__ = ("feed_id", "reason", "idempotency_key")
    FEED_ID_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    IDEMPOTENCY_KEY_FIELD_NUMBER: _ClassVar[int]
    feed_id: str
    reason: str
    idempotency_key: str
    def __init__(self, feed_id: _Optional[str] = ..., reason: _Optional[str] = ..., idempotency_key: _Optional[str] = ...) -> None: ...

class ImportCentresRequest(_message.Message):
    __slots__ = ("content", "format", "dry_run", "idempotency_key")
    CONTENT_FIELD_NUMBER: _ClassVar[int]
    FORMAT_FIELD_NUMBER: _ClassVar[int]
    DRY_RUN_FIELD_NUMBER: _ClassVar[int]
    IDEMPOTENCY_KEY_FIELD_NUMBER: _ClassVar[int]
    content: bytes
    format: str
    dry_run: bool
    idempotency_key: str
    def __init__(self, content: _Optional[bytes] = ..., format: _Optional[str] = ..., dry_run: _Optional[bool] = ..., idempotency_key: _Optional[str] = ...) -> None: ...

class ImportLine(_message.Message):
    __slots__ = ("row", "status", "centre_id", "space_id")
    ROW_FIELD_NUMBER: _ClassVar[int]
    STATUS_FIELD_NUMBER: _ClassVar[int]
    CENTRE_ID_FIELD_NUMBER: _ClassVar[int]
    SPACE_ID_FIELD_NUMBER: _ClassVar[int]
    row: int
    status: str
    centre_id: str
    space_id: str
    def __init__(self, row: _Optional[int] = ..., status: _Optional[str] = ..., centre_id: _Optional[str] = ..., space_id: _Optional[str] = ...) -> None: ...

class ImportProblem(_message.Message):
    __slots__ = ("row", "column", "reason")
    ROW_FIELD_NUMBER: _ClassVar[int]
    COLUMN_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    row: int
    column: str
    reason: str
    def __init__(self, row: _Optional[int] = ..., column: _Optional[str] = ..., reason: _Optional[str] = ...) -> None: ...

class CentresImportReport(_message.Message):
    __slots__ = ("rows", "written", "unchanged", "centres_created", "dry_run", "lines", "problems")
    ROWS_FIELD_NUMBER: _ClassVar[int]
    WRITTEN_FIELD_NUMBER: _ClassVar[int]
    UNCHANGED_FIELD_NUMBER: _ClassVar[int]
    CENTRES_CREATED_FIELD_NUMBER: _ClassVar[int]
    DRY_RUN_FIELD_NUMBER: _ClassVar[int]
    LINES_FIELD_NUMBER: _ClassVar[int]
    PROBLEMS_FIELD_NUMBER: _ClassVar[int]
    rows: int
    written: int
    unchanged: int
    centres_created: int
    dry_run: bool
    lines: _containers.RepeatedCompositeFieldContainer[ImportLine]
    problems: _containers.RepeatedCompositeFieldContainer[ImportProblem]
    def __init__(self, rows: _Optional[int] = ..., written: _Optional[int] = ..., unchanged: _Optional[int] = ..., centres_created: _Optional[int] = ..., dry_run: _Optional[bool] = ..., lines: _Optional[_Iterable[_Union[ImportLine, _Mapping]]] = ..., problems: _Optional[_Iterable[_Union[ImportProblem, _Mapping]]] = ...) -> None: ...
