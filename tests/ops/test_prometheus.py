"""Prometheus configuration, alert rules (with their promtool unit tests) and the Grafana
dashboards: valid, and using only metrics and labels that the code defines
(services/common/metrics.py, or a service's own services/<service>/metrics.py).

Every service compose deploys has a dashboard, deploy/grafana/dashboards/cityplat-<service>.json,
showing the shared panels for its own service label and every business metric of the service
(cityplat_<service>_*); the shared alerts cover every service by their service label.
"""
from __future__ import annotations

import importlib
import json
import re
import subprocess

import grpc
import pytest
import yaml
from prometheus_client.metrics import MetricWrapperBase

from services.common import metrics as metrics_module
from tests.ops.helpers import REPO, compose_services, has_code

PROM = REPO / "deploy/prometheus"
CONFIG = PROM / "prometheus.yml"
RULE_FILES = sorted((PROM / "rules").glob("*.yml"))
RULE_TESTS = sorted((PROM / "tests").glob("*.yml"))
DASHBOARDS = sorted((REPO / "deploy/grafana/dashboards").glob("*.json"))
SEVERITIES = {"critical", "warning", "info"}
METRIC_RE = re.compile(r"cityplat_[a-z_]+")
HISTOGRAM_SUFFIXES = ("_bucket", "_sum", "_count")
# Labels Prometheus adds to every scraped series.
#: labels the scrape adds to every series: compose's static labels, Kubernetes' relabelling (track: stable
#: or canary, from the pod label cityplat.io/track; namespace and pod)
TARGET_LABELS = {"job", "instance", "track", "namespace", "pod"}
# Metrics a service is about to define, which the artefacts use already: accepted (with
# these types and labels) only while the service's code does not exist yet. Once
# services/<service>/worker.py exists, each must be defined in services/common/metrics.py or
# services/<service>/metrics.py, and the definition's labels are checked instead.
PLANNED_METRICS = {
    "points": {
        "cityplat_points_transactions_total": ("counter", ("district", "kind")),
        "cityplat_points_issued_total": ("counter", ("district",)),
        "cityplat_points_redemptions_total": ("counter", ("district", "outcome")),
        "cityplat_points_event_credit_seconds": ("histogram", ()),
        "cityplat_points_pending_approvals": ("gauge", ("district",)),
    },
    "mediation": {
        "cityplat_mediation_cases_opened_total": ("counter", ("district", "channel")),
        "cityplat_mediation_escalations_total": ("counter", ("district", "to_tier", "how")),
        "cityplat_mediation_cases_open": ("gauge", ("district",)),
        "cityplat_mediation_cases_overdue": ("gauge", ("district",)),
        "cityplat_mediation_resolved_in_community_ratio": ("gauge", ("district",)),
        "cityplat_mediation_satisfaction_average": ("gauge", ("district",)),
    },
    "centers": {
        "cityplat_centers_bookings_total": ("counter", ("district", "status")),
        "cityplat_centers_booking_conflicts_total": ("counter", ("district",)),
        "cityplat_centers_bookings_pending": ("gauge", ("district",)),
    },
    "council": {
        "cityplat_council_councils_without_meeting": ("gauge", ("district",)),
        "cityplat_council_decisions_overdue": ("gauge", ("district",)),
        "cityplat_council_agreements_expiring": ("gauge", ("district",)),
        "cityplat_council_projects_overdue": ("gauge", ("district",)),
    },
}
# Closed label value sets: a selector on them must name values the code emits.
LABEL_VALUES = {
    "track": {"stable", "canary"},
    "code": {code.name for code in grpc.StatusCode},
    "status": {"ok", "error"},
    "outcome": {"ok", "insufficient_points", "out_of_stock"},
}
# Alerts on the shared metrics: they must cover every service alike.
SHARED_ALERTS = {
    "CityplatProcessDown", "CityplatProcessNotServing",
    "CityplatGrpcErrorRatioHigh", "CityplatGrpcLatencyHigh",
    "CityplatWorkerErrorRatioHigh", "CityplatWorkerLatencyHigh",
    "CityplatOutboxBacklogGrowing", "CityplatOutboxStale", "CityplatOutboxPublishFailing",
    "CityplatDeadLetterQueueNotEmpty", "CityplatInboxDuplicatesSurge",
}
# Shared alerts whose unit tests must show them firing for each deployed service.
TESTED_PER_SERVICE = {"CityplatProcessDown", "CityplatDeadLetterQueueNotEmpty"}
REQUIRED_ALERTS = {
    "CityplatProcessDown",
    "CityplatGrpcErrorRatioHigh",
    "CityplatGrpcLatencyHigh",
    "CityplatWorkerErrorRatioHigh",
    "CityplatOutboxBacklogGrowing",
    "CityplatOutboxStale",
    "CityplatDeadLetterQueueNotEmpty",
    "CityplatInboxDuplicatesSurge",
    "CityplatRegistryRectificationRising",
    "CityplatPointsEventCreditSlow",
    "CityplatPointsRedemptionsOutOfStock",
    "CityplatMediationCommunityResolutionLow",
    "CityplatMediationOverdueCasesRising",
    "CityplatMediationSatisfactionLow",
    "CityplatCentersBookingConflictsHigh",
    "CityplatCentersBookingsPendingHigh",
    "CityplatCouncilWithoutJointMeeting",
    "CityplatCouncilDecisionsOverdue",
}
# Alerts whose unit tests must show them both firing and staying quiet.
TESTED_BOTH_WAYS = {"CityplatOutboxStale", "CityplatDeadLetterQueueNotEmpty", "CityplatProcessDown",
                    "CityplatPointsEventCreditSlow", "CityplatPointsRedemptionsOutOfStock",
                    "CityplatMediationCommunityResolutionLow", "CityplatMediationOverdueCasesRising",
                    "CityplatMediationSatisfactionLow", "CityplatCentersBookingConflictsHigh",
                    "CityplatCentersBookingsPendingHigh", "CityplatCouncilWithoutJointMeeting",
                    "CityplatCouncilDecisionsOverdue"}
# What each service's dashboard must show beyond the shared panels and its business metrics.
DASHBOARD_QUERIES = {
    "points": [
        (r"histogram_quantile\(0\.5, sum by \(le\) \(rate\(cityplat_points_event_credit_seconds_bucket",
         "event-to-credit latency p50"),
        (r"histogram_quantile\(0\.99, sum by \(le\) \(rate\(cityplat_points_event_credit_seconds_bucket",
         "event-to-credit latency p99"),
        (r"sum by \(kind\) \(rate\(cityplat_points_transactions_total\{", "ledger throughput by kind"),
        (r"sum by \(outcome\) \(rate\(cityplat_points_redemptions_total\{", "redemptions by outcome"),
        (r"cityplat_points_redemptions_total\{[^}]*outcome=\"out_of_stock\"", "the out-of-stock share"),
        (r"by \(district\) \(cityplat_points_pending_approvals\{", "pending approvals by district"),
    ],
    "mediation": [
        (r"by \(district\) \(cityplat_mediation_cases_open\{", "open cases by district"),
        (r"by \(district\) \(cityplat_mediation_cases_overdue\{", "overdue cases by district"),
        (r"by \(district\) \(cityplat_mediation_resolved_in_community_ratio\{",
         "the share resolved in the community by district"),
        (r"by \(district\) \(cityplat_mediation_satisfaction_average\{", "satisfaction by district"),
        (r"sum by \(to_tier[^)]*\) \((rate|increase)\(cityplat_mediation_escalations_total\{", "escalations by tier"),
        (r"sum by \(channel\) \((rate|increase)\(cityplat_mediation_cases_opened_total\{", "cases opened by channel"),
    ],
    "centers": [
        (r"by \(district\) \(cityplat_centers_bookings_pending\{", "bookings awaiting approval by district"),
        (r"sum by \(district\) \((rate|increase)\(cityplat_centers_bookings_total\{", "bookings by district"),
        (r"sum by \(status\) \((rate|increase)\(cityplat_centers_bookings_total\{", "bookings by status"),
        (r"sum by \(district\) \((rate|increase)\(cityplat_centers_booking_conflicts_total\{",
         "booking conflicts by district"),
        (r"sum by \(district\) \((rate|increase)\(cityplat_centers_booking_conflicts_total\{[^}]*\}\[\w+\]\)\)\s*/",
         "the share of booking attempts refused for overlap by district"),
    ],
    "council": [
        (r"max by \(district\) \(cityplat_council_councils_without_meeting\{",
         "councils without last quarter's joint meeting by district"),
        (r"max by \(district\) \(cityplat_council_decisions_overdue\{", "overdue decisions by district"),
        (r"max by \(district\) \(cityplat_council_agreements_expiring\{",
         "co-building agreements ending within the reminder window by district"),
        (r"max by \(district\) \(cityplat_council_projects_overdue\{", "the bank's projects past their deadline by district"),
    ],
}
# Threshold lines a service's dashboard draws: (metric, value) -> what the line marks. The
# panel showing the metric draws the line at the value (the target, or an alert's threshold).
# Where the metric shows in other panels too, a fragment of the one panel's query stands in.
DASHBOARD_LINES = {
    "mediation": {
        ("cityplat_mediation_resolved_in_community_ratio", 0.8): "the 80% community-resolution target",
        ("cityplat_mediation_cases_overdue", 10): "the overdue-cases alert threshold",
        ("cityplat_mediation_satisfaction_average", 3.5): "the satisfaction alert threshold",
    },
    "centers": {
        ("cityplat_centers_bookings_pending", 20): "the pending-bookings alert threshold",
        # (the conflict share's query, which stands in 0 bookings for a district with refusals only)
        ("or 0 * sum by (district) (increase(cityplat_centers_booking_conflicts_total", 0.2):
            "the booking-conflict share alert threshold",
    },
    "council": {
        # counts: the alerts fire on any (> 0), the line is drawn at the first one
        ("cityplat_council_councils_without_meeting", 1): "the no-joint-meeting alert threshold",
        ("cityplat_council_decisions_overdue", 1): "the overdue-decisions alert threshold",
    },
}


def transaction_kinds() -> set[str]:
    """Ledger transaction kinds: the code's (TX_KINDS of services/points/domain/ledger.py) once
    the service exists, the planned ones before."""
    if not has_code("points"):
        return {"award", "deduction", "redemption", "reversal", "expiry"}
    try:
        return set(importlib.import_module("services.points.domain.ledger").TX_KINDS)
    except (ImportError, AttributeError) as exc:
        raise AssertionError(f"services/points exists, but its ledger kinds cannot be read: {exc}; "
                             "update transaction_kinds() in tests/ops/test_prometheus.py") from exc


def booking_start_statuses() -> set[str]:
    """The statuses a centers booking starts in (the status label of cityplat_centers_bookings_total):
    the code's (first_status of services/centers/domain/bookings.py, for a space that needs approval
    and one that does not) once the service exists, the planned ones before."""
    if not has_code("centers"):
        return {"confirmed", "requested"}
    try:
        first_status = importlib.import_module("services.centers.domain.bookings").first_status
        return {first_status(True), first_status(False)}
    except (ImportError, AttributeError, TypeError) as exc:
        raise AssertionError(f"services/centers exists, but the statuses a booking starts in cannot be read: {exc}; "
                             "update booking_start_statuses() in tests/ops/test_prometheus.py") from exc


def metric_label_values() -> dict[tuple[str, str], set[str]]:
    """Closed label value sets of single metrics (metric, label) -> values. A metric's own set
    wins over LABEL_VALUES (whose status is the worker's ok|error)."""
    return {("cityplat_points_transactions_total", "kind"): transaction_kinds(),
            ("cityplat_centers_bookings_total", "status"): booking_start_statuses()}


def run(promtool: str, *args: str) -> str:
    proc = subprocess.run([promtool, *args], cwd=REPO, capture_output=True, text=True, timeout=300)
    output = proc.stdout + proc.stderr
    assert proc.returncode == 0, f"promtool {' '.join(args)} failed ({proc.returncode}):\n{output}"
    return output


# --------------------------------------------------------------------------- metric catalogue

def metric_modules() -> list:
    """services/common/metrics.py and every services/<service>/metrics.py."""
    modules = [metrics_module]
    for path in sorted((REPO / "services").glob("*/metrics.py")):
        if path.parent.name != "common":
            modules.append(importlib.import_module(f"services.{path.parent.name}.metrics"))
    return modules


def code_metrics() -> dict[str, tuple[str, tuple[str, ...]]]:
    """Sample name -> (type, label names) for every metric the code defines."""
    out = {}
    for module in metric_modules():
        for obj in vars(module).values():
            if not isinstance(obj, MetricWrapperBase):
                continue
            (family,) = obj.describe()
            labels = tuple(obj._labelnames)
            if family.type == "counter":
                out[family.name + "_total"] = (family.type, labels)
            else:
                out[family.name] = (family.type, labels)
    assert out, "services/common/metrics.py defines no metrics"
    return out


def planned_metrics() -> dict[str, tuple[str, tuple[str, ...]]]:
    """PLANNED_METRICS of the services whose code does not exist yet."""
    return {name: spec for service, metrics in PLANNED_METRICS.items() if not has_code(service)
            for name, spec in metrics.items()}


def defined_metrics() -> dict[str, tuple[str, tuple[str, ...]]]:
    """The code's metrics, plus the planned ones of services still to be written."""
    return {**planned_metrics(), **code_metrics()}


def base_name(name: str, defined) -> str:
    if name in defined:
        return name
    for suffix in HISTOGRAM_SUFFIXES:
        if name.endswith(suffix) and name[: -len(suffix)] in defined:
            assert defined[name[: -len(suffix)]][0] == "histogram", f"{name}: {suffix} of a non-histogram"
            return name[: -len(suffix)]
    return name


def rule_docs():
    return [(path, yaml.safe_load(path.read_text())) for path in RULE_FILES]


def alerting_rules():
    return [(path, rule) for path, doc in rule_docs() for group in doc["groups"] for rule in group["rules"]
            if "alert" in rule]


def dashboard_exprs(dashboard) -> list[str]:
    exprs = []

    def walk(panels):
        for panel in panels:
            for target in panel.get("targets", []):
                exprs.append(target["expr"])
            walk(panel.get("panels", []))

    walk(dashboard["panels"])
    for var in dashboard.get("templating", {}).get("list", []):
        if var.get("type") == "query":
            query = var["query"]["query"] if isinstance(var["query"], dict) else var["query"]
            exprs.append(query)
    return exprs


def all_exprs() -> list[tuple[str, str]]:
    out = [(f"{path.name}: {rule.get('alert') or rule.get('record')}", rule["expr"])
           for path, doc in rule_docs() for group in doc["groups"] for rule in group["rules"]]
    for path in DASHBOARDS:
        out += [(path.name, expr) for expr in dashboard_exprs(json.loads(path.read_text()))]
    return out


# --------------------------------------------------------------------------- promtool

def test_promtool_check_config(promtool):
    out = run(promtool, "check", "config", str(CONFIG.relative_to(REPO)))
    assert "SUCCESS" in out


def test_promtool_check_rules(promtool):
    assert RULE_FILES, "no rule files in deploy/prometheus/rules"
    run(promtool, "check", "rules", *(str(p.relative_to(REPO)) for p in RULE_FILES))


def test_promtool_test_rules(promtool):
    assert RULE_TESTS, "no rule unit tests in deploy/prometheus/tests"
    out = run(promtool, "test", "rules", *(str(p.relative_to(REPO)) for p in RULE_TESTS))
    assert "SUCCESS" in out and "FAILED" not in out, out


def test_config_loads_the_rule_files():
    config = yaml.safe_load(CONFIG.read_text())
    loaded = {p.resolve() for pattern in config["rule_files"] for p in CONFIG.parent.glob(pattern)}
    assert loaded == {p.resolve() for p in RULE_FILES}, "prometheus.yml rule_files must load every rule file"


# --------------------------------------------------------------------------- rules

def test_alerts_have_severity_summary_and_description():
    rules = alerting_rules()
    names = [rule["alert"] for _, rule in rules]
    assert len(names) == len(set(names)), "duplicate alert names"
    missing = REQUIRED_ALERTS - set(names)
    assert not missing, f"missing alerts: {sorted(missing)}"
    for path, rule in rules:
        where = f"{path.name}: {rule['alert']}"
        assert rule.get("labels", {}).get("severity") in SEVERITIES, f"{where}: severity one of {SEVERITIES}"
        annotations = rule.get("annotations", {})
        assert annotations.get("summary") and annotations.get("description"), f"{where}: summary and description"


def test_grpc_error_alert_counts_server_side_codes():
    (rule,) = [r for _, r in alerting_rules() if r["alert"] == "CityplatGrpcErrorRatioHigh"]
    (codes,) = re.findall(r'code=~"([^"]+)"', rule["expr"])
    assert set(codes.split("|")) == {"UNKNOWN", "INTERNAL", "UNAVAILABLE", "DEADLINE_EXCEEDED"}
    assert "[5m]" in rule["expr"]


def test_rule_unit_tests_cover_firing_and_quiet():
    cases: dict[str, set[bool]] = {}
    tested_rule_files = set()
    for path in RULE_TESTS:
        doc = yaml.safe_load(path.read_text())
        tested_rule_files |= {(path.parent / f).resolve() for f in doc["rule_files"]}
        for test in doc["tests"]:
            for case in test.get("alert_rule_test", []):
                cases.setdefault(case["alertname"], set()).add(bool(case.get("exp_alerts")))
    assert tested_rule_files == {p.resolve() for p in RULE_FILES}, "the unit tests must load every rule file"
    for alert in TESTED_BOTH_WAYS:
        assert cases.get(alert) == {True, False}, f"{alert}: needs a test where it fires and one where it does not"
    untested = {rule["alert"] for _, rule in alerting_rules()} - set(cases)
    assert not untested, f"alerts without a promtool unit test: {sorted(untested)}"


def firing_labels(alertname: str) -> list[dict]:
    """exp_labels of every expected firing of an alert in the promtool unit tests."""
    out = []
    for path in RULE_TESTS:
        for test in yaml.safe_load(path.read_text())["tests"]:
            for case in test.get("alert_rule_test", []):
                if case["alertname"] == alertname:
                    out += [alert.get("exp_labels", {}) for alert in case.get("exp_alerts") or []]
    return out


def test_shared_alerts_cover_every_service(compose):
    """No shared alert singles out a service, and the unit tests show some firing for each."""
    services = compose_services(compose)
    rules = {rule["alert"]: rule for _, rule in alerting_rules()}
    assert SHARED_ALERTS <= set(rules), f"missing shared alerts {sorted(SHARED_ALERTS - set(rules))}"
    for alert in SHARED_ALERTS:
        expr = rules[alert]["expr"]
        assert not re.search(r'\bservice\s*(=|=~|!=|!~)\s*"', expr), f"{alert}: selects by service: {expr}"
        assert not re.search(r'\bjob\s*=\s*"', expr), f"{alert}: selects one scrape job: {expr}"
        assert "service" not in rules[alert].get("labels", {}), f"{alert}: the service label comes from the metric"
    for alert in TESTED_PER_SERVICE:
        fired = firing_labels(alert)
        for service in services:
            assert any(labels.get("service") == service or labels.get("job", "").startswith(f"cityplat-{service}-")
                       for labels in fired), f"{alert}: no promtool unit test shows it firing for {service}"


# --------------------------------------------------------------------------- metric names and labels

def test_every_metric_name_is_defined_in_metrics_py():
    defined = defined_metrics()
    unknown = {}
    for where, expr in all_exprs():
        for name in METRIC_RE.findall(expr):
            if base_name(name, defined) not in defined:
                unknown.setdefault(name, set()).add(where)
    assert not unknown, (
        "metrics used but not defined in services/common/metrics.py (nor services/<service>/metrics.py): "
        + "; ".join(f"{n} ({', '.join(sorted(w))})" for n, w in sorted(unknown.items())))


def test_planned_metrics_are_defined_once_their_service_exists():
    code = code_metrics()
    for service, metrics in PLANNED_METRICS.items():
        for name, (kind, labels) in metrics.items():
            assert name.startswith(f"cityplat_{service}_"), f"{name}: not a metric of {service}"
            if name in code:
                assert code[name][0] == kind, f"{name}: the artefacts use a {kind}, the code defines a {code[name][0]}"
            elif has_code(service):
                raise AssertionError(
                    f"services/{service} exists, but {name} ({kind}, labels {', '.join(labels) or 'none'}) is not "
                    f"defined in services/common/metrics.py nor services/{service}/metrics.py; "
                    "deploy/ uses it (dashboard, alert rules)")


def test_selector_labels_exist_and_values_are_possible(compose):
    defined = defined_metrics()
    per_metric = metric_label_values()
    services = set(compose_services(compose))
    for where, expr in all_exprs():
        for name, body in re.findall(r"(cityplat_[a-z_]+)\{([^}]*)\}", expr):
            metric = base_name(name, defined)
            kind, labels = defined[metric]
            allowed = set(labels) | TARGET_LABELS | ({"le"} if name.endswith("_bucket") else set())
            for label, op, value in re.findall(r'(\w+)\s*(=~|!~|!=|=)\s*"([^"]*)"', body):
                assert label in allowed, f"{where}: {name} has no label {label!r} (labels: {sorted(labels)})"
                if op not in ("=", "=~") or value.startswith("$"):
                    continue
                closed = per_metric.get((metric, label)) or LABEL_VALUES.get(label)
                if label == "service":
                    closed = services
                if closed is not None:
                    unknown = set(value.split("|")) - closed
                    assert not unknown, f"{where}: {name} {label}={sorted(unknown)}, not one of {sorted(closed)}"
        for clause in re.findall(r"\bby\s*\(([^)]*)\)", expr):
            names = {m for m in METRIC_RE.findall(expr)}
            known = set(TARGET_LABELS) | {"le"}
            for metric in names:
                known |= set(defined[base_name(metric, defined)][1])
            for label in (l.strip() for l in clause.split(",") if l.strip()):
                assert label in known, f"{where}: aggregates by {label!r}, which none of {sorted(names)} has"


# --------------------------------------------------------------------------- Grafana

SHARED_PANEL_METRICS = (
    "cityplat_process_up", "cityplat_grpc_requests_total", "cityplat_worker_requests_total",
    "cityplat_handler_errors_total", "cityplat_outbox_backlog", "cityplat_outbox_oldest_age_seconds",
    "cityplat_outbox_published_total", "cityplat_outbox_publish_failures_total", "cityplat_dlq_depth",
    "cityplat_inbox_processed_total", "cityplat_inbox_duplicates_total")


def load_dashboard(service: str) -> dict:
    path = REPO / f"deploy/grafana/dashboards/cityplat-{service}.json"
    assert path.is_file(), f"{service} is deployed but has no dashboard {path.relative_to(REPO)}"
    return json.loads(path.read_text())


@pytest.fixture(scope="module", params=compose_services())
def service(request) -> str:
    return request.param


@pytest.fixture(scope="module")
def dashboard(service):
    return load_dashboard(service)


def leaf_panels(dashboard):
    out = []

    def walk(panels):
        for panel in panels:
            if panel["type"] == "row":
                walk(panel.get("panels", []))
            else:
                out.append(panel)

    walk(dashboard["panels"])
    return out


def panel_exprs(dashboard) -> list[str]:
    return [t["expr"] for p in leaf_panels(dashboard) for t in p["targets"]]


def business_metrics(service: str) -> dict[str, tuple[str, tuple[str, ...]]]:
    return {name: spec for name, spec in defined_metrics().items() if name.startswith(f"cityplat_{service}_")}


def test_every_dashboard_belongs_to_a_deployed_service():
    services = compose_services()
    for path in DASHBOARDS:
        assert re.fullmatch(r"cityplat-[a-z]+\.json", path.name), path.name
        assert path.stem.removeprefix("cityplat-") in services, f"{path.name}: no such service in docker-compose.yml"
    uids = [json.loads(p.read_text())["uid"] for p in DASHBOARDS]
    assert len(uids) == len(set(uids)), "dashboard uids must be unique"


def test_dashboard_is_well_formed(dashboard, service):
    assert dashboard["uid"] == f"cityplat-{service}"
    assert dashboard["title"] and isinstance(dashboard["schemaVersion"], int)
    assert service in dashboard["tags"]
    ids = [p["id"] for p in dashboard["panels"]] + [p["id"] for p in dashboard["panels"] for p in p.get("panels", [])]
    assert len(ids) == len(set(ids)), "panel ids must be unique"
    variables = {v["name"]: v for v in dashboard["templating"]["list"]}
    assert variables["datasource"]["type"] == "datasource" and variables["datasource"]["query"] == "prometheus"
    for panel in leaf_panels(dashboard):
        where = f"panel {panel['title']!r}"
        grid = panel["gridPos"]
        assert 0 <= grid["x"] and grid["x"] + grid["w"] <= 24 and grid["h"] > 0, where
        assert panel["datasource"] == {"type": "prometheus", "uid": "${datasource}"}, where
        assert panel["targets"], f"{where}: no queries"
        ref_ids = [t["refId"] for t in panel["targets"]]
        assert len(ref_ids) == len(set(ref_ids)), where
        for target in panel["targets"]:
            assert target["expr"].strip(), where
    # panels do not overlap
    cells = {}
    for panel in dashboard["panels"] + [p for row in dashboard["panels"] for p in row.get("panels", [])]:
        grid = panel["gridPos"]
        for x in range(grid["x"], grid["x"] + grid["w"]):
            for y in range(grid["y"], grid["y"] + grid["h"]):
                assert (x, y) not in cells, f"panels {cells[(x, y)]!r} and {panel['title']!r} overlap"
                cells[(x, y)] = panel["title"]


def test_dashboard_district_variable(dashboard, service):
    variables = {v["name"]: v for v in dashboard["templating"]["list"]}
    district = variables["district"]
    assert district["type"] == "query"
    query = district["query"]["query"] if isinstance(district["query"], dict) else district["query"]
    match = re.fullmatch(rf"label_values\((cityplat_{service}_[a-z_]+),\s*district\)", query)
    assert match, query
    assert match.group(1) in business_metrics(service), f"$district reads {match.group(1)}, which is not defined"
    assert "district" in business_metrics(service)[match.group(1)][1], f"{match.group(1)} has no district label"
    assert district["multi"] and district["includeAll"] and district["allValue"] == ".*"
    with_district = {name for name, (_, labels) in business_metrics(service).items() if "district" in labels}
    assert with_district
    for expr in panel_exprs(dashboard):
        for name in set(METRIC_RE.findall(expr)):
            if name in with_district:
                for body in re.findall(rf"{name}\{{([^}}]*)\}}", expr) or [""]:
                    assert 'district=~"$district"' in body, f"business query not filtered by $district: {expr}"


def test_dashboard_shows_only_its_own_service(dashboard, service):
    """The shared panels select the service's own series: service="<service>", its scrape jobs."""
    defined = defined_metrics()
    for expr in panel_exprs(dashboard):
        for name in METRIC_RE.findall(expr):
            metric = base_name(name, defined)
            # (an undefined name fails test_every_metric_name_is_defined_in_metrics_py)
            if metric in defined and "service" in defined[metric][1]:
                for body in re.findall(rf"{name}\{{([^}}]*)\}}", expr) or [""]:
                    assert f'service="{service}"' in body, f"{name} not filtered to service={service}: {expr}"
        for other in compose_services():
            if other != service:
                assert f"cityplat_{other}_" not in expr and f"cityplat-{other}-" not in expr, (
                    f"the {service} dashboard shows {other}: {expr}")
    assert f'up{{job=~"cityplat-{service}-.+"}}' in panel_exprs(dashboard), "no scrape-target panel"


def test_dashboard_covers_the_operational_metrics(dashboard, service):
    exprs = "\n".join(panel_exprs(dashboard))
    for metric in SHARED_PANEL_METRICS:
        assert metric in exprs, f"dashboard does not show {metric}"
    for metric in business_metrics(service):
        assert metric in exprs, f"dashboard does not show {metric}, a business metric of {service}"
    for histogram, by in (("cityplat_grpc_request_seconds", "method"), ("cityplat_worker_request_seconds", "entrypoint")):
        for q in ("0.5", "0.99"):
            assert re.search(rf"histogram_quantile\({q}, sum by \({by}, le\) \(rate\({histogram}_bucket", exprs), (
                f"dashboard lacks p{q[2:] or '50'} of {histogram} per {by}")
    assert re.search(r'cityplat_grpc_requests_total\{[^}]*code=~"UNKNOWN\|INTERNAL\|UNAVAILABLE\|DEADLINE_EXCEEDED"', exprs)
    assert re.search(r'cityplat_worker_requests_total\{[^}]*status="error"', exprs)
    for pattern, what in DASHBOARD_QUERIES.get(service, []):
        assert re.search(pattern, exprs), f"the {service} dashboard lacks {what}"


def test_dashboard_draws_its_lines(dashboard, service):
    for (metric, value), what in DASHBOARD_LINES.get(service, {}).items():
        panels = [p for p in leaf_panels(dashboard) if any(metric in t["expr"] for t in p["targets"])]
        assert panels, f"the {service} dashboard does not show {metric}"
        for panel in panels:
            defaults = panel.get("fieldConfig", {}).get("defaults", {})
            steps = {step["value"] for step in defaults.get("thresholds", {}).get("steps", [])}
            style = defaults.get("custom", {}).get("thresholdsStyle", {}).get("mode", "off")
            assert value in steps and style != "off", (
                f"panel {panel['title']!r} of the {service} dashboard does not draw {what} ({value}) as a line")


def test_grafana_provisioning_matches_compose(compose):
    grafana = compose["services"]["grafana"]
    mounts = dict(reversed(str(v).split(":")[:2]) for v in grafana["volumes"])
    provisioning = REPO / mounts["/etc/grafana/provisioning"]
    assert provisioning.resolve() == (REPO / "deploy/grafana/provisioning").resolve()

    (datasources,) = [yaml.safe_load(p.read_text()) for p in sorted((provisioning / "datasources").glob("*.yml"))]
    (ds,) = datasources["datasources"]
    assert ds["type"] == "prometheus"
    host, port = re.fullmatch(r"http://([a-z0-9-]+):(\d+)/?", ds["url"]).groups()
    assert host in compose["services"] and int(port) in {
        int(str(p).split(":")[-1]) for p in compose["services"][host]["ports"]}

    (providers,) = [yaml.safe_load(p.read_text()) for p in sorted((provisioning / "dashboards").glob("*.yml"))]
    (provider,) = providers["providers"]
    assert provider["type"] == "file"
    dashboards_dir = provider["options"]["path"]
    assert (REPO / mounts[dashboards_dir]).resolve() == (REPO / "deploy/grafana/dashboards").resolve()
