"""The co-building fund on the real PostgreSQL: payments racing for the last yuan never take the balance
below zero, each disbursement is paid once, the entries stay numbered 1, 2, ... and sum to the balance;
and the database itself refuses a negative balance written behind the service."""
from __future__ import annotations

import threading

import pytest
from sqlalchemy import func, select, update
from sqlalchemy.exc import IntegrityError

from services.common.errors import FailedPrecondition
from services.common.usecase import run
from services.council import models as m
from services.council.app import councils, fund
from tests.conftest import ctx_for
from tests.fakes import FakeRegistry, registry_replaced

pytestmark = pytest.mark.integration
COMM = "310101002001"
WORKER = ctx_for("community_worker", subdistrict=COMM[:9], community=COMM, actor="cw")
PEOPLE = {"s1": ("书记甲", COMM)}
ORGS = {"cc": {"kind": "community_committee", "name": "幸福社区党委", "division_code": COMM},
        **{f"u{i}": {"kind": "partner_unit", "name": f"单位{i}", "division_code": COMM} for i in range(8)}}
POSTS = {"p1": {"person_id": "s1", "organisation_id": "cc", "title": "secretary"}}


def registry():
    return registry_replaced(FakeRegistry(PEOPLE, ORGS, posts=POSTS))


def call(db, fn, **params):
    return run(db, WORKER, fn, params, write=True)


@pytest.fixture
def council(council_pg, fixed_clock):
    with registry():
        c = call(council_pg, councils.create_council, community=COMM, name="幸福社区共建理事团", leader_id="s1")
        with council_pg.uow(ctx_for("district_admin")) as uow:
            uow.session.add(m.Project(id="proj1", district="310101", community=COMM, council_id=c["id"], title="路灯",
                                      kind="other", skills=[], urgency="normal", urgency_rank=2, need_ids=[],
                                      status="claimed", created_by="cw"))
            uow.commit()
        yield c


def _approved(db, council, amount: int) -> str:
    d = call(db, fund.request_disbursement, council_id=council["id"], project_id="proj1", amount_fen=amount,
             purpose="x")
    return call(db, fund.decide_disbursement, disbursement_id=d["id"], approve=True, decision_reference="会议纪要")["id"]


def _race(n: int, work) -> list:
    barrier, outcomes, lock = threading.Barrier(n), [], threading.Lock()

    def one(i):
        barrier.wait()
        try:
            result = work(i)
        except Exception as exc:  # noqa: BLE001 - the refusals are checked by the tests
            result = exc
        with lock:
            outcomes.append(result)

    threads = [threading.Thread(target=one, args=(i,)) for i in range(n)]
    # one fake for all the threads: the process has one registry client, which a thread's own `with`
    # would put back under the others still racing
    with registry():
        for t in threads:
            t.start()
        for t in threads:
            t.join()
    return outcomes


def _books(db, council) -> dict:
    with registry():
        return run(db, WORKER, fund.get_fund, {"council_id": council["id"]}, write=False)


def test_payments_racing_for_the_last_yuan_never_take_the_fund_below_zero(council_pg, council):
    with registry():
        call(council_pg, fund.record_contribution, council_id=council["id"], kind="money", amount_fen=10_000,
             donor_organisation_id="u0")
        ids = [_approved(council_pg, council, 1_000) for _ in range(12)]  # twelve of 10 yuan; the fund holds 100
    outcomes = _race(12, lambda i: call(council_pg, fund.pay_disbursement, disbursement_id=ids[i]))
    paid = [o for o in outcomes if isinstance(o, dict)]
    refused = [o for o in outcomes if not isinstance(o, dict)]
    assert len(paid) == 10, refused[:3]
    assert all(isinstance(o, FailedPrecondition) and o.field == "disbursement_id" for o in refused), refused[:3]
    books = _books(council_pg, council)
    assert (books["balance_fen"], books["entries"], books["balanced"]) == (0, 11, True)
    with council_pg.engine.connect() as conn:
        seqs = sorted(conn.scalars(select(m.FundEntry.seq)))
    assert seqs == list(range(1, 12))


def test_one_disbursement_paid_by_many_at_once_is_paid_once(council_pg, council):
    with registry():
        call(council_pg, fund.record_contribution, council_id=council["id"], kind="money", amount_fen=50_000,
             donor_organisation_id="u0")
        d = _approved(council_pg, council, 3_000)
    outcomes = _race(8, lambda i: call(council_pg, fund.pay_disbursement, disbursement_id=d))
    assert sum(isinstance(o, dict) for o in outcomes) == 1
    assert all(isinstance(o, FailedPrecondition) for o in outcomes if not isinstance(o, dict))
    books = _books(council_pg, council)
    assert (books["balance_fen"], books["entries"], books["balanced"]) == (47_000, 2, True)


def test_contributions_and_payments_racing_keep_the_books_balanced(council_pg, council):
    with registry():
        call(council_pg, fund.record_contribution, council_id=council["id"], kind="money", amount_fen=2_000,
             donor_organisation_id="u0")
        ids = [_approved(council_pg, council, 700) for _ in range(4)]

    def work(i):
        if i % 2:
            return call(council_pg, fund.pay_disbursement, disbursement_id=ids[i // 2])
        return call(council_pg, fund.record_contribution, council_id=council["id"], kind="money", amount_fen=300,
                    donor_organisation_id=f"u{i}")

    outcomes = _race(8, work)
    assert all(isinstance(o, dict) or (isinstance(o, FailedPrecondition) and o.field == "disbursement_id")
               for o in outcomes), outcomes
    books = _books(council_pg, council)
    with council_pg.engine.connect() as conn:
        total = conn.scalar(select(func.sum(m.FundEntry.amount)))
        lowest = conn.scalar(select(func.min(m.FundEntry.balance_after)))
    assert books["balanced"] and books["balance_fen"] == total and lowest >= 0


def test_the_database_refuses_a_negative_balance_written_behind_the_service(council_pg, council):
    with registry():
        call(council_pg, fund.record_contribution, council_id=council["id"], kind="money", amount_fen=100,
             donor_organisation_id="u0")
    with pytest.raises(IntegrityError) as err, council_pg.engine.begin() as conn:
        conn.execute(update(m.Fund).values(balance=-1))
    assert "ck_funds_balance_not_negative" in str(err.value)
