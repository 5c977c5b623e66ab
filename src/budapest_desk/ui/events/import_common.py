"""What the import wizard's pages share: the state they build up page by page, file work run
off the UI thread with a refusal handed back to the page (not a message box over it), one cancel
that reaches whatever the wizard is running, and the folder last used.

File work goes through the runner's one worker thread like database work, so that a slow USB
stick or a 100,000-row workbook never freezes the window and the order of reads is kept.
"""

from __future__ import annotations

import codecs
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import shiboken6
from PySide6.QtCore import QObject, QSettings
from PySide6.QtWidgets import QLabel

from budapest_desk import paths
from budapest_desk.core.errors import UserError
from budapest_desk.core.events import EventRow
from budapest_desk.core.importing.fields import Field
from budapest_desk.core.progress import CancelToken
from budapest_desk.db.enums import RegistrationStatus
from budapest_desk.ui.ops import OperationRunner

if TYPE_CHECKING:
    from budapest_desk.core.database import Database
    from budapest_desk.core.importing.plan import ImportPlan
    from budapest_desk.core.importing.prepare import Prepared

T = TypeVar("T")

FILE_PAGE, COLUMNS_PAGE, CHECK_PAGE, IMPORT_PAGE = range(4)
FILE_FILTER = "Spreadsheets and text (*.xlsx *.xlsm *.csv *.txt *.tsv)"
ERROR_STYLE = "color: #a00; font-weight: bold;"

# The text encodings offered for a text file, after the detected one.
ENCODINGS: tuple[tuple[str, str], ...] = (
    ("utf-8", "UTF-8"),
    ("utf-16", "UTF-16"),
    ("cp1250", "Windows-1250 (Central European)"),
    ("cp1252", "Windows-1252 (Western European)"),
)
DELIMITERS: tuple[tuple[str, str], ...] = ((",", "comma"), (";", "semicolon"), ("\t", "tab"))


def encoding_label(name: str | None) -> str:
    """What a person recognises: "Windows-1250 (Central European)", not "cp1250"."""
    if not name:
        return "unknown"
    try:
        canonical = codecs.lookup(name).name
    except LookupError:
        return name
    if canonical.startswith("utf-16"):
        canonical = "utf-16"
    if canonical == "utf-8-sig":
        canonical = "utf-8"
    return dict(ENCODINGS).get(canonical, canonical.upper())


def delimiter_label(delimiter: str | None) -> str:
    return dict(DELIMITERS).get(delimiter or "", repr(delimiter))


@dataclass
class ImportState:
    """What the pages have established so far; a page that changes an earlier choice drops
    what was built on it (a new file drops the mapping's edits and the plan)."""

    ops: OperationRunner
    event: EventRow
    prepared: Prepared | None = None
    mapping: dict[int, Field] = field(default_factory=dict)
    default_status: RegistrationStatus = RegistrationStatus.CONFIRMED
    plan: ImportPlan | None = None
    cancel: CancelToken = field(default_factory=CancelToken)

    def use(self, prepared: Prepared | None) -> None:
        self.prepared = prepared
        self.mapping = dict(prepared.mapping) if prepared is not None else {}
        self.plan = None

    def new_cancel(self) -> CancelToken:
        self.cancel = CancelToken()
        return self.cancel


class EitherCancel(CancelToken):
    """Cancelled when any of the tokens is: the progress dialog's Cancel, or the wizard's own
    (its Cancel button, Esc, or a test)."""

    def __init__(self, *tokens: CancelToken) -> None:
        super().__init__()
        self._tokens = tokens

    def raise_if_cancelled(self) -> None:
        super().raise_if_cancelled()
        for token in self._tokens:
            token.raise_if_cancelled()


@dataclass(frozen=True)
class _Refused:
    message: str


def off_thread(
    ops: OperationRunner,
    work: Callable[[Database], T],
    on_done: Callable[[T], object],
    on_refused: Callable[[str], object],
    owner: QObject,
) -> int:
    """Run `work` on the worker thread (no transaction). A UserError goes to `on_refused` so
    the page can show it where the user is looking; nothing is delivered to a closed wizard."""

    def attempt(db: Database) -> Any:
        try:
            return work(db)
        except UserError as exc:
            return _Refused(exc.message)

    def deliver(outcome: Any) -> None:
        if not shiboken6.isValid(owner):
            return
        if isinstance(outcome, _Refused):
            on_refused(outcome.message)
        else:
            on_done(outcome)

    return ops.call(attempt, on_done=deliver)


def error_label() -> QLabel:
    label = QLabel()
    label.setWordWrap(True)
    label.setStyleSheet(ERROR_STYLE)
    label.hide()
    return label


def show_message(label: QLabel, text: str) -> None:
    label.setText(text)
    label.setVisible(bool(text))


def column_letter(index: int) -> str:
    """0 -> A, 25 -> Z, 26 -> AA: the column names a spreadsheet user sees."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


# ------------------------------------------------------------------------------ folders
def _settings() -> QSettings:
    return QSettings(str(paths.settings_file()), QSettings.Format.IniFormat)


def last_folder(kind: str) -> str:
    """The folder last used for `kind` ("import", "export"), else the home folder."""
    folder = _settings().value(f"folders/{kind}", "")
    return str(folder) if folder and Path(str(folder)).is_dir() else str(Path.home())


def remember_folder(kind: str, path: Path) -> None:
    _settings().setValue(f"folders/{kind}", str(path.parent))
