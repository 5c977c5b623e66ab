"""checkin scan/search/undo/stats/export-journal/merge-journal: the desk from a terminal.

Each scan is a transaction of its own (core.desk locks the registration first), so several
`checkin scan --stdin` processes can feed one database at once, as several desks do."""

from __future__ import annotations

import argparse
import os
import socket
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from budapest_desk.cli.common import Context, print_json, print_table

if TYPE_CHECKING:
    from budapest_desk.core.database import Database

NOT_ADMITTED = 3  # exit status of a single scan that admitted nobody (see the help)


def default_desk() -> str:
    """$BUDAPEST_DESK_DESK, else this computer's name: what the journal records as the desk."""
    return os.environ.get("BUDAPEST_DESK_DESK", "").strip() or socket.gethostname() or "Desk"


def register(commands: Any, common: argparse.ArgumentParser) -> None:
    top = commands.add_parser(
        "checkin", parents=[common], help="check people in at an event's desk, merge journals"
    )
    sub = top.add_subparsers(dest="checkin_command", metavar="ACTION", required=True)
    desk_help = (
        "the desk's name, recorded with each entry (default: $BUDAPEST_DESK_DESK or the host name)"
    )

    scan = sub.add_parser(
        "scan",
        parents=[common],
        help="check in the person of a check-in code",
        description="Check in the registration of CODE at EVENT (its id or a unique part of its "
        "title). With --stdin, read one code per line, as a barcode scanner types them, and "
        "print one JSON result per line. A single scan exits 0 when it admitted the person "
        f"(or checked them out), {NOT_ADMITTED} when it did not (already checked in, refused, "
        "unknown code), 1 on an error.",
    )
    scan.add_argument("event", metavar="EVENT")
    scan.add_argument("code", metavar="CODE", nargs="?")
    scan.add_argument("--stdin", action="store_true", help="read codes from standard input")
    scan.add_argument("--desk", metavar="NAME", help=desk_help)
    scan.add_argument(
        "--force",
        action="store_true",
        help="admit even a registration that is not confirmed (recorded as forced)",
    )
    scan.add_argument("--check-out", action="store_true", help="check out instead of in")
    scan.add_argument("--json", action="store_true", help="print the result as JSON")
    scan.set_defaults(handler=cmd_scan)

    search = sub.add_parser(
        "search",
        parents=[common],
        help="find people at an event as the desk does",
        description="Find EVENT's registrations whose words begin with the words of QUERY, "
        "ignoring case, accents, script and word order (or whose code begins with it).",
    )
    search.add_argument("event", metavar="EVENT")
    search.add_argument("query", metavar="QUERY")
    search.add_argument("--json", action="store_true", help="print the matches as JSON")
    search.set_defaults(handler=cmd_search)

    undo = sub.add_parser("undo", parents=[common], help="take back the latest check-in of a code")
    undo.add_argument("event", metavar="EVENT")
    undo.add_argument("code", metavar="CODE")
    undo.add_argument("--desk", metavar="NAME", help=desk_help)
    undo.add_argument("--json", action="store_true", help="print the result as JSON")
    undo.set_defaults(handler=cmd_undo)

    stats = sub.add_parser(
        "stats", parents=[common], help="checked in against expected, by category and country"
    )
    stats.add_argument("event", metavar="EVENT")
    stats.add_argument("--json", action="store_true", help="print the counts as JSON")
    stats.set_defaults(handler=cmd_stats)

    export = sub.add_parser(
        "export-journal",
        parents=[common],
        help="write an event's check-in journal to a file, to merge into another copy",
    )
    export.add_argument("event", metavar="EVENT")
    export.add_argument("-o", "--output", required=True, type=Path, metavar="FILE")
    export.set_defaults(handler=cmd_export)

    merge = sub.add_parser(
        "merge-journal",
        parents=[common],
        help="merge a journal file written by export-journal into this database",
        description="Add the entries of FILE that this database does not have yet (by nonce), "
        "and the walk-ins registered on the other copy. Merging is safe to repeat and in any "
        "order; people admitted at two desks are listed as conflicts.",
    )
    merge.add_argument("file", metavar="FILE", type=Path)
    merge.add_argument("--json", action="store_true", help="print the summary as JSON")
    merge.set_defaults(handler=cmd_merge)


def _desk(args: argparse.Namespace) -> str:
    return (args.desk or "").strip() or default_desk()


def cmd_scan(ctx: Context, args: argparse.Namespace) -> int:
    from budapest_desk.core import desk, events
    from budapest_desk.core.desk import Result

    if args.stdin == bool(args.code):
        return _usage("scan", "give either CODE or --stdin")
    db = ctx.database()
    with db.transaction() as session:
        event = events.find_event(session, args.event)
    where = _desk(args)

    def one(db: Database, typed: str) -> desk.ScanResult:
        with db.transaction() as session:
            if args.check_out:
                return desk.check_out(session, event.id, typed, desk=where)
            return desk.scan(session, event.id, typed, desk=where, force=args.force)

    if args.stdin:
        with db.held() as held:
            for line in sys.stdin:
                if line.strip():
                    print_json(one(held, line).as_json())
                    sys.stdout.flush()
        return 0
    result = one(db, args.code)
    if args.json:
        print_json(result.as_json())
    else:
        print(result.message)
        if result.attention:
            print(f"ATTENTION: {result.attention}")
    admitted = result.result in (Result.CHECKED_IN, Result.CHECKED_OUT)
    return 0 if admitted else NOT_ADMITTED


def _usage(action: str, problem: str) -> int:
    print(f"budapest-desk checkin {action}: error: {problem}", file=sys.stderr)
    return 2


def cmd_search(ctx: Context, args: argparse.Namespace) -> int:
    from budapest_desk.core import codes, desk_search, events, registrations
    from budapest_desk.core.delegations import delegation_of, heading

    with ctx.database().transaction() as session:
        event = events.find_event(session, args.event)
        found = desk_search.search(session, event.id, args.query)
        rows = registrations.registration_rows(session, found.ids)

    def delegation(r: registrations.RegistrationRow) -> str:
        kind, key = delegation_of(r.delegation_country, r.delegation_organisation)
        return heading(kind, key, {r.delegation_organisation: 1}, "")

    if args.json:
        print_json({
            "query": args.query,
            "more": found.more,
            "matches": [
                {"code": r.checkin_code, "name": r.full_name, "status": r.status.value,
                 "delegation": delegation(r), "category": r.category,
                 "checked_in": r.checked_in, "desk": r.checked_in_desk or None,
                 "at": r.checked_in_at.isoformat() if r.checked_in_at else None}
                for r in rows
            ],
        })  # fmt: skip
        return 0
    if not rows:
        print(f"Nobody at {event.title} matches {args.query!r}.")
        return 0
    table = [
        [codes.display(r.checkin_code), r.full_name, r.status.value, delegation(r), r.category,
         f"{r.checked_in_desk} {r.checked_in_at:%H:%M}" if r.checked_in and r.checked_in_at else ""]
        for r in rows
    ]  # fmt: skip
    print_table(["Code", "Name", "Status", "Delegation", "Category", "Checked in"], table)
    if found.more:
        print("More people match: type more of the name.")
    return 0


def cmd_undo(ctx: Context, args: argparse.Namespace) -> int:
    from budapest_desk.core import codes, desk, events
    from budapest_desk.core.checkin import Outcome
    from budapest_desk.core.errors import UserError

    code = codes.canonical(args.code)
    with ctx.database().transaction() as session:
        event = events.find_event(session, args.event)
        result = desk.undo(session, event.id, desk=_desk(args), typed=args.code)
    if result.outcome == Outcome.MISSING:
        raise UserError(f"No registration for {event.title} has the code {args.code!r}.")
    done = result.outcome == Outcome.UNDONE
    message = (
        f"Took back the check-in of {result.name}."
        if done
        else f"{result.name} has no check-in to take back."
    )
    if args.json:
        print_json({"code": code, "name": result.name, "result": result.outcome.value})
    else:
        print(message)
    return 0 if done else NOT_ADMITTED


def cmd_stats(ctx: Context, args: argparse.Namespace) -> int:
    from budapest_desk.core import desk_stats, events

    with ctx.database().transaction() as session:
        event = events.find_event(session, args.event)
        stats = desk_stats.desk_stats(session, event.id)
    if args.json:
        print_json({"event": event.title, **stats.as_json()})
        return 0
    print(f"{event.title}: {stats.checked_in} checked in of {stats.expected} expected")
    for title, groups in (("Category", stats.by_category), ("Country", stats.by_country)):
        print()
        rows = [[g.label, str(g.checked_in), str(g.expected)] for g in groups]
        print_table([title, "Checked in", "Expected"], rows)
    return 0


def cmd_export(ctx: Context, args: argparse.Namespace) -> int:
    from budapest_desk.core import events, journal_files

    with ctx.database().transaction() as session:
        event = events.find_event(session, args.event)
        summary = journal_files.export_journal(session, event.id, args.output)
    print(
        f"Wrote {_n(summary.entries, 'journal entry', 'journal entries')} and "
        f"{_n(summary.walk_ins, 'walk-in', 'walk-ins')} of {event.title} to {args.output}"
    )
    return 0


def _n(count: int, one: str, many: str) -> str:
    return f"{count} {one if count == 1 else many}"


def cmd_merge(ctx: Context, args: argparse.Namespace) -> int:
    from budapest_desk.core import journal_files

    with ctx.database().transaction() as session:
        summary = journal_files.merge_journal(session, args.file)
    if args.json:
        print_json(journal_files.summary_json(summary))
        return 0
    print(
        f"Merged {args.file}: {_n(summary.added, 'entry', 'entries')} added, "
        f"{summary.already_present} already present, "
        f"{_n(summary.walk_ins_added, 'walk-in', 'walk-ins')} added, "
        f"{_n(len(summary.conflicts), 'person', 'people')} admitted twice."
    )
    for conflict in summary.conflicts:
        print(f"  {journal_files.describe_conflict(conflict)}")
    if summary.unknown_codes:
        print(
            f"  {len(summary.unknown_codes)} entries name codes this database does not have "
            f"(skipped): {', '.join(summary.unknown_codes[:10])}"
        )
    return 0
