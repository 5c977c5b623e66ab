"""Search as you type at the check-in desk: people of one event by the beginnings of their
words, whatever the case, accents, script or word order ("kovacs gyon", "Gyöngyvér Kov",
"kovach" for Ковач), or by the beginning of a check-in code.

Every word typed must begin a word of the person's search key (names, Latin spelling, badge
name, organisation, email; core.text). The longest word typed is looked up in person_words by
index range (`word >= 'kov' AND word < 'kow'`), the others are checked per candidate through
the (person_id, word) index; at most CANDIDATES rows are read, so a first letter costs as
little as a whole name. The candidates are then ranked here: whole words matched first, then
in name order."""

from __future__ import annotations

import functools
from dataclasses import dataclass

from sqlalchemy import ColumnElement, SQLColumnExpression, and_, bindparam, exists, select
from sqlalchemy.orm import Session, aliased

from budapest_desk.core import codes
from budapest_desk.core.text import search_words
from budapest_desk.db.models import Person, PersonWord, Registration
from budapest_desk.db.models.people import WORD_LENGTH
from budapest_desk.db.prepared import Prepared

CANDIDATES = 200  # rows read at most per search
SHOWN = 50  # matches returned at most


@dataclass(frozen=True)
class Matches:
    ids: list[int]  # registration ids, best first
    more: bool  # there are more matches than shown: type more


def _not_indexed(column: SQLColumnExpression[int]) -> ColumnElement[bool]:
    """`column = :event_id`, written so that SQLite cannot drive the query from the column's
    index (`column + 0`): without statistics (no ANALYZE has run, as after a bulk import) it
    would start from the event's 100,000 registrations and probe the words of each (125 ms a
    keystroke), instead of from the few words the typed prefix selects (under 1 ms)."""
    return (column + 0) == bindparam("event_id")


def _above(prefix: str) -> str:
    """The least string greater than every string beginning with `prefix` (ASCII words)."""
    return prefix[:-1] + chr(ord(prefix[-1]) + 1)


def _words(query: str) -> list[str]:
    unique = dict.fromkeys(w[:WORD_LENGTH] for w in search_words(query))
    return sorted(unique, key=len, reverse=True)


@functools.lru_cache(maxsize=16)  # by number of words: a pasted paragraph does not stay
def _statement(others: int) -> Prepared:
    """The search for a driving word and `others` more words (parameters: event_id, lo and hi
    of each word's range, w0 for the driver)."""
    stmt = (
        select(Registration.id, Person.sort_key, Person.search_key)
        .select_from(PersonWord)
        .join(Person, Person.id == PersonWord.person_id)
        .join(
            Registration,
            and_(Registration.person_id == Person.id, _not_indexed(Registration.event_id)),
        )
        .where(PersonWord.word >= bindparam("lo0"), PersonWord.word < bindparam("hi0"))
    )
    for i in range(1, others + 1):
        other = aliased(PersonWord)
        stmt = stmt.where(
            exists().where(
                other.person_id == Person.id,
                other.word >= bindparam(f"lo{i}"),
                other.word < bindparam(f"hi{i}"),
            )
        )
    return Prepared(stmt.limit(CANDIDATES))


def search(session: Session, event_id: int, query: str, *, limit: int = SHOWN) -> Matches:
    """The event's registrations matching `query`, best first."""
    words = _words(query)
    if not words:
        return Matches([], False)
    params: dict[str, object] = {"event_id": event_id}
    for i, word in enumerate(words):
        params[f"lo{i}"], params[f"hi{i}"] = word, _above(word)
    found = _statement(len(words) - 1).rows(session, params)
    rows = {rid: (sort_key, key) for rid, sort_key, key in found}
    more = len(rows) >= CANDIDATES
    for rid, sort_key, key in _by_code(session, event_id, query):
        rows.setdefault(rid, (sort_key, key))
    whole = set(words)

    def rank(item: tuple[int, tuple[str, str]]) -> tuple[int, str]:
        _rid, (sort_key, key) = item
        return (-len(whole.intersection(key.split())), sort_key)

    ranked = [rid for rid, _ in sorted(rows.items(), key=rank)]
    return Matches(ranked[:limit], more or len(ranked) > limit)


_BY_CODE = Prepared(
    select(Registration.id, Person.sort_key, Person.search_key)
    .join(Person, Person.id == Registration.person_id)
    .where(
        _not_indexed(Registration.event_id),
        Registration.checkin_code >= bindparam("lo"),
        Registration.checkin_code < bindparam("hi"),
    )
    .limit(SHOWN)
)


def _by_code(session: Session, event_id: int, query: str) -> list[tuple[int, str, str]]:
    """Registrations whose check-in code begins with what was typed (four symbols at least)."""
    typed = codes.canonical(query)
    if len(typed) < 4 or any(ch not in codes.ALPHABET for ch in typed):
        return []
    params = {"event_id": event_id, "lo": typed, "hi": _above(typed)}
    return [(rid, sk, key) for rid, sk, key in _BY_CODE.rows(session, params)]
