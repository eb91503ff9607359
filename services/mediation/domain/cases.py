"""Cases (矛盾纠纷): from intake to a rated resolution.

Cases come from walk-ins (来访), grid workers (网格员上报), residents' meetings (居民议事) and the
city's 12345 hotline (12345工单). Each has parties (contacts masked in listings and logs), a
category, a place, a tier and a deadline. The 1+1+N team (一名社区法官、一名调解员、N名调解志愿者)
mediates; the resident rates the outcome (一事一诺一评议) and may reopen it within a window.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from services.common.errors import FailedPrecondition, InvalidArgument
from services.common.values import text, whole_number

CHANNELS = ("walk_in", "grid_worker", "residents_meeting", "hotline_12345")
PARTY_ROLES = ("complainant", "respondent", "other")
STATUSES = ("open", "assigned", "in_mediation", "resolved", "closed")
#: a case still being handled (on the ladder, counted as open); and one with a team at work on it
OPEN_STATUSES = ("open", "assigned", "in_mediation")
MEDIATING = ("assigned", "in_mediation")
OUTCOMES = ("agreement", "resolved_without_agreement", "not_resolved", "withdrawn")
#: outcomes that end the case; "not_resolved" ends the community's attempt and escalates instead
RESOLVING_OUTCOMES = ("agreement", "resolved_without_agreement", "withdrawn")
#: outcomes that settle the matter: a withdrawn complaint ends the case but settles nothing, so it is
#: not "resolved" in the figures (it would inflate the share resolved inside the community)
SETTLING_OUTCOMES = ("agreement", "resolved_without_agreement")
REOPEN_DAYS = 15
MAX_VOLUNTEERS = 10
#: the registry's post of a community judge (社区法官): the judge of a case's team holds it, running, in an
#: organisation of the case's community; living there is not enough, a community judge is appointed
JUDGE_POST = "community_judge"
#: case texts (summaries, notes, agreements, proposals) are long; names and short notes have their own limits
LONG_TEXT = 4000


@dataclass(frozen=True)
class Party:
    name: str
    role: str
    phone: str | None = None
    person_id: str | None = None


def check_parties(parties: list[dict]) -> list[Party]:
    if not parties:
        raise InvalidArgument("name at least the complainant", "parties")
    out = []
    for i, p in enumerate(parties):
        field = f"parties[{i}]"
        name = text(p.get("name"), f"{field}.name", 100, required=True)
        if not name:
            raise InvalidArgument("is required", f"{field}.name")
        role = p.get("role") or "complainant"
        if role not in PARTY_ROLES:
            raise InvalidArgument(f"must be one of {', '.join(PARTY_ROLES)}", f"{field}.role")
        phone = (p.get("phone") or "").replace(" ", "").replace("-", "") or None
        if phone and (not phone.isdigit() or not 7 <= len(phone) <= 15):
            raise InvalidArgument(f"must be 7 to 15 digits, got {p.get('phone')!r}", f"{field}.phone")
        out.append(Party(name, role, phone, p.get("person_id") or None))
    if not any(p.role == "complainant" for p in out):
        raise InvalidArgument("one party must be the complainant", "parties")
    return out


def check_category_code(code) -> str:
    """A category's code: lower-case letters, digits and '_', at most 40."""
    if not code or not isinstance(code, str) or len(code) > 40 or not code.replace("_", "").isalnum() \
            or not code.islower():
        raise InvalidArgument("2-40 lower-case letters, digits or '_'", "code")
    return code


def check_channel(channel: str) -> None:
    if channel not in CHANNELS:
        raise InvalidArgument(f"must be one of {', '.join(CHANNELS)}", "channel")


def check_team(judge: str | None, mediator: str | None, volunteers: list[str], parties: set[str] = frozenset()) -> None:
    """1+1+N: one community judge, one mediator, N volunteers, no one twice, and none of them a party to
    the case (``parties``: the parties' person ids): no one mediates, or is credited for, his own dispute."""
    if not judge:
        raise InvalidArgument("a community judge (社区法官) is required", "judge_id")
    if not mediator:
        raise InvalidArgument("a mediator (调解员) is required", "mediator_id")
    if len(volunteers) > MAX_VOLUNTEERS:
        raise InvalidArgument(f"at most {MAX_VOLUNTEERS} volunteers", "volunteer_ids")
    people = [judge, mediator, *volunteers]
    if len(set(people)) != len(people):
        raise InvalidArgument("a person appears twice in the team", "volunteer_ids")
    fields = ["judge_id", "mediator_id", *(f"volunteer_ids[{i}]" for i in range(len(volunteers)))]
    for person, field in zip(people, fields):
        if person in parties:
            raise InvalidArgument(f"{person} is a party to the case and cannot be on its team", field)


def check_can_mediate(status: str) -> None:
    if status not in MEDIATING:
        raise FailedPrecondition(f"the case is {status}; assign a team first" if status == "open"
                                 else f"the case is {status}", "case_id")


def check_rating(score, comment) -> int:
    whole_number(score, "score", 1, 5)
    text(comment, "comment", 1000)
    return score


def check_reopen(status: str, resolved_at: datetime | None, now: datetime, days: int = REOPEN_DAYS) -> None:
    if status != "resolved" or resolved_at is None:
        raise FailedPrecondition(f"only a resolved case can be reopened; this one is {status}", "case_id")
    if now > resolved_at + timedelta(days=days):
        raise FailedPrecondition(f"the {days}-day reopen window closed on "
                                 f"{(resolved_at + timedelta(days=days)).date().isoformat()}", "case_id")


def volunteers_to_credit(volunteers: list[dict] | None, credited: list[dict] | None) -> list[dict]:
    """The volunteers a resolution credits: those of the team not credited for this case before (both as
    stored: ``{"person_id", ...}``). A case's volunteers are credited once per case, however often it is
    reopened and resolved again; one who joined the team after a reopening is credited when it is resolved."""
    done = {v.get("person_id") for v in credited or []}
    return [v for v in volunteers or [] if v.get("person_id") not in done]


def due_to_close(status: str, resolved_at: datetime | None, now: datetime, days: int = REOPEN_DAYS) -> bool:
    """A resolved case closes (结案) once its reopen window has passed: no party can reopen it any more."""
    return status == "resolved" and resolved_at is not None and now > resolved_at + timedelta(days=days)


def team_of(judge_id: str | None, mediator_id: str | None, volunteers: list[dict] | None) -> set[str]:
    """Who is on a case's 1+1+N team (volunteers as stored: ``{"person_id", ...}``)."""
    return {pid for pid in (judge_id, mediator_id, *(v.get("person_id") for v in volunteers or [])) if pid}


def sees_in_full(actor: str, supervisor: bool, team: set[str]) -> bool:
    """A case's contacts in full, and a confidential case at all: its team and the supervisors of its
    district only (not city staff, not other workers). The parties see their confidential case, masked."""
    return supervisor or actor in team


def visible_case(confidential: bool, in_full: bool, party: bool) -> bool:
    """On top of scope: a confidential case is not found for anyone but its team, supervisors and parties."""
    return not confidential or in_full or party


def mask_name(name: str) -> str:
    """张三丰 → 张**: listings show the surname only."""
    return name[:1] + "*" * max(len(name) - 1, 1) if name else name
