"""What the desk does to one person at a time: check in (a scan or a name chosen), check out, admit
anyway (recorded as forced), and undo the last check-in made here. Each is one operation on the
worker thread, so one transaction (core.desk locks the row first); the answer goes to the banner
and `acted` tells the tab whom it was about, so that it can show their row.

The check-ins made at this desk are kept, latest last, so that Ctrl+Z takes back the last one
whatever has been selected or typed since."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QApplication, QWidget

from budapest_desk.core.checkin import DeskResult
from budapest_desk.core.desk import Result, ScanResult
from budapest_desk.core.registrations import RegistrationRow
from budapest_desk.ui.checkin import desk, texts
from budapest_desk.ui.checkin.banner import ResultBanner
from budapest_desk.ui.checkin.texts import Tone, Verdict
from budapest_desk.ui.ops import OperationRunner

LOUD = {Result.ALREADY, Result.REFUSED, Result.UNKNOWN}  # a beep: look up


@dataclass(frozen=True)
class Done:
    """A check-in made at this desk, which Ctrl+Z may take back."""

    event_id: int
    registration_id: int
    name: str
    row: RegistrationRow  # as it was then (the banner shows its category and note)


class DeskActions(QObject):
    acted = Signal(object)  # the registration id acted on (None when nobody was found)
    told = Signal(str)  # a line for the tab's message

    def __init__(
        self,
        ops: OperationRunner,
        banner: ResultBanner,
        desk_name: Callable[[], str],
        parent: QWidget,
    ) -> None:
        super().__init__(parent)
        self.ops = ops
        self.banner = banner
        self.desk_name = desk_name
        self.widget = parent
        self.event_id: int | None = None
        self.check_out_mode = False
        self.done: list[Done] = []  # check-ins made here, latest last
        self._generation = 0  # answers to a desk that has since changed event are dropped

    def reset(self, event_id: int | None) -> None:
        """Another event (or database): nothing of the old one can be undone or shown."""
        self._generation += 1
        self.event_id = event_id
        self.done.clear()
        self.banner.idle()

    # ---- acting ------------------------------------------------------------------------
    def scan(self, typed: str, *, force: bool = False) -> None:
        """A code, scanned or typed (checked out instead, in check-out mode, unless forced:
        Ctrl+Enter always admits)."""
        if self.event_id is None:
            return
        where = self.desk_name()
        if self.check_out_mode and not force:
            self._run(desk.check_out_code_op(self.event_id, typed, where))
        else:
            self._run(desk.scan_op(self.event_id, typed, where, force=force))

    def check_in(self, registration_id: int, *, force: bool = False) -> None:
        """A person chosen from the list (checked out instead, as a scan would be)."""
        if self.event_id is None:
            return
        where = self.desk_name()
        if self.check_out_mode and not force:
            self._run(desk.check_out_op(self.event_id, registration_id, where))
        else:
            self._run(desk.check_in_op(self.event_id, registration_id, where, force=force))

    def check_in_many(self, ids: Sequence[int]) -> None:
        """Several people chosen at once: one transaction each, one line for them all."""
        if self.event_id is None or not ids:
            return
        where = self.desk_name()
        if len(ids) == 1:  # a check-in, in check-out mode too (unlike a person chosen by Enter)
            self._run(desk.check_in_op(self.event_id, ids[0], where))
            return
        results: list[ScanResult] = []

        def one(result: ScanResult) -> None:
            results.append(result)
            if len(results) == len(ids):
                self.told.emit(texts.scan_summary(results, where))

        for rid in ids:
            self._run(desk.check_in_op(self.event_id, rid, where), also=one)

    def admit_anyway(self) -> bool:
        """Admit the person the banner has just refused (recorded as forced)."""
        shown = self.banner.result
        if shown is None or shown.result is not Result.REFUSED or shown.registration is None:
            return False
        self.check_in(shown.registration.id, force=True)
        return True

    def _run(self, op: desk.Op, also: Callable[[ScanResult], None] | None = None) -> None:
        generation = self._generation

        def answered(result: ScanResult) -> None:
            if generation != self._generation:
                return
            self.show(result)
            if also is not None:
                also(result)

        self.ops.run(op, changes={"checkin"}, on_done=answered, parent=self.widget, desk=True)

    def show(self, result: ScanResult) -> None:
        """Put an answer on the banner and remember a check-in made here."""
        self.banner.show_result(result)
        reg = result.registration
        if result.result is Result.CHECKED_IN and reg is not None:
            self.done.append(Done(reg.event_id, reg.id, result.name, reg))
        if result.result in LOUD:
            QApplication.beep()
        self.acted.emit(reg.id if reg is not None else None)

    # ---- undo --------------------------------------------------------------------------
    def undo_last(self) -> None:
        if not self.done:
            verdict = Verdict(Tone.UNKNOWN, "NOTHING TO UNDO", "No check-in made at this desk yet.")
            self.banner.show_verdict(verdict, None, "")
            return
        last = self.done.pop()
        generation = self._generation

        def undone(result: DeskResult) -> None:
            if generation == self._generation:
                self.banner.show_verdict(texts.undo_verdict(result), last.row, last.name)
                self.told.emit(texts.undo_message([result]))
                self.acted.emit(last.registration_id)

        self.ops.run(
            desk.undo_op(last.event_id, last.registration_id, self.desk_name()),
            changes={"checkin"},
            on_done=undone,
            parent=self.widget,
            desk=True,
        )
