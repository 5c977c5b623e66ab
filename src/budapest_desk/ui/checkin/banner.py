"""The desk's answer to every scan, in letters read from a metre away: a coloured verdict (green
in, amber already in, red not admitted, grey not found, blue out), the person's name, their
category (its badge colour down the side), delegation and organisation, and, whenever the
person has one, the needs-attention note in a box of its own."""

from __future__ import annotations

import re

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QFontMetrics, QResizeEvent
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QSizePolicy, QVBoxLayout, QWidget

from budapest_desk.core.desk import Result, ScanResult
from budapest_desk.core.registrations import RegistrationRow
from budapest_desk.ui.checkin import texts
from budapest_desk.ui.checkin.texts import Tone, Verdict

NAME_POINTS = 28
SMALLEST_NAME = 16  # a long word of a name shrinks down to this before it would be cut
# background, text
COLOURS = {
    Tone.OK: ("#1b7a34", "#ffffff"),
    Tone.ALREADY: ("#ffb300", "#1a1a1a"),
    Tone.REFUSED: ("#c62828", "#ffffff"),
    Tone.UNKNOWN: ("#5f6368", "#ffffff"),
    Tone.OUT: ("#1565c0", "#ffffff"),
    Tone.UNDONE: ("#455a64", "#ffffff"),
}
IDLE_STYLE = (
    "#resultBanner { background: #f3f4f6; border: 2px dashed #c4c7cc; border-radius: 8px; }"
)
ATTENTION_STYLE = (
    "#attentionBox { background: #fff176; border: 5px solid #e65100; border-radius: 8px; }"
    " QLabel { color: #1a1a1a; }"
)


def _label(name: str, points: int, *, bold: bool = False) -> QLabel:
    label = QLabel()
    label.setObjectName(name)
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)
    font = label.font()
    font.setPointSize(points)
    font.setBold(bold)
    label.setFont(font)
    return label


class ResultBanner(QFrame):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("resultBanner")
        self.tone: Tone | None = None
        self.result: ScanResult | None = None  # what the banner shows, if a scan
        self.band = QFrame()
        self.band.setObjectName("categoryBand")
        self.band.setFixedWidth(22)
        self.headline = _label("bannerHeadline", 22, bold=True)
        self._loud = self.headline.font()
        self._quiet = QFont(self._loud)
        self._quiet.setPointSize(16)
        self._quiet.setBold(False)
        self.name = _label("bannerName", NAME_POINTS, bold=True)
        self.details = _label("bannerDetails", 15)
        self.line = _label("bannerLine", 17, bold=True)
        self.hint = _label("bannerHint", 15)

        self.attention = QFrame()
        self.attention.setObjectName("attentionBox")
        self.attention.setStyleSheet(ATTENTION_STYLE)
        self.attention_title = _label("attentionTitle", 16, bold=True)
        self.attention_title.setText("⚠  NEEDS ATTENTION")
        self.attention_note = _label("attentionNote", 20, bold=True)
        box = QVBoxLayout(self.attention)
        box.setContentsMargins(14, 8, 14, 10)
        box.setSpacing(2)
        box.addWidget(self.attention_title)
        box.addWidget(self.attention_note)

        text = QVBoxLayout()
        text.setContentsMargins(0, 10, 0, 12)
        text.setSpacing(4)
        for widget in (self.headline, self.name, self.details, self.line, self.hint):
            text.addWidget(widget)
        text.addWidget(self.attention)
        text.addStretch(1)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 14, 0)
        layout.setSpacing(14)
        layout.addWidget(self.band)
        layout.addLayout(text, 1)
        self.idle()

    # ---- what it shows -------------------------------------------------------------------
    def idle(self, text: str = "Ready: scan a badge or type a name.") -> None:
        self.tone = None
        self.result = None
        self.setStyleSheet(IDLE_STYLE + " QLabel { color: #555; }")
        self.band.setStyleSheet("background: transparent;")
        self.headline.setFont(self._quiet)
        self.headline.setText(text)
        for label in (self.name, self.details, self.line, self.hint):
            label.clear()
            label.hide()
        self.attention.hide()

    def show_result(self, result: ScanResult) -> None:
        self._show(texts.verdict(result), result.registration, result.name)
        self.result = result
        if result.result is Result.REFUSED:
            self._set(self.hint, texts.FORCE_HINT)

    def show_verdict(self, verdict: Verdict, row: RegistrationRow | None, name: str) -> None:
        """A verdict that is not a scan's (an undo, say)."""
        self._show(verdict, row, name)
        self.result = None

    def _show(self, verdict: Verdict, row: RegistrationRow | None, name: str) -> None:
        self.tone = verdict.tone
        background, colour = COLOURS[verdict.tone]
        self.setStyleSheet(
            f"#resultBanner {{ background: {background}; border-radius: 8px; }}"
            f" #resultBanner > QLabel {{ color: {colour}; }}"
        )
        band = row.category_colour if row is not None and row.category_colour else background
        self.band.setStyleSheet(
            f"#categoryBand {{ background: {band}; border-top-left-radius: 8px;"
            f" border-bottom-left-radius: 8px; border-right: 2px solid {colour}; }}"
        )
        self.headline.setFont(self._loud)
        self.headline.setText(verdict.headline)
        self._set(self.name, name)
        self._fit_name()
        self._set(self.details, texts.details(row) if row is not None else "")
        self._set(self.line, verdict.line)
        self._set(self.hint, "")
        note = ""
        if row is not None and row.needs_attention:
            note = row.attention_note or "Needs attention (no note given)."
        self.attention_note.setText(note)
        self.attention.setVisible(bool(note))

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit_name()

    def _fit_name(self) -> None:
        """Words wrap, but a word wider than the banner would be cut: such a name shrinks."""
        words = re.findall(r"[^\s-]+-?", self.name.text())  # a line may end after a hyphen
        room = self.width() - self.band.width() - 40  # the layout's margins and spacing
        font = QFont(self.name.font())
        size = NAME_POINTS
        while True:
            font.setPointSize(size)
            widest = max((QFontMetrics(font).horizontalAdvance(w) for w in words), default=0)
            if widest <= room or size <= SMALLEST_NAME:
                break
            size -= 2
        if font.pointSize() != self.name.font().pointSize():
            self.name.setFont(font)

    @staticmethod
    def _set(label: QLabel, text: str) -> None:
        label.setText(text)
        label.setVisible(bool(text))

    def text(self) -> str:
        """Everything shown, as plain text (for tests and the accessibility name)."""
        parts = [self.headline, self.name, self.details, self.line, self.hint]
        shown = [p.text() for p in parts if p.text()]
        if self.attention.isVisibleTo(self):
            shown += [self.attention_title.text(), self.attention_note.text()]
        return "\n".join(shown)
