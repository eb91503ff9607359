"""Mutual evaluation (互学互评): the community's resident representatives rate each member unit's social
responsibility once a year, the result reported to each unit's superior; the member units rate the
community's and the sub-district's service. The rules are services/council/domain/evaluation.py."""
from __future__ import annotations

import io

from services.common import clock
from services.common.db import UnitOfWork
from services.common.divisions import subdistrict_of
from services.common.errors import AlreadyExists, FailedPrecondition, InvalidArgument, NotFound, PermissionDenied
from services.common.registry_client import registry, resident_of
from services.common.tables import audit
from services.common.usecase import CONFLICTS
from services.common.values import text, whole_number
from services.council import models as m
from services.council import serializers as out
from services.council.app.councils import members_of
from services.council.domain import evaluation as rules
from services.council.permissions import POLICY, STAFF
from services.council.repository import Repository

CONFLICTS["uq_unit_ratings_once"] = lambda: AlreadyExists("has rated this unit for that year already",
                                                          "representative_id")
CONFLICTS["uq_service_ratings_once"] = lambda: AlreadyExists("has rated that service for that year already",
                                                             "unit_id")


def _representatives(r: Repository, council: m.Council) -> list[m.Representative]:
    return r.all(m.Representative, m.Representative.council_id == council.id, m.Representative.ended_on.is_(None),
                 order_by=(m.Representative.name, m.Representative.id))


def name_representative(uow: UnitOfWork, *, council_id: str, person_id: str) -> dict:
    """居民代表: a resident of the community named to rate the member units."""
    POLICY.check(uow.ctx, "manage councils")
    r = Repository(uow)
    council = r.council(council_id, write=True)
    person = resident_of(council.district, council.community, person_id, "person_id")
    if any(x.person_id == person_id for x in _representatives(r, council)):
        raise AlreadyExists("is a resident representative of this council already", "person_id")
    row = r.add(m.Representative(district=council.district, community=council.community, council_id=council.id,
                                 person_id=person_id, name=person.get("name") or person_id, named_on=clock.today()))
    uow.flush()
    audit(uow, council.district, "name representative", council.id, after=out.representative(row))
    return out.representative(row)


def list_representatives(uow: UnitOfWork, *, council_id: str) -> dict:
    POLICY.check(uow.ctx, "read councils")
    r = Repository(uow)
    return out.items(_representatives(r, r.council(council_id)), out.representative)


def rate_unit(uow: UnitOfWork, *, council_id: str, unit_id: str, year: int, stars: int, comment: str | None = None,
              representative_id: str | None = None) -> dict:
    """A resident representative rates a member unit's social responsibility for a year, once: himself, or
    staff entering a paper ballot for him (``representative_id``)."""
    POLICY.check(uow.ctx, "rate units")
    r = Repository(uow)
    staff = uow.ctx.has_any(*STAFF)
    council = r.council(council_id, write=staff)
    rep_id = representative_id or (None if staff else uow.ctx.actor)
    if not staff and rep_id != uow.ctx.actor:
        raise PermissionDenied("a representative rates for himself", "representative_id")
    if not any(x.person_id == rep_id for x in _representatives(r, council)):
        raise FailedPrecondition(f"{rep_id!r} is not a resident representative of the council", "representative_id")
    unit = next((x for x in members_of(r, council) if x.organisation_id == unit_id), None)
    if unit is None:
        raise FailedPrecondition("is not a member unit of the council", "unit_id")
    year = rules.check_year(year, clock.today().year)
    stars = rules.check_stars(stars)
    if r.whole_district().exists(m.UnitRating, m.UnitRating.council_id == council.id, m.UnitRating.unit_id == unit_id,
                                 m.UnitRating.year == year, m.UnitRating.representative_id == rep_id):
        raise AlreadyExists(f"has rated {unit.organisation_name} for {year} already", "representative_id")
    superior = (registry().organisation(council.district, unit_id) or {}).get("parent_id") or None
    row = r.whole_district().add(m.UnitRating(
        district=council.district, community=council.community, council_id=council.id, unit_id=unit_id,
        unit_name=unit.organisation_name, superior_id=superior, year=year, representative_id=rep_id, stars=stars,
        comment=text(comment, "comment", 1000)))
    uow.flush()
    audit(uow, council.district, "rate unit", unit_id, after=out.unit_rating(row))
    return out.unit_rating(row)


def rate_service(uow: UnitOfWork, *, council_id: str, target: str, year: int, stars: int,
                 comment: str | None = None, unit_id: str | None = None) -> dict:
    """A member unit rates the community's or the sub-district's service for a year, once: itself, or staff
    entering its form (``unit_id``)."""
    POLICY.check(uow.ctx, "rate services")
    r = Repository(uow)
    staff = uow.ctx.has_any(*STAFF)
    council = r.council(council_id, write=staff)
    if not staff and unit_id and unit_id != uow.ctx.actor:
        raise PermissionDenied("a unit rates for itself", "unit_id")
    unit_id = unit_id or (None if staff else uow.ctx.actor)
    if not unit_id:
        raise InvalidArgument("is required: the member unit whose form staff enter", "unit_id")
    if not any(x.organisation_id == unit_id for x in members_of(r, council)):
        raise PermissionDenied("the community's and sub-district's service is rated by the council's member units",
                               "unit_id" if staff else "council_id")
    target = rules.check_target(target)
    year = rules.check_year(year, clock.today().year)
    stars = rules.check_stars(stars)
    if r.whole_district().exists(m.ServiceRating, m.ServiceRating.council_id == council.id,
                                 m.ServiceRating.unit_id == unit_id, m.ServiceRating.target == target,
                                 m.ServiceRating.year == year):
        raise AlreadyExists(f"has rated the {target}'s service for {year} already", "target")
    code = council.community if target == "community" else subdistrict_of(council.community)
    row = r.whole_district().add(m.ServiceRating(
        district=council.district, community=council.community, council_id=council.id, unit_id=unit_id,
        target=target, target_code=code, year=year, stars=stars, comment=text(comment, "comment", 1000)))
    uow.flush()
    audit(uow, council.district, "rate service", code, after=out.service_rating(row))
    return out.service_rating(row)


def get_evaluation_report(uow: UnitOfWork, *, division_code: str | None = None, year: int = 0) -> dict:
    """A year's mutual evaluation in a sub-district or community (default: the caller's scope): per unit its
    social responsibility rating (ratings, average, the superior it is reported to); per community and
    sub-district the units' rating of their service."""
    POLICY.check(uow.ctx, "read councils")
    r = Repository(uow)
    scope = r.scope_code(division_code, "division_code")
    year = whole_number(year or clock.today().year, "year", 2000, 2100)
    units: dict[str, dict] = {}
    for x in r.all(m.UnitRating, r.under(m.UnitRating.community, scope), m.UnitRating.year == year,
                   order_by=(m.UnitRating.unit_name, m.UnitRating.id)):
        line = units.setdefault(x.unit_id, {"unit_id": x.unit_id, "unit_name": x.unit_name,
                                            "superior_id": x.superior_id or "", "stars": []})
        line["stars"].append(x.stars)
    services: dict[tuple, list] = {}
    for x in r.all(m.ServiceRating, r.under(m.ServiceRating.community, scope), m.ServiceRating.year == year):
        services.setdefault((x.target, x.target_code), []).append(x.stars)
    return {"division_code": scope, "year": year,
            "units": [{**{k: v for k, v in u.items() if k != "stars"}, **rules.tally(u["stars"])}
                      for u in units.values()],
            "services": [{"target": t, "code": c, **rules.tally(s)} for (t, c), s in sorted(services.items())]}


def export_unit_ratings(uow: UnitOfWork, *, superior_id: str, year: int = 0) -> dict:
    """The year's social responsibility ratings of the units a superior (a registry organisation of the
    district) is over, as an XLSX to send it: one row per unit and community, ratings and average."""
    from openpyxl import Workbook

    POLICY.check(uow.ctx, "read councils")
    r = Repository(uow)
    superior = registry().organisation(uow.ctx.district, superior_id)
    if superior is None:
        raise NotFound(f"no organisation {superior_id!r} in the registry of district {uow.ctx.district}",
                       "superior_id")
    # a superior the caller sees: one in its scope or above it (a neighbour's organisation is not named here)
    r.code(superior.get("division_code"), "superior_id")
    year = whole_number(year or clock.today().year, "year", 2000, 2100)
    rows: dict[tuple, list] = {}
    names = {}
    for x in r.all(m.UnitRating, m.UnitRating.superior_id == superior_id, m.UnitRating.year == year,
                   order_by=(m.UnitRating.unit_name, m.UnitRating.community)):
        rows.setdefault((x.unit_id, x.community), []).append(x.stars)
        names[x.unit_id] = x.unit_name
    book = Workbook()
    sheet = book.active
    sheet.title = f"{year} 社会责任评价"
    sheet.append(["单位 unit", "单位编号 unit_id", "社区 community", "评价人数 ratings", "平均星级 average"])
    lines = []
    for (unit_id, community), stars in sorted(rows.items(), key=lambda kv: (names[kv[0][0]], kv[0][1])):
        t = rules.tally(stars)
        sheet.append([names[unit_id], unit_id, community, t["ratings"], t["average"]])
        lines.append({"unit_id": unit_id, "unit_name": names[unit_id], "community": community, **t})
    buffer = io.BytesIO()
    book.save(buffer)
    return {"superior_id": superior_id, "year": year, "lines": lines, "xlsx": buffer.getvalue()}
