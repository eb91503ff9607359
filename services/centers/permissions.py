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
    # iCalendar feeds: staff for a space or an organisation of their scope; a partner unit for itself
    "manage feeds": STAFF + (R.PARTNER_UNIT,),
    "read feeds": STAFF + (R.PARTNER_UNIT,),
    "run organisational life": STAFF,
    "read organisational life": STAFF + (R.CITY_ADMIN,),
    "set organisational rhythm": (R.DISTRICT_ADMIN,),
    # course ordering (点单 → 下单 → 接单): a resident orders, joins and rates for himself (staff on his
    # behalf, from a paper slip); the community places; a team (a partner unit itself, or staff for it)
    # accepts and books the sessions
    "order courses": STAFF + (R.RESIDENT,),
    "place courses": STAFF,
    "accept courses": STAFF + (R.PARTNER_UNIT,),
    "read courses": STAFF + (R.RESIDENT, R.PARTNER_UNIT, R.CITY_ADMIN),
})
