"""The demo district's council: its settings before any service runs, its council once the registry answers."""
from __future__ import annotations

from services.council import models as m
from services.council.app import agreements, councils
from services.council.seed import COMMUNITY, REMINDER_DAYS, seed_demo, seed_demo_served
from tests.service.council.conftest import count, read, worker


def test_the_settings_first_then_the_council_from_the_registrys_answers_each_once(kdb, directory):
    assert seed_demo(kdb) is True and seed_demo(kdb) is False
    assert read(kdb, worker(), agreements.get_council_settings)["reminder_days"] == REMINDER_DAYS
    assert seed_demo_served(kdb) is True and seed_demo_served(kdb) is False
    [council] = read(kdb, worker(), councils.list_councils, division_code=COMMUNITY)["items"]
    got = read(kdb, worker(), councils.get_council, id=council["id"])
    assert got["leader_id"] == "s1"  # the secretary of the community's party committee (cc), not b1's
    assert {x["organisation_id"] for x in got["members"]} == {"u1", "u2", "so1"}
    assert sum(x["leader_group"] for x in got["members"]) == 2
    assert read(kdb, worker(), councils.get_work_plan, council_id=council["id"])["items"]


def test_without_the_registry_the_council_waits_and_the_settings_stand(kdb, directory):
    import pytest

    from services.common.errors import FailedPrecondition

    directory.down = True
    assert seed_demo(kdb) is True
    with pytest.raises(FailedPrecondition):
        seed_demo_served(kdb)
    assert count(kdb, m.Council) == 0 and count(kdb, m.CouncilSettings) == 1
