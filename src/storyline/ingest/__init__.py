"""Ingest: files, directories and JSONL into raw documents, kept verbatim.

Ingest decides only what an input *is* (plain text, HTML, one JSONL record) and where it came
from; reading the words is the extract stage's job. A bad input never raises: it becomes a
``Rejection`` with a reason a user can act on, and the batch goes on.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from storyline.model import Hints, RawDocument, RawKind, Rejection

log = logging.getLogger(__name__)

DEFAULT_MAX_BYTES = 20_000_000
KIND_BY_SUFFIX: dict[str, RawKind] = {".txt": "text", ".text": "text", ".html": "html", ".htm": "html"}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}
HINT_FIELDS = ("url", "outlet", "title", "author", "published", "language")


def _megabytes(size: int) -> str:
    return f"{size / 1_000_000:.1f} MB" if size >= 100_000 else f"{size:,} bytes"


def _walk(path: Path) -> Iterator[Path]:
    """Supported files below ``path``, in a stable order, skipping hidden files and folders."""
    for child in sorted(path.rglob("*")):
        relative = child.relative_to(path)
        if any(part.startswith(".") for part in relative.parts) or not child.is_file():
            continue
        if child.suffix.lower() in KIND_BY_SUFFIX or child.suffix.lower() in JSONL_SUFFIXES:
            yield child


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
    if suffix not in KIND_BY_SUFFIX and suffix not in JSONL_SUFFIXES:
        if named:
            yield Rejection(
                str(path), f"unsupported file type {suffix or '(none)'}: use .txt, .html or .jsonl", "ingest"
            )
        return
    size = path.stat().st_size
    if (
        size > max_bytes and suffix not in JSONL_SUFFIXES
    ):  # checked before reading: a huge file is never loaded
        yield Rejection(
            str(path),
            f"file is {_megabytes(size)}, over the {_megabytes(max_bytes)} limit (--max-bytes)",
            "ingest",
        )
        return
    try:
        if suffix in JSONL_SUFFIXES:
            yield from _read_jsonl(path, max_bytes)
        else:
            yield RawDocument(source=str(path), content=path.read_bytes(), kind=KIND_BY_SUFFIX[suffix])
    except OSError as error:
        yield Rejection(str(path), f"cannot read file: {error.strerror or error}", "ingest")


def _read_jsonl(path: Path, max_bytes: int) -> Iterator[RawDocument | Rejection]:
    """One raw document per line; a bad line is rejected on its own and the file goes on."""
    with path.open("rb") as handle:
        for number, line in enumerate(handle, start=1):
            if not line.strip():
                continue
            where = f"{path}:{number}"
            if len(line) > max_bytes:
                yield Rejection(
                    where,
                    f"line is {_megabytes(len(line))}, over the {_megabytes(max_bytes)} limit",
                    "ingest",
                )
                continue
            yield _jsonl_record(line, where)


def _jsonl_record(line: bytes, where: str) -> RawDocument | Rejection:
    try:
        record = json.loads(line)
    except (json.JSONDecodeError, UnicodeDecodeError) as error:
        return Rejection(where, f"malformed JSON line: {error}", "ingest", content=line)
    if not isinstance(record, dict):
        return Rejection(
            where, f"JSON line is a {type(record).__name__}, not an object", "ingest", content=line
        )
    body: Any = record.get("text") if record.get("text") is not None else record.get("html")
    kind: RawKind = "text" if record.get("text") is not None else "html"
    if not isinstance(body, str):
        return Rejection(where, 'JSON line has neither a "text" nor an "html" string', "ingest", content=line)
    hints = Hints(**{name: _string(record.get(name)) for name in HINT_FIELDS})
    source = _string(record.get("id")) or where
    return RawDocument(source=source, content=body.encode("utf-8"), kind=kind, hints=hints)


def _string(value: Any) -> str | None:
    if value is None or value == "":
        return None
    return str(value)
