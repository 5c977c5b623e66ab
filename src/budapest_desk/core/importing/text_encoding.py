"""Which encoding a text file saved by Excel (or anything else) is in.

1. A byte order mark says it: UTF-8, or UTF-16 ("Unicode text" from Excel is UTF-16 LE with a BOM).
2. UTF-16 without a BOM shows as NUL bytes in every other position.
3. A file that decodes as strict UTF-8 from end to end is UTF-8: legacy text almost never does.
4. Otherwise it is Excel's "CSV" from Windows in its ANSI code page: Windows-1250 on
   Central-European Windows (Hungarian, Polish, Czech...) or Windows-1252 on Western Windows.

Telling 1250 from 1252 needs evidence, because both decode any byte and both give letters.
charset-normalizer, tried restricted to the two, gets short name lists wrong both ways (French
as 1250, Polish as 1252), so this module weighs the bytes that differ, using how the letters
they stand for behave in names:
- bytes that are letters in 1250 but symbols in 1252 (ł/³, ą/¹, ż/¿, Ł/£, ş/º...) count for 1250
  inside a word and for 1252 beside digits or spaces;
- ő ű (Hungarian, very common) beat õ û; ć đ beat æ ð; à å ï ÿ beat ŕ ĺ ď ˙;
- č/è, ř/ø and ă/ã are decided by the next letters: French è comes before a consonant and "e"
  ("Hélène", "Lefèvre"), Czech č and ř before a vowel ("Kučera", "Dvořák"), Danish ø before a
  consonant ("Søren"), Portuguese ã before o or e ("João", "Magalhães"), Romanian ă elsewhere;
- bytes one of the two code pages does not define decide outright.
A tie goes to 1250, the code page of the secretariat's own Windows (Budapest).
"""

from __future__ import annotations

import codecs
import re
from pathlib import Path

from budapest_desk.core.errors import UserError

_CHUNK = 1 << 20
_SAMPLE_LIMIT = 1 << 20  # bytes of non-ASCII lines kept to weigh 1250 against 1252

# Letters in 1250, symbols or diacritics in 1252.
_SYMBOLS_IN_1252 = frozenset(b"\xa1\xa2\xa3\xa5\xaa\xaf\xb2\xb3\xb9\xba\xbc\xbd\xbe\xbf")
# Letter against letter: positive favours 1250, negative 1252.
_WEIGHTS = {
    0x8C: 1, 0x9C: 1, 0x9F: 3,  # Ś ś ź / Œ œ Ÿ
    0xC0: -1, 0xE0: -2,  # Ŕ ŕ / À à
    0xC5: -2, 0xE5: -2,  # Ĺ ĺ / Å å
    0xC6: 1, 0xE6: 2,  # Ć ć / Æ æ
    0xEA: 1, 0xEC: 1,  # ę ě / ê ì
    0xEF: -2, 0xF1: -1,  # ď ń / ï ñ
    0xD0: 2, 0xF0: 2,  # Đ đ / Ð ð
    0xD5: 2, 0xF5: 3, 0xDB: 2, 0xFB: 2,  # Ő ő Ű ű / Õ õ Û û
    0xD9: 1, 0xF9: 1, 0xDE: 1, 0xFE: 1,  # Ů ů Ţ ţ / Ù ù Þ þ
    0xFF: -3,  # ˙ / ÿ
}  # fmt: skip
_BY_NEXT_LETTERS = frozenset(b"\xc8\xe8\xd8\xf8\xc3\xe3")  # Č č Ř ř Ă ă / È è Ø ø Ã ã
_VOWELS = frozenset(b"aeiouyAEIOUY\xe1\xe9\xed\xf3\xfa\xfd\xc1\xc9\xcd\xd3\xda\xdd")
_FRENCH_GRAVE = re.compile(rb"[b-df-hj-np-tv-z]{1,2}e", re.IGNORECASE)


def detect_encoding(path: Path, head: bytes) -> str:
    """The Python codec name to read `path` with (see the module docstring)."""
    if head.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    sample = head[:4096]
    half = len(sample) // 2
    if half and sample[1::2].count(0) > 0.4 * half and sample[0::2].count(0) < 0.05 * half:
        return "utf-16-le"
    if half and sample[0::2].count(0) > 0.4 * half and sample[1::2].count(0) < 0.05 * half:
        return "utf-16-be"
    if b"\x00" in head:
        raise UserError(_not_text(path.name))
    decoder = codecs.getincrementaldecoder("utf-8")("strict")
    legacy = bytearray()
    utf8 = True
    with path.open("rb") as fh:
        while chunk := fh.read(_CHUNK):
            if b"\x00" in chunk:
                raise UserError(_not_text(path.name))
            if chunk.isascii():
                continue
            if utf8:
                try:
                    decoder.decode(chunk)
                except UnicodeDecodeError:
                    utf8 = False
            if len(legacy) < _SAMPLE_LIMIT:
                legacy += chunk
    if utf8:
        try:
            decoder.decode(b"", final=True)
            return "utf-8"
        except UnicodeDecodeError:
            pass
    return choose_legacy(bytes(legacy))


def choose_legacy(sample: bytes) -> str:
    """ "cp1250" or "cp1252" for text in one of Windows' two Latin ANSI code pages."""
    fits = [enc for enc in ("cp1250", "cp1252") if _decodes(sample, enc)]
    if len(fits) == 1:
        return fits[0]
    score = 0
    for i, byte in enumerate(sample):
        if byte < 0x80:
            continue
        if byte in _SYMBOLS_IN_1252:
            score += 4 if _is_letter(sample, i - 1) or _is_letter(sample, i + 1) else -2
        elif byte in _BY_NEXT_LETTERS:
            score += _by_next_letters(byte, sample[i + 1 : i + 4])
        else:
            score += _WEIGHTS.get(byte, 0)
    return "cp1252" if score < 0 else "cp1250"


def _by_next_letters(byte: int, after: bytes) -> int:
    if byte in (0xC3, 0xE3):
        return -2 if after[:1] in (b"o", b"e", b"O", b"E") else 1  # João, Magalhães / Brătianu
    if after[:1] and after[0] in _VOWELS:
        return 2  # Kučera, Dvořák, Jiří
    if byte in (0xC8, 0xE8):
        return -2 if _FRENCH_GRAVE.match(after) else 0  # Hélène, Lefèvre, Thérèse
    if after[:1].isalpha():
        return -2  # Søren, Bjørn, Møller
    return 1  # word end: Řehoř, Petř


def _is_letter(sample: bytes, i: int) -> bool:
    if not 0 <= i < len(sample):
        return False
    byte = sample[i]
    return (byte < 0x80 and chr(byte).isalpha()) or byte >= 0xC0 or byte in _SYMBOLS_IN_1252


def _decodes(sample: bytes, encoding: str) -> bool:
    try:
        sample.decode(encoding)
    except UnicodeDecodeError:
        return False
    return True


def scan_text(path: Path, encoding: str, name: str) -> int:
    """Decode the whole file once; the number of lines (an estimate of the rows).

    A file that does not decode, or holds NUL characters, is not the text it claims to be.
    """
    decoder = codecs.getincrementaldecoder(encoding)("strict")
    lines = 0
    last = ""
    with path.open("rb") as fh:
        while chunk := fh.read(_CHUNK):
            try:
                text = decoder.decode(chunk)
            except UnicodeDecodeError as exc:
                line = lines + chunk[: exc.start].count(b"\n") + 1
                raise UserError(
                    f"{name} cannot be read as {encoding} (line {line} does not decode). "
                    "Choose another encoding, or let the program detect it."
                ) from None
            if "\x00" in text:
                raise UserError(_not_text(name))
            lines += text.count("\n")
            last = text or last
    try:
        decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        raise UserError(
            f"{name} cannot be read as {encoding} (it ends in the middle of a character). "
            "Choose another encoding, or let the program detect it."
        ) from None
    return lines + (0 if last.endswith("\n") else 1)


def _not_text(name: str) -> str:
    return (
        f"{name} is not a text file (it contains NUL bytes). "
        "Save the list from Excel as .xlsx or as CSV and try again."
    )
