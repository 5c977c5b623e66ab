"""Text normalisation: names kept exactly (NFC), and search keys that ignore case, accents,
script and word order ("kovacs gyongyver" finds "Kovács Gyöngyvér", "Ковач" finds "Kovach")."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from anyascii import anyascii

_SPACES = re.compile(r"\s+")
_NOT_WORD = re.compile(r"[^0-9a-z]+")
_APOSTROPHES = re.compile(r"['`]")


def clean(value: str | None) -> str:
    """Trimmed, NFC, inner runs of white space folded to one space."""
    if not value:
        return ""
    return _SPACES.sub(" ", unicodedata.normalize("NFC", value)).strip()


def search_words(value: str) -> list[str]:
    """The ASCII words of a text: transliterated, case-folded, punctuation dropped.

    Apostrophes join rather than split: the Cyrillic soft and hard signs transliterate to one
    ("Ольга" -> "Ol'ga"), and nobody types "ol ga" to find Olga, nor "o brien" for O'Brien.
    """
    return list(_words(value))


# Names, organisations and countries repeat a great deal in a list of people: a large import
# transliterates each distinct one once.
@lru_cache(maxsize=65536)
def _words(value: str) -> tuple[str, ...]:
    ascii_text = anyascii(unicodedata.normalize("NFKC", value)).casefold()
    return tuple(w for w in _NOT_WORD.split(_APOSTROPHES.sub("", ascii_text)) if w)


def search_key(*parts: str | None) -> str:
    """The stored search key of a record: its words, space separated, each once."""
    seen: dict[str, None] = {}
    for part in parts:
        for word in _words(part or ""):
            seen.setdefault(word, None)
    return " ".join(seen)


def sort_key(first_name: str, last_name: str) -> str:
    """The stored sort key of a person: family name, then given name, transliterated and
    case-folded, so that a roster sorts every script in one alphabet ("Kovács", "Ковач" and
    "Κωστόπουλος" sort under K together). db/migrations/0003 repeats this rule for old rows."""

    return f"{_fold(last_name)}\x1f{_fold(first_name)}"[:400]


@lru_cache(maxsize=65536)
def _fold(value: str) -> str:
    # Apostrophes dropped, as in search words: O'Brien sorts under O, and عبدالله (ʿayn
    # transliterated as an apostrophe) under A, not before every letter.
    ascii_text = _APOSTROPHES.sub("", anyascii(unicodedata.normalize("NFKC", value)))
    return " ".join(ascii_text.casefold().split())
