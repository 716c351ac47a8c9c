"""Every span-bearing item of an export, for checking ``text[start:end] == span text``."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any


def iter_spans(export: dict[str, Any]) -> Iterator[tuple[str, str, int, int, str]]:
    """(kind, article_id, start, end, text) for every span that names its text."""
    for entity in export["entities"]:
        for m in entity["mentions"]:
            yield "mention", m["article_id"], m["start"], m["end"], m["text"]
    for q in export["quotes"]:
        yield "quote", q["article_id"], q["start"], q["end"], q["text"]
        speaker = q["speaker"]
        if speaker is not None:
            yield "speaker", speaker["article_id"], speaker["start"], speaker["end"], speaker["text"]
    for t in export["times"]:
        yield "time", t["article_id"], t["start"], t["end"], t["text"]
    for group in ("claims", "positions"):
        for item in export[group]:
            for s in item["sources"]:
                yield group, s["article_id"], s["start"], s["end"], s["text"]


def bad_spans(export: dict[str, Any]) -> list[tuple[str, str, int, int, str, str]]:
    texts = {a["id"]: a["text"] for a in export["articles"]}
    return [
        (kind, article_id, start, end, text, texts[article_id][start:end])
        for kind, article_id, start, end, text in iter_spans(export)
        if texts[article_id][start:end] != text
    ]
