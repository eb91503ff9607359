"""Mutual evaluation (互学互评): resident representatives rate each member unit once a year, the result
reported to the unit's superior; member units rate the community's and the sub-district's service."""
from __future__ import annotations

import io

import pytest

from services.common.errors import AlreadyExists, FailedPrecondition, InvalidArgument, NotFound, PermissionDenied
from services.council import models as m
from services.council.app import evaluation
from tests.conftest import ctx_for
from tests.service.council.conftest import COMM_A, COMM_A2, call, count, read, unit, worker


def resident(person="r1"):
    return ctx_for("resident", subdistrict=COMM_A[:9], community=COMM_A, actor=person)


@pytest.fixture
def representatives(kdb, council, directory):
    directory.organisations["u1"]["parent_id"] = "organ-top"  # 区供电公司's superior
    directory.organisations["organ-top"] = {"id": "organ-top", "kind": "partner_unit", "name": "市电力集团",
                                            "division_code": "310101", "district": "310101", "status": "active"}
    for person in ("r1", "s2"):
        call(kdb, worker(), evaluation.name_representative, council_id=council["id"], person_id=person)
    return council


def test_representatives_rate_a_unit_once_a_year_and_its_superior_gets_the_result(kdb, representatives):
    c = representatives
    call(kdb, resident("r1"), evaluation.rate_unit, council_id=c["id"], unit_id="u1", year=2026, stars=5,
         comment="积极参与")
    call(kdb, worker(), evaluation.rate_unit, council_id=c["id"], unit_id="u1", year=2026, stars=4,
         representative_id="s2")  # a paper ballot entered by staff
    err = pytest.raises(AlreadyExists, call, kdb, resident("r1"), evaluation.rate_unit, council_id=c["id"],
                        unit_id="u1", year=2026, stars=1).value
    assert err.field == "representative_id"
    report = read(kdb, worker(), evaluation.get_evaluation_report, year=2026)
    [line] = report["units"]
    assert (line["unit_id"], line["superior_id"], line["ratings"], line["average"]) == ("u1", "organ-top", 2, 4.5)
    export = read(kdb, worker(), evaluation.export_unit_ratings, superior_id="organ-top", year=2026)
    assert [(x["unit_name"], x["average"]) for x in export["lines"]] == [("区供电公司", 4.5)]
    from openpyxl import load_workbook

    rows = list(load_workbook(io.BytesIO(export["xlsx"])).active.values)
    assert rows[1][:5] == ("区供电公司", "u1", COMM_A, 2, 4.5)


def test_only_a_representative_rates_and_only_member_units_are_rated(kdb, representatives):
    c = representatives
    for ctx, params, error, field in (
            (ctx_for("resident", subdistrict=COMM_A[:9], community=COMM_A, actor="bs"), {}, FailedPrecondition,
             "representative_id"),                                    # a resident who is no representative
            (resident("r1"), {"representative_id": "s2"}, PermissionDenied, "representative_id"),
            (resident("r1"), {"unit_id": "b1"}, FailedPrecondition, "unit_id"),
            (resident("r1"), {"stars": 6}, InvalidArgument, "stars"),
            (resident("r1"), {"year": 2024}, InvalidArgument, "year")):
        with pytest.raises(error) as err:
            call(kdb, ctx, evaluation.rate_unit, **{"council_id": c["id"], "unit_id": "u1", "year": 2026, "stars": 3,
                                                   **params})
        assert err.value.field == field
    assert count(kdb, m.UnitRating) == 0


def test_member_units_rate_the_community_and_the_subdistrict_once_a_year(kdb, representatives):
    c = representatives
    call(kdb, unit("u1"), evaluation.rate_service, council_id=c["id"], target="community", year=2026, stars=5)
    call(kdb, unit("u2"), evaluation.rate_service, council_id=c["id"], target="community", year=2026, stars=3)
    call(kdb, unit("u1"), evaluation.rate_service, council_id=c["id"], target="subdistrict", year=2026, stars=4)
    err = pytest.raises(AlreadyExists, call, kdb, unit("u1"), evaluation.rate_service, council_id=c["id"],
                        target="community", year=2026, stars=1).value
    assert err.field == "target"
    err = pytest.raises(PermissionDenied, call, kdb, unit("ub"), evaluation.rate_service, council_id=c["id"],
                        target="community", year=2026, stars=1).value
    assert err.field == "council_id"
    services = {(s["target"], s["code"]): (s["ratings"], s["average"])
                for s in read(kdb, worker(), evaluation.get_evaluation_report, year=2026)["services"]}
    assert services == {("community", COMM_A): (2, 4.0), ("subdistrict", COMM_A[:9]): (1, 4.0)}


def test_a_representative_lives_in_the_community_and_is_named_once(kdb, council):
    err = pytest.raises(FailedPrecondition, call, kdb, worker(), evaluation.name_representative,
                        council_id=council["id"], person_id="x2").value
    assert err.field == "person_id"
    call(kdb, worker(), evaluation.name_representative, council_id=council["id"], person_id="r1")
    err = pytest.raises(AlreadyExists, call, kdb, worker(), evaluation.name_representative, council_id=council["id"],
                        person_id="r1").value
    assert err.field == "person_id"


def test_the_neighbouring_community_sees_no_rating_and_an_unknown_superior_is_not_found(kdb, representatives):
    call(kdb, resident("r1"), evaluation.rate_unit, council_id=representatives["id"], unit_id="u1", year=2026, stars=5)
    assert read(kdb, worker(COMM_A2), evaluation.get_evaluation_report, year=2026)["units"] == []
    err = pytest.raises(NotFound, read, kdb, worker(), evaluation.export_unit_ratings, superior_id="nobody").value
    assert err.field == "superior_id"


def test_staff_enter_a_units_form_naming_the_unit(kdb, representatives):
    c = representatives
    got = call(kdb, worker(), evaluation.rate_service, council_id=c["id"], target="community", year=2026, stars=4,
               unit_id="so1")
    assert got["unit_id"] == "so1"
    err = pytest.raises(InvalidArgument, call, kdb, worker(), evaluation.rate_service, council_id=c["id"],
                        target="community", year=2026, stars=4).value
    assert err.field == "unit_id"
    err = pytest.raises(PermissionDenied, call, kdb, unit("u1"), evaluation.rate_service, council_id=c["id"],
                        target="community", year=2026, stars=4, unit_id="u2").value
    assert err.field == "unit_id"
