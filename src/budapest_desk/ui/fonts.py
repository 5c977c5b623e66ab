"""Fonts shipped with the app, added to Qt's font database so that names in every script of the
dialogue show in the window even where the system lacks a font for them (Bengali, Urdu)."""

from __future__ import annotations

from PySide6.QtGui import QFontDatabase

from budapest_desk import resources

UI_FONTS = ("NotoSansBengali-Regular.ttf", "NotoNaskhArabic-Regular.ttf")
_registered: list[str] = []


def register_fonts() -> list[str]:
    """Add the shipped fonts once (needs a QGuiApplication); returns their families."""
    if not _registered:
        for name in UI_FONTS:
            data = resources.read_bytes("fonts", name)
            font_id = QFontDatabase.addApplicationFontFromData(data)
            if font_id >= 0:
                _registered.extend(QFontDatabase.applicationFontFamilies(font_id))
    return list(_registered)
