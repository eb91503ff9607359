"""The three lists (三张清单): needs and resources gathered on door-to-door visits, what fits a need
(GetMatches) and what nothing fits (GetGaps); importing the lists from a visit's spreadsheet. The
rules are services/council/domain/lists.py; the projects made from needs, app/projects.py."""
from __future__ import annotations

from services.common import clock
from services.common.db import UnitOfWork
from services.common.divisions import subdistrict_of, within
from services.common.errors import DomainError, InvalidArgument
from services.common.registry_client import organisation_in, person_in, registry, resident_of
from services.common.tabular import FORMATS, read_table
from services.common.tables import audit
from services.common.values import header_columns, parse_date, text
from services.council import models as m
from services.council import serializers as out
from services.council.domain import lists as rules
from services.council.domain import projects as project_rules
from services.council.domain.councils import check_member_kind
from services.council.permissions import POLICY
from services.council.repository import Repository


def record_need(uow: UnitOfWork, *, council_id: str, visited_on: str, visited_by: str, description: str,
                kind: str, urgency: str, building: str | None = None, grid: str | None = None,
                resident_id: str | None = None, skills: list[str] | None = None) -> dict:
    """需求清单: a need gathered on a door-to-door visit (入户走访) in the council's community, with its
    urgency; the resident, when named, is a registry person living in the community."""
    POLICY.check(uow.ctx, "manage lists")
    r = Repository(uow)
    council = r.council(council_id, write=True)
    on = parse_date(visited_on, "visited_on")
    rules.check_need(kind, urgency, on, clock.today())
    tags = rules.check_tags(skills)
    words = text(description, "description", 2000, required=True)
    if not words:
        raise InvalidArgument("is required", "description")
    visitor = text(visited_by, "visited_by", 100, required=True)
    if not visitor:
        raise InvalidArgument("is required: who made the visit", "visited_by")
    place = text(building, "building", 100) or None
    grid_code = None
    if grid:
        grid_code = r.code(grid, "grid", "grid", write=True)
        if not within(grid_code, council.community):
            raise InvalidArgument(f"must be a grid of the council's community {council.community}", "grid")
    if resident_id:
        resident_of(council.district, council.community, resident_id, "resident_id")
    row = r.add(m.Need(district=council.district, community=council.community, council_id=council.id,
                       visited_on=on, visited_by=visitor, building=place, grid=grid_code,
                       resident_id=resident_id or None, description=words, kind=kind, skills=tags, urgency=urgency,
                       status="open", recorded_by=uow.ctx.actor, created_at=clock.now()))
    uow.flush()
    shaped = out.need(row)
    audit(uow, council.district, "record need", row.id, after=shaped)
    return shaped


def get_need(uow: UnitOfWork, *, id: str) -> dict:
    POLICY.check(uow.ctx, "read lists")
    return out.need(Repository(uow).get(m.Need, id, "id", "need"))


def list_needs(uow: UnitOfWork, *, council_id: str, status: str | None = None, kind: str | None = None) -> dict:
    """A council's needs, most urgent first, then the oldest visit."""
    POLICY.check(uow.ctx, "read lists")
    r = Repository(uow)
    council = r.council(council_id)
    where = [m.Need.council_id == council.id]
    if status:
        if status not in rules.NEED_STATUSES:
            raise InvalidArgument(f"must be one of {', '.join(rules.NEED_STATUSES)}", "status")
        where.append(m.Need.status == status)
    if kind:
        if kind not in rules.NEED_KINDS:
            raise InvalidArgument(f"must be one of {', '.join(rules.NEED_KINDS)}", "kind")
        where.append(m.Need.kind == kind)
    found = r.all(m.Need, *where, order_by=(m.Need.visited_on, m.Need.id))
    found.sort(key=lambda x: rules.URGENCY_RANK[x.urgency])  # stable: the oldest first within an urgency
    return out.items(found, out.need)


def record_resource(uow: UnitOfWork, *, council_id: str, kind: str, name: str, skills: list[str] | None = None,
                    place: str | None = None, organisation_id: str | None = None, person_id: str | None = None,
                    availability: str | None = None) -> dict:
    """资源清单: technical help, a venue or a talent offered by a unit (a partner unit or a social
    organisation of the district) or a person of the district, at a place of the council's
    sub-district (default: its community)."""
    POLICY.check(uow.ctx, "manage lists")
    r = Repository(uow)
    council = r.council(council_id, write=True)
    rules.check_resource(kind, organisation_id, person_id)
    title = text(name, "name", 200, required=True)
    if not title:
        raise InvalidArgument("is required", "name")
    tags = rules.check_tags(skills)
    where = council.community
    if place:
        where = r.code(place, "place", ("community", "grid"))
        if not within(where, subdistrict_of(council.community)):
            raise InvalidArgument(f"must lie in the council's sub-district {subdistrict_of(council.community)}",
                                  "place")
    if organisation_id:
        org = organisation_in(council.district, organisation_id, "organisation_id")
        check_member_kind(org.get("kind"), org.get("name") or organisation_id)  # who may offer, who may claim
        offered_by = org.get("name") or organisation_id
    else:
        offered_by = person_in(council.district, person_id, "person_id").get("name") or person_id
    row = r.add(m.Resource(district=council.district, community=council.community, council_id=council.id,
                           kind=kind, name=title, skills=tags, place=where,
                           offered_by_organisation_id=organisation_id or None,
                           offered_by_person_id=person_id or None, offered_by_name=offered_by,
                           availability=text(availability, "availability", 500) or None, active=True,
                           recorded_by=uow.ctx.actor, created_at=clock.now()))
    uow.flush()
    shaped = out.resource(row)
    audit(uow, council.district, "record resource", row.id, after=shaped)
    return shaped


def list_resources(uow: UnitOfWork, *, council_id: str, kind: str | None = None) -> dict:
    POLICY.check(uow.ctx, "read lists")
    r = Repository(uow)
    council = r.council(council_id)
    where = [m.Resource.council_id == council.id, m.Resource.active.is_(True)]
    if kind:
        if kind not in rules.RESOURCE_KINDS:
            raise InvalidArgument(f"must be one of {', '.join(rules.RESOURCE_KINDS)}", "kind")
        where.append(m.Resource.kind == kind)
    return out.items(r.all(m.Resource, *where, order_by=(m.Resource.kind, m.Resource.name, m.Resource.id)),
                     out.resource)


def member_loads(r: Repository, person_ids) -> dict[str, int]:
    """How many open projects each member holds, across the district (a member's two are his two
    wherever they lie, not only those the caller sees)."""
    ids = list(person_ids)
    if not ids:
        return {}
    whole = r.whole_district()
    claims = whole.all(m.ProjectClaim, m.ProjectClaim.claimer_kind == "member", m.ProjectClaim.claimer_id.in_(ids))
    running = set(whole.session.scalars(whole.select(m.Project, m.Project.id).where(
        m.Project.id.in_({c.project_id for c in claims}), m.Project.status.in_(project_rules.OPEN))))
    loads: dict[str, int] = {}
    for c in claims:
        if c.project_id in running:
            loads[c.claimer_id] = loads.get(c.claimer_id, 0) + 1
    return loads


def _matches(r: Repository, need, volunteers: list[dict], resources: list) -> list[dict]:
    """What fits the need, ranked: the resources given and the community's in-service members."""
    tags = rules.need_tags(need.kind, list(need.skills))
    found = []
    for x in resources:
        hit = rules.match_resource(tags, need.community, need.grid, list(x.skills), x.place)
        if hit:
            found.append({"kind": "resource", "id": x.id, "name": x.name, "score": hit[0], "reasons": hit[1],
                          "community": x.community})
    loads = member_loads(r, [v["person_id"] for v in volunteers])
    for v in volunteers:
        hit = rules.match_volunteer(tags, need.community, v["volunteer_projects"], loads.get(v["person_id"], 0),
                                    project_rules.MAX_MEMBER_PROJECTS)
        if hit:
            found.append({"kind": "volunteer", "id": v["person_id"], "name": v.get("name") or v["person_id"],
                          "score": hit[0], "reasons": hit[1], "community": need.community})
    return rules.ranked(found)


def get_matches(uow: UnitOfWork, *, need_id: str) -> dict:
    """The resources (of the need's sub-district, as the caller sees them: its community first by the
    score) and in-service members registered with the need's community that fit it, ranked."""
    POLICY.check(uow.ctx, "read lists")
    r = Repository(uow)
    need = r.get(m.Need, need_id, "need_id", "need")
    resources = r.all(m.Resource, r.under(m.Resource.community, subdistrict_of(need.community)),
                      m.Resource.active.is_(True), order_by=(m.Resource.id,))
    volunteers = registry().in_service_members(need.district, need.community)
    return {"need_id": need.id, "items": _matches(r, need, volunteers, resources)}


def get_gaps(uow: UnitOfWork, *, division_code: str | None = None) -> dict:
    """Per community of a sub-district or community (default: the caller's scope) with a council: its
    open needs and those nothing fits (no resource of its sub-district, no in-service member)."""
    POLICY.check(uow.ctx, "read lists")
    r = Repository(uow)
    scope = r.scope_code(division_code, "division_code")
    councils = r.all(m.Council, r.under(m.Council.community, scope), order_by=(m.Council.community,))
    needs = r.all(m.Need, r.under(m.Need.community, scope), m.Need.status == "open",
                  order_by=(m.Need.visited_on, m.Need.id))
    resources = r.all(m.Resource, r.under(m.Resource.community, subdistrict_of(scope) if len(scope) >= 9 else scope),
                      m.Resource.active.is_(True), order_by=(m.Resource.id,))
    lines = []
    for c in councils:
        mine = [n for n in needs if n.council_id == c.id]
        volunteers = registry().in_service_members(c.district, c.community) if mine else []
        near = [x for x in resources if within(x.community, subdistrict_of(c.community))]
        unmet = [n for n in mine if not _matches(r, n, volunteers, near)]
        unmet.sort(key=lambda n: rules.URGENCY_RANK[n.urgency])
        lines.append({"community": c.community, "council_id": c.id, "open_needs": len(mine),
                      "unmet": [out.need(n) for n in unmet]})
    return {"division_code": scope, "communities": lines}


# ---- importing the lists (CSV or XLSX), as services/centers/app/imports.py does

#: each column's name in a file: the English one first (as the report names it), then the Chinese ones
NEED_COLUMNS: dict[str, tuple[str, ...]] = {
    "visited_on": ("visited_on", "走访日期", "走访时间"),
    "visited_by": ("visited_by", "走访人"),
    "building": ("building", "楼栋", "楼栋号"),
    "grid": ("grid", "网格", "网格编号"),
    "resident_id": ("resident_id", "居民编号"),
    "description": ("description", "需求描述", "需求内容", "需求"),
    "kind": ("kind", "类别", "需求类别"),
    "skills": ("skills", "所需技能", "技能"),
    "urgency": ("urgency", "紧急程度", "缓急"),
}
NEED_REQUIRED = ("visited_on", "visited_by", "description", "kind", "urgency")
RESOURCE_COLUMNS: dict[str, tuple[str, ...]] = {
    "kind": ("kind", "类别", "资源类别"),
    "name": ("name", "资源名称", "名称"),
    "skills": ("skills", "技能", "专长"),
    "place": ("place", "地点", "所在社区"),
    "organisation_id": ("organisation_id", "单位编号"),
    "person_id": ("person_id", "个人编号"),
    "availability": ("availability", "可用时间", "提供时间"),
}
RESOURCE_REQUIRED = ("kind", "name")
#: Chinese names of the values a visit's sheet uses
_NEED_KIND_NAMES = {"助老": "elderly_care", "养老": "elderly_care", "维修": "repair", "托幼": "childcare",
                    "托育": "childcare", "环境": "environment", "健康": "health", "医疗": "health", "就业": "employment",
                    "文化": "culture", "其他": "other"}
_URGENCY_NAMES = {"紧急": "urgent", "急": "urgent", "较急": "high", "高": "high", "一般": "normal", "普通": "normal",
                  "低": "low", "不急": "low"}
_RESOURCE_KIND_NAMES = {"技术": "technical", "场地": "venue", "阵地": "venue", "人才": "talent"}
MAX_BYTES = 2 * 1024 * 1024
MAX_ROWS = 5000


def _tags(value: str) -> list[str]:
    """A cell of tags: parted by ``;``, ``,``, ``、`` or their full-width forms."""
    for sep in ("；", "，", "、", ","):
        value = value.replace(sep, ";")
    return [t.strip() for t in value.split(";") if t.strip()]


def _need_params(council_id: str, v: dict) -> dict:
    return {"council_id": council_id, "visited_on": v["visited_on"], "visited_by": v["visited_by"],
            "description": v["description"], "kind": _NEED_KIND_NAMES.get(v["kind"], v["kind"]),
            "urgency": _URGENCY_NAMES.get(v["urgency"], v["urgency"]), "building": v.get("building") or None,
            "grid": v.get("grid") or None, "resident_id": v.get("resident_id") or None,
            "skills": _tags(v.get("skills") or "")}


def _resource_params(council_id: str, v: dict) -> dict:
    return {"council_id": council_id, "kind": _RESOURCE_KIND_NAMES.get(v["kind"], v["kind"]), "name": v["name"],
            "skills": _tags(v.get("skills") or ""), "place": v.get("place") or None,
            "organisation_id": v.get("organisation_id") or None, "person_id": v.get("person_id") or None,
            "availability": v.get("availability") or None}


def import_lists(uow: UnitOfWork, *, content: bytes, format: str, list: str, council_id: str,
                 dry_run: bool = False) -> dict:
    """Needs or resources gathered on visits (走访收集), from a CSV or XLSX file, into a council: every
    row runs through RecordNeed or RecordResource in its own savepoint, so that every bad row is
    reported (row, column, reason) in one pass; nothing is written if any row is refused, or on a
    dry run. Columns in English or Chinese; values may be the Chinese names (紧急, 助老, 场地 …)."""
    POLICY.check(uow.ctx, "manage lists")
    if format not in FORMATS:
        raise InvalidArgument(f"must be one of {', '.join(FORMATS)}", "format")
    if list not in ("needs", "resources"):
        raise InvalidArgument("must be needs or resources", "list")
    r = Repository(uow)
    council = r.council(council_id, write=True)
    columns, required, params, record = (
        (NEED_COLUMNS, NEED_REQUIRED, _need_params, record_need) if list == "needs"
        else (RESOURCE_COLUMNS, RESOURCE_REQUIRED, _resource_params, record_resource))
    header, rows = read_table(content, format, MAX_BYTES)
    named, header_problems = header_columns(header, columns, required)
    if header_problems:  # a bad header makes every row meaningless: report it alone
        return out.lists_import_report(list, 0, 0, dry_run, [], [{"row": 1, "column": c, "reason": why}
                                                                  for c, why in header_problems])
    problems: list[dict] = []
    lines: list[dict] = []
    count = 0
    for number, raw in rows:
        count += 1
        if count > MAX_ROWS:
            problems.append({"row": number, "column": "", "reason": f"more than {MAX_ROWS} rows; split the file"})
            break
        v = {column: raw.get(header_name, "") for column, header_name in named.items()}
        refused = [c for c in required if not v.get(c)]
        if refused:
            problems += [{"row": number, "column": named.get(c, c), "reason": "is required"} for c in refused]
            lines.append({"row": number, "status": "refused"})
            continue
        savepoint = uow.session.begin_nested()
        try:
            shaped = record(uow, **params(council.id, v))
            uow.session.flush()
            savepoint.commit()
            lines.append({"row": number, "status": "new", "id": shaped["id"]})
        except DomainError as exc:
            savepoint.rollback()
            base = (exc.field or "").split("[")[0]
            problems.append({"row": number, "column": named.get(base, base), "reason": exc.message})
            lines.append({"row": number, "status": "refused"})
    written = 0
    if problems or dry_run:
        uow.rollback()
        for line in lines:  # nothing was written: no id of a record that is not there
            line.pop("id", None)
    else:
        written = count
        if written:
            audit(uow, council.district, f"import {list}", council.id, after={"rows": count, "written": written})
    return out.lists_import_report(list, count, written, dry_run, lines, problems)
