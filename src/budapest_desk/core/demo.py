"""Demo data (being written)."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from budapest_desk.db.models import Document, Event, NewsItem, Subscriber


def is_empty(session: Session) -> bool:
    """True when the database holds no events, news, subscribers or documents."""
    return all(
        session.scalar(select(model.id).limit(1)) is None
        for model in (Event, NewsItem, Subscriber, Document)
    )


def load_demo(session: Session, library_dir: Path | None = None) -> str:
    raise NotImplementedError
