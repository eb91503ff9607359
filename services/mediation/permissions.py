"""Who may do what in mediation. Anything not listed is denied (deny by default).

On top of the roles, the tier a case has reached says whose case it is (``works_at``, ``oversees``):
the ladder hands an escalated case to the staff of that tier, and the community keeps only reading it.
"""
from services.common.auth import Policy
from services.common.context import RequestContext, Role as R
from services.mediation.domain import ladder

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
    # which of them mediates a given case is the tier's to say (``works_at``)
    "mediate": (R.MEDIATOR, R.COMMUNITY_WORKER, R.SUBDISTRICT_STAFF, R.DISTRICT_ADMIN),
    "escalate by hand": SUPERVISORS,
    "rate cases": (R.RESIDENT, R.COMMUNITY_WORKER),  # a worker records a 12345 caller's return-visit rating
    "reopen cases": (R.RESIDENT, R.COMMUNITY_WORKER),
    "import hotline orders": STAFF,
    "export hotline outcomes": STAFF,
    "run deliberations": (R.COMMUNITY_WORKER, R.SUBDISTRICT_STAFF),
    "read deliberations": STAFF + (R.MEDIATOR, R.RESIDENT, R.CITY_ADMIN),
    "read figures": STAFF + (R.CITY_ADMIN, R.OPERATOR),
    "read city figures": (R.CITY_ADMIN,),
})

#: the staff who work a case at each tier of the ladder: the community's workers, the sub-district's staff,
#: the district's admins (scope already keeps each to its own community, sub-district or district)
TIER_STAFF = {"community": R.COMMUNITY_WORKER, "subdistrict": R.SUBDISTRICT_STAFF, "district": R.DISTRICT_ADMIN}


def works_at(ctx: RequestContext, tier: str) -> bool:
    """Whether the caller is staff of the tier a case is at: they mediate it, record its sessions and
    resolve it there. The case's own team mediates it too (checked against the case, not here)."""
    return ctx.has_any(TIER_STAFF[tier])


def oversees(ctx: RequestContext, tier: str) -> bool:
    """Whether the caller is staff of the case's tier or of one above it: they assign its team and (as
    supervisors) send it back. A tier below, the community's worker of an escalated case, only reads it."""
    return ctx.has_any(*(TIER_STAFF[t] for t in ladder.tiers_from(tier)))
