"""Ingest: files, directories, JSONL/CSV tables and WARC archives into raw documents, kept verbatim.

Ingest decides only what an input *is* (plain text, HTML, one JSONL record) and where it came
from; reading the words is the extract stage's job. A bad input never raises: it becomes a
``Rejection`` with a reason a user can act on, and the batch goes on.

Raw bytes are kept wherever they exist: a JSONL line that is not valid JSON is rejected here
(nothing downstream could read it) but carries its bytes in ``Rejection.content``; a record
whose "text" is empty or unreadable still becomes a ``RawDocument`` and the extract stage says
why it is no article, so its input is stored like any other.
"""

from __future__ import annotations

import json
import logging
import os
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import BinaryIO

from storyline.ingest.archives import ColumnMapping, read_csv, read_warc, record_document
from storyline.model import RawDocument, RawKind, Rejection

log = logging.getLogger(__name__)

DEFAULT_MAX_BYTES = 20_000_000
KIND_BY_SUFFIX: dict[str, RawKind] = {".txt": "text", ".text": "text", ".html": "html", ".htm": "html"}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}
TABLE_SUFFIXES = {".csv", ".tsv"}
WARC_SUFFIXES = (".warc", ".warc.gz", ".arc.gz")  # matched on the whole name: ".gz" alone says nothing
SUPPORTED = ".txt, .html, .jsonl, .csv, .tsv, .warc or .warc.gz"


def _size(size: int) -> str:
    return f"{size / 1_000_000:.1f} MB" if size >= 100_000 else f"{size:,} bytes"


def _walk(path: Path) -> Iterator[Path]:
    """Supported files below ``path``, sorted by path, skipping hidden files and folders."""
    found: list[Path] = []
    # os.walk prunes hidden folders (.git, .venv) before descending, which rglob cannot do.
    for folder, subfolders, files in os.walk(path, onerror=_log_walk_error):
        subfolders[:] = [name for name in subfolders if not name.startswith(".")]
        found.extend(Path(folder) / name for name in files if not name.startswith("."))
    for child in sorted(found):  # sorted like the paths read: "b/two.html" before "one.txt"
        if _is_supported(child) and child.is_file():
            yield child


def _log_walk_error(error: OSError) -> None:
    log.warning("cannot list %s: %s", error.filename, error.strerror or error)


def _is_warc(path: Path) -> bool:
    return path.name.lower().endswith(WARC_SUFFIXES)


def _is_supported(path: Path) -> bool:
    suffix = path.suffix.lower()
    return suffix in KIND_BY_SUFFIX or suffix in JSONL_SUFFIXES or suffix in TABLE_SUFFIXES or _is_warc(path)


def iter_inputs(
    paths: Iterable[str | Path],
    *,
    max_bytes: int = DEFAULT_MAX_BYTES,
    columns: ColumnMapping | None = None,
) -> Iterator[RawDocument | Rejection]:
    """Raw documents from files and directories (recursively), or rejections saying why not.

    ``columns`` maps the fields of CSV and JSONL records (``--columns text=body``); the usual
    column names are found without it.
    """
    for given in paths:
        path = Path(given)
        if path.is_dir():
            for child in _walk(path):
                yield from _read_file(child, max_bytes, columns)
        elif path.is_file():
            yield from _read_file(path, max_bytes, columns, named=True)
        else:
            yield Rejection(str(path), "no such file or directory", "ingest")


def _read_file(
    path: Path, max_bytes: int, columns: ColumnMapping | None, named: bool = False
) -> Iterator[RawDocument | Rejection]:
    suffix = path.suffix.lower()
    if not _is_supported(path):
        if named:  # a file the user named is worth a reason; in a folder, other files are normal
            reason = f"unsupported file type {suffix or '(none)'}: use {SUPPORTED}"
            yield Rejection(str(path), reason, "ingest")
        return
    # Containers: the size limit applies per record, since one file may hold thousands.
    if _is_warc(path):
        yield from read_warc(path, max_bytes)
        return
    if suffix in TABLE_SUFFIXES:
        yield from read_csv(path, columns, max_bytes)
        return
    try:
        if suffix in JSONL_SUFFIXES:
            yield from _read_jsonl(path, max_bytes, columns or ColumnMapping())
            return
        size = path.stat().st_size
        if size > max_bytes:  # checked before reading: a huge file is never loaded
            yield Rejection(
                str(path), f"file is {_size(size)}, over the {_size(max_bytes)} limit (--max-bytes)", "ingest"
            )
            return
        yield RawDocument(source=str(path), content=path.read_bytes(), kind=KIND_BY_SUFFIX[suffix])
    except OSError as error:
        yield Rejection(str(path), f"cannot read file: {error.strerror or error}", "ingest")


def _read_jsonl(path: Path, max_bytes: int, columns: ColumnMapping) -> Iterator[RawDocument | Rejection]:
    """One raw document per line; a bad line is rejected on its own and the file goes on."""
    with path.open("rb") as handle:
        number = 0
        while line := handle.readline(max_bytes + 1):  # bounded: a huge line is never loaded whole
            number += 1
            where = f"{path}:{number}"
            if len(line) > max_bytes and not line.endswith(b"\n"):
                size = len(line) + _skip_rest_of_line(handle)
                yield Rejection(
                    where, f"line is {_size(size)}, over the {_size(max_bytes)} limit (--max-bytes)", "ingest"
                )
            elif line.strip():
                yield _jsonl_record(line, where, columns)


def _skip_rest_of_line(handle: BinaryIO) -> int:
    skipped = 0
    while chunk := handle.readline(1 << 20):
        skipped += len(chunk)
        if chunk.endswith(b"\n"):
            break
    return skipped


def _jsonl_record(line: bytes, where: str, columns: ColumnMapping) -> RawDocument | Rejection:
    try:
        record = json.loads(_line_text(line, where))
    except json.JSONDecodeError as error:
        return Rejection(where, f"malformed JSON line: {error}", "ingest", content=line)
    if not isinstance(record, dict):
        return Rejection(
            where, f"JSON line is a {type(record).__name__}, not an object", "ingest", content=line
        )
    return record_document(record, where, columns, content=line)


def _line_text(line: bytes, where: str) -> str:
    """JSON is UTF-8, but files saved by old tools are Windows-1252: read them rather than lose them."""
    try:
        return line.decode("utf-8-sig")
    except UnicodeDecodeError:
        log.warning("%s is not UTF-8; read as Windows-1252", where)
        return line.decode("cp1252", errors="replace")
