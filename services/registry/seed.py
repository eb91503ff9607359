"""A demo district for ``cityplat seed demo`` and ``make up``: territory, a 1+3+N tree, people, posts.

Everything goes through the application layer, so the demo obeys the same rules as real data.
Running it twice changes nothing.
"""
from __future__ import annotations

from services.common.context import RequestContext, Role
from services.common.db import Database
from services.registry import models as m
from services.registry.app import organisations as orgs
from services.registry.app import people, ratings, rollout, territory

DISTRICT = "310101"


def _ctx(*roles: str, district: str | None = DISTRICT) -> RequestContext:
    return RequestContext(actor="seed", roles=frozenset(roles), district=district)


def seed_demo(db: Database) -> bool:
    """Seed the demo district; False if it was already there."""
    with db.uow(_ctx(Role.DISTRICT_ADMIN)) as uow:
        if uow.session.get(m.Division, DISTRICT) is not None:
            return False
        territory.create_division(uow, code=DISTRICT, level="district", name="示范区 Demo District")
        for sub, sub_name in (("310101002", "东湖街道 East Lake"), ("310101003", "南苑街道 South Garden")):
            territory.create_division(uow, code=sub, level="subdistrict", name=sub_name)
            for n, c_name in ((1, "幸福社区 Happiness"), (2, "和谐社区 Harmony")):
                community = f"{sub}{n:03d}"
                territory.create_division(uow, code=community, level="community", name=c_name)
                for g in (1, 2):
                    territory.create_division(uow, code=f"{community}-G{g:02d}", level="grid", name=f"第{g}网格")
                territory.create_division(uow, code=f"{community}-G01-C01", level="compound", name="阳光小区")

        sub = "310101002"
        community = "310101002001"
        wc = orgs.found_organisation(uow, kind="working_committee", name="东湖街道党工委", division_code=sub)
        cc = orgs.found_organisation(uow, kind="community_committee", name="幸福社区党委",
                                     division_code=community, parent_id=wc["id"])
        branches = [orgs.found_organisation(uow, kind="branch", name=name, division_code=community,
                                            parent_id=cc["id"])
                    for name in ("第一党支部", "第二党支部", "离退休党支部")]
        grid_branch = orgs.found_organisation(uow, kind="grid_branch", name="第1网格党支部",
                                              division_code=f"{community}-G01", parent_id=cc["id"])
        orgs.found_organisation(uow, kind="functional_group", name="志愿服务功能型党小组",
                                division_code=community, parent_id=cc["id"])
        residents = orgs.found_organisation(uow, kind="residents_committee", name="幸福社区居委会",
                                            division_code=community, parent_id=cc["id"])
        unit = orgs.found_organisation(uow, kind="partner_unit", name="区供电公司",
                                       partner_kind="state_owned_enterprise", division_code=community)
        orgs.found_organisation(uow, kind="partner_unit", name="区教育局", partner_kind="party_government_organ",
                                division_code=community)
        orgs.found_organisation(uow, kind="social_organisation", name="阳光社工服务中心", division_code=community)

        names = ["张伟", "王芳", "李娜", "刘洋", "陈静", "杨磊", "赵敏", "黄强"]
        persons = [people.register_person(uow, name=n, phone=f"1380000{i:04d}", home_community=community,
                                          is_member=True, member_category="community", external_ref=f"demo-{i}")
                   for i, n in enumerate(names)]
        for i, p in enumerate(persons):
            people.join_organisation(uow, person_id=p["id"],
                                     organisation_id=branches[i % 3]["id"] if i < 6 else grid_branch["id"],
                                     started_on="2021-06-01")
        people.hold_election(uow, organisation_id=cc["id"], held_on="2021-06-15",
                             elected=[{"person_id": persons[0]["id"], "title": "secretary"},
                                      {"person_id": persons[1]["id"], "title": "deputy_secretary"},
                                      {"person_id": persons[2]["id"], "title": "committee_member"}])
        people.add_reserve_cadre(uow, community_code=community, person_id=persons[3]["id"])
        # the 1+1+N mediation team's posts: a judge of the district court (no party member) and a mediator
        judge = people.register_person(uow, name="孙法官", phone="13800009001", home_community=community,
                                       external_ref="demo-judge")
        people.appoint_post(uow, organisation_id=residents["id"], person_id=judge["id"], title="community_judge",
                            term_start="2024-01-01")
        people.appoint_post(uow, organisation_id=residents["id"], person_id=persons[4]["id"], title="mediator",
                            term_start="2024-01-01")
        people.register_in_service(uow, person_id=persons[7]["id"], community_code=community,
                                   employer_id=unit["id"], volunteer_projects=["水电维修", "理论宣讲"])
        sheet = {"political_study": 18, "organisational_life": 17, "team_building": 13, "member_management": 12,
                 "service_to_residents": 18, "records": 8}
        ratings.submit_inspection(uow, organisation_id=branches[0]["id"], year=2026, quarter=3, items=sheet)
        weak = dict(sheet, political_study=10, organisational_life=10, service_to_residents=10, records=5)
        ratings.submit_inspection(uow, organisation_id=branches[2]["id"], year=2026, quarter=3, items=weak)
        uow.commit()
    with db.uow(_ctx(Role.OPERATOR, district=None)) as uow:
        rollout.assign_ring(uow, subdistrict_code="310101002", ring="pilot")
        rollout.assign_ring(uow, subdistrict_code="310101003", ring="early")
        rollout.set_feature_stage(uow, flag="points.moral-bank", stage="pilot",
                                  description="Residents' moral bank (道德银行) in the points service")
        uow.commit()
    return True
