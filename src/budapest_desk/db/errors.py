"""Errors of the database layer whose message is safe to show a user (core turns them into
UserError)."""

from __future__ import annotations


class DatabaseOpenError(Exception):
    """The database cannot be opened or used as it is; the message says why and what to do."""
