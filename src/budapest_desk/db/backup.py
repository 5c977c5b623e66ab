"""Backups and restores. A backup is always a SQLite file of this app's schema, whatever the
source, so that it can be opened, checked and restored anywhere.

- From SQLite: SQLite's online backup API, a consistent copy while the app is open.
- From PostgreSQL: a new SQLite file migrated to the same revision, then every row copied from
  one snapshot of the server database.

A backup file is written in rollback-journal mode (not WAL), so that it is one self-contained
file that can be copied, mailed or read from a read-only medium.
"""

from __future__ import annotations

import datetime as dt
import os
import sqlite3
import tempfile
from collections.abc import Iterator
from pathlib import Path

from sqlalchemy import Connection, Engine, MetaData, Table, insert, select, text
from sqlalchemy.engine import URL
from sqlalchemy.exc import OperationalError

from budapest_desk.db.engine import check_sqlite_file, describe, sqlite_path
from budapest_desk.db.errors import DatabaseOpenError

BATCH = 2000


def backup_path(url: URL, label: str, backup_dir: Path | None) -> Path:
    """A new, unused file name for an automatic backup of the database at `url`: beside a SQLite
    file, else in `backup_dir` (the current folder if None)."""
    stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%SZ")
    path = sqlite_path(url)
    if path is not None:
        folder, stem, suffix = path.parent, f"{path.name}.{label}-{stamp}", ".bak"
    else:
        folder = backup_dir or Path.cwd()
        name = (url.database or "database").replace("/", "_")
        stem, suffix = f"{name}.{label}-{stamp}", ".db"
    candidate = folder / f"{stem}{suffix}"
    n = 1
    while candidate.exists():  # two backups within one second must not overwrite each other
        n += 1
        candidate = folder / f"{stem}-{n}{suffix}"
    return candidate


def _sqlite_copy(engine: Engine, dest: Path) -> None:
    """Copy a SQLite database with the online backup API, in one step (one read snapshot)."""
    raw = engine.raw_connection()  # the app's own settings (busy timeout); no transaction open
    try:
        source = raw.driver_connection
        assert isinstance(source, sqlite3.Connection)
        target = sqlite3.connect(dest)
        try:
            source.backup(target)
            target.execute("PRAGMA journal_mode = DELETE")  # one self-contained file
        finally:
            target.close()
    finally:
        raw.close()


def _rows(conn: Connection, table: Table) -> Iterator[list[dict[str, object]]]:
    result = conn.execute(select(table).order_by(*table.primary_key.columns))
    while chunk := result.mappings().fetchmany(BATCH):
        yield [dict(row) for row in chunk]


def reflect(conn: Connection) -> MetaData:
    """The tables as they are in the database (whatever its revision)."""
    meta = MetaData()
    meta.reflect(bind=conn)
    return meta


def copy_rows(source: Connection, target: Connection, target_meta: MetaData | None = None) -> int:
    """Copy every row of every table of the source into the (empty) same-schema target."""
    src_meta = reflect(source)
    dst_meta = target_meta if target_meta is not None else reflect(target)
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


def _data_tables(meta: MetaData) -> list[Table]:
    """Every table but Alembic's, parents before children."""
    return [t for t in meta.sorted_tables if t.name != "alembic_version"]


def _delete_all_rows(conn: Connection, meta: MetaData) -> None:
    for table in reversed(_data_tables(meta)):
        conn.execute(table.delete())


def _reset_sequences(conn: Connection, meta: MetaData) -> None:
    """After rows were inserted with their ids, PostgreSQL's id sequences must move past them."""
    for table in _data_tables(meta):
        if "id" not in table.columns or len(table.primary_key.columns) != 1:
            continue
        conn.execute(
            text(
                f"SELECT setval(pg_get_serial_sequence('{table.name}', 'id'), "
                f"COALESCE((SELECT MAX(id) FROM {table.name}), 0) + 1, false)"
            )
        )


def write_backup(engine: Engine, dest: Path) -> Path:
    """Write a consistent copy of the database to `dest`: a new SQLite file, or one replacing an
    earlier backup. Raises DatabaseOpenError, with nothing written, when it cannot."""
    from budapest_desk.db.engine import make_engine
    from budapest_desk.db.migrate import current_revision, upgrade

    dest = dest.expanduser().absolute()
    src_path = sqlite_path(engine.url)
    if src_path is not None and _same_file(src_path, dest):
        raise DatabaseOpenError(
            f"{dest} is the database itself: choose another file name for the backup."
        )
    _check_replaceable(dest)
    check_sqlite_file(dest, create=True)
    tmp: Path | None = None
    try:
        fd, tmp_name = tempfile.mkstemp(prefix=".backup-", suffix=".db", dir=dest.parent)
        os.close(fd)
        tmp = Path(tmp_name)
        if src_path is not None:
            _sqlite_copy(engine, tmp)
        else:
            tmp.unlink()
            target = make_engine(URL.create("sqlite", database=str(tmp)))
            try:
                # One snapshot of the whole server database, however busy the other desks are.
                with engine.connect().execution_options(
                    isolation_level="REPEATABLE READ", postgresql_readonly=True
                ) as source:
                    revision = current_revision(source)
                    upgrade(target, revision or "head")
                    with target.begin() as tconn:
                        meta = reflect(tconn)
                        _delete_all_rows(tconn, meta)  # the rows that data migrations seeded
                        copy_rows(source, tconn, meta)
            finally:
                target.dispose()
        _clear_sidecars(tmp)
        os.replace(tmp, dest)
    except (OSError, sqlite3.Error) as exc:
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
        raise DatabaseOpenError(f"Cannot write the backup {dest}: {reason}.") from exc
    except OperationalError as exc:
        reason = str(exc.orig or exc).strip().splitlines()[0]
        raise DatabaseOpenError(
            f"Cannot back up {describe(engine.url)} to {dest}: {reason}."
        ) from exc
    finally:
        if tmp is not None:
            tmp.unlink(missing_ok=True)
            _clear_sidecars(tmp)
    return dest


def _check_replaceable(dest: Path) -> None:
    """Refuse to replace a file that is not an earlier backup (or database) of this app."""
    if not dest.is_file() or dest.stat().st_size == 0:
        return
    refusal = DatabaseOpenError(
        f"{dest} already exists and is not a Budapest Desk backup, so it was left as it is. "
        "Choose another file name for the backup."
    )
    try:
        conn = sqlite3.connect(f"{dest.as_uri()}?mode=ro", uri=True)
        try:
            found = conn.execute(
                "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'alembic_version'"
            ).fetchone()
        finally:
            conn.close()
    except sqlite3.Error:  # not a database at all
        raise refusal from None
    if found is None:
        raise refusal


def _same_file(a: Path, b: Path) -> bool:
    try:
        return a.resolve() == b.resolve() or (b.exists() and a.samefile(b))
    except OSError:
        return False


def _clear_sidecars(path: Path) -> None:
    for suffix in ("-wal", "-shm", "-journal"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)


def restore_backup(engine: Engine, backup_file: Path) -> None:
    """Replace the whole content of the database with the backup's, in one transaction.

    The backup must be a database of this app at the same schema revision as the target
    (the caller upgrades a copy of an older backup first). The backup file is only read.
    Raises DatabaseOpenError, with nothing changed, when the revisions differ.
    """
    from budapest_desk.db.engine import make_readonly_sqlite_engine
    from budapest_desk.db.migrate import current_revision

    target_path = sqlite_path(engine.url)
    source = make_readonly_sqlite_engine(backup_file)
    try:
        with (
            source.connect() as sconn,
            engine.connect().execution_options(sqlite_begin="IMMEDIATE") as tconn,
            tconn.begin(),
        ):
            have, want = current_revision(sconn), current_revision(tconn)
            if have != want:
                raise DatabaseOpenError(
                    f"{backup_file} has schema {have}, the database has {want}: upgrade a copy "
                    "of the backup first. Nothing was changed."
                )
            meta = reflect(tconn)
            if target_path is None:
                # No other desk may write (or read half a restore) until it is committed.
                names = ", ".join(f'"{t.name}"' for t in _data_tables(meta))
                tconn.execute(text(f"LOCK TABLE {names} IN ACCESS EXCLUSIVE MODE"))
            _delete_all_rows(tconn, meta)
            copy_rows(sconn, tconn, meta)
            if target_path is None:
                _reset_sequences(tconn, meta)
    finally:
        source.dispose()
