"""The check-in journal file that carries one laptop's scans to another copy of the database.

A JSON document, UTF-8: the event (by title and start date), the walk-ins registered for it (so
that another copy can recreate them) and every journal entry, naming its registration by
check-in code, since record ids differ between copies for walk-ins. Times are ISO 8601 with
their offset and microseconds, so that a merged copy derives exactly the same state.

Reading validates the whole document before anything uses it: a bad file is one UserError that
says what is wrong, and nothing is merged. Writing is atomic (a temporary file in the same
folder, renamed over the target), so a failed export leaves no half file.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import tempfile
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from budapest_desk.core.errors import UserError
from budapest_desk.db.enums import CheckinKind, RegistrationStatus

FORMAT = "budapest-desk-checkin-journal"
VERSION = 1
MAX_BYTES = 200 * 1024 * 1024  # a journal of a million scans is ~250 MB less than this
_KINDS = {k.value: k for k in CheckinKind}
_STATUSES = {s.value: s for s in RegistrationStatus}


@dataclass(frozen=True)
class JournalRecord:
    """One scan as the file carries it (the attribute names are those of CheckinEntry)."""

    nonce: str
    code: str  # the registration's check-in code
    kind: CheckinKind
    undoes_nonce: str | None
    desk: str
    device_time: dt.datetime
    recorded_at: dt.datetime
    forced: bool = False


@dataclass(frozen=True)
class WalkIn:
    """A registration made at the door, with what another copy needs to recreate it."""

    code: str
    first_name: str
    last_name: str
    title: str = ""
    organisation: str = ""
    position: str = ""
    country: str | None = None
    email: str | None = None
    category: str | None = None  # by name: ids may differ
    delegation_country: str | None = None
    delegation_organisation: str = ""
    status: RegistrationStatus = RegistrationStatus.CONFIRMED


@dataclass(frozen=True)
class JournalFile:
    event_title: str
    event_start: dt.date
    walk_ins: tuple[WalkIn, ...]
    entries: tuple[JournalRecord, ...]


class _Bad(Exception):
    """What is wrong with a file, said for the user; becomes the one UserError."""


def _bad_file(path: Path, what: str) -> UserError:
    return UserError(
        f"{path} is not a check-in journal this version can merge: {what}. Nothing was "
        "merged: export the journal again on the other laptop (checkin export-journal) and "
        "merge that file."
    )


# ---------------------------------------------------------------------------------------------
# Writing


def encode(journal: JournalFile, exported_at: dt.datetime) -> str:
    document = {
        "format": FORMAT,
        "version": VERSION,
        "exported_at": exported_at.isoformat(),
        "event": {"title": journal.event_title, "start_date": journal.event_start.isoformat()},
        "walk_ins": [
            {
                "code": w.code, "title": w.title, "first_name": w.first_name,
                "last_name": w.last_name, "organisation": w.organisation,
                "position": w.position, "country": w.country, "email": w.email,
                "category": w.category, "delegation_country": w.delegation_country,
                "delegation_organisation": w.delegation_organisation, "status": w.status.value,
            }
            for w in journal.walk_ins
        ],
        "entries": [
            {
                "nonce": e.nonce, "code": e.code, "kind": e.kind.value,
                "undoes": e.undoes_nonce, "desk": e.desk,
                "device_time": e.device_time.isoformat(),
                "recorded_at": e.recorded_at.isoformat(), "forced": e.forced,
            }
            for e in journal.entries
        ],
    }  # fmt: skip
    return json.dumps(document, ensure_ascii=False, indent=1) + "\n"


def write_atomically(path: Path, text: str) -> None:
    """Write `text` (UTF-8) to `path` whole or not at all; problems become a UserError."""
    if path.is_dir():
        raise UserError(f"{path} is a folder. Give a file name to save the journal to.")
    folder = path.parent
    try:
        handle, temp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=folder)
    except OSError as exc:
        raise UserError(
            f"Cannot write a file in {folder} ({exc.strerror or exc}). Choose another folder."
        ) from None
    temp = Path(temp_name)
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as out:
            out.write(text)
            out.flush()
            os.fsync(out.fileno())
        os.replace(temp, path)
    except OSError as exc:  # a full disk, a removed drive
        temp.unlink(missing_ok=True)
        raise UserError(
            f"Cannot write {path} ({exc.strerror or exc}). Nothing was saved: free some space "
            "or choose another folder."
        ) from None
    except BaseException:
        temp.unlink(missing_ok=True)
        raise


# ---------------------------------------------------------------------------------------------
# Reading


def read(path: Path) -> JournalFile:
    """The journal in `path`, checked whole; any problem is one UserError."""
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        raise UserError(f"There is no file at {path}.") from None
    except OSError as exc:
        raise UserError(f"Cannot read {path} ({exc.strerror or exc}).") from None
    if path.is_dir():
        raise UserError(f"{path} is a folder: choose a check-in journal file.")
    if size > MAX_BYTES:
        raise _bad_file(path, f"it is {size // 2**20} MB, more than a journal can be")
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise UserError(f"Cannot read {path} ({exc.strerror or exc}).") from None
    try:
        return decode(raw)
    except _Bad as exc:
        raise _bad_file(path, str(exc)) from None


def decode(raw: bytes) -> JournalFile:
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise _Bad(f"it is not UTF-8 text (byte {exc.start})") from None
    try:
        data: Any = json.loads(text)
    except (ValueError, RecursionError) as exc:
        raise _Bad(f"it is not JSON ({exc})") from None
    doc = _object(data, "the file")
    if doc.get("format") != FORMAT:
        raise _Bad(f'"format" is not "{FORMAT}"')
    version = doc.get("version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise _Bad('"version" is missing or not a version number')
    if version > VERSION:
        raise _Bad(
            f"it is version {version}, written by a newer Budapest Desk (this one reads "
            f"version {VERSION}); install the newer version on this laptop too"
        )
    _time(doc, "exported_at", "the file")
    event = _object(doc.get("event"), '"event"')
    title = _text(event, "title", '"event"', 300, required=True)
    start = _date(event, "start_date", '"event"')
    walk_ins = tuple(_walk_in(w, f"walk-in {i + 1}") for i, w in enumerate(_list(doc, "walk_ins")))
    entries = tuple(_record(e, f"entry {i + 1}") for i, e in enumerate(_list(doc, "entries")))
    codes = [w.code for w in walk_ins]
    if len(set(codes)) != len(codes):
        raise _Bad("two walk-ins have the same check-in code")
    seen: dict[str, JournalRecord] = {}
    for record in entries:  # the same entry twice is harmless; two with one nonce are not
        if seen.setdefault(record.nonce, record) != record:
            raise _Bad(f"two different entries have the nonce {record.nonce}")
    return JournalFile(title, start, walk_ins, tuple(seen.values()))


def _object(value: Any, where: str) -> Mapping[str, Any]:
    if not isinstance(value, dict):
        raise _Bad(f"{where} is not a JSON object")
    return value


def _list(doc: Mapping[str, Any], key: str) -> list[Any]:
    value = doc.get(key)
    if not isinstance(value, list):
        raise _Bad(f'"{key}" is missing or not a list')
    return value


def _text(
    obj: Mapping[str, Any], key: str, where: str, max_length: int, *, required: bool = False
) -> str:
    value = obj.get(key)
    if not isinstance(value, str):
        raise _Bad(f'{where}: "{key}" is missing or not text')
    if required and not value.strip():
        raise _Bad(f'{where}: "{key}" is empty')
    if len(value) > max_length:
        raise _Bad(f'{where}: "{key}" is longer than {max_length} characters')
    return value


def _optional(obj: Mapping[str, Any], key: str, where: str, max_length: int) -> str | None:
    return None if obj.get(key) is None else _text(obj, key, where, max_length)


def _time(obj: Mapping[str, Any], key: str, where: str) -> dt.datetime:
    text = _text(obj, key, where, 40)
    try:
        value = dt.datetime.fromisoformat(text)
    except ValueError:
        raise _Bad(f'{where}: "{key}" is not a date and time ({text!r})') from None
    if value.tzinfo is None:
        raise _Bad(f'{where}: "{key}" has no time zone ({text!r})')
    return value.astimezone(dt.UTC)


def _date(obj: Mapping[str, Any], key: str, where: str) -> dt.date:
    text = _text(obj, key, where, 10)
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise _Bad(f'{where}: "{key}" is not a date ({text!r})') from None


def _choice(obj: Mapping[str, Any], key: str, where: str, allowed: Mapping[str, Any]) -> Any:
    value = obj.get(key)
    if not isinstance(value, str) or value not in allowed:
        raise _Bad(f'{where}: "{key}" is {value!r}, not one of {", ".join(allowed)}')
    return allowed[value]


def _record(value: Any, where: str) -> JournalRecord:
    obj = _object(value, where)
    forced = obj.get("forced")
    if not isinstance(forced, bool):
        raise _Bad(f'{where}: "forced" is missing or not true/false')
    return JournalRecord(
        nonce=_text(obj, "nonce", where, 36, required=True),
        code=_text(obj, "code", where, 16, required=True),
        kind=_choice(obj, "kind", where, _KINDS),
        undoes_nonce=_optional(obj, "undoes", where, 36),
        desk=_text(obj, "desk", where, 80),
        device_time=_time(obj, "device_time", where),
        recorded_at=_time(obj, "recorded_at", where),
        forced=forced,
    )


def _walk_in(value: Any, where: str) -> WalkIn:
    obj = _object(value, where)
    return WalkIn(
        code=_text(obj, "code", where, 16, required=True),
        first_name=_text(obj, "first_name", where, 200, required=True),
        last_name=_text(obj, "last_name", where, 200, required=True),
        title=_text(obj, "title", where, 40),
        organisation=_text(obj, "organisation", where, 300),
        position=_text(obj, "position", where, 300),
        country=_optional(obj, "country", where, 60),
        email=_optional(obj, "email", where, 320),
        category=_optional(obj, "category", where, 80),
        delegation_country=_optional(obj, "delegation_country", where, 60),
        delegation_organisation=_text(obj, "delegation_organisation", where, 300),
        status=_choice(obj, "status", where, _STATUSES),
    )
