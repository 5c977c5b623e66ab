"""What the desk shows as text: when someone was checked in, and the line that answers a check-in
or an undo. Plain functions, no Qt."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from budapest_desk.core.checkin import DeskResult, Outcome


def checked_in_text(at: dt.datetime | None, desk: str) -> str:
    """When (local time; the day too unless it is today) and where, or "" if never."""
    if at is None:
        return ""
    local = at.astimezone()
    when = f"{local:%H:%M}" if local.date() == dt.date.today() else f"{local.day} {local:%b %H:%M}"
    return f"{when} · {desk}" if desk else when


def _summary(verb: str, names: list[str]) -> str:
    if len(names) <= 3:
        return f"{verb}: {', '.join(names)}"
    return f"{verb}: {', '.join(names[:2])} and {len(names) - 2} more"


def _missing(results: Sequence[DeskResult]) -> list[str]:
    count = sum(r.outcome == Outcome.MISSING for r in results)
    if not count:
        return []
    noun = "registration was" if count == 1 else "registrations were"
    return [f"{count} {noun} not found (deleted meanwhile?)"]


def _sentence(parts: list[str]) -> str:
    return ". ".join(parts) + "." if parts else ""


def check_in_message(results: Sequence[DeskResult], desk: str) -> str:
    """One line for the desk, such as: Checked in at Door B: Nino Beridze. Already checked in:
    Ivan Petrenko (08:12 · Desk 1)."""
    done = [r.name for r in results if r.outcome == Outcome.CHECKED_IN]
    already = [
        f"{r.name} ({checked_in_text(r.state.first_in_at, r.state.first_in_desk)})"
        for r in results
        if r.outcome == Outcome.ALREADY_IN
    ]
    parts = []
    if done:
        parts.append(_summary(f"Checked in at {desk}", done))
    if already:
        parts.append(_summary("Already checked in", already))
    return _sentence(parts + _missing(results))


def undo_message(results: Sequence[DeskResult]) -> str:
    undone = [r.name for r in results if r.outcome == Outcome.UNDONE]
    parts = [_summary("Check-in undone", undone)] if undone else []
    if any(r.outcome == Outcome.NOTHING_TO_UNDO for r in results) and not undone:
        parts.append("Nothing to undo: not checked in")
    return _sentence(parts + _missing(results))
