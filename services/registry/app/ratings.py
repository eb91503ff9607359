"""Star ratings from quarterly score sheets, with their consequences applied as rules."""
from __future__ import annotations

from sqlalchemy import func

from services.common import clock
from services.common.db import UnitOfWork
from services.common.divisions import subdistrict_of
from services.common.errors import AlreadyExists, FailedPrecondition, InvalidArgument
from services.common.tables import audit
from services.common.values import date_or_today, parse_date, text
from services.registry import models as m
from services.registry import serializers as out
from services.registry.app.organisations import active, describe, records_of
from services.registry.app.people import _open_post
from services.registry.domain import people as people_rules
from services.registry.domain import ratings as rules
from services.registry.domain.organisations import BRANCH_KINDS, Kind
from services.registry.permissions import POLICY
from services.registry.repository import Repository


def _open_rectification(r: Repository, org_id) -> m.Rectification | None:
    return r.first(m.Rectification, m.Rectification.organisation_id == org_id, m.Rectification.closed_on.is_(None))


def _working_committee(r: Repository, org: m.Organisation) -> m.Organisation | None:
    node = org
    while node is not None:
        if node.kind == Kind.WORKING_COMMITTEE:
            return node
        node = r.first(m.Organisation, m.Organisation.id == node.parent_id) if node.parent_id else None
    return r.first(m.Organisation, m.Organisation.kind == Kind.WORKING_COMMITTEE,
                   m.Organisation.division_code == subdistrict_of(org.division_code), m.Organisation.status == "active")


def _latest_stars(r: Repository, org_id: str, year: int | None = None) -> int | None:
    """The organisation's latest rating (of ``year``, when given)."""
    stmt = r.select(m.Inspection, m.Inspection.stars).where(m.Inspection.organisation_id == org_id)
    if year is not None:
        stmt = stmt.where(m.Inspection.year == year)
    return r.session.scalar(stmt.order_by(m.Inspection.year.desc(), m.Inspection.quarter.desc()).limit(1))


def submit_inspection(uow: UnitOfWork, *, organisation_id: str, year: int, quarter: int, items: dict) -> dict:
    POLICY.check(uow.ctx, "rate branches")
    r = Repository(uow)
    org = active(r.organisation(organisation_id, write=True), "organisation_id")
    if org.kind not in BRANCH_KINDS:
        raise InvalidArgument(f"a {org.kind} is not rated by stars", "organisation_id")
    rules.check_quarter(year, quarter)
    score = rules.score_sheet_total(items or {})
    if r.exists(m.Inspection, m.Inspection.organisation_id == org.id, m.Inspection.year == year,
                m.Inspection.quarter == quarter):
        raise AlreadyExists(f"{year} Q{quarter} is already rated", "quarter")
    rating = rules.rate(score, _latest_stars(r, org.id, int(year) - 1))
    inspection = r.add(m.Inspection(district=org.district, organisation_id=org.id, year=int(year),
                                    quarter=int(quarter), items={k: float(v) for k, v in items.items()},
                                    score=rating.score, stars=rating.stars, five_good=rating.five_good,
                                    funding_tier=rating.funding_tier, consequences=list(rating.consequences),
                                    inspector=uow.ctx.actor))
    sub = subdistrict_of(org.division_code)
    rectification = _open_rectification(r, org.id)
    if rules.Consequence.RECTIFICATION in rating.consequences and rectification is None:
        rectification = r.add(m.Rectification(district=org.district, organisation_id=org.id,
                                              listed_on=clock.today(),
                                              reason=f"{rating.stars} star(s) in {year} Q{quarter}"))
        uow.flush()
        uow.emit("branch.listed_for_rectification", org.district,
                 {"organisation_id": org.id, "organisation_name": org.name, "stars": rating.stars,
                  "year": int(year), "quarter": int(quarter), "rectification_id": rectification.id}, sub)
    if rules.Consequence.TAKEN_OVER in rating.consequences:
        committee = _working_committee(r, org)
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
    _, rows = records_of(uow, id, m.Inspection, m.Inspection.year, m.Inspection.quarter)
    return out.items(rows, out.rating)


def dispatch_first_secretary(uow: UnitOfWork, *, organisation_id: str, person_id: str, dispatched_from: str,
                             term_start: str | None = None, term_end: str | None = None) -> dict:
    """第一书记: only a branch listed for rectification gets one."""
    POLICY.check(uow.ctx, "dispatch first secretaries")
    r = Repository(uow)
    org = active(r.organisation(organisation_id, write=True), "organisation_id")
    if _open_rectification(r, org.id) is None:
        raise FailedPrecondition("first secretaries are dispatched only to branches under rectification",
                                 "organisation_id")
    unit = text(dispatched_from, "dispatched_from", 200, required=True)
    if not unit:
        raise InvalidArgument("name the dispatching unit", "dispatched_from")
    person = r.person(person_id)
    start = date_or_today(term_start, "term_start")
    end = parse_date(term_end, "term_end") if term_end else people_rules.term_end(start, 2)
    return out.post(_open_post(r, org, person, "first_secretary", "dispatch", start, end, unit))


def close_rectification(uow: UnitOfWork, *, organisation_id: str, closed_on: str | None = None,
                        note: str | None = None) -> dict:
    POLICY.check(uow.ctx, "close rectification")
    r = Repository(uow)
    org = r.organisation(organisation_id, write=True)
    rect = _open_rectification(r, org.id)
    if rect is None:
        raise FailedPrecondition("the branch is not under rectification", "organisation_id")
    note = text(note, "note", 500)
    if not note:
        raise InvalidArgument("say how the rectification was completed", "note")
    on = date_or_today(closed_on, "closed_on")
    if on < rect.listed_on:
        raise InvalidArgument(f"must not be before the listing on {rect.listed_on}", "closed_on")
    rect.closed_on, rect.closing_note = on, note
    org.supervised_by_id = None
    org.version += 1
    audit(uow, org.district, "close rectification", org.id, after={"closed_on": on.isoformat(), "note": note})
    return describe(r, [org])[0]


def get_honours_eligibility(uow: UnitOfWork, *, organisation_id: str | None = None,
                            person_id: str | None = None) -> dict:
    """May a branch, or a person through their branches, receive honours? (≤2 stars bars them)

    A person's branches are all of theirs in the district, also those outside the caller's scope
    (the bar is the district's rule); one the caller does not see is not named."""
    POLICY.check(uow.ctx, "read ratings")
    r = Repository(uow)
    if bool(organisation_id) == bool(person_id):
        raise InvalidArgument("give exactly one of organisation_id or person_id", "organisation_id")
    if person_id:
        district = r.whole_district()
        orgs = [district.organisation(ms.organisation_id)
                for ms in district.all(m.Membership, m.Membership.person_id == r.person(person_id).id,
                                       m.Membership.ended_on.is_(None))]
    else:
        district, orgs = r, [r.organisation(organisation_id)]
    for org in orgs:
        latest = _latest_stars(district, org.id)
        under = _open_rectification(district, org.id) is not None
        if not rules.may_receive_honours(latest, under):
            why = "listed for rectification" if under else f"rated {latest} star(s)"
            name = org.name if r.visible(org) else "one of their branches"
            return out.honours(False, f"{name} is {why}: no honours for the branch or its people")
    return out.honours(True, "no bar")


def rectification_counts(uow: UnitOfWork) -> list[tuple[str, int]]:
    """(district, branches under rectification) for the business gauges."""
    r = Repository(uow)
    return list(r.session.execute(r.select(m.Rectification, m.Rectification.district, func.count())
                                  .where(m.Rectification.closed_on.is_(None))
                                  .group_by(m.Rectification.district)))
