"""People, memberships, posts and terms, reserve cadres, in-service and floating members."""
from __future__ import annotations

from datetime import timedelta

from sqlalchemy import func, select

from services.common import clock

from services.common.db import UnitOfWork
from services.common.errors import AlreadyExists, FailedPrecondition, InvalidArgument, NotFound
from services.registry import models as m
from services.registry import serializers as out
from services.registry.app._base import audit, optional_text, repo
from services.registry.app.organisations import _active, subdistrict_of
from services.registry.app.territory import require_division
from services.registry.domain import people as rules
from services.registry.domain.organisations import PARTY_UNIT_KINDS, Kind
from services.registry.permissions import POLICY, STAFF


def _show_contact(uow: UnitOfWork, person: m.Person) -> bool:
    """Contacts are shown in full only to staff working in the person's community."""
    return uow.ctx.has_any(*STAFF) and bool(person.home_community) and \
        uow.ctx.can_change_division(person.home_community)


def _person_out(uow, person):
    return out.person(person, _show_contact(uow, person))


def _date(value, field):
    return rules.parse_date(value, field) if value else clock.today()


def register_person(uow: UnitOfWork, *, name: str, phone: str | None = None, home_community: str | None = None,
                    is_member: bool = False, member_category: str | None = None, home_study: bool = False,
                    external_ref: str | None = None) -> dict:
    POLICY.check(uow.ctx, "change people")
    if not name or not name.strip():
        raise InvalidArgument("is required", "name")
    if len(name) > 100:
        raise InvalidArgument("must be at most 100 characters", "name")
    rules.check_category(member_category or None, bool(is_member))
    phone = rules.check_phone(phone)
    if home_community:
        community = require_division(uow, home_community, ("community",), "home_community")
        district = community.district
    else:
        if uow.ctx.district is None:
            raise InvalidArgument("is required for a city-wide caller", "home_community")
        district = uow.ctx.district
    r = repo(uow)
    if external_ref and r.first(m.Person, m.Person.external_ref == external_ref, m.Person.district == district):
        raise AlreadyExists(f"a person with reference {external_ref!r} already exists", "external_ref")
    person = r.add(m.Person(district=district, name=name.strip(), phone=phone, home_community=home_community or None,
                            is_member=bool(is_member), member_category=member_category or None,
                            home_study=bool(home_study), external_ref=external_ref or None))
    uow.flush()
    audit(uow, district, "register person", person.id, after=out.person(person))
    return _person_out(uow, person)


def get_person(uow: UnitOfWork, *, id: str) -> dict:
    POLICY.check(uow.ctx, "read people")
    return _person_out(uow, repo(uow).person(id, "id"))


def list_people(uow: UnitOfWork, *, community_code: str | None = None, member_category: str | None = None,
                members_only: bool = False, home_study: bool = False) -> dict:
    POLICY.check(uow.ctx, "read people")
    r = repo(uow)
    where = []
    if community_code:
        r.division(community_code, "community_code")
        where.append(m.Person.home_community.startswith(community_code))
    if member_category:
        rules.check_category(member_category, True)
        where.append(m.Person.member_category == member_category)
    if members_only:
        where.append(m.Person.is_member.is_(True))
    if home_study:
        where.append(m.Person.home_study.is_(True))
    return {"items": [_person_out(uow, p) for p in r.all(m.Person, *where, order_by=m.Person.name)]}


def join_organisation(uow: UnitOfWork, *, person_id: str, organisation_id: str, started_on: str | None = None,
                      transfer: bool = False) -> dict:
    """A person joins an organisation. Party membership sits in one unit at a time (transfer moves it)."""
    POLICY.check(uow.ctx, "change memberships")
    r = repo(uow)
    person = r.person(person_id)
    org = _active(r.organisation(organisation_id), "organisation_id")
    uow.ctx.check_scope(org.division_code, "organisation_id", write=True)
    on = _date(started_on, "started_on")
    if r.first(m.Membership, m.Membership.person_id == person.id, m.Membership.organisation_id == org.id,
               m.Membership.ended_on.is_(None)):
        raise AlreadyExists("is already a member of this organisation", "person_id")
    moved_from = None
    if org.kind in PARTY_UNIT_KINDS:
        if not person.is_member:
            raise FailedPrecondition("only party members join a party organisation", "person_id")
        current = [ms for ms in r.all(m.Membership, m.Membership.person_id == person.id,
                                      m.Membership.ended_on.is_(None))
                   if uow.session.get(m.Organisation, ms.organisation_id).kind in PARTY_UNIT_KINDS]
        if current and not transfer:
            raise FailedPrecondition("already belongs to a party organisation; set transfer to move the membership",
                                     "transfer")
        for ms in current:
            ms.ended_on, ms.end_reason = on, f"transferred to {org.id}"
            moved_from = ms.organisation_id
    membership = r.add(m.Membership(district=org.district, person_id=person.id, organisation_id=org.id,
                                    started_on=on))
    uow.flush()
    audit(uow, org.district, "join organisation", membership.id, after=out.membership(membership))
    uow.emit("membership.changed", org.district,
             {"person_id": person.id, "organisation_id": org.id, "membership_id": membership.id,
              "change": "transferred" if moved_from else "joined", "from_organisation_id": moved_from,
              "member_category": person.member_category}, subdistrict_of(org.division_code))
    return out.membership(membership)


def end_membership(uow: UnitOfWork, *, id: str, ended_on: str | None = None, reason: str | None = None) -> dict:
    POLICY.check(uow.ctx, "change memberships")
    r = repo(uow)
    ms = r.get(m.Membership, id, "id", "membership")
    if ms.ended_on is not None:
        raise FailedPrecondition(f"ended on {ms.ended_on}", "id")
    org = r.organisation(ms.organisation_id)
    uow.ctx.check_scope(org.division_code, "id", write=True)
    on = _date(ended_on, "ended_on")
    if on < ms.started_on:
        raise InvalidArgument(f"must not be before the start {ms.started_on}", "ended_on")
    before = out.membership(ms)
    ms.ended_on, ms.end_reason = on, optional_text(reason, "reason")
    audit(uow, ms.district, "end membership", ms.id, before, out.membership(ms), reason)
    uow.emit("membership.changed", ms.district, {"person_id": ms.person_id, "organisation_id": org.id,
                                                 "membership_id": ms.id, "change": "ended", "reason": reason},
             subdistrict_of(org.division_code))
    return out.membership(ms)


def list_memberships(uow: UnitOfWork, *, person_id: str | None = None, organisation_id: str | None = None,
                     include_ended: bool = False) -> dict:
    POLICY.check(uow.ctx, "read people")
    if not person_id and not organisation_id:
        raise InvalidArgument("give person_id or organisation_id", "person_id")
    r = repo(uow)
    where = []
    if person_id:
        where.append(m.Membership.person_id == r.person(person_id).id)
    if organisation_id:
        where.append(m.Membership.organisation_id == r.organisation(organisation_id).id)
    if not include_ended:
        where.append(m.Membership.ended_on.is_(None))
    return {"items": [out.membership(x) for x in r.all(m.Membership, *where, order_by=m.Membership.started_on)]}


def _open_post(uow, org, person, title, how, start, end, dispatched_from=None) -> m.Post:
    rules.check_title(title)
    rules.check_term(start, end)
    holders = repo(uow).all(m.Post, m.Post.organisation_id == org.id, m.Post.title == title,
                            m.Post.ended_on.is_(None))
    rules.check_vacancy(title, len(holders))
    post = m.Post(district=org.district, organisation_id=org.id, person_id=person.id, title=title, how=how,
                  term_start=start, term_end=end, dispatched_from=dispatched_from)
    uow.session.add(post)
    uow.flush()
    audit(uow, org.district, f"open post ({how})", post.id, after=out.post(post))
    uow.emit("membership.changed", org.district,
             {"person_id": person.id, "organisation_id": org.id, "change": "post_started", "title": title,
              "how": how, "term_end": end.isoformat()}, subdistrict_of(org.division_code))
    return post


def appoint_post(uow: UnitOfWork, *, organisation_id: str, person_id: str, title: str,
                 term_start: str | None = None, term_end: str | None = None) -> dict:
    POLICY.check(uow.ctx, "change posts")
    r = repo(uow)
    org = _active(r.organisation(organisation_id), "organisation_id")
    uow.ctx.check_scope(org.division_code, "organisation_id", write=True)
    person = r.person(person_id)
    start = _date(term_start, "term_start")
    end = rules.parse_date(term_end, "term_end") if term_end else rules.term_end(start)
    if title == "first_secretary":
        raise InvalidArgument("first secretaries are dispatched to rectified branches (DispatchFirstSecretary)",
                              "title")
    return out.post(_open_post(uow, org, person, title, "appointment", start, end))


def end_post(uow: UnitOfWork, *, id: str, ended_on: str | None = None, reason: str | None = None) -> dict:
    POLICY.check(uow.ctx, "change posts")
    r = repo(uow)
    post = r.get(m.Post, id, "id", "post")
    if post.ended_on is not None:
        raise FailedPrecondition(f"ended on {post.ended_on}", "id")
    org = r.organisation(post.organisation_id)
    uow.ctx.check_scope(org.division_code, "id", write=True)
    on = _date(ended_on, "ended_on")
    if on < post.term_start:
        raise InvalidArgument(f"must not be before the term's start {post.term_start}", "ended_on")
    before = out.post(post)
    post.ended_on, post.end_reason = on, optional_text(reason, "reason")
    audit(uow, post.district, "end post", post.id, before, out.post(post), reason)
    uow.emit("membership.changed", post.district,
             {"person_id": post.person_id, "organisation_id": org.id, "change": "post_ended", "title": post.title},
             subdistrict_of(org.division_code))
    return out.post(post)


def hold_election(uow: UnitOfWork, *, organisation_id: str, held_on: str, elected: list[dict]) -> dict:
    """换届选举: every running post of the organisation ends; the elected start a new term."""
    POLICY.check(uow.ctx, "hold elections")
    r = repo(uow)
    org = _active(r.organisation(organisation_id), "organisation_id")
    uow.ctx.check_scope(org.division_code, "organisation_id", write=True)
    on = rules.parse_date(held_on, "held_on")
    if not elected:
        raise InvalidArgument("name who was elected", "elected")
    titles = [e.get("title") for e in elected]
    for i, e in enumerate(elected):
        if not e.get("person_id"):
            raise InvalidArgument("is required", f"elected[{i}].person_id")
        try:
            rules.check_title(e.get("title"))
        except InvalidArgument as exc:
            raise InvalidArgument(exc.message, f"elected[{i}].title")
        if e["title"] == "first_secretary":
            raise InvalidArgument("first secretaries are dispatched, not elected", f"elected[{i}].title")
    if "secretary" not in titles:
        raise InvalidArgument("an election must elect a secretary", "elected")
    people = [r.person(e["person_id"], f"elected[{i}].person_id") for i, e in enumerate(elected)]
    for post in r.all(m.Post, m.Post.organisation_id == org.id, m.Post.ended_on.is_(None),
                      m.Post.how != "dispatch"):
        post.ended_on, post.end_reason = on, "term ended by election"
    end = rules.term_end(on)
    posts = [_open_post(uow, org, p, e["title"], "election", on, end) for p, e in zip(people, elected)]
    return {"items": [out.post(p) for p in posts]}


def hold_by_election(uow: UnitOfWork, *, organisation_id: str, held_on: str, person_id: str, title: str) -> dict:
    """补选: fill one vacancy until the running term ends."""
    POLICY.check(uow.ctx, "hold elections")
    r = repo(uow)
    org = _active(r.organisation(organisation_id), "organisation_id")
    uow.ctx.check_scope(org.division_code, "organisation_id", write=True)
    on = rules.parse_date(held_on, "held_on")
    person = r.person(person_id)
    rules.check_title(title)
    running = uow.session.scalar(select(func.max(m.Post.term_end)).where(
        m.Post.organisation_id == org.id, m.Post.how == "election"))
    end = rules.by_election_term(running, on)
    return out.post(_open_post(uow, org, person, title, "by_election", on, end))


def list_posts(uow: UnitOfWork, *, organisation_id: str | None = None, person_id: str | None = None,
               include_ended: bool = False) -> dict:
    POLICY.check(uow.ctx, "read people")
    r = repo(uow)
    where = []
    if organisation_id:
        where.append(m.Post.organisation_id == r.organisation(organisation_id).id)
    if person_id:
        where.append(m.Post.person_id == r.person(person_id).id)
    if not include_ended:
        where.append(m.Post.ended_on.is_(None))
    return {"items": [out.post(p) for p in r.all(m.Post, *where, order_by=(m.Post.term_start, m.Post.title))]}


def list_terms_ending(uow: UnitOfWork, *, within_days: int = 0, today: str | None = None) -> dict:
    POLICY.check(uow.ctx, "read people")
    days = int(within_days or rules.TERM_ENDING_NOTICE_DAYS)
    if not 1 <= days <= 3650:
        raise InvalidArgument("must be between 1 and 3650", "within_days")
    start = _date(today, "today")
    posts = repo(uow).all(m.Post, m.Post.ended_on.is_(None), m.Post.term_end >= start,
                          m.Post.term_end <= start + timedelta(days=days), order_by=m.Post.term_end)
    return {"items": [out.post(p) for p in posts]}


def notify_terms_ending(uow: UnitOfWork, today=None) -> int:
    """Timer: emit ``term.ending`` once per post whose term ends within the notice period."""
    today = today or clock.today()
    horizon = today + timedelta(days=rules.TERM_ENDING_NOTICE_DAYS)
    posts = list(uow.session.scalars(select(m.Post).where(
        m.Post.ended_on.is_(None), m.Post.term_ending_notified.is_(False), m.Post.term_end >= today,
        m.Post.term_end <= horizon)))
    for post in posts:
        org = uow.session.get(m.Organisation, post.organisation_id)
        post.term_ending_notified = True
        uow.emit("term.ending", post.district, {"post": out.post(post), "organisation_name": org.name,
                                                "days_left": (post.term_end - today).days},
                 subdistrict_of(org.division_code))
    return len(posts)


# ---- reserve cadres (后备干部)

def _reserve(uow, community_code) -> dict:
    ids = list(uow.session.scalars(select(m.ReserveCadre.person_id).where(
        m.ReserveCadre.community_code == community_code, m.ReserveCadre.until.is_(None))))
    return {"community_code": community_code, **rules.reserve_status(len(ids)), "person_ids": ids}


def add_reserve_cadre(uow: UnitOfWork, *, community_code: str, person_id: str) -> dict:
    POLICY.check(uow.ctx, "manage reserve cadres")
    community = require_division(uow, community_code, ("community",), "community_code")
    person = repo(uow).person(person_id)
    status = _reserve(uow, community.code)
    if person.id in status["person_ids"]:
        raise AlreadyExists("is already a reserve cadre of this community", "person_id")
    rules.check_reserve_room(status["count"])
    uow.session.add(m.ReserveCadre(district=community.district, community_code=community.code,
                                   person_id=person.id, since=clock.today()))
    uow.flush()
    audit(uow, community.district, "add reserve cadre", community.code, after={"person_id": person.id})
    return _reserve(uow, community.code)


def remove_reserve_cadre(uow: UnitOfWork, *, community_code: str, person_id: str) -> dict:
    POLICY.check(uow.ctx, "manage reserve cadres")
    community = require_division(uow, community_code, ("community",), "community_code")
    row = repo(uow).first(m.ReserveCadre, m.ReserveCadre.community_code == community.code,
                          m.ReserveCadre.person_id == person_id, m.ReserveCadre.until.is_(None))
    if row is None:
        raise NotFound("is not a reserve cadre of this community", "person_id")
    row.until = clock.today()
    audit(uow, community.district, "remove reserve cadre", community.code, before={"person_id": person_id})
    return _reserve(uow, community.code)


def get_reserve_status(uow: UnitOfWork, *, code: str) -> dict:
    POLICY.check(uow.ctx, "read people")
    community = require_division(uow, code, ("community",), "code", write=False)
    return _reserve(uow, community.code)


def list_reserve_shortfalls(uow: UnitOfWork, *, subdistrict_code: str | None = None) -> dict:
    """Communities with fewer than two reserve cadres: the warning list."""
    POLICY.check(uow.ctx, "read people")
    r = repo(uow)
    where = [m.Division.level == "community"]
    if subdistrict_code:
        r.division(subdistrict_code, "subdistrict_code")
        where.append(m.Division.code.startswith(subdistrict_code))
    statuses = [_reserve(uow, c.code) for c in r.all(m.Division, *where, order_by=m.Division.code)]
    return {"items": [s for s in statuses if s["warning"]]}


# ---- in-service members (在职党员) and floating members (流动党员)

def register_in_service(uow: UnitOfWork, *, person_id: str, community_code: str, employer_id: str,
                        volunteer_projects: list[str], published_contact: str | None = None,
                        registered_on: str | None = None) -> dict:
    """到社区报到: an in-service member registers with the home community and picks 1-2 projects."""
    POLICY.check(uow.ctx, "register in-service members")
    r = repo(uow)
    person = r.person(person_id)
    if not person.is_member:
        raise FailedPrecondition("only party members register as in-service members", "person_id")
    community = require_division(uow, community_code, ("community",), "community_code")
    employer = _active(r.organisation(employer_id, "employer_id"), "employer_id")
    if employer.kind not in (Kind.PARTNER_UNIT, Kind.ORGAN_BRANCH, Kind.NEW_ORG_BRANCH):
        raise InvalidArgument("must be a partner unit or an organ / new-organisation branch", "employer_id")
    projects = rules.check_volunteer_projects(volunteer_projects)
    contact = rules.check_phone(published_contact) if published_contact else None
    if r.first(m.InServiceRegistration, m.InServiceRegistration.person_id == person.id):
        raise AlreadyExists("is already registered with a community", "person_id")
    reg = r.add(m.InServiceRegistration(district=community.district, person_id=person.id,
                                        community_code=community.code, employer_id=employer.id,
                                        published_contact=contact, volunteer_projects=projects,
                                        registered_on=_date(registered_on, "registered_on")))
    person.status = "in_service"
    uow.flush()
    audit(uow, community.district, "register in-service member", person.id, after=out.in_service(reg))
    uow.emit("membership.changed", community.district,
             {"person_id": person.id, "change": "registered_in_service", "community_code": community.code,
              "employer_id": employer.id, "volunteer_projects": projects}, subdistrict_of(community.code))
    return out.in_service(reg)


def record_volunteer_service(uow: UnitOfWork, *, person_id: str, project: str, hours: float,
                             served_on: str | None = None, note: str | None = None) -> dict:
    POLICY.check(uow.ctx, "record volunteer service")
    r = repo(uow)
    reg = r.first(m.InServiceRegistration, m.InServiceRegistration.person_id == r.person(person_id).id)
    if reg is None:
        raise FailedPrecondition("is not registered as an in-service member", "person_id")
    uow.ctx.check_scope(reg.community_code, "person_id", write=True)
    if project not in reg.volunteer_projects:
        raise InvalidArgument(f"is not one of the member's projects ({', '.join(reg.volunteer_projects)})", "project")
    served = _date(served_on, "served_on")
    if served > clock.today():
        raise InvalidArgument("must not be in the future", "served_on")
    record = r.add(m.VolunteerRecord(district=reg.district, person_id=reg.person_id, project=project,
                                     served_on=served, hours=rules.check_hours(hours),
                                     note=optional_text(note, "note")))
    uow.flush()
    return out.volunteer(record)


def get_employer_feedback(uow: UnitOfWork, *, employer_id: str, from_date: str | None = None,
                          to_date: str | None = None) -> dict:
    """The record fed back to the employer: each registered employee's projects and service."""
    POLICY.check(uow.ctx, "read employer feedback")
    r = repo(uow)
    employer = r.organisation(employer_id, "employer_id")
    start = rules.parse_date(from_date, "from_date") if from_date else clock.today().replace(month=1, day=1)
    end = rules.parse_date(to_date, "to_date") if to_date else clock.today()
    if end < start:
        raise InvalidArgument("must not be before from_date", "to_date")
    lines = []
    for reg in r.all(m.InServiceRegistration, m.InServiceRegistration.employer_id == employer.id):
        person = uow.session.get(m.Person, reg.person_id)
        times, hours = uow.session.execute(select(func.count(), func.coalesce(func.sum(m.VolunteerRecord.hours), 0))
                                           .where(m.VolunteerRecord.person_id == reg.person_id,
                                                  m.VolunteerRecord.served_on >= start,
                                                  m.VolunteerRecord.served_on <= end)).one()
        lines.append({"person_id": person.id, "name": person.name, "community_code": reg.community_code,
                      "volunteer_projects": list(reg.volunteer_projects), "times": int(times),
                      "hours": float(hours)})
    return {"employer_id": employer.id, "from_date": start.isoformat(), "to_date": end.isoformat(),
            "members": sorted(lines, key=lambda x: x["name"])}


def register_floating_member(uow: UnitOfWork, *, person_id: str, branch_id: str, whereabouts: str,
                             left_on: str | None = None) -> dict:
    POLICY.check(uow.ctx, "change memberships")
    r = repo(uow)
    person = r.person(person_id)
    if not person.is_member:
        raise FailedPrecondition("only party members are recorded as floating members", "person_id")
    branch = _active(r.organisation(branch_id, "branch_id"), "branch_id")
    if branch.kind not in PARTY_UNIT_KINDS:
        raise InvalidArgument("must be a party branch", "branch_id")
    uow.ctx.check_scope(branch.division_code, "branch_id", write=True)
    where = optional_text(whereabouts, "whereabouts", 200)
    if not where:
        raise InvalidArgument("is required", "whereabouts")
    if r.first(m.FloatingRecord, m.FloatingRecord.person_id == person.id, m.FloatingRecord.returned_on.is_(None)):
        raise AlreadyExists("already has an open floating record", "person_id")
    rec = r.add(m.FloatingRecord(district=branch.district, person_id=person.id, branch_id=branch.id,
                                 whereabouts=where, left_on=_date(left_on, "left_on")))
    person.status = "floating"
    uow.flush()
    audit(uow, branch.district, "register floating member", person.id, after=out.floating(rec))
    uow.emit("membership.changed", branch.district, {"person_id": person.id, "organisation_id": branch.id,
                                                     "change": "floating"}, subdistrict_of(branch.division_code))
    return out.floating(rec)


def _floating(uow, id) -> m.FloatingRecord:
    rec = repo(uow).get(m.FloatingRecord, id, "id", "floating record")
    if rec.returned_on is not None:
        raise FailedPrecondition(f"the member returned on {rec.returned_on}", "id")
    return rec


def record_floating_report(uow: UnitOfWork, *, id: str, reported_on: str | None = None) -> dict:
    """A floating member's regular report (定期思想汇报)."""
    POLICY.check(uow.ctx, "change memberships")
    rec = _floating(uow, id)
    on = _date(reported_on, "reported_on")
    if on < rec.left_on:
        raise InvalidArgument(f"must not be before leaving on {rec.left_on}", "reported_on")
    rec.last_report_on = on
    return out.floating(rec)


def end_floating(uow: UnitOfWork, *, id: str, returned_on: str | None = None) -> dict:
    POLICY.check(uow.ctx, "change memberships")
    rec = _floating(uow, id)
    on = _date(returned_on, "returned_on")
    if on < rec.left_on:
        raise InvalidArgument(f"must not be before leaving on {rec.left_on}", "returned_on")
    rec.returned_on = on
    person = uow.session.get(m.Person, rec.person_id)
    person.status = "regular"
    audit(uow, rec.district, "floating member returned", person.id, after=out.floating(rec))
    return out.floating(rec)




def reserve_shortfall_counts(uow: UnitOfWork) -> list[tuple[str, int]]:
    """(district, communities with fewer than two reserve cadres) for the business gauges."""
    active = (select(m.ReserveCadre.community_code, func.count().label("n"))
              .where(m.ReserveCadre.until.is_(None)).group_by(m.ReserveCadre.community_code).subquery())
    rows = uow.session.execute(
        select(m.Division.district, func.count())
        .select_from(m.Division).outerjoin(active, active.c.community_code == m.Division.code)
        .where(m.Division.level == "community", func.coalesce(active.c.n, 0) < rules.RESERVE_MINIMUM)
        .group_by(m.Division.district))
    return list(rows)
