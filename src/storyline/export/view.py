"""View data for the reports: one story at a time, built from the export dict alone.

The HTML and Markdown renderers share it, so both show the same things in the same order.
Article text is cut into segments at quote and entity boundaries; a renderer wraps each
segment as it likes and escapes the text.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import PurePath
from typing import Any

ENTITY_TYPES_SHOWN = ("PERSON", "ORG", "GPE", "LOC", "NORP", "FAC", "EVENT")
STATUS_ORDER = {"differ": 0, "agree": 1, "single": 2}  # disagreements first: what a checker looks for


@dataclass
class Segment:
    text: str
    quote_id: str | None = None  # set on every segment inside a quote
    quote_starts: bool = False  # the first segment of a quote carries its anchor
    entity_type: str | None = None
    anchors: list[str] = field(default_factory=list)  # ids of cited spans (claims, positions) starting here


@dataclass
class SourceView:
    """One cited span: where a claim or a position is stated."""

    anchor: str  # the id of the anchor placed at the span's start in the article text
    article_id: str
    label: str
    start: int
    end: int
    text: str
    value: str | None = None


@dataclass
class ClaimView:
    text: str
    status: str  # agree, differ, single
    kind: str
    sources: list[SourceView]


@dataclass
class PositionView:
    actor: str
    stance: str
    text: str
    sources: list[SourceView]


@dataclass
class CoverageView:
    article_id: str
    label: str
    unique: list[dict[str, Any]]
    missing: list[dict[str, Any]]


@dataclass
class ArticleView:
    id: str
    label: str  # outlet, else the file name
    title: str
    published: str | None
    published_estimated: bool
    source: str
    url: str | None
    segments: list[Segment]
    removed: list[str]


@dataclass
class QuoteView:
    id: str
    text: str
    kind: str
    cue: str | None
    article_id: str
    article_label: str
    start: int
    end: int
    group_id: str | None = None  # set when other outlets carry the same statement


@dataclass
class SpeakerView:
    name: str
    quotes: list[QuoteView] = field(default_factory=list)


@dataclass
class TimelineView:
    date: str
    text: str
    estimated: bool  # rests on an estimated publication day: shown as approximate
    background: bool
    sources: list[tuple[str, str]]  # (article id, outlet label) of each reporting article


@dataclass
class StoryView:
    id: str
    title: str
    first_published: str | None
    last_published: str | None
    articles: list[ArticleView]
    entities: list[dict[str, Any]]
    speakers: list[SpeakerView]
    unattributed: list[QuoteView]
    groups: dict[str, list[QuoteView]]  # group id -> the renderings of one statement across outlets
    extra: dict[str, list[Any]]  # what a later stage adds (briefs) before it has its own view
    timeline: list[TimelineView] = field(default_factory=list)
    claims: list[ClaimView] = field(default_factory=list)
    positions: list[PositionView] = field(default_factory=list)
    coverage: list[CoverageView] = field(default_factory=list)


def anchor_id(article_id: str, start: int, end: int) -> str:
    return f"s-{article_id}-{start}-{end}"


def article_label(article: dict[str, Any]) -> str:
    return article.get("outlet") or PurePath(article.get("source") or article["id"]).name


def segments(
    text: str,
    quotes: list[dict[str, Any]],
    mentions: list[dict[str, Any]],
    anchors: dict[int, list[str]] | None = None,
) -> list[Segment]:
    """Cut ``text`` at every quote and mention boundary and at each cited span's start (``anchors``:
    offset -> anchor ids); overlapping quotes keep the first."""
    anchors = anchors or {}
    chosen: list[dict[str, Any]] = []
    for candidate in sorted(quotes, key=lambda q: (q["start"], -q["end"])):
        if not chosen or candidate["start"] >= chosen[-1]["end"]:
            chosen.append(candidate)
    cuts = {0, len(text)}
    for item in chosen + mentions:
        cuts.update({max(0, min(item["start"], len(text))), max(0, min(item["end"], len(text)))})
    cuts.update(offset for offset in anchors if 0 <= offset < len(text))
    points = sorted(cuts)
    result: list[Segment] = []
    for start, end in zip(points, points[1:], strict=False):
        if start == end:
            continue
        quote = next((q for q in chosen if q["start"] <= start and end <= q["end"]), None)
        mention = next((m for m in mentions if m["start"] <= start and end <= m["end"]), None)
        result.append(
            Segment(
                text=text[start:end],
                quote_id=quote["id"] if quote else None,
                quote_starts=bool(quote and quote["start"] == start),
                entity_type=mention["type"] if mention else None,
                anchors=anchors.get(start, []),
            )
        )
    return result


def story_views(export: dict[str, Any]) -> list[StoryView]:
    articles = {a["id"]: a for a in export["articles"]}
    quotes_by_article: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for quote in export["quotes"]:
        quotes_by_article[quote["article_id"]].append(quote)
    mentions_by_article: dict[str, list[dict[str, Any]]] = defaultdict(list)
    entities_by_story: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for entity in export["entities"]:
        if entity["type"] not in ENTITY_TYPES_SHOWN:
            continue
        for mention in entity["mentions"]:
            mentions_by_article[mention["article_id"]].append({**mention, "type": entity["type"]})
        story_id = entity.get("story_id") or articles.get(entity["mentions"][0]["article_id"], {}).get(
            "story_id"
        )
        entities_by_story[story_id].append(entity)

    anchors_by_article: dict[str, dict[int, list[str]]] = defaultdict(lambda: defaultdict(list))
    for key in ("claims", "positions"):
        for item in export.get(key, []):
            for source in item["sources"]:
                anchor = anchor_id(source["article_id"], source["start"], source["end"])
                offsets = anchors_by_article[source["article_id"]][source["start"]]
                if anchor not in offsets:
                    offsets.append(anchor)

    views = []
    for story in export["stories"]:
        members = [articles[i] for i in story["article_ids"] if i in articles]
        article_views = [
            _article_view(
                a, quotes_by_article[a["id"]], mentions_by_article[a["id"]], anchors_by_article[a["id"]]
            )
            for a in members
        ]
        speakers: dict[str, SpeakerView] = {}
        unattributed: list[QuoteView] = []
        groups: dict[str, list[QuoteView]] = {}
        for article in members:
            for quote in sorted(quotes_by_article[article["id"]], key=lambda q: q["start"]):
                view = QuoteView(
                    id=quote["id"],
                    text=quote["text"],
                    kind=quote["kind"],
                    cue=quote.get("cue"),
                    article_id=article["id"],
                    article_label=article_label(article),
                    start=quote["start"],
                    end=quote["end"],
                    group_id=quote.get("group_id"),
                )
                if view.group_id:
                    groups.setdefault(view.group_id, []).append(view)
                name = (quote.get("speaker") or {}).get("name")
                if name:
                    speakers.setdefault(name, SpeakerView(name)).quotes.append(view)
                else:
                    unattributed.append(view)
        extra = {
            key: [item for item in export.get(key, []) if item.get("story_id") == story["id"]]
            for key in ("briefs",)
        }
        labels = {view.id: view.label for view in article_views}

        mine = [c for c in export.get("claims", []) if c.get("story_id") == story["id"]]
        claims = [
            ClaimView(c["text"], c["status"], c.get("kind", ""), _cited(c["sources"], labels)) for c in mine
        ]
        claims.sort(key=lambda c: (STATUS_ORDER.get(c.status, 9), -len(c.sources)))
        positions = [
            PositionView(p.get("actor") or "", p["stance"], p["text"], _cited(p["sources"], labels))
            for p in export.get("positions", [])
            if p.get("story_id") == story["id"]
        ]
        coverage = [
            CoverageView(c["article_id"], labels.get(c["article_id"], "?"), c["unique"], c["missing"])
            for c in export.get("coverage", [])
            if c.get("story_id") == story["id"]
        ]
        timeline = [
            TimelineView(
                date=item["date"],
                text=item["text"],
                estimated=bool(item.get("estimated")),
                background=bool(item.get("background")),
                sources=list(
                    dict.fromkeys(
                        (s["article_id"], labels.get(s["article_id"], "?")) for s in item["sources"]
                    )
                ),
            )
            for item in export.get("timeline", [])
            if item.get("story_id") == story["id"]
        ]
        views.append(
            StoryView(
                id=story["id"],
                title=story["title"],
                first_published=story.get("first_published"),
                last_published=story.get("last_published"),
                articles=article_views,
                entities=sorted(entities_by_story[story["id"]], key=lambda e: -len(e["mentions"])),
                speakers=sorted(speakers.values(), key=lambda s: -len(s.quotes)),
                unattributed=unattributed,
                groups=groups,
                extra=extra,
                timeline=timeline,
                claims=claims,
                positions=positions,
                coverage=coverage,
            )
        )
    return views


def _cited(sources: list[dict[str, Any]], labels: dict[str, str]) -> list[SourceView]:
    return [
        SourceView(
            anchor=anchor_id(s["article_id"], s["start"], s["end"]),
            article_id=s["article_id"],
            label=labels.get(s["article_id"], "?"),
            start=s["start"],
            end=s["end"],
            text=s.get("text") or "",
            value=s.get("value"),
        )
        for s in sources
    ]


def _article_view(
    article: dict[str, Any],
    quotes: list[dict[str, Any]],
    mentions: list[dict[str, Any]],
    anchors: dict[int, list[str]],
) -> ArticleView:
    return ArticleView(
        id=article["id"],
        label=article_label(article),
        title=article.get("title") or article_label(article),
        published=article.get("published"),
        published_estimated=bool(article.get("published_estimated")),
        source=article.get("source") or "",
        url=article.get("url"),
        segments=segments(article["text"], quotes, mentions, anchors),
        removed=article.get("removed") or [],
    )
