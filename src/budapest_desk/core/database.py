"""Opening the database for the UI and the CLI, and the unit of work (one user action = one
transaction). Database-layer refusals become UserError here."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy.engine import URL
from sqlalchemy.orm import Session, sessionmaker

from budapest_desk import paths
from budapest_desk.core.errors import UserError
from budapest_desk.db.engine import describe, resolve_url, sqlite_path
from budapest_desk.db.errors import DatabaseOpenError
from budapest_desk.db.migrate import OpenedDatabase, open_database


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

    def __post_init__(self) -> None:
        self._sessions = sessionmaker(self.opened.engine, expire_on_commit=False)

    @classmethod
    def open(cls, target: str | None = None, *, create: bool = True) -> Database:
        url = url_for(target_from(target))
        try:
            opened = open_database(url, create=create, backup_dir=paths.data_dir() / "backups")
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
    def transaction(self) -> Iterator[Session]:
        """One unit of work: commit on success, roll back on any exception."""
        with self._sessions() as session, session.begin():
            yield session

    def close(self) -> None:
        self.opened.engine.dispose()
