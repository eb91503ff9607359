"""Four deliberations, two disclosures (四议两公开) and the voting rules."""
from __future__ import annotations

import pytest

from services.common.errors import FailedPrecondition, InvalidArgument
from services.mediation.domain import deliberation as d

DEFAULT = d.VotingRules()


def test_the_default_rules_are_two_thirds_quorum_and_a_simple_majority():
    assert DEFAULT.quorum == pytest.approx(2 / 3) and DEFAULT.majority == 0.5


def test_no_quorum_is_rejected_whatever_the_votes():
    r = d.count_votes(9, 5, 0, 0, DEFAULT)   # 5 of 9 took part, 6 needed
    assert (r.quorum_met, r.passed) == (False, False)
    assert r.reason.startswith("no quorum")


def test_exactly_the_quorum_is_enough():
    r = d.count_votes(9, 4, 2, 0, DEFAULT)   # 6 of 9 = 2/3
    assert r.quorum_met and r.passed


def test_a_tie_is_not_passed():
    r = d.count_votes(9, 3, 3, 0, DEFAULT)
    assert r.quorum_met and not r.passed and r.reason.startswith("tie")
    r = d.count_votes(9, 3, 3, 2, DEFAULT)
    assert r.quorum_met and not r.passed


def test_a_majority_passes():
    r = d.count_votes(9, 4, 3, 0, DEFAULT)
    assert r.passed and r.reason == "passed: 4 of 7 votes for"


def test_abstentions_count_towards_quorum_and_against_the_majority():
    r = d.count_votes(10, 4, 2, 3, DEFAULT)  # 9 cast, 4 is not more than half
    assert r.quorum_met and not r.passed
    assert r.reason.startswith("not passed")


def test_the_rules_are_configurable():
    strict = d.VotingRules(quorum=0.8, majority=2 / 3)
    assert not d.count_votes(10, 7, 0, 0, strict).quorum_met
    assert d.count_votes(10, 8, 0, 0, strict).passed
    assert not d.count_votes(10, 5, 3, 0, strict).passed     # 5/8 is under two thirds
    assert d.count_votes(10, 6, 2, 0, strict).passed         # 6/8 is over
    lax = d.VotingRules(quorum=0.5, majority=0.5)
    assert d.count_votes(10, 4, 1, 0, lax).passed


@pytest.mark.parametrize("quorum, majority, field", [(0, 0.5, "quorum"), (1.1, 0.5, "quorum"),
                                                     (0.5, 1, "majority"), (0.5, -0.1, "majority")])
def test_bad_rules_are_refused(quorum, majority, field):
    with pytest.raises(InvalidArgument) as err:
        d.VotingRules(quorum, majority)
    assert err.value.field == field


@pytest.mark.parametrize("args, field", [((0, 0, 0, 0), "eligible"), ((5, -1, 0, 0), "yes"),
                                         ((5, 1, 1.5, 0), "no"), ((5, 1, 1, True), "abstain"),
                                         ((5, 3, 3, 0), "yes")])
def test_bad_counts_are_refused_naming_the_field(args, field):
    with pytest.raises(InvalidArgument) as err:
        d.count_votes(*args, DEFAULT)
    assert err.value.field == field


def test_the_stages_run_in_order():
    stage, seen = "proposed", ["proposed"]
    while stage != "result_published":
        stage = d.next_stage(stage)
        seen.append(stage)
    assert tuple(seen) == d.STAGES
    with pytest.raises(FailedPrecondition):
        d.next_stage("result_published")
    with pytest.raises(FailedPrecondition, match="rejected"):
        d.next_stage(d.REJECTED)


def test_a_step_out_of_order_is_refused():
    d.check_stage("voted", "voted")
    with pytest.raises(FailedPrecondition, match="at proposed, not voted"):
        d.check_stage("proposed", "voted")


def test_the_result_waits_for_every_action():
    d.check_result_can_be_published(0)
    with pytest.raises(FailedPrecondition, match="2 action"):
        d.check_result_can_be_published(2)
