"""The words of the registration template: what each column's input message says, and the
instructions sheet. Kept apart from the layout so that they can be read (and one day translated)
in one place."""

from __future__ import annotations

import datetime as dt

from budapest_desk.core.countries import country_name
from budapest_desk.core.events import EventRow
from budapest_desk.core.importing.fields import LABELS, TEMPLATE_SHEET
from budapest_desk.core.importing.fields import Field as F

# Shown when a cell of the column is selected (Excel allows 255 characters).
PROMPTS: dict[F, str] = {
    F.TITLE: "Optional. Mr, Ms, Dr, H.E., …",
    F.FIRST_NAME: "Required. Given name(s) in the person's own script, e.g. Ольга, Γεώργιος, "
    "Gyöngyvér.",
    F.LAST_NAME: "Required. Family name in the person's own script, e.g. Петрова, Παπαδόπουλος.",
    F.EMAIL: "Required. One address per person: it is how we recognise them.",
    F.COUNTRY: "Required. The person's country: choose from the list.",
    F.ORGANISATION: "Ministry, agency or organisation.",
    F.POSITION: "Job title or function.",
    F.PHONE: "With the country code, e.g. +36 1 234 5678.",
    F.DELEGATION: "The country or organisation the person represents at the meeting.",
    F.CATEGORY: "Choose from the list (e.g. Head of delegation, Delegate).",
    F.BADGE_NAME: "Only if the badge should show a name other than First name + Last name.",
    F.NAME_LATIN: "If the name is not written in Latin letters: its spelling in Latin letters, "
    "as in the passport.",
    F.LANGUAGES: "Languages the person speaks, e.g. English, Russian.",
    F.LIST_CONSENT: "Yes if the person agrees to appear on the list of participants that is "
    "given to all participants.",
    F.ATTENTION_NOTE: "Anything the organisers should know: access needs, diet, arrival. Leave "
    "empty if nothing.",
}

# Column widths in characters, where the header's length is not enough.
WIDTHS: dict[F, int] = {
    F.FIRST_NAME: 18,
    F.LAST_NAME: 20,
    F.EMAIL: 30,
    F.COUNTRY: 22,
    F.ORGANISATION: 30,
    F.POSITION: 24,
    F.PHONE: 18,
    F.DELEGATION: 24,
    F.CATEGORY: 20,
    F.NAME_LATIN: 24,
    F.ATTENTION_NOTE: 36,
}


# Not strftime's %B: under Qt, which sets the C locale from the desktop's, it would say "május".
MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]


def event_dates(start: dt.date, end: dt.date) -> str:
    """'12 May 2027', '12–13 May 2027', '30 May – 2 June 2027', '30 December 2027 – 2 January
    2028': the event's dates as people write them, in English."""
    last = f"{end.day} {MONTHS[end.month - 1]} {end.year}"
    if start == end:
        return last
    if (start.year, start.month) == (end.year, end.month):
        return f"{start.day}–{last}"
    if start.year == end.year:
        return f"{start.day} {MONTHS[start.month - 1]} – {last}"
    return f"{start.day} {MONTHS[start.month - 1]} {start.year} – {last}"


def instructions(event: EventRow) -> list[tuple[str, str]]:
    """The lines of the instructions sheet, each with its style: title, heading or text."""
    place = ", ".join(p for p in (event.venue, event.city, country_name(event.country)) if p)
    required = ", ".join(LABELS[f] for f in (F.EMAIL, F.FIRST_NAME, F.LAST_NAME, F.COUNTRY))
    return [
        (event.title, "title"),
        (event_dates(event.start_date, event.end_date), "text"),
        (place or ("Online" if event.online else ""), "text"),
        ("", "text"),
        ("How to fill in this file", "heading"),
        (f'Fill in the sheet "{TEMPLATE_SHEET}": one row per person.', "text"),
        (f"Required for every person: {required} (their headers are shaded).", "text"),
        (
            "Write First name and Last name in the person's own script (e.g. Ольга Петрова, "
            "Γεώργιος Παπαδόπουλος, ნინო ბერიძე), and their spelling in Latin letters, as in "
            'the passport, in "Name in Latin letters".',
            "text",
        ),
        ("Choose Country, Category and On participant list from the drop-down lists.", "text"),
        ("Write phone numbers with the country code, e.g. +36 1 234 5678.", "text"),
        (
            "Do not change, move or translate the header row, and do not add or remove columns: "
            "the file is read automatically.",
            "text",
        ),
        ("Save the file as an Excel workbook (.xlsx) and send it back to us.", "text"),
    ]
