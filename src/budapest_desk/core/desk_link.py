"""A desk's link to the venue server, with a local copy to fall back on when the server stops
answering (issue 5, "several desks on one network").

While the server answers, every desk action runs there, and now and then (`sync`) the desk
refreshes a SQLite copy of the server's database in its data folder. When the server does not
answer, the action runs at once on that copy instead and the link says it is offline; the
check-ins made meanwhile stay in the copy's journal, each with the nonce made at the desk. When
the server answers again, `sync` uploads the copy's journal to it (core.journal_files: a union
by nonce, so nothing is added twice, however often it runs) with the walk-ins registered
offline, lists the people admitted twice (the conflicts), and only then takes a fresh copy.

No Qt here: the Check-in tab drives a link from its worker thread."""

from __future__ import annotations

import hashlib
import os
import tempfile
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Generic, TypeVar

from sqlalchemy import text
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session

from budapest_desk import paths
from budapest_desk.core import journal_files, maintenance
from budapest_desk.core.database import Database, server_lost
from budapest_desk.core.errors import UserError
from budapest_desk.core.journal_files import MergeSummary

T = TypeVar("T")


def copy_path(server: Database) -> Path:
    """Where the desk keeps its copy of this server's database."""
    digest = hashlib.sha256(server.location.encode()).hexdigest()[:16]
    return paths.data_dir() / "desk-copies" / f"server-{digest}.db"


@dataclass
class Answer(Generic[T]):
    value: T
    online: bool  # False: the server did not answer and the copy answered instead


@dataclass
class DeskLink:
    server: Database
    local_path: Path
    online: bool = True
    queued: int = 0  # actions that wrote to the copy since the last upload
    _local: Database | None = field(default=None, init=False, repr=False)
    # A copy left by an earlier run may hold offline work: the first sync uploads it anyway.
    _uploaded: bool = field(default=False, init=False, repr=False)

    @classmethod
    def for_server(cls, server: Database) -> DeskLink:
        return cls(server, copy_path(server))

    @property
    def has_copy(self) -> bool:
        return self.local_path.exists()

    def local(self) -> Database:
        if self._local is None:
            if not self.has_copy:
                raise UserError(
                    f"The database server {self.server.location} does not answer, and this "
                    "desk has no copy of it yet (one is taken while the server answers). Check "
                    "the network and the server, then try again."
                )
            self._local = Database.open(str(self.local_path))
        return self._local

    def run(self, action: Callable[[Session], T], *, writes: bool = True) -> Answer[T]:
        """Run one desk action, as one transaction, on the server if it answers, else on the
        copy (`writes`: it records something, to be uploaded; reads are not counted). Only a
        lost server falls back: any other error is raised as it is."""
        if self.online:
            try:
                return Answer(self._on(self.server, action), True)
            except DBAPIError as exc:
                if not server_lost(exc):
                    raise
                self.online = False
        answer = Answer(self._on(self.local(), action), False)
        self.queued += writes
        return answer

    @staticmethod
    def _on(db: Database, action: Callable[[Session], T]) -> T:
        with db.transaction(lost_server_raises=True) as session:
            return action(session)

    def sync(self, event_id: int) -> MergeSummary | None:
        """`upload`, then take a fresh copy and install it, in one go (the CLI-style use; the
        Check-in tab takes the copy on a thread of its own, see ui/ops.py)."""
        summary = self.upload(event_id)
        try:
            fresh = self.take_copy()
        except DBAPIError as exc:
            raise self._lost(exc) from None
        self.install_copy(fresh)
        return summary

    def upload(self, event_id: int) -> MergeSummary | None:
        """Upload what the copy holds of the event to the server (union by nonce), when the
        copy may hold work the server lacks. Raises UserError when the server does not answer:
        the link stays offline and the copy keeps everything."""
        summary = None
        try:
            if self.has_copy and (self.queued or not self._uploaded):
                summary = self._upload(event_id)
                self._uploaded = True
            else:  # nothing to upload: is the server there at all?
                with self.server.transaction(lost_server_raises=True) as session:
                    session.execute(text("SELECT 1"))
        except DBAPIError as exc:
            raise self._lost(exc) from None
        self.online = True
        self.queued = 0
        return summary

    def _lost(self, exc: DBAPIError) -> Exception:
        if not server_lost(exc):
            return exc
        self.online = False
        return UserError(
            f"The database server {self.server.location} still does not answer; this desk "
            "keeps working on its copy."
        )

    def _upload(self, event_id: int) -> MergeSummary:
        with tempfile.TemporaryDirectory(prefix="desk-upload-") as tmp:
            path = Path(tmp) / "journal.json"
            with self.local().transaction() as session:
                journal_files.export_journal(session, event_id, path)
            with self.server.transaction(lost_server_raises=True) as session:
                return journal_files.merge_journal(session, path)

    def take_copy(self) -> Path:
        """A fresh copy of the server's database in a new file beside the copy (one snapshot;
        a minute at 100,000 people). Reads the server only: safe on any thread."""
        self.local_path.parent.mkdir(parents=True, exist_ok=True)
        fresh = self.local_path.with_name(f"{self.local_path.stem}-{uuid.uuid4().hex[:8]}.new")
        try:
            maintenance.backup(self.server, fresh)
        except BaseException:
            fresh.unlink(missing_ok=True)
            raise
        return fresh

    def install_copy(self, fresh: Path) -> bool:
        """Put a copy from `take_copy` in place of the old one, unless the desk has worked on
        the old one since it last uploaded (the fresh copy lacks that work): then it is
        dropped, and the next sync uploads first."""
        if not self.online or self.queued:
            fresh.unlink(missing_ok=True)
            return False
        self.close_copy()
        os.replace(fresh, self.local_path)
        return True

    def close_copy(self) -> None:
        if self._local is not None:
            self._local.close()
            self._local = None

    def close(self) -> None:
        self.close_copy()
