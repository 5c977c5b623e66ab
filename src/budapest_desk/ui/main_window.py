"""The main window: the five tabs, the menus, the status bar, remembered geometry."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, QSettings
from PySide6.QtGui import QAction, QCloseEvent, QIcon, QKeySequence, QPixmap
from PySide6.QtWidgets import (
    QFileDialog,
    QFrame,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QMainWindow,
    QMenu,
    QMessageBox,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from budapest_desk import APP_NAME, __version__, paths, resources
from budapest_desk.ui import errors
from budapest_desk.ui.ops import OperationRunner
from budapest_desk.ui.tab_slot import TabSlot

# The database layer (SQLAlchemy) is imported only once a database is being opened, on the
# worker thread, so that the window shows first.
if TYPE_CHECKING:
    from budapest_desk.core.database import Database

# (title, module with make_tab(ops, parent)); the order is the order of the tabs.
TABS = [
    ("News", "budapest_desk.ui.news.tab"),
    ("Events", "budapest_desk.ui.events.tab"),
    ("Check-in", "budapest_desk.ui.checkin.tab"),
    ("Subscribers", "budapest_desk.ui.subscribers.tab"),
    ("Library", "budapest_desk.ui.library.tab"),
]


def app_icon() -> QIcon:
    pixmap = QPixmap()
    pixmap.loadFromData(resources.read_bytes("icons", "budapest-desk.svg"))
    return QIcon(pixmap)


class DemoBanner(QFrame):
    """Shown on an empty database: offers to load the demo data."""

    def __init__(self, load: Callable[[], None], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("demoBanner")
        self.setStyleSheet(
            "#demoBanner { background: #fff4d6; border: 1px solid #e0c36a; border-radius: 4px; }"
        )
        text = QLabel(
            "This database is empty. Load the demo data (the dialogue's news, four events, "
            "a 60-person roster, subscribers and documents) to look around?"
        )
        text.setWordWrap(True)
        self.load_button = QPushButton("&Load demo data")
        self.load_button.setObjectName("loadDemoButton")
        self.load_button.clicked.connect(load)
        dismiss = QPushButton("Not now")
        dismiss.clicked.connect(self.hide)
        layout = QHBoxLayout(self)
        layout.addWidget(text, 1)
        layout.addWidget(self.load_button)
        layout.addWidget(dismiss)


class MainWindow(QMainWindow):
    def __init__(self, ops: OperationRunner, settings: QSettings | None = None) -> None:
        super().__init__()
        self.ops = ops
        self.settings = settings or QSettings(
            str(paths.settings_file()), QSettings.Format.IniFormat
        )
        self.setWindowTitle(APP_NAME)
        self.setWindowIcon(app_icon())
        errors.set_main_window(self)
        self.tabs = QTabWidget()
        self.tabs.setObjectName("mainTabs")
        self.slots: dict[str, TabSlot] = {}
        for title, module in TABS:
            slot = TabSlot(title, module)
            self.slots[title] = slot
            self.tabs.addTab(slot, title)
        self.banner = DemoBanner(self.load_demo)
        self.banner.hide()
        central = QWidget()
        layout = QVBoxLayout(central)
        layout.setContentsMargins(6, 6, 6, 0)
        layout.addWidget(self.banner)
        layout.addWidget(self.tabs, 1)
        self.setCentralWidget(central)
        self._build_menus()
        self.db_label = QLabel()
        self.db_label.setObjectName("databaseLabel")
        self.busy_label = QLabel()
        self.statusBar().addPermanentWidget(self.busy_label)
        self.statusBar().addPermanentWidget(self.db_label)
        ops.database_changed.connect(self._database_changed)
        ops.idle_changed.connect(lambda idle: self.busy_label.setText("" if idle else "Working…"))
        self._show_database(ops.db)
        self._restore_settings()
        if ops.db is not None:
            self._database_changed(ops.db)

    # ---- menus -------------------------------------------------------------------------
    def _build_menus(self) -> None:
        file_menu = self.menuBar().addMenu("&File")
        self._add(file_menu, "&New database…", self.new_database, QKeySequence("Ctrl+Shift+N"))
        self._add(file_menu, "&Open database…", self.open_database, QKeySequence.StandardKey.Open)
        self._add(file_menu, "Open database on a &server…", self.open_server)
        self._add(file_menu, "&Back up…", self.back_up, QKeySequence("Ctrl+Shift+B"))
        file_menu.addSeparator()
        quit_action = self._add(file_menu, "&Quit", self.close, QKeySequence.StandardKey.Quit)
        quit_action.setMenuRole(QAction.MenuRole.QuitRole)
        help_menu = self.menuBar().addMenu("&Help")
        self._add(help_menu, "&About Budapest Desk", self.about)

    def _add(
        self,
        menu: QMenu,
        text: str,
        slot: Callable[[], object],
        key: QKeySequence | QKeySequence.StandardKey | None = None,
    ) -> QAction:
        action = QAction(text, self)
        if key is not None:
            action.setShortcut(key)
        action.triggered.connect(slot)
        menu.addAction(action)
        return action

    # ---- database ----------------------------------------------------------------------
    def _show_database(self, db: Database | None) -> None:
        where = db.location if db is not None else "none open"
        self.db_label.setText(f"Database: {where}")
        self.setWindowTitle(f"{APP_NAME} — {where}" if db is not None else APP_NAME)

    def _database_changed(self, db: Database) -> None:
        self.tabs.setEnabled(True)
        self._show_database(db)
        for slot in self.slots.values():
            slot.install(self.ops)
        self.banner.hide()
        self.check_empty()

    def page(self, title: str) -> QWidget | None:
        """The tab widget of a tab (None until a database is open)."""
        return self.slots[title].page

    def switch_to(self, target: str | None, *, create: bool) -> None:
        """Open a database (path or URL; None: the default) on the worker thread."""

        def opener() -> Database:
            from budapest_desk.core.database import Database

            return Database.open(target, create=create)

        if self.ops.db is None:
            self.db_label.setText("Opening the database…")
        # Nothing may act on the records shown until the other database is open: their ids
        # would mean other people there.
        self.tabs.setEnabled(False)

        def failed(exc: BaseException) -> bool:
            self.tabs.setEnabled(True)
            if self.ops.db is None:
                self.db_label.setText("Database: none open")
                for slot in self.slots.values():
                    slot.say(
                        "No database is open.\nUse File > Open database or File > New database."
                    )
            return False

        self.ops.switch_database(opener, parent=self, on_error=failed)

    def new_database(self) -> None:
        name, _ = QFileDialog.getSaveFileName(
            self, "New database", str(paths.data_dir()), "Budapest Desk database (*.db)"
        )
        if name:
            path = Path(name if name.endswith(".db") else name + ".db")
            self.switch_to(str(path), create=True)

    def open_database(self) -> None:
        name, _ = QFileDialog.getOpenFileName(
            self,
            "Open database",
            str(paths.data_dir()),
            "Budapest Desk database (*.db);;All files (*)",
        )
        if name:
            self.switch_to(name, create=False)

    def open_server(self) -> None:
        url, ok = QInputDialog.getText(
            self,
            "Open database on a server",
            "PostgreSQL URL (postgresql+psycopg://user@host:5432/database):",
        )
        if ok and url.strip():
            self.switch_to(url.strip(), create=True)

    def back_up(self) -> None:
        if self.ops.db is None:
            return
        name, _ = QFileDialog.getSaveFileName(
            self, "Back up the database", str(paths.data_dir() / "backup.db"), "Database (*.db)"
        )
        if name:
            self.back_up_to(Path(name))

    def back_up_to(self, path: Path) -> None:
        """Write a backup of the open database to `path` (in the background)."""
        from budapest_desk.core import maintenance

        self.ops.call(
            lambda db: maintenance.backup(db, path),
            on_done=lambda written: self.statusBar().showMessage(
                f"Backup written to {written}", 8000
            ),
            parent=self,
        )

    def about(self) -> None:
        where = self.ops.db.location if self.ops.db else "none open"
        box = QMessageBox(
            QMessageBox.Icon.Information,
            f"About {APP_NAME}",
            f"<b>{APP_NAME}</b> {__version__}<br>"
            "The desk of the dialogue's secretariat: news, events, check-in, subscribers "
            f"and the library, offline.<br><br>Database: {where}",
            parent=self,
        )
        box.setObjectName("aboutBox")
        box.setIconPixmap(self.windowIcon().pixmap(64, 64))
        box.open()

    # ---- demo data ---------------------------------------------------------------------
    def check_empty(self) -> None:
        from budapest_desk.core import demo

        self.ops.run(demo.is_empty, on_done=lambda empty: self.banner.setVisible(bool(empty)))

    def load_demo(self) -> None:
        from budapest_desk.core import demo

        self.banner.load_button.setEnabled(False)
        library = self.ops.db.library_dir() if self.ops.db else None

        def done(summary: object) -> None:
            self.banner.hide()
            self.banner.load_button.setEnabled(True)
            self.statusBar().showMessage(f"Demo data loaded: {summary}", 8000)

        def failed(_exc: BaseException) -> bool:
            self.banner.load_button.setEnabled(True)
            return False  # shown as usual

        self.ops.run(
            lambda s: demo.load_demo(s, library),
            changes={"*"},
            on_done=done,
            on_error=failed,
            parent=self,
        )

    # ---- settings ----------------------------------------------------------------------
    def _restore_settings(self) -> None:
        geometry = self.settings.value("window/geometry")
        if isinstance(geometry, QByteArray) and not geometry.isEmpty():
            self.restoreGeometry(geometry)
        else:
            self.resize(1200, 760)
        state = self.settings.value("window/state")
        if isinstance(state, QByteArray) and not state.isEmpty():
            self.restoreState(state)
        try:
            last = int(self.settings.value("window/tab", 0))  # type: ignore[call-overload]
        except (TypeError, ValueError):
            last = 0
        if 0 <= last < self.tabs.count():
            self.tabs.setCurrentIndex(last)

    def save_settings(self) -> None:
        self.settings.setValue("window/geometry", self.saveGeometry())
        self.settings.setValue("window/state", self.saveState())
        self.settings.setValue("window/tab", self.tabs.currentIndex())
        self.settings.sync()

    def closeEvent(self, event: QCloseEvent) -> None:
        self.save_settings()
        super().closeEvent(event)


__all__ = ["TABS", "MainWindow"]
