"""Commitments (承诺、践诺、评诺): a member unit or a party member promises for a year, records keeping it, and
the community's residents evaluate it once each; a listing shows each one's tally, a unit sees its own."""
from __future__ import annotations

import pytest

from services.common.errors import AlreadyExists, FailedPrecondition, InvalidArgument, NotFound, PermissionDenied
from services.council import models as m
from services.council.app import API, commitments
from tests.conftest import ctx_for
from tests.fakes import FakeRegistry, registry_replaced
from tests.service.council.conftest import (COMM_A, COMM_A2, ORGANISATIONS, PEOPLE, POSTS, admin, call, count, events,
                                            read, unit, worker)

FOLK = {**PEOPLE, "pm": {"name": "党员王", "home_community": COMM_A, "is_member": True},
        "ra": ("居民甲", COMM_A), "rb": ("居民乙", COMM_A), "rc": ("居民丙", COMM_A), "rx": ("邻社区居民", COMM_A2)}


@pytest.fixture(autouse=True)
def directory():
    with registry_replaced(FakeRegistry(FOLK, ORGANISATIONS, posts=POSTS)) as fake:
        yield fake


def resident(person_id: str = "ra", community: str = COMM_A):
    return ctx_for("resident", subdistrict=community[:9], community=community, actor=person_id)


def promise(kdb, council, ctx=None, **extra):
    params = {"year": 2026, "what": "每月为社区老人免费检修电路", "due_on": "2026-12-31", "organisation_id": "u1", **extra}
    return call(kdb, ctx or worker(), commitments.make_commitment, council_id=council["id"], **params)


def test_a_unit_promises_keeps_and_is_evaluated_by_residents_once_each(kdb, council):
    c = promise(kdb, council)
    assert (c["maker_kind"], c["maker_name"], c["status"], c["tally"]["evaluations"]) == ("unit", "区供电公司", "open", 0)
    call(kdb, unit("u1"), commitments.record_keeping, commitment_id=c["id"], note="5月检修 12 户", done_on="2026-05-31")
    kept = call(kdb, worker(), commitments.record_keeping, commitment_id=c["id"], note="全年任务完成", kept=True)
    assert (kept["status"], kept["kept_on"], [r["marks_kept"] for r in kept["records"]]) == \
        ("kept", "2026-06-01", [False, True])
    [announced] = events(kdb, "commitment.kept")
    assert (announced["payload"]["commitment_id"], announced["payload"]["maker_name"]) == (c["id"], "区供电公司")
    err = pytest.raises(FailedPrecondition, call, kdb, worker(), commitments.record_keeping, commitment_id=c["id"],
                        note="again", kept=True).value
    assert err.field == "kept"
    for person, rating in (("ra", "satisfied"), ("rb", "basically_satisfied"), ("rc", "dissatisfied")):
        call(kdb, resident(person), commitments.evaluate_commitment, commitment_id=c["id"], rating=rating,
             comment="评价")
    err = pytest.raises(AlreadyExists, call, kdb, resident("ra"), commitments.evaluate_commitment,
                        commitment_id=c["id"], rating="dissatisfied").value
    assert err.field == "commitment_id"
    [line] = read(kdb, resident("ra"), commitments.list_commitments, council_id=council["id"])["items"]
    assert line["tally"] == {"evaluations": 3, "satisfied": 1, "basically_satisfied": 1, "dissatisfied": 1,
                             "satisfied_percent": 67}
    assert count(kdb, m.CommitmentEvaluation) == 3


def test_a_party_member_promises_for_himself_and_does_not_evaluate_his_own(kdb, council):
    c = call(kdb, resident("pm"), commitments.make_commitment, council_id=council["id"], year=2026,
             what="结对帮扶一户困难家庭", due_on="2026-12-31")
    assert (c["maker_kind"], c["person_id"], c["maker_name"]) == ("member", "pm", "党员王")
    call(kdb, resident("pm"), commitments.record_keeping, commitment_id=c["id"], note="走访一次")
    err = pytest.raises(FailedPrecondition, call, kdb, resident("pm"), commitments.evaluate_commitment,
                        commitment_id=c["id"], rating="satisfied").value
    assert err.field == "commitment_id"
    # another resident neither records his keeping nor promises in his name
    err = pytest.raises(PermissionDenied, call, kdb, resident("ra"), commitments.record_keeping, commitment_id=c["id"],
                        note="x").value
    assert err.field == "commitment_id"
    err = pytest.raises(PermissionDenied, call, kdb, resident("ra"), commitments.make_commitment,
                        council_id=council["id"], year=2026, what="x", due_on="2026-12-31", person_id="pm").value
    assert err.field == "person_id"
    # staff name a party member; a person who is not one makes no member's commitment
    err = pytest.raises(FailedPrecondition, promise, kdb, council, organisation_id=None, person_id="ra").value
    assert err.field == "person_id"


@pytest.mark.parametrize("params, field", [
    ({"year": 2025}, "year"),
    ({"year": 2026.0}, "year"),
    ({"what": "  "}, "what"),
    ({"due_on": "2027-01-31"}, "due_on"),          # not of the commitment's year
    ({"due_on": "2026-05-01"}, "due_on"),          # past
    ({"due_on": "31/12/2026"}, "due_on"),
    ({"organisation_id": None}, "organisation_id"),
    ({"person_id": "pm"}, "person_id"),            # both a unit and a person
    ({"organisation_id": "b1"}, "organisation_id"),  # not a member unit
    ({"organisation_id": None, "person_id": "nobody"}, "person_id"),
])
def test_a_bad_commitment_names_the_field_and_writes_nothing(kdb, council, params, field):
    with pytest.raises((InvalidArgument, FailedPrecondition, NotFound)) as err:
        promise(kdb, council, **params)
    assert err.value.field == field
    assert count(kdb, m.Commitment) == 0


def test_bad_keeping_and_bad_evaluations_name_the_field_and_change_nothing(kdb, council):
    c = promise(kdb, council)
    for params, field in (({"note": " "}, "note"), ({"note": "x", "done_on": "2026-06-02"}, "done_on"),
                          ({"note": "x", "done_on": "2025-12-31"}, "done_on")):
        with pytest.raises(InvalidArgument) as err:
            call(kdb, worker(), commitments.record_keeping, commitment_id=c["id"], **params)
        assert err.value.field == field
    assert pytest.raises(InvalidArgument, call, kdb, resident(), commitments.evaluate_commitment,
                         commitment_id=c["id"], rating="great").value.field == "rating"
    assert count(kdb, m.CommitmentRecord) == 0 and count(kdb, m.CommitmentEvaluation) == 0
    assert read(kdb, worker(), commitments.get_commitment, id=c["id"])["status"] == "open"


def test_a_unit_promises_keeps_and_sees_its_own_only(kdb, council):
    mine = call(kdb, unit("u2"), commitments.make_commitment, council_id=council["id"], year=2027,
                what="开放学校操场", due_on="2027-06-30")
    assert mine["organisation_id"] == "u2"
    theirs = promise(kdb, council)
    err = pytest.raises(PermissionDenied, call, kdb, unit("u2"), commitments.make_commitment, council_id=council["id"],
                        year=2026, what="x", due_on="2026-12-31", organisation_id="u1").value
    assert err.field == "organisation_id"
    err = pytest.raises(PermissionDenied, call, kdb, unit("u2"), commitments.record_keeping,
                        commitment_id=theirs["id"], note="x").value
    assert err.field == "commitment_id"
    assert [x["id"] for x in read(kdb, unit("u2"), commitments.list_commitments)["items"]] == [mine["id"]]
    assert pytest.raises(NotFound, read, kdb, unit("u2"), commitments.get_commitment, id=theirs["id"]).value.field == \
        "id"
    assert len(read(kdb, worker(), commitments.list_commitments, council_id=council["id"])["items"]) == 2
    assert [x["id"] for x in read(kdb, worker(), commitments.list_commitments, year=2027)["items"]] == [mine["id"]]
    # a unit does not evaluate (residents do); staff do not evaluate in a resident's stead
    for ctx in (unit("u1"), worker()):
        with pytest.raises(PermissionDenied):
            call(kdb, ctx, commitments.evaluate_commitment, commitment_id=mine["id"], rating="satisfied")


def test_out_of_scope_callers_see_no_commitment_and_neighbours_do_not_evaluate(kdb, council):
    c = promise(kdb, council)
    for ctx in (worker(COMM_A2), admin("310104"), resident("rx", COMM_A2)):
        assert pytest.raises(NotFound, read, kdb, ctx, commitments.get_commitment, id=c["id"]).value.field == "id"
        assert read(kdb, ctx, commitments.list_commitments)["items"] == []
    for ctx in (worker(COMM_A2), admin("310104")):
        with pytest.raises(NotFound):
            call(kdb, ctx, commitments.record_keeping, commitment_id=c["id"], note="x")
        with pytest.raises(NotFound):
            promise(kdb, council, ctx=ctx)
    with pytest.raises(NotFound):
        call(kdb, resident("rx", COMM_A2), commitments.evaluate_commitment, commitment_id=c["id"], rating="satisfied")
    # a resident token of this community for someone living elsewhere: not a resident of it
    err = pytest.raises(FailedPrecondition, call, kdb, resident("rx"), commitments.evaluate_commitment,
                        commitment_id=c["id"], rating="satisfied").value
    assert err.field == "commitment_id"
    err = pytest.raises(PermissionDenied, read, kdb, worker(COMM_A2), commitments.list_commitments,
                        division_code=COMM_A).value
    assert err.field == "division_code"
    assert count(kdb, m.CommitmentRecord) == 0 and count(kdb, m.CommitmentEvaluation) == 0


def test_a_retried_evaluation_is_counted_once(kdb, council):
    c = promise(kdb, council)
    params = {"commitment_id": c["id"], "rating": "satisfied", "idempotency_key": "ev-1"}
    first = API.call(kdb, resident(), "EvaluateCommitment", params)
    assert API.call(kdb, resident(), "EvaluateCommitment", params) == first
    assert count(kdb, m.CommitmentEvaluation) == 1
