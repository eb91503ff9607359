"""Prometheus configuration, alert rules (with their promtool unit tests) and the Grafana
dashboard: valid, and using only metrics and labels that services/common/metrics.py defines."""
from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path

import grpc
import pytest
import yaml
from prometheus_client.metrics import MetricWrapperBase

from services.common import metrics as metrics_module

REPO = Path(__file__).resolve().parents[2]
PROM = REPO / "deploy/prometheus"
CONFIG = PROM / "prometheus.yml"
RULE_FILES = sorted((PROM / "rules").glob("*.yml"))
RULE_TESTS = sorted((PROM / "tests").glob("*.yml"))
DASHBOARDS = sorted((REPO / "deploy/grafana/dashboards").glob("*.json"))
SEVERITIES = {"critical", "warning", "info"}
METRIC_RE = re.compile(r"cityplat_[a-z_]+")
HISTOGRAM_SUFFIXES = ("_bucket", "_sum", "_count")
# Labels Prometheus adds to every scraped series.
TARGET_LABELS = {"job", "instance"}
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
}
# Alerts whose unit tests must show them both firing and staying quiet.
TESTED_BOTH_WAYS = {"CityplatOutboxStale", "CityplatDeadLetterQueueNotEmpty", "CityplatProcessDown"}


def run(promtool: str, *args: str) -> str:
    proc = subprocess.run([promtool, *args], cwd=REPO, capture_output=True, text=True, timeout=300)
    output = proc.stdout + proc.stderr
    assert proc.returncode == 0, f"promtool {' '.join(args)} failed ({proc.returncode}):\n{output}"
    return output


# --------------------------------------------------------------------------- metric catalogue

def defined_metrics() -> dict[str, tuple[str, tuple[str, ...]]]:
    """Sample name -> (type, label names) for every metric in services/common/metrics.py."""
    out = {}
    for obj in vars(metrics_module).values():
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


# --------------------------------------------------------------------------- metric names and labels

def test_every_metric_name_is_defined_in_metrics_py():
    defined = defined_metrics()
    unknown = {}
    for where, expr in all_exprs():
        for name in METRIC_RE.findall(expr):
            if base_name(name, defined) not in defined:
                unknown.setdefault(name, set()).add(where)
    assert not unknown, (
        "metrics used but not defined in services/common/metrics.py: "
        + "; ".join(f"{n} ({', '.join(sorted(w))})" for n, w in sorted(unknown.items())))


def test_selector_labels_exist_and_values_are_possible():
    defined = defined_metrics()
    status_codes = {code.name for code in grpc.StatusCode}
    for where, expr in all_exprs():
        for name, body in re.findall(r"(cityplat_[a-z_]+)\{([^}]*)\}", expr):
            metric = base_name(name, defined)
            kind, labels = defined[metric]
            allowed = set(labels) | TARGET_LABELS | ({"le"} if name.endswith("_bucket") else set())
            for label, op, value in re.findall(r'(\w+)\s*(=~|!~|!=|=)\s*"([^"]*)"', body):
                assert label in allowed, f"{where}: {name} has no label {label!r} (labels: {sorted(labels)})"
                if label == "code" and op in ("=", "=~"):
                    for code in value.split("|"):
                        assert code in status_codes, f"{where}: {code!r} is not a gRPC status code name"
                if label == "status" and op in ("=", "=~"):
                    assert set(value.split("|")) <= {"ok", "error"}, f"{where}: status is ok|error"
        for clause in re.findall(r"\bby\s*\(([^)]*)\)", expr):
            names = {m for m in METRIC_RE.findall(expr)}
            known = set(TARGET_LABELS) | {"le"}
            for metric in names:
                known |= set(defined[base_name(metric, defined)][1])
            for label in (l.strip() for l in clause.split(",") if l.strip()):
                assert label in known, f"{where}: aggregates by {label!r}, which none of {sorted(names)} has"


# --------------------------------------------------------------------------- Grafana

@pytest.fixture(scope="module")
def dashboard():
    path = REPO / "deploy/grafana/dashboards/cityplat-registry.json"
    return json.loads(path.read_text())


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


def test_dashboard_is_well_formed(dashboard):
    assert dashboard["uid"] == "cityplat-registry"
    assert dashboard["title"] and isinstance(dashboard["schemaVersion"], int)
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


def test_dashboard_district_variable(dashboard):
    variables = {v["name"]: v for v in dashboard["templating"]["list"]}
    district = variables["district"]
    assert district["type"] == "query"
    query = district["query"]["query"] if isinstance(district["query"], dict) else district["query"]
    assert re.fullmatch(r"label_values\(cityplat_registry_[a-z_]+,\s*district\)", query), query
    assert district["multi"] and district["includeAll"] and district["allValue"] == ".*"
    business = [t["expr"] for p in leaf_panels(dashboard) for t in p["targets"] if "cityplat_registry_" in t["expr"]]
    assert business
    for expr in business:
        assert 'district=~"$district"' in expr, f"business query not filtered by $district: {expr}"


def test_dashboard_covers_the_operational_metrics(dashboard):
    exprs = "\n".join(t["expr"] for p in leaf_panels(dashboard) for t in p["targets"])
    for metric in ("cityplat_grpc_requests_total", "cityplat_worker_requests_total", "cityplat_outbox_backlog",
                   "cityplat_outbox_oldest_age_seconds", "cityplat_dlq_depth", "cityplat_inbox_duplicates_total",
                   "cityplat_registry_organisations", "cityplat_registry_branches_in_rectification",
                   "cityplat_registry_communities_reserve_shortfall"):
        assert metric in exprs, f"dashboard does not show {metric}"
    for histogram, by in (("cityplat_grpc_request_seconds", "method"), ("cityplat_worker_request_seconds", "entrypoint")):
        for q in ("0.5", "0.99"):
            assert re.search(rf"histogram_quantile\({q}, sum by \({by}, le\) \(rate\({histogram}_bucket", exprs), (
                f"dashboard lacks p{q[2:] or '50'} of {histogram} per {by}")
    assert re.search(r'cityplat_grpc_requests_total\{[^}]*code=~"UNKNOWN\|INTERNAL\|UNAVAILABLE\|DEADLINE_EXCEEDED"', exprs)
    assert re.search(r'cityplat_worker_requests_total\{[^}]*status="error"', exprs)


def test_grafana_provisioning_matches_compose(compose, dashboard):
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
