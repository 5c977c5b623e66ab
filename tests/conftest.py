"""Fixtures shared by every test: a private home folder, and databases on SQLite and PostgreSQL.

Each test gets its own SQLite file in tmp_path, or its own PostgreSQL database created on the
server at 127.0.0.1:5432 and dropped afterwards. Without a server the PostgreSQL variants skip
with the reason shown; in CI (CI=true) they fail instead, because CI must run them.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from budapest_desk.core.database import Database

PG_ADMIN_URL = os.environ.get(
    "BUDAPEST_DESK_TEST_PG", "postgresql+psycopg://postgres@127.0.0.1:5432/test"
)


@pytest.fixture(autouse=True)
def private_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Keep every test away from the user's real folders and default database."""
    home = tmp_path / "home"
    monkeypatch.setenv("BUDAPEST_DESK_HOME", str(home))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / "xdg-data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / "xdg-config"))
    monkeypatch.delenv("BUDAPEST_DESK_DB", raising=False)
    return home


def _pg_problem() -> str | None:
    try:
        import psycopg

        url = PG_ADMIN_URL.replace("postgresql+psycopg://", "postgresql://")
        with psycopg.connect(url, connect_timeout=3):
            return None
    except Exception as exc:  # any failure means: no usable server
        return f"no PostgreSQL server answers at {PG_ADMIN_URL}: {exc}"


_PG_PROBLEM: list[str | None] = []


def pg_problem() -> str | None:
    if not _PG_PROBLEM:
        _PG_PROBLEM.append(_pg_problem())
    return _PG_PROBLEM[0]


@pytest.fixture
def pg_url() -> Iterator[str]:
    """A fresh, empty PostgreSQL database, dropped after the test."""
    problem = pg_problem()
    if problem:
        if os.environ.get("CI"):
            pytest.fail(f"PostgreSQL is required in CI: {problem}")
        pytest.skip(problem)
    import psycopg

    name = f"bd_test_{uuid.uuid4().hex[:12]}"
    admin = PG_ADMIN_URL.replace("postgresql+psycopg://", "postgresql://")
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    base = PG_ADMIN_URL.rsplit("/", 1)[0]
    try:
        yield f"{base}/{name}"
    finally:
        with psycopg.connect(admin, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture
def sqlite_url(tmp_path: Path) -> str:
    return str(tmp_path / "budapest-desk.db")


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def db_target(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """A database target on each backend (SQLite file, PostgreSQL URL)."""
    if request.param == "sqlite":
        return str(tmp_path / "budapest-desk.db")
    url: str = request.getfixturevalue("pg_url")
    return url


@pytest.fixture
def database(db_target: str) -> Iterator[Database]:
    """An open, migrated database on each backend."""
    db = Database.open(db_target)
    try:
        yield db
    finally:
        db.close()


@pytest.fixture
def sqlite_database(sqlite_url: str) -> Iterator[Database]:
    """An open, migrated SQLite database only (for UI and file-specific tests)."""
    db = Database.open(sqlite_url)
    try:
        yield db
    finally:
        db.close()
