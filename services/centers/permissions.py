"""Who may do what in the centers. Anything not listed is denied (deny by default).

Residents and partner units book (a resident only the spaces open to residents, for himself; a
unit for its organisation); the community's staff run the centre and decide bookings that need
approval. A resident reads his own bookings only.
"""
from services.common.auth import Policy
from services.common.context import Role as R

STAFF = (R.DISTRICT_ADMIN, R.SUBDISTRICT_STAFF, R.COMMUNITY_WORKER)

POLICY = Policy({
    "manage centres": STAFF,
    "read centres": STAFF + (R.RESIDENT, R.PARTNER_UNIT, R.MEDIATOR, R.CITY_ADMIN, R.OPERATOR, R.SERVICE),
    "book spaces": STAFF + (R.RESIDENT, R.PARTNER_UNIT),
    "decide bookings": STAFF,
    "read bookings": STAFF + (R.RESIDENT, R.PARTNER_UNIT, R.CITY_ADMIN),
    "check in": STAFF + (R.RESIDENT,),
})
