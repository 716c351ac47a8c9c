"""Bad input in one batch: each is processed or rejected with a reason, and the rest goes on."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from conftest import DEMO_STORY
from storyline import pipeline
from storyline.cli import app
from storyline.store import Store

pytestmark = pytest.mark.slow

GOOD = "A court in Lyon sentenced the former mayor to two years on Monday, his lawyer said.\n\n" * 3


def _batch(folder):
    (folder / "empty.txt").write_bytes(b"")
    (folder / "binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 40)
    (folder / "latin1.txt").write_bytes(
        "Café owners in São Paulo protest\n\nThe señor who runs the café said prices rose again this week.".encode(
            "latin-1"
        )
    )
    with (folder / "huge.txt").open("wb") as handle:  # 50 MB without writing 50 MB of pages by hand
        handle.seek(50 * 1024 * 1024 - 1)
        handle.write(b"x")
    lines = [
        json.dumps({"id": "good-1", "title": "Court sentences mayor", "text": GOOD}),
        '{"id": "broken", "text": "unterminated',
        json.dumps({"id": "good-2", "outlet": "Wire", "text": GOOD.replace("Lyon", "Nantes")}),
    ]
    (folder / "feed.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")


def test_bad_inputs_are_rejected_with_reasons_and_nothing_stored_is_lost(tmp_path, nlp):
    store = Store.open(tmp_path / "s.db")
    pipeline.run(store, [DEMO_STORY], nlp=nlp)
    before = {a.id: a.text for a in store.articles()}

    batch = tmp_path / "batch"
    batch.mkdir()
    _batch(batch)
    report = pipeline.run(store, [batch], nlp=nlp)

    reasons = {r.source.split("/")[-1]: r.reason for r in store.rejections()}
    assert "empty" in reasons["empty.txt"].lower()
    assert "binary" in reasons["binary.txt"].lower()
    assert "MB" in reasons["huge.txt"]
    assert any(source.startswith("feed.jsonl") for source in reasons), reasons
    assert len(report.rejected) == 4

    articles = {a.source.split("/")[-1]: a for a in store.articles()}
    assert "café" in articles["latin1.txt"].text and "São Paulo" in (articles["latin1.txt"].title or "")
    assert {"good-1", "good-2"} <= set(articles)
    after = {a.id: a.text for a in store.articles()}
    assert all(after[i] == text for i, text in before.items())  # nothing stored before was lost
    assert store.unannotated_ids() == []

    listed = CliRunner().invoke(app, ["rejected", "--json", "--db", str(tmp_path / "s.db")])
    assert listed.exit_code == 0
    assert {r["stage"] for r in json.loads(listed.output)} <= {"ingest", "extract"}


def test_a_killed_run_resumes(tmp_path, nlp):
    store = Store.open(tmp_path / "s.db")
    report = pipeline.RunReport()
    pipeline.ingest(store, [DEMO_STORY], report)  # "killed" after ingest: raw inputs kept, nothing more
    assert len(store.pending_raw_ids()) == 4 and store.articles() == []
    pipeline.process(store, nlp=nlp)
    assert len(store.articles()) == 4 and store.pending_raw_ids() == [] and len(store.stories()) == 1


def test_max_bytes_is_a_cli_option(tmp_path, nlp):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text(GOOD, encoding="utf-8")
    result = CliRunner().invoke(
        app, ["ingest", str(tmp_path / "in"), "--db", str(tmp_path / "s.db"), "--max-bytes", "100"]
    )
    assert result.exit_code == 0, result.output
    [rejection] = Store.open(tmp_path / "s.db").rejections()
    assert rejection.reason.endswith("over the 100 bytes limit (--max-bytes)")
