"""Delegations as lists and reports show them: a country, an organisation, or neither.

A registration's delegation is its country when it has one (the roster shows the same), else
its organisation, else none. Countries come first, in the alphabetical order of their English
names; then organisations, alphabetically; then those with no delegation. Names are compared
by a key that is the same on every computer (no locale): accents, case, punctuation and script
ignored, so "Côte d'Ivoire" sorts among the Cs and "Türkiye" before "Turkmenistan".

Organisations are free text, so "UNHCR" and "unhcr " typed at two desks are one delegation,
headed by the spelling most of its members have.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Literal

from budapest_desk.core.countries import country_name
from budapest_desk.core.text import clean, search_words

Kind = Literal["country", "organisation", "none"]

NO_DELEGATION_KEY = "none"
_RANK: dict[Kind, int] = {"country": 0, "organisation": 1, "none": 2}


def name_key(text: str) -> str:
    """A locale-independent sort key for a name: transliterated, case-folded, accents and
    punctuation dropped (text that has no letters or digits at all is case-folded as it is)."""
    return " ".join(search_words(text)) or clean(text).casefold()


def delegation_of(country: str | None, organisation: str) -> tuple[Kind, str]:
    """The kind of a registration's delegation and the key that groups it."""
    if country:
        return "country", f"country:{country.upper()}"
    if clean(organisation):
        return "organisation", f"organisation:{name_key(organisation)}"
    return "none", NO_DELEGATION_KEY


def heading(kind: Kind, key: str, spellings: Mapping[str, int], none_label: str) -> str:
    """What a delegation is called: the country's English name, the organisation as most of
    its members spell it (`spellings`: how many spell it each way; ties: the first in
    alphabetical order), or `none_label`."""
    if kind == "country":
        return country_name(key.removeprefix("country:"))
    if kind == "organisation" and spellings:
        return min(spellings, key=lambda s: (-spellings[s], s))
    return none_label


def order_key(kind: Kind, title: str) -> tuple[int, str, str]:
    """Where a delegation goes: countries, then organisations, then none; by name within."""
    return _RANK[kind], name_key(title), title
