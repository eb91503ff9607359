"""Who may do what in the council. Anything not listed is denied (deny by default).

The community's staff (and the sub-district's and district's above them) run the council; a partner
unit reads its council, its agreements and the decisions it owns, and reports the ones it owns done.
"""
from services.common.auth import Policy
from services.common.context import Role as R

STAFF = (R.DISTRICT_ADMIN, R.SUBDISTRICT_STAFF, R.COMMUNITY_WORKER)

POLICY = Policy({
    "manage councils": STAFF,
    "read councils": STAFF + (R.PARTNER_UNIT, R.CITY_ADMIN, R.OPERATOR, R.SERVICE),
    "complete decisions": STAFF + (R.PARTNER_UNIT,),
    "set council settings": (R.DISTRICT_ADMIN,),
})
