"""Engines for SQLite files and PostgreSQL URLs, and what a target string means."""

from __future__ import annotations

import os
import sqlite3
import tempfile
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, create_engine, event
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError
from sqlalchemy.pool import NullPool

from budapest_desk.db.errors import DatabaseOpenError

SQLITE_MAGIC = b"SQLite format 3\x00"
BUSY_TIMEOUT_S = 30


def resolve_url(target: str | os.PathLike[str]) -> URL:
    """A path or an SQLAlchemy URL, as typed by a user, as a URL."""
    text = os.fspath(target).strip()
    if not text:
        raise DatabaseOpenError("No database given: pass a file path or a database URL.")
    if "://" in text:
        try:
            url = make_url(text)
        except ArgumentError as exc:
            raise DatabaseOpenError(f"{text!r} is not a valid database URL: {exc}") from exc
        if url.get_backend_name() == "postgres":  # the common short form (Heroku, libpq docs)
            url = url.set(drivername="postgresql+psycopg")
        if url.get_backend_name() not in ("sqlite", "postgresql"):
            raise DatabaseOpenError(
                f"Unsupported database {url.get_backend_name()!r}: use a SQLite file path "
                "or a postgresql+psycopg:// URL."
            )
        if url.get_backend_name() == "postgresql" and url.get_driver_name() != "psycopg":
            url = url.set(drivername="postgresql+psycopg")
        return url
    path = Path(text).expanduser().absolute()
    return URL.create("sqlite", database=str(path))


def sqlite_path(url: URL) -> Path | None:
    """The file of a SQLite URL; None for other backends and in-memory databases."""
    if url.get_backend_name() != "sqlite" or url.database in (None, "", ":memory:"):
        return None
    return Path(url.database)


def describe(url: URL) -> str:
    """How a database is shown to a user (no password)."""
    path = sqlite_path(url)
    if path is not None:
        return str(path)
    return url.render_as_string(hide_password=True)


def check_sqlite_file(path: Path, *, create: bool) -> None:
    """Refuse, before SQLite touches anything, a file that is not a database or a place we
    cannot write to. Raises DatabaseOpenError; changes nothing."""
    if path.is_dir():
        raise DatabaseOpenError(f"{path} is a folder, not a database file.")
    if path.exists():
        try:
            with path.open("rb") as fh:
                head = fh.read(len(SQLITE_MAGIC))
        except OSError as exc:
            raise DatabaseOpenError(f"Cannot read {path}: {exc.strerror}.") from exc
        if head and head != SQLITE_MAGIC:
            raise DatabaseOpenError(
                f"{path} is not a Budapest Desk database (it is not an SQLite file). "
                "Choose another file, or create a new database."
            )
    elif not create:
        raise DatabaseOpenError(f"There is no database at {path}.")
    folder = path.parent
    try:
        folder.mkdir(parents=True, exist_ok=True)
        # A write probe, because permission bits do not tell for root or read-only mounts;
        # SQLite also needs to create its -wal and -shm files beside the database.
        with tempfile.TemporaryFile(dir=folder):
            pass
        if path.exists():
            with path.open("r+b"):
                pass
    except OSError as exc:
        raise DatabaseOpenError(
            f"Cannot write to {path}: {exc.strerror or exc}. A database must be in a folder "
            "you can write to: copy it somewhere else, or choose another location."
        ) from exc


def _sqlite_on_connect(dbapi_connection: sqlite3.Connection, _record: Any) -> None:
    # Let SQLAlchemy, not the sqlite3 module, decide where transactions begin (the recipe
    # in SQLAlchemy's SQLite dialect docs), so that DDL and imports are all-or-nothing.
    # No journal_mode here: that pragma writes to the file, and a connection is also made to
    # files that are then refused (another program's database, a newer version's) or only
    # read (a backup being restored). open_database() turns WAL on once it accepts a file.
    dbapi_connection.isolation_level = None
    cur = dbapi_connection.cursor()
    cur.execute("PRAGMA foreign_keys = ON")
    cur.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_S * 1000}")
    cur.execute("PRAGMA synchronous = NORMAL")
    cur.execute("PRAGMA cache_size = -65536")
    cur.close()


# A connection with execution option sqlite_begin="IMMEDIATE" takes the write lock when its
# transaction begins, so that a read-then-write transaction (a migration, a restore) waits for
# another writer instead of failing with SQLITE_BUSY half-way.
_BEGIN_MODES = {"": "BEGIN", "DEFERRED": "BEGIN DEFERRED", "IMMEDIATE": "BEGIN IMMEDIATE"}


def _sqlite_begin(conn: Connection) -> None:
    mode = str(conn.get_execution_options().get("sqlite_begin", "")).upper()
    conn.exec_driver_sql(_BEGIN_MODES[mode])


def make_engine(url: URL) -> Engine:
    """An engine with this app's settings. Does not connect."""
    if url.get_backend_name() == "sqlite":
        engine = create_engine(
            url,
            connect_args={"check_same_thread": False, "timeout": BUSY_TIMEOUT_S},
        )
        event.listen(engine, "connect", _sqlite_on_connect)
        event.listen(engine, "begin", _sqlite_begin)
        return engine
    return create_engine(
        url,
        pool_pre_ping=True,
        # UTC sessions, so that timestamps copied to or from SQLite keep their meaning.
        connect_args={
            "options": "-c timezone=utc",
            # A venue server that stops answering is noticed within seconds, not minutes: a
            # connection attempt gives up after 5 s, data unacknowledged for 5 s or an idle
            # connection whose keepalives go unanswered for 5 + 2 x 2 s ends with an error.
            "connect_timeout": 5,
            "tcp_user_timeout": 5000,
            "keepalives": 1,
            "keepalives_idle": 5,
            "keepalives_interval": 2,
            "keepalives_count": 2,
        },
    )


def make_readonly_sqlite_engine(path: Path) -> Engine:
    """An engine that reads a SQLite file and cannot change it (a backup being restored)."""
    uri = f"{path.expanduser().absolute().as_uri()}?mode=ro"

    def connect() -> sqlite3.Connection:
        return sqlite3.connect(uri, uri=True, check_same_thread=False, timeout=BUSY_TIMEOUT_S)

    engine = create_engine("sqlite://", creator=connect, poolclass=NullPool)
    event.listen(engine, "connect", _sqlite_on_connect)
    event.listen(engine, "begin", _sqlite_begin)
    return engine


def enable_wal(engine: Engine) -> None:
    """Put a SQLite database in WAL mode (stored in the file, so once is enough)."""
    raw = engine.raw_connection()
    try:
        cur = raw.cursor()
        cur.execute("PRAGMA journal_mode = WAL")  # outside any transaction, as SQLite requires
        cur.close()
    finally:
        raw.close()
