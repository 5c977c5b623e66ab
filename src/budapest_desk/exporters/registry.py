"""The exports the UI and the CLI offer, from one list, so that both offer the same ones: each
is a small class that says what it is called and what file it writes, and renders an event's
data to a path. A new export is a class here and a line in EXPORTERS; nothing else changes."""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import ClassVar

from budapest_desk.core.errors import UserError
from budapest_desk.core.events import EventRow
from budapest_desk.core.progress import CancelToken, ProgressFn
from budapest_desk.core.registrations import RegistrationRow
from budapest_desk.core.roster import RosterCounts
from budapest_desk.exporters.roster_csv import write_roster_csv
from budapest_desk.exporters.roster_xlsx import write_roster_xlsx
from budapest_desk.exporters.template_xlsx import write_template


@dataclass(frozen=True)
class EventExport:
    """What an event's exports draw on, gathered once by the caller (core.roster's
    iter_roster and roster_counts, the category names), whichever export the user picks."""

    event: EventRow
    rows: Iterable[RegistrationRow]  # read once, in the order to write
    counts: RosterCounts
    categories: Sequence[str] = ()


class Exporter(ABC):
    identifier: ClassVar[str]  # stable: the CLI's name for it
    name: ClassVar[str]  # what a person picks from a list
    suffix: ClassVar[str]  # of the file written, with its dot

    @abstractmethod
    def render(
        self,
        path: Path,
        data: EventExport,
        *,
        progress: ProgressFn | None = None,
        cancel: CancelToken | None = None,
    ) -> None:
        """Write the export to `path`, whole or not at all."""


class RosterXlsx(Exporter):
    identifier = "roster-xlsx"
    name = "Roster (Excel)"
    suffix = ".xlsx"

    def render(
        self,
        path: Path,
        data: EventExport,
        *,
        progress: ProgressFn | None = None,
        cancel: CancelToken | None = None,
    ) -> None:
        write_roster_xlsx(
            path, data.event, data.rows, data.counts, progress=progress, cancel=cancel
        )


class RosterCsv(Exporter):
    identifier = "roster-csv"
    name = "Roster (CSV, comma-separated)"
    suffix = ".csv"
    delimiter: ClassVar[str] = ","

    def render(
        self,
        path: Path,
        data: EventExport,
        *,
        progress: ProgressFn | None = None,
        cancel: CancelToken | None = None,
    ) -> None:
        write_roster_csv(
            path,
            data.event,
            data.rows,
            delimiter=self.delimiter,
            progress=progress,
            cancel=cancel,
            total=data.counts.total,
        )


class RosterCsvSemicolon(RosterCsv):
    """What Excel opens directly where the decimal mark is a comma (Hungary, most of Europe)."""

    identifier = "roster-csv-semicolon"
    name = "Roster (CSV, semicolon-separated, for Excel in most of Europe)"
    delimiter = ";"


class RegistrationTemplate(Exporter):
    identifier = "roster-template"
    name = "Registration template for delegations (Excel)"
    suffix = ".xlsx"

    def render(
        self,
        path: Path,
        data: EventExport,
        *,
        progress: ProgressFn | None = None,
        cancel: CancelToken | None = None,
    ) -> None:
        write_template(path, data.event, data.categories)


EXPORTERS: tuple[Exporter, ...] = (
    RosterXlsx(),
    RosterCsv(),
    RosterCsvSemicolon(),
    RegistrationTemplate(),
)


def get_exporter(identifier: str) -> Exporter:
    for exporter in EXPORTERS:
        if exporter.identifier == identifier:
            return exporter
    known = ", ".join(e.identifier for e in EXPORTERS)
    raise UserError(f"There is no export called {identifier!r}. Choose one of: {known}.")
