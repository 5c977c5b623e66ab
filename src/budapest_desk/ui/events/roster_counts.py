"""The roster's counts as text: seats and waiting list, and how many by status, category and
delegation country (of what the filter shows)."""

from __future__ import annotations

from html import escape

from budapest_desk.core.countries import country_name
from budapest_desk.core.lifecycle import LABELS, Seats
from budapest_desk.db.enums import RegistrationStatus
from budapest_desk.ui.events.roster_ops import RosterView

MAX_COUNTRIES = 12


def seats_text(seats: Seats) -> str:
    taken = f"{seats.confirmed} confirmed"
    if seats.capacity is not None:
        taken = f"{seats.confirmed} of {seats.capacity} seats taken"
        if seats.full:
            taken += " (full)"
    if seats.waiting:
        taken += f" · {seats.waiting} on the waiting list"
    return taken


def _line(title: str, items: list[tuple[str, int]]) -> str:
    parts = " · ".join(f"{escape(name)} <b>{n}</b>" for name, n in items)
    return f"<span style='color:#555'>{title}:</span> {parts}" if items else ""


def counts_html(view: RosterView) -> str:
    shown = view.shown
    head = f"<b>{shown.total}</b> registrations"
    if shown.total != view.total:
        head = f"<b>{shown.total}</b> of {view.total} registrations shown"
    statuses = [
        (LABELS[s], shown.by_status[s.value])
        for s in RegistrationStatus
        if shown.by_status.get(s.value)
    ]
    categories = sorted(
        ((name or "(no category)", n) for name, n in shown.by_category.items()),
        key=lambda kv: -kv[1],
    )
    countries = sorted(
        ((country_name(code) if code else "(none)", n) for code, n in shown.by_country.items()),
        key=lambda kv: (-kv[1], kv[0]),
    )
    more = len(countries) - MAX_COUNTRIES
    country_line = _line("Delegations", countries[:MAX_COUNTRIES])
    if more > 0:
        country_line += f" · and {more} more"
    lines = [head + " — " + _line("Status", statuses), _line("Category", categories), country_line]
    return "<br>".join(line for line in lines if line)
