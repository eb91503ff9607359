"""The points service's own metrics (the shared ones are in services.common.metrics)."""
from prometheus_client import Counter, Gauge, Histogram

TRANSACTIONS = Counter("cityplat_points_transactions_total", "Ledger transactions posted, by kind",
                       ["district", "kind"])
ISSUED = Counter("cityplat_points_issued_total", "Points issued from the district pools", ["district"])
REDEMPTIONS = Counter("cityplat_points_redemptions_total", "Redemption attempts by outcome (ok|insufficient_points|"
                      "out_of_stock)", ["district", "outcome"])
EVENT_CREDIT_SECONDS = Histogram("cityplat_points_event_credit_seconds",
                                 "From an event's occurred_at to its credit committed",
                                 buckets=(0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.25, 0.5, 1, 2.5, 5, 10))
PENDING_APPROVALS = Gauge("cityplat_points_pending_approvals", "Awards and honours waiting for approval",
                          ["district"])
