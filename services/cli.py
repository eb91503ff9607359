"""``cityplat``: run the platform locally and operate it.

    cityplat up | down | status
    cityplat migrate [SERVICE ...]
    cityplat seed demo
    cityplat token --role ROLE --district CODE [--subdistrict CODE] [--community CODE]
    cityplat registry import KIND FILE --token TOKEN [--target HOST:PORT] [--dry-run]
    cityplat registry export KIND FILE --token TOKEN [--target HOST:PORT]
"""
from __future__ import annotations

import socket
from pathlib import Path
from urllib.parse import urlparse

import click

from services.common.config import ConfigError, get_settings
from services.common.errors import DomainError


def _settings():
    try:
        return get_settings()
    except ConfigError as exc:
        raise click.ClickException(f"configuration: {exc}")


def broker_reachable(url: str, timeout: float = 3.0) -> str | None:
    """None if an AMQP broker answers at ``url``; otherwise why not."""
    from kombu import Connection

    parsed = urlparse(url)
    host, port = parsed.hostname or "localhost", parsed.port or 5672
    try:
        with socket.create_connection((host, port), timeout=timeout):
            pass
    except OSError as exc:
        return f"nothing listens on {host}:{port} ({exc.strerror or exc})"
    try:
        with Connection(url, connect_timeout=timeout) as conn:
            conn.ensure_connection(max_retries=1)
    except Exception as exc:  # noqa: BLE001 - any failure means "not usable"
        return f"{host}:{port} answered but AMQP login failed ({exc})"
    return None


HOW_TO_GET_A_BROKER = """RabbitMQ is needed at {url}: {why}.
Start one, then run `make up` again:
  - Debian/Ubuntu:  sudo apt-get install -y rabbitmq-server && sudo rabbitmq-server -detached
  - Docker:         docker compose up -d rabbitmq
  - elsewhere:      set CITYPLAT_BROKER_URL=amqp://USER:PASS@HOST:5672/"""


@click.group()
def main():
    """cityplat: grassroots community work across a city."""


@main.command()
@click.option("--no-seed", is_flag=True, help="Do not seed the demo district.")
@click.option("--host", default=None, metavar="ADDRESS",
              help="Listen on ADDRESS (default: bind_host, 127.0.0.1: this machine only). Any other address "
                   "needs CITYPLAT_AUTH__JWT_SECRET set to a secret of your own.")
def up(no_seed, host):
    """Migrate, seed the demo district and start every service process in the background, under a
    supervisor that restarts any that exits. Every port listens on loopback unless --host says otherwise."""
    import os

    from services import processes

    if host:
        os.environ["CITYPLAT_BIND_HOST"] = host  # the supervisor and its processes inherit it
        get_settings.cache_clear()
    settings = _settings()
    why = broker_reachable(settings.broker_url)
    if why:
        raise click.ClickException(HOW_TO_GET_A_BROKER.format(url=settings.broker_url, why=why))
    services = processes.existing_services()
    for name in services:
        _migrate(settings, name)
    if not no_seed:
        _seed(settings)
    procs = processes.processes(settings)
    if not processes.supervisor_pid(settings.var_dir):
        # processes without a supervisor (it was killed, or an older `up` started them) would be
        # started a second time on the same ports: they have to go first
        orphans = [f"{p.name} (pid {processes.pid_of(settings, p)})" for p in procs if processes.pid_of(settings, p)]
        if orphans:
            raise click.ClickException(f"{', '.join(orphans)} still up without a supervisor; "
                                       "run `cityplat down` first")
        busy = [f"{p.name}: port(s) {', '.join(str(port) for port in p.ports if processes.port_open(port))} "
                "already in use" for p in procs if any(processes.port_open(port) for port in p.ports)]
        if busy:
            raise click.ClickException("; ".join(busy) + "; nothing started")
    try:
        pid, started = processes.start_supervisor(settings)
    except RuntimeError as exc:
        raise click.ClickException(str(exc))
    log = settings.var_dir / "log" / "supervisor.log"
    click.echo(f"{'started' if started else 'already up:'} supervisor pid {pid} (log {log})")
    failed = [f"{p.name}: not ready after 60 s; see {settings.var_dir / 'log' / (p.name + '.log')} and {log}"
              for p in procs if not processes.wait_ready(p.http_port, 60)]
    if not no_seed and not failed:
        _seed(settings, served=True)  # what names other services' records: now that they answer
    _status_table(settings)
    if failed:
        raise click.ClickException("; ".join(failed))


@main.command(hidden=True)
def supervise():
    """Run every service process as a child and restart any that exits (what `up` starts, detached)."""
    import sys

    from services import processes
    from services.common.logs import configure_logging

    settings = _settings()
    try:
        backoff = processes.Backoff.from_settings(settings)
    except ConfigError as exc:
        raise click.ClickException(f"configuration: {exc}")
    configure_logging("cityplat", "supervisor", settings.log_level, settings.log_format)
    sys.exit(processes.supervise(processes.processes(settings), settings.var_dir, backoff))


@main.command()
def down():
    """Stop the supervisor and every service process (gracefully, then forcibly after 30 s)."""
    from services import processes

    settings = _settings()
    up_before = [p.name for p in processes.processes(settings) if processes.pid_of(settings, p)]
    pid = processes.stop_supervisor(settings)
    if pid:
        # it stopped its children, and restarted none of them
        click.echo(f"stopped supervisor (pid {pid})")
        for name in up_before:
            click.echo(f"stopped {name}")
    # whatever is left: the processes of a supervisor that was killed, or of an older `up`
    for name in processes.stop_leftovers(settings):
        click.echo(f"stopped {name}")


@main.command()
def status():
    """List each process, its ports, its health and its restarts; exits 1 if any is down or unhealthy."""
    unwell = _status_table(_settings())
    if unwell:
        raise click.ClickException(f"not serving: {', '.join(unwell)}")


def _status_table(settings) -> list[str]:
    """Print the table; returns the processes that are down, unreachable or not healthy."""
    import time

    from services import processes

    supervisor = processes.supervisor_pid(settings.var_dir)
    state = processes.supervisor_state(settings.var_dir)
    click.echo(f"supervisor: pid {supervisor}" if supervisor else "supervisor: not up")
    rows = [("PROCESS", "PID", "PORTS", "STATE", "RESTARTS", "LAST EXIT", "HEALTH")]
    unwell = []
    for proc in processes.processes(settings):
        pid = processes.pid_of(settings, proc)
        known = state.get(proc.name, {})
        health = processes.http_health(proc.http_port) if pid else "-"
        healthy = bool(pid) and health == "ready"
        if pid and proc.kind == "grpc":
            grpc_health = _grpc_health(settings.service(proc.service).grpc_port)
            health += f", grpc {grpc_health}"
            healthy = healthy and grpc_health == "SERVING"
        if not healthy:
            unwell.append(proc.name)
        if pid:
            shown = "running"
        elif supervisor and known.get("state") == "backing off" and known.get("backoff_until"):
            shown = f"backing off ({max(known['backoff_until'] - time.time(), 0):.0f} s)"
        else:
            shown = "stopped"
        rows.append((proc.name, str(pid or "-"), ",".join(map(str, proc.ports)), shown,
                     str(known.get("restarts", 0)), known.get("last_exit") or "-", health))
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    for row in rows:
        click.echo("  ".join(cell.ljust(w) for cell, w in zip(row, widths)).rstrip())
    return unwell


def _grpc_health(port: int) -> str:
    import grpc
    from grpc_health.v1 import health_pb2, health_pb2_grpc

    from services import processes

    try:
        with grpc.insecure_channel(f"{processes.probe_host()}:{port}") as channel:
            reply = health_pb2_grpc.HealthStub(channel).Check(health_pb2.HealthCheckRequest(), timeout=1)
            return health_pb2.HealthCheckResponse.ServingStatus.Name(reply.status)
    except grpc.RpcError as exc:
        return exc.code().name


@main.command()
@click.argument("services", nargs=-1)
def migrate(services):
    """Upgrade each service's database to the latest schema (creating a PostgreSQL database if missing)."""
    from services import processes

    settings = _settings()
    known = processes.existing_services()
    for name in services or known:
        if name not in known:
            raise click.ClickException(f"SERVICE: {name!r} is not one of {', '.join(known)}")
        _migrate(settings, name)


def _migrate(settings, name):
    from services.common.migrate import upgrade

    try:
        upgrade(name, settings.database_url(name))
    except ConfigError as exc:
        raise click.ClickException(f"configuration: {exc}")
    except Exception as exc:  # noqa: BLE001 - show the reason, not a traceback
        raise click.ClickException(f"migrating {name} failed: {exc}")
    click.echo(f"migrated {name}")


@main.group()
def seed():
    """Load sample data."""


@seed.command("demo")
def seed_demo_cmd():
    """Seed the demo district 310101 (idempotent); the parts naming other services' records when they answer."""
    settings = _settings()
    _seed(settings)
    _seed(settings, served=True)


def _seed(settings, served: bool = False):
    """Each service that exists seeds its part of the demo district through its own use cases. With
    ``served``, the parts that name other services' records (``seed_demo_served``, asking their APIs),
    once those services answer."""
    import importlib

    from services import processes
    from services.common.db import Database

    for name in processes.existing_services():
        models = importlib.import_module(f"services.{name}.models")
        seed = importlib.import_module(f"services.{name}.seed")
        step = getattr(seed, "seed_demo_served", None) if served else seed.seed_demo
        if step is None:
            continue
        db = Database(name, settings.database_url(name), models.Base.metadata)
        try:
            created = step(db)
        except DomainError as exc:  # another service did not answer: the rest of the demo stands
            click.echo(f"demo district {seed.DISTRICT} in {name}: not seeded yet ({exc})")
            continue
        finally:
            db.dispose()
        click.echo(f"demo district {seed.DISTRICT} in {name}{' (from the other services)' if served else ''}: "
                   f"{'seeded' if created else 'already present'}")


@main.command()
@click.option("--role", "roles", multiple=True, required=True, help="Repeat for several roles.")
@click.option("--district", default=None, help="District code (6 digits); omit only for city-wide roles.")
@click.option("--subdistrict", default=None)
@click.option("--community", default=None)
@click.option("--actor", default="local-user", show_default=True)
@click.option("--ttl", type=int, default=None, help="Seconds until it expires (default from config).")
def token(roles, district, subdistrict, community, actor, ttl):
    """Print a signed JWT for local use."""
    from services.common.auth import mint_token

    try:
        click.echo(mint_token(actor, roles, district, subdistrict, community, ttl, _settings()))
    except DomainError as exc:
        raise click.ClickException(str(exc))


@main.group()
def registry():
    """Registry import and export (CSV or XLSX)."""


def _registry_call(token: str | None, target: str | None,
                   mint: str = "the import and export run as its holder; mint one with "
                               "`cityplat token --role district_admin --district CODE`"):
    """The registry's gRPC API as the holder of ``token`` (what every other client does: the CLI opens
    no database). Yields (stub, call metadata); errors come back as messages naming the field."""
    import grpc

    from cityplat.registry.v1 import registry_pb2_grpc

    if not token:
        raise click.ClickException(f"--token: is required (or CITYPLAT_TOKEN): {mint}")
    target = target or _settings().registry_target
    channel = grpc.insecure_channel(target)
    try:
        grpc.channel_ready_future(channel).result(timeout=5)
    except grpc.FutureTimeoutError:
        channel.close()
        raise click.ClickException(f"--target: the registry does not answer at {target} (is `cityplat up` running?)")
    return channel, registry_pb2_grpc.RegistryStub(channel), (("authorization", f"Bearer {token}"),)


def _failed(exc) -> click.ClickException:
    return click.ClickException(f"{exc.code().name}: {exc.details()}")


def _format_of(path: Path) -> str:
    fmt = path.suffix.lower().lstrip(".")
    if fmt not in ("csv", "xlsx"):
        raise click.ClickException(f"FILE: {path.name} must end in .csv or .xlsx")
    return fmt


_TOKEN = click.option("--token", envvar="CITYPLAT_TOKEN", help="Bearer token the call runs as (or CITYPLAT_TOKEN).")
_TARGET = click.option("--target", default=None, help="The registry's gRPC address (default: registry_target).")


@registry.command("import")
@click.argument("kind", type=click.Choice(["divisions", "organisations", "people", "memberships"]))
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@_TOKEN
@_TARGET
@click.option("--dry-run", is_flag=True, help="Validate only; write nothing.")
def import_cmd(kind, file, token, target, dry_run):
    """Import KIND records from FILE into the token's district through the registry's API; nothing is
    written if any row is bad."""
    import grpc

    from cityplat.registry.v1 import registry_pb2 as pb

    fmt = _format_of(file)
    channel, stub, metadata = _registry_call(token, target)
    try:
        report = stub.ImportRecords(pb.ImportRecordsRequest(kind=kind, format=fmt, content=file.read_bytes(),
                                                            dry_run=dry_run), metadata=metadata, timeout=600)
    except grpc.RpcError as exc:
        raise _failed(exc)
    finally:
        channel.close()
    for p in report.problems:
        click.echo(f"row {p.row}, column {p.column or '-'}: {p.reason}", err=True)
    if report.problems:
        raise click.ClickException(f"{len(report.problems)} problem(s) in {report.rows} row(s); nothing written")
    if dry_run:
        click.echo(f"{report.rows} {kind} row(s) checked (dry run): {report.rows - report.unchanged} to write, "
                   f"{report.unchanged} already stored unchanged")
    else:
        click.echo(f"{report.rows} {kind} row(s): {report.written} imported, {report.unchanged} already stored "
                   "unchanged (skipped)")


@registry.command("export")
@click.argument("kind", type=click.Choice(["divisions", "organisations", "people", "memberships"]))
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@_TOKEN
@_TARGET
def export_cmd(kind, file, token, target):
    """Export the KIND records the token's holder may see to FILE (.csv or .xlsx), in the import format,
    through the registry's API (phone numbers masked as in every read)."""
    import grpc

    from cityplat.registry.v1 import registry_pb2 as pb

    fmt = _format_of(file)
    channel, stub, metadata = _registry_call(token, target)
    try:
        data = b"".join(chunk.data for chunk in stub.ExportRecords(pb.ExportRecordsRequest(kind=kind, format=fmt),
                                                                   metadata=metadata, timeout=600))
    except grpc.RpcError as exc:
        raise _failed(exc)
    finally:
        channel.close()
    file.write_bytes(data)
    click.echo(f"wrote {file} ({len(data)} bytes)")




# ---- rollout: rings and feature stages, through the registry's API as an operator

_OPERATOR_MINT = "rollout runs as its holder; mint one with `cityplat token --role operator`"


@main.group()
def rollout():
    """Rings per sub-district (pilot → early → general) and feature stages, through the registry's API.
    Every process of every service applies a change within a second (the rollout.changed broadcast)."""


def _rollout_of(stub, metadata, district: str) -> dict:
    import grpc

    from google.protobuf.json_format import MessageToDict

    from cityplat.registry.v1 import registry_pb2 as pb

    try:
        return MessageToDict(stub.GetRollout(pb.GetRolloutRequest(district=district), metadata=metadata, timeout=10),
                             preserving_proto_field_name=True)
    except grpc.RpcError as exc:
        raise _failed(exc)


@rollout.command("show")
@click.option("--district", required=True, metavar="CODE", help="The district whose rings are shown.")
@_TOKEN
@_TARGET
def rollout_show(district, token, target):
    """Where every sub-district of DISTRICT is, and where every feature is on."""
    from services.common.rollout import RINGS, is_enabled

    channel, stub, metadata = _registry_call(token, target, _OPERATOR_MINT)
    try:
        current = _rollout_of(stub, metadata, district)
    finally:
        channel.close()
    default = current.get("default_ring") or "general"
    click.echo(f"rings of {district} (a sub-district not listed is in {default}):")
    for ring in RINGS:
        members = [r["subdistrict_code"] for r in current.get("rings", []) if r["ring"] == ring]
        click.echo(f"  {ring:8} {', '.join(members) if members else '-'}")
    click.echo("features:")
    for flag in current.get("flags", []):
        on_for = [ring for ring in RINGS if is_enabled(flag["stage"], ring)]
        click.echo(f"  {flag['flag']:32} stage {flag['stage']:8} on for: {', '.join(on_for) or 'nobody'}")


@rollout.command("move")
@click.argument("subdistricts", nargs=-1, required=True)
@click.option("--ring", required=True, type=click.Choice(["pilot", "early", "general"]))
@click.option("--dry-run", is_flag=True, help="Say what would change; change nothing.")
@_TOKEN
@_TARGET
def rollout_move(subdistricts, ring, dry_run, token, target):
    """Move SUBDISTRICTS (9-digit codes) to RING."""
    import grpc

    from cityplat.registry.v1 import registry_pb2 as pb
    from services.common.divisions import district_of

    bad = [code for code in subdistricts if not (len(code) == 9 and code.isdigit())]
    if bad:
        raise click.ClickException(f"SUBDISTRICTS: {', '.join(repr(c[:20]) for c in bad)} "
                                   "not a 9-digit sub-district code (310101002)")
    channel, stub, metadata = _registry_call(token, target, _OPERATOR_MINT)
    try:
        for code in subdistricts:
            current = _rollout_of(stub, metadata, district_of(code))
            before = next((r["ring"] for r in current.get("rings", []) if r["subdistrict_code"] == code),
                          current.get("default_ring") or "general")
            if before == ring:
                click.echo(f"{code}: already in {ring}")
                continue
            if dry_run:
                click.echo(f"{code}: would move from {before} to {ring} (dry run)")
                continue
            try:
                stub.AssignRing(pb.AssignRingRequest(subdistrict_code=code, ring=ring), metadata=metadata, timeout=10)
            except grpc.RpcError as exc:
                raise _failed(exc)
            click.echo(f"{code}: moved from {before} to {ring}")
    finally:
        channel.close()


@rollout.command("stage")
@click.argument("flag")
@click.argument("stage", type=click.Choice(["off", "pilot", "early", "general"]), metavar="STAGE")
@click.option("--description", default=None, help="What the feature is (kept with the flag).")
@click.option("--dry-run", is_flag=True, help="Say what would change; change nothing.")
@click.option("--district", default="310101", metavar="CODE", show_default=True,
              help="Any district: feature stages are the city's, read through it.")
@_TOKEN
@_TARGET
def rollout_stage(flag, stage, description, dry_run, district, token, target):
    """Set FLAG's STAGE (off, pilot, early, general: on for that ring and the ones before it)."""
    before = _set_stage(flag, stage, description, dry_run, token, target, district)
    if before == stage and description is None:
        click.echo(f"{flag}: already at {stage}")
    elif dry_run:
        click.echo(f"{flag}: would go from {before or 'unknown (off)'} to {stage} (dry run)")
    else:
        click.echo(f"{flag}: from {before or 'unknown (off)'} to {stage}")


def _set_stage(flag: str, stage: str, description: str | None, dry_run: bool, token, target,
               district: str = "310101", described_as: str | None = None) -> str | None:
    """Set FLAG's stage through the registry (unless ``dry_run``, or it is there already and no ``description``
    is given); returns the stage it had (None: no such flag yet). Stages are the city's, read through any
    district. ``described_as``: the description written with a change when none is given."""
    import grpc

    from cityplat.registry.v1 import registry_pb2 as pb

    channel, stub, metadata = _registry_call(token, target, _OPERATOR_MINT)
    try:
        current = _rollout_of(stub, metadata, district)
        before = next((f["stage"] for f in current.get("flags", []) if f["flag"] == flag), None)
        if not dry_run and (before != stage or description is not None):
            description = description if description is not None else described_as
            try:
                stub.SetFeatureStage(pb.SetFeatureStageRequest(
                    flag=flag, stage=stage, **({"description": description} if description is not None else {})),
                    metadata=metadata, timeout=10)
            except grpc.RpcError as exc:
                raise _failed(exc)
        return before
    finally:
        channel.close()


def _set_canary(stage: str, token, target, dry_run: bool) -> str | None:
    from services.common.canary import CANARY_FLAG

    return _set_stage(CANARY_FLAG, stage, None, dry_run, token, target,
                      described_as="the rings whose sub-districts the canary serves")


@rollout.command("canary")
@click.argument("ring", type=click.Choice(["pilot", "early", "general"]), metavar="RING")
@click.option("--dry-run", is_flag=True, help="Say what would change; change nothing.")
@_TOKEN
@_TARGET
def rollout_canary(ring, dry_run, token, target):
    """Send RING's sub-districts (and those of the rings before it) to the canary track: their events go
    to the canary workers, their gRPC calls to the canary Deployments (`cityplat rollout manifests`)."""
    before = _set_canary(ring, token, target, dry_run)
    what = "would serve" if dry_run else "serves"
    click.echo(f"canary {what} the {ring} ring{'s up to it' if ring != 'pilot' else ''} "
               f"(was: {before or 'off'}){' (dry run)' if dry_run else ''}")


@rollout.command("rollback")
@click.option("--dry-run", is_flag=True, help="Say what would change; change nothing.")
@_TOKEN
@_TARGET
def rollout_rollback(dry_run, token, target):
    """Send every sub-district back to the stable track at once (the canary serves nobody). Every process
    applies it within a second; events already queued for the canary are still drained by it."""
    before = _set_canary("off", token, target, dry_run)
    if dry_run:
        click.echo(f"would send the canary's rings ({before or 'none'}) back to stable (dry run)")
    else:
        click.echo(f"rolled back: every sub-district on stable (the canary served: {before or 'none'})")


@rollout.command("manifests")
@click.option("--district", "districts", multiple=True, required=True, metavar="CODE",
              help="A district whose rings route to the canary (repeat for each).")
@click.option("--base", "base", default="k8s/base", show_default=True, type=click.Path(file_okay=False, path_type=Path),
              help="The stable manifests the canary's are made from.")
@click.option("--canary-image", default=None, metavar="IMAGE", help="The canary's image (default: stable's).")
@click.option("--gateway", default="cityplat-gateway", show_default=True, help="The Gateway the routes attach to.")
@click.option("--namespace", default=None, help="The Gateway's namespace, if not the routes'.")
@_TOKEN
@_TARGET
def rollout_manifests(districts, base, canary_image, gateway, namespace, token, target):
    """Print the canary track's Kubernetes objects (Deployments, Services, ScaledObjects, budgets made from
    the stable ones) and a GRPCRoute per service sending the canary's sub-districts to them, from the
    registry's rings and the cityplat.canary flag:  cityplat rollout manifests --district 310101 | kubectl apply -f -"""
    import yaml

    from services.common.canary import CANARY_FLAG
    from services.rollout_manifests import canary_objects, canary_rings, grpc_routes

    files = sorted([*base.glob("*-grpc.yaml"), *base.glob("*-worker.yaml")])
    if not files:
        raise click.ClickException(f"--base: no <service>-grpc.yaml or <service>-worker.yaml in {base}")
    stable = [doc for path in files for doc in yaml.safe_load_all(path.read_text()) if doc]
    channel, stub, metadata = _registry_call(token, target, _OPERATOR_MINT)
    try:
        rollouts = {district: _rollout_of(stub, metadata, district) for district in districts}
    finally:
        channel.close()
    flags = next(iter(rollouts.values())).get("flags", [])
    stage = next((f["stage"] for f in flags if f["flag"] == CANARY_FLAG), None)
    try:
        routes = grpc_routes(stable, rollouts, stage, gateway, namespace)
    except ValueError as exc:
        raise click.ClickException(str(exc))
    click.echo(f"# made by `cityplat rollout manifests`: the canary serves {', '.join(canary_rings(stage)) or 'no ring'}")
    click.echo(yaml.safe_dump_all([*canary_objects(stable, canary_image), *routes], sort_keys=False), nl=False)


if __name__ == "__main__":
    main()
