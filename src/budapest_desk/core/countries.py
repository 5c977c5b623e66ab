"""Countries as ISO 3166-1 alpha-2 codes (pycountry), plus Kosovo (XK, user-assigned)."""

from __future__ import annotations

from functools import lru_cache

import pycountry

from budapest_desk.core.errors import UserError

_EXTRA = {"XK": "Kosovo"}


@lru_cache(maxsize=1)
def all_countries() -> tuple[tuple[str, str], ...]:
    """(code, English name) for every country, sorted by name."""
    pairs = {c.alpha_2: getattr(c, "common_name", None) or c.name for c in pycountry.countries}
    pairs.update(_EXTRA)
    return tuple(sorted(pairs.items(), key=lambda kv: kv[1]))


def country_name(code: str | None) -> str:
    if not code:
        return ""
    return dict(all_countries()).get(code.upper(), code.upper())


def normalise_country(value: str | None, *, required: bool = False) -> str | None:
    """An ISO alpha-2 code from a code or an English name; a clear UserError otherwise."""
    text = (value or "").strip()
    if not text:
        if required:
            raise UserError("Country is required: choose one from the list.", field="country")
        return None
    upper = text.upper()
    codes = dict(all_countries())
    if upper in codes:
        return upper
    for code, name in all_countries():
        if name.casefold() == text.casefold():
            return code
    try:
        found = pycountry.countries.lookup(text)
    except LookupError:
        raise UserError(
            f"Unknown country {text!r}: use a two-letter ISO code (e.g. HU) or an English name.",
            field="country",
        ) from None
    return str(found.alpha_2)
