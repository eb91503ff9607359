"""The registry's own metrics: business gauges per district (the shared ones are in services.common.metrics)."""
from prometheus_client import Gauge

ORGANISATIONS = Gauge(
    "cityplat_registry_organisations", "Active organisations per district and kind", ["district", "kind"])
RECTIFICATION = Gauge(
    "cityplat_registry_branches_in_rectification",
    "Branches listed as weak and lax (软弱涣散) for rectification", ["district"])
RESERVE_SHORTFALL = Gauge(
    "cityplat_registry_communities_reserve_shortfall",
    "Communities with fewer than two reserve cadres (后备干部)", ["district"])
