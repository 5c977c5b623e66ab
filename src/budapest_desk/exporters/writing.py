"""What every export file shares: it appears whole or not at all, and long ones report progress
and can be cancelled.

A file is written under a temporary name in the target's own folder and renamed over the target
only when complete: a rename within one folder is atomic, so a cancelled or failed export leaves
no half file behind and an existing file as it was (a copy from the temp folder could be cut
short by a full disk or a removed USB stick, and would not be atomic across file systems).
"""

from __future__ import annotations

import contextlib
import errno
import os
import secrets
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TypeVar

from budapest_desk.core.errors import UserError
from budapest_desk.core.progress import CancelToken, ProgressFn

T = TypeVar("T")

PROGRESS_EVERY = 1000  # rows; about 0.2 s of openpyxl work, so Cancel answers promptly


def _folder_problem(folder: Path, exc: OSError) -> UserError:
    if isinstance(exc, FileNotFoundError):
        return UserError(f"The folder {folder} does not exist. Choose another folder.")
    if isinstance(exc, PermissionError) or exc.errno == errno.EROFS:
        return UserError(f"You cannot save files in {folder}. Choose another folder.")
    reason = exc.strerror or str(exc)
    return UserError(f"Could not write a file in {folder} ({reason}). Choose another folder.")


@contextlib.contextmanager
def replacing(target: Path) -> Iterator[Path]:
    """A temporary path beside `target` to write to; renamed over `target` if the block ends
    normally, deleted if it raises (Cancelled included). Problems with the folder or the disk
    become a UserError that says what to do."""
    folder = target.parent
    if target.is_dir():
        raise UserError(f"{target} is a folder. Choose a file name to save to.")
    temp = folder / f".{target.name}.{secrets.token_hex(4)}.part"
    try:
        # Created here (not by the writer) so that a folder we cannot write to is reported
        # before any work is done; the mode lets the umask decide, as for any new file.
        os.close(os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666))
    except OSError as exc:
        raise _folder_problem(folder, exc) from exc
    try:
        yield temp
        try:
            os.replace(temp, target)
        except OSError as exc:
            raise UserError(
                f"Could not replace {target.name}: it may be open in another program. "
                "Close it there and export again."
            ) from exc
    except OSError as exc:  # while writing: a full disk, a removed drive
        temp.unlink(missing_ok=True)
        raise _folder_problem(folder, exc) from exc
    except BaseException:
        temp.unlink(missing_ok=True)
        raise


def paced(
    items: Iterable[T],
    progress: ProgressFn | None,
    cancel: CancelToken | None,
    total: int = 0,
) -> Iterator[T]:
    """`items`, reporting (done, total) and checking for Cancel every PROGRESS_EVERY items and
    once at the end, so that the writers themselves stay plain loops."""
    done = 0
    for item in items:
        yield item
        done += 1
        if done % PROGRESS_EVERY == 0:
            if cancel is not None:
                cancel.raise_if_cancelled()
            if progress is not None:
                progress(done, max(total, done))
    if cancel is not None:
        cancel.raise_if_cancelled()
    if progress is not None:
        progress(done, max(total, done))
