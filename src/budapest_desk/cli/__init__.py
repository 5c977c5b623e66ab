"""The command line, `budapest-desk`: a thin shell over core/ and exporters/.

A user error is one line on stderr and exit 1; bad usage exits 2 (argparse); a bug is logged
with its traceback and reported in one line, with the traceback only under --debug.
"""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Callable, Sequence

from budapest_desk import __version__, paths
from budapest_desk.cli import (
    checkin_cmds,
    database_cmds,
    event_cmds,
    output_cmds,
    roster_cmds,
)
from budapest_desk.cli.common import Context, GuiRunner
from budapest_desk.core.errors import UserError
from budapest_desk.logs import setup_logging

log = logging.getLogger("budapest_desk")

PROG = "budapest-desk"
DESCRIPTION = (
    "Budapest Desk: news, events, registration, check-in, subscribers and documents for the "
    "secretariat of a migration dialogue. Without a command, opens the window."
)
EPILOG = (
    "The database is --db, else $BUDAPEST_DESK_DB, else budapest-desk.db in the user data "
    "folder. It can be a file path or a postgresql+psycopg://user@host/database URL."
)


def _global_options(parser: argparse.ArgumentParser, *, top: bool) -> None:
    default = None if top else argparse.SUPPRESS
    parser.add_argument(
        "--db", metavar="PATH_OR_URL", default=default, help="the database file or URL to use"
    )
    parser.add_argument(
        "--debug",
        action="store_true",
        default=False if top else argparse.SUPPRESS,
        help="show tracebacks and debug logging",
    )


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog=PROG, description=DESCRIPTION, epilog=EPILOG)
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    _global_options(parser, top=True)
    common = argparse.ArgumentParser(add_help=False)
    _global_options(common, top=False)
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    gui = commands.add_parser(
        "gui", parents=[common], help="open the window (the default without a command)"
    )
    gui.add_argument(
        "--smoke",
        action="store_true",
        help="open the window offscreen, show every tab once, and exit",
    )
    gui.add_argument("--json", action="store_true", help="with --smoke: print timings as JSON")
    gui.set_defaults(handler=None)
    database_cmds.register(commands, common)
    event_cmds.register(commands, common)
    roster_cmds.register(commands, common)
    output_cmds.register(commands, common)
    checkin_cmds.register(commands, common)
    return parser


def main(argv: Sequence[str] | None = None, *, run_gui: GuiRunner | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    setup_logging(args.debug)
    ctx = Context(db_target=args.db, debug=args.debug)
    handler: Callable[[Context, argparse.Namespace], int] | None = getattr(args, "handler", None)
    try:
        if handler is None:  # no command, or `gui`
            if run_gui is None:
                raise UserError("This build has no window; use a command (see --help).")
            return run_gui(
                args.db,
                smoke=getattr(args, "smoke", False),
                as_json=getattr(args, "json", False),
                debug=args.debug,
            )
        return handler(ctx, args)
    except UserError as exc:
        print(f"{PROG}: {exc.message}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print(f"{PROG}: interrupted", file=sys.stderr)
        return 130
    except Exception as exc:
        if args.debug:
            raise
        log.error("command failed: %s", " ".join(sys.argv), exc_info=exc)
        # Only the kind of error here: its text may hold SQL and people's data.
        print(
            f"{PROG}: internal error ({type(exc).__name__}). This is a bug; the details are "
            f"in {paths.log_file()}, or run again with --debug to see them.",
            file=sys.stderr,
        )
        return 1
    finally:
        ctx.close()
