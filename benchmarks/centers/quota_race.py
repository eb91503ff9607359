"""Is an organisation's monthly quota at a centre (DOMAIN.md §5; services/centers/domain/bookings.py
``check_quota``) kept when its bookings arrive at once? A reproduction, not a benchmark.

    .venv/bin/python benchmarks/centers/quota_race.py [--bookings 40]

One centre with a quota of 1 h a month per organisation and 10 spaces open all day; ``--bookings``
BookSpace calls of one organisation, 60 minutes each, on slots no two of which overlap (10 spaces x
4 hours of one day), sent together from as many threads (a barrier) to one ``cityplat-grpc
centers`` process on PostgreSQL. Kept, one is confirmed and the others refused on
``organisation_id``; it prints the outcomes and the organisation's active minutes. It uses
bench.py's databases (h1bench_*), processes and clean-up.
"""
from __future__ import annotations

import argparse
import collections
import importlib.util
import shutil
import sys
import tempfile
import threading
import uuid
from datetime import datetime, time, timedelta
from pathlib import Path

HERE = Path(__file__).resolve().parent
spec = importlib.util.spec_from_file_location("centers_bench", HERE / "bench.py")
bench = importlib.util.module_from_spec(spec)
spec.loader.exec_module(bench)  # puts the project on sys.path


def main(n: int) -> dict:
    import grpc
    from sqlalchemy import create_engine, text

    from cityplat.centers.v1 import centers_pb2 as pb
    from cityplat.centers.v1 import centers_pb2_grpc as pbg
    from services.centers import models as m
    from services.centers.app import centres
    from services.common.auth import mint_token
    from services.common.context import RequestContext, Role
    from services.common.db import Database
    from services.common.migrate import upgrade
    from services.common.registry_client import KnownDivisions, replaced

    tmp = Path(tempfile.mkdtemp(prefix=f"{bench.PREFIX}-quota-"))
    procs = []
    try:
        registry, organisations = bench.setup_registry(tmp)
        procs.append(registry["proc"])
        bench.recreate(bench.CENTERS_DB)
        url = f"{bench.PG}/{bench.CENTERS_DB}"
        upgrade("centers", url)
        db = Database("centers", url, m.Base.metadata)
        ctx = RequestContext(actor="h1bench-setup", roles=frozenset({Role.DISTRICT_ADMIN}), district=bench.DISTRICT)
        with db.uow(ctx) as uow:
            with replaced(KnownDivisions({bench.COMMUNITY})):
                centre = centres.create_centre(uow, community=bench.COMMUNITY, name="quota", monthly_quota_hours=1)
            spaces = [centres.add_space(uow, centre_id=centre["id"], name=f"space {i + 1}", kind="other",
                                        capacity=100, open_on_public_holidays=True,
                                        hours=[{"weekday": d, "opens": "00:00", "closes": "23:59"}
                                               for d in range(1, 8)])["id"] for i in range(10)]
            uow.commit()
        db.dispose()
        port, http = bench.free_port(), bench.free_port()
        procs.append(bench.start_grpc("centers", bench.service_env("centers", bench.CENTERS_DB, port, http, tmp,
                                                                   registry["target"]), http, tmp))
        day = datetime.now(bench.BEIJING).date() + timedelta(days=2)  # in the future, in one month or the next
        md = (("authorization", "Bearer " + mint_token("h1bench-quota", ["community_worker"], bench.DISTRICT,
                                                       bench.SUBDISTRICT, bench.COMMUNITY)),)
        barrier, outcomes = threading.Barrier(n), collections.Counter()

        def one(i: int) -> None:
            channel = grpc.insecure_channel(f"127.0.0.1:{port}", options=[("grpc.use_local_subchannel_pool", 1)])
            stub = pbg.CentersStub(channel)
            stub.GetSpace(pb.SpaceRef(id=spaces[0]), metadata=md, timeout=10)  # connected before the barrier
            starts = datetime.combine(day, time(2 * (i // 10)), bench.BEIJING)  # space i % 10, hour 0, 2, 4, ...
            request = pb.BookSpaceRequest(space_id=spaces[i % 10], starts_at=starts.isoformat(),
                                          ends_at=(starts + timedelta(hours=1)).isoformat(), purpose="quota race",
                                          attendees=1, organisation_id=organisations[0],
                                          idempotency_key=uuid.uuid4().hex)
            barrier.wait()
            try:
                outcome = stub.BookSpace(request, metadata=md, timeout=30).status
            except grpc.RpcError as exc:
                outcome = f"{exc.code().name}: {exc.details()}"
            outcomes[outcome] += 1
            channel.close()

        threads = [threading.Thread(target=one, args=(i,)) for i in range(n)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        engine = create_engine(url.replace("postgresql", "postgresql+psycopg2"))
        with engine.connect() as conn:
            minutes = conn.scalar(text("SELECT coalesce(sum(extract(epoch FROM ends_at - starts_at) / 60), 0)::int "
                                       "FROM bookings WHERE organisation_id = :o AND status IN ('requested', "
                                       "'confirmed')"), {"o": organisations[0]})
        engine.dispose()
        return {"outcomes": dict(outcomes), "active_minutes": minutes, "quota_minutes": 60}
    finally:
        for proc in procs:
            bench.stop(proc)
        for name in bench.DATABASES:
            bench.drop(name)
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--bookings", type=int, default=40, help="concurrent calls (at most 120: 10 spaces x 12 slots)")
    found = main(min(parser.parse_args().bookings, 120))
    print(found)
    sys.exit(0 if found["active_minutes"] <= found["quota_minutes"] else 1)
