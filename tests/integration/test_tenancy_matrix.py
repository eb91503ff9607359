"""The tenancy matrix: no method of any service answers, or changes, the records of a scope its caller
cannot see. A new RPC cannot escape it: the methods come from server reflection, not from a list.

The registry, points and mediation gRPC servers run in this process, each on a fresh database, on
SQLite and on PostgreSQL. Through their APIs a district admin of 310101 fills the TARGET community
310101002001 with records of every kind the three services hold (tenancy_world.build_world).

Then every reflected method (health and reflection aside) gets a request aimed at those records,
built from its field names (tenancy_world.FIELDS, and OVERRIDES below where a method needs more).
A read is sent a second time without its scope codes, so that it falls back to the caller's own
scope. Each request goes out under three tokens carrying EVERY role, so that no permission can
hide a scope leak behind a refusal:

    other district          110101
    sibling sub-district    310101 / 310101003
    sibling community       310101 / 310101002 / 310101002002

A call passes when it is refused (any status but OK), or answers OK with none of the target's
record ids, names, phones or marked texts in its reply (a record is the caller's to see only if it
lies in, or above, the caller's narrowest scope: a sibling community sees its sub-district's
working committee), AND it changed no row of the three databases (every row compared before and
after; a change is tolerated only when every changed row lies in the caller's own district and
that is not the target's: the other district configuring itself; or when the call, answered OK
with nothing of the target's, only recorded its caller's own idempotency key). After a call that changed
anything the databases are put back, so that every call meets the pristine world.

The positive control comes after all of them: the same requests under an all-roles token of the
TARGET (310101 / 310101002 / 310101002001) must not be answered NOT_FOUND, PERMISSION_DENIED or
UNAUTHENTICATED, which proves that each request really reaches existing records. A request that
names nothing narrower than the target's sub-district (a ring, the sub-district's listings) or
district (the district's settings name nothing at all) is controlled by the target's sub-district
or district token instead (CONTROLS): a community may not change what its sub-district or district
owns; a city-wide setting (a feature's stage) by a token of no district (CONTROL_LEVEL). Other refusals (FAILED_PRECONDITION: the record is found, but at another step) are tolerated
and printed. A method whose control cannot succeed in any of the target's scopes, or that the matrix
cannot exercise, is named in NOT_EXERCISED with the reason; any other method without a working
request fails the matrix, and so does a request field the builder has no value for.

Every failure of every method and token is collected and reported once, as a table.
"""
from __future__ import annotations

import importlib
import time

import grpc
import pytest

from tests.integration import tenancy_world as tw
from tests.integration.tenancy_world import T

pytestmark = pytest.mark.integration

#: the three intruders: (district, sub-district, community) of their all-roles tokens
INTRUDERS = {
    "other district": (tw.OTHER_DISTRICT, None, None),
    "sibling sub-district": (tw.DISTRICT, tw.SIBLING_SUBDISTRICT, None),
    "sibling community": (tw.DISTRICT, tw.SUBDISTRICT, tw.SIBLING_COMMUNITY),
}
# (and the FORGED tokens below, refused on arrival)
#: the positive control's all-roles token: the target's own scope at the level the request aims at
#: (tenancy_world.Built.level): the community for its records, its sub-district for a ring or the
#: sub-district's listings, its district for the district's settings (which name nothing narrower)
CONTROLS = {
    "community": (tw.DISTRICT, tw.SUBDISTRICT, tw.COMMUNITY),
    "subdistrict": (tw.DISTRICT, tw.SUBDISTRICT, None),
    "district": (tw.DISTRICT, None, None),
    "city": (None, None, None),
}
#: methods whose control is not the target's scope at the level the request aims at: a feature's
#: stage is the city's setting, changed only with a token of no district (every intruder has one)
CONTROL_LEVEL = {"Registry/SetFeatureStage": "city"}

#: per "Service/Method", fields whose generic value (tenancy_world.FIELDS) is not the meaningful one
OVERRIDES = {
    "Registry/AddReserveCadre": {"person_id": T("p2")},    # p1 is the community's reserve cadre already
    "Registry/ListRatings": {"id": T("b1")},               # the rated branch
}

#: methods the matrix does not call, and why
NOT_EXERCISED: dict[str, str] = {}

#: answers of a positive control that mean the request did not reach the target's records
UNREACHED = (grpc.StatusCode.NOT_FOUND, grpc.StatusCode.PERMISSION_DENIED, grpc.StatusCode.UNAUTHENTICATED)
#: answers that are no answer: the matrix cannot tell whether the call was refused
NO_ANSWER = (grpc.StatusCode.UNAVAILABLE, grpc.StatusCode.DEADLINE_EXCEEDED)

#: tokens signed with the platform's secret but never minted by it (mint_token refuses them), whose
#: finer scope lies outside their own coarser one: honoured, they would reach the target's records
FORGED = {
    "forged: target community under another district": (tw.OTHER_DISTRICT, tw.SUBDISTRICT, tw.COMMUNITY),
    "forged: target community under a sibling sub-district": (tw.DISTRICT, tw.SIBLING_SUBDISTRICT, tw.COMMUNITY),
}

#: where the services keep process-wide registry clients: module, setter taking None
_PROCESS_CLIENTS = (
    ("services.common.rollout", "set_rollout_cache"),
    ("services.common.registry_client", "set_registry"),
)


def _reset_process_clients() -> None:
    """Forget the process-wide settings and registry clients: the next use makes them anew from the
    environment (CITYPLAT_REGISTRY_TARGET). Adapt _PROCESS_CLIENTS when those modules move; a module
    that is gone is skipped (the refactor in progress moves them into services.common)."""
    from services.common.config import get_settings

    get_settings.cache_clear()
    for module_name, setter in _PROCESS_CLIENTS:
        try:
            module = importlib.import_module(module_name)
        except ModuleNotFoundError:
            continue
        if hasattr(module, setter):
            previous = getattr(module, setter)(None)
            if callable(getattr(previous, "close", None)):
                previous.close()


def _drop_process_copies() -> None:
    """After the databases are put back, no per-process copy of a row (services.common.caching) may
    remember one that is gone: every module-level ProcessCopies of the services is cleared, wherever
    the services keep them (found, not listed, so that moving them breaks nothing)."""
    import sys

    from services.common.caching import ProcessCopies

    for name, module in list(sys.modules.items()):
        if name.startswith("services.") and module is not None:
            for value in list(vars(module).values()):
                if isinstance(value, ProcessCopies):
                    value.clear()


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def world(request, tmp_path_factory):
    """The three servers on fresh databases of one backend, and the target community's records."""
    pg_admin_url = request.getfixturevalue("pg_admin_url") if request.param == "postgresql" else None
    previous_clock = tw.pin_clock()
    started = time.perf_counter()
    with pytest.MonkeyPatch.context() as mp:
        def point_clients_at(target: str) -> None:
            mp.setenv("CITYPLAT_REGISTRY_TARGET", target)
            _reset_process_clients()

        _reset_process_clients()
        try:
            with tw.running_stack(request.param, tmp_path_factory.mktemp(request.param), pg_admin_url,
                                  point_clients_at) as stack:
                w = tw.build_world(stack)
                w.started = started
                yield w
        finally:
            tw.clock.set_clock(previous_clock)
            _reset_process_clients()  # the clients pointed at this registry, which is gone
    _reset_process_clients()          # and the environment is the one before


class Report:
    """Everything the matrix finds, reported at once."""

    def __init__(self):
        self.failures: list[tuple[str, str, str, str]] = []   # method, request, token, what
        self.tolerated: list[tuple[str, str, str]] = []       # method, request, control's answer
        self.notes: list[str] = []

    def fail(self, method: str, variant: str, token: str, what: str) -> None:
        self.failures.append((method, variant, token, what))

    def table(self, header: str) -> str:
        rows = [("method", "request", "token", "what")] + sorted(self.failures)
        widths = [max(len(r[i]) for r in rows) for i in range(3)]
        lines = [header, ""]
        for i, (m, v, t, what) in enumerate(rows):
            lines.append(f"{m:<{widths[0]}}  {v:<{widths[1]}}  {t:<{widths[2]}}  {what}")
            if i == 0:
                lines.append("-" * (sum(widths) + 6 + 40))
        return "\n".join(lines)


def _leaks(world: tw.World, scope: str, reply: str, request: str) -> str:
    """What of the target a reply shows a caller whose narrowest scope is ``scope`` ('' if nothing)."""
    found = [t for t in world.targets if not tw.visible(scope, t.division) and t.value in reply]
    words = [f"{t.label}{' (also in the request)' if t.value in request else ''}" for t in found]
    markers = [m for m in tw.markers_in(reply) if m not in request]
    if markers:
        words.append("texts " + ", ".join(markers[:6]) + (" ..." if len(markers) > 6 else ""))
    if found and all(t.value in request for t in found) and not markers:
        # only what the request named: the answer found those records; show what it said of them
        words.append(f"reply {' '.join(reply.split())[:110]}")
    return "; ".join(words)


def _changed(changes: dict) -> str:
    return ", ".join(f"{service}.{table} +{len(c['added'])} -{len(c['removed'])} ~{len(c['changed'])}"
                     for (service, table), c in sorted(changes.items()))


def _own_district_only(changes: dict, district: str, tables: dict) -> bool:
    """Did the call change only rows of ``district`` (the other district configuring itself)?"""
    for (service, name), c in changes.items():
        columns = [col.name for col in next(t for t in tables[service] if t.name == name).columns]
        if "district" not in columns:
            return False  # a row of no district (a city-wide flag, a balance): nobody's own
        i = columns.index("district")
        if any(row[i] != district for row in c["added"] + c["removed"] + [r for pair in c["changed"] for r in pair]):
            return False
    return True


def _own_key_only(changes: dict) -> bool:
    """Did the call only record its own idempotency key? A write answered OK with nothing of the target's
    (an import whose every row was refused, each named as a problem) keeps its answer for its caller's
    retry, under a key that is the caller's own (services.common.usecase._callers_key): not the target's."""
    return all(name == "idempotency_keys" and not c["removed"] and not c["changed"] and len(c["added"]) == 1
               for (_, name), c in changes.items())


def test_no_method_answers_or_changes_records_of_a_scope_its_caller_cannot_see(world):
    stack = world.stack
    report = Report()
    began = time.perf_counter()

    # -- every method, by reflection
    methods = [m for service in tw.SERVICES for m in tw.reflect(stack.channel(service))]
    known = {m.key for m in methods}
    for stray in sorted(set(NOT_EXERCISED) - known):
        report.fail(stray, "-", "-", "NOT_EXERCISED names a method no server reflects")
    for stray in sorted(set(CONTROL_LEVEL) - known):
        report.fail(stray, "-", "-", "CONTROL_LEVEL names a method no server reflects")
    for stray in sorted(set(OVERRIDES) - known):
        report.fail(stray, "-", "-", "OVERRIDES names a method no server reflects")
    builder = tw.RequestBuilder(world, tw.FIELDS, OVERRIDES)
    plan = []
    for m in methods:
        if m.key in NOT_EXERCISED:
            continue
        for label, unset in builder.variants(m):
            for problem in builder.build(m, unset).problems:
                report.fail(m.key, label, "-", f"request builder: {problem}")
            plan.append((m, label, unset))

    baseline = stack.snapshot()

    def call(method, unset, token):
        """Call, and put the databases back if it changed them: (outcome, request text, changes)."""
        request = builder.build(method, unset).request
        mark = stack.write_mark()
        outcome = tw.invoke(method, request, token)
        if stack.write_mark() == mark:  # nothing committed: no need to read every row
            return outcome, tw.message_text([request]), {}
        after = stack.snapshot()
        changes = stack.changes(baseline, after)
        if changes:
            stack.restore(baseline, after)
            _drop_process_copies()
            assert stack.snapshot() == baseline, f"{method.key}: the databases could not be put back"
        return outcome, tw.message_text([request]), changes

    # -- the intruders, on the pristine world
    intruders = {label: tw.all_roles_token("intruder", *scope) for label, scope in INTRUDERS.items()}
    calls, answers = 0, {}
    for method, label, unset in plan:
        for who, token in intruders.items():
            district, subdistrict, community = INTRUDERS[who]
            outcome, request_text, changes = call(method, unset, token)
            calls += 1
            answers[outcome.code.name] = answers.get(outcome.code.name, 0) + 1
            if outcome.code in NO_ANSWER:
                report.fail(method.key, label, who, f"no answer ({outcome.code.name}): cannot tell")
            elif outcome.code == grpc.StatusCode.UNAUTHENTICATED:  # the token itself was refused: nothing tested
                report.fail(method.key, label, who, f"token refused ({outcome.details[:100]}): nothing tested")
            leaked = None
            if outcome.ok:
                leaked = _leaks(world, community or subdistrict or district, tw.message_text(outcome.replies),
                                request_text)
                if leaked:
                    report.fail(method.key, label, who, f"answered OK with {leaked}")
            elif outcome.code in (grpc.StatusCode.INTERNAL, grpc.StatusCode.UNKNOWN):
                report.notes.append(f"{method.key} [{label}] {who}: {outcome.code.name} {outcome.details[:120]}")
            if changes and outcome.ok and not leaked and _own_key_only(changes):
                report.notes.append(f"{method.key} [{label}] {who}: recorded only its own idempotency key "
                                    f"(tolerated): {_changed(changes)}")
            elif changes and district != tw.DISTRICT and _own_district_only(changes, district, stack.tables):
                report.notes.append(f"{method.key} [{label}] {who}: changed only its own district's rows "
                                    f"(tolerated): {_changed(changes)}")
            elif changes:
                report.fail(method.key, label, who, f"changed rows: {_changed(changes)}"
                                                    f" (answered {outcome.code.name})")

    # -- forged scopes: refused on arrival, whatever the method
    for who, scope in FORGED.items():
        token = tw.forged_token("intruder", *scope)
        for method, label, unset in plan:
            outcome, _, changes = call(method, unset, token)
            calls += 1
            if outcome.code != grpc.StatusCode.UNAUTHENTICATED:
                report.fail(method.key, label, who, f"answered {outcome.code.name}, not UNAUTHENTICATED")
            if changes:
                report.fail(method.key, label, who, f"changed rows: {_changed(changes)}")

    # -- the positive control: the target's own token reaches every request's records
    controls = {level: tw.all_roles_token("target-staff", *scope) for level, scope in CONTROLS.items()}
    for method, label, unset in plan:
        level = CONTROL_LEVEL.get(method.key) or builder.build(method, unset).level
        outcome, _, _ = call(method, unset, controls[level])
        calls += 1
        if outcome.code in UNREACHED or outcome.code in NO_ANSWER:
            report.fail(method.key, label, f"TARGET {level} (control)",
                        f"control answered {outcome.code.name}: {outcome.details[:160]} -- fix the request "
                        "(FIELDS/OVERRIDES) or name the method in NOT_EXERCISED")
        elif outcome.code == grpc.StatusCode.INVALID_ARGUMENT and unset and \
                outcome.details.startswith(tuple(f"{name}: is required" for name in unset)):
            continue  # the scope code is required: the variant without it only shows that
        elif not outcome.ok:
            report.tolerated.append((method.key, label, f"{level}: {outcome.code.name}: {outcome.details[:140]}"))

    services = sorted({m.service for m in methods})
    per_service = ", ".join(f"{s} {sum(1 for m in methods if m.service == s)}" for s in services)
    answered = ", ".join(f"{code} {n}" for code, n in sorted(answers.items()))
    summary = (f"tenancy matrix on {stack.backend}: {len(methods)} methods reflected ({per_service}), "
               f"{len(NOT_EXERCISED)} not exercised, {len(plan)} requests, {calls} calls (the intruders "
               f"answered {answered}); world built in {world.seconds:.1f} s, matrix "
               f"{time.perf_counter() - began:.1f} s, {time.perf_counter() - world.started:.1f} s in all")
    print(summary)
    for method, label, answer in sorted(report.tolerated):
        print(f"  control tolerated: {method} [{label}] {answer}")
    for note in report.notes:
        print(f"  note: {note}")
    if report.failures:
        pytest.fail(report.table(f"{summary}\n{len(report.failures)} failure(s):"), pytrace=False)
