"""The co-building fund (共建基金): contributions in fen or in kind, disbursements to the council's projects
approved by the leader group and paid, never below zero, reversals as new entries, the books' check, and
the public quarterly statement that never names a person who gave."""
from __future__ import annotations

import json
from datetime import datetime, timezone

import pytest

from services.common.errors import AlreadyExists, FailedPrecondition, InvalidArgument, NotFound, PermissionDenied
from services.council import models as m
from services.council.app import API, fund, meetings
from tests.conftest import ctx_for
from tests.fakes import FakeRegistry, registry_replaced
from tests.service.council.conftest import (COMM_A, COMM_A2, ORGANISATIONS, PEOPLE, POSTS, admin, call, count, events,
                                            read, unit, worker)

DONORS = {**PEOPLE, "pd": {"name": "王捐赠", "home_community": COMM_A, "phone": "13800000001"},
          "ra": ("居民甲", COMM_A), "rb": ("邻社区居民", COMM_A2)}


@pytest.fixture(autouse=True)
def directory():
    with registry_replaced(FakeRegistry(DONORS, ORGANISATIONS, posts=POSTS)) as fake:
        yield fake


def resident(person_id: str = "ra", community: str = COMM_A):
    return ctx_for("resident", subdistrict=community[:9], community=community, actor=person_id)


def project(kdb, council, title="路灯修缮", status="claimed", project_id=None) -> str:
    """A project of the council's bank (the project bank's own use cases are another area's: a row will do)."""
    with kdb.uow(admin()) as uow:
        row = m.Project(id=project_id, district="310101", community=council["community"], council_id=council["id"],
                        title=title, kind="other", skills=[], urgency="normal", urgency_rank=2, need_ids=[],
                        status=status, created_by="cw")
        uow.session.add(row)
        uow.flush()
        uow.commit()
        return row.id


def give(kdb, council, amount=100_000, ctx=None, **extra):
    params = {"kind": "money", "amount_fen": amount, "donor_organisation_id": "u1", **extra}
    return call(kdb, ctx or worker(), fund.record_contribution, council_id=council["id"], **params)


def the_fund(kdb, council, ctx=None):
    return read(kdb, ctx or worker(), fund.get_fund, council_id=council["id"])


def approved(kdb, council, project_id, amount):
    d = call(kdb, worker(), fund.request_disbursement, council_id=council["id"], project_id=project_id,
             amount_fen=amount, purpose="购买路灯")
    return call(kdb, worker(), fund.decide_disbursement, disbursement_id=d["id"], approve=True,
                decision_reference="理事会〔2026〕3号")


def test_money_from_a_unit_a_person_and_a_named_donor_raises_the_balance_and_in_kind_stays_apart(kdb, council):
    a = give(kdb, council, 100_000)
    b = give(kdb, council, 20_000, donor_organisation_id=None, donor_person_id="pd", display_name="热心居民")
    c = give(kdb, council, 5_000, donor_organisation_id=None, donor_name="李四")
    rice = give(kdb, council, 30_000, kind="in_kind", donor_organisation_id="so1", description="大米 50 袋")
    assert (a["donor_name"], b["donor_name"], c["donor_kind"], rice["kind"]) == ("区供电公司", "王捐赠", "named", "in_kind")
    f = the_fund(kdb, council)
    assert (f["balance_fen"], f["entries"], f["in_kind_fen"], f["balanced"]) == (125_000, 3, 30_000, True)
    entries = read(kdb, worker(), fund.list_fund_entries, council_id=council["id"])["items"]
    assert [(e["seq"], e["amount_fen"], e["balance_after_fen"]) for e in entries] == \
        [(1, 100_000, 100_000), (2, 20_000, 120_000), (3, 5_000, 125_000)]
    received = events(kdb, "fund.contribution_received")
    assert len(received) == 4 and all(isinstance(x["payload"]["amount_fen"], int) for x in received)
    assert "pd" not in json.dumps([x["payload"] for x in received])  # the person who gave is not announced
    assert received[1]["payload"]["donor"] == "热心居民"


@pytest.mark.parametrize("params, field", [
    ({"amount_fen": 0}, "amount_fen"),
    ({"amount_fen": -100}, "amount_fen"),
    ({"amount_fen": 12.5}, "amount_fen"),
    ({"amount_fen": 100.0}, "amount_fen"),          # a float, even a whole one
    ({"amount_fen": "100"}, "amount_fen"),
    ({"kind": "cash"}, "kind"),
    ({"donor_organisation_id": None}, "donor_organisation_id"),
    ({"donor_person_id": "pd"}, "donor_person_id"),  # a unit and a person
    ({"donor_organisation_id": "b1"}, "donor_organisation_id"),   # a party branch gives no money as a unit
    ({"donor_organisation_id": "ub"}, "donor_organisation_id"),   # another district's unit
    ({"donor_organisation_id": None, "donor_person_id": "nobody"}, "donor_person_id"),
    ({"display_name": "好人"}, "display_name"),      # a unit is shown by its own name
    ({"kind": "in_kind"}, "description"),
    ({"description": "大米"}, "description"),
    ({"received_on": "2026-06-02"}, "received_on"),
])
def test_a_bad_contribution_names_the_field_and_changes_nothing(kdb, council, params, field):
    with pytest.raises((InvalidArgument, FailedPrecondition, NotFound)) as err:
        give(kdb, council, **{"amount_fen": 100, **params})
    assert err.value.field == field
    assert count(kdb, m.Contribution) == 0 and count(kdb, m.FundEntry) == 0
    assert the_fund(kdb, council)["balance_fen"] == 0


def test_a_partner_unit_records_its_own_contribution_only(kdb, council):
    mine = call(kdb, unit("u2"), fund.record_contribution, council_id=council["id"], kind="money", amount_fen=8_800)
    assert (mine["donor_organisation_id"], mine["recorded_by"]) == ("u2", "u2")
    for other in ({"donor_organisation_id": "u1"}, {"donor_person_id": "pd"}):
        err = pytest.raises(PermissionDenied, call, kdb, unit("u2"), fund.record_contribution, council_id=council["id"],
                            kind="money", amount_fen=1, **other).value
        assert err.field == "donor_organisation_id"
    give(kdb, council, 1_000)
    # a unit lists its own contributions; staff every one
    assert [c["id"] for c in read(kdb, unit("u2"), fund.list_contributions, council_id=council["id"])["items"]] == \
        [mine["id"]]
    assert len(read(kdb, worker(), fund.list_contributions, council_id=council["id"])["items"]) == 2
    # residents give through staff and do not read the books; they read the statement
    with pytest.raises(PermissionDenied):
        call(kdb, resident(), fund.record_contribution, council_id=council["id"], kind="money", amount_fen=1,
             donor_person_id="ra")
    with pytest.raises(PermissionDenied):
        read(kdb, resident(), fund.get_fund, council_id=council["id"])
    with pytest.raises(PermissionDenied):
        read(kdb, unit("u2"), fund.list_fund_entries, council_id=council["id"])


def test_a_disbursement_is_requested_approved_by_the_leader_group_then_paid(kdb, council):
    give(kdb, council, 100_000)
    p = project(kdb, council)
    err = pytest.raises(FailedPrecondition, call, kdb, worker(), fund.request_disbursement, council_id=council["id"],
                        project_id=p, amount_fen=100_001, purpose="超支").value
    assert err.field == "amount_fen"  # over the balance
    d = call(kdb, worker(), fund.request_disbursement, council_id=council["id"], project_id=p, amount_fen=60_000,
             purpose="购买路灯")
    assert (d["status"], d["project_title"]) == ("requested", "路灯修缮")
    err = pytest.raises(FailedPrecondition, call, kdb, worker(), fund.pay_disbursement, disbursement_id=d["id"]).value
    assert err.field == "disbursement_id"  # not approved yet
    err = pytest.raises(InvalidArgument, call, kdb, worker(), fund.decide_disbursement, disbursement_id=d["id"],
                        approve=True).value
    assert err.field == "decision_meeting_id"
    jm = call(kdb, worker(), meetings.record_joint_meeting, council_id=council["id"], kind="regular",
              held_on="2026-05-30", agenda=["基金拨付"], attendance=["u1"], minutes="同意拨付路灯款")
    ok = call(kdb, admin(), fund.decide_disbursement, disbursement_id=d["id"], approve=True,
              decision_meeting_id=jm["id"])
    assert (ok["status"], ok["decided_by"], ok["decision_meeting_id"]) == ("approved", "admin", jm["id"])
    paid = call(kdb, worker(), fund.pay_disbursement, disbursement_id=d["id"])
    assert (paid["status"], paid["paid_on"]) == ("paid", "2026-06-01")
    f = the_fund(kdb, council)
    assert (f["balance_fen"], f["entries"], f["balanced"]) == (40_000, 2, True)
    [out] = events(kdb, "fund.disbursed")
    assert out["payload"]["amount_fen"] == 60_000 and out["payload"]["balance_after_fen"] == 40_000
    err = pytest.raises(FailedPrecondition, call, kdb, worker(), fund.pay_disbursement, disbursement_id=d["id"]).value
    assert err.field == "disbursement_id"  # paid once
    assert the_fund(kdb, council)["balance_fen"] == 40_000


def test_a_rejection_says_why_and_a_project_or_meeting_of_another_council_is_refused(kdb, council):
    give(kdb, council, 10_000)
    p = project(kdb, council)
    d = call(kdb, worker(), fund.request_disbursement, council_id=council["id"], project_id=p, amount_fen=5_000,
             purpose="x")
    assert pytest.raises(InvalidArgument, call, kdb, worker(), fund.decide_disbursement, disbursement_id=d["id"],
                         approve=False).value.field == "note"
    no = call(kdb, worker(), fund.decide_disbursement, disbursement_id=d["id"], approve=False, note="预算另有安排")
    assert no["status"] == "rejected"
    assert pytest.raises(FailedPrecondition, call, kdb, worker(), fund.decide_disbursement, disbursement_id=d["id"],
                         approve=True, decision_reference="x").value.field == "disbursement_id"
    closed = project(kdb, council, title="旧项目", status="closed")
    assert pytest.raises(FailedPrecondition, call, kdb, worker(), fund.request_disbursement, council_id=council["id"],
                         project_id=closed, amount_fen=1, purpose="x").value.field == "project_id"
    assert pytest.raises(NotFound, call, kdb, worker(), fund.request_disbursement, council_id=council["id"],
                         project_id="nope", amount_fen=1, purpose="x").value.field == "project_id"
    # the neighbouring community's council, its project and its meeting
    from services.council.app import councils
    other = call(kdb, admin(), councils.create_council, community=COMM_A2, name="和平社区共建理事团", leader_id="x2")
    theirs = project(kdb, other, title="邻社区项目")
    assert pytest.raises(FailedPrecondition, call, kdb, admin(), fund.request_disbursement, council_id=council["id"],
                         project_id=theirs, amount_fen=1, purpose="x").value.field == "project_id"
    call(kdb, admin(), councils.add_member, council_id=other["id"], organisation_id="u1")
    jm = call(kdb, admin(), meetings.record_joint_meeting, council_id=other["id"], kind="regular",
              held_on="2026-05-30", agenda=["x"], attendance=["u1"], minutes="x")
    d2 = call(kdb, worker(), fund.request_disbursement, council_id=council["id"], project_id=p, amount_fen=1,
              purpose="x")
    assert pytest.raises(FailedPrecondition, call, kdb, admin(), fund.decide_disbursement, disbursement_id=d2["id"],
                         approve=True, decision_meeting_id=jm["id"]).value.field == "decision_meeting_id"
    assert count(kdb, m.FundEntry) == 1  # the one contribution


def test_a_payment_never_takes_the_balance_below_zero(kdb, council):
    give(kdb, council, 10_000)
    p = project(kdb, council)
    first, second = approved(kdb, council, p, 7_000), approved(kdb, council, p, 7_000)  # each fits, not both
    call(kdb, worker(), fund.pay_disbursement, disbursement_id=first["id"])
    err = pytest.raises(FailedPrecondition, call, kdb, worker(), fund.pay_disbursement,
                        disbursement_id=second["id"]).value
    assert err.field == "disbursement_id"
    f = the_fund(kdb, council)
    assert (f["balance_fen"], f["entries"], f["balanced"]) == (3_000, 2, True)
    assert read(kdb, worker(), fund.list_disbursements, council_id=council["id"], status="approved")["items"][0][
        "id"] == second["id"]


def test_an_entry_is_never_edited_a_reversal_is_a_new_entry_with_its_reason_once(kdb, council):
    a = give(kdb, council, 50_000)
    give(kdb, council, 10_000)
    [e1, _] = read(kdb, worker(), fund.list_fund_entries, council_id=council["id"])["items"]
    assert pytest.raises(InvalidArgument, call, kdb, worker(), fund.reverse_entry, entry_id=e1["id"],
                         reason=" ").value.field == "reason"
    undo = call(kdb, worker(), fund.reverse_entry, entry_id=e1["id"], reason="重复登记")
    assert (undo["kind"], undo["amount_fen"], undo["balance_after_fen"], undo["reverses_id"], undo["seq"]) == \
        ("reversal", -50_000, 10_000, e1["id"], 3)
    entries = read(kdb, worker(), fund.list_fund_entries, council_id=council["id"])["items"]
    assert entries[0] == e1  # the entry itself stands as it was
    statuses = {c["id"]: c["status"] for c in read(kdb, worker(), fund.list_contributions,
                                                    council_id=council["id"])["items"]}
    assert a["id"] == entries[0]["contribution_id"] and statuses[a["id"]] == "reversed"
    assert sorted(statuses.values()) == ["received", "reversed"]
    for entry_id in (e1["id"], undo["id"]):  # once; and a reversal is not reversed
        assert pytest.raises(FailedPrecondition, call, kdb, worker(), fund.reverse_entry, entry_id=entry_id,
                             reason="x").value.field == "entry_id"
    f = the_fund(kdb, council)
    assert (f["balance_fen"], f["entries"], f["balanced"]) == (10_000, 3, True)


def test_money_already_spent_cannot_be_reversed_out(kdb, council):
    give(kdb, council, 10_000)
    p = project(kdb, council)
    paid = call(kdb, worker(), fund.pay_disbursement, disbursement_id=approved(kdb, council, p, 8_000)["id"])
    [gift, payment] = read(kdb, worker(), fund.list_fund_entries, council_id=council["id"])["items"]
    err = pytest.raises(FailedPrecondition, call, kdb, worker(), fund.reverse_entry, entry_id=gift["id"],
                        reason="退款").value
    assert err.field == "entry_id" and the_fund(kdb, council)["balance_fen"] == 2_000
    # a payment reversed puts the money back, and the disbursement says so
    call(kdb, worker(), fund.reverse_entry, entry_id=payment["id"], reason="项目取消, 款项退回")
    assert the_fund(kdb, council)["balance_fen"] == 10_000
    assert read(kdb, worker(), fund.list_disbursements, council_id=council["id"])["items"][0]["status"] == "reversed"
    assert paid["status"] == "paid"


def test_the_quarters_public_statement_names_units_and_projects_never_a_person(kdb, council, fixed_clock):
    give(kdb, council, 100_000)
    give(kdb, council, 20_000, donor_organisation_id=None, donor_person_id="pd")
    give(kdb, council, 3_000, donor_organisation_id=None, donor_person_id="pd", display_name="热心居民")
    give(kdb, council, 30_000, kind="in_kind", donor_organisation_id=None, donor_person_id="pd", description="轮椅两台")
    p = project(kdb, council)
    call(kdb, worker(), fund.pay_disbursement, disbursement_id=approved(kdb, council, p, 50_000)["id"])
    q2 = read(kdb, resident(), fund.get_fund_statement, community=COMM_A, quarter="2026-Q2")
    assert (q2["opening_balance_fen"], q2["contributions_fen"], q2["disbursed_fen"], q2["closing_balance_fen"]) == \
        (0, 123_000, 50_000, 73_000)
    assert [c["donor"] for c in q2["contributions"]] == ["区供电公司", "个人捐赠", "热心居民"]
    assert q2["projects"] == [{"project_id": p, "project_title": "路灯修缮", "amount_fen": 50_000, "payments": 1}]
    assert q2["in_kind"][0]["donor"] == "个人捐赠" and q2["in_kind_fen"] == 30_000
    shown = json.dumps(q2, ensure_ascii=False)
    assert "pd" not in shown and "王捐赠" not in shown and "13800000001" not in shown
    # the next quarter opens where this one closed
    fixed_clock.at = datetime(2026, 7, 2, 4, 0, tzinfo=timezone.utc)
    call(kdb, worker(), fund.pay_disbursement, disbursement_id=approved(kdb, council, p, 3_000)["id"])
    q3 = read(kdb, unit("u1"), fund.get_fund_statement, council_id=council["id"])
    assert (q3["quarter"], q3["opening_balance_fen"], q3["disbursed_fen"], q3["closing_balance_fen"]) == \
        ("2026-Q3", 73_000, 3_000, 70_000)
    assert q3["contributions"] == [] and q3["in_kind"] == []
    for params, field in (({}, "council_id"), ({"council_id": council["id"], "community": COMM_A}, "community"),
                          ({"community": COMM_A, "quarter": "2026-07"}, "quarter")):
        assert pytest.raises(InvalidArgument, read, kdb, resident(), fund.get_fund_statement,
                             **params).value.field == field


def test_out_of_scope_callers_see_no_fund(kdb, council):
    give(kdb, council, 1_000)
    p = project(kdb, council)
    d = approved(kdb, council, p, 500)
    [entry] = read(kdb, worker(), fund.list_fund_entries, council_id=council["id"])["items"]
    for ctx in (worker(COMM_A2), admin("310104")):
        assert pytest.raises(NotFound, read, kdb, ctx, fund.get_fund, council_id=council["id"]).value.field == \
            "council_id"
        assert pytest.raises(NotFound, read, kdb, ctx, fund.get_fund_statement,
                             council_id=council["id"]).value.field == "council_id"
        with pytest.raises(NotFound):
            give(kdb, council, 1, ctx=ctx)
        with pytest.raises(NotFound):
            call(kdb, ctx, fund.pay_disbursement, disbursement_id=d["id"])
        with pytest.raises(NotFound):
            call(kdb, ctx, fund.reverse_entry, entry_id=entry["id"], reason="x")
    # a resident of the neighbouring community reads not this community's statement
    with pytest.raises((NotFound, PermissionDenied)) as err:
        read(kdb, resident("rb", COMM_A2), fund.get_fund_statement, community=COMM_A)
    assert err.value.field == "community"
    assert pytest.raises(NotFound, read, kdb, resident("rb", COMM_A2), fund.get_fund_statement,
                         council_id=council["id"]).value.field == "council_id"
    assert the_fund(kdb, council)["balance_fen"] == 1_000 and count(kdb, m.FundEntry) == 1


def test_a_retried_contribution_is_booked_once(kdb, council):
    params = {"council_id": council["id"], "kind": "money", "amount_fen": 6_600, "donor_organisation_id": "u1",
              "idempotency_key": "gift-1"}
    first = API.call(kdb, worker(), "RecordContribution", params)
    assert API.call(kdb, worker(), "RecordContribution", params) == first
    assert count(kdb, m.FundEntry) == 1 and the_fund(kdb, council)["balance_fen"] == 6_600
    with pytest.raises(AlreadyExists):
        API.call(kdb, worker(), "RecordContribution", {**params, "amount_fen": 7_000})


def test_over_grpc_fen_are_int64_and_a_zero_amount_is_refused_naming_the_field(tmp_path, fixed_clock):
    import grpc
    from cityplat.council.v1 import council_pb2 as pb
    from cityplat.council.v1 import council_pb2_grpc as pb_grpc
    from sqlalchemy import create_engine

    from services.common.config import build_settings
    from services.council.grpc_server import build_server
    from tests.service.council.test_entrypoints import WORKER

    url = f"sqlite:///{tmp_path / 'k.db'}"
    engine = create_engine(url)
    m.Base.metadata.create_all(engine)
    engine.dispose()
    server = build_server(build_settings({"CITYPLAT_SERVICES__COUNCIL__DATABASE_URL": url}), port=0,
                          http_port=None).start()
    try:
        with grpc.insecure_channel(f"127.0.0.1:{server.port}") as channel:
            stub = pb_grpc.CouncilStub(channel)
            c = stub.CreateCouncil(pb.CreateCouncilRequest(community=COMM_A, name="幸福社区共建理事团", leader_id="s1",
                                                           idempotency_key="c1"), metadata=WORKER)
            with pytest.raises(grpc.RpcError) as err:
                stub.RecordContribution(pb.RecordContributionRequest(
                    council_id=c.id, kind="money", amount_fen=0, donor_organisation_id="u1", idempotency_key="g0"),
                    metadata=WORKER)
            assert err.value.code() == grpc.StatusCode.INVALID_ARGUMENT
            assert err.value.details().startswith("amount_fen:")
            big = 9_000_000_000  # 九千万元: beyond a 32-bit integer, kept whole
            stub.RecordContribution(pb.RecordContributionRequest(
                council_id=c.id, kind="money", amount_fen=big, donor_organisation_id="u1", idempotency_key="g1"),
                metadata=WORKER)
            f = stub.GetFund(pb.GetFundRequest(council_id=c.id), metadata=WORKER)
            assert (f.balance_fen, f.entries, f.balanced) == (big, 1, True)
            statement = stub.GetFundStatement(pb.GetFundStatementRequest(community=COMM_A), metadata=WORKER)
            assert (statement.quarter, statement.closing_balance_fen) == ("2026-Q2", big)
            assert statement.contributions[0].donor == "区供电公司"
    finally:
        server.stop(grace=0)
