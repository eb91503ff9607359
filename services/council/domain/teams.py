"""Service teams (服务小队) and what they deliver.

- A skills register (技能登记): people of the community (party members and residents, the registry's)
  with their skills (水电维修, 理论宣讲, 文艺演出 …), their trade and interests.
- A team is formed by interest, trade or skill (趣缘、业缘、技缘): a repair team (水电维修队), a lecture
  team (理论宣讲队), a performance team (文艺演出队) …; it may be led by a member unit of the council.
  Its members come from the skills register.
- An activity records who served (members of the team) and how many people were served; it is
  announced as ``service.delivered`` (the unit and each volunteer), which the points service credits
  once each.
"""
from __future__ import annotations

from datetime import date

from services.common.errors import FailedPrecondition, InvalidArgument
from services.common.values import distinct_labels

BASES = ("interest", "trade", "skill")     # 趣缘、业缘、技缘
KINDS = ("repair", "lecture", "performance", "elderly_care", "environment", "health", "legal_aid", "other")
MAX_SKILLS = 20
MAX_VOLUNTEERS = 100
MAX_SERVED = 100_000


def check_skills(skills: list | None, field: str = "skills") -> list[str]:
    """1 to 20 skills, each 1 to 40 characters, without repeats (kept in the order given)."""
    return distinct_labels(skills, field, MAX_SKILLS, "skill", required=True)


def check_team(basis: str, kind: str) -> None:
    if basis not in BASES:
        raise InvalidArgument(f"must be one of {', '.join(BASES)} (趣缘、业缘、技缘)", "basis")
    if kind not in KINDS:
        raise InvalidArgument(f"must be one of {', '.join(KINDS)}", "kind")


def check_activity(served_on: date, today: date, people_served, volunteers: list | None,
                   team_members: set[str]) -> list[str]:
    """An activity as held: not in the future, how many were served, and the team members who served
    (at least one, each a member of the team, once)."""
    if served_on > today:
        raise InvalidArgument("must not be in the future: an activity is recorded once it is held", "served_on")
    if isinstance(people_served, bool) or not isinstance(people_served, int) or not 0 <= people_served <= MAX_SERVED:
        raise InvalidArgument(f"must be a whole number from 0 to {MAX_SERVED}", "people_served")
    if not volunteers:
        raise InvalidArgument("name the team members who served (at least one)", "volunteer_ids")
    if len(volunteers) > MAX_VOLUNTEERS:
        raise InvalidArgument(f"at most {MAX_VOLUNTEERS} volunteers", "volunteer_ids")
    out: list[str] = []
    for i, person in enumerate(volunteers):
        if person not in team_members:
            raise FailedPrecondition(f"{person!r} is not a member of the team", f"volunteer_ids[{i}]")
        if person not in out:
            out.append(person)
    return out
