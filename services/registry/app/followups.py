"""Follow-up tasks (待办) that the rules open for the sub-district, closed when what they ask is done.

- A secretary flagged for replacement (one star two years running) opens a by-election task for
  the branch; it closes when a new secretary takes the post (by-election, election or appointment).
- A community left with fewer than two reserve cadres (one removed, or one who became secretary)
  opens a reserve task; it closes when the bench is back to two.

A task lies where its branch or community does: the sub-district's staff see all of theirs, a
community's staff their own. Opening one is the district's rule, whoever's change set it off.
"""
from __future__ import annotations

from datetime import date

from services.common import clock, paging
from services.common.db import UnitOfWork
from services.common.divisions import subdistrict_of
from services.common.errors import InvalidArgument
from services.common.tables import audit
from services.registry import models as m
from services.registry import serializers as out
from services.registry.domain import people as people_rules
from services.registry.permissions import POLICY
from services.registry.repository import Repository

BY_ELECTION = "by_election"
RESERVE_SHORTFALL = "reserve_shortfall"
KINDS = (BY_ELECTION, RESERVE_SHORTFALL)


def _open_task(r: Repository, kind: str, subject_id: str):
    return r.whole_district().first(m.FollowUp, m.FollowUp.kind == kind, m.FollowUp.subject_id == subject_id,
                                    m.FollowUp.closed_on.is_(None))


def open_follow_up(r: Repository, kind: str, *, division_code: str, subject_id: str, reason: str,
                   organisation_id: str | None = None, opened_by: str | None = None) -> m.FollowUp | None:
    """Open a task unless one of its kind is already open for the same subject (then None)."""
    if _open_task(r, kind, subject_id) is not None:
        return None
    task = r.whole_district().add(m.FollowUp(
        district=r.ctx.district, kind=kind, division_code=division_code, organisation_id=organisation_id,
        subject_id=subject_id, reason=reason, opened_on=clock.today(), opened_by=opened_by))
    r.uow.flush()
    shaped = out.follow_up(task)
    audit(r.uow, task.district, "open follow-up", task.id, after=shaped)
    if opened_by:  # read back in the trail of what opened it (a rating's audit)
        audit(r.uow, task.district, f"open follow-up ({kind})", opened_by, after=shaped)
    r.uow.emit("follow_up.opened", task.district, shaped, subdistrict_of(division_code))
    return task


def close_follow_up(r: Repository, kind: str, subject_id: str, how: str, on: date | None = None) -> None:
    task = _open_task(r, kind, subject_id)
    if task is None:
        return
    task.closed_on, task.closed_how = on or clock.today(), how
    audit(r.uow, task.district, "close follow-up", task.id, after=out.follow_up(task))


def secretary_taken(r: Repository, org: m.Organisation, post: m.Post) -> None:
    """A new secretary took ``org``'s post: the branch's by-election task is done."""
    close_follow_up(r, BY_ELECTION, org.id, f"{post.how}: a new secretary from {post.term_start}", post.term_start)


def reserve_fell(r: Repository, community_code: str, count: int, why: str) -> None:
    """The community's bench lost someone: short of the minimum, a task is opened."""
    if count < people_rules.RESERVE_MINIMUM:
        open_follow_up(r, RESERVE_SHORTFALL, division_code=community_code, subject_id=community_code,
                       reason=f"{why}: {count} reserve cadre(s) left, keep at least {people_rules.RESERVE_MINIMUM}")


def reserve_grew(r: Repository, community_code: str, count: int) -> None:
    """The community's bench gained someone: back to the minimum, its task is done."""
    if count >= people_rules.RESERVE_MINIMUM:
        close_follow_up(r, RESERVE_SHORTFALL, community_code, f"the bench is back to {count}")


def list_follow_ups(uow: UnitOfWork, *, division_code: str | None = None, kind: str | None = None,
                    include_closed: bool = False, page_size: int = 0, page_token: str | None = None) -> dict:
    """The follow-up tasks of the caller's scope (or of one division in it), oldest first."""
    POLICY.check(uow.ctx, "read people")
    r = Repository(uow)
    size = paging.page_size(page_size)
    if kind and kind not in KINDS:
        raise InvalidArgument(f"must be one of {', '.join(KINDS)}", "kind")
    q = r.select(m.FollowUp)
    if division_code:
        q = q.where(r.under(m.FollowUp.division_code, r.code(division_code, "division_code", write=True)))
    if kind:
        q = q.where(m.FollowUp.kind == kind)
    if not include_closed:
        q = q.where(m.FollowUp.closed_on.is_(None))
    filters = {"division_code": division_code, "kind": kind, "include_closed": bool(include_closed)}
    found, token = paging.page(uow.session, q, (m.FollowUp.opened_on, m.FollowUp.id), size=size, token=page_token,
                               filters=filters, converters=(date.fromisoformat, None))
    return out.page(found, out.follow_up, token)
