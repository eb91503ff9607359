"""An in-memory registry for the service tests of the other services (services.common.registry_client).

``FakeRegistry`` answers as the registry's gRPC API does: a person or organisation of another
district is not found (None). It records the calls, so a test can see what was asked. Posts (a
community judge's, 社区法官) are given with ``posts=`` or ``appoint(...)`` and ended with ``end_post``;
``posts_of`` answers as ListPosts(person_id, include_ended=false) does: the person's running posts.
"""
from __future__ import annotations


class FakeRegistry:
    """people: {id: (name, home_community)} or {id: dict}; organisations: {id: dict with kind, division_code};
    posts: {id: dict with person_id, organisation_id, title, and term_end, ended_on (None: running)};
    members: {organisation id: [person ids with a running membership]};
    in_service: {person id: dict with community_code, employer_id, volunteer_projects} (到社区报到)."""

    def __init__(self, people: dict | None = None, organisations: dict | None = None, rollout: dict | None = None,
                 divisions: set | None = None, posts: dict | None = None, members: dict | None = None,
                 in_service: dict | None = None):
        self.people = {pid: self._person(pid, row) for pid, row in (people or {}).items()}
        self.organisations = {oid: {"id": oid, "status": "active", **row, "district": row["division_code"][:6]}
                              for oid, row in (organisations or {}).items()}
        self.posts = {post_id: {"id": post_id, "term_end": None, "ended_on": None, **row}
                      for post_id, row in (posts or {}).items()}
        self._rollout = rollout or {"rings": [], "flags": [], "default_ring": "general"}
        self.divisions = divisions  # None: every code of the district exists
        self.members = {oid: list(people_ids) for oid, people_ids in (members or {}).items()}
        # {person id: {community_code, employer_id, volunteer_projects}}: 到社区报到 registrations
        self.in_service = {pid: dict(row) for pid, row in (in_service or {}).items()}
        self.calls: list[tuple] = []
        self.down = False

    @staticmethod
    def _person(pid: str, row) -> dict:
        if isinstance(row, tuple):
            name, community = row
            row = {"name": name, "home_community": community}
        community = row.get("home_community") or ""
        return {"id": pid, "is_member": False, "district": row.get("district") or community[:6], **row}

    def move(self, person_id: str, community: str) -> None:
        """The person moves home to ``community`` (of another district, perhaps), as the registry records it."""
        self.people[person_id] = {**self.people[person_id], "home_community": community, "district": community[:6]}

    def appoint(self, person_id: str, organisation_id: str, title: str = "community_judge",
                term_end: str | None = "2031-05-31", ended_on: str | None = None) -> str:
        """The registry now records ``person_id`` holding ``title`` in the organisation; returns the post's id."""
        post_id = f"post-{len(self.posts) + 1}"
        self.posts[post_id] = {"id": post_id, "person_id": person_id, "organisation_id": organisation_id,
                               "title": title, "term_end": term_end, "ended_on": ended_on}
        return post_id

    def end_post(self, post_id: str, on: str = "2026-05-31") -> None:
        """The post ended (a resignation, a recall): the registry lists it no more among running posts."""
        self.posts[post_id] = {**self.posts[post_id], "ended_on": on}

    def _ask(self, *call):
        self.calls.append(call)
        if self.down:
            from services.common.errors import FailedPrecondition
            raise FailedPrecondition("the registry did not answer (UNAVAILABLE)", "registry")

    def person(self, district, person_id):
        self._ask("person", district, person_id)
        p = self.people.get(person_id)
        return dict(p) if p and p["district"] == district else None

    def people_of(self, district, community):
        self._ask("people_of", district, community)
        return [dict(p) for p in self.people.values() if p["district"] == district and p["home_community"] == community]

    def organisation(self, district, organisation_id):
        self._ask("organisation", district, organisation_id)
        o = self.organisations.get(organisation_id)
        return dict(o) if o and o["district"] == district else None

    def posts_of(self, district, person_id):
        self._ask("posts_of", district, person_id)
        person = self.people.get(person_id)
        if not person or person["district"] != district:  # ListPosts: NOT_FOUND, which the client reads as none
            return []
        # a post lies where its organisation does (one the fake does not know: in the person's district)
        lies_in = lambda p: self.organisations.get(p["organisation_id"], person)["district"]  # noqa: E731
        return [{k: p[k] for k in ("id", "organisation_id", "title", "term_end", "ended_on")}
                for p in self.posts.values()
                if p["person_id"] == person_id and not p["ended_on"] and lies_in(p) == district]

    def members_of(self, district, organisation_id):
        self._ask("members_of", district, organisation_id)
        o = self.organisations.get(organisation_id)
        return sorted(self.members.get(organisation_id, [])) if o and o["district"] == district else []

    def organisations_in(self, district, division_code):
        from services.common.divisions import within

        self._ask("organisations_in", district, division_code)
        return [dict(o) for o in self.organisations.values()
                if o["district"] == district and o.get("status", "active") != "dissolved"
                and within(o["division_code"], division_code)]

    def in_service_members(self, district, community):
        """As ListInServiceMembers(community_code) does: the members registered with the community."""
        self._ask("in_service_members", district, community)
        return [{"person_id": pid, "name": self.people.get(pid, {}).get("name", pid), "community_code": community,
                 "employer_id": row.get("employer_id", ""), "employer_name": row.get("employer_name", ""),
                 "volunteer_projects": list(row.get("volunteer_projects", [])),
                 "registered_on": row.get("registered_on", "")}
                for pid, row in sorted(self.in_service.items())
                if row["community_code"] == community and community.startswith(district)]

    def division(self, district, code):
        self._ask("division", district, code)
        known = self.divisions is None or code in self.divisions
        return {"code": code, "district": code[:6]} if known and code.startswith(district) else None

    def rollout(self, district):
        self._ask("rollout", district)
        return self._rollout

    def bar_honours(self, reason: str, *record_ids: str) -> None:
        """The registry now bars these people or organisations from honours (a branch rated two stars or
        fewer, and its members), answering with ``reason``."""
        self.__dict__.setdefault("honour_bars", {}).update({rid: reason for rid in record_ids})

    def lift_honours_bar(self, *record_ids: str) -> None:
        for rid in record_ids:
            self.__dict__.get("honour_bars", {}).pop(rid, None)

    def honours_eligibility(self, district, person_id=None, organisation_id=None):
        self._ask("honours_eligibility", district, person_id, organisation_id)
        found = self.person(district, person_id) if person_id else self.organisation(district, organisation_id)
        self.calls.pop()  # the lookup above is part of this one call
        if found is None:
            return None
        reason = self.__dict__.get("honour_bars", {}).get(person_id or organisation_id)
        return {"eligible": reason is None, "reason": reason or "no bar"}


def registry_replaced(fake):
    """``with registry_replaced(FakeRegistry(...)):`` the process's registry client is the fake."""
    from services.common.registry_client import replaced

    return replaced(fake)
