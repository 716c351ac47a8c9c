"""Archives and tables: WARC web archives, CSV exports, and column mapping for CSV and JSONL.

A WARC file (Common Crawl's CC-NEWS, a crawler's or a browser's capture) holds many HTTP
exchanges; only ``response`` records with status 200 and an HTML or plain-text body are news.
Requests, metadata, redirects, 404s and images are skipped quietly, since an archive is full of
them. A record that is too large, or an archive cut off mid-record, becomes a ``Rejection`` and
everything read before it is kept: warcio itself returns a short body without complaint when a
file ends early, so completeness is checked here against each record's Content-Length.

CSV and JSONL exports from other tools name their columns in many ways (``body``, ``headline``,
``publish_date``); ``ColumnMapping`` finds the usual names by itself and takes explicit ones from
``--columns text=body,title=headline``.
"""

from __future__ import annotations

import codecs
import csv
import io
import logging
import zlib
from collections import Counter
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, fields
from pathlib import Path
from typing import Any, BinaryIO

from warcio.archiveiterator import ArchiveIterator
from warcio.bufferedreaders import BufferedReader

from storyline.model import Hints, RawDocument, RawKind, Rejection

log = logging.getLogger(__name__)

DEFAULT_MAX_BYTES = 20_000_000  # as storyline.ingest; not imported, since that package imports this module
HTML_TYPES = {"text/html", "application/xhtml+xml"}
TEXT_TYPES = {"text/plain"}
CSV_DELIMITERS = ",;\t|"
CSV_SAMPLE = 65_536
DRAIN_CHUNK = 1 << 16
GZIP_MAGIC = b"\x1f\x8b"
GZIP_WBITS = zlib.MAX_WBITS | 16  # a gzip header and trailer around the deflate data

# Column names other tools use for each field, as normalised by ``_normal``; first match wins.
CANDIDATES: dict[str, tuple[str, ...]] = {
    "text": ("text", "body", "content", "article", "article_text", "maintext", "full_text", "story_text"),
    "html": ("html", "raw_html", "html_content", "body_html", "content_html"),
    "id": ("id", "article_id", "doc_id", "document_id", "uuid", "guid"),
    "url": ("url", "link", "article_url", "canonical_url", "source_url", "uri"),
    "outlet": (
        "outlet",
        "source",
        "publisher",
        "site",
        "site_name",
        "source_domain",
        "source_name",
        "domain",
    ),
    "title": ("title", "headline", "heading"),
    "author": ("author", "authors", "byline", "writer"),
    "published": (
        "published",
        "date",
        "publish_date",
        "pubdate",
        "published_at",
        "date_published",
        "publication_date",
        "date_publish",
        "datetime",
    ),
    "language": ("language", "lang", "locale"),
}
HINT_FIELDS = ("url", "outlet", "title", "author", "published", "language")


def _size(size: int) -> str:
    return f"{size / 1_000_000:.1f} MB" if size >= 100_000 else f"{size:,} bytes"


def _over_limit(what: str, size: int, max_bytes: int) -> str:
    return f"{what} is {_size(size)}, over the {_size(max_bytes)} limit (--max-bytes)"


def _normal(name: str) -> str:
    """'Publish Date' and 'publish-date' are the same column as 'publish_date'."""
    return "_".join(name.strip().lower().replace("-", " ").split())


# ---------------------------------------------------------------------------------------------
# Column mapping


@dataclass(frozen=True)
class ColumnMapping:
    """Which column holds which field; a field left None is found among the usual names."""

    text: str | None = None
    html: str | None = None
    id: str | None = None
    url: str | None = None
    outlet: str | None = None
    title: str | None = None
    author: str | None = None
    published: str | None = None
    language: str | None = None

    @classmethod
    def parse(cls, spec: str) -> ColumnMapping:
        """``"text=body,title=headline"`` (the ``--columns`` option); ValueError says what is wrong."""
        names = [f.name for f in fields(cls)]
        given: dict[str, str] = {}
        for part in filter(None, (piece.strip() for piece in spec.split(","))):
            field_name, sep, column = part.partition("=")
            field_name, column = field_name.strip().lower(), column.strip()
            if not sep or not column:
                raise ValueError(f"--columns expects FIELD=COLUMN pairs, got {part!r}")
            if field_name not in names:
                raise ValueError(f"--columns: unknown field {field_name!r}; fields are {', '.join(names)}")
            if field_name in given:
                raise ValueError(f"--columns names {field_name!r} twice")
            given[field_name] = column
        return cls(**given)

    def explicit(self) -> dict[str, str]:
        return {f.name: value for f in fields(self) if (value := getattr(self, f.name)) is not None}

    def resolve(self, columns: Sequence[str]) -> dict[str, str | None]:
        """Field -> the column that holds it among ``columns`` (None when absent)."""
        by_normal: dict[str, str] = {}
        for column in columns:
            by_normal.setdefault(_normal(column), column)
        explicit = self.explicit()
        taken = {by_normal.get(_normal(name), name) for name in explicit.values()}
        resolved: dict[str, str | None] = {}
        for field_name, candidates in CANDIDATES.items():
            if field_name in explicit:
                name = explicit[field_name]
                resolved[field_name] = name if name in columns else by_normal.get(_normal(name))
                continue
            # An explicitly mapped column is not guessed again for another field ("source=outlet").
            found = (by_normal[c] for c in candidates if c in by_normal and by_normal[c] not in taken)
            resolved[field_name] = next(found, None)
        return resolved

    def missing(self, columns: Sequence[str]) -> list[str]:
        """Explicitly named columns that are not among ``columns``, as ``field=column``."""
        resolved = self.resolve(columns)
        return [f"{name}={column}" for name, column in self.explicit().items() if resolved[name] is None]


def record_document(
    record: Mapping[str, Any],
    where: str,
    mapping: ColumnMapping | None = None,
    *,
    noun: str = "JSON line",
    content: bytes | None = None,
    columns: dict[str, str | None] | None = None,
) -> RawDocument | Rejection:
    """One table row or JSON object as a raw document, its fields found through ``mapping``.

    ``content`` is the row's raw bytes, kept in a rejection; ``columns`` a mapping already
    resolved for a table's header, so that it is not resolved again for every row.
    """
    columns = columns or (mapping or ColumnMapping()).resolve(list(record))
    text_column, html_column = columns["text"] or "text", columns["html"] or "html"
    candidates: list[tuple[RawKind, str, Any]] = [
        ("text", text_column, record.get(text_column)),
        ("html", html_column, record.get(html_column)),
    ]
    strings = [(kind, column, value) for kind, column, value in candidates if isinstance(value, str)]
    if not strings:
        reason = f'{noun} has neither a "{text_column}" nor an "{html_column}" string'
        return Rejection(where, reason, "ingest", content=content)
    kind, column, body = next(((k, c, v) for k, c, v in strings if v.strip()), strings[0])
    if not body.strip():
        return Rejection(where, f'{noun} has an empty "{column}"', "ingest", content=content)
    hints = Hints(**{name: _string(record.get(columns[name] or name)) for name in HINT_FIELDS})
    source = _string(record.get(columns["id"] or "id")) or where
    return RawDocument(source=source, content=body.encode("utf-8"), kind=kind, hints=hints)


def _string(value: Any) -> str | None:
    if value is None or isinstance(value, (dict, list)):
        return None
    text = str(value).strip()
    return text or None


# ---------------------------------------------------------------------------------------------
# CSV


class _Lines:
    """Decoded lines for ``csv.reader``, read with a bound, remembering the raw bytes of each row."""

    def __init__(self, handle: BinaryIO, max_bytes: int, where: Path, utf16: bool) -> None:
        self.max_bytes = max_bytes
        self.where = where
        self.row_bytes: list[bytes] = []
        self.oversized = 0  # bytes of a physical line over the limit in the current row, else 0
        self.fallback_logged = False
        self.text: io.TextIOBase | None = None
        if utf16:  # Excel's "Unicode text" export: lines cannot be split as bytes
            self.text = io.TextIOWrapper(handle, encoding="utf-16", errors="replace", newline="")
        self.handle = handle
        self.first = True

    def start_row(self) -> None:
        self.row_bytes, self.oversized = [], 0

    def __iter__(self) -> Iterator[str]:
        while True:
            line = self._read_line()
            if line is None:
                return
            yield line

    def _read_line(self) -> str | None:
        if self.text is not None:
            text_line = self.text.readline(self.max_bytes // 2 + 1)
            if not text_line:
                return None
            raw = text_line.encode("utf-16-le")
        else:
            raw = self.handle.readline(self.max_bytes + 1)
            if not raw:
                return None
        if len(raw) > self.max_bytes and not raw.endswith(b"\n"):
            self.oversized = len(raw) + self._skip_rest()
            return "\n"  # the row is rejected for its size; an empty line keeps csv's state sane
        self.row_bytes.append(raw)
        return raw.decode("utf-16-le") if self.text is not None else self._decode(raw)

    def _skip_rest(self) -> int:
        skipped = 0
        read = self.text.readline if self.text is not None else self.handle.readline
        while chunk := read(1 << 20):
            skipped += len(chunk)
            if chunk.endswith("\n" if self.text is not None else b"\n"):  # type: ignore[arg-type]
                break
        return skipped

    def _decode(self, raw: bytes) -> str:
        first, self.first = self.first, False
        try:
            return raw.decode("utf-8-sig" if first else "utf-8")
        except UnicodeDecodeError:
            # Exports from old tools are Windows-1252: read them rather than lose them.
            if not self.fallback_logged:
                log.warning("%s is not UTF-8; lines that are not are read as Windows-1252", self.where)
                self.fallback_logged = True
            return raw.decode("cp1252", errors="replace")


def read_csv(
    path: str | Path, mapping: ColumnMapping | None = None, max_bytes: int = DEFAULT_MAX_BYTES
) -> Iterator[RawDocument | Rejection]:
    """One raw document per CSV row; a malformed or oversized row is rejected on its own."""
    path = Path(path)
    try:
        with path.open("rb") as handle:
            yield from _csv_rows(path, handle, mapping or ColumnMapping(), max_bytes)
    except OSError as error:
        yield Rejection(str(path), f"cannot read file: {error.strerror or error}", "ingest")


def _csv_rows(
    path: Path, handle: BinaryIO, mapping: ColumnMapping, max_bytes: int
) -> Iterator[RawDocument | Rejection]:
    head = handle.read(4)
    handle.seek(0)
    utf16 = head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE))
    delimiter = _delimiter(handle, utf16)  # before _Lines starts reading the handle
    lines = _Lines(handle, max_bytes, path, utf16)
    # Article bodies are far longer than csv's default 128 KiB field limit; only ever raised here.
    csv.field_size_limit(max(csv.field_size_limit(), max_bytes + 1))
    reader = csv.reader(iter(lines), delimiter=delimiter, quotechar='"', doublequote=True, strict=True)
    header: list[str] | None = None
    resolved: dict[str, str | None] = {}
    row_number = 0  # as a spreadsheet numbers them: the header is row 1
    while True:
        lines.start_row()
        try:
            row = next(reader)
        except StopIteration:
            break
        except csv.Error as error:  # csv starts afresh on the next line: one bad row spoils only itself
            row_number += 1
            reason = f"malformed CSV row: {error}"
            if "unexpected end of data" in str(error):
                reason += " (a quotation mark opened in this row is never closed)"
            yield _row_rejection(path, row_number, reason, lines)
            continue
        row_number += 1
        size = sum(map(len, lines.row_bytes)) + lines.oversized
        if lines.oversized or size > max_bytes:
            yield Rejection(f"{path}:row {row_number}", _over_limit("row", size, max_bytes), "ingest")
            continue
        if not any(cell.strip() for cell in row):
            continue  # blank lines between rows are no records
        if header is None:
            header = [cell.strip() for cell in row]
            rejection = _check_header(path, header, mapping)
            if rejection:
                yield rejection
                return
            resolved = mapping.resolve(header)
            continue
        if len(row) != len(header):
            reason = f"malformed CSV row: {len(row)} fields where the header has {len(header)}"
            yield _row_rejection(path, row_number, reason, lines)
            continue
        where = f"{path}:row {row_number}"
        raw_row = b"".join(lines.row_bytes)
        yield record_document(
            dict(zip(header, row, strict=True)), where, noun="CSV row", content=raw_row, columns=resolved
        )
    if header is None:
        yield Rejection(str(path), "empty CSV file: no header row", "ingest")


def _row_rejection(path: Path, number: int, reason: str, lines: _Lines) -> Rejection:
    return Rejection(f"{path}:row {number}", reason, "ingest", content=b"".join(lines.row_bytes) or None)


def _check_header(path: Path, header: list[str], mapping: ColumnMapping) -> Rejection | None:
    shown = ", ".join(header[:12]) + (", ..." if len(header) > 12 else "")
    missing = mapping.missing(header)
    if missing:
        reason = f"--columns {', '.join(missing)}: no such column; the header has {shown}"
        return Rejection(str(path), reason, "ingest")
    resolved = mapping.resolve(header)
    if resolved["text"] is None and resolved["html"] is None:
        reason = f"no text or html column in the header ({shown}): name one with --columns text=COLUMN"
        return Rejection(str(path), reason, "ingest")
    return None


def _delimiter(handle: BinaryIO, utf16: bool) -> str:
    """The delimiter csv.Sniffer finds, if the header line holds it; else the header's commonest one."""
    sample_bytes = handle.read(CSV_SAMPLE)
    handle.seek(0)
    sample = sample_bytes.decode("utf-16" if utf16 else "utf-8-sig", errors="replace")
    header_line = sample.split("\n", 1)[0]
    try:
        sniffed = csv.Sniffer().sniff(sample.rsplit("\n", 1)[0] or sample, delimiters=CSV_DELIMITERS)
        if sniffed.delimiter in header_line:
            return sniffed.delimiter
    except csv.Error:
        pass  # the Sniffer gives up on samples it cannot make sense of; the header decides
    counts = Counter(ch for ch in header_line if ch in CSV_DELIMITERS)
    return counts.most_common(1)[0][0] if counts else ","


# ---------------------------------------------------------------------------------------------
# WARC


class _ArchiveBroken(Exception):
    """The archive cannot be read past this point; the message says why."""


def read_warc(path: str | Path, max_bytes: int = DEFAULT_MAX_BYTES) -> Iterator[RawDocument | Rejection]:
    """Raw documents from the 200 HTML/text responses of a ``.warc`` or ``.warc.gz`` file.

    ``max_bytes`` bounds each record (and its decompressed body), not the archive. A record that
    cannot be used is rejected on its own; an archive that ends mid-record gives everything read
    before the cut and one rejection naming the record and its offset. Never raises on bad input.
    """
    path = Path(path)
    try:
        with path.open("rb") as handle:
            gzipped = handle.read(2) == GZIP_MAGIC
            handle.seek(0)
            yield from _warc_records(path, _ArchiveStream(handle, gzipped), max_bytes)
    except OSError as error:
        yield Rejection(str(path), f"cannot read file: {error.strerror or error}", "ingest")


class _ArchiveStream:
    """The archive as one uncompressed stream, read as far as it goes, remembering how it ends.

    Gzip is decompressed here, not by warcio, for two reasons: this reads both layouts found in
    the wild, a gzip member per record (the WARC standard) and one member for the whole file
    (``gzip file.warc``), which warcio refuses; and a cut-off member gives the data it holds
    first, then ``_ArchiveBroken``, where Python's gzip raises EOFError at once and warcio takes
    an EOFError for a clean end of the archive.
    """

    def __init__(self, handle: BinaryIO, gzipped: bool) -> None:
        self.handle = handle
        self.gzipped = gzipped
        self.tail = b""  # the last bytes handed out: a complete WARC ends with a blank line
        self.decompressor = zlib.decompressobj(GZIP_WBITS)
        self.pending = b""  # compressed bytes not yet given to the decompressor
        self.buffer = bytearray()
        self.position = 0
        self.member_started = False
        self.finished = False
        self.error: str | None = None

    def read(self, size: int = -1) -> bytes:
        if not self.gzipped:
            data = self.handle.read(size)
            self._advance(data)
            return data
        self._fill(size if size >= 0 else 1 << 62)
        if not self.buffer and self.error:
            raise _ArchiveBroken(self.error)
        size = len(self.buffer) if size < 0 else min(size, len(self.buffer))
        data = bytes(self.buffer[:size])
        del self.buffer[:size]
        self._advance(data)
        return data

    def _advance(self, data: bytes) -> None:
        self.position += len(data)
        self.tail = (self.tail + data)[-4:]

    def ends_cleanly(self) -> bool:
        """Everything was read and the last record is followed by its blank line."""
        return self.error is None and (self.position == 0 or self.tail.replace(b"\r", b"").endswith(b"\n\n"))

    def tell(self) -> int:
        return self.position

    def close(self) -> None:
        self.finished = True

    def _fill(self, size: int) -> None:
        while len(self.buffer) < size and not self.finished:
            if not self.pending:
                self.pending = self.handle.read(DRAIN_CHUNK)
            if not self.pending:
                self.finished = True
                if self.member_started:
                    self.error = "the gzip stream is cut off (the file ends inside a gzip member)"
                return
            if not self.member_started and not self.pending.strip(b"\0"):
                self.pending = b""  # zero padding after the last member, as some tools write
                continue
            try:  # bounded output: a gzip bomb is handed out a megabyte at a time
                self.buffer += self.decompressor.decompress(self.pending, 1 << 20)
            except zlib.error as error:
                self.finished, self.error = True, f"the gzip stream is corrupt ({error})"
                return
            self.member_started = True
            self.pending = self.decompressor.unconsumed_tail
            if self.decompressor.eof:  # the next member, if any, starts in the unused input
                self.pending = self.decompressor.unused_data + self.pending
                self.decompressor = zlib.decompressobj(GZIP_WBITS)
                self.member_started = False


def _warc_records(path: Path, stream: _ArchiveStream, max_bytes: int) -> Iterator[RawDocument | Rejection]:
    records = ArchiveIterator(stream)
    iterator = iter(records)
    number, skipped = 0, Counter[str]()
    while True:
        try:
            record = next(iterator)
        except StopIteration:
            if number and not stream.ends_cleanly() or records.offset < stream.tell():
                reason = (
                    f"WARC archive is cut off inside record {number + 1} or after record {number}; "
                    f"the {number} records before were read"
                )
                yield _broken(path, number + 1, records.offset, reason)
                return
            break
        except Exception as error:  # warcio raises ArchiveLoadFailed, zlib errors, even AttributeError
            yield _broken(path, number + 1, records.offset, _warcio_reason(error, number))
            return
        number += 1
        offset = records.offset  # where this record starts in the (decompressed) archive
        where = f"{path}:record {number}"
        if record.format != "warc":  # warcio reads any text as the old ARC format
            yield _broken(path, number, offset, "not a WARC archive (no WARC/1.x record header)")
            return
        try:
            item = _record_item(record, where, max_bytes, skipped)
            _drain(record)
        except _ArchiveBroken as error:
            yield _broken(path, number, offset, str(error))
            return
        except Exception as error:  # an unreadable body (bad chunking, bad gzip) spoils one record only
            item = Rejection(f"{where} (offset {offset})", f"cannot read the record: {error}", "ingest")
        if item is not None:
            yield item
    if number == 0:
        yield Rejection(str(path), "no WARC records: the file is empty or not a WARC archive", "ingest")
    log.info("%s: %d records; skipped %s", path, number, dict(skipped) or "none")


def _broken(path: Path, number: int, offset: int, reason: str) -> Rejection:
    return Rejection(f"{path}:record {number} (offset {offset})", reason, "ingest")


def _warcio_reason(error: Exception, records_read: int) -> str:
    detail = str(error) if isinstance(error, _ArchiveBroken) else f"{type(error).__name__}: {error}"
    if records_read == 0:
        return f"not a readable WARC archive: {detail}"
    return (
        f"WARC archive is cut off or corrupt after record {records_read}: {detail}; "
        f"the {records_read} records before were read"
    )


def _record_item(
    record: Any, where: str, max_bytes: int, skipped: Counter[str]
) -> RawDocument | Rejection | None:
    """The record's document, a rejection, or None for a record that is no article (counted)."""
    if record.length is None:
        raise _ArchiveBroken("WARC record has no Content-Length: the archive is cut off or corrupt")
    if record.rec_type != "response" or record.http_headers is None:
        skipped[record.rec_type or "untyped"] += 1
        return None
    status = record.http_headers.get_statuscode()
    if status != "200":
        skipped[f"status {status}"] += 1
        return None
    kind = _kind(record.http_headers.get_header("Content-Type"))
    if kind is None:
        skipped["not HTML or text"] += 1
        return None
    if record.length > max_bytes:  # checked before reading: a huge record is never loaded
        return Rejection(where, _over_limit("WARC record", record.length, max_bytes), "ingest")
    encoding = (record.http_headers.get_header("Content-Encoding") or "identity").lower().strip()
    if encoding != "identity" and encoding not in BufferedReader.get_supported_decompressors():
        reason = f"response body is {encoding}-compressed, which cannot be decoded here"
        return Rejection(where, reason, "ingest")
    body = record.content_stream().read(max_bytes + 1)  # bounded: a compression bomb stops here
    if len(body) > max_bytes:
        reason = f"decompressed response body is over the {_size(max_bytes)} limit (--max-bytes)"
        return Rejection(where, reason, "ingest")
    _drain(record)  # before trusting the body: a cut-off archive gives short bodies silently
    if not body.strip():
        return Rejection(where, "empty response body", "ingest")
    # WARC-Date is when the page was crawled, not when it was published: it is no date hint.
    url = (
        (record.rec_headers.get_header("WARC-Target-URI") or "").strip().strip("<>")
    )  # WARC 1.0 drafts: <uri>
    return RawDocument(source=where, content=body, kind=kind, hints=Hints(url=url or None))


def _kind(content_type: str | None) -> RawKind | None:
    media_type = (content_type or "").split(";", 1)[0].strip().lower()
    if media_type in HTML_TYPES:
        return "html"
    if media_type in TEXT_TYPES:
        return "text"
    return None


def _drain(record: Any) -> None:
    """Read the rest of the record; raise ``_ArchiveBroken`` when the file ends before its Content-Length."""
    stream = record.raw_stream
    while stream.read(DRAIN_CHUNK):
        pass
    remaining = getattr(stream, "limit", 0)
    if remaining > 0:
        raise _ArchiveBroken(
            f"WARC archive is cut off inside this record ({remaining:,} of its {record.length:,} bytes "
            "missing); the records before it were read"
        )
