"""The main window: every tab, menus, status bar, remembered geometry, the demo offer."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from budapest_desk import __version__
from budapest_desk.core import demo, events
from budapest_desk.core.database import Database
from budapest_desk.ui.events.tab import EventsPage
from budapest_desk.ui.main_window import MainWindow
from budapest_desk.ui.ops import OperationRunner

InDb = Callable[[Callable[[Any], Any]], Any]


def _window(qtbot: QtBot, ops: OperationRunner, settings_file: Path) -> MainWindow:
    window = MainWindow(ops, QSettings(str(settings_file), QSettings.Format.IniFormat))
    qtbot.addWidget(window)
    window.show()
    return window


def _menu_texts(window: MainWindow) -> dict[str, list[str]]:
    menus = {}
    for action in window.menuBar().actions():
        menu = action.menu()
        menus[action.text().replace("&", "")] = [
            a.text().replace("&", "") for a in menu.actions() if not a.isSeparator()
        ]
    return menus


def test_tabs_menus_and_status_bar(
    qtbot: QtBot, ops: OperationRunner, wait_idle: Callable[[], None], tmp_path: Path
) -> None:
    window = _window(qtbot, ops, tmp_path / "settings.ini")
    titles = [window.tabs.tabText(i) for i in range(window.tabs.count())]
    assert titles == ["News", "Events", "Check-in", "Subscribers", "Library"]
    menus = _menu_texts(window)
    assert menus["File"] == [
        "New database…",
        "Open database…",
        "Open database on a server…",
        "Back up…",
        "Quit",
    ]
    assert menus["Help"] == ["About Budapest Desk"]
    assert ops.db is not None
    assert ops.db.location in window.db_label.text()
    for i in range(window.tabs.count()):  # every tab shows and loads
        window.tabs.setCurrentIndex(i)
        qtbot.waitUntil(lambda i=i: getattr(window.tabs.widget(i), "loaded", True))
    wait_idle()

    window.about()
    box = window.findChild(QMessageBox, "aboutBox")
    assert box is not None
    assert __version__ in box.text()
    assert ops.db.location in box.text()
    box.close()


def test_geometry_and_last_tab_are_remembered(
    qtbot: QtBot, ops: OperationRunner, wait_idle: Callable[[], None], tmp_path: Path
) -> None:
    settings = tmp_path / "settings.ini"
    first = _window(qtbot, ops, settings)
    first.resize(760, 540)  # within the offscreen screen (800 x 600)
    first.move(40, 30)
    first.tabs.setCurrentIndex(3)
    wait_idle()
    where = first.geometry()
    first.close()  # closeEvent saves the settings
    assert settings.exists()

    second = _window(qtbot, ops, settings)
    assert second.tabs.currentIndex() == 3
    assert (second.width(), second.height()) == (760, 540)
    # The offscreen platform's window frame moves a restored window by a few pixels.
    assert abs(second.x() - where.x()) <= 5
    assert abs(second.y() - where.y()) <= 5
    wait_idle()


def test_empty_database_offers_demo_data(
    qtbot: QtBot,
    ops: OperationRunner,
    wait_idle: Callable[[], None],
    in_db: InDb,
    tmp_path: Path,
) -> None:
    window = _window(qtbot, ops, tmp_path / "settings.ini")
    qtbot.waitUntil(lambda: window.banner.isVisible())
    window.banner.load_button.click()
    qtbot.waitUntil(lambda: not window.banner.isVisible(), timeout=20_000)
    wait_idle()
    assert not in_db(demo.is_empty)
    assert len(in_db(events.list_events)) == 4


def test_database_with_data_does_not_offer_demo(
    qtbot: QtBot,
    ops: OperationRunner,
    wait_idle: Callable[[], None],
    in_db: InDb,
    tmp_path: Path,
) -> None:
    in_db(lambda s: events.create_event(s, events.EventInput("A", dt.date(2026, 1, 1))))
    window = _window(qtbot, ops, tmp_path / "settings.ini")
    wait_idle()
    assert not window.banner.isVisible()


def test_switching_database_and_refusing_a_bad_one(
    qtbot: QtBot, ops: OperationRunner, wait_idle: Callable[[], None], tmp_path: Path
) -> None:
    window = _window(qtbot, ops, tmp_path / "settings.ini")
    wait_idle()
    other = tmp_path / "other.db"
    window.switch_to(str(other), create=True)
    wait_idle()
    assert ops.db is not None
    assert ops.db.location == str(other)
    assert str(other) in window.db_label.text()

    junk = tmp_path / "notes.db"
    junk.write_bytes(b"this is not a database, just notes\n" * 10)
    before = junk.read_bytes()
    messages: list[str] = []
    ops.user_error.connect(messages.append)
    window.switch_to(str(junk), create=False)
    wait_idle()
    assert len(messages) == 1
    assert "not a Budapest Desk database" in messages[0]
    assert ops.db.location == str(other)  # still on the one that works
    assert junk.read_bytes() == before
    for box in window.findChildren(QMessageBox):
        box.close()


def test_back_up_from_the_window(
    qtbot: QtBot, ops: OperationRunner, wait_idle: Callable[[], None], tmp_path: Path
) -> None:
    window = _window(qtbot, ops, tmp_path / "settings.ini")
    wait_idle()
    dest = tmp_path / "copy.db"
    window.back_up_to(dest)  # what File > Back up… does once the file dialog has answered
    wait_idle()
    assert "Backup written to" in window.statusBar().currentMessage()
    copy = Database.open(str(dest), create=False)
    copy.close()


def test_window_shows_before_the_database_layer_is_imported() -> None:
    """Start-up: the window and the command line must not import SQLAlchemy before a database
    is opened (it takes longer to import than Qt); see bench/startup.py."""
    code = (
        "import sys\n"
        "import budapest_desk.__main__, budapest_desk.app, budapest_desk.cli\n"
        "import budapest_desk.ui.main_window, budapest_desk.ui.smoke\n"
        "heavy = [m for m in sys.modules if m.split('.')[0] in "
        "('sqlalchemy', 'alembic', 'psycopg', 'pycountry', 'email_validator')]\n"
        "print(heavy)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_start_on_a_database_that_cannot_be_opened(qtbot: QtBot, tmp_path: Path) -> None:
    from budapest_desk.ui import errors

    runner = OperationRunner(
        None, show_user_error=errors.show_user_error, show_crash=errors.show_crash
    )
    try:
        window = _window(qtbot, runner, tmp_path / "settings.ini")
        junk = tmp_path / "junk.db"
        junk.write_text("not a database\n")
        messages: list[str] = []
        runner.user_error.connect(messages.append)
        window.switch_to(str(junk), create=True)
        qtbot.waitUntil(lambda: runner.idle)
        assert messages
        assert "not a Budapest Desk database" in messages[0]
        assert runner.db is None
        assert "none open" in window.db_label.text()
        assert "No database is open" in window.slots["News"].placeholder.text()
        for box in window.findChildren(QMessageBox):
            box.close()
        # and the user can then open a good one
        window.switch_to(str(tmp_path / "good.db"), create=True)
        qtbot.waitUntil(lambda: runner.idle and runner.db is not None)
        qtbot.waitUntil(lambda: window.slots["News"].loaded)
    finally:
        runner.shutdown()


def test_switching_database_forgets_the_rows_shown_at_once(
    qtbot: QtBot,
    ops: OperationRunner,
    wait_idle: Callable[[], None],
    in_db: InDb,
    tmp_path: Path,
) -> None:
    in_db(lambda s: events.create_event(s, events.EventInput("Old", dt.date(2026, 1, 1))))
    window = _window(qtbot, ops, tmp_path / "settings.ini")
    window.tabs.setCurrentIndex(1)
    page = window.page("Events")
    assert isinstance(page, EventsPage)
    tab = page.events
    qtbot.waitUntil(lambda: tab.model.rowCount() == 1)
    tab.select_id(tab.model.rows[0].id)
    qtbot.waitUntil(lambda: page.roster.current_event is not None)
    seen: list[int] = []
    ops.database_changed.connect(lambda _db: seen.append(tab.model.rowCount()))
    ops.changed.connect(lambda _k: seen.append(tab.model.rowCount()))
    window.switch_to(str(tmp_path / "other.db"), create=True)
    assert not window.tabs.isEnabled()  # nothing can act on the old rows meanwhile
    wait_idle()
    assert window.tabs.isEnabled()
    assert seen[-1] == 0  # emptied as the change was announced, before any reload
    assert tab.model.rowCount() == 0
    assert not tab.edit_action.isEnabled()
    assert page.roster.current_event is None  # the roster forgets the old database's event
    assert not page.roster.new_action.isEnabled()
