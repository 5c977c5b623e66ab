"""Print calibration per badge layout: the shift a printer gives a page, undone by moving every
badge the other way.

Printers and their trays often place a page a millimetre or two off, which shows on pre-cut
label sheets. The user prints a test sheet, measures, and enters the shift for that layout; it is
kept in badge-calibration.json in the config folder and applied by label_sheets.

The file is a convenience, never a reason to fail: a missing, unreadable or corrupt file (or a
bad entry in it) loads as no calibration, so the badges print where the sheet's dimensions say.
A save rewrites the whole file atomically (a temporary file in the same folder, then os.replace)
and keeps the other layouts' entries.
"""

from __future__ import annotations

import json
import logging
import math
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path

from budapest_desk import paths
from budapest_desk.core.errors import UserError

LIMIT_MM = 10.0  # a larger shift means the wrong layout or paper size, not a printer's offset
FILE_NAME = "badge-calibration.json"
FILE_VERSION = 1

_log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Calibration:
    """Moves every badge of a page: + dx to the right, + dy up, in millimetres."""

    dx_mm: float = 0.0
    dy_mm: float = 0.0


def default_path() -> Path:
    return paths.config_dir() / FILE_NAME


def check_calibration(dx_mm: float, dy_mm: float) -> Calibration:
    """The calibration the user typed, or a UserError saying what is wrong with it."""
    checked: list[float] = []
    for field, label, value in (("dx_mm", "left-right", dx_mm), ("dy_mm", "up-down", dy_mm)):
        try:
            number = float(value)
        except (TypeError, ValueError):
            raise UserError(
                f"The {label} shift must be a number of millimetres, such as 1.5 or -2.",
                field=field,
            ) from None
        if not math.isfinite(number) or abs(number) > LIMIT_MM:
            raise UserError(
                f"The {label} shift must be between -{LIMIT_MM:g} and +{LIMIT_MM:g} mm. "
                "A larger offset usually means the wrong layout or paper size is chosen.",
                field=field,
            )
        checked.append(number + 0.0)  # -0.0 becomes 0.0
    return Calibration(checked[0], checked[1])


def load_calibrations(path: Path | None = None) -> dict[str, Calibration]:
    """Every saved calibration by layout identifier; {} if there is no usable file."""
    target = path if path is not None else default_path()
    try:
        document = json.loads(target.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return {}
    except (OSError, UnicodeDecodeError, ValueError, RecursionError) as exc:
        _log.warning("Ignoring the badge calibration file %s: %s", target, exc)
        return {}
    entries = document.get("layouts") if isinstance(document, dict) else None
    if not isinstance(entries, dict):
        _log.warning("Ignoring the badge calibration file %s: no 'layouts' table", target)
        return {}
    result: dict[str, Calibration] = {}
    for layout_id, entry in entries.items():
        try:
            result[layout_id] = check_calibration(entry["dx_mm"], entry["dy_mm"])
        except (TypeError, KeyError, UserError) as exc:
            _log.warning("Ignoring the badge calibration of %r in %s: %s", layout_id, target, exc)
    return result


def save_calibration(layout_id: str, calibration: Calibration, path: Path | None = None) -> None:
    """Store `calibration` for `layout_id`, keeping the other layouts' entries. Creates the
    folder if it is missing; a folder that cannot be written raises a UserError."""
    checked = check_calibration(calibration.dx_mm, calibration.dy_mm)
    target = path if path is not None else default_path()
    entries = load_calibrations(target)
    entries[layout_id] = checked
    document = {
        "version": FILE_VERSION,
        "layouts": {
            key: {"dx_mm": value.dx_mm, "dy_mm": value.dy_mm}
            for key, value in sorted(entries.items())
        },
    }
    text = json.dumps(document, indent=2, ensure_ascii=False) + "\n"
    folder = target.parent
    try:
        folder.mkdir(parents=True, exist_ok=True)
        handle, temp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".part", dir=folder)
    except OSError as exc:
        raise _save_problem(folder, exc) from exc
    temp = Path(temp_name)
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as stream:
            stream.write(text)
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(temp, target)
    except OSError as exc:
        temp.unlink(missing_ok=True)
        raise _save_problem(folder, exc) from exc
    except BaseException:
        temp.unlink(missing_ok=True)
        raise


def _save_problem(folder: Path, exc: OSError) -> UserError:
    if isinstance(exc, PermissionError):
        reason = "you may not write in that folder"
    elif isinstance(exc, FileExistsError | NotADirectoryError):
        reason = "a file is in the way of that folder"
    else:
        reason = exc.strerror or str(exc)
    return UserError(
        f"The badge calibration could not be saved in {folder} ({reason}). "
        "Check that the folder can be written to, then save the calibration again."
    )
