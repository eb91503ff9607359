"""Paging by cursor: every item once across the pages, tokens bound to their filters, bad tokens refused."""
from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import Column, Date, Integer, String, create_engine, select
from sqlalchemy.orm import Session, declarative_base

from services.common import paging
from services.common.errors import InvalidArgument

Base = declarative_base()


class Item(Base):
    __tablename__ = "items"
    id = Column(String, primary_key=True)
    day = Column(Date, nullable=False)
    n = Column(Integer)


@pytest.fixture
def session():
    engine = create_engine("sqlite://")
    Base.metadata.create_all(engine)
    with Session(engine) as s:
        s.add_all([Item(id=f"i{n:02d}", day=date(2026, 1, 1 + n % 5), n=n) for n in range(23)])
        s.commit()
        yield s


def _all_pages(session, size, descending=False, filters=None):
    token, seen, pages = "", [], 0
    while True:
        items, token = paging.page(session, select(Item), [Item.day, Item.id], size=size, token=token,
                                   filters=filters or {}, descending=descending,
                                   converters=[date.fromisoformat, None])
        seen += [i.id for i in items]
        pages += 1
        if not token:
            return seen, pages


@pytest.mark.parametrize("descending", [False, True])
def test_every_item_comes_once_in_the_sort_order(session, descending):
    seen, pages = _all_pages(session, 5, descending)
    expected = [i.id for i in session.scalars(select(Item).order_by(Item.day, Item.id))]
    assert seen == (expected[::-1] if descending else expected)
    assert pages == 5


def test_a_token_given_with_other_filters_or_forged_is_refused(session):
    _, token = paging.page(session, select(Item), [Item.day, Item.id], size=3, token="", filters={"a": 1},
                           converters=[date.fromisoformat, None])
    with pytest.raises(InvalidArgument) as err:
        paging.page(session, select(Item), [Item.day, Item.id], size=3, token=token, filters={"a": 2})
    assert err.value.field == "page_token"
    for forged in ("not-base64!", "eyJrIjogMX0", paging.encode([1], {"a": 1})):
        with pytest.raises(InvalidArgument) as err:
            paging.page(session, select(Item), [Item.day, Item.id], size=3, token=forged, filters={"a": 1},
                        converters=[date.fromisoformat, None])
        assert err.value.field == "page_token"


@pytest.mark.parametrize("value, expected", [(0, paging.DEFAULT_PAGE_SIZE), (None, paging.DEFAULT_PAGE_SIZE), (7, 7)])
def test_page_size_defaults_and_bounds(value, expected):
    assert paging.page_size(value) == expected


@pytest.mark.parametrize("value", [-1, paging.MAX_PAGE_SIZE + 1, True, "5"])
def test_a_bad_page_size_is_refused_naming_it(value):
    with pytest.raises(InvalidArgument) as err:
        paging.page_size(value)
    assert err.value.field == "page_size"
