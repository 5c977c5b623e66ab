"""The Qt system-library check names the Debian package to install."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from budapest_desk import sysdeps


def test_advice_names_debian_packages() -> None:
    text = sysdeps.advice(["libxcb-cursor.so.0", "libEGL.so.1", "libunknown.so.9"])
    assert "sudo apt-get install libegl1 libxcb-cursor0" in text
    assert "apt-file search libunknown.so.9" in text


def test_qt_libraries_are_all_here_on_this_machine() -> None:
    assert sysdeps.missing_libraries("offscreen") == []
    assert sysdeps.quick_missing_libraries("offscreen") == []


@pytest.mark.skipif(shutil.which("cc") is None, reason="no C compiler to build a test library")
def test_a_really_missing_library_is_found(tmp_path: Path) -> None:
    """Build a library that links against another, delete that one, and ask ldd."""
    (tmp_path / "gone.c").write_text("int gone(void) { return 1; }\n")
    (tmp_path / "user.c").write_text("int gone(void);\nint user(void) { return gone(); }\n")
    cc = ["cc", "-shared", "-fPIC"]
    subprocess.run([*cc, "-o", tmp_path / "libgone.so.1", "-Wl,-soname,libgone.so.1",
                    tmp_path / "gone.c"], check=True)  # fmt: skip
    subprocess.run([*cc, "-o", tmp_path / "libuser.so", tmp_path / "user.c",
                    tmp_path / "libgone.so.1"], check=True)  # fmt: skip
    assert sysdeps.unresolved([tmp_path / "libuser.so"], tmp_path) == []
    (tmp_path / "libgone.so.1").unlink()
    assert sysdeps.unresolved([tmp_path / "libuser.so"], tmp_path) == ["libgone.so.1"]
