"""News: the list with dateline, status, language and revisions; create, edit, delete."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget
from sqlalchemy.orm import Session

from budapest_desk.core import news
from budapest_desk.core.news import NewsRow
from budapest_desk.ui.common.forms import FormDialog, label_of
from budapest_desk.ui.common.list_tab import ListTab
from budapest_desk.ui.common.table import Column
from budapest_desk.ui.news.editor import NewsEditor


def local_time(moment: dt.datetime) -> str:
    """A stored UTC time as the user's local time: '3 Jun 2020 14:05'."""
    local = moment.astimezone()
    return f"{local.day} {local:%b %Y %H:%M}"


class NewsTab(ListTab[NewsRow]):
    noun = "news item"
    plural = "news items"
    kinds = frozenset({"news"})
    sort_column = 1
    sort_order = Qt.SortOrder.DescendingOrder

    def columns(self) -> Sequence[Column[NewsRow]]:
        return [
            Column("Title", lambda r: r.title),
            Column(
                "Dateline",
                lambda r: r.dateline,
                sort_key=lambda r: (
                    (r.dateline_date.isoformat() if r.dateline_date else "")
                    + r.dateline_place.casefold()
                ),
            ),
            Column("Status", lambda r: label_of(r.status)),
            Column("Language", lambda r: r.language),
            Column(
                "Revisions",
                lambda r: str(r.revisions),
                sort_key=lambda r: r.revisions,
                align_right=True,
            ),
            Column(
                "Updated",
                lambda r: local_time(r.updated_at),
                sort_key=lambda r: r.updated_at.isoformat(),
            ),
        ]

    def load(self, session: Session) -> Sequence[NewsRow]:
        return news.list_news(session)

    def editor(self, row: NewsRow | None) -> FormDialog:
        return NewsEditor(self.ops, row, parent=self)

    def delete_op(self, row: NewsRow) -> Callable[[Session], Any]:
        return lambda s: news.delete_news(s, row.id)

    def describe(self, row: NewsRow) -> str:
        revisions = f" and its {row.revisions} revisions" if row.revisions > 1 else ""
        return f"the news item “{row.title}”{revisions}"


def make_tab(ops: Any, parent: QWidget | None = None) -> NewsTab:
    return NewsTab(ops, parent)
