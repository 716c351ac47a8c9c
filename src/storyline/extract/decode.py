"""Bytes to text, or the reason they are not text.

News text arrives in UTF-8 mostly, sometimes with a byte-order mark, in UTF-16, or in an old
single-byte charset (Latin-1, Windows-1252, Windows-1251...). Binary files are recognised by
their magic numbers, NUL bytes or control characters, so that an image never reaches the
cleaner as "text".
"""

from __future__ import annotations

import codecs
import logging
import re
import unicodedata

log = logging.getLogger(__name__)

MAGIC_NUMBERS = {
    b"\x89PNG": "PNG image",
    b"\xff\xd8\xff": "JPEG image",
    b"GIF8": "GIF image",
    b"%PDF": "PDF document",
    b"PK\x03\x04": "ZIP archive",
    b"\x1f\x8b": "gzip archive",
    b"BZh": "bzip2 archive",
    b"\xfd7zXZ\x00": "xz archive",
    b"7z\xbc\xaf\x27\x1c": "7-Zip archive",
    b"\x7fELF": "executable",
    b"MZ\x90\x00": "Windows executable",
    b"RIFF": "RIFF media file",
    b"\x00\x00\x01\x00": "icon",
    b"OggS": "Ogg media file",
    b"ID3": "MP3 audio",
    b"\x1aE\xdf\xa3": "Matroska/WebM video",
    b"SQLite format 3\x00": "SQLite database",
    b"\xd0\xcf\x11\xe0": "Microsoft Office document",
}
BOMS = [  # UTF-32 first: its little-endian BOM starts with UTF-16's
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
]
SAMPLE = 65_536
MAX_CONTROL_SHARE = 0.02  # real text has next to no control characters besides newlines and tabs
MAX_ACCENTED_SHARE = 0.25  # Western European prose: most letters are plain ASCII even in Portuguese
# A non-ASCII symbol wedged between two letters ("Za¿ó³æ") is what a Central European or
# Cyrillic text looks like when read as Windows-1252 (ż -> ¿, ł -> ³, ą -> ¹); apostrophes, dashes
# and the middle dot are normal there ("don’t", "Moscow–Kyiv", "l·l").
MOJIBAKE = re.compile(r"[^\W\d_](?:[^\x00-\x7f\w’‘·–—…•]|[¹²³])[^\W\d_]")


class NotText(ValueError):
    """The bytes are not usable text; the message says why."""


def decode(data: bytes) -> str:
    """Decode ``data`` to text; raise ``NotText`` with a reason for empty or binary input."""
    if not data.strip():
        raise NotText("empty input")
    for magic, name in MAGIC_NUMBERS.items():
        if data.startswith(magic):
            raise NotText(f"binary content (looks like {name}), not text")
    text = _decode_bytes(data)
    if not text.strip():
        raise NotText("empty input")
    sample = text[:SAMPLE]
    controls = sum(1 for ch in sample if unicodedata.category(ch) == "Cc" and ch not in "\n\r\t\f")
    if controls / len(sample) > MAX_CONTROL_SHARE:
        raise NotText(f"binary content ({controls} control characters in the first {len(sample)}), not text")
    return text


def _decode_bytes(data: bytes) -> str:
    for bom, encoding in BOMS:
        if data.startswith(bom):
            return data.decode(encoding, errors="replace")
    if b"\x00" in data[:SAMPLE]:
        utf16 = _utf16_without_bom(data)
        if utf16 is None:
            raise NotText("binary content (NUL bytes), not text")
        return utf16
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    return _legacy_charset(data)


def _utf16_without_bom(data: bytes) -> str | None:
    """UTF-16 text saved without a BOM: every other byte of ASCII-range text is NUL."""
    sample = data[: min(len(data), SAMPLE)]
    even, odd = sample[0::2], sample[1::2]
    for zeros, encoding in ((odd, "utf-16-le"), (even, "utf-16-be")):
        other = even if zeros is odd else odd
        if zeros.count(0) >= 0.6 * len(zeros) and other.count(0) == 0:
            try:
                return data[: len(data) // 2 * 2].decode(encoding)
            except UnicodeDecodeError:
                return None
    return None


def _legacy_charset(data: bytes) -> str:
    """Not UTF-8: Windows-1252 when it reads as Western prose, else charset_normalizer's guess.

    charset_normalizer alone reads short Latin-1 text as Windows-1250 ("São" -> "Săo"), so the
    commonest legacy charset of Western news is tried first and kept when it looks right.
    """
    try:
        western = data.decode("cp1252")
    except UnicodeDecodeError:
        western = None  # bytes Windows-1252 leaves undefined: not Western text
    if western is not None and _reads_as_western(western):
        return western
    guess = _charset_normalizer_guess(data)
    if guess is not None:
        return guess
    # Last resort: Latin-1 maps every byte, so the text is kept, if imperfectly.
    return western if western is not None else data.decode("latin-1")


def _reads_as_western(text: str) -> bool:
    letters = [ch for ch in text[:SAMPLE] if ch.isalpha()]
    if not letters:
        return True
    accented = sum(1 for ch in letters if not ch.isascii())
    return accented / len(letters) <= MAX_ACCENTED_SHARE and not MOJIBAKE.search(text[:SAMPLE])


def _charset_normalizer_guess(data: bytes) -> str | None:
    try:
        from charset_normalizer import from_bytes  # a trafilatura dependency; optional here
    except ImportError:  # pragma: no cover - trafilatura pulls it in
        return None
    best = from_bytes(data[:SAMPLE]).best()
    if best is None:
        return None
    log.debug("legacy charset guessed as %s", best.encoding)
    try:
        return data.decode(best.encoding)
    except (UnicodeDecodeError, LookupError):
        return None
