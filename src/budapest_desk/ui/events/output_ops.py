"""What the Output dialog runs on the worker thread: what it needs to open, a preview (the first
page or sheet) of an output, the whole file, and marking badges printed. No Qt here: each
function returns the operation that the dialog hands to the runner."""

from __future__ import annotations

import contextlib
import math
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path

from sqlalchemy.orm import Session

from budapest_desk.core.badges import badge_ids, mark_printed
from budapest_desk.core.errors import UserError
from budapest_desk.core.participants import participant_list
from budapest_desk.core.progress import CancelToken, ProgressFn
from budapest_desk.core.registrations import CategoryRow, list_categories
from budapest_desk.exporters.label_sheets import (
    Calibration,
    get_layout,
    load_calibrations,
    save_calibration,
)
from budapest_desk.exporters.outputs import OutputOptions, Written, get_output
from budapest_desk.ui.wording import plural

BADGES = "badges"
PARTICIPANTS = "participants"


@dataclass(frozen=True)
class Request:
    """One output of one event, with every choice made."""

    output: str  # an identifier of exporters.outputs.OUTPUTS
    event_id: int
    options: OutputOptions


@dataclass(frozen=True)
class Setup:
    categories: list[CategoryRow]
    calibrations: dict[str, Calibration]  # by layout identifier


@dataclass(frozen=True)
class Preview:
    path: Path
    summary: str  # "48 badges on 12 sheets", or "" where there is nothing to add


def setup(session: Session) -> Setup:
    return Setup(list_categories(session), load_calibrations())


def _badge_summary(session: Session, request: Request) -> str:
    """How many badges the whole file would have; a UserError if none."""
    options = request.options
    ids = badge_ids(session, request.event_id, options.selection)
    if not ids:
        if options.selection.only_unprinted and badge_ids(
            session, request.event_id, replace(options.selection, only_unprinted=False)
        ):
            raise UserError(
                "Nothing to print: every badge chosen has been printed already. "
                "Untick “Only badges not printed yet” to print them again."
            )
        raise UserError(
            "No registration matches the choices made, so there is no badge. "
            "Tick more statuses or categories."
        )
    layout = get_layout(options.layout)
    sheets = math.ceil(len(ids) / layout.per_page)
    sides = ", double-sided" if layout.sides == "duplex" else ""
    return f"{plural(len(ids), 'badge')} on {plural(sheets, 'sheet')}{sides}"


def _list_summary(session: Session, request: Request) -> str:
    """How many people and delegations the whole list has (the preview shows a few)."""
    groups = participant_list(session, request.event_id, request.options.variant)
    people = sum(len(g.participants) for g in groups)
    if not people:
        return ""  # the exporter says why the list is empty
    return (
        f"{plural(people, 'participant')} in {plural(len(groups), 'delegation')}; "
        "the preview shows the first few"
    )


def preview(
    request: Request, path: Path, cancel: CancelToken, keep: Path | None = None
) -> Callable[[Session], Preview]:
    """Write the first page(s) of the output to `path`; older previews in its folder, other
    than `keep` (the one on screen), are removed."""

    def op(session: Session) -> Preview:
        for old in path.parent.glob("preview-*.pdf"):
            if old != keep:
                with contextlib.suppress(OSError):  # open elsewhere (Windows): goes with the folder
                    old.unlink(missing_ok=True)
        cancel.raise_if_cancelled()
        if request.output == BADGES:
            summary = _badge_summary(session, request)
        elif request.output == PARTICIPANTS:
            summary = _list_summary(session, request)
        else:
            summary = ""
        options = replace(request.options, preview=True)
        get_output(request.output).write(session, request.event_id, path, options, cancel=cancel)
        return Preview(path, summary)

    return op


def write(request: Request, path: Path) -> Callable[[Session, ProgressFn, CancelToken], Written]:
    """Write the whole output to `path` (long work: progress and Cancel)."""

    def op(session: Session, progress: ProgressFn, cancel: CancelToken) -> Written:
        output = get_output(request.output)
        return output.write(
            session, request.event_id, path, request.options, progress=progress, cancel=cancel
        )

    return op


def mark_badges_printed(written: Written) -> Callable[[Session], int]:
    ids = written.registration_ids
    return lambda session: mark_printed(session, ids)


def store_calibration(layout_id: str, calibration: Calibration) -> Callable[[Session], None]:
    return lambda _session: save_calibration(layout_id, calibration)
