"""Ingest: files, folders and JSONL become raw documents; bad input becomes a reason, never an exception."""

from __future__ import annotations

import json
import random
from pathlib import Path

from conftest import DEMO_STORY
from storyline.ingest import iter_inputs
from storyline.model import Article, RawDocument, Rejection


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
    (tmp_path / "data.xlsx").write_text("a,b")
    missing, unsupported = list(iter_inputs([tmp_path / "nope.txt", tmp_path / "data.xlsx"]))
    assert isinstance(missing, Rejection) and "no such file" in missing.reason
    assert isinstance(unsupported, Rejection) and ".csv" in unsupported.reason


def test_a_50_mb_file_is_rejected_from_its_size_alone(tmp_path, monkeypatch):
    huge = tmp_path / "huge.html"
    with huge.open("wb") as handle:  # sparse: 50 MB on paper, nothing written but the last byte
        handle.truncate(50_000_000)

    def refuse(*_args, **_kwargs):
        raise AssertionError("the oversized file was read")

    monkeypatch.setattr(Path, "read_bytes", refuse)
    [item] = list(iter_inputs([huge]))
    assert isinstance(item, Rejection) and item.stage == "ingest"
    assert item.reason == "file is 50.0 MB, over the 20.0 MB limit (--max-bytes)"


def test_jsonl_malformed_line_between_good_ones(tmp_path):
    path = tmp_path / "feed.jsonl"
    path.write_text(
        json.dumps({"id": "a", "text": "First."})
        + "\n{not json}\n"
        + json.dumps({"id": "b", "html": "<p>B</p>"})
        + "\n",
        encoding="utf-8",
    )
    first, broken, second = list(iter_inputs([path]))
    assert isinstance(first, RawDocument) and first.source == "a"
    assert (
        isinstance(broken, Rejection)
        and broken.source == f"{path}:2"
        and "malformed JSON line" in broken.reason
    )
    assert broken.content == b"{not json}\n" and broken.stage == "ingest"
    assert isinstance(second, RawDocument) and second.source == "b" and second.kind == "html"


def test_jsonl_edge_records(tmp_path):
    path = tmp_path / "edge.jsonl"
    lines = [
        json.dumps({"id": "empty", "text": "  "}),
        json.dumps({"id": "html-wins", "text": "", "html": "<p>Body</p>"}),
        json.dumps({"id": 7, "published": 2025, "outlet": {"odd": 1}, "text": "Numbers."}),
        json.dumps({"text": "x" * 300}),
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    empty, html, numbered, too_long = list(iter_inputs([path], max_bytes=200))
    assert isinstance(empty, Rejection) and 'empty "text"' in empty.reason
    assert isinstance(html, RawDocument) and html.kind == "html" and html.content == b"<p>Body</p>"
    assert isinstance(numbered, RawDocument) and numbered.source == "7"
    assert numbered.hints.published == "2025" and numbered.hints.outlet is None
    assert (
        isinstance(too_long, Rejection)
        and too_long.source == f"{path}:4"
        and "over the 200 bytes limit" in too_long.reason
    )


def test_jsonl_in_windows_1252_is_read_not_lost(tmp_path):
    path = tmp_path / "old.jsonl"
    path.write_bytes('{"id": "c", "text": "Café São Paulo – señor"}\n'.encode("cp1252"))
    [item] = list(iter_inputs([path]))
    assert isinstance(item, RawDocument) and item.content.decode("utf-8") == "Café São Paulo – señor"


def test_hidden_folders_are_not_walked(tmp_path):
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "notes.txt").write_text("x")
    (tmp_path / "a.htm").write_text("<p>x</p>")
    assert [i.source for i in iter_inputs([tmp_path])] == [str(tmp_path / "a.htm")]


def test_a_bad_batch_goes_through_ingest_and_extract(tmp_path):
    """Empty, binary, Latin-1, huge and malformed inputs: each an article or a reason; the good ones come out."""
    from storyline.extract import extract

    good = "A court in Lyon sentenced the former mayor to two years on Monday, his lawyer said."
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "image.txt").write_bytes(
        b"\x89PNG\r\n\x1a\n" + bytes(random.Random(1).randrange(256) for _ in range(4096))
    )
    (tmp_path / "latin1.txt").write_bytes(
        f"Café owners in São Paulo protest\n\n{good} The señor agreed.".encode("latin-1")
    )
    with (tmp_path / "huge.txt").open("wb") as handle:
        handle.truncate(50 * 1024 * 1024)
    (tmp_path / "feed.jsonl").write_text(
        "\n".join(
            [
                json.dumps({"id": "good-1", "text": good}),
                '{"id": "broken", "text": "unterminated',
                json.dumps({"id": "good-2", "outlet": "Wire", "text": good.replace("Lyon", "Nantes")}),
            ]
        )
        + "\n",
        encoding="utf-8",
    )
    outcomes = {}
    for item in iter_inputs([tmp_path]):
        result = extract(item) if isinstance(item, RawDocument) else item
        outcomes[result.source.rsplit("/", 1)[-1]] = result
    assert set(outcomes) == {
        "empty.txt",
        "image.txt",
        "latin1.txt",
        "huge.txt",
        "feed.jsonl:2",
        "good-1",
        "good-2",
    }
    reasons = {name: r.reason for name, r in outcomes.items() if isinstance(r, Rejection)}
    assert reasons == {
        "empty.txt": "empty input",
        "image.txt": "binary content (looks like PNG image), not text",
        "huge.txt": "file is 52.4 MB, over the 20.0 MB limit (--max-bytes)",
        "feed.jsonl:2": reasons["feed.jsonl:2"],
    }
    assert reasons["feed.jsonl:2"].startswith("malformed JSON line: ")
    latin = outcomes["latin1.txt"]
    assert (
        isinstance(latin, Article)
        and latin.title == "Café owners in São Paulo protest"
        and "señor" in latin.text
    )
    assert isinstance(outcomes["good-2"], Article) and outcomes["good-2"].outlet == "Wire"
    assert isinstance(outcomes["good-1"], Article) and outcomes["good-1"].text == good
