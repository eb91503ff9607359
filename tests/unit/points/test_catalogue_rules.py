"""The points station: item checks, quantities, pick-up codes and their expiry."""
from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

from services.common.errors import FailedPrecondition, InvalidArgument
from services.points.domain import catalogue as K

NOW = datetime(2026, 6, 1, 12, tzinfo=timezone.utc)


@pytest.mark.parametrize("kind", K.ITEM_KINDS)
def test_every_item_kind(kind):
    K.check_item(kind, "an item", 10, None if kind in ("service", "honour") else 3)


@pytest.mark.parametrize("args,field", [
    (("toy", "x", 10, 1), "kind"),
    (("goods", "", 10, 1), "name"),
    (("goods", "   ", 10, 1), "name"),
    (("goods", "x" * 101, 10, 1), "name"),
    (("goods", "x", 0, 1), "points_cost"),
    (("goods", "x", 100_001, 1), "points_cost"),
    (("goods", "x", 2.5, 1), "points_cost"),
    (("goods", "x", True, 1), "points_cost"),
    (("goods", "x", 10, -1), "stock"),
])
def test_bad_items_are_refused_naming_the_field(args, field):
    with pytest.raises(InvalidArgument) as err:
        K.check_item(*args)
    assert err.value.field == field


def test_quantities():
    assert K.check_quantity(3, "goods") == 3
    assert K.check_quantity(1, "honour") == 1
    for bad in (0, 101, 1.5, True, "2"):
        with pytest.raises(InvalidArgument) as err:
            K.check_quantity(bad, "goods")
        assert err.value.field == "quantity"
    with pytest.raises(InvalidArgument):
        K.check_quantity(2, "honour")


def test_pick_up_codes_are_easy_to_read_out():
    codes = {K.pick_up_code() for _ in range(50)}
    assert len(codes) > 45
    for code in codes:
        assert len(code) == 8 and set(code) <= set(K.CODE_ALPHABET)
        assert not set(code) & set("01OI")


def test_a_reservation_lasts_72_hours():
    assert K.reservation_expiry(NOW) == NOW + timedelta(hours=72)


def test_pick_up_checks_status_expiry_and_code():
    expires = K.reservation_expiry(NOW)
    K.check_pick_up("reserved", "ABCD2345", "abcd2345 ", expires, NOW)
    with pytest.raises(InvalidArgument) as err:
        K.check_pick_up("reserved", "ABCD2345", "ABCD2346", expires, NOW)
    assert err.value.field == "pick_up_code"
    with pytest.raises(InvalidArgument):
        K.check_pick_up("reserved", "ABCD2345", "", expires, NOW)
    with pytest.raises(FailedPrecondition) as err:
        K.check_pick_up("reserved", "ABCD2345", "ABCD2345", expires, expires + timedelta(seconds=1))
    assert "expired" in err.value.message
    for status in ("picked_up", "cancelled", "expired", "pending_approval"):
        with pytest.raises(FailedPrecondition) as err:
            K.check_pick_up(status, "ABCD2345", "ABCD2345", expires, NOW)
        assert err.value.field == "reservation_id"
