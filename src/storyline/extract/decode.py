"""Bytes to text, or the reason they are not text.

News text arrives in UTF-8 mostly, sometimes with a byte-order mark, in UTF-16, or in an old
single-byte charset (Latin-1, Windows-1252). Binary files are recognised by their magic
numbers or by control characters, so that an image never reaches the cleaner as "text".
"""

from __future__ import annotations

import codecs
import unicodedata

MAGIC_NUMBERS = {
    b"\x89PNG": "PNG image",
    b"\xff\xd8\xff": "JPEG image",
    b"GIF8": "GIF image",
    b"%PDF": "PDF document",
    b"PK\x03\x04": "ZIP archive",
    b"\x1f\x8b": "gzip archive",
    b"\x7fELF": "executable",
    b"RIFF": "RIFF media file",
    b"\x00\x00\x01\x00": "icon",
}
BOMS = [
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
]
SAMPLE = 65_536
MAX_CONTROL_SHARE = 0.02  # real text has next to no control characters besides newlines and tabs


class NotText(ValueError):
    """The bytes are not usable text; the message says why."""


def decode(data: bytes) -> str:
    """Decode ``data`` to text; raise ``NotText`` with a reason for empty or binary input."""
    if not data.strip():
        raise NotText("empty input")
    for magic, name in MAGIC_NUMBERS.items():
        if data.startswith(magic):
            raise NotText(f"binary content (looks like a {name}), not text")
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
        raise NotText("binary content (NUL bytes), not text")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    try:  # Windows-1252 is a superset of Latin-1's printable range and common in old pages
        return data.decode("cp1252")
    except UnicodeDecodeError:
        return data.decode("latin-1")
