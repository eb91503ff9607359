"""Case rules: intake channels, parties and masking, the team 1+1+N, rating, the reopen window."""
from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

from services.common.errors import FailedPrecondition, InvalidArgument
from services.common.logs import mask_phone
from services.common.values import text
from services.mediation.domain import cases as rules

T0 = datetime(2026, 6, 1, 12, 0, tzinfo=timezone.utc)


def field_of(excinfo) -> str:
    return excinfo.value.field


@pytest.mark.parametrize("channel", ["walk_in", "grid_worker", "residents_meeting", "hotline_12345"])
def test_the_four_intake_channels_are_accepted(channel):
    rules.check_channel(channel)


@pytest.mark.parametrize("channel", ["", "email", "WALK_IN", None])
def test_another_channel_is_refused_naming_the_field(channel):
    with pytest.raises(InvalidArgument) as err:
        rules.check_channel(channel)
    assert field_of(err) == "channel"


def test_parties_are_normalised():
    out = rules.check_parties([{"name": " 张三 ", "phone": "138-1234 5678", "person_id": "r1"},
                               {"name": "李四", "role": "respondent"}])
    assert out[0] == rules.Party("张三", "complainant", "13812345678", "r1")
    assert out[1] == rules.Party("李四", "respondent", None, None)


@pytest.mark.parametrize("parties, field", [
    ([], "parties"),
    ([{"name": "", "role": "complainant"}], "parties[0].name"),
    ([{"name": "x" * 101}], "parties[0].name"),
    ([{"name": "张三"}, {"name": "李四", "role": "judge"}], "parties[1].role"),
    ([{"name": "张三", "phone": "12ab5678"}], "parties[0].phone"),
    ([{"name": "张三", "phone": "123456"}], "parties[0].phone"),
    ([{"name": "张三", "phone": "1" * 16}], "parties[0].phone"),
    ([{"name": "李四", "role": "respondent"}], "parties"),
])
def test_bad_parties_are_refused_naming_the_field(parties, field):
    with pytest.raises(InvalidArgument) as err:
        rules.check_parties(parties)
    assert field_of(err) == field


def test_text_is_required_and_bounded():
    """Case texts are read with the one text validator (services.common.values.text), long ones up to LONG_TEXT."""
    assert text("  hello ", "summary", rules.LONG_TEXT, required=True) == "hello"
    assert text("x" * rules.LONG_TEXT, "summary", rules.LONG_TEXT, required=True) == "x" * 4000
    assert text(None, "compound", 40) is None
    with pytest.raises(InvalidArgument) as err:
        text("", "summary", rules.LONG_TEXT, required=True)
    assert field_of(err) == "summary"
    with pytest.raises(InvalidArgument) as err:
        text("x" * (rules.LONG_TEXT + 1), "summary", rules.LONG_TEXT, required=True)
    assert field_of(err) == "summary"
    with pytest.raises(InvalidArgument) as err:
        text("x" * 41, "building", 40)
    assert field_of(err) == "building"
    with pytest.raises(InvalidArgument):
        text(42, "summary", rules.LONG_TEXT, required=True)


def test_team_is_one_judge_one_mediator_and_n_volunteers():
    rules.check_team("j", "m", [])
    rules.check_team("j", "m", [f"v{i}" for i in range(rules.MAX_VOLUNTEERS)])


@pytest.mark.parametrize("judge, mediator_, volunteers, field", [
    ("", "m", [], "judge_id"),
    ("j", None, [], "mediator_id"),
    ("j", "m", [f"v{i}" for i in range(rules.MAX_VOLUNTEERS + 1)], "volunteer_ids"),
    ("j", "j", [], "volunteer_ids"),
    ("j", "m", ["v1", "v1"], "volunteer_ids"),
    ("j", "m", ["m"], "volunteer_ids"),
])
def test_a_bad_team_is_refused(judge, mediator_, volunteers, field):
    with pytest.raises(InvalidArgument) as err:
        rules.check_team(judge, mediator_, volunteers)
    assert field_of(err) == field


def test_only_an_assigned_case_is_mediated():
    rules.check_can_mediate("assigned")
    rules.check_can_mediate("in_mediation")
    with pytest.raises(FailedPrecondition, match="assign a team first"):
        rules.check_can_mediate("open")
    with pytest.raises(FailedPrecondition):
        rules.check_can_mediate("resolved")


@pytest.mark.parametrize("score", [1, 3, 5])
def test_a_rating_is_one_to_five(score):
    assert rules.check_rating(score, "很满意") == score


@pytest.mark.parametrize("score", [0, 6, -1, 2.5, "5", True, None])
def test_a_rating_outside_one_to_five_is_refused(score):
    with pytest.raises(InvalidArgument) as err:
        rules.check_rating(score, None)
    assert field_of(err) == "score"


def test_a_rating_comment_is_bounded():
    with pytest.raises(InvalidArgument) as err:
        rules.check_rating(4, "x" * 1001)
    assert field_of(err) == "comment"


def test_the_reopen_window_is_fifteen_days():
    assert rules.REOPEN_DAYS == 15
    rules.check_reopen("resolved", T0, T0 + timedelta(days=15))
    with pytest.raises(FailedPrecondition, match="15-day reopen window closed on 2026-06-16"):
        rules.check_reopen("resolved", T0, T0 + timedelta(days=15, seconds=1))


@pytest.mark.parametrize("status", ["open", "assigned", "in_mediation", "closed"])
def test_only_a_resolved_case_is_reopened(status):
    with pytest.raises(FailedPrecondition):
        rules.check_reopen(status, T0, T0)


def test_not_resolved_is_no_resolving_outcome():
    assert "not_resolved" in rules.OUTCOMES and "not_resolved" not in rules.RESOLVING_OUTCOMES


@pytest.mark.parametrize("name, masked", [("张三丰", "张**"), ("李四", "李*"), ("王", "王*"), ("", "")])
def test_names_are_masked_to_the_surname(name, masked):
    assert rules.mask_name(name) == masked


def test_phones_are_masked_in_the_middle():
    assert mask_phone("13812345678") == "138****5678"
    assert "2345" not in mask_phone("13812345678")[3:7]
    assert mask_phone(None) is None


def test_the_team_is_the_judge_the_mediator_and_the_volunteers():
    assert rules.team_of("j", "m", [{"person_id": "v1"}, {"person_id": "v2"}]) == {"j", "m", "v1", "v2"}
    assert rules.team_of(None, None, None) == set()


@pytest.mark.parametrize("actor, supervisor, party, confidential, visible, in_full", [
    ("m", False, False, True, True, True),          # on the team
    ("boss", True, False, True, True, True),        # a supervisor of the district
    ("r1", False, True, True, True, False),         # a party: sees it, masked
    ("worker", False, False, True, False, False),   # anyone else: not found
    ("worker", False, False, False, True, False),   # a case that is not confidential: seen, masked
])
def test_confidential_cases_are_seen_by_their_team_supervisors_and_parties(actor, supervisor, party, confidential,
                                                                           visible, in_full):
    full = rules.sees_in_full(actor, supervisor, {"j", "m"})
    assert full is in_full
    assert rules.visible_case(confidential, full, party) is visible


@pytest.mark.parametrize("code", ["parking", "shared_space", "a1"])
def test_a_category_code_is_lower_case(code):
    assert rules.check_category_code(code) == code


@pytest.mark.parametrize("code", ["", None, "Parking", "parking lot", "x" * 41, 7])
def test_a_bad_category_code_is_refused(code):
    with pytest.raises(InvalidArgument) as err:
        rules.check_category_code(code)
    assert field_of(err) == "code"


# ---- issue 11: a party on his own case's team, crediting once per case, closing

@pytest.mark.parametrize("team, field", [
    (("r1", "med1", []), "judge_id"),
    (("j1", "r1", []), "mediator_id"),
    (("j1", "med1", ["v1", "r1"]), "volunteer_ids[1]"),
])
def test_no_party_is_on_the_team_of_his_own_case(team, field):
    judge, mediator, volunteers = team
    with pytest.raises(InvalidArgument) as err:
        rules.check_team(judge, mediator, volunteers, parties={"r1", "r2"})
    assert err.value.field == field and "party" in err.value.message
    rules.check_team("j1", "med1", ["v1"], parties={"r1", "r2"})


def test_volunteers_are_credited_once_per_case():
    team = [{"person_id": "v1"}, {"person_id": "v2"}]
    assert rules.volunteers_to_credit(team, None) == team
    assert rules.volunteers_to_credit(team, team) == []                    # resolved again after a reopening
    assert rules.volunteers_to_credit(team + [{"person_id": "v3"}], team) == [{"person_id": "v3"}]  # joined later


def test_a_resolved_case_closes_when_its_reopen_window_has_passed():
    resolved = datetime(2026, 6, 1, 12, tzinfo=timezone.utc)
    assert not rules.due_to_close("resolved", resolved, resolved + timedelta(days=15))
    assert rules.due_to_close("resolved", resolved, resolved + timedelta(days=15, seconds=1))
    assert not rules.due_to_close("in_mediation", resolved, resolved + timedelta(days=30))
    assert not rules.due_to_close("closed", resolved, resolved + timedelta(days=30))
