"""A reportlab canvas whose memory does not grow with its pages.

reportlab's Canvas keeps every finished page's content stream in memory, as uncompressed text
(some 30 KB for a page of four badges), until save(); save() then formats the whole file into
one bytes object. SpoolingCanvas, when a page is finished, compresses its content stream as
reportlab would at save time, appends the bytes to a spool (an anonymous temporary file) and
leaves in the page a small handle that reads them back when the file is written; save()
writes each PDF object to the file as soon as it is formatted. What stays in memory per page
is reportlab's page object and its bookkeeping, some 2.5 KB. The file is the same, byte for
byte, as plain reportlab writes (tests/exporters/test_pdf_spool.py compares them).

The spool is made in the target's own folder, where the PDF is going anyway (the system's
temporary folder may be held in memory), with tempfile.TemporaryFile: a file without a name on
Linux, unlinked at once on other POSIX systems and deleted by Windows when it is closed, so
that nothing is left behind even by a crash. It is closed by save(), getpdfdata() and close(),
and for a canvas abandoned on the way (Cancel, an error) when the canvas is collected.

_write_pdf repeats reportlab 5.1's PDFDocument.GetPDFData and format (pdfbase/pdfdoc.py), the
only part that knows reportlab's internals; requirements.lock pins that version and the test
above fails if a new one formats differently.
"""

from __future__ import annotations

import copy
import functools
import os
import tempfile
import weakref
from typing import IO, Any

from reportlab import rl_config
from reportlab.pdfbase.pdfdoc import (
    PDFArray,
    PDFBase85Encode,
    PDFCrossReferenceTable,
    PDFDictionary,
    PDFDocument,
    PDFFile,
    PDFIndirectObject,
    PDFName,
    PDFObject,
    PDFPage,
    PDFStream,
    PDFStreamFilterBase85Encode,
    PDFStreamFilterZCompress,
    PDFTrailer,
    PDFZCompress,
    pdfdocEnc,
)
from reportlab.pdfgen.canvas import Canvas


class _Spool:
    """An anonymous temporary file that page streams are appended to and read back from,
    created with the first page."""

    def __init__(self, folder: str | None) -> None:
        self._folder = folder
        self._file: IO[bytes] | None = None
        self._size = 0
        self.closed = False

    def append(self, data: bytes) -> int:
        """Store `data`; returns its offset."""
        if self.closed:
            raise ValueError("the page spool is closed")
        if self._file is None:
            # Closed by close(), which the canvas calls (or its finalizer).
            self._file = tempfile.TemporaryFile(dir=self._folder)  # noqa: SIM115
        offset = self._size
        self._file.seek(offset)
        self._file.write(data)
        self._size += len(data)
        return offset

    def read(self, offset: int, length: int) -> bytes:
        if self._file is None or self.closed:
            raise ValueError("the page spool is closed")
        self._file.seek(offset)
        data = self._file.read(length)
        if len(data) != length:
            raise OSError(f"the page spool ends {length - len(data)} bytes too early")
        return data

    def close(self) -> None:
        self.closed = True
        if self._file is not None:
            self._file.close()
            self._file = None


_Filter = PDFStreamFilterBase85Encode | PDFStreamFilterZCompress
# The filters PDFPage.check_format gives a compressed page, as rl_config.useA85 says.
_A85_FLATE: tuple[_Filter, ...] = (PDFBase85Encode, PDFZCompress)
_FLATE: tuple[_Filter, ...] = (PDFZCompress,)


@functools.cache
def _names(filters: tuple[_Filter, ...]) -> tuple[str, ...]:
    """The PDF names of `filters`, made once and shared by the pages."""
    return tuple(PDFName(f.pdfname) for f in filters)


class _SpooledStream(PDFObject):
    """A page's content stream, encoded by its filters, its bytes waiting in the spool."""

    __RefOnly__ = 1  # an object of its own, referred to by the page (as reportlab's streams)
    __Comment__ = "page stream"

    def __init__(
        self, spool: _Spool, offset: int, length: int, text: bool, filters: tuple[str, ...]
    ) -> None:
        self._spool = spool
        self._offset = offset
        self._length = length
        self._text = text  # reportlab's filters gave a str (ASCII85), the encryption expects it
        self._filters = filters

    def format(self, document: PDFDocument) -> bytes:
        data = self._spool.read(self._offset, self._length)
        content: str | bytes = data.decode("latin-1") if self._text else data
        # With its Filter set, PDFStream formats the content as it is: the dictionary, the
        # encryption (if any) and the framing of the stream are reportlab's own.
        dictionary = PDFDictionary({"Filter": PDFArray(self._filters)})
        formatted: bytes = PDFStream(dictionary, content).format(document)
        return formatted


class SpoolingCanvas(Canvas):
    """A reportlab Canvas that keeps finished pages' content on disk, not in memory (see the
    module's description). Used like Canvas; close() discards the spool of a canvas that will
    not be saved (save() closes it itself)."""

    # reportlab's own attributes, which its stubs do not declare
    _doc: Any  # PDFDocument, whose internals the stubs do not declare either
    _code: list[str]
    _filename: str | IO[bytes]

    def __init__(self, filename: str | IO[bytes], *args: Any, **kwargs: Any) -> None:
        super().__init__(filename, *args, **kwargs)
        folder = os.path.dirname(os.path.abspath(filename)) if isinstance(filename, str) else None
        self._spool = _Spool(folder)
        self._close_spool = weakref.finalize(self, self._spool.close)

    def showPage(self) -> None:
        pages: list[PDFPage] = self._doc.Pages.pages
        before = len(pages)
        super().showPage()
        for page in pages[before:]:
            self._spool_page(page)

    def _spool_page(self, page: PDFPage) -> None:
        """Encode the page's stream as PDFPage.check_format would and move it to the spool."""
        if not page.compression or page.Override_default_compilation:
            return  # left to reportlab: our writers compress every page
        if page.Contents or not page.stream:
            return
        filters = _A85_FLATE if rl_config.useA85 else _FLATE
        content: str | bytes = page.stream
        for f in reversed(filters):
            content = f.encode(content)
        text = isinstance(content, str)
        data = content.encode("latin-1") if isinstance(content, str) else content
        offset = self._spool.append(data)
        page.Contents = _SpooledStream(self._spool, offset, len(data), text, _names(filters))
        page.stream = None

    def save(self) -> None:
        try:
            if len(self._code):
                self.showPage()
            doc = self._doc
            if getattr(doc, "_digiSigs", None):  # a signature needs the whole file in memory
                doc.SaveToFile(self._filename, self)
                return
            if getattr(doc, "_savedToFile", False):
                raise RuntimeError("a canvas can only be saved once")
            doc._savedToFile = True
            target = self._filename
            if isinstance(target, str):
                with open(target, "wb") as out:
                    _write_pdf(doc, self, out)
            else:
                _write_pdf(doc, self, target)
        finally:
            self.close()

    def getpdfdata(self) -> bytes:
        try:
            data: bytes = super().getpdfdata()  # type: ignore[no-untyped-call]
            return data
        finally:
            self.close()

    def close(self) -> None:
        """Remove the spool; the canvas cannot be saved after this."""
        self._close_spool()


class _Out:
    """Bytes written to a file, counted for the offsets of the cross-reference table."""

    def __init__(self, file: IO[bytes]) -> None:
        self._file = file
        self.offset = 0

    def add(self, data: str | bytes) -> int:
        """Write `data`; returns the offset it was written at."""
        encoded = pdfdocEnc(data)
        at = self.offset
        self._file.write(encoded)
        self.offset += len(encoded)
        return at


def _write_pdf(doc: Any, canvas: Canvas, file: IO[bytes]) -> None:
    """reportlab 5.1's PDFDocument.GetPDFData and format, each object written to `file` when it
    is formatted instead of all of them kept and joined. (`doc` is a PDFDocument, typed Any:
    reportlab's stubs do not declare the internals used here.)"""
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
    ids: list[str] = []
    number = 0
    comments = not rl_config.invariant and rl_config.pdfComments
    while True:
        number += 1
        if number not in doc.numberToId:
            break
        oid = doc.numberToId[number]
        obj = doc.idToObject[oid]
        if isinstance(obj, PDFPage):
            # Formatting a page gives it its MediaBox, Resources and Parent for good; a copy
            # keeps those objects from piling up, a set per page, until the end.
            obj = copy.copy(obj)
        formatted = PDFIndirectObject(oid, obj).format(doc)
        if comments:
            out.add(f"% {oid!a}: class {obj.__class__.__name__[:50]} \n")
        doc.idToOffset[oid] = out.add(formatted)
        ids.append(oid)
    count = len(doc.numberToId)
    if number - 1 != count:
        raise ValueError(f"object number {number} does not match the {count} objects")
    xref = PDFCrossReferenceTable()
    xref.addsection(0, ids)
    xref_offset = out.add(xref.format(doc))
    trailer = PDFTrailer(
        startxref=xref_offset,
        Size=count + 1,
        Root=doc.Reference(catalog),
        Info=doc.Reference(info),
        Encrypt=encrypt_ref,
        ID=doc.ID(),
    )
    out.add(trailer.format(doc))
