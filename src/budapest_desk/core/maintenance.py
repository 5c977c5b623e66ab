"""Looking after the database: check it, back it up, restore a backup. For the CLI and the UI;
no Qt. Each function is one whole user action (it manages its own connections)."""

from __future__ import annotations

import datetime as dt
import shutil
import tempfile
from collections import Counter
from pathlib import Path
from typing import Any

from sqlalchemy import Connection
from sqlalchemy.engine import URL
from sqlalchemy.exc import DatabaseError, OperationalError

from budapest_desk import paths
from budapest_desk.core.database import Database
from budapest_desk.core.errors import UserError
from budapest_desk.db.backup import backup_path, restore_backup, write_backup
from budapest_desk.db.engine import SQLITE_MAGIC, make_engine
from budapest_desk.db.errors import DatabaseOpenError
from budapest_desk.db.migrate import HEAD_REVISION, current_revision, known_revisions, upgrade

MAX_LISTED = 20  # integrity problems listed one by one; a badly damaged file has thousands

# ---------------------------------------------------------------------------------------------
# Checking


def check_database(db: Database) -> list[str]:
    """The problems found in the database, one sentence each; empty when it is sound.

    SQLite files get SQLite's integrity and foreign-key checks; every database is checked for
    the schema revision of this version and for a schema exactly like the models'.
    """
    problems: list[str] = []
    with db.opened.engine.connect() as conn:
        if db.is_sqlite:
            problems += _sqlite_problems(conn)
        revision = current_revision(conn)
        if revision != HEAD_REVISION:
            problems.append(
                f"The schema revision is {revision or 'missing'}; this version expects "
                f"{HEAD_REVISION}."
            )
        problems += _describe_diffs(schema_differences(conn))
    return problems


def _sqlite_problems(conn: Connection) -> list[str]:
    damage = [
        line for line in conn.exec_driver_sql("PRAGMA integrity_check").scalars() if line != "ok"
    ]
    problems = [f"SQLite integrity check: {line}" for line in damage[:MAX_LISTED]]
    if len(damage) > MAX_LISTED:
        problems.append(f"... and {len(damage) - MAX_LISTED} more integrity problems.")
    orphans: Counter[tuple[str, str]] = Counter()
    first: dict[tuple[str, str], object] = {}
    for table, rowid, parent, _fkid in conn.exec_driver_sql("PRAGMA foreign_key_check"):
        orphans[(table, parent)] += 1
        first.setdefault((table, parent), rowid)
    for (table, parent), count in sorted(orphans.items()):
        rows = "row refers" if count == 1 else "rows refer"
        problems.append(
            f"{count} {table} {rows} to missing {parent} (first: row {first[(table, parent)]})."
        )
    return problems


def schema_differences(conn: Connection) -> list[Any]:
    """Alembic's differences between the live schema and the models' (empty when equal)."""
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    from budapest_desk.db import models  # noqa: F401  (registers every table)
    from budapest_desk.db.base import Base

    context = MigrationContext.configure(conn, opts={"compare_type": True})
    return list(compare_metadata(context, Base.metadata))


def _describe_diffs(diffs: list[Any]) -> list[str]:
    missing = {d[1].name for d in diffs if isinstance(d, tuple) and d[0] == "add_table"}
    return [
        _describe_diff(d)
        for d in diffs
        # A missing table's indexes are missing too: say it once.
        if not (isinstance(d, tuple) and d[0] == "add_index" and d[1].table.name in missing)
    ]


def _sql_type(value: Any) -> str:
    try:
        return str(value)  # e.g. VARCHAR(300)
    except Exception:  # a type the default dialect cannot render
        return repr(value)


def _describe_diff(diff: Any) -> str:
    if isinstance(diff, list):  # column modifications come as a list of tuples
        return "; ".join(_describe_diff(d) for d in diff)
    kind = diff[0]
    if kind in ("add_table", "remove_table"):
        what = "missing" if kind == "add_table" else "not part of the schema"
        return f"Table {diff[1].name} is {what}."
    if kind in ("add_column", "remove_column"):
        what = "missing" if kind == "add_column" else "not part of the schema"
        return f"Column {diff[2]}.{diff[3].name} is {what}."
    if kind in ("add_index", "remove_index", "add_constraint", "remove_constraint"):
        obj = diff[1]
        what = "missing" if kind.startswith("add") else "not part of the schema"
        noun = "Index" if kind.endswith("index") else "Constraint"
        return f"{noun} {obj.name} on {obj.table.name} is {what}."
    if kind in ("add_fk", "remove_fk", "add_uq", "remove_uq"):
        obj = diff[1]
        what = "missing" if kind.startswith("add") else "not part of the schema"
        noun = "Foreign key" if kind.endswith("fk") else "Unique constraint"
        cols = ", ".join(c.name for c in obj.columns)
        return f"{noun} {obj.name or ''} on {obj.table.name} ({cols}) is {what}.".replace("  ", " ")
    if kind.startswith("modify_"):
        _, _schema, table, column, _existing, old, new = diff
        if kind == "modify_type":
            old, new = _sql_type(old), _sql_type(new)
        return f"Column {table}.{column}: {kind[7:]} is {old}, the models say {new}."
    return f"Schema difference: {diff!r}"


# ---------------------------------------------------------------------------------------------
# Backups


def backup(db: Database, dest: Path) -> Path:
    """Write a consistent copy of the database to `dest` (a SQLite file; given a folder, a new
    file named by date in it) and return the file written. An earlier backup at `dest` is
    replaced; any other existing file is refused and left as it is."""
    dest = dest.expanduser()
    if dest.is_dir():
        stamp = dt.datetime.now().strftime("%Y-%m-%d-%H%M%S")
        dest = dest / f"budapest-desk-backup-{stamp}.db"
    try:
        return write_backup(db.opened.engine, dest)
    except DatabaseOpenError as exc:
        raise UserError(str(exc)) from None
    except OSError as exc:
        raise UserError(
            f"Cannot write the backup {dest}: {exc.strerror or exc}. "
            "Choose another location for the backup."
        ) from None


def restore(db: Database, backup_file: Path) -> Path:
    """Replace the database's content with a backup's, in one transaction, and return the
    safety backup of the content it had before.

    Refused, with nothing changed, for a file that is not a Budapest Desk database or one from
    a newer version. An older backup is upgraded on a temporary copy; the file itself is never
    written to. Library files are not part of a backup and stay as they are.
    """
    source = backup_file.expanduser().absolute()
    _check_is_sqlite(source)
    with tempfile.TemporaryDirectory(prefix="budapest-desk-restore-") as tmp:
        work = Path(tmp) / "restore.db"
        try:
            shutil.copyfile(source, work)
            if Path(f"{source}-wal").is_file():  # a live database copied with its WAL
                shutil.copyfile(f"{source}-wal", f"{work}-wal")
        except OSError as exc:
            raise UserError(f"Cannot read {source}: {exc.strerror or exc}.") from None
        _prepare(work, source)
        safety = _safety_backup(db)
        try:
            restore_backup(db.opened.engine, work)
        except DatabaseOpenError as exc:
            raise UserError(str(exc)) from None
        except OperationalError as exc:
            reason = str(exc.orig or exc).strip().splitlines()[0]
            raise UserError(
                f"Restoring {source} failed and nothing was changed: {reason}."
            ) from None
    return safety


def _not_ours(source: Path, why: str = "") -> UserError:
    return UserError(
        f"{source} is not a Budapest Desk database or backup{why}. Nothing was changed: "
        "choose a backup file written by Budapest Desk."
    )


def _check_is_sqlite(source: Path) -> None:
    if not source.exists():
        raise UserError(f"There is no file at {source}.")
    if not source.is_file():
        raise UserError(f"{source} is a folder: choose a backup file.")
    try:
        with source.open("rb") as fh:
            head = fh.read(len(SQLITE_MAGIC))
    except OSError as exc:
        raise UserError(f"Cannot read {source}: {exc.strerror or exc}.") from None
    if head != SQLITE_MAGIC:
        raise _not_ours(source, " (it is not an SQLite file)")


def _prepare(work: Path, source: Path) -> None:
    """Check the working copy of a backup and bring it to this version's schema."""
    engine = make_engine(URL.create("sqlite", database=str(work)))
    try:
        with engine.connect() as conn:
            damage = [
                line
                for line in conn.exec_driver_sql("PRAGMA quick_check").scalars()
                if line != "ok"
            ]
            revision = current_revision(conn)
        if damage:
            raise UserError(
                f"{source} is damaged (SQLite says: {damage[0]}). Nothing was changed: "
                "choose another backup."
            )
        if revision is None:
            raise _not_ours(source)
        if revision != HEAD_REVISION:
            if revision not in known_revisions():
                raise UserError(
                    f"{source} was written by a newer version of Budapest Desk (schema "
                    f"{revision}; this version knows up to {HEAD_REVISION}). Install the newer "
                    "version to restore it. Nothing was changed."
                )
            upgrade(engine)
    except (OperationalError, DatabaseError) as exc:
        reason = str(exc.orig or exc).strip().splitlines()[0]
        raise _not_ours(source, f" (SQLite says: {reason})") from None
    except DatabaseOpenError as exc:
        raise UserError(str(exc)) from None
    finally:
        engine.dispose()


def backup_before(db: Database, label: str) -> Path:
    """The automatic backup taken before work that changes much (an import): beside a SQLite
    file, else in the data folder. If it cannot be written, the work does not start."""
    dest = backup_path(db.url, label, paths.data_dir() / "backups")
    try:
        dest.parent.mkdir(parents=True, exist_ok=True)
        return write_backup(db.opened.engine, dest)
    except (DatabaseOpenError, OSError) as exc:
        raise UserError(
            f"Could not back up the database first, so nothing was changed: {exc}. "
            "Free some disk space or check the folder's permissions, then try again."
        ) from None


def _safety_backup(db: Database) -> Path:
    dest = backup_path(db.url, "before-restore", paths.data_dir() / "backups")
    try:
        return write_backup(db.opened.engine, dest)
    except DatabaseOpenError as exc:
        raise UserError(
            f"Could not save the current content before restoring, so nothing was restored: {exc}"
        ) from None
