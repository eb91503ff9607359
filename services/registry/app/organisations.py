"""Organisations: founding, renames with history, moves, dissolution, merge and split, pairings."""
from __future__ import annotations

from sqlalchemy import func

from services.common.db import UnitOfWork
from services.common.divisions import subdistrict_of
from services.common.errors import AlreadyExists, FailedPrecondition, InvalidArgument
from services.common.tables import audit
from services.common.values import date_or_today, text
from services.registry import models as m
from services.registry import serializers as out
from services.registry.domain import organisations as rules
from services.registry.domain.organisations import Kind, PartnerKind
from services.registry.permissions import POLICY
from services.registry.repository import Repository


def describe(r: Repository, orgs: list[m.Organisation]) -> list[dict]:
    """Organisations with their rectification standing and latest stars."""
    ids = [o.id for o in orgs]
    if not ids:
        return []
    open_rect = set(r.session.scalars(r.select(m.Rectification, m.Rectification.organisation_id).where(
        m.Rectification.organisation_id.in_(ids), m.Rectification.closed_on.is_(None))))
    latest = {}
    for org_id, stars in r.session.execute(
            r.select(m.Inspection, m.Inspection.organisation_id, m.Inspection.stars)
            .where(m.Inspection.organisation_id.in_(ids))
            .order_by(m.Inspection.year, m.Inspection.quarter)):
        latest[org_id] = stars
    return [out.organisation(o, o.id in open_rect, latest.get(o.id)) for o in orgs]


def emit_org(uow: UnitOfWork, event: str, org: m.Organisation, **extra) -> None:
    payload = {"organisation": out.organisation(org), **extra}
    uow.emit(event, org.district, payload, subdistrict_of(org.division_code))


def emit_membership(uow: UnitOfWork, org: m.Organisation, payload: dict) -> None:
    """``membership.changed``: someone joined, left, moved or took up or left a post in ``org``."""
    uow.emit("membership.changed", org.district, {"organisation_id": org.id, **payload},
             subdistrict_of(org.division_code))


def ancestor_ids(r: Repository, org: m.Organisation | None) -> list[str]:
    chain, seen = [], set()
    while org is not None and org.parent_id:
        if org.parent_id in seen:  # defensive: a stored cycle would loop forever
            break
        seen.add(org.parent_id)
        chain.append(org.parent_id)
        org = r.first(m.Organisation, m.Organisation.id == org.parent_id)
    return chain


def subtree_ids(r: Repository, root: m.Organisation) -> list[str]:
    """The organisation and every descendant the caller sees (a listing of "my organisation")."""
    ids, frontier = [root.id], [root.id]
    while frontier:
        frontier = list(r.session.scalars(r.select(m.Organisation, m.Organisation.id).where(
            m.Organisation.parent_id.in_(frontier))))
        frontier = [i for i in frontier if i not in ids]
        ids += frontier
    return ids


def active(org: m.Organisation, field: str) -> m.Organisation:
    if org.status != "active":
        raise FailedPrecondition(f"organisation {org.id} is {org.status}", field)
    return org


def _add_name(r: Repository, org: m.Organisation, name: str, valid_from, reason: str | None) -> None:
    r.add(m.OrganisationName(organisation_id=org.id, district=org.district, name=name, valid_from=valid_from,
                             changed_by=r.ctx.actor, reason=reason))


def found_organisation(uow: UnitOfWork, *, kind: str, name: str, division_code: str, parent_id: str | None = None,
                       partner_kind: str | None = None, host_unit_id: str | None = None,
                       founded_on: str | None = None, external_ref: str | None = None) -> dict:
    POLICY.check(uow.ctx, "change organisations")
    rules.check_kind(kind, partner_kind or None)
    name = rules.check_name(name)
    r = Repository(uow)
    division = r.division(division_code, "division_code", write=True)
    parent = r.organisation(parent_id, "parent_id") if parent_id else None
    rules.check_placement(kind, division.level, division.code, parent.kind if parent else None,
                          parent.division_code if parent else None, parent.status == "active" if parent else True)
    if host_unit_id:
        host = active(r.organisation(host_unit_id, "host_unit_id"), "host_unit_id")
        if host.kind not in (Kind.PARTNER_UNIT, Kind.SOCIAL_ORGANISATION):
            raise InvalidArgument("a host unit must be a partner unit or social organisation", "host_unit_id")
    duplicate = r.first(m.Organisation, m.Organisation.division_code == division.code, m.Organisation.kind == kind,
                        m.Organisation.name == name, m.Organisation.status == "active")
    if duplicate is not None:
        raise AlreadyExists(f"an active {kind} named {name!r} already exists in {division.code}", "name")
    external_ref = text(external_ref, "external_ref", 64)  # the column's width: a longer one crashed the insert
    if external_ref and r.whole_district().exists(m.Organisation, m.Organisation.external_ref == external_ref):
        raise AlreadyExists(f"an organisation with reference {external_ref!r} already exists", "external_ref")
    founded = date_or_today(founded_on, "founded_on")
    org = r.add(m.Organisation(district=division.district, division_code=division.code, kind=kind,
                               partner_kind=partner_kind or None, name=name, parent_id=parent.id if parent else None,
                               host_unit_id=host_unit_id or None, founded_on=founded,
                               external_ref=external_ref or None))
    uow.flush()
    _add_name(r, org, name, founded, "founded")
    audit(uow, org.district, "found organisation", org.id, after=out.organisation(org))
    emit_org(uow, "organisation.created", org)
    return out.organisation(org)


def get_organisation(uow: UnitOfWork, *, id: str) -> dict:
    POLICY.check(uow.ctx, "read organisations")
    r = Repository(uow)
    return describe(r, [r.organisation(id, "id")])[0]


def list_organisations(uow: UnitOfWork, *, division_code: str | None = None, kind: str | None = None,
                       include_dissolved: bool = False) -> dict:
    """The organisations the caller sees (its scope's, and the committees above), or those of a division's
    subtree inside the caller's scope."""
    POLICY.check(uow.ctx, "read organisations")
    r = Repository(uow)
    where = []
    if division_code:
        where.append(r.under(m.Organisation.division_code, r.division(division_code, write=True).code))
    if kind:
        rules.check_kind(kind, PartnerKind.ORGAN if kind == Kind.PARTNER_UNIT else None)
        where.append(m.Organisation.kind == kind)
    if not include_dissolved:
        where.append(m.Organisation.status == "active")
    orgs = r.all(m.Organisation, *where, order_by=(m.Organisation.division_code, m.Organisation.name))
    return out.items(describe(r, orgs))


def list_organisation_tree(uow: UnitOfWork, *, id: str) -> dict:
    """The organisation and every active descendant the caller sees, parents before children."""
    POLICY.check(uow.ctx, "read organisations")
    r = Repository(uow)
    root = r.organisation(id, "id")
    result, frontier = [root], [root.id]
    while frontier:
        children = r.all(m.Organisation, m.Organisation.parent_id.in_(frontier), m.Organisation.status == "active",
                         order_by=m.Organisation.name)
        result += children
        frontier = [c.id for c in children]
    return out.items(describe(r, result))


def rename_organisation(uow: UnitOfWork, *, id: str, name: str, effective_on: str | None = None,
                        reason: str | None = None) -> dict:
    POLICY.check(uow.ctx, "change organisations")
    r = Repository(uow)
    org = active(r.organisation(id, "id", write=True), "id")
    name = rules.check_name(name)
    if name == org.name:
        raise InvalidArgument("is the current name", "name")
    on = date_or_today(effective_on, "effective_on")
    current = r.first(m.OrganisationName, m.OrganisationName.organisation_id == org.id,
                      m.OrganisationName.valid_to.is_(None))
    if current is not None:
        if on < current.valid_from:
            raise InvalidArgument(f"must not be before the current name's start {current.valid_from}", "effective_on")
        current.valid_to = on
    _add_name(r, org, name, on, text(reason, "reason", 500))
    before = out.organisation(org)
    org.name = name
    org.version += 1
    audit(uow, org.district, "rename organisation", org.id, before, out.organisation(org), reason)
    emit_org(uow, "organisation.updated", org, change="renamed", previous_name=before["name"])
    return out.organisation(org)


def move_organisation(uow: UnitOfWork, *, id: str, parent_id: str, reason: str | None = None) -> dict:
    POLICY.check(uow.ctx, "change organisations")
    r = Repository(uow)
    org = active(r.organisation(id, "id", write=True), "id")
    parent = r.organisation(parent_id, "parent_id")
    rules.check_no_cycle(org.id, parent.id, ancestor_ids(r, parent))
    division = r.division(org.division_code)
    rules.check_placement(org.kind, division.level, org.division_code, parent.kind, parent.division_code,
                          parent.status == "active")
    before = out.organisation(org)
    org.parent_id = parent.id
    org.version += 1
    audit(uow, org.district, "move organisation", org.id, before, out.organisation(org), reason)
    emit_org(uow, "organisation.updated", org, change="moved", previous_parent_id=before.get("parent_id"))
    return out.organisation(org)


def _end_memberships_and_posts(r: Repository, org: m.Organisation, on, reason: str, move_to: str | None = None):
    for ms in r.all(m.Membership, m.Membership.organisation_id == org.id, m.Membership.ended_on.is_(None)):
        ms.ended_on, ms.end_reason = on, reason
        if move_to:
            r.add(m.Membership(district=ms.district, person_id=ms.person_id, organisation_id=move_to, started_on=on))
        emit_membership(r.uow, org, {"person_id": ms.person_id, "change": "ended", "reason": reason,
                                     "moved_to": move_to})
    for post in r.all(m.Post, m.Post.organisation_id == org.id, m.Post.ended_on.is_(None)):
        post.ended_on, post.end_reason = on, reason


def dissolve_organisation(uow: UnitOfWork, *, id: str, dissolved_on: str | None = None,
                          reason: str | None = None) -> dict:
    POLICY.check(uow.ctx, "change organisations")
    r = Repository(uow)
    org = active(r.organisation(id, "id", write=True), "id")
    reason = text(reason, "reason", 500)
    if not reason:
        raise InvalidArgument("is required to dissolve an organisation", "reason")
    children = r.all(m.Organisation, m.Organisation.parent_id == org.id, m.Organisation.status == "active")
    if children:
        raise FailedPrecondition(f"{len(children)} active organisation(s) still sit under it; move or dissolve them",
                                 "id")
    on = date_or_today(dissolved_on, "dissolved_on")
    if on < org.founded_on:
        raise InvalidArgument(f"must not be before the founding {org.founded_on}", "dissolved_on")
    before = out.organisation(org)
    _end_memberships_and_posts(r, org, on, "organisation dissolved")
    org.status, org.dissolved_on, org.dissolution_reason = "dissolved", on, reason
    org.version += 1
    audit(uow, org.district, "dissolve organisation", org.id, before, out.organisation(org), reason)
    emit_org(uow, "organisation.dissolved", org, reason=reason)
    return out.organisation(org)


def merge_organisations(uow: UnitOfWork, *, source_id: str, target_id: str, merged_on: str | None = None,
                        reason: str | None = None) -> dict:
    """Merge ``source`` into ``target``: its children and members move; the source is dissolved."""
    POLICY.check(uow.ctx, "change organisations")
    r = Repository(uow)
    source = r.organisation(source_id, "source_id", write=True)
    target = r.organisation(target_id, "target_id", write=True)
    rules.check_merge(source.id, target.id, source.kind, target.kind, source.status == "active",
                      target.status == "active")
    if target.id in ancestor_ids(r, source) or source.id in ancestor_ids(r, target):
        raise InvalidArgument("cannot merge an organisation with its own ancestor or descendant", "target_id")
    on = date_or_today(merged_on, "merged_on")
    for child in r.all(m.Organisation, m.Organisation.parent_id == source.id, m.Organisation.status == "active"):
        child.parent_id = target.id
        child.version += 1
        emit_org(uow, "organisation.updated", child, change="moved", previous_parent_id=source.id)
    _end_memberships_and_posts(r, source, on, f"merged into {target.id}", move_to=target.id)
    before = out.organisation(source)
    source.status, source.dissolved_on, source.merged_into_id = "dissolved", on, target.id
    source.dissolution_reason = text(reason, "reason", 500) or f"merged into {target.name}"
    source.version += 1
    target.version += 1
    audit(uow, source.district, "merge organisations", source.id, before, out.organisation(source), reason)
    emit_org(uow, "organisation.dissolved", source, reason="merged", merged_into_id=target.id)
    emit_org(uow, "organisation.updated", target, change="merged", merged_from_id=source.id)
    return out.organisation(target)


def _claim(ids, known: dict, claimed: set, field: str, outside: str) -> list[str]:
    """The ids one part of a split takes: each one of ``known``, and named in one part only.

    A bad id is named by its place (``parts[1].person_ids[0]``): the list's name alone does not say which."""
    ids = list(ids or [])
    for j, one in enumerate(ids):
        if one not in known:
            raise InvalidArgument(f"{one} {outside}", f"{field}[{j}]")
        if one in claimed:
            raise InvalidArgument(f"{one} is named twice", f"{field}[{j}]")
        claimed.add(one)
    return ids


def split_organisation(uow: UnitOfWork, *, id: str, parts: list[dict], split_on: str | None = None,
                       reason: str | None = None) -> dict:
    """Found new organisations of the same kind from ``id``, moving the named members and children."""
    POLICY.check(uow.ctx, "change organisations")
    r = Repository(uow)
    org = active(r.organisation(id, "id", write=True), "id")
    if not parts:
        raise InvalidArgument("name at least one new organisation", "parts")
    on = date_or_today(split_on, "split_on")
    members = {ms.person_id: ms for ms in r.all(m.Membership, m.Membership.organisation_id == org.id,
                                                m.Membership.ended_on.is_(None))}
    children = {c.id: c for c in r.all(m.Organisation, m.Organisation.parent_id == org.id,
                                        m.Organisation.status == "active")}
    parent = r.organisation(org.parent_id, "id") if org.parent_id else None
    claimed_people, claimed_children, created = set(), set(), []
    for i, part in enumerate(parts):
        field = f"parts[{i}]"
        name = rules.check_name(part.get("name"), f"{field}.name")
        division = r.division(part.get("division_code") or org.division_code, f"{field}.division_code", write=True)
        rules.check_placement(org.kind, division.level, division.code, parent.kind if parent else None,
                              parent.division_code if parent else None)
        person_ids = _claim(part.get("person_ids"), members, claimed_people, f"{field}.person_ids",
                            f"is not a current member of {org.id}")
        child_ids = _claim(part.get("child_ids"), children, claimed_children, f"{field}.child_ids",
                           f"does not sit under {org.id}")
        new = r.add(m.Organisation(district=org.district, division_code=division.code, kind=org.kind,
                                   partner_kind=org.partner_kind, name=name, parent_id=org.parent_id,
                                   split_from_id=org.id, founded_on=on))
        uow.flush()
        _add_name(r, new, name, on, f"split from {org.name}")
        for pid in person_ids:
            ms = members[pid]
            ms.ended_on, ms.end_reason = on, f"split into {new.id}"
            r.add(m.Membership(district=org.district, person_id=pid, organisation_id=new.id, started_on=on))
            emit_membership(uow, new, {"person_id": pid, "change": "transferred", "from_organisation_id": org.id})
        for cid in child_ids:
            children[cid].parent_id = new.id
            children[cid].version += 1
        created.append(new)
        emit_org(uow, "organisation.created", new, split_from_id=org.id)
    org.version += 1
    audit(uow, org.district, "split organisation", org.id, after={"parts": [c.id for c in created]},
          reason=text(reason, "reason", 500))
    emit_org(uow, "organisation.updated", org, change="split", parts=[c.id for c in created])
    return out.items([org] + created, out.organisation)


def records_of(uow: UnitOfWork, id: str, model, *order_by) -> tuple[m.Organisation, list]:
    """The organisation ``id`` the caller names, and its records of ``model`` (name history, ratings) in order."""
    r = Repository(uow)
    org = r.organisation(id, "id")
    return org, r.all(model, model.organisation_id == org.id, order_by=order_by)


def get_name_history(uow: UnitOfWork, *, id: str) -> dict:
    POLICY.check(uow.ctx, "read organisations")
    org, names = records_of(uow, id, m.OrganisationName, m.OrganisationName.valid_from, m.OrganisationName.id)
    return out.name_history(org, names)


def pair_department(uow: UnitOfWork, *, department_id: str, community_code: str, started_on: str | None = None) -> dict:
    """市直机关联系社区: pair a city department (a party and government organ) with a community."""
    POLICY.check(uow.ctx, "pair departments")
    r = Repository(uow)
    dept = active(r.organisation(department_id, "department_id"), "department_id")
    if dept.kind != Kind.PARTNER_UNIT or dept.partner_kind != PartnerKind.ORGAN:
        raise InvalidArgument("must be a partner unit of kind party_government_organ", "department_id")
    community = r.division(community_code, "community_code", ("community",), write=True)
    existing = r.first(m.Pairing, m.Pairing.department_id == dept.id, m.Pairing.community_code == community.code,
                       m.Pairing.ended_on.is_(None))
    if existing is not None:
        raise AlreadyExists(f"{dept.name} is already paired with {community.code}", "community_code")
    pairing = r.add(m.Pairing(district=community.district, department_id=dept.id, community_code=community.code,
                              started_on=date_or_today(started_on, "started_on")))
    uow.flush()
    audit(uow, community.district, "pair department", pairing.id, after=out.pairing(pairing))
    return out.pairing(pairing)


def end_pairing(uow: UnitOfWork, *, id: str, ended_on: str | None = None, reason: str | None = None) -> dict:
    """End a department pairing (结束结对): it is no longer listed as current (ListPairings).

    Safe to retry: ending a pairing already ended on that day (or naming no day) answers it as it stands
    and changes nothing; a different day is refused, since the pairing ended then."""
    POLICY.check(uow.ctx, "pair departments")
    r = Repository(uow)
    pairing = r.get(m.Pairing, id, "id", "pairing", write=True)
    reason = text(reason, "reason", 500)
    on = date_or_today(ended_on, "ended_on") if ended_on else None
    if pairing.ended_on is not None:
        if on is not None and on != pairing.ended_on:
            raise FailedPrecondition(f"the pairing ended on {pairing.ended_on}", "id")
        return out.pairing(pairing)
    on = on or date_or_today(None, "ended_on")
    if on < pairing.started_on:
        raise InvalidArgument(f"must not be before the pairing's start {pairing.started_on}", "ended_on")
    before = out.pairing(pairing)
    pairing.ended_on, pairing.end_reason = on, reason
    audit(uow, pairing.district, "end pairing", pairing.id, before, out.pairing(pairing), reason)
    return out.pairing(pairing)


def list_pairings(uow: UnitOfWork, *, community_code: str | None = None, department_id: str | None = None) -> dict:
    """The running pairings of the caller's scope, or of one community in it, or of one department."""
    POLICY.check(uow.ctx, "read organisations")
    r = Repository(uow)
    where = [m.Pairing.ended_on.is_(None)]
    if community_code:
        where.append(m.Pairing.community_code == r.division(community_code, "community_code", ("community",),
                                                            write=True).code)
    if department_id:
        where.append(m.Pairing.department_id == r.organisation(department_id, "department_id").id)
    return out.items(r.all(m.Pairing, *where, order_by=m.Pairing.started_on), out.pairing)


def count_active_by_kind(uow: UnitOfWork) -> list[tuple[str, str, int]]:
    """(district, kind, count) for the business gauges."""
    r = Repository(uow)
    return list(r.session.execute(r.select(m.Organisation, m.Organisation.district, m.Organisation.kind, func.count())
                                  .where(m.Organisation.status == "active")
                                  .group_by(m.Organisation.district, m.Organisation.kind)))
