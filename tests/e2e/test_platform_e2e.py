"""End to end: `cityplat up` starts the registry's processes on PostgreSQL and RabbitMQ; the test
calls them over gRPC and AMQP RPC and watches the events arrive on the broker; `cityplat down`
stops them and frees every port.
"""
from __future__ import annotations

import json
import os
import subprocess
import sys
import time
import uuid
from pathlib import Path

import grpc
import pytest
from kombu import Connection, Queue

from cityplat.registry.v1 import registry_pb2 as pb
from cityplat.registry.v1 import registry_pb2_grpc as pb_grpc
from services.common.auth import mint_token
from services.common.config import build_settings
from services.common.outbox import event_exchange
from services.processes import existing_services
from tests.conftest import free_port

pytestmark = pytest.mark.e2e
CLI = [sys.executable, "-W", "ignore", "-m", "services.cli"]


@pytest.fixture
def platform(tmp_path, pg_url, broker_url):
    """Every service up with ``cityplat up``, on a virtual host of this platform's own: its workers'
    queues and retained event logs are gone with it, and no other test meets them."""
    from tests.brokers import own_vhost

    with own_vhost(broker_url, "cityplat-e2e") as url:
        yield from _platform(tmp_path, pg_url, url)


def _platform(tmp_path, pg_url, broker_url):
    ports = {"GRPC_PORT": free_port(), "GRPC_HTTP_PORT": free_port(), "WORKER_HTTP_PORT": free_port()}
    # every other service that exists runs too, on free ports and its own database in the temp folder
    others = {name: {k: free_port() for k in ports} for name in existing_services() if name != "registry"}
    env = {**os.environ, "CITYPLAT_VAR_DIR": str(tmp_path / "var"), "CITYPLAT_BROKER_URL": broker_url,
           "CITYPLAT_SERVICES__REGISTRY__DATABASE_URL": pg_url, "CITYPLAT_LOG_FORMAT": "json",
           "CITYPLAT_REGISTRY_TARGET": f"127.0.0.1:{ports['GRPC_PORT']}",
           **{f"CITYPLAT_SERVICES__REGISTRY__{k}": str(v) for k, v in ports.items()},
           **{f"CITYPLAT_SERVICES__{name.upper()}__{k}": str(v)
              for name, p in others.items() for k, v in p.items()}}
    queue_name = f"e2e-registry-{uuid.uuid4().hex[:8]}"
    conn = Connection(broker_url)
    queue = Queue(queue_name, exchange=event_exchange("registry"), routing_key="#", durable=False,
                  auto_delete=False)
    queue(conn.default_channel).declare()
    up = subprocess.run(CLI + ["up"], env=env, capture_output=True, text=True, timeout=180)
    try:
        assert up.returncode == 0, f"cityplat up failed:\n{up.stdout}\n{up.stderr}\n{_logs(tmp_path)}"
        yield {"env": env, "ports": ports, "others": others, "queue": queue(conn.default_channel), "up": up,
               "var": tmp_path / "var"}
    finally:
        down = subprocess.run(CLI + ["down"], env=env, capture_output=True, text=True, timeout=120)
        queue(conn.default_channel).delete()
        conn.release()
        assert down.returncode == 0, down.stderr
        for port in [*ports.values(), *(v for p in others.values() for v in p.values())]:
            with __import__("socket").socket() as s:
                assert s.connect_ex(("127.0.0.1", port)) != 0, f"port {port} still taken after down"


def _logs(tmp_path: Path) -> str:
    return "\n".join(f"--- {p.name}\n{p.read_text()[-3000:]}" for p in (tmp_path / "var" / "log").glob("*.log"))


def _events(queue, until, timeout=20.0) -> list[dict]:
    got, deadline = [], time.time() + timeout
    while time.time() < deadline:
        msg = queue.get(no_ack=True)
        if msg is None:
            if until(got):
                return got
            time.sleep(0.1)
            continue
        got.append(json.loads(msg.body))
    return got


def test_registry_over_grpc_and_amqp_with_events_on_the_broker(platform):
    settings = build_settings({})
    token_a = mint_token("e2e-admin", ["district_admin"], "310101", settings=settings)
    token_b = mint_token("e2e-other", ["district_admin"], "310104", settings=settings)
    md_a = (("authorization", f"Bearer {token_a}"), ("x-request-id", "e2e-req-1"))
    md_b = (("authorization", f"Bearer {token_b}"),)

    # the demo seed's events arrived through the outbox relay
    seeded = _events(platform["queue"], lambda got: {"rollout.changed", "branch.listed_for_rectification"}
                     <= {e["event_type"] for e in got})
    types = {e["event_type"] for e in seeded}
    assert {"organisation.created", "membership.changed", "rating.assigned", "branch.listed_for_rectification",
            "rollout.changed"} <= types, types
    assert all(e["source"] == "registry" and e["event_id"] for e in seeded)

    with grpc.insecure_channel(f"127.0.0.1:{platform['ports']['GRPC_PORT']}") as channel:
        stub = pb_grpc.RegistryStub(channel)
        tree = stub.ListSubtree(pb.DivisionRef(code="310101002"), metadata=md_a)
        assert any(d.level == "grid" for d in tree.items)
        orgs = stub.ListOrganisations(pb.ListOrganisationsRequest(division_code="310101002001", kind="branch"),
                                      metadata=md_a)
        branch = next(o for o in orgs.items if o.name == "第一党支部")
        renamed, call = stub.RenameOrganisation.with_call(
            pb.RenameOrganisationRequest(id=branch.id, name="第一党支部(新)", reason="e2e"), metadata=md_a)
        assert renamed.name == "第一党支部(新)" and renamed.version == branch.version + 1
        assert dict(call.trailing_metadata())["x-request-id"] == "e2e-req-1"

        # another district's token sees nothing of district A, and changes nothing
        with pytest.raises(grpc.RpcError) as denied:
            stub.GetOrganisation(pb.OrganisationRef(id=branch.id), metadata=md_b)
        assert denied.value.code() == grpc.StatusCode.NOT_FOUND
        with pytest.raises(grpc.RpcError) as denied:
            stub.ListChildren(pb.DivisionRef(code="310101"), metadata=md_b)
        assert denied.value.code() == grpc.StatusCode.PERMISSION_DENIED
        with pytest.raises(grpc.RpcError) as bad:
            stub.CreateDivision(pb.CreateDivisionRequest(code="31010100", level="subdistrict", name="x"),
                                metadata=md_a)
        assert bad.value.code() == grpc.StatusCode.INVALID_ARGUMENT and bad.value.details().startswith("code:")
        with pytest.raises(grpc.RpcError) as anonymous:
            stub.GetDivision(pb.DivisionRef(code="310101"))
        assert anonymous.value.code() == grpc.StatusCode.UNAUTHENTICATED

        from grpc_health.v1 import health_pb2, health_pb2_grpc
        health = health_pb2_grpc.HealthStub(channel).Check(
            health_pb2.HealthCheckRequest(service="cityplat.registry.v1.Registry"))
        assert health.status == health_pb2.HealthCheckResponse.SERVING

    updated = _events(platform["queue"], lambda got: any(e["event_type"] == "organisation.updated" for e in got))
    event = next(e for e in updated if e["event_type"] == "organisation.updated")
    assert event["payload"]["organisation"]["id"] == branch.id
    assert event["payload"]["previous_name"] == "第一党支部"
    assert event["district"] == "310101" and event["subdistrict"] == "310101002"

    # the same application layer over nameko AMQP RPC (run in a child: the test process stays unpatched)
    rpc = subprocess.run([sys.executable, "-W", "ignore", "-c", f"""
import eventlet; eventlet.monkey_patch()
import json, services.common.errors as errors, services.common.nameko_support
from nameko.standalone.rpc import ClusterRpcProxy
cfg = {{"AMQP_URI": {platform['env']['CITYPLAT_BROKER_URL']!r}}}
with ClusterRpcProxy(cfg, context_data={{"authorization": {token_a!r}}}, timeout=20) as rpc:
    org = rpc.registry.get_organisation(id={branch.id!r})
    try:
        rpc.registry.get_division(code="310104")
        denied = None
    except errors.PermissionDenied as exc:
        denied = str(exc)
print(json.dumps({{"name": org["name"], "denied": denied}}))
"""], env=platform["env"], capture_output=True, text=True, timeout=60)
    assert rpc.returncode == 0, rpc.stderr
    answer = json.loads(rpc.stdout.strip().splitlines()[-1])
    assert answer["name"] == "第一党支部(新)"
    assert answer["denied"].startswith("code: 310104 is outside")

    status = subprocess.run(CLI + ["status"], env=platform["env"], capture_output=True, text=True, timeout=30)
    assert "registry-worker" in status.stdout and "registry-grpc" in status.stdout
    assert status.stdout.count("running") == 2 * len(existing_services())
    assert status.stdout.count("grpc SERVING") == len(existing_services())

    import urllib.request
    for port in (platform["ports"]["GRPC_HTTP_PORT"], platform["ports"]["WORKER_HTTP_PORT"]):
        body = urllib.request.urlopen(f"http://127.0.0.1:{port}/metrics", timeout=5).read().decode()
        assert "cityplat_process_up" in body
    grpc_metrics = urllib.request.urlopen(
        f"http://127.0.0.1:{platform['ports']['GRPC_HTTP_PORT']}/metrics", timeout=5).read().decode()
    assert 'cityplat_grpc_requests_total{code="NOT_FOUND",method="GetOrganisation",service="registry"}' \
        in grpc_metrics
    worker_metrics = urllib.request.urlopen(
        f"http://127.0.0.1:{platform['ports']['WORKER_HTTP_PORT']}/metrics", timeout=5).read().decode()
    assert 'cityplat_worker_requests_total{entrypoint="get_organisation",service="registry",status="ok"}' \
        in worker_metrics
    assert "cityplat_outbox_published_total" in worker_metrics


def test_up_without_a_broker_stops_and_says_how_to_get_one(tmp_path):
    port = free_port()  # nothing listens here
    env = {**os.environ, "CITYPLAT_VAR_DIR": str(tmp_path / "var"),
           "CITYPLAT_BROKER_URL": f"amqp://guest:guest@127.0.0.1:{port}/"}
    result = subprocess.run(CLI + ["up"], env=env, capture_output=True, text=True, timeout=60)
    assert result.returncode != 0
    assert f"RabbitMQ is needed at amqp://guest:guest@127.0.0.1:{port}/" in result.stderr
    assert "rabbitmq-server" in result.stderr
    assert not (tmp_path / "var" / "run").exists() or not list((tmp_path / "var" / "run").glob("*.pid"))


def test_a_residents_journey_across_the_services(platform):
    """Registry people mediate a neighbour dispute; its resolution credits the volunteers in points;
    a volunteer spends the points at the community's station and picks the produce up."""
    from cityplat.mediation.v1 import mediation_pb2 as mpb
    from cityplat.mediation.v1 import mediation_pb2_grpc as mpb_grpc
    from cityplat.points.v1 import points_pb2 as ppb
    from cityplat.points.v1 import points_pb2_grpc as ppb_grpc

    settings = build_settings({})

    def md(*roles, actor="e2e-worker"):
        return (("authorization", "Bearer " + mint_token(actor, roles, "310101", settings=settings)),)

    community = "310101002001"
    ports = platform["others"]
    with grpc.insecure_channel(f"127.0.0.1:{platform['ports']['GRPC_PORT']}") as reg_ch, \
            grpc.insecure_channel(f"127.0.0.1:{ports['mediation']['GRPC_PORT']}") as med_ch, \
            grpc.insecure_channel(f"127.0.0.1:{ports['points']['GRPC_PORT']}") as pts_ch:
        people = pb_grpc.RegistryStub(reg_ch).ListPeople(pb.ListPeopleRequest(community_code=community),
                                                          metadata=md("community_worker")).items
        complainant = next(p for p in people if p.name == "王芳")  # a party named by id is a registry person
        judge, mediator, *volunteers = [p.id for p in people if p.id != complainant.id][:5]
        med = mpb_grpc.MediationStub(med_ch)
        case = med.OpenCase(mpb.OpenCaseRequest(
            channel="residents_meeting", category="shared_space", community=community, building="3号楼",
            summary="a rooftop vegetable plot blocks the building's exit",
            parties=[mpb.Party(name="王芳", role="complainant", phone="13800001234", person_id=complainant.id)]),
            metadata=md("community_worker"))
        assert case.tier == "community" and case.status == "open"
        med.AssignTeam(mpb.AssignTeamRequest(case_id=case.id, judge_id=judge, mediator_id=mediator,
                                             volunteer_ids=volunteers), metadata=md("community_worker"))
        with pytest.raises(grpc.RpcError) as outsider:  # the team comes from the case's community
            med.AssignTeam(mpb.AssignTeamRequest(case_id=case.id, judge_id=judge, mediator_id=mediator,
                                                 volunteer_ids=["no-such-person"]), metadata=md("community_worker"))
        assert outsider.value.code() == grpc.StatusCode.NOT_FOUND
        resolved = med.ResolveCase(mpb.ResolveCaseRequest(case_id=case.id, outcome="agreement",
                                                          agreement="owners clear the plot within a week"),
                                   metadata=md("community_worker"))
        assert resolved.status == "resolved" and resolved.resolved_tier == "community"

        points = ppb_grpc.PointsStub(pts_ch)
        accounts = [f"310101:resident:{v}" for v in volunteers]
        deadline = time.time() + 30
        balances = {}
        while time.time() < deadline:
            balances = {}
            for a in accounts:
                try:
                    balances[a] = points.GetAccount(ppb.AccountIdRequest(account_id=a),
                                                    metadata=md("community_worker")).balance
                except grpc.RpcError:
                    balances[a] = None
            if all(b == 10 for b in balances.values()):
                break
            time.sleep(0.2)
        assert all(b == 10 for b in balances.values()), balances

        volunteer = volunteers[0]
        (station,) = points.ListStations(ppb.ListStationsRequest(community=community), metadata=md("resident")).items
        catalogue = points.ListCatalogue(ppb.StationIdRequest(station_id=station.id), metadata=md("resident"))
        greens = next(i for i in catalogue.items if i.name.startswith("青菜"))
        reservation = points.Redeem(ppb.RedeemRequest(account_id=f"310101:resident:{volunteer}", item_id=greens.id,
                                                      quantity=2, idempotency_key="e2e-redeem-1"),
                                    metadata=md("resident", actor=volunteer))
        assert reservation.status == "reserved" and reservation.points == 10 and reservation.pick_up_code
        picked = points.PickUp(ppb.PickUpRequest(reservation_id=reservation.id,
                                                 pick_up_code=reservation.pick_up_code,
                                                 idempotency_key="e2e-pickup-1"), metadata=md("community_worker"))
        assert picked.status == "picked_up"
        assert points.GetAccount(ppb.AccountIdRequest(account_id=f"310101:resident:{volunteer}"),
                                 metadata=md("resident", actor=volunteer)).balance == 0
