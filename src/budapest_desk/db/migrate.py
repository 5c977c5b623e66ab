"""Opening a database: create it, upgrade it after a backup, or refuse it, in that order.

The schema revision is read straight from the alembic_version table, so that opening a current
database does not import Alembic (start-up time); Alembic runs only to create or upgrade.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Connection, Engine, inspect, text
from sqlalchemy.engine import URL
from sqlalchemy.exc import DatabaseError, OperationalError

from budapest_desk.db.backup import backup_path, write_backup
from budapest_desk.db.engine import (
    check_sqlite_file,
    describe,
    enable_wal,
    make_engine,
    sqlite_path,
)
from budapest_desk.db.errors import DatabaseOpenError

if TYPE_CHECKING:
    from alembic.config import Config

# The newest migration of this version of the app. tests/db/test_migrations.py checks that it is
# Alembic's head, so that it cannot drift.
HEAD_REVISION = "0004_person_words"
MIGRATIONS_DIR = Path(__file__).with_name("migrations")


@dataclass(frozen=True)
class OpenedDatabase:
    engine: Engine
    url: URL
    revision: str
    created: bool = False
    upgraded_from: str | None = None
    backup: Path | None = None

    @property
    def location(self) -> str:
        return describe(self.url)


def alembic_config(connection: Connection, script_location: Path = MIGRATIONS_DIR) -> Config:
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(script_location))
    cfg.attributes["connection"] = connection
    return cfg


def known_revisions(script_location: Path = MIGRATIONS_DIR) -> list[str]:
    """Every revision this version knows, oldest first."""
    from alembic.config import Config
    from alembic.script import ScriptDirectory

    cfg = Config()
    cfg.set_main_option("script_location", str(script_location))
    script = ScriptDirectory.from_config(cfg)
    return [rev.revision for rev in reversed(list(script.walk_revisions()))]


def current_revision(connection: Connection) -> str | None:
    """The database's schema revision; None for a database without our schema."""
    if not inspect(connection).has_table("alembic_version"):
        return None
    rows = connection.execute(text("SELECT version_num FROM alembic_version")).scalars().all()
    return rows[0] if len(rows) == 1 else None


# Any constant shared by every copy of the app: two laptops upgrading the same server database
# at once take turns, and the second finds nothing left to do.
_PG_MIGRATION_LOCK = 0x42554450  # "BUDP"


# Alembic runs a migration through module-level proxies (alembic.context, alembic.op) that it
# sets up and removes around each command: two commands at once in one process, on any two
# databases (the worker opening a file while the desk's copy is being made on its own thread),
# break each other (KeyError: 'config'). They take turns. Taken before any database lock.
_ALEMBIC = threading.Lock()


def upgrade(engine: Engine, revision: str = "head", script_location: Path = MIGRATIONS_DIR) -> None:
    """Run the migrations up to `revision`, in one transaction.

    SQLite: foreign keys are off while the migrations run (batch mode recreates a table by
    dropping it, and with foreign keys on, that drop would delete the rows of every table that
    refers to it ON DELETE CASCADE) and checked before the commit. PostgreSQL: an advisory lock
    serialises concurrent upgrades of the same database.
    """
    with _ALEMBIC:
        _upgrade(engine, revision, script_location)


def _upgrade(engine: Engine, revision: str, script_location: Path) -> None:
    from alembic import command

    if engine.dialect.name != "sqlite":
        with engine.begin() as conn:
            conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _PG_MIGRATION_LOCK})
            command.upgrade(alembic_config(conn, script_location), revision)
        return
    with engine.connect() as conn:
        # The pragma is a no-op inside a transaction: set it on the driver's connection, which is
        # in autocommit mode until SQLAlchemy emits BEGIN.
        driver = conn.connection.driver_connection
        assert driver is not None
        driver.execute("PRAGMA foreign_keys = OFF")
        try:
            conn = conn.execution_options(sqlite_begin="IMMEDIATE")
            with conn.begin():
                command.upgrade(alembic_config(conn, script_location), revision)
                broken = conn.exec_driver_sql("PRAGMA foreign_key_check").all()
                if broken:
                    raise DatabaseOpenError(
                        f"Upgrading {describe(engine.url)} would leave {len(broken)} rows that "
                        f"refer to missing rows (first: table {broken[0][0]}, row {broken[0][1]}). "
                        "The database was not changed."
                    )
        finally:
            driver.execute("PRAGMA foreign_keys = ON")


def _has_tables(connection: Connection) -> bool:
    return bool(inspect(connection).get_table_names())


def _describe_failure(url: URL, exc: Exception) -> DatabaseOpenError:
    where = describe(url)
    msg = str(getattr(exc, "orig", exc)).strip()
    if "file is not a database" in msg or "file is encrypted" in msg:
        return DatabaseOpenError(
            f"{where} is not a Budapest Desk database (SQLite says: {msg}). "
            "Choose another file, or create a new database."
        )
    if "readonly" in msg or "read-only" in msg or "unable to open" in msg:
        return DatabaseOpenError(
            f"Cannot write to {where} ({msg}). Copy the database to a folder you can write to."
        )
    if url.get_backend_name() == "postgresql":
        return DatabaseOpenError(
            f"Cannot use the database server {where}: {msg.splitlines()[0] if msg else exc}. "
            "Check that the server is running and the URL is right."
        )
    return DatabaseOpenError(f"Cannot open the database {where}: {msg}")


def open_database(
    url: URL,
    *,
    create: bool = True,
    backup_dir: Path | None = None,
    migrate: bool = True,
) -> OpenedDatabase:
    """Open (and if needed create or upgrade) the database at `url`.

    With migrate=False (for an integrity check) an older or empty database is opened as it is,
    at its own revision, and nothing is written to it.

    A new database is created at the latest revision. An older one is upgraded after a backup
    copy is written (beside a SQLite file, else in `backup_dir`). A database from a newer version,
    a file that is not a database, or one we cannot write is refused with DatabaseOpenError, and
    nothing is changed.
    """
    path = sqlite_path(url)
    if path is not None:
        check_sqlite_file(path, create=create)
    engine = make_engine(url)
    try:
        with engine.connect() as conn:
            revision = current_revision(conn)
            has_tables = _has_tables(conn) if revision is None else True
    except (OperationalError, DatabaseError) as exc:
        engine.dispose()
        raise _describe_failure(url, exc) from exc

    try:
        known = known_revisions() if revision not in (None, HEAD_REVISION) else []
        if revision is None and has_tables:
            raise DatabaseOpenError(
                f"{describe(url)} holds tables that are not a Budapest Desk database. "
                "Choose another file, or create a new database."
            )
        if revision is not None and revision != HEAD_REVISION and revision not in known:
            raise DatabaseOpenError(
                f"{describe(url)} was written by a newer version of Budapest Desk "
                f"(schema {revision}; this version knows up to {HEAD_REVISION}). "
                "Install the newer version to open it. The database was not changed."
            )
        if not migrate and revision != HEAD_REVISION:
            return OpenedDatabase(engine, url, revision or "none")
        # Only now that the database is known to be ours (or new) may it be written to.
        copy = None
        if revision is not None and revision != HEAD_REVISION:
            copy = _backup_path(url, revision, backup_dir)
            write_backup(engine, copy)
        if path is not None:
            enable_wal(engine)
        if revision == HEAD_REVISION:
            return OpenedDatabase(engine, url, revision)
        upgrade(engine)
        if revision is None:
            return OpenedDatabase(engine, url, HEAD_REVISION, created=True)
        return OpenedDatabase(engine, url, HEAD_REVISION, upgraded_from=revision, backup=copy)
    except DatabaseOpenError:
        engine.dispose()
        raise
    except (OperationalError, DatabaseError) as exc:
        engine.dispose()
        raise _describe_failure(url, exc) from exc


def _backup_path(url: URL, revision: str, backup_dir: Path | None) -> Path:
    return backup_path(url, f"before-{revision}", backup_dir)
