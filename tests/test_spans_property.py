"""Property: whatever the text, every exported span satisfies ``text[start:end] == span text``."""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from spans import bad_spans
from storyline import pipeline
from storyline.export import build_export
from storyline.store import Store

WORDS = [
    "said",
    "told",
    "reporters",
    "Putin",
    "Vladimir",
    "Ushakov",
    "the",
    "Kremlin",
    "on",
    "Wednesday",
    "in",
    "Kyiv",
    "ceasefire",
    "30-day",
    "last",
    "August",
    "He",
    "she",
    "“",
    "”",
    '"',
    "‘",
    "’",
    "—",
    ",",
    ".",
    ":",
    "Zelenskyy",
    "Trump",
    "Donald",
    "according",
    "to",
    "Moscow",
    "2025",
    "March",
    "13",
    "é",
    "\u00a0",
    "?",
]
paragraph = st.lists(st.sampled_from(WORDS), min_size=1, max_size=40).map(" ".join)
article_text = st.lists(paragraph, min_size=1, max_size=6).map("\n\n".join)


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(texts=st.lists(article_text, min_size=1, max_size=3))
def test_every_exported_span_points_at_its_text(nlp, texts):
    with tempfile.TemporaryDirectory() as folder:
        corpus = Path(folder) / "in.jsonl"
        corpus.write_text(
            "\n".join(
                json.dumps({"id": f"a{i}", "published": "2025-03-13", "text": t}) for i, t in enumerate(texts)
            ),
            encoding="utf-8",
        )
        store = Store.open(Path(folder) / "s.db")
        pipeline.run(store, [corpus], nlp=nlp)
        export = build_export(store)
        store.close()
    assert bad_spans(export) == []
