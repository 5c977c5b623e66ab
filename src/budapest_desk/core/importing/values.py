"""Cell text -> field values. All pure: no database, no time zone (naive times stay naive; the
caller applies the event's zone).

Words are compared by a key that ignores case, accents and punctuation, so "Confirmé",
"CONFIRME" and "confirmé." are one word. Nothing here guesses: text that is not known exactly
gives None (or status None), and the caller says so for the row.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from budapest_desk.core.countries import resolve_country
from budapest_desk.core.importing.sources import MAX_CELL_CHARS
from budapest_desk.db.enums import RegistrationStatus as S

__all__ = [
    "StatusValue",
    "check_text",
    "parse_bool",
    "parse_checkin",
    "parse_datetime",
    "parse_status",
    "resolve_country",
    "split_full_name",
    "unprotect",
]

_NOT_WORD = re.compile(r"[\W_]+")


def word_key(text: str) -> str:
    """Case, accents and punctuation ignored: "Liste d'attente!" -> "liste d attente"."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    bare = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(_NOT_WORD.sub(" ", bare).split())


def _table(groups: dict[S, str]) -> dict[str, S]:
    return {word_key(w): status for status, words in groups.items() for w in words.split("|")}


# Our own names and labels; Indico's registration states (Completed, Pending, Rejected,
# Withdrawn, Awaiting payment); pretix's order states and their codes (p paid, n pending,
# c canceled, e expired); common words in the region's languages.
_STATUS_WORDS = _table({
    S.CONFIRMED: "confirmed|confirm|complete|completed|registered|accepted|approved|paid|p|"
                 "attending|attended|yes|ok|present|checked in|bestätigt|angemeldet|bezahlt|"
                 "confirmé|confirmée|inscrit|inscrite|payé|confirmado|confirmada|"
                 "подтвержден|подтверждена|подтверждено|зарегистрирован|megerősítve|"
                 "visszaigazolva|regisztrált|jóváhagyva|fizetve|potvrzeno|potwierdzony",
    S.PENDING: "pending|n|unpaid|awaiting payment|not paid|payment pending|tentative|"
               "provisional|submitted|new|tbc|to be confirmed|not confirmed|unconfirmed|"
               "awaiting approval|in moderation|moderation|ausstehend|offen|unbezahlt|"
               "en attente|en cours|pendiente|в ожидании|ожидает|függőben|fizetésre vár",
    S.WAITLISTED: "waitlisted|waitlist|waiting list|wait list|wait listed|on waiting list|"
                  "warteliste|liste d attente|lista de espera|лист ожидания|várólista|"
                  "várólistán",
    S.INVITED: "invited|invitation sent|eingeladen|invité|invitée|invitado|приглашен|"
               "приглашена|meghívott|meghívva",
    S.DECLINED: "declined|decline|rejected|refused|no|not attending|regrets|abgelehnt|"
                "abgesagt|refusé|refusée|rechazado|отклонен|отклонена|отказ|elutasítva|"
                "elutasított|nem vesz részt|lemondta",
    S.CANCELLED: "cancelled|canceled|cancel|cancellation|c|expired|e|refunded|withdrawn|"
                 "deleted|void|storniert|abgemeldet|annulé|annulée|cancelado|отменен|"
                 "отменена|lemondva|törölve|visszavonva|lejárt|zrušeno|anulowany",
})  # fmt: skip
# Any of these words anywhere in the text ("Paid, then cancelled") decides: such a row must
# never come in as confirmed.
_NEGATIVE_WORDS = _table({
    S.CANCELLED: "cancelled|canceled|cancel|cancellation|expired|withdrawn|refunded|storniert|"
                 "annulé|annulée|отменен|отменена|lemondva|törölve",
    S.DECLINED: "rejected|declined|refused|abgelehnt|refusé|refusée|elutasítva",
})  # fmt: skip


@dataclass(frozen=True)
class StatusValue:
    status: S | None  # None: empty or not recognised
    known: bool  # the text was recognised


@lru_cache(maxsize=1024)  # a file repeats a handful of statuses
def parse_status(text: str) -> StatusValue:
    """A registration status from our own, Indico's, pretix's or everyday words."""
    key = word_key(text)
    if key in _STATUS_WORDS:
        return StatusValue(_STATUS_WORDS[key], True)
    for word in key.split():
        if word in _NEGATIVE_WORDS:
            return StatusValue(_NEGATIVE_WORDS[word], True)
    return StatusValue(None, False)


_TRUE = frozenset(
    word_key(w)
    for w in ("yes", "y", "true", "t", "1", "x", "ja", "j", "oui", "si", "sí", "да", "д", "igen",
              "i", "tak", "ano", "áno", "da", "evet", "wahr", "vrai", "checked", "checked in",
              "present")
)  # fmt: skip
_FALSE = frozenset(
    word_key(w)
    for w in ("no", "n", "false", "f", "0", "nein", "non", "нет", "не", "nem", "nie", "ne",
              "hayır", "falsch", "faux", "absent")
)  # fmt: skip
_TRUE_MARKS = frozenset("✓✔☑☒✅")
_FALSE_MARKS = frozenset("✗✘☐❌-–—")


@lru_cache(maxsize=1024)
def parse_bool(text: str) -> bool | None:
    """Yes/no in the forms people type (yes, x, ✓, ja, oui, да, igen...); None if unknown."""
    stripped = text.strip()
    if stripped in _TRUE_MARKS:
        return True
    if stripped in _FALSE_MARKS:
        return False
    key = word_key(stripped)
    if key in _TRUE:
        return True
    if key in _FALSE:
        return False
    return None


_DOTTED = re.compile(
    r"(\d{1,2})\.\s?(\d{1,2})\.\s?(\d{4})\.?(?:\s+(\d{1,2}):(\d{2})(?::(\d{2}))?)?"
)  # 01.05.2024 13:05 (Central Europe)
_HUNGARIAN = re.compile(
    r"(\d{4})\.\s?(\d{1,2})\.\s?(\d{1,2})\.?(?:\s+(\d{1,2}):(\d{2})(?::(\d{2}))?)?"
)  # 2024. 05. 01. 13:05
_SLASHED = re.compile(r"(\d{1,2})/(\d{1,2})/(\d{4})(?:,?\s+(\d{1,2}):(\d{2})(?::(\d{2}))?)?")


def parse_datetime(text: str) -> dt.datetime | None:
    """A date and time as written in an export: ISO 8601 (xlsx cells come as ISO), 01.05.2024
    13:05, 2024. 05. 01. 13:05, or 01/05/2024 only where day and month cannot be confused."""
    text = text.strip()
    if not text:
        return None
    try:
        return dt.datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        pass
    if match := _DOTTED.fullmatch(text):
        day, month, year, *clock = _numbers(match)
    elif match := _HUNGARIAN.fullmatch(text):
        year, month, day, *clock = _numbers(match)
    elif match := _SLASHED.fullmatch(text):
        one, two, year, *clock = _numbers(match)
        if one <= 12 and two <= 12 and one != two:
            return None  # 03/04/2024: March or April? Not guessed.
        day, month = (one, two) if one > 12 or one == two else (two, one)
    else:
        return None
    hour, minute, second = clock
    try:
        return dt.datetime(year, month, day, hour, minute, second)
    except ValueError:
        return None


def _numbers(match: re.Match[str]) -> list[int]:
    return [int(g) if g else 0 for g in match.groups()]


def parse_checkin(checked_in_text: str, at_text: str) -> tuple[bool, dt.datetime | None]:
    """Whether someone was checked in, and when if known.

    "Checked in" may hold yes/no (Indico: TRUE/FALSE) or the time itself (pretix); "Check-in
    date" holds a time. An explicit "no" wins over a stray time; a time alone means yes.
    """
    flag = parse_bool(checked_in_text) if checked_in_text.strip() else None
    at = parse_datetime(at_text)
    if flag is None and checked_in_text.strip():
        at = at or parse_datetime(checked_in_text)
    if flag is False:
        return False, None
    if flag is True or at is not None:
        return True, at
    return False, None


_PARTICLES = frozenset(
    ("van", "von", "der", "den", "de", "da", "di", "del", "della", "dos", "das", "do", "du", "la",
     "le", "ter", "ten", "zu", "bin", "ibn", "al", "el")
)  # fmt: skip


def split_full_name(text: str) -> tuple[str, str]:
    """(first, last) from one Name column: "Last, First" splits at the comma; otherwise the
    last word is the family name, with lower-case particles before it ("Ludwig van
    Beethoven" -> "Ludwig", "van Beethoven"). A single word is taken as the family name."""
    text = " ".join(text.split())
    if "," in text:
        last, _, first = text.partition(",")
        return first.strip(), last.strip()
    words = text.split(" ")
    if len(words) == 1:
        return "", text
    cut = len(words) - 1
    while cut > 1 and words[cut - 1] in _PARTICLES:
        cut -= 1
    return " ".join(words[:cut]), " ".join(words[cut:])


# What makes Excel, LibreOffice and Google Sheets read a cell as a formula (OWASP "CSV
# injection"). Our exporters put an apostrophe before these, and before an apostrophe.
FORMULA_STARTS = "=+-@\t\r"
_PROTECTED = tuple("'" + c for c in FORMULA_STARTS + "'")


def unprotect(text: str) -> str:
    """Undo our exporters' protection against formula injection: one leading apostrophe
    before = + - @ TAB, CR or another apostrophe is removed (the exporters double a leading
    apostrophe), so names and notes round-trip unchanged."""
    return text[1:] if text.startswith(_PROTECTED) else text


# Invisible characters that names in Arabic script (Persian, Urdu, Pashto...) and Indic
# scripts legitimately contain: ZWNJ (Persian "mi-" prefixes, Bengali), ZWJ, and the implicit
# bidi marks LRM, RLM, ALM, which have no scope. The explicit embeddings, overrides and
# isolates (U+202A-202E, U+2066-2069) reorder the text after them ("Trojan Source",
# CVE-2021-42574) and are refused, like every other control and format character.
_ALLOWED_FORMAT = frozenset("\u200c\u200d\u200e\u200f\u061c")
_REFUSED_CATEGORIES = frozenset({"Cc", "Cf", "Cs", "Co", "Zl", "Zp"})
_MULTILINE_OK = frozenset("\n\r\t\u2028\u2029")


def check_text(
    text: str, label: str, max_length: int = 1000, *, multiline: bool = False
) -> str | None:
    """The reason `text` cannot be stored as `label`, or None if it can.

    A reason rather than an exception, because one bad cell rejects its row, not the file.
    Line breaks and tabs are allowed only where `multiline` (notes).
    """
    if len(text) > max_length:
        shown = f"more than {MAX_CELL_CHARS:,}" if len(text) > MAX_CELL_CHARS else f"{len(text):,}"
        return f"{label} is too long ({shown} characters; at most {max_length:,})"
    if text.isprintable():  # no control, format or separator character: nearly every cell
        return None
    for position, char in enumerate(text, start=1):
        if unicodedata.category(char) not in _REFUSED_CATEGORIES or char in _ALLOWED_FORMAT:
            continue
        if multiline and char in _MULTILINE_OK:
            continue
        name = unicodedata.name(char, "control character")
        return (
            f"{label} contains an invisible character (U+{ord(char):04X} {name}) at position "
            f"{position}: remove it and import again"
        )
    return None
