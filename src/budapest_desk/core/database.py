"""Opening the database for the UI and the CLI, and the unit of work (one user action = one
transaction). Database-layer refusals become UserError here."""

from __future__ import annotations

import os
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy.engine import URL, Connection
from sqlalchemy.exc import DBAPIError, OperationalError
from sqlalchemy.orm import Session, sessionmaker

from budapest_desk import paths
from budapest_desk.core.errors import UserError
from budapest_desk.db.engine import describe, resolve_url, sqlite_path
from budapest_desk.db.errors import DatabaseOpenError
from budapest_desk.db.migrate import OpenedDatabase, open_database


def unavailable(exc: DBAPIError, where: str) -> UserError | None:
    """The user's view of a database failure that is not a bug; None when it is one."""
    lines = str(exc.orig).strip().splitlines() if exc.orig is not None else []
    text = lines[0] if lines else type(exc).__name__
    lowered = text.lower()
    if "database is locked" in lowered or "database is busy" in lowered:
        return UserError(
            f"The database {where} is busy: another program or window is writing to it. "
            "Try again in a moment."
        )
    if "disk is full" in lowered or "disk i/o error" in lowered or "no space" in lowered:
        return UserError(f"The disk of {where} is full or failing ({text}). Free some space.")
    if "readonly database" in lowered or "read-only" in lowered:
        return UserError(f"The database {where} cannot be written ({text}).")
    sqlstate = getattr(exc.orig, "sqlstate", None)
    if sqlstate == "23505":  # unique violation on the shared server: two desks saved the same
        # person or category at the same moment (one SQLite writer at a time cannot race so)
        return UserError(
            f"Another desk saved the same record in {where} at the same moment. Nothing was "
            "saved here: try again, and it will find the other desk's record."
        )
    if sqlstate in ("40001", "40P01"):  # serialisation failure, deadlock: another desk's change
        return UserError(
            f"The database {where} was busy with another desk's change at the same moment. "
            "Nothing was saved: try again."
        )
    if server_lost(exc):
        return UserError(
            f"The database server {where} cannot be reached ({text}). Check the network "
            "and that the server is running, then try again."
        )
    return None


def server_lost(exc: DBAPIError) -> bool:
    """Whether a database error means the server cannot be reached (not a SQLite file's error,
    nor a refusal by a server that answers)."""
    sqlstate = getattr(exc.orig, "sqlstate", None)
    lost = sqlstate is None or sqlstate.startswith("08") or sqlstate in ("57P01", "57P02", "57P03")
    server = isinstance(exc, OperationalError) and "sqlite" not in type(exc.orig).__module__
    return bool(exc.connection_invalidated) or (server and lost)


def target_from(explicit: str | None) -> str:
    """The database to open: --db, else $BUDAPEST_DESK_DB, else the default file."""
    return explicit or os.environ.get(paths.DB_ENV) or str(paths.default_database_path())


def url_for(target: str) -> URL:
    try:
        return resolve_url(target)
    except DatabaseOpenError as exc:
        raise UserError(str(exc)) from None


@dataclass
class Database:
    """An open database: where it is, its engine, and sessions on it."""

    opened: OpenedDatabase
    _sessions: sessionmaker[Session] = field(init=False, repr=False)
    _held: Connection | None = field(default=None, init=False, repr=False)  # see held()
    _ping_after: float = field(default=0.0, init=False, repr=False)
    _last_used: float = field(default=0.0, init=False, repr=False)

    def __post_init__(self) -> None:
        self._sessions = sessionmaker(self.opened.engine, expire_on_commit=False)

    @classmethod
    def open(
        cls, target: str | None = None, *, create: bool = True, migrate: bool = True
    ) -> Database:
        """Open a database; with migrate=False an older one is left at its revision, unchanged
        (for `check`), instead of being backed up and upgraded."""
        url = url_for(target_from(target))
        try:
            opened = open_database(
                url, create=create, backup_dir=paths.data_dir() / "backups", migrate=migrate
            )
        except DatabaseOpenError as exc:
            raise UserError(str(exc)) from None
        return cls(opened)

    @property
    def url(self) -> URL:
        return self.opened.url

    @property
    def location(self) -> str:
        return describe(self.opened.url)

    @property
    def is_sqlite(self) -> bool:
        return sqlite_path(self.opened.url) is not None

    def library_dir(self) -> Path:
        """Where library files live: beside a SQLite file, else in the user data folder."""
        path = sqlite_path(self.opened.url)
        if path is not None:
            return path.with_name(path.stem + "-library")
        return paths.library_dir()

    def session(self) -> Session:
        return self._sessions()

    @contextmanager
    def transaction(self, *, lost_server_raises: bool = False) -> Iterator[Session]:
        """One unit of work: commit on success, roll back on any exception.

        A database that is busy, unreachable, full or read-only is a UserError (an expected
        condition at a venue), not a bug. With `lost_server_raises`, a server that stopped
        answering is left the driver's error, for core.desk_link to fall back on its copy.
        """
        self._wake()
        try:
            with self._sessions() as session, session.begin():
                yield session
        except DBAPIError as exc:
            problem = (
                None if lost_server_raises and server_lost(exc) else unavailable(exc, self.location)
            )
            if problem is None:
                raise
            raise problem from exc

    @contextmanager
    def held(self, *, ping_after: float = 5.0) -> Iterator[Database]:
        """This database on one connection, held until the block ends: its transaction() runs
        on that connection, without a pool checkout per transaction (on a server, a ping
        before and a ROLLBACK after each: two round trips more than a scan's five). For loops
        of short transactions, as a scanner feeding `checkin scan --stdin`. A transaction
        after `ping_after` seconds of quiet first checks that the server still answers, and
        reconnects if not (a server restarted while the desk waited); a connection lost in
        the middle of a run of transactions fails one transaction, with the usual message,
        and the next one reconnects."""
        with self.opened.engine.connect() as connection:
            held = Database(self.opened)
            held._sessions = sessionmaker(connection, expire_on_commit=False)
            held._held, held._ping_after = connection, ping_after
            held._last_used = time.monotonic()
            yield held

    def _wake(self) -> None:
        """On a held connection quiet for a while: check it, and drop it if it is dead."""
        connection = self._held
        if connection is None:
            return
        now, last = time.monotonic(), self._last_used
        self._last_used = now
        if now - last < self._ping_after or connection.invalidated:
            return
        try:
            dbapi = connection.connection.dbapi_connection
            if dbapi is not None:
                connection.dialect.do_ping(dbapi)
        except Exception:  # any failure: a new connection is made at the next use
            connection.invalidate()

    def close(self) -> None:
        self.opened.engine.dispose()
