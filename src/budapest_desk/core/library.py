"""The document library: documents with versions, each file stored once by SHA-256."""

from __future__ import annotations

import datetime as dt
import hashlib
import mimetypes
import os
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from budapest_desk.core.errors import UserError
from budapest_desk.core.records import get_or_raise, require_text
from budapest_desk.core.text import clean
from budapest_desk.db.enums import AccessLevel, DocumentKind
from budapest_desk.db.models import Document, DocumentVersion, Event

CHUNK = 1 << 20


@dataclass(frozen=True)
class DocumentInput:
    title: str
    kind: DocumentKind = DocumentKind.OTHER
    description: str = ""
    language: str = "en"
    access_level: AccessLevel = AccessLevel.INTERNAL
    event_id: int | None = None
    tags: tuple[str, ...] = ()


@dataclass(frozen=True)
class DocumentRow:
    id: int
    title: str
    kind: DocumentKind
    description: str
    language: str
    access_level: AccessLevel
    event_id: int | None
    event_title: str
    tags: tuple[str, ...]
    versions: int
    latest_filename: str
    latest_size: int
    updated_at: dt.datetime

    def to_input(self) -> DocumentInput:
        return DocumentInput(
            title=self.title,
            kind=self.kind,
            description=self.description,
            language=self.language,
            access_level=self.access_level,
            event_id=self.event_id,
            tags=self.tags,
        )


def _row(doc: Document) -> DocumentRow:
    latest = doc.versions[-1] if doc.versions else None
    return DocumentRow(
        id=doc.id,
        title=doc.title,
        kind=doc.kind,
        description=doc.description,
        language=doc.language,
        access_level=doc.access_level,
        event_id=doc.event_id,
        event_title=doc.event.title if doc.event else "",
        tags=tuple(doc.tags or ()),
        versions=len(doc.versions),
        latest_filename=latest.filename if latest else "",
        latest_size=latest.size if latest else 0,
        updated_at=doc.updated_at,
    )


def _apply(session: Session, doc: Document, data: DocumentInput) -> None:
    doc.title = require_text(clean(data.title), "Title", field="title", max_length=300)
    doc.kind = DocumentKind(data.kind)
    doc.description = data.description.strip()
    doc.language = clean(data.language)[:8] or "en"
    doc.access_level = AccessLevel(data.access_level)
    if data.event_id is not None:
        get_or_raise(session, Event, data.event_id, "event")
    doc.event_id = data.event_id
    doc.tags = sorted({clean(t) for t in data.tags if clean(t)})


def list_documents(session: Session) -> list[DocumentRow]:
    stmt = select(Document).order_by(Document.updated_at.desc(), Document.id.desc())
    return [_row(d) for d in session.scalars(stmt)]


def get_document(session: Session, document_id: int) -> DocumentRow:
    return _row(get_or_raise(session, Document, document_id, "document"))


def create_document(session: Session, data: DocumentInput) -> DocumentRow:
    doc = Document()
    _apply(session, doc, data)
    session.add(doc)
    session.flush()
    return _row(doc)


def update_document(session: Session, document_id: int, data: DocumentInput) -> DocumentRow:
    doc = get_or_raise(session, Document, document_id, "document")
    _apply(session, doc, data)
    session.flush()
    return _row(doc)


def delete_document(session: Session, document_id: int) -> None:
    """Delete a document and its versions. Stored files stay: another version may share one."""
    session.delete(get_or_raise(session, Document, document_id, "document"))
    session.flush()


def blob_path(library_dir: Path, sha256: str) -> Path:
    return library_dir / sha256[:2] / sha256


def store_file(library_dir: Path, source: Path) -> tuple[str, int]:
    """Copy a file into the library under its SHA-256 (once), returning (sha256, size)."""
    try:
        library_dir.mkdir(parents=True, exist_ok=True)
        digest = hashlib.sha256()
        fd, tmp_name = tempfile.mkstemp(prefix=".incoming-", dir=library_dir)
        size = 0
        with os.fdopen(fd, "wb") as out, source.open("rb") as src:
            while chunk := src.read(CHUNK):
                digest.update(chunk)
                out.write(chunk)
                size += len(chunk)
        sha = digest.hexdigest()
        target = blob_path(library_dir, sha)
        if target.exists():
            os.unlink(tmp_name)
        else:
            target.parent.mkdir(exist_ok=True)
            shutil.move(tmp_name, target)
    except FileNotFoundError:
        raise UserError(f"{source} does not exist (any more).") from None
    except IsADirectoryError:
        raise UserError(f"{source} is a folder: choose a file.") from None
    except OSError as exc:
        raise UserError(f"Cannot add {source.name} to the library: {exc.strerror}.") from None
    return sha, size


def add_version(
    session: Session, library_dir: Path, document_id: int, source: Path, note: str = ""
) -> DocumentRow:
    """Store a file and record it as the document's next version."""
    doc = get_or_raise(session, Document, document_id, "document")
    sha, size = store_file(library_dir, source)
    number = (
        session.scalar(
            select(func.max(DocumentVersion.number)).where(
                DocumentVersion.document_id == document_id
            )
        )
        or 0
    ) + 1
    media_type = mimetypes.guess_type(source.name)[0] or "application/octet-stream"
    doc.versions.append(
        DocumentVersion(
            number=number,
            filename=source.name[:255],
            sha256=sha,
            size=size,
            media_type=media_type,
            note=note.strip(),
        )
    )
    session.flush()
    return _row(doc)


def copy_latest_version(
    session: Session, library_dir: Path, document_id: int, target_dir: Path
) -> Path:
    """Copy the document's latest file out of the library, under the name it was added with
    (for opening it in another program). Returns the copy's path."""
    doc = get_or_raise(session, Document, document_id, "document")
    if not doc.versions:
        raise UserError(f"“{doc.title}” has no file yet: add one first.")
    latest = doc.versions[-1]
    source = blob_path(library_dir, latest.sha256)
    if not source.is_file():
        raise UserError(
            f"The stored file of {latest.filename} is missing from the library folder "
            f"{library_dir}: restore that folder from a backup, or add the file again."
        )
    try:
        target_dir.mkdir(parents=True, exist_ok=True)
        target = target_dir / (Path(latest.filename).name or latest.sha256)
        shutil.copyfile(source, target)
    except OSError as exc:
        raise UserError(f"Cannot copy {latest.filename} to {target_dir}: {exc.strerror}.") from None
    return target
