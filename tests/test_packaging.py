"""The wheel carries what the installed app needs: migrations and resources."""

from __future__ import annotations

import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from budapest_desk import resources

ROOT = Path(__file__).resolve().parents[1]


def test_resources_are_read_through_one_module() -> None:
    assert resources.read_bytes("icons", "budapest-desk.svg").startswith(b"<svg")
    with pytest.raises(FileNotFoundError, match=r"resources/icons/missing\.svg"):
        resources.read_bytes("icons", "missing.svg")


def test_wheel_contains_migrations_and_resources(tmp_path: Path) -> None:
    uv = shutil.which("uv") or str(Path(sys.executable).with_name("uv"))
    if not Path(uv).exists():
        pytest.skip("uv is not installed in this environment (make installs it)")
    subprocess.run(
        [uv, "build", "--wheel", "--quiet", "--out-dir", str(tmp_path), str(ROOT)],
        check=True,
        capture_output=True,
        timeout=300,
    )
    (wheel,) = tmp_path.glob("budapest_desk-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    expected = {
        "budapest_desk/resources/icons/budapest-desk.svg",
        "budapest_desk/resources/fonts/NotoSansBengali-Regular.ttf",
        "budapest_desk/resources/fonts/NotoNaskhArabic-Regular.ttf",
        "budapest_desk/resources/fonts/OFL.txt",
        "budapest_desk/db/migrations/env.py",
        "budapest_desk/db/migrations/script.py.mako",
        "budapest_desk/py.typed",
    }
    assert expected <= names
    versions = ROOT / "src/budapest_desk/db/migrations/versions"
    for migration in versions.glob("*.py"):
        assert f"budapest_desk/db/migrations/versions/{migration.name}" in names
