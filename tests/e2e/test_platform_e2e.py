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

import grpc
import pytest

from cityplat.registry.v1 import registry_pb2 as pb
from cityplat.registry.v1 import registry_pb2_grpc as pb_grpc
from services.common.auth import mint_token
from services.common.config import build_settings
from services.processes import existing_services
from tests.conftest import free_port
from tests.e2e.platform import (CLI, access_lines, access_lines_in, council_journey, residents_journey, rollout_reaches_every_process,
                                run_platform)

pytestmark = pytest.mark.e2e


@pytest.fixture
def platform(tmp_path, pg_url, broker_url):
    """Every service up with ``cityplat up``, on a virtual host of this platform's own: its workers'
    queues and retained event logs are gone with it, and no other test meets them."""
    from tests.brokers import own_vhost

    with own_vhost(broker_url, "cityplat-e2e") as url:
        yield from run_platform(tmp_path, pg_url, url)


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


def test_a_residents_journey_across_the_services_and_a_rollout_change_reaching_every_process(platform):
    """Registry people mediate a neighbour dispute; its resolution credits the volunteers in points;
    a volunteer spends the points at the community's station and picks the produce up. Then an operator's
    `cityplat rollout` change reaches every process of every service (it used to wait out a 30 s cache)."""
    residents_journey(platform)
    # every call left its line: the events the points worker consumed, the gRPC calls of each service
    consumed = [line for line in access_lines(platform, "points-worker") if line["kind"] == "event"]
    assert any(line["method"] == "mediation.case.resolved" and line["code"] == "applied"
               and line["district"] == "310101" for line in consumed), consumed[-5:]
    served = access_lines(platform, "mediation-grpc")
    assert served and all({"method", "code", "duration_ms", "request_id", "district", "subdistrict"} <= set(line)
                          for line in served), served[-3:]
    rollout_reaches_every_process(platform)


def test_a_need_becomes_a_service_delivered_credited_once_and_evaluated(platform):
    """The council's five steps across the services: a need, a project claimed by a unit and two in-service
    members, the service delivered and credited once in points, the residents' evaluation in the report."""
    council_journey(platform)


def test_canary_by_sub_district_moves_its_events_and_rolls_back_with_every_event_applied_once(platform, tmp_path):
    """Stable workers (`cityplat up`) and a canary points worker (CITYPLAT_TRACK=canary) on one broker. An
    operator sends the pilot ring to the canary, moves 310101003 into the pilot ring with `cityplat rollout`
    while check-ins of 310101002 and 310101003 flow: 310101003's later events go to the canary, 310101002's
    stay on stable. Then one command rolls back: every later event goes to stable. Every event is applied
    exactly once, by one worker, none lost."""
    import signal
    import urllib.request

    env = {**platform["env"], "CITYPLAT_TOKEN": mint_token("e2e-operator", ["operator"], None,
                                                           settings=build_settings({}))}

    def rollout(*args) -> float:
        started = time.monotonic()
        done = subprocess.run(CLI + ["rollout", *args], env=env, capture_output=True, text=True, timeout=60)
        assert done.returncode == 0, done.stderr
        return time.monotonic() - started

    rollout("move", "310101002", "--ring", "early")  # the demo's pilot leaves: nobody in the pilot ring yet
    rollout("canary", "pilot")
    canary_port = free_port()
    canary_log = tmp_path / "points-worker-canary.log"
    with open(canary_log, "wb") as log_file:
        canary = subprocess.Popen(
            [sys.executable, "-c", "from services.common.entry import worker_main; worker_main(['cityplat-worker', "
             "'points'])"], env={**env, "CITYPLAT_TRACK": "canary",
                                "CITYPLAT_SERVICES__POINTS__WORKER_HTTP_PORT": str(canary_port)},
            stdout=log_file, stderr=subprocess.STDOUT)
    produced, stop = tmp_path / "produced.jsonl", tmp_path / "stop"
    producer = None
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{canary_port}/readyz", timeout=2) as ready:
                    if ready.status == 200:
                        break
            except OSError:
                time.sleep(0.2)
        else:
            pytest.fail(f"the canary worker is not ready:\n{canary_log.read_text()[-3000:]}")
        producer = subprocess.Popen([sys.executable, "-m", "tests.e2e.canary_producer", str(produced), str(stop)],
                                    env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        assert producer.stdout.readline().strip() == "producing"
        time.sleep(3)
        moved_at = time.time()
        rollout("move", "310101003", "--ring", "pilot")
        time.sleep(4)
        rolled_back_at = time.time()
        took = rollout("rollback")
        time.sleep(3)
        stop.touch()
        assert producer.wait(60) == 0
        events = [json.loads(line) for line in produced.read_text().splitlines()]
        assert len(events) > 100

        def applied(lines) -> dict[str, int]:
            counts: dict[str, int] = {}
            for line in lines:
                if line.get("kind") == "event" and line["method"] == "centers.checkin.recorded" \
                        and line["code"] == "applied":
                    counts[line["request_id"]] = counts.get(line["request_id"], 0) + 1
            return counts

        ids = {e["event_id"] for e in events}
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            on_stable, on_canary = applied(access_lines(platform, "points-worker")), applied(access_lines_in(canary_log))
            if ids <= set(on_stable) | set(on_canary):
                break
            time.sleep(0.5)
    finally:
        if producer is not None and producer.poll() is None:
            stop.touch()
            producer.wait(30)
        canary.send_signal(signal.SIGTERM)
        canary.wait(60)
    missing = ids - set(on_stable) - set(on_canary)
    assert not missing, f"{len(missing)} of {len(ids)} events never applied"
    assert not set(on_stable) & set(on_canary), "applied by both tracks"
    assert all(n == 1 for n in [*on_stable.values(), *on_canary.values()])            # each exactly once
    where = {e["event_id"]: e for e in events}
    canary_subdistricts = {where[i]["subdistrict"] for i in on_canary if i in where}
    assert canary_subdistricts == {"310101003"}, canary_subdistricts                  # only the moved one
    # 310101003 before the move and after the rollback: stable; between (past the second the change takes): canary
    moved = [e for e in events if e["subdistrict"] == "310101003" and moved_at + 1 < e["emitted"] < rolled_back_at]
    assert moved and all(e["event_id"] in on_canary for e in moved)
    assert all(e["event_id"] in on_stable for e in events
               if e["subdistrict"] == "310101002" or not moved_at < e["emitted"] < rolled_back_at + 1)
    last_on_canary = max(where[i]["emitted"] for i in on_canary)
    print(f"{len(events)} events: {len(on_stable)} on stable, {len(on_canary)} on canary; rollback command "
          f"{took:.2f} s, last event sent to the canary emitted {last_on_canary - rolled_back_at:.2f} s after it began")
    assert last_on_canary - rolled_back_at < 60                                        # rolled back within a minute
