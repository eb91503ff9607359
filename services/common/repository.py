"""Every query of a service goes through its repository, which scopes it: the template's one place for tenancy.

A service's ``repository.py`` subclasses ``ScopedRepository`` and says, once per table, where its
records lie (``PLACES``): the column holding the division code of the record (a community, a
sub-district...), on the record itself or on the parent it belongs to. Everything else follows:

- **district** (the tenant): a record of another district is not found; every query is filtered
  by the caller's district unless the caller is city-wide;
- **sub-district and community** (finer scopes inside a district): a caller whose token names one
  sees the records lying inside it, and, where a table says so (``above=True``), those of the
  divisions above it (a community worker sees the sub-district's working committee). A record
  outside is "not found", exactly as another district's is: ids are opaque, so nothing leaks;
- **writes** change only records lying inside the caller's narrowest scope; a record the caller
  can see but not change (its sub-district's committee) is PermissionDenied. A record that lies
  in no division (a district's settings) is changed only by a caller of the whole district;
- **codes** the caller names (a community to open a case in) are public national codes: one
  outside the scope is refused (PermissionDenied), one malformed is InvalidArgument.

Use cases never write ``district ==`` or ``community.startswith`` themselves.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, ClassVar, TypeVar

from sqlalchemy import bindparam, false, or_, select
from sqlalchemy.orm import InstrumentedAttribute

from services.common.divisions import ancestors, check_code_format, level_of, within
from services.common.errors import InvalidArgument, NotFound, PermissionDenied
from services.common.reads import Query, dbapi_connection, model_of

T = TypeVar("T")

#: model → the compiled read of one record by its primary key (``ScopedRepository.find_row``)
_BY_KEY: dict[type, Query] = {}


def query_of(model):
    """``SELECT`` of a model's columns in the order of its row class (services.common.reads)."""
    return Query(model, None).select()


@dataclass(frozen=True)
class Place:
    """Where a table's records lie.

    ``column``: the division code (a model attribute). With ``via`` (a foreign-key attribute of the
    table naming its parent's primary key), ``column`` is the parent's: a membership lies where its
    organisation does. ``above``: records of the caller's ancestor divisions are visible too.
    """

    column: InstrumentedAttribute
    via: InstrumentedAttribute | None = None
    above: bool = False

    @property
    def parent(self):
        return self.column.class_ if self.via is not None else None


class ScopedRepository:
    """Scoped reads and writes of one unit of work (``Repository(uow)``)."""

    #: model class → Place: where its records lie
    PLACES: ClassVar[dict[type, Place]] = {}
    #: the models whose records lie in no division: a district's settings and rules, the audit log.
    #: Every model of a service is in one of the two (tests/unit/test_template.py): a new table
    #: cannot be forgotten.
    DISTRICT_WIDE: ClassVar[frozenset[type]] = frozenset()

    def __init__(self, uow):
        self.uow = uow
        self.ctx = uow.ctx

    @property
    def session(self):
        """The unit of work's ORM session (a read unit makes it on first use: compiled reads need none)."""
        return self.uow.session

    # ---- the caller's scope

    @property
    def narrowest(self) -> str | None:
        """The caller's community, else sub-district, else None (the whole district, or the city)."""
        return self.ctx.community or self.ctx.subdistrict

    def district(self, field: str = "district", doing: str = "reads a district's records") -> str:
        """The caller's district, for what is one district's (a city-wide caller names none: it uses a
        district token)."""
        if not self.ctx.district:
            raise InvalidArgument(f"a city-wide caller {doing} with a district token", field)
        return self.ctx.district

    def district_for_write(self, field: str = "district") -> str:
        """The district a write goes to: the caller's own."""
        return self.district(field, "writes here only")

    def district_setting(self, field: str = "district") -> str:
        """The district whose settings (categories, rules, policies) a write changes: only a caller
        of the whole district changes what applies to all of it."""
        district = self.district_for_write(field)
        if self.narrowest:
            raise PermissionDenied(f"district-wide settings are changed by the district, not from "
                                   f"{self.narrowest}", field)
        return district

    def city_setting(self, field: str = "flag") -> None:
        """City-wide settings (feature stages) are changed only by a caller without a district."""
        if not self.ctx.city_wide:
            raise PermissionDenied(f"city-wide settings are changed without a district scope, not from "
                                   f"{self.ctx.district}", field)

    def code(self, code, field: str, level: str | tuple[str, ...] | None = None, write: bool = False) -> str:
        """A division code the caller names, checked: its format (and ``level``), then its scope.

        Reads may name the caller's ancestors (the sub-district above a community); writes only codes
        inside the caller's narrowest scope."""
        levels = (level,) if isinstance(level, str) else level
        if levels and len(levels) == 1:
            code = check_code_format(code, levels[0], field)
        else:
            if not code or not isinstance(code, str) or level_of(code.strip()) is None:
                raise InvalidArgument(f"{code!r} is not a division code (6, 9 or 12 digits, or a grid/compound "
                                      "id)", field)
            if levels and level_of(code.strip()) not in levels:
                raise InvalidArgument(f"must be a {' or '.join(levels)} code, got {code!r}", field)
            code = check_code_format(code, level_of(code.strip()), field)  # that level's own rules too
        self.ctx.check_scope(code, field, write=write)
        return code

    def scope_code(self, code: str | None, field: str) -> str:
        """The division a listing covers: the one named (inside the caller's scope), else the caller's own."""
        if code:
            return self.code(code, field, write=True)  # never wider than the caller's own scope
        return self.narrowest or self.ctx.district or ""

    # ---- queries

    @staticmethod
    def under(column, code: str):
        """A WHERE clause: the records whose ``column`` lies under the division ``code`` (one the caller
        named and ``code()`` checked): a listing or a total narrowed to a sub-district, say."""
        return column.startswith(code)

    def _place_filter(self, place: Place):
        """The WHERE clause keeping a place's column inside the caller's narrowest scope."""
        narrowest = self.narrowest
        column = place.column
        inside = column.startswith(narrowest)
        if place.above:
            inside = or_(inside, column.in_(ancestors(narrowest)))
        if place.via is None:
            return inside
        parent_key = place.parent.__mapper__.primary_key[0]
        return place.via.in_(select(parent_key).where(inside))

    def scoped(self, stmt, model):
        """Add the caller's scope to a statement over ``model`` (a select, update or delete)."""
        if self.ctx.city_wide:
            return stmt
        if hasattr(model, "district"):
            stmt = stmt.where(model.district == self.ctx.district)
        elif model in self.PLACES and self.PLACES[model].via is not None:
            stmt = stmt.where(self.PLACES[model].via.in_(
                select(self.PLACES[model].parent.__mapper__.primary_key[0]).where(
                    self.PLACES[model].parent.district == self.ctx.district)))
        elif not self.ctx.district:
            return stmt.where(false())
        if self.narrowest and model in self.PLACES:
            stmt = stmt.where(self._place_filter(self.PLACES[model]))
        return stmt

    def select(self, model, *columns):
        """``SELECT model`` (or some of its columns) in the caller's scope."""
        return self.scoped(select(*columns) if columns else select(model), model)

    def all(self, model, *where, order_by=None, limit: int | None = None) -> list:
        stmt = self.select(model).where(*where)
        if order_by is not None:
            stmt = stmt.order_by(*order_by) if isinstance(order_by, (list, tuple)) else stmt.order_by(order_by)
        if limit is not None:
            stmt = stmt.limit(limit)
        return list(self.session.scalars(stmt))

    def first(self, model, *where):
        return self.session.scalars(self.select(model).where(*where).limit(1)).first()

    def exists(self, model, *where) -> bool:
        return self.first(model, *where) is not None

    # ---- compiled reads (services.common.reads): the same scope, its values as bound parameters

    @classmethod
    def query(cls, model, *where, order_by=()) -> Query:
        """A read of ``model`` in the caller's scope, as ``all(model, *where, order_by=...)`` makes it,
        built and compiled once per scope shape: ``where`` names its values with ``bindparam``s, given
        to ``rows``. Its rows are named tuples of the model's attributes (``services.common.reads.Row``)."""
        order_by = tuple(order_by) if isinstance(order_by, (list, tuple)) else (order_by,)

        def build(shape):
            repository = shape[0]
            stmt = query.select().where(*repository.scope_where(model, shape), *where)
            return stmt.order_by(*order_by) if order_by else stmt

        query = Query(model, build)
        return query

    def rows(self, query: Query, **params) -> list:
        """The rows of a compiled read (``query``) in the caller's scope."""
        shape, scope = self.scope_shape(query.model)
        return query.run(dbapi_connection(self.uow), self.uow.db.engine.dialect, shape, {**params, **scope})

    def scope_shape(self, model) -> tuple[tuple, dict[str, Any]]:
        """The caller's scope over ``model`` exactly as ``scoped`` adds it, split into its shape (what
        the statement looks like) and its values (the bound parameters)."""
        ctx = self.ctx
        if ctx.city_wide:
            return (type(self), "city", None), {}
        params = {}
        if hasattr(model, "district"):
            base = "district"
        elif model in self.PLACES and self.PLACES[model].via is not None:
            base = "via"
        elif not ctx.district:
            return (type(self), "nothing", None), {}
        else:
            base = None
        if base is not None:
            if ctx.district is None:  # ``== None`` is ``IS NULL``
                base += "-null"
            else:
                params["scope_district"] = ctx.district
        inside = None
        narrowest = self.narrowest
        if narrowest and model in self.PLACES:
            params["scope_narrowest"] = narrowest
            inside = -1
            if self.PLACES[model].above:
                above = ancestors(narrowest)
                params.update({f"scope_above_{i}": code for i, code in enumerate(above)})
                inside = len(above)
        return (type(self), base, inside), params

    @classmethod
    def scope_where(cls, model, shape) -> list:
        """The WHERE clauses of a scope shape (``scope_shape``), their values as bound parameters."""
        _, base, inside = shape
        if base == "city":
            return []
        if base == "nothing":
            return [false()]
        clauses = []
        district = bindparam("scope_district")
        if base in ("district", "district-null"):
            clauses.append(model.district == district if base == "district" else model.district.is_(None))
        elif base in ("via", "via-null"):
            place = cls.PLACES[model]
            parent = place.parent
            same = parent.district == district if base == "via" else parent.district.is_(None)
            clauses.append(place.via.in_(select(parent.__mapper__.primary_key[0]).where(same)))
        if inside is not None:
            place = cls.PLACES[model]
            code = place.column.type
            # divisions.within in SQL: a bare prefix is exact, the narrowest scope being all digits
            in_scope = place.column.startswith(bindparam("scope_narrowest", type_=code))
            if inside > 0:
                in_scope = or_(in_scope, place.column.in_([bindparam(f"scope_above_{i}", type_=code)
                                                           for i in range(inside)]))
            if place.via is not None:
                in_scope = place.via.in_(select(place.parent.__mapper__.primary_key[0]).where(in_scope))
            clauses.append(in_scope)
        return clauses

    # ---- one record

    def place_of(self, obj) -> str | None:
        """The division code a record lies in (None: in no division). ``obj`` is a model's object, or
        a row of a compiled read (its parent then read the same way)."""
        model = model_of(obj)
        place = self.PLACES.get(model)
        if place is None:
            return None
        if place.via is None:
            return getattr(obj, place.column.key)
        if model is type(obj):
            parent = self.session.get(place.parent, getattr(obj, place.via.key))
        else:
            parent = self._row_by_key(place.parent, getattr(obj, place.via.key))
        return getattr(parent, place.column.key) if parent is not None else None

    def sees(self, district: str | None, place: str | None, above: bool = False) -> bool:
        """May the caller see a record of ``district`` lying in ``place`` (a division code, or None
        for a record lying in no division)? For rows read without the ORM (cached copies)."""
        if self.ctx.city_wide:
            return True
        if district is not None and district != self.ctx.district:
            return False
        narrowest = self.narrowest
        if not narrowest:
            return True
        return within(place, narrowest) or (above and place in ancestors(narrowest))

    def may_change(self, district: str | None, place: str | None) -> bool:
        """May the caller change it: inside its narrowest scope (a record above it is seen, not changed;
        one lying in no division is the whole district's, changed by the district)."""
        if self.ctx.city_wide:
            return True
        if district is not None and district != self.ctx.district:
            return False
        narrowest = self.narrowest
        return not narrowest or within(place, narrowest)

    def visible(self, obj) -> bool:
        place = self.PLACES.get(model_of(obj))
        district = getattr(obj, "district", None)
        if place is None:  # lies in no division: the whole district's, seen by all of it
            return self.ctx.city_wide or district is None or district == self.ctx.district
        return self.sees(district, self.place_of(obj), place.above)

    def changeable(self, obj) -> bool:
        return self.may_change(getattr(obj, "district", None),
                               self.place_of(obj) if model_of(obj) in self.PLACES else None)

    def find(self, model: type[T], key: Any) -> T | None:
        """The record ``key`` if the caller may see it, else None (a setting not configured yet)."""
        obj = self.session.get(model, key) if key not in (None, "") and not isinstance(key, (dict, list)) else None
        return obj if obj is not None and self.visible(obj) else None

    def find_row(self, model, key):
        """As ``find``, as a row of the model's attributes (a compiled read, no ORM object)."""
        obj = self._row_by_key(model, key) if key not in (None, "") and not isinstance(key, (dict, list)) else None
        return obj if obj is not None and self.visible(obj) else None

    def _row_by_key(self, model, key):
        """The row of ``model`` with primary key ``key``, whoever may see it (``session.get``'s read)."""
        query = _BY_KEY.get(model)
        if query is None:
            key_column = model.__mapper__.primary_key[0]
            query = _BY_KEY.setdefault(model, Query(model, lambda _shape: query_of(model).where(
                key_column == bindparam("key"))))
        found = query.run(dbapi_connection(self.uow), self.uow.db.engine.dialect, None, {"key": key})
        return found[0] if found else None

    def get(self, model: type[T], key: Any, field: str, what: str | None = None, write: bool = False,
            inside: str | None = None) -> T:
        """The record ``key`` if the caller may see it (and, with ``write``, change it); else NotFound.

        ``inside``: it must also lie in that division (a matter's meeting is one of the matter's own
        community, not a neighbour's that the caller happens to see too)."""
        return self._got(model, self.find(model, key), key, field, what, write, inside)

    def get_row(self, model, key: Any, field: str, what: str | None = None, write: bool = False,
                inside: str | None = None):
        """As ``get``, as a row of the model's attributes (``find_row``): for reads that change nothing."""
        return self._got(model, self.find_row(model, key), key, field, what, write, inside)

    def _got(self, model, obj, key, field, what, write, inside):
        what = what or model.__tablename__.rstrip("s").replace("_", " ")
        if obj is None:
            raise NotFound(f"no {what} {key!r}", field)
        if inside is not None and not within(self.place_of(obj), inside):
            raise NotFound(f"no {what} {key!r} in {inside}", field)
        if write:
            self.check_changeable(obj, field, what)
        return obj

    def whole_district(self):
        """This repository without the caller's finer scope: for the rules that hold across the whole
        district whatever the caller sees (a member belongs to one party unit; a hotline order number
        is a case once per district). Never for what a reply shows, nor for what a write changes."""
        import copy
        import dataclasses

        view = copy.copy(self)
        view.ctx = dataclasses.replace(self.ctx, subdistrict=None, community=None)
        return view

    def check_changeable(self, obj, field: str, what: str | None = None) -> None:
        if not self.changeable(obj):
            place = self.place_of(obj) or f"no division of district {getattr(obj, 'district', self.ctx.district)}"
            raise PermissionDenied(f"the {what or 'record'} lies in {place}, outside the caller's scope "
                                   f"{self.narrowest or self.ctx.district}", field)

    def add(self, obj):
        """Add a new record; it must lie inside the caller's scope (a use case's slip is caught here)."""
        if not self.ctx.city_wide and getattr(obj, "district", self.ctx.district) != self.ctx.district:
            raise PermissionDenied(f"outside the caller's district {self.ctx.district}", "district")
        if self.narrowest and type(obj) in self.PLACES:
            self.check_changeable(obj, "district")
        self.session.add(obj)
        return obj
