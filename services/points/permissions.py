"""Who may do what in the points service. Anything not listed is denied (deny by default)."""
from services.common.auth import Policy
from services.common.context import RequestContext
from services.common.context import Role as R
from services.common.errors import PermissionDenied

STAFF = (R.DISTRICT_ADMIN, R.SUBDISTRICT_STAFF, R.COMMUNITY_WORKER)

POLICY = Policy({
    "set district policy": (R.DISTRICT_ADMIN,),
    "manage rules": (R.DISTRICT_ADMIN,),
    "read rules": STAFF + (R.CITY_ADMIN, R.SERVICE, R.RESIDENT, R.PARTNER_UNIT),
    "open accounts": STAFF + (R.SERVICE,),
    "read accounts": STAFF + (R.CITY_ADMIN, R.SERVICE, R.RESIDENT, R.PARTNER_UNIT),
    "earn by rule": STAFF + (R.SERVICE,),
    "award manually": STAFF,
    "approve awards": (R.DISTRICT_ADMIN, R.SUBDISTRICT_STAFF),
    "reverse transactions": (R.DISTRICT_ADMIN, R.SUBDISTRICT_STAFF),
    # who changed an account, when and why: as for the account itself, but no service reads it
    "read account audit": STAFF + (R.CITY_ADMIN, R.RESIDENT, R.PARTNER_UNIT),
    "read leaderboards": STAFF + (R.CITY_ADMIN, R.RESIDENT, R.PARTNER_UNIT),
    "read totals": STAFF + (R.CITY_ADMIN,),
    "read city totals": (R.CITY_ADMIN,),
    "manage stations": (R.DISTRICT_ADMIN, R.SUBDISTRICT_STAFF, R.COMMUNITY_WORKER),
    "read catalogue": STAFF + (R.CITY_ADMIN, R.RESIDENT, R.PARTNER_UNIT, R.SERVICE),
    # a resident redeems from their own account; station staff (community workers) at the counter
    "redeem": (R.RESIDENT, R.PARTNER_UNIT, R.COMMUNITY_WORKER),
    "hand out at the station": (R.COMMUNITY_WORKER,),
    "approve honours": (R.DISTRICT_ADMIN, R.SUBDISTRICT_STAFF),
    # what waits at the counter: the station staff who hand it over, and the approvers of honours
    "list handovers": (R.COMMUNITY_WORKER, R.SUBDISTRICT_STAFF, R.DISTRICT_ADMIN),
    "import garbage records": (R.COMMUNITY_WORKER, R.SUBDISTRICT_STAFF, R.DISTRICT_ADMIN),
    "run member cycles": STAFF,
    "read member cycles": STAFF + (R.CITY_ADMIN, R.RESIDENT),
    # every member's scores, violation and grade in a cycle; anyone else who reads the cycle (a
    # member: a resident) sees their own line only (app.cycle.cycle_out)
    "read members' scores": STAFF + (R.CITY_ADMIN,),
    "self-assess": (R.RESIDENT,),
    "raise objections": (R.RESIDENT, R.COMMUNITY_WORKER),
    "request exemptions": (R.RESIDENT, R.COMMUNITY_WORKER),
    "decide exemptions": (R.COMMUNITY_WORKER, R.SUBDISTRICT_STAFF),
    # the objections and exemptions of others: the staff who answer and decide them, not the members
    "list cycle work": STAFF,
})


def may(ctx: RequestContext, action: str) -> bool:
    """Whether ``ctx`` may ``action`` (a reply that shows more to some callers than to others)."""
    try:
        POLICY.check(ctx, action)
    except PermissionDenied:
        return False
    return True
