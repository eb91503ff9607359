"""The mediation service's own metrics (the shared ones are in services.common.metrics).

The figures the users steer by, per district (bounded label set): open and overdue cases, the
share resolved inside the community (the reports aim at 80%), satisfaction.
"""
from prometheus_client import Counter, Gauge

CASES_OPENED = Counter("cityplat_mediation_cases_opened_total", "Cases opened, by intake channel",
                       ["district", "channel"])
ESCALATIONS = Counter("cityplat_mediation_escalations_total", "Cases escalated, by the tier they went to and how",
                      ["district", "to_tier", "how"])
CASES_OPEN = Gauge("cityplat_mediation_cases_open", "Cases not yet resolved", ["district"])
CASES_OVERDUE = Gauge("cityplat_mediation_cases_overdue", "Open cases past their tier's deadline", ["district"])
RESOLVED_IN_COMMUNITY = Gauge("cityplat_mediation_resolved_in_community_ratio",
                              "Share of resolved cases resolved at the community tier (target 0.8)", ["district"])
SATISFACTION = Gauge("cityplat_mediation_satisfaction_average", "Average satisfaction rating (1-5) of rated cases",
                     ["district"])
