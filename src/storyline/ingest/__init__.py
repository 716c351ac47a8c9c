"""Ingest: files, directories and JSONL into raw documents, kept verbatim.

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
from typing import Any, BinaryIO

from storyline.model import Hints, RawDocument, RawKind, Rejection

log = logging.getLogger(__name__)

DEFAULT_MAX_BYTES = 20_000_000
KIND_BY_SUFFIX: dict[str, RawKind] = {".txt": "text", ".text": "text", ".html": "html", ".htm": "html"}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}
HINT_FIELDS = ("url", "outlet", "title", "author", "published", "language")


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


def _is_supported(path: Path) -> bool:
    return path.suffix.lower() in KIND_BY_SUFFIX or path.suffix.lower() in JSONL_SUFFIXES


def iter_inputs(
    paths: Iterable[str | Path], *, max_bytes: int = DEFAULT_MAX_BYTES
) -> Iterator[RawDocument | Rejection]:
    """Raw documents from files and directories (recursively), or rejections saying why not."""
    for given in paths:
        path = Path(given)
        if path.is_dir():
            for child in _walk(path):
                yield from _read_file(child, max_bytes)
        elif path.is_file():
            yield from _read_file(path, max_bytes, named=True)
        else:
            yield Rejection(str(path), "no such file or directory", "ingest")


def _read_file(path: Path, max_bytes: int, named: bool = False) -> Iterator[RawDocument | Rejection]:
    suffix = path.suffix.lower()
    if not _is_supported(path):
        if named:  # a file the user named is worth a reason; in a folder, other files are normal
            yield Rejection(
                str(path), f"unsupported file type {suffix or '(none)'}: use .txt, .html or .jsonl", "ingest"
            )
        return
    try:
        if suffix in JSONL_SUFFIXES:  # the limit applies per record: a JSONL file may hold thousands
            yield from _read_jsonl(path, max_bytes)
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


def _read_jsonl(path: Path, max_bytes: int) -> Iterator[RawDocument | Rejection]:
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
                yield _jsonl_record(line, where)


def _skip_rest_of_line(handle: BinaryIO) -> int:
    skipped = 0
    while chunk := handle.readline(1 << 20):
        skipped += len(chunk)
        if chunk.endswith(b"\n"):
            break
    return skipped


def _jsonl_record(line: bytes, where: str) -> RawDocument | Rejection:
    try:
        record = json.loads(_line_text(line, where))
    except json.JSONDecodeError as error:
        return Rejection(where, f"malformed JSON line: {error}", "ingest", content=line)
    if not isinstance(record, dict):
        return Rejection(
            where, f"JSON line is a {type(record).__name__}, not an object", "ingest", content=line
        )
    kind, body = _body(record)
    if body is None:
        reason = 'JSON line has neither a "text" nor an "html" string'
        return Rejection(where, reason, "ingest", content=line)
    if not body.strip():
        return Rejection(where, f'JSON line has an empty "{kind}"', "ingest", content=line)
    hints = Hints(**{name: _string(record.get(name)) for name in HINT_FIELDS})
    source = _string(record.get("id")) or where
    return RawDocument(source=source, content=body.encode("utf-8"), kind=kind, hints=hints)


def _line_text(line: bytes, where: str) -> str:
    """JSON is UTF-8, but files saved by old tools are Windows-1252: read them rather than lose them."""
    try:
        return line.decode("utf-8-sig")
    except UnicodeDecodeError:
        log.warning("%s is not UTF-8; read as Windows-1252", where)
        return line.decode("cp1252", errors="replace")


def _body(record: dict[str, Any]) -> tuple[RawKind, str | None]:
    """The record's text, else its HTML; a non-empty one wins over an empty one."""
    candidates: list[tuple[RawKind, Any]] = [("text", record.get("text")), ("html", record.get("html"))]
    strings = [(kind, value) for kind, value in candidates if isinstance(value, str)]
    for kind, value in strings:
        if value.strip():
            return kind, value
    return strings[0] if strings else ("text", None)


def _string(value: Any) -> str | None:
    if value is None or value == "" or isinstance(value, (dict, list)):
        return None
    return str(value)
