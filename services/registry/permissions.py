"""Who may do what in the registry. Anything not listed is denied (deny by default)."""
from services.common.auth import Policy
from services.common.context import Role as R

STAFF = (R.DISTRICT_ADMIN, R.SUBDISTRICT_STAFF, R.COMMUNITY_WORKER)
READERS = STAFF + (R.CITY_ADMIN, R.SERVICE, R.MEDIATOR, R.PARTNER_UNIT, R.OPERATOR, R.RESIDENT)

POLICY = Policy({
    "read territory": READERS,
    "change territory": (R.CITY_ADMIN, R.DISTRICT_ADMIN),
    "read organisations": READERS,
    "change organisations": (R.DISTRICT_ADMIN, R.SUBDISTRICT_STAFF),
    "pair departments": (R.DISTRICT_ADMIN,),
    # personal data: staff and services only
    "read people": STAFF + (R.CITY_ADMIN, R.SERVICE, R.MEDIATOR),
    "change people": STAFF,
    "change memberships": STAFF,
    "change posts": (R.DISTRICT_ADMIN, R.SUBDISTRICT_STAFF),
    "hold elections": (R.DISTRICT_ADMIN, R.SUBDISTRICT_STAFF),
    "manage reserve cadres": (R.DISTRICT_ADMIN, R.SUBDISTRICT_STAFF),
    "register in-service members": STAFF,
    "record volunteer service": STAFF,
    "read employer feedback": STAFF + (R.PARTNER_UNIT, R.CITY_ADMIN),
    "rate branches": (R.DISTRICT_ADMIN, R.SUBDISTRICT_STAFF),
    "read ratings": STAFF + (R.CITY_ADMIN, R.SERVICE),
    "dispatch first secretaries": (R.DISTRICT_ADMIN,),
    "close rectification": (R.DISTRICT_ADMIN,),
    "read rollout": READERS,
    "assign rings": (R.OPERATOR, R.CITY_ADMIN, R.DISTRICT_ADMIN),
    "set feature stages": (R.OPERATOR, R.CITY_ADMIN),
    "import records": (R.DISTRICT_ADMIN, R.CITY_ADMIN),
    "export records": (R.DISTRICT_ADMIN, R.CITY_ADMIN, R.SUBDISTRICT_STAFF),
})
