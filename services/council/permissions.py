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
    "rate units": STAFF + (R.RESIDENT,),       # a resident representative, or staff entering his ballot
    "rate services": STAFF + (R.PARTNER_UNIT,),  # a member unit rates the community's and sub-district's service
    # (staff entering its form)
    # the three lists and the project bank (三张清单, 为民服务项目库): staff keep the lists; the needs
    # (a resident's home, what he lacks) are read by staff only; a project is read by the units that
    # may claim it and the residents who evaluate it. A party member claims for himself with his
    # resident token (an in-service member is a resident of the platform's apps, there is no member
    # role): the use case checks actor == person_id and his registration with the community.
    "manage lists": STAFF,
    "read lists": STAFF + (R.CITY_ADMIN, R.OPERATOR, R.SERVICE),
    "read projects": STAFF + (R.PARTNER_UNIT, R.RESIDENT, R.CITY_ADMIN, R.OPERATOR, R.SERVICE),
    "claim projects": STAFF + (R.PARTNER_UNIT, R.RESIDENT),
    "report project progress": STAFF + (R.PARTNER_UNIT,),   # staff, or a unit that claimed it
    "evaluate projects": STAFF + (R.RESIDENT,),             # a resident, or staff entering his paper form
    # the co-building fund (共建基金): staff keep its books; a partner unit records its own contribution;
    # the quarter's statement is public to the community (it names units and projects, never a person)
    "manage fund": STAFF,
    "contribute": STAFF + (R.PARTNER_UNIT,),
    "read fund": STAFF + (R.CITY_ADMIN, R.SERVICE),
    "read contributions": STAFF + (R.PARTNER_UNIT, R.CITY_ADMIN),   # a unit: its own
    "read fund statements": STAFF + (R.PARTNER_UNIT, R.RESIDENT, R.CITY_ADMIN, R.OPERATOR, R.SERVICE),
    # commitments (承诺、践诺、评诺): a unit, or a party member with his resident token, promises and keeps
    # for himself; residents of the community evaluate each once
    "make commitments": STAFF + (R.PARTNER_UNIT, R.RESIDENT),
    "read commitments": STAFF + (R.PARTNER_UNIT, R.RESIDENT, R.CITY_ADMIN, R.OPERATOR, R.SERVICE),
    "evaluate commitments": (R.RESIDENT,),
})
