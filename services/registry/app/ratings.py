"""Star ratings from quarterly score sheets, with their consequences applied as rules."""
from __future__ import annotations

from sqlalchemy import select

from services.common import clock
from services.common.db import UnitOfWork
from services.common.errors import AlreadyExists, FailedPrecondition, InvalidArgument
from services.registry import models as m
from services.registry import serializers as out
from services.registry.app._base import audit, optional_text, repo
from services.registry.app.organisations import _active, describe, subdistrict_of
from services.registry.app.people import _open_post
from services.registry.domain import people as people_rules
from services.registry.domain import ratings as rules
from services.registry.domain.organisations import BRANCH_KINDS, Kind
from services.registry.permissions import POLICY


def _open_rectification(uow, org_id) -> m.Rectification | None:
    return repo(uow).first(m.Rectification, m.Rectification.organisation_id == org_id,
                           m.Rectification.closed_on.is_(None))


def _working_committee(uow, org: m.Organisation) -> m.Organisation | None:
    node = org
    while node is not None:
        if node.kind == Kind.WORKING_COMMITTEE:
            return node
        node = uow.session.get(m.Organisation, node.parent_id) if node.parent_id else None
    return repo(uow).first(m.Organisation, m.Organisation.kind == Kind.WORKING_COMMITTEE,
                           m.Organisation.division_code == org.division_code[:9], m.Organisation.status == "active")


def _previous_year_stars(uow, org_id: str, year: int) -> int | None:
    return uow.session.scalar(select(m.Inspection.stars).where(
        m.Inspection.organisation_id == org_id, m.Inspection.year == year - 1)
        .order_by(m.Inspection.quarter.desc()).limit(1))


def submit_inspection(uow: UnitOfWork, *, organisation_id: str, year: int, quarter: int, items: dict) -> dict:
    POLICY.check(uow.ctx, "rate branches")
    r = repo(uow)
    org = _active(r.organisation(organisation_id), "organisation_id")
    uow.ctx.check_scope(org.division_code, "organisation_id", write=True)
    if org.kind not in BRANCH_KINDS:
        raise InvalidArgument(f"a {org.kind} is not rated by stars", "organisation_id")
    rules.check_quarter(year, quarter)
    score = rules.score_sheet_total(items or {})
    if r.first(m.Inspection, m.Inspection.organisation_id == org.id, m.Inspection.year == year,
               m.Inspection.quarter == quarter):
        raise AlreadyExists(f"{year} Q{quarter} is already rated", "quarter")
    rating = rules.rate(score, _previous_year_stars(uow, org.id, int(year)))
    inspection = r.add(m.Inspection(district=org.district, organisation_id=org.id, year=int(year),
                                    quarter=int(quarter), items={k: float(v) for k, v in items.items()},
                                    score=rating.score, stars=rating.stars, five_good=rating.five_good,
                                    funding_tier=rating.funding_tier, consequences=list(rating.consequences),
                                    inspector=uow.ctx.actor))
    sub = subdistrict_of(org.division_code)
    rectification = _open_rectification(uow, org.id)
    if rules.Consequence.RECTIFICATION in rating.consequences and rectification is None:
        rectification = r.add(m.Rectification(district=org.district, organisation_id=org.id,
                                              listed_on=clock.today(),
                                              reason=f"{rating.stars} star(s) in {year} Q{quarter}"))
        uow.flush()
        uow.emit("branch.listed_for_rectification", org.district,
                 {"organisation_id": org.id, "organisation_name": org.name, "stars": rating.stars,
                  "year": int(year), "quarter": int(quarter), "rectification_id": rectification.id}, sub)
    if rules.Consequence.TAKEN_OVER in rating.consequences:
        committee = _working_committee(uow, org)
        if committee is not None and committee.id != org.id:
            org.supervised_by_id = committee.id
            org.version += 1
    if rules.Consequence.REPLACE_SECRETARY in rating.consequences:
        for post in r.all(m.Post, m.Post.organisation_id == org.id, m.Post.title == "secretary",
                          m.Post.ended_on.is_(None)):
            post.flagged_for_replacement = True
    uow.flush()
    result = out.rating(inspection, rectification.id if rectification else None)
    audit(uow, org.district, "rate branch", org.id, after=result)
    uow.emit("rating.assigned", org.district, {"organisation_id": org.id, **result}, sub)
    return result


def list_ratings(uow: UnitOfWork, *, id: str) -> dict:
    POLICY.check(uow.ctx, "read ratings")
    r = repo(uow)
    org = r.organisation(id, "id")
    rows = r.all(m.Inspection, m.Inspection.organisation_id == org.id,
                 order_by=(m.Inspection.year, m.Inspection.quarter))
    return {"items": [out.rating(i) for i in rows]}


def dispatch_first_secretary(uow: UnitOfWork, *, organisation_id: str, person_id: str, dispatched_from: str,
                             term_start: str | None = None, term_end: str | None = None) -> dict:
    """第一书记: only a branch listed for rectification gets one."""
    POLICY.check(uow.ctx, "dispatch first secretaries")
    r = repo(uow)
    org = _active(r.organisation(organisation_id), "organisation_id")
    uow.ctx.check_scope(org.division_code, "organisation_id", write=True)
    if _open_rectification(uow, org.id) is None:
        raise FailedPrecondition("first secretaries are dispatched only to branches under rectification",
                                 "organisation_id")
    unit = optional_text(dispatched_from, "dispatched_from", 200)
    if not unit:
        raise InvalidArgument("name the dispatching unit", "dispatched_from")
    person = r.person(person_id)
    start = people_rules.parse_date(term_start, "term_start") if term_start else clock.today()
    end = people_rules.parse_date(term_end, "term_end") if term_end else people_rules.term_end(start, 2)
    return out.post(_open_post(uow, org, person, "first_secretary", "dispatch", start, end, unit))


def close_rectification(uow: UnitOfWork, *, organisation_id: str, closed_on: str | None = None,
                        note: str | None = None) -> dict:
    POLICY.check(uow.ctx, "close rectification")
    r = repo(uow)
    org = r.organisation(organisation_id)
    uow.ctx.check_scope(org.division_code, "organisation_id", write=True)
    rect = _open_rectification(uow, org.id)
    if rect is None:
        raise FailedPrecondition("the branch is not under rectification", "organisation_id")
    note = optional_text(note, "note")
    if not note:
        raise InvalidArgument("say how the rectification was completed", "note")
    on = people_rules.parse_date(closed_on, "closed_on") if closed_on else clock.today()
    if on < rect.listed_on:
        raise InvalidArgument(f"must not be before the listing on {rect.listed_on}", "closed_on")
    rect.closed_on, rect.closing_note = on, note
    org.supervised_by_id = None
    org.version += 1
    audit(uow, org.district, "close rectification", org.id, after={"closed_on": on.isoformat(), "note": note})
    return describe(uow, [org])[0]


def get_honours_eligibility(uow: UnitOfWork, *, organisation_id: str | None = None,
                            person_id: str | None = None) -> dict:
    """May a branch, or a person through their branch, receive honours? (≤2 stars bars them)"""
    POLICY.check(uow.ctx, "read ratings")
    r = repo(uow)
    if bool(organisation_id) == bool(person_id):
        raise InvalidArgument("give exactly one of organisation_id or person_id", "organisation_id")
    if person_id:
        person = r.person(person_id)
        org_ids = [ms.organisation_id for ms in r.all(m.Membership, m.Membership.person_id == person.id,
                                                      m.Membership.ended_on.is_(None))]
    else:
        org_ids = [r.organisation(organisation_id).id]
    for org_id in org_ids:
        org = uow.session.get(m.Organisation, org_id)
        latest = uow.session.scalar(select(m.Inspection.stars).where(m.Inspection.organisation_id == org_id)
                                    .order_by(m.Inspection.year.desc(), m.Inspection.quarter.desc()).limit(1))
        under = _open_rectification(uow, org_id) is not None
        if not rules.may_receive_honours(latest, under):
            why = "listed for rectification" if under else f"rated {latest} star(s)"
            return {"eligible": False, "reason": f"{org.name} is {why}: no honours for the branch or its people"}
    return {"eligible": True, "reason": "no bar"}


def rectification_counts(uow: UnitOfWork) -> list[tuple[str, int]]:
    from sqlalchemy import func
    return list(uow.session.execute(select(m.Rectification.district, func.count())
                                    .where(m.Rectification.closed_on.is_(None))
                                    .group_by(m.Rectification.district)))
