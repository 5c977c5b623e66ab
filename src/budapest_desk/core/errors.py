"""The two kinds of error: UserError for the user (safe message, says what to do), and
everything else, which is a bug."""

from __future__ import annotations


class UserError(Exception):
    """Something the user can fix. The message is shown as it is, so it must be safe and say
    what is wrong and what to do."""

    def __init__(self, message: str, *, field: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.field = field  # the input field at fault, where there is one

    def __str__(self) -> str:
        return self.message


class NotFoundError(UserError):
    """The record asked for does not exist (any more)."""


class Cancelled(Exception):
    """Long work was cancelled by the user; the transaction is rolled back."""
