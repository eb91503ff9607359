"""The registry's people, as mediation sees them: over the registry's gRPC API, never its tables.

A team is drawn from registry people of the case's community; ``directory()`` is injectable so
tests can give a fixed one.
"""
from __future__ import annotations

from typing import Protocol

from services.common.errors import FailedPrecondition, NotFound


class Directory(Protocol):
    def person(self, district: str, person_id: str) -> dict | None: ...

    def people_of(self, district: str, community: str) -> list[dict]: ...


class RegistryDirectory:
    """Calls ``cityplat.registry.v1.Registry`` with a service token scoped to the case's district."""

    def __init__(self, target: str, settings):
        import grpc

        from cityplat.registry.v1 import registry_pb2_grpc

        self._channel = grpc.insecure_channel(target)
        self._stub = registry_pb2_grpc.RegistryStub(self._channel)
        self._settings = settings

    def _md(self, district: str):
        from services.common.auth import mint_token
        token = mint_token("mediation", ["service"], district, ttl_seconds=300, settings=self._settings)
        return (("authorization", f"Bearer {token}"),)

    def person(self, district: str, person_id: str) -> dict | None:
        import grpc

        from cityplat.registry.v1 import registry_pb2 as pb
        try:
            p = self._stub.GetPerson(pb.PersonRef(id=person_id), metadata=self._md(district), timeout=3)
        except grpc.RpcError as exc:
            if exc.code() == grpc.StatusCode.NOT_FOUND:
                return None
            raise FailedPrecondition(f"the registry did not answer ({exc.code().name})", "registry")
        return {"id": p.id, "name": p.name, "home_community": p.home_community}

    def people_of(self, district: str, community: str) -> list[dict]:
        import grpc

        from cityplat.registry.v1 import registry_pb2 as pb
        try:
            reply = self._stub.ListPeople(pb.ListPeopleRequest(community_code=community),
                                          metadata=self._md(district), timeout=5)
        except grpc.RpcError as exc:
            raise FailedPrecondition(f"the registry did not answer ({exc.code().name})", "registry")
        return [{"id": p.id, "name": p.name, "home_community": p.home_community} for p in reply.items]


_directory: Directory | None = None


def directory() -> Directory:
    global _directory
    if _directory is None:
        from services.common.config import get_settings
        settings = get_settings()
        _directory = RegistryDirectory(settings.registry_target, settings)
    return _directory


def set_directory(d: Directory | None) -> None:
    global _directory
    _directory = d


def member_of(district: str, community: str, person_id: str, field: str) -> dict:
    """A registry person who lives in ``community`` (the 1+1+N team comes from the community)."""
    person = directory().person(district, person_id)
    if person is None:
        raise NotFound(f"no person {person_id!r} in the registry", field)
    if person.get("home_community") != community:
        raise FailedPrecondition(f"{person['name']} is not registered in community {community}", field)
    return person
