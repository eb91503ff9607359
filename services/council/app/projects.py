"""The service project bank (为民服务项目库) and its five-step method: projects made from needs into a
ledger by urgency, claimed by units and in-service members, escalated when they stall, evaluated by
residents once a year, and the quarterly dispatch and half-yearly report (with their XLSX). The rules
are services/council/domain/projects.py."""
from __future__ import annotations

import io
from collections import Counter
from datetime import datetime

from services.common import clock, paging
from services.common.context import Role as R
from services.common.db import UnitOfWork
from services.common.divisions import subdistrict_of
from services.common.errors import AlreadyExists, InvalidArgument, PermissionDenied
from services.common.registry_client import in_service_member, organisation_in, resident_of
from services.common.tables import audit
from services.common.usecase import CONFLICTS
from services.common.values import parse_date, period_days, period_of, text
from services.council import models as m
from services.council import serializers as out
from services.council.app.lists import member_loads
from services.council.domain import lists as list_rules
from services.council.domain import projects as rules
from services.council.domain.councils import check_member_kind
from services.council.permissions import POLICY, STAFF
from services.council.repository import Repository

# the same refusals when a race lets the check pass and the database's unique key refuses at the commit
CONFLICTS["uq_project_claims_once"] = lambda: AlreadyExists("has claimed this project already", "organisation_id")
CONFLICTS["uq_project_evaluations_year"] = lambda: AlreadyExists("has evaluated this project for that year already",
                                                                 "person_id")


def _claims(r: Repository, project: m.Project) -> list[m.ProjectClaim]:
    """A keyed follow-up of the checked project: its claims, first first."""
    return r.all(m.ProjectClaim, m.ProjectClaim.project_id == project.id,
                 order_by=(m.ProjectClaim.claimed_at, m.ProjectClaim.id))


def _notes(r: Repository, project: m.Project) -> list[m.ProjectProgress]:
    return r.all(m.ProjectProgress, m.ProjectProgress.project_id == project.id,
                 order_by=(m.ProjectProgress.recorded_at, m.ProjectProgress.id))


def _shaped(r: Repository, project: m.Project) -> dict:
    return out.project(project, _claims(r, project), _notes(r, project),
                       rules.overdue(project.status, project.deadline, clock.today()))


def create_project(uow: UnitOfWork, *, council_id: str, title: str, need_ids: list[str],
                   description: str | None = None, deadline: str | None = None,
                   department_id: str | None = None) -> dict:
    """项目清单: a project of the bank made from open needs of the council (step 1, the ledger): as urgent
    as its most urgent need; its needs go in_project. ``department_id``: the registry organisation
    (of the district) a stalled project is escalated to."""
    POLICY.check(uow.ctx, "manage lists")
    r = Repository(uow)
    council = r.council(council_id, write=True)
    ids = rules.check_need_ids(need_ids)
    words = text(title, "title", 200, required=True)
    if not words:
        raise InvalidArgument("is required", "title")
    due = parse_date(deadline, "deadline") if deadline else None
    rules.check_deadline(due, clock.today())
    needs = [r.get(m.Need, need_id, f"need_ids[{i}]", "need", write=True) for i, need_id in enumerate(ids)]
    rules.check_needs_open([(n.id, n.status, n.council_id) for n in needs], council.id)
    department = organisation_in(council.district, department_id, "department_id") if department_id else None
    urgency = rules.urgency_of([n.urgency for n in needs])
    skills = list_rules.check_tags(sorted({s for n in needs for s in n.skills})[:list_rules.MAX_TAGS])
    project = r.add(m.Project(district=council.district, community=council.community, council_id=council.id,
                              title=words, description=text(description, "description", 2000) or None,
                              kind=needs[0].kind, skills=skills, urgency=urgency,
                              urgency_rank=list_rules.URGENCY_RANK[urgency], need_ids=ids, status="ledger",
                              deadline=due, department_id=department_id or None,
                              department_name=(department or {}).get("name") or department_id or None,
                              created_by=uow.ctx.actor, created_at=clock.now()))
    uow.flush()
    for n in needs:
        n.status, n.project_id = "in_project", project.id
    shaped = out.project(project)
    audit(uow, council.district, "create project", project.id, after=shaped)
    uow.emit("project.created", council.district, out.project_event(project), subdistrict_of(council.community))
    return shaped


def get_project(uow: UnitOfWork, *, id: str) -> dict:
    POLICY.check(uow.ctx, "read projects")
    r = Repository(uow)
    return _shaped(r, r.get(m.Project, id, "id", "project"))


def list_projects(uow: UnitOfWork, *, council_id: str | None = None, division_code: str | None = None,
                  status: str | None = None, claimed_by: str | None = None, page_size: int = 0,
                  page_token: str | None = None) -> dict:
    """The ledger (台账) of a council, or of the councils of a division (default: the caller's scope):
    most urgent first, then the oldest, by cursor. ``claimed_by``: the projects a unit or member claimed."""
    POLICY.check(uow.ctx, "read projects")
    r = Repository(uow)
    size = paging.page_size(page_size)
    q = r.select(m.Project)
    if council_id:
        q = q.where(m.Project.council_id == r.council(council_id).id)
    if division_code:
        q = q.where(r.under(m.Project.community, r.scope_code(division_code, "division_code")))
    if status:
        if status not in rules.STATUSES:
            raise InvalidArgument(f"must be one of {', '.join(rules.STATUSES)}", "status")
        q = q.where(m.Project.status == status)
    if claimed_by:
        q = q.where(m.Project.id.in_(r.select(m.ProjectClaim, m.ProjectClaim.project_id)
                                     .where(m.ProjectClaim.claimer_id == claimed_by)))
    filters = {"council_id": council_id, "division": division_code, "status": status, "claimed_by": claimed_by}
    found, token = paging.page(uow.session, q, (m.Project.urgency_rank, m.Project.created_at, m.Project.id),
                               size=size, token=page_token, filters=filters,
                               converters=(None, datetime.fromisoformat, None))
    return {"items": [_shaped(r, p) for p in found], "next_page_token": token}


def claim_project(uow: UnitOfWork, *, project_id: str, organisation_id: str | None = None,
                  person_id: str | None = None) -> dict:
    """自主认领 (step 2): a unit (a partner unit or a social organisation of the district: its own token,
    or staff for it) or an in-service member registered with the project's community (his own resident
    token, or staff for him); a member holds at most two open projects. Announced as project.claimed."""
    POLICY.check(uow.ctx, "claim projects")
    r = Repository(uow)
    staff = uow.ctx.has_any(*STAFF)
    project = r.get(m.Project, project_id, "project_id", "project", write=staff)
    kind = rules.check_claim(project.status, organisation_id, person_id)
    claimer_id = organisation_id or person_id
    if not staff:  # a unit claims for itself, a member for himself: the token's actor is the claimer
        if kind == "unit" and not uow.ctx.has_any(R.PARTNER_UNIT) or kind == "member" and not \
                uow.ctx.has_any(R.RESIDENT):
            raise PermissionDenied(f"a {kind} claims with its own token, or staff claim for it",
                                   "organisation_id" if kind == "unit" else "person_id")
        if claimer_id != uow.ctx.actor:
            raise PermissionDenied("a unit or member claims a project for itself, or staff claim for it",
                                   "organisation_id" if kind == "unit" else "person_id")
    claims = _claims(r, project)
    if any(c.claimer_id == claimer_id for c in claims):
        raise AlreadyExists("has claimed this project already", "organisation_id" if kind == "unit" else "person_id")
    if kind == "unit":
        org = organisation_in(project.district, organisation_id, "organisation_id")
        check_member_kind(org.get("kind"), org.get("name") or organisation_id)  # who may offer, who may claim
        name = org.get("name") or organisation_id
    else:
        registration = in_service_member(project.district, project.community, person_id, "person_id")
        rules.check_member_load(member_loads(r, [person_id]).get(person_id, 0))
        name = registration.get("name") or person_id
    before = out.project(project, claims)
    claim = m.ProjectClaim(district=project.district, community=project.community, project_id=project.id,
                           claimer_kind=kind, claimer_id=claimer_id, claimer_name=name, claimed_at=clock.now())
    r.add(claim)
    project.status = rules.claimed_status(project.status)
    uow.flush()
    shaped = _shaped(r, project)
    audit(uow, project.district, "claim project", project.id, before, shaped)
    uow.emit("project.claimed", project.district,
             {**out.project_event(project, _claims(r, project)), "claimer": out.claimer(claim)},
             subdistrict_of(project.community))
    return shaped


def record_progress(uow: UnitOfWork, *, project_id: str, note: str) -> dict:
    """A progress note (进展) on a running project: by staff, or by a unit that claimed it."""
    POLICY.check(uow.ctx, "report project progress")
    r = Repository(uow)
    staff = uow.ctx.has_any(*STAFF)
    project = r.get(m.Project, project_id, "project_id", "project", write=staff)
    if not staff and not any(c.claimer_id == uow.ctx.actor for c in _claims(r, project)):
        raise PermissionDenied("progress is recorded by the council's staff or by a unit that claimed the project",
                               "project_id")
    rules.check_progress(project.status)
    words = text(note, "note", 2000, required=True)
    if not words:
        raise InvalidArgument("is required", "note")
    r.add(m.ProjectProgress(district=project.district, community=project.community,
                            project_id=project.id, note=words, recorded_by=uow.ctx.actor, recorded_at=clock.now()))
    uow.flush()
    shaped = _shaped(r, project)
    audit(uow, project.district, "record project progress", project.id, after={"note": words})
    return shaped


def complete_project(uow: UnitOfWork, *, project_id: str, note: str, done_on: str | None = None) -> dict:
    """Done (from claimed or escalated), once, with a note: its needs are met; announced as project.done
    with its claimers (the units and members a points credit may name)."""
    POLICY.check(uow.ctx, "manage lists")
    r = Repository(uow)
    project = r.get(m.Project, project_id, "project_id", "project", write=True)
    on = parse_date(done_on, "done_on") if done_on else clock.today()
    rules.check_completable(project.status, on, project.created_at.date(), clock.today())
    words = text(note, "note", 2000, required=True)
    if not words:
        raise InvalidArgument("is required", "note")
    before = _shaped(r, project)
    project.status, project.done_on, project.done_note = "done", on, words
    for n in r.all(m.Need, m.Need.project_id == project.id):  # its needs, a keyed follow-up
        n.status = "met"
    uow.flush()
    shaped = _shaped(r, project)
    audit(uow, project.district, "complete project", project.id, before, shaped)
    uow.emit("project.done", project.district, out.project_event(project, _claims(r, project)),
             subdistrict_of(project.community))
    return shaped


def close_project(uow: UnitOfWork, *, project_id: str, reason: str) -> dict:
    """A project given up, with a reason, by staff: its needs go back to the lists, open, for another
    project to take up; announced as project.closed with its claimers."""
    POLICY.check(uow.ctx, "manage lists")
    r = Repository(uow)
    project = r.get(m.Project, project_id, "project_id", "project", write=True)
    rules.check_closable(project.status)
    why = text(reason, "reason", 500, required=True)
    if not why:
        raise InvalidArgument("is required", "reason")
    before = _shaped(r, project)
    project.status, project.closed_reason = "closed", why
    for n in r.all(m.Need, m.Need.project_id == project.id):  # its needs, a keyed follow-up
        n.status, n.project_id = "open", None
    uow.flush()
    shaped = _shaped(r, project)
    audit(uow, project.district, "close project", project.id, before, shaped, reason=why)
    uow.emit("project.closed", project.district, {**out.project_event(project, _claims(r, project)), "reason": why},
             subdistrict_of(project.community))
    return shaped


def evaluate_project(uow: UnitOfWork, *, project_id: str, stars: int, person_id: str | None = None,
                     year: int = 0, comment: str | None = None) -> dict:
    """群众评议 (step 4): a resident of the project's community evaluates it once a year, 1 to 5 stars
    and a comment: himself (his resident token), or staff entering his paper form naming person_id."""
    POLICY.check(uow.ctx, "evaluate projects")
    r = Repository(uow)
    staff = uow.ctx.has_any(*STAFF)
    project = r.get(m.Project, project_id, "project_id", "project", write=staff)
    if not staff:
        if person_id and person_id != uow.ctx.actor:
            raise PermissionDenied("a resident evaluates for himself; staff enter a form naming person_id",
                                   "person_id")
        person_id = uow.ctx.actor
    elif not person_id:
        raise InvalidArgument("is required: the resident whose form this is", "person_id")
    year = year or clock.today().year
    rules.check_evaluation(project.status, stars, year, project.created_at.year, clock.today().year)
    resident_of(project.district, project.community, person_id, "person_id")
    if r.exists(m.ProjectEvaluation, m.ProjectEvaluation.project_id == project.id,
                m.ProjectEvaluation.person_id == person_id, m.ProjectEvaluation.year == year):
        raise AlreadyExists(f"has evaluated this project for {year} already", "person_id")
    row = m.ProjectEvaluation(district=project.district, community=project.community, project_id=project.id,
                              person_id=person_id, year=year, stars=stars,
                              comment=text(comment, "comment", 1000) or None, created_at=clock.now())
    r.add(row)
    uow.flush()
    shaped = out.project_evaluation(row)
    audit(uow, project.district, "evaluate project", project.id, after=shaped)
    return shaped


# ---- step 5: the quarterly dispatch and the half-yearly report

def _xlsx(title: str, header: list[str], rows: list[list]) -> bytes:
    from openpyxl import Workbook  # only the exports need it

    book = Workbook()
    sheet = book.active
    sheet.title = title[:31]  # Excel's limit on a sheet's name
    sheet.append(header)
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _by_status(counts: Counter) -> list[dict]:
    return [{"status": s, "count": counts.get(s, 0)} for s in rules.STATUSES]


def get_quarterly_dispatch(uow: UnitOfWork, *, division_code: str | None = None,
                           quarter: str | None = None) -> dict:
    """季度调度: the projects of a sub-district or community (default: the caller's scope) open in a
    quarter (default this one), each with its status, claimers, the quarter's progress notes and
    whether it is overdue; the counts by status; and the same as an XLSX."""
    POLICY.check(uow.ctx, "read lists")
    r = Repository(uow)
    scope = r.scope_code(division_code, "division_code")
    quarter = quarter or period_of(clock.today(), "quarter")
    first, last = period_days(quarter, "quarter", "quarter")
    today = clock.today()
    projects = [p for p in r.all(m.Project, r.under(m.Project.community, scope),
                                 order_by=(m.Project.community, m.Project.urgency_rank, m.Project.created_at,
                                           m.Project.id))
                if p.created_at.date() <= last and (p.done_on is None or p.done_on >= first)]
    ids = [p.id for p in projects]
    claims: dict[str, list] = {}
    for c in r.all(m.ProjectClaim, m.ProjectClaim.project_id.in_(ids), order_by=(m.ProjectClaim.claimed_at,)):
        claims.setdefault(c.project_id, []).append(c)
    notes: dict[str, list] = {}
    for n in r.all(m.ProjectProgress, m.ProjectProgress.project_id.in_(ids),
                   order_by=(m.ProjectProgress.recorded_at, m.ProjectProgress.id)):
        if first <= n.recorded_at.date() <= last:
            notes.setdefault(n.project_id, []).append(n)
    lines = []
    for p in projects:
        lines.append({"project_id": p.id, "community": p.community, "title": p.title, "urgency": p.urgency,
                      "status": p.status, "claimers": [out.claimer(c) for c in claims.get(p.id, [])],
                      "progress": [out.progress_note(n) for n in notes.get(p.id, [])],
                      "deadline": p.deadline.isoformat() if p.deadline else "",
                      "overdue": rules.overdue(p.status, p.deadline, today),
                      "department_name": p.department_name or ""})
    xlsx = _xlsx(f"{quarter} 调度", ["社区 community", "项目 project", "紧急程度 urgency", "状态 status",
                                     "认领 claimers", "本季进展 progress", "期限 deadline", "逾期 overdue",
                                     "责任部门 department"],
                 [[x["community"], x["title"], x["urgency"], x["status"], "、".join(c["name"] for c in x["claimers"]),
                   "；".join(n["note"] for n in x["progress"]), x["deadline"], "是" if x["overdue"] else "否",
                   x["department_name"]] for x in lines])
    return {"division_code": scope, "quarter": quarter, "lines": lines,
            "by_status": _by_status(Counter(x["status"] for x in lines)),
            "overdue": sum(x["overdue"] for x in lines), "xlsx": xlsx}


def get_half_year_report(uow: UnitOfWork, *, division_code: str | None = None, half: str | None = None) -> dict:
    """半年报告: per community with a council in a sub-district or community (default: the caller's scope)
    in a half year (default this one): needs gathered (visited in it) and met (of those gathered,
    met now), projects by status (made by its end), claims by units and by members made in it, and
    the residents' evaluations of its year (count, average); and the same as an XLSX."""
    POLICY.check(uow.ctx, "read lists")
    r = Repository(uow)
    scope = r.scope_code(division_code, "division_code")
    half = half or period_of(clock.today(), "half")
    first, last = period_days(half, "half", "half")
    councils = r.all(m.Council, r.under(m.Council.community, scope), order_by=(m.Council.community,))
    needs = r.all(m.Need, r.under(m.Need.community, scope), m.Need.visited_on >= first, m.Need.visited_on <= last)
    projects = [p for p in r.all(m.Project, r.under(m.Project.community, scope)) if p.created_at.date() <= last]
    claims = [c for c in r.all(m.ProjectClaim, r.under(m.ProjectClaim.community, scope))
              if first <= c.claimed_at.date() <= last]
    stars = r.all(m.ProjectEvaluation, r.under(m.ProjectEvaluation.community, scope),
                  m.ProjectEvaluation.year == first.year)
    lines = []
    for c in councils:
        mine = [n for n in needs if n.council_id == c.id]
        tally = rules.tally([e.stars for e in stars if e.community == c.community])
        lines.append({"community": c.community, "council_id": c.id, "needs_gathered": len(mine),
                      "needs_met": sum(n.status == "met" for n in mine),
                      "projects": _by_status(Counter(p.status for p in projects if p.council_id == c.id)),
                      "unit_claims": sum(x.claimer_kind == "unit" for x in claims if x.community == c.community),
                      "member_claims": sum(x.claimer_kind == "member" for x in claims if x.community == c.community),
                      "evaluations": tally["evaluations"], "average_stars": tally["average"]})
    xlsx = _xlsx(f"{half} 半年报告", ["社区 community", "收集需求 needs_gathered", "已满足 needs_met",
                                      *[f"项目 {s}" for s in rules.STATUSES], "单位认领 unit_claims",
                                      "党员认领 member_claims", "评议人次 evaluations", "平均星级 average_stars"],
                 [[x["community"], x["needs_gathered"], x["needs_met"], *[s["count"] for s in x["projects"]],
                   x["unit_claims"], x["member_claims"], x["evaluations"], x["average_stars"]] for x in lines])
    return {"division_code": scope, "half": half, "communities": lines, "xlsx": xlsx}


# ---- the worker's timer (a system task over every district)

def escalate_stalled(uow: UnitOfWork) -> int:
    """Step 3: a project past its deadline and not done is escalated once to its responsible department
    (``project.escalated``; its status escalated, escalated_at set, so the next run passes it by)."""
    r = Repository(uow)
    today = clock.today()
    escalated = 0
    for p in r.all(m.Project, m.Project.status.in_(("ledger", "claimed")), m.Project.deadline < today,
                   m.Project.escalated_at.is_(None), order_by=(m.Project.deadline, m.Project.id)):
        if not rules.stalled(p.status, p.deadline, today, p.escalated_at is not None):
            continue
        p.status, p.escalated_at = "escalated", clock.now()
        claims = r.all(m.ProjectClaim, m.ProjectClaim.project_id == p.id, order_by=(m.ProjectClaim.claimed_at,))
        uow.emit("project.escalated", p.district, {**out.project_event(p, claims),
                                                   "days_overdue": (today - p.deadline).days},
                 subdistrict_of(p.community))
        escalated += 1
    uow.flush()
    return escalated


def stalled_counts(uow: UnitOfWork) -> dict[str, int]:
    """Open projects past their deadline (escalated or not yet), per district: the gauge
    ``cityplat_council_projects_overdue``."""
    r = Repository(uow)
    today = clock.today()
    return dict(Counter(p.district for p in r.all(m.Project, m.Project.status.in_(rules.OPEN),
                                                   m.Project.deadline < today)))

