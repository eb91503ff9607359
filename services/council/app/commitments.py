"""Commitments (承诺、践诺、评诺): a member unit or a party member promises for a year, records keeping the
promise, and the community's residents evaluate it, each once. The rules are
services/council/domain/commitments.py."""
from __future__ import annotations

from datetime import date

from services.common import clock, paging
from services.common.db import UnitOfWork
from services.common.divisions import subdistrict_of
from services.common.errors import AlreadyExists, FailedPrecondition, InvalidArgument, NotFound, PermissionDenied
from services.common.registry_client import person_in, resident_of
from services.common.tables import audit
from services.common.usecase import CONFLICTS
from services.common.values import parse_date, text
from services.common.context import Role as R
from services.council import models as m
from services.council import serializers as out
from services.council.app.councils import members_of
from services.council.domain import commitments as rules
from services.council.permissions import POLICY, STAFF
from services.council.repository import Repository

# two evaluations of one resident racing (PostgreSQL's unique key): the second is told
CONFLICTS["uq_commitment_evaluations_once"] = lambda: AlreadyExists("has evaluated this commitment already",
                                                                    "commitment_id")


def _mine(ctx, c: m.Commitment) -> bool:
    """Is the caller (not staff) the one who made it: the unit, or the party member himself?"""
    return (c.organisation_id is not None and c.organisation_id == ctx.actor) or \
        (c.person_id is not None and c.person_id == ctx.actor)


def _sees_all(ctx) -> bool:
    """Staff, residents (who evaluate) and the city's read every commitment of their scope; a unit its own."""
    return ctx.has_any(*STAFF, R.RESIDENT, R.CITY_ADMIN, R.OPERATOR, R.SERVICE)


def _records(r: Repository, c: m.Commitment) -> list[m.CommitmentRecord]:
    return r.all(m.CommitmentRecord, m.CommitmentRecord.commitment_id == c.id,
                 order_by=(m.CommitmentRecord.done_on, m.CommitmentRecord.id))


def _tallies(r: Repository, ids: list[str]) -> dict[str, dict]:
    """Each commitment's evaluation tally (a keyed follow-up of the commitments already found)."""
    ratings: dict[str, list[str]] = {i: [] for i in ids}
    if ids:
        for x in r.all(m.CommitmentEvaluation, m.CommitmentEvaluation.commitment_id.in_(ids)):
            ratings[x.commitment_id].append(x.rating)
    return {i: rules.tally(v) for i, v in ratings.items()}


def _shaped(r: Repository, c: m.Commitment) -> dict:
    return out.commitment(c, _records(r, c), _tallies(r, [c.id])[c.id])


def make_commitment(uow: UnitOfWork, *, council_id: str, year: int, what: str, due_on: str,
                    organisation_id: str | None = None, person_id: str | None = None) -> dict:
    """承诺: a member unit of the council or a party member of the district promises what it will do in a
    year, by a day. A unit promises for itself, a party member (with his resident token) for himself."""
    POLICY.check(uow.ctx, "make commitments")
    r = Repository(uow)
    staff = uow.ctx.has_any(*STAFF)
    council = r.council(council_id, write=staff)
    if not staff:  # for himself: a unit's token names the unit, a member's the person
        if uow.ctx.has_any(R.PARTNER_UNIT):
            organisation_id = organisation_id or (None if person_id else uow.ctx.actor)
        else:
            person_id = person_id or (None if organisation_id else uow.ctx.actor)
        if (organisation_id or person_id) != uow.ctx.actor or (organisation_id and person_id):
            raise PermissionDenied("a unit or a party member makes its own commitment",
                                   "organisation_id" if organisation_id else "person_id")
    who = rules.maker_kind(organisation_id, person_id)
    year = rules.check_year(year, clock.today().year)
    what = rules.check_what(what)
    due = parse_date(due_on, "due_on")
    rules.check_due(due, year, clock.today())
    if who == "unit":
        unit = next((x for x in members_of(r, council) if x.organisation_id == organisation_id), None)
        if unit is None:
            raise FailedPrecondition("is not a member unit of the council", "organisation_id")
        name = unit.organisation_name
    else:
        person = person_in(council.district, person_id, "person_id")
        rules.check_party_member(person)
        name = person.get("name") or person_id
    row = r.add(m.Commitment(district=council.district, community=council.community, council_id=council.id,
                             year=year, maker_kind=who, organisation_id=organisation_id or None,
                             person_id=person_id or None, maker_name=name, what=what, due_on=due, status="open",
                             made_by=uow.ctx.actor))
    uow.flush()
    shaped = out.commitment(row, [], rules.tally([]))
    audit(uow, council.district, "make commitment", row.id, after=shaped)
    return shaped


def record_keeping(uow: UnitOfWork, *, commitment_id: str, note: str, done_on: str | None = None,
                   kept: bool = False) -> dict:
    """践诺: what was done to keep a commitment, on a day, by staff or by its maker; ``kept`` marks it kept
    (once), announced as ``commitment.kept``."""
    POLICY.check(uow.ctx, "make commitments")
    r = Repository(uow)
    staff = uow.ctx.has_any(*STAFF)
    row = r.get(m.Commitment, commitment_id, "commitment_id", "commitment", write=staff)
    if not staff and not _mine(uow.ctx, row):
        raise PermissionDenied("a commitment's keeping is recorded by staff or by its maker", "commitment_id")
    words = text(note, "note", 2000, required=True)
    on = parse_date(done_on, "done_on") if done_on else clock.today()
    rules.check_record(on, row.year, clock.today())
    rules.check_markable(row.status, bool(kept))
    before = out.commitment(row)
    r.add(m.CommitmentRecord(district=row.district, community=row.community, commitment_id=row.id, done_on=on,
                             note=words, marks_kept=bool(kept), recorded_by=uow.ctx.actor))
    if kept:
        row.status, row.kept_on = "kept", on
    uow.flush()
    shaped = _shaped(r, row)
    audit(uow, row.district, "record commitment keeping", row.id, before, {k: v for k, v in shaped.items()
                                                                           if k != "tally"})
    if kept:
        uow.emit("commitment.kept", row.district, {
            "commitment_id": row.id, "council_id": row.council_id, "community": row.community, "year": row.year,
            "maker_kind": row.maker_kind, "organisation_id": row.organisation_id or "",
            "person_id": row.person_id or "", "maker_name": row.maker_name, "what": row.what,
            "due_on": row.due_on.isoformat(), "kept_on": on.isoformat()}, subdistrict_of(row.community))
    return shaped


def evaluate_commitment(uow: UnitOfWork, *, commitment_id: str, rating: str, comment: str | None = None) -> dict:
    """评诺: a resident of the commitment's community evaluates it, once; its maker does not judge himself."""
    POLICY.check(uow.ctx, "evaluate commitments")
    r = Repository(uow)
    row = r.get(m.Commitment, commitment_id, "commitment_id", "commitment")
    rating = rules.check_rating(rating)
    words = text(comment, "comment", 1000)
    person = uow.ctx.actor
    try:
        resident_of(row.district, row.community, person, "commitment_id")
    except NotFound:  # the caller is found (his token), only not among the community's registered residents
        raise FailedPrecondition(f"{person} is not a registered resident of community {row.community}",
                                 "commitment_id") from None
    if row.person_id == person:
        raise FailedPrecondition("a party member does not evaluate his own commitment", "commitment_id")
    if r.exists(m.CommitmentEvaluation, m.CommitmentEvaluation.commitment_id == row.id,
                m.CommitmentEvaluation.person_id == person):
        raise AlreadyExists("has evaluated this commitment already", "commitment_id")
    x = r.add(m.CommitmentEvaluation(district=row.district, community=row.community, commitment_id=row.id,
                                     person_id=person, rating=rating, comment=words))
    uow.flush()
    shaped = out.commitment_evaluation(x)
    audit(uow, row.district, "evaluate commitment", row.id, after=shaped)
    return shaped


def get_commitment(uow: UnitOfWork, *, id: str) -> dict:
    """A commitment with its keeping records and its tally; a unit reads its own."""
    POLICY.check(uow.ctx, "read commitments")
    r = Repository(uow)
    row = r.get(m.Commitment, id, "id", "commitment")
    if not _sees_all(uow.ctx) and not _mine(uow.ctx, row):
        raise NotFound(f"no commitment {id!r}", "id")
    return _shaped(r, row)


def list_commitments(uow: UnitOfWork, *, council_id: str | None = None, division_code: str | None = None,
                     year: int = 0, status: str | None = None, page_size: int = 0,
                     page_token: str | None = None) -> dict:
    """Commitments of a council, or of the councils of a division (default: the caller's scope), soonest due
    first, by cursor, each with its keeping records and evaluation tally. A unit sees its own."""
    POLICY.check(uow.ctx, "read commitments")
    r = Repository(uow)
    size = paging.page_size(page_size)
    q = r.select(m.Commitment)
    if council_id:
        q = q.where(m.Commitment.council_id == r.council(council_id).id)
    if division_code:
        q = q.where(r.under(m.Commitment.community, r.scope_code(division_code, "division_code")))
    if year:
        if isinstance(year, bool) or not isinstance(year, int) or not 2000 <= year <= 2100:
            raise InvalidArgument("must be a year from 2000 to 2100", "year")
        q = q.where(m.Commitment.year == year)
    if status:
        if status not in rules.STATUSES:
            raise InvalidArgument("must be open or kept", "status")
        q = q.where(m.Commitment.status == status)
    if not _sees_all(uow.ctx):
        q = q.where(m.Commitment.organisation_id == uow.ctx.actor)
    filters = {"council_id": council_id, "division": division_code, "year": year, "status": status}
    found, token = paging.page(uow.session, q, (m.Commitment.due_on, m.Commitment.id), size=size, token=page_token,
                               filters=filters, converters=(date.fromisoformat, None))
    tallies = _tallies(r, [c.id for c in found])
    return {"items": [out.commitment(c, _records(r, c), tallies[c.id]) for c in found], "next_page_token": token}
