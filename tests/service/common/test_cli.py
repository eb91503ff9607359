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


@pytest.fixture
def registry_api(cli, tmp_path):
    """The registry's gRPC server on the CLI's own (SQLite) database, as `cityplat up` would run it, and
    a district admin token of 310104: the import and export go through the API, as any client's do."""
    from services.common.auth import mint_token
    from services.registry.grpc_server import build_server

    server = build_server(get_settings(), port=0, http_port=None).start()
    token = mint_token("cli-test", ["district_admin"], "310104", settings=get_settings())
    yield ["--token", token, "--target", f"127.0.0.1:{server.port}"]
    server.stop(grace=0)


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


def test_the_documented_samples_import_and_export_round_trip(cli, registry_api, tmp_path):
    assert cli("migrate", "registry").exit_code == 0
    for kind in ("divisions", "organisations", "people", "memberships"):
        result = cli("registry", "import", kind, str(SAMPLES / f"{kind}.csv"), *registry_api)
        assert result.exit_code == 0, result.output
        assert "imported, 0 already stored unchanged" in result.output
    again = cli("registry", "import", "divisions", str(SAMPLES / "divisions.csv"), *registry_api)
    assert again.exit_code == 0 and " 0 imported, " in again.output, again.output  # a re-import writes nothing
    rows, skipped = again.output.split()[0], again.output.split("imported, ")[1].split()[0]
    assert rows == skipped  # every row already stored: skipped
    out = tmp_path / "orgs.csv"
    assert cli("registry", "export", "organisations", str(out), *registry_api).exit_code == 0
    lines = out.read_text().splitlines()
    assert lines[0] == "ref,kind,name,division_code,parent_ref,partner_kind,founded_on"
    assert len(lines) == 6 and lines[1].startswith("wc-tp,working_committee")


def test_a_bad_file_reports_every_bad_row_and_writes_nothing(cli, registry_api, tmp_path):
    assert cli("migrate").exit_code == 0
    assert cli("registry", "import", "divisions", str(SAMPLES / "divisions.csv"), *registry_api).exit_code == 0
    bad = tmp_path / "people.csv"
    bad.write_text("ref,name,home_community,is_member,member_category\n"
                   "a1,甲,310104003001,yes,community\n"
                   "a2,,310104003001,no,\n"
                   "a3,丙,310104003001,maybe,\n", encoding="utf-8")
    result = cli("registry", "import", "people", str(bad), *registry_api)
    assert result.exit_code == 1
    assert "row 3, column name: is required" in result.output
    assert "row 4, column is_member: must be yes or no" in result.output
    assert "nothing written" in result.output
    export = tmp_path / "people-out.csv"
    cli("registry", "export", "people", str(export), *registry_api)
    assert export.read_text().splitlines() == ["ref,name,phone,home_community,is_member,member_category,home_study"]


def test_import_and_export_need_a_token_and_open_no_database(cli, tmp_path):
    """They used to open the registry's database as an implicit district admin, with no token at all."""
    for args in (("import", "divisions", str(SAMPLES / "divisions.csv")), ("export", "people", str(tmp_path / "p.csv"))):
        result = cli("registry", *args)
        assert result.exit_code == 1 and "--token: is required" in result.output
    assert not (tmp_path / "var" / "registry.db").exists() and not (tmp_path / "p.csv").exists()


def test_an_import_as_a_token_that_may_not_is_refused_by_the_api(cli, registry_api):
    from services.common.auth import mint_token

    resident = mint_token("r1", ["resident"], "310104", settings=get_settings())
    result = cli("registry", "import", "divisions", str(SAMPLES / "divisions.csv"), "--token", resident,
                 registry_api[2], registry_api[3])
    assert result.exit_code == 1 and "PERMISSION_DENIED" in result.output


def test_without_a_registry_the_import_says_where_it_looked(cli, tmp_path):
    from tests.conftest import free_port

    target = f"127.0.0.1:{free_port()}"
    result = cli("registry", "import", "divisions", str(SAMPLES / "divisions.csv"), "--token", "x", "--target", target)
    assert result.exit_code == 1 and f"the registry does not answer at {target}" in result.output
