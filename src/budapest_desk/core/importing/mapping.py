"""Finding the header row and proposing which column holds which field.

Header names are compared by word_key (case, accents, punctuation ignored), first whole, then
without a parenthesised remark ("First name (as in passport)"). Our own labels (fields.LABELS)
and the names in headers.SYNONYMS each stand for one field, strongest first. Each field goes
to one column: the strongest name wins, the first column on a tie (pretix repeats "Company" and
"Country" for the invoice address, after the attendee's).

A corrected mapping is saved as JSON keyed by header name (and occurrence, for repeated names),
so it applies to the next file with the same headers even if the columns have moved.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from budapest_desk.core.errors import UserError
from budapest_desk.core.importing.fields import LABELS, REQUIRED, TEMPLATE_FIELDS, Field
from budapest_desk.core.importing.headers import SYNONYMS
from budapest_desk.core.importing.sources import SourceRow
from budapest_desk.core.importing.values import word_key

HEADER_SCAN_ROWS = 30
MAPPING_VERSION = 1

_REMARK = re.compile(r"\([^)]*\)|\[[^\]]*\]")
_NUMBERING = re.compile(r"^\s*\d{1,2}[.)]\s+")


def _names() -> dict[str, tuple[Field, int]]:
    """word_key -> (field, strength): synonyms from 1000 down in their order; a label that is
    no synonym is strongest. (Our files hold only our labels, each once, so they map back
    exactly; among others' headers a label such as "Email" must not beat "Attendee email".)"""
    names: dict[str, tuple[Field, int]] = {}
    for field, synonyms in SYNONYMS.items():
        for rank, synonym in enumerate(synonyms):
            names.setdefault(word_key(synonym), (field, 1000 - rank))
    for field, label in LABELS.items():
        names.setdefault(word_key(label), (field, 1000))
    return names


_NAMES = _names()


def match_header(name: str) -> tuple[Field, int] | None:
    """The field a header name stands for and how strongly, or None."""
    key = word_key(name)
    if key in _NAMES:
        return _NAMES[key]
    bare = word_key(_NUMBERING.sub("", _REMARK.sub(" ", name)))
    found = _NAMES.get(bare)
    return (found[0], found[1] - 500) if found else None


def header_score(cells: Sequence[str]) -> int:
    """How many different fields a row's cells name: the header row names the most."""
    return len({m[0] for m in map(match_header, cells) if m})


def find_header(rows: Sequence[SourceRow]) -> int:
    """The index in `rows` of the header row, below any title rows; 0 if none names a field."""
    best, best_score = 0, 0
    for index, row in enumerate(rows[:HEADER_SCAN_ROWS]):
        score = header_score(row.cells)
        if score > best_score:
            best, best_score = index, score
    return best


def propose(header: Sequence[str]) -> dict[int, Field]:
    """Column index -> field, from the header names (see the module docstring)."""
    best: dict[Field, tuple[int, int]] = {}  # field -> (strength, column)
    for column, name in enumerate(header):
        found = match_header(name)
        if found and (found[0] not in best or found[1] > best[found[0]][0]):
            best[found[0]] = (found[1], column)
    mapping = {column: field for field, (_, column) in best.items()}
    full = best.get(Field.FULL_NAME)
    if full and (Field.FIRST_NAME in best or Field.LAST_NAME in best):
        del mapping[full[1]]
        # German forms ask for "Vorname" and "Name": the "Name" is then the family name.
        if Field.LAST_NAME not in best and word_key(header[full[1]]) == "name":
            mapping[full[1]] = Field.LAST_NAME
    return dict(sorted(mapping.items()))


def _plain(name: str) -> str:
    return " ".join(name.split()).casefold()


def is_template(header: Sequence[str]) -> bool:
    """True if the header is exactly our registration template's: no mapping step needed."""
    cells = [_plain(c) for c in header]
    while cells and not cells[-1]:
        cells.pop()
    return cells == [_plain(LABELS[f]) for f in TEMPLATE_FIELDS]


def missing_required(mapping: Mapping[int, Field]) -> list[Field]:
    """The required fields no column maps to; a full-name column stands for first and last."""
    mapped = set(mapping.values())
    if Field.FULL_NAME in mapped:
        mapped |= {Field.FIRST_NAME, Field.LAST_NAME}
    return [f for f in Field if f in REQUIRED and f not in mapped]


def _occurrences(header: Sequence[str]) -> list[tuple[str, int]]:
    """(plain name, occurrence) of each column: the second "Company" is ("company", 2)."""
    seen: dict[str, int] = {}
    out = []
    for name in header:
        plain = _plain(name)
        seen[plain] = seen.get(plain, 0) + 1
        out.append((plain, seen[plain]))
    return out


def save_mapping(path: Path, header: Sequence[str], mapping: Mapping[int, Field]) -> None:
    """Save `mapping` keyed by header name, to apply to the next file with these headers."""
    names = _occurrences(header)
    columns = [
        {"header": header[i].strip(), "occurrence": names[i][1], "field": field.value}
        for i, field in sorted(mapping.items())
        if 0 <= i < len(header) and header[i].strip()
    ]
    text = json.dumps(
        {"version": MAPPING_VERSION, "columns": columns}, ensure_ascii=False, indent=2
    )
    temporary = path.with_name(path.name + ".tmp")
    try:
        temporary.write_text(text + "\n", encoding="utf-8")
        os.replace(temporary, path)
    except OSError as exc:
        raise UserError(f"The mapping cannot be saved to {path.name} ({exc.strerror}).") from None


def load_mapping(path: Path, header: Sequence[str]) -> dict[int, Field]:
    """The saved mapping applied to `header`; names the header does not have are ignored."""
    bad = (
        f"{path.name} is not a column mapping saved by this program. "
        "Choose another file, or map the columns by hand."
    )
    try:
        data: Any = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise UserError(f"{path.name} does not exist (any more).") from None
    except (OSError, UnicodeDecodeError, ValueError):
        raise UserError(bad) from None
    if not isinstance(data, dict) or not isinstance(data.get("columns"), list):
        raise UserError(bad)
    where = {name: i for i, name in enumerate(_occurrences(header))}
    mapping: dict[int, Field] = {}
    for entry in data["columns"]:
        try:
            name, occurrence, field = entry["header"], entry["occurrence"], Field(entry["field"])
        except (TypeError, KeyError, ValueError):
            raise UserError(bad) from None
        if not isinstance(name, str) or not isinstance(occurrence, int):
            raise UserError(bad)
        column = where.get((_plain(name), occurrence))
        if column is not None and field not in mapping.values():
            mapping[column] = field
    return dict(sorted(mapping.items()))
