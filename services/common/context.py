"""The request context: who is calling, in which scope, under which request id.

It travels in nameko context data and in gRPC metadata (``authorization`` bearer token,
``x-request-id``). Every application function takes one; repositories scope queries by
``ctx.district`` so callers cannot forget it.
"""
from __future__ import annotations

import contextvars
import uuid
from dataclasses import dataclass, field, replace

from services.common.divisions import within
from services.common.errors import PermissionDenied

#: the request id of the work in progress, for logs (see services.common.logs)
current_request_id: contextvars.ContextVar[str] = contextvars.ContextVar("request_id", default="-")


class Role:
    """Roles carried in tokens. Anything not granted is denied."""

    CITY_ADMIN = "city_admin"          # 市级管理员: all districts, read-mostly
    DISTRICT_ADMIN = "district_admin"  # 区级管理员
    SUBDISTRICT_STAFF = "subdistrict_staff"  # 街道工作人员
    COMMUNITY_WORKER = "community_worker"    # 社区工作者
    MEDIATOR = "mediator"              # 调解员
    RESIDENT = "resident"              # 居民
    PARTNER_UNIT = "partner_unit"      # 共驻共建单位
    OPERATOR = "operator"              # 运维: rollout and operations, no personal data
    SERVICE = "service"                # another cityplat service acting on an event

    ALL = frozenset({CITY_ADMIN, DISTRICT_ADMIN, SUBDISTRICT_STAFF, COMMUNITY_WORKER, MEDIATOR,
                     RESIDENT, PARTNER_UNIT, OPERATOR, SERVICE})


#: roles that may hold a token without a district
CITY_WIDE_ROLES = frozenset({Role.CITY_ADMIN, Role.OPERATOR, Role.SERVICE})


@dataclass(frozen=True)
class RequestContext:
    actor: str
    roles: frozenset[str]
    district: str | None  # None only for city-wide roles
    subdistrict: str | None = None
    community: str | None = None
    request_id: str = field(default_factory=lambda: uuid.uuid4().hex)

    @property
    def city_wide(self) -> bool:
        """City staff, operators and services without a district claim see every district
        (what they may do there is still limited by each service's policy)."""
        return self.district is None and bool(self.roles & CITY_WIDE_ROLES)

    def has_any(self, *roles: str) -> bool:
        return bool(self.roles.intersection(roles))

    def can_see_district(self, district: str) -> bool:
        return self.city_wide or self.district == district

    def can_see_division(self, code: str) -> bool:
        """A division code is visible when it lies inside the caller's scope.

        Statistical codes nest (310101 ⊃ 310101002 ⊃ 310101002001), so scope is ``within`` one way
        or the other (inside the scope, or one of its ancestors); sub-district and community scopes
        narrow it further.
        """
        if self.city_wide:
            return True
        narrowest = self.community or self.subdistrict or self.district
        return bool(narrowest) and (within(code, narrowest) or within(narrowest, code))

    def can_change_division(self, code: str) -> bool:
        """Writes are allowed only inside the caller's narrowest scope (not on its ancestors)."""
        if self.city_wide:
            return True
        narrowest = self.community or self.subdistrict or self.district
        return bool(narrowest) and within(code, narrowest)

    def check_scope(self, code: str, field: str = "division_code", write: bool = False) -> None:
        ok = self.can_change_division(code) if write else self.can_see_division(code)
        if not ok:
            scope = self.community or self.subdistrict or self.district
            raise PermissionDenied(f"{code} is outside the caller's scope {scope}", field)

    def check_district(self, district: str, what: str = "district") -> None:
        if not self.can_see_district(district):
            raise PermissionDenied(f"outside the caller's district {self.district}", what)

    def for_district(self, district: str) -> "RequestContext":
        return replace(self, district=district)


def system_context(actor: str = "system", district: str | None = None) -> RequestContext:
    """Context for timers and relays acting on the platform's own behalf."""
    return RequestContext(actor=actor, roles=frozenset({Role.SERVICE}), district=district)
