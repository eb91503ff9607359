"""The world of the tenancy matrix (tests/integration/test_tenancy_matrix.py) and its machinery.

- ``running_stack``: the registry, points and mediation gRPC servers in this process, each on a
  fresh database of one backend (SQLite files, or new PostgreSQL databases), stopped, disposed and
  dropped afterwards;
- ``build_world``: the TARGET community 310101002001 filled, through the three gRPC APIs, with
  records of every kind the services hold. ``World.ids`` names each record (and the division
  codes); ``World.targets`` lists the values (ids, names, phones) that must never reach a caller
  who cannot see where they lie. Every text written for the target carries the marker ``TGT``;
- ``Stack.snapshot`` / ``Stack.restore``: every row of every table of the three databases, and
  putting exactly those rows back (so that each call of the matrix meets the pristine world);
- ``reflect``: every method a server serves, with request and reply classes built from the
  FileDescriptorProtos it reflects (never from the generated code, which could lag behind);
- ``RequestBuilder``: a request aimed at the target records, filled from its field names by
  ``FIELDS`` (and per method by the test's ``OVERRIDES``).
"""
from __future__ import annotations

import base64
import contextlib
import csv
import gc
import importlib
import io
import os
import re
import time
import uuid
from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import Any, Callable

import grpc
from google.protobuf import descriptor_pb2, descriptor_pool, json_format, message_factory
from google.protobuf.descriptor import FieldDescriptor
from grpc_reflection.v1alpha import reflection_pb2, reflection_pb2_grpc
from sqlalchemy import and_, inspect, select
from sqlalchemy.engine import Engine

from services.common import clock
from services.common.auth import mint_token
from services.common.config import build_settings
from services.common.context import Role
from services.common.db import Database, normalise_url
from tests.conftest import fresh_database

# ---- the territory

DISTRICT = "310101"
SUBDISTRICT = "310101002"
COMMUNITY = "310101002001"          # the TARGET community
GRID = COMMUNITY + "-G01"
SIBLING_COMMUNITY = "310101002002"
SIBLING_SUBDISTRICT = "310101003"
SIBLING_SUB_COMMUNITY = "310101003001"
OTHER_DISTRICT = "110101"
OTHER_SUBDISTRICT = "110101001"
OTHER_COMMUNITY = "110101001001"

#: the platform clock while the matrix runs: every date in the world and the requests is this day
NOW = datetime(2026, 6, 1, 12, 0, tzinfo=timezone.utc)
TODAY = "2026-06-01"
MARKER = "TGT"  # in every text written for the target, and in no request the matrix sends

SERVICES = ("registry", "points", "mediation", "centers", "council")


def bearer(token: str):
    return (("authorization", f"Bearer {token}"),)


def all_roles_token(actor: str, district: str, subdistrict: str | None = None, community: str | None = None) -> str:
    """A token carrying every role: no permission can hide a scope leak behind a refusal."""
    return mint_token(actor, Role.ALL, district, subdistrict, community)


def forged_token(actor: str, district: str, subdistrict: str, community: str) -> str:
    """Every role, signed with the platform's secret, with claims mint_token would refuse (a scope
    outside its own district or sub-district): what a leaked secret or a careless issuer could make."""
    import time

    import jwt

    from services.common.config import get_settings

    auth = get_settings().auth
    now = int(time.time())
    return jwt.encode({"sub": actor, "roles": sorted(Role.ALL), "district": district, "subdistrict": subdistrict,
                       "community": community, "iss": auth["jwt_issuer"], "iat": now, "exp": now + 3600},
                      auth["jwt_secret"], algorithm=auth["jwt_algorithm"])


def visible(scope: str, code: str) -> bool:
    """May a caller whose narrowest scope is ``scope`` see what lies in division ``code``?

    Codes nest by prefix: a caller sees its own division, what lies inside it, and the divisions
    above it (a community sees its sub-district's working committee), never a sibling's."""
    return code.startswith(scope) or scope.startswith(code)


# ---- servers and databases

def _models(service: str):
    return importlib.import_module(f"services.{service}.models")


def _grpc_server(service: str):
    return importlib.import_module(f"services.{service}.grpc_server")


@dataclass
class Stack:
    backend: str
    dbs: dict[str, Database]                 # the test's own handles on the three databases
    servers: dict[str, Any] = field(default_factory=dict)
    channels: dict[str, grpc.Channel] = field(default_factory=dict)
    tables: dict[str, list] = field(default_factory=dict)

    def channel(self, service: str) -> grpc.Channel:
        return self.channels[service]

    # -- whether anything was written at all, cheaply (before reading every row)

    _watchers: dict = field(default_factory=dict)

    def write_mark(self) -> tuple:
        """Something that moves whenever any of the databases commits a change: PostgreSQL's WAL insert
        position (the cluster's, so another session's write moves it too: a false alarm costs only the
        full comparison), SQLite's ``data_version`` as seen from a connection kept for it (it changes when
        any other connection commits). Equal marks: nothing was committed in between."""
        marks = []
        for service, db in sorted(self.dbs.items()):
            watcher = self._watchers.get(service)
            if watcher is None:
                watcher = self._watchers[service] = db.engine.raw_connection()
                if db.engine.dialect.name == "sqlite":
                    watcher.isolation_level = None  # autocommit: no transaction holds a snapshot
            cursor = watcher.cursor()
            try:
                if db.engine.dialect.name == "sqlite":
                    cursor.execute("PRAGMA data_version")
                else:
                    cursor.execute("SELECT pg_current_wal_insert_lsn()::text")
                marks.append(cursor.fetchone()[0])
            finally:
                cursor.close()
            if db.engine.dialect.name != "sqlite":
                watcher.rollback()
        return tuple(marks)

    def close_watchers(self) -> None:
        for watcher in self._watchers.values():
            watcher.close()
        self._watchers.clear()

    # -- every row of every table

    def snapshot(self) -> dict[str, dict[str, dict[tuple, tuple]]]:
        """service → table → primary key → the row's full contents."""
        out = {}
        for service, db in self.dbs.items():
            tables = {}
            with db.engine.connect() as conn:
                for table in self.tables[service]:
                    pk = [c.name for c in table.primary_key.columns]
                    rows = {}
                    for row in conn.execute(select(table)):
                        values = row._mapping
                        rows[tuple(values[c] for c in pk)] = tuple(row)
                    tables[table.name] = rows
            out[service] = tables
        return out

    @staticmethod
    def changes(before: dict, after: dict) -> dict[tuple[str, str], dict[str, list]]:
        """(service, table) → {"added", "removed", "changed": [(key, row...)]} where they differ."""
        out = {}
        for service, tables in before.items():
            for name, rows in tables.items():
                now = after[service][name]
                if rows == now:
                    continue
                out[(service, name)] = {
                    "added": [now[k] for k in now.keys() - rows.keys()],
                    "removed": [rows[k] for k in rows.keys() - now.keys()],
                    "changed": [(rows[k], now[k]) for k in rows.keys() & now.keys() if rows[k] != now[k]]}
        return out

    def restore(self, baseline: dict, current: dict) -> None:
        """Put every table back as ``baseline`` had it (rows deleted, re-inserted, updated by key).

        Foreign keys are checked at the commit (SQLite) or not at all while restoring (PostgreSQL,
        as superuser): the rows go back in whatever order, and the result is the baseline's."""
        for service, db in self.dbs.items():
            if baseline[service] == current[service]:
                continue
            with db.engine.connect() as conn, conn.begin():
                if db.engine.dialect.name == "sqlite":
                    conn.exec_driver_sql("PRAGMA defer_foreign_keys = ON")
                else:
                    conn.exec_driver_sql("SET LOCAL session_replication_role = replica")
                for table in self.tables[service]:
                    before, after = baseline[service][table.name], current[service][table.name]
                    if before == after:
                        continue
                    names = [c.name for c in table.columns]
                    for key in after.keys() - before.keys():
                        conn.execute(table.delete().where(_by_key(table, key)))
                    for key in before.keys() - after.keys():
                        conn.execute(table.insert().values(dict(zip(names, before[key], strict=True))))
                    for key in before.keys() & after.keys():
                        if before[key] != after[key]:
                            conn.execute(table.update().where(_by_key(table, key))
                                         .values(dict(zip(names, before[key], strict=True))))


def _by_key(table, key: tuple):
    return and_(*[column == value for column, value in zip(table.primary_key.columns, key, strict=True)])


def _dispose_engines_of(urls: set[str]) -> None:
    """Dispose the engines ``build_server`` made for itself (it keeps no handle we could use)."""
    for obj in gc.get_objects():
        if isinstance(obj, Engine) and obj.url.render_as_string(hide_password=False) in urls:
            obj.dispose()


@contextlib.contextmanager
def running_stack(backend: str, tmp_path, pg_admin_url: str | None, point_clients_at: Callable[[str], None]):
    """The three gRPC servers in-process, each on its own fresh database of ``backend``.

    ``point_clients_at(target)`` is called once the registry listens, before the points and
    mediation servers start: it makes their process-wide registry clients reach this registry."""
    with contextlib.ExitStack() as exits:
        urls = {}
        for service in SERVICES:
            if backend == "sqlite":
                urls[service] = f"sqlite:///{tmp_path / f'{service}.db'}"
            else:
                urls[service] = exits.enter_context(fresh_database(pg_admin_url, f"cityplat_tenancy_{service}"))
        # dropped databases first need every connection gone: the servers' engines too
        exits.callback(_dispose_engines_of, {normalise_url(u).render_as_string(hide_password=False)
                                             for u in urls.values()})
        dbs = {}
        for service in SERVICES:
            metadata = _models(service).Base.metadata
            db = Database(service, urls[service], metadata)
            exits.callback(db.dispose)
            metadata.create_all(db.engine)
            dbs[service] = db
        stack = Stack(backend, dbs)
        exits.callback(stack.close_watchers)  # before the databases are disposed (callbacks run last first)
        existing = {s: set(inspect(db.engine).get_table_names()) for s, db in dbs.items()}
        stack.tables = {s: [t for t in db.metadata.sorted_tables if t.name in existing[s]] for s, db in dbs.items()}

        env = {f"CITYPLAT_SERVICES__{s.upper()}__DATABASE_URL": u for s, u in urls.items()}
        for service in SERVICES:  # the registry first: the others call it
            settings = build_settings({**os.environ, **env})
            server = _grpc_server(service).build_server(settings, port=0, http_port=None).start()
            exits.callback(server.stop, grace=0)
            stack.servers[service] = server
            if service == "registry":
                env["CITYPLAT_REGISTRY_TARGET"] = f"127.0.0.1:{server.port}"
                point_clients_at(env["CITYPLAT_REGISTRY_TARGET"])
            channel = grpc.insecure_channel(f"127.0.0.1:{server.port}")
            exits.callback(channel.close)
            grpc.channel_ready_future(channel).result(timeout=10)
            stack.channels[service] = channel
        yield stack


# ---- the world

@dataclass(frozen=True)
class Target:
    """A value that must not reach a caller who cannot see ``division`` (where its record lies)."""

    label: str
    value: str
    division: str = COMMUNITY


@dataclass
class World:
    stack: Stack
    ids: dict[str, str] = field(default_factory=dict)     # T(...) keys: records' ids and codes
    targets: list[Target] = field(default_factory=list)
    seconds: float = 0.0                                  # how long building took
    started: float = 0.0                                  # when the backend's set-up began

    def add(self, key: str, value: str, division: str = COMMUNITY, label: str | None = None) -> str:
        """Name a target record's id (T(key) resolves to it) and list it among the targets."""
        assert value, f"the world has no {key}"
        self.ids[key] = value
        self.targets.append(Target(label or key, value, division))
        return value


class _Api:
    """One service's generated stub, called with plain dicts (the world is built the way clients do)."""

    def __init__(self, channel, service: str):
        package = f"cityplat.{service}.v1"
        self.pb = importlib.import_module(f"{package}.{service}_pb2")
        pb_grpc = importlib.import_module(f"{package}.{service}_pb2_grpc")
        self.name = service.capitalize()
        self.stub = getattr(pb_grpc, f"{self.name}Stub")(channel)
        self.descriptor = self.pb.DESCRIPTOR.services_by_name[self.name]

    def __call__(self, method: str, token: str, **fields) -> dict:
        request_type = self.descriptor.methods_by_name[method].input_type
        if "idempotency_key" in request_type.fields_by_name and not method.startswith(("Get", "List")):
            fields.setdefault("idempotency_key", uuid.uuid4().hex)
        request = json_format.ParseDict(_json_ready(fields), getattr(self.pb, request_type.name)())
        try:
            reply = getattr(self.stub, method)(request, metadata=bearer(token), timeout=30)
        except grpc.RpcError as exc:
            raise AssertionError(f"building the world: {self.name}/{method} answered {exc.code().name}: "
                                 f"{exc.details()}") from None
        return json_format.MessageToDict(reply, preserving_proto_field_name=True)


def _json_ready(value):
    """ParseDict reads bytes fields as base64 text."""
    if isinstance(value, bytes):
        return base64.b64encode(value).decode()
    if isinstance(value, dict):
        return {k: _json_ready(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_json_ready(v) for v in value]
    return value


def _csv(rows: list[list[str]]) -> bytes:
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\n").writerows(rows)
    return buf.getvalue().encode("utf-8")


def build_world(stack: Stack) -> World:
    """The target community and its records of every kind, as a district admin of 310101 makes them
    (the token carries every role: the member cycle's steps and the station's counter need theirs)."""
    from services.mediation.seed import seed_demo as seed_mediation
    from services.points.seed import seed_demo as seed_points

    started = time.perf_counter()
    w = World(stack)
    w.ids.update(district=DISTRICT, subdistrict=SUBDISTRICT, community=COMMUNITY, grid=GRID)
    admin = all_roles_token("world-admin", DISTRICT)
    approver = all_roles_token("world-approver", DISTRICT)   # approvals are by someone else
    other_admin = all_roles_token("world-admin", OTHER_DISTRICT)
    reg, pts, med, cen, cou = (_Api(stack.channel(s), s) for s in SERVICES)

    # -- registry: the territory
    for code, level, name, token in (
            (DISTRICT, "district", "示范区", admin), (SUBDISTRICT, "subdistrict", "东湖街道", admin),
            (COMMUNITY, "community", "幸福社区", admin), (GRID, "grid", "第1网格", admin),
            (SIBLING_COMMUNITY, "community", "和谐社区", admin),
            (SIBLING_SUBDISTRICT, "subdistrict", "南苑街道", admin),
            (SIBLING_SUB_COMMUNITY, "community", "南苑社区", admin),
            (OTHER_DISTRICT, "district", "东城区", other_admin),
            (OTHER_SUBDISTRICT, "subdistrict", "东华门街道", other_admin),
            (OTHER_COMMUNITY, "community", "多福巷社区", other_admin)):
        reg("CreateDivision", token, code=code, level=level, name=name)

    # -- registry: organisations (the working committee lies in the sub-district, above the target)
    def found(key, division=COMMUNITY, **fields):
        org = reg("FoundOrganisation", admin, division_code=division, founded_on=TODAY, **fields)
        return w.add(key, org["id"], division, f"organisation {key}")

    found("wc", SUBDISTRICT, kind="working_committee", name="东湖街道党工委")
    found("cc", kind="community_committee", name="幸福社区党委 TGT-CC", parent_id=w.ids["wc"])
    found("b1", kind="branch", name="幸福社区第一党支部 TGT-B1", parent_id=w.ids["cc"])
    found("b2", kind="branch", name="幸福社区第二党支部 TGT-B2", parent_id=w.ids["cc"])
    found("organ", kind="partner_unit", partner_kind="party_government_organ", name="市教育局 TGT-ORGAN")
    found("organ2", kind="partner_unit", partner_kind="party_government_organ", name="市卫健委 TGT-ORGAN2")
    found("soe", kind="partner_unit", partner_kind="state_owned_enterprise", name="区供电公司 TGT-SOE")

    # -- registry: people (five members, one resident), memberships, posts, cadres, in-service, floating
    people = {}
    for i in range(1, 6):
        people[f"p{i}"] = dict(name=f"靶向党员{i} TGT-P{i}", phone=f"1391234000{i}", is_member=True,
                               member_category="community")
    people["r1"] = dict(name="靶向居民 TGT-R1", phone="13912340009")
    for key, fields in people.items():
        person = reg("RegisterPerson", admin, home_community=COMMUNITY, **fields)
        w.add(key, person["id"], label=f"person {key}")
        w.targets.append(Target(f"phone of {key}", fields["phone"]))
    for key in ("p1", "p2", "p3"):
        ms = reg("JoinOrganisation", admin, person_id=w.ids[key], organisation_id=w.ids["b1"], started_on=TODAY)
        if key == "p1":
            w.add("membership", ms["id"])
    posts = reg("HoldElection", admin, organisation_id=w.ids["b1"], held_on=TODAY,
                elected=[{"person_id": w.ids["p1"], "title": "secretary"},
                         {"person_id": w.ids["p2"], "title": "deputy_secretary"}])["items"]
    w.add("post", next(p["id"] for p in posts if p["title"] == "secretary"), label="post (secretary)")
    reg("AddReserveCadre", admin, community_code=COMMUNITY, person_id=w.ids["p1"])  # one: the bench is short
    # the 1+1+N team's community judge and mediator hold the community committee's mediation posts
    for key, title in (("p3", "community_judge"), ("p5", "mediator")):
        reg("AppointPost", admin, organisation_id=w.ids["cc"], person_id=w.ids[key], title=title, term_start=TODAY)
    w.ids["project"] = "环境整治 TGT-PROJECT"
    w.add("in_service", reg("RegisterInService", admin, person_id=w.ids["p2"], community_code=COMMUNITY,
                            employer_id=w.ids["soe"], volunteer_projects=[w.ids["project"]],
                            registered_on=TODAY)["id"], label="in-service registration")
    w.add("volunteer_record", reg("RecordVolunteerService", admin, person_id=w.ids["p2"], project=w.ids["project"],
                                  served_on=TODAY, hours=2.5, note="TGT 志愿服务记录")["id"])
    w.add("floating", reg("RegisterFloatingMember", admin, person_id=w.ids["p4"], branch_id=w.ids["b1"],
                          whereabouts="深圳 TGT-WHEREABOUTS", left_on="2026-05-01")["id"], label="floating record")
    # a poor quarter: 2 stars, so the branch is listed for rectification (one star would hand it to the
    # working committee, and the target community's own writes on it would be refused for that reason)
    rating = reg("SubmitInspection", admin, organisation_id=w.ids["b1"], year=2026, quarter=1,
                 items={"political_study": 13, "organisational_life": 13, "team_building": 10,
                        "member_management": 10, "service_to_residents": 13, "records": 6})
    w.add("rectification", rating["rectification_id"])
    w.add("pairing", reg("PairDepartment", admin, department_id=w.ids["organ"], community_code=COMMUNITY,
                         started_on=TODAY)["id"])
    reg("AssignRing", admin, subdistrict_code=SUBDISTRICT, ring="pilot")

    # -- points: the demo rules and station (community 310101002001), accounts, awards, redemptions
    seed_points(stack.dbs["points"])
    for rule in pts("ListRules", admin)["items"]:
        w.targets.append(Target(f"rule {rule['action_type']}", rule["id"], DISTRICT))  # the district's own
    pts("SetExpiryPolicy", admin, expiry_policy="end_of_following_year")
    resident = {"kind": "resident", "owner": w.ids["r1"], "community": COMMUNITY, "grid": GRID,
                "name": "靶向居民 TGT-R1"}
    member = {"kind": "member", "owner": w.ids["p1"], "community": COMMUNITY, "category": "community",
              "name": "靶向党员1 TGT-P1"}
    w.add("resident_account", pts("OpenAccount", admin, account=resident)["id"])
    w.add("member_account", pts("OpenAccount", admin, account=member)["id"])
    funding = pts("AwardManually", admin, account=resident, points=1000, reason="TGT 启动积分", evidence="TGT.jpg")
    w.add("funding_transaction", pts("DecidePending", approver, transaction_id=funding["id"], approve=True)["id"])
    w.add("funding_request", funding["id"])
    w.add("transaction", pts("Earn", admin, account=resident, action_type="volunteer_service", occurred_on=TODAY,
                             source="TGT-SOURCE", evidence="TGT 志愿照片")["id"], label="award (earned)")
    w.add("member_transaction", pts("Earn", admin, account=member, action_type="political_study",
                                    occurred_on=TODAY, source="TGT-SOURCE-M")["id"])
    w.add("pending_transaction", pts("AwardManually", admin, account=resident, points=20, reason="TGT 待批奖励",
                                     evidence="TGT-EVIDENCE")["id"])
    station = pts("ListStations", admin, community=COMMUNITY)["items"][0]
    w.add("station", station["id"])
    w.targets.append(Target("station account", station["account_id"]))
    for item in pts("ListCatalogue", admin, station_id=station["id"])["items"]:
        w.add(f"{item['kind']}_item", item["id"])
    w.ids["item"] = w.ids["goods_item"]  # rice: a stocked item (restock, redeem)
    reserved = pts("Redeem", admin, account_id=w.ids["resident_account"], item_id=w.ids["goods_item"], quantity=1)
    w.add("reservation", reserved["id"])
    w.add("redemption_transaction", reserved["transaction_id"])
    w.ids["pick_up_code"] = reserved["pick_up_code"]
    w.add("honour_reservation", pts("Redeem", admin, account_id=w.ids["resident_account"],
                                    item_id=w.ids["honour_item"], quantity=1)["id"])
    # the member cycle of branch b1, taken to its public notice: an objection raised, an exemption asked
    cycle = pts("OpenCycle", admin, branch_id=w.ids["b1"], community=COMMUNITY, year=2026,
                members=[{"person_id": w.ids["p1"]}, {"person_id": w.ids["p2"]}])
    w.add("cycle", cycle["id"])
    for _ in range(3):  # announced → rules_set → self_assessment → initial_review
        pts("AdvanceCycle", admin, cycle_id=cycle["id"])
    for _ in ("initial_review", "members_meeting"):
        for key, score in (("p1", 82), ("p2", 76)):
            pts("RecordAssessment", admin, cycle_id=cycle["id"], person_id=w.ids[key], score=score,
                note="TGT 评议")
        pts("AdvanceCycle", admin, cycle_id=cycle["id"])
    assert pts("GetCycle", admin, cycle_id=cycle["id"])["step"] == "public_notice"
    w.add("objection", pts("RaiseObjection", admin, cycle_id=cycle["id"], person_id=w.ids["p1"],
                           objection="TGT 异议: 缺席两次")["id"])
    w.add("exemption", pts("RequestExemption", admin, cycle_id=cycle["id"], person_id=w.ids["p2"],
                           reason="TGT 病假")["id"])

    # -- mediation: the demo categories, a case with its team and a session, a 12345 case resolved,
    #    a meeting, and a matter at each stage of its deliberation (one with an open action)
    seed_mediation(stack.dbs["mediation"])
    for category in med("ListCategories", admin)["items"]:
        w.targets.append(Target(f"category {category['code']}", category["name"], DISTRICT))
    case = med("OpenCase", admin, channel="walk_in", category="neighbour_noise", community=COMMUNITY, grid=GRID,
               building="TGT-3号楼", summary="TGT-CASE 楼上装修噪音",
               parties=[{"name": people["r1"]["name"], "role": "complainant", "phone": people["r1"]["phone"],
                         "person_id": w.ids["r1"]},
                        {"name": people["p4"]["name"], "role": "respondent", "phone": people["p4"]["phone"],
                         "person_id": w.ids["p4"]}])
    w.add("case", case["id"])
    team = dict(judge_id=w.ids["p3"], mediator_id=w.ids["p5"])
    med("AssignTeam", admin, case_id=case["id"], volunteer_ids=[w.ids["p2"]], **team)
    w.add("session", med("RecordSession", admin, case_id=case["id"], notes="TGT 首次调解",
                         attendance=[people["r1"]["name"]])["id"])
    hotline = med("ImportHotlineOrders", admin, format="csv", content=_csv([
        ["order_no", "received_at", "category", "community", "summary", "caller_name", "caller_phone", "grid"],
        ["TGT-12345-0001", f"{TODAY} 08:00:00", "neighbour_noise", COMMUNITY, "TGT-HOTLINE 夜间噪音",
         people["r1"]["name"], people["r1"]["phone"], GRID]]))
    assert hotline.get("imported") == 1, hotline
    w.add("hotline_case", hotline["case_ids"][0], label="12345 case")
    med("AssignTeam", admin, case_id=w.ids["hotline_case"], **team)
    med("ResolveCase", admin, case_id=w.ids["hotline_case"], outcome="agreement", agreement="TGT 协议: 22点后停工")
    meeting = med("ScheduleMeeting", admin, community=COMMUNITY, kind="monthly_hall", held_on=TODAY,
                  agenda=[{"title": "TGT 议题: 噪音", "case_id": case["id"]}], attendance=["TGT 居民代表"],
                  representatives_eligible=10)
    w.add("meeting", meeting["id"])

    def matter(key: str, title: str, upto: str, **fields) -> dict:
        """A matter taken through "four deliberations, two disclosures" up to stage ``upto``."""
        x = med("ProposeMatter", admin, community=COMMUNITY, title=title, proposal=f"TGT 提议 {key}",
                **fields)
        w.add(key, x["id"])
        stages = ["committees_discussed", "members_reviewed", "voted", "decision_published", "action_done"]
        for stage in stages[:stages.index(upto) + 1] if upto in stages else []:
            if stage in ("committees_discussed", "members_reviewed"):
                x = med("RecordDeliberation", admin, matter_id=x["id"], note=f"TGT 审议 {stage}")
            elif stage == "voted":
                x = med("RecordVote", admin, matter_id=x["id"], eligible=10, yes=8, no=1, abstain=1)
            elif stage == "decision_published":
                x = med("PublishDecision", admin, matter_id=x["id"], decision=f"TGT 决议 {key}",
                        actions=[{"description": f"TGT-ACTION 施工 {key}", "owner": "TGT 物业",
                                  "due_on": "2026-06-30"}])
            else:
                x = med("CompleteAction", admin, action_id=x["actions"][0]["id"], note="TGT 完成")
        return x

    # one matter per stage, so that every deliberation step has a matter it may be taken on
    decided = matter("matter", "TGT-MATTER 加装电梯", "decision_published", case_id=case["id"],
                     meeting_id=meeting["id"])
    w.add("action", decided["actions"][0]["id"])
    matter("matter_proposed", "TGT-MATTER-P 修缮", "proposed")
    matter("matter_reviewed", "TGT-MATTER-R 绿化", "members_reviewed")
    matter("matter_voted", "TGT-MATTER-V 停车", "voted")
    matter("matter_done", "TGT-MATTER-D 照明", "action_done")

    # -- centers: the target community's centre, a room organisations book and a hall that needs
    #    approval, a closure, a confirmed booking of b1 and one awaiting approval (on the day after NOW)
    centre = cen("CreateCentre", admin, community=COMMUNITY, name="TGT-CENTRE 幸福社区邻里中心", address="TGT 幸福路")
    w.add("centre", centre["id"])
    hours = [{"weekday": d, "opens": "08:00", "closes": "20:00"} for d in range(1, 8)]
    w.add("space", cen("AddSpace", admin, centre_id=centre["id"], name="TGT-ROOM 党员活动室", kind="party_activity_room",
                       capacity=30, hours=hours)["id"])
    w.add("hall", cen("AddSpace", admin, centre_id=centre["id"], name="TGT-HALL 多功能厅", kind="multi_purpose_hall",
                      capacity=100, hours=hours, needs_approval=True)["id"])
    w.add("closure", cen("AddClosure", admin, space_id=w.ids["space"], from_date="2026-06-20", to_date="2026-06-21",
                         reason="TGT 维修")["id"])
    w.add("booking", cen("BookSpace", admin, space_id=w.ids["space"], starts_at="2026-06-02T09:00:00+08:00",
                         ends_at="2026-06-02T10:00:00+08:00", purpose="TGT 主题党日", attendees=20,
                         organisation_id=w.ids["b1"])["id"])
    w.add("requested_booking", cen("BookSpace", admin, space_id=w.ids["hall"], starts_at="2026-06-02T09:00:00+08:00",
                                   ends_at="2026-06-02T10:00:00+08:00", purpose="TGT 党课", attendees=50,
                                   organisation_id=w.ids["b1"])["id"])
    w.add("plot", cen("AddPlot", admin, centre_id=centre["id"], name="TGT-PLOT 一号地", station_id=w.ids["station"],
                      tended_by="TGT 志愿服务队")["id"])
    w.add("harvest", cen("RecordHarvest", admin, plot_id=w.ids["plot"], produce="TGT-PRODUCE 青菜", quantity=12,
                         points_cost=5)["id"])
    w.add("stationing", cen("StationOrganisation", admin, centre_id=centre["id"], organisation_id=w.ids["organ"],
                            term_start="2026-01-01", term_end="2027-12-31", promised={"TGT 讲座": 3})["id"])
    w.add("delivery", cen("RecordDelivery", admin, stationing_id=w.ids["stationing"], kind="TGT 讲座",
                          delivered_on=TODAY, note="TGT 交付")["id"])
    w.add("life_meeting", cen("ScheduleLifeMeeting", admin, space_id=w.ids["space"], branch_id=w.ids["b1"],
                              kind="committee_meeting", topic="TGT 支委会", starts_at="2026-06-02T11:00:00+08:00",
                              ends_at="2026-06-02T12:00:00+08:00", attendees=5)["meetings"][0]["id"])
    # -- centers: an iCalendar feed of the room (its token is a target too: it is answered once, to its maker)
    feed = cen("CreateFeed", admin, space_id=w.ids["space"])
    w.add("feed", feed["feed"]["id"])
    w.add("feed_token", feed["token"])
    # -- centers: course ordering (点单 → 下单 → 接单), a week before NOW, so that the main course's
    #    session has ended with r1 checked in (held): an order still ordered (joined by p2), a course
    #    placed, one accepted by the stationed organ, and the main course accepted, scheduled and held
    now_clock, past = clock.clock, clock.FixedClock(datetime(2026, 5, 25, 4, 0, tzinfo=timezone.utc))
    clock.set_clock(past)
    try:
        w.add("course_order", cen("OrderCourse", admin, centre_id=centre["id"], course_type="science",
                                  title="TGT-ORDER 少儿编程", note="TGT 周末", person_id=w.ids["r1"])["id"])
        cen("JoinCourseOrder", admin, order_id=w.ids["course_order"], person_id=w.ids["p2"])

        def placed_course(key: str, course_type: str, title: str) -> str:
            wish = cen("OrderCourse", admin, centre_id=centre["id"], course_type=course_type, title=f"TGT {title}",
                       person_id=w.ids["r1"])
            return w.add(key, cen("PlaceCourseOrder", admin, order_ids=[wish["id"]], title=f"TGT-COURSE {title}",
                                  sessions_wanted=3, teams_by="2026-06-30", note="TGT 下单")["id"])

        placed_course("placed_course", "traditional_culture", "剪纸")
        for key, title in (("accepted_course", "亲子烘焙"), ("course", "太极拳")):
            placed_course(key, "parent_child" if key == "accepted_course" else "health", title)
            cen("AcceptCourseOrder", admin, course_id=w.ids[key], organisation_id=w.ids["organ"])
        held = cen("ScheduleCourse", admin, course_id=w.ids["course"], space_id=w.ids["space"],
                   starts_at="2026-05-26T10:00:00+08:00", ends_at="2026-05-26T11:00:00+08:00", attendees=10)
        w.add("course_booking", held["sessions"][0]["booking_id"])
        past.at = datetime(2026, 5, 26, 2, 10, tzinfo=timezone.utc)   # 10:10 in Beijing: r1 came
        w.add("course_check_in", cen("CheckIn", admin, booking_id=w.ids["course_booking"], person_id=w.ids["r1"])["id"])
    finally:
        clock.set_clock(now_clock)

    # -- council: the target community's council, headed by its committee's secretary (p3), two member
    #    units (the organ in the leader group, chairing this half year), a work plan, the organ's agreement,
    #    a joint meeting held today with a decision the organ owns
    reg("AppointPost", admin, organisation_id=w.ids["cc"], person_id=w.ids["p3"], title="secretary", term_start=TODAY)
    w.add("council", cou("CreateCouncil", admin, community=COMMUNITY, name="TGT-COUNCIL 幸福社区共建理事团",
                         leader_id=w.ids["p3"], rotating_chair=True)["id"])
    cou("AddMember", admin, council_id=w.ids["council"], organisation_id=w.ids["organ"], leader_group=True)
    w.add("council_member", cou("AddMember", admin, council_id=w.ids["council"], organisation_id=w.ids["soe"])["id"])
    cou("SetChair", admin, council_id=w.ids["council"], organisation_id=w.ids["organ"], starts_on=TODAY,
        ends_on="2026-12-31")
    cou("SetWorkPlan", admin, council_id=w.ids["council"], year=2026, items=[{"title": "TGT-PLAN 助老服务"}])
    w.add("agreement", cou("SignAgreement", admin, council_id=w.ids["council"], organisation_id=w.ids["organ"],
                           term_start="2026-01-01", term_end="2026-12-31", commitments=["TGT-COMMIT 志愿服务"])["id"])
    joint = cou("RecordJointMeeting", admin, council_id=w.ids["council"], kind="regular", held_on=TODAY,
                agenda=["TGT-AGENDA 路灯"], attendance=[w.ids["organ"]], minutes="TGT-MINUTES 议定",
                decisions=[{"text": "TGT-DECISION 修路灯", "owner_organisation_id": w.ids["organ"],
                            "due_on": "2026-06-30"}])
    w.add("joint_meeting", joint["id"])
    w.add("decision", joint["decisions"][0]["id"])
    # -- council: a repair team of the skills register led by the organ, its activity today; a resident
    #    representative (r1) who rated the organ
    cou("RegisterSkills", admin, council_id=w.ids["council"], person_id=w.ids["p4"], skills=["TGT-SKILL 水电维修"])
    w.add("team", cou("FormTeam", admin, council_id=w.ids["council"], name="TGT-TEAM 水电维修队", basis="skill",
                      kind="repair", unit_id=w.ids["organ"])["id"])
    cou("AddTeamMember", admin, team_id=w.ids["team"], person_id=w.ids["p4"])
    w.add("activity", cou("RecordActivity", admin, team_id=w.ids["team"], title="TGT-ACTIVITY 上门维修", served_on=TODAY,
                          people_served=5, volunteer_ids=[w.ids["p4"]])["id"])
    cou("NameRepresentative", admin, council_id=w.ids["council"], person_id=w.ids["r1"])
    cou("RateUnit", admin, council_id=w.ids["council"], unit_id=w.ids["organ"], year=2026, stars=5,
        comment="TGT-RATING 积极", representative_id=w.ids["r1"])
    # -- council: the three lists and the project bank: a need from a visit to r1 (in a project the organ
    #    and the in-service member p2 claimed, with a progress note and r1's evaluation), an open need, a
    #    resource the organ offers
    w.add("need", cou("RecordNeed", admin, council_id=w.ids["council"], visited_on=TODAY, visited_by="TGT-VISITOR 网格员",
                      building="TGT-BUILDING 3号楼", grid=GRID, resident_id=w.ids["r1"], description="TGT-NEED 楼道灯坏",
                      kind="repair", skills=["TGT-SKILL 水电维修"], urgency="urgent")["id"])
    w.add("open_need", cou("RecordNeed", admin, council_id=w.ids["council"], visited_on=TODAY,
                           visited_by="TGT-VISITOR 网格员", description="TGT-NEED2 独居老人陪伴", kind="elderly_care",
                           urgency="high")["id"])
    w.add("resource", cou("RecordResource", admin, council_id=w.ids["council"], kind="technical",
                          name="TGT-RESOURCE 电工队", skills=["TGT-SKILL 水电维修"], organisation_id=w.ids["organ"],
                          availability="TGT-AVAIL 周末")["id"])
    w.add("bank_project", cou("CreateProject", admin, council_id=w.ids["council"], title="TGT-BANK 楼道照明",
                              need_ids=[w.ids["need"]], deadline="2026-06-30", department_id=w.ids["organ2"])["id"],
          label="project of the bank")
    cou("ClaimProject", admin, project_id=w.ids["bank_project"], organisation_id=w.ids["organ"])
    cou("ClaimProject", admin, project_id=w.ids["bank_project"], person_id=w.ids["p2"])
    cou("RecordProgress", admin, project_id=w.ids["bank_project"], note="TGT-PROGRESS 已开工")
    cou("EvaluateProject", admin, project_id=w.ids["bank_project"], person_id=w.ids["r1"], stars=4,
        comment="TGT-EVAL 及时")
    # -- council: the co-building fund (a unit's money, a person's and an in-kind gift of a named donor; a
    #    project of its bank with a disbursement requested and one approved at the joint meeting) and the
    #    organ's commitment, kept in part and evaluated by r1
    fund_need = cou("RecordNeed", admin, council_id=w.ids["council"], visited_on=TODAY, visited_by="TGT 网格员",
                    description="TGT-NEED-F 路灯不亮", kind="repair", urgency="normal")
    w.add("fund_need", fund_need["id"])
    w.add("fund_project", cou("CreateProject", admin, council_id=w.ids["council"], title="TGT-PROJECT-F 路灯更换",
                              need_ids=[fund_need["id"]])["id"])
    w.add("contribution", cou("RecordContribution", admin, council_id=w.ids["council"], kind="money",
                              amount_fen=500_000, donor_organisation_id=w.ids["organ"])["id"])
    gift = cou("RecordContribution", admin, council_id=w.ids["council"], kind="money", amount_fen=20_000,
               donor_person_id=w.ids["r1"], display_name="TGT-DONOR 热心居民")
    cou("RecordContribution", admin, council_id=w.ids["council"], kind="in_kind", amount_fen=30_000,
        donor_name="TGT-DONOR 李先生", description="TGT-INKIND 轮椅两台")
    entries = cou("ListFundEntries", admin, council_id=w.ids["council"])["items"]
    w.add("fund_entry", next(e["id"] for e in entries if e["contribution_id"] == gift["id"]))
    w.add("disbursement_requested", cou("RequestDisbursement", admin, council_id=w.ids["council"],
                                        project_id=w.ids["fund_project"], amount_fen=50_000,
                                        purpose="TGT-PURPOSE 灯具")["id"])
    approved = cou("RequestDisbursement", admin, council_id=w.ids["council"], project_id=w.ids["fund_project"],
                   amount_fen=100_000, purpose="TGT-PURPOSE 施工")
    w.add("disbursement", cou("DecideDisbursement", admin, disbursement_id=approved["id"], approve=True,
                              decision_meeting_id=w.ids["joint_meeting"])["id"])
    w.add("commitment", cou("MakeCommitment", admin, council_id=w.ids["council"], year=2026,
                            what="TGT-PROMISE 每月义务检修", due_on="2026-12-31",
                            organisation_id=w.ids["organ"])["id"])
    cou("RecordKeeping", admin, commitment_id=w.ids["commitment"], note="TGT-KEPT 检修 12 户", done_on=TODAY)
    cou("EvaluateCommitment", all_roles_token(w.ids["r1"], DISTRICT, SUBDISTRICT, COMMUNITY),
        commitment_id=w.ids["commitment"], rating="satisfied", comment="TGT-EVAL 满意")
    w.seconds = time.perf_counter() - started
    return w


# ---- reflection

@dataclass
class Method:
    service: str            # "Registry"
    full_service: str       # "cityplat.registry.v1.Registry"
    name: str
    request_cls: type
    response_cls: type
    server_streaming: bool
    channel: grpc.Channel

    @property
    def key(self) -> str:
        return f"{self.service}/{self.name}"

    @property
    def reads(self) -> bool:
        """Reads are named so across the platform (their use cases run without a commit)."""
        return self.name.startswith(("Get", "List", "Export"))


SKIPPED_SERVICES = ("grpc.health.v1.Health", "grpc.reflection.")


def reflect(channel: grpc.Channel) -> list[Method]:
    """Every method of every application service the server reflects (health and reflection skipped)."""
    stub = reflection_pb2_grpc.ServerReflectionStub(channel)

    def ask(**request):
        answers = list(stub.ServerReflectionInfo(iter([reflection_pb2.ServerReflectionRequest(**request)]),
                                                 timeout=10))
        assert len(answers) == 1 and not answers[0].HasField("error_response"), answers
        return answers[0]

    pool = descriptor_pool.DescriptorPool()  # not the default pool: the generated modules fill that one
    methods = []
    for service in ask(list_services="").list_services_response.service:
        if service.name.startswith(SKIPPED_SERVICES):
            continue
        files = [descriptor_pb2.FileDescriptorProto.FromString(raw) for raw in
                 ask(file_containing_symbol=service.name).file_descriptor_response.file_descriptor_proto]
        _add_files(pool, files)
        package, _, short = service.name.rpartition(".")
        proto = next(s for f in files if f.package == package for s in f.service if s.name == short)
        streaming = {m.name: m.server_streaming for m in proto.method}
        for md in pool.FindServiceByName(service.name).methods:
            methods.append(Method(short, service.name, md.name, message_factory.GetMessageClass(md.input_type),
                                  message_factory.GetMessageClass(md.output_type), streaming[md.name], channel))
    return methods


def _add_files(pool, files) -> None:
    """Add reflected files to the pool, each after the files it imports."""
    pending = list(files)
    while pending:
        for f in list(pending):
            try:
                pool.FindFileByName(f.name)
                pending.remove(f)
                continue
            except KeyError:
                pass
            if all(_has_file(pool, d) for d in f.dependency):
                pool.Add(f)
                pending.remove(f)
                break
        else:
            raise AssertionError(f"reflected files with missing imports: {[f.name for f in pending]}")


def _has_file(pool, name: str) -> bool:
    try:
        pool.FindFileByName(name)
        return True
    except KeyError:
        return False


@dataclass
class Outcome:
    code: grpc.StatusCode
    details: str
    replies: list

    @property
    def ok(self) -> bool:
        return self.code == grpc.StatusCode.OK


def invoke(method: Method, request, token: str, timeout: float = 20) -> Outcome:
    """Call a reflected method; a server stream is read to its end."""
    path = f"/{method.full_service}/{method.name}"
    kind = method.channel.unary_stream if method.server_streaming else method.channel.unary_unary
    call = kind(path, request_serializer=lambda m: m.SerializeToString(),
                response_deserializer=method.response_cls.FromString)
    try:
        answer = call(request, metadata=bearer(token), timeout=timeout)
        replies = list(answer) if method.server_streaming else [answer]
    except grpc.RpcError as exc:
        return Outcome(exc.code(), exc.details() or "", [])
    return Outcome(grpc.StatusCode.OK, "", replies)


def message_text(messages) -> str:
    """Messages as JSON, with their bytes fields (CSV exports, import files) decoded after them."""
    parts = [json_format.MessageToJson(m, ensure_ascii=False, preserving_proto_field_name=True) for m in messages]
    raw = b"".join(_bytes_of(m) for m in messages)
    if raw:
        parts.append(raw.decode("utf-8", "replace"))
    return "\n".join(parts)


def _bytes_of(message) -> bytes:
    out = b""
    for fd, value in message.ListFields():
        if fd.type == FieldDescriptor.TYPE_BYTES:
            out += b"".join(value) if fd.is_repeated else value
        elif fd.type == FieldDescriptor.TYPE_MESSAGE and not fd.message_type.GetOptions().map_entry:
            for sub in (value if fd.is_repeated else [value]):
                out += _bytes_of(sub)
    return out


def markers_in(text: str) -> list[str]:
    """The target's texts found in ``text``, by their marker (``TGT-CASE``, ``TGT 待批奖励`` ...)."""
    return sorted(set(re.findall(rf"{MARKER}[-\w]*", text)))


# ---- requests aimed at the target

@dataclass(frozen=True)
class T:
    """A value of the world: ``T("case")`` is the target case's id, ``T("community")`` its code."""

    key: str


#: a message field filled field by field (the default for message fields FIELDS does not name)
AUTO = "AUTO"


def fresh_key(_world) -> str:
    return uuid.uuid4().hex


def _people_csv(w: World) -> bytes:
    return _csv([["ref", "name", "phone", "home_community", "is_member", "member_category", "home_study"],
                 ["probe-ref-1", "探针 probe person", "13700000011", w.ids["community"], "yes", "community", "no"]])


def _garbage_csv(w: World) -> bytes:
    return _csv([["record_id", "household_id", "community", "sorted_on"],
                 ["probe-record-1", "probe-household-1", w.ids["community"], TODAY]])


def _centres_csv(w: World) -> bytes:
    """ImportCentres: a new centre of the target community with one space."""
    return _csv([["community", "centre_name", "space_name", "kind", "capacity", "hours"],
                 [w.ids["community"], "探针中心 probe centre", "探针室 probe room", "reading_room", "10",
                  "1-5 09:00-17:30"]])


def _needs_csv(w: World) -> bytes:
    """ImportLists: a need of the target council from a visit today."""
    return _csv([["visited_on", "visited_by", "description", "kind", "urgency"],
                 [TODAY, "探针走访人 probe visitor", "探针需求 probe need", "repair", "normal"]])


def _hotline_csv(w: World) -> bytes:
    return _csv([["order_no", "received_at", "category", "community", "summary", "caller_name", "caller_phone",
                  "grid"],
                 ["PROBE-12345-0001", f"{TODAY} 09:00:00", "neighbour_noise", w.ids["community"],
                  "探针 probe: 夜间噪音", "探针来电人", "13700000012", w.ids["grid"]]])


#: Values by field name. ``T(key)`` aims at a target record or code; a callable is called with the
#: world; ``None`` leaves the field unset; ``AUTO`` (or a dict) fills a message field by field.
#: ``"Message.field"`` entries are for that message only and win over plain ``"field"`` ones.
#: Reads send only their aiming fields (T) and their "Message.field" entries: any other filter
#: could hide a listed target record. A scalar field named nowhere here fails the matrix, so a new
#: RPC's request is never sent half-empty by accident.
FIELDS: dict[str, Any] = {
    # -- aimed at the target community's records
    "case_id": T("case"),
    "RateCaseRequest.case_id": T("hotline_case"),      # the resolved 12345 case: a worker records its rating
    "ReopenCaseRequest.case_id": T("hotline_case"),
    "account_id": T("resident_account"),
    "transaction_id": T("transaction"),
    "DecidePendingRequest.transaction_id": T("pending_transaction"),
    "reservation_id": T("reservation"),
    "DecideHonourRequest.reservation_id": T("honour_reservation"),
    "pick_up_code": T("pick_up_code"),
    "station_id": T("station"),
    "item_id": T("item"),
    "cycle_id": T("cycle"),
    "objection_id": T("objection"),
    "exemption_id": T("exemption"),
    "matter_id": T("matter"),
    "RecordDeliberationRequest.matter_id": T("matter_proposed"),  # each step on a matter at the stage before
    "RecordVoteRequest.matter_id": T("matter_reviewed"),
    "PublishDecisionRequest.matter_id": T("matter_voted"),
    "PublishResultRequest.matter_id": T("matter_done"),
    "meeting_id": T("meeting"),
    "action_id": T("action"),
    "organisation_id": T("b1"),
    "JoinOrganisationRequest.organisation_id": T("b2"),           # a transfer from b1
    "branch_id": T("b1"),
    "OpenCycleRequest.branch_id": T("b2"),                        # b1's 2026 cycle is open already
    "department_id": T("organ"),
    "PairDepartmentRequest.department_id": T("organ2"),           # organ is paired already
    "EndPairingRequest.id": T("pairing"),
    "employer_id": T("soe"),
    "parent_id": T("cc"),
    "MoveOrganisationRequest.parent_id": T("wc"),
    "source_id": T("b2"),
    "target_id": T("b1"),
    "PersonRef.id": T("p1"),
    "OrganisationRef.id": T("cc"),
    "RenameOrganisationRequest.id": T("cc"),
    "MoveOrganisationRequest.id": T("b1"),
    "DissolveOrganisationRequest.id": T("b2"),                    # no organisation sits under it
    "SplitOrganisationRequest.id": T("b1"),
    "EndMembershipRequest.id": T("membership"),
    "EndPostRequest.id": T("post"),
    "RecordFloatingReportRequest.id": T("floating"),
    "EndFloatingRequest.id": T("floating"),
    "person_id": T("p1"),
    "AppointPostRequest.person_id": T("p3"),
    "HoldByElectionRequest.person_id": T("p3"),
    "RegisterInServiceRequest.person_id": T("p3"),                # p2 is registered already
    "RegisterFloatingMemberRequest.person_id": T("p3"),           # p4 is away already
    "RecordVolunteerServiceRequest.person_id": T("p2"),           # the in-service member
    "DispatchFirstSecretaryRequest.person_id": T("p5"),
    "HonoursEligibilityRequest.person_id": None,                  # exactly one of organisation or person
    "Party.person_id": T("r1"),
    "person_ids": [T("p1")],
    "child_ids": None,
    "judge_id": T("p3"),
    "mediator_id": T("p5"),
    "ListMyCasesRequest.assignee": T("p5"),                       # the mediator on the target's case
    "ListMyCasesRequest.tier": "community",
    "ListMyCasesRequest.opened_from": TODAY,
    "ListMyCasesRequest.opened_to": TODAY,
    "volunteer_ids": [T("p2")],
    "AccountRef.owner": T("r1"),
    "project": T("project"),
    # -- centers
    "centre_id": T("centre"),
    "CentreRef.id": T("centre"),
    "space_id": T("space"),
    "SpaceRef.id": T("space"),
    "booking_id": T("booking"),
    "BookingRef.id": T("booking"),
    "DecideBookingRequest.booking_id": T("requested_booking"),    # the one awaiting approval
    "BookSpaceRequest.starts_at": "2026-06-02T14:00:00+08:00",    # a free slot of the room
    "BookSpaceRequest.ends_at": "2026-06-02T15:00:00+08:00",
    "BookSpaceRequest.person_id": None,                           # exactly one of organisation or person
    "BookSeriesRequest.starts_at": "2026-06-02T16:00:00+08:00",   # weekly from a free slot of the room
    "BookSeriesRequest.ends_at": "2026-06-02T17:00:00+08:00",
    "BookSeriesRequest.person_id": None,
    "rule": "FREQ=WEEKLY;COUNT=2",
    "except_dates": None,
    "ListBookingsRequest.person_id": None,
    "ListBookingsRequest.status": None,
    "plot_id": T("plot"),
    "stationing_id": T("stationing"),
    "StationOrganisationRequest.organisation_id": T("soe"),       # organ is stationed already
    "RecordDeliveryRequest.kind": "TGT 讲座",                     # the promised kind
    "promised": {"探针服务": 1},
    "count": None,
    "GetDeliveryReportRequest.quarter": "2026-Q2",
    # course ordering: each step on a course at the step before (the main course is held, r1 came)
    "order_id": T("course_order"),
    "PlaceCourseOrderRequest.order_ids": [T("course_order")],
    "course_id": T("course"),
    "CourseRef.id": T("course"),
    "AcceptCourseOrderRequest.course_id": T("placed_course"),
    "AcceptCourseOrderRequest.organisation_id": T("soe"),         # a partner unit: a team (b1 is a branch)
    "ScheduleCourseRequest.course_id": T("accepted_course"),
    "ScheduleCourseRequest.starts_at": "2026-06-03T09:00:00+08:00",   # a free slot of the room
    "ScheduleCourseRequest.ends_at": "2026-06-03T10:00:00+08:00",
    "CancelCourseRequest.course_id": T("placed_course"),
    "RateCourseRequest.person_id": T("r1"),                       # checked in at the main course's session
    "ListCoursesRequest.organisation_id": None,                   # any team's: a filter could hide a leak
    "OrderCourseRequest.title": "探针课程 probe course",
    "PlaceCourseOrderRequest.title": "探针课程 probe course",
    "course_type": "science",
    "sessions_wanted": 2,
    "teams_by": "2026-06-30",
    "stars": 5,
    # -- council
    "council_id": T("council"),
    "CouncilRef.id": T("council"),
    "AgreementRef.id": T("agreement"),
    "agreement_id": T("agreement"),
    "JointMeetingRef.id": T("joint_meeting"),
    "DecisionRef.id": T("decision"),
    "decision_id": T("decision"),
    "member_id": T("council_member"),
    "leader_id": T("p3"),
    "AddMemberRequest.organisation_id": T("organ2"),              # organ and soe are members already
    "SignAgreementRequest.organisation_id": T("soe"),             # the organ has a running agreement
    "SetChairRequest.organisation_id": T("soe"),
    "SetChairRequest.starts_on": "2027-01-01",                    # after the organ's term
    "SetChairRequest.ends_on": "2027-06-30",
    "commitments": ["探针承诺 probe commitment"],
    "agenda": ["探针议题 probe item"],
    "RecordJointMeetingRequest.attendance": [T("organ")],
    "DecisionInput.text": "探针决定 probe decision",                # a decision's fields, where one is sent
    "DecisionInput.owner_organisation_id": T("organ"),
    "DecisionInput.owner_person_id": None,
    "DecisionInput.due_on": "2026-06-30",
    "RecordJointMeetingRequest.kind": "extraordinary",
    "RecordJointMeetingRequest.held_on": TODAY,
    "PlanItem.title": "探针计划 probe plan",
    "PlanItem.lead_organisation_id": None,
    "due_month": None,
    "SetWorkPlanRequest.year": 2026,
    "GetWorkPlanRequest.year": 2026,
    "reminder_days": 20,
    "ending_by": None,
    "joined_on": None,
    "done_on": None,
    "rotating_chair": True,
    "leader_group": False,
    "ListAgreementsRequest.status": None,
    "ListDecisionsRequest.status": None,
    "ListJointMeetingsRequest.from_date": None,
    "ListJointMeetingsRequest.to_date": None,
    "GetCouncilFiguresRequest.division_code": T("community"),
    "GetCouncilFiguresRequest.quarter": "2026-Q2",
    # -- council: the co-building fund and commitments
    "RecordContributionRequest.kind": "money",
    "amount_fen": 1_000,
    "donor_organisation_id": T("organ"),
    "donor_person_id": None,                                      # exactly one donor: the organ
    "donor_name": None,
    "display_name": None,
    "RecordContributionRequest.description": None,                # money has no description of items
    "received_on": None,
    "ListContributionsRequest.kind": None,
    "RequestDisbursementRequest.project_id": T("fund_project"),
    "disbursement_id": T("disbursement_requested"),               # decided: the one requested
    "PayDisbursementRequest.disbursement_id": T("disbursement"),  # paid: the one approved
    "decision_meeting_id": T("joint_meeting"),
    "decision_reference": None,
    "paid_on": None,
    "ListDisbursementsRequest.status": None,
    "entry_id": T("fund_entry"),                                  # the person's gift: reversed, nothing goes negative
    "GetFundStatementRequest.community": None,                    # one of council or community: the council
    "GetFundStatementRequest.quarter": "2026-Q2",
    "what": "探针承诺 probe promise",
    "MakeCommitmentRequest.organisation_id": T("organ"),          # a member unit of the council
    "MakeCommitmentRequest.person_id": None,                      # exactly one maker
    "commitment_id": T("commitment"),
    "CommitmentRef.id": T("commitment"),
    "kept": False,
    "rating": "satisfied",
    "ListCommitmentsRequest.status": None,
    "ListCommitmentsRequest.year": None,
    "team_id": T("team"),
    "TeamRef.id": T("team"),
    "RegisterSkillsRequest.person_id": T("p5"),                   # p4 is on the register already
    "TeamMemberRequest.person_id": T("p4"),
    "skills": ["探针技能 probe skill"],
    "skill": None,
    "trade": "探针行业 probe trade",
    "interests": "探针兴趣 probe interests",
    "basis": "interest",
    "FormTeamRequest.kind": "performance",
    "unit_id": T("organ"),
    "RecordActivityRequest.served_on": TODAY,
    "RecordActivityRequest.title": "探针活动 probe activity",
    "RecordActivityRequest.project_id": None,
    "people_served": 3,
    "RecordActivityRequest.volunteer_ids": [T("p4")],
    "ListActivitiesRequest.team_id": T("team"),
    "ListActivitiesRequest.council_id": None,                     # exactly one of team or council
    "NameRepresentativeRequest.person_id": T("p5"),               # r1 is a representative already
    "RateUnitRequest.unit_id": T("soe"),                          # r1 rated the organ already
    "RateUnitRequest.year": 2026,
    "representative_id": T("r1"),
    "RateServiceRequest.target": "community",
    "RateServiceRequest.year": 2026,
    "GetEvaluationReportRequest.year": 2026,
    "GetEvaluationReportRequest.division_code": T("community"),
    "superior_id": T("wc"),
    "ExportUnitRatingsRequest.year": 2026,
    # the three lists and the project bank
    "NeedRef.id": T("need"),
    "need_id": T("need"),
    "RecordNeedRequest.visited_on": TODAY,
    "visited_by": "探针走访人 probe visitor",
    "resident_id": T("r1"),
    "RecordNeedRequest.description": "探针需求 probe need",
    "RecordNeedRequest.kind": "repair",
    "urgency": "normal",
    "ListNeedsRequest.status": None,
    "ListNeedsRequest.kind": None,
    "RecordResourceRequest.kind": "venue",
    "RecordResourceRequest.organisation_id": T("soe"),
    "RecordResourceRequest.person_id": None,                      # exactly one of unit or person
    "place": T("community"),
    "availability": "探针时间 probe time",
    "ListResourcesRequest.kind": None,
    "GetGapsRequest.division_code": T("community"),
    "CreateProjectRequest.title": "探针项目 probe project",
    "CreateProjectRequest.description": "探针说明 probe description",
    "CreateProjectRequest.deadline": "2026-12-31",
    "need_ids": [T("open_need")],                                 # the target's need is in a project already
    "ProjectRef.id": T("bank_project"),
    "project_id": T("bank_project"),
    "ListProjectsRequest.status": None,
    "ListProjectsRequest.claimed_by": None,
    "ClaimProjectRequest.organisation_id": T("soe"),              # the organ claimed it already
    "ClaimProjectRequest.person_id": None,                        # exactly one of unit or member
    "RecordProgressRequest.note": "探针进展 probe progress",
    "CompleteProjectRequest.note": "探针完成 probe done",
    "CloseProjectRequest.reason": "探针关闭 probe reason",
    "EvaluateProjectRequest.person_id": T("p1"),                  # r1 evaluated it already
    "EvaluateProjectRequest.year": 2026,
    "EvaluateProjectRequest.comment": "探针评价 probe comment",
    "GetQuarterlyDispatchRequest.division_code": T("community"),
    "GetQuarterlyDispatchRequest.quarter": "2026-Q2",
    "GetHalfYearReportRequest.division_code": T("community"),
    "GetHalfYearReportRequest.half": "2026-H1",
    "ImportListsRequest.content": _needs_csv,
    "ImportListsRequest.list": "needs",
    "LifeMeetingRef.id": T("life_meeting"),
    "RecordMinutesRequest.meeting_id": T("life_meeting"),         # not begun yet: FAILED_PRECONDITION at most
    "ScheduleLifeMeetingRequest.starts_at": "2026-06-02T12:00:00+08:00",   # a free slot of the room
    "ScheduleLifeMeetingRequest.ends_at": "2026-06-02T13:00:00+08:00",
    "ScheduleLifeMeetingRequest.kind": "party_lesson",
    "ScheduleLifeMeetingRequest.rule": None,
    "ListLifeMeetingsRequest.kind": None,
    "ListLifeMeetingsRequest.branch_id": T("b1"),
    "ListLifeMeetingsRequest.community_code": T("community"),
    "SetLifeRhythmRequest.kind": "group_meeting",
    "SetLifeRhythmRequest.count": 2,
    "GetLifeFiguresRequest.division_code": T("community"),
    "GetLifeFiguresRequest.year": 2026,
    "GetLifeFiguresRequest.quarter": 2,
    "every": "month",
    "topic": "探针议题 probe topic",
    "minutes": "探针记录 probe minutes",
    "produce": "探针农产品 probe produce",
    "tended_by": "探针 probe team",
    "CheckInRequest.door_code": None,                             # staff check in by the booking's id
    "door_code": None,
    "GetAvailabilityRequest.from_date": "2026-06-02",             # the day of the target's bookings
    "GetAvailabilityRequest.to_date": "2026-06-02",
    "AddSpaceRequest.kind": "reading_room",
    "OpeningHours.weekday": 2,
    "OpeningHours.opens": "09:00",
    "OpeningHours.closes": "17:30",
    "capacity": 10,
    "attendees": 2,
    "purpose": "探针预约 probe booking",
    "address": "探针地址 probe address",
    "monthly_quota_hours": None,
    "min_minutes": None,
    "residents_may_book": False,
    "open_on_public_holidays": False,
    "feed_id": T("feed"),
    "CreateFeedRequest.organisation_id": None,                    # exactly one of space or organisation
    "ListFeedsRequest.organisation_id": None,                     # the room's feed
    "include_revoked": True,
    "ImportCentresRequest.content": _centres_csv,
    # -- the target's division codes
    "community": T("community"),
    "community_code": T("community"),
    "home_community": T("community"),
    "division_code": T("community"),
    "parent_code": T("community"),
    "DivisionRef.code": T("community"),
    "RenameDivisionRequest.code": T("community"),
    "RetireDivisionRequest.code": T("grid"),                      # nothing of the registry's hangs on the grid
    "scope": T("community"),
    "grid": T("grid"),
    "subdistrict": T("subdistrict"),
    "subdistrict_code": T("subdistrict"),
    "district": T("district"),
    # -- what the requests need besides (from the services' domain modules)
    "idempotency_key": fresh_key,
    "CreateDivisionRequest.code": GRID[:-1] + "2",                # a new grid of the target community
    "ConfigureCategoryRequest.code": "tenancy_probe",
    "level": "grid",
    "name": "探针 probe",
    "AccountRef.kind": "resident",
    "AccountRef.category": None,
    "AddItemRequest.kind": "goods",
    "FoundOrganisationRequest.kind": "branch",
    "ScheduleMeetingRequest.kind": "monthly_hall",
    "ImportRecordsRequest.kind": "people",
    "ExportRecordsRequest.kind": "people",
    "ListOrganisationsRequest.kind": None,
    "ExportRecordsRequest.format": "csv",
    "ExportHotlineOutcomesRequest.format": "csv",
    "format": "csv",
    "ImportRecordsRequest.content": _people_csv,
    "ImportGarbageRecordsRequest.content": _garbage_csv,
    "ImportHotlineOrdersRequest.content": _hotline_csv,
    "HotlineHeader.header": "探针表头 probe header",                # SetHotlineHeaders: a district-wide setting
    "HotlineHeader.field": "caller_name",
    "dry_run": False,
    "partner_kind": None,
    "host_unit_id": None,
    "external_ref": "probe-ref",
    "is_member": True,
    "member_category": "community",
    "home_study": False,
    "phone": "13700000001",
    "published_contact": "13700000002",
    "AppointPostRequest.title": "committee_member",
    "HoldByElectionRequest.title": "committee_member",
    "Elected.title": "secretary",                                 # an election elects a secretary
    "AgendaItem.title": "探针议题 probe item",
    "ProposeMatterRequest.title": "探针议事 probe matter",
    "term_start": TODAY,
    "term_end": "2031-05-31",
    "ListTermsEndingRequest.within_days": 3650,                   # the target's terms end in five years
    "ListTermsEndingRequest.today": TODAY,
    "ListTermsEndingRequest.this_quarter": False,                 # (not with within_days)
    "ListOverdueFloatingReportsRequest.today": "2027-01-01",      # p4 left on 1 May 2026, never reported
    "GetRatingAuditRequest.year": 2026,                           # the rated quarter (a read sends only these)
    "GetRatingAuditRequest.quarter": 1,
    "ListFollowUpsRequest.kind": None,
    "include_closed": True,
    "taken_over_only": False,
    # paging by cursor: the first page, of the default size
    "page_size": None,
    "page_token": None,
    "ListOrganisationsRequest.include_dissolved": True,
    "ListMembershipsRequest.include_ended": True,
    "ListPostsRequest.include_ended": True,
    "SubmitInspectionRequest.items": {"political_study": 18, "organisational_life": 18, "team_building": 12,
                                      "member_management": 12, "service_to_residents": 18, "records": 8},
    "year": 2026,
    "quarter": 2,                                                 # Q1 is rated already
    "hours": 2.0,
    "volunteer_projects": ["探针项目 probe project"],
    "whereabouts": "探针去向 probe whereabouts",
    "dispatched_from": "探针派出单位 probe unit",
    "ring": "pilot",
    "flag": "green_points",
    "stage": "pilot",
    "feature_flag": None,
    "expiry_policy": "end_of_year",
    "action_type": "volunteer_service",
    "DefineRuleRequest.action_type": "tenancy_probe",
    "applies_to": ["resident"],
    "points": 5,
    "points_cost": 10,
    "stock": 5,
    "unlimited": False,
    "quantity": 1,
    "daily_cap": 0,
    "monthly_cap": 0,
    "needs_approval": False,
    "deduction": False,
    "approve": True,
    "transfer": True,
    "violation": False,
    "RateCaseRequest.score": 5,
    "RecordAssessmentRequest.score": 85.0,
    "SelfAssessRequest.score": 85.0,
    "base_score": 60.0,
    "excellent": 90.0,
    "qualified": 70.0,
    "basically_qualified": 60.0,
    "objection_days": 5,
    "DeadlineDays.community": 5,
    "DeadlineDays.subdistrict": 7,
    "DeadlineDays.district": 10,
    "quorum": 0.5,
    "majority": 0.5,
    "eligible": 10,
    "yes": 8,
    "no": 1,
    "abstain": 1,
    "representatives_eligible": 10,
    "channel": "walk_in",
    "category": "neighbour_noise",
    "role": "complainant",
    "outcome": "agreement",
    "direction": "up",
    "confidential": False,
    "hotline_order_no": None,                                     # walk-in cases carry none
    "compound": None,
    "building": "探针楼 probe building",
    "received_at": None,
    "held_at": None,
    "attendance": ["探针参会人 probe attendee"],
    "ActionItem.owner": "探针负责人 probe owner",
    "due_on": "2026-06-30",
    "include_dissolved": True,
    "include_ended": True,
    "members_only": False,
    "overdue_only": False,
    "status": None,
    "limit": None,
    "programme": None,
    "since": None,
    "on": None,
    "within_days": None,
    "today": TODAY,
    "effective_to": None,
    # dates: the world's day (the clock is pinned to it)
    **{name: TODAY for name in ("founded_on", "effective_on", "dissolved_on", "merged_on", "split_on",
                                "started_on", "ended_on", "held_on", "registered_on", "served_on", "left_on",
                                "reported_on", "returned_on", "closed_on", "effective_from", "occurred_on", "harvested_on", "delivered_on",
                                "from_date", "to_date")},
    # free texts
    **{name: "探针 probe text" for name in ("reason", "note", "notes", "answer", "objection", "comment",
                                            "decision", "result", "proposal", "summary", "agreement",
                                            "description", "evidence", "source")},
}

#: fields naming a division a listing covers: reads are also sent without them, so that the
#: listing falls back to the caller's own scope (a leak hides there as easily as behind a filter)
SCOPE_FIELDS = ("community", "community_code", "division_code", "subdistrict_code", "subdistrict", "district",
                "scope", "grid")


@dataclass
class Built:
    request: Any
    problems: list[str]   # what the builder could not fill: each fails the matrix
    aims: set[str]        # the World.ids keys the request names

    @property
    def level(self) -> str:
        """The narrowest level the request aims at: a record or the community (or a grid of it), else
        the sub-district, else the district (a district's settings name nothing at all)."""
        if self.aims - {"district", "subdistrict"}:
            return "community"
        return "subdistrict" if "subdistrict" in self.aims else "district"


def _aims(spec) -> bool:
    return isinstance(spec, T) or (isinstance(spec, list) and any(isinstance(v, T) for v in spec))


class RequestBuilder:
    def __init__(self, world: World, fields: dict, overrides: dict[str, dict]):
        self.world = world
        self.fields = fields
        self.overrides = overrides

    def variants(self, method: Method) -> list[tuple[str, tuple[str, ...]]]:
        """(label, fields left unset): the aimed request; for reads also the one without scope codes."""
        out = [("aimed", ())]
        if method.reads:
            scoped = tuple(f.name for f, _ in self.build(method).request.ListFields() if f.name in SCOPE_FIELDS)
            if scoped:
                out.append((f"no {'/'.join(scoped)}", scoped))
        return out

    def build(self, method: Method, unset: tuple[str, ...] = ()) -> Built:
        """The request, what the builder could not fill, and which world values it aims at."""
        built = Built(method.request_cls(), [], set())
        own = dict(self.overrides.get(method.key, {}))
        own.update({name: None for name in unset})
        self._fill(built, built.request, own, method.reads)
        return built

    def _resolve(self, spec, built: Built):
        if isinstance(spec, T):
            built.aims.add(spec.key)
            return self.world.ids[spec.key]
        if isinstance(spec, list):
            return [self._resolve(v, built) for v in spec]
        if callable(spec):
            return spec(self.world)
        return spec

    def _fill(self, built: Built, message, own: dict, read: bool) -> None:
        problems = built.problems
        descriptor = message.DESCRIPTOR
        for fd in descriptor.fields:
            qualified = f"{descriptor.name}.{fd.name}"
            is_map = fd.type == FieldDescriptor.TYPE_MESSAGE and fd.message_type.GetOptions().map_entry
            is_message = fd.type == FieldDescriptor.TYPE_MESSAGE and not is_map
            if fd.name in own:
                spec, explicit = own[fd.name], True
            elif qualified in self.fields:
                spec, explicit = self.fields[qualified], True
            elif fd.name in self.fields:
                spec, explicit = self.fields[fd.name], False
            elif is_message:
                spec, explicit = AUTO, False
            else:
                problems.append(f"{qualified}: no value in FIELDS")
                continue
            if read and not explicit and not _aims(spec) and spec is not AUTO:
                continue  # a read sends its aim, not filters that could hide what it would list
            try:
                value = self._resolve(spec, built)
            except KeyError as exc:
                problems.append(f"{qualified}: the world has no {exc}")
                continue
            if value is None:
                continue
            try:
                target = getattr(message, fd.name)
                if is_map:
                    for k, v in value.items():
                        target[k] = v
                elif is_message and fd.is_repeated:
                    for item in (value if isinstance(value, list) else [value]):
                        self._fill(built, target.add(), item if isinstance(item, dict) else {}, read)
                elif is_message:
                    target.SetInParent()
                    self._fill(built, target, value if isinstance(value, dict) else {}, read)
                elif fd.is_repeated:
                    target.extend(value if isinstance(value, list) else [value])
                else:
                    setattr(message, fd.name, value)
            except (TypeError, ValueError, AttributeError) as exc:
                problems.append(f"{qualified}: {value!r} does not fit ({exc})")


def pin_clock():
    """The platform clock at NOW for the servers in this process; returns what to restore."""
    return clock.set_clock(clock.FixedClock(NOW))
