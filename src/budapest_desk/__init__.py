"""Budapest Desk: the offline-first desk of a migration dialogue's secretariat."""

# The single source of the version (pyproject.toml reads it); a constant rather than
# importlib.metadata, which costs ~70 ms at start-up.
__version__ = "0.1.0"

APP_NAME = "Budapest Desk"
