"""The registry as the other services see it: over its gRPC API, never its tables. One client for all.

Every service that refers to the registry's records (a person who is a party to a case, the branch
whose member cycle opens, the volunteers of a team) checks through this client that the record
exists **in the caller's district**: an id of another district's person is refused as though it
did not exist. A person's posts say what he may be named to (a case's community judge holds a
running ``community_judge`` post in the community: ``holds_post``). The rollout (rings and feature
stages) is read through it too.

``registry()`` is the process's client (``set_registry`` swaps in another: tests give an in-memory
one, ``tests.fakes.FakeRegistry``). The client signs its calls with a service token of the
district it asks about, minted once and reused until shortly before it expires.
"""
from __future__ import annotations

import contextlib
import threading
import time
from typing import Mapping, Protocol

import cachetools

from services.common.divisions import within
from services.common.errors import FailedPrecondition, NotFound

TOKEN_TTL_SECONDS = 300


class Registry(Protocol):
    """What the other services ask the registry. ``None``: no such record in that district."""

    def person(self, district: str, person_id: str) -> dict | None: ...

    def people_of(self, district: str, community: str) -> list[dict]: ...

    def posts_of(self, district: str, person_id: str) -> list[dict]: ...

    def organisation(self, district: str, organisation_id: str) -> dict | None: ...

    def division(self, district: str, code: str) -> dict | None: ...

    def rollout(self, district: str) -> dict: ...

    def honours_eligibility(self, district: str, person_id: str | None = None,
                            organisation_id: str | None = None) -> dict | None: ...

    def members_of(self, district: str, organisation_id: str) -> list[str]: ...

    def organisations_in(self, district: str, division_code: str) -> list[dict]: ...

    def in_service_members(self, district: str, community: str) -> list[dict]: ...


class RegistryClient:
    """``cityplat.registry.v1.Registry`` over gRPC, as the service ``caller`` (role ``service``)."""

    def __init__(self, target: str, settings, caller: str, timeout: float = 3.0):
        import grpc

        from cityplat.registry.v1 import registry_pb2_grpc

        self._channel = grpc.insecure_channel(target)
        self._stub = registry_pb2_grpc.RegistryStub(self._channel)
        self._settings = settings
        self._caller = caller
        self._timeout = timeout
        self._tokens: dict[str | None, tuple[float, str]] = {}
        self._divisions = cachetools.TTLCache(maxsize=10_000, ttl=600)
        self._lock = threading.Lock()

    def _metadata(self, district: str | None):
        """A service token of ``district`` (None: city-wide), reused while it has a minute left."""
        from services.common.auth import mint_token

        with self._lock:
            expires, token = self._tokens.get(district, (0.0, ""))
            if expires - time.time() < 60:
                token = mint_token(self._caller, ["service"], district, ttl_seconds=TOKEN_TTL_SECONDS,
                                   settings=self._settings)
                self._tokens[district] = (time.time() + TOKEN_TTL_SECONDS, token)
        return (("authorization", f"Bearer {token}"),)

    def _call(self, method: str, request, district: str | None, missing_is_none: bool = True):
        import grpc

        try:
            return getattr(self._stub, method)(request, metadata=self._metadata(district), timeout=self._timeout)
        except grpc.RpcError as exc:
            if missing_is_none and exc.code() in (grpc.StatusCode.NOT_FOUND, grpc.StatusCode.PERMISSION_DENIED):
                return None
            raise FailedPrecondition(f"the registry did not answer ({exc.code().name})", "registry")

    def person(self, district: str, person_id: str) -> dict | None:
        from cityplat.registry.v1 import registry_pb2 as pb

        p = self._call("GetPerson", pb.PersonRef(id=person_id), district)
        return None if p is None else {"id": p.id, "name": p.name, "home_community": p.home_community,
                                       "district": p.district, "is_member": p.is_member}

    def people_of(self, district: str, community: str) -> list[dict]:
        from cityplat.registry.v1 import registry_pb2 as pb

        reply = self._call("ListPeople", pb.ListPeopleRequest(community_code=community), district,
                           missing_is_none=False)
        return [{"id": p.id, "name": p.name, "home_community": p.home_community, "district": p.district,
                 "is_member": p.is_member} for p in reply.items]

    def posts_of(self, district: str, person_id: str) -> list[dict]:
        """The person's running posts (ListPosts, ended ones left out): ``{id, organisation_id, title,
        term_end, ended_on}``; none for a person the registry does not hold in ``district``. Never
        remembered: an appointment or a recall changes them at once."""
        from cityplat.registry.v1 import registry_pb2 as pb

        reply = self._call("ListPosts", pb.ListPostsRequest(person_id=person_id, include_ended=False), district)
        return [] if reply is None else [
            {"id": p.id, "organisation_id": p.organisation_id, "title": p.title, "term_end": p.term_end or None,
             "ended_on": p.ended_on or None} for p in reply.items]

    def organisation(self, district: str, organisation_id: str) -> dict | None:
        from cityplat.registry.v1 import registry_pb2 as pb

        o = self._call("GetOrganisation", pb.OrganisationRef(id=organisation_id), district)
        return None if o is None else {"id": o.id, "name": o.name, "kind": o.kind, "district": o.district,
                                       "division_code": o.division_code, "status": o.status,
                                       "parent_id": o.parent_id or None, "partner_kind": o.partner_kind or None}

    def division(self, district: str, code: str) -> dict | None:
        """A division of the registry. Divisions are never removed, so one found is remembered for a
        while: a batch of work orders of one community asks once."""
        from cityplat.registry.v1 import registry_pb2 as pb

        with self._lock:
            known = self._divisions.get((district, code))
        if known is not None:
            return known
        d = self._call("GetDivision", pb.DivisionRef(code=code), district)
        if d is None:
            return None
        found = {"code": d.code, "level": d.level, "name": d.name, "district": d.district}
        with self._lock:
            self._divisions[(district, code)] = found
        return found

    def rollout(self, district: str) -> dict:
        from google.protobuf import json_format

        from cityplat.registry.v1 import registry_pb2 as pb

        reply = self._call("GetRollout", pb.GetRolloutRequest(district=district), None, missing_is_none=False)
        return json_format.MessageToDict(reply, preserving_proto_field_name=True)

    def honours_eligibility(self, district: str, person_id: str | None = None,
                            organisation_id: str | None = None) -> dict | None:
        """May a person (through their branches) or an organisation receive honours now? ``{eligible,
        reason}``; None: no such record in the district. Never remembered: a rating changes it."""
        from cityplat.registry.v1 import registry_pb2 as pb

        reply = self._call("GetHonoursEligibility", pb.HonoursEligibilityRequest(
            person_id=person_id or "", organisation_id=organisation_id or ""), district)
        return None if reply is None else {"eligible": reply.eligible, "reason": reply.reason}

    def members_of(self, district: str, organisation_id: str) -> list[str]:
        """The people with a running membership of the organisation (its members today); none for an
        organisation the registry does not hold in ``district``. Never remembered: a transfer changes them."""
        from cityplat.registry.v1 import registry_pb2 as pb

        reply = self._call("ListMemberships", pb.ListMembershipsRequest(organisation_id=organisation_id,
                                                                        include_ended=False), district)
        return [] if reply is None else sorted({m.person_id for m in reply.items if not m.ended_on})

    def organisations_in(self, district: str, division_code: str) -> list[dict]:
        """The running organisations in ``division_code``'s subtree (ListOrganisations), each ``{id, name,
        kind, district, division_code, status}``."""
        from cityplat.registry.v1 import registry_pb2 as pb

        reply = self._call("ListOrganisations", pb.ListOrganisationsRequest(division_code=division_code), district,
                           missing_is_none=False)
        return [{"id": o.id, "name": o.name, "kind": o.kind, "district": o.district,
                 "division_code": o.division_code, "status": o.status} for o in reply.items]

    def in_service_members(self, district: str, community: str) -> list[dict]:
        """The in-service members registered with ``community`` (到社区报到; ListInServiceMembers, every
        page), each ``{person_id, name, community_code, employer_id, employer_name, volunteer_projects,
        registered_on}``: the one or two projects they picked. Never remembered: a registration changes them."""
        from cityplat.registry.v1 import registry_pb2 as pb

        found, token = [], ""
        while True:
            reply = self._call("ListInServiceMembers", pb.ListInServiceMembersRequest(
                community_code=community, page_size=500, page_token=token), district, missing_is_none=False)
            found += [{"person_id": x.person_id, "name": x.name, "community_code": x.community_code,
                       "employer_id": x.employer_id, "employer_name": x.employer_name,
                       "volunteer_projects": list(x.volunteer_projects), "registered_on": x.registered_on}
                      for x in reply.items]
            token = reply.next_page_token
            if not token:
                return found

    def close(self) -> None:
        self._channel.close()


_registry: Registry | None = None
_registry_lock = threading.Lock()


def registry() -> Registry:
    """The process's registry client (made on first use, from the settings' ``registry_target``)."""
    global _registry
    with _registry_lock:
        if _registry is None:
            from services.common.config import get_settings

            settings = get_settings()
            _registry = RegistryClient(settings.registry_target, settings, caller="cityplat")
        return _registry


def set_registry(client: Registry | None) -> Registry | None:
    """Swap the process's client (tests); returns the previous one. ``None``: made anew on next use."""
    global _registry
    with _registry_lock:
        previous, _registry = _registry, client
    return previous


@contextlib.contextmanager
def replaced(client: Registry):
    """``with replaced(other):`` the process's registry client is ``other`` (a seed, a test)."""
    previous = set_registry(client)
    try:
        yield client
    finally:
        set_registry(previous)


class KnownDivisions:
    """A stand-in that knows only some divisions, for setting data up before any registry serves:
    the demo seeds refer to the registry seed's divisions, a benchmark to its own. ``people``: the
    ids of people it knows too, in whichever district it is asked about (a benchmark's account owners)."""

    def __init__(self, codes, people=()):
        self.codes = set(codes)
        self.people = set(people)

    def division(self, district: str, code: str) -> dict | None:
        return {"code": code, "district": district} if code in self.codes and within(code, district) else None

    def person(self, district, person_id):
        return {"id": person_id, "district": district} if person_id in self.people else None

    def organisation(self, district, organisation_id):
        return None

    def people_of(self, district, community):
        return []

    def posts_of(self, district, person_id):
        return []

    def rollout(self, district):
        return {"rings": [], "flags": [], "default_ring": "general"}

    def members_of(self, district, organisation_id):
        return []

    def organisations_in(self, district, division_code):
        return []

    def in_service_members(self, district, community):
        return []


# ---- the checks the use cases make

def _in_district(what: str, found: dict | None, key: str, district: str, field: str) -> dict:
    """The registry's answer for ``key``, if it lies in ``district``; NotFound naming ``field`` otherwise."""
    if found is None or found.get("district", district) != district:
        raise NotFound(f"no {what} {key!r} in the registry of district {district}", field)
    return found


def person_in(district: str, person_id: str, field: str) -> dict:
    """A registry person of ``district``."""
    return _in_district("person", registry().person(district, person_id) if person_id else None, person_id,
                        district, field)


def organisation_in(district: str, organisation_id: str, field: str) -> dict:
    """A registry organisation of ``district``."""
    return _in_district("organisation", registry().organisation(district, organisation_id) if organisation_id
                        else None, organisation_id, district, field)


def division_in(district: str, code: str, field: str) -> dict:
    """A division the registry holds in ``district`` (a well-formed code of no real community is not
    found: a case or a station is not opened there)."""
    return _in_district("division", registry().division(district, code) if code else None, code, district, field)


def honours_eligibility(district: str, person_id: str | None = None,
                        organisation_id: str | None = None) -> dict | None:
    """The registry's current answer on the honours bar (≤2 stars, rectification) for exactly one of a
    person or an organisation of ``district``: ``{eligible, reason}``, or None if it knows no such record."""
    return registry().honours_eligibility(district, person_id=person_id, organisation_id=organisation_id)


def post_held(posts: list[dict], organisations: Mapping[str, dict | None], title: str, community: str) -> dict | None:
    """The running post of ``title`` among a person's ``posts`` that is held in an organisation of
    ``community`` (the organisation's division code is the community's), or None. Pure: the
    registry's answers are given, ``organisations`` by id (None: not in the caller's district).

    The organisation must be of the community itself: a post in the sub-district's committee, or in
    a neighbouring community's, makes no one a judge of this community's disputes."""
    for post in posts:
        organisation = organisations.get(post["organisation_id"])
        if post["title"] == title and not post.get("ended_on") and organisation \
                and organisation.get("division_code") == community:
            return post
    return None


def holds_post(district: str, community: str, person_id: str, title: str, field: str) -> dict:
    """The running post of ``title`` that ``person_id`` holds in an organisation of ``community``;
    FailedPrecondition naming ``field`` if none (a community judge, 社区法官, is appointed, not any resident)."""
    client = registry()
    posts = [p for p in client.posts_of(district, person_id) if p["title"] == title and not p.get("ended_on")]
    organisations = {p["organisation_id"]: client.organisation(district, p["organisation_id"]) for p in posts}
    post = post_held(posts, organisations, title, community)
    if post is None:
        raise FailedPrecondition(f"{person_id} holds no {title} post in community {community}", field)
    return post


def resident_of(district: str, community: str, person_id: str, field: str) -> dict:
    """A registry person who lives in ``community`` (a 1+1+N team, a council's skills register are the
    community's); FailedPrecondition naming ``field`` and where the person lives otherwise."""
    person = person_in(district, person_id, field)
    if person.get("home_community") != community:
        raise FailedPrecondition(f"{person.get('name') or person_id} lives in {person.get('home_community')}, "
                                 f"not in community {community}", field)
    return person


def in_service_member(district: str, community: str, person_id: str, field: str) -> dict:
    """The in-service member's registration with ``community`` (到社区报到: a member who registered with
    another community serves there, not here); FailedPrecondition naming ``field`` if none."""
    person_in(district, person_id, field)
    for x in registry().in_service_members(district, community):
        if x["person_id"] == person_id:
            return x
    raise FailedPrecondition(f"{person_id} is not registered in service with community {community}", field)
