"""Where the app keeps its files: the per-user data and config folders (platformdirs).

Tests point these elsewhere with XDG_DATA_HOME / XDG_CONFIG_HOME (honoured by platformdirs on
Linux) or with BUDAPEST_DESK_HOME, which puts everything below one folder.
"""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

APP_DIR_NAME = "budapest-desk"
DB_ENV = "BUDAPEST_DESK_DB"
HOME_ENV = "BUDAPEST_DESK_HOME"


def data_dir() -> Path:
    home = os.environ.get(HOME_ENV)
    if home:
        return Path(home) / "data"
    return Path(platformdirs.user_data_dir(APP_DIR_NAME, appauthor=False))


def config_dir() -> Path:
    home = os.environ.get(HOME_ENV)
    if home:
        return Path(home) / "config"
    return Path(platformdirs.user_config_dir(APP_DIR_NAME, appauthor=False))


def default_database_path() -> Path:
    return data_dir() / "budapest-desk.db"


def library_dir() -> Path:
    """Where library files are stored, once each, by SHA-256."""
    return data_dir() / "library"


def log_file() -> Path:
    return data_dir() / "budapest-desk.log"


def settings_file() -> Path:
    return config_dir() / "settings.ini"
