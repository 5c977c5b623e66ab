"""What a badge says: the name as the person wants it printed, in the chosen name format, and
the texts around it. Pure text; exporters/badges_pdf.py draws it."""

from __future__ import annotations

import enum
import unicodedata
from dataclasses import dataclass

from budapest_desk.core.countries import country_name
from budapest_desk.core.events import EventRow
from budapest_desk.core.registrations import RegistrationRow


class NameFormat(enum.StrEnum):
    FIRST_LAST = "first-last"  # Gyöngyvér / Kovács
    FIRST_FAMILY_CAPS = "first-FAMILY"  # Gyöngyvér / KOVÁCS
    FAMILY_CAPS_FIRST = "FAMILY-first"  # KOVÁCS / Gyöngyvér (family name first, as in Hungary)
    TITLE_FIRST_LAST = "title-first-last"  # Dr Gyöngyvér / Kovács


NAME_FORMAT_LABELS = {
    NameFormat.FIRST_LAST: "First name large, family name below",
    NameFormat.FIRST_FAMILY_CAPS: "First name large, FAMILY NAME below",
    NameFormat.FAMILY_CAPS_FIRST: "FAMILY NAME large, first name below",
    NameFormat.TITLE_FIRST_LAST: "Title and first name large, family name below",
}

# Turkish and Azerbaijani capitalise i as İ (and ı as I).
_DOTTED_I_COUNTRIES = {"TR", "AZ"}


def capitals(text: str, country: str | None = None) -> str:
    """`text` in capitals as its language writes them: İ for a Turkish or Azerbaijani i, Greek
    without accents (ΚΩΣΤΟΠΟΥΛΟΣ), Georgian left as it is (its capitals are not used for names);
    scripts without case are unchanged."""
    if country in _DOTTED_I_COUNTRIES:
        text = text.replace("i", "İ")
    out = []
    for char in text:
        if 0x10A0 <= ord(char) <= 0x10FF:
            out.append(char)
        elif 0x0370 <= ord(char) <= 0x03FF or 0x1F00 <= ord(char) <= 0x1FFF:
            bare = "".join(
                c for c in unicodedata.normalize("NFD", char.upper()) if c not in "\u0301\u0342"
            )
            out.append(unicodedata.normalize("NFC", bare))
        else:
            out.append(char.upper())
    return "".join(out)


@dataclass(frozen=True)
class BadgeText:
    """The texts of one badge; empty strings are left off."""

    large: str  # the first line of the name
    small: str  # the second line of the name ("" when the name is one block)
    position: str
    organisation: str
    delegation: str
    category: str
    colour: str  # #rrggbb of the category band
    code: str  # the check-in code, in the QR code and printed under it


def badge_text(row: RegistrationRow, name_format: NameFormat) -> BadgeText:
    if row.badge_name.strip():
        large, small = row.badge_name.strip(), ""  # as the person asked for it, one block
    else:
        country = row.country or row.delegation_country
        first, family = row.first_name.strip(), row.last_name.strip()
        if name_format is NameFormat.FIRST_FAMILY_CAPS:
            large, small = first, capitals(family, country)
        elif name_format is NameFormat.FAMILY_CAPS_FIRST:
            large, small = capitals(family, country), first
        elif name_format is NameFormat.TITLE_FIRST_LAST:
            large, small = f"{row.title.strip()} {first}".strip(), family
        else:
            large, small = first, family
        if not large:
            large, small = small, ""
    if row.delegation_country:
        delegation = country_name(row.delegation_country)
    else:
        delegation = row.delegation_organisation
    return BadgeText(
        large=large,
        small=small,
        position=row.position.strip(),
        organisation=row.organisation.strip(),
        delegation=delegation.strip(),
        category=row.category.strip(),
        colour=row.category_colour or "#1f4e79",
        code=row.checkin_code,
    )


def event_dates(event: EventRow) -> str:
    """'12–14 May 2026', '30 June – 2 July 2026', '5 May 2026'."""
    start, end = event.start_date, event.end_date
    if start == end:
        return f"{start.day} {start:%B %Y}"
    if (start.year, start.month) == (end.year, end.month):
        return f"{start.day}–{end.day} {end:%B %Y}"
    if start.year == end.year:
        return f"{start.day} {start:%B} – {end.day} {end:%B %Y}"
    return f"{start.day} {start:%B %Y} – {end.day} {end:%B %Y}"


def event_place(event: EventRow) -> str:
    parts = [event.venue.strip(), event.city.strip()]
    if event.country:
        parts.append(country_name(event.country))
    return ", ".join(p for p in parts if p)
