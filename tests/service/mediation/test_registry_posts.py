"""A person's posts as mediation asks the registry for them: services.common.registry_client's RegistryClient
over the registry's own gRPC server (ListPosts, GetOrganisation), and ``holds_post`` on its answers.

The title used is one every registry release has (committee_member): what is tested is the client, the same
for the community judge's post (社区法官), whose rule the FakeRegistry tests of test_team_and_outcome check."""
from __future__ import annotations

import pytest
from cityplat.registry.v1 import registry_pb2_grpc as pb_grpc

from services.common.errors import FailedPrecondition
from services.common.grpc_support import GrpcServer
from services.common.registry_client import RegistryClient, holds_post, replaced
from services.registry.app import people
from services.registry.grpc_server import SERVICE, RegistryServicer
from tests.conftest import DISTRICT_A
from tests.service.registry.conftest import COMM_A, COMM_A2, admin, build_world, call, join


@pytest.fixture
def registry_world(registry_db, fixed_clock, settings):
    """The registry's test world, served over gRPC; the process's registry client asks it."""
    world = build_world(registry_db)
    server = GrpcServer("registry", SERVICE.full_name,
                        lambda s: pb_grpc.add_RegistryServicer_to_server(RegistryServicer(registry_db), s),
                        port=0, http_port=None, host="127.0.0.1").start()
    client = RegistryClient(f"127.0.0.1:{server.port}", settings, caller="mediation")
    try:
        with replaced(client):
            yield world, client
    finally:
        client.close()
        server.stop(grace=0)


def test_a_persons_running_posts_and_the_check_on_them(registry_world):
    world, client = registry_world
    join(world, "cc", "p1")
    post = call(world.db, admin(), people.appoint_post, organisation_id=world.org("cc"), person_id=world.person("p1"),
                title="committee_member", term_start="2026-01-01")
    [seen] = client.posts_of(DISTRICT_A, world.person("p1"))
    assert seen == {"id": post["id"], "organisation_id": world.org("cc"), "title": "committee_member",
                    "term_end": post["term_end"], "ended_on": None}
    assert holds_post(DISTRICT_A, COMM_A, world.person("p1"), "committee_member", "judge_id")["id"] == post["id"]
    with pytest.raises(FailedPrecondition) as err:     # the community committee is of COMM_A, not its neighbour
        holds_post(DISTRICT_A, COMM_A2, world.person("p1"), "committee_member", "judge_id")
    assert (err.value.field, err.value.message) == \
        ("judge_id", f"{world.person('p1')} holds no committee_member post in community {COMM_A2}")

    call(world.db, admin(), people.end_post, id=post["id"], ended_on="2026-05-31")
    assert client.posts_of(DISTRICT_A, world.person("p1")) == []                # ended: not a running post
    with pytest.raises(FailedPrecondition):
        holds_post(DISTRICT_A, COMM_A, world.person("p1"), "committee_member", "judge_id")


def test_a_person_of_another_district_or_none_at_all_holds_no_post(registry_world):
    world, client = registry_world
    assert client.posts_of(DISTRICT_A, world.person("pb")) == []                # district B's person
    assert client.posts_of(DISTRICT_A, "no-such-person") == []
