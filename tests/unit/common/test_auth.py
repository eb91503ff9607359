"""JWT tokens, the request context's scope rules and the deny-by-default policy."""
from __future__ import annotations

import time

import jwt
import pytest

from services.common.auth import Policy, context_from_token, mint_token
from services.common.config import build_settings
from services.common.context import CITY_WIDE_ROLES, RequestContext, Role, system_context
from services.common.errors import InvalidArgument, PermissionDenied, Unauthenticated


@pytest.fixture
def s():
    return build_settings({})


def _encode(claims: dict, settings, secret: str | None = None) -> str:
    return jwt.encode(claims, secret or settings.auth["jwt_secret"], algorithm=settings.auth["jwt_algorithm"])


def _claims(settings, **overrides):
    now = int(time.time())
    claims = {"sub": "alice", "roles": ["district_admin"], "district": "310101", "iss": settings.auth["jwt_issuer"],
              "iat": now, "exp": now + 600}
    claims.update(overrides)
    return {k: v for k, v in claims.items() if v is not None}


# ---- mint and verify

def test_a_minted_token_verifies_to_the_same_context(s):
    token = mint_token("alice", ["district_admin", "community_worker"], "310101", "310101002", "310101002001",
                       settings=s)
    ctx = context_from_token(token, request_id="req-1", settings=s)
    assert ctx.actor == "alice"
    assert ctx.roles == frozenset({"district_admin", "community_worker"})
    assert (ctx.district, ctx.subdistrict, ctx.community) == ("310101", "310101002", "310101002001")
    assert ctx.request_id == "req-1"
    assert not ctx.city_wide


def test_the_bearer_prefix_is_accepted(s):
    token = mint_token("bob", ["resident"], "310104", settings=s)
    assert context_from_token(f"Bearer {token}", settings=s).district == "310104"
    assert context_from_token(f"bearer {token}", settings=s).actor == "bob"


def test_claims_carry_issuer_and_expiry(s):
    token = mint_token("alice", ["district_admin"], "310101", ttl_seconds=60, settings=s)
    claims = jwt.decode(token, s.auth["jwt_secret"], algorithms=["HS256"], issuer=s.auth["jwt_issuer"])
    assert claims["iss"] == "cityplat"
    assert claims["exp"] - claims["iat"] == 60
    assert "subdistrict" not in claims


def test_a_city_wide_role_needs_no_district(s):
    ctx = context_from_token(mint_token("ops", ["operator"], None, settings=s), settings=s)
    assert ctx.district is None and ctx.city_wide


def test_without_a_request_id_one_is_generated(s):
    ctx = context_from_token(mint_token("a", ["resident"], "310101", settings=s), settings=s)
    assert len(ctx.request_id) == 32


# ---- refused tokens

@pytest.mark.parametrize("token", [None, ""])
def test_a_missing_token_is_unauthenticated(s, token):
    with pytest.raises(Unauthenticated) as err:
        context_from_token(token, settings=s)
    assert err.value.field == "authorization"
    assert "missing" in err.value.message


def test_an_expired_token_is_unauthenticated(s):
    token = _encode(_claims(s, iat=int(time.time()) - 120, exp=int(time.time()) - 60), s)
    with pytest.raises(Unauthenticated) as err:
        context_from_token(token, settings=s)
    assert "expired" in err.value.message


def test_a_negative_ttl_mints_an_already_expired_token(s):
    token = mint_token("alice", ["district_admin"], "310101", ttl_seconds=-5, settings=s)
    with pytest.raises(Unauthenticated, match="expired"):
        context_from_token(token, settings=s)


def test_a_forged_signature_is_unauthenticated(s):
    forged = _encode(_claims(s), s, secret="not-the-platform-secret-but-long-enough")
    with pytest.raises(Unauthenticated) as err:
        context_from_token(forged, settings=s)
    assert "invalid token" in err.value.message


def test_a_tampered_payload_is_unauthenticated(s):
    header, payload, signature = mint_token("alice", ["resident"], "310101", settings=s).split(".")
    other = mint_token("alice", ["district_admin"], "310101", settings=s).split(".")[1]
    with pytest.raises(Unauthenticated):
        context_from_token(f"{header}.{other}.{signature}", settings=s)


def test_a_wrong_issuer_is_unauthenticated(s):
    other = build_settings({"CITYPLAT_AUTH__JWT_ISSUER": "someone-else"})
    token = mint_token("alice", ["district_admin"], "310101", settings=other)
    with pytest.raises(Unauthenticated) as err:
        context_from_token(token, settings=s)
    assert "issuer" in err.value.message.lower()


def test_garbage_is_unauthenticated(s):
    with pytest.raises(Unauthenticated):
        context_from_token("not.a.jwt", settings=s)


def test_a_token_without_expiry_is_unauthenticated(s):
    claims = _claims(s)
    del claims["exp"]
    with pytest.raises(Unauthenticated):
        context_from_token(_encode(claims, s), settings=s)


def test_a_token_with_only_unknown_roles_is_unauthenticated(s):
    with pytest.raises(Unauthenticated) as err:
        context_from_token(_encode(_claims(s, roles=["superuser"]), s), settings=s)
    assert "no known role" in err.value.message


def test_unknown_roles_next_to_known_ones_are_dropped(s):
    ctx = context_from_token(_encode(_claims(s, roles=["superuser", "resident"]), s), settings=s)
    assert ctx.roles == frozenset({"resident"})


def test_a_district_role_without_district_claim_is_unauthenticated(s):
    with pytest.raises(Unauthenticated) as err:
        context_from_token(_encode(_claims(s, district=None), s), settings=s)
    assert "district" in err.value.message


# ---- minting refuses bad claims

def test_mint_refuses_unknown_roles(s):
    with pytest.raises(InvalidArgument) as err:
        mint_token("alice", ["district_admin", "king"], "310101", settings=s)
    assert err.value.field == "roles"
    assert "king" in err.value.message


def test_mint_needs_a_role(s):
    with pytest.raises(InvalidArgument) as err:
        mint_token("alice", [], "310101", settings=s)
    assert err.value.field == "roles"


@pytest.mark.parametrize("role", sorted(Role.ALL - CITY_WIDE_ROLES))
def test_mint_needs_a_district_for_non_city_roles(s, role):
    with pytest.raises(InvalidArgument) as err:
        mint_token("alice", [role], None, settings=s)
    assert err.value.field == "district"


@pytest.mark.parametrize("district", ["31010", "310100", "abcdef"])
def test_mint_checks_the_district_code(s, district):
    with pytest.raises(InvalidArgument) as err:
        mint_token("alice", ["district_admin"], district, settings=s)
    assert err.value.field == "district"


def test_mint_refuses_a_subdistrict_outside_the_district(s):
    with pytest.raises(InvalidArgument) as err:
        mint_token("alice", ["subdistrict_staff"], "310101", subdistrict="310104001", settings=s)
    assert err.value.field == "subdistrict"


def test_mint_refuses_a_community_outside_the_subdistrict(s):
    with pytest.raises(InvalidArgument) as err:
        mint_token("alice", ["community_worker"], "310101", "310101002", "310101003001", settings=s)
    assert err.value.field == "community"


def test_mint_refuses_a_community_outside_the_district(s):
    """Scopes nest: a community scope must lie inside the token's district even without a sub-district."""
    with pytest.raises(InvalidArgument) as err:
        mint_token("alice", ["community_worker"], "310101", community="310104001001", settings=s)
    assert err.value.field == "community"


# ---- the request context's scope

def test_division_visibility_is_a_prefix_test_including_ancestors():
    ctx = RequestContext("a", frozenset({"subdistrict_staff"}), "310101", subdistrict="310101002")
    assert ctx.can_see_division("310101002001-G01")   # inside
    assert ctx.can_see_division("310101")             # its own ancestors
    assert not ctx.can_see_division("310101003")      # a sibling sub-district
    assert not ctx.can_see_division("310104")         # another district


def test_writes_only_inside_the_narrowest_scope():
    ctx = RequestContext("a", frozenset({"subdistrict_staff"}), "310101", subdistrict="310101002")
    assert ctx.can_change_division("310101002001")
    assert not ctx.can_change_division("310101")
    with pytest.raises(PermissionDenied) as err:
        ctx.check_scope("310101", "parent_code", write=True)
    assert err.value.field == "parent_code"
    ctx.check_scope("310101", write=False)


def test_another_districts_scope_is_denied():
    ctx = RequestContext("b", frozenset({"district_admin"}), "310104")
    with pytest.raises(PermissionDenied):
        ctx.check_scope("310101002")
    with pytest.raises(PermissionDenied):
        ctx.check_district("310101")
    assert ctx.can_see_district("310104")


def test_city_wide_contexts_see_and_change_everything():
    ctx = RequestContext("c", frozenset({"city_admin"}), None)
    assert ctx.city_wide
    assert ctx.can_see_division("310104001") and ctx.can_change_division("310101")
    assert ctx.can_see_district("310101")


def test_a_city_role_with_a_district_is_scoped_to_it():
    ctx = RequestContext("c", frozenset({"city_admin"}), "310101")
    assert not ctx.city_wide
    assert not ctx.can_see_district("310104")


def test_a_non_city_role_without_district_sees_nothing():
    ctx = RequestContext("x", frozenset({"resident"}), None)
    assert not ctx.city_wide
    assert not ctx.can_see_division("310101")
    assert not ctx.can_change_division("310101")


def test_system_context_is_a_service():
    ctx = system_context("registry:terms")
    assert ctx.roles == frozenset({Role.SERVICE}) and ctx.city_wide


# ---- policy

def test_policy_allows_granted_roles():
    policy = Policy({"read": ["resident", "district_admin"], "write": ["district_admin"]})
    policy.check(RequestContext("a", frozenset({"resident"}), "310101"), "read")
    policy.check(RequestContext("a", frozenset({"resident", "district_admin"}), "310101"), "write")
    assert policy.actions() == ["read", "write"]


def test_policy_denies_ungranted_roles_naming_them():
    policy = Policy({"write": ["district_admin"]})
    with pytest.raises(PermissionDenied) as err:
        policy.check(RequestContext("a", frozenset({"resident"}), "310101"), "write")
    assert err.value.field == "roles"
    assert "resident" in err.value.message and "write" in err.value.message


def test_policy_denies_unknown_actions_to_everyone():
    policy = Policy({"read": Role.ALL})
    everyone = RequestContext("root", frozenset(Role.ALL), None)
    with pytest.raises(PermissionDenied):
        policy.check(everyone, "drop database")


def test_registry_policy_keeps_personal_data_from_residents_and_partners():
    from services.registry.permissions import POLICY

    for role in ("resident", "partner_unit", "operator"):
        with pytest.raises(PermissionDenied):
            POLICY.check(RequestContext("x", frozenset({role}), "310101"), "read people")
    POLICY.check(RequestContext("x", frozenset({"resident"}), "310101"), "read organisations")


def test_a_remembered_token_still_expires(s, monkeypatch):
    """A verified token is remembered, but not past its expiry: later it is refused as expired."""
    from services.common import auth

    token = mint_token("u1", ["community_worker"], "310101", settings=s, ttl_seconds=60)
    assert context_from_token(token, settings=s).actor == "u1"  # verified and remembered
    later = time.time() + 120

    class Later:
        @staticmethod
        def time():
            return later

    monkeypatch.setattr(auth, "time", Later)
    monkeypatch.setattr(jwt.api_jwt, "datetime", _frozen_datetime(later))
    with pytest.raises(Unauthenticated, match="expired"):
        context_from_token(token, settings=s)


def test_a_remembered_token_is_not_accepted_under_another_secret(s):
    """What is remembered is tied to the secret it was checked with: a rotated secret re-checks."""
    token = mint_token("u1", ["community_worker"], "310101", settings=s)
    assert context_from_token(token, settings=s).actor == "u1"
    rotated = build_settings({"CITYPLAT_AUTH__JWT_SECRET": "another-secret-entirely-32-bytes-long"})
    with pytest.raises(Unauthenticated):
        context_from_token(token, settings=rotated)


def _frozen_datetime(at: float):
    import datetime as real

    class Frozen(real.datetime):
        @classmethod
        def now(cls, tz=None):
            return real.datetime.fromtimestamp(at, tz)

    return Frozen


# ---- a token's scope is checked on arrival

@pytest.mark.parametrize("claims,reason", [
    ({"subdistrict": "110101002"}, "subdistrict 110101002 lies outside its district 310101"),
    ({"subdistrict": "310101002", "community": "310101003001"},
     "community 310101003001 lies outside its sub-district 310101002"),
    ({"community": "110101002001"}, "community 110101002001 lies outside its district 310101"),
    ({"subdistrict": "31010100"}, "subdistrict claim must be 9 digits"),
    ({"community": "31010100200x"}, "community claim must be 12 digits"),
    ({"district": "31010"}, "district claim must be 6 digits"),
    ({"district": None, "roles": ["city_admin"], "subdistrict": "310101002"}, "needs a district claim"),
])
def test_a_scope_outside_its_own_district_is_unauthenticated(s, claims, reason):
    """Signed with the platform's secret but not minted by it: honoured, such a token's sub-district or
    community would answer with another district's data."""
    token = _encode(_claims(s, **claims), s)
    with pytest.raises(Unauthenticated) as err:
        context_from_token(token, settings=s)
    assert err.value.field == "authorization" and reason in err.value.message


def test_a_community_claim_alone_implies_its_subdistrict(s):
    ctx = context_from_token(_encode(_claims(s, community="310101002001"), s), settings=s)
    assert (ctx.district, ctx.subdistrict, ctx.community) == ("310101", "310101002", "310101002001")


def test_mint_refuses_a_scope_without_a_district(s):
    with pytest.raises(InvalidArgument) as err:
        mint_token("op", ["operator"], None, subdistrict="310101002", settings=s)
    assert err.value.field == "district"
