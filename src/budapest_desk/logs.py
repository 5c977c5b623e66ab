"""The log file (in the user data folder): bugs are written there with their traceback, for the
window and the command line alike. No Qt here."""

from __future__ import annotations

import logging
from logging.handlers import RotatingFileHandler

from budapest_desk import paths

LOGGER = "budapest_desk"


def setup_logging(debug: bool = False) -> None:
    """Log to the log file (and to stderr with --debug); never print a traceback otherwise."""
    root = logging.getLogger(LOGGER)
    if root.handlers:
        return
    root.setLevel(logging.DEBUG if debug else logging.INFO)
    root.propagate = False
    handler: logging.Handler
    try:
        paths.log_file().parent.mkdir(parents=True, exist_ok=True)
        handler = RotatingFileHandler(
            paths.log_file(), maxBytes=2_000_000, backupCount=3, encoding="utf-8"
        )
    except OSError:  # nowhere to write: keep quiet rather than spill tracebacks on stderr
        handler = logging.NullHandler()
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root.addHandler(handler)
    if debug:
        root.addHandler(logging.StreamHandler())
