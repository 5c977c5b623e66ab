"""What the commands share: the open database, and output as text or JSON."""

from __future__ import annotations

import argparse
import datetime as dt
import enum
import json
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Protocol

if TYPE_CHECKING:
    from budapest_desk.core.database import Database


class GuiRunner(Protocol):
    def __call__(self, target: str | None, *, smoke: bool, as_json: bool, debug: bool) -> int: ...


@dataclass
class Context:
    db_target: str | None
    debug: bool = False
    _db: Database | None = field(default=None, init=False)

    def database(self, *, create: bool = True, migrate: bool = True) -> Database:
        if self._db is None:
            from budapest_desk.core.database import Database

            self._db = Database.open(self.db_target, create=create, migrate=migrate)
        return self._db

    def close(self) -> None:
        if self._db is not None:
            self._db.close()
            self._db = None


def whole_number(minimum: int, why: str) -> Callable[[str], int]:
    """An argparse type: a whole number of at least `minimum` (`why` says so otherwise)."""

    def parse(text: str) -> int:
        try:
            value = int(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
        if value < minimum:
            raise argparse.ArgumentTypeError(why)
        return value

    return parse


def iso_date(text: str) -> dt.date:
    """An argparse type: a date written YYYY-MM-DD."""
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date in the form YYYY-MM-DD") from None


def _default(value: Any) -> Any:
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, tuple | set | frozenset):
        return list(value)
    raise TypeError(f"not JSON serialisable: {type(value).__name__}")


def print_json(value: Any) -> None:
    # One write (json.dump would write each piece of the value on its own: 50 writes a scan).
    sys.stdout.write(json.dumps(value, ensure_ascii=False, default=_default) + "\n")


def print_table(headers: list[str], rows: list[list[str]]) -> None:
    widths = [len(h) for h in headers]
    for row in rows:
        widths = [max(w, len(c)) for w, c in zip(widths, row, strict=True)]
    line = "  ".join(h.ljust(w) for h, w in zip(headers, widths, strict=True))
    print(line.rstrip())
    for row in rows:
        print("  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)).rstrip())
