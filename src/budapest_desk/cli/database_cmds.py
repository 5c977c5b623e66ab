"""init, demo, check, backup, restore."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from budapest_desk.cli.common import Context, print_json

# Commands import core/ when they run, so that `budapest-desk` without a command (the window)
# does not load the database layer before the window is shown.


def register(commands: Any, common: argparse.ArgumentParser) -> None:
    init = commands.add_parser(
        "init", parents=[common], help="create or upgrade the database and say where it is"
    )
    init.add_argument("--json", action="store_true", help="print the result as JSON")
    init.set_defaults(handler=cmd_init)

    demo_cmd = commands.add_parser("demo", parents=[common], help="load the demo data")
    demo_cmd.add_argument("--json", action="store_true", help="print the counts as JSON")
    demo_cmd.set_defaults(handler=cmd_demo)

    check = commands.add_parser(
        "check", parents=[common], help="check the database's integrity and schema"
    )
    check.add_argument("--json", action="store_true", help="print the result as JSON")
    check.set_defaults(handler=cmd_check)

    backup = commands.add_parser(
        "backup", parents=[common], help="write a consistent copy of the database to a file"
    )
    backup.add_argument("-o", "--output", required=True, type=Path, metavar="FILE")
    backup.set_defaults(handler=cmd_backup)

    restore = commands.add_parser(
        "restore",
        parents=[common],
        help="replace the database's content with a backup (the current content is saved first)",
    )
    restore.add_argument("file", type=Path, metavar="FILE")
    restore.set_defaults(handler=cmd_restore)


def cmd_init(ctx: Context, args: argparse.Namespace) -> int:
    db = ctx.database(create=True)
    opened = db.opened
    result = {
        "database": db.location,
        "revision": opened.revision,
        "created": opened.created,
        "upgraded_from": opened.upgraded_from,
        "backup": str(opened.backup) if opened.backup else None,
    }
    if args.json:
        print_json(result)
        return 0
    print(f"Database: {db.location}")
    state = (
        "created"
        if opened.created
        else f"upgraded from {opened.upgraded_from}; backup at {opened.backup}"
        if opened.upgraded_from
        else "up to date"
    )
    print(f"Schema revision: {opened.revision} ({state})")
    return 0


def cmd_demo(ctx: Context, args: argparse.Namespace) -> int:
    from budapest_desk.core import demo

    db = ctx.database()
    with db.transaction() as session:
        summary = demo.load_demo(session, db.library_dir())
    if args.json:
        print_json(
            {
                "events": summary.events,
                "registrations": summary.registrations,
                "news": summary.news,
                "subscribers": summary.subscribers,
                "documents": summary.documents,
            }
        )
    else:
        print(f"Demo data loaded into {db.location}: {summary}.")
    return 0


def cmd_check(ctx: Context, args: argparse.Namespace) -> int:
    from budapest_desk.core import maintenance

    db = ctx.database(create=False, migrate=False)  # check it as it is: never upgrade it
    problems = maintenance.check_database(db)
    if args.json:
        print_json({"database": db.location, "ok": not problems, "problems": problems})
    elif problems:
        print(f"{db.location}: {len(problems)} problem(s) found:")
        for problem in problems:
            print(f"  - {problem}")
    else:
        print(f"{db.location}: the database is sound.")
    return 0 if not problems else 1


def cmd_backup(ctx: Context, args: argparse.Namespace) -> int:
    from budapest_desk.core import maintenance

    db = ctx.database(create=False)
    path = maintenance.backup(db, args.output)
    print(f"Backup of {db.location} written to {path}")
    return 0


def cmd_restore(ctx: Context, args: argparse.Namespace) -> int:
    from budapest_desk.core import maintenance

    db = ctx.database(create=True)
    safety = maintenance.restore(db, args.file)
    print(f"Restored {db.location} from {args.file}; its previous content was saved to {safety}")
    return 0
