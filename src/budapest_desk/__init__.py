"""Budapest Desk: the offline-first desk of a migration dialogue's secretariat."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("budapest-desk")
except PackageNotFoundError:  # running from a source tree that is not installed
    __version__ = "0.0.0+source"

APP_NAME = "Budapest Desk"
