"""Backups and restores on SQLite and PostgreSQL, through core.maintenance and db.backup."""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import sqlite3
import time
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import MetaData, func, select

from budapest_desk import paths
from budapest_desk.core import checkin, events, library, maintenance, news, registrations
from budapest_desk.core.database import Database
from budapest_desk.core.errors import UserError
from budapest_desk.core.people import PersonInput
from budapest_desk.core.subscribers import SubscriberInput, create_subscriber
from budapest_desk.db import models
from budapest_desk.db.backup import write_backup
from budapest_desk.db.engine import make_engine, resolve_url
from budapest_desk.db.enums import CheckinKind, DocumentKind, RegistrationStatus
from budapest_desk.db.errors import DatabaseOpenError
from budapest_desk.db.migrate import upgrade

DEVICE_TIME = dt.datetime(2026, 3, 3, 7, 59, 58, 123456, tzinfo=dt.UTC)
CONSENT_AT = dt.datetime(2025, 12, 31, 23, 0, 1, 5, tzinfo=dt.UTC)


def file_hash(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def fill(db: Database, library_dir: Path) -> None:
    """Some of everything, with non-Latin text, JSON tags and exact timestamps."""
    with db.transaction() as s:
        ev = events.create_event(
            s,
            events.EventInput(
                title="Министерская конференция — Будапештский процесс",
                start_date=dt.date(2026, 3, 3),
                end_date=dt.date(2026, 3, 4),
                city="Tbilisi",
                country="GE",
                capacity=120,
            ),
        )
        events.create_event(
            s, events.EventInput(title="Working group on return", start_date=dt.date(2026, 6, 1))
        )
        people = [
            PersonInput("Kovács", "Gyöngyvér", email="gy.kovacs@example.hu", country="HU"),
            PersonInput("ნინო", "ბერიძე", email="nino@example.ge", country="GE"),
            PersonInput("محمد", "رضایی", email="m.rezaei@example.org", organisation="IOM"),
        ]
        regs = [
            registrations.create_registration(
                s,
                ev.id,
                registrations.RegistrationInput(person=p, status=RegistrationStatus.CONFIRMED),
            )
            for p in people
        ]
        checkin.record(s, regs[0].id, CheckinKind.IN, desk="Desk Α", device_time=DEVICE_TIME)
        news.create_news(
            s,
            news.NewsInput(
                title="Έκθεση για τη μετανάστευση",
                tags=("migration", "Ελλάδα", "ქართული"),
                event_ids=(ev.id,),
            ),
        )
        create_subscriber(
            s,
            SubscriberInput("ana@example.ro", "Ana", "Popescu", "RO", consent_method="web form"),
            consent_at=CONSENT_AT,
        )
        doc = library.create_document(
            s, library.DocumentInput(title="Agenda", kind=DocumentKind.AGENDA, tags=("ბ", "a"))
        )
        source = library_dir.parent / "agenda.txt"
        source.write_text("Day 1: opening — Ünnepélyes megnyitó\n", encoding="utf-8")
        library.add_version(s, library_dir, doc.id, source)


def snapshot(db: Database) -> dict[str, Any]:
    """Every row of every table (ids, timestamps and all), as plain values."""
    meta = MetaData()
    with db.opened.engine.connect() as conn:
        meta.reflect(conn)
        tables = {}
        for table in meta.sorted_tables:
            if table.name == "alembic_version":
                continue
            rows = conn.execute(select(table).order_by(*table.primary_key.columns)).mappings()
            tables[table.name] = [{k: _plain(v) for k, v in row.items()} for row in rows]
    return tables


def _plain(value: object) -> object:
    # SQLite reads naive UTC datetimes, PostgreSQL aware ones: compare them as UTC instants.
    if isinstance(value, dt.datetime):
        return value.replace(tzinfo=dt.UTC) if value.tzinfo is None else value.astimezone(dt.UTC)
    return value


def orm_values(db: Database) -> dict[str, Any]:
    with db.transaction() as s:
        entry = s.scalars(select(models.CheckinEntry)).one()
        item = s.scalars(select(models.NewsItem)).one()
        sub = s.scalars(select(models.Subscriber)).one()
        return {
            "events": s.scalar(select(func.count()).select_from(models.Event)),
            "registrations": s.scalar(select(func.count()).select_from(models.Registration)),
            "names": sorted(s.scalars(select(models.Person.first_name))),
            "device_time": entry.device_time,
            "desk": entry.desk,
            "tags": item.tags,
            "title": item.title,
            "consent_at": sub.consent_at,
            "event_titles": sorted(s.scalars(select(models.Event.title))),
        }


def test_backup_and_restore_round_trip(database: Database, tmp_path: Path) -> None:
    fill(database, tmp_path / "library")
    before = snapshot(database)
    values = orm_values(database)
    assert values["device_time"] == DEVICE_TIME
    assert values["consent_at"] == CONSENT_AT
    assert values["tags"] == ["migration", "Ελλάδα", "ქართული"]

    copy = maintenance.backup(database, tmp_path / "backups" / "copy.db")
    assert copy == tmp_path / "backups" / "copy.db"
    copy_hash = file_hash(copy)

    with database.transaction() as s:  # change things after the backup
        first = events.list_events(s)[-1]
        events.delete_event(s, first.id)
        events.create_event(s, events.EventInput(title="Later", start_date=dt.date(2027, 1, 1)))
    assert snapshot(database) != before

    maintenance.restore(database, copy)
    assert snapshot(database) == before
    assert orm_values(database) == values
    assert file_hash(copy) == copy_hash  # the backup file is only read


def test_backup_is_one_self_contained_file(database: Database, tmp_path: Path) -> None:
    fill(database, tmp_path / "library")
    copy = maintenance.backup(database, tmp_path)  # a folder: a dated file in it
    assert copy.parent == tmp_path
    assert copy.name.startswith("budapest-desk-backup-")
    assert not Path(f"{copy}-wal").exists()
    with sqlite3.connect(f"{copy.as_uri()}?mode=ro", uri=True) as conn:
        assert conn.execute("PRAGMA journal_mode").fetchone() == ("delete",)
        assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        assert conn.execute("SELECT count(*) FROM registrations").fetchone() == (3,)
    conn.close()


def test_sqlite_backup_while_another_connection_is_writing(
    sqlite_database: Database, tmp_path: Path
) -> None:
    fill(sqlite_database, tmp_path / "library")
    before = snapshot(sqlite_database)
    other = make_engine(sqlite_database.url)
    try:
        with other.connect().execution_options(sqlite_begin="IMMEDIATE") as conn:
            writing = conn.begin()  # holds the write lock from here on
            conn.exec_driver_sql(
                "INSERT INTO categories (name, colour, sort_order) "
                "VALUES ('Uncommitted', '#000000', 1)"
            )
            conn.exec_driver_sql("DELETE FROM checkin_journal")
            started = time.monotonic()
            copy = maintenance.backup(sqlite_database, tmp_path / "during-write.db")
            assert time.monotonic() - started < 5  # did not wait for the writer
            writing.commit()
    finally:
        other.dispose()
    restored = Database.open(str(copy))
    try:
        assert maintenance.check_database(restored) == []
        assert snapshot(restored) == before  # the committed state, without the open write
    finally:
        restored.close()


def test_backup_path_with_uri_characters(tmp_path: Path) -> None:
    folder = tmp_path / "Conference #3 ?%41"
    folder.mkdir()
    db = Database.open(str(folder / "budapest-desk.db"))
    try:
        fill(db, tmp_path / "library")
        copy = maintenance.backup(db, tmp_path / "copy.db")
    finally:
        db.close()
    assert sorted(p.name for p in folder.iterdir()) == ["budapest-desk.db"]
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith("Conference")) == [
        folder.name
    ]
    with sqlite3.connect(copy) as conn:
        assert conn.execute("SELECT count(*) FROM registrations").fetchone() == (3,)
    conn.close()


def test_backup_refuses_to_overwrite_the_database_itself(sqlite_database: Database) -> None:
    path = Path(sqlite_database.location)
    with sqlite_database.transaction() as s:
        events.create_event(s, events.EventInput(title="Keep", start_date=dt.date(2026, 1, 1)))
    with pytest.raises(UserError, match="is the database itself"):
        maintenance.backup(sqlite_database, path)
    with sqlite_database.transaction() as s:
        assert [e.title for e in events.list_events(s)] == ["Keep"]


def test_backup_replaces_an_earlier_backup_but_no_other_file(
    sqlite_database: Database, tmp_path: Path
) -> None:
    earlier = maintenance.backup(sqlite_database, tmp_path / "backup.db")
    with sqlite_database.transaction() as s:
        events.create_event(s, events.EventInput(title="New", start_date=dt.date(2026, 1, 1)))
    assert maintenance.backup(sqlite_database, earlier) == earlier
    with sqlite3.connect(earlier) as conn:
        assert conn.execute("SELECT title FROM events").fetchall() == [("New",)]
    conn.close()

    others = {"notes.txt": b"minutes of the meeting\n", "report.pdf": b"%PDF-1.7\n"}
    for name, content in others.items():
        (tmp_path / name).write_bytes(content)
    _foreign_sqlite(tmp_path / "contacts.sqlite")
    for name in [*others, "contacts.sqlite"]:
        target = tmp_path / name
        before = file_hash(target)
        with pytest.raises(UserError, match="already exists and is not a Budapest Desk backup"):
            maintenance.backup(sqlite_database, target)
        assert file_hash(target) == before


def test_backup_into_an_unwritable_place_is_a_user_error(database: Database) -> None:
    with pytest.raises(UserError, match="Cannot write"):
        maintenance.backup(database, Path("/sys/backup.db"))
    with pytest.raises(DatabaseOpenError, match="Cannot write"):
        write_backup(database.opened.engine, Path("/sys/backup.db"))


@pytest.mark.postgres
def test_backup_of_postgres_is_a_sound_sqlite_database(pg_url: str, tmp_path: Path) -> None:
    db = Database.open(pg_url)
    try:
        fill(db, tmp_path / "library")
        before, values = snapshot(db), orm_values(db)
        copy = maintenance.backup(db, tmp_path / "server.db")
    finally:
        db.close()
    with copy.open("rb") as fh:
        assert fh.read(16) == b"SQLite format 3\x00"
    opened = Database.open(str(copy), create=False)
    try:
        assert opened.opened.upgraded_from is None
        assert maintenance.check_database(opened) == []
        assert snapshot(opened) == before
        assert orm_values(opened) == values
    finally:
        opened.close()


@pytest.mark.postgres
def test_restore_sqlite_backup_into_postgres_then_add_rows(
    sqlite_database: Database, pg_url: str, tmp_path: Path
) -> None:
    fill(sqlite_database, tmp_path / "library")
    before = snapshot(sqlite_database)
    copy = maintenance.backup(sqlite_database, tmp_path / "laptop.db")

    server = Database.open(pg_url)
    try:
        maintenance.restore(server, copy)
        assert snapshot(server) == before
        assert maintenance.check_database(server) == []
        # The id sequences moved past the restored rows: new rows get new ids.
        with server.transaction() as s:
            ev = events.create_event(
                s, events.EventInput(title="After restore", start_date=dt.date(2026, 9, 1))
            )
            reg = registrations.create_registration(
                s, ev.id, registrations.RegistrationInput(person=PersonInput("Νίκος", "Παππάς"))
            )
            checkin.record(s, reg.id, CheckinKind.IN)
        max_ids = {t: max(r["id"] for r in before[t]) for t in ("events", "registrations")}
        assert ev.id > max_ids["events"]
        assert reg.id > max_ids["registrations"]
    finally:
        server.close()


def _xlsx_like(path: Path) -> None:
    import zipfile

    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("xl/workbook.xml", "<workbook/>")


def _foreign_sqlite(path: Path) -> None:
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE t (x)")
    conn.close()


NOT_BACKUPS = {
    "notes.txt": lambda p: p.write_text("not a backup\n", encoding="utf-8"),
    "random.db": lambda p: p.write_bytes(os.urandom(4096)),
    "roster.xlsx": _xlsx_like,
    "garbage.db": lambda p: p.write_bytes(b"SQLite format 3\x00" + os.urandom(4096)),
    "other-app.sqlite": _foreign_sqlite,
    "empty.db": lambda p: p.write_bytes(b""),
}


def test_restore_refuses_a_file_that_is_not_a_backup(database: Database, tmp_path: Path) -> None:
    fill(database, tmp_path / "library")
    before = snapshot(database)
    incoming = tmp_path / "incoming"
    incoming.mkdir()
    for name, write in NOT_BACKUPS.items():
        write(incoming / name)
    hashes = {p.name: file_hash(p) for p in incoming.iterdir()}
    files = sorted(str(p) for p in tmp_path.rglob("*"))
    for name in NOT_BACKUPS:
        with pytest.raises(UserError, match="not a Budapest Desk database") as info:
            maintenance.restore(database, incoming / name)
        assert "Nothing was changed" in str(info.value)
    assert snapshot(database) == before
    assert {p.name: file_hash(p) for p in incoming.iterdir()} == hashes
    assert sorted(str(p) for p in tmp_path.rglob("*")) == files  # no safety backup either
    assert not (paths.data_dir() / "backups").exists()


def test_restore_refuses_a_backup_of_a_newer_version(database: Database, tmp_path: Path) -> None:
    fill(database, tmp_path / "library")
    copy = maintenance.backup(database, tmp_path / "future.db")
    with sqlite3.connect(copy) as conn:
        conn.execute("UPDATE alembic_version SET version_num = '9999_future'")
    conn.close()
    with database.transaction() as s:
        events.create_event(s, events.EventInput(title="Newer", start_date=dt.date(2027, 1, 1)))
    before, copy_hash = snapshot(database), file_hash(copy)
    files = sorted(p.name for p in tmp_path.rglob("*"))
    with pytest.raises(UserError, match="newer version") as info:
        maintenance.restore(database, copy)
    assert "Nothing was changed" in str(info.value)
    assert snapshot(database) == before
    assert file_hash(copy) == copy_hash
    assert sorted(p.name for p in tmp_path.rglob("*")) == files


def test_restore_writes_a_safety_backup_first(database: Database, tmp_path: Path) -> None:
    fill(database, tmp_path / "library")
    copy = maintenance.backup(database, tmp_path / "monday.db")
    with database.transaction() as s:
        events.create_event(s, events.EventInput(title="Tuesday", start_date=dt.date(2026, 3, 5)))
    tuesday = snapshot(database)

    safety = maintenance.restore(database, copy)

    assert safety.is_file()
    if database.is_sqlite:
        assert safety.parent == Path(database.location).parent
    else:
        assert safety.parent == paths.data_dir() / "backups"
    assert "Tuesday" not in [r["title"] for r in snapshot(database)["events"]]
    saved = Database.open(str(safety), create=False)
    try:
        assert snapshot(saved) == tuesday
    finally:
        saved.close()
    # Two restores within a second keep both safety backups.
    second = maintenance.restore(database, copy)
    assert second != safety
    assert safety.is_file()
    assert second.is_file()


def test_restore_upgrades_an_older_backup_on_a_copy(database: Database, tmp_path: Path) -> None:
    old = tmp_path / "old-backup.db"
    engine = make_engine(resolve_url(str(old)))
    try:
        upgrade(engine, "0001_initial")
        with engine.begin() as conn:
            conn.exec_driver_sql(
                "INSERT INTO events (title, kind, start_date, end_date, time_zone, venue, city,"
                " online, status, auto_promote, description, hosts) VALUES ('Алматы 2019',"
                " 'expert_meeting', '2019-05-05', '2019-05-06', 'Asia/Almaty', '', 'Almaty', 0,"
                " 'held', 0, '', '')"
            )
    finally:
        engine.dispose()
    old_hash = file_hash(old)

    maintenance.restore(database, old)

    assert file_hash(old) == old_hash
    with database.transaction() as s:
        assert [e.title for e in events.list_events(s)] == ["Алматы 2019"]
        assert len(registrations.list_categories(s)) == 7  # added by the upgrade
    assert maintenance.check_database(database) == []
