"""event add, event list."""

from __future__ import annotations

import argparse
import dataclasses
from typing import TYPE_CHECKING, Any

from budapest_desk.cli.common import Context, iso_date, print_json, print_table, whole_number
from budapest_desk.db.enums import EventKind, EventStatus

if TYPE_CHECKING:
    from budapest_desk.core.events import EventRow


capacity = whole_number(0, "capacity cannot be negative")


def register(commands: Any, common: argparse.ArgumentParser) -> None:
    event = commands.add_parser("event", parents=[common], help="add or list events")
    sub = event.add_subparsers(dest="event_command", metavar="ACTION", required=True)

    add = sub.add_parser("add", parents=[common], help="add an event")
    add.add_argument("--title", required=True)
    add.add_argument("--start", required=True, type=iso_date, metavar="YYYY-MM-DD")
    add.add_argument("--end", type=iso_date, metavar="YYYY-MM-DD", help="default: the start")
    add.add_argument("--city", default="")
    add.add_argument("--country", metavar="CC", help="ISO 3166-1 alpha-2 code, e.g. HU")
    add.add_argument("--venue", default="")
    add.add_argument("--capacity", type=capacity, metavar="N")
    add.add_argument("--kind", choices=[k.value for k in EventKind], default="expert_meeting")
    add.add_argument("--status", choices=[s.value for s in EventStatus], default="planned")
    add.add_argument("--json", action="store_true", help="print the new event as JSON")
    add.set_defaults(handler=cmd_add)

    lst = sub.add_parser("list", parents=[common], help="list the events, newest first")
    lst.add_argument("--json", action="store_true", help="print a JSON list")
    lst.set_defaults(handler=cmd_list)


def _as_dict(row: EventRow) -> dict[str, Any]:
    return dataclasses.asdict(row)


def cmd_add(ctx: Context, args: argparse.Namespace) -> int:
    from budapest_desk.core import events

    data = events.EventInput(
        title=args.title,
        start_date=args.start,
        end_date=args.end,
        city=args.city,
        country=args.country,
        venue=args.venue,
        capacity=args.capacity,
        kind=EventKind(args.kind),
        status=EventStatus(args.status),
    )
    with ctx.database().transaction() as session:
        row = events.create_event(session, data)
    if args.json:
        print_json(_as_dict(row))
    else:
        print(f"Event {row.id} added: {row.title} ({row.start_date} – {row.end_date})")
    return 0


def cmd_list(ctx: Context, args: argparse.Namespace) -> int:
    from budapest_desk.core import events
    from budapest_desk.core.countries import country_name

    with ctx.database().transaction() as session:
        rows = events.list_events(session)
    if args.json:
        print_json([_as_dict(r) for r in rows])
        return 0
    print_table(
        ["ID", "START", "END", "TITLE", "PLACE", "STATUS", "REGISTERED"],
        [
            [
                str(r.id),
                r.start_date.isoformat(),
                r.end_date.isoformat(),
                r.title,
                ", ".join(p for p in (r.city, country_name(r.country)) if p)
                or ("online" if r.online else ""),
                r.status.value,
                str(r.registrations),
            ]
            for r in rows
        ],
    )
    return 0
