"""Course ordering (课程点单) at a centre, in three steps (DOMAIN.md §5): residents order (居民点单) →
the community places the order (社区下单) → a team accepts it (团队接单); then the course is booked in
a space, held, attended and rated by those who came.

- A resident orders a course type (one of the six below) with a title, his wish, for a centre of
  his own community; his neighbours join the order, once each (a second join is the first). An
  order is counted by how many want it: whoever ordered it and whoever joined.
- The community's staff place an order from the most wanted ones: one or several orders of one
  course type at one centre, still ordered, merged into one placed course with its title, the
  sessions wanted and the day teams must accept it by. An order placed or withdrawn is not joined.
- A team accepts a placed course: a registry social organisation or partner unit (a service team
  registers as one of them; a party organisation is not a team). One team per course, by the
  deadline.
- The accepted course is booked in the centre's spaces, session by session, as any booking of the
  team is (hours, overlaps, capacity, quota), up to the sessions wanted.
- The course is held once one of its sessions has ended with someone checked in, or when the staff
  mark it held after a session has ended (a paper attendance list). Its attendance is the check-ins
  at its sessions.
- Rated by those who came: 1 to 5 stars and a comment, once per person, only by a person checked in
  at one of its sessions. Shown as the average and the count.
- A course not yet held may be cancelled (with the reason); an order still ordered may be withdrawn.
"""
from __future__ import annotations

from datetime import date

from services.common.errors import FailedPrecondition, InvalidArgument

COURSE_TYPES = {
    "science": "科普",
    "traditional_culture": "传统文化",
    "parent_child": "亲子",
    "health": "健康",
    "vocational_skills": "职业技能",
    "handicrafts": "手工",
}
ORDER_STATUSES = ("ordered", "placed", "withdrawn")
#: a course's states; "held" is also read from its sessions (``status_of``)
COURSE_STATUSES = ("placed", "accepted", "scheduled", "held", "cancelled")
#: who may accept a course: the organisations beside the party tree (a stationed one, or another team)
TEAM_KINDS = ("social_organisation", "partner_unit")
MAX_SESSIONS = 50
MAX_MERGED_ORDERS = 20
STARS = (1, 2, 3, 4, 5)


def check_course_type(course_type: str | None, field: str = "course_type") -> str:
    if course_type not in COURSE_TYPES:
        raise InvalidArgument(f"must be one of {', '.join(COURSE_TYPES)}", field)
    return course_type


def check_order_status(status: str | None) -> str:
    if status not in ORDER_STATUSES:
        raise InvalidArgument(f"must be one of {', '.join(ORDER_STATUSES)}", "status")
    return status


def check_course_status(status: str | None) -> str:
    if status not in COURSE_STATUSES:
        raise InvalidArgument(f"must be one of {', '.join(COURSE_STATUSES)}", "status")
    return status


def check_joinable(status: str) -> None:
    """Only an order still waiting to be placed is joined (a placed one is the course's now)."""
    if status != "ordered":
        raise FailedPrecondition(f"the order is {status}; only an order still ordered is joined", "order_id")


def check_withdrawable(status: str) -> None:
    if status != "ordered":
        raise FailedPrecondition(f"the order is {status}; only an order still ordered is withdrawn", "order_id")


def check_order_ids(order_ids) -> list[str]:
    """The orders a placement names, before any is looked up: one to ``MAX_MERGED_ORDERS``, none twice."""
    if not isinstance(order_ids, (list, tuple)) or not order_ids:
        raise InvalidArgument("name at least one order to place", "order_ids")
    if len(order_ids) > MAX_MERGED_ORDERS:
        raise InvalidArgument(f"a course merges at most {MAX_MERGED_ORDERS} orders", "order_ids")
    seen = set()
    for i, order_id in enumerate(order_ids):
        if not isinstance(order_id, str) or not order_id.strip():
            raise InvalidArgument("must be the id of an order", f"order_ids[{i}]")
        if order_id in seen:
            raise InvalidArgument("is named twice", f"order_ids[{i}]")
        seen.add(order_id)
    return list(order_ids)


def check_placeable(orders: list[tuple[str, str, str, str]]) -> tuple[str, str]:
    """The (centre, course type) a placement merges: ``orders`` as (id, centre_id, course_type, status), in
    the order given; every one still ordered, all of one centre and one course type, none twice."""
    check_order_ids([order_id for order_id, _, _, _ in orders])
    _, centre, kind, _ = orders[0]
    for i, (order_id, centre_id, course_type, status) in enumerate(orders):
        field = f"order_ids[{i}]"
        if status != "ordered":
            raise FailedPrecondition(f"the order is {status}; only orders still ordered are placed", field)
        if centre_id != centre:
            raise FailedPrecondition("is an order of another centre: a course is placed at one centre", field)
        if course_type != kind:
            raise FailedPrecondition(f"is a {course_type} order: the orders merged are all of one course type "
                                     f"({kind})", field)
    return centre, kind


def check_sessions_wanted(sessions) -> int:
    if isinstance(sessions, bool) or not isinstance(sessions, int) or not 1 <= sessions <= MAX_SESSIONS:
        raise InvalidArgument(f"must be a whole number of sessions from 1 to {MAX_SESSIONS}", "sessions_wanted")
    return sessions


def check_teams_by(deadline: date, today: date) -> date:
    """The day a team must accept the placed course by: today or later."""
    if deadline < today:
        raise InvalidArgument("must not be in the past", "teams_by")
    return deadline


def check_team_kind(kind: str | None) -> None:
    if kind not in TEAM_KINDS:
        raise InvalidArgument(f"must be a social organisation or a partner unit (a team), not a {kind}",
                              "organisation_id")


def check_acceptable(status: str, teams_by: date, today: date) -> None:
    """One team per course: only a course placed and waiting for one, up to its deadline."""
    if status != "placed":
        raise FailedPrecondition(f"the course is {status}; a team accepts a course only while it is placed",
                                 "course_id")
    if today > teams_by:
        raise FailedPrecondition(f"teams were asked to accept it by {teams_by.isoformat()}", "course_id")


def check_schedulable(status: str, sessions_booked: int, sessions_wanted: int) -> None:
    """Sessions are booked once a team has accepted, up to the sessions wanted (a cancelled one frees its place)."""
    if status not in ("accepted", "scheduled"):
        raise FailedPrecondition(f"the course is {status}; its sessions are booked once a team has accepted it",
                                 "course_id")
    if sessions_booked >= sessions_wanted:
        raise FailedPrecondition(f"the course has its {sessions_wanted} sessions booked already", "course_id")


def status_of(stored: str, held_by_check_ins: bool) -> str:
    """A scheduled course is held once one of its sessions has ended with someone checked in."""
    return "held" if stored == "scheduled" and held_by_check_ins else stored


def check_markable_held(stored: str, a_session_ended: bool) -> None:
    if stored != "scheduled":
        raise FailedPrecondition(f"the course is {stored}; only a scheduled course is marked held", "course_id")
    if not a_session_ended:
        raise FailedPrecondition("none of its sessions has ended yet", "course_id")


def check_cancellable(status: str) -> None:
    if status in ("held", "cancelled"):
        raise FailedPrecondition(f"the course is {status}", "course_id")


def check_stars(stars) -> int:
    if isinstance(stars, bool) or stars not in STARS:
        raise InvalidArgument("must be a whole number of stars from 1 to 5", "stars")
    return stars


def check_rater(attended: bool) -> None:
    """Rated by those who came: a check-in at one of its sessions is the proof."""
    if not attended:
        raise FailedPrecondition("did not check in at any session of this course: those who came rate it",
                                 "person_id")


def rating(stars: list[int]) -> tuple[float, int]:
    """(the average, to one decimal, 0 when none; how many rated)."""
    if not stars:
        return 0.0, 0
    return round(sum(stars) / len(stars), 1), len(stars)
