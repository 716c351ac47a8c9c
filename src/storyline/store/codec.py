"""JSON round-trips for the records kept as documents (annotations, story analyses)."""

from __future__ import annotations

import json
from dataclasses import asdict
from typing import Any

from storyline.model import (
    Annotations,
    Claim,
    ClaimSource,
    Coverage,
    CoverageItem,
    Entity,
    Mention,
    Position,
    Quote,
    ResolvedQuote,
    Span,
    Speaker,
    StoryAnalysis,
    TimeExpression,
    TimelineEntry,
)


def dumps(record: Any) -> str:
    return json.dumps(asdict(record), ensure_ascii=False, separators=(",", ":"))


def _quote(data: dict[str, Any]) -> Quote:
    speaker = data.get("speaker")
    return Quote(**{**data, "speaker": Speaker(**speaker) if speaker else None})


def annotations_from_json(text: str) -> Annotations:
    data = json.loads(text)
    return Annotations(
        article_id=data["article_id"],
        sentences=[(s[0], s[1]) for s in data["sentences"]],
        mentions=[Mention(**m) for m in data["mentions"]],
        quotes=[_quote(q) for q in data["quotes"]],
        times=[TimeExpression(**t) for t in data["times"]],
    )


def analysis_from_json(text: str) -> StoryAnalysis:
    data = json.loads(text)
    entities = [Entity(**{**e, "mentions": [Span(**m) for m in e["mentions"]]}) for e in data["entities"]]
    quotes = [ResolvedQuote(**{**q, "quote": _quote(q["quote"])}) for q in data["quotes"]]
    timeline = [
        TimelineEntry(**{**t, "sources": [Span(**m) for m in t["sources"]]}) for t in data.get("timeline", [])
    ]
    claims = [
        Claim(**{**c, "sources": [ClaimSource(**m) for m in c["sources"]]}) for c in data.get("claims", [])
    ]
    positions = [
        Position(**{**p, "sources": [Span(**m) for m in p["sources"]]}) for p in data.get("positions", [])
    ]
    coverage = [
        Coverage(
            **{
                **c,
                "unique": [CoverageItem(**i) for i in c["unique"]],
                "missing": [CoverageItem(**i) for i in c["missing"]],
            }
        )
        for c in data.get("coverage", [])
    ]
    return StoryAnalysis(
        story_id=data["story_id"],
        entities=entities,
        quotes=quotes,
        timeline=timeline,
        claims=claims,
        positions=positions,
        coverage=coverage,
    )
