"""What the desk shows as text: when someone was checked in, the line that answers a check-in
or an undo, and the banner's words after a scan. Plain functions, no Qt (an import-linter
contract checks it). Times are on the desk's own clock."""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Sequence
from dataclasses import dataclass

from budapest_desk.core.checkin import DeskResult, Outcome
from budapest_desk.core.countries import country_name
from budapest_desk.core.desk import STATUS_REASONS, Result, ScanResult
from budapest_desk.core.lifecycle import LABELS
from budapest_desk.core.registrations import RegistrationRow


def _when(at: dt.datetime | None) -> str:
    """A time on the desk's clock: 09:14 today, else 3 Mar 09:14."""
    if at is None:
        return ""
    local = at.astimezone()
    return f"{local:%H:%M}" if local.date() == dt.date.today() else f"{local.day} {local:%b %H:%M}"


def checked_in_text(at: dt.datetime | None, desk: str) -> str:
    """When (local time; the day too unless it is today) and where, or "" if never."""
    if at is None:
        return ""
    when = _when(at)
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


def undo_message(results: Sequence[DeskResult]) -> str:
    undone = [r.name for r in results if r.outcome == Outcome.UNDONE]
    parts = [_summary("Check-in undone", undone)] if undone else []
    if any(r.outcome == Outcome.NOTHING_TO_UNDO for r in results) and not undone:
        parts.append("Nothing to undo: not checked in")
    return _sentence(parts + _missing(results))


# ---- the desk's banner ----------------------------------------------------------------------
class Tone(enum.StrEnum):
    """How loud the banner is: its colours are the view's (banner.py)."""

    OK = "ok"  # green: in (or out) as asked
    ALREADY = "already"  # amber: do not admit twice
    REFUSED = "refused"  # red: not admitted
    UNKNOWN = "unknown"  # grey: nobody found
    OUT = "out"  # blue: checked out
    UNDONE = "undone"  # blue-grey: a check-in taken back


@dataclass(frozen=True)
class Verdict:
    tone: Tone
    headline: str  # a few words, in capitals, read from a metre away
    line: str  # where and when, or why, and what to do


FORCE_HINT = "Ctrl+Enter: admit anyway (recorded as forced)"


def where_when(desk: str, at: dt.datetime | None) -> str:
    """'at Desk A at 09:14' (either part may be missing)."""
    parts = [f"at {desk}" if desk else "", f"at {_when(at)}" if at else ""]
    return " ".join(p for p in parts if p)


def delegation(row: RegistrationRow) -> str:
    if row.delegation_country:
        return country_name(row.delegation_country)
    return row.delegation_organisation


def details(row: RegistrationRow) -> str:
    """Category · delegation · organisation (each once, those given)."""
    parts = [row.category, delegation(row), row.organisation]
    return " · ".join(dict.fromkeys(p for p in parts if p))


def verdict(result: ScanResult) -> Verdict:
    reg = result.registration
    if result.result is Result.CHECKED_IN:
        if result.forced and reg is not None:
            status = LABELS[reg.status].lower()
            note = f"Not confirmed ({status}): admitted anyway, recorded as forced."
            return Verdict(Tone.OK, "✓ ADMITTED ANYWAY", note)
        return Verdict(Tone.OK, "✓ CHECKED IN", where_when(result.desk, result.at))
    if result.result is Result.ALREADY:
        return Verdict(Tone.ALREADY, "ALREADY CHECKED IN", where_when(result.desk, result.at))
    if result.result is Result.REFUSED and reg is not None:
        reason = STATUS_REASONS[reg.status]
        return Verdict(Tone.REFUSED, "✗ NOT ADMITTED", f"{reason[:1].upper()}{reason[1:]}.")
    if result.result is Result.CHECKED_OUT:
        return Verdict(Tone.OUT, "CHECKED OUT", where_when(result.desk, result.at))
    if result.result is Result.NOT_IN:
        return Verdict(Tone.UNKNOWN, "NOT CHECKED IN", "Nothing to check out.")
    return Verdict(Tone.UNKNOWN, "NOT FOUND", result.message)


def undo_verdict(result: DeskResult) -> Verdict:
    if result.outcome == Outcome.UNDONE:
        still = " (still in: an earlier check-in stands)" if result.state.checked_in else ""
        return Verdict(Tone.UNDONE, "CHECK-IN UNDONE", f"No longer checked in{still}.")
    if result.outcome == Outcome.NOTHING_TO_UNDO:
        return Verdict(Tone.UNKNOWN, "NOTHING TO UNDO", "Not checked in.")
    return Verdict(Tone.UNKNOWN, "NOT FOUND", "The registration was deleted meanwhile.")


def scan_summary(results: Sequence[ScanResult], desk: str) -> str:
    """One line for several people checked in at once (a selection in the list)."""
    done = [r.name for r in results if r.result is Result.CHECKED_IN]
    already = [r.name for r in results if r.result is Result.ALREADY]
    refused = [r.name for r in results if r.result is Result.REFUSED]
    parts = []
    if done:
        parts.append(_summary(f"Checked in at {desk}", done))
    if already:
        parts.append(_summary("Already checked in", already))
    if refused:
        parts.append(_summary("Not admitted (not confirmed)", refused))
    missing = sum(r.result is Result.UNKNOWN for r in results)
    if missing:
        parts.append(f"{missing} not found (deleted meanwhile?)")
    return _sentence(parts)
