"""Many rows to several tables in one round trip: what a group commit writes.

On PostgreSQL, each table's rows travel as one array per column (``INSERT ... SELECT * FROM
unnest(...)``, ``UPDATE ... FROM unnest(...)``), each array as one literal string, so a
statement's text is the same whatever the number of rows; and all the statements go in one
message, in the order given (psycopg2 binds parameters on the client, so several statements make
one execute). A row is therefore written after the rows it refers to, and the database is asked
once instead of once per table.
SQLite, in process, runs the same writes one statement at a time.
"""
from __future__ import annotations

import functools
import json
from datetime import date, datetime
from dataclasses import dataclass
from typing import Any

from sqlalchemy import JSON, Table, bindparam, update
from sqlalchemy.dialects import postgresql
from sqlalchemy.dialects.sqlite import insert as sqlite_insert


@dataclass
class Insert:
    """Insert ``rows`` (dicts with the same keys) into ``table``.

    ``returning`` names columns to return; only the last write of a call may return rows."""

    table: Table
    rows: list[dict[str, Any]]
    on_conflict_do_nothing: bool = False
    returning: tuple[str, ...] = ()


@dataclass
class SetColumn:
    """Set ``column`` on rows found by ``keys``: each of ``rows`` gives the keys and the new value."""

    table: Table
    keys: tuple[str, ...]
    column: str
    rows: list[dict[str, Any]]


def execute(conn, writes: list[Insert | SetColumn]) -> list:
    """Run ``writes`` in order in the connection's transaction; the rows the last one returns.

    Columns a row leaves out get the column's Python-side default (as a Core insert would)."""
    if any(w.returning for w in writes[:-1] if isinstance(w, Insert)):
        raise ValueError("only the last write may return rows")
    writes = [_with_defaults(w) if isinstance(w, Insert) else w for w in writes if w.rows]
    if not writes:
        return []
    if conn.dialect.name != "postgresql":
        return _execute_one_by_one(conn, writes)
    statements, params = [], {}
    for n, write in enumerate(writes):
        if isinstance(write, Insert):
            names = tuple(write.rows[0])
            text = _pg_insert(write.table, names, write.on_conflict_do_nothing, write.returning)
        else:
            names = (*write.keys, write.column)
            text = _pg_set(write.table, write.keys, write.column)
        statements.append(text.replace("%(c", f"%(w{n}_c"))
        for i, name in enumerate(names):
            params[f"w{n}_c{i}"] = _pg_array(write.table.c[name], [row.get(name) for row in write.rows])
    result = conn.exec_driver_sql(";\n".join(statements), params)
    return result.all() if result.returns_rows else []


def _with_defaults(write: Insert) -> Insert:
    missing = [c for c in write.table.columns if c.name not in write.rows[0] and not c.primary_key
               and c.default is not None and (c.default.is_scalar or c.default.is_callable)]
    if not missing:
        return write
    rows = [dict(row) for row in write.rows]
    for column in missing:
        default = column.default
        for row in rows:
            row[column.name] = default.arg if default.is_scalar else default.arg(None)
    return Insert(write.table, rows, write.on_conflict_do_nothing, write.returning)


def _pg_array(column, values: list) -> str:
    """One column's values as the text of a PostgreSQL array (``{"a","b",NULL}``), sent as one
    string: psycopg2 would quote each element and send ``ARRAY['a','b',NULL]``, whose every element
    PostgreSQL then parses and plans as an expression of its own. Each element is quoted and read
    by the column type's own input function; JSON columns as SQLAlchemy would write them (None is
    JSON null unless the column says ``none_as_null``)."""
    if isinstance(column.type, JSON):
        sql_null = column.type.none_as_null
        values = [None if v is None and sql_null else json.dumps(v, ensure_ascii=False) for v in values]
    return "{" + ",".join(["NULL" if v is None else _element(v) for v in values]) + "}"


def _element(value) -> str:
    if isinstance(value, str):
        text = value
    elif isinstance(value, bool):
        text = "t" if value else "f"
    elif isinstance(value, (datetime, date)):
        text = value.isoformat()
    elif isinstance(value, (bytes, bytearray, memoryview)):
        text = "\\x" + bytes(value).hex()
    else:  # numbers, Decimal, UUID
        text = str(value)
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


_PG = postgresql.dialect()
_quote = _PG.identifier_preparer.quote


def _pg_arrays(table: Table, names: tuple[str, ...]) -> str:
    """One array parameter per column, cast to the column's type: ``%(c0)s::VARCHAR(32)[], ...``."""
    return ", ".join(f"%(c{i})s::{table.c[name].type.compile(dialect=_PG)}[]" for i, name in enumerate(names))


@functools.lru_cache(maxsize=None)
def _pg_insert(table: Table, names: tuple[str, ...], do_nothing: bool, returning: tuple[str, ...]) -> str:
    """The statement's text depends on the table and columns, not on the number of rows."""
    text = (f"INSERT INTO {_PG.identifier_preparer.format_table(table)} ({', '.join(map(_quote, names))}) "
            f"SELECT * FROM unnest({_pg_arrays(table, names)})")
    if do_nothing:
        text += " ON CONFLICT DO NOTHING"
    if returning:
        text += f" RETURNING {', '.join(map(_quote, returning))}"
    return text


@functools.lru_cache(maxsize=None)
def _pg_set(table: Table, keys: tuple[str, ...], column: str) -> str:
    names = (*keys, column)
    aliases = [f"c{i}" for i in range(len(names))]
    match = " AND ".join(f"t.{_quote(k)} = v.c{i}" for i, k in enumerate(keys))
    # Rows are found by their keys, through the keys' index: the planner, left alone, hash-joins a
    # small table (a few thousand rows) to the arrays by scanning all of it, for every batch.
    return (f"SET LOCAL enable_seqscan = off; "
            f"UPDATE {_PG.identifier_preparer.format_table(table)} AS t SET {_quote(column)} = v.c{len(keys)} "
            f"FROM unnest({_pg_arrays(table, names)}) AS v({', '.join(aliases)}) WHERE {match}; "
            f"SET LOCAL enable_seqscan TO DEFAULT")


def _execute_one_by_one(conn, writes: list[Insert | SetColumn]) -> list:
    result = []
    for write in writes:
        if isinstance(write, Insert):
            stmt = sqlite_insert(write.table)
            if write.on_conflict_do_nothing:
                stmt = stmt.on_conflict_do_nothing()
            if write.returning:
                stmt = stmt.returning(*(write.table.c[name] for name in write.returning))
                result = conn.execute(stmt, write.rows).all()
            else:
                conn.execute(stmt, write.rows)
        else:
            # parameter names no column can have: SQLAlchemy refuses one named like a column
            keys = {k: f"_bulk_key_{i}" for i, k in enumerate(write.keys)}
            stmt = (update(write.table).where(*(write.table.c[k] == bindparam(p) for k, p in keys.items()))
                    .values({write.column: bindparam("_bulk_value")}))
            conn.execute(stmt, [{**{p: row[k] for k, p in keys.items()}, "_bulk_value": row[write.column]}
                                for row in write.rows])
    return result
