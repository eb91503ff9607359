"""Where the registry's records lie, for scope (services.common.repository).

A division lies in itself, an organisation in its division; both are seen from below (a community
worker sees the sub-district, the district and their working committee), never from a sibling.
A person lies in the home community (one without is the whole district's: seen by whole-district
callers only). Memberships, posts, name history, ratings and rectifications lie where their
organisation does, and are seen from below as it is; floating records lie where their branch
does. Reserve cadres, in-service registrations and pairings lie in their community, volunteer
service where the volunteer lives, a rollout ring in its sub-district (seen from its communities),
a follow-up task where its branch or community does. Feature flags are the city's and lie in no
division, as the audit log does.

A branch taken over by its working committee (一星: 党工委直管) is changed, with its memberships,
posts and floating records, only by callers whose scope holds that committee: the community's own
staff still see it but no longer manage it until the rectification closes.
"""
from __future__ import annotations

from services.common.divisions import within
from services.common.errors import InvalidArgument, NotFound, PermissionDenied
from services.common.repository import Place, ScopedRepository
from services.registry import models as m

ORGANISATION = m.Organisation.division_code


class Repository(ScopedRepository):
    PLACES = {
        m.Division: Place(m.Division.code, above=True),
        m.DivisionChange: Place(m.DivisionChange.division_code, above=True),
        m.Organisation: Place(ORGANISATION, above=True),
        m.OrganisationName: Place(ORGANISATION, via=m.OrganisationName.organisation_id, above=True),
        m.Membership: Place(ORGANISATION, via=m.Membership.organisation_id, above=True),
        m.Post: Place(ORGANISATION, via=m.Post.organisation_id, above=True),
        m.Inspection: Place(ORGANISATION, via=m.Inspection.organisation_id, above=True),
        m.Rectification: Place(ORGANISATION, via=m.Rectification.organisation_id, above=True),
        m.FloatingRecord: Place(ORGANISATION, via=m.FloatingRecord.branch_id),
        m.Person: Place(m.Person.home_community),
        m.VolunteerRecord: Place(m.Person.home_community, via=m.VolunteerRecord.person_id),
        m.ReserveCadre: Place(m.ReserveCadre.community_code),
        m.InServiceRegistration: Place(m.InServiceRegistration.community_code),
        m.Pairing: Place(m.Pairing.community_code),
        m.RingAssignment: Place(m.RingAssignment.subdistrict_code, above=True),
        m.FollowUp: Place(m.FollowUp.division_code),
    }
    #: feature flags are the city's (changed by city-wide callers only: ``city_setting``); the audit log
    DISTRICT_WIDE = frozenset({m.FeatureFlag, m.AuditEntry})

    def division(self, code, field: str = "division_code", levels: tuple[str, ...] | None = None,
                 write: bool = False, retired: bool = False) -> m.Division:
        """A stored division the caller names: its code checked (format, ``levels``, scope: refused
        outside it; with ``write``, outside the caller's narrowest scope), then NotFound if unknown
        or, unless ``retired``, retired (nothing new is placed in a retired division)."""
        if not code:
            raise InvalidArgument("is required", field)
        code = self.code(code, field, levels, write=write)
        return _current(self.get(m.Division, code, field, "division"), field, retired)

    def division_row(self, code, field: str = "division_code", levels: tuple[str, ...] | None = None,
                     write: bool = False, retired: bool = False):
        """As ``division``, as a row (a compiled read): for reads that change nothing."""
        if not code:
            raise InvalidArgument("is required", field)
        code = self.code(code, field, levels, write=write)
        return _current(self.get_row(m.Division, code, field, "division"), field, retired)

    def division_with(self, query, code, field: str = "code") -> tuple:
        """A stored, current division the caller names, and the rows that come with it: ``query`` selects
        the division itself (bound as ``:node``) besides the rows asked for, sorted by code, so a listing
        under a division costs one round trip, not two. Refused as ``division_row`` refuses."""
        if not code:
            raise InvalidArgument("is required", field)
        code = self.code(code, field)
        rows = self.rows(query, node=code)
        if not rows or rows[0].code != code:  # codes nest by prefix: the division sorts first
            raise NotFound(f"no division {code!r}", field)
        return _current(rows[0], field, False), rows[1:]

    def _taken_over_by(self, obj) -> m.Organisation | None:
        """The working committee that has taken over the organisation a record belongs to, if any."""
        org_id = (obj.id if isinstance(obj, m.Organisation) else getattr(obj, "organisation_id", None)
                  or getattr(obj, "branch_id", None))
        org = self.session.get(m.Organisation, org_id) if org_id else None
        if org is None or org.supervised_by_id is None:
            return None
        return self.session.get(m.Organisation, org.supervised_by_id)

    def changeable(self, obj) -> bool:
        if not super().changeable(obj):
            return False
        committee = self._taken_over_by(obj) if self.narrowest else None
        return committee is None or within(committee.division_code, self.narrowest)

    def check_changeable(self, obj, field: str, what: str | None = None) -> None:
        if not super().changeable(obj):
            super().check_changeable(obj, field, what)  # outside the caller's scope: said as such
        committee = self._taken_over_by(obj) if self.narrowest else None
        if committee is not None and not within(committee.division_code, self.narrowest):
            raise PermissionDenied(f"the branch is taken over by {committee.name} (one star: 党工委直管); "
                                   "its working committee manages it until the rectification closes", field)

    def organisation(self, org_id, field: str = "organisation_id", write: bool = False) -> m.Organisation:
        return self.get(m.Organisation, org_id, field, "organisation", write=write)

    def person(self, person_id, field: str = "person_id", write: bool = False) -> m.Person:
        return self.get(m.Person, person_id, field, "person", write=write)

    def person_row(self, person_id, field: str = "person_id"):
        """As ``person``, as a row (a compiled read): for reads that change nothing."""
        return self.get_row(m.Person, person_id, field, "person")


def _current(division, field: str, retired: bool):
    """A retired division is not found where a current one is asked for: every service looks its places
    up with GetDivision (services.common.registry_client.division_in), so none opens a record there."""
    if division.status == "retired" and not retired:
        raise NotFound(f"division {division.code} was retired on {division.retired_on}", field)
    return division
