"""Statements for the check-in desk's hot path, compiled once and run on the driver's cursor.

A scan at the desk is four tiny indexed statements. Through SQLAlchemy's execution machinery
each costs about 100 µs of Python around some 10 µs in SQLite, so that a scan took ten times
what the bare driver needs, and a queue at the door feels it. A `Prepared` statement is a Core
statement compiled once per dialect; running it sends that SQL and its parameters straight to
the DBAPI cursor of the session's own connection (so inside the session's transaction), with
the very bind and result processors SQLAlchemy would apply (UTC datetimes, enums, booleans),
taken from the types' public `bind_processor` / `result_processor`.

Only what the desk needs is supported: named scalar parameters (no expanding IN lists; see
`in_list` for a fixed-length one), an INSERT's plain Python-side column defaults, and fetching
all rows. No SQLAlchemy events fire for these
statements (the app listens only to connect and begin, which still happen as usual)."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import BindParameter, ColumnElement, bindparam
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import Session
from sqlalchemy.sql import ClauseElement
from sqlalchemy.sql.compiler import SQLCompiler


@dataclass(frozen=True)
class _Compiled:
    sql: str
    positional: tuple[str, ...] | None  # parameter names in order (qmark), or None (named)
    binds: dict[str, Callable[[Any], Any]]  # name -> bind processor, where there is one
    defaults: tuple[tuple[str, Callable[[], Any]], ...]  # INSERT: Python-side column defaults
    fixed: dict[str, Any]  # the values written into the statement (a literal, a LIMIT)
    results: tuple[tuple[int, Callable[[Any], Any]], ...]  # result column -> its processor


class Prepared:
    """A Core statement, compiled once per dialect, run on the session connection's cursor."""

    def __init__(self, statement: ClauseElement) -> None:
        self.statement = statement
        self._compiled: dict[str, _Compiled] = {}

    def _for(self, dialect: Dialect) -> _Compiled:
        found = self._compiled.get(dialect.name)
        if found is None:
            found = self._compiled[dialect.name] = self._compile(dialect)
        return found

    def _compile(self, dialect: Dialect) -> _Compiled:
        compiled = self.statement.compile(dialect=dialect)
        assert isinstance(compiled, SQLCompiler)
        binds: dict[str, Callable[[Any], Any]] = {}
        for name, param in compiled.binds.items():
            processor = param.type.dialect_impl(dialect).bind_processor(dialect)
            if processor is not None:
                binds[name] = processor
        # A SELECT's columns, or an UPDATE's RETURNING columns (none for a plain INSERT).
        columns = getattr(self.statement, "exported_columns", ())
        processors = (c.type.dialect_impl(dialect).result_processor(dialect, None) for c in columns)
        results = tuple((i, p) for i, p in enumerate(processors) if p is not None)
        positional = tuple(compiled.positiontup or ()) if compiled.positional else None
        if compiled.update_prefetch:
            raise ValueError("an UPDATE relying on onupdate defaults cannot be prepared")
        defaults = tuple((column.key, _default(column)) for column in compiled.insert_prefetch)
        fixed = {  # the defaults' parameters are not required either: filled at each run
            name: param.effective_value
            for name, param in compiled.binds.items()
            if not param.required
        }
        return _Compiled(compiled.string, positional, binds, defaults, fixed, results)

    def rows(self, session: Session, params: Mapping[str, Any] | None = None) -> list[Any]:
        """Run the statement in the session's transaction; all rows, as tuples."""
        connection = session.connection()
        compiled = self._for(connection.dialect)
        given = params or {}
        values = {**compiled.fixed, **given}
        for name, make in compiled.defaults:
            if name not in given:
                values[name] = make()
        for name, processor in compiled.binds.items():
            if name in values:
                values[name] = processor(values[name])
        args: Sequence[Any] | Mapping[str, Any] = (
            [values[name] for name in compiled.positional]
            if compiled.positional is not None
            else values
        )
        cursor = connection.connection.dbapi_connection.cursor()  # type: ignore[union-attr]
        try:
            cursor.execute(compiled.sql, args)
            if cursor.description is None:
                return []
            fetched = cursor.fetchall()
        finally:
            cursor.close()
        if not compiled.results:
            return list(fetched)
        rows = []
        for fetched_row in fetched:
            row = list(fetched_row)
            for i, processor in compiled.results:
                row[i] = processor(row[i])
            rows.append(tuple(row))
        return rows

    def execute(self, session: Session, params: Mapping[str, Any] | None = None) -> None:
        """Run a statement that returns nothing (an INSERT)."""
        self.rows(session, params)


def _default(column: Any) -> Callable[[], Any]:
    """A column's Python-side default as a function of nothing (a value or `utcnow`)."""
    default = column.default
    if default is None or not (default.is_scalar or default.is_callable):
        raise ValueError(f"the default of {column} cannot be prepared")
    if default.is_scalar:
        value = default.arg
        return lambda: value
    return lambda: default.arg(None)  # SQLAlchemy's wrapper of a function of no arguments


def in_list(column: ColumnElement[Any], name: str, size: int) -> ColumnElement[bool]:
    """`column IN (:name_0, ..., :name_<size-1>)`: a fixed number of parameters, filled with
    `padded()` (NULL never matches), where an expanding IN cannot be prepared."""
    params: list[BindParameter[Any]] = [
        bindparam(f"{name}_{i}", type_=column.type) for i in range(size)
    ]
    return column.in_(params)


def padded(name: str, values: Sequence[Any], size: int) -> dict[str, Any]:
    """The parameters of an `in_list` for these values (at most `size` of them)."""
    if len(values) > size:
        raise ValueError(f"{len(values)} values for a list of {size}")
    return {f"{name}_{i}": values[i] if i < len(values) else None for i in range(size)}
