"""People, memberships, posts and terms, reserve cadres, in-service and floating members."""
from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import func

from services.common import clock, paging
from services.common.db import UnitOfWork
from services.common.divisions import level_of, subdistrict_of
from services.common.errors import AlreadyExists, FailedPrecondition, InvalidArgument, NotFound
from services.common.tables import audit
from services.common.values import date_or_today, parse_date, text
from services.registry import models as m
from services.registry import serializers as out
from services.registry.app import followups
from services.registry.app.organisations import active, ancestor_ids, emit_membership, subtree_ids
from services.registry.domain import people as rules
from services.registry.domain.organisations import PARTY_KINDS, PARTY_UNIT_KINDS, Kind
from services.registry.permissions import POLICY, STAFF
from services.registry.repository import Repository


def shows_contact(r: Repository, person) -> bool:
    """Contacts are shown in full only to staff working where the person lives (reads and exports alike)."""
    return r.ctx.has_any(*STAFF) and bool(person.home_community) and r.changeable(person)


def _person_out(r: Repository, person) -> dict:
    return out.person(person, shows_contact(r, person))


def register_person(uow: UnitOfWork, *, name: str, phone: str | None = None, home_community: str | None = None,
                    is_member: bool = False, member_category: str | None = None, home_study: bool = False,
                    external_ref: str | None = None) -> dict:
    POLICY.check(uow.ctx, "change people")
    name = text(name, "name", 100, required=True)
    if not name:
        raise InvalidArgument("is required", "name")
    rules.check_category(member_category or None, bool(is_member))
    phone = rules.check_phone(phone)
    external_ref = text(external_ref, "external_ref", 64)  # the column's width: a longer one crashed the insert
    r = Repository(uow)
    if home_community:
        district = r.division(home_community, "home_community", ("community",), write=True).district
    else:
        district = r.district_for_write("home_community")
    person = m.Person(district=district, name=name, phone=phone, home_community=home_community or None,
                      is_member=bool(is_member), member_category=member_category or None,
                      home_study=bool(home_study), external_ref=external_ref or None)
    r.check_changeable(person, "home_community", "person")  # one of no community is the whole district's
    if external_ref and r.whole_district().exists(m.Person, m.Person.external_ref == external_ref):
        raise AlreadyExists(f"a person with reference {external_ref!r} already exists", "external_ref")
    r.add(person)
    uow.flush()
    audit(uow, district, "register person", person.id, after=out.person(person))
    return _person_out(r, person)


def get_person(uow: UnitOfWork, *, id: str) -> dict:
    POLICY.check(uow.ctx, "read people")
    r = Repository(uow)
    return _person_out(r, r.person_row(id, "id"))


def list_people(uow: UnitOfWork, *, community_code: str | None = None, member_category: str | None = None,
                members_only: bool = False, home_study: bool = False) -> dict:
    """The people of the caller's scope (of the whole district: also those of no community), or of a
    division inside it."""
    POLICY.check(uow.ctx, "read people")
    r = Repository(uow)
    where = []
    if community_code:
        where.append(r.under(m.Person.home_community, r.division(community_code, "community_code", write=True).code))
    if member_category:
        rules.check_category(member_category, True)
        where.append(m.Person.member_category == member_category)
    if members_only:
        where.append(m.Person.is_member.is_(True))
    if home_study:
        where.append(m.Person.home_study.is_(True))
    return out.items([_person_out(r, p) for p in r.all(m.Person, *where, order_by=m.Person.name)])


# ---- memberships

def _party_memberships(r: Repository, person_id: str) -> list[m.Membership]:
    """The person's running memberships of party units (one at a time)."""
    party_units = r.select(m.Organisation, m.Organisation.id).where(m.Organisation.kind.in_(PARTY_UNIT_KINDS))
    return r.all(m.Membership, m.Membership.person_id == person_id, m.Membership.ended_on.is_(None),
                 m.Membership.organisation_id.in_(party_units))


def join_organisation(uow: UnitOfWork, *, person_id: str, organisation_id: str, started_on: str | None = None,
                      transfer: bool = False) -> dict:
    """A person joins an organisation. Party membership sits in one unit at a time (transfer moves it)."""
    POLICY.check(uow.ctx, "change memberships")
    r = Repository(uow)
    person = r.person(person_id)
    org = active(r.organisation(organisation_id, write=True), "organisation_id")
    on = date_or_today(started_on, "started_on")
    if r.exists(m.Membership, m.Membership.person_id == person.id, m.Membership.organisation_id == org.id,
                m.Membership.ended_on.is_(None)):
        raise AlreadyExists("is already a member of this organisation", "person_id")
    moved_from = None
    if org.kind in PARTY_UNIT_KINDS:
        if not person.is_member:
            raise FailedPrecondition("only party members join a party organisation", "person_id")
        current = _party_memberships(r.whole_district(), person.id)  # wherever it is: the rule is the district's
        if current and not transfer:
            raise FailedPrecondition("already belongs to a party organisation; set transfer to move the membership",
                                     "transfer")
        for ms in current:
            r.check_changeable(ms, "transfer", "party membership")  # a transfer out of another scope is theirs
            ms.ended_on, ms.end_reason = on, f"transferred to {org.id}"
            moved_from = ms.organisation_id
    membership = r.add(m.Membership(district=org.district, person_id=person.id, organisation_id=org.id,
                                    started_on=on))
    uow.flush()
    audit(uow, org.district, "join organisation", membership.id, after=out.membership(membership))
    emit_membership(uow, org, {"person_id": person.id, "membership_id": membership.id,
                               "change": "transferred" if moved_from else "joined", "from_organisation_id": moved_from,
                               "member_category": person.member_category})
    return out.membership(membership)


def _end(r: Repository, model, id, ended_on, reason, shape, began: str, what: str):
    """End a running membership or post (``began``: the attribute of its start, ``what`` it is called):
    the record, its organisation, and the record as it was before."""
    row = r.get(model, id, "id", write=True)
    if row.ended_on is not None:
        raise FailedPrecondition(f"ended on {row.ended_on}", "id")
    org = r.organisation(row.organisation_id, "id")
    on, start = date_or_today(ended_on, "ended_on"), getattr(row, began)
    if on < start:
        raise InvalidArgument(f"must not be before {what} {start}", "ended_on")
    before = shape(row)
    row.ended_on, row.end_reason = on, text(reason, "reason", 500)
    return row, org, before


def end_membership(uow: UnitOfWork, *, id: str, ended_on: str | None = None, reason: str | None = None) -> dict:
    POLICY.check(uow.ctx, "change memberships")
    ms, org, before = _end(Repository(uow), m.Membership, id, ended_on, reason, out.membership, "started_on",
                           "the start")
    audit(uow, ms.district, "end membership", ms.id, before, out.membership(ms), reason)
    emit_membership(uow, org, {"person_id": ms.person_id, "membership_id": ms.id, "change": "ended",
                               "reason": reason})
    return out.membership(ms)


def _held(r: Repository, model, person_id, organisation_id, include_ended: bool, *order_by) -> list:
    """Memberships or posts the caller sees, of one person and/or one organisation it names."""
    where = [] if include_ended else [model.ended_on.is_(None)]
    if person_id:
        where.append(model.person_id == r.person(person_id).id)
    if organisation_id:
        where.append(model.organisation_id == r.organisation(organisation_id).id)
    return r.all(model, *where, order_by=order_by)


def list_memberships(uow: UnitOfWork, *, person_id: str | None = None, organisation_id: str | None = None,
                     include_ended: bool = False) -> dict:
    POLICY.check(uow.ctx, "read people")
    if not person_id and not organisation_id:
        raise InvalidArgument("give person_id or organisation_id", "person_id")
    rows = _held(Repository(uow), m.Membership, person_id, organisation_id, include_ended, m.Membership.started_on)
    return out.items(rows, out.membership)


# ---- posts and terms

def _check_holder(r: Repository, org: m.Organisation, person: m.Person, title: str,
                  field: str = "person_id") -> None:
    """A party organisation's post goes to one of its members (appointed, elected or by-elected alike);
    its members are those of the organisation and of the organisations beneath it. A community's
    mediation posts (judge, mediator) are not party posts."""
    if org.kind not in PARTY_KINDS or title in rules.COMMUNITY_POSTS:
        return
    units = [ms.organisation_id for ms in r.all(m.Membership, m.Membership.person_id == person.id,
                                                 m.Membership.ended_on.is_(None))]
    belongs = any(unit == org.id or org.id in ancestor_ids(r, r.first(m.Organisation, m.Organisation.id == unit))
                  for unit in units)
    rules.check_post_holder(person.is_member, belongs, field)


def _open_post(r: Repository, org, person, title, how, start, end, dispatched_from=None) -> m.Post:
    rules.check_title(title)
    rules.check_post_place(title, org.kind, level_of(org.division_code))
    rules.check_term(start, end)
    holders = r.all(m.Post, m.Post.organisation_id == org.id, m.Post.title == title, m.Post.ended_on.is_(None))
    rules.check_vacancy(title, len(holders))
    post = r.add(m.Post(district=org.district, organisation_id=org.id, person_id=person.id, title=title, how=how,
                        term_start=start, term_end=end, dispatched_from=dispatched_from))
    r.uow.flush()
    audit(r.uow, org.district, f"open post ({how})", post.id, after=out.post(post))
    if title == "secretary":
        _secretary_taken(r, org, post)
    emit_membership(r.uow, org, {"person_id": person.id, "change": "post_started", "title": title, "how": how,
                                 "term_end": end.isoformat()})
    return post


def _secretary_taken(r: Repository, org: m.Organisation, post: m.Post) -> None:
    """A new secretary: the branch's by-election task is done, and a reserve cadre who took the post
    leaves the community's bench (后备干部 are kept for this post), which may leave it short."""
    followups.secretary_taken(r, org, post)
    whole = r.whole_district()
    for row in whole.all(m.ReserveCadre, m.ReserveCadre.person_id == post.person_id, m.ReserveCadre.until.is_(None)):
        row.until = post.term_start
        audit(r.uow, row.district, "reserve cadre took the secretary post", row.community_code,
              before={"person_id": row.person_id}, after={"post_id": post.id})
        r.uow.flush()
        followups.reserve_fell(whole, row.community_code, _bench(whole, row.community_code),
                               "a reserve cadre became secretary")


def appoint_post(uow: UnitOfWork, *, organisation_id: str, person_id: str, title: str,
                 term_start: str | None = None, term_end: str | None = None) -> dict:
    POLICY.check(uow.ctx, "change posts")
    r = Repository(uow)
    org = active(r.organisation(organisation_id, write=True), "organisation_id")
    person = r.person(person_id)
    start = date_or_today(term_start, "term_start")
    end = parse_date(term_end, "term_end") if term_end else rules.term_end(start)
    if title == "first_secretary":
        raise InvalidArgument("first secretaries are dispatched to rectified branches (DispatchFirstSecretary)",
                              "title")
    _check_holder(r, org, person, title)
    return out.post(_open_post(r, org, person, title, "appointment", start, end))


def end_post(uow: UnitOfWork, *, id: str, ended_on: str | None = None, reason: str | None = None) -> dict:
    POLICY.check(uow.ctx, "change posts")
    post, org, before = _end(Repository(uow), m.Post, id, ended_on, reason, out.post, "term_start",
                             "the term's start")
    audit(uow, post.district, "end post", post.id, before, out.post(post), reason)
    emit_membership(uow, org, {"person_id": post.person_id, "change": "post_ended", "title": post.title})
    return out.post(post)


def hold_election(uow: UnitOfWork, *, organisation_id: str, held_on: str, elected: list[dict]) -> dict:
    """换届选举: every running post of the organisation ends; the elected start a new term."""
    POLICY.check(uow.ctx, "hold elections")
    r = Repository(uow)
    org = active(r.organisation(organisation_id, write=True), "organisation_id")
    on = parse_date(held_on, "held_on")
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
        if e["title"] in rules.COMMUNITY_POSTS:
            raise InvalidArgument(f"a {e['title']} is appointed (AppointPost), not elected", f"elected[{i}].title")
        # said here, at the item: opening the second post would refuse it naming "title", a field this
        # request lacks, and ask for a by-election
        if e["title"] in rules.SINGLE_HOLDER_POSTS and e["title"] in titles[:i]:
            raise InvalidArgument(f"an election elects one {e['title']}", f"elected[{i}].title")
    if "secretary" not in titles:
        raise InvalidArgument("an election must elect a secretary", "elected")
    people = [r.person(e["person_id"], f"elected[{i}].person_id") for i, e in enumerate(elected)]
    for i, person in enumerate(people):  # before any running post ends
        _check_holder(r, org, person, elected[i]["title"], f"elected[{i}].person_id")
    # the two committees' party posts end; a dispatched first secretary and the community's mediation
    # posts are not elected, so they run on
    for post in r.all(m.Post, m.Post.organisation_id == org.id, m.Post.ended_on.is_(None),
                      m.Post.how != "dispatch", m.Post.title.in_(rules.PARTY_POSTS)):
        post.ended_on, post.end_reason = on, "term ended by election"
    end = rules.term_end(on)
    posts = [_open_post(r, org, p, e["title"], "election", on, end) for p, e in zip(people, elected)]
    return out.items(posts, out.post)


def hold_by_election(uow: UnitOfWork, *, organisation_id: str, held_on: str, person_id: str, title: str) -> dict:
    """补选: fill one vacancy until the running term ends."""
    POLICY.check(uow.ctx, "hold elections")
    r = Repository(uow)
    org = active(r.organisation(organisation_id, write=True), "organisation_id")
    on = parse_date(held_on, "held_on")
    person = r.person(person_id)
    rules.check_title(title)
    if title in rules.COMMUNITY_POSTS:
        raise InvalidArgument(f"a {title} is appointed (AppointPost), not elected", "title")
    if title != "first_secretary":  # a first secretary comes from outside the branch
        _check_holder(r, org, person, title)
    running = r.session.scalar(r.select(m.Post, func.max(m.Post.term_end)).where(
        m.Post.organisation_id == org.id, m.Post.how == "election"))
    end = rules.by_election_term(running, on)
    return out.post(_open_post(r, org, person, title, "by_election", on, end))


def list_posts(uow: UnitOfWork, *, organisation_id: str | None = None, person_id: str | None = None,
               include_ended: bool = False) -> dict:
    """Posts of the caller's scope (and of the committees above it), of one organisation or one person."""
    POLICY.check(uow.ctx, "read people")
    rows = _held(Repository(uow), m.Post, person_id, organisation_id, include_ended, m.Post.term_start, m.Post.title)
    return out.items(rows, out.post)


def list_terms_ending(uow: UnitOfWork, *, within_days: int = 0, this_quarter: bool = False, today: str | None = None,
                      organisation_id: str | None = None, community_code: str | None = None, page_size: int = 0,
                      page_token: str | None = None) -> dict:
    """Running posts of the caller's scope whose term ends within ``within_days`` (default: the notice
    period) or, with ``this_quarter``, by the end of this quarter; of one organisation (and those
    beneath it) or of one community's organisations, when named. Soonest first, by cursor."""
    POLICY.check(uow.ctx, "read people")
    r = Repository(uow)
    if this_quarter and within_days:
        raise InvalidArgument("give within_days or this_quarter, not both", "this_quarter")
    days = int(within_days or rules.TERM_ENDING_NOTICE_DAYS)
    if not 1 <= days <= 3650:
        raise InvalidArgument("must be between 1 and 3650", "within_days")
    start = date_or_today(today, "today")
    until = rules.quarter_end(start) if this_quarter else start + timedelta(days=days)
    size = paging.page_size(page_size)
    q = r.select(m.Post).where(m.Post.ended_on.is_(None), m.Post.term_end >= start, m.Post.term_end <= until)
    if organisation_id:
        q = q.where(m.Post.organisation_id.in_(subtree_ids(r, r.organisation(organisation_id))))
    if community_code:
        community = r.code(community_code, "community_code", "community")
        q = q.where(m.Post.organisation_id.in_(r.select(m.Organisation, m.Organisation.id).where(
            r.under(m.Organisation.division_code, community))))
    filters = {"from": start, "until": until, "organisation_id": organisation_id, "community_code": community_code}
    found, token = paging.page(uow.session, q, (m.Post.term_end, m.Post.id), size=size, token=page_token,
                               filters=filters, converters=(date.fromisoformat, None))
    return out.page(found, out.post, token)


def notify_terms_ending(uow: UnitOfWork, today=None) -> int:
    """Timer: emit ``term.ending`` once per post whose term ends within the notice period."""
    today = today or clock.today()
    horizon = today + timedelta(days=rules.TERM_ENDING_NOTICE_DAYS)
    r = Repository(uow)
    posts = r.all(m.Post, m.Post.ended_on.is_(None), m.Post.term_ending_notified.is_(False), m.Post.term_end >= today,
                  m.Post.term_end <= horizon)
    for post in posts:
        org = r.organisation(post.organisation_id)
        post.term_ending_notified = True
        uow.emit("term.ending", post.district, {"post": out.post(post), "organisation_name": org.name,
                                                "days_left": (post.term_end - today).days},
                 subdistrict_of(org.division_code))
    return len(posts)


# ---- reserve cadres (后备干部)

def _reserve(r: Repository, community_code: str) -> dict:
    ids = list(r.session.scalars(r.select(m.ReserveCadre, m.ReserveCadre.person_id).where(
        m.ReserveCadre.community_code == community_code, m.ReserveCadre.until.is_(None))))
    return out.reserve_status(community_code, ids, rules.reserve_status(len(ids)))


def _bench(r: Repository, community_code: str) -> int:
    return _reserve(r, community_code)["count"]


def add_reserve_cadre(uow: UnitOfWork, *, community_code: str, person_id: str) -> dict:
    POLICY.check(uow.ctx, "manage reserve cadres")
    r = Repository(uow)
    community = r.division(community_code, "community_code", ("community",), write=True)
    person = r.person(person_id)
    rules.check_reserve_cadre(person.is_member, person.home_community, community.code)
    status = _reserve(r, community.code)
    if person.id in status["person_ids"]:
        raise AlreadyExists("is already a reserve cadre of this community", "person_id")
    rules.check_reserve_room(status["count"])
    r.add(m.ReserveCadre(district=community.district, community_code=community.code, person_id=person.id,
                         since=clock.today()))
    uow.flush()
    audit(uow, community.district, "add reserve cadre", community.code, after={"person_id": person.id})
    status = _reserve(r, community.code)
    followups.reserve_grew(r, community.code, status["count"])
    return status


def remove_reserve_cadre(uow: UnitOfWork, *, community_code: str, person_id: str) -> dict:
    POLICY.check(uow.ctx, "manage reserve cadres")
    r = Repository(uow)
    community = r.division(community_code, "community_code", ("community",), write=True)
    row = r.first(m.ReserveCadre, m.ReserveCadre.community_code == community.code,
                  m.ReserveCadre.person_id == person_id, m.ReserveCadre.until.is_(None))
    if row is None:
        raise NotFound("is not a reserve cadre of this community", "person_id")
    row.until = clock.today()
    audit(uow, community.district, "remove reserve cadre", community.code, before={"person_id": person_id})
    uow.flush()
    status = _reserve(r, community.code)
    followups.reserve_fell(r, community.code, status["count"], "a reserve cadre was removed")
    return status


def get_reserve_status(uow: UnitOfWork, *, code: str) -> dict:
    POLICY.check(uow.ctx, "read people")
    r = Repository(uow)
    return _reserve(r, r.division(code, "code", ("community",)).code)


def list_reserve_shortfalls(uow: UnitOfWork, *, subdistrict_code: str | None = None) -> dict:
    """Communities of the caller's scope (or of one sub-district in it) with fewer than two reserve cadres."""
    POLICY.check(uow.ctx, "read people")
    r = Repository(uow)
    where = [m.Division.level == "community"]
    if subdistrict_code:
        sub = r.division(subdistrict_code, "subdistrict_code", ("subdistrict",), write=True)
        where.append(r.under(m.Division.code, sub.code))
    statuses = [_reserve(r, c.code) for c in r.all(m.Division, *where, order_by=m.Division.code)]
    return out.items([s for s in statuses if s["warning"]])


def reserve_shortfall_counts(uow: UnitOfWork) -> list[tuple[str, int]]:
    """(district, communities with fewer than two reserve cadres) for the business gauges."""
    r = Repository(uow)
    bench = (r.select(m.ReserveCadre, m.ReserveCadre.community_code, func.count().label("n"))
             .where(m.ReserveCadre.until.is_(None)).group_by(m.ReserveCadre.community_code).subquery())
    rows = r.session.execute(
        r.select(m.Division, m.Division.district, func.count())
        .select_from(m.Division).outerjoin(bench, bench.c.community_code == m.Division.code)
        .where(m.Division.level == "community", func.coalesce(bench.c.n, 0) < rules.RESERVE_MINIMUM)
        .group_by(m.Division.district))
    return list(rows)


# ---- in-service members (在职党员) and floating members (流动党员)

def _party_member(r: Repository, person_id: str, what: str) -> m.Person:
    """A party member the caller may change (the status follows what is recorded), else FailedPrecondition."""
    person = r.person(person_id, write=True)
    if not person.is_member:
        raise FailedPrecondition(f"only party members {what}", "person_id")
    return person


def register_in_service(uow: UnitOfWork, *, person_id: str, community_code: str, employer_id: str,
                        volunteer_projects: list[str], published_contact: str | None = None,
                        registered_on: str | None = None) -> dict:
    """到社区报到: an in-service member registers with the home community and picks 1-2 projects."""
    POLICY.check(uow.ctx, "register in-service members")
    r = Repository(uow)
    person = _party_member(r, person_id, "register as in-service members")
    community = r.division(community_code, "community_code", ("community",), write=True)
    employer = active(r.organisation(employer_id, "employer_id"), "employer_id")
    if employer.kind not in (Kind.PARTNER_UNIT, Kind.ORGAN_BRANCH, Kind.NEW_ORG_BRANCH):
        raise InvalidArgument("must be a partner unit or an organ / new-organisation branch", "employer_id")
    projects = rules.check_volunteer_projects(volunteer_projects)
    contact = rules.check_phone(published_contact, "published_contact") if published_contact else None
    if r.whole_district().exists(m.InServiceRegistration, m.InServiceRegistration.person_id == person.id):
        raise AlreadyExists("is already registered with a community", "person_id")
    reg = r.add(m.InServiceRegistration(district=community.district, person_id=person.id,
                                        community_code=community.code, employer_id=employer.id,
                                        published_contact=contact, volunteer_projects=projects,
                                        registered_on=date_or_today(registered_on, "registered_on")))
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
    r = Repository(uow)
    person = r.person(person_id)
    reg = r.first(m.InServiceRegistration, m.InServiceRegistration.person_id == person.id)
    if reg is None:
        raise FailedPrecondition("is not registered as an in-service member", "person_id")
    r.check_changeable(reg, "person_id", "in-service registration")
    if project not in reg.volunteer_projects:
        raise InvalidArgument(f"is not one of the member's projects ({', '.join(reg.volunteer_projects)})", "project")
    served = date_or_today(served_on, "served_on")
    if served > clock.today():
        raise InvalidArgument("must not be in the future", "served_on")
    record = r.add(m.VolunteerRecord(district=reg.district, person_id=reg.person_id, project=project,
                                     served_on=served, hours=rules.check_hours(hours), note=text(note, "note", 500)))
    uow.flush()
    return out.volunteer(record)


def get_employer_feedback(uow: UnitOfWork, *, employer_id: str, from_date: str | None = None,
                          to_date: str | None = None) -> dict:
    """The record fed back to the employer: each registered employee's projects and service (those the
    caller sees: a community's staff, the employees registered with it)."""
    POLICY.check(uow.ctx, "read employer feedback")
    r = Repository(uow)
    employer = r.organisation(employer_id, "employer_id")
    start, end = _period(from_date, to_date)
    regs = r.all(m.InServiceRegistration, m.InServiceRegistration.employer_id == employer.id)
    ids = [reg.person_id for reg in regs]
    people = {p.id: p for p in r.all(m.Person, m.Person.id.in_(ids))}
    service = _service_done(r, ids, start, end)
    lines = [out.feedback_line(people[reg.person_id], reg, *service.get(reg.person_id, (0, 0)))
             for reg in regs if reg.person_id in people]
    return out.employer_feedback(employer, start, end, lines)


def _service_done(r: Repository, person_ids: list[str], start: date, end: date) -> dict[str, tuple[int, float]]:
    """(times, hours) of volunteer service each person did from ``start`` to ``end``."""
    return {pid: (times, hours) for pid, times, hours in r.session.execute(
        r.select(m.VolunteerRecord, m.VolunteerRecord.person_id, func.count(),
                 func.coalesce(func.sum(m.VolunteerRecord.hours), 0))
        .where(m.VolunteerRecord.person_id.in_(person_ids), m.VolunteerRecord.served_on >= start,
               m.VolunteerRecord.served_on <= end)
        .group_by(m.VolunteerRecord.person_id))}


def _period(from_date: str | None, to_date: str | None) -> tuple[date, date]:
    """The period asked for: from ``from_date`` (default: the first of January) to ``to_date`` (today)."""
    start = parse_date(from_date, "from_date") if from_date else clock.today().replace(month=1, day=1)
    end = date_or_today(to_date, "to_date")
    if end < start:
        raise InvalidArgument("must not be before from_date", "to_date")
    return start, end


def list_in_service_members(uow: UnitOfWork, *, community_code: str, from_date: str | None = None,
                            to_date: str | None = None, page_size: int = 0, page_token: str | None = None) -> dict:
    """The in-service members registered with a community (到社区报到), each with the employer, the
    projects picked and the service done in the period (default: this year to today), by cursor."""
    POLICY.check(uow.ctx, "read people")
    r = Repository(uow)
    community = r.code(community_code, "community_code", "community")
    start, end = _period(from_date, to_date)
    size = paging.page_size(page_size)
    q = r.select(m.InServiceRegistration).where(m.InServiceRegistration.community_code == community)
    regs, token = paging.page(uow.session, q, (m.InServiceRegistration.id,), size=size, token=page_token,
                              filters={"community_code": community, "from": start, "to": end})
    ids = [reg.person_id for reg in regs]
    people = {p.id: p for p in r.whole_district().all(m.Person, m.Person.id.in_(ids))}
    employers = {o.id: o.name for o in r.whole_district().all(
        m.Organisation, m.Organisation.id.in_([reg.employer_id for reg in regs]))}
    service = _service_done(r.whole_district(), ids, start, end)
    lines = [out.in_service_member(reg, people[reg.person_id], employers.get(reg.employer_id, ""),
                                   *service.get(reg.person_id, (0, 0))) for reg in regs]
    return out.in_service_page(community, start, end, lines, token)


def register_floating_member(uow: UnitOfWork, *, person_id: str, branch_id: str, whereabouts: str,
                             left_on: str | None = None) -> dict:
    POLICY.check(uow.ctx, "change memberships")
    r = Repository(uow)
    person = _party_member(r, person_id, "are recorded as floating members")
    branch = active(r.organisation(branch_id, "branch_id", write=True), "branch_id")
    if branch.kind not in PARTY_UNIT_KINDS:
        raise InvalidArgument("must be a party branch", "branch_id")
    where = text(whereabouts, "whereabouts", 200, required=True)
    if not where:
        raise InvalidArgument("is required", "whereabouts")
    if r.whole_district().exists(m.FloatingRecord, m.FloatingRecord.person_id == person.id,
                                 m.FloatingRecord.returned_on.is_(None)):
        raise AlreadyExists("already has an open floating record", "person_id")
    rec = r.add(m.FloatingRecord(district=branch.district, person_id=person.id, branch_id=branch.id,
                                 whereabouts=where, left_on=date_or_today(left_on, "left_on")))
    person.status = "floating"
    uow.flush()
    audit(uow, branch.district, "register floating member", person.id, after=out.floating(rec))
    emit_membership(uow, branch, {"person_id": person.id, "change": "floating"})
    return out.floating(rec)


def _floating(r: Repository, id) -> m.FloatingRecord:
    rec = r.get(m.FloatingRecord, id, "id", "floating record", write=True)
    if rec.returned_on is not None:
        raise FailedPrecondition(f"the member returned on {rec.returned_on}", "id")
    return rec


def record_floating_report(uow: UnitOfWork, *, id: str, reported_on: str | None = None) -> dict:
    """A floating member's regular report (定期思想汇报)."""
    POLICY.check(uow.ctx, "change memberships")
    rec = _floating(Repository(uow), id)
    on = date_or_today(reported_on, "reported_on")
    if on < rec.left_on:
        raise InvalidArgument(f"must not be before leaving on {rec.left_on}", "reported_on")
    rec.last_report_on = on
    return out.floating(rec)


def end_floating(uow: UnitOfWork, *, id: str, returned_on: str | None = None) -> dict:
    POLICY.check(uow.ctx, "change memberships")
    r = Repository(uow)
    rec = _floating(r, id)
    on = date_or_today(returned_on, "returned_on")
    if on < rec.left_on:
        raise InvalidArgument(f"must not be before leaving on {rec.left_on}", "returned_on")
    person = r.person(rec.person_id, "id", write=True)
    rec.returned_on = on
    person.status = "regular"
    audit(uow, rec.district, "floating member returned", person.id, after=out.floating(rec))
    return out.floating(rec)


def list_overdue_floating_reports(uow: UnitOfWork, *, branch_id: str | None = None,
                                  community_code: str | None = None, today: str | None = None, page_size: int = 0,
                                  page_token: str | None = None) -> dict:
    """Floating members of the caller's scope (of one branch, or of one community's branches) whose
    report is overdue on ``today``: none for six months since the last one (or since leaving)."""
    POLICY.check(uow.ctx, "read people")
    r = Repository(uow)
    on = date_or_today(today, "today")
    size = paging.page_size(page_size)
    last = func.coalesce(m.FloatingRecord.last_report_on, m.FloatingRecord.left_on)
    q = r.select(m.FloatingRecord).where(m.FloatingRecord.returned_on.is_(None),
                                         last < rules.floating_overdue_before(on))
    if branch_id:
        q = q.where(m.FloatingRecord.branch_id == r.organisation(branch_id, "branch_id").id)
    if community_code:
        community = r.code(community_code, "community_code", "community")
        q = q.where(m.FloatingRecord.branch_id.in_(r.select(m.Organisation, m.Organisation.id).where(
            r.under(m.Organisation.division_code, community))))
    found, token = paging.page(uow.session, q, (m.FloatingRecord.left_on, m.FloatingRecord.id), size=size,
                               token=page_token, filters={"branch_id": branch_id, "community_code": community_code,
                                                          "today": on}, converters=(date.fromisoformat, None))
    return out.page([out.floating(f, rules.floating_report_due(f.left_on, f.last_report_on), on) for f in found],
                    None, token)
