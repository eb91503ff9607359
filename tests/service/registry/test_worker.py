"""The nameko worker: RPC methods named after the use cases, caller from the "authorization" context data."""
from __future__ import annotations

import base64
from types import SimpleNamespace

import jwt
import pytest
from nameko.containers import ServiceContainer
from nameko.extensions import Entrypoint
from nameko.testing.services import replace_dependencies, worker_factory
from nameko.testing.utils import get_extension

from services.common.auth import mint_token
from services.common.config import get_settings
from services.common.errors import DomainError, InvalidArgument, NotFound, PermissionDenied, Unauthenticated
from services.common.nameko_support import Caller
from services.registry import metrics
from services.registry import models as m
from services.registry.app import USE_CASES
from services.registry.app import people as people_app
from services.registry.worker import RegistryService
from tests.conftest import DISTRICT_A, DISTRICT_B
from tests.service.registry.conftest import COMM_A, SUB_A, admin, call, clear_events, count, events, join


# ---- worker_factory: the service class with its dependencies injected

def test_every_use_case_is_an_rpc_method_named_after_its_function():
    for fn in USE_CASES.values():
        method = getattr(RegistryService, fn.__name__)
        assert method.__name__ == fn.__name__ and method.__doc__ == fn.__doc__


def test_a_write_through_the_worker_commits(world):
    service = worker_factory(RegistryService, db=world.db, caller=lambda: admin())
    org = service.found_organisation(kind="functional_group", name="志愿者小组", division_code=COMM_A,
                                     parent_id=world.org("cc"))
    assert org["kind"] == "functional_group"
    assert service.get_organisation(id=org["id"])["name"] == "志愿者小组"
    assert count(world.db, m.Organisation, m.Organisation.id == org["id"]) == 1
    assert [e["payload"]["organisation"]["id"] for e in events(world.db, "organisation.created")] == [org["id"]]


def test_reads_through_the_worker(world):
    service = worker_factory(RegistryService, db=world.db, caller=lambda: admin())
    assert [d["code"] for d in service.list_children(code=SUB_A)["items"]] == [COMM_A, "310101002002"]
    assert service.get_person(id=world.person("p1"))["name"] == "党员1"


def test_import_content_travels_as_base64(world):
    service = worker_factory(RegistryService, db=world.db, caller=lambda: admin())
    content = base64.b64encode("ref,name,home_community\nW-1,工人甲,310101002001\n".encode()).decode()
    report = service.import_records(kind="people", format="csv", content=content)
    assert report["written"] == 1 and report["problems"] == []
    assert count(world.db, m.Person, m.Person.external_ref == "W-1") == 1


def test_domain_errors_reach_the_caller_and_nothing_is_written(world):
    service = worker_factory(RegistryService, db=world.db, caller=lambda: admin())
    before = count(world.db, m.Division)
    with pytest.raises(InvalidArgument) as err:
        service.create_division(code="31010100X", level="subdistrict", name="x")
    assert str(err.value).startswith("code: ")
    with pytest.raises(InvalidArgument) as err:
        service.create_division(code="310101004", level="subdistrict", name="x", colour="red")
    assert err.value.field == "colour"
    assert count(world.db, m.Division) == before


def test_the_worker_enforces_tenancy(world):
    service = worker_factory(RegistryService, db=world.db, caller=lambda: admin(DISTRICT_B))
    with pytest.raises(NotFound):
        service.get_organisation(id=world.org("b1"))
    with pytest.raises(PermissionDenied):
        service.list_children(code=SUB_A)


def test_the_caller_dependency_without_a_token_is_unauthenticated():
    lazy = Caller().get_dependency(SimpleNamespace(data={}))
    with pytest.raises(Unauthenticated) as err:
        lazy()
    assert err.value.field == "authorization"


def test_the_caller_dependency_builds_the_context_from_the_token():
    token = mint_token("alice", ["community_worker"], DISTRICT_A, "310101002", COMM_A)
    ctx = Caller().get_dependency(SimpleNamespace(data={"authorization": f"Bearer {token}",
                                                        "request_id": "r-42"}))()
    assert (ctx.actor, ctx.community, ctx.request_id) == ("alice", COMM_A, "r-42")


def test_the_terms_timer_emits_term_ending(world):
    join(world, "b1", "p1")
    call(world.db, admin(), people_app.hold_election, organisation_id=world.org("cc"), held_on="2021-06-15",
         elected=[{"person_id": world.person("p1"), "title": "secretary"}])
    clear_events(world.db)
    service = worker_factory(RegistryService, db=world.db)
    service.notify_terms_ending()
    service.notify_terms_ending()
    [ev] = events(world.db, "term.ending")
    assert ev["payload"]["post"]["person_id"] == world.person("p1")


def test_the_gauges_timer_counts_active_organisations(world):
    service = worker_factory(RegistryService, db=world.db)
    service.update_gauges()
    assert metrics.ORGANISATIONS.labels(DISTRICT_A, "branch")._value.get() == 2
    assert metrics.ORGANISATIONS.labels(DISTRICT_B, "branch")._value.get() == 1
    assert metrics.RESERVE_SHORTFALL.labels(DISTRICT_A)._value.get() == 3  # no community has a reserve cadre
    assert metrics.RECTIFICATION.labels(DISTRICT_A)._value.get() == 0


# ---- a real (unstarted) container: the real Caller reads the token from context data

@pytest.fixture
def container(world):
    c = ServiceContainer(RegistryService, config={"AMQP_URI": "memory://"})
    replace_dependencies(c, db=world.db)
    yield c
    c.kill()


def invoke(container, method, context_data, **kwargs):
    outcome = {}

    def handle_result(worker_ctx, result, exc_info):
        outcome["result"], outcome["exc_info"] = result, exc_info
        return result, exc_info

    entrypoint = get_extension(container, Entrypoint, method_name=method)
    worker_ctx = container.spawn_worker(entrypoint, (), kwargs, context_data=context_data,
                                        handle_result=handle_result)
    container._worker_threads[worker_ctx].wait()
    if outcome["exc_info"] is not None:
        raise outcome["exc_info"][1]
    return outcome["result"]


def _bearer(*roles, district=DISTRICT_A, **kw):
    return {"authorization": "Bearer " + mint_token("rpc-user", roles, district, **kw)}


def test_rpc_entrypoints_declare_domain_errors_as_expected(container):
    entrypoint = get_extension(container, Entrypoint, method_name="found_organisation")
    assert entrypoint.expected_exceptions == DomainError


def test_a_call_with_a_valid_token_works(container, world):
    result = invoke(container, "create_division", _bearer("district_admin"), code="310101002003", level="community",
                    name="新社区")
    assert result["parent_code"] == SUB_A
    assert count(world.db, m.Division, m.Division.code == "310101002003") == 1
    org = invoke(container, "get_organisation", _bearer("resident"), id=world.org("b1"))
    assert org["name"] == "第一党支部"


def test_a_call_without_a_token_is_unauthenticated(container, world):
    with pytest.raises(Unauthenticated) as err:
        invoke(container, "get_division", {}, code=COMM_A)
    assert "missing bearer token" in str(err.value)
    with pytest.raises(Unauthenticated):
        invoke(container, "create_division", {}, code="310101002003", level="community", name="x")
    assert count(world.db, m.Division, m.Division.code == "310101002003") == 0


def test_a_forged_token_is_unauthenticated(container):
    settings = get_settings()
    forged = jwt.encode({"sub": "mallory", "roles": ["city_admin"], "iss": settings.auth["jwt_issuer"],
                         "iat": 1, "exp": 4102444800}, "guessed-secret-guessed-secret-guessed", algorithm="HS256")
    with pytest.raises(Unauthenticated):
        invoke(container, "list_organisations", {"authorization": f"Bearer {forged}"})


def test_a_district_b_token_cannot_reach_district_a(container, world):
    with pytest.raises(NotFound):
        invoke(container, "get_organisation", _bearer("district_admin", district=DISTRICT_B), id=world.org("b1"))
    with pytest.raises(PermissionDenied):
        invoke(container, "rename_organisation", _bearer("resident"), id=world.org("b1"), name="x")


def test_the_caller_context_reaches_the_audit_trail(container, world):
    invoke(container, "rename_organisation", _bearer("district_admin"), id=world.org("b1"), name="先锋党支部")
    with world.db.session_factory() as session:
        entry = session.query(m.AuditEntry).order_by(m.AuditEntry.id.desc()).first()
    assert entry.actor == "rpc-user" and entry.action == "rename organisation"


def test_a_service_token_without_district_reads_every_district(container, world):
    token = {"authorization": "Bearer " + mint_token("points", ["service"], None)}
    names = [o["name"] for o in invoke(container, "list_organisations", token, kind="branch")["items"]]
    assert sorted(names) == ["B支部", "第一党支部", "第二党支部"]
