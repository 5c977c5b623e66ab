"""Backups and restores. A backup is always a SQLite file of this app's schema, whatever the
source, so that it can be opened, checked and restored anywhere.

- From SQLite: SQLite's online backup API, a consistent copy while the app is open.
- From PostgreSQL: a new SQLite file migrated to the same revision, then every row copied.
"""

from __future__ import annotations

import os
import sqlite3
import tempfile
from collections.abc import Iterator
from pathlib import Path

from sqlalchemy import Connection, Engine, MetaData, Table, insert, select, text
from sqlalchemy.engine import URL

from budapest_desk.db.engine import check_sqlite_file, sqlite_path

BATCH = 2000


def _sqlite_copy(src: Path, dest: Path) -> None:
    source = sqlite3.connect(f"file:{src}?mode=ro", uri=True)
    try:
        target = sqlite3.connect(dest)
        try:
            source.backup(target)
        finally:
            target.close()
    finally:
        source.close()


def _rows(conn: Connection, table: Table) -> Iterator[list[dict[str, object]]]:
    result = conn.execute(select(table).order_by(*table.primary_key.columns))
    while chunk := result.mappings().fetchmany(BATCH):
        yield [dict(row) for row in chunk]


def copy_rows(source: Connection, target: Connection) -> int:
    """Copy every row of every table of the source into the (empty) same-schema target."""
    src_meta = MetaData()
    src_meta.reflect(bind=source)
    dst_meta = MetaData()
    dst_meta.reflect(bind=target)
    count = 0
    for src_table in src_meta.sorted_tables:
        if src_table.name == "alembic_version" or src_table.name not in dst_meta.tables:
            continue
        dst_table = dst_meta.tables[src_table.name]
        shared = [c.name for c in src_table.columns if c.name in dst_table.columns]
        for batch in _rows(source, src_table):
            target.execute(insert(dst_table), [{k: row[k] for k in shared} for row in batch])
            count += len(batch)
    return count


def _reset_sequences(conn: Connection) -> None:
    """After rows were inserted with their ids, PostgreSQL's id sequences must move past them."""
    meta = MetaData()
    meta.reflect(bind=conn)
    for table in meta.sorted_tables:
        if "id" not in table.columns or len(table.primary_key.columns) != 1:
            continue
        conn.execute(
            text(
                f"SELECT setval(pg_get_serial_sequence('{table.name}', 'id'), "
                f"COALESCE((SELECT MAX(id) FROM {table.name}), 0) + 1, false)"
            )
        )


def write_backup(engine: Engine, dest: Path) -> Path:
    """Write a consistent copy of the database to `dest` (a new SQLite file)."""
    from budapest_desk.db.engine import make_engine
    from budapest_desk.db.migrate import current_revision, upgrade

    dest = dest.expanduser().absolute()
    check_sqlite_file(dest, create=True)
    fd, tmp_name = tempfile.mkstemp(prefix=".backup-", suffix=".db", dir=dest.parent)
    os.close(fd)
    tmp = Path(tmp_name)
    try:
        src_path = sqlite_path(engine.url)
        if src_path is not None:
            with engine.connect() as conn:  # fold the WAL in, so the copy is all there is
                conn.exec_driver_sql("PRAGMA wal_checkpoint(PASSIVE)")
            _sqlite_copy(src_path, tmp)
        else:
            tmp.unlink()
            target = make_engine(URL.create("sqlite", database=str(tmp)))
            try:
                with engine.connect() as source:
                    revision = current_revision(source)
                    upgrade(target, revision or "head")
                    with target.begin() as tconn:
                        copy_rows(source, tconn)
            finally:
                target.dispose()
        _clear_sidecars(tmp)
        os.replace(tmp, dest)
    finally:
        tmp.unlink(missing_ok=True)
        _clear_sidecars(tmp)
    return dest


def _clear_sidecars(path: Path) -> None:
    for suffix in ("-wal", "-shm", "-journal"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)


def restore_backup(engine: Engine, backup_file: Path) -> None:
    """Replace the whole content of the database with the backup's, in one transaction.

    The backup must be a database of this app at the same schema revision as the target
    (the caller upgrades a copy of an older backup first).
    """
    from budapest_desk.db.engine import make_engine

    target_path = sqlite_path(engine.url)
    source = make_engine(URL.create("sqlite", database=str(backup_file)))
    try:
        with source.connect() as sconn, engine.begin() as tconn:
            meta = MetaData()
            meta.reflect(bind=tconn)
            for table in reversed(meta.sorted_tables):
                if table.name != "alembic_version":
                    tconn.execute(table.delete())
            copy_rows(sconn, tconn)
            if target_path is None:
                _reset_sequences(tconn)
    finally:
        source.dispose()
