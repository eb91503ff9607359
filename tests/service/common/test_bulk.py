"""services.common.bulk.execute: many rows to several tables, in order, in the caller's transaction.

Every test runs twice: on a SQLite file (writes one statement at a time) and on a fresh
PostgreSQL database (every write in one round trip, as unnest arrays). The tables are this
module's own, made with SQLAlchemy Core on a fresh MetaData.
"""
from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

import pytest
from sqlalchemy import (BigInteger, Column, Date, DateTime, ForeignKey, Integer, JSON, MetaData, String, Table,
                        exc, func, select)

from services.common import bulk
from services.common.bulk import Insert, SetColumn
from services.common.db import make_engine
from tests.conftest import scans

metadata = MetaData()

#: autoincrement BIGINT primary key (INTEGER on SQLite, where only INTEGER PRIMARY KEY autoincrements)
PARENTS = Table(
    "bulk_parents", metadata,
    Column("id", BigInteger().with_variant(Integer, "sqlite"), primary_key=True, autoincrement=True),
    Column("name", String(40), nullable=False, unique=True),
    Column("data", JSON),
    Column("note", String(40), nullable=True),
    Column("born_on", Date),
    Column("seen_at", DateTime(timezone=True)),
)

CHILDREN = Table(
    "bulk_children", metadata,
    Column("id", Integer, primary_key=True, autoincrement=False),
    Column("parent_name", String(40), ForeignKey("bulk_parents.name"), nullable=False),
    Column("label", String(20)),
)

#: composite primary key
SCORES = Table(
    "bulk_scores", metadata,
    Column("account", String(20), primary_key=True),
    Column("shard", Integer, primary_key=True),
    Column("points", BigInteger, nullable=False),
    Column("meta", JSON),
)

#: legal column names that the statement texts must not trip over
NAMED_V = Table(
    "bulk_named_v", metadata,
    Column("id", Integer, primary_key=True, autoincrement=False),
    Column("v", Integer),
    Column("label", String(20)),
)
KEYWORDS = Table(
    "bulk_keywords", metadata,
    Column("id", Integer, primary_key=True, autoincrement=False),
    Column("order", Integer),
    Column("user", String(20)),
)

SEEN = datetime(2026, 6, 1, 12, 30, 15, 123456, tzinfo=timezone.utc)


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.integration)])
def engine(request, tmp_path):
    """An engine from db.make_engine on SQLite or on a fresh PostgreSQL database, with this module's tables."""
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path / 'bulk.db'}"
    else:
        url = request.getfixturevalue("pg_url")
    engine = make_engine(url)
    metadata.create_all(engine)
    yield engine
    engine.dispose()


def rows(engine, table, *order_by):
    with engine.connect() as conn:
        return [r._asdict() for r in conn.execute(select(table).order_by(*order_by))]


def count(engine, table) -> int:
    with engine.connect() as conn:
        return conn.execute(select(func.count()).select_from(table)).scalar_one()


def utc(value: datetime) -> datetime:
    """SQLite keeps no offset (SQLAlchemy stores the wall time, so tests give UTC values and get them
    back naive); PostgreSQL gives them back in the session's zone."""
    return value.replace(tzinfo=timezone.utc) if value.tzinfo is None else value.astimezone(timezone.utc)


def scores(engine) -> dict:
    return {(r["account"], r["shard"]): r["points"] for r in rows(engine, SCORES, SCORES.c.account, SCORES.c.shard)}


def seed_scores(engine) -> None:
    with engine.begin() as conn:
        bulk.execute(conn, [Insert(SCORES, [
            {"account": "a", "shard": 0, "points": 10, "meta": None},
            {"account": "a", "shard": 1, "points": 11, "meta": None},
            {"account": "b", "shard": 0, "points": 20, "meta": None},
            {"account": "b", "shard": 1, "points": 21, "meta": None},
        ])])


# ---- inserts


def test_inserted_rows_land_with_their_values(engine):
    """Several rows arrive with every value: JSON dicts and lists, None (JSON and not), dates, aware datetimes."""
    given = [
        {"name": "alpha", "data": {"k": 1, "nested": {"list": [1, "两", None]}}, "note": "first",
         "born_on": date(1990, 1, 31), "seen_at": SEEN},
        {"name": "beta 社区", "data": None, "note": None, "born_on": None, "seen_at": None},
        {"name": "gamma", "data": [1, 2, {"x": True}], "note": "100% sure",
         "born_on": date(2026, 12, 31), "seen_at": SEEN + timedelta(days=1, microseconds=1)},
    ]
    with engine.begin() as conn:
        assert bulk.execute(conn, [Insert(PARENTS, given)]) == []
    got = rows(engine, PARENTS, PARENTS.c.name)
    assert [r["name"] for r in got] == ["alpha", "beta 社区", "gamma"]
    assert len({r["id"] for r in got}) == 3 and all(isinstance(r["id"], int) for r in got)
    for want, row in zip(given, got):
        assert row["data"] == want["data"]
        assert row["note"] == want["note"]
        assert row["born_on"] == want["born_on"]
        assert (None if row["seen_at"] is None else utc(row["seen_at"])) == (
            None if want["seen_at"] is None else utc(want["seen_at"]))



AWKWARD_TEXTS = ['say "hi"', "back\\slash", "trailing\\", "a,b", "{braces}", "NULL", "null", "", "  spaced  ",
                 "it's", "两个\n行", "tab\there", '\\"both\\"']


def test_text_of_every_shape_arrives_unchanged(engine):
    """Quotes, backslashes, commas, braces, the word NULL, empty and spaced text, new lines and
    Chinese, in text and in JSON, come back as they were given (on PostgreSQL they travel inside
    one array literal per column)."""
    given = [{"name": f"n{i}", "note": text[:40], "data": {"text": text, "list": [text, None]}}
             for i, text in enumerate(AWKWARD_TEXTS)]
    with engine.begin() as conn:
        bulk.execute(conn, [Insert(PARENTS, given)])
        bulk.execute(conn, [SetColumn(PARENTS, ("name",), "note", [{"name": "n0", "note": 'set "again"\\'}])])
    got = {r["name"]: r for r in rows(engine, PARENTS, PARENTS.c.name)}
    assert got["n0"]["note"] == 'set "again"\\'
    for row in given[1:]:
        assert (got[row["name"]]["note"], got[row["name"]]["data"]) == (row["note"], row["data"])

def test_an_insert_with_returning_gives_the_generated_keys(engine):
    """returning names columns: the autoincrement ids of the inserted rows come back with them."""
    with engine.begin() as conn:
        returned = bulk.execute(conn, [Insert(PARENTS, [{"name": "p1"}, {"name": "p2"}], returning=("id", "name"))])
    assert sorted(r.name for r in returned) == ["p1", "p2"]
    assert {(r["id"], r["name"]) for r in rows(engine, PARENTS, PARENTS.c.id)} == {(r.id, r.name) for r in returned}


# ---- order


def test_writes_apply_in_the_order_given(engine):
    """A child row can follow its parent in the same call (one round trip on PostgreSQL); then both exist."""
    with engine.begin() as conn:
        bulk.execute(conn, [
            Insert(PARENTS, [{"name": "mother"}, {"name": "father"}]),
            Insert(CHILDREN, [{"id": 1, "parent_name": "mother", "label": "x"},
                              {"id": 2, "parent_name": "father", "label": None}]),
        ])
    assert [(r["id"], r["parent_name"], r["label"]) for r in rows(engine, CHILDREN, CHILDREN.c.id)] == [
        (1, "mother", "x"), (2, "father", None)]


def test_a_child_before_its_parent_is_refused(engine):
    """The same writes in the other order break the foreign key: the order given is the order run."""
    with engine.connect() as conn:
        with pytest.raises(exc.IntegrityError):
            bulk.execute(conn, [
                Insert(CHILDREN, [{"id": 1, "parent_name": "mother", "label": "x"}]),
                Insert(PARENTS, [{"name": "mother"}]),
            ])
        conn.rollback()
    assert count(engine, PARENTS) == 0 and count(engine, CHILDREN) == 0


def test_a_set_column_after_an_insert_sees_the_inserted_rows(engine):
    """An update later in the call changes rows inserted earlier in it."""
    with engine.begin() as conn:
        bulk.execute(conn, [
            Insert(SCORES, [{"account": "n", "shard": 0, "points": 1}, {"account": "n", "shard": 1, "points": 2}]),
            SetColumn(SCORES, ("account", "shard"), "points", [{"account": "n", "shard": 1, "points": 50}]),
        ])
    assert scores(engine) == {("n", 0): 1, ("n", 1): 50}


# ---- SetColumn


def test_set_column_changes_exactly_the_keyed_rows(engine):
    """Rows found by the whole composite key get the new value; rows sharing only part of the key do not."""
    seed_scores(engine)
    with engine.begin() as conn:
        assert bulk.execute(conn, [SetColumn(SCORES, ("account", "shard"), "points", [
            {"account": "a", "shard": 1, "points": 111},
            {"account": "b", "shard": 0, "points": 200},
            {"account": "zz", "shard": 9, "points": 999},  # no such row: nothing inserted
        ])]) == []
    assert scores(engine) == {("a", 0): 10, ("a", 1): 111, ("b", 0): 200, ("b", 1): 21}



@pytest.mark.integration
def test_set_column_on_postgresql_finds_rows_through_the_key_index_in_a_table_of_thousands(pg_url):
    """PostgreSQL's planner would hash-join a table of a few thousand rows to the arrays by reading
    all of it; each keyed row is looked up through the primary key instead, and the planner's
    setting is back to what it was for the rest of the transaction."""
    engine = make_engine(pg_url)
    metadata.create_all(engine)
    try:
        with engine.begin() as conn:
            bulk.execute(conn, [Insert(SCORES, [{"account": f"a{n}", "shard": s, "points": n, "meta": None}
                                                for n in range(1500) for s in (0, 1)])])
            conn.exec_driver_sql("ANALYZE bulk_scores")
        with engine.begin() as conn:
            seq_before, index_before = scans(conn, "bulk_scores")
            bulk.execute(conn, [SetColumn(SCORES, ("account", "shard"), "points",
                                          [{"account": f"a{n}", "shard": 1, "points": -n} for n in range(0, 1500, 60)])])
            seq_after, index_after = scans(conn, "bulk_scores")
            assert (seq_after - seq_before, index_after - index_before) == (0, 25)
            assert conn.exec_driver_sql("SHOW enable_seqscan").scalar() == "on"
        assert scores(engine)[("a120", 1)] == -120 and scores(engine)[("a120", 0)] == 120
    finally:
        engine.dispose()

def test_set_column_writes_json_and_none(engine):
    """A JSON column can be set to a document, and a nullable column back to None."""
    seed_scores(engine)
    with engine.begin() as conn:
        bulk.execute(conn, [Insert(PARENTS, [{"name": "p", "note": "keep?", "data": {"v": 1}},
                                             {"name": "q", "note": "stays", "data": {"v": 2}}])])
    with engine.begin() as conn:
        bulk.execute(conn, [
            SetColumn(SCORES, ("account", "shard"), "meta", [{"account": "b", "shard": 1, "meta": {"tags": ["x"]}}]),
            SetColumn(PARENTS, ("name",), "note", [{"name": "p", "note": None}]),
        ])
    meta = {(r["account"], r["shard"]): r["meta"] for r in rows(engine, SCORES, SCORES.c.account)}
    assert meta == {("a", 0): None, ("a", 1): None, ("b", 0): None, ("b", 1): {"tags": ["x"]}}
    assert [(r["name"], r["note"], r["data"]) for r in rows(engine, PARENTS, PARENTS.c.name)] == [
        ("p", None, {"v": 1}), ("q", "stays", {"v": 2})]


# ---- on conflict do nothing + returning


def test_on_conflict_do_nothing_returns_only_the_rows_inserted(engine):
    """A row whose key exists is skipped and not returned; the existing row is unchanged."""
    seed_scores(engine)
    with engine.begin() as conn:
        returned = bulk.execute(conn, [Insert(SCORES, [
            {"account": "a", "shard": 0, "points": 999},  # exists
            {"account": "c", "shard": 0, "points": 30},
            {"account": "c", "shard": 1, "points": 31},
        ], on_conflict_do_nothing=True, returning=("account", "shard"))])
    assert sorted(tuple(r) for r in returned) == [("c", 0), ("c", 1)]
    assert scores(engine) == {("a", 0): 10, ("a", 1): 11, ("b", 0): 20, ("b", 1): 21, ("c", 0): 30, ("c", 1): 31}


def test_on_conflict_do_nothing_with_one_key_twice_in_the_call_inserts_it_once(engine):
    """Two rows with one key in one insert: one is inserted and returned, the other skipped (as idempotency keys need)."""
    with engine.begin() as conn:
        returned = bulk.execute(conn, [Insert(SCORES, [
            {"account": "d", "shard": 0, "points": 1},
            {"account": "d", "shard": 0, "points": 2},
            {"account": "e", "shard": 0, "points": 3},
        ], on_conflict_do_nothing=True, returning=("account", "shard", "points"))])
    assert sorted(tuple(r) for r in returned) == [("d", 0, 1), ("e", 0, 3)]
    assert scores(engine) == {("d", 0): 1, ("e", 0): 3}


def test_without_on_conflict_do_nothing_a_duplicate_key_fails(engine):
    """A plain Insert of an existing key raises IntegrityError."""
    seed_scores(engine)
    with engine.connect() as conn:
        with pytest.raises(exc.IntegrityError):
            bulk.execute(conn, [Insert(SCORES, [{"account": "a", "shard": 0, "points": 1}])])
        conn.rollback()
    assert scores(engine)[("a", 0)] == 10


def test_the_last_writes_rows_are_returned_after_earlier_writes(engine):
    """With several writes, execute returns what the last (returning) write returned."""
    with engine.begin() as conn:
        returned = bulk.execute(conn, [
            Insert(PARENTS, [{"name": "p"}]),
            SetColumn(PARENTS, ("name",), "note", [{"name": "p", "note": "n"}]),
            Insert(SCORES, [{"account": "f", "shard": 0, "points": 5}], on_conflict_do_nothing=True,
                   returning=("account",)),
        ])
    assert [tuple(r) for r in returned] == [("f",)]
    assert [(r["name"], r["note"]) for r in rows(engine, PARENTS, PARENTS.c.id)] == [("p", "n")]


# ---- refusals and empty writes


def test_returning_on_a_write_that_is_not_last_is_refused_and_changes_nothing(engine):
    """Only the last write may return rows: otherwise ValueError, before anything is written."""
    with engine.connect() as conn:
        with pytest.raises(ValueError, match="last"):
            bulk.execute(conn, [
                Insert(PARENTS, [{"name": "p"}], returning=("id",)),
                Insert(SCORES, [{"account": "g", "shard": 0, "points": 1}]),
            ])
        assert conn.execute(select(func.count()).select_from(PARENTS)).scalar_one() == 0
        conn.commit()
    assert count(engine, PARENTS) == 0 and count(engine, SCORES) == 0


def test_no_writes_or_only_empty_writes_do_nothing_and_return_nothing(engine):
    """Writes without rows are skipped; with nothing left, execute returns []."""
    with engine.begin() as conn:
        assert bulk.execute(conn, []) == []
        assert bulk.execute(conn, [
            Insert(PARENTS, []),
            SetColumn(SCORES, ("account", "shard"), "points", []),
            Insert(SCORES, [], on_conflict_do_nothing=True, returning=("account",)),
        ]) == []
    assert count(engine, PARENTS) == 0 and count(engine, SCORES) == 0


def test_empty_writes_are_skipped_among_others(engine):
    """Empty writes between real ones are skipped; the real ones still run in order."""
    with engine.begin() as conn:
        returned = bulk.execute(conn, [
            Insert(CHILDREN, []),
            Insert(PARENTS, [{"name": "p"}]),
            SetColumn(PARENTS, ("name",), "note", []),
            Insert(CHILDREN, [{"id": 7, "parent_name": "p", "label": "c"}]),
        ])
    assert returned == []
    assert [(r["id"], r["parent_name"]) for r in rows(engine, CHILDREN, CHILDREN.c.id)] == [(7, "p")]


# ---- the caller's transaction


def test_everything_happens_in_the_callers_transaction(engine):
    """execute commits nothing itself: rolling the connection's transaction back undoes every write."""
    seed_scores(engine)
    with engine.connect() as conn:
        returned = bulk.execute(conn, [
            Insert(PARENTS, [{"name": "p", "data": {"a": 1}}]),
            Insert(CHILDREN, [{"id": 1, "parent_name": "p"}]),
            SetColumn(SCORES, ("account", "shard"), "points", [{"account": "a", "shard": 0, "points": 0}]),
            Insert(SCORES, [{"account": "h", "shard": 0, "points": 1}], on_conflict_do_nothing=True,
                   returning=("account",)),
        ])
        assert [tuple(r) for r in returned] == [("h",)]
        assert conn.execute(select(func.count()).select_from(CHILDREN)).scalar_one() == 1  # seen inside
        conn.rollback()
    assert count(engine, PARENTS) == 0 and count(engine, CHILDREN) == 0
    assert scores(engine) == {("a", 0): 10, ("a", 1): 11, ("b", 0): 20, ("b", 1): 21}


def test_a_committed_call_is_kept(engine):
    """The same writes committed by the caller are there afterwards, on a new connection."""
    with engine.connect() as conn:
        bulk.execute(conn, [Insert(PARENTS, [{"name": "p"}]), Insert(CHILDREN, [{"id": 1, "parent_name": "p"}])])
        conn.commit()
    assert count(engine, PARENTS) == 1 and count(engine, CHILDREN) == 1


# ---- column names (both found bugs, since fixed: parameter names no column can have; quoted names)


def test_set_column_on_a_table_with_a_column_named_v(engine):
    """Any column name is allowed: a table with a column "v" can have another column set."""
    with engine.begin() as conn:
        bulk.execute(conn, [Insert(NAMED_V, [{"id": 1, "v": 5, "label": "old"}, {"id": 2, "v": 6, "label": "old"}])])
    with engine.begin() as conn:
        bulk.execute(conn, [SetColumn(NAMED_V, ("id",), "label", [{"id": 1, "label": "new"}])])
    assert [(r["id"], r["v"], r["label"]) for r in rows(engine, NAMED_V, NAMED_V.c.id)] == [
        (1, 5, "new"), (2, 6, "old")]


def test_columns_named_like_sql_keywords_are_written(engine):
    """Columns named "order" and "user" (legal, SQLAlchemy quotes them) are inserted and set."""
    with engine.begin() as conn:
        bulk.execute(conn, [
            Insert(KEYWORDS, [{"id": 1, "order": 1, "user": "u1"}, {"id": 2, "order": 2, "user": "u2"}]),
            SetColumn(KEYWORDS, ("id",), "order", [{"id": 2, "order": 20}]),
        ])
    assert [(r["id"], r["order"], r["user"]) for r in rows(engine, KEYWORDS, KEYWORDS.c.id)] == [
        (1, 1, "u1"), (2, 20, "u2")]


def test_a_python_side_default_fills_a_column_left_out(engine):
    """A column the rows leave out gets its Python-side default, on both databases alike."""
    metadata = MetaData()
    table = Table("with_defaults", metadata, Column("id", Integer, primary_key=True, autoincrement=False),
                  Column("status", String(10), nullable=False, default="posted"),
                  Column("stamp", String(10), nullable=False, default=lambda: "called"))
    metadata.create_all(engine)
    with engine.begin() as conn:
        bulk.execute(conn, [Insert(table, [{"id": 1}, {"id": 2}])])
    assert [(r["id"], r["status"], r["stamp"]) for r in rows(engine, table, table.c.id)] == [
        (1, "posted", "called"), (2, "posted", "called")]
