"""The SQL one award (``Earn`` by an uncapped rule) sends to PostgreSQL, captured for real.

    .venv/bin/python benchmarks/points/award_statements.py

It makes a database of its own (cityplat_bench_statements), migrates it and sets it up as the
points benchmark does (bench.setup: a 1-point ``bench_award`` rule per district, funded resident
accounts), then runs awards in process the way the gRPC server runs them: a group commit of one
request (usecase.run_idempotent_batch on the writer's held connection), the request converted
from an ``EarnRequest`` and the caller from a minted token, as the servicer does. Every statement
is printed with its parameters (a ``before_cursor_execute`` listener, plus the transaction's
BEGIN/COMMIT); the first award of a process also reads its account, rule and policy, whose copies
the process then keeps (services.points.repository: accounts until evicted, rules and policies for
5 s), so the second award (of the same account) is the steady state that
benchmarks/points/award.sql reproduces. The database is dropped at the end.
"""
from __future__ import annotations

import sys
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import bench  # noqa: E402  (the benchmark's own set-up)

DB = "cityplat_bench_statements"


def main() -> None:
    from sqlalchemy import event

    from cityplat.points.v1 import points_pb2 as pb
    from services.common.auth import context_from_token, mint_token
    from services.common.db import Database
    from services.common.proto_dict import to_params
    from services.common.usecase import run_idempotent_batch
    from services.points import models as m
    from services.points.app import rules

    plan = bench.setup(accounts_per_district=1, db_name=DB)
    from services.points import repository
    for copies in (repository._accounts, repository._policies, repository._rules):
        copies.clear()  # as in a server process of its own, which has read none of them yet
    db = Database("points", f"{bench.PG}/{DB}", m.Base.metadata)
    log: list[tuple[str, object]] = []

    @event.listens_for(db.engine, "before_cursor_execute")
    def _statement(conn, cursor, statement, parameters, context, executemany):
        log.append((statement, parameters))

    event.listen(db.engine, "begin", lambda conn: log.append(("BEGIN", None)))
    event.listen(db.engine, "commit", lambda conn: log.append(("COMMIT", None)))
    event.listen(db.engine, "rollback", lambda conn: log.append(("ROLLBACK", None)))

    district = bench.DISTRICTS[0]
    token = "Bearer " + mint_token("bench", ["community_worker"], district)
    try:
        owner = plan["accounts"][district][0]
        for n in range(2):  # the same account twice: the second finds the copies the first kept
            request = pb.EarnRequest(account=pb.AccountRef(kind="resident", owner=owner.split(":")[-1],
                                                           community=f"{district}001001"),
                                     action_type="bench_award", idempotency_key=uuid.uuid4().hex)
            log.clear()
            [outcome] = run_idempotent_batch(db, rules.earn, "Earn", [(context_from_token(token), to_params(request))])
            if isinstance(outcome, Exception):
                raise outcome
            print(f"\n==== award {n + 1} ({'first of the process: copies read' if n == 0 else 'steady state'}): "
                  f"{len(log)} calls ====")
            for i, (statement, parameters) in enumerate(log, 1):
                print(f"-- [{i}]\n{statement}")
                if parameters:
                    for k, v in (parameters.items() if isinstance(parameters, dict) else enumerate(parameters)):
                        print(f"--   {k} = {v!r}")
    finally:
        db.release_held_connection()
        db.dispose()
        bench.drop(DB)


if __name__ == "__main__":
    main()
