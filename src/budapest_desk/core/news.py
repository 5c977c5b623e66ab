"""News items for the "News & Events" page; every save keeps a revision."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from budapest_desk.core.records import get_or_raise, limit_text, require_text
from budapest_desk.core.text import clean
from budapest_desk.db.enums import NewsStatus
from budapest_desk.db.models import Event, NewsItem, NewsRevision


@dataclass(frozen=True)
class NewsInput:
    title: str
    dateline_place: str = ""
    dateline_date: dt.date | None = None
    summary: str = ""
    body: str = ""
    status: NewsStatus = NewsStatus.DRAFT
    language: str = "en"
    tags: tuple[str, ...] = ()
    event_ids: tuple[int, ...] = ()


@dataclass(frozen=True)
class NewsRow:
    id: int
    title: str
    dateline_place: str
    dateline_date: dt.date | None
    summary: str
    body: str
    status: NewsStatus
    language: str
    tags: tuple[str, ...]
    event_ids: tuple[int, ...]
    revisions: int
    updated_at: dt.datetime

    @property
    def dateline(self) -> str:
        date = f"{self.dateline_date.day} {self.dateline_date:%B %Y}" if self.dateline_date else ""
        return ", ".join(p for p in (self.dateline_place, date) if p)

    def to_input(self) -> NewsInput:
        return NewsInput(
            title=self.title,
            dateline_place=self.dateline_place,
            dateline_date=self.dateline_date,
            summary=self.summary,
            body=self.body,
            status=self.status,
            language=self.language,
            tags=self.tags,
            event_ids=self.event_ids,
        )


def _row(item: NewsItem, revisions: int) -> NewsRow:
    return NewsRow(
        id=item.id,
        title=item.title,
        dateline_place=item.dateline_place,
        dateline_date=item.dateline_date,
        summary=item.summary,
        body=item.body,
        status=item.status,
        language=item.language,
        tags=tuple(item.tags or ()),
        event_ids=tuple(sorted(e.id for e in item.events)),
        revisions=revisions,
        updated_at=item.updated_at,
    )


def _apply(session: Session, item: NewsItem, data: NewsInput) -> None:
    item.title = require_text(clean(data.title), "Title", field="title", max_length=300)
    item.dateline_place = limit_text(
        clean(data.dateline_place), "Dateline place", field="dateline_place", max_length=120
    )
    item.dateline_date = data.dateline_date
    item.summary = data.summary.strip()
    item.body = data.body.strip()
    item.status = NewsStatus(data.status)
    item.language = clean(data.language)[:8] or "en"
    item.tags = sorted({clean(t) for t in data.tags if clean(t)})
    item.events = [get_or_raise(session, Event, eid, "event") for eid in data.event_ids]


def _add_revision(session: Session, item: NewsItem) -> None:
    number = (
        session.scalar(
            select(func.max(NewsRevision.number)).where(NewsRevision.news_item_id == item.id)
        )
        or 0
    ) + 1
    session.add(
        NewsRevision(
            news_item_id=item.id,
            number=number,
            title=item.title,
            summary=item.summary,
            body=item.body,
        )
    )


def _revision_count(session: Session, item_id: int) -> int:
    stmt = select(func.count()).where(NewsRevision.news_item_id == item_id)
    return int(session.scalar(stmt) or 0)


def list_news(session: Session) -> list[NewsRow]:
    by_item = select(NewsRevision.news_item_id, func.count()).group_by(NewsRevision.news_item_id)
    counts = {item_id: int(n) for item_id, n in session.execute(by_item)}
    stmt = select(NewsItem).order_by(
        NewsItem.dateline_date.desc().nulls_first(), NewsItem.id.desc()
    )
    return [_row(item, counts.get(item.id, 0)) for item in session.scalars(stmt)]


def get_news(session: Session, item_id: int) -> NewsRow:
    item = get_or_raise(session, NewsItem, item_id, "news item")
    return _row(item, _revision_count(session, item.id))


def create_news(session: Session, data: NewsInput) -> NewsRow:
    item = NewsItem()
    _apply(session, item, data)
    session.add(item)
    session.flush()
    _add_revision(session, item)
    session.flush()
    return get_news(session, item.id)


def update_news(session: Session, item_id: int, data: NewsInput) -> NewsRow:
    item = get_or_raise(session, NewsItem, item_id, "news item")
    _apply(session, item, data)
    session.flush()
    _add_revision(session, item)
    session.flush()
    return get_news(session, item.id)


def delete_news(session: Session, item_id: int) -> None:
    session.delete(get_or_raise(session, NewsItem, item_id, "news item"))
    session.flush()
