"""Small helpers shared by the use-case modules."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import TypeVar

from sqlalchemy.orm import Session

from budapest_desk.core.errors import NotFoundError, UserError
from budapest_desk.db.base import Base

M = TypeVar("M", bound=Base)
V = TypeVar("V")

IN_LIST = 500  # values per IN (...) query: far below every backend's limit on parameters


def chunks(values: Sequence[V], size: int = IN_LIST) -> Iterator[Sequence[V]]:
    """`values` in slices of `size`, for one IN (...) query each."""
    for start in range(0, len(values), size):
        yield values[start : start + size]


def get_or_raise(session: Session, model: type[M], record_id: int, what: str) -> M:
    row = session.get(model, record_id)
    if row is None:
        raise NotFoundError(f"This {what} no longer exists (it may have been deleted elsewhere).")
    return row


def require_text(value: str, label: str, *, field: str, max_length: int) -> str:
    if not value:
        raise UserError(f"{label} is required.", field=field)
    if len(value) > max_length:
        raise UserError(
            f"{label} is too long ({len(value)} characters; at most {max_length}).", field=field
        )
    return value


def limit_text(value: str, label: str, *, field: str, max_length: int) -> str:
    if len(value) > max_length:
        raise UserError(
            f"{label} is too long ({len(value)} characters; at most {max_length}).", field=field
        )
    return value
