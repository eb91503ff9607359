"""Star ratings from quarterly score sheets, with their consequences applied as rules."""
from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import func

from services.common import clock, paging
from services.common.db import UnitOfWork
from services.common.divisions import subdistrict_of
from services.common.errors import AlreadyExists, FailedPrecondition, InvalidArgument, NotFound
from services.common.tables import audit, audit_line
from services.common.values import date_or_today, parse_date, text
from services.registry import models as m
from services.registry import serializers as out
from services.registry.app import followups
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
    uow.flush()
    sub = subdistrict_of(org.division_code)
    # every consequence applied is written to the rating's own trail (GetRatingAudit), as it is done
    audit(uow, org.district, "rate branch", inspection.id, after={**out.rating(inspection), "sheet": inspection.items})
    rectification = _open_rectification(r, org.id)
    if rules.Consequence.RECTIFICATION in rating.consequences and rectification is None:
        rectification = r.add(m.Rectification(district=org.district, organisation_id=org.id,
                                              listed_on=clock.today(),
                                              reason=f"{rating.stars} star(s) in {year} Q{quarter}"))
        uow.flush()
        audit(uow, org.district, "list for rectification", inspection.id,
              after={"rectification_id": rectification.id, "reason": rectification.reason})
        uow.emit("branch.listed_for_rectification", org.district,
                 {"organisation_id": org.id, "organisation_name": org.name, "stars": rating.stars,
                  "year": int(year), "quarter": int(quarter), "rectification_id": rectification.id}, sub)
    if rules.Consequence.TAKEN_OVER in rating.consequences:
        committee = _working_committee(r, org)
        if committee is not None and committee.id != org.id and org.supervised_by_id != committee.id:
            audit(uow, org.district, "take over branch", inspection.id,
                  before={"supervised_by_id": org.supervised_by_id}, after={"supervised_by_id": committee.id})
            org.supervised_by_id = committee.id
            org.version += 1
            uow.emit("branch.taken_over", org.district,
                     {"organisation_id": org.id, "organisation_name": org.name, "committee_id": committee.id,
                      "committee_name": committee.name, "year": int(year), "quarter": int(quarter)}, sub)
    if rules.Consequence.REPLACE_SECRETARY in rating.consequences:
        for post in r.all(m.Post, m.Post.organisation_id == org.id, m.Post.title == "secretary",
                          m.Post.ended_on.is_(None)):
            if not post.flagged_for_replacement:
                post.flagged_for_replacement = True
                audit(uow, org.district, "flag secretary for replacement", inspection.id,
                      after={"post_id": post.id, "person_id": post.person_id})
            followups.open_follow_up(
                r, followups.BY_ELECTION, division_code=org.division_code, subject_id=org.id,
                organisation_id=org.id, opened_by=inspection.id,
                reason=f"one star two years running ({int(year) - 1} and {year} Q{quarter}): "
                       f"replace the secretary by a by-election")
    uow.flush()
    result = out.rating(inspection, rectification.id if rectification else None)
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
    before = {"supervised_by_id": org.supervised_by_id}
    org.supervised_by_id = None  # the community manages its branch again
    org.version += 1
    closed = {"rectification_id": rect.id, "closed_on": on.isoformat(), "note": note, "supervised_by_id": None}
    audit(uow, org.district, "close rectification", org.id, before, closed)
    audit(uow, org.district, "close rectification", rect.id, before, closed)  # the rating's trail reads it
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


# ---- what the sub-district follows: weak and lax branches, flagged secretaries, a rating's trail

def list_weak_branches(uow: UnitOfWork, *, subdistrict_code: str | None = None, taken_over_only: bool = False,
                       page_size: int = 0, page_token: str | None = None) -> dict:
    """Branches of the caller's scope (or of one sub-district in it) listed as weak and lax (软弱涣散:
    under rectification), longest listed first, each with its latest stars, who has taken it over (one
    star), its first secretary and whether its secretary is flagged for replacement.
    ``taken_over_only``: the one-star branches, which their working committee manages directly."""
    POLICY.check(uow.ctx, "read ratings")
    r = Repository(uow)
    size = paging.page_size(page_size)
    q = r.select(m.Rectification).where(m.Rectification.closed_on.is_(None))
    orgs = r.select(m.Organisation, m.Organisation.id)
    if subdistrict_code:
        sub = r.code(subdistrict_code, "subdistrict_code", "subdistrict", write=True)
        orgs = orgs.where(r.under(m.Organisation.division_code, sub))
    if taken_over_only:
        orgs = orgs.where(m.Organisation.supervised_by_id.is_not(None))
    if subdistrict_code or taken_over_only:
        q = q.where(m.Rectification.organisation_id.in_(orgs))
    filters = {"subdistrict_code": subdistrict_code, "taken_over_only": bool(taken_over_only)}
    found, token = paging.page(uow.session, q, (m.Rectification.listed_on, m.Rectification.id), size=size,
                               token=page_token, filters=filters, converters=(date.fromisoformat, None))
    ids = [rect.organisation_id for rect in found]
    by_id = {o.id: o for o in r.all(m.Organisation, m.Organisation.id.in_(ids))}
    committees = {o.id: o for o in r.whole_district().all(
        m.Organisation, m.Organisation.id.in_([o.supervised_by_id for o in by_id.values() if o.supervised_by_id]))}
    open_posts = r.all(m.Post, m.Post.organisation_id.in_(ids), m.Post.ended_on.is_(None),
                       m.Post.title.in_(("secretary", "first_secretary")))
    first = {p.organisation_id: p.person_id for p in open_posts if p.title == "first_secretary"}
    flagged = {p.organisation_id for p in open_posts if p.title == "secretary" and p.flagged_for_replacement}
    lines = []
    for rect in found:
        org = by_id[rect.organisation_id]
        latest = r.session.scalars(r.select(m.Inspection).where(m.Inspection.organisation_id == org.id).order_by(
            m.Inspection.year.desc(), m.Inspection.quarter.desc()).limit(1)).first()
        lines.append(out.weak_branch(org, rect, latest, committees.get(org.supervised_by_id), first.get(org.id),
                                     org.id in flagged))
    return out.page(lines, None, token)


def list_flagged_secretaries(uow: UnitOfWork, *, subdistrict_code: str | None = None, page_size: int = 0,
                             page_token: str | None = None) -> dict:
    """Secretaries of the caller's scope (or of one sub-district in it) flagged for replacement (one
    star two years running) and still in post: each branch has a by-election task (ListFollowUps)."""
    POLICY.check(uow.ctx, "read ratings")
    r = Repository(uow)
    size = paging.page_size(page_size)
    q = r.select(m.Post).where(m.Post.flagged_for_replacement.is_(True), m.Post.ended_on.is_(None))
    if subdistrict_code:
        sub = r.code(subdistrict_code, "subdistrict_code", "subdistrict", write=True)
        q = q.where(m.Post.organisation_id.in_(r.select(m.Organisation, m.Organisation.id).where(
            r.under(m.Organisation.division_code, sub))))
    found, token = paging.page(uow.session, q, (m.Post.id,), size=size, token=page_token,
                               filters={"subdistrict_code": subdistrict_code})
    return out.page(found, out.post, token)


def get_rating_audit(uow: UnitOfWork, *, organisation_id: str, year: int, quarter: int, page_size: int = 0,
                     page_token: str | None = None) -> dict:
    """The audit trail of one rating (留痕): who rated the branch and when, the score sheet, and each
    consequence applied (listing for rectification, takeover, the secretary flagged, the follow-up
    opened), then the closing of the rectification it opened. Oldest first; read as the branch is."""
    POLICY.check(uow.ctx, "read ratings")
    r = Repository(uow)
    org = r.organisation(organisation_id)
    rules.check_quarter(year, quarter)
    inspection = r.first(m.Inspection, m.Inspection.organisation_id == org.id, m.Inspection.year == int(year),
                         m.Inspection.quarter == int(quarter))
    if inspection is None:
        raise NotFound(f"{org.name} has no rating for {year} Q{quarter}", "quarter")
    size = paging.page_size(page_size)
    # the rectification this rating opened (if it did) is read back with its closing
    opened = [row.after["rectification_id"] for row in r.all(
        m.AuditEntry, m.AuditEntry.subject == inspection.id, m.AuditEntry.action == "list for rectification")]
    q = r.select(m.AuditEntry).where(m.AuditEntry.subject.in_([inspection.id, *opened]))
    found, token = paging.page(uow.session, q, (m.AuditEntry.at, m.AuditEntry.id), size=size, token=page_token,
                               filters={"inspection_id": inspection.id}, converters=(datetime.fromisoformat, None))
    return {"organisation_id": org.id, "year": int(year), "quarter": int(quarter), "rating_id": inspection.id,
            **out.page(found, audit_line, token)}
