"""The council service's own metrics (the shared ones are in services.common.metrics), per district."""
from prometheus_client import Gauge

WITHOUT_MEETING = Gauge("cityplat_council_councils_without_meeting",
                        "Councils that held no joint meeting in the last quarter that ended", ["district"])
DECISIONS_OVERDUE = Gauge("cityplat_council_decisions_overdue",
                          "Open decisions of joint meetings past their deadline", ["district"])
AGREEMENTS_EXPIRING = Gauge("cityplat_council_agreements_expiring",
                            "Running co-building agreements ending within the district's reminder window", ["district"])
PROJECTS_OVERDUE = Gauge("cityplat_council_projects_overdue",
                         "Open projects of the service project bank past their deadline", ["district"])
