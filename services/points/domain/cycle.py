"""The member points annual cycle (党员积分制年度流程), one per branch and year.

The source report names an eleven-step process: 制定积分细则 — 党员自评 — 社区党组织初评 —
党员大会评定 — 公示登记 — 上报备案 — 年底评议 — 评定格次 — 积分核查, opened by announcing the cycle
and closed by publishing the result. Each step is done, and closed, by the role allowed to.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from services.common.context import Role
from services.common.errors import FailedPrecondition, InvalidArgument, PermissionDenied

STEPS = (
    "announced",          # 1 启动: the cycle is opened for a branch and year
    "rules_set",          # 2 制定积分细则: base score and grade thresholds fixed
    "self_assessment",    # 3 党员自评
    "initial_review",     # 4 社区党组织初评
    "members_meeting",    # 5 党员大会评定
    "public_notice",      # 6 公示登记: objections recorded and answered in a window
    "filing",             # 7 上报备案
    "year_end_review",    # 8 年底评议
    "grading",            # 9 评定格次
    "verification",       # 10 积分核查
    "published",          # 11 结果公布: closed
)

#: who may act in (and close) each step
STEP_ROLES = {
    "announced": (Role.SUBDISTRICT_STAFF, Role.DISTRICT_ADMIN),
    "rules_set": (Role.SUBDISTRICT_STAFF, Role.DISTRICT_ADMIN),
    "self_assessment": (Role.COMMUNITY_WORKER,),
    "initial_review": (Role.COMMUNITY_WORKER,),
    "members_meeting": (Role.COMMUNITY_WORKER,),
    "public_notice": (Role.COMMUNITY_WORKER,),
    "filing": (Role.SUBDISTRICT_STAFF,),
    "year_end_review": (Role.SUBDISTRICT_STAFF,),
    "grading": (Role.SUBDISTRICT_STAFF, Role.DISTRICT_ADMIN),
    "verification": (Role.DISTRICT_ADMIN,),
    "published": (),
}

GRADES = ("excellent", "qualified", "basically_qualified", "unqualified")  # 优秀 合格 基本合格 不合格
DEFAULT_THRESHOLDS = {"excellent": 90, "qualified": 70, "basically_qualified": 60}
DEFAULT_BASE_SCORE = 60
DEFAULT_OBJECTION_DAYS = 5
EXEMPTION_STATES = ("requested", "applied", "approved", "rejected")


def check_role(step: str, roles: frozenset[str]) -> None:
    allowed = STEP_ROLES[step]
    if not roles.intersection(allowed):
        raise PermissionDenied(f"the {step} step is done by {' or '.join(allowed) or 'nobody'}", "roles")


def next_step(step: str) -> str:
    i = STEPS.index(step)
    if i == len(STEPS) - 1:
        raise FailedPrecondition("the cycle is closed", "step")
    return STEPS[i + 1]


def check_in_step(current: str, expected: str, field: str = "step") -> None:
    if current != expected:
        raise FailedPrecondition(f"the cycle is at {current}, not {expected}", field)


def check_thresholds(thresholds: dict) -> dict:
    missing = [g for g in DEFAULT_THRESHOLDS if g not in thresholds]
    if missing:
        raise InvalidArgument(f"is required (missing {', '.join(missing)})", f"thresholds.{missing[0]}")
    extra = [g for g in thresholds if g not in DEFAULT_THRESHOLDS]
    if extra:
        raise InvalidArgument(f"unknown grade(s) {', '.join(extra)}", f"thresholds.{extra[0]}")
    for g in ("excellent", "qualified", "basically_qualified"):  # each named: thresholds.excellent
        check_score(thresholds[g], f"thresholds.{g}")  # finite, 0 to 1000: Infinity and 1e308 were kept
    values = [thresholds[g] for g in ("excellent", "qualified", "basically_qualified")]
    if not values[0] > values[1] > values[2]:
        raise InvalidArgument("excellent > qualified > basically_qualified is required", "thresholds")
    return {g: float(thresholds[g]) for g in DEFAULT_THRESHOLDS}


def check_score(score, field: str) -> float:
    # NaN fails both comparisons; infinities fail the range
    if isinstance(score, bool) or not isinstance(score, (int, float)) or not 0 <= score <= 1000:
        raise InvalidArgument("must be a score from 0 to 1000", field)
    return float(score)


def final_score(base_score: float, meeting_score: float | None, net_points: int) -> float:
    """年底评议: a member's score of the year by the cycle's rules.

    The score is built as the source report builds it: the base score, plus the bonus items, minus the
    deductions. The members' meeting assesses (党员大会评定) the base part, the member's standing in the
    five dimensions (study, job, discipline, activities, exemplary role), on the scale the cycle's base
    score sets: where it gave a score, that score is the member's base; where it gave none, the cycle's
    base score stands. The bonus items and deductions are not assessed by the meeting but recorded in the
    member's account through the year (``net_points``: awards minus deductions, reversals undoing
    either), so that what a member earned reaches the grade: before, the meeting's score was the final
    score, and earned points counted for nothing.
    """
    assessed = base_score if meeting_score is None else meeting_score
    return float(assessed + net_points)


def grade(score: float, thresholds: dict, violation: bool) -> str:
    """评定格次. A violation of law or discipline makes a member unqualified whatever the score."""
    if violation:
        return "unqualified"
    if score >= thresholds["excellent"]:
        return "excellent"
    if score >= thresholds["qualified"]:
        return "qualified"
    if score >= thresholds["basically_qualified"]:
        return "basically_qualified"
    return "unqualified"


@dataclass(frozen=True)
class NoticeWindow:
    opened_on: date
    days: int

    @property
    def closes_on(self) -> date:
        return self.opened_on + timedelta(days=self.days)

    def open_on(self, today: date) -> bool:
        return self.opened_on <= today < self.closes_on


def check_notice_can_close(window: NoticeWindow, today: date, unanswered: int) -> None:
    if today < window.closes_on:
        raise FailedPrecondition(f"the objection window is open until {window.closes_on.isoformat()}", "step")
    if unanswered:
        raise FailedPrecondition(f"{unanswered} objection(s) are not answered yet", "step")


EXEMPTION_FLOW = {  # own request → community application → working-committee approval
    "requested": ("applied", (Role.COMMUNITY_WORKER,)),
    "applied": ("approved", (Role.SUBDISTRICT_STAFF,)),
}


def exemption_states_decided_by(roles: frozenset[str]) -> tuple[str, ...]:
    """The exemption states that wait for a decision by one of ``roles`` (the next step of EXEMPTION_FLOW)."""
    return tuple(state for state, (_, allowed) in EXEMPTION_FLOW.items() if roles.intersection(allowed))


def advance_exemption(state: str, approve: bool, roles: frozenset[str]) -> str:
    if state not in EXEMPTION_FLOW:
        raise FailedPrecondition(f"the exemption is already {state}", "exemption_id")
    target, allowed = EXEMPTION_FLOW[state]
    if not roles.intersection(allowed):
        raise PermissionDenied(f"this step is done by {' or '.join(allowed)}", "roles")
    return target if approve else "rejected"
