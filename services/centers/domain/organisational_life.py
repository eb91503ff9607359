"""Organisational life (组织生活): "three meetings, one lesson" (三会一课) and the themed party day (主题党日).

A branch's meeting is a booking of a space with a purpose; it counts as held once its minutes (会议记录)
are recorded, which cannot happen before it starts. Each branch owes a rhythm of meetings: by default
the practice the reports describe (DOMAIN.md §5, the seeds): a members' meeting (支部党员大会) and a
party lesson (党课) each quarter, a committee meeting (支部委员会), a party-group meeting (党小组会)
and the themed party day each month. A district may set its own counts. A branch is behind for a kind
in a period that has ended with fewer held than owed.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from services.common.errors import FailedPrecondition, InvalidArgument
from services.common.values import period_days, period_of

#: kind → (the Chinese term, its default rhythm: every "month" or "quarter", how many)
MEETING_KINDS = {
    "members_meeting": ("支部党员大会", "quarter", 1),
    "committee_meeting": ("支部委员会", "month", 1),
    "group_meeting": ("党小组会", "month", 1),
    "party_lesson": ("党课", "quarter", 1),
    "themed_party_day": ("主题党日", "month", 1),
}
PERIODS = ("month", "quarter")
MAX_PER_PERIOD = 10
#: the registry's organisation kinds that keep organisational life of their own (a party group meets
#: as part of its branch; committees above branches are not tracked here)
BRANCH_KINDS = ("branch", "general_branch", "grid_branch", "new_org_branch", "organ_branch")
MAX_MINUTES_CHARS = 20_000


@dataclass(frozen=True)
class Rhythm:
    kind: str
    every: str
    count: int
    default: bool = True


def check_kind(kind: str | None, field: str = "kind") -> str:
    if kind not in MEETING_KINDS:
        raise InvalidArgument(f"must be one of {', '.join(MEETING_KINDS)}", field)
    return kind


def check_branch_kind(kind: str | None, name: str) -> None:
    if kind not in BRANCH_KINDS:
        raise FailedPrecondition(f"{name} is a {kind}, not a party branch: organisational life is a branch's",
                                 "branch_id")


def check_rhythm(every: str | None, count: int | None) -> tuple[str, int]:
    if every not in PERIODS:
        raise InvalidArgument("must be month or quarter", "every")
    if not isinstance(count, int) or isinstance(count, bool) or not 0 <= count <= MAX_PER_PERIOD:
        raise InvalidArgument(f"must be a whole number from 0 to {MAX_PER_PERIOD}", "count")
    return every, count


def rhythms(settings: dict[str, tuple[str, int]]) -> list[Rhythm]:
    """Every kind's rhythm: the district's setting where it has one, the default otherwise."""
    found = []
    for kind, (_, every, count) in MEETING_KINDS.items():
        if kind in settings:
            found.append(Rhythm(kind, *settings[kind], default=False))
        else:
            found.append(Rhythm(kind, every, count))
    return found


def purpose(kind: str, topic: str) -> str:
    """The booking's purpose: the meeting's Chinese name and its topic (shown on the centre's calendar)."""
    return f"{MEETING_KINDS[kind][0]}: {topic}"[:200]


def category_of(branch_kind: str) -> str:
    """The member points category (党员积分 organ / community / new_org) of a branch's members."""
    return {"organ_branch": "organ", "new_org_branch": "new_org"}.get(branch_kind, "community")


def check_minutes(status: str, starts_local: date | None, started: bool, recorded: bool) -> None:
    """Minutes are recorded once, for a confirmed meeting that has started."""
    if recorded:
        raise FailedPrecondition("the minutes of this meeting are recorded already", "meeting_id")
    if status != "confirmed":
        raise FailedPrecondition(f"the meeting's booking is {status}: minutes are kept of a confirmed meeting",
                                 "meeting_id")
    if not started:
        raise FailedPrecondition(f"the meeting starts on {starts_local}: minutes are recorded once it has begun",
                                 "meeting_id")


# ---- periods

def period_bounds(period: str) -> tuple[date, date]:
    """[first day, day after the last) of a period named by ``period_of``."""
    first, last = period_days(period)
    return first, last + timedelta(days=1)


def periods_in(first: date, last: date, every: str) -> list[str]:
    """The periods that [first, last] touches, in order."""
    found, day = [], first
    while day <= last:
        found.append(period_of(day, every))
        day = period_bounds(found[-1])[1]
    return found


def last_ended(today: date, every: str) -> str:
    """The period that ended most recently before ``today``'s."""
    return period_of(period_bounds(period_of(today, every))[0] - timedelta(days=1), every)


@dataclass
class KindFigure:
    kind: str
    every: str
    required: int      # owed in the periods of the window begun by today
    held: int          # held in the window
    missed: list[str]  # ended periods of the window with fewer held than owed


def figures(rhythm: list[Rhythm], held_by_kind_period: dict[tuple[str, str], int], first: date, last: date,
            today: date) -> list[KindFigure]:
    """One branch's figures over [first, last]: per kind, what it owed in the periods begun by ``today``,
    what it held, and the ended periods it fell short in."""
    out = []
    for r in rhythm:
        begun = [p for p in periods_in(first, min(last, today), r.every)] if first <= today else []
        held = sum(held_by_kind_period.get((r.kind, p), 0) for p in periods_in(first, last, r.every))
        missed = [p for p in begun if period_bounds(p)[1] <= today
                  and held_by_kind_period.get((r.kind, p), 0) < r.count]
        out.append(KindFigure(r.kind, r.every, r.count * len(begun), held, missed))
    return out


def window(year: int, quarter: int | None) -> tuple[date, date]:
    """The days a figure covers: a whole year, or one quarter of it."""
    if quarter is None:
        return date(year, 1, 1), date(year, 12, 31)
    first, after = period_bounds(f"{year}-Q{quarter}")
    return first, after - timedelta(days=1)
