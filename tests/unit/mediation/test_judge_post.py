"""The community judge (社区法官) of a 1+1+N team holds a running community_judge post in an organisation of
the case's community: the pure part of the check (services.common.registry_client.post_held), over the
registry's answers as given."""
from __future__ import annotations

import pytest

from services.common.registry_client import post_held
from services.mediation.domain import cases as rules

COMMUNITY = "310101002001"
ORGANISATIONS = {
    "rc": {"id": "rc", "division_code": COMMUNITY},                      # the community's residents' committee
    "rc-next": {"id": "rc-next", "division_code": "310101002002"},       # the neighbouring community's
    "wc": {"id": "wc", "division_code": "310101002"},                    # the sub-district's working committee
    "other-district": None,                                              # the registry sees none in the district
}


def post(organisation_id="rc", title="community_judge", ended_on=None, post_id="p1"):
    return {"id": post_id, "organisation_id": organisation_id, "title": title, "term_end": "2031-05-31",
            "ended_on": ended_on}


def test_the_judges_post_is_named_as_the_registry_names_it():
    assert rules.JUDGE_POST == "community_judge"


def test_a_running_post_in_an_organisation_of_the_community_is_held():
    assert post_held([post()], ORGANISATIONS, rules.JUDGE_POST, COMMUNITY) == post()


def test_the_post_is_found_among_others():
    posts = [post("rc", "committee_member", post_id="p0"), post("rc-next", post_id="p1"), post(post_id="p2")]
    assert post_held(posts, ORGANISATIONS, rules.JUDGE_POST, COMMUNITY)["id"] == "p2"


@pytest.mark.parametrize("posts, why", [
    ([], "no post at all"),
    ([post(title="committee_member")], "another post of the community's committee"),
    ([post(organisation_id="rc-next")], "a judge of the neighbouring community"),
    ([post(organisation_id="wc")], "an organisation above the community, not of it"),
    ([post(organisation_id="other-district")], "an organisation the registry does not show in the district"),
    ([post(organisation_id="unknown")], "an organisation not asked about"),
    ([post(ended_on="2026-05-20")], "a post that ended"),
])
def test_no_running_post_of_the_community_is_held(posts, why):
    assert post_held(posts, ORGANISATIONS, rules.JUDGE_POST, COMMUNITY) is None, why
