"""Saving an event's roster (xlsx or CSV) and the registration template for delegations.

One function per action, each one line for the roster: ask for the file, then run the exporter
from exporters.registry as long work (progress, Cancel; a cancelled export leaves no file), and
say what was written. The roster written is the one the user is looking at: the current filter.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import shiboken6
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget
from sqlalchemy.orm import Session

from budapest_desk import APP_NAME
from budapest_desk.core import events, registrations, roster
from budapest_desk.core.events import EventRow
from budapest_desk.core.progress import CancelToken, ProgressFn
from budapest_desk.core.roster import RosterFilter
from budapest_desk.exporters import registry
from budapest_desk.exporters.template_xlsx import write_template
from budapest_desk.ui.events.import_common import last_folder, remember_folder
from budapest_desk.ui.ops import OperationRunner

# The file dialog's filters, and the export each one writes.
FORMATS: dict[str, tuple[str, str]] = {
    "xlsx": ("Excel workbook (*.xlsx)", "roster-xlsx"),
    "csv": ("CSV, comma-separated (*.csv)", "roster-csv"),
    "csv-semicolon": (
        "CSV, semicolon-separated for European Excel (*.csv)",
        "roster-csv-semicolon",
    ),
}
Done = Callable[[str], object]


def file_stem(event: EventRow, what: str) -> str:
    """A file name from the event's title, safe on every system: "OSM Vienna 2027 - roster"."""
    title = re.sub(r'[\\/:*?"<>|\x00-\x1f]+', " ", event.title)
    return " ".join(f"{title} - {what}".split())[:120]


def _ask(parent: QWidget, title: str, stem: str, filters: list[str]) -> tuple[Path, str] | None:
    start = str(Path(last_folder("export")) / stem)
    name, chosen = QFileDialog.getSaveFileName(parent, title, start, ";;".join(filters))
    if not name:
        return None
    return Path(name), chosen


def _with_suffix(path: Path, suffix: str) -> Path:
    return path if path.suffix.lower() == suffix else path.with_name(path.name + suffix)


def _tell(parent: QWidget, message: str, on_done: Done | None) -> None:
    """Say what was written: to the caller (a status bar), else in a message box."""
    if on_done is not None:
        on_done(message)
        return
    if not shiboken6.isValid(parent):
        return
    box = QMessageBox(QMessageBox.Icon.Information, APP_NAME, message, parent=parent)
    box.setObjectName("exportDone")
    box.finished.connect(box.deleteLater)
    box.open()


def export_roster(
    parent: QWidget,
    ops: OperationRunner,
    event: EventRow,
    flt: RosterFilter,
    path: Path | None = None,
    fmt: str | None = None,
    *,
    on_done: Done | None = None,
) -> int | None:
    """Export the event's roster as filtered. Asks for the file unless `path` is given; `fmt`
    is "xlsx", "csv" or "csv-semicolon" (default: from the file dialog, else the suffix).
    Returns the runner's task id, or None when the user chose no file."""
    if path is None:
        asked = _ask(
            parent, "Export the roster", file_stem(event, "roster") + ".xlsx",
            [label for label, _ in FORMATS.values()],
        )  # fmt: skip
        if asked is None:
            return None
        path, chosen = asked
        fmt = fmt or next(key for key, (label, _) in FORMATS.items() if label == chosen)
    fmt = fmt or ("csv" if path.suffix.lower() == ".csv" else "xlsx")
    if fmt not in FORMATS:
        raise ValueError(f"unknown roster format {fmt!r}")
    exporter = registry.get_exporter(FORMATS[fmt][1])
    target = _with_suffix(path, exporter.suffix)
    remember_folder("export", target)
    event_id = event.id

    def op(session: Session, progress: ProgressFn, cancel: CancelToken) -> int:
        counts = roster.roster_counts(session, event_id, flt)
        rows = roster.iter_roster(session, event_id, flt)
        data = registry.EventExport(events.get_event(session, event_id), rows, counts)
        exporter.render(target, data, progress=progress, cancel=cancel)
        return counts.total

    def done(total: int) -> None:
        noun = "registration" if total == 1 else "registrations"
        _tell(parent, f"Exported {total:,} {noun} to {target}", on_done)

    return ops.run_long("Exporting the roster…", op, on_done=done, parent=parent)


def save_template(
    parent: QWidget,
    ops: OperationRunner,
    event: EventRow,
    path: Path | None = None,
    *,
    on_done: Done | None = None,
) -> int | None:
    """Write the registration template a delegation fills in (it re-imports with no mapping
    step). Asks for the file unless `path` is given."""
    if path is None:
        asked = _ask(
            parent, "Save the registration template",
            file_stem(event, "registration template") + ".xlsx", [FORMATS["xlsx"][0]],
        )  # fmt: skip
        if asked is None:
            return None
        path = asked[0]
    target = _with_suffix(path, ".xlsx")
    remember_folder("export", target)
    event_id = event.id

    def op(session: Session) -> None:
        names = [c.name for c in registrations.list_categories(session)]
        write_template(target, events.get_event(session, event_id), names)

    return ops.run(
        op,
        on_done=lambda _r: _tell(parent, f"Saved the registration template to {target}", on_done),
        parent=parent,
    )
