"""A reportlab canvas whose memory does not grow with its pages.

reportlab's Canvas keeps every finished page in memory until save(): its content stream, as
uncompressed text (some 30 KB for a page of four badges), and its page object with its
dictionaries; save() then formats the whole file into one bytes object. SpoolingCanvas, when a
page is finished, formats the page object and its content stream (compressed) as reportlab
would at save time, appends them to a spool (an anonymous temporary file) and forgets them.
What stays in memory per page is three numbers in arrays, 24 bytes: the page object's number,
for the page tree's Kids, and the file offsets of the page and of its content stream, for the
cross-reference table. (Any PDF writer keeps as much: the table lists every object's offset and
comes at the end of the file.) save() writes the header, copies the spool after it, then writes
the objects still in memory (fonts, images, the page tree, the catalogue, the info) one by one
as they are formatted, the cross-reference table and the trailer.

The objects are reportlab's own, numbered and formatted by reportlab; only their order in the
file differs from plain reportlab's (the pages come first, the rest after them), so the file is
not byte for byte the same: tests/exporters/test_pdf_spool.py checks that it renders as plain
reportlab's does, that its cross-reference table points at every object, and that the page
streams are the same. A page is kept in memory, as reportlab would, when the document is
encrypted (the key is made at save time) or when it refers to something not defined yet (a
form drawn before it is made); a reference to a written page by its name (a bookmark, a link)
still finds its number.

The spool is made in the target's own folder, where the PDF is going anyway (the system's
temporary folder may be held in memory), with tempfile.TemporaryFile: a file without a name on
Linux, unlinked at once on other POSIX systems and deleted by Windows when it is closed, so
that nothing is left behind even by a crash. It is closed by save(), getpdfdata() and close(),
and for a canvas abandoned on the way (Cancel, an error) when the canvas is collected.

_write_pdf repeats what reportlab 5.1's PDFDocument.GetPDFData and format do (pdfbase/pdfdoc.py),
and SpoolingCanvas relies on how PDFDocument names and numbers its objects; requirements.lock
pins that version, and the tests named above fail if a new one works differently.
"""

from __future__ import annotations

import copy
import io
import os
import shutil
import tempfile
import weakref
from array import array
from collections.abc import Iterator
from typing import IO, Any

from reportlab import rl_config
from reportlab.pdfbase.pdfdoc import (
    NoEncryption,
    PDFFile,
    PDFIndirectObject,
    PDFPage,
    PDFPages,
    PDFTrailer,
    pdfdocEnc,
)
from reportlab.pdfgen.canvas import Canvas

_NONE = -1  # in an offsets array: not written yet


class _Spool:
    """An anonymous temporary file that finished pages are appended to, created with the first
    page, and copied into the PDF by save()."""

    def __init__(self, folder: str | None) -> None:
        self._folder = folder
        self._file: IO[bytes] | None = None
        self.size = 0
        self.closed = False

    def append(self, data: bytes) -> int:
        """Store `data`; returns its offset."""
        if self.closed:
            raise ValueError("the page spool is closed")
        if self._file is None:
            # Closed by close(), which the canvas calls (or its finalizer).
            self._file = tempfile.TemporaryFile(dir=self._folder)  # noqa: SIM115
        offset = self.size
        self._file.write(data)
        self.size += len(data)
        return offset

    def copy_to(self, target: IO[bytes]) -> None:
        """Write everything stored to `target`."""
        if self.closed:
            raise ValueError("the page spool is closed")
        if self._file is None:
            return
        self._file.flush()
        self._file.seek(0)
        shutil.copyfileobj(self._file, target)
        if self._file.tell() != self.size:
            raise OSError(f"the page spool ends {self.size - self._file.tell()} bytes too early")

    def close(self) -> None:
        self.closed = True
        if self._file is not None:
            self._file.close()
            self._file = None


class _Numbers(dict[str, tuple[int, int]]):
    """PDFDocument.idToObjectNumberAndVersion, whose written pages leave it: a page is still
    found by its name ("Page7", reportlab's name for the 7th page; a bookmark or a link refers
    to a page so) in the numbers of the pages."""

    def __init__(self, entries: dict[str, tuple[int, int]], pages: array[int]) -> None:
        super().__init__(entries)
        self._pages = pages

    def __missing__(self, name: str) -> tuple[int, int]:
        index = int(name[4:]) - 1 if name.startswith("Page") and name[4:].isdigit() else -1
        if 0 <= index < len(self._pages):
            return (self._pages[index], 0)
        raise KeyError(name)


def _comment(obj: object, oid: str) -> bytes:
    """The comment reportlab writes before each object, unless invariant or told not to."""
    if rl_config.invariant or not rl_config.pdfComments:
        return b""
    return pdfdocEnc(f"% {oid!a}: class {obj.__class__.__name__[:50]} \n")


class SpoolingCanvas(Canvas):
    """A reportlab Canvas that writes each finished page to disk, keeping only its object
    number and offsets (see the module's description). Used like Canvas; close() discards the
    spool of a canvas that will not be saved (save() closes it itself)."""

    # reportlab's own attributes, which its stubs do not declare
    _doc: Any  # PDFDocument, whose internals the stubs do not declare either
    _code: list[str]
    _filename: str | IO[bytes]

    def __init__(self, filename: str | IO[bytes], *args: Any, **kwargs: Any) -> None:
        # Before Canvas.__init__, which may call setEncrypt.
        self._page_numbers = array("q")  # each page's object number, in page order
        self._offsets = array("q")  # by object number: its offset in the spool, or _NONE
        self._spooled = 0  # pages written to the spool
        super().__init__(filename, *args, **kwargs)
        folder = os.path.dirname(os.path.abspath(filename)) if isinstance(filename, str) else None
        self._spool = _Spool(folder)
        self._close_spool = weakref.finalize(self, self._spool.close)
        doc = self._doc
        doc.idToObjectNumberAndVersion = _Numbers(
            doc.idToObjectNumberAndVersion, self._page_numbers
        )

    def setEncrypt(self, encrypt: Any) -> None:
        if encrypt and self._spooled:
            raise ValueError("encryption must be set before the first page is finished")
        super().setEncrypt(encrypt)

    def showPage(self) -> None:
        doc = self._doc
        pages: list[Any] = doc.Pages.pages  # PDFPage objects, as reportlab named them
        before = len(pages)
        super().showPage()
        finished = pages[before:]
        del pages[before:]  # the page tree's Kids are made from _page_numbers
        for page in finished:
            self._page_numbers.append(doc.idToObjectNumberAndVersion[page.__InternalName__][0])
            if isinstance(doc.encrypt, NoEncryption):
                self._spool_page(page)

    def _spool_page(self, page: Any) -> None:
        """Format the page and its content stream, append them to the spool and forget them
        (left in memory for save() if the page refers to something not defined yet)."""
        doc = self._doc
        page_id: str = page.__InternalName__
        own_stream = not page.Contents  # made (and numbered) by formatting the page
        try:
            formatted_page = PDFIndirectObject(page_id, page).format(doc)
        except KeyError:  # "forward reference … not resolved": left for save()
            return
        written = [(page_id, page, formatted_page)]
        if own_stream:
            stream = page.Contents
            stream_id = stream.__InternalName__
            written.append((stream_id, stream, PDFIndirectObject(stream_id, stream).format(doc)))
        for oid, obj, formatted in written:
            comment = _comment(obj, oid)
            offset = self._spool.append(comment + formatted) + len(comment)
            number = doc.idToObjectNumberAndVersion.pop(oid)[0]
            del doc.numberToId[number]
            del doc.idToObject[oid]
            if len(self._offsets) <= number:
                self._offsets.extend([_NONE] * (number + 1 - len(self._offsets)))
            self._offsets[number] = offset
        self._spooled += 1

    def save(self) -> None:
        try:
            if len(self._code):
                self.showPage()
            target = self._filename
            if isinstance(target, str):
                with open(target, "wb") as out:
                    self._write(out)
            else:
                self._write(target)
        finally:
            self.close()

    def getpdfdata(self) -> bytes:
        try:
            if len(self._code):
                self.showPage()
            buffer = io.BytesIO()
            self._write(buffer)
            return buffer.getvalue()
        finally:
            self.close()

    def _write(self, file: IO[bytes]) -> None:
        doc = self._doc
        if getattr(doc, "_digiSigs", None):  # (reportlab's commercial edition signs files)
            raise ValueError("a spooling canvas cannot sign its file")
        if getattr(doc, "_savedToFile", False):
            raise RuntimeError("a canvas can only be saved once")
        doc._savedToFile = True
        if not isinstance(doc.encrypt, NoEncryption) and self._spooled:
            raise ValueError("encryption must be set before the first page is finished")
        _write_pdf(doc, self, file, self._spool, self._offsets, self._page_numbers)

    def close(self) -> None:
        """Remove the spool; the canvas cannot be saved after this."""
        self._close_spool()


class _Out:
    """Bytes written to a file, counted for the offsets of the cross-reference table."""

    def __init__(self, file: IO[bytes]) -> None:
        self._file = file
        self.offset = 0

    def add(self, data: bytes) -> int:
        """Write `data`; returns the offset it was written at."""
        at = self.offset
        self._file.write(data)
        self.offset += len(data)
        return at


_CHUNK = 1024  # Kids and cross-reference entries written so many at a time


def _page_tree(number: int, pages: array[int]) -> Iterator[bytes]:
    """The page tree object, as PDFPages formats it, its Kids from the pages' numbers."""
    yield b"%d 0 obj\n<<\n /Count %d\n /Kids [ " % (number, len(pages))
    for start in range(0, len(pages), _CHUNK):
        if start:
            yield b"\n "
        yield b"\n ".join(b"%d 0 R" % n for n in pages[start : start + _CHUNK])
    yield b" ]\n /Type /Pages\n>>\nendobj\n"


def _write_pdf(
    doc: Any,
    canvas: Canvas,
    file: IO[bytes],
    spool: _Spool,
    offsets: array[int],
    pages: array[int],
) -> None:
    """reportlab 5.1's PDFDocument.GetPDFData and format, each object written to `file` when it
    is formatted instead of all of them kept and joined, after the spooled ones (whose offsets
    in the spool are `offsets`); `pages` are the object numbers of the pages. (`doc` is a
    PDFDocument, typed Any: reportlab's stubs do not declare the internals used here.)"""
    # GetPDFData: the delayed fonts' objects, the info, the outline.
    for font in doc.delayedFonts:
        font.addObjects(doc)
    doc.info.invariant = doc.invariant
    doc.info.digest(doc.signature)
    doc.Reference(doc.Catalog)
    doc.Reference(doc.info)
    doc.Outlines.prepare(doc, canvas)
    if doc.Outlines.ready < 0:
        doc.Catalog.Outlines = None
    # format: the objects one by one, in the order of their numbers, until there are no more
    # (formatting an object may register new ones), then the cross-reference table.
    doc.encrypt.prepare(doc)
    catalog, info = doc.Catalog, doc.info
    doc.Reference(catalog)
    doc.Reference(info)
    encrypt_info = doc.encrypt.info()
    encrypt_ref = doc.Reference(encrypt_info) if encrypt_info else None
    out = _Out(file)
    out.add(PDFFile(doc._pdfVersion).format(doc))  # the header
    base = out.offset
    spool.copy_to(file)
    out.offset += spool.size
    found = array("q", offsets)  # from here on: offsets in the file
    written = 0
    number = 0
    while True:
        number += 1
        if number < len(found) and found[number] != _NONE:
            found[number] += base
            written += 1
            continue
        if number not in doc.numberToId:
            break
        oid = doc.numberToId[number]
        obj = doc.idToObject[oid]
        comment = _comment(obj, oid)
        if comment:
            out.add(comment)
        if len(found) <= number:
            found.extend([_NONE] * (number + 1 - len(found)))
        if isinstance(obj, PDFPages) and obj is doc.Pages:
            found[number] = out.offset
            for data in _page_tree(number, pages):
                out.add(data)
            continue
        if isinstance(obj, PDFPage):
            # Formatting a page gives it its MediaBox, Resources and Parent for good; a copy
            # keeps those objects from piling up, a set per page, until the end.
            obj = copy.copy(obj)
        found[number] = out.add(PDFIndirectObject(oid, obj).format(doc))
    count = number - 1
    if count != len(doc.numberToId) + written:
        raise ValueError(f"object number {number} does not match the objects")
    xref_offset = out.add(b"xref\n0 %d\n0000000000 65535 f \n" % (count + 1))
    for start in range(1, count + 1, _CHUNK):
        end = min(start + _CHUNK, count + 1)
        out.add(b"".join(b"%010d 00000 n \n" % found[n] for n in range(start, end)))
    trailer = PDFTrailer(
        startxref=xref_offset,
        Size=count + 1,
        Root=doc.Reference(catalog),
        Info=doc.Reference(info),
        Encrypt=encrypt_ref,
        ID=doc.ID(),
    )
    out.add(trailer.format(doc))
