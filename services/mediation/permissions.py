"""Who may do what in mediation. Anything not listed is denied (deny by default)."""
from services.common.auth import Policy
from services.common.context import Role as R

STAFF = (R.DISTRICT_ADMIN, R.SUBDISTRICT_STAFF, R.COMMUNITY_WORKER)
#: supervisors see confidential cases and escalate or send back by hand
SUPERVISORS = (R.DISTRICT_ADMIN, R.SUBDISTRICT_STAFF)
#: who reads cases in their scope (a resident reads only the cases they are a party to)
READERS = STAFF + (R.MEDIATOR, R.CITY_ADMIN)

POLICY = Policy({
    "configure": (R.DISTRICT_ADMIN,),
    "open cases": STAFF + (R.MEDIATOR,),
    "read cases": READERS,
    "assign teams": STAFF,
    "mediate": (R.MEDIATOR, R.COMMUNITY_WORKER),
    "escalate by hand": SUPERVISORS,
    "rate cases": (R.RESIDENT, R.COMMUNITY_WORKER),  # a worker records a 12345 caller's return-visit rating
    "reopen cases": (R.RESIDENT, R.COMMUNITY_WORKER),
    "import hotline orders": STAFF,
    "export hotline outcomes": STAFF,
    "run deliberations": (R.COMMUNITY_WORKER, R.SUBDISTRICT_STAFF),
    "read deliberations": STAFF + (R.MEDIATOR, R.RESIDENT, R.CITY_ADMIN),
    "read figures": STAFF + (R.CITY_ADMIN, R.OPERATOR),
})
