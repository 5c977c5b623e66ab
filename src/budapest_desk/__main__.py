"""Entry point of `budapest-desk` and `python -m budapest_desk`."""

from __future__ import annotations

import time

_STARTED = time.perf_counter()  # before any heavy import: the start of `gui --smoke` timings


def _run_gui(target: str | None, *, smoke: bool, as_json: bool, debug: bool) -> int:
    from budapest_desk.app import run_gui

    return run_gui(target, smoke=smoke, as_json=as_json, debug=debug, started=_STARTED)


def main(argv: list[str] | None = None) -> int:
    from budapest_desk.cli import main as cli_main

    return cli_main(argv, run_gui=_run_gui)


if __name__ == "__main__":
    raise SystemExit(main())
