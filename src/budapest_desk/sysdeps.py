"""Check, without importing Qt, that the system libraries Qt needs are installed.

A missing library otherwise shows up as an obscure failure inside a Qt platform plugin
("could not load the Qt platform plugin xcb", which even names the wrong library). This runs
`ldd` over Qt's core libraries and the platform plugins we use and names the Debian package
to install for each missing library. `python -m budapest_desk.sysdeps` exits 1 when something
is missing.
"""

from __future__ import annotations

import ctypes
import importlib.util
import os
import shutil
import subprocess
import sys
from pathlib import Path

# Shared library -> the Debian/Ubuntu package that provides it.
DEBIAN_PACKAGES = {
    "libEGL.so.1": "libegl1",
    "libGL.so.1": "libgl1",
    "libOpenGL.so.0": "libopengl0",
    "libGLX.so.0": "libglx0",
    "libfontconfig.so.1": "libfontconfig1",
    "libfreetype.so.6": "libfreetype6",
    "libglib-2.0.so.0": "libglib2.0-0",
    "libgthread-2.0.so.0": "libglib2.0-0",
    "libdbus-1.so.3": "libdbus-1-3",
    "libxkbcommon.so.0": "libxkbcommon0",
    "libxkbcommon-x11.so.0": "libxkbcommon-x11-0",
    "libX11.so.6": "libx11-6",
    "libX11-xcb.so.1": "libx11-xcb1",
    "libxcb.so.1": "libxcb1",
    "libxcb-cursor.so.0": "libxcb-cursor0",
    "libxcb-icccm.so.4": "libxcb-icccm4",
    "libxcb-image.so.0": "libxcb-image0",
    "libxcb-keysyms.so.1": "libxcb-keysyms1",
    "libxcb-randr.so.0": "libxcb-randr0",
    "libxcb-render-util.so.0": "libxcb-render-util0",
    "libxcb-render.so.0": "libxcb-render0",
    "libxcb-shape.so.0": "libxcb-shape0",
    "libxcb-shm.so.0": "libxcb-shm0",
    "libxcb-sync.so.1": "libxcb-sync1",
    "libxcb-xfixes.so.0": "libxcb-xfixes0",
    "libxcb-xkb.so.1": "libxcb-xkb1",
    "libxcb-util.so.1": "libxcb-util1",
    "libSM.so.6": "libsm6",
    "libICE.so.6": "libice6",
    "libxshmfence.so.1": "libxshmfence1",
    "libzstd.so.1": "libzstd1",
    "libkrb5.so.3": "libkrb5-3",
    "libgssapi_krb5.so.2": "libgssapi-krb5-2",
}


def _qt_dir() -> Path | None:
    spec = importlib.util.find_spec("PySide6")
    if spec is None or not spec.submodule_search_locations:
        return None
    return Path(next(iter(spec.submodule_search_locations)))


def libraries_to_check(qt_dir: Path, platform: str) -> list[Path]:
    libs = [qt_dir / "Qt" / "lib" / f"libQt6{m}.so.6" for m in ("Core", "Gui", "Widgets")]
    plugin = {"offscreen": "libqoffscreen.so", "xcb": "libqxcb.so"}.get(platform)
    if plugin:
        libs.append(qt_dir / "Qt" / "plugins" / "platforms" / plugin)
    return [p for p in libs if p.exists()]


def missing_libraries(platform: str) -> list[str]:
    """Shared libraries that Qt (and the platform plugin) need but the system lacks."""
    qt_dir = _qt_dir()
    if qt_dir is None or sys.platform != "linux" or shutil.which("ldd") is None:
        return []
    return unresolved(libraries_to_check(qt_dir, platform), qt_dir / "Qt" / "lib")


def unresolved(libraries: list[Path], search_path: Path | None = None) -> list[str]:
    """The shared libraries these files need that the dynamic loader cannot find (ldd)."""
    missing: set[str] = set()
    env = dict(os.environ)
    if search_path is not None:
        env["LD_LIBRARY_PATH"] = str(search_path)
    if libraries:
        out = subprocess.run(
            ["ldd", *map(str, libraries)], capture_output=True, text=True, env=env, check=False
        ).stdout
        for line in out.splitlines():
            if "=> not found" in line:
                missing.add(line.split("=>")[0].strip())
    return sorted(missing)


def quick_missing_libraries(platform: str) -> list[str]:
    """Like missing_libraries, but first a cheap try (~20 ms): load the platform plugin, which
    pulls in everything Qt needs; only if that fails, ask ldd for the whole list."""
    qt_dir = _qt_dir()
    if qt_dir is None or sys.platform != "linux":
        return []
    plugin = {"offscreen": "libqoffscreen.so", "xcb": "libqxcb.so"}.get(platform)
    path = qt_dir / "Qt" / "plugins" / "platforms" / plugin if plugin else None
    if path is None or not path.exists():
        return []
    try:
        ctypes.CDLL(str(path), mode=os.RTLD_LAZY)
    except OSError:
        return missing_libraries(platform) or [str(path.name)]
    return []


def advice(missing: list[str]) -> str:
    packages = sorted({DEBIAN_PACKAGES.get(lib, "") for lib in missing} - {""})
    unknown = [lib for lib in missing if lib not in DEBIAN_PACKAGES]
    lines = ["Qt needs system libraries that are not installed: " + ", ".join(missing) + "."]
    if packages:
        lines.append("Install them with:  sudo apt-get install " + " ".join(packages))
    if unknown:
        lines.append("To find the package of the others:  apt-file search " + unknown[0])
    return "\n".join(lines)


def main() -> int:
    platform = os.environ.get("QT_QPA_PLATFORM") or (
        "xcb" if os.environ.get("DISPLAY") else "offscreen"
    )
    missing = missing_libraries(platform.split(":")[0])
    if missing:
        print(advice(missing), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
