"""exporters/pdf_spool.py: finished pages go to disk, leaving a few numbers in memory; the file
is streamed out, and it is plain reportlab's file with its objects in another order (the same
pages, streams, text, fonts and pixels, a table that points at every object); the spool never
outlives the canvas."""

from __future__ import annotations

import gc
import io
import os
import random
import shutil
import subprocess
import tracemalloc
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pypdf
import pypdfium2
import pytest
from PIL import Image
from reportlab import rl_config
from reportlab.pdfgen.canvas import Canvas

from budapest_desk.core.participants import Delegation, Participant, Variant
from budapest_desk.core.progress import Cancelled, CancelToken
from budapest_desk.exporters import typeset
from budapest_desk.exporters.badges_pdf import BadgeOptions, write_badges
from budapest_desk.exporters.fonts import FontKey, Script, register_fonts
from budapest_desk.exporters.label_sheets import Calibration
from budapest_desk.exporters.participants_pdf import write_participants_pdf
from budapest_desk.exporters.pdf_spool import SpoolingCanvas
from tests.exporters.pdfcheck import BASE_14, fonts_used, page_texts, xref_problems
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


def _rendered(path: Path) -> list[bytes]:
    """Each page as PDFium draws it (at 50 dpi), pixel by pixel."""
    pdf = pypdfium2.PdfDocument(str(path))
    try:
        return [page.render(scale=50 / 72).to_pil().tobytes() for page in pdf]
    finally:
        pdf.close()


def _streams(path: Path) -> list[bytes]:
    """Each page's content stream, decoded."""
    return [page.get_contents().get_data() for page in pypdf.PdfReader(path).pages]


def _both(tmp_path: Path, draw: Callable[[Canvas], None], **kwargs: Any) -> tuple[Path, Path]:
    """The same drawing saved by plain reportlab and by SpoolingCanvas."""
    paths = []
    for cls in (Canvas, SpoolingCanvas):
        path = tmp_path / f"{cls.__name__}.pdf"
        canvas = _canvas(cls, str(path), **kwargs)
        canvas.setTitle("Spooled")
        draw(canvas)
        canvas.save()
        paths.append(path)
    return paths[0], paths[1]


@pytest.mark.parametrize(("compression", "a85"), [(1, 1), (1, 0), (0, 1)])
def test_the_file_is_reportlabs_own_in_another_order(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, compression: int, a85: int
) -> None:
    """The same pages, streams, text, fonts and pixels as plain reportlab's file, and a table
    that points at every object (the pages are written first, so not byte for byte)."""
    monkeypatch.setattr(rl_config, "useA85", a85)
    logo = tmp_path / "logo.png"
    Image.new("RGB", (20, 20), (200, 30, 30)).save(logo)
    plain, spooled = _both(
        tmp_path, lambda c: _draw_pages(c, 12, logo), invariant=1, pageCompression=compression
    )
    assert xref_problems(spooled) == []
    assert len(pypdf.PdfReader(spooled, strict=True).pages) == 12
    assert _streams(spooled) == _streams(plain)
    assert page_texts(spooled) == page_texts(plain)
    assert fonts_used(spooled) == fonts_used(plain)
    assert all(fonts_used(spooled).values())  # every font embedded
    assert not set(fonts_used(spooled)) & BASE_14
    assert _rendered(spooled) == _rendered(plain)
    metadata = pypdf.PdfReader(spooled).metadata
    assert metadata is not None
    assert metadata.title == "Spooled"


def test_getpdfdata_gives_the_file_save_writes(tmp_path: Path) -> None:
    path = tmp_path / "saved.pdf"
    canvas = _canvas(SpoolingCanvas, str(path), invariant=1, pageCompression=1)
    _draw_pages(canvas, 5)
    canvas.save()
    canvas = _canvas(SpoolingCanvas, str(tmp_path / "unused.pdf"), invariant=1, pageCompression=1)
    _draw_pages(canvas, 5)
    assert canvas.getpdfdata() == path.read_bytes()
    assert not (tmp_path / "unused.pdf").exists()


@pytest.mark.skipif(shutil.which("qpdf") is None, reason="qpdf is not installed (apt: qpdf)")
def test_qpdf_finds_nothing_wrong(tmp_path: Path) -> None:
    """qpdf's own check of a file we wrote object by object (where qpdf is installed; the
    cross-reference is checked everywhere by pdfcheck.xref_problems)."""
    path = tmp_path / "pages.pdf"
    canvas = _canvas(SpoolingCanvas, str(path), pageCompression=1)
    _draw_pages(canvas, 30)
    canvas.save()
    damaged = tmp_path / "damaged.pdf"  # and the check would see a broken cross-reference
    data = path.read_bytes()
    at = data.rindex(b"startxref\n") + len(b"startxref\n")
    damaged.write_bytes(data[:at] + b"1" + data[at:])
    for pdf, sound in ((path, True), (damaged, False)):
        done = subprocess.run(["qpdf", "--check", str(pdf)], capture_output=True, text=True)
        said = done.stdout + done.stderr
        assert (done.returncode == 0 and "WARNING" not in said) == sound, said


def test_bookmarks_and_links_find_written_pages(tmp_path: Path) -> None:
    """A bookmark refers to its page by reportlab's name for it, resolved at save(), when the
    page has long left memory."""

    def draw(canvas: Canvas) -> None:
        for n in range(1, 7):
            canvas.bookmarkPage(f"p{n}")
            canvas.addOutlineEntry(f"Page {n}", f"p{n}")
            if n == 6:
                canvas.linkAbsolute("to page 2", "p2", (72, 72, 200, 100))
            canvas.drawString(72, 760, f"Page {n}")
            canvas.showPage()

    plain, spooled = _both(tmp_path, draw, invariant=1, pageCompression=1)
    assert xref_problems(spooled) == []
    reader = pypdf.PdfReader(spooled, strict=True)
    outline = [item for item in reader.outline if isinstance(item, pypdf.generic.Destination)]
    assert [item.title for item in outline] == [f"Page {n}" for n in range(1, 7)]
    assert [reader.get_destination_page_number(item) for item in outline] == list(range(6))
    link = reader.pages[5]["/Annots"][0].get_object()
    assert link["/Dest"][0] == reader.pages[1].indirect_reference
    assert _rendered(spooled) == _rendered(plain)


def test_a_form_used_before_it_is_made_keeps_its_page_for_save(tmp_path: Path) -> None:
    def draw(canvas: Canvas) -> None:
        canvas.doForm("seal")  # made on the next page
        canvas.drawString(72, 760, "Page 1")
        canvas.showPage()
        canvas.beginForm("seal")
        canvas.circle(300, 400, 50, fill=1)
        canvas.endForm()
        canvas.doForm("seal")
        canvas.drawString(72, 760, "Page 2")
        canvas.showPage()

    plain, spooled = _both(tmp_path, draw, invariant=1, pageCompression=1)
    assert xref_problems(spooled) == []
    assert page_texts(spooled) == ["Page 1", "Page 2"]
    assert _rendered(spooled) == _rendered(plain)


def test_an_encrypted_file_keeps_its_pages_for_save(tmp_path: Path) -> None:
    """The key is made at save(), so an encrypted document's pages wait in memory."""
    path = tmp_path / "secret.pdf"
    canvas = _canvas(SpoolingCanvas, str(path), pageCompression=1, encrypt="secret")
    _draw_pages(canvas, 3)
    canvas.save()
    assert xref_problems(path) == []
    reader = pypdf.PdfReader(path)
    assert reader.is_encrypted
    pdf = pypdfium2.PdfDocument(str(path), password="secret")
    try:
        text = pdf[2].get_textpage().get_text_range()
    finally:
        pdf.close()
    assert "Page 3: Kovács Gyöngyvér" in text


def test_encryption_cannot_come_after_a_page(tmp_path: Path) -> None:
    canvas = _canvas(SpoolingCanvas, str(tmp_path / "late.pdf"), pageCompression=1)
    _draw_pages(canvas, 1)
    with pytest.raises(ValueError, match="before the first page"):
        canvas.setEncrypt("secret")
    canvas.close()


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
    assert xref_problems(path) == []


def _draw_busy_pages(canvas: Canvas, pages: int, rng: random.Random) -> None:
    """Pages of some 8 KB of drawing each, that do not compress to nothing (as badges)."""
    for _ in range(pages):
        for _ in range(200):
            canvas.rect(rng.uniform(0, 500), rng.uniform(0, 800), rng.uniform(1, 9), 3, fill=1)
        canvas.showPage()


def test_memory_does_not_grow_with_the_pages(tmp_path: Path) -> None:
    """A finished page leaves its object number and two offsets in memory (24 bytes), and
    save() holds neither the file nor anything per page: reportlab's own canvas keeps every
    page's drawing and builds the whole file in memory (and this canvas, when it kept the page
    objects until save(), held ~2.5 KB a page)."""
    rng = random.Random(7)
    path = tmp_path / "busy.pdf"
    canvas = _canvas(SpoolingCanvas, str(path), pageCompression=1)
    tracemalloc.start()
    try:
        _draw_busy_pages(canvas, 10, rng)
        gc.collect()
        after_10, _ = tracemalloc.get_traced_memory()
        _draw_busy_pages(canvas, 120, rng)
        gc.collect()
        after_130, _ = tracemalloc.get_traced_memory()
        tracemalloc.reset_peak()
        canvas.save()
        _, saving = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    per_page = (after_130 - after_10) / 120
    assert per_page < 150, f"{per_page:.0f} bytes kept per finished page"
    size = path.stat().st_size
    assert size > 450_000  # the pages are really there
    # The fonts are formatted whole at save (~140 KB here); nothing else.
    assert saving - after_130 < 250_000, f"save() held {saving - after_130} bytes of {size}"
    assert len(pypdf.PdfReader(path).pages) == 130
    assert xref_problems(path) == []


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


class _Broken(Exception):
    """An error in the middle of a document (a bug, a full disk)."""


def _people(count: int) -> list[Delegation]:
    people = tuple(
        Participant(
            registration_id=i,
            title="",
            first_name="Gyöngyvér",
            last_name=f"Kovács {i}",
            badge_name="",
            position="Adviser",
            organisation="Ministry of Interior",
            email="",
            category="Delegate",
            head_of_delegation=False,
            checkin_code="",
        )
        for i in range(count)
    )
    return [Delegation("country:HU", "Hungary", "country", people)]


@needs_proc
@pytest.mark.parametrize("stop", ["cancel", "error"])
@pytest.mark.parametrize("writer", ["badges", "list"])
def test_a_stopped_writer_closes_its_spool_at_once(tmp_path: Path, writer: str, stop: str) -> None:
    folder = tmp_path / "out"
    folder.mkdir()
    token = CancelToken()

    def progress(done: int, total: int) -> None:
        assert _open_in(folder)  # pages are being spooled beside the target
        if done >= 3:
            if stop == "error":
                raise _Broken
            token.cancel()

    def write() -> object:
        if writer == "badges":
            rows = [registration(i + 1) for i in range(40)]
            options = BadgeOptions(layout="a6-4up", calibration=Calibration())
            return write_badges(
                folder / "badges.pdf", EVENT, rows, options, progress=progress, cancel=token
            )
        return write_participants_pdf(
            folder / "list.pdf",
            EVENT,
            _people(300),
            variant=Variant.INTERNAL,
            progress=progress,
            cancel=token,
        )

    # The exception is kept, as the UI keeps it to report: its traceback holds the canvas.
    with pytest.raises(_Broken if stop == "error" else Cancelled) as stopped:
        write()
    assert _open_in(folder) == []  # closed by the writer itself, not left to the collector
    assert list(folder.iterdir()) == []
    assert stopped.traceback  # still held
