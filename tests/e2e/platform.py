"""The whole platform started with ``cityplat up`` for a test, and a resident's journey across it.

Used by the end-to-end tests (registry on PostgreSQL) and by the fault test of the embedded default
(every service on SQLite, under load).
"""
from __future__ import annotations

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

CLI = [sys.executable, "-W", "ignore", "-m", "services.cli"]


def run_platform(tmp_path, registry_url, broker_url):
    ports = {"GRPC_PORT": free_port(), "GRPC_HTTP_PORT": free_port(), "WORKER_HTTP_PORT": free_port()}
    # every other service that exists runs too, on free ports and its own database in the temp folder
    others = {name: {k: free_port() for k in ports} for name in existing_services() if name != "registry"}
    env = {**os.environ, "CITYPLAT_VAR_DIR": str(tmp_path / "var"), "CITYPLAT_BROKER_URL": broker_url,
           "CITYPLAT_LOG_FORMAT": "json",
           "CITYPLAT_REGISTRY_TARGET": f"127.0.0.1:{ports['GRPC_PORT']}",
           **({"CITYPLAT_SERVICES__REGISTRY__DATABASE_URL": registry_url} if registry_url else {}),
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
        assert up.returncode == 0, f"cityplat up failed:\n{up.stdout}\n{up.stderr}\n{logs(tmp_path)}"
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


def logs(tmp_path: Path) -> str:
    return "\n".join(f"--- {p.name}\n{p.read_text()[-3000:]}" for p in (tmp_path / "var" / "log").glob("*.log"))


def residents_journey(platform, tag: str = "1"):
    """Registry people mediate a neighbour dispute; its resolution credits the volunteers in points; a
    second dispute escalated to the sub-district is resolved there by its staff and credits its volunteers
    once; a volunteer spends the points at the community's station and picks the produce up; another
    books a room of the community's centre, checks in at its door (credited once) and redeems the
    greens its garden harvested into the same station."""
    from cityplat.mediation.v1 import mediation_pb2 as mpb
    from cityplat.mediation.v1 import mediation_pb2_grpc as mpb_grpc
    from cityplat.points.v1 import points_pb2 as ppb
    from cityplat.points.v1 import points_pb2_grpc as ppb_grpc

    settings = build_settings({})

    def md(*roles, actor="e2e-worker", subdistrict=None):
        return (("authorization", "Bearer " + mint_token(actor, roles, "310101", subdistrict,
                                                         settings=settings)),)

    community = "310101002001"
    ports = platform["others"]
    with grpc.insecure_channel(f"127.0.0.1:{platform['ports']['GRPC_PORT']}") as reg_ch, \
            grpc.insecure_channel(f"127.0.0.1:{ports['mediation']['GRPC_PORT']}") as med_ch, \
            grpc.insecure_channel(f"127.0.0.1:{ports['points']['GRPC_PORT']}") as pts_ch:
        people = pb_grpc.RegistryStub(reg_ch).ListPeople(pb.ListPeopleRequest(community_code=community),
                                                          metadata=md("community_worker")).items
        complainant = next(p for p in people if p.name == "王芳")  # a party named by id is a registry person
        # the 1+1+N team's judge and mediator hold the community's mediation posts (the demo seed's)
        registry = pb_grpc.RegistryStub(reg_ch)
        residents = registry.ListOrganisations(pb.ListOrganisationsRequest(
            division_code=community, kind="residents_committee"), metadata=md("community_worker")).items[0]
        posts = {p.title: p.person_id for p in registry.ListPosts(
            pb.ListPostsRequest(organisation_id=residents.id), metadata=md("community_worker")).items}
        judge, mediator = posts["community_judge"], posts["mediator"]
        others = [p.id for p in people if p.id not in (complainant.id, judge, mediator)]
        volunteers = others[:3]
        upper_volunteers = others[3:5]  # the escalated case's: credited for it alone
        med = mpb_grpc.MediationStub(med_ch)
        case = med.OpenCase(mpb.OpenCaseRequest(
            channel="residents_meeting", category="shared_space", community=community, building="3号楼",
            summary="a rooftop vegetable plot blocks the building's exit",
            parties=[mpb.Party(name="王芳", role="complainant", phone="13800001234", person_id=complainant.id)],
            idempotency_key=f"e2e-open-{tag}"), metadata=md("community_worker"))
        assert case.tier == "community" and case.status == "open"
        med.AssignTeam(mpb.AssignTeamRequest(case_id=case.id, judge_id=judge, mediator_id=mediator,
                                             volunteer_ids=volunteers, idempotency_key=f"e2e-team-{tag}"),
                       metadata=md("community_worker"))
        with pytest.raises(grpc.RpcError) as outsider:  # the team comes from the case's community
            med.AssignTeam(mpb.AssignTeamRequest(case_id=case.id, judge_id=judge, mediator_id=mediator,
                                                 volunteer_ids=["no-such-person"], idempotency_key=f"e2e-bad-{tag}"),
                           metadata=md("community_worker"))
        assert outsider.value.code() == grpc.StatusCode.NOT_FOUND
        resolved = med.ResolveCase(mpb.ResolveCaseRequest(case_id=case.id, outcome="agreement",
                                                          agreement="owners clear the plot within a week",
                                                          idempotency_key=f"e2e-resolve-{tag}"),
                                   metadata=md("community_worker"))
        assert resolved.status == "resolved" and resolved.resolved_tier == "community"

        # a second dispute the community cannot settle climbs to the sub-district, whose staff resolve it
        upper = med.OpenCase(mpb.OpenCaseRequest(
            channel="walk_in", category="shared_space", community=community, building="5号楼",
            summary="bicycles chained in the stairwell block the fire escape",
            parties=[mpb.Party(name="王芳", role="complainant", phone="13800001234", person_id=complainant.id)],
            idempotency_key=f"e2e-open-upper-{tag}"), metadata=md("community_worker"))
        med.AssignTeam(mpb.AssignTeamRequest(case_id=upper.id, judge_id=judge, mediator_id=mediator,
                                             volunteer_ids=upper_volunteers, idempotency_key=f"e2e-team-upper-{tag}"),
                       metadata=md("community_worker"))
        climbed = med.ResolveCase(mpb.ResolveCaseRequest(case_id=upper.id, outcome="not_resolved",
                                                         idempotency_key=f"e2e-unresolved-upper-{tag}"),
                                  metadata=md("community_worker"))
        assert climbed.tier == "subdistrict" and climbed.status == "assigned"
        with pytest.raises(grpc.RpcError) as handed_over:  # the community only reads it now
            med.RecordSession(mpb.RecordSessionRequest(case_id=upper.id, notes="社区再调", attendance=["王芳"],
                                                       idempotency_key=f"e2e-session-community-{tag}"),
                              metadata=md("community_worker"))
        assert handed_over.value.code() == grpc.StatusCode.PERMISSION_DENIED
        staff = md("subdistrict_staff", actor="e2e-sub-staff", subdistrict=community[:9])
        med.RecordSession(mpb.RecordSessionRequest(case_id=upper.id, notes="街道约谈双方", attendance=["王芳"],
                                                   idempotency_key=f"e2e-session-upper-{tag}"), metadata=staff)
        settle = mpb.ResolveCaseRequest(case_id=upper.id, outcome="agreement", agreement="bicycles moved to the shed",
                                        idempotency_key=f"e2e-resolve-upper-{tag}")
        resolved_upper = med.ResolveCase(settle, metadata=staff)
        assert resolved_upper.status == "resolved" and resolved_upper.resolved_tier == "subdistrict"
        assert med.ResolveCase(settle, metadata=staff) == resolved_upper  # a retry: the same answer, no second credit

        points = ppb_grpc.PointsStub(pts_ch)
        accounts = [f"310101:resident:{v}" for v in volunteers + upper_volunteers]

        def balances_now() -> dict:
            found = {}
            for a in accounts:
                try:
                    found[a] = points.GetAccount(ppb.AccountIdRequest(account_id=a),
                                                 metadata=md("community_worker")).balance
                except grpc.RpcError:
                    found[a] = None
            return found

        deadline = time.time() + 30
        balances = {}
        while time.time() < deadline:
            balances = balances_now()
            if all(b == 10 for b in balances.values()):
                break
            time.sleep(0.2)
        assert all(b == 10 for b in balances.values()), balances  # each case's volunteers, 10 points each
        time.sleep(1.0)
        assert balances_now() == balances  # credited once: nothing more arrives

        volunteer = volunteers[0]
        (station,) = points.ListStations(ppb.ListStationsRequest(community=community), metadata=md("resident")).items
        catalogue = points.ListCatalogue(ppb.StationIdRequest(station_id=station.id), metadata=md("resident"))
        greens = next(i for i in catalogue.items if i.name.startswith("青菜"))
        reservation = points.Redeem(ppb.RedeemRequest(account_id=f"310101:resident:{volunteer}", item_id=greens.id,
                                                      quantity=2, idempotency_key=f"e2e-redeem-{tag}"),
                                    metadata=md("resident", actor=volunteer))
        assert reservation.status == "reserved" and reservation.points == 10 and reservation.pick_up_code
        picked = points.PickUp(ppb.PickUpRequest(reservation_id=reservation.id,
                                                 pick_up_code=reservation.pick_up_code,
                                                 idempotency_key=f"e2e-pickup-{tag}"), metadata=md("community_worker"))
        assert picked.status == "picked_up"
        assert points.GetAccount(ppb.AccountIdRequest(account_id=f"310101:resident:{volunteer}"),
                                 metadata=md("resident", actor=volunteer)).balance == 0

        # another volunteer books a room of the community's centre, checks in at the door (credited once),
        # and redeems the greens the centre's garden harvested into the same station
        _centre_visit(platform, points, md, community, station, greens, upper_volunteers[0], tag)


def _wait_for(read, want, what: str, seconds: float = 30):
    deadline, got = time.time() + seconds, None
    while time.time() < deadline:
        got = read()
        if got == want:
            return got
        time.sleep(0.2)
    raise AssertionError(f"{what}: {got!r}, not {want!r}")


def _centre_visit(platform, points, md, community, station, greens, resident, tag):
    from datetime import datetime, time as clock_time, timedelta, timezone

    from cityplat.centers.v1 import centers_pb2 as cpb
    from cityplat.centers.v1 import centers_pb2_grpc as cpb_grpc
    from cityplat.points.v1 import points_pb2 as ppb

    me = md("resident", actor=resident)
    account = f"310101:resident:{resident}"

    def balance():
        return points.GetAccount(ppb.AccountIdRequest(account_id=account), metadata=me).balance

    def greens_stock():
        items = points.ListCatalogue(ppb.StationIdRequest(station_id=station.id), metadata=me).items
        return next(i.stock for i in items if i.id == greens.id)

    assert balance() == 10                                   # credited for the escalated case
    with grpc.insecure_channel(f"127.0.0.1:{platform['others']['centers']['GRPC_PORT']}") as channel:
        centers = cpb_grpc.CentersStub(channel)
        staff = md("community_worker")
        (centre,) = centers.ListCentres(cpb.ListCentresRequest(community=community), metadata=staff).items
        # a room open round the clock (the demo's keep office hours; the journey runs at any hour)
        room = centers.AddSpace(cpb.AddSpaceRequest(
            centre_id=centre.id, name=f"e2e 读书角 {tag}", kind="reading_room", capacity=10, residents_may_book=True,
            open_on_public_holidays=True, idempotency_key=f"e2e-room-{tag}",
            hours=[cpb.OpeningHours(weekday=d, opens="00:00", closes="23:59") for d in range(1, 8)]), metadata=staff)
        beijing = timezone(timedelta(hours=8))
        start = (datetime.now(beijing) + timedelta(minutes=2)).replace(second=0, microsecond=0)
        if start.time() > clock_time(23, 44):                # no quarter hour left today: the first one tomorrow
            start = datetime.combine(start.date() + timedelta(days=1), clock_time(0, 0), beijing)
        booking = centers.BookSpace(cpb.BookSpaceRequest(
            space_id=room.id, starts_at=start.isoformat(), ends_at=(start + timedelta(minutes=15)).isoformat(),
            purpose="读书会", attendees=1, person_id=resident, idempotency_key=f"e2e-book-{tag}"), metadata=me)
        assert booking.status == "confirmed"
        code = centers.GetDoorCode(cpb.GetDoorCodeRequest(booking_id=booking.id), metadata=me).door_code
        first = centers.CheckIn(cpb.CheckInRequest(door_code=code, idempotency_key=f"e2e-checkin-{tag}"), metadata=me)
        again = centers.CheckIn(cpb.CheckInRequest(door_code=code, idempotency_key=f"e2e-checkin-again-{tag}"),
                                metadata=me)                 # checked in twice at the door: once
        assert again.id == first.id and first.how == "door_code"
        _wait_for(balance, 11, "the resident's balance after the check-in")
        time.sleep(1.0)
        assert balance() == 11                               # credited once
        _party_day(platform, centers, points, md, community, room, start + timedelta(minutes=15), tag)
        before = greens_stock()
        plot = centers.AddPlot(cpb.AddPlotRequest(centre_id=centre.id, name=f"e2e 菜地 {tag}", station_id=station.id,
                                                  idempotency_key=f"e2e-plot-{tag}"), metadata=staff)
        centers.RecordHarvest(cpb.RecordHarvestRequest(plot_id=plot.id, produce=greens.name, quantity=6,
                                                       idempotency_key=f"e2e-harvest-{tag}"), metadata=staff)
        _wait_for(greens_stock, before + 6, "the station's greens after the harvest")
    reservation = points.Redeem(ppb.RedeemRequest(account_id=account, item_id=greens.id, quantity=2,
                                                  idempotency_key=f"e2e-redeem-greens-{tag}"), metadata=me)
    assert reservation.status == "reserved" and reservation.points == 10
    assert balance() == 1 and greens_stock() == before + 4


def _party_day(platform, centers, points, md, community, room, start, tag):
    """A branch of the community holds its themed party day (主题党日) in the room: a member checks in
    at the door and his member points are credited once for organisational life; a resident who is not
    the branch's member is refused."""
    from datetime import timedelta

    from cityplat.centers.v1 import centers_pb2 as cpb
    from cityplat.points.v1 import points_pb2 as ppb

    staff = md("community_worker")
    with grpc.insecure_channel(f"127.0.0.1:{platform['ports']['GRPC_PORT']}") as reg_ch:
        registry = pb_grpc.RegistryStub(reg_ch)
        branch = next(o for o in registry.ListOrganisations(pb.ListOrganisationsRequest(
            division_code=community, kind="branch"), metadata=staff).items
            if registry.ListMemberships(pb.ListMembershipsRequest(organisation_id=o.id), metadata=staff).items)
        members = [x.person_id for x in registry.ListMemberships(
            pb.ListMembershipsRequest(organisation_id=branch.id), metadata=staff).items]
        member = members[0]
        outsider = next(p.id for p in registry.ListPeople(pb.ListPeopleRequest(community_code=community),
                                                          metadata=staff).items if p.id not in members)
    schedule = centers.ScheduleLifeMeeting(cpb.ScheduleLifeMeetingRequest(
        space_id=room.id, branch_id=branch.id, kind="themed_party_day", topic="重温入党誓词",
        starts_at=start.isoformat(), ends_at=(start + timedelta(minutes=15)).isoformat(), attendees=5,
        idempotency_key=f"e2e-party-day-{tag}"), metadata=staff)
    (meeting,) = schedule.meetings
    code = centers.GetDoorCode(cpb.GetDoorCodeRequest(booking_id=meeting.booking_id), metadata=staff).door_code
    him = md("resident", actor=member)
    centers.CheckIn(cpb.CheckInRequest(door_code=code, idempotency_key=f"e2e-party-checkin-{tag}"), metadata=him)
    with pytest.raises(grpc.RpcError) as refused:
        centers.CheckIn(cpb.CheckInRequest(door_code=code, idempotency_key=f"e2e-party-outsider-{tag}"),
                        metadata=md("resident", actor=outsider))
    assert refused.value.code() == grpc.StatusCode.FAILED_PRECONDITION and "person_id" in refused.value.details()
    account = f"310101:member:{member}"

    def member_points():
        try:
            return points.GetAccount(ppb.AccountIdRequest(account_id=account), metadata=staff).balance
        except grpc.RpcError:
            return None

    _wait_for(member_points, 2, "the member's points after his branch's themed party day")
    detail = centers.GetLifeMeeting(cpb.LifeMeetingRef(id=meeting.id), metadata=staff)
    assert member in detail.attendees and outsider not in detail.attendees


def council_journey(platform, tag: str = "1"):
    """A need gathered on a door-to-door visit becomes a project of the community council's bank; a unit
    and two in-service members claim it; the unit's service team, the two members in it, delivers it
    (service.delivered), and points credits the unit and each member once; a resident evaluates the
    project, and the evaluation appears in the half-yearly report."""
    from datetime import date, timedelta

    from cityplat.council.v1 import council_pb2 as kpb
    from cityplat.council.v1 import council_pb2_grpc as kpb_grpc
    from cityplat.points.v1 import points_pb2 as ppb
    from cityplat.points.v1 import points_pb2_grpc as ppb_grpc

    settings = build_settings({})

    def md(*roles, actor="e2e-worker"):
        return (("authorization", "Bearer " + mint_token(actor, roles, "310101", settings=settings)),)

    community, staff = "310101002001", md("community_worker")
    ports = platform["others"]
    with grpc.insecure_channel(f"127.0.0.1:{platform['ports']['GRPC_PORT']}") as reg_ch, \
            grpc.insecure_channel(f"127.0.0.1:{ports['council']['GRPC_PORT']}") as k_ch, \
            grpc.insecure_channel(f"127.0.0.1:{ports['points']['GRPC_PORT']}") as pts_ch:
        registry, council, points = pb_grpc.RegistryStub(reg_ch), kpb_grpc.CouncilStub(k_ch), ppb_grpc.PointsStub(pts_ch)
        committee = registry.ListOrganisations(pb.ListOrganisationsRequest(
            division_code=community, kind="community_committee"), metadata=staff).items[0]
        secretary = next(p.person_id for p in registry.ListPosts(pb.ListPostsRequest(
            organisation_id=committee.id), metadata=staff).items if p.title == "secretary")
        unit = next(o for o in registry.ListOrganisations(pb.ListOrganisationsRequest(
            division_code=community, kind="partner_unit"), metadata=staff).items if o.name == "区供电公司")
        people = [p.id for p in registry.ListPeople(pb.ListPeopleRequest(community_code=community),
                                                    metadata=staff).items]
        in_service = {m.person_id for m in registry.ListInServiceMembers(pb.ListInServiceMembersRequest(
            community_code=community), metadata=staff).items}
        for person in [p for p in people if p not in in_service][:2 - len(in_service)]:  # two in all
            registry.RegisterInService(pb.RegisterInServiceRequest(
                person_id=person, community_code=community, employer_id=unit.id, volunteer_projects=["助老服务"]),
                metadata=staff)
        members = sorted({m.person_id for m in registry.ListInServiceMembers(pb.ListInServiceMembersRequest(
            community_code=community), metadata=staff).items})[:2]
        resident = next(p for p in people if p not in members)

        # the demo's council, founded by `cityplat up` once the registry answered (council's seed_demo_served)
        (k,) = council.ListCouncils(kpb.ListCouncilsRequest(division_code=community), metadata=staff).items
        assert k.leader_id == secretary
        assert unit.id in {x.organisation_id for x in council.GetCouncil(kpb.CouncilRef(id=k.id), metadata=staff).members}
        today = date.today()
        need = council.RecordNeed(kpb.RecordNeedRequest(
            council_id=k.id, visited_on=today.isoformat(), visited_by="网格员", resident_id=resident,
            description="独居老人家中水管漏水", kind="repair", skills=["水电维修"], urgency="high",
            idempotency_key=f"e2e-need-{tag}"), metadata=staff)
        project = council.CreateProject(kpb.CreateProjectRequest(
            council_id=k.id, title="独居老人水电维修", need_ids=[need.id],
            deadline=(today + timedelta(days=30)).isoformat(), idempotency_key=f"e2e-project-{tag}"), metadata=staff)
        council.ClaimProject(kpb.ClaimProjectRequest(project_id=project.id, organisation_id=unit.id,
                                                     idempotency_key=f"e2e-claim-unit-{tag}"),
                             metadata=md("partner_unit", actor=unit.id))  # the unit claims for itself
        for n, member in enumerate(members):
            council.ClaimProject(kpb.ClaimProjectRequest(project_id=project.id, person_id=member,
                                                         idempotency_key=f"e2e-claim-{n}-{tag}"), metadata=staff)

        accounts = [f"310101:unit:{unit.id}"] + [f"310101:resident:{m}" for m in members]

        def balances() -> list:
            found = []
            for a in accounts:
                try:
                    found.append(points.GetAccount(ppb.AccountIdRequest(account_id=a), metadata=staff).balance)
                except grpc.RpcError:
                    found.append(0)
            return found

        before = balances()
        team = council.FormTeam(kpb.FormTeamRequest(council_id=k.id, name="水电维修队", basis="skill", kind="repair",
                                                    unit_id=unit.id, idempotency_key=f"e2e-team-{tag}"), metadata=staff)
        for n, member in enumerate(members):
            council.RegisterSkills(kpb.RegisterSkillsRequest(council_id=k.id, person_id=member, skills=["水电维修"],
                                                             idempotency_key=f"e2e-skills-{n}-{tag}"), metadata=staff)
            council.AddTeamMember(kpb.TeamMemberRequest(team_id=team.id, person_id=member,
                                                        idempotency_key=f"e2e-member-{n}-{tag}"), metadata=staff)
        delivered = kpb.RecordActivityRequest(team_id=team.id, title="上门维修水管", served_on=today.isoformat(),
                                              people_served=1, volunteer_ids=members, project_id=project.id,
                                              idempotency_key=f"e2e-activity-{tag}")
        council.RecordActivity(delivered, metadata=staff)
        council.RecordActivity(delivered, metadata=staff)  # a retry: the same activity, no second credit
        want = [before[0] + 20, before[1] + 5, before[2] + 5]  # cobuilding_service 20, volunteer_service 5
        _wait_for(balances, want, "the unit's and the members' points after the service")
        time.sleep(1.0)
        assert balances() == want                             # credited once each
        council.CompleteProject(kpb.CompleteProjectRequest(project_id=project.id, note="水管已修好",
                                                           idempotency_key=f"e2e-done-{tag}"), metadata=staff)
        council.EvaluateProject(kpb.EvaluateProjectRequest(project_id=project.id, stars=5, comment="很满意",
                                                           idempotency_key=f"e2e-evaluate-{tag}"),
                                metadata=md("resident", actor=resident))
        report = council.GetHalfYearReport(kpb.GetHalfYearReportRequest(division_code=community), metadata=staff)
        (line,) = [c for c in report.communities if c.community == community]
        assert (line.evaluations, line.average_stars, line.unit_claims, line.member_claims) == (1, 5.0, 1, 2)
        assert report.xlsx[:2] == b"PK"                       # the XLSX to send upward


def _applied_rollout_changes(port: int) -> float:
    """cityplat_rollout_changes_applied_total on a process's /metrics (0 before its first)."""
    import urllib.request

    with urllib.request.urlopen(f"http://127.0.0.1:{port}/metrics", timeout=5) as reply:
        lines = reply.read().decode().splitlines()
    return sum(float(line.rsplit(" ", 1)[1]) for line in lines
               if line.startswith("cityplat_rollout_changes_applied_total{"))


def rollout_reaches_every_process(platform) -> float:
    """`cityplat rollout` as an operator: --dry-run names the change and makes none; the change itself is
    applied by every gRPC and worker process of every service (each one's rollout.changed listener),
    long before the 30 s cache would have let it through. Returns the seconds the slowest process took."""
    settings = build_settings({})
    env = {**platform["env"], "CITYPLAT_TOKEN": mint_token("e2e-operator", ["operator"], None, settings=settings)}
    ports = {"registry-grpc": platform["ports"]["GRPC_HTTP_PORT"],
             "registry-worker": platform["ports"]["WORKER_HTTP_PORT"],
             **{f"{name}-grpc": p["GRPC_HTTP_PORT"] for name, p in platform["others"].items()},
             **{f"{name}-worker": p["WORKER_HTTP_PORT"] for name, p in platform["others"].items()}}
    flag = f"e2e_flag_{uuid.uuid4().hex[:6]}"

    def cli(*args):
        done = subprocess.run(CLI + ["rollout", *args], env=env, capture_output=True, text=True, timeout=60)
        assert done.returncode == 0, done.stderr
        return done.stdout

    assert f"{flag}: would go from unknown (off) to general (dry run)" in cli("stage", flag, "general", "--dry-run")
    assert flag not in cli("show", "--district", "310101")  # the dry run changed nothing
    # the demo district's 310101002 is the pilot (services/registry/seed.py)
    assert "310101002: would move from pilot to general (dry run)" in cli("move", "310101002", "--ring", "general",
                                                                             "--dry-run")
    assert "310101002" in next(line for line in cli("show", "--district", "310101").splitlines()
                               if line.strip().startswith("pilot"))  # still there
    before = {name: _applied_rollout_changes(port) for name, port in ports.items()}
    cli("stage", flag, "general")
    changed_at = time.monotonic()
    took: dict[str, float] = {}
    while len(took) < len(ports) and time.monotonic() - changed_at < 10:  # the cache alone: up to 30 s
        for name, port in ports.items():
            if name not in took and _applied_rollout_changes(port) > before[name]:
                took[name] = time.monotonic() - changed_at
        time.sleep(0.02)
    assert set(took) == set(ports), f"never applied by {sorted(set(ports) - set(took))}"
    shown = cli("show", "--district", "310101")
    assert f"{flag}" in shown and "stage general" in shown, shown
    print(f"rollout change applied by all {len(ports)} processes within {max(took.values()):.3f} s: {took}")
    return max(took.values())


def access_lines(platform, process: str) -> list[dict]:
    """The access log's lines in a process's log (var/log/<process>.log, one JSON object per line)."""
    return access_lines_in(platform["var"] / "log" / f"{process}.log")


def access_lines_in(path: Path) -> list[dict]:
    """The access log's lines in a log file of one JSON object per line."""
    import json

    found = []
    for line in path.read_text(errors="replace").splitlines():
        if '"logger": "cityplat.access"' in line:
            try:
                found.append(json.loads(line))
            except ValueError:
                pass
    return found
