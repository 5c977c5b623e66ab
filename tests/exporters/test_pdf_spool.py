"""exporters/pdf_spool.py: finished pages wait on disk, the file is streamed out, and it is the
file plain reportlab writes; the spool never outlives the canvas."""

from __future__ import annotations

import gc
import io
import os
import random
import tracemalloc
from pathlib import Path
from typing import Any

import pypdf
import pytest
from PIL import Image
from reportlab import rl_config
from reportlab.pdfgen.canvas import Canvas

from budapest_desk.core.progress import Cancelled, CancelToken
from budapest_desk.exporters import typeset
from budapest_desk.exporters.badges_pdf import BadgeOptions, write_badges
from budapest_desk.exporters.fonts import FontKey, Script, register_fonts
from budapest_desk.exporters.label_sheets import Calibration
from budapest_desk.exporters.pdf_spool import SpoolingCanvas
from tests.exporters.pdfcheck import page_texts
from tests.exporters.samples import EVENT, registration

A4 = (595.0, 842.0)
LATIN = FontKey(Script.LATIN).name
FD_DIR = Path("/proc/self/fd")
needs_proc = pytest.mark.skipif(not FD_DIR.is_dir(), reason="open files are listed in /proc")


def _canvas(cls: type[Canvas], target: str | io.BytesIO, **kwargs: Any) -> Canvas:
    register_fonts()
    return cls(target, pagesize=A4, initialFontName=LATIN, **kwargs)  # type: ignore[arg-type]


def _draw_pages(canvas: Canvas, pages: int, logo: Path | None = None) -> None:
    for n in range(1, pages + 1):
        canvas.setFont(LATIN, 14)
        canvas.drawString(72, 760, f"Page {n}: Kovács Gyöngyvér, Ołeksandr Шевченко")
        canvas.setFont(FontKey(Script.GEORGIAN, True).name, 12)
        canvas.drawString(72, 730, "ნინო ბერიძე")
        arabic = typeset.fit("عبدالله خان", 300, 14, 14)
        typeset.draw(canvas, arabic.lines[0], 72, 700, arabic.size)
        canvas.setFillColorRGB(0.1, 0.4, 0.8)
        canvas.rect(72, 100 + n, 200, 50, stroke=0, fill=1)
        if logo is not None:
            canvas.drawImage(str(logo), 400, 700, 40, 40)
        canvas.showPage()


@pytest.mark.parametrize(("compression", "a85"), [(1, 1), (1, 0), (0, 1)])
def test_the_file_is_the_one_reportlab_writes_byte_for_byte(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, compression: int, a85: int
) -> None:
    monkeypatch.setattr(rl_config, "useA85", a85)
    logo = tmp_path / "logo.png"
    Image.new("RGB", (20, 20), (200, 30, 30)).save(logo)
    plain = io.BytesIO()
    canvas = _canvas(Canvas, plain, invariant=1, pageCompression=compression)
    canvas.setTitle("Spooled")
    _draw_pages(canvas, 12, logo)
    canvas.save()

    path = tmp_path / "spooled.pdf"
    canvas = _canvas(SpoolingCanvas, str(path), invariant=1, pageCompression=compression)
    canvas.setTitle("Spooled")
    _draw_pages(canvas, 12, logo)
    canvas.save()
    assert path.read_bytes() == plain.getvalue()

    # and getpdfdata, which reads the spooled pages back through reportlab's own formatting
    canvas = _canvas(SpoolingCanvas, str(tmp_path / "unused.pdf"), invariant=1)
    canvas.setTitle("Spooled")
    _draw_pages(canvas, 12, logo)
    data = canvas.getpdfdata()
    assert data.startswith(b"%PDF-")
    assert data.rstrip().endswith(b"%%EOF")


def test_readers_read_every_page(tmp_path: Path) -> None:
    path = tmp_path / "pages.pdf"
    canvas = _canvas(SpoolingCanvas, str(path), pageCompression=1)
    _draw_pages(canvas, 40)
    canvas.save()
    texts = page_texts(path)
    assert len(texts) == 40
    for n, text in enumerate(texts, 1):
        assert f"Page {n}: Kovács Gyöngyvér, Ołeksandr Шевченко" in text
        assert "ნინო ბერიძე" in text
        assert "عبدالله خان" in text
    assert len(pypdf.PdfReader(path, strict=True).pages) == 40


def _draw_busy_pages(canvas: Canvas, pages: int, rng: random.Random) -> None:
    """Pages of some 25 KB of drawing each, that do not compress to nothing (as badges)."""
    for _ in range(pages):
        for _ in range(600):
            canvas.rect(rng.uniform(0, 500), rng.uniform(0, 800), rng.uniform(1, 9), 3, fill=1)
        canvas.showPage()


def test_memory_does_not_grow_with_the_pages(tmp_path: Path) -> None:
    """A finished page leaves a few KB in memory (not its content), and save() never holds the
    file: reportlab's own canvas keeps ~25 KB a page and builds the whole file in memory."""
    rng = random.Random(7)
    path = tmp_path / "busy.pdf"
    canvas = _canvas(SpoolingCanvas, str(path), pageCompression=1)
    tracemalloc.start()
    try:
        _draw_busy_pages(canvas, 10, rng)
        gc.collect()
        after_10, _ = tracemalloc.get_traced_memory()
        _draw_busy_pages(canvas, 80, rng)
        gc.collect()
        after_90, _ = tracemalloc.get_traced_memory()
        tracemalloc.reset_peak()
        canvas.save()
        _, saving = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    per_page = (after_90 - after_10) / 80
    assert per_page < 4000, f"{per_page:.0f} bytes kept per finished page"
    size = path.stat().st_size
    assert size > 800_000  # the pages are really there
    assert saving - after_90 < size / 5, f"save() held {saving - after_90} bytes of {size}"
    assert len(pypdf.PdfReader(path).pages) == 90


def _open_in(folder: Path) -> list[str]:
    """The files this process has open in `folder` (the spool shows as "#123 (deleted)")."""
    found = []
    for fd in FD_DIR.iterdir():
        try:
            target = os.readlink(fd)
        except OSError:  # closed meanwhile (the listing's own)
            continue
        if target.startswith(f"{folder}{os.sep}"):
            found.append(target)
    return found


@needs_proc
def test_the_spool_is_beside_the_target_and_gone_after_save(tmp_path: Path) -> None:
    folder = tmp_path / "out"
    folder.mkdir()
    canvas = _canvas(SpoolingCanvas, str(folder / "a.pdf"), pageCompression=1)
    _draw_pages(canvas, 3)
    assert len(_open_in(folder)) == 1  # the spool, nameless: nothing in the folder's listing
    assert list(folder.iterdir()) == []
    canvas.save()
    assert _open_in(folder) == []
    assert [p.name for p in folder.iterdir()] == ["a.pdf"]


@needs_proc
def test_an_abandoned_canvas_leaves_nothing(tmp_path: Path) -> None:
    folder = tmp_path / "out"
    folder.mkdir()
    canvas = _canvas(SpoolingCanvas, str(folder / "a.pdf"), pageCompression=1)
    _draw_pages(canvas, 2)
    closed = _canvas(SpoolingCanvas, str(folder / "b.pdf"), pageCompression=1)
    _draw_pages(closed, 2)
    assert len(_open_in(folder)) == 2
    closed.close()
    assert len(_open_in(folder)) == 1
    del canvas
    gc.collect()
    assert _open_in(folder) == []
    assert list(folder.iterdir()) == []


@needs_proc
def test_cancelled_badges_close_their_spool_at_once(tmp_path: Path) -> None:
    folder = tmp_path / "out"
    folder.mkdir()
    token = CancelToken()

    def progress(done: int, total: int) -> None:
        assert _open_in(folder)  # pages are being spooled beside the target
        if done >= 8:
            token.cancel()

    rows = [registration(i + 1) for i in range(40)]
    # The exception is kept, as the UI keeps it to report: its traceback holds the canvas.
    with pytest.raises(Cancelled) as cancelled:
        write_badges(
            folder / "badges.pdf",
            EVENT,
            rows,
            BadgeOptions(layout="a6-4up", calibration=Calibration()),
            progress=progress,
            cancel=token,
        )
    assert _open_in(folder) == []  # closed by write_badges itself, not left to the collector
    assert list(folder.iterdir()) == []
    assert cancelled.traceback  # still held
