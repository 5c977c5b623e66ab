"""GUI fixtures: a runner over a fresh SQLite database, and waiting for it."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest
from pytestqt.qtbot import QtBot

from budapest_desk.core.database import Database
from budapest_desk.ui import errors
from budapest_desk.ui.ops import OperationRunner


@pytest.fixture
def ops(sqlite_database: Database) -> Iterator[OperationRunner]:
    runner = OperationRunner(
        sqlite_database, show_user_error=errors.show_user_error, show_crash=errors.show_crash
    )
    crashes: list[str] = []
    runner.crashed.connect(crashes.append)
    yield runner
    runner.shutdown()
    assert not crashes, f"the runner reported a crash: {crashes}"


@pytest.fixture
def wait_idle(qtbot: QtBot, ops: OperationRunner) -> Callable[[], None]:
    """Wait until every queued operation has finished and its results were delivered."""

    def wait() -> None:
        qtbot.waitUntil(lambda: ops.idle, timeout=10_000)

    return wait


@pytest.fixture
def in_db(sqlite_database: Database) -> Callable[[Callable[[Any], Any]], Any]:
    """Run a core function directly on the test database (for arranging and checking)."""

    def run(fn: Callable[[Any], Any]) -> Any:
        with sqlite_database.transaction() as session:
            return fn(session)

    return run
