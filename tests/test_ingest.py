"""Ingest: files, folders and JSONL become raw documents; bad input becomes a reason, never an exception."""

from __future__ import annotations

import json

from conftest import DEMO_STORY
from storyline.ingest import iter_inputs
from storyline.model import RawDocument, Rejection


def test_directory_is_walked_recursively_in_a_stable_order(tmp_path):
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "two.html").write_text("<p>x</p>")
    (tmp_path / "one.txt").write_text("x")
    (tmp_path / ".hidden.txt").write_text("x")
    (tmp_path / "notes.md").write_text("x")  # unsupported inside a folder: skipped quietly
    items = list(iter_inputs([tmp_path]))
    assert [(i.source.split("/")[-1], i.kind) for i in items] == [("two.html", "html"), ("one.txt", "text")]


def test_demo_story_files_are_read_verbatim():
    items = list(iter_inputs([DEMO_STORY]))
    assert len(items) == 4 and all(isinstance(i, RawDocument) for i in items)
    first = items[0]
    assert isinstance(first, RawDocument)
    assert first.content == next(DEMO_STORY.glob("001_*.txt")).read_bytes()


def test_jsonl_records_keep_their_id_and_hints(tmp_path):
    path = tmp_path / "in.jsonl"
    records = [
        {"id": "r1", "outlet": "Wire", "title": "T", "published": "2025-03-13", "text": "Body."},
        {"url": "https://example.org/x", "html": "<p>Body</p>"},
    ]
    path.write_text("\n".join(json.dumps(r) for r in records) + "\n\n")
    first, second = list(iter_inputs([path]))
    assert isinstance(first, RawDocument) and first.source == "r1" and first.hints.outlet == "Wire"
    assert first.content == b"Body." and first.kind == "text"
    assert isinstance(second, RawDocument) and second.source == f"{path}:2" and second.kind == "html"


def test_bad_jsonl_lines_are_rejected_one_by_one_and_kept(tmp_path):
    path = tmp_path / "in.jsonl"
    path.write_text('{"text": "ok"}\n{"text": broken\n[1, 2]\n{"title": "no body"}\n{"text": "ok too"}\n')
    items = list(iter_inputs([path]))
    kinds = [type(i).__name__ for i in items]
    assert kinds == ["RawDocument", "Rejection", "Rejection", "Rejection", "RawDocument"]
    broken = items[1]
    assert (
        isinstance(broken, Rejection) and broken.source.endswith(":2") and "malformed JSON" in broken.reason
    )
    assert broken.content == b'{"text": broken\n'  # the bytes are handed on to be kept


def test_oversized_file_is_rejected_without_being_read(tmp_path):
    huge = tmp_path / "huge.txt"
    with huge.open("wb") as handle:
        handle.seek(50 * 1024 * 1024 - 1)
        handle.write(b"x")
    [item] = list(iter_inputs([huge]))
    assert isinstance(item, Rejection) and "52.4 MB" in item.reason and "limit" in item.reason


def test_missing_and_unsupported_paths_are_rejected(tmp_path):
    (tmp_path / "data.csv").write_text("a,b")
    missing, unsupported = list(iter_inputs([tmp_path / "nope.txt", tmp_path / "data.csv"]))
    assert isinstance(missing, Rejection) and "no such file" in missing.reason
    assert isinstance(unsupported, Rejection) and ".csv" in unsupported.reason
