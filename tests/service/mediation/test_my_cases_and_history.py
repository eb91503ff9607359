"""A mediator's day: my cases (filters, newest first, paged by cursor), a case's full history and its outcome's
audit trail read back, and the city's roll-up of the figures; each scoped as reading a case is."""
from __future__ import annotations

import grpc
import pytest
from cityplat.mediation.v1 import mediation_pb2 as pb

from services.common.errors import InvalidArgument, NotFound, PermissionDenied
from services.mediation.app import cases, figures, history
from tests.conftest import DISTRICT_A, DISTRICT_B, ctx_for
from tests.service.mediation.test_grpc import MEDIATOR, served, status_of  # noqa: F401 - served: a fixture
from tests.service.mediation.conftest import (COMM_A2, admin, assign, call, city_admin, mediator, open_case, parties,
                                              read, resident, resolve, sub_staff, worker)


def _opened(db, day: int, ctx=None, **kw) -> dict:
    """A case of 310101002001 opened on 2026-05-<day> with j1, med1, v1 and v2 on its team."""
    c = open_case(db, ctx, received_at=f"2026-05-{day:02d}T09:00:00+00:00", **kw)
    assign(db, c["id"], ctx)
    return c


@pytest.fixture
def five(mdb):
    """Five cases of med1's, opened May 1st to 5th; the 4th a 12345 case, the 5th about shared space."""
    ids = [_opened(mdb, 1)["id"], _opened(mdb, 2)["id"], _opened(mdb, 3)["id"],
           _opened(mdb, 4, channel="hotline_12345", hotline_order_no="GD2026050400001")["id"],
           _opened(mdb, 5, category="shared_space")["id"]]
    return ids


def _mine(db, ctx=None, **kw) -> dict:
    return read(db, ctx or mediator(), cases.list_my_cases, **kw)


def _ids(reply) -> list[str]:
    return [c["id"] for c in reply["items"]]


# ---- my cases

def test_my_cases_are_the_ones_i_am_on_newest_first(five, mdb):
    assert _ids(_mine(mdb)) == five[::-1]
    # a volunteer is on the team too; someone on no team has none
    assert _ids(_mine(mdb, ctx_for("mediator", district=DISTRICT_A, actor="v1"))) == five[::-1]
    assert _mine(mdb, ctx_for("mediator", district=DISTRICT_A, actor="v3"))["items"] == []
    # staff ask for a mediator's cases by name; contacts stay masked in a listing
    reply = _mine(mdb, worker(), assignee="med1")
    assert _ids(reply) == five[::-1] and reply["next_page_token"] == ""
    assert all(p["phone"] != "13812345678" for c in reply["items"] for p in c["parties"])


def test_filters(five, mdb):
    assert _ids(_mine(mdb, channel="hotline_12345")) == [five[3]]
    assert _ids(_mine(mdb, category="shared_space")) == [five[4]]
    assert _ids(_mine(mdb, opened_from="2026-05-02", opened_to="2026-05-03")) == [five[2], five[1]]
    assert _ids(_mine(mdb, opened_to="2026-05-01")) == [five[0]]
    assert _mine(mdb, tier="subdistrict")["items"] == []
    call(mdb, sub_staff(), cases.escalate_by_hand, case_id=five[1], direction="up", reason="涉及多个社区 spans communities")
    assert _ids(_mine(mdb, tier="subdistrict")) == [five[1]]


@pytest.mark.parametrize("field,value", [("tier", "city"), ("channel", "fax"), ("opened_from", "May 1st"),
                                         ("page_size", 501), ("page_token", "not-a-token")])
def test_bad_filters_are_refused_naming_the_field(five, mdb, field, value):
    with pytest.raises(InvalidArgument) as err:
        _mine(mdb, **{field: value})
    assert err.value.field == field


def test_dates_the_wrong_way_round_are_refused(five, mdb):
    with pytest.raises(InvalidArgument) as err:
        _mine(mdb, opened_from="2026-05-03", opened_to="2026-05-02")
    assert err.value.field == "opened_to"


def test_paging_gives_every_case_once(five, mdb):
    seen, token, pages = [], "", 0
    while True:
        reply = _mine(mdb, page_size=2, page_token=token)
        seen += _ids(reply)
        pages += 1
        token = reply["next_page_token"]
        if not token:
            break
    assert seen == five[::-1] and pages == 3
    # a case opened meanwhile, newer than the pages still to come, neither repeats nor shows among them
    first = _mine(mdb, page_size=2)
    _opened(mdb, 6)
    rest = _mine(mdb, page_size=10, page_token=first["next_page_token"])
    assert _ids(first) + _ids(rest) == five[::-1]


def test_a_token_with_other_filters_is_refused(five, mdb):
    token = _mine(mdb, page_size=2)["next_page_token"]
    with pytest.raises(InvalidArgument) as err:
        _mine(mdb, page_size=2, page_token=token, channel="walk_in")
    assert err.value.field == "page_token"


def test_scope_a_sibling_community_and_another_district_see_none_of_ours(five, mdb):
    assert _mine(mdb, worker(COMM_A2), assignee="med1")["items"] == []
    assert _mine(mdb, mediator(district=DISTRICT_B))["items"] == []
    assert _mine(mdb, admin(DISTRICT_B), assignee="med1")["items"] == []


def test_a_confidential_case_is_not_in_a_non_members_list_nor_history(five, mdb):
    secret = _opened(mdb, 6, admin(), confidential=True)["id"]
    assert secret in _ids(_mine(mdb))                         # its mediator
    assert secret in _ids(_mine(mdb, sub_staff(), assignee="med1"))  # a supervisor of its district
    outsider = worker()                                        # a worker of its community, not on its team
    assert secret not in _ids(_mine(mdb, outsider, assignee="med1"))
    for fn in (history.get_case_history, history.get_case_outcome_audit):
        with pytest.raises(NotFound):
            read(mdb, outsider, fn, case_id=secret)
    assert read(mdb, mediator(), history.get_case_history, case_id=secret)["case_id"] == secret


# ---- a case's history and its outcome's audit

@pytest.fixture
def worked(mdb, fixed_clock):
    """A case: opened, assigned, a session, escalated by hand with a reason, resolved at the sub-district, rated,
    reopened, resolved again; an hour between steps (the history is in time order)."""
    c = _opened(mdb, 10)["id"]
    steps = [lambda: call(mdb, mediator(), cases.record_session, case_id=c, notes="第一次调解 first session",
                          attendance=["张三丰", "李四"]),
             lambda: call(mdb, sub_staff(), cases.escalate_by_hand, case_id=c, direction="up",
                          reason="物业拒不到场 property absent"),
             lambda: resolve(mdb, c, ctx=sub_staff()),
             lambda: call(mdb, resident("r1"), cases.rate_case, case_id=c, score=2, comment="还是吵 still noisy"),
             lambda: call(mdb, resident("r1"), cases.reopen_case, case_id=c, reason="又开始装修 the works started again"),
             lambda: resolve(mdb, c, ctx=sub_staff())]
    for step in steps:
        fixed_clock.advance(hours=1)
        step()
    return c


def test_history_reads_back_every_step_in_order(worked, mdb):
    h = read(mdb, mediator(), history.get_case_history, case_id=worked)
    assert [e["kind"] for e in h["entries"]] == ["opened", "assigned", "session", "escalated", "resolved", "rated",
                                                 "reopened", "resolved"]
    session = h["entries"][2]["session"]
    assert session["notes"] == "第一次调解 first session" and session["attendance"] == ["张三丰", "李四"]
    up = h["entries"][3]
    assert (up["from_tier"], up["to_tier"], up["reason"]) == ("community", "subdistrict", "物业拒不到场 property absent")
    assert h["entries"][5]["reason"] == "2" and h["entries"][6]["reason"] == "又开始装修 the works started again"
    assert (h["status"], h["tier"], h["outcome"], h["reopen_count"]) == ("resolved", "subdistrict", "agreement", 1)


def test_the_upper_tiers_staff_see_the_escalation_reason(worked, mdb):
    h = read(mdb, sub_staff(), history.get_case_history, case_id=worked)
    assert any(e["kind"] == "escalated" and e["reason"] == "物业拒不到场 property absent" for e in h["entries"])


def test_history_and_audit_are_scoped_as_reading_the_case(worked, mdb):
    for ctx in (worker(COMM_A2), admin(DISTRICT_B), mediator(district=DISTRICT_B)):
        for fn in (history.get_case_history, history.get_case_outcome_audit):
            with pytest.raises(NotFound):
                read(mdb, ctx, fn, case_id=worked)
    # a resident reads the cases they are a party to only
    assert read(mdb, resident("r1"), history.get_case_history, case_id=worked)["case_id"] == worked
    with pytest.raises(PermissionDenied):
        read(mdb, resident("v3"), history.get_case_history, case_id=worked)


def test_outcome_audit_lists_resolve_rate_reopen(worked, mdb):
    a = read(mdb, admin(), history.get_case_outcome_audit, case_id=worked)
    assert [e["action"] for e in a["entries"]] == ["resolve case", "rate case", "reopen case", "resolve case"]
    assert a["entries"][2]["reason"] == "又开始装修 the works started again"
    assert '"rating": 2' in a["entries"][1]["after"] and a["entries"][0]["actor"] == "sub-staff"


# ---- the city's roll-up

def test_city_figures_per_district_for_city_staff_only(mdb, with_b):
    c = _opened(mdb, 10)["id"]
    resolve(mdb, c)
    open_case(mdb, admin(DISTRICT_B), community="310104001001", parties=parties("jb", "mb"))
    items = {row["district"]: row for row in read(mdb, city_admin(), figures.get_city_figures)["items"]}
    assert set(items) == {DISTRICT_A, DISTRICT_B}
    assert (items[DISTRICT_A]["resolved"], items[DISTRICT_A]["community_share"]) == (1, 1.0)
    assert items[DISTRICT_B]["open"] == 1
    for ctx in (admin(), sub_staff(), worker()):
        with pytest.raises(PermissionDenied):
            read(mdb, ctx, figures.get_city_figures)


# ---- over gRPC: the pages, the history's sessions, the refusals naming the field

def test_over_grpc(served, five):
    stub, _ = served
    first = stub.ListMyCases(pb.ListMyCasesRequest(page_size=3), metadata=MEDIATOR, timeout=10)
    rest = stub.ListMyCases(pb.ListMyCasesRequest(page_size=3, page_token=first.next_page_token),
                            metadata=MEDIATOR, timeout=10)
    assert [c.id for c in first.items] + [c.id for c in rest.items] == five[::-1] and rest.next_page_token == ""
    err = status_of(stub.ListMyCases, pb.ListMyCasesRequest(page_token=first.next_page_token, tier="district"),
                    MEDIATOR)
    assert err.code() == grpc.StatusCode.INVALID_ARGUMENT and err.details().startswith("page_token:")
    err = status_of(stub.ListMyCases, pb.ListMyCasesRequest(tier="city"), MEDIATOR)
    assert err.code() == grpc.StatusCode.INVALID_ARGUMENT and err.details().startswith("tier")
    stub.RecordSession(pb.RecordSessionRequest(case_id=five[0], notes="双方到场", attendance=["张三丰"]),
                       metadata=MEDIATOR, timeout=10)
    h = stub.GetCaseHistory(pb.CaseRef(case_id=five[0]), metadata=MEDIATOR, timeout=10)
    assert [e.kind for e in h.entries] == ["opened", "assigned", "session"]
    assert h.entries[2].session.notes == "双方到场"
    audit = stub.GetCaseOutcomeAudit(pb.CaseRef(case_id=five[0]), metadata=MEDIATOR, timeout=10)
    assert list(audit.entries) == []
    err = status_of(stub.GetCityFigures, pb.CityFiguresRequest(), MEDIATOR)
    assert err.code() == grpc.StatusCode.PERMISSION_DENIED
