"""JWT authentication and role-based permission checks (deny by default).

Tokens are HS256-signed JWTs with claims: ``sub`` (actor), ``roles`` (list), ``district``
(tenant; absent only for city-wide roles), optional ``subdistrict`` and ``community``,
``iss``, ``iat``, ``exp``. ``cityplat token`` mints them for local use.
"""
from __future__ import annotations

import threading
import time
from typing import Iterable, Mapping

import cachetools
import jwt

from services.common.config import Settings, get_settings
from services.common.context import CITY_WIDE_ROLES, RequestContext, Role
from services.common.errors import InvalidArgument, PermissionDenied, Unauthenticated
from services.common.divisions import DIGITS, check_code_format, within


def mint_token(actor: str, roles: Iterable[str], district: str | None, subdistrict: str | None = None,
               community: str | None = None, ttl_seconds: int | None = None,
               settings: Settings | None = None) -> str:
    settings = settings or get_settings()
    roles = sorted(set(roles))
    if not roles:
        raise InvalidArgument("at least one role is required", "roles")
    unknown = [r for r in roles if r not in Role.ALL]
    if unknown:
        raise InvalidArgument(f"unknown role(s) {', '.join(unknown)}; known: {', '.join(sorted(Role.ALL))}", "roles")
    if district is None and not CITY_WIDE_ROLES.intersection(roles):
        raise InvalidArgument("is required for roles that are not city-wide", "district")
    if district is not None:
        check_code_format(district, "district", "district")
    if (subdistrict or community) and district is None:
        raise InvalidArgument("a sub-district or community scope needs its district", "district")
    if subdistrict is not None:
        check_code_format(subdistrict, "subdistrict", "subdistrict", parent=district)
    if community is not None:
        check_code_format(community, "community", "community", parent=subdistrict)
        if district is not None and not within(community, district):
            raise InvalidArgument(f"{community} lies outside district {district}", "community")
    now = int(time.time())
    claims = {"sub": actor, "roles": roles, "iss": settings.auth["jwt_issuer"], "iat": now,
              "exp": now + int(ttl_seconds or settings.auth["token_ttl_seconds"])}
    for key, value in (("district", district), ("subdistrict", subdistrict), ("community", community)):
        if value:
            claims[key] = value
    return jwt.encode(claims, settings.auth["jwt_secret"], algorithm=settings.auth["jwt_algorithm"])


# Checking a signature costs more than the rest of a small request, and a client sends the same
# token for hours: a verified token's claims are remembered for a minute, never past its expiry.
# Tokens are stateless (nothing revokes one), so a remembered one is as valid as a re-checked one.
_verified = cachetools.TTLCache(maxsize=10_000, ttl=60)
_verified_lock = threading.Lock()


def context_from_token(token: str | None, request_id: str | None = None,
                       settings: Settings | None = None) -> RequestContext:
    """Verify a bearer token and build the request context; Unauthenticated if anything is off."""
    settings = settings or get_settings()
    if not token:
        raise Unauthenticated("missing bearer token", "authorization")
    if token.lower().startswith("bearer "):
        token = token[7:].strip()
    key = (token, settings.auth["jwt_secret"], settings.auth["jwt_algorithm"], settings.auth["jwt_issuer"])
    with _verified_lock:
        known = _verified.get(key)
    if known is None or known[0] <= time.time():
        known = _verify(token, settings)
        with _verified_lock:
            _verified[key] = known
    _, actor, roles, district, subdistrict, community = known
    kwargs = {"request_id": request_id} if request_id else {}
    return RequestContext(actor=actor, roles=roles, district=district, subdistrict=subdistrict, community=community,
                          **kwargs)


def _verify(token: str, settings: Settings) -> tuple:
    """(expiry, actor, roles, district, subdistrict, community) of a token whose signature and claims check."""
    try:
        claims = jwt.decode(token, settings.auth["jwt_secret"], algorithms=[settings.auth["jwt_algorithm"]],
                            issuer=settings.auth["jwt_issuer"], options={"require": ["exp", "iat", "sub"]})
    except jwt.ExpiredSignatureError:
        raise Unauthenticated("token has expired", "authorization")
    except jwt.InvalidTokenError as exc:
        raise Unauthenticated(f"invalid token ({exc})", "authorization")
    roles = frozenset(r for r in claims.get("roles") or () if r in Role.ALL)
    if not roles:
        raise Unauthenticated("token carries no known role", "authorization")
    district = claims.get("district")
    if district is None and not CITY_WIDE_ROLES.intersection(roles):
        raise Unauthenticated("token has no district claim", "authorization")
    if district is not None and (not isinstance(district, str) or len(district) != DIGITS["district"]
                                 or not district.isdigit()):
        raise Unauthenticated(f"token's district claim must be 6 digits, got {district!r}", "authorization")
    subdistrict, community = _nested_scope(district, claims.get("subdistrict"), claims.get("community"))
    return (claims["exp"], str(claims["sub"]), roles, district, subdistrict, community)


def _nested_scope(district, subdistrict, community) -> tuple[str | None, str | None]:
    """A token's finer scope must lie inside its coarser one: a sub-district inside the district, a
    community inside the sub-district. A token that names one outside is refused outright (were it
    honoured, its scope would reach another district's records). A community alone implies its
    sub-district."""
    for value, level, parent, what in ((subdistrict, "subdistrict", district, "district"),
                                       (community, "community", subdistrict or district, "sub-district"
                                        if subdistrict else "district")):
        if value is None:
            continue
        if not isinstance(value, str) or len(value) != DIGITS[level] or not value.isdigit():
            raise Unauthenticated(f"token's {level} claim must be {DIGITS[level]} digits, got {value!r}",
                                  "authorization")
        if not parent:
            raise Unauthenticated(f"token's {level} claim {value} needs a district claim", "authorization")
        if not within(value, parent):
            raise Unauthenticated(f"token's {level} {value} lies outside its {what} {parent}", "authorization")
    if community and not subdistrict:
        subdistrict = community[:DIGITS["subdistrict"]]
    return subdistrict, community


class Policy:
    """Which roles may perform which action. An action missing here is denied to everyone."""

    def __init__(self, grants: Mapping[str, Iterable[str]]):
        self._grants = {action: frozenset(roles) for action, roles in grants.items()}

    def actions(self):
        return sorted(self._grants)

    def check(self, ctx: RequestContext, action: str) -> None:
        allowed = self._grants.get(action, frozenset())
        if not ctx.roles.intersection(allowed):
            raise PermissionDenied(f"roles {', '.join(sorted(ctx.roles))} may not {action}", "roles")
