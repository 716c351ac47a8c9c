"""The export contract (``storyline.export/1``): one JSON document for tools and tests.

Built from the store alone. Fields a later stage will fill are present as empty lists, and
unknown values are ``null``, never absent, so consumers can rely on the shape.
"""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from storyline.model import (
    Annotations,
    Article,
    Claim,
    Coverage,
    Position,
    ResolvedQuote,
    StoryAnalysis,
    TimelineEntry,
)
from storyline.store import Store

SCHEMA = "storyline.export/1"


def build_export(store: Store, story_ids: set[str] | None = None) -> dict[str, Any]:
    stories = [s for s in store.stories() if story_ids is None or s.id in story_ids]
    wanted = {article_id for story in stories for article_id in story.article_ids}
    articles = [a for a in store.articles() if story_ids is None or a.id in wanted]
    annotations = store.annotations([a.id for a in articles])
    analyses = store.analyses()

    export: dict[str, Any] = {
        "schema": SCHEMA,
        "articles": [_article(a) for a in articles],
        "stories": [
            {
                "id": s.id,
                "title": s.title,
                "article_ids": s.article_ids,
                "first_published": s.first_published,
                "last_published": s.last_published,
            }
            for s in stories
        ],
        "entities": [],
        "quotes": [],
        "times": [item for a in articles if a.id in annotations for item in _times(a.id, annotations[a.id])],
        "timeline": [],
        "claims": [],
        "positions": [],
        "coverage": [],
        "briefs": [],
    }
    for story in stories:
        analysis = analyses.get(story.id)
        if analysis is not None:
            export["entities"].extend(_entities(analysis))
            export["quotes"].extend(_quote(q) for q in analysis.quotes)
            export["timeline"].extend(_timeline_entry(story.id, entry) for entry in analysis.timeline)
            export["claims"].extend(_claim(story.id, claim) for claim in analysis.claims)
            export["positions"].extend(_position(story.id, position) for position in analysis.positions)
            export["coverage"].extend(_coverage(story.id, item) for item in analysis.coverage)
    if story_ids is None:
        export["rejected"] = [
            {"source": r.source, "stage": r.stage, "reason": r.reason, "raw_id": r.raw_id}
            for r in store.rejections()
        ]
    return export


def _timeline_entry(story_id: str, entry: TimelineEntry) -> dict[str, Any]:
    return {
        "story_id": story_id,
        "date": entry.date,
        "text": entry.text,
        "estimated": entry.estimated,
        "background": entry.background,
        "sources": [{"article_id": s.article_id, "start": s.start, "end": s.end} for s in entry.sources],
    }


def _claim(story_id: str, claim: Claim) -> dict[str, Any]:
    return {
        "id": claim.id,
        "story_id": story_id,
        "text": claim.text,
        "status": claim.status,
        "kind": claim.kind,
        "sources": [asdict(source) for source in claim.sources],
    }


def _position(story_id: str, position: Position) -> dict[str, Any]:
    return {
        "story_id": story_id,
        "entity_id": position.entity_id,
        "actor": position.actor,
        "stance": position.stance,
        "text": position.text,
        "sources": [asdict(source) for source in position.sources],
    }


def _coverage(story_id: str, coverage: Coverage) -> dict[str, Any]:
    return {
        "story_id": story_id,
        "article_id": coverage.article_id,
        "outlet": coverage.outlet,
        "unique": [asdict(item) for item in coverage.unique],
        "missing": [asdict(item) for item in coverage.missing],
    }


def _article(article: Article) -> dict[str, Any]:
    return {
        "id": article.id,
        "source": article.source,
        "url": article.url,
        "outlet": article.outlet,
        "title": article.title,
        "author": article.author,
        "published": article.published,
        "published_estimated": article.published_estimated,
        "language": article.language,
        "dateline": article.dateline,
        "text": article.text,
        "story_id": article.story_id,
        "duplicate_of": article.duplicate_of,
        "removed": article.removed,
    }


def _times(article_id: str, notes: Annotations) -> list[dict[str, Any]]:
    return [
        {
            "article_id": article_id,
            "start": t.start,
            "end": t.end,
            "text": t.text,
            "value": t.value,
            "type": t.type,
        }
        for t in notes.times
    ]


def _entities(analysis: StoryAnalysis) -> list[dict[str, Any]]:
    return [
        {
            "id": e.id,
            "story_id": analysis.story_id,
            "name": e.name,
            "type": e.type,
            "aliases": e.aliases,
            "descriptions": e.descriptions,
            "global_id": e.global_id,
            "stands_for": e.stands_for,
            "mentions": [
                {"article_id": m.article_id, "start": m.start, "end": m.end, "text": m.text}
                for m in e.mentions
            ],
        }
        for e in analysis.entities
    ]


def _quote(resolved: ResolvedQuote) -> dict[str, Any]:
    quote = resolved.quote
    speaker = None
    if quote.speaker is not None:
        speaker = {
            "entity_id": resolved.speaker_entity_id,
            "name": resolved.speaker_name or quote.speaker.name,
            "article_id": resolved.article_id,
            "start": quote.speaker.start,
            "end": quote.speaker.end,
            "text": quote.speaker.text,
        }
    return {
        "id": resolved.id,
        "article_id": resolved.article_id,
        "start": quote.start,
        "end": quote.end,
        "text": quote.text,
        "kind": quote.kind,
        "cue": quote.cue,
        "cue_start": quote.cue_start,
        "cue_end": quote.cue_end,
        "speaker": speaker,
        "group_id": resolved.group_id,
    }
