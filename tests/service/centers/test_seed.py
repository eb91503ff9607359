"""The demo district's centre: seeded once, with spaces residents and organisations can book."""
from __future__ import annotations

from services.centers import models as m
from services.centers.app import bookings, centres
from services.centers.seed import COMMUNITY, seed_demo
from tests.service.centers.conftest import count, read, resident, worker


def test_the_seed_opens_the_demo_centre_once(cdb):
    assert seed_demo(cdb) is True and seed_demo(cdb) is False
    assert count(cdb, m.Centre) == 1 and count(cdb, m.Space) == 5
    [centre] = read(cdb, worker(), centres.list_centres, community=COMMUNITY)["items"]
    spaces = {s["kind"]: s for s in read(cdb, resident(), centres.list_spaces, centre_id=centre["id"])["items"]}
    assert spaces["reading_room"]["residents_may_book"] is True and spaces["multi_purpose_hall"]["needs_approval"]
    free = read(cdb, resident(), bookings.get_availability, space_id=spaces["reading_room"]["id"],
                from_date="2026-06-02", to_date="2026-06-02")["slots"]
    assert [(s["starts_at"][11:16], s["ends_at"][11:16]) for s in free] == [("08:30", "21:00")]
