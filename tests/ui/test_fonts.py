"""The shipped fonts reach Qt, so that Bengali names and Urdu letters show in the window."""

from __future__ import annotations

from PySide6.QtGui import QFont, QFontDatabase, QFontMetrics
from pytestqt.qtbot import QtBot

from budapest_desk.ui.fonts import register_fonts


def test_shipped_fonts_cover_bengali_and_urdu(qtbot: QtBot) -> None:
    families = register_fonts()
    assert families == ["Noto Sans Bengali", "Noto Naskh Arabic"]
    assert register_fonts() == families  # registered once
    assert QFontDatabase.WritingSystem.Bengali in QFontDatabase.writingSystems("Noto Sans Bengali")
    bengali = QFontMetrics(QFont("Noto Sans Bengali"))
    assert all(bengali.inFontUcs4(ord(ch)) for ch in "রহমান")
    naskh = QFontMetrics(QFont("Noto Naskh Arabic"))
    assert all(naskh.inFontUcs4(ord(ch)) for ch in "ےہٹ")
