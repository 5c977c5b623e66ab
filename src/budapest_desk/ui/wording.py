"""Words for counts, shared by the tabs. No Qt, so that worker-thread operations use it too."""

from __future__ import annotations


def plural(n: int, noun: str) -> str:
    """1 row, 2 rows, 1,000 rows."""
    return f"{n:,} {noun}{'' if n == 1 else 's'}"
