"""`cityplat rollout` refuses bad input before calling anyone, naming the argument and the reason."""
from __future__ import annotations

from click.testing import CliRunner

from services.cli import main


def run(*args, env=None):
    return CliRunner().invoke(main, ["rollout", *args], env={"CITYPLAT_TOKEN": "", **(env or {})})


def test_a_sub_district_code_of_the_wrong_shape_is_refused_naming_it():
    result = run("move", "31010100x", "--ring", "pilot", env={"CITYPLAT_TOKEN": "t"})
    assert result.exit_code != 0
    assert "SUBDISTRICTS: '31010100x' not a 9-digit sub-district code" in result.output


def test_a_ring_or_stage_that_does_not_exist_is_refused():
    assert "Invalid value for '--ring'" in run("move", "310101002", "--ring", "beta").output
    assert "Invalid value for 'STAGE'" in run("stage", "points.moral-bank", "on").output


def test_without_a_token_it_says_how_to_get_one():
    result = run("show", "--district", "310101")
    assert result.exit_code != 0
    assert "--token: is required" in result.output and "cityplat token --role operator" in result.output


def test_a_registry_that_does_not_answer_is_named():
    result = run("show", "--district", "310101", "--target", "127.0.0.1:1", env={"CITYPLAT_TOKEN": "t"})
    assert result.exit_code != 0 and "--target: the registry does not answer at 127.0.0.1:1" in result.output
