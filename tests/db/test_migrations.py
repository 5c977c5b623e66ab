"""Opening databases: create, upgrade after a backup, or refuse and change nothing."""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import shutil
import sqlite3
import subprocess
import sys
import time
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.config import Config
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, MetaData, func, select, text

from budapest_desk import paths
from budapest_desk.core import events, maintenance, registrations
from budapest_desk.core.database import Database
from budapest_desk.core.errors import UserError
from budapest_desk.core.people import PersonInput
from budapest_desk.db import models
from budapest_desk.db.base import Base
from budapest_desk.db.engine import make_engine, resolve_url
from budapest_desk.db.errors import DatabaseOpenError
from budapest_desk.db.migrate import (
    HEAD_REVISION,
    MIGRATIONS_DIR,
    current_revision,
    known_revisions,
    open_database,
    upgrade,
)

DEFAULT_CATEGORIES = [
    "Head of delegation",
    "Delegate",
    "Observer",
    "Speaker",
    "Press",
    "Staff",
    "Interpreter",
]


def file_hash(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def listing(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


@pytest.fixture
def engine_at(db_target: str) -> Iterator[Engine]:
    """An engine on an empty database of each backend (nothing migrated yet)."""
    engine = make_engine(resolve_url(db_target))
    try:
        yield engine
    finally:
        engine.dispose()


def test_head_revision_is_alembic_single_head() -> None:
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    assert ScriptDirectory.from_config(cfg).get_heads() == [HEAD_REVISION]
    assert known_revisions()[-1] == HEAD_REVISION
    assert known_revisions()[0] == "0001_initial"


def test_upgrading_an_empty_database_gives_the_models_schema(engine_at: Engine) -> None:
    upgrade(engine_at)
    with engine_at.connect() as conn:
        assert current_revision(conn) == HEAD_REVISION
        context = MigrationContext.configure(conn, opts={"compare_type": True})
        assert compare_metadata(context, Base.metadata) == []
        reflected = MetaData()
        reflected.reflect(conn)
        names = set(reflected.tables) - {"alembic_version"}
    assert names == set(Base.metadata.tables)


def _fill_first_revision(engine: Engine) -> dict[str, int]:
    """Rows of every kind, written with Core on the 0001 schema (the ORM models are at head)."""
    now = dt.datetime(2026, 3, 2, 8, 30, tzinfo=dt.UTC)
    meta = MetaData()
    ids: dict[str, int] = {}
    with engine.begin() as conn:
        meta.reflect(conn)
        t = meta.tables

        def add(table: str, row: dict[str, object]) -> None:
            key = conn.execute(t[table].insert(), row).inserted_primary_key
            assert key is not None
            ids[table] = int(key[0])

        add(
            "events",
            {
                "title": "Budapest Process Senior Officials Meeting",
                "kind": "senior_officials_meeting",
                "start_date": dt.date(2026, 3, 3),
                "end_date": dt.date(2026, 3, 4),
                "time_zone": "Europe/Istanbul",
                "venue": "Çırağan",
                "city": "İstanbul",
                "country": "TR",
                "online": False,
                "status": "planned",
                "auto_promote": False,
                "description": "",
                "hosts": "Türkiye, Hungary",
            },
        )
        add(
            "people",
            {
                "title": "Ms",
                "first_name": "Гюльнара",
                "last_name": "Алиева",
                "badge_name": "",
                "name_latin": "Gulnara Alieva",
                "email": "G.Alieva@example.org",
                "email_key": "g.alieva@example.org",
                "phone": "+996 312 00 00 00",
                "organisation": "Ministry of Labour",
                "position": "",
                "country": "KG",
                "languages": "ru, ky",
                "notes": "",
                "search_key": "gulnara alieva",
            },
        )
        add(
            "registrations",
            {
                "event_id": ids["events"],
                "person_id": ids["people"],
                "status": "confirmed",
                "status_changed_at": now,
                "delegation_country": "KG",
                "delegation_organisation": "",
                "needs_attention": False,
                "attention_note": "",
                "list_consent": True,
                "checkin_code": "ABCDEFGH1",
                "source": "typed",
            },
        )
        add(
            "news_items",
            {
                "title": "Ministerial conference adopts the Istanbul Declaration",
                "dateline_place": "İstanbul",
                "summary": "",
                "body": "<p>Text</p>",
                "status": "published",
                "publish_at": now,
                "language": "en",
                "tags": ["ministerial", "Ελλάδα"],
            },
        )
        add(
            "subscribers",
            {
                "email": "ana@example.org",
                "email_key": "ana@example.org",
                "first_name": "Ana",
                "last_name": "Popescu",
                "country": "RO",
                "organisation": "",
                "language": "en",
                "lists": ["newsletter"],
                "status": "subscribed",
                "consent_at": now,
                "consent_method": "web form",
                "consent_text": "I agree.",
                "search_key": "ana popescu",
            },
        )
        add(
            "documents",
            {
                "title": "Agenda",
                "description": "",
                "kind": "agenda",
                "language": "en",
                "tags": [],
                "event_id": ids["events"],
                "access_level": "public",
            },
        )
        add(
            "document_versions",
            {
                "document_id": ids["documents"],
                "number": 1,
                "filename": "agenda.pdf",
                "sha256": "a" * 64,
                "size": 1234,
                "media_type": "application/pdf",
                "note": "",
            },
        )
    return ids


def test_first_revision_database_upgrades_with_its_data(db_target: str, engine_at: Engine) -> None:
    upgrade(engine_at, "0001_initial")
    ids = _fill_first_revision(engine_at)
    engine_at.dispose()

    db = Database.open(db_target)
    try:
        opened = db.opened
        assert opened.upgraded_from == "0001_initial"
        assert opened.revision == HEAD_REVISION
        assert opened.backup is not None
        assert opened.backup.is_file()
        if db.is_sqlite:
            assert opened.backup.parent == Path(db_target).parent
        else:
            assert opened.backup.parent == paths.data_dir() / "backups"
        with db.transaction() as s:
            event = s.get(models.Event, ids["events"])
            assert event is not None
            assert (event.title, event.city, event.country) == (
                "Budapest Process Senior Officials Meeting",
                "İstanbul",
                "TR",
            )
            person = s.get(models.Person, ids["people"])
            assert person is not None
            assert (person.first_name, person.last_name) == ("Гюльнара", "Алиева")
            # 0004 indexed the words of the people already there: the desk finds them by name.
            words = s.scalars(
                select(models.PersonWord.word).where(models.PersonWord.person_id == person.id)
            )
            assert set(words) == set(person.search_key.split()) != set()
            reg = s.get(models.Registration, ids["registrations"])
            assert reg is not None
            assert reg.person_id == ids["people"]
            assert reg.status_changed_at == dt.datetime(2026, 3, 2, 8, 30, tzinfo=dt.UTC)
            news = s.get(models.NewsItem, ids["news_items"])
            assert news is not None
            assert news.tags == ["ministerial", "Ελλάδα"]
            sub = s.get(models.Subscriber, ids["subscribers"])
            assert sub is not None
            assert sub.lists == ["newsletter"]
            doc = s.get(models.Document, ids["documents"])
            assert doc is not None
            assert [(v.number, v.sha256) for v in doc.versions] == [(1, "a" * 64)]
            names = s.scalars(select(models.Category.name).order_by(models.Category.sort_order))
            assert list(names) == DEFAULT_CATEGORIES
            assert maintenance.check_database(db) == []
            # and the ORM can write next to the migrated rows
            registrations.create_registration(
                s, event.id, registrations.RegistrationInput(person=PersonInput("Ana", "Pop"))
            )
    finally:
        db.close()

    # The backup holds the database as it was before the upgrade.
    with sqlite3.connect(f"{opened.backup.as_uri()}?mode=ro", uri=True) as copy:
        assert copy.execute("SELECT version_num FROM alembic_version").fetchall() == [
            ("0001_initial",)
        ]
        assert copy.execute("SELECT title FROM events").fetchall() == [
            ("Budapest Process Senior Officials Meeting",)
        ]
        assert copy.execute("SELECT first_name FROM people").fetchall() == [("Гюльнара",)]
        assert copy.execute("SELECT count(*) FROM categories").fetchall() == [(0,)]


def _stamp_future(path: Path, journal_mode: str) -> None:
    with sqlite3.connect(path) as conn:
        conn.execute("UPDATE alembic_version SET version_num = '9999_future'")
    conn.close()
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA journal_mode = {journal_mode}")
    conn.close()


@pytest.mark.parametrize("journal_mode", ["wal", "delete"])
def test_newer_sqlite_database_is_refused_unchanged(tmp_path: Path, journal_mode: str) -> None:
    path = tmp_path / "budapest-desk.db"
    Database.open(str(path)).close()
    _stamp_future(path, journal_mode)
    before, files = file_hash(path), listing(tmp_path)

    with pytest.raises(UserError, match="newer version") as info:
        Database.open(str(path))
    assert "9999_future" in str(info.value)
    with pytest.raises(DatabaseOpenError, match="newer version"):
        open_database(resolve_url(str(path)))

    assert file_hash(path) == before
    assert listing(tmp_path) == files  # no backup, no -wal or -shm left behind


@pytest.mark.postgres
def test_newer_postgres_database_is_refused_unchanged(pg_url: str) -> None:
    Database.open(pg_url).close()
    engine = make_engine(resolve_url(pg_url))
    try:
        with engine.begin() as conn:
            conn.execute(text("UPDATE alembic_version SET version_num = '9999_future'"))
            conn.execute(text("INSERT INTO categories (name, colour, sort_order) VALUES "
                              "('Future', '#000000', 99)"))  # fmt: skip
        with pytest.raises(UserError, match="newer version"):
            Database.open(pg_url)
        with engine.connect() as conn:
            assert current_revision(conn) == "9999_future"
            count = conn.execute(text("SELECT count(*) FROM categories")).scalar()
            assert count == len(DEFAULT_CATEGORIES) + 1
    finally:
        engine.dispose()
    assert not (paths.data_dir() / "backups").exists()


def _xlsx_like(path: Path) -> None:
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("[Content_Types].xml", "<Types/>")
        zf.writestr("xl/workbook.xml", "<workbook/>")


@pytest.mark.parametrize(
    ("name", "write"),
    [
        ("random.db", lambda p: p.write_bytes(os.urandom(8192))),
        ("notes.txt", lambda p: p.write_text("Agenda\nDay 1: opening\n", encoding="utf-8")),
        ("roster.xlsx", _xlsx_like),
        ("broken.db", lambda p: p.write_bytes(b"SQLite format 3\x00" + os.urandom(4096))),
    ],
)
def test_a_file_that_is_not_a_database_is_refused_unchanged(
    tmp_path: Path, name: str, write: object
) -> None:
    path = tmp_path / name
    assert callable(write)
    write(path)
    before, files = file_hash(path), listing(tmp_path)
    with pytest.raises(UserError, match="not a Budapest Desk database"):
        Database.open(str(path))
    assert file_hash(path) == before
    assert listing(tmp_path) == files


def test_sqlite_file_of_another_program_is_refused_unchanged(tmp_path: Path) -> None:
    path = tmp_path / "contacts.sqlite"
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE contacts (id INTEGER PRIMARY KEY, name TEXT)")
        conn.execute("INSERT INTO contacts (name) VALUES ('Anna')")
    conn.close()
    before, files = file_hash(path), listing(tmp_path)
    with pytest.raises(UserError, match="holds tables that are not a Budapest Desk database"):
        Database.open(str(path))
    assert file_hash(path) == before
    assert listing(tmp_path) == files


def test_a_place_that_cannot_be_written_is_refused() -> None:
    path = Path("/sys/budapest-desk.db")
    with pytest.raises(UserError, match=r"Cannot write to /sys/budapest-desk\.db") as info:
        Database.open(str(path))
    assert "folder you can write to" in str(info.value)
    assert not path.exists()


def test_an_immutable_folder_is_refused_and_left_unchanged(tmp_path: Path) -> None:
    folder = tmp_path / "readonly"
    folder.mkdir()
    current = folder / "current.db"
    Database.open(str(current)).close()
    older = folder / "older.db"
    engine = make_engine(resolve_url(str(older)))
    upgrade(engine, "0001_initial")  # opening it would need a backup and an upgrade
    engine.dispose()
    hashes = {p: file_hash(p) for p in (current, older)}
    files = listing(folder)

    done = subprocess.run(["chattr", "+i", str(folder)], capture_output=True, text=True)
    if done.returncode != 0:
        pytest.skip(f"chattr +i is not permitted here: {done.stderr.strip()}")
    try:
        for path in (current, older, folder / "new.db"):
            with pytest.raises(UserError, match="Cannot write to") as info:
                Database.open(str(path))
            assert "folder you can write to" in str(info.value)
        assert listing(folder) == files
        assert {p: file_hash(p) for p in (current, older)} == hashes
    finally:
        subprocess.run(["chattr", "-i", str(folder)], check=True)


def test_sqlite_pragmas_are_on(sqlite_database: Database) -> None:
    with sqlite_database.opened.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() == 30_000
    # Foreign keys are enforced, not just declared.
    with pytest.raises(Exception, match="FOREIGN KEY"), sqlite_database.transaction() as s:
        s.execute(
            text(
                "INSERT INTO registrations (event_id, person_id, status, delegation_organisation,"
                " needs_attention, attention_note, list_consent, checkin_code, source) VALUES "
                "(99, 99, 'pending', '', 0, '', 0, 'X', 'typed')"
            )
        )


_RECREATING_MIGRATION = '''"""recreate events and people (as an ALTER COLUMN does on SQLite)"""
import sqlalchemy as sa
from alembic import op

revision = "0099_recreate"
down_revision = "{head}"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("events", recreate="always") as batch:
        batch.alter_column("venue", type_=sa.String(400))
    with op.batch_alter_table("people", recreate="always") as batch:
        batch.alter_column("phone", type_=sa.String(80))
'''


def test_batch_migration_keeps_rows_of_tables_that_refer_to_a_recreated_one(
    tmp_path: Path,
) -> None:
    scripts = tmp_path / "migrations"
    shutil.copytree(MIGRATIONS_DIR, scripts, ignore=shutil.ignore_patterns("__pycache__"))
    (scripts / "versions" / "0099_recreate.py").write_text(
        _RECREATING_MIGRATION.format(head=HEAD_REVISION), encoding="utf-8"
    )
    db = Database.open(str(tmp_path / "budapest-desk.db"))
    try:
        with db.transaction() as s:
            event = events.create_event(
                s, events.EventInput(title="Working group", start_date=dt.date(2026, 5, 5))
            )
            registrations.create_registration(
                s, event.id, registrations.RegistrationInput(person=PersonInput("Ana", "Pop"))
            )
        upgrade(db.opened.engine, script_location=scripts)
        with db.opened.engine.connect() as conn:
            assert current_revision(conn) == "0099_recreate"
            assert conn.execute(select(func.count()).select_from(models.Registration)).scalar() == 1
            assert conn.execute(select(func.count()).select_from(models.Person)).scalar() == 1
            assert conn.exec_driver_sql("PRAGMA foreign_key_check").all() == []
            assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
    finally:
        db.close()


_OPEN_SCRIPT = """
import sys, time
from budapest_desk.db.engine import resolve_url
from budapest_desk.db.migrate import known_revisions, open_database
known_revisions()
time.sleep(max(0.0, float(sys.argv[2]) - time.time()))
open_database(resolve_url(sys.argv[1])).engine.dispose()
"""


@pytest.mark.postgres
def test_two_desks_opening_a_new_server_database_at_once(pg_url: str) -> None:
    start = time.time() + 1.0
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", _OPEN_SCRIPT, pg_url, str(start)],
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(2)
    ]
    errors = [p.communicate(timeout=60)[1] for p in procs]
    assert [p.returncode for p in procs] == [0, 0], errors
    db = Database.open(pg_url)
    try:
        with db.transaction() as s:
            assert s.scalar(select(func.count()).select_from(models.Category)) == len(
                DEFAULT_CATEGORIES
            )
    finally:
        db.close()


def test_migration_0003_sorts_people_by_the_same_rule_as_core() -> None:
    import importlib.util

    from budapest_desk.core.text import sort_key

    path = MIGRATIONS_DIR / "versions" / "0003_people_sort_and_distinct.py"
    spec = importlib.util.spec_from_file_location("m0003", path)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    names = [("Shilan", "عەبدوڵڵا"), ("Seán", "O'Brien"), ("Олег", "Ковальчук"),
             ("Νίκος", "Κωστόπουλος"), ("নুসরাত", "জাহান"), ("", "")]  # fmt: skip
    for first, last in names:
        assert module._sort_key(first, last) == sort_key(first, last)


def test_databases_opened_on_several_threads_at_once_are_all_migrated(tmp_path: Path) -> None:
    """Alembic keeps a migration's context in module globals: the worker opening a file while
    the desk's copy of the server is made on its own thread must not break either."""
    from concurrent.futures import ThreadPoolExecutor

    def open_one(i: int) -> str:
        db = Database.open(str(tmp_path / f"copy-{i}.db"))
        try:
            with db.transaction() as s:
                return str(s.execute(text("SELECT version_num FROM alembic_version")).scalar())
        finally:
            db.close()

    with ThreadPoolExecutor(max_workers=4) as pool:
        revisions = list(pool.map(open_one, range(12)))
    assert set(revisions) == {HEAD_REVISION}
