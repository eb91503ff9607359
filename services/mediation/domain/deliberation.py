"""Deliberation (居民议事): "four deliberations, two disclosures" (四议两公开).

A contested matter goes: the branch proposes (党支部提议) → the two committees discuss (两委会商议)
→ the members' meeting reviews (党员大会审议) → resident representatives decide by vote (居民代表会议决议)
→ the decision is published (决议公开) → the result is published (实施结果公开). A passed
resolution carries actions with owners and deadlines, tracked to completion before the result
can be published.
"""
from __future__ import annotations

from dataclasses import dataclass

from services.common.errors import FailedPrecondition, InvalidArgument
from services.common.values import whole_number

STAGES = ("proposed", "committees_discussed", "members_reviewed", "voted", "decision_published",
          "result_published")
REJECTED = "rejected"
MEETING_KINDS = ("monthly_hall", "party_residents")  # 居民议事厅月会 / 党群议事会


@dataclass(frozen=True)
class VotingRules:
    """Configurable per district: a quorum of representatives present, then a majority of votes cast."""

    quorum: float = 2 / 3      # share of eligible representatives who must take part
    majority: float = 0.5      # share of votes cast that must be "yes" (strictly more than)

    def __post_init__(self):
        if not 0 < self.quorum <= 1:
            raise InvalidArgument("must be a share above 0 and at most 1", "quorum")
        if not 0.5 <= self.majority < 1:  # below a half, a tie (or a minority) would pass
            raise InvalidArgument("must be a share from 0.5 to below 1", "majority")


@dataclass(frozen=True)
class VoteResult:
    eligible: int
    yes: int
    no: int
    abstain: int
    quorum_met: bool
    passed: bool
    reason: str


def count_votes(eligible: int, yes: int, no: int, abstain: int, rules: VotingRules) -> VoteResult:
    for value, field in ((eligible, "eligible"), (yes, "yes"), (no, "no"), (abstain, "abstain")):
        whole_number(value, field, 0)
    if eligible == 0:
        raise InvalidArgument("there must be resident representatives entitled to vote", "eligible")
    cast = yes + no + abstain
    if cast > eligible:
        raise InvalidArgument(f"{cast} votes from {eligible} representatives", "yes")
    quorum_met = cast >= rules.quorum * eligible - 1e-9
    if not quorum_met:
        return VoteResult(eligible, yes, no, abstain, False, False,
                          f"no quorum: {cast} of {eligible} took part, {rules.quorum:.0%} needed")
    passed = yes > rules.majority * cast
    if passed:
        reason = f"passed: {yes} of {cast} votes for"
    elif yes == no:
        reason = f"tie: {yes} for, {no} against — not passed"
    else:
        reason = f"not passed: {yes} of {cast} votes for, more than {rules.majority:.0%} needed"
    return VoteResult(eligible, yes, no, abstain, True, passed, reason)


def next_stage(stage: str) -> str:
    if stage == REJECTED:
        raise FailedPrecondition("the matter was rejected", "stage")
    i = STAGES.index(stage)
    if i + 1 >= len(STAGES):
        raise FailedPrecondition("the result is already published", "stage")
    return STAGES[i + 1]


def check_stage(current: str, expected: str) -> None:
    if current != expected:
        raise FailedPrecondition(f"the matter is at {current}, not {expected}", "stage")


def check_result_can_be_published(open_actions: int) -> None:
    if open_actions:
        raise FailedPrecondition(f"{open_actions} action(s) of the resolution are not done yet", "stage")
