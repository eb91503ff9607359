"""The cityplat command: tokens, migrations, the documented sample files, bad files."""
from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from services.cli import main
from services.common.auth import context_from_token
from services.common.config import get_settings

SAMPLES = Path(__file__).resolve().parents[3] / "docs" / "samples"


@pytest.fixture
def cli(tmp_path, monkeypatch):
    monkeypatch.setenv("CITYPLAT_VAR_DIR", str(tmp_path / "var"))
    get_settings.cache_clear()
    runner = CliRunner()

    def invoke(*args):
        return runner.invoke(main, list(args), catch_exceptions=False)

    yield invoke
    get_settings.cache_clear()


def test_token_is_signed_and_carries_the_scope(cli):
    result = cli("token", "--role", "subdistrict_staff", "--district", "310101", "--subdistrict", "310101002")
    assert result.exit_code == 0
    ctx = context_from_token(result.output.strip())
    assert ctx.roles == {"subdistrict_staff"} and ctx.district == "310101" and ctx.subdistrict == "310101002"


def test_token_refuses_bad_input_naming_the_field(cli):
    result = cli("token", "--role", "resident")
    assert result.exit_code == 1 and "district: is required" in result.output
    result = cli("token", "--role", "resident", "--district", "31010")
    assert result.exit_code == 1 and "district: a district code must be 6 digits" in result.output


def test_the_documented_samples_import_and_export_round_trip(cli, tmp_path):
    assert cli("migrate", "registry").exit_code == 0
    for kind in ("divisions", "organisations", "people", "memberships"):
        result = cli("registry", "import", kind, str(SAMPLES / f"{kind}.csv"), "--district", "310104")
        assert result.exit_code == 0, result.output
        assert "imported" in result.output
    out = tmp_path / "orgs.csv"
    assert cli("registry", "export", "organisations", str(out), "--district", "310104").exit_code == 0
    lines = out.read_text().splitlines()
    assert lines[0] == "ref,kind,name,division_code,parent_ref,partner_kind,founded_on"
    assert len(lines) == 6 and lines[1].startswith("wc-tp,working_committee")


def test_a_bad_file_reports_every_bad_row_and_writes_nothing(cli, tmp_path):
    assert cli("migrate").exit_code == 0
    assert cli("registry", "import", "divisions", str(SAMPLES / "divisions.csv"), "--district", "310104").exit_code == 0
    bad = tmp_path / "people.csv"
    bad.write_text("ref,name,home_community,is_member,member_category\n"
                   "a1,甲,310104003001,yes,community\n"
                   "a2,,310104003001,no,\n"
                   "a3,丙,310104003001,maybe,\n", encoding="utf-8")
    result = cli("registry", "import", "people", str(bad), "--district", "310104")
    assert result.exit_code == 1
    assert "row 3, column name: is required" in result.output
    assert "row 4, column is_member: must be yes or no" in result.output
    assert "nothing written" in result.output
    export = tmp_path / "people-out.csv"
    cli("registry", "export", "people", str(export), "--district", "310104")
    assert export.read_text().splitlines() == ["ref,name,phone,home_community,is_member,member_category,home_study"]


def test_import_before_migrate_says_what_to_do(cli):
    result = cli("registry", "import", "divisions", str(SAMPLES / "divisions.csv"), "--district", "310104")
    assert result.exit_code == 1 and "cityplat migrate registry" in result.output
