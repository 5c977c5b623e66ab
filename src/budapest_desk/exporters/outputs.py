"""The printed outputs of an event (badges, the list of participants, the report), from one list
that the Output dialog and the command line both offer, with the same options.

Unlike the roster exports (exporters/registry.py), each output gathers its own data through
core/ with the caller's Session: a badge run, a participant list and a report each need
different data. `write` runs on the worker thread (the UI) or in the command; it never commits.
"""

from __future__ import annotations

import datetime as dt
from abc import ABC, abstractmethod
from dataclasses import dataclass, field
from pathlib import Path
from typing import ClassVar, Literal

from sqlalchemy.orm import Session

from budapest_desk.core.badges import BadgeSelection, badge_ids, iter_badges
from budapest_desk.core.errors import UserError
from budapest_desk.core.events import get_event
from budapest_desk.core.participants import Variant, participant_list
from budapest_desk.core.progress import CancelToken, ProgressFn
from budapest_desk.core.reports import event_report
from budapest_desk.exporters.badge_content import NameFormat, event_dates
from budapest_desk.exporters.badges_pdf import BadgeOptions, write_badges
from budapest_desk.exporters.label_sheets import Calibration, get_layout
from budapest_desk.exporters.participants_pdf import write_participants_pdf
from budapest_desk.exporters.report_pdf import write_report_pdf
from budapest_desk.exporters.report_xlsx import write_report_xlsx

Orientation = Literal["portrait", "landscape"]


@dataclass(frozen=True)
class OutputOptions:
    """Every choice of the Output dialog and of the commands; each output reads its own."""

    # Badges
    selection: BadgeSelection = field(default_factory=BadgeSelection)
    layout: str = "a6-4up"
    name_format: NameFormat = NameFormat.FIRST_LAST
    colour: bool = True
    logo: Path | None = None
    calibration: Calibration | None = None  # None: the one saved for the layout
    # List of participants
    variant: Variant = Variant.DISTRIBUTED
    orientation: Orientation = "portrait"
    include_email: bool = False
    day: dt.date | None = None  # the sign-in sheet's day (default: the event's first)
    # Only the first page or sheet: the dialog's preview
    preview: bool = False


@dataclass(frozen=True)
class Written:
    count: int  # badges drawn, people listed, registrations reported
    registration_ids: tuple[int, ...] = ()  # badges: whose badges are in the file


class Output(ABC):
    identifier: ClassVar[str]  # stable: the CLI's name for it
    name: ClassVar[str]  # what a person picks from a list
    suffixes: ClassVar[tuple[str, ...]]  # of the files it writes, with their dot

    @abstractmethod
    def write(
        self,
        session: Session,
        event_id: int,
        path: Path,
        options: OutputOptions,
        *,
        progress: ProgressFn | None = None,
        cancel: CancelToken | None = None,
    ) -> Written:
        """Gather the event's data and write `path`, whole or not at all."""


class Badges(Output):
    identifier = "badges"
    name = "Badges"
    suffixes = (".pdf",)

    def write(
        self,
        session: Session,
        event_id: int,
        path: Path,
        options: OutputOptions,
        *,
        progress: ProgressFn | None = None,
        cancel: CancelToken | None = None,
    ) -> Written:
        event = get_event(session, event_id)
        ids = badge_ids(session, event_id, options.selection)
        if options.preview:  # the first sheet
            ids = ids[: get_layout(options.layout).per_page]
        badge_options = BadgeOptions(
            layout=options.layout,
            name_format=options.name_format,
            colour=options.colour,
            logo=options.logo,
            calibration=options.calibration,
        )
        count = write_badges(
            path,
            event,
            iter_badges(session, ids),
            badge_options,
            total=len(ids),
            progress=progress,
            cancel=cancel,
        )
        return Written(count, tuple(ids))


class Participants(Output):
    identifier = "participants"
    name = "List of participants"
    suffixes = (".pdf",)

    def write(
        self,
        session: Session,
        event_id: int,
        path: Path,
        options: OutputOptions,
        *,
        progress: ProgressFn | None = None,
        cancel: CancelToken | None = None,
    ) -> Written:
        event = get_event(session, event_id)
        delegations = participant_list(session, event_id, options.variant, cancel=cancel)
        if options.preview:
            delegations = delegations[:3]
        day = options.day if options.variant is Variant.SIGN_IN else None
        if day is not None and not event.start_date <= day <= event.end_date:
            raise UserError(
                f"The event runs {event_dates(event)}: choose a day of the event for the "
                "sign-in sheet."
            )
        count = write_participants_pdf(
            path,
            event,
            delegations,
            variant=options.variant,
            orientation=options.orientation,
            include_email=options.include_email,
            day=day,
            progress=progress,
            cancel=cancel,
        )
        return Written(count)


class Report(Output):
    identifier = "report"
    name = "Registration and attendance report"
    suffixes = (".pdf", ".xlsx")

    def write(
        self,
        session: Session,
        event_id: int,
        path: Path,
        options: OutputOptions,
        *,
        progress: ProgressFn | None = None,
        cancel: CancelToken | None = None,
    ) -> Written:
        suffix = path.suffix.lower()
        if suffix not in self.suffixes:
            raise UserError(f"A report is written as .pdf or .xlsx, not {suffix or 'no suffix'}.")
        report = event_report(session, event_id)
        if suffix == ".xlsx":
            write_report_xlsx(path, report, progress=progress, cancel=cancel)
        else:
            write_report_pdf(path, report, progress=progress, cancel=cancel)
        return Written(report.totals.registered)


OUTPUTS: tuple[Output, ...] = (Badges(), Participants(), Report())


def get_output(identifier: str) -> Output:
    for output in OUTPUTS:
        if output.identifier == identifier:
            return output
    known = ", ".join(o.identifier for o in OUTPUTS)
    raise UserError(f"There is no output called {identifier!r}. Choose one of: {known}.")
